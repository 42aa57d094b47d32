//! Management's response on a card: comments and instructions, and the director's
//! acknowledgement. Only what management chose to share reaches the account's other people.

use crate::domain::clock::{PersonRef, StatusMark};
use crate::domain::dates::YearMonth;
use crate::domain::people::{Role, Viewer};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const MAX_COMMENT_CHARS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardComment {
    pub id: Uuid,
    pub period: YearMonth,
    /// The card version the comment was written on.
    pub version: u32,
    pub author: PersonRef,
    pub text: String,
    /// An instruction the director must follow (and acknowledge), not just a remark.
    pub instruction: bool,
    /// Shared with everyone who sees the account; otherwise management and the director only.
    pub shared: bool,
    pub written_on: chrono::NaiveDate,
    pub acknowledged: Option<StatusMark>,
}

/// Whether the viewer reads every comment of the account's cards, or only the shared ones.
pub fn sees_all_comments(viewer: &Viewer, is_account_director: bool) -> bool {
    matches!(viewer.role, Role::Admin | Role::Management) || is_account_director
}

/// The comments this viewer may read.
pub fn visible(comments: Vec<CardComment>, viewer: &Viewer, is_account_director: bool) -> Vec<CardComment> {
    let all = sees_all_comments(viewer, is_account_director);
    comments.into_iter().filter(|c| all || c.shared).collect()
}

/// The instructions that stand now: those on the latest card (`latest`, from
/// `card::latest`). An instruction on an older month's card was for that month.
pub fn standing_instructions(comments: Vec<CardComment>, latest: Option<YearMonth>) -> Vec<CardComment> {
    comments
        .into_iter()
        .filter(|c| c.instruction && Some(c.period) == latest)
        .collect()
}

pub fn validate_comment(text: &str) -> Result<(), &'static str> {
    let len = text.trim().chars().count();
    if len == 0 {
        Err("comment_empty")
    } else if len > MAX_COMMENT_CHARS {
        Err("comment_too_long")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::PersonId;

    fn comment(shared: bool) -> CardComment {
        CardComment {
            id: Uuid::now_v7(),
            period: YearMonth {
                year: 2026,
                month: 11,
            },
            version: 1,
            author: PersonRef {
                id: PersonId(9),
                name: "Johtoryhmä".into(),
            },
            text: "Korjaussuunnitelma joulukuun kokoukseen.".into(),
            instruction: true,
            shared,
            written_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            acknowledged: None,
        }
    }

    #[test]
    fn a_supervisor_reads_only_shared_comments_the_director_and_management_all() {
        let who = |role| Viewer {
            id: PersonId(1),
            role,
            region_id: None,
        };
        let both = vec![comment(false), comment(true)];
        assert_eq!(visible(both.clone(), &who(Role::Supervisor), false).len(), 1);
        assert_eq!(visible(both.clone(), &who(Role::AccountDirector), true).len(), 2);
        assert_eq!(visible(both.clone(), &who(Role::AccountDirector), false).len(), 1);
        assert_eq!(visible(both, &who(Role::Management), false).len(), 2);
        assert_eq!(validate_comment("  "), Err("comment_empty"));
    }

    #[test]
    fn only_instructions_on_the_latest_card_stand() {
        let november = YearMonth {
            year: 2026,
            month: 11,
        };
        let october = YearMonth {
            year: 2026,
            month: 10,
        };
        let remark = CardComment {
            instruction: false,
            ..comment(true)
        };
        let older = CardComment {
            period: october,
            ..comment(true)
        };
        let standing = comment(true);
        let all = vec![remark, older, standing.clone()];
        assert_eq!(standing_instructions(all.clone(), Some(november)), vec![standing]);
        assert_eq!(standing_instructions(all.clone(), Some(october)).len(), 1);
        assert!(standing_instructions(all, None).is_empty());
    }
}
