//! Who may moderate what. Being a moderator is a role; acting on content
//! about a company one works for is a conflict of interest, and deciding
//! about one's own content is judging one's own case: both are refused on
//! every moderation route whatever the roles (DOMAIN.md, principle 3).

use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, UserId};
use crate::kernel::user::CurrentUser;

pub fn is_moderator(user: &CurrentUser) -> Result<(), AppError> {
    if user.is_moderator {
        Ok(())
    } else {
        Err(AppError::Denied("moderation-moderators-only"))
    }
}

/// A moderator with no tie to the company the content is about.
pub fn can_moderate(user: &CurrentUser, company: Option<CompanyId>) -> Result<(), AppError> {
    is_moderator(user)?;
    if company.is_some_and(|c| user.is_staff_of(c)) {
        return Err(AppError::Denied("moderation-conflict-of-interest"));
    }
    Ok(())
}

/// A moderator who may decide about one author's content about one
/// company: neutral towards the company, and not the author.
pub fn can_decide(
    user: &CurrentUser,
    company: Option<CompanyId>,
    author: UserId,
) -> Result<(), AppError> {
    can_moderate(user, company)?;
    if author == user.id {
        return Err(AppError::Denied("moderation-own-content"));
    }
    Ok(())
}

/// Flagging needs an account with a confirmed address.
pub fn can_flag(user: &CurrentUser) -> Result<(), AppError> {
    if !user.verified {
        return Err(AppError::Denied("forum-verify-first"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(moderator: bool, staff_of: Vec<CompanyId>) -> CurrentUser {
        CurrentUser {
            id: UserId(1),
            email: "m@example.com".into(),
            display_name: "M".into(),
            is_admin: false,
            is_moderator: moderator,
            verified: true,
            locale: None,
            time_zone: None,
            suspended_until: None,
            staff_of,
            unread_notifications: 0,
        }
    }

    #[test]
    fn staff_who_moderate_cannot_act_on_their_company() {
        let both = user(true, vec![CompanyId(7)]);
        assert!(can_moderate(&both, Some(CompanyId(7))).is_err());
        assert!(can_moderate(&both, Some(CompanyId(8))).is_ok());
        assert!(can_moderate(&both, None).is_ok());
        assert!(can_moderate(&user(false, vec![]), None).is_err());
    }

    #[test]
    fn no_moderator_decides_about_their_own_content() {
        let moderator = user(true, vec![]);
        assert!(can_decide(&moderator, None, UserId(2)).is_ok());
        assert!(matches!(
            can_decide(&moderator, None, UserId(1)),
            Err(AppError::Denied("moderation-own-content"))
        ));
    }
}
