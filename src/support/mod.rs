//! The staff support desk and the figures: service settings and office
//! hours, the hanging-threads desk with assignment and "no answer needed",
//! canned answers, private conversations, incidents, the FAQ, the
//! customer's history, the KPI figures with their daily rollup, and the
//! public response-time badge.

pub mod badge;
pub mod canned;
pub mod charts;
pub mod conversations;
pub mod desk;
pub mod faq;
pub mod figures;
pub mod handlers;
pub mod history;
pub mod hours;
pub mod incidents;
pub mod kpi;
pub mod model;
pub mod rollup;
pub mod settings;
pub mod thread_panel;

use handlers::{canned as canned_pages, conversations as talk, desk as desk_pages};
use handlers::{faq as faq_pages, figures as figure_pages, history as history_pages};
use handlers::{incidents as incident_pages, settings as settings_pages};

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    cfg.get("/desk", desk_pages::page)
        .post("/desk/threads/{id}/assign", desk_pages::assign)
        .post("/desk/threads/{id}/no-answer", desk_pages::no_answer)
        .post("/desk/threads/{id}/reopen", desk_pages::reopen)
        .post("/desk/incidents/link", desk_pages::link_incident)
        .get("/desk/customers/{id}", history_pages::page)
        .get("/desk/companies/{slug}/settings", settings_pages::form)
        .post("/desk/companies/{slug}/settings", settings_pages::save)
        .post(
            "/desk/companies/{slug}/holidays",
            settings_pages::add_holiday,
        )
        .post(
            "/desk/companies/{slug}/holidays/{id}/remove",
            settings_pages::remove_holiday,
        )
        .get("/desk/companies/{slug}/canned", canned_pages::page)
        .post("/desk/companies/{slug}/canned", canned_pages::save)
        .get(
            "/desk/companies/{slug}/canned/{id}/edit",
            canned_pages::edit_form,
        )
        .post(
            "/desk/companies/{slug}/canned/{id}/delete",
            canned_pages::delete,
        )
        .get("/desk/companies/{slug}/incidents", incident_pages::page)
        .post("/desk/companies/{slug}/incidents", incident_pages::create)
        .post("/desk/companies/{slug}/faq/{id}/remove", faq_pages::remove)
        .get("/incidents/{id}", incident_pages::show)
        .post("/incidents/{id}/updates", incident_pages::add_update)
        .get("/companies/{slug}/faq", faq_pages::page)
        .get("/companies/{slug}/badge.svg", handlers::badge::image)
        .post("/threads/{id}/faq", faq_pages::promote)
        .get("/threads/{id}/private", talk::thread_form)
        .post("/threads/{id}/private", talk::thread_start)
        .get("/reviews/{id}/private", talk::review_form)
        .post("/reviews/{id}/private", talk::review_start)
        .get("/conversations", talk::list)
        .get("/conversations/{id}", talk::show)
        .post("/conversations/{id}", talk::reply)
        .get("/figures", figure_pages::page)
        .get("/figures/export.csv", figure_pages::export);
}
