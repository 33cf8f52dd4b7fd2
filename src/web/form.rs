//! Form bodies, parsed once by the CSRF middleware and handed to handlers as
//! `FormData`. Parsing never fails on bad bytes: invalid UTF-8 is replaced
//! and remembered, so the page can say so and still show what was typed.

use std::future::{ready, Ready};

use actix_web::{dev::Payload, FromRequest, HttpMessage, HttpRequest};
use percent_encoding::percent_decode;

use crate::kernel::error::AppError;

/// Largest form body accepted; bigger ones get a readable 413 page.
pub const FORM_LIMIT: usize = 256 * 1024;

#[derive(Debug, Clone, Default)]
pub struct FormData {
    fields: Vec<(String, String)>,
    pub invalid_utf8: bool,
    /// A field held a NUL byte: the CSRF middleware refuses the form with
    /// the 422 page (nothing we store can hold one).
    pub has_nul: bool,
}

impl FormData {
    pub fn parse(body: &[u8]) -> FormData {
        let mut form = FormData::default();
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &[][..]),
            };
            let name = form.decode(name);
            let value = form.decode(value);
            form.fields.push((name, value));
        }
        form
    }

    fn decode(&mut self, raw: &[u8]) -> String {
        let spaced: Vec<u8> = raw
            .iter()
            .map(|b| if *b == b'+' { b' ' } else { *b })
            .collect();
        let bytes: Vec<u8> = percent_decode(&spaced).collect();
        if bytes.contains(&0) {
            self.has_nul = true;
        }
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                self.invalid_utf8 = true;
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        }
    }

    /// The first value of `name`, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The value with surrounding white space removed and line endings normalised.
    pub fn text(&self, name: &str) -> String {
        self.get(name).trim().replace("\r\n", "\n")
    }

    /// Markdown as typed: line endings normalised and trailing white space
    /// removed, leading indentation kept (it can mean a code block).
    pub fn markdown(&self, name: &str) -> String {
        self.get(name).replace("\r\n", "\n").trim_end().to_string()
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl FromRequest for FormData {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // The CSRF middleware reads every unsafe request's body; a handler
        // asking for a form on any other request gets an empty one.
        ready(Ok(req
            .extensions()
            .get::<FormData>()
            .cloned()
            .unwrap_or_default()))
    }
}

/// Field-level validation messages (translation keys), kept beside the
/// values so a form can be shown again exactly as it was sent.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors {
    errors: Vec<(&'static str, String)>,
}

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.errors.push((field, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The message for `field`, if any (already translated text or a key).
    pub fn get(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.errors.iter().map(|(_, m)| m.as_str())
    }
}

/// Checks a text field's length in characters, adding a translated message.
pub fn check_length(
    errors: &mut FieldErrors,
    lang: crate::kernel::i18n::Lang,
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
) {
    let len = value.chars().count();
    if len < min {
        let message = if min <= 1 {
            crate::kernel::i18n::tr(lang, "form-required")
        } else {
            crate::kernel::i18n::tr_count(lang, "form-too-short", "min", min as i64)
        };
        errors.add(field, message);
    } else if len > max {
        errors.add(
            field,
            crate::kernel::i18n::tr_count(lang, "form-too-long", "max", max as i64),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_and_percent_escapes() {
        let form = FormData::parse(b"name=Karin+Svensson&email=k%40example.se&empty=&flag");
        assert_eq!(form.get("name"), "Karin Svensson");
        assert_eq!(form.get("email"), "k@example.se");
        assert_eq!(form.get("empty"), "");
        assert_eq!(form.get("flag"), "");
        assert_eq!(form.get("missing"), "");
        assert!(!form.invalid_utf8);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_remembered() {
        let form = FormData::parse(b"name=Bj%F6rn&ok=%C3%A5");
        assert!(form.invalid_utf8);
        assert_eq!(form.get("name"), "Bj\u{FFFD}rn");
        assert_eq!(form.get("ok"), "å");
    }

    #[test]
    fn a_nul_byte_is_remembered() {
        assert!(FormData::parse(b"body=a%00b").has_nul);
        assert!(FormData::parse(b"a%00=b").has_nul);
        assert!(!FormData::parse(b"body=a%30b").has_nul);
    }

    #[test]
    fn repeated_fields_are_all_kept() {
        let form = FormData::parse(b"a=1&a=2");
        assert_eq!(form.all("a"), vec!["1", "2"]);
        assert_eq!(form.get("a"), "1");
    }
}

/// An option in a select or radio group.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The preview of a Markdown field: counted against the account like a
/// post (rendering costs the same), rendered off the async workers.
pub async fn preview(
    state: &crate::state::AppState,
    user: &crate::kernel::user::CurrentUser,
    body: String,
) -> Result<crate::kernel::markdown::SafeHtml, crate::kernel::error::AppError> {
    use crate::web::throttle::{reserve_or_refuse, PREVIEWS_PER_ACCOUNT};
    reserve_or_refuse(
        &state.db,
        vec![(&PREVIEWS_PER_ACCOUNT, user.id.to_string())],
    )
    .await?;
    crate::kernel::markdown::render_off_thread(body).await
}
