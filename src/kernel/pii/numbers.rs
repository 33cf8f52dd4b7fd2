//! Numbers in a text and what they are: identity numbers, phone numbers,
//! payment cards — or order numbers, prices and payment references, which
//! are not personal data. Where the digits alone cannot tell, the words
//! around the number do ("ring", "CPR", "OCR", "kort").

use super::identity::{cpr_modulus_11, is_cpr_date, is_norwegian, is_swedish, luhn_valid};
use super::PiiKind;

/// A run of digits with single spaces, hyphens or dots between them,
/// perhaps after a `+` or `00`, perhaps with "(0)" after the country code.
pub struct NumberRun {
    pub start: usize,
    pub end: usize,
    pub digits: Vec<u8>,
    pub raw: String,
}

impl NumberRun {
    /// The digit groups as written ("070-123 45 67" → 3, 3, 2, 2).
    fn groups(&self) -> Vec<usize> {
        self.raw
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .map(str::len)
            .collect()
    }

    /// The character between the first `at` digits and the rest, if any.
    fn separator_after(&self, at: usize) -> Option<char> {
        let mut seen = 0;
        let mut chars = self.raw.chars().skip_while(|c| *c == '+');
        for c in chars.by_ref() {
            if c.is_ascii_digit() {
                seen += 1;
                if seen == at {
                    break;
                }
            }
        }
        chars.next().filter(|c| !c.is_ascii_digit())
    }

    fn is_international(&self) -> bool {
        self.raw.starts_with('+') || self.raw.starts_with("00")
    }
}

fn is_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'.' | b'+')
}

pub fn number_runs(text: &str) -> Vec<NumberRun> {
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
            } else if is_separator(bytes[i]) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                i += 1;
            } else if text[i..].starts_with(" (0)") || text[i..].starts_with("(0)") {
                // "+46 (0)70 …": the trunk zero is not dialled from abroad.
                i += if bytes[i] == b' ' { 4 } else { 3 };
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
            } else {
                break;
            }
        }
        let followed_by_word = bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric());
        if !followed_by_word && !digits.is_empty() {
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

/// The lower-cased words within a few words before a number (and a few after).
fn nearby(text: &str, run: &NumberRun) -> String {
    const BEFORE: usize = 40;
    const AFTER: usize = 15;
    let mut from = run.start.saturating_sub(BEFORE);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (run.end + AFTER).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    format!("{} {}", &text[from..run.start], &text[run.end..to]).to_lowercase()
}

fn mentions(context: &str, words: &[&str]) -> bool {
    context
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| words.contains(&w))
}

/// Words that say a number is a phone number.
const PHONE_WORDS: &[&str] = &[
    "ring",
    "ringa",
    "ringe",
    "call",
    "phone",
    "tel",
    "tlf",
    "telefon",
    "telefonnummer",
    "mobil",
    "mobile",
    "mobilnummer",
    "mobilnr",
    "sms",
    "text",
    "whatsapp",
    "mob",
    "tlfnr",
    "telefonnr",
    "telefonnummeret",
    "nå",
    "naa",
    "træffes",
    "nås",
];
/// Words that say a number is an identity number.
const ID_WORDS: &[&str] = &[
    "cpr",
    "cprnr",
    "personnummer",
    "personnr",
    "fødselsnummer",
    "fodselsnummer",
    "fnr",
    "pnr",
    "personal",
    "identity",
    "fødselsdato",
    "personnummeret",
    "cpr-nummer",
];
/// Words that say a number is a payment reference, not a card.
const REFERENCE_WORDS: &[&str] = &[
    "ocr",
    "ocrnummer",
    "referens",
    "referensen",
    "referensnummer",
    "order",
    "ordre",
    "ordernummer",
    "ordrenummer",
    "ordernr",
    "ordrenr",
    "kundnummer",
    "kundenummer",
    "sagsnummer",
    "ärendenummer",
    "saksnummer",
    "tracking",
    "reference",
    "ref",
    "bankgiro",
    "plusgiro",
    "bg",
    "pg",
    "fi",
    "kid",
    "betalings",
    "betalingsid",
    "indbetalingskort",
    "faktura",
    "fakturanummer",
    "invoice",
    "girokort",
    "kreditornummer",
];
/// Words that say a number is a payment card.
const CARD_WORDS: &[&str] = &[
    "card",
    "kort",
    "kortet",
    "kortnummer",
    "kortnr",
    "visa",
    "mastercard",
    "amex",
    "kreditkort",
    "betalkort",
    "dankort",
    "cvc",
    "cvv",
    "expiry",
    "utgång",
    "udløb",
];

