//! Companies: the directory, their pages' stored review totals, slugs and
//! websites. Reviews, the forum and the desk all hang off a company.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::companies;
use crate::db::{escape_like, lower};
use crate::db::{now, DbConn};
use crate::kernel::ids::CompanyId;

pub const NAME_MAX: usize = 100;
pub const SLUG_MAX: usize = 60;
pub const DESCRIPTION_MAX: usize = 2000;
pub const CATEGORY_MAX: usize = 60;
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
    pub review_count: i32,
    pub rating_sum: i64,
    pub stars_1: i32,
    pub stars_2: i32,
    pub stars_3: i32,
    pub stars_4: i32,
    pub stars_5: i32,
    /// The industry, e.g. "Energy": companies in one category compete.
    pub category: String,
    /// Σ of the counted reviews' age weights, and of weight × rating
    /// (kept by every review write and the daily ageing job).
    pub score_weight: f64,
    pub score_weighted_sum: f64,
}

impl Company {
    /// Counts of 5, 4, 3, 2 and 1 stars, in that order (as the chart shows them).
    pub fn distribution(&self) -> [(i32, i32); 5] {
        [
            (5, self.stars_5),
            (4, self.stars_4),
            (3, self.stars_3),
            (2, self.stars_2),
            (1, self.stars_1),
        ]
    }

    /// The score: the age-weighted Bayesian average (the plain one until
    /// the weights were first computed).
    pub fn score(&self, platform_mean: f64) -> f64 {
        if self.score_weight > 0.0 || self.review_count == 0 {
            crate::companies::score::weighted(
                self.score_weighted_sum,
                self.score_weight,
                platform_mean,
            )
        } else {
            crate::companies::score::bayesian(
                self.rating_sum,
                i64::from(self.review_count),
                platform_mean,
            )
        }
    }
}

/// Stores a company's age-weighted sums.
pub fn set_weights(
    conn: &mut DbConn,
    company: CompanyId,
    weight: f64,
    weighted_sum: f64,
) -> QueryResult<()> {
    diesel::update(companies::table.find(company))
        .set((
            companies::score_weight.eq(weight),
            companies::score_weighted_sum.eq(weighted_sum),
        ))
        .execute(conn)?;
    Ok(())
}

/// How the directory is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectorySort {
    Name,
    Score,
    Reviews,
}

impl DirectorySort {
    pub fn parse(value: &str) -> DirectorySort {
        match value {
            "score" => DirectorySort::Score,
            "reviews" => DirectorySort::Reviews,
            _ => DirectorySort::Name,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DirectorySort::Name => "name",
            DirectorySort::Score => "score",
            DirectorySort::Reviews => "reviews",
        }
    }
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

/// Every company's id and name, by name (for filters and pickers).
pub fn all_company_names(conn: &mut DbConn) -> QueryResult<Vec<(CompanyId, String)>> {
    companies::table
        .select((companies::id, companies::name))
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
    directory(conn, query, DirectorySort::Name, limit)
}

/// The directory: companies matching `query`, ordered by name, by score
/// (the Bayesian average, computed in SQL from the stored totals) or by
/// number of reviews.
pub fn directory(
    conn: &mut DbConn,
    query: &str,
    sort: DirectorySort,
    limit: i64,
) -> QueryResult<Vec<Company>> {
    let mut q = companies::table
        .select(Company::as_select())
        .limit(limit)
        .into_boxed();
    if !query.is_empty() {
        let pattern = format!("%{}%", escape_like(query));
        q = q.filter(lower(companies::name).like(lower(pattern)).escape('\\'));
    }
    q = match sort {
        DirectorySort::Name => q.order((companies::name, companies::id)),
        DirectorySort::Reviews => q.order((
            companies::review_count.desc(),
            companies::name,
            companies::id,
        )),
        DirectorySort::Score => {
            let weight = crate::companies::score::PRIOR_WEIGHT;
            let mean = crate::companies::score::PRIOR_MEAN;
            // Numbers formatted here are constants, never user input.
            let expression = format!(
                "(({weight:.6} * {mean:.6}) + score_weighted_sum) / ({weight:.6} + score_weight) DESC"
            );
            q.order((
                diesel::dsl::sql::<diesel::sql_types::Double>(&expression),
                companies::id,
            ))
        }
    };
    q.load(conn)
}

pub struct NewCompany<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub website: Option<&'a str>,
    pub category: &'a str,
}

pub fn insert_company(conn: &mut DbConn, company: &NewCompany) -> QueryResult<CompanyId> {
    diesel::insert_into(companies::table)
        .values((
            companies::name.eq(company.name),
            companies::slug.eq(company.slug),
            companies::description.eq(company.description),
            companies::website.eq(company.website),
            companies::category.eq(company.category),
            companies::created_at.eq(now()),
        ))
        .execute(conn)?;
    companies::table
        .filter(companies::slug.eq(company.slug))
        .select(companies::id)
        .first(conn)
}

/// Stores a company's review totals from (stars, how many) pairs: the
/// count, the sum and the distribution the page and the directory read.
pub fn set_totals(conn: &mut DbConn, company: CompanyId, counts: &[(i32, i64)]) -> QueryResult<()> {
    let stars = |n: i32| {
        counts
            .iter()
            .find(|(r, _)| *r == n)
            .map_or(0, |(_, c)| i32::try_from(*c).unwrap_or(i32::MAX))
    };
    let count: i64 = counts.iter().map(|(_, c)| c).sum();
    let sum: i64 = counts.iter().map(|(r, c)| i64::from(*r) * c).sum();
    diesel::update(companies::table.find(company))
        .set((
            companies::review_count.eq(i32::try_from(count).unwrap_or(i32::MAX)),
            companies::rating_sum.eq(sum),
            companies::stars_1.eq(stars(1)),
            companies::stars_2.eq(stars(2)),
            companies::stars_3.eq(stars(3)),
            companies::stars_4.eq(stars(4)),
            companies::stars_5.eq(stars(5)),
        ))
        .execute(conn)?;
    Ok(())
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
