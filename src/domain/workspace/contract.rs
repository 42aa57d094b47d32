//! A contract of an account: its dates, value, scope and a link to the document. The current
//! one is read from the dates; the notice deadline follows from the end and the notice period.

use crate::domain::access::reads_contract_terms;
use crate::domain::dates::in_window;
use crate::domain::people::Role;
use crate::domain::sync::doc::{check_title, Kind, RecordKind};
use crate::domain::sync::RejectReason;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SCOPE_CHARS: usize = 4000;
pub const MAX_LINK_CHARS: usize = 500;
pub const MAX_NOTICE_MONTHS: u32 = 36;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub title: String,
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
    pub starts_on: NaiveDate,
    /// None: in force until further notice.
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    #[serde(default)]
    pub notice_months: Option<u32>,
    /// What the contract is worth a year, in whole euros.
    #[serde(default)]
    pub annual_value_eur: Option<u64>,
    #[serde(default)]
    pub scope: String,
    /// Where the signed document is (the document system's address).
    #[serde(default)]
    pub document_url: String,
}

impl Kind for Contract {
    const KIND: RecordKind = RecordKind::Contract;
    const FIELDS: &'static [&'static str] = &[
        "title",
        "signed_on",
        "starts_on",
        "ends_on",
        "notice_months",
        "annual_value_eur",
        "scope",
        "document_url",
    ];

    fn check(&self) -> Result<(), RejectReason> {
        let invalid = |key: &str| Err(RejectReason::Invalid(key.into()));
        check_title(&self.title, MAX_TITLE_CHARS)?;
        if self.scope.chars().count() > MAX_SCOPE_CHARS {
            return invalid("text_too_long");
        }
        let dates = [Some(self.starts_on), self.signed_on, self.ends_on];
        if !dates.into_iter().flatten().all(in_window) {
            return invalid("date_out_of_range");
        }
        if self.ends_on.is_some_and(|end| end < self.starts_on) {
            return invalid("ends_before_start");
        }
        if self.notice_months.is_some_and(|m| m > MAX_NOTICE_MONTHS) {
            return invalid("notice_too_long");
        }
        if !link_is_safe(&self.document_url) {
            return invalid("bad_link");
        }
        Ok(())
    }

    /// Contract terms are business: not for a site's supervisor or sales.
    fn readable_by(role: Role) -> bool {
        reads_contract_terms(role)
    }
}

/// A document link opens in the browser: only web addresses, never `javascript:` and the like.
fn link_is_safe(url: &str) -> bool {
    url.is_empty()
        || (url.chars().count() <= MAX_LINK_CHARS
            && (url.starts_with("https://") || url.starts_with("http://"))
            && !url.chars().any(char::is_whitespace))
}

impl Contract {
    /// In force on `day`: started, and not ended.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && self.ends_on.is_none_or(|end| day <= end)
    }

    /// The last day notice can be given so that the contract ends on its end date.
    pub fn notice_deadline(&self) -> Option<NaiveDate> {
        let months = self.notice_months?;
        self.ends_on?.checked_sub_months(Months::new(months))
    }
}

/// The contract in force on `day`: of several, the one started last.
pub fn current<Id>(contracts: &[(Id, Contract)], day: NaiveDate) -> Option<&(Id, Contract)> {
    contracts
        .iter()
        .filter(|(_, c)| c.in_force(day))
        .max_by_key(|(_, c)| c.starts_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::AccountId;
    use crate::domain::sync::doc::{normalized, Doc};

    fn date(d: u32, m: u32, y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn contract(starts: NaiveDate, ends: Option<NaiveDate>) -> Contract {
        Contract {
            title: "Siivouspalvelut".into(),
            signed_on: None,
            starts_on: starts,
            ends_on: ends,
            notice_months: Some(6),
            annual_value_eur: Some(480_000),
            scope: String::new(),
            document_url: String::new(),
        }
    }

    #[test]
    fn the_current_contract_is_the_latest_started_in_force_and_notice_runs_back_from_the_end() {
        let old = contract(date(1, 1, 2022), Some(date(31, 12, 2024)));
        let now = contract(date(1, 1, 2025), Some(date(31, 12, 2027)));
        let list = vec![(1, old), (2, now.clone())];
        assert_eq!(current(&list, date(30, 11, 2026)).map(|c| c.0), Some(2));
        assert_eq!(current(&list, date(31, 12, 2024)).map(|c| c.0), Some(1));
        assert_eq!(current(&list, date(1, 1, 2028)).map(|c| c.0), None);
        assert_eq!(now.notice_deadline(), Some(date(30, 6, 2027)));
        assert_eq!(contract(date(1, 1, 2025), None).notice_deadline(), None);
    }

    #[test]
    fn a_contract_keeps_its_rules_and_a_body_that_does_not_read_is_refused() {
        let ok = contract(date(1, 1, 2025), Some(date(31, 12, 2027)));
        let doc = |c: &Contract| normalized(&Doc::new(uuid::Uuid::nil(), AccountId(1), c));
        assert!(doc(&ok).is_ok());
        let refused = |c: Contract| doc(&c).err().map(|r| format!("{r:?}"));
        let invalid = |k: &str| Some(format!("{:?}", RejectReason::Invalid(k.into())));
        assert_eq!(
            refused(Contract {
                title: " ".into(),
                ..ok.clone()
            }),
            invalid("title_missing")
        );
        assert_eq!(
            refused(contract(date(1, 1, 2025), Some(date(1, 1, 2024)))),
            invalid("ends_before_start")
        );
        assert_eq!(
            refused(Contract {
                document_url: "javascript:alert(1)".into(),
                ..ok.clone()
            }),
            invalid("bad_link")
        );
        assert_eq!(
            refused(Contract {
                scope: "x".repeat(MAX_SCOPE_CHARS + 1),
                ..ok.clone()
            }),
            invalid("text_too_long")
        );
        let mut wrong_type = Doc::new(uuid::Uuid::nil(), AccountId(1), &ok);
        wrong_type.body.insert("starts_on".into(), serde_json::json!(42));
        assert_eq!(
            normalized(&wrong_type),
            Err(RejectReason::Invalid("bad_value".into()))
        );
        // Fields the kind does not have are not stored.
        let mut extra = Doc::new(uuid::Uuid::nil(), AccountId(1), &ok);
        extra.body.insert("html".into(), serde_json::json!("<script>"));
        assert!(!normalized(&extra).unwrap().body.contains_key("html"));
        assert!(!Contract::readable_by(Role::Supervisor) && !Contract::readable_by(Role::Sales));
    }
}
