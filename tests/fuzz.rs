//! Hostile input on every route of the route table: a NUL byte, a lone
//! surrogate (CESU-style `ED A0 80`), overlong UTF-8 (`C0 AF`) and ids far
//! beyond 64 bits, in each path parameter, in the query and in every common
//! form field, as a visitor and as an administrator. No answer may be a
//! server error; a NUL byte anywhere, or bytes that are not UTF-8 in the
//! path or query, get the readable 422 page.

use actix_web::http::Method;

use crate::common::{Client, TestApp};

const PASSWORD: &str = "correct horse battery staple";

/// (name, percent-encoded value, must the answer be 422 when it is in the
/// path or query?)
const BAD_VALUES: [(&str, &str, bool); 5] = [
    ("nul", "a%00b", true),
    ("surrogate", "a%ED%A0%80b", true),
    ("overlong", "a%C0%AFb", true),
    ("huge id", "99999999999999999999999999", false),
    ("negative id", "-9223372036854775808", false),
];

const FORM_FIELDS: [&str; 24] = [
    "email",
    "password",
    "display_name",
    "title",
    "body",
    "kind",
    "q",
    "reason",
    "text",
    "rating",
    "company_id",
    "action",
    "value",
    "note",
    "subject",
    "status",
    "name",
    "slug",
    "reference",
    "token",
    "lang",
    "next",
    "clause",
    "quote",
];

const QUERY_KEYS: [&str; 12] = [
    "q", "page", "before", "company", "from", "to", "token", "sort", "next", "status", "tab",
    "rating",
];

fn fill(pattern: &str, value: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        out.push_str(value);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A harmless value for each kind of path parameter.
fn ordinary(pattern: &str) -> String {
    fill(
        &pattern
            .replace("{slug}", "nordbank")
            .replace("{kind}", "post"),
        "1",
    )
}

async fn request(client: &Client, method: &Method, path: &str, body: Option<String>) -> u16 {
    match body {
        Some(body) => {
            client
                .send(
                    method.clone(),
                    path,
                    Some((body.into_bytes(), "application/x-www-form-urlencoded")),
                    &[],
                )
                .await
                .status
        }
        None => client.send(method.clone(), path, None, &[]).await.status,
    }
}

#[actix_web::test]
async fn hostile_input_on_every_route_gets_a_readable_answer() {
    let app = TestApp::new().await;
    app.create_company("Nordbank", "nordbank");
    app.create_admin("admin@example.se", PASSWORD);
    let visitor = app.client();
    let admin = app.login("admin@example.se", PASSWORD).await;
    let mut failures = Vec::new();
    let mut requests = 0;
    for (method, pattern) in tillit::routes() {
        for client in [&visitor, &admin] {
            let token = client.csrf().await;
            for (name, value, strict) in BAD_VALUES {
                let mut cases = Vec::new();
                if pattern.contains('{') {
                    cases.push(("path", fill(pattern, value), None, strict));
                }
                let query: Vec<String> =
                    QUERY_KEYS.iter().map(|k| format!("{k}={value}")).collect();
                cases.push((
                    "query",
                    format!("{}?{}", ordinary(pattern), query.join("&")),
                    None,
                    strict,
                ));
                if method == Method::POST {
                    let mut fields = vec![format!("csrf_token={token}")];
                    fields.extend(FORM_FIELDS.iter().map(|f| format!("{f}={value}")));
                    // In a form only a NUL is refused outright; other bad bytes
                    // are replaced and the form says so (tests in accounts.rs).
                    cases.push((
                        "form",
                        ordinary(pattern),
                        Some(fields.join("&")),
                        name == "nul",
                    ));
                }
                for (place, path, body, must_be_422) in cases {
                    let status = request(client, &method, &path, body).await;
                    requests += 1;
                    if status >= 500 || (must_be_422 && status != 422) {
                        failures.push(format!("{method} {path} ({name} in the {place}): {status}"));
                    }
                }
            }
        }
    }
    eprintln!("fuzz: {requests} requests, {} failures", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {requests} hostile requests answered badly:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[actix_web::test]
async fn the_422_page_is_readable_and_in_the_visitors_language() {
    let app = TestApp::new().await;
    let visitor = app.client();
    *visitor.accept_language.borrow_mut() = Some("sv".into());
    let resp = visitor.get("/search?q=%00").await;
    resp.assert_status(422);
    assert!(resp.body.contains("<main"), "a page in the site's layout");
    assert!(resp.has("tecken"), "in Swedish: {}", resp.body);
}
