//! What a page asks of this device, as plain calls in both builds: in the browser they act on
//! the device's copy, its notifications and its kept pages; on the server (where no device
//! exists) they do nothing. So `ui/` asks without `cfg`.

use super::state::SyncState;
use uuid::Uuid;

/// How turning notifications on went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushResult {
    On,
    /// The person said no (or has before): the browser will not ask again.
    Denied,
    /// This browser has no Web Push (or no push service, as in a test browser).
    Unavailable,
}

/// The signed-in person agreed to drop the previous person's copy and waiting edits.
pub fn take_over_copy(sync: SyncState) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(super::owner::take_over(sync));
    #[cfg(not(feature = "hydrate"))]
    let _ = sync;
}

/// The person has seen a refusal or conflict. The server keeps conflicts for all the person's
/// devices: the dismissal is kept on the device until the server has it, so one made offline
/// is not undone by the next pull.
pub fn dismiss_notice(sync: SyncState, op_id: Uuid, is_conflict: bool) {
    use leptos::prelude::*;
    sync.notices.update(|n| n.retain(|x| x.op.id != op_id));
    #[cfg(feature = "hydrate")]
    {
        let remaining = sync.notices.get_untracked();
        leptos::task::spawn_local(async move {
            if let Err(e) = super::store::set_notices(&remaining).await {
                leptos::logging::warn!("device storage: notices not kept: {e:?}");
            }
            if is_conflict {
                match super::store::add_dismissal(op_id).await {
                    Ok(()) => sync.request_sync(),
                    Err(e) => leptos::logging::warn!("device storage: dismissal not kept: {e:?}"),
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = is_conflict;
}

/// Signed out: the pages kept for offline use, this phone's notifications and the device's
/// copy go, so the next person on this device sees nothing of this one's data.
pub fn forget_signed_out_person() {
    #[cfg(feature = "hydrate")]
    {
        super::service_worker::forget_cached_pages();
        leptos::task::spawn_local(super::push::disable());
        leptos::task::spawn_local(async {
            if let Err(e) = super::store::clear_all().await {
                leptos::logging::warn!("device storage: not emptied at sign-out: {e:?}");
            }
        });
    }
}

/// Asks the browser for notifications on this device; `done` hears how it went.
pub fn enable_push(done: impl FnOnce(PushResult) + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move { done(super::push::enable().await) });
    #[cfg(not(feature = "hydrate"))]
    let _ = done;
}

/// Safari (also on iPhone) deletes a site's stored data after seven days without a visit,
/// unless the app is installed to the home screen.
pub fn safari_not_installed() -> bool {
    #[cfg(feature = "hydrate")]
    return super::storage::is_safari_not_installed();
    #[cfg(not(feature = "hydrate"))]
    false
}
