//! What an account's channel page shows, and how a device shows its own queued writes on it
//! before the server has them.

use super::acks::AckTally;
use super::ops::ChannelAction;
use super::post::{Post, PostKind};
use crate::domain::clock::PersonRef;
use crate::domain::ids::AccountId;
use crate::domain::sync::{Change, Op};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many of the latest posts a channel page (and the device's copy) holds; older ones are
/// found by search.
pub const LATEST_POSTS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelView {
    pub account_id: AccountId,
    pub account_name: String,
    /// The latest posts, newest first (answers included).
    pub posts: Vec<Post>,
    /// The channel's members, for @mentions.
    pub members: Vec<PersonRef>,
    pub me: PersonRef,
    /// The reader may send bulletins here.
    pub may_bulletin: bool,
    /// The reader may mark questions answered and see every bulletin's acknowledgements.
    pub may_moderate: bool,
    /// Acknowledgements of the urgent bulletins the reader may follow.
    pub tallies: Vec<(Uuid, AckTally)>,
    /// The change-log position this copy is current to: of two copies on a device the later one
    /// is kept (a page served from the offline cache is older than what the last sync stored),
    /// and changes after it reach the copy by the one cursor pull (`PostChange`).
    #[serde(default)]
    pub sync_cursor: i64,
}

/// One post as the reader sees it now, carried by the cursor pull when it was written,
/// acknowledged or marked answered; with its acknowledgements when the reader follows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostChange {
    pub post: Post,
    pub tally: Option<AckTally>,
}

/// A bulletin or question with its answers, oldest answer first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub post: Post,
    pub answers: Vec<Post>,
}

impl ChannelView {
    /// Urgent bulletins still asking for acknowledgement, newest first (pinned on top).
    pub fn active_urgent(&self) -> Vec<Post> {
        self.posts.iter().filter(|p| p.asks_ack()).cloned().collect()
    }

    /// The posts as threads, newest thread first. An answer whose question is older than the
    /// latest posts is shown on its own.
    pub fn threads(&self) -> Vec<Thread> {
        let mut threads: Vec<Thread> = self
            .posts
            .iter()
            .filter(|p| p.kind != PostKind::Answer || !self.posts.iter().any(|q| Some(q.id) == p.question_id))
            .map(|p| Thread {
                post: p.clone(),
                answers: Vec::new(),
            })
            .collect();
        for answer in self.posts.iter().filter(|p| p.kind == PostKind::Answer) {
            if let Some(t) = threads.iter_mut().find(|t| Some(t.post.id) == answer.question_id) {
                t.answers.push(answer.clone());
            }
        }
        for t in &mut threads {
            t.answers.sort_by_key(|a| a.at);
        }
        threads.sort_by_key(|t| std::cmp::Reverse(t.post.at));
        threads
    }

    /// Takes a pulled change into the copy: the post replaces its older state (or joins, newest
    /// first), the copy keeps the latest `LATEST_POSTS`, and the tally follows the post's.
    pub fn take(&mut self, change: &PostChange) {
        let post = &change.post;
        if post.account_id != self.account_id {
            return;
        }
        self.posts.retain(|p| p.id != post.id);
        let at = self.posts.partition_point(|p| (p.at, p.id) > (post.at, post.id));
        self.posts.insert(at, post.clone());
        self.posts.truncate(LATEST_POSTS);
        self.tallies.retain(|(id, _)| *id != post.id);
        if let Some(tally) = &change.tally {
            if self.posts.iter().any(|p| p.id == post.id) {
                self.tallies.push((post.id, tally.clone()));
            }
        }
        let kept: Vec<Uuid> = self.posts.iter().map(|p| p.id).collect();
        self.tallies.retain(|(id, _)| kept.contains(id));
    }

    pub fn tally(&self, post: Uuid) -> Option<&AckTally> {
        self.tallies.iter().find(|(id, _)| *id == post).map(|(_, t)| t)
    }

