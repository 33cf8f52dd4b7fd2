//! Demo content for a fresh site: companies, their staff, a moderator,
//! customers and an administrator. Later capabilities add their own demo
//! content here, through their public functions.

pub mod forum;
pub mod moderation;
pub mod reviews;
pub mod support;
pub mod verification;

use crate::accounts::model::{self as accounts, NewUser};
use crate::accounts::password;
use crate::companies::model::NewCompany;
use crate::db::{write_transaction, DbConn};
use crate::kernel::error::AppError;
use crate::kernel::ids::{CompanyId, UserId};

/// Every demo account shares this password; it is printed at start-up.
pub const DEMO_PASSWORD: &str = "tillit-demo-2026";

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub role: &'static str,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 7] = [
    DemoAccount {
        email: "admin@tillit.example",
        name: "Astrid Admin",
        role: "admin",
    },
    DemoAccount {
        email: "moderator@tillit.example",
        name: "Mikael Moderator",
        role: "moderator",
    },
    DemoAccount {
        email: "anna@nordlys.example",
        name: "Anna Lindqvist",
        role: "staff, Nordlys Energi",
    },
    DemoAccount {
        email: "lars@fjordbanken.example",
        name: "Lars Holm",
        role: "staff, Fjordbanken",
    },
    DemoAccount {
        email: "karin@example.se",
        name: "Karin Svensson",
        role: "customer",
    },
    DemoAccount {
        email: "mads@example.dk",
        name: "Mads Jensen",
        role: "customer",
    },
    DemoAccount {
        email: "erik@nordlys.example",
        name: "Erik Nyström",
        role: "staff, Nordlys Energi",
    },
];

const DEMO_COMPANIES: [(&str, &str, &str, &str, &str); 4] = [
    (
        "Nordlys Energi",
        "nordlys-energi",
        "Electricity and district heating for homes in Sweden and Norway.",
        "https://nordlys.example/",
        "Energy",
    ),
    (
        "Fjordbanken",
        "fjordbanken",
        "A Danish savings bank with branches along the coast and a mobile app.",
        "https://fjordbanken.example/",
        "Banking",
    ),
    (
        "Kaffekompaniet",
        "kaffekompaniet",
        "Coffee subscriptions roasted in Gothenburg, delivered across the Nordics.",
        "https://kaffekompaniet.example/",
        "Food and drink",
    ),
    (
        "Hygge Telecom",
        "hygge-telecom",
        "Mobile and broadband for Danish households.",
        "https://hygge-telecom.example/",
        "Telecom",
    ),
];

/// Seeds the demo content unless it is already there. Returns whether it seeded.
pub fn seed(conn: &mut DbConn) -> Result<bool, AppError> {
    if accounts::find_by_email(conn, DEMO_ACCOUNTS[0].email)?.is_some() {
        return Ok(false);
    }
    let hash = password::hash_now(DEMO_PASSWORD)?;
    write_transaction(conn, |conn| -> Result<(), AppError> {
        let mut company_ids: Vec<CompanyId> = Vec::new();
        for (name, slug, description, website, category) in DEMO_COMPANIES {
            let new = NewCompany {
                name,
                slug,
                description,
                website: Some(website),
                category,
            };
            let id = crate::companies::model::insert_company(conn, &new)?;
            crate::forum::model::create_company_section(conn, id, name, slug)?;
            company_ids.push(id);
        }
        let mut user_ids: Vec<UserId> = Vec::new();
        for account in &DEMO_ACCOUNTS {
            let new = NewUser {
                email: account.email,
                display_name: account.name,
                password_hash: &hash,
                locale: None,
                verified: true,
                is_admin: account.role == "admin",
                is_moderator: account.role == "moderator",
            };
            user_ids.push(accounts::insert_user(conn, &new)?);
        }
        accounts::add_staff(conn, user_ids[2], company_ids[0])?;
        accounts::add_staff(conn, user_ids[3], company_ids[1])?;
        accounts::add_staff(conn, user_ids[6], company_ids[0])?;
        let people = crate::demo::forum::People {
            anna_staff: user_ids[2],
            lars_staff: user_ids[3],
            karin: user_ids[4],
            mads: user_ids[5],
        };
        crate::demo::forum::seed(conn, &people, company_ids[0], company_ids[1])?;
        crate::demo::reviews::seed(
            conn,
            company_ids[0],
            company_ids[1],
            user_ids[2],
            &[user_ids[4], user_ids[5]],
        )?;
        crate::demo::forum::seed_nordic(conn, &people, company_ids[2], company_ids[3])?;
        crate::demo::reviews::seed_nordic(
            conn,
            company_ids[2],
            company_ids[3],
            &[user_ids[4], user_ids[5]],
        )?;
        let cast = crate::demo::moderation::Cast {
            moderator: user_ids[1],
            karin: user_ids[4],
            mads: user_ids[5],
        };
        crate::demo::moderation::seed(conn, &cast, company_ids[0], company_ids[1])?;
        crate::demo::verification::seed(conn, company_ids[0], user_ids[2])?;
        let desk = crate::demo::support::Desk {
            staff: user_ids[2],
            colleague: user_ids[6],
            customers: [user_ids[4], user_ids[5]],
        };
        crate::demo::support::seed(conn, &desk, company_ids[0])?;
        Ok(())
    })?;
    Ok(true)
}

/// Demo data only where nobody else can log in with its published
/// password: a server listening on a loopback address (someone trying
/// Tillit on their own machine).
pub fn allowed_on(config: &crate::config::Config) -> Result<(), String> {
    if config.binds_loopback() {
        return Ok(());
    }
    Err(format!(
        "The server listens on {}, which is not a loopback address, so it gets no demo \
         content: the demo accounts share a password printed in the README. Create the \
         first administrator with\n  tillit admin create --email you@example.com\n\
         (or try the demo with BIND=127.0.0.1:8080).",
        config.bind
    ))
}

/// The console message that tells a person how to log in.
pub fn login_details() -> String {
    let mut text = format!("Demo accounts (password for all: {DEMO_PASSWORD}):\n");
    for account in &DEMO_ACCOUNTS {
        text.push_str(&format!("  {:<28} {}\n", account.email, account.role));
    }
    text
}
