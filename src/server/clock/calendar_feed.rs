//! The clock as an iCalendar (RFC 5545) feed that Outlook and Google Calendar subscribe to:
//! per account, or per person ("my events" across their accounts), behind a secret token that
//! can be revoked; and a one-off .ics download for a signed-in person.
//!
//! Timed events are written in UTC, converted from Finnish wall-clock time with the real
//! Europe/Helsinki rules, so a 14.30 meeting stays at 14.30 on both sides of a DST change.
//! All-day events and periods are DATE values (the end exclusive, as RFC 5545 says).
//! Recurring events are written as repeating events: see `calendar_series`.

use crate::domain::calendar::{feed_text, CalendarFeed as Feed};
use crate::domain::clock::series::{SeriesDef, Stored};
use crate::domain::clock::{is_theirs, ClockEvent, EventKind, EventStatus, SiteRef};
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::Viewer;
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use sqlx::SqlitePool;
use std::collections::HashMap;

use crate::server::access;
use crate::server::clock::calendar_series::{series_events, FeedSeries, VTIMEZONE};
use crate::server::clock::events;
use crate::server::clock::series;
use crate::server::people::auth;

/// A meeting with no end time is shown as an hour long.
pub const DEFAULT_LENGTH_MINUTES: i64 = 60;

/// A secret token (a feed address, a sign-in link): 244 random bits from the operating system (two UUIDv4s), URL-safe.
pub(crate) fn new_token() -> String {
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
        .await?;
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
    .await?;
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
    .await?;
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
    .await?;
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
            .await?;
    let year = crate::domain::clock::account_year_of(today, start_month.clamp(1, 12) as u32);
    let mut events = events::of_account_year(pool, account, year, None).await?;
    events.extend(events::of_account_year(pool, account, year + 1, None).await?);
    let months = crate::domain::clock::account_year_months(year, start_month.clamp(1, 12) as u32);
    let from = months.first().and_then(|m| m.first_day()).unwrap_or(today);
    let to = from + Duration::days(2 * 366);
    let loaded = feed_series(pool, account, from, to).await?;
    Ok(to_ics(
        &format!("Kamu – {name}"),
        &events,
        &split_by_site(&loaded, |_| true),
    ))
}

/// The person's own events across every account they may see, from three months back to a
/// year ahead.
async fn own_calendar(pool: &SqlitePool, viewer: &Viewer, today: NaiveDate) -> Result<String, AppError> {
    let visible = access::visible_accounts(pool, viewer).await?;
    let own = access::own_work(pool, viewer).await?;
    let (from, to) = (today - Duration::days(92), today + Duration::days(366));
    let mut events = Vec::new();
    let mut loaded = Vec::new();
    for account in visible {
        let directs = own.directed.contains(&account.0);
        for e in events::of_account_between(pool, account, from, to).await? {
            if is_theirs(&e, viewer.id, &own.sites, directs) {
                events.push(e);
            }
        }
        loaded.push((account, feed_series(pool, account, from, to).await?));
    }
    let my_sites = &own.sites;
    let series: Vec<FeedSeries> = loaded
        .iter()
        .flat_map(|(account, l)| {
            let directs = own.directed.contains(&account.0);
            split_by_site(l, move |e| is_theirs(e, viewer.id, my_sites, directs))
        })
        .collect();
    Ok(to_ics("Kamu – omat tapahtumat", &events, &series))
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
    feed_text(&match &e.site {
        Some(site) => format!("{base}: {}", site.name),
        None => base,
    })
}

/// One event as an iCalendar event. Its UID is the event's own id, so a calendar app updates
/// an event in place when it changes, and removes it when it is gone from the feed.
pub fn event_of(e: &ClockEvent, stamp: chrono::DateTime<Utc>) -> Event {
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
    write_details(&mut event, e);
    event
}

/// The description (kind, responsible, done, note) and status of an event.
pub fn write_details(event: &mut Event, e: &ClockEvent) {
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
        event.description(&feed_text(&description.join("\n")));
    }
    event.status(match e.status {
        EventStatus::Cancelled => icalendar::EventStatus::Cancelled,
        EventStatus::Planned | EventStatus::Moved | EventStatus::Done => icalendar::EventStatus::Confirmed,
    });
}

/// Writes one-off events and series as an iCalendar.
pub fn to_ics(name: &str, events: &[ClockEvent], series: &[FeedSeries]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(&feed_text(name));
    let stamp = Utc::now();
    for e in events.iter().filter(|e| e.series.is_none()) {
        calendar.push(event_of(e, stamp).done());
    }
    for s in series {
        for event in series_events(s, stamp) {
            calendar.push(event);
        }
    }
    let text = calendar.done().to_string();
    if !series.iter().any(|s| s.def.time.is_some()) {
        return text;
    }
    // Timed series name their zone, so the zone's rules go into the calendar, before the events.
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.find("END:VCALENDAR"))
        .unwrap_or(text.len());
    format!("{}{VTIMEZONE}{}", &text[..at], &text[at..])
}

/// The series' stored occurrences, loaded once per series for a feed.
async fn stored_maps(
    pool: &SqlitePool,
    defs: &[SeriesDef],
) -> Result<Vec<HashMap<uuid::Uuid, Stored>>, AppError> {
    let mut conn = pool.acquire().await?;
    let mut out = Vec::with_capacity(defs.len());
    for def in defs {
        out.push(events::stored_of_series(&mut conn, def.id).await?);
    }
    Ok(out)
}

/// The series between two days, each per-site series split into its sites, and the ones
/// `keep` accepts (judged on the first occurrence: who it is for does not change in a series).
async fn feed_series(
    pool: &SqlitePool,
    account: AccountId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(SeriesDef, HashMap<uuid::Uuid, Stored>)>, AppError> {
    let mut conn = pool.acquire().await?;
    let defs = series::overlapping(&mut conn, account, from, to).await?;
    drop(conn);
    let stored = stored_maps(pool, &defs).await?;
    Ok(defs.into_iter().zip(stored).collect())
}

fn split_by_site<'a>(
    loaded: &'a [(SeriesDef, HashMap<uuid::Uuid, Stored>)],
    keep: impl Fn(&ClockEvent) -> bool,
) -> Vec<FeedSeries<'a>> {
    let mut out = Vec::new();
    for (def, stored) in loaded {
        let sites: Vec<Option<&SiteRef>> = if def.sites.is_empty() {
            vec![None]
        } else {
            def.sites.iter().map(Some).collect()
        };
        for site in sites {
            let sample = def
                .occurrences_between(def.series.starts_on, NaiveDate::MAX)
                .into_iter()
                .find(|e| e.site.as_ref() == site);
            if sample.is_some_and(|e| keep(&e)) {
                out.push(FeedSeries { def, site, stored });
            }
        }
    }
    out
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
