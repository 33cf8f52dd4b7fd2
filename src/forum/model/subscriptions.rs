//! Email subscriptions to threads, with one-click unsubscribe tokens.

use diesel::prelude::*;

use crate::db::schema::{subscriptions, threads, users};
use crate::db::{now, DbConn};
use crate::forum::model::threads::Thread;
use crate::kernel::ids::{ThreadId, UserId};
use crate::kernel::tokens::random_token;

pub fn is_subscribed(conn: &mut DbConn, thread: ThreadId, user: UserId) -> QueryResult<bool> {
    let n: i64 = subscriptions::table
        .filter(subscriptions::thread_id.eq(thread))
        .filter(subscriptions::user_id.eq(user))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn subscribe(conn: &mut DbConn, thread: ThreadId, user: UserId) -> QueryResult<()> {
    crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(subscriptions::table)
            .values((
                subscriptions::thread_id.eq(thread),
                subscriptions::user_id.eq(user),
                subscriptions::token.eq(random_token()),
                subscriptions::created_at.eq(now()),
            ))
            .execute(conn)
    })?;
    Ok(())
}

pub fn unsubscribe(conn: &mut DbConn, thread: ThreadId, user: UserId) -> QueryResult<usize> {
    diesel::delete(
        subscriptions::table
            .filter(subscriptions::thread_id.eq(thread))
            .filter(subscriptions::user_id.eq(user)),
    )
    .execute(conn)
}

/// The subscription a one-click unsubscribe token belongs to, with its
/// thread (whose title the page shows as the public may read it).
pub fn subscription_by_token(conn: &mut DbConn, token: &str) -> QueryResult<Option<(i64, Thread)>> {
    subscriptions::table
        .inner_join(threads::table)
        .filter(subscriptions::token.eq(token))
        .select((subscriptions::id, Thread::as_select()))
        .first(conn)
        .optional()
}

pub fn unsubscribe_by_id(conn: &mut DbConn, id: i64) -> QueryResult<usize> {
    diesel::delete(subscriptions::table.find(id)).execute(conn)
}

/// Someone to tell about a new reply.
#[derive(Debug, Clone)]
pub struct Subscriber {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub locale: Option<String>,
    pub token: String,
}

pub fn subscribers_except(
    conn: &mut DbConn,
    thread: ThreadId,
    except: UserId,
) -> QueryResult<Vec<Subscriber>> {
    let rows: Vec<(UserId, String, String, Option<String>, String)> = subscriptions::table
        .inner_join(users::table)
        .filter(subscriptions::thread_id.eq(thread))
        .filter(subscriptions::user_id.ne(except))
        .filter(users::email_verified_at.is_not_null())
        .select((
            users::id,
            users::email,
            users::display_name,
            users::locale,
            subscriptions::token,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(user_id, email, display_name, locale, token)| Subscriber {
            user_id,
            email,
            display_name,
            locale,
            token,
        })
        .collect())
}
