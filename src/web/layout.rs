//! What every page shares: the context the base layout needs (language, the
//! user, the CSRF token, flash messages) and the helpers that render a
//! template or redirect.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::http::{header, StatusCode};
use actix_web::{dev::Payload, FromRequest, HttpRequest, HttpResponse};
use askama::Template;

use crate::kernel::error::AppError;
use crate::kernel::i18n::{self, Lang};
use crate::kernel::user::CurrentUser;
use crate::web::session::{self, Flash};

pub const LANG_COOKIE: &str = "lang";

/// Marks a response as a complete page, so the error-page renderer leaves
/// it alone even when its status is 4xx (a form shown again with errors).
#[derive(Clone, Copy)]
pub struct FullPage;

pub struct PageCtx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    /// Path and query of this page, for forms that come back here.
    pub path: String,
    /// The zone times are shown in: the viewer's choice, else their language's.
    pub tz: chrono_tz::Tz,
    session: Option<Session>,
}

/// The language for a request: the user's setting, else the `lang` cookie
/// (set by the language switch), else `Accept-Language`.
pub fn request_lang(req: &HttpRequest, user: Option<&CurrentUser>) -> Lang {
    if let Some(lang) = user
        .and_then(|u| u.locale.as_deref())
        .and_then(Lang::from_code)
    {
        return lang;
    }
    if let Some(lang) = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
    {
        return lang;
    }
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Lang::negotiate(accept)
}

impl PageCtx {
    pub fn build(req: &HttpRequest, user: Option<CurrentUser>) -> PageCtx {
        let session = req.get_session();
        let lang = request_lang(req, user.as_ref());
        let path = match req.uri().path_and_query() {
            Some(pq) => pq.as_str().to_string(),
            None => "/".to_string(),
        };
        let tz = user
            .as_ref()
            .and_then(|u| u.time_zone.as_deref())
            .and_then(|name| name.parse::<chrono_tz::Tz>().ok())
            .unwrap_or_else(|| lang.home_zone());
        PageCtx {
            lang,
            user,
            csrf: session::csrf_token(&session),
            path,
            tz,
            session: Some(session),
        }
    }

    /// The same page with another token in its forms (see `page_cache`).
    pub fn with_csrf(self, csrf: String) -> PageCtx {
        PageCtx { csrf, ..self }
    }

    /// The same page as seen after logging out (for the page that confirms it).
    pub fn logged_out(self) -> PageCtx {
        PageCtx { user: None, ..self }
    }

    /// The page a search from this page is made from (sent by the search
    /// form, so that a search that finds nothing is counted for the company
    /// whose pages it came from): this page's path, or on the search page
    /// the page the first search came from.
    pub fn search_from(&self) -> String {
        let (path, query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        if path != "/search" {
            return path.to_string();
        }
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == "from")
            .map(|(_, value)| value.into_owned())
            .filter(|from| from.starts_with('/'))
            .unwrap_or_default()
    }

    /// A person's name as shown: an erased account's (its name is gone)
    /// reads "former member".
    pub fn name(&self, name: &str) -> String {
        crate::kernel::i18n::person(self.lang, name)
    }

    pub fn t(&self, key: &str) -> String {
        i18n::tr(self.lang, key)
    }

    pub fn ta(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        i18n::tr_args(self.lang, key, &[(name, &value.to_string())])
    }

    pub fn tc(&self, key: &str, name: &str, count: &i64) -> String {
        i18n::tr_count(self.lang, key, name, *count)
    }

    /// Flash messages queued for this browser; reading them consumes them.
    pub fn flashes(&self) -> Vec<Flash> {
        self.session
            .as_ref()
            .map(session::take_flashes)
            .unwrap_or_default()
    }

    /// Whether a message waits for this browser (without taking it).
    pub fn has_flashes(&self) -> bool {
        self.session.as_ref().is_some_and(session::has_flashes)
    }

    pub fn flash_text(&self, flash: &Flash) -> String {
        self.t(&flash.key)
    }

