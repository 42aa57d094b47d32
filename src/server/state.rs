//! What every request can reach: the database, the settings that shape answers, and the
//! sign-in throttle. Built once by `router::build`, handed to pages and server functions.

use axum::extract::FromRef;
use chrono::NaiveDate;
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;

/// What every request can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    pub today_override: Option<NaiveDate>,
    /// Plain-HTTP push endpoints are accepted (tests only).
    pub push_allow_http: bool,
    /// Sent over HTTPS only: cookies are Secure and answers carry HSTS.
    pub secure_cookies: bool,
    /// The proxy header that names the client's address, when behind a reverse proxy.
    pub client_ip_header: Option<String>,
    pub sign_in_throttle: std::sync::Arc<crate::server::people::throttle::SignInThrottle>,
    /// Sign-in with the company's identity provider, when configured.
    pub oidc: Option<std::sync::Arc<crate::server::people::oidc::OidcProvider>>,
    /// Password sign-in is on (it can be turned off when the identity provider is in use).
    pub passwords: bool,
    /// The address people reach Kamu at, for links in e-mails (no trailing slash).
    pub public_url: String,
    /// E-mail out, when configured.
    pub mailer: Option<std::sync::Arc<crate::server::channel::email::Mailer>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// Today in Finland (the app's dates are Finnish dates, whatever the server's zone).
    pub fn today(&self) -> NaiveDate {
        self.today_override.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&chrono_tz::Europe::Helsinki)
                .date_naive()
        })
    }
}
