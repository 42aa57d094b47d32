//! Admin pages: what is set once for the whole company.

mod company_clock;

pub use company_clock::CompanyClockPage;

use crate::domain::people::Role;
use crate::i18n::*;
use leptos::prelude::*;

/// The way to the admin pages, shown to admins only.
#[component]
pub fn AdminLink() -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| crate::api::auth::me());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                me.get()
                    .and_then(|r| r.ok().flatten())
                    .filter(|p| p.role == Role::Admin)
                    .map(|_| view! {
                        <p class="admin-link">
                            <a class="button" href="/hallinta" data-testid="admin-link">{t!(i18n, company_clock_title)}</a>
                        </p>
                    })
            }}
        </Suspense>
    }
}
