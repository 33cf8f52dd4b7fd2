//! The public response-time badge: "typically answers in about N minutes",
//! the average time to first answer of the threads answered in the last
//! hour, falling back to the last 24 hours, then to "not enough data".

/// Answered threads in a window: how many, and their summed waiting time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub answered: i64,
    pub total_secs: i64,
}

/// What the badge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge {
    /// Average seconds to first answer over `window_hours`.
    Average {
        secs: i64,
        answered: i64,
        window_hours: i32,
    },
    NotEnoughData,
}

/// The seeds' formula: sum of (first answer − question) / number answered,
/// over the last hour when anything was answered then, else the last day.
pub fn choose(last_hour: Window, last_day: Window) -> Badge {
    for (window, hours) in [(last_hour, 1), (last_day, 24)] {
        if window.answered > 0 {
            return Badge::Average {
                secs: window.total_secs / window.answered,
                answered: window.answered,
                window_hours: hours,
            };
        }
    }
    Badge::NotEnoughData
}

/// Minutes as people say them: at least one, rounded to the nearest.
pub fn about_minutes(secs: i64) -> i64 {
    ((secs + 30) / 60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_hour_wins_when_it_has_answers() {
        let hour = Window {
            answered: 3,
            total_secs: 3 * 600 + 300,
        };
        let day = Window {
            answered: 40,
            total_secs: 40 * 3600,
        };
        assert_eq!(
            choose(hour, day),
            Badge::Average {
                secs: 700,
                answered: 3,
                window_hours: 1
            }
        );
    }

    #[test]
    fn falls_back_to_the_day_then_to_no_data() {
        let day = Window {
            answered: 4,
            total_secs: 4 * 1800,
        };
        assert_eq!(
            choose(Window::default(), day),
            Badge::Average {
                secs: 1800,
                answered: 4,
                window_hours: 24
            }
        );
        assert_eq!(
            choose(Window::default(), Window::default()),
            Badge::NotEnoughData
        );
    }

    #[test]
    fn minutes_are_rounded_and_never_zero() {
        assert_eq!(about_minutes(0), 1);
        assert_eq!(about_minutes(89), 1);
        assert_eq!(about_minutes(90), 2);
        assert_eq!(about_minutes(700), 12);
    }
}
