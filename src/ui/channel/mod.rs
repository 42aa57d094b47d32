//! The account channel (/asiakkuus/:id/kanava) and the person's own inbox (/saapuneet):
//! bulletins, questions and answers, acknowledgements — readable and writable offline.

mod compose;
mod inbox;
mod page;
mod thread;
mod urgent;

pub use inbox::{InboxLink, InboxPage};
pub use page::ChannelPage;

use crate::domain::channel::ops::ChannelAction;
use crate::domain::ids::AccountId;
use crate::domain::sync::{Change, Op};
use crate::offline::state::SyncState;
use leptos::prelude::*;

/// The device's local time now, for showing a write before the server has it.
pub(crate) fn now_local() -> chrono::NaiveDateTime {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new_0();
        chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .and_then(|day| day.and_hms_opt(d.get_hours(), d.get_minutes(), d.get_seconds()))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    chrono::Local::now().naive_local()
}

/// Saves a channel write in the device's one outbox (sent by the sync engine with every other
/// edit); `saved` is told the operation's id once the device keeps it, `None` if it could not.
pub(crate) fn queue(
    sync: SyncState,
    account: AccountId,
    action: ChannelAction,
    saved: impl Fn(Option<uuid::Uuid>) + 'static,
) {
    let op = Op {
        id: uuid::Uuid::now_v7(),
        account_id: account,
        change: Change::Channel { action },
    };
    let id = op.id;
    crate::offline::outbox::save_ops_then(sync, vec![op], move |ok| saved(ok.then_some(id)));
}

/// The channel writes waiting in the outbox, with the post each one is about.
pub(crate) fn waiting_writes(sync: SyncState) -> Vec<(Op, ChannelAction)> {
    sync.outbox.with(|ops| {
        ops.iter()
            .filter_map(|op| match &op.change {
                Change::Channel { action } => Some((op.clone(), action.clone())),
                _ => None,
            })
            .collect()
    })
}
