//! The personal-data guard: finds Swedish personal identity numbers (with
//! their Luhn check digit), Danish CPR numbers (a valid date; without a
//! hyphen also the modulus-11 check, since bare ten-digit numbers are often
//! order numbers), phone numbers, email addresses and payment card numbers
//! (Luhn). Pure functions; the forum shows the findings before publishing.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PiiKind {
    SwedishPersonalNumber,
    DanishCpr,
    Phone,
    Email,
    PaymentCard,
}

impl PiiKind {
    pub fn message_key(self) -> &'static str {
        match self {
            PiiKind::SwedishPersonalNumber => "pii-swedish-personal-number",
            PiiKind::DanishCpr => "pii-danish-cpr",
            PiiKind::Phone => "pii-phone",
            PiiKind::Email => "pii-email",
            PiiKind::PaymentCard => "pii-card",
        }
    }
}

/// One finding: what it is and where (byte offsets into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: PiiKind,
    pub start: usize,
    pub end: usize,
}

pub fn luhn_valid(digits: &[u8]) -> bool {
    if digits.is_empty() {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |acc, d| acc * 10 + u32::from(*d))
}

fn valid_day_month(day: u32, month: u32) -> bool {
    let max_day = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=max_day).contains(&day)
}

/// YYMMDDNNNC (the last ten digits), with samordningsnummer (day + 60) allowed.
fn is_swedish_personal_number(ten: &[u8]) -> bool {
    let month = number(&ten[2..4]);
    let mut day = number(&ten[4..6]);
    if day > 60 {
        day -= 60;
    }
    valid_day_month(day, month) && luhn_valid(ten)
}

fn is_cpr_date(ten: &[u8]) -> bool {
    valid_day_month(number(&ten[0..2]), number(&ten[2..4]))
}

fn cpr_modulus_11(ten: &[u8]) -> bool {
    const WEIGHTS: [u32; 10] = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    ten.iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(*d) * w)
        .sum::<u32>()
        % 11
        == 0
}

/// A run of digits with single spaces or hyphens between them, perhaps after a `+`.
struct NumberRun {
    start: usize,
    end: usize,
    digits: Vec<u8>,
    raw: String,
}

fn number_runs(text: &str) -> Vec<NumberRun> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_plus = bytes[i] == b'+' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'+');
        if !(bytes[i].is_ascii_digit() || starts_plus) || !boundary {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = Vec::new();
        if starts_plus {
            i += 1;
        }
        let mut end = i;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                digits.push(bytes[i] - b'0');
                i += 1;
                end = i;
            } else if (bytes[i] == b' ' || bytes[i] == b'-')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        let followed_by_word = bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric());
        if !followed_by_word {
            runs.push(NumberRun {
                start,
                end,
                digits,
                raw: text[start..end].to_string(),
            });
        }
        i = end.max(start + 1);
    }
    runs
}

