//! A recurring event as it is stored: one rule, with its occurrences computed.
//!
//! Only what happened to single occurrences is stored beside the rule: an occurrence moved,
//! completed, cancelled, given a note or removed is kept as an ordinary event row whose id is
//! the occurrence's own (`occurrence_id`), and that row replaces the computed one. An id made
//! from the series, the rule's day and the site means the server and every offline device
//! name the same occurrence the same way without asking each other.

use super::recurrence::Series;
use super::{ClockEvent, EventKind, EventStatus, SiteRef};
use crate::domain::ids::{AccountId, SiteId};
use crate::domain::people::Role;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// The account of company-wide series (management-team calendar, audit season): no account
/// has id 0, and these appear in every account's wheel, read-only.
pub const COMPANY: AccountId = AccountId(0);

/// A stored recurring event of one account, or of the whole company (`COMPANY`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesDef {
    pub id: Uuid,
    pub account_id: AccountId,
    pub kind: EventKind,
    /// A title of its own; empty means "the kind's name".
    pub title: String,
    pub series: Series,
    pub time: Option<NaiveTime>,
    pub owner_role: Role,
    /// Per-site kinds: an occurrence for each of these sites on each day. Empty: one occurrence
    /// per day for the account.
    pub sites: Vec<SiteRef>,
    /// How many days each occurrence lasts: 1 for a meeting, more for a period ("audit
    /// season", a survey open for two weeks).
    #[serde(default = "one_day")]
    pub days: u32,
}

fn one_day() -> u32 {
    1
}

/// Which occurrence of which series an event is. The rule's day stays its identity when the
/// occurrence is moved to another day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeriesLink {
    pub series_id: Uuid,
    pub original: NaiveDate,
}

/// The id of one occurrence: the same on the server and on every device.
pub fn occurrence_id(series: Uuid, original: NaiveDate, site: Option<SiteId>) -> Uuid {
    let name = match site {
        Some(site) => format!("{original}/{}", site.0),
        None => original.to_string(),
    };
    Uuid::new_v5(&series, name.as_bytes())
}

impl SeriesDef {
    fn event(&self, original: NaiveDate, site: Option<&SiteRef>) -> ClockEvent {
        ClockEvent {
            id: occurrence_id(self.id, original, site.map(|s| s.id)),
            account_id: self.account_id,
            kind: self.kind,
            title: self.title.clone(),
            starts_on: original,
            ends_on: (self.days > 1).then(|| original + chrono::Duration::days(i64::from(self.days) - 1)),
            time: self.time,
            owner_role: self.owner_role,
            responsible: None,
            site: site.cloned(),
            status: EventStatus::Planned,
            note: String::new(),
            series: Some(SeriesLink {
                series_id: self.id,
                original,
            }),
            status_mark: None,
        }
    }

    /// The occurrences whose rule day falls between `from` and `to` (inclusive), as planned
    /// events: nothing of them is stored until someone changes one.
    pub fn occurrences_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<ClockEvent> {
        let dates = self.series.dates_between(from, to);
        if self.sites.is_empty() {
            return dates.into_iter().map(|d| self.event(d, None)).collect();
        }
        self.sites
            .iter()
            .flat_map(|site| dates.iter().map(move |&d| self.event(d, Some(site))))
            .collect()
    }

    /// How many occurrences the series has from its first day to `to`.
    pub fn count_until(&self, to: NaiveDate) -> usize {
        self.series.dates_between(self.series.starts_on, to).len() * self.sites.len().max(1)
    }
}

/// Whether an event may carry its link to `def`: the series is the event's own account's (never
/// another account's nor the company clock's), the linked day is one the rule gives, and the
/// event's id is the one that day and site give. Anything else would let an edit made in one
/// account replace an occurrence that other accounts show.
pub fn link_fits(def: &SeriesDef, event: &ClockEvent) -> bool {
    let Some(link) = event.series else {
        return true;
    };
    link.series_id == def.id
        && def.account_id == event.account_id
        && def.account_id != COMPANY
        && def.series.occurs_on(link.original)
        && event.id == occurrence_id(def.id, link.original, event.site.as_ref().map(|s| s.id))
}

/// What is stored for a single occurrence: its changed event, or "removed" (deleted from the
/// series on its own, so it is not computed again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Changed(Box<ClockEvent>),
    Removed,
}

