//! The community around the content: the notification centre (everything
//! that happens to a person, read and unread), each person's choice of how
//! each kind reaches them by email (at once, in a daily digest, never) —
//! also reachable without logging in from the link every such email
//! carries — the digest itself, and public profiles.
//!
//! The store of notifications is the kernel's (`kernel::notify`): every
//! capability writes to it; this capability reads it for people.

pub mod centre;
pub mod digest;
pub mod lines;
pub mod profiles;
pub mod settings;
pub mod views;

pub fn routes(cfg: &mut crate::web::routes::RouteTable) {
    cfg.get("/notifications", centre::page)
        .post("/notifications/read", centre::read_all)
        .post("/notifications/open/{id}", centre::open)
        .get("/account/notifications", settings::page)
        .post("/account/notifications", settings::save)
        .get("/mail-settings/{token}", settings::token_page)
        .post("/mail-settings/{token}", settings::token_save)
        .post(
            "/mail-settings/{token}/stop/{kind}",
            settings::one_click_stop,
        )
        .get("/people/{id}", profiles::page);
}
