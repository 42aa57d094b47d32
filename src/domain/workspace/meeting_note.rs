//! A meeting's note (issue 18, seed 000 §6.4): which meeting of the clock it belongs to (or
//! none, when it stands alone), who attended on both sides, and what was said. The KAM
//! practice reads the attendees for freshness: the last time each customer person was met
//! (issue 19), so nobody types a meeting twice. Decisions and actions come with issue 18.

use crate::domain::clock::EventStatus;
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

    /// Who was met and when, with the clock's word on the meeting the note records (`on_clock`:
    /// its day and status, when the note names a meeting the clock has). The clock is where a
    /// meeting's day is kept: the note counts on the clock's day (a note written ahead may carry
    /// the day first planned, and a meeting moved to a day still to come has not met anyone
    /// yet: freshness counts only days that have come), and a meeting the clock says was
    /// cancelled met nobody. A note of its own counts on its own day.
    pub fn met_by_clock(&self, on_clock: Option<(NaiveDate, EventStatus)>) -> Option<Met> {
        let on = match on_clock {
            Some((_, EventStatus::Cancelled)) => return None,
            Some((day, _)) => day,
            None => self.held_on,
        };
        Some(Met { on, ..self.met() })
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

    #[test]
    fn the_clock_says_when_a_noted_meeting_was_held_and_whether_it_was() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        let noted = MeetingNote {
            meeting: Some(Uuid::from_u128(9)),
            ..note()
        };
        // Moved from the 5th and held on the 12th: met on the 12th.
        let held = noted.met_by_clock(Some((day(12), EventStatus::Done))).unwrap();
        assert_eq!(
            (held.on, held.customer_people),
            (day(12), vec![Uuid::from_u128(1)])
        );
        assert_eq!(noted.met_by_clock(Some((day(5), EventStatus::Cancelled))), None);
        // Moved to the 19th and not held yet: the clock's day, which freshness counts once it
        // has come (`kam::map::last_met`).
        let moved = noted.met_by_clock(Some((day(19), EventStatus::Moved))).unwrap();
        assert_eq!(moved.on, day(19));
        // No longer on the clock: the note's own day.
        assert_eq!(noted.met_by_clock(None).unwrap().on, day(5));
    }
}
