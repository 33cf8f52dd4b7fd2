//! Suspicion assessment of reviews and verification requests. A review is
//! never taken down here: a request asks the reviewer to show the
//! experience; the outcome is a label, and "not verified" only takes the
//! review out of the score (DOMAIN.md, principle 5).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::companies::score;
use crate::db::schema::{
    companies, company_staff, posts, review_signals, reviews, users, verifications,
};
use crate::db::{now, DbConn};
use crate::kernel::ids::{CompanyId, ReviewId, UserId};
use crate::kernel::item::{self, ItemRef};
use crate::kernel::tokens::hash_token;
use crate::kernel::tokens::random_token;
use crate::moderation::guidelines;
use crate::moderation::model::{self as moderation, Recipient};
use crate::reviews::model::{
    self as review_model, Review, LABEL_NOT_VERIFIED, LABEL_VERIFICATION_REQUESTED, LABEL_VERIFIED,
};
use crate::verification::signals::{self, Evidence, Neighbour, Signal, THRESHOLD};

pub const QUEUED: &str = "queued";
pub const REQUESTED: &str = "requested";
pub const ANSWERED: &str = "answered";
pub const VERIFIED: &str = "verified";
pub const NOT_VERIFIED: &str = "not-verified";
pub const DISMISSED: &str = "dismissed";
pub const OPEN_STATES: [&str; 3] = [QUEUED, REQUESTED, ANSWERED];

pub const TRIGGER_SCORE: &str = "score";
pub const TRIGGER_COMPANY: &str = "company";
pub const TRIGGER_SELF: &str = "self";

/// Days a reviewer has to answer, unless the moderator sets another.
pub const DEADLINE_DAYS: i64 = 14;
pub const MESSAGE_MAX: usize = 4000;
pub const ANSWER_MAX: usize = 4000;
pub const REFERENCE_MAX: usize = 100;
/// How many recent reviews of the company the signals compare with.
const NEIGHBOURS: i64 = 500;

// ---- assessment ------------------------------------------------------------

/// Where a review was written from, as keyed hashes. An extractor: the
/// client address and the device cookie of the request.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub client_hash: Option<String>,
    pub device_hash: Option<String>,
    /// The browser had no device cookie yet (the response should set one).
    pub new_device: bool,
}

impl actix_web::FromRequest for Origin {
    type Error = crate::kernel::error::AppError;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        use crate::web::client::{client_ip, device_id, keyed_hash};
        let Some(state) = req.app_data::<actix_web::web::Data<crate::state::AppState>>() else {
            return std::future::ready(Ok(Origin::default()));
        };
        let device = device_id(req);
        std::future::ready(Ok(Origin {
            client_hash: Some(keyed_hash(&state.session_key, "address", &client_ip(req))),
            device_hash: device
                .as_ref()
                .map(|d| keyed_hash(&state.session_key, "device", d)),
            new_device: device.is_none(),
        }))
    }
}

