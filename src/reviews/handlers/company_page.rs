//! A company's page: its score, the distribution of stars, and its
//! reviews (with the company's replies) as the visitor may see them; and
//! the page on how reviews are collected and checked.

use actix_web::{web, HttpResponse};

use crate::companies::score;
use crate::kernel::error::AppError;
use crate::kernel::ids::ReviewId;
use crate::kernel::user::CurrentUser;
use crate::reviews::model::{self as model, ReviewCursor, ReviewFilter, ReviewSort};
use crate::reviews::permissions;
use crate::reviews::views::*;
use crate::state::AppState;
use crate::web::layout::{render, Page, PageCtx};
use crate::web::routes::PageRequest;

use crate::reviews::handlers::load_company;

fn write_blocked(
    user: Option<&CurrentUser>,
    company: &crate::companies::model::Company,
) -> Option<&'static str> {
    match user {
        None => Some("review-login-to-write"),
        Some(user) => match permissions::can_review(user, company.id) {
            Ok(()) => None,
            Err(AppError::Denied(key)) => Some(key),
            Err(_) => Some("error-403-text"),
        },
    }
}

pub async fn company_page(
    state: web::Data<AppState>,
    ctx: PageCtx,
    request: PageRequest<String>,
) -> Result<HttpResponse, AppError> {
    let (slug, query) = (request.path, request.query);
    let company = load_company(&state, slug).await?;
    let sort = ReviewSort::parse(query.get("sort").map_or("", String::as_str));
    let stars = query
        .get("stars")
        .and_then(|s| s.parse::<i32>().ok())
        .filter(|s| (1..=5).contains(s));
    let label = query
        .get("label")
        .filter(|l| model::FILTERABLE_LABELS.contains(&l.as_str()))
        .cloned();
    let after = query.get("after").and_then(|a| ReviewCursor::parse(a));
    let filter = ReviewFilter {
        stars,
        label: label.clone(),
    };
    let (company_id, viewer) = (company.id, ctx.user.clone());
    let sees_reference = permissions::can_see_reference(ctx.user.as_ref(), company.id);
    let (reviews, more, forum_slug, own_review, helpful_voted, response, verification_refs) = state
        .db
        .run(move |conn| -> Result<_, AppError> {
            let viewer = viewer.as_ref();
            let (reviews, more) =
                model::list_reviews(conn, company_id, sort, &filter, after, viewer)?;
            let forum_slug =
                crate::forum::model::company_section(conn, company_id)?.map(|c| c.slug);
            let (own, voted) = match viewer.map(|v| v.id) {
                Some(user) => {
                    let ids: Vec<ReviewId> = reviews.iter().map(|r| r.review.id).collect();
                    (
                        model::own_review(conn, company_id, user)?.map(|r| r.id),
                        model::has_marked_helpful(conn, user, &ids)?,
                    )
                }
                None => (None, Vec::new()),
            };
            let response = (
                crate::support::model::response_time(conn, company_id)?,
                crate::support::incidents::active(conn, company_id)?,
            );
            // References given to verify a review: the company's staff and
            // moderators only, so only loaded for them.
            let verification_refs = if sees_reference {
                let ids: Vec<ReviewId> = reviews.iter().map(|r| r.review.id).collect();
                crate::verification::model::answer_references(conn, &ids)?
            } else {
                Vec::new()
            };
            Ok((
                reviews,
                more,
                forum_slug,
                own,
                voted,
                response,
                verification_refs,
            ))
        })
        .await?;
    let next_cursor = if more {
        reviews
            .last()
            .map(|r| ReviewCursor::of(&r.review, sort).to_string())
    } else {
        None
    };
    let platform_mean = score::PRIOR_MEAN;
    let viewer = ctx.user.clone();
    let (response, incidents) = response;
    let response_time = crate::support::model::badge_text(&ctx, response.as_ref());
    let badge_url = format!(
        "{}/companies/{}/badge.svg?lang={}",
        state.config.base_url,
        company.slug,
        ctx.lang.code()
    );
    render(&CompanyPage {
        badge_url,
        incidents,
        write_blocked: write_blocked(viewer.as_ref(), &company),
        ctx,
        company,
        platform_mean,
        forum_slug,
        reviews,
        next_cursor,
        sort,
        stars,
        label,
        own_review,
        viewer,
        helpful_voted,
        response_time,
        verification_refs,
    })
}

pub async fn about(Page(ctx): Page) -> Result<HttpResponse, AppError> {
    let mean = score::display(ctx.lang, score::PRIOR_MEAN);
    render(&AboutReviewsPage {
        ctx,
        prior_weight: format!("{}", score::PRIOR_WEIGHT as i64),
        mean,
    })
}
