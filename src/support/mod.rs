//! The staff support desk: the queue of hanging threads (threads in the
//! staff member's companies with no official answer yet) and the public
//! response-time badge.

pub mod badge;
pub mod canned;
pub mod charts;
pub mod conversations;
pub mod desk;
pub mod faq;
pub mod figures;
pub mod incidents;
pub mod kpi;
pub mod rollup;
pub mod settings;
pub mod hours;
pub mod handlers;
pub mod model;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/desk", web::get().to(handlers::hanging));
}
