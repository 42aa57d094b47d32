//! The two addresses of sign-in with the identity provider: leaving for it, and coming back.

use super::oidc::START_PATH;
use crate::api::auth::safe_next;
use crate::server::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route(START_PATH, axum::routing::get(start))
        .route(super::oidc::CALLBACK_PATH, axum::routing::get(callback))
}

#[derive(Deserialize)]
struct StartQuery {
    next: Option<String>,
}

/// `/kirjaudu/oidc?next=…`: off to the provider, remembering where to land afterwards.
async fn start(State(state): State<AppState>, session: Session, Query(q): Query<StartQuery>) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    match provider.start(&session, &safe_next(q.next.as_deref())).await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(_) => back_to_sign_in(super::oidc::Refusal::Failed),
    }
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    /// The provider's own refusal (the person cancelled, or is not allowed to use Kamu there).
    error: Option<String>,
}

/// `/kirjaudu/oidc/paluu?code=…&state=…`: the provider's answer.
async fn callback(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let Some(provider) = state.oidc.clone() else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    let (Some(code), Some(returned_state)) = (q.code, q.state) else {
        // The trip is over (cancelled at the provider): its pending sign-in goes, and the session
        // is stored again with its usual lifetime.
        let _ = session
            .remove::<serde_json::Value>(super::oidc::PENDING_KEY)
            .await;
        tracing::info!(
            error = q.error.as_deref().unwrap_or("none"),
            "identity provider answered no code"
        );
        return back_to_sign_in(super::oidc::Refusal::Failed);
    };
    match provider.finish(&state, &session, &returned_state, &code).await {
        Ok((person, next)) => {
            if super::auth::sign_in(&session, &person).await.is_err() {
                return back_to_sign_in(super::oidc::Refusal::Failed);
            }
            tracing::info!(
                person = person.id.0,
                role = person.role.as_str(),
                "signed in through the identity provider"
            );
            Redirect::to(&safe_next(Some(&next))).into_response()
        }
        Err(refusal) => back_to_sign_in(refusal),
    }
}

fn back_to_sign_in(refusal: super::oidc::Refusal) -> Response {
    Redirect::to(&format!("/kirjaudu?virhe={}", refusal.as_query())).into_response()
}
