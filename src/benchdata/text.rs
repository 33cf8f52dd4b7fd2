//! Generated text for the benchmark dataset: English, Swedish and Danish
//! sentences from word pools, with the Markdown people write (paragraphs,
//! bold, lists, links), rendered through the site's own Markdown renderer.

use rand::rngs::StdRng;
use rand::Rng;

use crate::kernel::markdown;

const EN: &[&str] = &[
    "invoice",
    "meter",
    "reading",
    "support",
    "phone",
    "queue",
    "app",
    "login",
    "password",
    "contract",
    "price",
    "delivery",
    "refund",
    "outage",
    "router",
    "signal",
    "bill",
    "payment",
    "card",
    "account",
    "branch",
    "staff",
    "answer",
    "email",
    "chat",
    "weeks",
    "days",
    "again",
    "finally",
    "still",
    "never",
    "always",
    "quickly",
    "slowly",
    "wrong",
    "right",
    "helpful",
    "friendly",
    "rude",
    "expensive",
    "cheap",
    "fair",
    "clear",
    "confusing",
    "broken",
    "fixed",
    "new",
    "old",
    "moved",
    "apartment",
    "house",
    "winter",
    "summer",
    "heating",
    "coffee",
    "subscription",
    "parcel",
    "order",
    "update",
    "version",
    "screen",
    "settings",
    "menu",
];
const SV: &[&str] = &[
    "faktura",
    "mätare",
    "avläsning",
    "kundtjänst",
    "telefon",
    "kö",
    "appen",
    "inloggning",
    "lösenord",
    "avtal",
    "pris",
    "leverans",
    "återbetalning",
    "avbrott",
    "router",
    "räkning",
    "betalning",
    "kort",
    "konto",
    "kontoret",
    "personalen",
    "svar",
    "mejl",
    "chatt",
    "veckor",
    "dagar",
    "igen",
    "äntligen",
    "fortfarande",
    "aldrig",
    "alltid",
    "snabbt",
    "långsamt",
    "fel",
    "rätt",
    "hjälpsam",
    "trevlig",
    "otrevlig",
    "dyrt",
    "billigt",
    "rimligt",
    "tydligt",
    "trasig",
    "lagad",
    "ny",
    "gammal",
    "flyttade",
    "lägenhet",
    "hus",
    "vinter",
    "sommar",
    "värme",
    "kaffe",
    "prenumeration",
    "paket",
    "beställning",
    "uppdatering",
    "skärmen",
    "inställningar",
];
const DA: &[&str] = &[
    "faktura",
    "måler",
    "aflæsning",
    "kundeservice",
    "telefon",
    "kø",
    "appen",
    "login",
    "adgangskode",
    "aftale",
    "pris",
    "levering",
    "tilbagebetaling",
    "afbrydelse",
    "router",
    "regning",
    "betaling",
    "kort",
    "konto",
    "filialen",
    "personalet",
    "svar",
    "mail",
    "chat",
    "uger",
    "dage",
    "igen",
    "endelig",
    "stadig",
    "aldrig",
    "altid",
    "hurtigt",
    "langsomt",
    "forkert",
    "rigtigt",
    "hjælpsom",
    "venlig",
    "uhøflig",
    "dyrt",
    "billigt",
    "rimeligt",
    "tydeligt",
    "defekt",
    "repareret",
    "ny",
    "gammel",
    "flyttede",
    "lejlighed",
    "hus",
    "vinter",
    "sommer",
    "varme",
    "kaffe",
    "abonnement",
    "pakke",
    "bestilling",
    "opdatering",
    "skærmen",
    "indstillinger",
];

/// Product models: each appears in about 0.2 % of the texts.
pub const MODELS: &[&str] = &[
    "zx200", "aurora9", "fjell7", "polar3", "delta50", "nova12", "kappa8", "sigma4", "orion6",
    "vega2",
];

pub fn pool(lang: usize) -> &'static [&'static str] {
    match lang % 3 {
        0 => EN,
        1 => SV,
        _ => DA,
    }
}

