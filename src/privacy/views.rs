//! The pages of the privacy capability.

use askama::Template;

use crate::privacy::export::{Export, DOWNLOADED, EXPIRED, PENDING, READY};
use crate::privacy::retention::PERIODS;
use crate::web::form::FieldErrors;
use crate::web::layout::PageCtx;

/// "Your data": download it, or delete the account.
#[derive(Template)]
#[template(path = "privacy/data.html")]
pub struct DataPage {
    pub ctx: PageCtx,
    /// The latest export request.
    pub export: Option<Export>,
    pub errors: FieldErrors,
    /// The "withdraw my texts too" box, as sent.
    pub withdraw: bool,
}

impl DataPage {
    /// Where the latest export stands, in words.
    pub fn export_status(&self) -> Option<String> {
        let export = self.export.as_ref()?;
        Some(match export.status.as_str() {
            PENDING => self.ctx.t("export-status-pending"),
            READY => self.ctx.ta(
                "export-status-ready",
                "date",
                export
                    .expires_at
                    .map_or(String::new(), |at| self.ctx.datetime(&at)),
            ),
            DOWNLOADED => self.ctx.t("export-status-downloaded"),
            EXPIRED => self.ctx.t("export-status-expired"),
            _ => return None,
        })
    }

    pub fn is_pending(&self) -> bool {
        self.export.as_ref().is_some_and(|e| e.status == PENDING)
    }
}

/// The public privacy page: what is held, why, and for how long.
#[derive(Template)]
#[template(path = "privacy/privacy.html")]
pub struct PrivacyPage {
    pub ctx: PageCtx,
}

impl PrivacyPage {
    /// (what, how long) for every retention rule.
    pub fn periods(&self) -> Vec<(String, String)> {
        PERIODS
            .iter()
            .map(|(key, days)| {
                (
                    self.ctx.t(&format!("privacy-retention-{key}")),
                    self.ctx.tc("privacy-days", "count", days),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::i18n::{tr, Lang};

    #[test]
    fn every_retention_rule_is_named_in_every_language() {
        for lang in Lang::ALL {
            for (key, _) in PERIODS {
                let id = format!("privacy-retention-{key}");
                assert_ne!(tr(lang, &id), id, "{lang:?} lacks {id}");
            }
        }
    }
}
