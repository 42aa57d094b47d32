//! The clock's server-side steps: planning next year, and the company clock an admin keeps
//! (company activities in every wheel, the standard template). These need the network: a
//! director plans a year once, at a desk or on a phone with a signal.

use crate::domain::clock::series::SeriesDef;
use crate::domain::clock::template::TemplateEntry;
use crate::domain::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The company clock as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyClockData {
    pub activities: Vec<SeriesDef>,
    pub template: Vec<TemplateEntry>,
}

/// Makes the account year after `year` from this year's clock and the template; answers how
/// many events the new year has.
#[server(endpoint = "clock/plan-next-year")]
pub async fn plan_next_year(account: i64, year: i32) -> Result<usize, AppError> {
    use super::door;
    use crate::domain::ids::AccountId;
    use crate::server::clock::next_year;
    use crate::server::people::auth;
    door::answer(async {
        if !(2000..=2100).contains(&year) {
            return Err(AppError::Invalid("year".into()));
        }
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        next_year::plan_next_year(&state.pool, &auth::viewer_of(&person), AccountId(account), year).await
    })
    .await
}

#[server(endpoint = "clock/company")]
pub async fn company_clock() -> Result<CompanyClockData, AppError> {
    use super::door;
    use crate::domain::people::Role;
    use crate::server::clock::company;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        if person.role != Role::Admin {
            return Err(AppError::Forbidden);
        }
        Ok(CompanyClockData {
            activities: company::activities(&state.pool).await?,
            template: company::template(&state.pool).await?,
        })
    })
    .await
}

/// `first`: YYYY-MM-DD; `last`: YYYY-MM-DD or empty (a period's last day); `repeat`: a
/// `Repeat` key; `time`: HH:MM or empty.
#[server(endpoint = "clock/company/add")]
pub async fn add_company_activity(
    title: String,
    first: String,
    last: String,
    repeat: String,
    time: String,
) -> Result<(), AppError> {
    use super::door;
    use crate::domain::clock::new_event::Repeat;
    use crate::server::clock::company;
    use crate::server::people::auth;
    door::answer(async {
        // Dates outside the years Kamu accepts are refused here, before any arithmetic.
        let first =
            crate::domain::dates::parse_date(&first).ok_or_else(|| AppError::Invalid("first".into()))?;
        let repeat = Repeat::from_key(&repeat).ok_or_else(|| AppError::Invalid("repeat".into()))?;
        let time = parse_time(&time)?;
        let last = match last.trim() {
            "" => None,
            s => Some(crate::domain::dates::parse_date(s).ok_or_else(|| AppError::Invalid("last".into()))?),
        };
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        company::add_activity(
            &state.pool,
            &auth::viewer_of(&person),
            &title,
            first,
            repeat,
            time,
            last,
        )
        .await
        .map(|_| ())
    })
    .await
}

#[server(endpoint = "clock/company/remove")]
pub async fn remove_company_activity(id: String) -> Result<(), AppError> {
    use super::door;
    use crate::server::clock::company;
    use crate::server::people::auth;
    door::answer(async {
        let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::Invalid("id".into()))?;
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        company::remove_activity(&state.pool, &auth::viewer_of(&person), id).await
    })
    .await
}

/// `kind`: an `EventKind` key; `month`: 1–12 of the account year; `repeat`: a `Repeat` key.
#[server(endpoint = "clock/template/add")]
pub async fn add_template_entry(
    kind: String,
    title: String,
    month: u32,
    day: u32,
    repeat: String,
    time: String,
) -> Result<(), AppError> {
    use super::door;
    use crate::domain::clock::new_event::Repeat;
    use crate::domain::clock::EventKind;
    use crate::server::clock::company;
    use crate::server::people::auth;
    door::answer(async {
        let entry = TemplateEntry {
            id: 0,
            kind: EventKind::parse(&kind).ok_or_else(|| AppError::Invalid("kind".into()))?,
            title: title.trim().to_string(),
            month_offset: month
                .checked_sub(1)
                .ok_or_else(|| AppError::Invalid("month".into()))?,
            day,
            repeat: Repeat::from_key(&repeat).ok_or_else(|| AppError::Invalid("repeat".into()))?,
            time: parse_time(&time)?,
        };
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        company::add_template_entry(&state.pool, &auth::viewer_of(&person), &entry).await
    })
    .await
}

#[server(endpoint = "clock/template/remove")]
pub async fn remove_template_entry(id: i64) -> Result<(), AppError> {
    use super::door;
    use crate::server::clock::company;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        company::remove_template_entry(&state.pool, &auth::viewer_of(&person), id).await
    })
    .await
}

#[cfg(feature = "ssr")]
fn parse_time(s: &str) -> Result<Option<chrono::NaiveTime>, AppError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map(Some)
        .map_err(|_| AppError::Invalid("time".into()))
}
