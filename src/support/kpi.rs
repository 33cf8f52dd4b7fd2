//! The figures' formulas, from the seeds: average time to first answer =
//! sum of (first staff answer − question time) / number of questions
//! answered; its median; the share answered within target; new and
//! returning customers; high (4–5) and low (1–2) satisfaction among rated
//! answers. Pure arithmetic over the daily rollup rows.

use chrono::NaiveDate;

/// One company-day of the rollup (or a sum of several).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Day {
    pub questions: i64,
    pub answered: i64,
    pub answered_in_target: i64,
    pub no_answer_needed: i64,
    pub response_secs: i64,
    pub response_office_secs: i64,
    pub ratings: i64,
    pub ratings_high: i64,
    pub ratings_low: i64,
    pub reviews: i64,
    pub review_rating_sum: i64,
    pub review_replies: i64,
    pub review_reply_secs: i64,
}

impl std::ops::AddAssign for Day {
    fn add_assign(&mut self, o: Day) {
        self.questions += o.questions;
        self.answered += o.answered;
        self.answered_in_target += o.answered_in_target;
        self.no_answer_needed += o.no_answer_needed;
        self.response_secs += o.response_secs;
        self.response_office_secs += o.response_office_secs;
        self.ratings += o.ratings;
        self.ratings_high += o.ratings_high;
        self.ratings_low += o.ratings_low;
        self.reviews += o.reviews;
        self.review_rating_sum += o.review_rating_sum;
        self.review_replies += o.review_replies;
        self.review_reply_secs += o.review_reply_secs;
    }
}

pub fn total<'a>(days: impl IntoIterator<Item = &'a Day>) -> Day {
    let mut sum = Day::default();
    for day in days {
        sum += *day;
    }
    sum
}

/// `sum / count`, or nothing when there is nothing to divide by.
pub fn average(sum: i64, count: i64) -> Option<f64> {
    (count > 0).then(|| sum as f64 / count as f64)
}

/// `part / whole` as a fraction, or nothing for an empty whole.
pub fn share(part: i64, whole: i64) -> Option<f64> {
    average(part, whole)
}

/// The middle value (the mean of the two middle ones for an even count).
pub fn median(values: &[i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) as f64 / 2.0
    } else {
        sorted[mid] as f64
    })
}

/// The `p`th percentile by the nearest-rank method: the smallest value
/// with at least p % of the values at or below it.
pub fn percentile(values: &[i64], p: u32) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (u64::from(p.min(100)) * sorted.len() as u64)
        .div_ceil(100)
        .max(1);
    let index = usize::try_from(rank - 1).unwrap_or(0).min(sorted.len() - 1);
    Some(sorted[index] as f64)
}

/// Customers active in a period and how many of them were new (their first
/// activity with the company falls in the period).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Customers {
    pub active: i64,
    pub new: i64,
}

/// Everything the summary table shows for one period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub questions: i64,
    pub answered: i64,
    pub no_answer_needed: i64,
    /// Questions of the period still without answer (and not set aside).
    pub unanswered: i64,
    pub average_secs: Option<f64>,
    pub average_office_secs: Option<f64>,
    pub median_secs: Option<f64>,
    pub median_office_secs: Option<f64>,
    /// The 90th percentile of the answered questions' waits.
    pub p90_secs: Option<f64>,
    pub p90_office_secs: Option<f64>,
    /// The median and 90th percentile with the still-unanswered questions
    /// counted at their wait so far: a desk that leaves its hardest
    /// questions unanswered does not look fast here.
    pub with_open_median_secs: Option<f64>,
    pub with_open_median_office_secs: Option<f64>,
    pub with_open_p90_secs: Option<f64>,
    pub with_open_p90_office_secs: Option<f64>,
    pub in_target_share: Option<f64>,
    pub new_share: Option<f64>,
    pub returning_share: Option<f64>,
    pub high_share: Option<f64>,
    pub low_share: Option<f64>,
    pub ratings: i64,
    pub reviews: i64,
    pub average_rating: Option<f64>,
    pub review_replies: i64,
    pub average_reply_secs: Option<f64>,
}

