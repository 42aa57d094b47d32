//! A deal won or lost with an account (issue 19): the meeting-to-deal forecast counts the won
//! ones per year against the customer meetings the clock holds. A document kind of the one
//! offline engine (`sync::doc`), so a director logs a deal on a phone like any other record.

use crate::domain::sync::doc::{check_title, Kind, RecordKind};
use crate::domain::sync::ops::check_date;
use crate::domain::sync::RejectReason;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const MAX_TITLE_CHARS: usize = 200;
/// More linked meetings than a year could hold is a mistake, not a record.
pub const MAX_LINKED_MEETINGS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    pub title: String,
    /// The day it was won or lost.
    pub decided_on: NaiveDate,
    pub won: bool,
    /// What it is worth a year, in whole euros.
    #[serde(default)]
    pub value_eur: Option<u64>,
    /// The clock's meetings that led to it.
    #[serde(default)]
    pub meetings: Vec<Uuid>,
}

impl Kind for Deal {
    const KIND: RecordKind = RecordKind::Deal;
    const FIELDS: &'static [&'static str] = &["title", "decided_on", "won", "value_eur", "meetings"];

    fn check(&self) -> Result<(), RejectReason> {
        let invalid = |key: &str| Err(RejectReason::Invalid(key.into()));
        check_title(&self.title, MAX_TITLE_CHARS)?;
        check_date(self.decided_on)?;
        if self.meetings.len() > MAX_LINKED_MEETINGS {
            return invalid("too_many_meetings");
        }
        Ok(())
    }
    // Deal values are read by everyone who reads the account's quality card (its figures are
    // money too): `readable_by` keeps the default.
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::AccountId;
    use crate::domain::sync::doc::{normalized, Doc};

    fn deal() -> Deal {
        Deal {
            title: "Ikkunanpesu, kaikki kohteet".into(),
            decided_on: NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            won: true,
            value_eur: Some(42_000),
            meetings: vec![Uuid::from_u128(1)],
        }
    }

    #[test]
    fn a_deal_keeps_its_rules() {
        let doc = |d: &Deal| normalized(&Doc::new(Uuid::nil(), AccountId(1), d));
        assert!(doc(&deal()).is_ok());
        let invalid = |k: &str| Err(RejectReason::Invalid(k.into()));
        let untitled = Deal {
            title: "  ".into(),
            ..deal()
        };
        assert_eq!(doc(&untitled).map(|_| ()), invalid("title_missing"));
        let too_many = Deal {
            meetings: (0..=MAX_LINKED_MEETINGS as u128).map(Uuid::from_u128).collect(),
            ..deal()
        };
        assert_eq!(doc(&too_many).map(|_| ()), invalid("too_many_meetings"));
        let ancient = Deal {
            decided_on: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
            ..deal()
        };
        assert_eq!(doc(&ancient).map(|_| ()), invalid("date_out_of_range"));
    }
}
