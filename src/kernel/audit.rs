//! The audit trail: who changed what (roles, companies, guidelines,
//! passwords), kept for administrators.

use diesel::prelude::*;

use crate::db::schema::audit_log;
use crate::db::{now, DbConn};
use crate::kernel::ids::UserId;

/// Records who changed what, for the admin's audit trail.
pub fn audit(
    conn: &mut DbConn,
    actor: Option<UserId>,
    action: &str,
    subject: &str,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::actor_user_id.eq(actor),
            audit_log::action.eq(action),
            audit_log::subject.eq(subject),
            audit_log::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
