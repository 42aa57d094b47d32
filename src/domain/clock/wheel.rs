//! The annual wheel's layout: where on the circle a day falls, which ring an event belongs to,
//! and how crowded rings are folded into one mark per month. Pure geometry and counting, so the
//! SVG component only draws, and the rules are tested here.

use super::{ClockEvent, EventKind, EventStatus};
use crate::domain::dates::YearMonth;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The parties of an account's year, one ring each, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ring {
    /// Customer meetings, the birthday meeting, steering group: the director's ring.
    Customer,
    /// Supervisors' quality and satisfaction visits to the sites.
    Visits,
    /// Internal audits and management's own activities.
    Management,
    /// Staff meetings, training and induction, the account presentation to own staff.
    Staff,
    /// Agreed reports and surveys.
    Reports,
    Webinars,
    /// The company layer, the same in every account's wheel and read-only there: Finnish
    /// public holidays (company-wide activities will join them).
    Company,
}

impl Ring {
    pub const ALL: [Ring; 7] = [
        Ring::Customer,
        Ring::Visits,
        Ring::Management,
        Ring::Staff,
        Ring::Reports,
        Ring::Webinars,
        Ring::Company,
    ];

    pub fn of(kind: EventKind) -> Ring {
        match kind {
            EventKind::CustomerMeeting
            | EventKind::BirthdayMeeting
            | EventKind::SteeringGroup
            | EventKind::Custom => Ring::Customer,
            EventKind::QualityVisit | EventKind::SatisfactionVisit => Ring::Visits,
            EventKind::InternalAudit => Ring::Management,
            EventKind::Training | EventKind::StaffMeeting | EventKind::AccountPresentation => Ring::Staff,
            EventKind::Report | EventKind::UserSurvey => Ring::Reports,
            EventKind::Webinar | EventKind::QuickWebinar => Ring::Webinars,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Ring::Customer => "customer",
            Ring::Visits => "visits",
            Ring::Management => "management",
            Ring::Staff => "staff",
            Ring::Reports => "reports",
            Ring::Webinars => "webinars",
            Ring::Company => "company",
        }
    }
}

/// More marks than this in one ring and month are folded into one count ("28/30"): a hundred
/// sites' monthly visits would otherwise be an unreadable smear.
pub const FOLD_ABOVE: usize = 6;

/// The wheel's year: twelve months from the account's year start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WheelYear {
    pub first_day: NaiveDate,
    /// The first day after the year.
    pub end: NaiveDate,
}

impl WheelYear {
    pub fn new(year: i32, start_month: u32) -> Option<WheelYear> {
        let first_day = NaiveDate::from_ymd_opt(year, start_month.clamp(1, 12), 1)?;
        let end = NaiveDate::from_ymd_opt(year + 1, start_month.clamp(1, 12), 1)?;
        Some(WheelYear { first_day, end })
    }

    pub fn days(&self) -> i64 {
        (self.end - self.first_day).num_days()
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.first_day && day < self.end
    }

    /// Where a day is on the wheel, as a fraction of the turn from the year's start (at 12
    /// o'clock, clockwise): the start of the day, so the year's first day is at 0.
    pub fn turn(&self, day: NaiveDate) -> f64 {
        let d = (day - self.first_day).num_days().clamp(0, self.days());
        d as f64 / self.days() as f64
    }

    /// The months of the year, each with the turn where it starts and ends.
    pub fn months(&self) -> Vec<(YearMonth, f64, f64)> {
        (0..12)
            .map(|i| {
                let m0 = self.first_day.month0() + i;
                let ym = YearMonth {
                    year: self.first_day.year() + (m0 / 12) as i32,
                    month: m0 % 12 + 1,
                };
                let start = ym.first_day().unwrap_or(self.first_day);
                let next = YearMonth {
                    year: ym.year + (ym.month / 12) as i32,
                    month: ym.month % 12 + 1,
                };
                let end = next.first_day().unwrap_or(self.end);
                (ym, self.turn(start), self.turn(end))
            })
            .collect()
    }

