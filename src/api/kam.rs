//! The KAM practice's doors (issue 19). Deals themselves are records of the one offline engine
//! (`domain::kam::deal`), written through the sync operations like every other record.

use crate::domain::error::AppError;
use crate::domain::kam::forecast::AccountForecast;
use leptos::prelude::*;

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
