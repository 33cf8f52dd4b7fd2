//! Office-hours arithmetic: when a company's desk is open, how much office
//! time lies between two instants, and when a target measured in office time
//! falls due. Times in the database are UTC; opening hours are local to the
//! company's time zone, so daylight-saving changes move them in UTC.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

pub const MINUTES_PER_DAY: u32 = 24 * 60;
/// How far ahead the search for an opening goes before giving up (a desk
/// that is closed for a whole year is closed).
const HORIZON_DAYS: i64 = 400;

/// One day's opening, in minutes after local midnight (`close` may be 1440).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    pub open: u32,
    pub close: u32,
}

/// Opening hours Monday to Sunday; `None` is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week(pub [Option<Opening>; 7]);

impl Default for Week {
    /// Weekdays 08:00–17:00.
    fn default() -> Week {
        let day = Some(Opening {
            open: 8 * 60,
            close: 17 * 60,
        });
        Week([day, day, day, day, day, None, None])
    }
}

/// "08:00" → 480; "24:00" is allowed as the end of the day.
pub fn parse_clock(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let minutes = h * 60 + m;
    (m < 60 && minutes <= MINUTES_PER_DAY).then_some(minutes)
}

pub fn format_clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Opening hours that cannot be read, or that close before they open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidHours;

/// "08:00-17:00" (or empty for closed) into an opening.
pub fn parse_opening(text: &str) -> Result<Option<Opening>, InvalidHours> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (open, close) = text.split_once('-').ok_or(InvalidHours)?;
    let open = parse_clock(open).ok_or(InvalidHours)?;
    let close = parse_clock(close).ok_or(InvalidHours)?;
    if open >= close {
        return Err(InvalidHours);
    }
    Ok(Some(Opening { open, close }))
}

impl Week {
    /// Stored form: seven "HH:MM-HH:MM" or empty entries joined by ';'.
    pub fn parse(stored: &str) -> Option<Week> {
        let parts: Vec<&str> = stored.split(';').collect();
        if parts.len() != 7 {
            return None;
        }
        let mut days = [None; 7];
        for (slot, part) in days.iter_mut().zip(parts) {
            *slot = parse_opening(part).ok()?;
        }
        Some(Week(days))
    }

    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|d| d.map(format_opening).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(";")
    }
}

pub fn format_opening(opening: Opening) -> String {
    format!(
        "{}-{}",
        format_clock(opening.open),
        format_clock(opening.close)
    )
}

/// A company's desk hours: time zone, weekly hours, holidays (local dates).
#[derive(Debug, Clone)]
pub struct Schedule {
    pub tz: Tz,
    pub week: Week,
    pub holidays: BTreeSet<NaiveDate>,
}

impl Schedule {
    /// The UTC interval the desk is open on a local date, if it is.
    fn open_on(&self, date: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        if self.holidays.contains(&date) {
            return None;
        }
        let opening = self.opening_of(date)?;
        let open = self.local_to_utc(date, opening.open);
        let close = self.local_to_utc(date, opening.close);
        (open < close).then_some((open, close))
    }

    fn opening_of(&self, date: NaiveDate) -> Option<Opening> {
        self.week.0[date.weekday().num_days_from_monday() as usize]
    }

