//! The clock as an iCalendar (RFC 5545) feed that Outlook and Google Calendar subscribe to:
//! per account, or per person ("my events" across their accounts), behind a secret token that
//! can be revoked; and a one-off .ics download for a signed-in person.
//!
//! Timed events are written in UTC, converted from Finnish wall-clock time with the real
//! Europe/Helsinki rules, so a 14.30 meeting stays at 14.30 on both sides of a DST change.
//! All-day events and periods are DATE values (the end exclusive, as RFC 5545 says).

use crate::domain::calendar::CalendarFeed as Feed;
use crate::domain::clock::{is_theirs, ClockEvent, EventKind, EventStatus};
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::Viewer;
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use sqlx::SqlitePool;

use super::auth::internal;
use super::{access, auth, clock_events};

/// A meeting with no end time is shown as an hour long.
const DEFAULT_LENGTH_MINUTES: i64 = 60;

/// The feed's token: 244 random bits from the operating system (two UUIDv4s), URL-safe.
fn new_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// Makes a new subscription for the person, for one account they may see or for their own
/// events (`account` None).
pub async fn create(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: Option<AccountId>,
) -> Result<Feed, AppError> {
    if let Some(account) = account {
        access::require_account(pool, viewer, account).await?;
    }
    let token = new_token();
    sqlx::query("INSERT INTO calendar_feeds (token, person_id, account_id, created_at) VALUES (?, ?, ?, ?)")
        .bind(&token)
        .bind(viewer.id.0)
        .bind(account.map(|a| a.0))
        .bind(Utc::now().to_rfc3339())
        .execute(pool)
        .await
        .map_err(internal)?;
    Ok(Feed {
        token,
        account_id: account,
    })
}

/// The person's subscriptions that still work.
pub async fn list(pool: &SqlitePool, viewer: &Viewer) -> Result<Vec<Feed>, AppError> {
    let rows: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT token, account_id FROM calendar_feeds WHERE person_id = ? AND revoked_at IS NULL
         ORDER BY created_at",
    )
    .bind(viewer.id.0)
    .fetch_all(pool)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(token, account)| Feed {
            token,
            account_id: account.map(AccountId),
        })
        .collect())
}

/// Ends a subscription at once: the calendar app's next fetch gets 404. Only its owner can.
pub async fn revoke(pool: &SqlitePool, viewer: &Viewer, token: &str) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE calendar_feeds SET revoked_at = ? WHERE token = ? AND person_id = ? AND revoked_at IS NULL",
    )
    .bind(Utc::now().to_rfc3339())
    .bind(token)
    .bind(viewer.id.0)
    .execute(pool)
    .await
    .map_err(internal)?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The feed behind a token, as iCalendar text. A revoked or unknown token, a deactivated
/// person, or an account the person may no longer see all answer `NotFound`: a calendar app
/// only needs to know the feed is gone, and a stranger learns nothing.
pub async fn by_token(pool: &SqlitePool, token: &str, today: NaiveDate) -> Result<String, AppError> {
    let row: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT person_id, account_id FROM calendar_feeds WHERE token = ? AND revoked_at IS NULL",
    )
    .bind(token)
    .fetch_optional(pool)
    .await
    .map_err(internal)?;
    let (person, account) = row.ok_or(AppError::NotFound)?;
    let person = auth::active_person(pool, PersonId(person))
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = auth::viewer_of(&person);
    match account {
        Some(account) => {
            let account = AccountId(account);
            access::require_account(pool, &viewer, account)
                .await
                .map_err(|_| AppError::NotFound)?;
            account_calendar(pool, account, today).await
        }
        None => own_calendar(pool, &viewer, today).await,
    }
}

/// The account's clock as a one-off download: this account year and the next.
pub async fn account_calendar(
    pool: &SqlitePool,
    account: AccountId,
    today: NaiveDate,
) -> Result<String, AppError> {
    let (name, start_month): (String, i64) =
        sqlx::query_as("SELECT name, year_start_month FROM accounts WHERE id = ?")
            .bind(account.0)
            .fetch_one(pool)
            .await
            .map_err(internal)?;
    let year = crate::domain::clock::account_year_of(today, start_month.clamp(1, 12) as u32);
    let mut events = clock_events::of_account_year(pool, account, year).await?;
    events.extend(clock_events::of_account_year(pool, account, year + 1).await?);
    Ok(to_ics(&format!("Kamu – {name}"), &events))
}

/// The person's own events across every account they may see, from three months back to a
/// year ahead.
async fn own_calendar(pool: &SqlitePool, viewer: &Viewer, today: NaiveDate) -> Result<String, AppError> {
    let visible = access::visible_accounts(pool, viewer).await?;
    let own = access::own_work(pool, viewer).await?;
    let (from, to) = (today - Duration::days(92), today + Duration::days(366));
    let mut events = Vec::new();
    for account in visible {
        for e in clock_events::of_account_between(pool, account, from, to).await? {
            if is_theirs(&e, viewer.id, &own.sites, own.directed.contains(&account.0)) {
                events.push(e);
            }
        }
    }
    Ok(to_ics("Kamu – omat tapahtumat", &events))
}

