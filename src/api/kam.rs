//! The KAM practice's doors (issue 19). Deals themselves are records of the one offline engine
//! (`domain::kam::deal`), written through the sync operations like every other record.

use crate::domain::error::AppError;
use crate::domain::kam::forecast::AccountForecast;
use crate::domain::kam::rules::KamRules;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The meeting-to-deal forecast of one account: what this year's meetings are expected to
/// bring, the band, the next meeting's worth, the turning point, and the backtest. For those
/// who see the account (deal values are read as the quality card's figures are).
#[server(endpoint = "kam/forecast")]
pub async fn forecast_of_account(account: i64) -> Result<AccountForecast, AppError> {
    use super::door;
    use crate::domain::ids::AccountId;
    use crate::server::access;
    door::answer(async {
        let (state, viewer) = door::viewer().await?;
        let account = AccountId(account);
        access::require_account(&state.pool, &viewer, account).await?;
        crate::server::kam::forecast::of_account(&state.pool, account, state.today()).await
    })
    .await
}

/// The company's KAM rules (one-off projects, a meeting's worth), for the admins' rules page.
#[server(endpoint = "kam/rules")]
pub async fn company_kam_rules() -> Result<KamRules, AppError> {
    use super::door;
    door::answer(async {
        let state = door::state()?;
        door::signed_in(&state).await?;
        crate::server::kam::rules::current(&state.pool).await
    })
    .await
}

/// Saves the KAM rules: admins only, nonsense refused with the rule named.
#[server(endpoint = "kam/rules/save", input = Json)]
pub async fn save_company_kam_rules(rules: KamRules) -> Result<(), AppError> {
    use super::door;
    door::answer(async {
        let (state, viewer) = door::viewer().await?;
        crate::server::kam::rules::save(&state.pool, &viewer, rules).await
    })
    .await
}
