//! Offline sync: push queued edits, pull what changed, dismiss a seen conflict.

use crate::domain::error::AppError;
use crate::domain::sync::{Op, OpAnswer, PullAnswer};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Sends queued edits. Every operation is answered on its own; a retried one changes nothing.
#[server(endpoint = "sync/push", input = Json)]
pub async fn push(ops: Vec<Op>) -> Result<Vec<OpAnswer>, AppError> {
    use super::door;
    use crate::server::people::auth;
    use crate::server::sync::push_pull;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        push_pull::push(&state.pool, &auth::viewer_of(&person), &ops).await
    })
    .await
}

/// What changed after `cursor` in the accounts the person may see.
#[server(endpoint = "sync/pull", input = Json)]
pub async fn pull(cursor: i64) -> Result<PullAnswer, AppError> {
    use super::door;
    use crate::server::people::auth;
    use crate::server::sync::push_pull;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let cookies = use_context::<axum::http::request::Parts>().and_then(|parts| {
            parts
                .headers
                .get(axum::http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        });
        crate::server::people::language::remember(&state.pool, person.id, cookies.as_deref()).await?;
        push_pull::pull(
            &state.pool,
            &auth::viewer_of(&person),
            cursor,
            state.today(),
            state.mailer.is_some(),
        )
        .await
    })
    .await
}

/// The author has seen a conflict; it stops being shown.
#[server(endpoint = "sync/dismiss", input = Json)]
pub async fn dismiss_conflict(op_id: uuid::Uuid) -> Result<(), AppError> {
    use super::door;
    use crate::server::people::auth;
    use crate::server::sync::push_pull;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        push_pull::dismiss_conflict(&state.pool, &auth::viewer_of(&person), op_id).await
    })
    .await
}

/// Every document (`domain::sync::doc`) of an account the person may read, for the device to
/// keep; later changes come by the pull.
#[server(endpoint = "sync/records", input = Json)]
pub async fn account_records(account_id: i64) -> Result<crate::domain::sync::doc::AccountRecords, AppError> {
    use super::door;
    use crate::domain::ids::AccountId;
    use crate::server::access;
    use crate::server::people::auth;
    use crate::server::sync::records;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let viewer = auth::viewer_of(&person);
        access::require_account(&state.pool, &viewer, AccountId(account_id)).await?;
        records::of_account(&state.pool, &viewer, AccountId(account_id)).await
    })
    .await
}
