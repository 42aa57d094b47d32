//! The clock in the person's own calendar: a one-off .ics download, and a subscription
//! (Outlook, Google Calendar) with a secret address that can be revoked.

use crate::api::calendar::{calendar_feeds, create_calendar_feed, revoke_calendar_feed};
use crate::domain::calendar::CalendarFeed;
use crate::domain::ids::AccountId;
use crate::i18n::*;
use leptos::prelude::*;

/// The full address a calendar app needs (the page's own origin plus the feed's path).
fn full_address(feed: &CalendarFeed) -> String {
    #[cfg(feature = "hydrate")]
    {
        let origin = window().location().origin().unwrap_or_default();
        format!("{origin}{}", feed.path())
    }
    #[cfg(not(feature = "hydrate"))]
    feed.path()
}

#[component]
pub fn CalendarLinks(account: AccountId) -> impl IntoView {
    let i18n = use_i18n();
    let feeds = RwSignal::new(Vec::<CalendarFeed>::new());
    let (failed, set_failed) = signal(false);
    let load = move || {
        leptos::task::spawn_local(async move {
            match calendar_feeds().await {
                Ok(all) => feeds.set(
                    all.into_iter()
                        .filter(|f| f.account_id == Some(account))
                        .collect(),
                ),
                Err(_) => set_failed.set(true),
            }
        })
    };
    let subscribe = move |_| {
        set_failed.set(false);
        leptos::task::spawn_local(async move {
            match create_calendar_feed(Some(account.0)).await {
                Ok(feed) => feeds.update(|f| f.push(feed)),
                Err(_) => set_failed.set(true),
            }
        });
    };
    let download = format!("/asiakkuus/{account}/vuosikello.ics");
    view! {
        <details class="calendar-links" on:toggle=move |_| load()>
            <summary>{t!(i18n, calendar_title)}</summary>
            <p>
                // A plain link: the server answers a file, not a page of the app.
                <a class="button" href=download rel="external" download data-testid="ics-download">
                    {t!(i18n, calendar_download)}
                </a>
            </p>
            <p class="muted">{t!(i18n, calendar_subscribe_hint)}</p>
            <ul class="feed-list">
                <For each=move || feeds.get() key=|f| f.token.clone() let:feed>
                    {
                        let token = feed.token.clone();
                        let address = full_address(&feed);
                        let revoke = move |_| {
                            let token = token.clone();
                            leptos::task::spawn_local(async move {
                                match revoke_calendar_feed(token.clone()).await {
                                    Ok(()) => feeds.update(|f| f.retain(|x| x.token != token)),
                                    Err(_) => set_failed.set(true),
                                }
                            });
                        };
                        view! {
                            <li class="stack">
                                <input type="text" readonly prop:value=address data-testid="feed-address" />
                                <button class="button" on:click=revoke data-testid="feed-revoke">{t!(i18n, calendar_revoke)}</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <button class="button button-primary" on:click=subscribe data-testid="feed-create">{t!(i18n, calendar_subscribe)}</button>
            <Show when=move || failed.get()>
                <p class="notice notice-error" role="alert">{t!(i18n, calendar_needs_network)}</p>
            </Show>
        </details>
    }
    .into_any()
}
