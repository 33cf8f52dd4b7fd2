//! The personal-data guard: finds Swedish personal identity numbers,
//! Danish CPR numbers and Norwegian national numbers (real dates, check
//! digits where the number has them: `identity.rs`), phone numbers of the
//! three countries and abroad, payment cards told apart from payment
//! references (`numbers.rs`), email addresses, also spelled out
//! (`emails.rs`), and street addresses of persons, as a warning only
//! (`addresses.rs`). Pure functions; the forms show the findings before
//! publishing and on preview, and the automatic checks hold what is
//! published anyway.

mod addresses;
mod emails;
mod identity;
mod numbers;

pub use identity::luhn_valid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PiiKind {
    SwedishPersonalNumber,
    DanishCpr,
    Phone,
    Email,
    PaymentCard,
    NorwegianNationalNumber,
    /// A street address with postal code and town: a warning, never a hold.
    Address,
}

impl PiiKind {
    pub fn message_key(self) -> &'static str {
        match self {
            PiiKind::SwedishPersonalNumber => "pii-swedish-personal-number",
            PiiKind::DanishCpr => "pii-danish-cpr",
            PiiKind::Phone => "pii-phone",
            PiiKind::Email => "pii-email",
            PiiKind::PaymentCard => "pii-card",
            PiiKind::NorwegianNationalNumber => "pii-norwegian-national-number",
            PiiKind::Address => "pii-address",
        }
    }

    /// Whether publishing it anyway holds the item for a moderator. An
    /// address is often a shop's: the author is warned, nothing more.
    pub fn holds(self) -> bool {
        self != PiiKind::Address
    }
}

/// One finding: what it is and where (byte offsets into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: PiiKind,
    pub start: usize,
    pub end: usize,
}

/// Every personal datum found in `text`, in order of position.
pub fn scan(text: &str) -> Vec<Finding> {
    let mut found = emails::plain(text);
    for spelled in emails::spelled_out(text) {
        if !found
            .iter()
            .any(|f| spelled.start < f.end && f.start < spelled.end)
        {
            found.push(spelled);
        }
    }
    found.extend(addresses::find(text));
    for run in numbers::number_runs(text) {
        let overlaps = found.iter().any(|f| run.start < f.end && f.start < run.end);
        if overlaps {
            continue;
        }
        if let Some(kind) = numbers::classify(text, &run) {
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
mod tests;