    /// Mondays of the year with their ISO week numbers, for the week ticks.
    pub fn weeks(&self) -> Vec<(u32, f64)> {
        let offset = self.first_day.weekday().num_days_from_monday() as i64;
        let mut monday = self.first_day + Duration::days((7 - offset) % 7);
        let mut out = Vec::new();
        while monday < self.end {
            out.push((monday.iso_week().week(), self.turn(monday)));
            monday += Duration::days(7);
        }
        out
    }
}

/// One mark on the wheel.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// One event: a dot, or an arc from `turn` to `end_turn` for a period (a survey).
    Event {
        ring: Ring,
        event: Box<ClockEvent>,
        turn: f64,
        end_turn: Option<f64>,
        /// The lane inside the ring, so overlapping events are never drawn on top of each other.
        lane: usize,
    },
    /// A company-wide day (a public holiday or a company activity), read-only.
    Company {
        turn: f64,
        date: NaiveDate,
        name: String,
    },
    /// A crowded ring's month folded into one count per kind ("40/47" quality visits beside
    /// "12/47" satisfaction visits, never one sum of both): the month's arc is shared between
    /// the kinds, `part` of `parts`.
    Folded {
        ring: Ring,
        month: YearMonth,
        kind: EventKind,
        part: usize,
        parts: usize,
        start_turn: f64,
        end_turn: f64,
        total: usize,
        done: usize,
        overdue: usize,
    },
}

/// Lays out an account's events on the wheel: events of hidden rings and outside the year are
/// left out; a ring with more than `FOLD_ABOVE` events in a month shows that month as a count.
pub fn layout(year: &WheelYear, events: &[ClockEvent], hidden: &[Ring], today: NaiveDate) -> Vec<Mark> {
    let months = year.months();
    let mut by_ring_month: BTreeMap<(Ring, YearMonth), Vec<&ClockEvent>> = BTreeMap::new();
    for e in events {
        let ring = Ring::of(e.kind);
        // A period that started last year but runs into this one still shows (wraps the year end).
        let visible =
            year.contains(e.starts_on) || (e.starts_on < year.first_day && e.last_day() >= year.first_day);
        if hidden.contains(&ring) || !visible {
            continue;
        }
        let month = YearMonth::of(e.starts_on.max(year.first_day));
        by_ring_month.entry((ring, month)).or_default().push(e);
    }
    let mut marks = Vec::new();
    // Lanes per ring: an event takes the first lane whose last event has ended before it starts.
    let mut lanes: BTreeMap<Ring, Vec<f64>> = BTreeMap::new();
    for ((ring, month), list) in by_ring_month {
        let countable: Vec<&&ClockEvent> = list
            .iter()
            .filter(|e| e.status != EventStatus::Cancelled)
            .collect();
        if list.len() > FOLD_ABOVE {
            let (start_turn, end_turn) = months
                .iter()
                .find(|(m, _, _)| *m == month)
                .map(|(_, s, e)| (*s, *e))
                .unwrap_or((0.0, 0.0));
            let kinds: std::collections::BTreeSet<EventKind> = list.iter().map(|e| e.kind).collect();
            let parts = kinds.len();
            for (part, kind) in kinds.into_iter().enumerate() {
                let of_kind: Vec<&&&ClockEvent> = countable.iter().filter(|e| e.kind == kind).collect();
                marks.push(Mark::Folded {
                    ring,
                    month,
                    kind,
                    part,
                    parts,
                    start_turn,
                    end_turn,
                    total: of_kind.len(),
                    done: of_kind.iter().filter(|e| e.status == EventStatus::Done).count(),
                    overdue: list
                        .iter()
                        .filter(|e| e.kind == kind && e.is_overdue(today))
                        .count(),
                });
            }
            continue;
        }
        let mut sorted = list;
        sorted.sort_by_key(|e| (e.starts_on, e.time, e.id));
        for e in sorted {
            let turn = year.turn(e.starts_on.max(year.first_day));
            let end_turn = e
                .ends_on
                .map(|end| year.turn((end + Duration::days(1)).min(year.end)));
            let ends = end_turn.unwrap_or(turn + 1.0 / 365.0);
            let ring_lanes = lanes.entry(ring).or_default();
            let lane = match ring_lanes.iter().position(|&busy_until| busy_until <= turn) {
                Some(i) => i,
                None => {
                    ring_lanes.push(0.0);
                    ring_lanes.len() - 1
                }
            };
            // A dot takes about two days of the circle; only periods hold a lane longer.
            ring_lanes[lane] = ends.max(turn + 2.0 / 365.0);
            marks.push(Mark::Event {
                ring,
                event: Box::new(e.clone()),
                turn,
                end_turn,
                lane,
            });
        }
    }
    marks
}

