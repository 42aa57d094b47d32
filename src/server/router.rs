//! Builds the whole server: database, demo data, sessions, pages, server functions, static files.

use crate::app::{shell, App};
use crate::server::config::Config;
use crate::server::security;
pub use crate::server::state::AppState;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{ExpiredDeletion, Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

/// Opens the database (creating it and the demo data on first start) and builds the router.
pub async fn build(config: &Config) -> anyhow::Result<(Router, AppState)> {
    let pool = crate::server::db::open(&config.db).await?;
    let today_override = match &config.today {
        Some(s) => Some(
            crate::domain::dates::parse_date(s).ok_or_else(|| anyhow::anyhow!("--today: not a date: {s}"))?,
        ),
        None => None,
    };

    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.listen))
        .trim_end_matches('/')
        .to_string();
    let oidc = match (
        &config.oidc_issuer,
        &config.oidc_client_id,
        &config.oidc_client_secret,
    ) {
        (Some(issuer), Some(id), Some(secret)) => Some(std::sync::Arc::new(
            crate::server::people::oidc::OidcProvider::new(
                issuer,
                id,
                secret,
                &public_url,
                config.oidc_trust_email,
            )?,
        )),
        _ => None,
    };
    let mailer = match (&config.smtp_url, &config.mail_from) {
        (Some(url), Some(from)) => {
            let ca = match &config.smtp_ca {
                Some(path) => Some(
                    std::fs::read(path).map_err(|e| anyhow::anyhow!("--smtp-ca {}: {e}", path.display()))?,
                ),
                None => None,
            };
            Some(std::sync::Arc::new(crate::server::channel::email::Mailer::new(
                url,
                from,
                ca.as_deref(),
            )?))
        }
        _ => None,
    };

    let session_store = SqliteStore::new(pool.clone());
    session_store.migrate().await?;

    let state = AppState {
        leptos_options: LeptosOptions::builder()
            .output_name("kamu")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(config.listen)
            .build(),
        pool: pool.clone(),
        today_override,
        push_allow_http: config.push_allow_http,
        secure_cookies: config.secure_cookies,
        client_ip_header: config.client_ip_header.clone(),
        sign_in_throttle: Default::default(),
        oidc,
        passwords: !config.no_passwords,
        public_url,
        mailer,
    };
    if config.demo {
        // The demo's logins and password are published: never over someone's real data.
        if !crate::server::db::holds_only_demo(&pool).await? && !config.wipe_real_data {
            anyhow::bail!(
                "--demo would wipe {}, which holds real (non-demo) data. Use another --db, \
                 or give --wipe-real-data too if you really mean to lose it",
                config.db.display()
            );
        }
        let started = std::time::Instant::now();
        crate::server::demo::wipe(&pool).await?;
        let data = crate::server::demo::generate(config.demo_scale, state.today());
        crate::server::demo::insert(&pool, &data).await?;
        tracing::info!(
            accounts = data.accounts.len(),
            sites = data.sites.len(),
            people = data.people.len(),
            events = data.events.len(),
            ms = started.elapsed().as_millis() as u64,
            "demo data created"
        );
    } else if crate::server::db::is_empty(&pool).await? {
        tracing::warn!(
            "the database is empty: add the first administrator with `kamu --add-admin EMAIL`, \
             or start with --demo for demo data"
        );
    }
    crate::server::clock::company::seed_template(&pool).await?;

    // Expired sessions are removed in the background; the store also refuses them on read.
    let deleter = session_store.clone();
    tokio::spawn(async move {
        let _ = deleter
            .continuously_delete_expired(tokio::time::Duration::from_secs(3600))
            .await;
    });
    let sessions = SessionManagerLayer::new(session_store)
        .with_name("kamu_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(config.session_days)));

    let routes = generate_route_list(App);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    let service_worker = service_worker_source(&config.site_root);
    let router = Router::new()
        .route(
            "/sw.js",
            axum::routing::get(move || {
                let body = service_worker.clone();
                async move {
                    (
                        [
                            (axum::http::header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                            // Browsers must always ask for a new worker, or updates never arrive.
                            (axum::http::header::CACHE_CONTROL, "no-cache"),
                        ],
                        body,
                    )
                }
            }),
        )
        .merge(crate::server::people::oidc_routes::routes())
        .route(
            "/saapuneet/sahkoposti",
            axum::routing::post(crate::server::channel::email::mention_choice_form),
        )
        .route("/kalenteri/{file}", axum::routing::get(calendar_subscription))
        .route(
            "/asiakkuus/{id}/vuosikello.ics",
            axum::routing::get(calendar_download),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::map_response(malformed_requests_are_400))
        // Each door takes bodies of its own size (64 KB unless it says otherwise); the largest
        // is an admin's billing-system site file, so axum's own limit is set to that.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::body_limits,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(security::LARGEST_BODY_BYTES))
        .layer(sessions)
        .layer(axum::middleware::from_fn(security::same_origin_writes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state.clone());
    // E-mail starts last, once the data it reads is in place.
    crate::server::channel::email::mark_email_on(&pool, state.mailer.is_some()).await?;
    if let Some(mailer) = &state.mailer {
        crate::server::channel::email::run_in_background(
            pool.clone(),
            mailer.clone(),
            state.public_url.clone(),
            config.email_every_secs,
        );
    }
    Ok((router, state))
}

fn ics_response(body: String, download: Option<String>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let mut response = ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response();
    if let Some(name) = download {
        if let Ok(value) = format!("attachment; filename=\"{name}\"").parse() {
            response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
        }
    }
    response
}

pub(crate) fn error_response(e: crate::domain::error::AppError) -> axum::response::Response {
    let status =
        axum::http::StatusCode::from_u16(e.status_code()).unwrap_or(axum::http::StatusCode::NOT_FOUND);
    axum::response::IntoResponse::into_response((status, ""))
}

/// `/kalenteri/{token}.ics`: what Outlook and Google Calendar fetch, with no session.
async fn calendar_subscription(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> axum::response::Response {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    match crate::server::clock::calendar_feed::by_token(&state.pool, token, state.today()).await {
        Ok(body) => ics_response(body, None),
        Err(e) => error_response(e),
    }
}

/// `/asiakkuus/{id}/vuosikello.ics`: a one-off download for a signed-in person.
async fn calendar_download(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    let account = crate::domain::ids::AccountId(id);
    let result = async {
        let person = crate::server::people::auth::current_person(&state.pool, &session).await?;
        crate::server::access::require_account(
            &state.pool,
            &crate::server::people::auth::viewer_of(&person),
            account,
        )
        .await?;
        crate::server::clock::calendar_feed::account_calendar(&state.pool, account, state.today()).await
    }
    .await;
    match result {
        Ok(body) => ics_response(body, Some(format!("vuosikello-{id}.ics"))),
        Err(e) => error_response(e),
    }
}

/// The service worker with this build's id written in, so that each deployment is a new worker
/// (see public/sw.js). The id is a hash of the built JS and wasm.
fn service_worker_source(site_root: &str) -> String {
    use std::hash::{Hash, Hasher};
    let root = std::path::Path::new(site_root);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for file in ["pkg/kamu.js", "pkg/kamu.wasm", "pkg/kamu.css"] {
        std::fs::read(root.join(file))
            .unwrap_or_default()
            .hash(&mut hasher);
    }
    let template = std::fs::read_to_string(root.join("sw.js")).unwrap_or_default();
    template.replace("__KAMU_BUILD__", &format!("{:016x}", hasher.finish()))
}

/// A request whose arguments cannot be read (malformed JSON, a wrong type) fails inside the
/// server-function layer, which answers 500. It is the client's mistake: answer 400.
async fn malformed_requests_are_400(response: axum::response::Response) -> axum::response::Response {
    use crate::domain::error::AppError;
    if response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if let Ok(AppError::Invalid(_)) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = axum::http::StatusCode::BAD_REQUEST;
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}
