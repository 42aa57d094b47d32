//! Calendar subscriptions: list, make and revoke the person's iCalendar feeds.

use crate::domain::calendar::CalendarFeed;
use crate::domain::error::AppError;
use leptos::prelude::*;

/// The person's working subscriptions.
#[server(endpoint = "calendar/feeds")]
pub async fn calendar_feeds() -> Result<Vec<CalendarFeed>, AppError> {
    use super::door;
    use crate::server::clock::calendar_feed;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        calendar_feed::list(&state.pool, &auth::viewer_of(&person)).await
    })
    .await
}

/// A new subscription for an account the person may see, or for their own events.
#[server(endpoint = "calendar/create")]
pub async fn create_calendar_feed(account: Option<i64>) -> Result<CalendarFeed, AppError> {
    use super::door;
    use crate::domain::ids::AccountId;
    use crate::server::clock::calendar_feed;
    use crate::server::people::auth;
    door::answer(async {
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        calendar_feed::create(&state.pool, &auth::viewer_of(&person), account.map(AccountId)).await
    })
    .await
}

/// Ends a subscription: the calendar app's next fetch finds nothing.
#[server(endpoint = "calendar/revoke")]
pub async fn revoke_calendar_feed(token: String) -> Result<(), AppError> {
    use super::door;
    use crate::server::clock::calendar_feed;
    use crate::server::people::auth;
    door::answer(async {
        if token.len() > 100 {
            return Err(AppError::Invalid("token".into()));
        }
        let state = door::state()?;
        let person = door::signed_in(&state).await?;
        calendar_feed::revoke(&state.pool, &auth::viewer_of(&person), &token).await
    })
    .await
}
