//! How a page reads: server first, the device's copy when the network fails. One rule for every
//! kind of page, so "offline" means the same everywhere: only a request that never reached the
//! server falls back (a refusal — signed out, forbidden — is shown as it is), and the copy is
//! read only then. The `kept_*` readers answer `None` on the server, where no device exists.

use super::state::{set_if_changed, SyncState};
use crate::domain::account::{AccountDetail, AccountSummary};
use crate::domain::channel::inbox::Inbox;
use crate::domain::channel::view::ChannelView;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use leptos::prelude::*;
use std::future::Future;

/// The server's answer, or with no network the device's copy (`kept`), or the network error
/// when the device has none.
pub async fn server_or_device<T>(
    from_server: impl Future<Output = Result<T, AppError>>,
    kept: impl Future<Output = Option<T>>,
) -> Result<T, AppError> {
    match from_server.await {
        Err(e) if e.is_network() => kept.await.ok_or(e),
        other => other,
    }
}

/// Runs a read of the browser's storage (not `Send`: the browser has one thread) where a
/// resource needs a `Send` future; on the server there is nothing to read.
#[cfg(feature = "hydrate")]
fn on_device<T: 'static>(
    read: impl Future<Output = Option<T>> + 'static,
) -> impl Future<Output = Option<T>> + Send {
    send_wrapper::SendWrapper::new(read)
}

/// The accounts kept on this device, A–Ö (those opened or fetched ahead before).
pub fn kept_account_list() -> impl Future<Output = Option<Vec<AccountSummary>>> + Send {
    #[cfg(feature = "hydrate")]
    return on_device(async {
        let stored = super::store::all_kept::<AccountDetail>().await.ok()?;
        let mut list: Vec<_> = stored.iter().map(|d| d.summary()).collect();
        crate::domain::account::sort_a_to_o(&mut list);
        (!list.is_empty()).then_some(list)
    });
    #[cfg(not(feature = "hydrate"))]
    std::future::ready(None)
}

/// An account kept on this device, if it is of the asked clock year (the device keeps one).
pub fn kept_account(id: AccountId, year: Option<i32>) -> impl Future<Output = Option<AccountDetail>> + Send {
    #[cfg(feature = "hydrate")]
    return on_device(async move {
        let stored = super::store::kept::<AccountDetail>(id).await.ok()??;
        year.is_none_or(|y| y == stored.clock_year).then_some(stored)
    });
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (id, year);
        std::future::ready(None)
    }
}

/// An account's channel as last kept on this device.
pub fn kept_channel(id: AccountId) -> impl Future<Output = Option<ChannelView>> + Send {
    #[cfg(feature = "hydrate")]
    return on_device(async move { super::store::kept::<ChannelView>(id).await.ok()? });
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        std::future::ready(None)
    }
}

/// The person's inbox as last kept on this device.
pub fn kept_inbox() -> impl Future<Output = Option<Inbox>> + Send {
    #[cfg(feature = "hydrate")]
    return on_device(async { super::store::inbox().await.ok()? });
    #[cfg(not(feature = "hydrate"))]
    std::future::ready(None)
}

/// After each sync that changed the device's copies (`revision` grows), shows the kept copy
/// again: it now holds what the server and this person's sent edits made of it. Effects run in
/// the browser only.
pub fn reread_on_revision<T, F>(sync: SyncState, shown: RwSignal<T>, reread: impl Fn() -> F + 'static)
where
    T: PartialEq + Send + Sync + 'static,
    F: Future<Output = Option<T>> + 'static,
{
    Effect::new(move |previous: Option<u64>| {
        let revision = sync.revision.get();
        if previous.is_some() {
            let read = reread();
            leptos::task::spawn_local(async move {
                if let Some(fresh) = read.await {
                    set_if_changed(shown, fresh);
                }
            });
        }
        revision
    });
}

/// The whole copy of an account whose page came as its first screen (`clock_follows`): the
/// device's when it is as current as the page (no request at all), else the server's, else with
/// no network the device's older one. A whole copy is answered as it is.
pub async fn whole_account(first: AccountDetail) -> Result<AccountDetail, AppError> {
    if !first.clock_follows {
        return Ok(first);
    }
    let (id, year) = (first.id, Some(first.clock_year));
    if let Some(kept) = kept_account(id, year).await {
        if kept.sync_cursor >= first.sync_cursor {
            return Ok(kept);
        }
    }
    server_or_device(crate::api::accounts::account(id.0, year), kept_account(id, year)).await
}

/// Keeps a freshly served account on the device, unless the device has a newer copy of the same
/// year; answers the copy to show. A first screen is never kept: its clock is not all there.
pub async fn keep_account(detail: AccountDetail, sync: SyncState) -> AccountDetail {
    if detail.clock_follows {
        return detail;
    }
    #[cfg(feature = "hydrate")]
    return super::engine::keep(detail, sync).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = sync;
        detail
    }
}

/// Keeps a freshly served channel on the device, unless the device has a copy current to a
/// later change; answers the copy to show.
pub async fn keep_channel(view: ChannelView, sync: SyncState) -> ChannelView {
    #[cfg(feature = "hydrate")]
    return super::engine::keep(view, sync).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = sync;
        view
    }
}

/// Keeps the person's inbox on the device for reading offline.
pub async fn keep_inbox(inbox: &Inbox) {
    #[cfg(feature = "hydrate")]
    if let Err(e) = super::store::set_inbox(inbox).await {
        leptos::logging::warn!("store: the inbox could not be kept: {e:?}");
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = inbox;
}
