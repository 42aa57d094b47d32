//! The account channel's doors: reading, posting (writes queued offline go through the sync
//! door, `sync/push`), search, acknowledgements and reminders, the inbox, push subscriptions, and the admin's
//! billing-system site import.

use crate::domain::channel::acks::AckTally;
use crate::domain::channel::billing::{BillingPreview, SiteImportResult};
use crate::domain::channel::inbox::Inbox;
use crate::domain::channel::post::{NewPost, Post};
use crate::domain::channel::view::ChannelView;
use crate::domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use super::door::viewer;

#[server(endpoint = "channel")]
pub async fn open_channel(account: i64) -> Result<ChannelView, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::posts::view(&state.pool, &viewer, crate::domain::ids::AccountId(account))
            .await
    })
    .await
}

/// The reader opened the channel: its inbox items are read.
#[server(endpoint = "channel/read")]
pub async fn channel_read(account: i64) -> Result<(), AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::posts::mark_read(&state.pool, &viewer, crate::domain::ids::AccountId(account))
            .await
    })
    .await
}

#[server(endpoint = "channel/post", input = Json)]
pub async fn channel_post(account: i64, post: NewPost) -> Result<Post, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::posts::post(
            &state.pool,
            &viewer,
            crate::domain::ids::AccountId(account),
            post,
        )
        .await
    })
    .await
}

#[server(endpoint = "channel/search")]
pub async fn channel_search(account: i64, text: String) -> Result<Vec<Post>, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::posts::search(
            &state.pool,
            &viewer,
            crate::domain::ids::AccountId(account),
            &text,
        )
        .await
    })
    .await
}

#[server(endpoint = "channel/tally")]
pub async fn follow_acks(post: Uuid) -> Result<AckTally, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::posts::tally(&state.pool, &viewer, post).await
    })
    .await
}

/// Reminds those who have not acknowledged an urgent bulletin; answers how many.
#[server(endpoint = "channel/remind")]
pub async fn remind_unacknowledged(post: Uuid) -> Result<usize, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::posts::remind(&state.pool, &viewer, post).await
    })
    .await
}

#[server(endpoint = "inbox")]
pub async fn my_inbox() -> Result<Inbox, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::inbox::inbox(&state.pool, &viewer, state.mailer.is_some()).await
    })
    .await
}

/// The server's VAPID public key (base64url), for `PushManager.subscribe`.
#[server(endpoint = "push/key")]
pub async fn push_key() -> Result<String, AppError> {
    super::door::answer(async {
        let (state, _) = viewer().await?;
        Ok(crate::server::channel::push::vapid_keys(&state.pool).await?.1)
    })
    .await
}

#[server(endpoint = "push/subscribe", input = Json)]
pub async fn push_subscribe(endpoint: String, p256dh: String, auth: String) -> Result<(), AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        let sub = crate::server::channel::push::Subscription {
            endpoint,
            p256dh,
            auth,
        };
        crate::server::channel::push::subscribe(&state.pool, &viewer, &sub, state.push_allow_http).await
    })
    .await
}

#[server(endpoint = "push/unsubscribe", input = Json)]
pub async fn push_unsubscribe(endpoint: String) -> Result<(), AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::push::unsubscribe(&state.pool, &viewer, &endpoint).await
    })
    .await
}

/// What a billing-system site file would change; changes nothing.
#[server(endpoint = "sites/preview", input = Json)]
pub async fn preview_sites(text: String) -> Result<BillingPreview, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::site_import::preview(&state.pool, &viewer, &text).await
    })
    .await
}

/// Applies a billing-system site file: every row or none.
#[server(endpoint = "sites/apply", input = Json)]
pub async fn apply_sites(file_name: String, text: String) -> Result<SiteImportResult, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::site_import::apply(&state.pool, &viewer, &file_name, &text, state.today())
            .await
    })
    .await
}

/// The sites as Kamu has them, as a billing-system file (admins).
#[server(endpoint = "sites/export")]
pub async fn export_sites() -> Result<String, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::access::require_admin(&viewer, "site export")?;
        crate::server::channel::site_import::export(&state.pool).await
    })
    .await
}

/// The latest applied site files and whose access each moved (admins).
#[server(endpoint = "sites/imports")]
pub async fn recent_site_imports(
) -> Result<Vec<crate::domain::channel::import_history::ImportRecord>, AppError> {
    super::door::answer(async {
        let (state, viewer) = viewer().await?;
        crate::server::channel::site_import_history::recent(&state.pool, &viewer).await
    })
    .await
}
