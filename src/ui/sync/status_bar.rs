//! The always-visible sync line: offline, sending, how many edits wait, when last synced.

use crate::i18n::*;
use crate::offline::state::{use_sync, StoreProblem};
use leptos::prelude::*;

#[component]
pub fn SyncStatusBar() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    // Clock and card edits and channel writes (posts, acknowledgements) alike.
    let waiting = move || sync.waiting();
    let has_waiting = move || waiting() > 0;
    let quiet = move || sync.online.get() && !has_waiting() && !sync.sending.get();
    let class = move || {
        if !sync.online.get() {
            "sync-bar sync-offline"
        } else if has_waiting() {
            "sync-bar sync-waiting"
        } else {
            "sync-bar"
        }
    };
    view! {
        <div class=class role="status" data-testid="sync-status">
            <Show when=move || !sync.online.get()>
                <span data-testid="offline-notice">{t!(i18n, offline_notice)}</span>
            </Show>
            <Show when=has_waiting>
                <span data-testid="sync-waiting">
                    {crate::ui::labels::counted!(i18n, sync_waiting, sync_waiting_one, count = waiting())}
                </span>
            </Show>
            <Show when=move || sync.sending.get()>
                <span>{t!(i18n, sync_sending)}</span>
            </Show>
            <Show when=quiet>
                {move || match sync.last_synced.get() {
                    Some(time) => t!(i18n, sync_synced_at, time = move || time.clone()).into_any(),
                    None => t!(i18n, sync_up_to_date).into_any(),
                }}
            </Show>
        </div>
        // Only worth saying when edits wait for it; a signed-out sync with nothing to send is quiet.
        <Show when=move || sync.signed_out.get() && has_waiting()>
            <p class="notice notice-error" role="alert">
                {t!(i18n, signed_out_waiting)} " " <a href="/kirjaudu">{t!(i18n, go_sign_in)}</a>
            </p>
        </Show>
        <SafariHint />
        {move || sync.store_problem.get().map(|p| view! {
            <p class="notice notice-error" role="alert" data-testid="store-problem">
                {match p {
                    StoreProblem::Full => t_string!(i18n, store_full).to_string(),
                    StoreProblem::Unavailable => t_string!(i18n, store_unavailable).to_string(),
                }}
            </p>
        })}
    }
    // Erased: the full type of this view is deep enough to hit the compiler's limits.
    .into_any()
}

/// On Safari, offline data survives only if the app is installed to the home screen.
#[component]
fn SafariHint() -> impl IntoView {
    let i18n = use_i18n();
    let (show, set_show) = signal(false);
    // Asked once the page runs in the browser (the server renders it hidden).
    Effect::new(move |_| set_show.set(crate::offline::device::safari_not_installed()));
    view! {
        <Show when=move || show.get()>
            <p class="notice" data-testid="safari-hint">{t!(i18n, safari_hint)}</p>
        </Show>
    }
}