/// Waiting times of the period's answered questions: wall clock and office;
/// and of its questions still unanswered at the end of the period, counted
/// at their wait so far (a lower bound: they are still waiting).
#[derive(Debug, Clone, Default)]
pub struct Waits {
    pub wall: Vec<i64>,
    pub office: Vec<i64>,
    pub open_wall: Vec<i64>,
    pub open_office: Vec<i64>,
}

impl Waits {
    fn with_open(answered: &[i64], open: &[i64]) -> Vec<i64> {
        answered.iter().chain(open).copied().collect()
    }
}

pub fn summarize(days: &[Day], waits: &Waits, customers: Customers) -> Summary {
    let t = total(days);
    Summary {
        questions: t.questions,
        answered: t.answered,
        no_answer_needed: t.no_answer_needed,
        unanswered: (t.questions - t.answered - t.no_answer_needed).max(0),
        average_secs: average(t.response_secs, t.answered),
        average_office_secs: average(t.response_office_secs, t.answered),
        median_secs: median(&waits.wall),
        median_office_secs: median(&waits.office),
        p90_secs: percentile(&waits.wall, 90),
        p90_office_secs: percentile(&waits.office, 90),
        with_open_median_secs: median(&Waits::with_open(&waits.wall, &waits.open_wall)),
        with_open_median_office_secs: median(&Waits::with_open(&waits.office, &waits.open_office)),
        with_open_p90_secs: percentile(&Waits::with_open(&waits.wall, &waits.open_wall), 90),
        with_open_p90_office_secs: percentile(
            &Waits::with_open(&waits.office, &waits.open_office),
            90,
        ),
        in_target_share: share(t.answered_in_target, t.answered),
        new_share: share(customers.new, customers.active),
        returning_share: share(customers.active - customers.new, customers.active),
        high_share: share(t.ratings_high, t.ratings),
        low_share: share(t.ratings_low, t.ratings),
        ratings: t.ratings,
        reviews: t.reviews,
        average_rating: average(t.review_rating_sum, t.reviews),
        review_replies: t.review_replies,
        average_reply_secs: average(t.review_reply_secs, t.review_replies),
    }
}

/// The period before `from..=to` of the same length.
pub fn previous_period(from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
    let days = (to - from).num_days() + 1;
    let prev_to = from - chrono::Duration::days(1);
    (prev_to - chrono::Duration::days(days - 1), prev_to)
}

