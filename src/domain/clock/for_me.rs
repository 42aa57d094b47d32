//! "For me": what a supervisor needs first on an account's page, above the year. The visits to
//! the sites they run that are due this month or overdue (to mark done in a tap), and the
//! latest notes written at those sites or at the account's meetings: what was agreed.

use super::{ClockEvent, EventStatus};
use crate::domain::dates::YearMonth;
use crate::domain::ids::SiteId;
use chrono::NaiveDate;

/// How many recent notes the block shows: the latest agreements, not the year's history.
pub const RECENT_NOTES: usize = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForMe {
    /// Visits at my sites this month, and earlier ones still undone, by date.
    pub visits: Vec<ClockEvent>,
    /// Notes written up to today at my sites or on the account's own events, newest first.
    pub notes: Vec<ClockEvent>,
}

pub fn for_me(events: &[ClockEvent], my_sites: &[SiteId], today: NaiveDate) -> ForMe {
    let mine = |e: &ClockEvent| is_mine(e, my_sites);
    let this_month = YearMonth::of(today);
    let mut visits: Vec<ClockEvent> = events
        .iter()
        .filter(|e| mine(e))
        .filter(|e| YearMonth::of(e.starts_on) == this_month || e.is_overdue(today))
        .filter(|e| e.status != EventStatus::Cancelled)
        .cloned()
        .collect();
    visits.sort_by_key(|e| (e.starts_on, e.time));
    let mut notes: Vec<ClockEvent> = events
        .iter()
        .filter(|e| !e.note.trim().is_empty() && e.starts_on <= today)
        .filter(|e| mine(e) || e.site.is_none())
        .cloned()
        .collect();
    notes.sort_by_key(|e| std::cmp::Reverse((e.starts_on, e.time)));
    notes.truncate(RECENT_NOTES);
    ForMe { visits, notes }
}

fn is_mine(e: &ClockEvent, my_sites: &[SiteId]) -> bool {
    e.site.as_ref().is_some_and(|s| my_sites.contains(&s.id))
}

/// Whether `for_me` may show this event to a person running `my_sites`: the events a page's
/// first screen must carry for the block (`AccountDetail::first_screen`).
pub fn may_show(e: &ClockEvent, my_sites: &[SiteId]) -> bool {
    shows_any(my_sites) && (is_mine(e, my_sites) || (e.site.is_none() && !e.note.trim().is_empty()))
}

/// Whether the block shows anything at all: only to someone who runs sites. The server skips
/// reading the events for a first screen when it does not (a director's page).
pub fn shows_any(my_sites: &[SiteId]) -> bool {
    !my_sites.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::{EventKind, SiteRef};
    use crate::domain::ids::AccountId;

    fn day(d: u32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn event(on: NaiveDate, site: Option<i64>, status: EventStatus, note: &str) -> ClockEvent {
        ClockEvent {
            id: uuid::Uuid::new_v4(),
            account_id: AccountId(1),
            kind: if site.is_some() {
                EventKind::QualityVisit
            } else {
                EventKind::CustomerMeeting
            },
            title: String::new(),
            starts_on: on,
            ends_on: None,
            time: None,
            owner_role: EventKind::QualityVisit.default_owner(),
            responsible: None,
            site: site.map(|id| SiteRef {
                id: SiteId(id),
                name: format!("Kohde {id}"),
            }),
            status,
            note: note.into(),
            series: None,
            status_mark: None,
        }
    }

    #[test]
    fn visits_are_mine_this_month_or_still_undone_from_before() {
        let today = day(23, 11);
        let events = vec![
            event(day(25, 11), Some(2), EventStatus::Planned, ""),
            event(day(5, 11), Some(2), EventStatus::Done, ""),
            event(day(10, 10), Some(2), EventStatus::Planned, ""), // overdue: shown
            event(day(10, 10), Some(2), EventStatus::Done, ""),    // done last month: not
            event(day(12, 11), Some(3), EventStatus::Planned, ""), // someone else's site
            event(day(12, 12), Some(2), EventStatus::Planned, ""), // next month
            event(day(20, 11), Some(2), EventStatus::Cancelled, ""),
        ];
        let shown = for_me(&events, &[SiteId(2)], today).visits;
        let days: Vec<NaiveDate> = shown.iter().map(|e| e.starts_on).collect();
        assert_eq!(days, vec![day(10, 10), day(5, 11), day(25, 11)]);
    }

    #[test]
    fn notes_are_the_latest_agreements_at_my_sites_and_the_accounts_meetings() {
        let today = day(23, 11);
        let events = vec![
            event(day(1, 9), None, EventStatus::Done, "Sovittiin syyskuussa"),
            event(day(3, 11), None, EventStatus::Done, "Ikkunat pestään joulukuussa"),
            event(day(5, 11), Some(2), EventStatus::Done, "Avaimet vahtimestarilta"),
            event(day(6, 11), Some(3), EventStatus::Done, "Toisen kohde"),
            event(day(20, 11), Some(2), EventStatus::Done, "  "),
            event(day(1, 12), None, EventStatus::Planned, "Tulevan muistiinpano"),
            event(day(10, 10), Some(2), EventStatus::Done, "Lokakuun käynti"),
        ];
        let notes: Vec<String> = for_me(&events, &[SiteId(2)], today)
            .notes
            .into_iter()
            .map(|e| e.note)
            .collect();
        assert_eq!(
            notes,
            vec![
                "Avaimet vahtimestarilta",
                "Ikkunat pestään joulukuussa",
                "Lokakuun käynti"
            ]
        );
    }

    #[test]
    fn the_events_a_first_screen_carries_give_the_same_block() {
        let today = day(23, 11);
        let events = vec![
            event(day(25, 11), Some(2), EventStatus::Planned, ""),
            event(day(10, 10), Some(2), EventStatus::Planned, "Avain hukassa"),
            event(day(12, 11), Some(3), EventStatus::Planned, "Toisen kohde"),
            event(day(3, 11), None, EventStatus::Done, "Ikkunat pestään joulukuussa"),
            event(day(4, 11), None, EventStatus::Done, ""),
        ];
        let mine = [SiteId(2)];
        let carried: Vec<ClockEvent> = events.iter().filter(|e| may_show(e, &mine)).cloned().collect();
        assert_eq!(
            carried.len(),
            3,
            "my two visits and the account's meeting with a note"
        );
        assert_eq!(for_me(&carried, &mine, today), for_me(&events, &mine, today));
        assert!(
            events.iter().all(|e| !may_show(e, &[])),
            "someone with no sites here has no block, so nothing is carried for it"
        );
    }
}