    pub fn languages(&self) -> [Lang; 4] {
        Lang::ALL
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_admin)
    }

    pub fn html_lang(&self) -> &'static str {
        self.lang.code()
    }

    /// A waiting time, short: "45 min", "3 h 12 min", "2 d 4 h".
    pub fn duration(&self, secs: &i64) -> String {
        let minutes = (*secs / 60).max(0);
        let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        let text = |key: &str, args: &[(&str, String)]| {
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            i18n::tr_args(self.lang, key, &args)
        };
        if days > 0 {
            text(
                "duration-days",
                &[("d", days.to_string()), ("h", hours.to_string())],
            )
        } else if hours > 0 {
            text(
                "duration-hours",
                &[("h", hours.to_string()), ("m", mins.to_string())],
            )
        } else {
            text("duration-minutes", &[("m", mins.to_string())])
        }
    }

    pub fn is_moderator(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_moderator)
    }

    pub fn is_staff(&self) -> bool {
        self.user.as_ref().is_some_and(|u| !u.staff_of.is_empty())
    }

    /// A time as `<time datetime>` wants it: to the second, in UTC, without
    /// the fraction of a second the database keeps.
    pub fn iso(&self, t: &chrono::NaiveDateTime) -> String {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// A day shown to people, in their zone and language.
    pub fn date(&self, t: &chrono::NaiveDateTime) -> String {
        i18n::date(self.lang, self.tz, *t)
    }

    /// A time of day with its zone ("09:30 CET").
    pub fn time_of_day(&self, t: &chrono::NaiveDateTime) -> String {
        i18n::time_of_day(self.lang, self.tz, *t)
    }

    /// A moment in another zone: staff pages show their company's.
    pub fn datetime_in(&self, t: &chrono::NaiveDateTime, tz: &chrono_tz::Tz) -> String {
        i18n::datetime(self.lang, *tz, *t)
    }

    /// A number with decimals as the language writes it (`3,2`).
    pub fn decimal(&self, value: &f64, places: usize) -> String {
        i18n::decimal(self.lang, *value, places)
    }

    /// A whole number with the language's grouping (`12 400`).
    pub fn number(&self, n: &i64) -> String {
        i18n::integer(self.lang, *n)
    }

    /// A person's avatar: their initials on a colour of their own (from
    /// the name, so the same person always looks the same).
    pub fn avatar(&self, name: &str) -> Avatar {
        Avatar::of(&self.name(name))
    }

    /// A date and time shown to people: in their zone, which is named, as
    /// their language writes it.
    pub fn datetime(&self, t: &chrono::NaiveDateTime) -> String {
        i18n::datetime(self.lang, self.tz, *t)
    }
}

/// How many avatar colours the stylesheet has.
const AVATAR_COLOURS: u32 = 12;

/// Initials on a colour: how a person is pictured without an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avatar {
    pub initials: String,
    /// Which of the stylesheet's twelve avatar colours (`hue-0` … `hue-11`),
    /// each dark enough for white letters in both colour schemes.
    pub hue: u32,
}

impl Avatar {
    pub fn of(name: &str) -> Avatar {
        let initials: String = name
            .split_whitespace()
            .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
            .take(2)
            .flat_map(char::to_uppercase)
            .collect();
        // FNV-1a: stable across builds and machines, unlike the std hasher.
        let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        Avatar {
            initials: if initials.is_empty() {
                "?".into()
            } else {
                initials
            },
            hue: hash % AVATAR_COLOURS,
        }
    }
}

/// Extractor giving handlers the page context.
pub struct Page(pub PageCtx);

impl FromRequest for Page {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = session::current_user(&req).await?;
            Ok(Page(PageCtx::build(&req, user)))
        })
    }
}

const RENDER_BUFFER_BYTES: usize = 64 * 1024;

/// Renders a template as a complete HTML page with the given status.
pub fn render_status(
    status: StatusCode,
    template: &impl Template,
) -> Result<HttpResponse, AppError> {
    // Pages run from 10 to 150 kB: starting big saves the copies of a
    // buffer that doubles its way up from the template's own size.
    let mut body = String::with_capacity(RENDER_BUFFER_BYTES);
    template.render_into(&mut body)?;
    let mut response = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body);
    response.extensions_mut().insert(FullPage);
    Ok(response)
}

pub fn render(template: &impl Template) -> Result<HttpResponse, AppError> {
    render_status(StatusCode::OK, template)
}

/// A form that comes back with errors: 422, the page shown again as typed.
pub fn render_invalid(template: &impl Template) -> Result<HttpResponse, AppError> {
    render_status(StatusCode::UNPROCESSABLE_ENTITY, template)
}

/// 303, so the browser follows a POST with a GET.
pub fn redirect(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_string()))
        .finish()
}

/// Only paths on this site: a `next` parameter must never send a visitor elsewhere.
pub fn safe_local_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control());
    ok.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::{safe_local_path, Avatar, AVATAR_COLOURS};

    #[test]
    fn avatars_are_initials_on_a_colour_of_ones_own() {
        let karin = Avatar::of("Karin Lindqvist");
        assert_eq!(karin.initials, "KL");
        assert_eq!(Avatar::of("Karin Lindqvist"), karin);
        assert_eq!(Avatar::of("åsa von der Berg").initials, "ÅV");
        assert_eq!(Avatar::of("  ").initials, "?");
        assert!(karin.hue < AVATAR_COLOURS);
        assert_ne!(Avatar::of("Mads Jensen").hue, karin.hue);
    }

    #[test]
    fn only_local_paths_are_accepted() {
        assert_eq!(safe_local_path("/account"), Some("/account"));
        assert_eq!(safe_local_path("/a?b=c"), Some("/a?b=c"));
        assert_eq!(safe_local_path("//evil.example"), None);
        assert_eq!(safe_local_path("/\\evil.example"), None);
        assert_eq!(safe_local_path("https://evil.example"), None);
        assert_eq!(safe_local_path("/x\ny"), None);
        assert_eq!(safe_local_path(""), None);
    }
}
