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

/// A text as it may go into a calendar feed: line breaks become one `\n` (which the iCalendar
/// writer escapes), every other control character a space. A raw CR in a title would otherwise
/// end the line and let the title write its own properties into the feed.
pub fn feed_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\n' => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::feed_text;

    #[test]
    fn control_characters_never_reach_a_calendar_feed() {
        assert_eq!(feed_text("Palaveri\rATTENDEE:x"), "Palaveri ATTENDEE:x");
        assert_eq!(feed_text("a\r\nb\nc"), "a\nb\nc");
        assert_eq!(feed_text("tab\there\u{7}\u{1b}"), "tab here  ");
        assert_eq!(feed_text("Äänestys – ok"), "Äänestys – ok");
    }
}
