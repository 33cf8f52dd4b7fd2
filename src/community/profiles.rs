//! Public profiles: a person's name, when they joined, what they have
//! contributed (threads, answers, accepted answers, reviews), their roles
//! (staff of a company, moderator), a short bio, and their latest public
//! activity. A profile shows what an anonymous visitor may read anywhere
//! else on the site and nothing more: no address, nothing held, hidden or
//! withdrawn, and no official answer (those speak for the company, not the
//! person). An erased account has no profile.

use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::community::views::{Activity, ProfilePage};
use crate::db::schema::{companies, company_staff, posts, reviews, threads, users};
use crate::db::DbConn;
use crate::kernel::error::AppError;
use crate::kernel::gate::{self, State};
use crate::kernel::i18n::Lang;
use crate::kernel::ids::{PostId, ReviewId, UserId};
use crate::kernel::item::{self, ItemRef};
use crate::state::AppState;
use crate::web::layout::{render, Page};

/// How many recent items the profile lists.
const RECENT: i64 = 10;

/// Who someone is, as the public sees them.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: UserId,
    pub name: String,
    pub bio: String,
    pub member_since: NaiveDateTime,
    pub is_moderator: bool,
    /// (name, slug) of the companies they answer for.
    pub staff_of: Vec<(String, String)>,
}

/// What they have contributed that the public reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub threads: i64,
    pub answers: i64,
    pub accepted: i64,
    pub reviews: i64,
}

pub async fn page(
    state: web::Data<AppState>,
    Page(ctx): Page,
    path: web::Path<UserId>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let lang = ctx.lang;
    let (person, counts, recent) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let person = person(conn, id)?.ok_or(AppError::NotFound)?;
            let counts = counts(conn, id)?;
            let recent = recent(conn, id, lang)?;
            Ok((person, counts, recent))
        })
        .await?;
    render(&ProfilePage {
        ctx,
        person,
        counts,
        recent,
    })
}

pub fn person(conn: &mut DbConn, id: UserId) -> QueryResult<Option<Person>> {
    let row: Option<(String, Option<String>, NaiveDateTime, bool)> = users::table
        .find(id)
        .filter(users::erased_at.is_null())
        .select((
            users::display_name,
            users::bio,
            users::created_at,
            users::is_moderator,
        ))
        .first(conn)
        .optional()?;
    let Some((name, bio, member_since, is_moderator)) = row else {
        return Ok(None);
    };
    let staff_of = company_staff::table
        .inner_join(companies::table)
        .filter(company_staff::user_id.eq(id))
        .select((companies::name, companies::slug))
        .order(companies::name)
        .load(conn)?;
    Ok(Some(Person {
        id,
        name,
        bio: bio.unwrap_or_default(),
        member_since,
        is_moderator,
        staff_of,
    }))
}

const VISIBLE: &str = "visible";

pub fn counts(conn: &mut DbConn, id: UserId) -> QueryResult<Counts> {
    // A post counts when the public reads it: it and its thread visible and
    // not withdrawn, and written in the person's own name.
    macro_rules! public_posts {
        () => {
            posts::table
                .inner_join(threads::table)
                .filter(posts::author_id.eq(id))
                .filter(posts::as_company_id.is_null())
                .filter(posts::moderation_state.eq(VISIBLE))
                .filter(posts::withdrawn_at.is_null())
                .filter(threads::moderation_state.eq(VISIBLE))
                .filter(threads::withdrawn_at.is_null())
        };
    }
    let threads = public_posts!()
        .filter(posts::is_opening.eq(true))
        .count()
        .get_result(conn)?;
    let answers = public_posts!()
        .filter(posts::is_opening.eq(false))
        .count()
        .get_result(conn)?;
    let accepted = public_posts!()
        .filter(threads::accepted_post_id.eq(posts::id.nullable()))
        .count()
        .get_result(conn)?;
    let reviews = reviews::table
        .filter(reviews::author_id.eq(id))
        .filter(reviews::moderation_state.eq(VISIBLE))
        .filter(reviews::withdrawn_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(Counts {
        threads,
        answers,
        accepted,
        reviews,
    })
}

/// The person's latest items, newest first, as the public reads them.
pub fn recent(conn: &mut DbConn, id: UserId, lang: Lang) -> QueryResult<Vec<Activity>> {
    let posts: Vec<(PostId, NaiveDateTime)> = posts::table
        .filter(posts::author_id.eq(id))
        .filter(posts::as_company_id.is_null())
        .filter(posts::moderation_state.eq(VISIBLE))
        .filter(posts::withdrawn_at.is_null())
        .order(posts::created_at.desc())
        .limit(RECENT)
        .select((posts::id, posts::created_at))
        .load(conn)?;
    let reviews: Vec<(ReviewId, NaiveDateTime)> = reviews::table
        .filter(reviews::author_id.eq(id))
        .filter(reviews::moderation_state.eq(VISIBLE))
        .filter(reviews::withdrawn_at.is_null())
        .order(reviews::created_at.desc())
        .limit(RECENT)
        .select((reviews::id, reviews::created_at))
        .load(conn)?;
    let mut refs: Vec<(NaiveDateTime, ItemRef)> = posts
        .into_iter()
        .map(|(id, at)| (at, ItemRef::Post(id)))
        .chain(
            reviews
                .into_iter()
                .map(|(id, at)| (at, ItemRef::Review(id))),
        )
        .collect();
    refs.sort_by_key(|r| std::cmp::Reverse(r.0));
    refs.truncate(RECENT as usize);
    let refs: Vec<ItemRef> = refs.into_iter().map(|(_, r)| r).collect();
    let mut items = item::load_many(conn, &refs)?;
    // The gate decides, with the facts of the thread or review around it.
    items.retain(|i| gate::is_public(i.facts()) && i.state() == State::Visible);
    items.sort_by_key(|i| std::cmp::Reverse(i.created_at));
    Ok(items
        .into_iter()
        .map(|i| Activity {
            kind: i.kind_name(),
            title: i.headline(None, lang),
            company: i.company_name.clone(),
            link: i.link.clone(),
            at: i.created_at,
        })
        .collect())
}
