//! The quality card's steps that need the network: submit, review, correct, management's
//! comments and the director's acknowledgement, the portfolio, the finance import and the
//! suggested light's rules. Drafting itself goes through the offline sync operations.

use crate::domain::card::import::{ImportPreview, ImportResult};
use crate::domain::card::portfolio::Portfolio;
use crate::domain::card::response::CardComment;
use crate::domain::card::suggest::LightRule;
use crate::domain::card::QualityCard;
use crate::domain::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A card's month from the URL's numbers, or a clear error.
#[cfg(feature = "ssr")]
fn period(year: i32, month: u32) -> Result<crate::domain::dates::YearMonth, AppError> {
    if (2000..=2100).contains(&year) && (1..=12).contains(&month) {
        Ok(crate::domain::dates::YearMonth { year, month })
    } else {
        Err(AppError::Invalid("bad_period".into()))
    }
}

/// The director sends the month's card to management; it is frozen from then on.
#[server(endpoint = "card/submit")]
pub async fn submit_card(account: i64, year: i32, month: u32) -> Result<QualityCard, AppError> {
    use super::door;
    use crate::server::card::workflow;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let viewer = auth::viewer_of(&person);
        let account = crate::domain::ids::AccountId(account);
        workflow::submit(&state.pool, &viewer, account, period(year, month)?, state.today()).await
    })
    .await
}

#[server(endpoint = "card/review")]
pub async fn review_card(account: i64, year: i32, month: u32) -> Result<QualityCard, AppError> {
    use super::door;
    use crate::server::card::workflow;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let viewer = auth::viewer_of(&person);
        let account = crate::domain::ids::AccountId(account);
        workflow::review(&state.pool, &viewer, account, period(year, month)?, state.today()).await
    })
    .await
}

/// Starts a new version of a submitted card (the submitted one stays in the history).
#[server(endpoint = "card/correct")]
pub async fn correct_card(account: i64, year: i32, month: u32) -> Result<QualityCard, AppError> {
    use super::door;
    use crate::server::card::workflow;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let viewer = auth::viewer_of(&person);
        let account = crate::domain::ids::AccountId(account);
        workflow::correct(&state.pool, &viewer, account, period(year, month)?).await
    })
    .await
}

#[server(endpoint = "card/comment")]
pub async fn comment_card(
    account: i64,
    year: i32,
    month: u32,
    text: String,
    instruction: bool,
    shared: bool,
) -> Result<CardComment, AppError> {
    use super::door;
    use crate::server::card::workflow;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let viewer = auth::viewer_of(&person);
        let account = crate::domain::ids::AccountId(account);
        let p = period(year, month)?;
        workflow::comment(
            &state.pool,
            &viewer,
            account,
            p,
            &text,
            instruction,
            shared,
            state.today(),
        )
        .await
    })
    .await
}

#[server(endpoint = "card/acknowledge")]
pub async fn acknowledge_comment(account: i64, comment: String) -> Result<CardComment, AppError> {
    use super::door;
    use crate::server::card::workflow;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let viewer = auth::viewer_of(&person);
        let id = uuid::Uuid::parse_str(&comment).map_err(|_| AppError::Invalid("comment".into()))?;
        let account = crate::domain::ids::AccountId(account);
        workflow::acknowledge(&state.pool, &viewer, account, id, state.today()).await
    })
    .await
}

/// Every account's card of a month ("2026-11"; this month when empty) for the management
/// team (a director: their own).
#[server(endpoint = "portfolio")]
pub async fn month_portfolio(month: Option<String>) -> Result<Portfolio, AppError> {
    use super::door;
    use crate::server::card::portfolio;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let period = match month.as_deref().filter(|m| !m.is_empty()) {
            Some(m) => {
                crate::domain::card::import::parse_period(m).ok_or(AppError::Invalid("bad_period".into()))?
            }
            None => portfolio::opening_month(&state.pool, &auth::viewer_of(&person), state.today()).await?,
        };
        portfolio::of_month(&state.pool, &auth::viewer_of(&person), period).await
    })
    .await
}

/// What a finance figures file would change, row by row; changes nothing.
#[server(endpoint = "figures/preview", input = Json)]
pub async fn preview_figures(text: String) -> Result<ImportPreview, AppError> {
    use super::door;
    use crate::server::card::figures_import;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        figures_import::preview(&state.pool, &auth::viewer_of(&person), &text).await
    })
    .await
}

/// Applies a finance figures file: all rows or none.
#[server(endpoint = "figures/apply", input = Json)]
pub async fn apply_figures(file_name: String, text: String) -> Result<ImportResult, AppError> {
    use super::door;
    use crate::server::card::figures_import;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        figures_import::apply(&state.pool, &auth::viewer_of(&person), &file_name, &text).await
    })
    .await
}

#[server(endpoint = "light-rules")]
pub async fn light_rules() -> Result<Vec<LightRule>, AppError> {
    use super::door;
    use crate::server::card::light_rules;
    door::answer(async {
        let state = door::state()?;
        door::signed_in(&state).await?;
        light_rules::current(&state.pool).await
    })
    .await
}

#[server(endpoint = "light-rules/save", input = Json)]
pub async fn save_light_rules(rules: Vec<LightRule>) -> Result<(), AppError> {
    use super::door;
    use crate::server::card::light_rules;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        light_rules::save(&state.pool, &auth::viewer_of(&person), &rules).await
    })
    .await
}
