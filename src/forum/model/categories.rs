//! Forum categories: general ones and one section per company.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{categories, companies};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CategoryId, CompanyId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = categories)]
pub struct Category {
    pub id: CategoryId,
    pub company_id: Option<CompanyId>,
    pub slug: String,
    pub name: String,
    pub name_key: Option<String>,
    pub description: String,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

/// A category with the name of the company that owns it, if any.
#[derive(Debug, Clone)]
pub struct CategoryListing {
    pub category: Category,
    pub company_name: Option<String>,
    pub company_slug: Option<String>,
}

pub fn list_categories(conn: &mut DbConn) -> QueryResult<Vec<CategoryListing>> {
    let rows: Vec<(Category, Option<String>, Option<String>)> = categories::table
        .left_join(companies::table)
        .select((
            Category::as_select(),
            companies::name.nullable(),
            companies::slug.nullable(),
        ))
        .order((categories::position, categories::name, categories::id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(category, company_name, company_slug)| CategoryListing {
            category,
            company_name,
            company_slug,
        })
        .collect())
}

pub fn find_category(conn: &mut DbConn, slug: &str) -> QueryResult<Option<CategoryListing>> {
    let row: Option<(Category, Option<String>, Option<String>)> = categories::table
        .left_join(companies::table)
        .filter(categories::slug.eq(slug))
        .select((
            Category::as_select(),
            companies::name.nullable(),
            companies::slug.nullable(),
        ))
        .first(conn)
        .optional()?;
    Ok(
        row.map(|(category, company_name, company_slug)| CategoryListing {
            category,
            company_name,
            company_slug,
        }),
    )
}

pub fn category_by_id(conn: &mut DbConn, id: CategoryId) -> QueryResult<Category> {
    categories::table
        .find(id)
        .select(Category::as_select())
        .first(conn)
}

/// The forum section of a company.
pub fn company_section(conn: &mut DbConn, company: CompanyId) -> QueryResult<Option<Category>> {
    categories::table
        .filter(categories::company_id.eq(company))
        .select(Category::as_select())
        .first(conn)
        .optional()
}

/// Creates a company's forum section; called when the company is created.
pub fn create_company_section(
    conn: &mut DbConn,
    company: CompanyId,
    name: &str,
    slug: &str,
) -> QueryResult<()> {
    let mut slug = slug.to_string();
    let taken: i64 = categories::table
        .filter(categories::slug.eq(&slug))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        slug = format!("{slug}-{company}");
    }
    diesel::insert_into(categories::table)
        .values((
            categories::company_id.eq(Some(company)),
            categories::slug.eq(slug),
            categories::name.eq(name),
            categories::description.eq(""),
            categories::position.eq(10),
            categories::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
