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

use actix_web::web;

use handlers::{canned as canned_pages, conversations as talk, desk as desk_pages};
use handlers::{faq as faq_pages, figures as figure_pages, history as history_pages};
use handlers::{incidents as incident_pages, settings as settings_pages};

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    cfg.route("/desk", web::get().to(desk_pages::page))
        .route(
            "/desk/threads/{id}/assign",
            web::post().to(desk_pages::assign),
        )
        .route(
            "/desk/threads/{id}/no-answer",
            web::post().to(desk_pages::no_answer),
        )
        .route(
            "/desk/threads/{id}/reopen",
            web::post().to(desk_pages::reopen),
        )
        .route(
            "/desk/incidents/link",
            web::post().to(desk_pages::link_incident),
        )
        .route("/desk/customers/{id}", web::get().to(history_pages::page))
        .route(
            "/desk/companies/{slug}/settings",
            web::get().to(settings_pages::form),
        )
        .route(
            "/desk/companies/{slug}/settings",
            web::post().to(settings_pages::save),
        )
        .route(
            "/desk/companies/{slug}/holidays",
            web::post().to(settings_pages::add_holiday),
        )
        .route(
            "/desk/companies/{slug}/holidays/{id}/remove",
            web::post().to(settings_pages::remove_holiday),
        )
        .route(
            "/desk/companies/{slug}/canned",
            web::get().to(canned_pages::page),
        )
        .route(
            "/desk/companies/{slug}/canned",
            web::post().to(canned_pages::save),
        )
        .route(
            "/desk/companies/{slug}/canned/{id}/edit",
            web::get().to(canned_pages::edit_form),
        )
        .route(
            "/desk/companies/{slug}/canned/{id}/delete",
            web::post().to(canned_pages::delete),
        )
        .route(
            "/desk/companies/{slug}/incidents",
            web::get().to(incident_pages::page),
        )
        .route(
            "/desk/companies/{slug}/incidents",
            web::post().to(incident_pages::create),
        )
        .route(
            "/desk/companies/{slug}/faq/{id}/remove",
            web::post().to(faq_pages::remove),
        )
        .route("/incidents/{id}", web::get().to(incident_pages::show))
        .route(
            "/incidents/{id}/updates",
            web::post().to(incident_pages::add_update),
        )
        .route("/companies/{slug}/faq", web::get().to(faq_pages::page))
        .route("/threads/{id}/faq", web::post().to(faq_pages::promote))
        .route("/threads/{id}/private", web::get().to(talk::thread_form))
        .route("/threads/{id}/private", web::post().to(talk::thread_start))
        .route("/reviews/{id}/private", web::get().to(talk::review_form))
        .route("/reviews/{id}/private", web::post().to(talk::review_start))
        .route("/conversations", web::get().to(talk::list))
        .route("/conversations/{id}", web::get().to(talk::show))
        .route("/conversations/{id}", web::post().to(talk::reply))
        .route("/figures", web::get().to(figure_pages::page))
        .route("/figures/export.csv", web::get().to(figure_pages::export));
}
