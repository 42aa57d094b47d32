//! A director adds an event to an account's year: once, or repeating by a rule, for the account
//! or for every site. The repetitions offered are read off the first day ("the 2nd Tuesday"),
//! so a phone form needs one date and one choice, not a rule editor.

use super::recurrence::{Rule, Series};
use super::series::SeriesDef;
use super::{ClockEvent, EventKind, SiteRef};
use crate::domain::ids::AccountId;
use crate::domain::sync::Change;
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How a new event repeats, as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    Once,
    Monthly,
    Quarterly,
    Yearly,
    /// Every N weeks on the first day's weekday.
    EveryWeeks(u32),
    /// The first day's weekday, n-th in the month ("2nd Tuesday").
    NthWeekday,
    /// The first day's weekday in the month's last week.
    LastWeek,
    /// The first day's ISO week and weekday, every year.
    IsoWeek,
}

impl Repeat {
    /// Every repeat a form offers, in the order shown.
    pub const OFFERED: [Repeat; 10] = [
        Repeat::Once,
        Repeat::Monthly,
        Repeat::Quarterly,
        Repeat::Yearly,
        Repeat::EveryWeeks(2),
        Repeat::EveryWeeks(4),
        Repeat::EveryWeeks(6),
        Repeat::NthWeekday,
        Repeat::LastWeek,
        Repeat::IsoWeek,
    ];

    /// A short text key for forms and server-function arguments: "monthly", "weeks6".
    pub fn key(self) -> String {
        match self {
            Repeat::EveryWeeks(n) => format!("weeks{n}"),
            other => format!("{other:?}").to_lowercase(),
        }
    }

    pub fn from_key(key: &str) -> Option<Repeat> {
        if let Some(n) = key.strip_prefix("weeks") {
            return n
                .parse()
                .ok()
                .filter(|n| (1..=26).contains(n))
                .map(Repeat::EveryWeeks);
        }
        Repeat::OFFERED.into_iter().find(|r| r.key() == key)
    }

    pub fn rule(self, first: NaiveDate) -> Option<Rule> {
        Some(match self {
            Repeat::Once => Rule::Dates { dates: vec![first] },
            Repeat::Monthly => Rule::Monthly { day: first.day() },
            Repeat::Quarterly => Rule::Quarterly { day: first.day() },
            Repeat::Yearly => Rule::Yearly {
                month: first.month(),
                day: first.day(),
            },
            Repeat::EveryWeeks(n) if (1..=26).contains(&n) => Rule::EveryNWeeks { weeks: n },
            Repeat::EveryWeeks(_) => return None,
            Repeat::NthWeekday => Rule::NthWeekday {
                nth: nth_in_month(first),
                weekday: first.weekday(),
            },
            Repeat::LastWeek => Rule::LastWeek {
                weekday: first.weekday(),
            },
            Repeat::IsoWeek => Rule::IsoWeek {
                week: first.iso_week().week(),
                weekday: first.weekday(),
            },
        })
    }
}

/// Which of its weekday in the month a day is: 10.3.2026 is the 2nd Tuesday.
pub fn nth_in_month(day: NaiveDate) -> u32 {
    (day.day() - 1) / 7 + 1
}

/// What the form says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEvent {
    pub account_id: AccountId,
    pub kind: EventKind,
    pub title: String,
    pub first: NaiveDate,
    pub time: Option<NaiveTime>,
    pub repeat: Repeat,
    /// For per-site kinds: one event per site, each with its own supervisor's visit.
    pub sites: Vec<SiteRef>,
}

/// Most events one "add" may make: a monthly visit to 150 sites is 1,800.
pub const MAX_NEW_EVENTS: usize = 4000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewEventError {
    /// The first day is not inside the account year shown.
    OutsideYear,
    BadRepeat,
    TitleTooLong,
    TooMany,
}

/// What one "add" makes: a one-off event (one per site for per-site kinds), or one series
/// whose occurrences are computed, however many sites and months it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    Events(Vec<ClockEvent>),
    Series(SeriesDef),
}

impl Planned {
    /// The occurrences the clock will show.
    pub fn events(&self) -> Vec<ClockEvent> {
        match self {
            Planned::Events(events) => events.clone(),
            Planned::Series(def) => def.occurrences_between(def.series.starts_on, NaiveDate::MAX),
        }
    }

    /// The edits that make it, for the outbox.
    pub fn into_changes(self) -> Vec<Change> {
        match self {
            Planned::Events(events) => events
                .into_iter()
                .map(|event| Change::CreateEvent { event })
                .collect(),
            Planned::Series(series) => vec![Change::CreateSeries { series }],
        }
    }
}

