//! Starts the Kamu server: settings, logs, database, router, graceful shutdown.
// The page types Leptos builds are deep; release builds (no type erasure) need the room.
#![recursion_limit = "512"]

use clap::Parser;
use kamu::server::config::Config;
use tracing_subscriber::EnvFilter;

/// Rendering a page walks Leptos' deeply nested view types recursively: an unoptimised (debug)
/// build of the account page needs more than the 2 MB a thread gets by default.
const THREAD_STACK_BYTES: usize = 8 * 1024 * 1024;

fn main() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(THREAD_STACK_BYTES)
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn,sqlx=warn"));
    if std::env::var("KAMU_LOG_JSON").is_ok() {
        tracing_subscriber::fmt().with_env_filter(filter).json().init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }

    let config = Config::parse();
    if let Some(file) = &config.import_sites {
        let pool = kamu::server::db::open(&config.db).await?;
        let report = kamu::server::channel::site_import::command_line(&pool, file, config.apply).await?;
        println!("{report}");
        return Ok(());
    }
    if let Some(file) = &config.backup {
        let pool = kamu::server::db::open(&config.db).await?;
        kamu::server::db::backup(&pool, file).await?;
        println!("{} copied to {}", config.db.display(), file.display());
        return Ok(());
    }
    if let Some(email) = &config.add_admin {
        let pool = kamu::server::db::open(&config.db).await?;
        let now = kamu::server::people::sign_in_links::now_ms();
        let link = kamu::server::people::sign_in_links::add_admin(&pool, email, &config.admin_name, now)
            .await
            .map_err(|e| anyhow::anyhow!("--add-admin: {e}"))?;
        println!(
            "{email} is an administrator. Open this link (on Kamu's address) to choose a password; it works once, until {}:\n{}",
            kamu::domain::dates::format_date(link.valid_until),
            link.path
        );
        return Ok(());
    }
    let (app, _state) = kamu::server::router::build(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    tracing::info!(
        "Kamu is listening on http://{} (database {})",
        config.listen,
        config.db.display()
    );
    // The peer address is kept for sign-in throttling.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("Kamu stopped");
    Ok(())
}

/// Stops on Ctrl-C or SIGTERM, letting requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
