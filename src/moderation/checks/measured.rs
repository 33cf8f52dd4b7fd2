//! The checks measured on the labelled texts in `tests/data/moderation/`,
//! split before any rule was written: `tune.tsv` (rules may be tuned on it;
//! misses are printed) and `test.tsv` (only counted, never read for tuning).
//! A text counts as held when a finding holds it for a new account, the
//! strictest case: `Hold`, or `Flag` (trust levels hold it while the author
//! is new). The same figures through the running product are in
//! `tests/integration/moderation_measured.rs`.

use super::*;

const TUNE: &str = include_str!("../../../tests/data/moderation/tune.tsv");
const TEST: &str = include_str!("../../../tests/data/moderation/test.tsv");

/// Categories whose texts must pass although they are rough or tricky.
const TRICKY: [&str; 3] = ["hyperbole", "scunthorpe", "quoted"];

#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub held: u32,
    pub total: u32,
}

pub struct Row<'a> {
    pub lang: &'a str,
    pub should_hold: bool,
    pub category: &'a str,
    pub text: &'a str,
}

pub fn rows(set: &str) -> Vec<Row<'_>> {
    set.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|line| {
            let mut fields = line.splitn(4, '\t');
            Some(Row {
                lang: fields.next()?,
                should_hold: fields.next()? == "hold",
                category: fields.next()?,
                text: fields.next()?,
            })
        })
        .collect()
}

fn held(text: &str, list: &WatchedList) -> bool {
    screen("", text, list, &Context::default())
        .hits
        .iter()
        .any(|h| matches!(h.effect, Effect::Hold | Effect::Flag))
}

pub struct Measured {
    /// (language, category) → counts.
    pub by: Vec<((String, String), Counts)>,
}

impl Measured {
    fn sum(&self, keep: impl Fn(&str, &str) -> bool) -> Counts {
        self.by
            .iter()
            .filter(|((l, c), _)| keep(l, c))
            .fold(Counts::default(), |a, (_, c)| Counts {
                held: a.held + c.held,
                total: a.total + c.total,
            })
    }
    pub fn harmful(&self) -> Counts {
        self.sum(|_, c| !is_legitimate(c))
    }
    pub fn legitimate_held(&self) -> Counts {
        self.sum(|_, c| is_legitimate(c))
    }
    pub fn category(&self, category: &str) -> Counts {
        self.sum(|_, c| c == category)
    }
    pub fn tricky(&self) -> Counts {
        self.sum(|_, c| TRICKY.contains(&c))
    }
    fn print(&self, name: &str) {
        println!("== {name}");
        for ((lang, category), c) in &self.by {
            println!("{lang} {category:16} held {:3} of {:3}", c.held, c.total);
        }
        let h = self.harmful();
        let l = self.legitimate_held();
        println!(
            "harmful held {} of {} (recall {:.3}); legitimate held {} of {}; precision {:.3}",
            h.held,
            h.total,
            f64::from(h.held) / f64::from(h.total.max(1)),
            l.held,
            l.total,
            f64::from(h.held) / f64::from((h.held + l.held).max(1)),
        );
    }
}

fn is_legitimate(category: &str) -> bool {
    matches!(category, "criticism" | "ordinary") || TRICKY.contains(&category)
}

pub fn measure(set: &str, show_misses: bool) -> Measured {
    let list = WatchedList::compile(WatchedList::shipped());
    let mut by: Vec<((String, String), Counts)> = Vec::new();
    for row in rows(set) {
        let was_held = held(row.text, &list);
        if show_misses && was_held != row.should_hold {
            println!(
                "{} {} {}: {}",
                if was_held { "WRONGLY HELD" } else { "MISSED" },
                row.lang,
                row.category,
                row.text
            );
        }
        let key = (row.lang.to_string(), row.category.to_string());
        let index = match by.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                by.push((key, Counts::default()));
                by.len() - 1
            }
        };
        by[index].1.total += 1;
        by[index].1.held += u32::from(was_held);
    }
    by.sort_by(|a, b| a.0.cmp(&b.0));
    Measured { by }
}

#[test]
fn tuning_half_never_holds_criticism() {
    let m = measure(TUNE, true);
    m.print("tune.tsv");
    assert_eq!(m.category("criticism").held, 0);
}

/// The honest figure: texts the rules were not tuned on.
#[test]
fn test_half_meets_the_targets() {
    let m = measure(TEST, false);
    m.print("test.tsv");
    let harmful = m.harmful();
    assert!(
        harmful.total >= 250,
        "the test half holds {} harmful texts",
        harmful.total
    );
    assert_eq!(m.category("criticism").held, 0, "harsh criticism held");
    assert!(m.tricky().held <= 3, "tricky texts held: {:?}", m.tricky());
    assert!(
        f64::from(harmful.held) >= 0.6 * f64::from(harmful.total),
        "recall {harmful:?}"
    );
}