/// Finnish wall-clock time to UTC. A time that does not exist (the hour skipped in spring) is
/// read an hour later; a time that happens twice (autumn) is the first of the two.
pub fn helsinki_to_utc(local: NaiveDateTime) -> chrono::DateTime<Utc> {
    let zone = chrono_tz::Europe::Helsinki;
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        chrono::LocalResult::None => zone
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc)),
    }
}

fn kind_name(kind: EventKind) -> &'static str {
    use crate::i18n::Locale;
    use leptos_i18n::td_string;
    match kind {
        EventKind::QualityVisit => td_string!(Locale::fi, kind_quality_visit),
        EventKind::SatisfactionVisit => td_string!(Locale::fi, kind_satisfaction_visit),
        EventKind::CustomerMeeting => td_string!(Locale::fi, kind_customer_meeting),
        EventKind::BirthdayMeeting => td_string!(Locale::fi, kind_birthday_meeting),
        EventKind::InternalAudit => td_string!(Locale::fi, kind_internal_audit),
        EventKind::UserSurvey => td_string!(Locale::fi, kind_user_survey),
        EventKind::SteeringGroup => td_string!(Locale::fi, kind_steering_group),
        EventKind::Report => td_string!(Locale::fi, kind_report),
        EventKind::Webinar => td_string!(Locale::fi, kind_webinar),
        EventKind::QuickWebinar => td_string!(Locale::fi, kind_quick_webinar),
        EventKind::Training => td_string!(Locale::fi, kind_training),
        EventKind::StaffMeeting => td_string!(Locale::fi, kind_staff_meeting),
        EventKind::AccountPresentation => td_string!(Locale::fi, kind_account_presentation),
        EventKind::Custom => td_string!(Locale::fi, kind_custom),
    }
}

/// The event's line in a calendar: its own title, or its kind; a site visit names the site.
pub fn summary(e: &ClockEvent) -> String {
    let base = if e.title.is_empty() {
        kind_name(e.kind).to_string()
    } else {
        e.title.clone()
    };
    match &e.site {
        Some(site) => format!("{base}: {}", site.name),
        None => base,
    }
}

/// Writes events as an iCalendar. UIDs are the events' own ids, so a calendar app updates an
/// event in place when it changes, and removes it when it is gone from the feed.
pub fn to_ics(name: &str, events: &[ClockEvent]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    let stamp = Utc::now();
    for e in events {
        let mut event = Event::new();
        event
            .uid(&format!("{}@kamu", e.id))
            .summary(&summary(e))
            .timestamp(stamp);
        match (e.time, e.ends_on) {
            (Some(time), None) => {
                let start = helsinki_to_utc(e.starts_on.and_time(time));
                event
                    .starts(start)
                    .ends(start + Duration::minutes(DEFAULT_LENGTH_MINUTES));
            }
            _ => {
                let last = e.last_day();
                event.starts(e.starts_on).ends(last.succ_opt().unwrap_or(last));
            }
        }
        let mut description = Vec::new();
        if !e.title.is_empty() {
            description.push(kind_name(e.kind).to_string());
        }
        if let Some(p) = &e.responsible {
            description.push(format!("Vastuu: {}", p.name));
        }
        if e.status == EventStatus::Done {
            description.push("Tehty".to_string());
        }
        if !e.note.is_empty() {
            description.push(e.note.clone());
        }
        if !description.is_empty() {
            event.description(&description.join("\n"));
        }
        event.status(match e.status {
            EventStatus::Cancelled => icalendar::EventStatus::Cancelled,
            EventStatus::Planned | EventStatus::Moved => icalendar::EventStatus::Confirmed,
            EventStatus::Done => icalendar::EventStatus::Confirmed,
        });
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_time(NaiveTime::from_hms_opt(h, min, 0).unwrap())
    }

    #[test]
    fn a_1430_meeting_stays_at_1430_across_the_helsinki_dst_changes() {
        // Summer time starts 29.3.2026 and ends 25.10.2026 in Finland.
        assert_eq!(
            helsinki_to_utc(at(2026, 3, 28, 14, 30)).to_rfc3339(),
            "2026-03-28T12:30:00+00:00"
        );
        assert_eq!(
            helsinki_to_utc(at(2026, 3, 30, 14, 30)).to_rfc3339(),
            "2026-03-30T11:30:00+00:00"
        );
        assert_eq!(
            helsinki_to_utc(at(2026, 10, 26, 14, 30)).to_rfc3339(),
            "2026-10-26T12:30:00+00:00"
        );
    }

    #[test]
    fn skipped_and_doubled_hours_have_one_clear_answer() {
        // 3.30 does not exist on 29.3.2026 (clocks go 3.00 → 4.00): read as 4.30 summer time.
        assert_eq!(
            helsinki_to_utc(at(2026, 3, 29, 3, 30)).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        // 3.30 happens twice on 25.10.2026: the first, still summer time.
        assert_eq!(
            helsinki_to_utc(at(2026, 10, 25, 3, 30)).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
    }
}