/// What to create, from the first day to the end of the account year (`last_day`).
/// Ids are made here (UUIDv7) so the same can be created offline.
pub fn plan(new: &NewEvent, first_day: NaiveDate, last_day: NaiveDate) -> Result<Planned, NewEventError> {
    if new.first < first_day || new.first > last_day {
        return Err(NewEventError::OutsideYear);
    }
    if new.title.chars().count() > crate::domain::sync::ops::MAX_TITLE_CHARS {
        return Err(NewEventError::TitleTooLong);
    }
    let rule = new.repeat.rule(new.first).ok_or(NewEventError::BadRepeat)?;
    let sites = if new.kind.is_per_site() {
        new.sites.clone()
    } else {
        Vec::new()
    };
    let def = SeriesDef {
        id: Uuid::now_v7(),
        account_id: new.account_id,
        kind: new.kind,
        title: new.title.trim().to_string(),
        series: Series {
            rule,
            starts_on: new.first,
            until: Some(last_day),
        },
        time: new.time,
        owner_role: new.kind.default_owner(),
        sites,
        days: 1,
    };
    if def.count_until(last_day) > MAX_NEW_EVENTS {
        return Err(NewEventError::TooMany);
    }
    if new.repeat != Repeat::Once {
        return Ok(Planned::Series(def));
    }
    // A one-off event is stored as itself, not as a series of one.
    Ok(Planned::Events(
        def.occurrences_between(new.first, new.first)
            .into_iter()
            .map(|event| ClockEvent {
                id: Uuid::now_v7(),
                series: None,
                ..event
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::SiteId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn new(kind: EventKind, first: NaiveDate, repeat: Repeat) -> NewEvent {
        NewEvent {
            account_id: AccountId(1),
            kind,
            title: "Neljännesvuosipalaveri".into(),
            first,
            time: NaiveTime::from_hms_opt(14, 30, 0),
            repeat,
            sites: Vec::new(),
        }
    }

    #[test]
    fn a_quarterly_customer_meeting_makes_four_meetings_in_the_year() {
        let planned = plan(
            &new(EventKind::CustomerMeeting, d(2026, 1, 15), Repeat::Quarterly),
            d(2026, 1, 1),
            d(2026, 12, 31),
        )
        .unwrap();
        assert!(matches!(planned, Planned::Series(_)), "stored as one rule");
        assert_eq!(planned.clone().into_changes().len(), 1);
        let events = planned.events();
        let days: Vec<NaiveDate> = events.iter().map(|e| e.starts_on).collect();
        assert_eq!(
            days,
            vec![d(2026, 1, 15), d(2026, 4, 15), d(2026, 7, 15), d(2026, 10, 15)]
        );
        assert!(events
            .iter()
            .all(|e| e.time == NaiveTime::from_hms_opt(14, 30, 0)));
        let ids: std::collections::HashSet<Uuid> = events.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), 4, "every occurrence has its own id");
    }

    #[test]
    fn per_site_visits_are_made_for_every_site() {
        let mut visit = new(EventKind::QualityVisit, d(2026, 9, 7), Repeat::Monthly);
        visit.sites = (1..=3)
            .map(|i| SiteRef {
                id: SiteId(i),
                name: format!("Kohde {i}"),
            })
            .collect();
        // An account year from September: September to August.
        let events = plan(&visit, d(2026, 9, 1), d(2027, 8, 31)).unwrap().events();
        assert_eq!(events.len(), 36);
        assert!(events.iter().all(|e| e.site.is_some()));
    }

    #[test]
    fn repeat_keys_round_trip_and_refuse_nonsense() {
        for r in Repeat::OFFERED.into_iter().chain([Repeat::EveryWeeks(26)]) {
            assert_eq!(Repeat::from_key(&r.key()), Some(r));
        }
        assert_eq!(Repeat::from_key("weeks0"), None);
        assert_eq!(Repeat::from_key("daily"), None);
    }

    #[test]
    fn the_repeat_is_read_off_the_first_day() {
        let tue = d(2026, 3, 10);
        assert_eq!(nth_in_month(tue), 2);
        assert_eq!(
            Repeat::NthWeekday.rule(tue),
            Some(Rule::NthWeekday {
                nth: 2,
                weekday: chrono::Weekday::Tue
            })
        );
        assert_eq!(Repeat::EveryWeeks(0).rule(tue), None);
    }

    #[test]
    fn a_first_day_outside_the_year_or_an_overlong_title_is_refused() {
        let outside = new(EventKind::Webinar, d(2027, 1, 5), Repeat::Once);
        assert_eq!(
            plan(&outside, d(2026, 1, 1), d(2026, 12, 31)),
            Err(NewEventError::OutsideYear)
        );
        let mut long = new(EventKind::Webinar, d(2026, 1, 5), Repeat::Once);
        long.title = "x".repeat(201);
        assert_eq!(
            plan(&long, d(2026, 1, 1), d(2026, 12, 31)),
            Err(NewEventError::TitleTooLong)
        );
    }
}
