//! The management team's monthly portfolio (/salkku) and its printable pack (/salkku/paketti).

mod pack;
mod page;

pub use pack::PackPage;
pub use page::PortfolioPage;

use crate::domain::people::Role;
use crate::i18n::*;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;

/// The bottom bar's "Salkku" tab, for those who have a portfolio (management, directors,
/// admins): the month's reds and yellows one tap away, not below a hundred accounts.
#[component]
pub fn PortfolioTab() -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| crate::api::auth::me());
    let has_portfolio = move || {
        me.loaded()
            .and_then(|r| r.ok().flatten())
            .is_some_and(|p| matches!(p.role, Role::Admin | Role::Management | Role::AccountDirector))
    };
    view! {
        <Suspense fallback=|| ()>
            <Show when=has_portfolio>
                <a href="/salkku" class="bottom-link" data-testid="nav-portfolio">
                    <span aria-hidden="true">"◐"</span>
                    {t!(i18n, nav_portfolio)}
                </a>
            </Show>
        </Suspense>
    }
}
