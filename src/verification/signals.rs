//! Suspicion scoring of reviews: pure functions from what is known about a
//! review and its neighbours to a list of signals with weights. The weights
//! and the threshold live here, in one place, and are documented in
//! `docs/verification.md`. A score never removes anything: above the
//! threshold a review is only queued for a moderator, who may ask the
//! reviewer to verify the experience.
//!
//! The signals look for fake praise as much as for fake attacks: "far from
//! the company's score" and "a burst of the same extreme rating" work in both
//! directions.

use std::collections::HashSet;

use chrono::{Duration, NaiveDateTime};

/// At or above this score a review goes to the verification queue.
pub const THRESHOLD: i32 = 50;

pub const W_NEW_ACCOUNT: i32 = 15;
pub const W_FIRST_ACTION: i32 = 10;
pub const W_FAR_FROM_SCORE: i32 = 15;
pub const W_BURST: i32 = 25;
pub const W_SMALL_BURST: i32 = 10;
pub const W_SHARED_ORIGIN: i32 = 25;
pub const W_NEAR_DUPLICATE: i32 = 30;
pub const W_SIMILAR: i32 = 15;
pub const W_COMPETITOR: i32 = 40;
pub const W_NO_DATE: i32 = 5;
pub const W_REFERENCE_REUSED: i32 = 20;

/// An account younger than this is new.
pub const NEW_ACCOUNT_DAYS: i64 = 7;
/// A rating this far (in stars) from the company's score is far.
pub const FAR_STARS: f64 = 2.0;
/// The window of a burst, and how many other same-rating reviews make one.
pub const BURST_HOURS: i64 = 24;
pub const BURST_MIN: usize = 3;
/// Jaccard similarity of word 3-shingles: near-duplicate and similar.
pub const NEAR_DUPLICATE: f64 = 0.5;
pub const SIMILAR: f64 = 0.3;

/// One reason a review looks suspicious, with its weight and the detail a
/// moderator reads (a count, a similarity, a company name).
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    pub code: &'static str,
    pub weight: i32,
    pub detail: String,
}

/// Another review of the same company, as the signals need it.
#[derive(Debug, Clone)]
pub struct Neighbour {
    pub review_id: i64,
    pub author_id: i64,
    pub rating: i32,
    pub created_at: NaiveDateTime,
    pub text: String,
    pub client_hash: Option<String>,
    pub device_hash: Option<String>,
    pub reference: Option<String>,
}

/// Everything known about the review being scored.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub review_id: i64,
    pub author_id: i64,
    pub rating: i32,
    pub created_at: NaiveDateTime,
    pub text: String,
    pub has_experience_date: bool,
    pub reference: Option<String>,
    pub client_hash: Option<String>,
    pub device_hash: Option<String>,
    pub account_created_at: NaiveDateTime,
    /// The author wrote nothing else before this review.
    pub first_action: bool,
    /// The company's score without this review (the Bayesian average).
    pub company_score: f64,
    /// The author is staff of another company in the same category (its name).
    pub competitor_of: Option<String>,
}

/// Lower-cased word 3-shingles of a text.
pub fn shingles(text: &str) -> HashSet<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 3 {
        return words.into_iter().collect();
    }
    words.windows(3).map(|w| w.join(" ")).collect()
}

/// Jaccard similarity of two shingle sets (0 when either is empty).
pub fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count() as f64;
    let union = (a.len() + b.len()) as f64 - common;
    common / union
}

fn signal(code: &'static str, weight: i32, detail: impl Into<String>) -> Signal {
    Signal {
        code,
        weight,
        detail: detail.into(),
    }
}

pub fn account_signals(e: &Evidence) -> Vec<Signal> {
    let mut out = Vec::new();
    let age = e.created_at - e.account_created_at;
    if age < Duration::days(NEW_ACCOUNT_DAYS) {
        out.push(signal(
            "new-account",
            W_NEW_ACCOUNT,
            age.num_days().max(0).to_string(),
        ));
    }
    if e.first_action {
        out.push(signal("first-action", W_FIRST_ACTION, ""));
    }
    out
}

