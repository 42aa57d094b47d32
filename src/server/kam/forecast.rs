//! The meeting-to-deal forecast fed by what Kamu already holds: the customer meetings held on
//! each account's clock (series occurrences included) and the deals logged as records, per
//! calendar year. Past years train the curve; this year is what it is asked about.

use crate::domain::clock::{EventKind, EventStatus};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::kam::deal::Deal;
use crate::domain::kam::forecast::{backtest, AccountForecast, AccountYear, Model};
use crate::server::clock::events;
use chrono::{Datelike, NaiveDate};
use sqlx::SqlitePool;
use std::collections::BTreeMap;

/// Years of record the curve learns from (the demo keeps five).
pub const YEARS_OF_RECORD: i32 = 6;

#[derive(Default, Clone, Copy)]
struct Year {
    /// Customer meetings marked done.
    held: u32,
    /// Held, or planned for today or later.
    on_clock: u32,
    won: u32,
}

/// Whether a customer meeting was held, and whether it counts on the year's clock: held, or
/// still to come. A moved meeting is planned at its new day (as the quality card counts a moved
/// visit). A planned one whose day has passed was not held and is not coming (it waits for its
/// director's mark), and a cancelled one is no meeting: neither counts, nor starts a record.
fn counted(status: EventStatus, day: NaiveDate, today: NaiveDate) -> (bool, bool) {
    match status {
        EventStatus::Done => (true, true),
        EventStatus::Planned | EventStatus::Moved => (false, day >= today),
        EventStatus::Cancelled => (false, false),
    }
}

/// Every account's years: meetings from the clock, won deals from the records.
async fn years(pool: &SqlitePool, today: NaiveDate) -> Result<BTreeMap<(AccountId, i32), Year>, AppError> {
    let first_year = today.year() - YEARS_OF_RECORD;
    let from = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(today);
    let to = NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today);
    let accounts: Vec<i64> = sqlx::query_scalar("SELECT id FROM accounts ORDER BY id")
        .fetch_all(pool)
        .await?;
    let mut out: BTreeMap<(AccountId, i32), Year> = BTreeMap::new();
    for account in accounts.into_iter().map(AccountId) {
        for event in events::of_kind_between(pool, account, EventKind::CustomerMeeting, from, to).await? {
            let (held, on_clock) = counted(event.status, event.starts_on, today);
            if on_clock {
                let year = out.entry((account, event.starts_on.year())).or_default();
                year.held += u32::from(held);
                year.on_clock += 1;
            }
        }
    }
    let deals: Vec<(i64, String)> =
        sqlx::query_as("SELECT account_id, body FROM records WHERE kind = 'deal' AND deleted_at IS NULL")
            .fetch_all(pool)
            .await?;
    for (account, body) in deals {
        // A body the rules once accepted always reads; one that does not is skipped, not fatal.
        let Ok(deal) = serde_json::from_str::<Deal>(&body) else {
            tracing::warn!(
                account,
                "a deal record that does not read was left out of the forecast"
            );
            continue;
        };
        let year = deal.decided_on.year();
        if deal.won && year >= first_year && deal.decided_on <= today {
            out.entry((AccountId(account), year)).or_default().won += 1;
        }
    }
    Ok(out)
}

/// The past years as the forecast reads them: each account from its first year of record to
/// last year, a year with nothing in it counted as none held and none won.
fn past(years: &BTreeMap<(AccountId, i32), Year>, this_year: i32) -> Vec<AccountYear> {
    // The keys are in (account, year) order: an account's first key is its first year.
    let mut first: BTreeMap<AccountId, i32> = BTreeMap::new();
    for &(account, year) in years.keys() {
        first.entry(account).or_insert(year);
    }
    let mut out = Vec::new();
    for (account, first) in first {
        for year in first..this_year {
            let y = years.get(&(account, year)).copied().unwrap_or_default();
            out.push(AccountYear {
                account,
                year,
                meetings: y.held,
                deals: y.won,
            });
        }
    }
    out
}

/// The forecast of one account (the caller has checked the viewer may see it).
pub async fn of_account(
    pool: &SqlitePool,
    account: AccountId,
    today: NaiveDate,
) -> Result<AccountForecast, AppError> {
    let years = years(pool, today).await?;
    let data = past(&years, today.year());
    let this = years.get(&(account, today.year())).copied().unwrap_or_default();
    let worth = super::rules::current(pool).await?.worth();
    // Fitting is pure arithmetic over a few hundred rows (tens of milliseconds): off the
    // runtime's threads, so pages keep rendering meanwhile.
    let (forecast, backtest, account_years) = tokio::task::spawn_blocking(move || {
        let forecast = Model::fit(&data).map(|m| m.forecast(account, this.on_clock, worth));
        (forecast, backtest::backtest(&data), data.len())
    })
    .await
    .map_err(|e| AppError::Internal(format!("forecast: {e}")))?;
    Ok(AccountForecast {
        year: today.year(),
        meetings_on_clock: this.on_clock,
        meetings_held: this.held,
        deals_won: this.won,
        forecast,
        backtest,
        account_years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_meeting_still_to_come_counts_and_a_cancelled_or_overdue_one_does_not() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let later = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let earlier = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        assert_eq!(counted(EventStatus::Moved, later, today), (false, true));
        assert_eq!(counted(EventStatus::Planned, later, today), (false, true));
        assert_eq!(counted(EventStatus::Planned, earlier, today), (false, false));
        assert_eq!(counted(EventStatus::Cancelled, later, today), (false, false));
        assert_eq!(counted(EventStatus::Done, earlier, today), (true, true));
    }
}
