//! The annual clock (vuosikello): an account's recurring events of one year.
//! One-off events are stored as they are; recurring ones as rules (`series`), their
//! occurrences computed by `recurrence`.

pub mod filter;
pub mod for_me;
pub mod holidays;
pub mod my_week;
pub mod new_event;
pub mod next_year;
pub mod recurrence;
pub mod series;
pub mod template;
pub mod wheel;

use crate::domain::dates::YearMonth;
use crate::domain::ids::{AccountId, PersonId, SiteId};
use crate::domain::people::Role;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The kinds of events the sources name, each with a default owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    QualityVisit,
    SatisfactionVisit,
    CustomerMeeting,
    BirthdayMeeting,
    InternalAudit,
    UserSurvey,
    SteeringGroup,
    Report,
    Webinar,
    QuickWebinar,
    Training,
    StaffMeeting,
    AccountPresentation,
    Custom,
}

impl EventKind {
    pub const ALL: [EventKind; 14] = [
        EventKind::QualityVisit,
        EventKind::SatisfactionVisit,
        EventKind::CustomerMeeting,
        EventKind::BirthdayMeeting,
        EventKind::InternalAudit,
        EventKind::UserSurvey,
        EventKind::SteeringGroup,
        EventKind::Report,
        EventKind::Webinar,
        EventKind::QuickWebinar,
        EventKind::Training,
        EventKind::StaffMeeting,
        EventKind::AccountPresentation,
        EventKind::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::QualityVisit => "quality_visit",
            EventKind::SatisfactionVisit => "satisfaction_visit",
            EventKind::CustomerMeeting => "customer_meeting",
            EventKind::BirthdayMeeting => "birthday_meeting",
            EventKind::InternalAudit => "internal_audit",
            EventKind::UserSurvey => "user_survey",
            EventKind::SteeringGroup => "steering_group",
            EventKind::Report => "report",
            EventKind::Webinar => "webinar",
            EventKind::QuickWebinar => "quick_webinar",
            EventKind::Training => "training",
            EventKind::StaffMeeting => "staff_meeting",
            EventKind::AccountPresentation => "account_presentation",
            EventKind::Custom => "custom",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Who normally owns this kind of event (the sources: supervisors visit, the director meets).
    pub fn default_owner(self) -> Role {
        match self {
            EventKind::QualityVisit | EventKind::SatisfactionVisit => Role::Supervisor,
            EventKind::InternalAudit => Role::RegionalDirector,
            EventKind::BirthdayMeeting => Role::AccountDirector,
            _ => Role::AccountDirector,
        }
    }

    /// Events that happen once per site rather than once per account.
    pub fn is_per_site(self) -> bool {
        matches!(self, EventKind::QualityVisit | EventKind::SatisfactionVisit)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Planned,
    Done,
    Moved,
    Cancelled,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Planned => "planned",
            EventStatus::Done => "done",
            EventStatus::Moved => "moved",
            EventStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<EventStatus> {
        match s {
            "planned" => Some(EventStatus::Planned),
            "done" => Some(EventStatus::Done),
            "moved" => Some(EventStatus::Moved),
            "cancelled" => Some(EventStatus::Cancelled),
            _ => None,
        }
    }
}

/// A person named on an event, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: PersonId,
    pub name: String,
}

/// A site named on an event, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteRef {
    pub id: SiteId,
    pub name: String,
}

/// One event of an account's year. Ids are UUIDs so that browsers can make them offline.
///
/// Empty and absent fields are left out of the JSON (an account page carries hundreds of events
/// in its HTML, and every pull and device copy carries them too); reading fills them back in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockEvent {
    pub id: Uuid,
    pub account_id: AccountId,
    pub kind: EventKind,
    /// A title of its own; empty means "the kind's name".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub starts_on: NaiveDate,
    /// Set for periods (a survey running for two weeks); the last day, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<NaiveDate>,
    /// Wall-clock time in Finland. Kept as local time, not UTC, because a meeting agreed
    /// for 14.30 stays at 14.30 across daylight-saving changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    pub owner_role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<PersonRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteRef>,
    pub status: EventStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Set for an occurrence of a recurring series (computed, or stored because it changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<series::SeriesLink>,
    /// Who last set the status and on which day; the server records it with the edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_mark: Option<StatusMark>,
}

/// Who set an event's status, and when (the day in Finland).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusMark {
    pub by: PersonRef,
    pub on: NaiveDate,
}

impl ClockEvent {
    /// The day the event is over.
    pub fn last_day(&self) -> NaiveDate {
        self.ends_on.unwrap_or(self.starts_on)
    }

    /// Planned but its last day has passed: someone should act.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == EventStatus::Planned && self.last_day() < today
    }
}

/// Whether an event is the person's own to do: they are named responsible, it is a visit to a
/// site they run, or it is an account-level event of an account they direct. This is what
/// "my year" and a person's calendar feed show.
pub fn is_theirs(
    event: &ClockEvent,
    person: PersonId,
    my_sites: &std::collections::HashSet<SiteId>,
    directs_account: bool,
) -> bool {
    event.responsible.as_ref().is_some_and(|p| p.id == person)
        || event.site.as_ref().is_some_and(|s| my_sites.contains(&s.id))
        || (directs_account && event.site.is_none())
}

