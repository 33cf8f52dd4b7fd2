//! Template structs of the home page, the company directory and the
//! administrator's company list.

use askama::Template;

use crate::companies::model::{Company, DirectorySort};
use crate::companies::score;
use crate::web::form::FieldErrors;
use crate::web::layout::PageCtx;

#[derive(Template)]
#[template(path = "companies/home.html")]
pub struct HomePage {
    pub ctx: PageCtx,
    pub companies: Vec<Company>,
}

#[derive(Template)]
#[template(path = "companies/directory.html")]
pub struct DirectoryPage {
    pub ctx: PageCtx,
    pub query: String,
    pub sort: DirectorySort,
    pub companies: Vec<Company>,
    pub platform_mean: f64,
}

impl DirectoryPage {
    pub fn score_of(&self, company: &Company) -> String {
        score::display(self.ctx.lang, company.score(self.platform_mean))
    }
}

#[derive(Template)]
#[template(path = "companies/admin_companies.html")]
pub struct AdminCompaniesPage {
    pub ctx: PageCtx,
    pub companies: Vec<Company>,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub website: String,
    pub category: String,
    pub errors: FieldErrors,
}
