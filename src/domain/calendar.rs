//! Calendar subscriptions as the person managing them sees them.

use crate::domain::ids::AccountId;
use serde::{Deserialize, Serialize};

/// One iCalendar subscription: its secret token (the URL is `/kalenteri/{token}.ics`) and the
/// account it follows, or `None` for the person's own events across accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeed {
    pub token: String,
    pub account_id: Option<AccountId>,
}

impl CalendarFeed {
    pub fn path(&self) -> String {
        format!("/kalenteri/{}.ics", self.token)
    }
}