fn classify(run: &NumberRun) -> Option<PiiKind> {
    let d = &run.digits;
    let compact: String = run.raw.chars().filter(|c| !c.is_whitespace()).collect();
    if run.raw.starts_with('+') {
        return (8..=15).contains(&d.len()).then_some(PiiKind::Phone);
    }
    // Personal numbers: YYMMDD-NNNN, YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN.
    let hyphen_at = compact.find(['-', '+']);
    let shape_ok = match d.len() {
        10 => !run.raw.contains(' ') && (hyphen_at.is_none() || hyphen_at == Some(6)),
        12 => !run.raw.contains(' ') && (hyphen_at.is_none() || hyphen_at == Some(8)),
        _ => false,
    };
    if shape_ok {
        let ten = &d[d.len() - 10..];
        let century_ok = d.len() == 10 || matches!(number(&d[0..2]), 18..=20);
        if century_ok && is_swedish_personal_number(ten) {
            return Some(PiiKind::SwedishPersonalNumber);
        }
        if d.len() == 10 && is_cpr_date(ten) && (hyphen_at == Some(6) || cpr_modulus_11(ten)) {
            return Some(PiiKind::DanishCpr);
        }
    }
    if (13..=19).contains(&d.len()) && luhn_valid(d) {
        return Some(PiiKind::PaymentCard);
    }
    // Swedish national numbers start with 0: 070-123 45 67, 08-123 456 78.
    if d.first() == Some(&0) && (8..=11).contains(&d.len()) && d.get(1) != Some(&0) {
        return Some(PiiKind::Phone);
    }
    // Danish numbers written in pairs: 12 34 56 78.
    let pairs: Vec<&str> = run.raw.split(' ').collect();
    if d.len() == 8 && pairs.len() == 4 && pairs.iter().all(|p| p.len() == 2) {
        return Some(PiiKind::Phone);
    }
    None
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || "._%+-".contains(c)
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

fn emails(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let local_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local_char(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let domain_len: usize = text[at + 1..]
            .chars()
            .take_while(|c| is_domain_char(*c))
            .map(char::len_utf8)
            .sum();
        let domain = text[at + 1..at + 1 + domain_len].trim_end_matches('.');
        let valid = local_start < at
            && domain.contains('.')
            && !domain.starts_with('.')
            && domain.rsplit('.').next().is_some_and(|tld| {
                tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
            });
        if valid {
            found.push(Finding {
                kind: PiiKind::Email,
                start: local_start,
                end: at + 1 + domain.len(),
            });
        }
    }
    found
}

/// Every personal datum found in `text`, in order of position.
pub fn scan(text: &str) -> Vec<Finding> {
    let mut found = emails(text);
    for run in number_runs(text) {
        let inside_email = found.iter().any(|f| run.start < f.end && f.start < run.end);
        if inside_email {
            continue;
        }
        if let Some(kind) = classify(&run) {
            found.push(Finding {
                kind,
                start: run.start,
                end: run.end,
            });
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The text with every finding replaced by `replacement`.
pub fn redact(text: &str, findings: &[Finding], replacement: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for finding in findings {
        if finding.start < last {
            continue;
        }
        out.push_str(&text[last..finding.start]);
        out.push_str(replacement);
        last = finding.end;
    }
    out.push_str(&text[last..]);
    out
}

// ---- the warning shown to the author ---------------------------------

/// A piece of text, marked or not: how findings and search matches are
/// highlighted without ever printing user text unescaped.
#[derive(Debug, Clone)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// Splits `text` at the findings' spans.
pub fn highlight_findings(text: &str, findings: &[Finding]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut last = 0;
    for finding in findings {
        if finding.start < last {
            continue;
        }
        if finding.start > last {
            segments.push(Segment {
                text: text[last..finding.start].to_string(),
                marked: false,
            });
        }
        segments.push(Segment {
            text: text[finding.start..finding.end].to_string(),
            marked: true,
        });
        last = finding.end;
    }
    if last < text.len() {
        segments.push(Segment {
            text: text[last..].to_string(),
            marked: false,
        });
    }
    segments
}

/// Personal data found in a title and a body, ready for the warning box.
#[derive(Debug, Clone, Default)]
pub struct PiiReport {
    pub kinds: Vec<PiiKind>,
    pub title: Vec<Segment>,
    pub body: Vec<Segment>,
}

/// Scans a title and a body; `None` when neither holds personal data.
pub fn check_personal_data(title: &str, body: &str) -> Option<PiiReport> {
    let title_findings = scan(title);
    let body_findings = scan(body);
    if title_findings.is_empty() && body_findings.is_empty() {
        return None;
    }
    let mut kinds: Vec<PiiKind> = title_findings
        .iter()
        .chain(&body_findings)
        .map(|f| f.kind)
        .collect();
    kinds.dedup();
    let title = if title_findings.is_empty() {
        Vec::new()
    } else {
        highlight_findings(title, &title_findings)
    };
    Some(PiiReport {
        kinds,
        title,
        body: highlight_findings(body, &body_findings),
    })
}

/// The author's choice "remove it": every finding replaced by `replacement`.
pub fn remove_personal_data(text: &str, replacement: &str) -> String {
    redact(text, &scan(text), replacement)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<PiiKind> {
        scan(text).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn luhn_checks() {
        assert!(luhn_valid(&[
            4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
        ]));
        assert!(!luhn_valid(&[
            4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2
        ]));
    }

    #[test]
    fn swedish_personal_numbers_with_valid_check_digit() {
        // 811218-9876 is Skatteverket's example; 19811218-9876 the long form.
        assert_eq!(
            kinds("mitt nummer är 811218-9876 tack"),
            vec![PiiKind::SwedishPersonalNumber]
        );
        assert_eq!(kinds("19811218-9876"), vec![PiiKind::SwedishPersonalNumber]);
        assert_eq!(kinds("198112189876"), vec![PiiKind::SwedishPersonalNumber]);
        assert_eq!(kinds("8112189876"), vec![PiiKind::SwedishPersonalNumber]);
        // Samordningsnummer: day + 60.
        assert_eq!(kinds("701063-2391"), vec![PiiKind::SwedishPersonalNumber]);
    }

    #[test]
    fn swedish_numbers_with_a_wrong_check_digit_are_not_flagged() {
        assert!(kinds("811218-9875")
            .iter()
            .all(|k| *k != PiiKind::SwedishPersonalNumber));
        assert!(kinds("19811218-9877").is_empty());
        assert!(
            kinds("811318-9876")
                .iter()
                .all(|k| *k != PiiKind::SwedishPersonalNumber),
            "month 13"
        );
    }

    #[test]
    fn danish_cpr_numbers() {
        // With a hyphen a valid date is enough (CPR numbers lost their check digit in 2007).
        assert_eq!(kinds("CPR: 150389-1000"), vec![PiiKind::DanishCpr]);
        // Without the hyphen only when the old modulus-11 check holds.
        assert_eq!(kinds("2110625629"), vec![PiiKind::DanishCpr]);
        assert!(
            kinds("1503891000").is_empty(),
            "bare ten digits failing mod 11 look like an order number"
        );
        assert!(kinds("320389-1000").is_empty(), "day 32 is no date");
        // A number valid in both countries is flagged either way.
        assert_eq!(kinds("070761-4285").len(), 1);
    }

    #[test]
    fn phone_numbers() {
        assert_eq!(kinds("ring 070-123 45 67"), vec![PiiKind::Phone]);
        assert_eq!(kinds("ring 0701234567"), vec![PiiKind::Phone]);
        assert_eq!(kinds("call +46 70 123 45 67"), vec![PiiKind::Phone]);
        assert_eq!(kinds("ring +4512345678"), vec![PiiKind::Phone]);
        assert_eq!(kinds("ring 12 34 56 78"), vec![PiiKind::Phone]);
        assert_eq!(kinds("08-123 456 78"), vec![PiiKind::Phone]);
    }

    #[test]
    fn ordinary_numbers_are_not_phone_numbers() {
        assert!(kinds("Order 12345678 arrived on 2024-12-15").is_empty());
        assert!(kinds("It cost 1 299 kr and took 3 weeks").is_empty());
        assert!(kinds("version 1.2.3, ticket #4521, year 2025").is_empty());
        assert!(kinds("abc0701234567").is_empty(), "part of a word");
    }

    #[test]
    fn payment_cards_pass_luhn() {
        assert_eq!(
            kinds("card 4111 1111 1111 1111"),
            vec![PiiKind::PaymentCard]
        );
        assert_eq!(kinds("5555-5555-5555-4444"), vec![PiiKind::PaymentCard]);
        assert_eq!(kinds("4111111111111111"), vec![PiiKind::PaymentCard]);
        assert!(kinds("4111 1111 1111 1112").is_empty(), "fails Luhn");
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            kinds("write to karin.svensson+x@example.se."),
            vec![PiiKind::Email]
        );
        assert_eq!(kinds("björn@exempel.se"), vec![PiiKind::Email]);
        assert!(kinds("@username and a@b and x@localhost").is_empty());
    }

    #[test]
    fn spans_point_at_the_finding() {
        let text = "Hej! Ring 070-123 45 67 eller maila k@example.se";
        let found = scan(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].start..found[0].end], "070-123 45 67");
        assert_eq!(&text[found[1].start..found[1].end], "k@example.se");
        assert_eq!(redact(text, &found, "[x]"), "Hej! Ring [x] eller maila [x]");
    }
}
