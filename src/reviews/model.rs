//! Companies (the review pages and staff roles hang off them).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::model::escape_like;
use crate::db::schema::companies;
use crate::db::{now, DbConn};
use crate::ids::CompanyId;

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends, for case-insensitive matching.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

pub const NAME_MAX: usize = 100;
pub const SLUG_MAX: usize = 60;
pub const DESCRIPTION_MAX: usize = 2000;
pub const WEBSITE_MAX: usize = 200;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = companies)]
pub struct Company {
    pub id: CompanyId,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub website: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A URL-safe name: lower-case letters and digits joined by hyphens, with
/// the Nordic letters spelled out so "Fjällräven" becomes "fjallraven".
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let mapped = match c {
            'å' | 'ä' | 'á' | 'à' => "a",
            'æ' => "ae",
            'ö' | 'ø' | 'ó' | 'ò' => "o",
            'é' | 'è' | 'ë' => "e",
            'ü' | 'ú' => "u",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        slug.push_str(mapped);
    }
    let parts: Vec<&str> = slug.split('-').filter(|p| !p.is_empty()).collect();
    parts
        .join("-")
        .chars()
        .take(SLUG_MAX)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= SLUG_MAX
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// Accepts http(s) addresses only, so a link can never run script.
pub fn normalize_website(input: &str) -> Option<String> {
    let trimmed = input.trim();
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("https://{trimmed}")
    };
    let parsed = url::Url::parse(&with_scheme).ok()?;
    let ok = matches!(parsed.scheme(), "http" | "https")
        && parsed.host_str().is_some_and(|h| h.contains('.'));
    ok.then(|| parsed.to_string())
}

pub fn all_companies(conn: &mut DbConn) -> QueryResult<Vec<Company>> {
    companies::table
        .select(Company::as_select())
        .order((companies::name, companies::id))
        .load(conn)
}

pub fn find_company(conn: &mut DbConn, id: CompanyId) -> QueryResult<Option<Company>> {
    companies::table
        .find(id)
        .select(Company::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<Company>> {
    companies::table
        .filter(companies::slug.eq(slug))
        .select(Company::as_select())
        .first(conn)
        .optional()
}

/// Companies whose name contains `query`, by name, at most `limit`.
pub fn search_companies(conn: &mut DbConn, query: &str, limit: i64) -> QueryResult<Vec<Company>> {
    let pattern = format!("%{}%", escape_like(query));
    let mut q = companies::table
        .select(Company::as_select())
        .order((companies::name, companies::id))
        .limit(limit)
        .into_boxed();
    if !query.is_empty() {
        q = q.filter(lower(companies::name).like(lower(pattern)).escape('\\'));
    }
    q.load(conn)
}

pub struct NewCompany<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub website: Option<&'a str>,
}

pub fn insert_company(conn: &mut DbConn, company: &NewCompany) -> QueryResult<CompanyId> {
    diesel::insert_into(companies::table)
        .values((
            companies::name.eq(company.name),
            companies::slug.eq(company.slug),
            companies::description.eq(company.description),
            companies::website.eq(company.website),
            companies::created_at.eq(now()),
        ))
        .execute(conn)?;
    companies::table
        .filter(companies::slug.eq(company.slug))
        .select(companies::id)
        .first(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_hyphenated() {
        assert_eq!(slugify("Fjällräven Kånken AB"), "fjallraven-kanken-ab");
        assert_eq!(slugify("  Smørrebrød & Co.  "), "smorrebrod-co");
        assert_eq!(slugify("Nordlys Energi"), "nordlys-energi");
        assert_eq!(slugify("!!!"), "");
        assert!(is_valid_slug("nordlys-energi"));
        assert!(!is_valid_slug("Nordlys"));
        assert!(!is_valid_slug("-x"));
    }

    #[test]
    fn websites_must_be_http() {
        assert_eq!(
            normalize_website("nordlys.example"),
            Some("https://nordlys.example/".into())
        );
        assert_eq!(
            normalize_website("http://a.example/x"),
            Some("http://a.example/x".into())
        );
        assert_eq!(normalize_website("javascript:alert(1)"), None);
        assert_eq!(normalize_website("ftp://a.example"), None);
        assert_eq!(normalize_website("localhost"), None);
    }
}