    /// A local wall-clock time as UTC. In the spring-forward gap the clock
    /// jumps, so a time inside the gap is the moment the gap ends; in the
    /// autumn overlap the earlier of the two instants is taken.
    fn local_to_utc(&self, date: NaiveDate, minutes: u32) -> NaiveDateTime {
        let local =
            date.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minutes as i64);
        for shift in 0..=180 {
            let candidate = local + Duration::minutes(shift);
            match self.tz.from_local_datetime(&candidate) {
                LocalResult::Single(t) => return t.naive_utc(),
                LocalResult::Ambiguous(early, _) => return early.naive_utc(),
                LocalResult::None => continue,
            }
        }
        local
    }

    fn local_date(&self, at: NaiveDateTime) -> NaiveDate {
        self.tz.from_utc_datetime(&at).date_naive()
    }

    /// Whether the desk is open at this UTC instant.
    pub fn is_open(&self, at: NaiveDateTime) -> bool {
        let date = self.local_date(at);
        // An opening never spans midnight, so only the local date matters.
        self.open_on(date)
            .is_some_and(|(open, close)| open <= at && at < close)
    }

    /// Seconds of office time between two UTC instants (0 when `to <= from`).
    /// Long spans (a thread waiting for months) count whole weeks by
    /// arithmetic instead of day by day; a week with a daylight-saving
    /// change in it is still counted day by day, so the result is exact.
    pub fn office_secs_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        self.office_between(from, to).num_seconds()
    }

    /// Office seconds from each of `froms` until `to`, for many threads
    /// measured against one moment (the desk). The spans are chained newest
    /// first, so the office time between two questions is counted once
    /// instead of once for every thread older than both; the sums are the
    /// same durations `office_secs_between` adds, so the results are too.
    pub fn office_secs_each_until(&self, froms: &[NaiveDateTime], to: NaiveDateTime) -> Vec<i64> {
        let mut newest_first: Vec<usize> = (0..froms.len()).collect();
        newest_first.sort_by(|a, b| froms[*b].cmp(&froms[*a]));
        let mut secs = vec![0; froms.len()];
        let mut total = Duration::zero();
        let mut reached = to;
        for i in newest_first {
            if froms[i] < reached {
                total += self.office_between(froms[i], reached);
                reached = froms[i];
            }
            secs[i] = total.num_seconds();
        }
        secs
    }

    fn office_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> Duration {
        if to <= from {
            return Duration::zero();
        }
        let first = self.local_date(from);
        let last = self.local_date(to);
        // Summed as durations: truncating each day's part to whole seconds
        // would lose a second at every midnight.
        let mut total = Duration::zero();
        let whole_weeks = ((last - first).num_days() - 1).max(0) / 7;
        // Days strictly between the first and the last lie wholly inside the span.
        let middle_start = first + Duration::days(1);
        let middle_end = middle_start + Duration::days(whole_weeks * 7);
        total += self.days_within(first, middle_start, from, to);
        // Local midnights of the middle weeks, stepped in UTC: seven days
        // of UTC later is the next week's local midnight unless the offset
        // changed, which one cheap offset lookup per week tells.
        let mut week = middle_start;
        let mut midnight = self.local_to_utc(week, 0);
        let mut offset = self.offset_at(midnight);
        while week < middle_end {
            let next_midnight = midnight + Duration::days(7);
            let next_offset = self.offset_at(next_midnight);
            if next_offset == offset {
                total += self.whole_week(week);
            } else {
                total += self.days_within(
                    week,
                    week + Duration::days(7),
                    NaiveDateTime::MIN,
                    NaiveDateTime::MAX,
                );
            }
            week += Duration::days(7);
            if next_offset == offset {
                midnight = next_midnight;
            } else {
                midnight = self.local_to_utc(week, 0);
                offset = self.offset_at(midnight);
            }
        }
        total += self.days_within(middle_end, last + Duration::days(1), from, to);
        total
    }

    /// Office time on the dates `start..end` that falls between `from` and `to`.
    fn days_within(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Duration {
        let mut total = Duration::zero();
        let mut date = start;
        while date < end {
            if let Some((open, close)) = self.open_on(date) {
                let (start, end) = (open.max(from), close.min(to));
                if end > start {
                    total += end - start;
                }
            }
            date += Duration::days(1);
        }
        total
    }

    /// Seconds the zone is ahead of UTC at a UTC instant.
    fn offset_at(&self, at: NaiveDateTime) -> i32 {
        use chrono::Offset;
        self.tz
            .offset_from_utc_datetime(&at)
            .fix()
            .local_minus_utc()
    }

    /// Office time in the seven days from `start` when the clock does not
    /// change in them: each opening lasts its wall-clock length.
    fn whole_week(&self, start: NaiveDate) -> Duration {
        let mut total = Duration::zero();
        for day in 0..7 {
            let date = start + Duration::days(day);
            if self.holidays.contains(&date) {
                continue;
            }
            if let Some(opening) = self.opening_of(date) {
                total += Duration::minutes(i64::from(opening.close - opening.open));
            }
        }
        total
    }

    /// The first instant at or after `at` when the desk is open.
    pub fn next_opening(&self, at: NaiveDateTime) -> Option<NaiveDateTime> {
        let mut date = self.local_date(at);
        for _ in 0..HORIZON_DAYS {
            if let Some((open, close)) = self.open_on(date) {
                if at < close {
                    return Some(open.max(at));
                }
            }
            date = date.succ_opt()?;
        }
        None
    }

    /// When `secs` of office time have passed after `from`: the due time of
    /// a target counted in office hours. `None` if the desk never opens.
    pub fn add_office_secs(&self, from: NaiveDateTime, secs: i64) -> Option<NaiveDateTime> {
        let mut left = secs.max(0);
        let mut date = self.local_date(from);
        for _ in 0..HORIZON_DAYS {
            if let Some((open, close)) = self.open_on(date) {
                let start = open.max(from);
                if close > start {
                    let available = (close - start).num_seconds();
                    if left <= available {
                        return Some(start + Duration::seconds(left));
                    }
                    left -= available;
                }
            }
            date = date.succ_opt()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test time")
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    fn stockholm() -> Schedule {
        Schedule {
            tz: chrono_tz::Europe::Stockholm,
            week: Week::default(),
            holidays: BTreeSet::new(),
        }
    }

    #[test]
    fn clocks_and_weeks_round_trip() {
        assert_eq!(parse_clock("08:30"), Some(510));
        assert_eq!(parse_clock("24:00"), Some(1440));
        assert_eq!(parse_clock("24:01"), None);
        assert_eq!(parse_clock("8:60"), None);
        assert_eq!(parse_opening("17:00-08:00"), Err(InvalidHours));
        assert_eq!(parse_opening(" "), Ok(None));
        let week = Week::default();
        assert_eq!(Week::parse(&week.to_stored()), Some(week));
        assert_eq!(
            Week::default().to_stored(),
            "08:00-17:00;08:00-17:00;08:00-17:00;08:00-17:00;08:00-17:00;;"
        );
        assert_eq!(Week::parse("08:00-17:00"), None);
    }

    #[test]
    fn within_one_open_day() {
        let s = stockholm();
        // Wednesday 2026-11-25, Stockholm is UTC+1 in winter: open 07:00–16:00 UTC.
        assert!(!s.is_open(utc("2026-11-25 06:59")));
        assert!(s.is_open(utc("2026-11-25 07:00")));
        assert!(!s.is_open(utc("2026-11-25 16:00")));
        assert_eq!(
            s.office_secs_between(utc("2026-11-25 08:00"), utc("2026-11-25 08:30")),
            1800
        );
        // Before opening counts from the opening.
        assert_eq!(
            s.office_secs_between(utc("2026-11-25 05:00"), utc("2026-11-25 07:45")),
            45 * 60
        );
    }

    #[test]
    fn the_weekend_does_not_count() {
        let s = stockholm();
        // Friday 15:30 UTC (16:30 local) to Monday 07:30 UTC (08:30 local):
        // 30 minutes on Friday, 30 on Monday.
        assert_eq!(
            s.office_secs_between(utc("2026-11-27 15:30"), utc("2026-11-30 07:30")),
            3600
        );
        // A 30-minute target asked on Saturday is due Monday 08:30 local.
        assert_eq!(
            s.add_office_secs(utc("2026-11-28 12:00"), 1800),
            Some(utc("2026-11-30 07:30"))
        );
        assert_eq!(
            s.next_opening(utc("2026-11-28 12:00")),
            Some(utc("2026-11-30 07:00"))
        );
        // Friday 16:50 local: ten minutes on Friday, twenty on Monday.
        assert_eq!(
            s.add_office_secs(utc("2026-11-27 15:50"), 1800),
            Some(utc("2026-11-30 07:20"))
        );
    }

    #[test]
    fn holidays_are_closed() {
        let mut s = stockholm();
        // Christmas Eve and Christmas Day fall on Thursday and Friday in 2026.
        s.holidays.insert(date("2026-12-24"));
        s.holidays.insert(date("2026-12-25"));
        assert!(!s.is_open(utc("2026-12-24 10:00")));
        assert_eq!(
            s.next_opening(utc("2026-12-23 16:30")),
            Some(utc("2026-12-28 07:00"))
        );
        // Wednesday 16:40 local → 20 minutes Wednesday, then Monday.
        assert_eq!(
            s.add_office_secs(utc("2026-12-23 15:40"), 1800),
            Some(utc("2026-12-28 07:10"))
        );
        assert_eq!(
            s.office_secs_between(utc("2026-12-23 15:40"), utc("2026-12-28 07:10")),
            1800
        );
    }

    #[test]
    fn time_zones_move_the_hours() {
        let helsinki = Schedule {
            tz: chrono_tz::Europe::Helsinki,
            ..stockholm()
        };
        // 08:00 in Helsinki is 06:00 UTC in winter; Stockholm is still closed.
        assert!(helsinki.is_open(utc("2026-11-25 06:30")));
        assert!(!stockholm().is_open(utc("2026-11-25 06:30")));
        let utc_desk = Schedule {
            tz: chrono_tz::UTC,
            ..stockholm()
        };
        assert!(utc_desk.is_open(utc("2026-11-25 16:30")));
        assert!(!stockholm().is_open(utc("2026-11-25 16:30")));
    }

    #[test]
    fn daylight_saving_changes_keep_local_hours() {
        let s = stockholm();
        // Summer time: 08:00 local is 06:00 UTC (Monday 2026-03-30, after the
        // change on Sunday 29 March); winter time the Monday before: 07:00 UTC.
        assert_eq!(
            s.next_opening(utc("2026-03-23 00:00")),
            Some(utc("2026-03-23 07:00"))
        );
        assert_eq!(
            s.next_opening(utc("2026-03-30 00:00")),
            Some(utc("2026-03-30 06:00"))
        );
        // Friday 16:00 local before the change to Monday 09:00 local after:
        // one office hour each side, although 63 wall-clock hours passed.
        assert_eq!(
            s.office_secs_between(utc("2026-03-27 15:00"), utc("2026-03-30 07:00")),
            2 * 3600
        );
        // Autumn: back to UTC+1 on Sunday 25 October 2026.
        assert_eq!(
            s.next_opening(utc("2026-10-26 00:00")),
            Some(utc("2026-10-26 07:00"))
        );
    }

    #[test]
    fn an_opening_in_the_spring_gap_starts_when_the_clock_resumes() {
        // A desk open Sundays 02:30–04:00 local: on 29 March 2026 02:30 does
        // not exist in Stockholm (02:00 → 03:00), so it opens at 03:00 local.
        let mut week = Week([None; 7]);
        week.0[6] = Some(Opening {
            open: 150,
            close: 240,
        });
        let s = Schedule {
            week,
            ..stockholm()
        };
        // 03:00 CEST is 01:00 UTC; close 04:00 CEST is 02:00 UTC.
        assert_eq!(
            s.next_opening(utc("2026-03-28 12:00")),
            Some(utc("2026-03-29 01:00"))
        );
        assert_eq!(
            s.office_secs_between(utc("2026-03-29 00:00"), utc("2026-03-29 03:00")),
            3600
        );
    }

    #[test]
    fn midnight_does_not_lose_a_second() {
        let s = Schedule {
            tz: chrono_tz::UTC,
            week: Week(
                [Some(Opening {
                    open: 0,
                    close: 1440,
                }); 7],
            ),
            holidays: BTreeSet::new(),
        };
        let from = utc("2026-11-25 23:36") + Duration::milliseconds(21_537);
        assert_eq!(
            s.office_secs_between(from, from + Duration::minutes(40)),
            2400
        );
    }

    /// Whole weeks counted by arithmetic agree with counting day by day,
    /// across both daylight-saving changes and holidays.
    #[test]
    fn long_spans_agree_with_day_by_day_counting() {
        let mut s = stockholm();
        s.holidays.insert(date("2026-12-24"));
        s.holidays.insert(date("2026-06-19"));
        let around = Schedule {
            week: Week(
                [Some(Opening {
                    open: 0,
                    close: 1440,
                }); 7],
            ),
            ..s.clone()
        };
        let spans = [
            ("2026-01-05 10:17", "2026-12-30 15:41"),
            ("2026-03-20 06:00", "2026-04-10 06:00"),
            ("2026-10-16 16:59", "2026-11-02 07:01"),
            ("2025-12-31 23:00", "2027-01-01 01:00"),
        ];
        for schedule in [&s, &around] {
            for (from, to) in spans {
                let (from, to) = (utc(from), utc(to));
                let slow = schedule
                    .days_within(
                        schedule.local_date(from),
                        schedule.local_date(to) + Duration::days(1),
                        from,
                        to,
                    )
                    .num_seconds();
                assert_eq!(
                    schedule.office_secs_between(from, to),
                    slow,
                    "{from} – {to}"
                );
            }
        }
        // Around the clock, a span over both changes of 2026 is its
        // wall-clock length less the Midsummer Eve holiday.
        assert_eq!(
            around.office_secs_between(utc("2026-03-01 00:00"), utc("2026-11-01 00:00")),
            (utc("2026-11-01 00:00") - utc("2026-03-01 00:00")).num_seconds() - 86_400
        );
    }

    /// Chained spans for many questions give what each span alone gives,
    /// in the order asked, including questions after the moment measured.
    #[test]
    fn many_questions_against_one_moment_agree_with_each_alone() {
        let mut s = stockholm();
        s.holidays.insert(date("2026-12-24"));
        let to = utc("2026-12-30 15:41") + Duration::milliseconds(400);
        let froms: Vec<NaiveDateTime> = [
            "2026-12-29 09:13",
            "2025-11-02 07:59",
            "2026-03-29 01:30",
            "2026-12-31 10:00",
            "2026-10-25 02:30",
            "2026-12-29 09:13",
            "2026-06-19 12:00",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| utc(t) + Duration::milliseconds(137 * i as i64))
        .collect();
        let each: Vec<i64> = froms
            .iter()
            .map(|from| s.office_secs_between(*from, to))
            .collect();
        assert_eq!(s.office_secs_each_until(&froms, to), each);
        assert_eq!(each[3], 0);
        assert!(each[1] > each[2] && each[2] > each[0] && each[0] > 0);
    }

    #[test]
    fn a_desk_that_never_opens_has_no_due_time() {
        let s = Schedule {
            week: Week([None; 7]),
            ..stockholm()
        };
        assert_eq!(s.add_office_secs(utc("2026-11-25 10:00"), 60), None);
        assert_eq!(s.next_opening(utc("2026-11-25 10:00")), None);
        assert_eq!(
            s.office_secs_between(utc("2026-11-25 10:00"), utc("2026-12-25 10:00")),
            0
        );
    }
}
