//! Narrowing the clock: by type, by status (overdue counts as a status here, because that is
//! what a director looks for), and by a person's or site's name.

use super::{ClockEvent, EventKind, EventStatus};
use crate::domain::collation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusFilter {
    Is(EventStatus),
    Overdue,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockFilter {
    pub kind: Option<EventKind>,
    pub status: Option<StatusFilter>,
    /// Words that must all be found in the responsible person's or the site's name.
    pub who: String,
}

impl ClockFilter {
    pub fn is_empty(&self) -> bool {
        self.kind.is_none() && self.status.is_none() && self.who.trim().is_empty()
    }

    pub fn matches(&self, e: &ClockEvent, today: NaiveDate) -> bool {
        if self.kind.is_some_and(|k| k != e.kind) {
            return false;
        }
        match self.status {
            Some(StatusFilter::Is(s)) if e.status != s => return false,
            Some(StatusFilter::Overdue) if !e.is_overdue(today) => return false,
            _ => {}
        }
        if self.who.trim().is_empty() {
            return true;
        }
        let person = e.responsible.as_ref().map(|p| p.name.as_str()).unwrap_or("");
        let site = e.site.as_ref().map(|s| s.name.as_str()).unwrap_or("");
        collation::matches_query(&self.who, &[person, site])
    }

    pub fn apply(&self, events: &[ClockEvent], today: NaiveDate) -> Vec<ClockEvent> {
        events
            .iter()
            .filter(|e| self.matches(e, today))
            .cloned()
            .collect()
    }
}

/// The people and sites named in these events, once each, in Finnish order: the choices a
/// phone offers for the "person or site" filter, so nobody has to type a name.
pub fn who_choices(events: &[ClockEvent]) -> Vec<String> {
    let mut names: Vec<String> = events
        .iter()
        .flat_map(|e| {
            let person = e.responsible.as_ref().map(|p| p.name.clone());
            let site = e.site.as_ref().map(|s| s.name.clone());
            person.into_iter().chain(site)
        })
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    names.sort_by(|a, b| collation::compare(a, b));
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::{PersonRef, SiteRef};
    use crate::domain::ids::{AccountId, PersonId, SiteId};
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn event(
        kind: EventKind,
        on: NaiveDate,
        status: EventStatus,
        site: Option<&str>,
        person: Option<&str>,
    ) -> ClockEvent {
        ClockEvent {
            id: Uuid::now_v7(),
            account_id: AccountId(1),
            kind,
            title: String::new(),
            starts_on: on,
            ends_on: None,
            time: None,
            owner_role: kind.default_owner(),
            responsible: person.map(|n| PersonRef {
                id: PersonId(1),
                name: n.into(),
            }),
            site: site.map(|n| SiteRef {
                id: SiteId(1),
                name: n.into(),
            }),
            status,
            note: String::new(),
            series: None,
            status_mark: None,
        }
    }

    #[test]
    fn filters_by_type_status_overdue_and_a_person_or_site_name() {
        let today = d(2026, 11, 23);
        let events = vec![
            event(
                EventKind::QualityVisit,
                d(2026, 11, 2),
                EventStatus::Planned,
                Some("Hervannan koulu"),
                Some("Päivi Mäkelä"),
            ),
            event(
                EventKind::QualityVisit,
                d(2026, 11, 3),
                EventStatus::Done,
                Some("Kalevan uimahalli"),
                Some("Päivi Mäkelä"),
            ),
            event(
                EventKind::CustomerMeeting,
                d(2026, 11, 30),
                EventStatus::Planned,
                None,
                Some("Jukka Mäkinen"),
            ),
        ];
        let count = |f: ClockFilter| f.apply(&events, today).len();
        assert_eq!(count(ClockFilter::default()), 3);
        assert_eq!(
            count(ClockFilter {
                kind: Some(EventKind::QualityVisit),
                ..Default::default()
            }),
            2
        );
        assert_eq!(
            count(ClockFilter {
                status: Some(StatusFilter::Overdue),
                ..Default::default()
            }),
            1
        );
        assert_eq!(
            count(ClockFilter {
                status: Some(StatusFilter::Is(EventStatus::Done)),
                ..Default::default()
            }),
            1
        );
        // Any case; every word must match, in the person's or the site's name.
        assert_eq!(
            count(ClockFilter {
                who: "PÄIVI".into(),
                ..Default::default()
            }),
            2
        );
        assert_eq!(
            count(ClockFilter {
                who: "mäkelä hervanta".into(),
                ..Default::default()
            }),
            0
        );
        assert_eq!(
            count(ClockFilter {
                who: "hervannan".into(),
                ..Default::default()
            }),
            1
        );
        // The pick-list: every person and site once, Ä after Z as Finns sort.
        assert_eq!(
            who_choices(&events),
            vec![
                "Hervannan koulu",
                "Jukka Mäkinen",
                "Kalevan uimahalli",
                "Päivi Mäkelä"
            ]
        );
    }
}
