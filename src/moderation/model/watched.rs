//! The watched-words table: what administrators add, edit and retire, each
//! change a new row (an edit retires the old row and names it), so the
//! history of a rule stays readable like the guidelines'. The compiled list
//! is cached per process and rebuilt when the table's stamp changes, so
//! several instances on one database agree within one request.

use std::sync::{Arc, LazyLock, RwLock};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::watched_words;
use crate::db::{now, DbConn};
use crate::kernel::ids::UserId;
use crate::moderation::checks::{WatchAction, WatchedList, WatchedWord};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = watched_words)]
pub struct WatchedRow {
    pub id: i64,
    pub lang: String,
    pub pattern: String,
    pub action: String,
    pub clause_code: String,
    pub message: String,
    pub replaces_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub retired_at: Option<NaiveDateTime>,
    pub retired_by: Option<i64>,
}

impl WatchedRow {
    pub fn word(&self) -> Option<WatchedWord> {
        Some(WatchedWord {
            id: self.id,
            lang: self.lang.clone(),
            pattern: self.pattern.clone(),
            action: WatchAction::parse(&self.action)?,
            clause_code: self.clause_code.clone(),
            message: self.message.clone(),
        })
    }
}

/// What an administrator submits for a new word or a new version.
#[derive(Debug, Clone)]
pub struct WatchedInput {
    pub lang: String,
    pub pattern: String,
    pub action: WatchAction,
    pub clause_code: String,
    pub message: String,
}

/// Changes when a row is added or retired: (highest id, rows retired).
type Stamp = (Option<i64>, i64);

/// The compiled list and the stamp it was compiled at.
type Cached = Option<(Stamp, Arc<WatchedList>)>;

static CACHE: LazyLock<RwLock<Cached>> = LazyLock::new(|| RwLock::new(None));

fn stamp(conn: &mut DbConn) -> QueryResult<Stamp> {
    // One query per write: the highest id and how many rows are retired.
    watched_words::table
        .select((
            diesel::dsl::max(watched_words::id),
            diesel::dsl::count(watched_words::retired_at),
        ))
        .first::<Stamp>(conn)
}

/// The watched words in force, compiled.
pub fn current(conn: &mut DbConn) -> QueryResult<Arc<WatchedList>> {
    let stamp = stamp(conn)?;
    if let Ok(guard) = CACHE.read() {
        if let Some((cached, list)) = guard.as_ref() {
            if *cached == stamp {
                return Ok(Arc::clone(list));
            }
        }
    }
    let words: Vec<WatchedWord> = active(conn)?.iter().filter_map(WatchedRow::word).collect();
    let list = Arc::new(WatchedList::compile(words));
    if let Ok(mut guard) = CACHE.write() {
        *guard = Some((stamp, Arc::clone(&list)));
    }
    Ok(list)
}

/// Rows in force, by language and pattern.
pub fn active(conn: &mut DbConn) -> QueryResult<Vec<WatchedRow>> {
    watched_words::table
        .filter(watched_words::retired_at.is_null())
        .order((
            watched_words::lang,
            watched_words::pattern,
            watched_words::id,
        ))
        .select(WatchedRow::as_select())
        .load(conn)
}

/// Retired rows, newest first: the history.
pub fn retired(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<WatchedRow>> {
    watched_words::table
        .filter(watched_words::retired_at.is_not_null())
        .order(watched_words::retired_at.desc())
        .limit(limit)
        .select(WatchedRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<WatchedRow>> {
    watched_words::table
        .find(id)
        .select(WatchedRow::as_select())
        .first(conn)
        .optional()
}

fn insert(
    conn: &mut DbConn,
    input: &WatchedInput,
    replaces: Option<i64>,
    by: Option<UserId>,
) -> QueryResult<i64> {
    diesel::insert_into(watched_words::table)
        .values((
            watched_words::lang.eq(&input.lang),
            watched_words::pattern.eq(input.pattern.trim()),
            watched_words::action.eq(input.action.as_str()),
            watched_words::clause_code.eq(&input.clause_code),
            watched_words::message.eq(input.message.trim()),
            watched_words::replaces_id.eq(replaces),
            watched_words::created_by.eq(by.map(|u| u.0)),
            watched_words::created_at.eq(now()),
        ))
        .returning(watched_words::id)
        .get_result(conn)
}

pub fn add(conn: &mut DbConn, input: &WatchedInput, by: UserId) -> QueryResult<i64> {
    insert(conn, input, None, Some(by))
}

/// Retires a row still in force; false when it was already retired.
pub fn retire(conn: &mut DbConn, id: i64, by: UserId) -> QueryResult<bool> {
    let changed = diesel::update(
        watched_words::table
            .find(id)
            .filter(watched_words::retired_at.is_null()),
    )
    .set((
        watched_words::retired_at.eq(Some(now())),
        watched_words::retired_by.eq(Some(by.0)),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// A new version: the old row retires, the new one names it. `None` when
/// the old row was retired meanwhile (someone else edited it first).
pub fn revise(
    conn: &mut DbConn,
    id: i64,
    input: &WatchedInput,
    by: UserId,
) -> QueryResult<Option<i64>> {
    if !retire(conn, id, by)? {
        return Ok(None);
    }
    insert(conn, input, Some(id), Some(by)).map(Some)
}

/// Seeds the table with the words Tillit ships, once: when it has never
/// held a row (retired rows count, so an administrator's removals stay).
pub fn seed(conn: &mut DbConn) -> QueryResult<usize> {
    let any = watched_words::table
        .select(watched_words::id)
        .first::<i64>(conn)
        .optional()?;
    if any.is_some() {
        return Ok(0);
    }
    let shipped = WatchedList::shipped();
    for word in &shipped {
        let input = WatchedInput {
            lang: word.lang.clone(),
            pattern: word.pattern.clone(),
            action: word.action,
            clause_code: word.clause_code.clone(),
            message: word.message.clone(),
        };
        insert(conn, &input, None, None)?;
    }
    Ok(shipped.len())
}
