//! A banner that says plainly when the device is offline.

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn OfflineNotice() -> impl IntoView {
    let i18n = use_i18n();
    // The server always renders "online"; the browser corrects it after hydration.
    let (online, set_online) = signal(true);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        set_online.set(crate::offline::network::is_online());
    });
    let _ = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
    let _ = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
    view! {
        <Show when=move || !online.get()>
            <div class="offline-notice" role="status" data-testid="offline-notice">
                {t!(i18n, offline_notice)}
            </div>
        </Show>
    }
}
