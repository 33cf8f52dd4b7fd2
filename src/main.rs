//! The `tillit` command: serve the site (default), migrate, create an
//! administrator, seed demo data.

use std::io::Write;

use actix_web::{web, HttpServer};
use clap::{Parser, Subcommand};
use tillit::config::Config;
use tillit::mail::Mailer;
use tillit::state::AppState;
use tillit::{accounts, db, demo, jobs};

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
    /// Fill an empty database with a seeded benchmark dataset (see bench/).
    BenchData {
        #[arg(long, default_value_t = 200)]
        companies: usize,
        #[arg(long, default_value_t = 20_000)]
        users: usize,
        #[arg(long, default_value_t = 100_000)]
        threads: usize,
        #[arg(long, default_value_t = 1_000_000)]
        posts: usize,
        #[arg(long, default_value_t = 100_000)]
        reviews: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Where to write what the load harness needs (JSON).
        #[arg(long, default_value = "bench-manifest.json")]
        manifest: std::path::PathBuf,
    },
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

/// Every argon2id hash allocates 19 MiB. glibc raises its mmap threshold
/// after the first such block is freed and from then on keeps these blocks
/// in per-thread heaps, so resident memory climbs with every login. A fixed
/// threshold makes large blocks always mmap'd and returned on free.
fn return_large_allocations() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; called once at start-up,
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn main() {
    return_large_allocations();
    tillit::db::configure_sqlite();
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
        Command::BenchData {
            companies,
            users,
            threads,
            posts,
            reviews,
            seed,
            manifest,
        } => bench_data(
            &config,
            &tillit::benchdata::Sizes {
                companies,
                users,
                threads,
                posts,
                reviews,
                seed,
            },
            &manifest,
        ),
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
    let key = tillit::state::load_or_create_key(&config.secret_key_file)?;
    let mailer = Mailer::from_config(
        config.smtp_url.as_deref(),
        config.smtp_ca_file.as_deref(),
        config.mail_dir.clone(),
    )?;
    tillit::start(config, mailer, key)
}

fn migrate(config: &Config) -> Result<(), String> {
    open_state(config.clone())?;
    println!("Migrations applied.");
    Ok(())
}

fn seed_demo(config: &Config) -> Result<(), String> {
    demo::allowed_on(config)?;
    let state = open_state(config.clone())?;
    let mut conn = state.db.pool().get().map_err(|e| e.to_string())?;
    if demo::seed(&mut conn).map_err(|e| e.to_string())? {
        println!("{}", demo::login_details());
    } else {
        println!("The demo content is already there.");
    }
    Ok(())
}

fn bench_data(
    config: &Config,
    sizes: &tillit::benchdata::Sizes,
    manifest_path: &std::path::Path,
) -> Result<(), String> {
    // One connection: SQLite may leave its journal only when no other is open.
    let state = open_state(Config {
        db_pool_size: 1,
        ..config.clone()
    })?;
    let mut conn = state.db.pool().get().map_err(|e| e.to_string())?;
    // Users, companies, categories, staff, threads, subscriptions, posts, reviews.
    let expected =
        (sizes.users + sizes.companies * 3 + sizes.threads * 2 + sizes.posts + sizes.reviews)
            as u64;
    let started = std::time::Instant::now();
    let mut done = 0_u64;
    let mut last_draw = std::time::Instant::now();
    // (table, seconds since start when its last statement finished, rows)
    let mut phases: Vec<(String, f64, u64)> = Vec::new();
    let manifest = tillit::benchdata::generate(&mut conn, sizes, |table, rows| {
        done += rows;
        let at = started.elapsed().as_secs_f64();
        match phases.last_mut() {
            Some((name, end, count)) if name == table => {
                *end = at;
                *count += rows;
            }
            _ => phases.push((table.to_string(), at, rows)),
        }
        if last_draw.elapsed().as_millis() < 200 {
            return;
        }
        last_draw = std::time::Instant::now();
        let share = (done as f64 / expected.max(1) as f64).min(1.0);
        let filled = (share * 30.0) as usize;
        let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
        eprint!(
            "\r[{}{}] {:>3.0}%  {done:>9} rows  {rate:>8.0} rows/s  {table:<22}",
            "#".repeat(filled),
            " ".repeat(30 - filled),
            share * 100.0
        );
    })?;
    eprintln!();
    let mut previous = 0.0;
    for (table, end, rows) in &phases {
        eprintln!("  {table:<22} {rows:>9} rows  {:>6.1} s", end - previous);
        previous = *end;
    }
    // The figures' rollup, so that the server does not build it on its first start.
    let rolled = std::time::Instant::now();
    let days = tillit::support::rollup::refresh(&mut conn, tillit::db::now())
        .map_err(|e| format!("rolling up the figures: {e}"))?;
    eprintln!(
        "  figures rollup         {days:>9} days  {:>6.1} s (not counted in rows/s)",
        rolled.elapsed().as_secs_f64()
    );
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(manifest_path, json)
        .map_err(|e| format!("writing {}: {e}", manifest_path.display()))?;
    println!(
        "{} rows in {:.1} s: {:.0} rows/s. Manifest: {}",
        manifest.rows,
        manifest.seconds,
        manifest.rows_per_second,
        manifest_path.display()
    );
    Ok(())
}

fn create_admin(config: &Config, email: &str, name: &str) -> Result<(), String> {
    let state = open_state(config.clone())?;
    let email =
        tillit::kernel::user::normalize_email(email).ok_or("that is not a valid email address")?;
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
        _ => (tillit::kernel::tokens::random_token(), true),
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
    // Blocking threads do the database work and need a pooled connection
    // each: more threads than connections only wait, and every extra
    // thread keeps its own allocator arena (memory).
    let blocking_threads = (config.db_pool_size as usize / workers.max(1)).max(2);
    let state = open_state(config)?;
    {
        let mut conn = state.db.pool().get().map_err(|e| e.to_string())?;
        if fresh_default_db {
            match demo::allowed_on(&state.config) {
                Ok(()) => {
                    if demo::seed(&mut conn).map_err(|e| e.to_string())? {
                        println!(
                            "Created a new database with demo content.\n{}",
                            demo::login_details()
                        );
                    }
                }
                Err(reason) => println!("Created a new, empty database. {reason}"),
            }
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
            .worker_max_blocking_threads(blocking_threads)
            .bind(&bind)
            .map_err(|e| format!("cannot listen on {bind}: {e}"))?
            .run();
        jobs::spawn_all(state, &tillit::PERIODIC_JOBS);
        println!("Tillit is running at {base_url}  (Ctrl-C stops it)");
        let _ = std::io::stdout().flush();
        server.await.map_err(|e| e.to_string())
    })
}
