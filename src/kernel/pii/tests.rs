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

#[test]
fn the_shapes_the_guard_used_to_miss() {
    for (text, kind) in [
        ("ring mig på 23456789", PiiKind::Phone),
        ("mit nummer er 2345 6789", PiiKind::Phone),
        ("tlf 23-45-67-89", PiiKind::Phone),
        ("ring 0045 23 45 67 89", PiiKind::Phone),
        ("ring 0046 70 123 45 67", PiiKind::Phone),
        ("call +46 (0)70 123 45 67", PiiKind::Phone),
        ("ring meg på 912 34 567", PiiKind::Phone),
        (
            "min mormor 121212+1212 fyller 110",
            PiiKind::SwedishPersonalNumber,
        ),
        ("personnummer 811218 9876", PiiKind::SwedishPersonalNumber),
        ("CPR 150389 1000", PiiKind::DanishCpr),
        ("mit CPR-nummer er 1503891000", PiiKind::DanishCpr),
        (
            "fødselsnummer 01010750160",
            PiiKind::NorwegianNationalNumber,
        ),
        ("D-nummer 410107 50154", PiiKind::NorwegianNationalNumber),
        ("skriv till karin snabel-a exempel punkt se", PiiKind::Email),
        ("mail karin [at] example [dot] com", PiiKind::Email),
        ("write to karin.s at gmail dot com", PiiKind::Email),
        (
            "Jag bor på Storgatan 12, 123 45 Stockholm",
            PiiKind::Address,
        ),
        ("Vestergade 4, 8000 Aarhus C", PiiKind::Address),
    ] {
        assert_eq!(kinds(text), vec![kind], "{text}");
    }
}

#[test]
fn what_is_not_personal_data() {
    for text in [
        "The image is logo@2x.png and icon@3x.jpg",
        "OCR 4111111111111111 betalas senast fredag",
        "Bankgiro 5050-1055, OCR-nummer 5555555555554444",
        "+71<000000012345678+12345678<",
        "CPR-lignende 2902831234 er ingen dato",
        "Order 12345678 arrived on 2024-12-15",
        "Betalt 24.12.2024 kl 20.30, ordre 1503891000",
        "It cost 25 000 000 kr in total",
        "I looked at the page on the web site",
    ] {
        assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
    }
    // A card number near card words is still a card.
    assert_eq!(
        kinds("kortnummer 4111 1111 1111 1111, OCR finns på fakturan"),
        vec![PiiKind::PaymentCard]
    );
    // 29 February exists in leap years.
    assert_eq!(kinds("CPR 290284-1234").len(), 1);
    assert!(kinds("CPR 290283-1234").is_empty());
    // An address warns; it does not hold.
    assert!(!PiiKind::Address.holds());
}

/// The guard on its ordinary shapes (`tests/data/pii_labelled.tsv`, built
/// by the script beside it): recall and precision over texts, and the kind.
#[test]
fn measured_on_the_labelled_shapes() {
    const SET: &str = include_str!("../../../tests/data/pii_labelled.tsv");
    let (mut positives, mut found, mut flagged, mut wrong_kind) = (0u32, 0u32, 0u32, Vec::new());
    let mut false_positives = Vec::new();
    let mut misses = Vec::new();
    for line in SET.lines().filter(|l| !l.starts_with('#')) {
        let Some((label, text)) = line.split_once('\t') else {
            continue;
        };
        let kinds: Vec<PiiKind> = kinds(text).into_iter().filter(|k| k.holds()).collect();
        let positive = label != "none";
        positives += u32::from(positive);
        if !kinds.is_empty() {
            flagged += 1;
            if positive {
                found += 1;
                if !kinds.iter().any(|k| k.message_key() == label) {
                    wrong_kind.push(text);
                }
            } else {
                false_positives.push(text);
            }
        } else if positive {
            misses.push(text);
        }
    }
    let recall = f64::from(found) / f64::from(positives);
    let precision = f64::from(found) / f64::from(flagged.max(1));
    println!(
        "personal-data guard: recall {recall:.3} ({found} of {positives}), precision \
         {precision:.3}; missed {misses:?}; wrongly flagged {false_positives:?}; found as \
         another kind {wrong_kind:?}"
    );
    assert!(recall >= 0.97, "recall {recall}: {misses:?}");
    assert!(
        precision >= 0.98,
        "precision {precision}: {false_positives:?}"
    );
}