/// The per-site visits of one kind in one month, shown as one line: "28/30 done".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteRound {
    pub kind: EventKind,
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
    pub events: Vec<ClockEvent>,
}

/// One month of the clock as the account page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthPlan {
    pub month: YearMonth,
    /// Account-level events by date.
    pub events: Vec<ClockEvent>,
    /// Per-site visits, one round per kind, so a 100-site account stays readable.
    pub site_rounds: Vec<SiteRound>,
}

/// The twelve months of an account's year, which may start in any month (contract year).
pub fn account_year_months(year: i32, start_month: u32) -> Vec<YearMonth> {
    let start_month = start_month.clamp(1, 12);
    (0..12)
        .map(|i| {
            let m0 = start_month - 1 + i;
            YearMonth {
                year: year + (m0 / 12) as i32,
                month: m0 % 12 + 1,
            }
        })
        .collect()
}

/// The account year a date belongs to, when the account's year starts in `start_month`
/// (a year starting in September 2026 runs to August 2027 and is called 2026).
pub fn account_year_of(date: NaiveDate, start_month: u32) -> i32 {
    use chrono::Datelike;
    if date.month() >= start_month.clamp(1, 12) {
        date.year()
    } else {
        date.year() - 1
    }
}

/// Groups events into the given months (by start day), account events by date and time,
/// per-site visits counted per kind. Months with nothing in them are kept, so the year reads whole.
pub fn plan_by_month(events: &[ClockEvent], months: &[YearMonth], today: NaiveDate) -> Vec<MonthPlan> {
    months
        .iter()
        .map(|&month| {
            let in_month = events.iter().filter(|e| YearMonth::of(e.starts_on) == month);
            let mut account_events: Vec<ClockEvent> = Vec::new();
            let mut site_rounds: Vec<SiteRound> = Vec::new();
            for e in in_month {
                if e.kind.is_per_site() && e.site.is_some() {
                    let idx = match site_rounds.iter().position(|r| r.kind == e.kind) {
                        Some(i) => i,
                        None => {
                            site_rounds.push(SiteRound {
                                kind: e.kind,
                                total: 0,
                                done: 0,
                                overdue: 0,
                                events: Vec::new(),
                            });
                            site_rounds.len() - 1
                        }
                    };
                    let round = &mut site_rounds[idx];
                    if e.status != EventStatus::Cancelled {
                        round.total += 1;
                    }
                    if e.status == EventStatus::Done {
                        round.done += 1;
                    }
                    if e.is_overdue(today) {
                        round.overdue += 1;
                    }
                    round.events.push(e.clone());
                } else {
                    account_events.push(e.clone());
                }
            }
            account_events.sort_by_key(|e| (e.starts_on, e.time));
            site_rounds.sort_by_key(|r| r.kind);
            for r in &mut site_rounds {
                // Each site's key once, not once per comparison: a round has dozens of sites.
                r.events.sort_by_cached_key(|e| {
                    let site = e.site.as_ref().map(|s| s.name.as_str()).unwrap_or("");
                    (crate::domain::collation::sort_key(site), e.starts_on)
                });
            }
            MonthPlan {
                month,
                events: account_events,
                site_rounds,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_event_travels_without_its_empty_fields_and_a_copy_written_with_them_still_reads() {
        let planned = event(
            EventKind::QualityVisit,
            d(2026, 3, 2),
            EventStatus::Planned,
            Some(24),
        );
        let json = serde_json::to_string(&planned).unwrap();
        for empty in [
            "\"title\"",
            "\"ends_on\"",
            "\"time\"",
            "\"note\"",
            "\"series\"",
            "\"status_mark\"",
        ] {
            assert!(!json.contains(empty), "{empty} in {json}");
        }
        assert_eq!(serde_json::from_str::<ClockEvent>(&json).unwrap(), planned);
        // A device copy kept before the fields were left out lists them as null and "".
        let mut old: serde_json::Value = serde_json::to_value(&planned).unwrap();
        for (field, value) in [("title", ""), ("note", "")] {
            old[field] = serde_json::Value::String(value.into());
        }
        for field in ["ends_on", "time", "series", "status_mark"] {
            old[field] = serde_json::Value::Null;
        }
        assert_eq!(serde_json::from_value::<ClockEvent>(old).unwrap(), planned);
    }

    fn event(kind: EventKind, on: NaiveDate, status: EventStatus, site: Option<i64>) -> ClockEvent {
        ClockEvent {
            id: Uuid::nil(),
            account_id: AccountId(1),
            kind,
            title: String::new(),
            starts_on: on,
            ends_on: None,
            time: None,
            owner_role: kind.default_owner(),
            responsible: None,
            site: site.map(|id| SiteRef {
                id: SiteId(id),
                name: format!("Kohde {id}"),
            }),
            status,
            note: String::new(),
            series: None,
            status_mark: None,
        }
    }

    #[test]
    fn theirs_means_named_on_it_their_sites_visit_or_their_accounts_own_event() {
        let me = PersonId(7);
        let mine: std::collections::HashSet<SiteId> = [SiteId(2)].into();
        let visit = event(
            EventKind::QualityVisit,
            d(2026, 3, 3),
            EventStatus::Planned,
            Some(2),
        );
        let other_visit = event(
            EventKind::QualityVisit,
            d(2026, 3, 3),
            EventStatus::Planned,
            Some(3),
        );
        let meeting = event(
            EventKind::CustomerMeeting,
            d(2026, 3, 3),
            EventStatus::Planned,
            None,
        );
        assert!(is_theirs(&visit, me, &mine, false));
        assert!(!is_theirs(&other_visit, me, &mine, false));
        assert!(
            !is_theirs(&other_visit, me, &mine, true),
            "a director does not do the visits"
        );
        assert!(is_theirs(&meeting, me, &mine, true));
        assert!(!is_theirs(&meeting, me, &mine, false));
        let mut named = meeting.clone();
        named.responsible = Some(PersonRef {
            id: me,
            name: "Minä".into(),
        });
        assert!(is_theirs(&named, me, &mine, false));
    }

    #[test]
    fn kinds_round_trip_and_visits_belong_to_supervisors() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EventKind::QualityVisit.default_owner(), Role::Supervisor);
        assert_eq!(EventKind::CustomerMeeting.default_owner(), Role::AccountDirector);
        assert!(EventKind::SatisfactionVisit.is_per_site());
        assert!(!EventKind::Webinar.is_per_site());
    }

    #[test]
    fn only_planned_events_past_their_last_day_are_overdue() {
        let today = d(2026, 11, 23);
        assert!(event(EventKind::Report, d(2026, 11, 20), EventStatus::Planned, None).is_overdue(today));
        assert!(!event(EventKind::Report, d(2026, 11, 20), EventStatus::Done, None).is_overdue(today));
        assert!(!event(EventKind::Report, d(2026, 11, 23), EventStatus::Planned, None).is_overdue(today));
        let mut survey = event(EventKind::UserSurvey, d(2026, 11, 16), EventStatus::Planned, None);
        survey.ends_on = Some(d(2026, 11, 27));
        assert!(!survey.is_overdue(today), "a period still running is not overdue");
    }

    #[test]
    fn an_account_year_can_start_in_any_month_and_wraps_the_year_end() {
        let months = account_year_months(2026, 9);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], YearMonth { year: 2026, month: 9 });
        assert_eq!(
            months[3],
            YearMonth {
                year: 2026,
                month: 12
            }
        );
        assert_eq!(months[4], YearMonth { year: 2027, month: 1 });
        assert_eq!(months[11], YearMonth { year: 2027, month: 8 });
        assert_eq!(
            account_year_months(2026, 1)[11],
            YearMonth {
                year: 2026,
                month: 12
            }
        );
    }

    #[test]
    fn a_date_belongs_to_the_account_year_it_falls_in() {
        assert_eq!(account_year_of(d(2026, 9, 1), 9), 2026);
        assert_eq!(account_year_of(d(2027, 8, 31), 9), 2026);
        assert_eq!(account_year_of(d(2026, 1, 1), 1), 2026);
    }

    #[test]
    fn site_visits_are_counted_per_month_and_cancelled_ones_do_not_count() {
        let today = d(2026, 3, 20);
        let events = vec![
            event(
                EventKind::CustomerMeeting,
                d(2026, 3, 12),
                EventStatus::Planned,
                None,
            ),
            event(EventKind::Report, d(2026, 3, 2), EventStatus::Done, None),
            event(EventKind::QualityVisit, d(2026, 3, 3), EventStatus::Done, Some(1)),
            event(
                EventKind::QualityVisit,
                d(2026, 3, 4),
                EventStatus::Planned,
                Some(2),
            ),
            event(
                EventKind::QualityVisit,
                d(2026, 3, 25),
                EventStatus::Planned,
                Some(3),
            ),
            event(
                EventKind::QualityVisit,
                d(2026, 3, 5),
                EventStatus::Cancelled,
                Some(4),
            ),
            event(
                EventKind::QualityVisit,
                d(2026, 4, 5),
                EventStatus::Planned,
                Some(1),
            ),
        ];
        let plan = plan_by_month(&events, &account_year_months(2026, 1), today);
        assert_eq!(plan.len(), 12);
        let march = &plan[2];
        assert_eq!(march.events.len(), 2);
        assert_eq!(march.events[0].kind, EventKind::Report, "sorted by date");
        assert_eq!(march.site_rounds.len(), 1);
        let round = &march.site_rounds[0];
        assert_eq!((round.total, round.done, round.overdue), (3, 1, 1));
        assert_eq!(round.events.len(), 4);
        assert_eq!(plan[3].site_rounds[0].total, 1);
        assert!(plan[0].events.is_empty() && plan[0].site_rounds.is_empty());
    }
}
