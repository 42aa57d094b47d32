//! What became of edits just saved, said truthfully: sent (the server has them), sending (saved
//! and on their way), waiting for the network (offline: saved on this phone only), or refused
//! (the notice above says why). One note for the clock, the card and the channel alike.

use crate::domain::sync::Outcome;
use crate::i18n::*;
use crate::offline::state::{use_sync, SyncState};
use leptos::prelude::*;
use uuid::Uuid;

/// Where a group of saved edits stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    Sending,
    WaitingForNetwork,
    Refused,
}

/// Reads the delivery of `ops` from the sync state (reactive).
pub fn delivery(sync: SyncState, ops: &[Uuid]) -> Delivery {
    let refused = sync.notices.with(|n| {
        n.iter()
            .any(|n| ops.contains(&n.op.id) && matches!(n.outcome, Outcome::Rejected(_)))
    });
    if refused {
        return Delivery::Refused;
    }
    let waiting = sync.outbox.with(|o| o.iter().any(|op| ops.contains(&op.id)));
    match (waiting, sync.online.get()) {
        (false, _) => Delivery::Sent,
        (true, true) => Delivery::Sending,
        (true, false) => Delivery::WaitingForNetwork,
    }
}

/// The note under a form that was just saved. `what` leads it ("4 tapahtumaa lisätty.").
#[component]
pub fn SaveNote(
    ops: Vec<Uuid>,
    #[prop(optional, into)] what: Option<String>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let state = Memo::new(move |_| delivery(sync, &ops));
    view! {
        <p class="saved-note" role="status" data-testid=testid data-delivery=move || format!("{:?}", state.get())>
            {what.map(|w| view! { <span>{w} " "</span> })}
            {move || match state.get() {
                Delivery::Sent => t_string!(i18n, save_sent),
                Delivery::Sending => t_string!(i18n, save_sending),
                Delivery::WaitingForNetwork => t_string!(i18n, save_waiting),
                Delivery::Refused => t_string!(i18n, save_refused),
            }}
        </p>
    }
}
