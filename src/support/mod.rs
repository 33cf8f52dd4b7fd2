//! The staff support desk. For now: the queue of hanging threads — threads
//! in the staff member's companies that have no official answer yet.

pub mod handlers;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/desk", web::get().to(handlers::hanging));
}