/// The company ring's marks for the wheel's year (none when the ring is hidden): Finnish
/// public holidays and the activities an admin set for the whole company.
pub fn company_layer(year: &WheelYear, hidden: &[Ring], activities: &[ClockEvent]) -> Vec<Mark> {
    if hidden.contains(&Ring::Company) {
        return Vec::new();
    }
    let last = year.end.pred_opt().unwrap_or(year.end);
    let holidays = super::holidays::holidays_between(year.first_day, last)
        .into_iter()
        .map(|(date, name)| (date, name.to_string()));
    let own = activities
        .iter()
        .filter(|e| (year.first_day..=last).contains(&e.starts_on))
        .map(|e| (e.starts_on, e.title.clone()));
    holidays
        .chain(own)
        .map(|(date, name)| Mark::Company {
            turn: year.turn(date),
            date,
            name,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::SiteRef;
    use crate::domain::ids::{AccountId, SiteId};
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn event(n: u128, kind: EventKind, on: NaiveDate) -> ClockEvent {
        ClockEvent {
            id: Uuid::from_u128(n),
            account_id: AccountId(1),
            kind,
            title: String::new(),
            starts_on: on,
            ends_on: None,
            time: None,
            owner_role: kind.default_owner(),
            responsible: None,
            site: kind.is_per_site().then(|| SiteRef {
                id: SiteId(n as i64),
                name: format!("Kohde {n}"),
            }),
            status: EventStatus::Planned,
            note: String::new(),
            series: None,
            status_mark: None,
        }
    }

    #[test]
    fn the_year_starts_at_twelve_oclock_and_runs_clockwise_from_the_accounts_start_month() {
        let year = WheelYear::new(2026, 9).unwrap();
        assert_eq!(year.turn(d(2026, 9, 1)), 0.0);
        assert!((year.turn(d(2027, 3, 1)) - 181.0 / 365.0).abs() < 1e-9);
        let months = year.months();
        assert_eq!(months[0].0, YearMonth { year: 2026, month: 9 });
        assert_eq!(months[4].0, YearMonth { year: 2027, month: 1 });
        assert!(
            (months[11].2 - 1.0).abs() < 1e-9,
            "August ends where September begins"
        );
    }

    #[test]
    fn week_ticks_carry_iso_week_numbers_including_week_53() {
        let year = WheelYear::new(2026, 1).unwrap();
        let weeks = year.weeks();
        assert_eq!(
            weeks.first().unwrap().0,
            2,
            "the first Monday in 2026 is 5.1., week 2"
        );
        assert_eq!(weeks.last().unwrap().0, 53, "28.12.2026 starts week 53");
        assert_eq!(weeks.len(), 52);
    }

    #[test]
    fn a_hundred_sites_monthly_visits_fold_into_one_count_per_month() {
        let year = WheelYear::new(2026, 1).unwrap();
        let mut events: Vec<ClockEvent> = (0..100u128)
            .map(|i| {
                let mut e = event(i, EventKind::QualityVisit, d(2026, 3, 1 + (i % 28) as u32));
                if i < 40 {
                    e.status = EventStatus::Done;
                }
                if i >= 98 {
                    e.status = EventStatus::Cancelled;
                }
                e
            })
            .collect();
        events.push(event(500, EventKind::CustomerMeeting, d(2026, 3, 12)));
        let mut satisfaction: Vec<ClockEvent> = (600..610u128)
            .map(|i| event(i, EventKind::SatisfactionVisit, d(2026, 3, 2)))
            .collect();
        satisfaction[0].status = EventStatus::Done;
        events.extend(satisfaction);
        let marks = layout(&year, &events, &[], d(2026, 3, 20));
        assert_eq!(marks.len(), 3, "one count per kind of visit, and the meeting");
        let counts: Vec<(EventKind, usize, usize, usize)> = marks
            .iter()
            .filter_map(|m| match m {
                Mark::Folded {
                    kind,
                    total,
                    done,
                    part,
                    ..
                } => Some((*kind, *total, *done, *part)),
                _ => None,
            })
            .collect();
        assert_eq!(
            counts,
            vec![
                (EventKind::QualityVisit, 98, 40, 0),
                (EventKind::SatisfactionVisit, 10, 1, 1)
            ],
            "the two kinds are counted apart, never added into one sum"
        );
        let folded = marks
            .iter()
            .find_map(|m| match m {
                Mark::Folded {
                    total, done, overdue, ..
                } => Some((*total, *done, *overdue)),
                _ => None,
            })
            .expect("visits folded");
        // Cancelled visits are not planned work; overdue = planned and past (days 1–19, not done).
        assert_eq!(folded.0, 98);
        assert_eq!(folded.1, 40);
        assert!(folded.2 > 0);
    }

    #[test]
    fn overlapping_events_take_separate_lanes_and_hidden_rings_are_left_out() {
        let year = WheelYear::new(2026, 1).unwrap();
        let mut survey = event(1, EventKind::UserSurvey, d(2026, 4, 1));
        survey.ends_on = Some(d(2026, 4, 30));
        let report = event(2, EventKind::Report, d(2026, 4, 10));
        let webinar = event(3, EventKind::Webinar, d(2026, 4, 10));
        let marks = layout(&year, &[survey, report, webinar.clone()], &[], d(2026, 1, 1));
        let lanes: Vec<(Ring, usize)> = marks
            .iter()
            .filter_map(|m| match m {
                Mark::Event { ring, lane, .. } => Some((*ring, *lane)),
                _ => None,
            })
            .collect();
        assert_eq!(
            lanes,
            vec![(Ring::Reports, 0), (Ring::Reports, 1), (Ring::Webinars, 0)],
            "the report lies inside the survey's period, so it gets a lane of its own"
        );
        let marks = layout(&year, &[webinar], &[Ring::Webinars], d(2026, 1, 1));
        assert!(marks.is_empty());
    }

    #[test]
    fn every_wheel_has_the_years_public_holidays_in_its_company_ring() {
        let year = WheelYear::new(2026, 9).unwrap();
        let marks = company_layer(&year, &[], &[]);
        assert_eq!(marks.len(), 15);
        assert!(matches!(
            &marks[0],
            Mark::Company { name, .. } if name == "Pyhäinpäivä"
        ));
        assert!(company_layer(&year, &[Ring::Company], &[]).is_empty());
        // An admin's company activity joins them; one outside the wheel's year does not.
        let mut board = event(9, EventKind::Custom, d(2026, 10, 6));
        board.title = "Johtoryhmä".into();
        let mut old = board.clone();
        old.starts_on = d(2026, 8, 4);
        let marks = company_layer(&year, &[], &[board, old]);
        assert_eq!(marks.len(), 16);
        assert!(marks
            .iter()
            .any(|m| matches!(m, Mark::Company { name, date, .. } if name == "Johtoryhmä" && *date == d(2026, 10, 6))));
    }

    #[test]
    fn a_period_across_the_year_end_shows_in_both_years() {
        let mut survey = event(1, EventKind::UserSurvey, d(2026, 12, 14));
        survey.ends_on = Some(d(2027, 1, 15));
        let this = layout(
            &WheelYear::new(2026, 1).unwrap(),
            std::slice::from_ref(&survey),
            &[],
            d(2026, 1, 1),
        );
        let next = layout(&WheelYear::new(2027, 1).unwrap(), &[survey], &[], d(2026, 1, 1));
        match (&this[0], &next[0]) {
            (
                Mark::Event {
                    turn: a,
                    end_turn: Some(a_end),
                    ..
                },
                Mark::Event {
                    turn: b,
                    end_turn: Some(b_end),
                    ..
                },
            ) => {
                assert!(*a > 0.9 && (*a_end - 1.0).abs() < 1e-9, "runs to the end of 2026");
                assert!(*b == 0.0 && *b_end > 0.03, "continues from the start of 2027");
            }
            other => panic!("expected two arcs, got {other:?}"),
        }
    }
}