    /// Shows a queued write at once, as the server will store it (the server checks it again).
    /// Any other kind of operation, or another account's, leaves the view as it is.
    pub fn apply_local(&mut self, op: &Op, now: NaiveDateTime) {
        let Change::Channel { action } = &op.change else {
            return;
        };
        if op.account_id != self.account_id {
            return;
        }
        match action {
            ChannelAction::Post { post } => {
                if self.posts.iter().any(|p| p.id == post.id) {
                    return;
                }
                let mentions = super::mentions::mentioned(&post.body, &self.members)
                    .into_iter()
                    .filter_map(|id| self.members.iter().find(|m| m.id == id).cloned())
                    .collect();
                self.posts.insert(
                    0,
                    Post {
                        id: post.id,
                        account_id: self.account_id,
                        author: self.me.clone(),
                        kind: post.kind,
                        urgency: post.urgency,
                        question_id: post.question_id,
                        body: post.body.trim().to_string(),
                        at: now,
                        answered: false,
                        closed: false,
                        mentions,
                        acknowledged: false,
                    },
                );
            }
            ChannelAction::Acknowledge { post_id } => {
                if let Some(p) = self.posts.iter_mut().find(|p| p.id == *post_id) {
                    p.acknowledged = true;
                }
            }
            ChannelAction::MarkAnswered { question_id } => {
                if let Some(p) = self.posts.iter_mut().find(|p| p.id == *question_id) {
                    p.answered = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channel::post::{NewPost, Urgency};
    use crate::domain::ids::PersonId;

    fn at(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn view() -> ChannelView {
        ChannelView {
            account_id: AccountId(1),
            account_name: "Alma".into(),
            posts: vec![],
            members: vec![PersonRef {
                id: PersonId(2),
                name: "Eeva Esimies".into(),
            }],
            me: PersonRef {
                id: PersonId(1),
                name: "Johtaja".into(),
            },
            may_bulletin: true,
            may_moderate: true,
            tallies: vec![],
            sync_cursor: 0,
        }
    }

    fn op(n: u128, action: ChannelAction) -> Op {
        Op {
            id: Uuid::from_u128(1000 + n),
            account_id: AccountId(1),
            change: Change::Channel { action },
        }
    }

    fn new(n: u128, kind: PostKind, urgency: Urgency, question: Option<u128>, body: &str) -> ChannelAction {
        ChannelAction::Post {
            post: NewPost {
                id: Uuid::from_u128(n),
                kind,
                urgency,
                question_id: question.map(Uuid::from_u128),
                body: body.into(),
                email_after_hours: None,
            },
        }
    }

    #[test]
    fn queued_writes_show_at_once_as_threads_and_pinned_urgent() {
        let mut v = view();
        v.apply_local(
            &op(
                1,
                new(1, PostKind::Question, Urgency::Normal, None, "Missä avaimet?"),
            ),
            at(8),
        );
        v.apply_local(
            &op(
                2,
                new(2, PostKind::Bulletin, Urgency::Urgent, None, "@Eeva Esimies lue"),
            ),
            at(9),
        );
        v.apply_local(
            &op(
                3,
                new(3, PostKind::Answer, Urgency::Normal, Some(1), "Vahtimestarilla"),
            ),
            at(10),
        );
        // A retry of the same post is shown once.
        v.apply_local(
            &op(
                4,
                new(3, PostKind::Answer, Urgency::Normal, Some(1), "Vahtimestarilla"),
            ),
            at(11),
        );
        v.apply_local(
            &op(
                5,
                ChannelAction::MarkAnswered {
                    question_id: Uuid::from_u128(1),
                },
            ),
            at(11),
        );
        let threads = v.threads();
        assert_eq!(threads.len(), 2);
        assert_eq!(threads[0].post.id, Uuid::from_u128(2));
        assert_eq!(threads[0].post.mentions[0].id, PersonId(2));
        assert!(threads[1].post.answered);
        assert_eq!(threads[1].answers.len(), 1);
        assert_eq!(v.active_urgent().len(), 1);
        v.apply_local(
            &op(
                6,
                ChannelAction::Acknowledge {
                    post_id: Uuid::from_u128(2),
                },
            ),
            at(12),
        );
        assert!(
            v.posts
                .iter()
                .find(|p| p.id == Uuid::from_u128(2))
                .unwrap()
                .acknowledged
        );
    }

    fn pulled(n: u128, h: u32, body: &str) -> Post {
        Post {
            id: Uuid::from_u128(n),
            account_id: AccountId(1),
            author: PersonRef {
                id: PersonId(2),
                name: "Eeva Esimies".into(),
            },
            kind: PostKind::Bulletin,
            urgency: Urgency::Urgent,
            question_id: None,
            body: body.into(),
            at: at(h),
            answered: false,
            closed: false,
            mentions: vec![],
            acknowledged: false,
        }
    }

    #[test]
    fn a_pulled_post_replaces_its_older_state_in_time_order_with_its_tally() {
        let mut v = view();
        v.take(&PostChange {
            post: pulled(1, 8, "aamu"),
            tally: None,
        });
        v.take(&PostChange {
            post: pulled(2, 10, "päivä"),
            tally: None,
        });
        // An older post arriving later still sits in time order, newest first.
        v.take(&PostChange {
            post: pulled(3, 9, "välissä"),
            tally: None,
        });
        let order: Vec<u128> = v.posts.iter().map(|p| p.id.as_u128()).collect();
        assert_eq!(order, vec![2, 3, 1]);
        // Acknowledged since: the same post comes again, once, with its tally.
        let mut acked = pulled(1, 8, "aamu");
        acked.acknowledged = true;
        let tally = AckTally {
            asked: 3,
            acknowledged: 1,
            ..AckTally::default()
        };
        v.take(&PostChange {
            post: acked,
            tally: Some(tally.clone()),
        });
        assert_eq!(v.posts.len(), 3);
        assert!(v.posts[2].acknowledged);
        assert_eq!(v.tally(Uuid::from_u128(1)), Some(&tally));
        // Another account's post never enters this copy.
        let mut elsewhere = pulled(9, 11, "muualla");
        elsewhere.account_id = AccountId(2);
        v.take(&PostChange {
            post: elsewhere,
            tally: None,
        });
        assert_eq!(v.posts.len(), 3);
    }

    #[test]
    fn the_copy_keeps_only_the_latest_posts_and_their_tallies() {
        let mut v = view();
        for n in 0..(LATEST_POSTS as u128 + 5) {
            let mut p = pulled(n + 1, 0, "x");
            p.at += chrono::Duration::minutes(n as i64);
            v.take(&PostChange {
                post: p,
                tally: (n == 0).then(AckTally::default),
            });
        }
        assert_eq!(v.posts.len(), LATEST_POSTS);
        assert_eq!(v.posts[0].id, Uuid::from_u128(LATEST_POSTS as u128 + 5));
        // The oldest post fell out, and its tally with it.
        assert!(v.tallies.is_empty());
    }
}
