use super::*;

fn shipped() -> WatchedList {
    WatchedList::compile(WatchedList::shipped())
}

fn kinds(text: &str) -> Vec<CheckKind> {
    screen("", text, &shipped(), &Context::default())
        .hits
        .into_iter()
        .filter(|h| h.effect != Effect::Report)
        .map(|h| h.kind)
        .collect()
}

#[test]
fn threats_are_aimed_at_people_in_three_languages() {
    for text in [
        "I will find you and k1ll y0u",
        "If the refund is late I'll stab you",
        "Om pengarna inte kommer så dödar jag dig.",
        "Hvis pengene ikke kommer, slår jeg dig ihjel.",
        "Jeg stikker dig ned med en kniv",
        "People like you deserve to be hurt badly",
        "i know where you liiive",
        "Jag vet var du bor.",
        "go k.i.l.l yourself",
        "The support guy Erik should be hanged",
    ] {
        assert_eq!(kinds(text), vec![CheckKind::Threat], "{text}");
    }
}

#[test]
fn hyperbole_aimed_at_things_passes() {
    for text in [
        "The update killed my battery.",
        "I could kill for a coffee right now.",
        "This bug will kill your battery if you leave the app open.",
        "Shoot me a message if you need the logs.",
        "Jag slår ihjäl tiden i telefonkön.",
        "Den deadline slår mig ihjel.",
        "It won't hurt you to read the manual.",
    ] {
        assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
    }
}

#[test]
fn insults_aimed_at_a_person_are_attacks_but_not_at_a_company() {
    for text in [
        "@jonas_b you are a complete moron.",
        "Lisa in support is a useless idiot.",
        "Are you really this stupid?",
        "Håll käften, din dumma kossa.",
        "Du er en komplet idiot.",
    ] {
        assert_eq!(kinds(text), vec![CheckKind::PersonalAttack], "{text}");
    }
    for text in [
        "This company is run by morons.",
        "They treat customers like idiots.",
        "Idioterna på fakturaavdelningen skickar fel faktura.",
        "I er nogle idioter i kundeservice.",
        "This insurer is a joke.",
    ] {
        assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
    }
}

#[test]
fn hate_slurs_and_dehumanising_statements() {
    assert_eq!(kinds("those n1ggers again"), vec![CheckKind::Hate]);
    assert_eq!(kinds("din jävla blattejävel"), vec![CheckKind::Hate]);
    assert_eq!(kinds("skide perkersvin"), vec![CheckKind::Hate]);
    assert_eq!(kinds("Immigrants are vermin."), vec![CheckKind::Hate]);
    assert_eq!(kinds("Muslimer är parasiter."), vec![CheckKind::Hate]);
    // Inside another word, or a different word: nothing.
    assert!(kinds("Scunthorpe spice shop, a cooncan game, the Nigeria branch").is_empty());
    assert!(kinds("Negerbollar heter chokladbollar nu.").is_empty());
}

#[test]
fn a_quoted_slur_is_reported_not_held() {
    let hits = screen(
        "",
        "The driver called me a \"perker\" and I want him reported.",
        &shipped(),
        &Context::default(),
    )
    .hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, CheckKind::Hate);
    assert_eq!(hits[0].effect, Effect::Report);
}

#[test]
fn harsh_criticism_passes() {
    for text in [
        "Worst service ever, the staff lied to me and I want my money back.",
        "Absolut sämsta bolaget, de ljuger och lurar sina kunder. Usel!",
        "Elendig kundeservice, de er nogle svindlere og jeg er rasende.",
        "This company is a scam. Avoid them, they killed my weekend.",
    ] {
        assert!(kinds(text).is_empty(), "{text}");
    }
}

#[test]
fn findings_explain_themselves() {
    let hits = screen("", "I'll stab you", &shipped(), &Context::default()).hits;
    assert_eq!(hits[0].fact(), "fact-threat|stab → you");
    let hits = screen(
        "",
        "Ring mig på 070-123 45 67",
        &shipped(),
        &Context::default(),
    )
    .hits;
    assert_eq!(hits[0].fact(), "fact-personal-data|pii-phone");
}

#[test]
fn company_names_are_not_people() {
    let context = Context::new(&["Fjordbanken".to_string()], Vec::new());
    let hits = screen("", "Honestly Fjordbanken is a fraud.", &shipped(), &context).hits;
    assert!(hits.is_empty(), "{hits:?}");
}

#[test]
fn watched_words_block_and_replace() {
    let list = WatchedList::compile(vec![
        WatchedWord {
            id: 7,
            lang: String::new(),
            pattern: "crapco".into(),
            action: WatchAction::Block,
            clause_code: "off-topic".into(),
            message: "Please use the company's name.".into(),
        },
        WatchedWord {
            id: 8,
            lang: "en".into(),
            pattern: "darn".into(),
            action: WatchAction::Replace,
            clause_code: "off-topic".into(),
            message: "d**n".into(),
        },
    ]);
    let s = screen("", "Crapco again", &list, &Context::default());
    assert_eq!(s.blocked.as_deref(), Some("Please use the company's name."));
    let s = screen("Title", "darn it", &list, &Context::default());
    assert_eq!(s.replaced_body.as_deref(), Some("d**n it"));
    assert!(s.hits.is_empty());
}
