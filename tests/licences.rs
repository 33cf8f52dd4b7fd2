//! Every crate that goes into the binary may be distributed with Tillit under
//! the AGPL-3.0-or-later. The advisory check (`.ci/audit`, cargo-audit) does
//! not look at licences, so this reads them from `cargo metadata` and
//! evaluates each SPDX expression against the licences known to be
//! compatible. A crate with another licence, or none declared, fails the
//! test until someone has read it and added it here with a reason.

use std::process::Command;

/// Licences compatible with distribution under the AGPL-3.0-or-later.
const COMPATIBLE: &[&str] = &[
    "0BSD",
    "AGPL-3.0-or-later",
    "Apache-2.0",
    "Apache-2.0 WITH LLVM-exception",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSL-1.0",
    // webpki-roots: the Mozilla root list, permissive data licence.
    "CDLA-Permissive-2.0",
    "ISC",
    "LGPL-2.1-or-later",
    "MIT",
    // File-level copyleft; compatible with the GPL family (MPL 2.0 §3.3).
    "MPL-2.0",
    // pq-sys bundles libpq under the PostgreSQL licence (BSD-like).
    "PostgreSQL",
    "Unicode-3.0",
    "Unlicense",
    "Zlib",
];

/// Whether an SPDX licence expression allows use under the AGPL: an `OR`
/// needs one compatible side, an `AND` needs both. `/` is the old way of
/// writing `OR`. `WITH` binds tightest, then `AND`, then `OR`.
fn compatible(expression: &str) -> bool {
    let normalised = expression.replace('/', " OR ");
    let tokens = tokenize(&normalised);
    let mut parser = Parser { tokens, at: 0 };
    let result = parser.or();
    result.unwrap_or(false) && parser.at == parser.tokens.len()
}

fn tokenize(text: &str) -> Vec<String> {
    text.replace('(', " ( ")
        .replace(')', " ) ")
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

struct Parser {
    tokens: Vec<String>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn or(&mut self) -> Option<bool> {
        let mut any = self.and()?;
        while self.peek() == Some("OR") {
            self.at += 1;
            any |= self.and()?;
        }
        Some(any)
    }

    fn and(&mut self) -> Option<bool> {
        let mut all = self.term()?;
        while self.peek() == Some("AND") {
            self.at += 1;
            all &= self.term()?;
        }
        Some(all)
    }

    fn term(&mut self) -> Option<bool> {
        let token = self.peek()?.to_string();
        self.at += 1;
        if token == "(" {
            let inner = self.or()?;
            (self.peek() == Some(")")).then_some(())?;
            self.at += 1;
            return Some(inner);
        }
        let licence = if self.peek() == Some("WITH") {
            let exception = self.tokens.get(self.at + 1)?.clone();
            self.at += 2;
            format!("{token} WITH {exception}")
        } else {
            token
        };
        Some(COMPATIBLE.contains(&licence.as_str()))
    }
}

#[test]
fn licence_expressions_are_read_as_spdx_means_them() {
    assert!(compatible("MIT OR Apache-2.0"));
    assert!(compatible("MIT/Apache-2.0"));
    assert!(compatible(
        "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"
    ));
    assert!(compatible("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(compatible("Apache-2.0 OR GPL-2.0-only"));
    assert!(!compatible("GPL-2.0-only"));
    assert!(!compatible("SSPL-1.0"));
    assert!(!compatible("(MIT OR Apache-2.0) AND BUSL-1.1"));
    assert!(!compatible("Apache-2.0 WITH Commons-Clause"));
    assert!(!compatible("MIT AND"));
    assert!(!compatible("(MIT"));
    assert!(!compatible(""));
}

#[test]
fn every_dependency_may_be_distributed_under_the_agpl() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let host = String::from_utf8(
        Command::new("rustc")
            .arg("-vV")
            .output()
            .expect("rustc -vV")
            .stdout,
    )
    .expect("utf-8");
    let host = host
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("host triple")
        .to_string();
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .args(["--filter-platform", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("metadata");
    let packages = metadata["packages"].as_array().expect("packages");
    assert!(packages.len() > 100, "the whole tree was read");
    let refused: Vec<String> = packages
        .iter()
        .filter_map(|package| {
            let name = package["name"].as_str().unwrap_or("?");
            let version = package["version"].as_str().unwrap_or("?");
            match package["license"].as_str() {
                Some(licence) if compatible(licence) => None,
                Some(licence) => Some(format!("{name} {version}: {licence}")),
                None => Some(format!("{name} {version}: no licence declared")),
            }
        })
        .collect();
    assert!(
        refused.is_empty(),
        "licences not known to be compatible with the AGPL:\n{}",
        refused.join("\n")
    );
}