/// The series' computed occurrences with the stored ones on top, by date. A moved occurrence
/// comes with its new day; the caller picks the days it shows.
pub fn with_exceptions(computed: Vec<ClockEvent>, stored: &HashMap<Uuid, Stored>) -> Vec<ClockEvent> {
    let mut out: Vec<ClockEvent> = computed
        .into_iter()
        .filter_map(|event| match stored.get(&event.id) {
            None => Some(event),
            Some(Stored::Changed(changed)) => Some((**changed).clone()),
            Some(Stored::Removed) => None,
        })
        .collect();
    out.sort_by_key(|e| (e.starts_on, e.time, e.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::recurrence::Rule;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn monthly_meeting() -> SeriesDef {
        SeriesDef {
            id: Uuid::from_u128(7),
            account_id: AccountId(1),
            kind: EventKind::CustomerMeeting,
            title: "Kuukausipalaveri".into(),
            series: Series {
                rule: Rule::Monthly { day: 15 },
                starts_on: d(2026, 1, 15),
                until: Some(d(2026, 12, 31)),
            },
            time: NaiveTime::from_hms_opt(9, 0, 0),
            owner_role: Role::AccountDirector,
            sites: Vec::new(),
            days: 1,
        }
    }

    #[test]
    fn only_an_accounts_own_computed_occurrence_may_carry_a_series_link() {
        let def = monthly_meeting();
        let own = def.occurrences_between(d(2026, 3, 1), d(2026, 3, 31)).remove(0);
        assert!(link_fits(&def, &own));
        // The same occurrence claimed from another account.
        let mut elsewhere = own.clone();
        elsewhere.account_id = AccountId(2);
        assert!(!link_fits(&def, &elsewhere));
        // A made-up id, or a day the rule does not give.
        let mut other_id = own.clone();
        other_id.id = Uuid::from_u128(99);
        assert!(!link_fits(&def, &other_id));
        let mut other_day = own.clone();
        other_day.series = Some(SeriesLink {
            series_id: def.id,
            original: d(2026, 3, 16),
        });
        other_day.id = occurrence_id(def.id, d(2026, 3, 16), None);
        assert!(!link_fits(&def, &other_day));
        // The company clock's occurrences are nobody's to create from an account.
        let mut company = def.clone();
        company.account_id = COMPANY;
        let mut claimed = company
            .occurrences_between(d(2026, 3, 1), d(2026, 3, 31))
            .remove(0);
        claimed.account_id = COMPANY;
        assert!(!link_fits(&company, &claimed));
    }

    fn in_month(events: &[ClockEvent], month: u32) -> Vec<&ClockEvent> {
        events
            .iter()
            .filter(|e| e.starts_on >= d(2026, month, 1) && e.starts_on <= d(2026, month, 28))
            .collect()
    }

    #[test]
    fn one_occurrence_moves_cancels_or_completes_without_breaking_the_series() {
        let s = monthly_meeting();
        let year = s.occurrences_between(d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(year.len(), 12);
        let feb = year[1].clone();
        let mar = year[2].clone();
        let apr = year[3].clone();
        let jun = year[5].clone();
        let mut stored = HashMap::new();
        let mut moved = feb.clone();
        moved.starts_on = d(2026, 3, 2);
        moved.note = "Asiakkaan toive".into();
        stored.insert(feb.id, Stored::Changed(Box::new(moved)));
        let mut cancelled = mar.clone();
        cancelled.status = EventStatus::Cancelled;
        stored.insert(mar.id, Stored::Changed(Box::new(cancelled)));
        let mut done = apr.clone();
        done.status = EventStatus::Done;
        stored.insert(apr.id, Stored::Changed(Box::new(done)));
        stored.insert(jun.id, Stored::Removed);
        // A stored row for an id the rule never gives is no phantom occurrence.
        stored.insert(
            occurrence_id(s.id, d(2026, 4, 16), None),
            Stored::Changed(Box::new(feb.clone())),
        );

        let shown = with_exceptions(year, &stored);
        assert_eq!(shown.len(), 11, "only the removed one is gone");
        assert!(in_month(&shown, 2).is_empty(), "February's meeting moved out");
        let march = in_month(&shown, 3);
        assert_eq!(march.len(), 2, "moved into March beside March's own");
        assert_eq!(march[0].starts_on, d(2026, 3, 2));
        assert_eq!(march[0].note, "Asiakkaan toive");
        assert_eq!(
            march[0].series.map(|l| l.original),
            Some(d(2026, 2, 15)),
            "a moved occurrence keeps its identity"
        );
        assert_eq!(march[1].status, EventStatus::Cancelled);
        assert_eq!(in_month(&shown, 4)[0].status, EventStatus::Done);
        assert!(in_month(&shown, 6).is_empty());
        assert_eq!(
            in_month(&shown, 7)[0].status,
            EventStatus::Planned,
            "the series goes on"
        );
    }

    #[test]
    fn occurrence_ids_are_the_same_everywhere_and_differ_per_day_and_site() {
        let a = occurrence_id(Uuid::from_u128(1), d(2026, 3, 15), None);
        assert_eq!(a, occurrence_id(Uuid::from_u128(1), d(2026, 3, 15), None));
        assert_ne!(a, occurrence_id(Uuid::from_u128(1), d(2026, 4, 15), None));
        assert_ne!(a, occurrence_id(Uuid::from_u128(2), d(2026, 3, 15), None));
        assert_ne!(
            occurrence_id(Uuid::from_u128(1), d(2026, 3, 15), Some(SiteId(1))),
            occurrence_id(Uuid::from_u128(1), d(2026, 3, 15), Some(SiteId(2)))
        );
    }

    #[test]
    fn a_per_site_series_gives_every_site_its_own_visits() {
        let mut s = monthly_meeting();
        s.kind = EventKind::QualityVisit;
        s.sites = (1..=100)
            .map(|i| SiteRef {
                id: SiteId(i),
                name: format!("Kohde {i}"),
            })
            .collect();
        let year = s.occurrences_between(d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(year.len(), 1200);
        assert_eq!(s.count_until(d(2026, 12, 31)), 1200);
        let ids: std::collections::HashSet<Uuid> = year.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), 1200);
        assert!(year.iter().all(|e| e.site.is_some()));
    }

    #[test]
    fn a_period_series_gives_each_occurrence_its_length() {
        let mut survey = monthly_meeting();
        survey.days = 14;
        let first = &survey.occurrences_between(d(2026, 1, 1), d(2026, 1, 31))[0];
        assert_eq!(
            (first.starts_on, first.ends_on),
            (d(2026, 1, 15), Some(d(2026, 1, 28)))
        );
        survey.days = 1;
        assert_eq!(
            survey.occurrences_between(d(2026, 1, 1), d(2026, 1, 31))[0].ends_on,
            None
        );
    }
}