pub fn rating_signal(e: &Evidence) -> Option<Signal> {
    let distance = (f64::from(e.rating) - e.company_score).abs();
    (distance >= FAR_STARS).then(|| {
        signal(
            "far-from-score",
            W_FAR_FROM_SCORE,
            format!("{:.1}", e.company_score),
        )
    })
}

/// Other reviews of the company with the same extreme rating (1 or 5)
/// within the burst window before or after this one.
pub fn burst_signal(e: &Evidence, neighbours: &[Neighbour]) -> Option<Signal> {
    if e.rating != 1 && e.rating != 5 {
        return None;
    }
    let window = Duration::hours(BURST_HOURS);
    let same = neighbours
        .iter()
        .filter(|n| n.review_id != e.review_id && n.author_id != e.author_id)
        .filter(|n| n.rating == e.rating)
        .filter(|n| (n.created_at - e.created_at).abs() <= window)
        .count();
    match same {
        0 => None,
        n if n >= BURST_MIN => Some(signal("burst", W_BURST, n.to_string())),
        n => Some(signal("small-burst", W_SMALL_BURST, n.to_string())),
    }
}

/// Other accounts that reviewed the company from the same address or the
/// same browser (device cookie).
pub fn origin_signal(e: &Evidence, neighbours: &[Neighbour]) -> Option<Signal> {
    let same = |mine: &Option<String>, theirs: &Option<String>| {
        mine.as_ref().is_some_and(|m| theirs.as_ref() == Some(m))
    };
    let mut others: Vec<i64> = neighbours
        .iter()
        .filter(|n| n.author_id != e.author_id)
        .filter(|n| same(&e.client_hash, &n.client_hash) || same(&e.device_hash, &n.device_hash))
        .map(|n| n.author_id)
        .collect();
    others.sort_unstable();
    others.dedup();
    (!others.is_empty()).then(|| signal("shared-origin", W_SHARED_ORIGIN, others.len().to_string()))
}

/// The most similar other review's text.
pub fn duplicate_signal(e: &Evidence, neighbours: &[Neighbour]) -> Option<Signal> {
    let mine = shingles(&e.text);
    let best = neighbours
        .iter()
        .filter(|n| n.review_id != e.review_id)
        .map(|n| jaccard(&mine, &shingles(&n.text)))
        .fold(0.0_f64, f64::max);
    if best >= NEAR_DUPLICATE {
        Some(signal(
            "near-duplicate",
            W_NEAR_DUPLICATE,
            format!("{:.0}", best * 100.0),
        ))
    } else if best >= SIMILAR {
        Some(signal(
            "similar-text",
            W_SIMILAR,
            format!("{:.0}", best * 100.0),
        ))
    } else {
        None
    }
}

pub fn competitor_signal(e: &Evidence) -> Option<Signal> {
    e.competitor_of
        .as_ref()
        .map(|company| signal("competitor-staff", W_COMPETITOR, company.clone()))
}

pub fn details_signals(e: &Evidence, neighbours: &[Neighbour]) -> Vec<Signal> {
    let mut out = Vec::new();
    if !e.has_experience_date {
        out.push(signal("no-date", W_NO_DATE, ""));
    }
    if let Some(reference) = e.reference.as_ref().filter(|r| !r.trim().is_empty()) {
        let reused = neighbours.iter().any(|n| {
            n.author_id != e.author_id
                && n.reference
                    .as_ref()
                    .is_some_and(|r| r.trim().eq_ignore_ascii_case(reference.trim()))
        });
        if reused {
            out.push(signal("reference-reused", W_REFERENCE_REUSED, ""));
        }
    }
    out
}

/// Every signal of a review.
pub fn signals(e: &Evidence, neighbours: &[Neighbour]) -> Vec<Signal> {
    let mut out = account_signals(e);
    out.extend(rating_signal(e));
    out.extend(burst_signal(e, neighbours));
    out.extend(origin_signal(e, neighbours));
    out.extend(duplicate_signal(e, neighbours));
    out.extend(competitor_signal(e));
    out.extend(details_signals(e, neighbours));
    out
}