/// A sentence of `words` words, capitalised, with a full stop.
pub fn sentence(rng: &mut StdRng, lang: usize, words: usize) -> String {
    let pool = pool(lang);
    let mut out = String::new();
    for i in 0..words.max(1) {
        let word = pool[rng.gen_range(0..pool.len())];
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
    out
}

/// A title of three to eight words, without a full stop.
pub fn title(rng: &mut StdRng, lang: usize) -> String {
    let words = rng.gen_range(3..9);
    sentence(rng, lang, words).trim_end_matches('.').to_string()
}

/// A post or review body in Markdown: one to four paragraphs of realistic
/// length, sometimes with bold words, a list or a link.
pub fn body(rng: &mut StdRng, lang: usize) -> String {
    let paragraphs = match rng.gen_range(0..10) {
        0..=4 => 1,
        5..=7 => 2,
        8 => 3,
        _ => 4,
    };
    let mut parts = Vec::with_capacity(paragraphs + 1);
    for _ in 0..paragraphs {
        let sentences = rng.gen_range(1..5);
        let mut paragraph = Vec::with_capacity(sentences);
        for _ in 0..sentences {
            let words = rng.gen_range(5..18);
            let mut s = sentence(rng, lang, words);
            if rng.gen_bool(0.15) {
                s = format!("**{s}**");
            }
            paragraph.push(s);
        }
        parts.push(paragraph.join(" "));
    }
    if rng.gen_bool(0.1) {
        let items: Vec<String> = (0..rng.gen_range(2..5))
            .map(|_| {
                let words = rng.gen_range(2..6);
                format!("- {}", sentence(rng, lang, words))
            })
            .collect();
        parts.push(items.join("\n"));
    }
    if rng.gen_bool(0.05) {
        parts.push("[help page](https://example.com/help)".to_string());
    }
    // Specific words people search for: product models, rare in the text.
    if rng.gen_bool(0.02) {
        parts.push(format!("Model {}.", MODELS[rng.gen_range(0..MODELS.len())]));
    }
    parts.join("\n\n")
}

/// A pool of distinct bodies with their rendered HTML, drawn from in turn
/// (rendering a million bodies one by one would dominate the run time).
pub struct Bodies {
    items: Vec<(String, String)>,
    next: usize,
}

impl Bodies {
    pub fn new(rng: &mut StdRng, count: usize) -> Bodies {
        let items = (0..count)
            .map(|i| {
                let source = body(rng, i);
                let html = markdown::render(&source).as_str().to_string();
                (source, html)
            })
            .collect();
        Bodies { items, next: 0 }
    }

    pub fn take(&mut self) -> &(String, String) {
        let item = &self.items[self.next % self.items.len()];
        self.next += 1;
        item
    }
}

const FIRST: &[&str] = &[
    "Anna", "Lars", "Karin", "Mads", "Sofie", "Erik", "Ingrid", "Jens", "Maja", "Olle", "Freja",
    "Nils", "Astrid", "Mikkel", "Elin", "Kasper", "Sara", "Henrik", "Linnea", "Rasmus",
];
const LAST: &[&str] = &[
    "Svensson",
    "Jensen",
    "Lindqvist",
    "Holm",
    "Nielsen",
    "Berg",
    "Hansen",
    "Persson",
    "Andersen",
    "Larsen",
    "Johansson",
    "Pedersen",
    "Karlsson",
    "Christensen",
    "Nilsson",
];

pub fn person(n: usize) -> String {
    format!(
        "{} {}",
        FIRST[n % FIRST.len()],
        LAST[(n / FIRST.len()) % LAST.len()]
    )
}

const BRAND: &[&str] = &[
    "Nord", "Fjord", "Hav", "Skog", "Sol", "Vind", "Berg", "Dal", "Ljus", "Strand", "Ek", "Björk",
    "Sten", "Is", "Våg",
];
const TRADE: &[(&str, &str)] = &[
    ("Energi", "Energy"),
    ("Bank", "Banking"),
    ("Telecom", "Telecom"),
    ("Kaffe", "Food and drink"),
    ("Resor", "Travel"),
    ("Försäkring", "Insurance"),
    ("El", "Energy"),
    ("Post", "Logistics"),
];

/// (name, category) of the n-th company.
pub fn company(n: usize) -> (String, &'static str) {
    let (trade, category) = TRADE[n % TRADE.len()];
    let brand = BRAND[(n / TRADE.len()) % BRAND.len()];
    let round = n / (TRADE.len() * BRAND.len());
    let name = if round == 0 {
        format!("{brand}{} {trade}", "")
    } else {
        format!("{brand} {trade} {}", round + 1)
    };
    (name.replace("  ", " "), category)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn text_is_repeatable_for_a_seed() {
        let mut a = StdRng::seed_from_u64(7);
        let mut b = StdRng::seed_from_u64(7);
        assert_eq!(body(&mut a, 1), body(&mut b, 1));
        assert!(title(&mut a, 2).split(' ').count() >= 3);
    }

    #[test]
    fn company_names_are_distinct() {
        let mut names: Vec<String> = (0..500).map(|n| company(n).0).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 500);
    }
}
