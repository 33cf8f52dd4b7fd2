//! The company score: a Bayesian average. A company's reviews are counted
//! together with `PRIOR_WEIGHT` imaginary reviews of `PRIOR_MEAN` stars, so a
//! handful of reviews cannot outrank hundreds: one 5-star review scores 3.75,
//! a hundred 4-star reviews score 3.98.
//!
//! The prior is fixed rather than the live platform mean: with a platform
//! mean near 4 (usual on review sites) a single 5-star review would again
//! outrank a hundred 4-star ones, and every company's score would drift
//! whenever anyone reviewed anything.

/// How many imaginary reviews every company starts with.
pub const PRIOR_WEIGHT: f64 = 5.0;
/// Their rating.
pub const PRIOR_MEAN: f64 = 3.5;

/// (prior weight × prior mean + sum of ratings) / (prior weight + number of ratings).
pub fn bayesian(rating_sum: i64, review_count: i64, prior_mean: f64) -> f64 {
    (PRIOR_WEIGHT * prior_mean + rating_sum as f64) / (PRIOR_WEIGHT + review_count.max(0) as f64)
}

/// A review's weight `age_days` after it was written: it halves every
/// `half_life_days`, so the score follows how a company treats customers
/// now rather than years ago.
pub fn age_weight(age_days: f64, half_life_days: f64) -> f64 {
    0.5f64.powf(age_days.max(0.0) / half_life_days.max(1.0))
}

/// The Bayesian average with age weights: (prior weight × prior mean + Σ
/// weight × rating) / (prior weight + Σ weight).
pub fn weighted(weighted_sum: f64, weight: f64, prior_mean: f64) -> f64 {
    (PRIOR_WEIGHT * prior_mean + weighted_sum) / (PRIOR_WEIGHT + weight.max(0.0))
}

/// Σ weight and Σ weight × rating of (rating, age in days) pairs.
pub fn weigh(reviews: &[(i32, f64)], half_life_days: f64) -> (f64, f64) {
    reviews
        .iter()
        .fold((0.0, 0.0), |(weight, sum), (rating, age)| {
            let w = age_weight(*age, half_life_days);
            (weight + w, sum + w * f64::from(*rating))
        })
}

/// A score shown to people: one decimal.
pub fn display(lang: crate::kernel::i18n::Lang, score: f64) -> String {
    crate::kernel::i18n::decimal(lang, (score * 10.0).round() / 10.0, 1)
}

/// The share of `part` in `total`, as a whole percentage.
pub fn percent(part: i32, total: i32) -> i32 {
    if total <= 0 {
        0
    } else {
        ((f64::from(part) * 100.0) / f64::from(total)).round() as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::i18n::Lang;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_hand_checked_example_with_ageing() {
        // Half-life 365 days. A 1-star review from today weighs 1, a 5-star
        // review from a year ago 0.5, one from two years ago 0.25.
        let (weight, sum) = weigh(&[(1, 0.0), (5, 365.0), (5, 730.0)], 365.0);
        assert!(close(weight, 1.75));
        assert!(close(sum, 1.0 + 2.5 + 1.25));
        // (5 × 3.5 + 4.75) / (5 + 1.75) = 22.25 / 6.75 = 3.296…
        assert!(close(weighted(sum, weight, PRIOR_MEAN), 22.25 / 6.75));
        assert_eq!(display(Lang::En, weighted(sum, weight, PRIOR_MEAN)), "3.3");
        // Unweighted the same reviews score (17.5 + 11) / 8 = 3.56: the
        // recent bad experience counts for more once the old praise ages.
        assert_eq!(display(Lang::En, bayesian(11, 3, PRIOR_MEAN)), "3.6");
    }

    #[test]
    fn no_reviews_means_the_prior() {
        assert!(close(bayesian(0, 0, PRIOR_MEAN), 3.5));
    }

    #[test]
    fn hand_computed_values() {
        // One 5-star review, mean 3.5: (5 × 3.5 + 5) / (5 + 1) = 22.5 / 6 = 3.75.
        assert!(close(bayesian(5, 1, 3.5), 3.75));
        // A hundred 4-star reviews: (17.5 + 400) / 105 = 3.976190…
        assert!(close(bayesian(400, 100, 3.5), 417.5 / 105.0));
        // Ten 1-star reviews, mean 4.0: (20 + 10) / 15 = 2.0.
        assert!(close(bayesian(10, 10, 4.0), 2.0));
    }

    #[test]
    fn one_perfect_review_does_not_outrank_a_hundred_good_ones() {
        let mean = PRIOR_MEAN;
        assert!(bayesian(5, 1, mean) < bayesian(400, 100, mean));
        assert!(bayesian(15, 3, mean) < bayesian(440, 100, mean));
    }

    #[test]
    fn display_and_percent() {
        assert_eq!(display(Lang::En, 3.75), "3.8");
        assert_eq!(display(Lang::En, 4.0), "4.0");
        assert_eq!(display(Lang::Sv, 3.24), "3,2");
        assert_eq!(display(Lang::Da, 3.75), "3,8");
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
    }
}
