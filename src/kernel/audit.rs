//! The audit trail (ASVS V16): security-relevant events — logins that
//! succeeded or failed, logouts, sessions ended, password changes and
//! resets, email verification, role changes, administrators' actions — with
//! UTC time, the request id (the same as in the log lines), the actor, a
//! keyed hash of the client address and the outcome. Never a password, a
//! token or a typed address: a subject is an id or a fixed word.

use diesel::prelude::*;

use crate::db::schema::audit_log;
use crate::db::{now, DbConn};
use crate::kernel::ids::UserId;

/// Whether what was attempted happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
        }
    }
}

/// Where an event came from: the request's id and the hashed client
/// address. Built by the web layer for each request (`web::client`); jobs
/// and the command line use `AuditContext::default()`.
#[derive(Debug, Clone, Default)]
pub struct AuditContext {
    pub request_id: Option<String>,
    pub address_hash: Option<String>,
}

impl AuditContext {
    /// Records a successful action.
    pub fn record(
        &self,
        conn: &mut DbConn,
        actor: Option<UserId>,
        action: &str,
        subject: &str,
    ) -> QueryResult<()> {
        self.record_outcome(conn, actor, action, subject, Outcome::Success)
    }

    /// Records an attempt that failed (a wrong password, a refused login).
    pub fn record_failure(
        &self,
        conn: &mut DbConn,
        actor: Option<UserId>,
        action: &str,
        subject: &str,
    ) -> QueryResult<()> {
        self.record_outcome(conn, actor, action, subject, Outcome::Failure)
    }

    fn record_outcome(
        &self,
        conn: &mut DbConn,
        actor: Option<UserId>,
        action: &str,
        subject: &str,
        outcome: Outcome,
    ) -> QueryResult<()> {
        // The same event in the log, inside the request's span (its id and
        // client address come with it).
        tracing::info!(
            target: "audit",
            action,
            subject,
            actor = actor.map(|a| a.0),
            outcome = outcome.as_str()
        );
        diesel::insert_into(audit_log::table)
            .values((
                audit_log::actor_user_id.eq(actor),
                audit_log::action.eq(action),
                audit_log::subject.eq(subject),
                audit_log::created_at.eq(now()),
                audit_log::request_id.eq(&self.request_id),
                audit_log::address_hash.eq(&self.address_hash),
                audit_log::outcome.eq(outcome.as_str()),
            ))
            .execute(conn)?;
        Ok(())
    }
}
