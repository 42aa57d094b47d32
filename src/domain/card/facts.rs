//! What a card says without anyone typing it: site visits counted from the clock, and money
//! and hours from the finance system's monthly figures ("enter data once").

use crate::domain::clock::{ClockEvent, EventKind, EventStatus};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Events counted over some months: the site visits (quality and customer-satisfaction visits)
/// of a card's months, or an account plan's meetings of a kind (`kam::goals`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitTally {
    /// Visits planned in the months (cancelled ones are not planned any more).
    pub planned: u32,
    /// Of those, the ones whose day has come (a visit later this month is not late yet).
    pub due: u32,
    pub done: u32,
}

impl VisitTally {
    /// Done of the visits due, in percent; None when nothing was due yet.
    pub fn done_pct(&self) -> Option<u32> {
        done_of_due_pct(i64::from(self.done), i64::from(self.due)).map(|p| p as u32)
    }
}

/// Done of due in percent, rounded, done counted up to due; None while nothing is due: the one
/// way Kamu turns "done of due" into a percentage (visits here, an account's goals in `kam`).
pub fn done_of_due_pct(done: i64, due: i64) -> Option<i64> {
    (due > 0).then(|| (done.clamp(0, due).saturating_mul(100) + due / 2) / due)
}

/// Counts the site visits of `from`..=`to` as the clock has them on `today`.
pub fn visit_tally(events: &[ClockEvent], from: YearMonth, to: YearMonth, today: NaiveDate) -> VisitTally {
    let (Some(first), Some(last)) = (from.first_day(), to.last_day()) else {
        return VisitTally::default();
    };
    tally(events, first, last, today, is_site_visit)
}

/// Counts the events of the kinds `counts` picks whose last day falls in `first`..=`last`, as
/// the clock has them on `today`: planned, due and done.
///
/// An event counts on its last day: a visit window from 28.12. to 5.1. is due in January,
/// once. A moved event counts where it is now; a cancelled one is not planned. A done event is
/// done (and due) whatever its day.
pub fn tally(
    events: &[ClockEvent],
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
    counts: impl Fn(EventKind) -> bool,
) -> VisitTally {
    let mut tally = VisitTally::default();
    for e in events.iter().filter(|e| counts(e.kind)) {
        let day = e.last_day();
        if day < first || day > last || e.status == EventStatus::Cancelled {
            continue;
        }
        tally.planned += 1;
        if e.status == EventStatus::Done {
            tally.done += 1;
            tally.due += 1;
        } else if day <= today {
            tally.due += 1;
        }
    }
    tally
}

fn is_site_visit(kind: EventKind) -> bool {
    matches!(kind, EventKind::QualityVisit | EventKind::SatisfactionVisit)
}

/// One account's month from the finance system: euros and hours of account care, with the
/// month's budget where the finance system has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    pub account_id: AccountId,
    pub period: YearMonth,
    pub revenue: i64,
    pub margin: i64,
    /// Hours in tenths (12.5 h = 125), so sums stay exact.
    pub hours_tenths: i64,
    pub revenue_target: Option<i64>,
    pub margin_target: Option<i64>,
    pub hour_budget_tenths: Option<i64>,
}

/// Money and hours summed over a card's months.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyFacts {
    /// How many of the card's months the finance import had.
    pub months: u32,
    pub revenue: i64,
    pub margin: i64,
    pub hours_tenths: i64,
    pub revenue_target: Option<i64>,
    pub margin_target: Option<i64>,
    pub hour_budget_tenths: Option<i64>,
}

impl MoneyFacts {
    /// Margin in percent of revenue, one decimal (tenths of a percent).
    pub fn margin_pct_tenths(&self) -> Option<i64> {
        pct_tenths(self.margin, self.revenue)
    }

    pub fn margin_target_pct_tenths(&self) -> Option<i64> {
        pct_tenths(self.margin_target?, self.revenue_target?)
    }

    /// Hours used of the budget, in percent.
    pub fn hours_of_budget_pct(&self) -> Option<i64> {
        let budget = self.hour_budget_tenths.filter(|b| *b > 0)?;
        Some((self.hours_tenths * 100 + budget / 2) / budget)
    }
}

fn pct_tenths(part: i64, whole: i64) -> Option<i64> {
    (whole != 0).then(|| (part * 1000 + whole / 2) / whole)
}

/// Sums the finance months of `from`..=`to`; None when the import has none of them. A target
/// counts only when every month with figures has one (half a year's budget is no target).
pub fn money(figures: &[MonthFigures], from: YearMonth, to: YearMonth) -> Option<MoneyFacts> {
    let months: Vec<&MonthFigures> = figures
        .iter()
        .filter(|f| f.period >= from && f.period <= to)
        .collect();
    if months.is_empty() {
        return None;
    }
    let sum_all = |get: fn(&MonthFigures) -> Option<i64>| -> Option<i64> {
        months.iter().map(|m| get(m)).sum::<Option<i64>>()
    };
    Some(MoneyFacts {
        months: months.len() as u32,
        revenue: months.iter().map(|m| m.revenue).sum(),
        margin: months.iter().map(|m| m.margin).sum(),
        hours_tenths: months.iter().map(|m| m.hours_tenths).sum(),
        revenue_target: sum_all(|m| m.revenue_target),
        margin_target: sum_all(|m| m.margin_target),
        hour_budget_tenths: sum_all(|m| m.hour_budget_tenths),
    })
}

