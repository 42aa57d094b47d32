//! What every server function needs: the database, the session, the signed-in person, and a
//! way to answer an error with the right HTTP status.

use crate::domain::error::AppError;
use crate::domain::people::Person;
use crate::server::state::AppState;
use leptos::prelude::*;
use tower_sessions::Session;

pub(crate) fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::Internal("no app state".into()))
}

pub(crate) async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| crate::server::people::auth::internal(format!("session: {e:?}")))
}

/// Where the request comes from, for sign-in throttling (see `server::security::client_address`).
pub(crate) fn client_address(state: &AppState) -> String {
    use_context::<axum::http::request::Parts>()
        .map(|parts| crate::server::security::client_address(&parts, state.client_ip_header.as_deref()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The signed-in person, or `Unauthorized`.
pub(crate) async fn signed_in(state: &AppState) -> Result<Person, AppError> {
    let session = session().await?;
    crate::server::people::auth::current_person(&state.pool, &session).await
}

/// The signed-in person as the permission rules need them, with the app state.
pub(crate) async fn viewer() -> Result<(AppState, crate::domain::people::Viewer), AppError> {
    let state = state()?;
    let person = signed_in(&state).await?;
    Ok((state, crate::server::people::auth::viewer_of(&person)))
}

/// Sets the response status for an error and passes it on, so both server-function calls
/// and server-rendered pages answer 401/403/404 rather than 200 or 500.
pub(crate) fn fail<T>(error: AppError) -> Result<T, AppError> {
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = axum::http::StatusCode::from_u16(error.status_code()) {
            opts.set_status(code);
        }
        if let AppError::TooManyAttempts(secs) = &error {
            opts.insert_header(axum::http::header::RETRY_AFTER, (*secs).into());
        }
    }
    Err(error)
}

/// Runs a server function's body and answers its error with the right status.
pub(crate) async fn answer<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    match body.await {
        Ok(v) => Ok(v),
        Err(e) => fail(e),
    }
}