pub fn classify(text: &str, run: &NumberRun) -> Option<PiiKind> {
    let context = nearby(text, run);
    identity_number(run, &context)
        .or_else(|| payment_card(run, &context))
        .or_else(|| phone(run, &context))
}

fn identity_number(run: &NumberRun, context: &str) -> Option<PiiKind> {
    let d = &run.digits;
    let groups = run.groups();
    let id_context = mentions(context, ID_WORDS);
    // "Ordernummer 8112189876": a reference, unless the text says otherwise.
    if mentions(context, REFERENCE_WORDS) && !id_context {
        return None;
    }
    match (d.len(), groups.as_slice()) {
        (10, [10] | [6, 4]) | (12, [12] | [8, 4]) => {
            let separator = run.separator_after(d.len() - 4);
            if is_swedish(d, separator) {
                return Some(PiiKind::SwedishPersonalNumber);
            }
            let bare = groups.len() == 1;
            // Bare ten digits that fail the old modulus-11 check (numbers
            // issued since 2007 may) are CPR numbers only when the text says so:
            // otherwise they are order numbers far more often.
            let cpr = d.len() == 10
                && is_cpr_date(d)
                && (!bare || cpr_modulus_11(d) || id_context)
                && separator != Some('.');
            cpr.then_some(PiiKind::DanishCpr)
        }
        (11, [11] | [6, 5]) if is_norwegian(d) => Some(PiiKind::NorwegianNationalNumber),
        _ => None,
    }
}

fn payment_card(run: &NumberRun, context: &str) -> Option<PiiKind> {
    let d = &run.digits;
    if !(13..=19).contains(&d.len()) || !luhn_valid(d) || run.raw.contains(['<', '+']) {
        return None;
    }
    let card_prefix = matches!(d.first(), Some(3..=6));
    let reference = mentions(context, REFERENCE_WORDS) && !mentions(context, CARD_WORDS);
    (card_prefix && !reference).then_some(PiiKind::PaymentCard)
}

fn phone(run: &NumberRun, context: &str) -> Option<PiiKind> {
    let d = &run.digits;
    let groups = run.groups();
    if run.is_international() {
        let len = if run.raw.starts_with("00") {
            d.len() - 2
        } else {
            d.len()
        };
        return (8..=15).contains(&len).then_some(PiiKind::Phone);
    }
    // Swedish national numbers start with 0: 070-123 45 67, 08-123 456 78.
    if d.first() == Some(&0) && (8..=11).contains(&d.len()) && d.get(1) != Some(&0) {
        return Some(PiiKind::Phone);
    }
    // Danish and Norwegian numbers have eight digits: grouped as people
    // write them (12 34 56 78, 2345 6789, 23-45-67-89) they are phone
    // numbers; written compactly, only when the text says so (and real
    // ones never start with 0 or 1).
    let grouped = matches!(groups.as_slice(), [2, 2, 2, 2] | [4, 4] | [3, 2, 3]);
    // "Bankgiro 5050-1055": a payment reference, unless the text says phone.
    if mentions(context, REFERENCE_WORDS) && !mentions(context, PHONE_WORDS) {
        return None;
    }
    let said = matches!(d.first(), Some(2..=9)) && mentions(context, PHONE_WORDS);
    (d.len() == 8 && d.first() != Some(&0) && (grouped || said)).then_some(PiiKind::Phone)
}
