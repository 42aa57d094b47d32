//! A meeting's note (issue 18, seed 000 §6.4): which meeting of the clock it belongs to (or
//! none, when it stands alone), who attended on both sides, and what was said. The KAM
//! practice reads the attendees for freshness: the last time each customer person was met
//! (issue 19), so nobody types a meeting twice. Decisions and actions come with issue 18.

use crate::domain::dates::in_window;
use crate::domain::ids::PersonId;
use crate::domain::kam::map::Met;
use crate::domain::sync::doc::{check_title, Kind, RecordKind};
use crate::domain::sync::RejectReason;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 20_000;
/// More attendees than a meeting room holds is a mistake, not a record.
pub const MAX_ATTENDEES: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingNote {
    pub title: String,
    pub held_on: NaiveDate,
    /// The clock's meeting it records, when there is one.
    #[serde(default)]
    pub meeting: Option<Uuid>,
    /// The customer's people there (the relationship map's people).
    #[serde(default)]
    pub customer_people: Vec<Uuid>,
    /// Ours there.
    #[serde(default)]
    pub ours: Vec<PersonId>,
    #[serde(default)]
    pub text: String,
}

impl MeetingNote {
    /// Who of the customer's people was met, and when: what freshness reads.
    pub fn met(&self) -> Met {
        Met {
            on: self.held_on,
            customer_people: self.customer_people.clone(),
        }
    }
}

impl Kind for MeetingNote {
    const KIND: RecordKind = RecordKind::MeetingNote;
    const FIELDS: &'static [&'static str] =
        &["title", "held_on", "meeting", "customer_people", "ours", "text"];

    fn check(&self) -> Result<(), RejectReason> {
        let invalid = |key: &str| Err(RejectReason::Invalid(key.into()));
        check_title(&self.title, MAX_TITLE_CHARS)?;
        if !in_window(self.held_on) {
            return invalid("date_out_of_range");
        }
        if self.customer_people.len() + self.ours.len() > MAX_ATTENDEES {
            return invalid("too_many_attendees");
        }
        if self.text.chars().count() > MAX_TEXT_CHARS {
            return invalid("text_too_long");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::AccountId;
    use crate::domain::sync::doc::{normalized, Doc};

    fn note() -> MeetingNote {
        MeetingNote {
            title: "Asiakastapaaminen".into(),
            held_on: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            meeting: None,
            customer_people: vec![Uuid::from_u128(1)],
            ours: vec![PersonId(2)],
            text: "Sovittiin ikkunanpesun aikataulu.".into(),
        }
    }

    #[test]
    fn a_note_keeps_its_rules_and_says_who_was_met() {
        let doc = |n: &MeetingNote| normalized(&Doc::new(Uuid::nil(), AccountId(1), n)).map(|_| ());
        assert_eq!(doc(&note()), Ok(()));
        assert_eq!(note().met().customer_people, vec![Uuid::from_u128(1)]);
        let invalid = |k: &str| Err(RejectReason::Invalid(k.into()));
        let crowded = MeetingNote {
            customer_people: (0..=MAX_ATTENDEES as u128).map(Uuid::from_u128).collect(),
            ..note()
        };
        assert_eq!(doc(&crowded), invalid("too_many_attendees"));
        let long = MeetingNote {
            text: "a".repeat(MAX_TEXT_CHARS + 1),
            ..note()
        };
        assert_eq!(doc(&long), invalid("text_too_long"));
    }
}
