//! "Kept for offline use: 3 accounts, Mine and Inbox · 4,2 / 50 MB": what this phone can open
//! without a network, and how much of its budget that takes.

use crate::i18n::*;
use crate::offline::state::use_sync;
use crate::ui::labels::counted;
use leptos::prelude::*;

/// "4,2" (Finnish, Swedish) or "4.2" (English) megabytes.
fn megabytes(i18n: leptos_i18n::I18nContext<Locale>, bytes: f64) -> String {
    let text = format!("{:.1}", bytes / (1024.0 * 1024.0));
    match i18n.get_locale() {
        Locale::fi | Locale::sv => text.replace('.', ","),
        _ => text,
    }
}

#[component]
pub fn KeptNote() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    move || {
        sync.kept.get().map(|kept| {
            let n = kept.accounts;
            let used = megabytes(i18n, kept.bytes);
            let budget = megabytes(i18n, kept.budget);
            view! {
                <p class="muted kept-note" data-testid="kept-on-device">
                    {counted!(i18n, kept_accounts, kept_accounts_one, n = n)}
                    " · "
                    {t!(i18n, kept_size, used = move || used.clone(), budget = move || budget.clone())}
                </p>
            }
        })
    }
}
