//! The channel page: pinned urgent bulletins to acknowledge, the etiquette, writing, search,
//! and the threads. Read from the server when online, from the device's copy otherwise; the
//! person's own waiting writes are shown at once, marked as waiting.

use super::compose::Compose;
use super::thread::ThreadView;
use super::urgent::UrgentBulletin;
use crate::api::channel::{channel_read, channel_search, open_channel};
use crate::domain::channel::post::Post;
use crate::domain::channel::view::ChannelView;
use crate::domain::error::AppError;
use crate::i18n::*;
use crate::offline::state::{set_if_changed, use_sync};
use crate::ui::error_view::ErrorView;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn channel_resource(
    id: impl Fn() -> Option<i64> + Send + Sync + 'static,
) -> Resource<Result<ChannelView, AppError>> {
    Resource::new(id, |id| async move {
        let Some(id) = id else {
            return Err(AppError::NotFound);
        };
        crate::offline::read::server_or_device(
            open_channel(id),
            crate::offline::read::kept_channel(crate::domain::ids::AccountId(id)),
        )
        .await
    })
}

#[component]
pub fn ChannelPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    let data = channel_resource(id);
    view! {
        <Page signed_in=true>
            {move || id().map(|id| view! {
                <a class="back-link" href=format!("/asiakkuus/{id}")>"‹ " {t!(i18n, back_to_account)}</a>
            })}
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|result| match result {
                    Ok(view) => view! { <ChannelBody initial=view /> }.into_any(),
                    Err(error) => view! { <Title text="Kamu" /> <ErrorView error /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn ChannelBody(initial: ChannelView) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let account = initial.account_id;
    let stored = RwSignal::new(initial.clone());
    // Keep this copy for offline reading, and mark the inbox items of this account read.
    let first = initial.clone();
    Effect::new(move |_| {
        let first = first.clone();
        leptos::task::spawn_local(async move {
            set_if_changed(stored, crate::offline::read::keep_channel(first, sync).await);
            if channel_read(account.0).await.is_ok() {
                sync.request_sync();
            }
        });
    });
    // After each sync the device's copy is fresher than what the page was served with.
    crate::offline::read::reread_on_revision(sync, stored, move || {
        crate::offline::read::kept_channel(account)
    });
    // What is shown: the stored copy with the person's own waiting writes on top.
    let shown = Memo::new(move |_| {
        let mut view = stored.get();
        let now = super::now_local();
        sync.outbox
            .with(|ops| ops.iter().for_each(|op| view.apply_local(op, now)));
        view
    });
    // The posts with a write of this person's still waiting to be sent.
    let waiting = Memo::new(move |_| {
        super::waiting_writes(sync)
            .into_iter()
            .filter_map(|(op, _)| match op.change.entity() {
                crate::domain::sync::Entity::Post(id) => Some(id),
                _ => None,
            })
            .collect::<Vec<_>>()
    });
    let name = initial.account_name.clone();
    let search = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<Post>>);
    let run_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = search.get_untracked();
        if text.trim().is_empty() {
            found.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            match channel_search(account.0, text.clone()).await {
                Ok(posts) => found.set(Some(posts)),
                // Offline: search the posts the device has.
                Err(_) => found.set(Some(
                    shown
                        .get_untracked()
                        .posts
                        .into_iter()
                        .filter(|p| {
                            crate::domain::collation::matches_query(&text, &[&p.body, &p.author.name])
                        })
                        .collect(),
                )),
            }
        });
    };
    view! {
        <Title text=crate::ui::layout::page_title(format!("{name} – {} – Kamu", t_string!(i18n, channel_title))) />
        <h1 class="channel-title">{name.clone()} <span class="muted">" · " {t!(i18n, channel_title)}</span></h1>
        <p class="etiquette" data-testid="etiquette">
            <span>{t!(i18n, etiquette_none)}</span>
            <span>{t!(i18n, etiquette_mention)}</span>
            <span>{t!(i18n, etiquette_urgent)}</span>
        </p>
        <section class="urgent-list" data-testid="urgent-list">
            // Redrawn whole when the copy changes: the acknowledgement counts change with it.
            {move || shown.with(|v| v.active_urgent().into_iter().map(|post| {
                let tally = v.tally(post.id).cloned();
                view! { <UrgentBulletin post tally account me=v.me.id waiting /> }
            }).collect_view())}
        </section>
        <Compose channel=shown account />
        <form class="channel-search" on:submit=run_search role="search">
            <input type="search" class="input" placeholder=move || t_string!(i18n, channel_search_placeholder).to_string()
                prop:value=search on:input=move |ev| search.set(event_target_value(&ev)) data-testid="channel-search" />
            <button type="submit" class="button button-secondary">{t!(i18n, search)}</button>
        </form>
        {move || found.get().map(|posts| view! {
            <section class="section" data-testid="search-results">
                <h2>{t!(i18n, search_results)} " (" {posts.len()} ")"</h2>
                {posts.into_iter().map(|p| view! { <ThreadView post=p answers=vec![] channel=shown account waiting /> }).collect_view()}
            </section>
        })}
        <section class="threads" data-testid="threads">
            {move || {
                let threads: Vec<_> = shown.get().threads().into_iter().filter(|t| !t.post.asks_ack()).collect();
                if threads.is_empty() && shown.with(|v| v.posts.is_empty()) {
                    view! { <p class="muted">{t!(i18n, channel_empty)}</p> }.into_any()
                } else {
                    threads.into_iter().map(|t| view! { <ThreadView post=t.post answers=t.answers channel=shown account waiting /> }).collect_view().into_any()
                }
            }}
        </section>
    }
}
