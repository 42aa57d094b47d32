//! The person's own inbox across accounts (/saapuneet): urgent bulletins to acknowledge first,
//! then mentions, with unread counts; readable and acknowledgeable offline. The bottom bar's
//! link shows the unread count.

use crate::api::channel::my_inbox;
use crate::domain::channel::inbox::{Inbox, InboxItem, InboxReason};
use crate::domain::channel::ops::ChannelAction;
use crate::domain::error::AppError;
use crate::i18n::*;
use crate::offline::state::use_sync;
use crate::ui::error_view::ErrorView;
use crate::ui::format::moment;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(
        || (),
        |_| async move {
            crate::offline::read::server_or_device(my_inbox(), crate::offline::read::kept_inbox()).await
        },
    );
    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, inbox_title)) />
        <Page signed_in=true>
            <h1>{t!(i18n, inbox_title)}</h1>
            <p class="etiquette">
                <span>{t!(i18n, etiquette_mention)}</span>
                <span>{t!(i18n, etiquette_urgent)}</span>
            </p>
            <PushToggle />
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|result: Result<Inbox, AppError>| match result {
                    Ok(inbox) => view! { <InboxList inbox /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn InboxList(inbox: Inbox) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let stored = RwSignal::new(inbox.clone());
    let first = inbox.clone();
    Effect::new(move |_| {
        let first = first.clone();
        sync.unread.set(Some(first.unread()));
        leptos::task::spawn_local(async move { crate::offline::read::keep_inbox(&first).await });
    });
    crate::offline::read::reread_on_revision(sync, stored, crate::offline::read::kept_inbox);
    // The person's own waiting acknowledgements count as done here at once.
    let items = Memo::new(move |_| {
        let acked: Vec<uuid::Uuid> = super::waiting_writes(sync)
            .into_iter()
            .filter_map(|(_, action)| match action {
                ChannelAction::Acknowledge { post_id } => Some(post_id),
                _ => None,
            })
            .collect();
        let mut inbox = stored.get();
        for item in &mut inbox.items {
            if acked.contains(&item.post.id) {
                // Acknowledging is reading: it stops counting as unread at once.
                item.post.acknowledged = true;
                item.read = true;
            }
        }
        (inbox.items.clone(), inbox.unread(), acked)
    });
    let email_mentions = inbox.email_mentions;
    view! {
        {email_mentions.map(|on| view! { <MentionEmails on /> })}
        <p class="muted" data-testid="inbox-unread">{t!(i18n, inbox_unread_n, n = move || items.with(|i| i.1))}</p>
        {move || items.with(|(list, _, _)| list.is_empty()).then(|| view! { <p class="muted">{t!(i18n, inbox_empty)}</p> })}
        <ul class="inbox" data-testid="inbox">
            {move || {
                let (list, _, acked) = items.get();
                list.into_iter().map(|item| {
                    let waiting = acked.contains(&item.post.id);
                    view! { <InboxRow item waiting /> }
                }).collect_view()
            }}
        </ul>
    }
}

#[component]
fn InboxRow(item: InboxItem, waiting: bool) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let needs_ack = item.needs_ack();
    let unread = !item.read || needs_ack;
    let (account, post_id) = (item.post.account_id, item.post.id);
    let href = crate::domain::channel::post::post_path(account, post_id);
    let reason = match item.reason {
        InboxReason::Urgent => t_string!(i18n, urgency_urgent).to_string(),
        InboxReason::Mention => t_string!(i18n, mentioned_you).to_string(),
    };
    let ack = move |_| super::queue(sync, account, ChannelAction::Acknowledge { post_id }, |_| {});
    view! {
        <li class="inbox-item" class:unread=unread data-testid="inbox-item">
            <a href=href class="inbox-link">
                <span class=format!("badge badge-{}", item.post.urgency.as_str())>{reason}</span>
                <strong>{item.account_name.clone()}</strong>
                <span class="muted">{item.post.author.name.clone()} " · " <span class="nowrap">{moment(i18n, item.post.at)}</span></span>
                // An urgent bulletin is read whole before it is acknowledged; others are clipped.
                <span class="inbox-body" class:inbox-body-whole=needs_ack data-testid="inbox-body">{item.post.body.clone()}</span>
            </a>
            {needs_ack.then(|| view! {
                <button class="button button-primary button-wide" on:click=ack data-testid="inbox-acknowledge">
                    {t!(i18n, ack_bulletin)}
                </button>
            })}
            {(item.post.acknowledged && item.reason == InboxReason::Urgent).then(|| view! {
                <p class="ack-done" data-testid="inbox-acknowledged">"✓ " {t!(i18n, acknowledged)}
                    {waiting.then(|| view! { " · " <span class="pending-mark" data-testid="ack-waiting">{t!(i18n, waiting_to_send)}</span> })}
                </p>
            })}
        </li>
    }
}

/// The bottom bar's inbox link with the unread count.
#[component]
pub fn InboxLink() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    view! {
        <a href="/saapuneet" class="bottom-link" data-testid="nav-inbox">
            <span aria-hidden="true">"✉"</span>
            {t!(i18n, nav_inbox)}
            {move || sync.unread.get().filter(|n| *n > 0).map(|n| view! {
                <span class="count-badge" data-testid="unread-count">{n}</span>
            })}
        </a>
    }
}

/// The reader's choice to get their mentions by e-mail too (where push cannot reach them): a
/// plain form the server answers by coming back here, so it needs no code of its own here.
#[component]
fn MentionEmails(on: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="post" action="/saapuneet/sahkoposti" class="mention-emails" data-testid="email-mentions">
            <input type="hidden" name="on" value=if on { "0" } else { "1" } />
            {on.then(|| view! { <p class="notice" role="status">{t!(i18n, email_mentions_on)}</p> })}
            <button type="submit" class="button button-secondary">
                {move || if on { t_string!(i18n, email_mentions_stop) } else { t_string!(i18n, email_mentions_start) }}
            </button>
        </form>
    }
}

/// Turns on notifications for urgent bulletins and mentions on this device. The inbox works
/// without them.
#[component]
fn PushToggle() -> impl IntoView {
    let i18n = use_i18n();
    // None = not tried; Some(0) on, Some(1) denied, Some(2) unavailable.
    let state = RwSignal::new(None::<u8>);
    let enable = move |_| {
        use crate::offline::device::{enable_push, PushResult};
        enable_push(move |result| {
            state.set(Some(match result {
                PushResult::On => 0,
                PushResult::Denied => 1,
                PushResult::Unavailable => 2,
            }))
        });
    };
    view! {
        <div class="push-toggle">
            {move || match state.get() {
                None => view! {
                    <button class="button button-secondary" on:click=enable data-testid="push-enable">
                        {t!(i18n, push_enable)}
                    </button>
                }.into_any(),
                Some(0) => view! { <p class="notice" role="status">{t!(i18n, push_on)}</p> }.into_any(),
                Some(1) => view! { <p class="notice" role="status">{t!(i18n, push_denied)}</p> }.into_any(),
                Some(_) => view! { <p class="notice" role="status" data-testid="push-unavailable">{t!(i18n, push_unavailable)}</p> }.into_any(),
            }}
        </div>
    }
}
