//! The account channel (/asiakkuus/:id/kanava) and the person's own inbox (/saapuneet):
//! bulletins, questions and answers, acknowledgements — readable and writable offline.

mod compose;
mod inbox;
mod page;
mod thread;
mod urgent;

pub use inbox::{InboxLink, InboxPage};
pub use page::ChannelPage;

use crate::domain::channel::ops::{ChannelAction, ChannelOp};
use crate::domain::ids::AccountId;
use crate::ui::sync::state::SyncState;

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

/// Saves a channel write on the device (sent by the sync engine); `saved` is told whether the
/// device could keep it.
pub(crate) fn queue(
    sync: SyncState,
    account: AccountId,
    action: ChannelAction,
    saved: impl Fn(Option<uuid::Uuid>) + 'static,
) {
    let op = ChannelOp {
        id: uuid::Uuid::now_v7(),
        account_id: account,
        action,
    };
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let id = op.id;
        saved(crate::offline::channel::queue(sync, op).await.ok().map(|_| id));
    });
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (sync, op);
        saved(None);
    }
}