/// The score after each day: the company page's formula (the Bayesian
/// average with its prior) over every review received up to that day,
/// starting from the totals before the period; nothing before the first review.
pub fn score_over_time(
    before: (i64, i64),
    days: &[(NaiveDate, Day)],
) -> Vec<(NaiveDate, Option<f64>)> {
    let (mut count, mut sum) = before;
    days.iter()
        .map(|(date, day)| {
            count += day.reviews;
            sum += day.review_rating_sum;
            let score = (count > 0).then(|| {
                crate::companies::score::bayesian(sum, count, crate::companies::score::PRIOR_MEAN)
            });
            (*date, score)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    /// Hand-computed: three questions answered after 10, 20 and 90 minutes
    /// (office: 10, 20, 30), one set aside, one waiting; target 30 minutes.
    #[test]
    fn the_summary_matches_a_hand_computed_fixture() {
        let day1 = Day {
            questions: 3,
            answered: 2,
            answered_in_target: 2,
            response_secs: 600 + 1200,
            response_office_secs: 600 + 1200,
            ratings: 2,
            ratings_high: 1,
            ratings_low: 1,
            reviews: 2,
            review_rating_sum: 5 + 2,
            review_replies: 1,
            review_reply_secs: 7200,
            ..Day::default()
        };
        let day2 = Day {
            questions: 2,
            answered: 1,
            answered_in_target: 1,
            no_answer_needed: 1,
            response_secs: 5400,
            response_office_secs: 1800,
            ratings: 1,
            ratings_high: 1,
            reviews: 1,
            review_rating_sum: 4,
            ..Day::default()
        };
        // One question still waits at the end of the period: 3 hours, 2 in
        // office hours.
        let waits = Waits {
            wall: vec![600, 5400, 1200],
            office: vec![600, 1800, 1200],
            open_wall: vec![10_800],
            open_office: vec![7200],
        };
        let s = summarize(&[day1, day2], &waits, Customers { active: 4, new: 1 });
        assert_eq!(s.questions, 5);
        assert_eq!(s.answered, 3);
        assert_eq!(s.unanswered, 1);
        // (600 + 1200 + 5400) / 3 = 2400 s = 40 min; office (600+1200+1800)/3 = 1200.
        assert_eq!(s.average_secs, Some(2400.0));
        assert_eq!(s.average_office_secs, Some(1200.0));
        assert_eq!(s.median_secs, Some(1200.0));
        assert_eq!(s.median_office_secs, Some(1200.0));
        // Nearest rank of 90 % of 3 is the 3rd: the slowest answer.
        assert_eq!(s.p90_secs, Some(5400.0));
        assert_eq!(s.p90_office_secs, Some(1800.0));
        // With the waiting question: 600, 1200, 5400, 10800 → median 3300,
        // 90th percentile the 4th, 10800; office 600, 1200, 1800, 7200.
        assert_eq!(s.with_open_median_secs, Some(3300.0));
        assert_eq!(s.with_open_p90_secs, Some(10_800.0));
        assert_eq!(s.with_open_median_office_secs, Some(1500.0));
        assert_eq!(s.with_open_p90_office_secs, Some(7200.0));
        assert_eq!(s.in_target_share, Some(1.0));
        assert_eq!(s.new_share, Some(0.25));
        assert_eq!(s.returning_share, Some(0.75));
        // Three ratings: two high, one low.
        assert_eq!(s.high_share, Some(2.0 / 3.0));
        assert_eq!(s.low_share, Some(1.0 / 3.0));
        assert_eq!(s.average_rating, Some(11.0 / 3.0));
        assert_eq!(s.average_reply_secs, Some(7200.0));
    }

    #[test]
    fn empty_periods_have_no_averages() {
        let s = summarize(&[], &Waits::default(), Customers::default());
        assert_eq!(s.average_secs, None);
        assert_eq!(s.median_secs, None);
        assert_eq!(s.new_share, None);
        assert_eq!(s.high_share, None);
        assert_eq!(s.unanswered, 0);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[5, 1, 3]), Some(3.0));
        assert_eq!(median(&[4, 1, 3, 10]), Some(3.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let tens: Vec<i64> = (1..=10).map(|n| n * 10).collect();
        assert_eq!(percentile(&tens, 90), Some(90.0));
        assert_eq!(percentile(&tens, 50), Some(50.0));
        assert_eq!(percentile(&tens, 100), Some(100.0));
        assert_eq!(percentile(&[7], 90), Some(7.0));
        assert_eq!(percentile(&[3, 1, 2], 0), Some(1.0));
        assert_eq!(percentile(&[], 90), None);
    }

    #[test]
    fn the_previous_period_has_the_same_length() {
        assert_eq!(
            previous_period(date("2026-11-01"), date("2026-11-30")),
            (date("2026-10-02"), date("2026-10-31"))
        );
        assert_eq!(
            previous_period(date("2026-11-25"), date("2026-11-25")),
            (date("2026-11-24"), date("2026-11-24"))
        );
    }

    #[test]
    fn the_score_carries_the_reviews_before_the_period() {
        let days = [
            (
                date("2026-11-01"),
                Day {
                    reviews: 1,
                    review_rating_sum: 1,
                    ..Day::default()
                },
            ),
            (date("2026-11-02"), Day::default()),
        ];
        // Before: 2 reviews summing 10; then a 1: (11 + 5 × 3.5) / (3 + 5) = 3.5625.
        assert_eq!(
            score_over_time((2, 10), &days),
            vec![
                (date("2026-11-01"), Some(3.5625)),
                (date("2026-11-02"), Some(3.5625))
            ]
        );
        assert_eq!(
            score_over_time((0, 0), &days[1..]),
            vec![(date("2026-11-02"), None)]
        );
    }
}