pub fn score(signals: &[Signal]) -> i32 {
    signals.iter().map(|s| s.weight).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap_or_default()
    }

    fn evidence() -> Evidence {
        Evidence {
            review_id: 100,
            author_id: 1,
            rating: 4,
            created_at: at(20, 12),
            text: "The installer came on time and the new meter works fine".into(),
            has_experience_date: true,
            reference: None,
            client_hash: Some("a1".into()),
            device_hash: Some("d1".into()),
            account_created_at: at(1, 0),
            first_action: false,
            company_score: 3.8,
            competitor_of: None,
        }
    }

    fn neighbour(id: i64, author: i64, rating: i32, hour: u32, text: &str) -> Neighbour {
        Neighbour {
            review_id: id,
            author_id: author,
            rating,
            created_at: at(20, hour),
            text: text.into(),
            client_hash: Some(format!("a{author}")),
            device_hash: Some(format!("d{author}")),
            reference: None,
        }
    }

    #[test]
    fn an_ordinary_review_scores_nothing() {
        let e = evidence();
        assert_eq!(
            signals(
                &e,
                &[neighbour(1, 2, 4, 3, "Slow invoices but fair prices")]
            ),
            vec![]
        );
    }

    #[test]
    fn new_accounts_and_first_actions() {
        let mut e = evidence();
        e.account_created_at = at(19, 0);
        e.first_action = true;
        let s = account_signals(&e);
        assert_eq!(
            s.iter().map(|s| s.weight).sum::<i32>(),
            W_NEW_ACCOUNT + W_FIRST_ACTION
        );
        assert_eq!(s[0].detail, "1");
    }

    #[test]
    fn far_from_the_score_in_both_directions() {
        let mut e = evidence();
        e.rating = 1;
        assert!(rating_signal(&e).is_some());
        e.company_score = 2.2;
        e.rating = 5;
        assert!(rating_signal(&e).is_some(), "fake praise counts too");
        e.rating = 3;
        assert!(rating_signal(&e).is_none());
    }

    #[test]
    fn bursts_of_the_same_extreme_rating() {
        let mut e = evidence();
        e.rating = 1;
        let burst: Vec<Neighbour> = (0..3)
            .map(|i| neighbour(i, 10 + i, 1, 10 + i as u32, "x"))
            .collect();
        assert_eq!(burst_signal(&e, &burst).map(|s| s.code), Some("burst"));
        assert_eq!(
            burst_signal(&e, &burst[..1]).map(|s| s.code),
            Some("small-burst")
        );
        // Outside the window, another rating, or not extreme: no burst.
        let old = vec![Neighbour {
            created_at: at(10, 0),
            ..neighbour(9, 9, 1, 0, "x")
        }];
        assert!(burst_signal(&e, &old).is_none());
        e.rating = 4;
        assert!(burst_signal(&e, &burst).is_none());
    }

    #[test]
    fn shared_address_or_device() {
        let e = evidence();
        let mut n = neighbour(5, 7, 3, 1, "x");
        assert!(origin_signal(&e, std::slice::from_ref(&n)).is_none());
        n.device_hash = Some("d1".into());
        assert_eq!(
            origin_signal(&e, std::slice::from_ref(&n)).map(|s| s.detail),
            Some("1".into())
        );
        // The author's own other reviews do not count.
        n.author_id = 1;
        assert!(origin_signal(&e, &[n]).is_none());
    }

    #[test]
    fn near_duplicate_text() {
        let e = evidence();
        let copy = neighbour(
            3,
            4,
            5,
            1,
            "The installer came on time and the new meter works fine!",
        );
        assert_eq!(
            duplicate_signal(&e, &[copy]).map(|s| s.code),
            Some("near-duplicate")
        );
        let half = neighbour(
            3,
            4,
            5,
            1,
            "The installer came on time and the invoice was wrong twice over",
        );
        assert_eq!(
            duplicate_signal(&e, &[half]).map(|s| s.code),
            Some("similar-text")
        );
        let other = neighbour(3, 4, 5, 1, "Billing is a mess and nobody answers the phone");
        assert!(duplicate_signal(&e, &[other]).is_none());
    }

    #[test]
    fn jaccard_is_intersection_over_union() {
        let a: HashSet<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let b: HashSet<String> = ["b", "c", "d"].iter().map(|s| s.to_string()).collect();
        assert!((jaccard(&a, &b) - 0.5).abs() < 1e-9);
        assert_eq!(jaccard(&a, &HashSet::new()), 0.0);
    }

    #[test]
    fn competitor_staff_no_date_and_reused_reference() {
        let mut e = evidence();
        e.competitor_of = Some("Fjordkraft".into());
        e.has_experience_date = false;
        e.reference = Some("ORD-1".into());
        let mut n = neighbour(3, 4, 5, 1, "x");
        n.reference = Some("ord-1 ".into());
        let all = signals(&e, &[n]);
        let codes: Vec<&str> = all.iter().map(|s| s.code).collect();
        assert_eq!(
            codes,
            vec!["competitor-staff", "no-date", "reference-reused"]
        );
        assert_eq!(score(&all), W_COMPETITOR + W_NO_DATE + W_REFERENCE_REUSED);
    }

    #[test]
    fn a_fake_burst_crosses_the_threshold_and_a_genuine_angry_review_does_not() {
        // A genuine one-star review from an old account: far from the score only.
        let mut genuine = evidence();
        genuine.rating = 1;
        assert!(score(&signals(&genuine, &[])) < THRESHOLD);
        // The fourth new account in a day with the same one-star rating and text.
        let mut fake = evidence();
        fake.rating = 1;
        fake.account_created_at = at(20, 11);
        fake.first_action = true;
        let burst: Vec<Neighbour> = (0..3)
            .map(|i| {
                neighbour(
                    i,
                    10 + i,
                    1,
                    9 + i as u32,
                    "Terrible company avoid them they steal",
                )
            })
            .collect();
        fake.text = "Terrible company avoid them they steal".into();
        assert!(score(&signals(&fake, &burst)) >= THRESHOLD);
    }
}

