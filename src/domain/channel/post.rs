//! Posts of an account's channel: bulletins (normal, important, urgent), questions and their
//! answers, and who may write which.

use crate::domain::clock::PersonRef;
use crate::domain::ids::AccountId;
use crate::domain::people::Role;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The longest post (a bulletin is read on a phone: a few paragraphs at most).
pub const MAX_POST_CHARS: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostKind {
    Bulletin,
    Question,
    Answer,
}

impl PostKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Bulletin => "bulletin",
            PostKind::Question => "question",
            PostKind::Answer => "answer",
        }
    }

    pub fn parse(s: &str) -> Option<PostKind> {
        [PostKind::Bulletin, PostKind::Question, PostKind::Answer]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// How a bulletin is to be read (the source's etiquette): for information, answer as you would
/// an email, or react now and acknowledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Normal,
    Important,
    Urgent,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Urgency::Normal, Urgency::Important, Urgency::Urgent];

    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Normal => "normal",
            Urgency::Important => "important",
            Urgency::Urgent => "urgent",
        }
    }

    pub fn parse(s: &str) -> Option<Urgency> {
        Urgency::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// What a device sends to post: the id is made on the device, so a post written offline and
/// sent twice is stored once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPost {
    pub id: Uuid,
    pub kind: PostKind,
    pub urgency: Urgency,
    /// The question an answer answers.
    pub question_id: Option<Uuid>,
    pub body: String,
    /// Urgent bulletins: e-mail those who have not acknowledged after this many hours (one of
    /// `email::EMAIL_AFTER_HOURS`; the default when not chosen). Absent in older devices' posts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_after_hours: Option<u8>,
}

impl NewPost {
    /// Minutes after posting when those who have not acknowledged are e-mailed: urgent
    /// bulletins only (the writer's choice, or the default).
    pub fn email_after_minutes(&self) -> Option<i64> {
        (self.kind == PostKind::Bulletin && self.urgency == Urgency::Urgent)
            .then(|| super::email::email_after_minutes(self.email_after_hours).ok())
            .flatten()
    }

    /// The text's own rules, whoever writes it: not empty, not over the limit.
    pub fn check_body(&self) -> Result<(), &'static str> {
        let body = self.body.trim();
        if body.is_empty() {
            return Err("post_empty");
        }
        if body.chars().count() > MAX_POST_CHARS {
            return Err("post_too_long");
        }
        Ok(())
    }
}

/// A post as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: Uuid,
    pub account_id: AccountId,
    pub author: PersonRef,
    pub kind: PostKind,
    pub urgency: Urgency,
    pub question_id: Option<Uuid>,
    pub body: String,
    /// Finnish wall-clock time of posting.
    pub at: NaiveDateTime,
    /// A question someone marked answered.
    pub answered: bool,
    /// An urgent bulletin its author closed: it no longer asks for acknowledgements.
    pub closed: bool,
    pub mentions: Vec<PersonRef>,
    /// The reader has acknowledged this (urgent bulletins).
    pub acknowledged: bool,
}

/// Where a post is read: its account's channel, scrolled to it (push notifications, e-mails and
/// the inbox all link here).
pub fn post_path(account: AccountId, post: Uuid) -> String {
    format!("/asiakkuus/{}/kanava#p-{}", account.0, post)
}

impl Post {
    /// An urgent bulletin still asking its readers to acknowledge.
    pub fn asks_ack(&self) -> bool {
        self.kind == PostKind::Bulletin && self.urgency == Urgency::Urgent && !self.closed
    }
}

/// Whether the writer may send this post: bulletins come from the account's director, the
/// management team or an admin; questions and answers from any member. Only bulletins carry an
/// urgency, and an answer must name its question.
pub fn may_post(role: Role, directs_account: bool, post: &NewPost) -> Result<(), &'static str> {
    post.check_body()?;
    if post.email_after_hours.is_some() {
        super::email::email_after_minutes(post.email_after_hours)?;
    }
    match post.kind {
        PostKind::Bulletin if !may_bulletin(role, directs_account) => Err("bulletin_not_allowed"),
        PostKind::Question | PostKind::Answer if post.urgency != Urgency::Normal => {
            Err("urgency_only_for_bulletins")
        }
        PostKind::Answer if post.question_id.is_none() => Err("answer_without_question"),
        PostKind::Bulletin | PostKind::Question if post.question_id.is_some() => {
            Err("question_for_non_answer")
        }
        _ => Ok(()),
    }
}

/// Who sends bulletins to an account's channel: its director, the management team, admins.
pub fn may_bulletin(role: Role, directs_account: bool) -> bool {
    directs_account || matches!(role, Role::Management | Role::Admin)
}

/// Who may mark a question answered or close an urgent bulletin: its author, the account's
/// director, management and admins.
pub fn may_moderate(role: Role, directs_account: bool, is_author: bool) -> bool {
    is_author || directs_account || matches!(role, Role::Management | Role::Admin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(kind: PostKind, urgency: Urgency) -> NewPost {
        NewPost {
            id: Uuid::nil(),
            kind,
            urgency,
            question_id: (kind == PostKind::Answer).then(Uuid::nil),
            body: "Avaimet vaihtuvat maanantaina".into(),
            email_after_hours: None,
        }
    }

    #[test]
    fn only_the_director_and_management_send_bulletins_and_anyone_asks() {
        let urgent = post(PostKind::Bulletin, Urgency::Urgent);
        assert_eq!(may_post(Role::AccountDirector, true, &urgent), Ok(()));
        assert_eq!(may_post(Role::Management, false, &urgent), Ok(()));
        assert_eq!(
            may_post(Role::AccountDirector, false, &urgent),
            Err("bulletin_not_allowed")
        );
        assert_eq!(
            may_post(Role::Supervisor, false, &urgent),
            Err("bulletin_not_allowed")
        );
        let question = post(PostKind::Question, Urgency::Normal);
        assert_eq!(may_post(Role::Supervisor, false, &question), Ok(()));
        assert_eq!(
            may_post(
                Role::Supervisor,
                false,
                &post(PostKind::Question, Urgency::Urgent)
            ),
            Err("urgency_only_for_bulletins")
        );
        assert_eq!(
            may_post(Role::Sales, false, &post(PostKind::Answer, Urgency::Normal)),
            Ok(())
        );
    }

    #[test]
    fn empty_oversize_and_orphan_posts_are_refused() {
        let mut p = post(PostKind::Question, Urgency::Normal);
        p.body = "  \n ".into();
        assert_eq!(may_post(Role::Supervisor, false, &p), Err("post_empty"));
        p.body = "ä".repeat(MAX_POST_CHARS);
        assert_eq!(may_post(Role::Supervisor, false, &p), Ok(()));
        p.body.push('ä');
        assert_eq!(may_post(Role::Supervisor, false, &p), Err("post_too_long"));
        let mut answer = post(PostKind::Answer, Urgency::Normal);
        answer.question_id = None;
        assert_eq!(
            may_post(Role::Supervisor, false, &answer),
            Err("answer_without_question")
        );
    }

    #[test]
    fn authors_directors_and_management_moderate() {
        assert!(may_moderate(Role::Supervisor, false, true));
        assert!(may_moderate(Role::AccountDirector, true, false));
        assert!(may_moderate(Role::Management, false, false));
        assert!(!may_moderate(Role::Supervisor, false, false));
        assert!(!may_moderate(Role::AccountDirector, false, false));
    }
}
