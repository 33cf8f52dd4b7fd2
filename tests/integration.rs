//! Integration tests: the real application over HTTP, a fresh database per
//! test — SQLite by default, PostgreSQL when TEST_DATABASE_URL is set.

// A test that cannot unwrap what it expects has failed: the crate's rule
// against `unwrap` and `expect` is for code that serves users.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod accounts;
mod admin;
mod automatic_checks;
mod bench;
mod community;
mod desk;
mod durability;
mod figures;
mod forum;
mod fuzz;
mod instances;
mod layout;
mod licences;
mod mail;
mod moderation;
mod page_cache;
mod peoples_rights;
mod reviews;
mod security;
mod sessions;
mod support;
mod sweep;
mod throttles;
mod verification;
