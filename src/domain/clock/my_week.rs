//! "My week": every occurrence that is the person's own across all their accounts, this ISO
//! week and next, with anything overdue first, so a supervisor sees what to do before the
//! customer asks.

use super::{ClockEvent, EventStatus};
use crate::domain::ids::AccountId;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// How far back an undone event still counts as "overdue" rather than history.
pub const OVERDUE_LOOKBACK_DAYS: i64 = 92;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyItem {
    pub account_id: AccountId,
    pub account_name: String,
    pub event: ClockEvent,
    /// The person may mark it done and write a note (the server checks again on sync).
    pub editable: bool,
}

/// The three groups the page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWeek {
    pub today: NaiveDate,
    pub overdue: Vec<MyItem>,
    pub this_week: Vec<MyItem>,
    pub next_week: Vec<MyItem>,
}

/// Monday of the ISO week `day` is in.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// The days the server must read for `today`: from the overdue look-back to next week's Sunday.
pub fn window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (
        today - Duration::days(OVERDUE_LOOKBACK_DAYS),
        monday_of(today) + Duration::days(13),
    )
}

/// Sorts the person's own items into overdue / this week / next week. Cancelled events are
/// left out; done ones stay in their week (the person sees they are done).
pub fn group(items: Vec<MyItem>, today: NaiveDate) -> MyWeek {
    let this_monday = monday_of(today);
    let next_monday = this_monday + Duration::days(7);
    let after = next_monday + Duration::days(7);
    let (from, _) = window(today);
    let mut week = MyWeek {
        today,
        ..MyWeek::default()
    };
    for item in items {
        let e = &item.event;
        if e.status == EventStatus::Cancelled || e.last_day() < from {
            continue;
        }
        if e.is_overdue(today) {
            week.overdue.push(item);
        } else if e.starts_on < next_monday && e.last_day() >= this_monday {
            week.this_week.push(item);
        } else if e.starts_on >= next_monday && e.starts_on < after {
            week.next_week.push(item);
        }
    }
    let by_date = |a: &MyItem, b: &MyItem| {
        (a.event.starts_on, a.event.time, &a.account_name).cmp(&(
            b.event.starts_on,
            b.event.time,
            &b.account_name,
        ))
    };
    week.overdue.sort_by(by_date);
    week.this_week.sort_by(by_date);
    week.next_week.sort_by(by_date);
    week
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::EventKind;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn item(n: u128, on: NaiveDate, status: EventStatus) -> MyItem {
        MyItem {
            account_id: AccountId(1),
            account_name: "Asiakas".into(),
            editable: true,
            event: ClockEvent {
                id: Uuid::from_u128(n),
                account_id: AccountId(1),
                kind: EventKind::QualityVisit,
                title: String::new(),
                starts_on: on,
                ends_on: None,
                time: None,
                owner_role: EventKind::QualityVisit.default_owner(),
                responsible: None,
                site: None,
                status,
                note: String::new(),
                series: None,
                status_mark: None,
            },
        }
    }

    #[test]
    fn overdue_first_then_this_iso_week_and_the_next() {
        // Tuesday 24.11.2026 is in week 48 (Mon 23.11. – Sun 29.11.).
        let today = d(2026, 11, 24);
        assert_eq!(window(today), (d(2026, 8, 24), d(2026, 12, 6)));
        let week = group(
            vec![
                item(1, d(2026, 11, 30), EventStatus::Planned), // next week (Monday)
                item(2, d(2026, 11, 23), EventStatus::Done),    // this week, done
                item(3, d(2026, 11, 10), EventStatus::Planned), // overdue
                item(4, d(2026, 11, 29), EventStatus::Planned), // this week (Sunday)
                item(5, d(2026, 11, 25), EventStatus::Cancelled), // left out
                item(6, d(2026, 12, 7), EventStatus::Planned),  // the week after: not shown
                item(7, d(2026, 11, 23), EventStatus::Planned), // yesterday, not done: overdue
                item(8, d(2026, 5, 4), EventStatus::Planned),   // long ago: history
            ],
            today,
        );
        let ids = |v: &Vec<MyItem>| v.iter().map(|i| i.event.id.as_u128()).collect::<Vec<_>>();
        assert_eq!(ids(&week.overdue), vec![3, 7]);
        assert_eq!(ids(&week.this_week), vec![2, 4]);
        assert_eq!(ids(&week.next_week), vec![1]);
    }
}
