//! The accounts a person may see, and one account's page.

use crate::domain::account::{AccountDetail, AccountSummary};
use crate::domain::error::AppError;
use leptos::prelude::*;

/// The signed-in person's accounts, A–Ö.
#[server(endpoint = "accounts")]
pub async fn my_accounts() -> Result<Vec<AccountSummary>, AppError> {
    use super::door;
    use crate::server::access;
    use crate::server::accounts;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        let ids = access::visible_accounts(&state.pool, &auth::viewer_of(&person)).await?;
        accounts::summaries(&state.pool, &ids).await
    })
    .await
}

/// The accounts this person's phone keeps for offline use before they are opened: the ones they
/// work on, and for management the reds (at most `domain::access::KEEP_AHEAD_MAX`).
#[server(endpoint = "keep-on-device")]
pub async fn accounts_to_keep() -> Result<Vec<crate::domain::ids::AccountId>, AppError> {
    use super::door;
    use crate::server::access;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        access::accounts_to_keep(&state.pool, &auth::viewer_of(&person)).await
    })
    .await
}

/// The signed-in person's own events across their accounts: overdue, this week, next week.
#[server(endpoint = "my-week")]
pub async fn my_week() -> Result<crate::domain::clock::my_week::MyWeek, AppError> {
    use super::door;
    use crate::server::clock::my_week;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        my_week::my_week(&state.pool, &auth::viewer_of(&person), state.today()).await
    })
    .await
}

/// One account's whole copy: info, sites and supervisors, the clock of a year, the cards. The
/// device keeps it for offline use. Answers 403 (and logs it) for an account the person may not
/// see, existing or not.
#[server(endpoint = "account")]
pub async fn account(id: i64, year: Option<i32>) -> Result<AccountDetail, AppError> {
    super::door::answer(read_account(id, year, crate::domain::account::Part::Whole)).await
}

/// What the account's page shows on its first screen (`AccountDetail::first_screen`): the HTML
/// the server renders carries this, and the clock follows from the device or `account`.
#[server(endpoint = "account-page")]
pub async fn account_first_screen(id: i64, year: Option<i32>) -> Result<AccountDetail, AppError> {
    super::door::answer(read_account(id, year, crate::domain::account::Part::FirstScreen)).await
}

/// The one read behind both: who may see the account is checked here.
#[cfg(feature = "ssr")]
async fn read_account(
    id: i64,
    year: Option<i32>,
    part: crate::domain::account::Part,
) -> Result<AccountDetail, AppError> {
    use super::door;
    use crate::domain::ids::AccountId;
    use crate::server::access;
    use crate::server::accounts;
    use crate::server::people::auth;
    let state = door::state()?;
    let person = door::signed_in(&state).await?;
    let id = AccountId(id);
    let viewer = auth::viewer_of(&person);
    access::require_account(&state.pool, &viewer, id).await?;
    let today = state.today();
    let year = year.unwrap_or(chrono::Datelike::year(&today));
    if !(2000..=2100).contains(&year) {
        return Err(AppError::Invalid("year".into()));
    }
    accounts::detail(&state.pool, &viewer, id, year, today, part).await
}
