//! The `tillit` command: serve the site (default), migrate, create an
//! administrator, seed demo data.

use std::io::Write;

use actix_web::{web, HttpServer};
use clap::{Parser, Subcommand};
use tillit::config::Config;
use tillit::mail::Mailer;
use tillit::{accounts, db, demo, jobs, AppState};

#[derive(Parser)]
#[command(
    name = "tillit",
    version,
    about = "Tillit: customer forum and company reviews"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Administrator accounts.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Add the demo companies and accounts to the database.
    Demo,
}

#[derive(Subcommand)]
enum AdminAction {
    /// Create an administrator (or make an existing user one). The password
    /// comes from TILLIT_ADMIN_PASSWORD, or a strong one is generated and printed.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
}

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,actix_server=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let config = Config::from_env();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::Migrate => migrate(&config),
        Command::Admin {
            action: AdminAction::Create { email, name },
        } => create_admin(&config, &email, &name),
        Command::Demo => seed_demo(&config),
    };
    if let Err(message) = result {
        eprintln!("tillit: {message}");
        std::process::exit(1);
    }
}

fn open_state(config: Config) -> Result<AppState, String> {
    if config.database_is_default {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| format!("creating {}: {e}", config.data_dir.display()))?;
    }
    let key = tillit::load_or_create_key(&config.secret_key_file)?;
    let mailer = Mailer::from_config(config.smtp_url.as_deref(), config.mail_dir.clone())?;
    AppState::new(config, mailer, key)
}

fn migrate(config: &Config) -> Result<(), String> {
    open_state(config.clone())?;
    println!("Migrations applied.");
    Ok(())
}

fn seed_demo(config: &Config) -> Result<(), String> {
    let state = open_state(config.clone())?;
    let mut conn = state.db.pool().get().map_err(|e| e.to_string())?;
    if demo::seed(&mut conn).map_err(|e| e.to_string())? {
        println!("{}", demo::login_details());
    } else {
        println!("The demo content is already there.");
    }
    Ok(())
}

fn create_admin(config: &Config, email: &str, name: &str) -> Result<(), String> {
    let state = open_state(config.clone())?;
    let email =
        accounts::model::normalize_email(email).ok_or("that is not a valid email address")?;
    let mut conn = state.db.pool().get().map_err(|e| e.to_string())?;
    if let Some(existing) =
        accounts::model::find_by_email(&mut conn, &email).map_err(|e| e.to_string())?
    {
        accounts::model::set_admin(&mut conn, existing.id, true).map_err(|e| e.to_string())?;
        accounts::model::mark_verified(&mut conn, existing.id).map_err(|e| e.to_string())?;
        println!("{email} is now an administrator.");
        return Ok(());
    }
    let (password, generated) = match std::env::var("TILLIT_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => (p, false),
        _ => (tillit::web::session::random_token(), true),
    };
    if !generated {
        accounts::password::check_policy(&password, &[&email, name])
            .map_err(|p| format!("TILLIT_ADMIN_PASSWORD is too weak ({})", p.message_key()))?;
    }
    let hash = accounts::password::hash_now(&password).map_err(|e| e.to_string())?;
    let new = accounts::model::NewUser {
        email: &email,
        display_name: name,
        password_hash: &hash,
        locale: None,
        verified: true,
        is_admin: true,
        is_moderator: false,
    };
    db::write_transaction(&mut conn, |conn| accounts::model::insert_user(conn, &new))
        .map_err(|e| e.to_string())?;
    println!("Administrator {email} created.");
    if generated {
        println!("Password: {password}\n(change it under Account after logging in)");
    }
    Ok(())
}

fn serve(config: Config) -> Result<(), String> {
    let fresh_default_db =
        config.database_is_default && !std::path::Path::new(&config.database_url).exists();
    let bind = config.bind.clone();
    let base_url = config.base_url.clone();
    let workers = config.workers;
    let state = open_state(config)?;
    {
        let mut conn = state.db.pool().get().map_err(|e| e.to_string())?;
        if fresh_default_db && demo::seed(&mut conn).map_err(|e| e.to_string())? {
            println!(
                "Created a new database with demo content.\n{}",
                demo::login_details()
            );
        }
        let admins = accounts::model::count_admins(&mut conn).map_err(|e| e.to_string())?;
        if admins == 0 {
            println!(
                "No administrator yet. Create one with:\n  DATABASE_URL=… tillit admin create --email you@example.com\n\
                 (from a checkout: cargo run --release -- admin create --email you@example.com)"
            );
        }
    }
    let state = web::Data::new(state);
    let server_state = state.clone();
    actix_web::rt::System::new().block_on(async move {
        let server = HttpServer::new(move || tillit::app(server_state.clone()))
            .workers(workers)
            .bind(&bind)
            .map_err(|e| format!("cannot listen on {bind}: {e}"))?
            .run();
        jobs::spawn_all(state);
        println!("Tillit is running at {base_url}  (Ctrl-C stops it)");
        let _ = std::io::stdout().flush();
        server.await.map_err(|e| e.to_string())
    })
}
