//! The transparency figures: pure arithmetic over decisions and flags, so
//! that each formula is unit-tested against hand-computed numbers.

use chrono::NaiveDateTime;

use crate::moderation::model::{Decision, REVERSED, UPHELD};

/// A user flag as the figures need it.
#[derive(Debug, Clone)]
pub struct FlagFact {
    pub created_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
    pub from_company_staff: bool,
    pub about_review: bool,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub decisions: i64,
    pub automatic: i64,
    /// Whole percent of decisions taken automatically.
    pub automatic_percent: i64,
    /// Median seconds from a user's flag to the moderator's decision.
    pub median_flag_secs: Option<i64>,
    pub appeals_decided: i64,
    pub appeals_reversed: i64,
    pub reversed_percent: i64,
    /// Flags by a company's staff about reviews of that company…
    pub company_review_flags: i64,
    /// …and how many of them a moderator dismissed.
    pub company_review_flags_dismissed: i64,
}

pub fn percent(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}

/// The median of a list (the mean of the middle two for an even count).
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2
    } else {
        values[mid]
    })
}

pub fn compute(decisions: &[Decision], flags: &[FlagFact]) -> Figures {
    let automatic = decisions.iter().filter(|d| d.automatic).count() as i64;
    let appeals_decided = decisions
        .iter()
        .filter(|d| d.action == UPHELD || d.action == REVERSED)
        .count() as i64;
    let appeals_reversed = decisions.iter().filter(|d| d.action == REVERSED).count() as i64;
    let mut waits: Vec<i64> = flags
        .iter()
        .filter(|f| f.outcome.as_deref() != Some("already-reviewed"))
        .filter_map(|f| f.closed_at.map(|c| (c - f.created_at).num_seconds().max(0)))
        .collect();
    let company_flags: Vec<&FlagFact> = flags
        .iter()
        .filter(|f| f.from_company_staff && f.about_review)
        .collect();
    let dismissed = company_flags
        .iter()
        .filter(|f| f.outcome.as_deref() == Some("dismissed"))
        .count() as i64;
    Figures {
        decisions: decisions.len() as i64,
        automatic,
        automatic_percent: percent(automatic, decisions.len() as i64),
        median_flag_secs: median(&mut waits),
        appeals_decided,
        appeals_reversed,
        reversed_percent: percent(appeals_reversed, appeals_decided),
        company_review_flags: company_flags.len() as i64,
        company_review_flags_dismissed: dismissed,
    }
}

/// Counts per month and column, newest month first: `(month, column)` pairs
/// in, one row per month with a count per column and the month's total out.
pub fn tabulate(pairs: &[(String, String)], columns: &[String]) -> Vec<(String, Vec<i64>, i64)> {
    let mut months: Vec<&String> = pairs.iter().map(|(m, _)| m).collect();
    months.sort_unstable_by(|a, b| b.cmp(a));
    months.dedup();
    months
        .into_iter()
        .map(|month| {
            let cells: Vec<i64> = columns
                .iter()
                .map(|col| pairs.iter().filter(|(m, c)| m == month && c == col).count() as i64)
                .collect();
            let total = cells.iter().sum();
            (month.clone(), cells, total)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::ids::{ClauseId, DecisionId, UserId};
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap_or_default()
    }

    fn decision(action: &str, automatic: bool) -> Decision {
        Decision {
            id: DecisionId(1),
            case_id: None,
            item_kind: "post".into(),
            item_id: 1,
            company_id: None,
            author_id: UserId(1),
            moderator_id: None,
            automatic,
            action: action.into(),
            clause_id: ClauseId(1),
            guideline_version_id: 1,
            reason: String::new(),
            facts: String::new(),
            redacted_text: None,
            original_source: None,
            redacted_source: None,
            until_at: None,
            concerns_decision_id: None,
            appeal_status: None,
            reversed_at: None,
            followed_up_at: None,
            created_at: at(1, 0),
            author_action: None,
            author_until: None,
            released: false,
        }
    }

    fn flag(hours: i64, company: bool, review: bool, outcome: &str) -> FlagFact {
        FlagFact {
            created_at: at(2, 0),
            closed_at: Some(at(2, 0) + chrono::Duration::hours(hours)),
            from_company_staff: company,
            about_review: review,
            outcome: Some(outcome.into()),
        }
    }

    #[test]
    fn figures_match_a_hand_computed_fixture() {
        let decisions = vec![
            decision("hold", true),
            decision("hide", false),
            decision("dismiss", false),
            decision("upheld", false),
            decision("reversed", false),
            decision("reversed", false),
        ];
        let flags = vec![
            flag(1, true, true, "dismissed"),
            flag(3, true, true, "upheld"),
            flag(5, false, true, "dismissed"),
            flag(10, true, false, "dismissed"),
            flag(0, false, false, "already-reviewed"),
        ];
        let f = compute(&decisions, &flags);
        assert_eq!(f.decisions, 6);
        assert_eq!(f.automatic, 1);
        assert_eq!(f.automatic_percent, 17); // 1/6 = 16.7 %
        assert_eq!(f.median_flag_secs, Some(4 * 3600)); // 1, 3, 5, 10 h → (3+5)/2
        assert_eq!(f.appeals_decided, 3);
        assert_eq!(f.appeals_reversed, 2);
        assert_eq!(f.reversed_percent, 67);
        assert_eq!(f.company_review_flags, 2);
        assert_eq!(f.company_review_flags_dismissed, 1);
    }

    #[test]
    fn median_and_percent_edges() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7));
        assert_eq!(median(&mut [9, 1, 5]), Some(5));
        assert_eq!(percent(1, 0), 0);
        assert_eq!(percent(1, 3), 33);
    }

    #[test]
    fn tabulate_counts_per_month_newest_first() {
        let pairs = vec![
            ("2026-10".to_string(), "1".to_string()),
            ("2026-11".to_string(), "1".to_string()),
            ("2026-11".to_string(), "4".to_string()),
            ("2026-11".to_string(), "4".to_string()),
        ];
        let columns = vec!["1".to_string(), "4".to_string()];
        let rows = tabulate(&pairs, &columns);
        assert_eq!(rows[0], ("2026-11".to_string(), vec![1, 2], 3));
        assert_eq!(rows[1], ("2026-10".to_string(), vec![1, 0], 1));
    }
}
