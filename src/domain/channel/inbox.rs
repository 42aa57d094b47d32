//! A person's own inbox across accounts: posts that mention them and urgent bulletins of their
//! accounts. Unread until opened; an urgent bulletin stays on top until acknowledged.

use super::post::Post;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InboxReason {
    /// Answer as you would an email.
    Mention,
    /// React now and acknowledge.
    Urgent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub post: Post,
    pub account_name: String,
    pub reason: InboxReason,
    pub read: bool,
}

impl InboxItem {
    pub fn needs_ack(&self) -> bool {
        self.reason == InboxReason::Urgent && self.post.asks_ack() && !self.post.acknowledged
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub items: Vec<InboxItem>,
    /// Whether the reader's mentions are e-mailed too (their choice); `None` when the server
    /// sends no e-mail.
    #[serde(default)]
    pub email_mentions: Option<bool>,
}

impl Inbox {
    /// Orders the items: urgent bulletins waiting for this person's acknowledgement first, then
    /// unread, then the rest, newest first within each. A post that both mentions the person and
    /// is urgent is listed once, as urgent.
    pub fn new(mut items: Vec<InboxItem>) -> Inbox {
        items.sort_by(|a, b| {
            (b.needs_ack(), !b.read, b.reason == InboxReason::Urgent, b.post.at).cmp(&(
                a.needs_ack(),
                !a.read,
                a.reason == InboxReason::Urgent,
                a.post.at,
            ))
        });
        let mut seen = std::collections::HashSet::new();
        items.retain(|i| seen.insert(i.post.id));
        Inbox {
            items,
            email_mentions: None,
        }
    }

    pub fn unread(&self) -> usize {
        self.items.iter().filter(|i| !i.read || i.needs_ack()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channel::post::{PostKind, Urgency};
    use crate::domain::clock::PersonRef;
    use crate::domain::ids::{AccountId, PersonId};

    fn item(n: u128, urgency: Urgency, reason: InboxReason, read: bool, acknowledged: bool) -> InboxItem {
        InboxItem {
            post: Post {
                id: uuid::Uuid::from_u128(n),
                account_id: AccountId(1),
                author: PersonRef {
                    id: PersonId(1),
                    name: "J".into(),
                },
                kind: PostKind::Bulletin,
                urgency,
                question_id: None,
                body: String::new(),
                at: chrono::NaiveDate::from_ymd_opt(2026, 11, 1)
                    .unwrap()
                    .and_hms_opt(n as u32, 0, 0)
                    .unwrap(),
                answered: false,
                closed: false,
                mentions: vec![],
                acknowledged,
            },
            account_name: "A".into(),
            reason,
            read,
        }
    }

    #[test]
    fn urgent_waiting_for_ack_comes_first_and_counts_as_unread_until_acknowledged() {
        let inbox = Inbox::new(vec![
            item(1, Urgency::Normal, InboxReason::Mention, true, false),
            item(2, Urgency::Urgent, InboxReason::Urgent, true, false),
            item(3, Urgency::Normal, InboxReason::Mention, false, false),
            item(4, Urgency::Urgent, InboxReason::Urgent, true, true),
            item(2, Urgency::Urgent, InboxReason::Mention, true, false),
        ]);
        let order: Vec<u128> = inbox.items.iter().map(|i| i.post.id.as_u128()).collect();
        assert_eq!(order, [2, 3, 4, 1]);
        assert_eq!(inbox.items[0].reason, InboxReason::Urgent);
        // The read-but-unacknowledged urgent one and the unread mention.
        assert_eq!(inbox.unread(), 2);
    }
}