/// Scores a review just written or edited, stores the signals and the score,
/// and queues it for verification above the threshold. Returns the score.
pub fn assess(conn: &mut DbConn, id: ReviewId, origin: &Origin) -> QueryResult<i32> {
    if origin.client_hash.is_some() || origin.device_hash.is_some() {
        diesel::update(reviews::table.find(id))
            .set((
                reviews::client_hash.eq(&origin.client_hash),
                reviews::device_hash.eq(&origin.device_hash),
            ))
            .execute(conn)?;
    }
    let review = review_model::find_review(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
    let (evidence, neighbours) = gather(conn, &review)?;
    let found = signals::signals(&evidence, &neighbours);
    let total = signals::score(&found);
    store_signals(conn, id, &found)?;
    diesel::update(reviews::table.find(id))
        .set(reviews::suspicion_score.eq(total))
        .execute(conn)?;
    if total >= THRESHOLD {
        enqueue(conn, &review, TRIGGER_SCORE, None)?;
    }
    Ok(total)
}

fn store_signals(conn: &mut DbConn, id: ReviewId, found: &[Signal]) -> QueryResult<()> {
    // Signals are derived data, recomputed on every edit.
    diesel::delete(review_signals::table.filter(review_signals::review_id.eq(id))).execute(conn)?;
    let at = now();
    for signal in found {
        diesel::insert_into(review_signals::table)
            .values((
                review_signals::review_id.eq(id),
                review_signals::code.eq(signal.code),
                review_signals::weight.eq(signal.weight),
                review_signals::detail.eq(&signal.detail),
                review_signals::created_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

type NeighbourRow = (
    ReviewId,
    UserId,
    i32,
    NaiveDateTime,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Loads what the signals need: the author's account, the company's score
/// without this review, the recent reviews of the company, and whether the
/// author works for a competitor.
fn gather(conn: &mut DbConn, review: &Review) -> QueryResult<(Evidence, Vec<Neighbour>)> {
    let (account_created_at, _name): (NaiveDateTime, String) = users::table
        .find(review.author_id)
        .select((users::created_at, users::display_name))
        .first(conn)?;
    let earlier_posts: i64 = posts::table
        .filter(posts::author_id.eq(review.author_id))
        .filter(posts::created_at.lt(review.created_at))
        .count()
        .get_result(conn)?;
    let earlier_reviews: i64 = reviews::table
        .filter(reviews::author_id.eq(review.author_id))
        .filter(reviews::id.ne(review.id))
        .filter(reviews::created_at.lt(review.created_at))
        .count()
        .get_result(conn)?;
    let (count, sum): (i64, Option<i64>) = reviews::table
        .filter(reviews::company_id.eq(review.company_id))
        .filter(reviews::id.ne(review.id))
        .filter(reviews::withdrawn_at.is_null())
        .select((diesel::dsl::count_star(), diesel::dsl::sum(reviews::rating)))
        .first(conn)?;
    let company_score = score::bayesian(sum.unwrap_or(0), count, score::PRIOR_MEAN);
    let rows: Vec<NeighbourRow> = reviews::table
        .filter(reviews::company_id.eq(review.company_id))
        .filter(reviews::id.ne(review.id))
        .select((
            reviews::id,
            reviews::author_id,
            reviews::rating,
            reviews::created_at,
            reviews::title,
            reviews::body_source,
            reviews::client_hash,
            reviews::device_hash,
            reviews::reference,
        ))
        .order(reviews::id.desc())
        .limit(NEIGHBOURS)
        .load(conn)?;
    let neighbours = rows
        .into_iter()
        .map(
            |(id, author, rating, created_at, title, body, client, device, reference)| Neighbour {
                review_id: id.0,
                author_id: author.0,
                rating,
                created_at,
                text: format!("{title}\n{body}"),
                client_hash: client,
                device_hash: device,
                reference,
            },
        )
        .collect();
    let (client_hash, device_hash): (Option<String>, Option<String>) = reviews::table
        .find(review.id)
        .select((reviews::client_hash, reviews::device_hash))
        .first(conn)?;
    let evidence = Evidence {
        review_id: review.id.0,
        author_id: review.author_id.0,
        rating: review.rating,
        created_at: review.created_at,
        text: review.words_for_checks(),
        has_experience_date: review.experience_date.is_some(),
        reference: review.reference.clone(),
        client_hash,
        device_hash,
        account_created_at,
        first_action: earlier_posts == 0 && earlier_reviews == 0,
        company_score,
        competitor_of: competitor_of(conn, review.author_id, review.company_id)?,
    };
    Ok((evidence, neighbours))
}

/// The company in the same category the author is staff of, if any.
fn competitor_of(
    conn: &mut DbConn,
    author: UserId,
    company: CompanyId,
) -> QueryResult<Option<String>> {
    let category: String = companies::table
        .find(company)
        .select(companies::category)
        .first(conn)?;
    if category.trim().is_empty() {
        return Ok(None);
    }
    let employers: Vec<(CompanyId, String, String)> = company_staff::table
        .inner_join(companies::table)
        .filter(company_staff::user_id.eq(author))
        .select((companies::id, companies::name, companies::category))
        .load(conn)?;
    Ok(employers
        .into_iter()
        .find(|(id, _, cat)| *id != company && cat.trim().eq_ignore_ascii_case(category.trim()))
        .map(|(_, name, _)| name))
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_signals)]
pub struct StoredSignal {
    pub code: String,
    pub weight: i32,
    pub detail: String,
}

pub fn signals_of(conn: &mut DbConn, review: ReviewId) -> QueryResult<Vec<StoredSignal>> {
    review_signals::table
        .filter(review_signals::review_id.eq(review))
        .select(StoredSignal::as_select())
        .order(review_signals::weight.desc())
        .load(conn)
}

// ---- the verification queue -------------------------------------------------

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = verifications)]
pub struct Verification {
    pub id: i64,
    pub review_id: ReviewId,
    pub company_id: CompanyId,
    pub trigger: String,
    pub triggered_by: Option<UserId>,
    pub rating: i32,
    pub status: String,
    pub lock_version: i32,
    pub message: Option<String>,
    pub requested_by: Option<UserId>,
    pub requested_at: Option<NaiveDateTime>,
    pub deadline_at: Option<NaiveDateTime>,
    pub answer_text: Option<String>,
    pub answer_reference: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl Verification {
    pub fn is_open(&self) -> bool {
        OPEN_STATES.contains(&self.status.as_str())
    }
}

/// Puts a review in the verification queue unless it already is there or
/// was verified. Returns whether a new entry was made.
pub fn enqueue(
    conn: &mut DbConn,
    review: &Review,
    trigger: &str,
    by: Option<UserId>,
) -> QueryResult<bool> {
    let verified: i64 = verifications::table
        .filter(verifications::review_id.eq(review.id))
        .filter(verifications::status.eq(VERIFIED))
        .count()
        .get_result(conn)?;
    if verified > 0 {
        return Ok(false);
    }
    crate::db::insert_unless_duplicate(conn, |conn| {
        diesel::insert_into(verifications::table)
            .values((
                verifications::review_id.eq(review.id),
                verifications::company_id.eq(review.company_id),
                verifications::trigger.eq(trigger),
                verifications::triggered_by.eq(by),
                verifications::rating.eq(review.rating),
                verifications::status.eq(QUEUED),
                verifications::created_at.eq(now()),
            ))
            .execute(conn)
    })
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<Verification>> {
    verifications::table
        .find(id)
        .select(Verification::as_select())
        .first(conn)
        .optional()
}

pub fn of_review(conn: &mut DbConn, review: ReviewId) -> QueryResult<Vec<Verification>> {
    verifications::table
        .filter(verifications::review_id.eq(review))
        .select(Verification::as_select())
        .order(verifications::id.desc())
        .load(conn)
}

/// Open entries, answered ones first (they wait for a decision), then by
/// age; entries about the moderator's own companies are left out.
pub fn open_queue(
    conn: &mut DbConn,
    exclude: &[CompanyId],
    limit: i64,
) -> QueryResult<Vec<Verification>> {
    let mut query = verifications::table
        .filter(verifications::status.eq_any(OPEN_STATES))
        .select(Verification::as_select())
        .order((verifications::answered_at.desc(), verifications::id))
        .limit(limit)
        .into_boxed();
    if !exclude.is_empty() {
        query = query.filter(verifications::company_id.ne_all(exclude.to_vec()));
    }
    query.load(conn)
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Someone acted on it first, or it is not in the state the action needs.
    AlreadyDone,
    /// The link was used, expired, or never existed.
    LinkInvalid,
}

/// Claims a verification for a change of state, optimistic-lock style.
fn claim(conn: &mut DbConn, v: &Verification, from: &[&str], lock: i32) -> QueryResult<bool> {
    let changed = diesel::update(
        verifications::table
            .find(v.id)
            .filter(verifications::status.eq_any(from.to_vec()))
            .filter(verifications::lock_version.eq(lock)),
    )
    .set(verifications::lock_version.eq(lock + 1))
    .execute(conn)?;
    Ok(changed == 1)
}

/// A moderator sends the request. Returns the link's token for the email.
pub fn send_request(
    conn: &mut DbConn,
    v: &Verification,
    lock: i32,
    moderator: UserId,
    message: &str,
    days: i64,
) -> QueryResult<Result<String, Refusal>> {
    if !claim(conn, v, &[QUEUED], lock)? {
        return Ok(Err(Refusal::AlreadyDone));
    }
    let token = random_token();
    let at = now();
    diesel::update(verifications::table.find(v.id))
        .set((
            verifications::status.eq(REQUESTED),
            verifications::message.eq(Some(message)),
            verifications::token_hash.eq(Some(hash_token(&token))),
            verifications::requested_by.eq(Some(moderator)),
            verifications::requested_at.eq(Some(at)),
            verifications::deadline_at.eq(Some(at + Duration::days(days))),
        ))
        .execute(conn)?;
    review_model::add_label(conn, v.review_id, LABEL_VERIFICATION_REQUESTED)?;
    Ok(Ok(token))
}

/// The request behind a link, if it still waits for an answer.
pub fn by_token(conn: &mut DbConn, token: &str) -> QueryResult<Option<Verification>> {
    verifications::table
        .filter(verifications::token_hash.eq(hash_token(token)))
        .filter(verifications::status.eq(REQUESTED))
        .filter(verifications::deadline_at.gt(now()))
        .select(Verification::as_select())
        .first(conn)
        .optional()
}

/// The reviewer answers through the single-use link.
pub fn answer(
    conn: &mut DbConn,
    token: &str,
    text: &str,
    reference: Option<&str>,
) -> QueryResult<Result<Verification, Refusal>> {
    let Some(v) = by_token(conn, token)? else {
        return Ok(Err(Refusal::LinkInvalid));
    };
    if !claim(conn, &v, &[REQUESTED], v.lock_version)? {
        return Ok(Err(Refusal::LinkInvalid));
    }
    diesel::update(verifications::table.find(v.id))
        .set((
            verifications::status.eq(ANSWERED),
            verifications::answer_text.eq(Some(text)),
            verifications::answer_reference.eq(reference),
            verifications::answered_at.eq(Some(now())),
            // Single use: the link stops working once answered.
            verifications::token_hash.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(Ok(v))
}

/// The reviewer offers verification without being asked.
pub fn offer(
    conn: &mut DbConn,
    review: &Review,
    text: &str,
    reference: Option<&str>,
) -> QueryResult<bool> {
    if !enqueue(conn, review, TRIGGER_SELF, Some(review.author_id))? {
        // Already in the queue: add the answer to the open entry if it waits.
        let open: Option<Verification> = verifications::table
            .filter(verifications::review_id.eq(review.id))
            .filter(verifications::status.eq_any([QUEUED, REQUESTED]))
            .select(Verification::as_select())
            .first(conn)
            .optional()?;
        let Some(open) = open else {
            return Ok(false);
        };
        return answer_open(conn, &open, text, reference);
    }
    let open: Verification = verifications::table
        .filter(verifications::review_id.eq(review.id))
        .filter(verifications::status.eq(QUEUED))
        .select(Verification::as_select())
        .first(conn)?;
    answer_open(conn, &open, text, reference)
}

fn answer_open(
    conn: &mut DbConn,
    v: &Verification,
    text: &str,
    reference: Option<&str>,
) -> QueryResult<bool> {
    if !claim(conn, v, &[QUEUED, REQUESTED], v.lock_version)? {
        return Ok(false);
    }
    diesel::update(verifications::table.find(v.id))
        .set((
            verifications::status.eq(ANSWERED),
            verifications::answer_text.eq(Some(text)),
            verifications::answer_reference.eq(reference),
            verifications::answered_at.eq(Some(now())),
            verifications::token_hash.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(true)
}

/// A moderator closes an entry without asking (the signals were innocent).
pub fn dismiss(
    conn: &mut DbConn,
    v: &Verification,
    lock: i32,
    moderator: UserId,
) -> QueryResult<Result<(), Refusal>> {
    if !claim(conn, v, &[QUEUED], lock)? {
        return Ok(Err(Refusal::AlreadyDone));
    }
    diesel::update(verifications::table.find(v.id))
        .set((
            verifications::status.eq(DISMISSED),
            verifications::decided_by.eq(Some(moderator)),
            verifications::decided_at.eq(Some(now())),
        ))
        .execute(conn)?;
    Ok(Ok(()))
}

/// The outcome: verified, or not verified (with a statement the reviewer
/// can appeal). `moderator` is `None` for the deadline job.
pub fn decide(
    conn: &mut DbConn,
    v: &Verification,
    lock: i32,
    moderator: Option<UserId>,
    verified: bool,
    reason: &str,
    facts: &str,
) -> QueryResult<Result<Vec<Recipient>, Refusal>> {
    let from: &[&str] = if verified {
        &[ANSWERED]
    } else {
        &[REQUESTED, ANSWERED]
    };
    if !claim(conn, v, from, lock)? {
        return Ok(Err(Refusal::AlreadyDone));
    }
    let item =
        item::load(conn, ItemRef::Review(v.review_id))?.ok_or(diesel::result::Error::NotFound)?;
    let clause =
        guidelines::clause_by_code(conn, "authenticity")?.ok_or(diesel::result::Error::NotFound)?;
    review_model::remove_label(conn, v.review_id, LABEL_VERIFICATION_REQUESTED)?;
    let (status, label, action) = if verified {
        (VERIFIED, LABEL_VERIFIED, moderation::VERIFIED)
    } else {
        (NOT_VERIFIED, LABEL_NOT_VERIFIED, moderation::NOT_VERIFIED)
    };
    review_model::add_label(conn, v.review_id, label)?;
    review_model::recompute_totals(conn, v.company_id)?;
    let (decision, recipients) =
        moderation::record(conn, &item, moderator, action, &clause, reason, facts)?;
    diesel::update(verifications::table.find(v.id))
        .set((
            verifications::status.eq(status),
            verifications::decided_by.eq(moderator),
            verifications::decided_at.eq(Some(now())),
            verifications::decision_id.eq(Some(decision)),
            verifications::token_hash.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(Ok(recipients))
}

/// Requests nobody answered by the deadline end as "not verified", with
/// an automatic statement. Returns who must be emailed.
pub fn expire(conn: &mut DbConn, at: NaiveDateTime) -> QueryResult<Vec<Recipient>> {
    let due: Vec<Verification> = verifications::table
        .filter(verifications::status.eq(REQUESTED))
        .filter(verifications::deadline_at.lt(at))
        .select(Verification::as_select())
        .limit(100)
        .load(conn)?;
    let mut out = Vec::new();
    for v in due {
        if let Ok(recipients) =
            decide(conn, &v, v.lock_version, None, false, "", "fact-no-answer|")?
        {
            out.extend(recipients);
        }
    }
    Ok(out)
}

/// The latest reference each of these reviews gave when verifying.
pub fn answer_references(
    conn: &mut DbConn,
    reviews: &[ReviewId],
) -> QueryResult<Vec<(ReviewId, String)>> {
    if reviews.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(ReviewId, Option<String>)> = verifications::table
        .filter(verifications::review_id.eq_any(reviews))
        .filter(verifications::answer_reference.is_not_null())
        .select((verifications::review_id, verifications::answer_reference))
        .order(verifications::id.desc())
        .load(conn)?;
    let mut out: Vec<(ReviewId, String)> = Vec::new();
    for (id, reference) in rows {
        if let Some(reference) = reference {
            if !out.iter().any(|(seen, _)| *seen == id) {
                out.push((id, reference));
            }
        }
    }
    Ok(out)
}

// ---- fairness figures ----------------------------------------------------

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fairness {
    /// Requests sent, by the review's star rating (index 0 = 1 star).
    pub requested_by_stars: [i64; 5],
    pub verified: i64,
    pub not_verified: i64,
    pub dismissed: i64,
    pub open: i64,
    pub triggered_by_companies: i64,
    pub triggered_by_score: i64,
    pub offered_by_reviewers: i64,
}

pub fn fairness(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<Fairness> {
    let rows: Vec<(i32, String, String, Option<NaiveDateTime>)> = verifications::table
        .filter(verifications::created_at.ge(since))
        .select((
            verifications::rating,
            verifications::status,
            verifications::trigger,
            verifications::requested_at,
        ))
        .load(conn)?;
    Ok(tally(&rows))
}

/// Counts per star rating, outcome and trigger (unit-tested).
pub fn tally(rows: &[(i32, String, String, Option<NaiveDateTime>)]) -> Fairness {
    let mut f = Fairness::default();
    for (rating, status, trigger, requested_at) in rows {
        if requested_at.is_some() {
            if let Some(slot) = usize::try_from(rating - 1)
                .ok()
                .and_then(|i| f.requested_by_stars.get_mut(i))
            {
                *slot += 1;
            }
        }
        match status.as_str() {
            VERIFIED => f.verified += 1,
            NOT_VERIFIED => f.not_verified += 1,
            DISMISSED => f.dismissed += 1,
            _ => f.open += 1,
        }
        match trigger.as_str() {
            TRIGGER_COMPANY => f.triggered_by_companies += 1,
            TRIGGER_SELF => f.offered_by_reviewers += 1,
            _ => f.triggered_by_score += 1,
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fairness_counts_by_stars_outcome_and_trigger() {
        let at = Some(now());
        let rows = vec![
            (1, VERIFIED.to_string(), TRIGGER_SCORE.to_string(), at),
            (1, NOT_VERIFIED.to_string(), TRIGGER_COMPANY.to_string(), at),
            (5, DISMISSED.to_string(), TRIGGER_SCORE.to_string(), None),
            (5, REQUESTED.to_string(), TRIGGER_COMPANY.to_string(), at),
            (4, ANSWERED.to_string(), TRIGGER_SELF.to_string(), None),
        ];
        let f = tally(&rows);
        assert_eq!(f.requested_by_stars, [2, 0, 0, 0, 1]);
        assert_eq!(
            (f.verified, f.not_verified, f.dismissed, f.open),
            (1, 1, 1, 2)
        );
        assert_eq!(
            (
                f.triggered_by_companies,
                f.triggered_by_score,
                f.offered_by_reviewers
            ),
            (2, 2, 1)
        );
    }
}