/// The scoring measured on a generated, seeded set of genuine reviews and
/// fake bursts (`cargo test --lib generated_set -- --nocapture` prints it).
#[cfg(test)]
mod generated_set {
    use super::*;
    use chrono::NaiveDate;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    const WORDS: &[&str] = &[
        "invoice",
        "meter",
        "support",
        "phone",
        "app",
        "price",
        "contract",
        "delivery",
        "staff",
        "billing",
        "outage",
        "technician",
        "refund",
        "waited",
        "called",
        "helpful",
        "slow",
        "quick",
        "wrong",
        "fixed",
        "months",
        "weeks",
        "estimate",
        "reading",
        "heating",
        "winter",
        "summer",
        "moved",
        "new",
        "old",
        "apartment",
        "house",
        "answered",
        "email",
        "chat",
        "twice",
        "finally",
        "never",
        "again",
        "recommend",
        "friendly",
        "rude",
        "expensive",
        "cheap",
        "fair",
        "clear",
        "confusing",
        "website",
        "login",
        "password",
    ];

    struct Sample {
        evidence: Evidence,
        fake: bool,
    }

    fn sentence(rng: &mut StdRng, words: usize) -> String {
        (0..words)
            .map(|_| WORDS[rng.gen_range(0..WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn genuine_rating(rng: &mut StdRng) -> i32 {
        match rng.gen_range(0..100) {
            0..=9 => 1,
            10..=19 => 2,
            20..=34 => 3,
            35..=69 => 4,
            _ => 5,
        }
    }

    /// 400 genuine reviews over 60 days and six bursts of fakes (four of
    /// one star, two of five), in time order.
    fn generate(seed: u64) -> Vec<Sample> {
        let mut rng = StdRng::seed_from_u64(seed);
        let start = NaiveDate::from_ymd_opt(2026, 9, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        let mut samples = Vec::new();
        let mut next_id = 1;
        for author in 0..400 {
            let created_at = start + Duration::minutes(rng.gen_range(0..60 * 24 * 60));
            let age_days = if rng.gen_bool(0.1) {
                rng.gen_range(0..7)
            } else {
                rng.gen_range(7..1500)
            };
            // A few households share an address.
            let address = if rng.gen_bool(0.03) {
                format!("home{}", rng.gen_range(0..5))
            } else {
                format!("g{author}")
            };
            let words = rng.gen_range(10..40);
            samples.push(Sample {
                evidence: Evidence {
                    review_id: next_id,
                    author_id: author,
                    rating: genuine_rating(&mut rng),
                    created_at,
                    text: sentence(&mut rng, words),
                    has_experience_date: rng.gen_bool(0.85),
                    reference: rng.gen_bool(0.4).then(|| format!("ORD-{author}")),
                    client_hash: Some(address),
                    device_hash: Some(format!("dev{author}")),
                    account_created_at: created_at - Duration::days(age_days),
                    first_action: rng.gen_bool(0.15),
                    company_score: 0.0,
                    competitor_of: None,
                },
                fake: false,
            });
            next_id += 1;
        }
        for burst in 0..6_i64 {
            let rating = if burst < 4 { 1 } else { 5 };
            let at = start + Duration::days(5 + burst * 9);
            let template = sentence(&mut rng, 18);
            let addresses = rng.gen_range(2..5);
            for member in 0..rng.gen_range(5..13) {
                let mut words: Vec<String> = template.split(' ').map(str::to_string).collect();
                for _ in 0..rng.gen_range(1..4) {
                    let at = rng.gen_range(0..words.len());
                    words[at] = WORDS[rng.gen_range(0..WORDS.len())].to_string();
                }
                let created_at = at + Duration::minutes(rng.gen_range(0..360));
                let author = 10_000 + burst * 100 + member;
                samples.push(Sample {
                    evidence: Evidence {
                        review_id: next_id,
                        author_id: author,
                        rating,
                        created_at,
                        text: words.join(" "),
                        has_experience_date: rng.gen_bool(0.7),
                        reference: None,
                        client_hash: Some(format!("burst{burst}-{}", rng.gen_range(0..addresses))),
                        device_hash: Some(format!("dev{author}")),
                        account_created_at: created_at - Duration::hours(rng.gen_range(0..48)),
                        first_action: rng.gen_bool(0.9),
                        company_score: 0.0,
                        competitor_of: None,
                    },
                    fake: true,
                });
                next_id += 1;
            }
        }
        samples.sort_by_key(|s| s.evidence.created_at);
        samples
    }

    /// Scores every review as it arrives, against the reviews before it
    /// (as `assess` does at publication): (is it fake, its score).
    fn scored(seed: u64) -> Vec<(bool, i32)> {
        let samples = generate(seed);
        let mut before: Vec<Neighbour> = Vec::new();
        let (mut sum, mut count) = (0_i64, 0_i64);
        let mut out = Vec::with_capacity(samples.len());
        for sample in samples {
            let mut e = sample.evidence;
            e.company_score = crate::companies::score::bayesian(sum, count, 3.5);
            out.push((sample.fake, score(&signals(&e, &before))));
            sum += i64::from(e.rating);
            count += 1;
            before.push(Neighbour {
                review_id: e.review_id,
                author_id: e.author_id,
                rating: e.rating,
                created_at: e.created_at,
                text: e.text.clone(),
                client_hash: e.client_hash.clone(),
                device_hash: e.device_hash.clone(),
                reference: e.reference.clone(),
            });
        }
        out
    }

    /// (precision, recall, tp, fp, fn) at a threshold.
    fn at_threshold(all: &[(bool, i32)], threshold: i32) -> (f64, f64, u32, u32, u32) {
        let (mut tp, mut fp, mut fneg) = (0_u32, 0_u32, 0_u32);
        for (fake, score) in all {
            match (*fake, *score >= threshold) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                _ => {}
            }
        }
        let precision = f64::from(tp) / f64::from((tp + fp).max(1));
        let recall = f64::from(tp) / f64::from((tp + fneg).max(1));
        (precision, recall, tp, fp, fneg)
    }

    #[test]
    fn the_threshold_separates_fake_bursts_from_genuine_reviews() {
        let all: Vec<(bool, i32)> = (1..=5).flat_map(scored).collect();
        let fakes = all.iter().filter(|(f, _)| *f).count();
        println!("{} reviews, {fakes} of them fake, five seeds", all.len());
        for threshold in [30, 40, 50, 60, 70] {
            let (p, r, tp, fp, fneg) = at_threshold(&all, threshold);
            println!("threshold {threshold}: precision {p:.3}, recall {r:.3} (tp {tp}, fp {fp}, fn {fneg})");
        }
        let (precision, recall, ..) = at_threshold(&all, THRESHOLD);
        assert!(precision >= 0.9, "precision {precision}");
        assert!(recall >= 0.75, "recall {recall}");
    }
}