/// Everything a card knows by itself for its months.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardFacts {
    pub visits: VisitTally,
    pub money: Option<MoneyFacts>,
    /// The customer's organisation changes in the card's months, from the relationship map
    /// (a card submitted before the map existed has none).
    #[serde(default)]
    pub org_changes: Vec<crate::domain::kam::map::NamedChange>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::SiteRef;
    use crate::domain::ids::SiteId;
    use crate::domain::people::Role;
    use uuid::Uuid;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    fn visit(on: NaiveDate, status: EventStatus) -> ClockEvent {
        ClockEvent {
            id: Uuid::now_v7(),
            account_id: AccountId(1),
            kind: EventKind::QualityVisit,
            title: String::new(),
            starts_on: on,
            ends_on: None,
            time: None,
            owner_role: Role::Supervisor,
            responsible: None,
            site: Some(SiteRef {
                id: SiteId(1),
                name: "Kohde".into(),
            }),
            status,
            note: String::new(),
            series: None,
            status_mark: None,
        }
    }

    #[test]
    fn visits_done_against_planned_follow_the_clock_moved_and_cancelled_included() {
        let today = day(2026, 11, 15);
        let mut meeting = visit(day(2026, 11, 3), EventStatus::Done);
        meeting.kind = EventKind::CustomerMeeting;
        let events = vec![
            visit(day(2026, 11, 2), EventStatus::Done),
            visit(day(2026, 11, 10), EventStatus::Planned), // late
            visit(day(2026, 11, 20), EventStatus::Planned), // not due yet
            visit(day(2026, 11, 25), EventStatus::Done),    // done early
            visit(day(2026, 11, 12), EventStatus::Cancelled),
            // Moved from October into November: counts in November, where it is now.
            visit(day(2026, 11, 14), EventStatus::Moved),
            // Moved out of November into December: not November's.
            visit(day(2026, 12, 3), EventStatus::Moved),
            meeting,
        ];
        let nov = visit_tally(&events, ym(2026, 11), ym(2026, 11), today);
        assert_eq!(
            nov,
            VisitTally {
                planned: 5,
                due: 4,
                done: 2
            }
        );
        assert_eq!(nov.done_pct(), Some(50));
        let dec = visit_tally(&events, ym(2026, 12), ym(2026, 12), today);
        assert_eq!((dec.planned, dec.due, dec.done_pct()), (1, 0, None));
    }

    #[test]
    fn a_visit_window_across_the_year_end_counts_once_in_the_month_it_ends() {
        let mut window = visit(day(2026, 12, 28), EventStatus::Done);
        window.ends_on = Some(day(2027, 1, 5));
        let events = vec![window];
        let today = day(2027, 2, 1);
        assert_eq!(visit_tally(&events, ym(2026, 12), ym(2026, 12), today).planned, 0);
        assert_eq!(visit_tally(&events, ym(2027, 1), ym(2027, 1), today).done, 1);
        // A card covering 1–8/2027 counts it once too.
        let range = visit_tally(&events, ym(2027, 1), ym(2027, 8), today);
        assert_eq!((range.planned, range.done), (1, 1));
    }

    #[test]
    fn a_range_card_counts_every_month_of_its_range() {
        let today = day(2026, 9, 1);
        let events: Vec<ClockEvent> = (1..=8)
            .map(|m| {
                visit(
                    day(2026, m, 15),
                    if m == 4 {
                        EventStatus::Planned
                    } else {
                        EventStatus::Done
                    },
                )
            })
            .collect();
        let range = visit_tally(&events, ym(2026, 1), ym(2026, 8), today);
        assert_eq!((range.planned, range.due, range.done), (8, 8, 7));
        assert_eq!(range.done_pct(), Some(88));
    }

    fn month(m: u32, revenue: i64, margin: i64, target: Option<i64>) -> MonthFigures {
        MonthFigures {
            account_id: AccountId(1),
            period: ym(2026, m),
            revenue,
            margin,
            hours_tenths: 125,
            revenue_target: target,
            margin_target: target.map(|t| t / 10),
            hour_budget_tenths: Some(100),
        }
    }

    #[test]
    fn money_sums_the_cards_months_and_a_partial_budget_is_no_target() {
        let figures = vec![
            month(1, 100_000, 12_000, Some(100_000)),
            month(2, 90_000, 8_000, Some(100_000)),
            month(3, 50_000, 1_000, None),
        ];
        let two = money(&figures, ym(2026, 1), ym(2026, 2)).unwrap();
        assert_eq!((two.months, two.revenue, two.margin), (2, 190_000, 20_000));
        assert_eq!(two.margin_pct_tenths(), Some(105)); // 10.5 %
        assert_eq!(two.margin_target_pct_tenths(), Some(100));
        assert_eq!(two.hours_of_budget_pct(), Some(125));
        let three = money(&figures, ym(2026, 1), ym(2026, 3)).unwrap();
        assert_eq!(three.revenue_target, None);
        assert!(money(&figures, ym(2026, 5), ym(2026, 6)).is_none());
    }
}
