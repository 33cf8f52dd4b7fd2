//! Moderation: guidelines as versioned data, flags, automatic checks that
//! hold or flag (never delete), one queue for neutral moderators, decisions
//! with statements of reasons, appeals to a different moderator, a public
//! log and transparency figures. DOMAIN.md principles 1–4.

pub mod checks;
pub mod emails;
pub mod figures;
pub mod guidelines;
pub mod handlers;
pub mod hooks;
pub mod model;
pub mod permissions;
pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    use handlers::{
        cases, flags, guidelines, log, measures, notices, notifications, queue, watched,
    };
    cfg.get("/guidelines", guidelines::guidelines_page)
        .get("/flag/{kind}/{id}", flags::flag_form)
        .post("/flag/{kind}/{id}", flags::flag)
        .get("/notices/new", notices::notice_form)
        .post("/notices/new", notices::send_notice)
        .get("/notices/{token}", notices::notice_status)
        .post("/notices/{token}/confirm", notices::confirm_notice)
        .post("/notices/{token}/appeal", notices::appeal_notice)
        .get("/reporting-measures/{id}", measures::show_measure)
        .post("/reporting-measures/{id}/appeal", measures::appeal_measure)
        .post("/reporting-measures/{id}/decide", measures::decide_measure)
        .get("/moderation", queue::queue)
        .get("/moderation/cases/{id}", cases::show_case)
        .post("/moderation/cases/{id}", cases::decide)
        .post("/moderation/decisions/{id}/restore", cases::restore)
        .get("/moderation/log", log::log)
        .get("/moderation/transparency", log::transparency)
        .get("/notifications/{id}", notifications::show_statement)
        .post("/notifications/{id}/appeal", notifications::appeal)
        .get("/admin/guidelines", guidelines::admin_guidelines)
        .get("/admin/guidelines/{id}", guidelines::admin_clause)
        .post("/admin/guidelines/{id}", guidelines::save_clause)
        .get("/admin/watched-words", watched::watched_words)
        .post("/admin/watched-words", watched::add_watched_word)
        .post("/admin/watched-words/test", watched::test_text)
        .get("/admin/watched-words/{id}", watched::watched_word)
        .post("/admin/watched-words/{id}", watched::revise_watched_word)
        .post(
            "/admin/watched-words/{id}/retire",
            watched::retire_watched_word,
        );
}
