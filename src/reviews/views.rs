//! Template structs of the company pages.

use askama::Template;

use crate::reviews::model::Company;
use crate::web::form::FieldErrors;
use crate::web::layout::PageCtx;

#[derive(Template)]
#[template(path = "reviews/home.html")]
pub struct HomePage {
    pub ctx: PageCtx,
    pub companies: Vec<Company>,
}

#[derive(Template)]
#[template(path = "reviews/directory.html")]
pub struct DirectoryPage {
    pub ctx: PageCtx,
    pub query: String,
    pub companies: Vec<Company>,
}

#[derive(Template)]
#[template(path = "reviews/company.html")]
pub struct CompanyPage {
    pub ctx: PageCtx,
    pub company: Company,
    /// The company's forum section.
    pub forum_slug: Option<String>,
}

#[derive(Template)]
#[template(path = "reviews/admin_companies.html")]
pub struct AdminCompaniesPage {
    pub ctx: PageCtx,
    pub companies: Vec<Company>,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub website: String,
    pub errors: FieldErrors,
}
