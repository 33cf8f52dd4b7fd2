//! Permission checks for accounts and roles: plain functions returning
//! `Result`, called by every handler before it writes.

use crate::accounts::model::CurrentUser;
use crate::web::error::AppError;

pub fn can_administer(user: &CurrentUser) -> Result<(), AppError> {
    if user.is_admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
