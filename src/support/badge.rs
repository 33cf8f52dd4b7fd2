//! The public response-time badge: "usually answers within 35 minutes",
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

/// The badge as an image a company can put on its own site: the
/// platform's name and the badge's words, escaped, on the brand colour.
pub fn svg(text: &str) -> String {
    let escaped: String = text
        .chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            c => c.to_string(),
        })
        .collect();
    // About 6.6 px a character at 12 px: a badge wide enough for its words.
    let text_width = (text.chars().count() as f64 * 6.6).ceil() as i64;
    let width = 58 + text_width + 12;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"24\" role=\"img\" aria-label=\"Tillit: {escaped}\">\
         <title>Tillit: {escaped}</title>\
         <rect width=\"{width}\" height=\"24\" rx=\"4\" fill=\"#1f5f8b\"/>\
         <rect x=\"52\" width=\"{}\" height=\"24\" rx=\"4\" fill=\"#ffffff\"/>\
         <rect x=\"52\" width=\"6\" height=\"24\" fill=\"#ffffff\"/>\
         <g font-family=\"system-ui, -apple-system, Segoe UI, Roboto, sans-serif\" font-size=\"12\">\
         <text x=\"8\" y=\"16\" fill=\"#ffffff\" font-weight=\"700\">Tillit</text>\
         <text x=\"60\" y=\"16\" fill=\"#1d2430\">{escaped}</text></g></svg>",
        width - 52
    )
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
    fn the_badge_image_carries_its_words_escaped() {
        let image = svg("Usually answers within 35 minutes <&>");
        assert!(image.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(image.contains("Usually answers within 35 minutes &lt;&amp;&gt;"));
        assert!(!image.contains("<&>"));
    }
}
