//! Admin pages: what is set once for the whole company.

mod chosen_file;
mod company_clock;
mod figures_import;
mod kam_rules;
mod light_rules;
mod people;
mod sign_in_link;
mod site_import_history;
mod sites_import;

pub use company_clock::CompanyClockPage;
pub use figures_import::FiguresImportPage;
pub use light_rules::LightRulesPage;
pub use people::PeoplePage;
pub use sites_import::SitesImportPage;

use crate::domain::people::Role;
use crate::i18n::*;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;

/// The ways to the management team's portfolio (management, directors, admins) and to the
/// admin pages (admins).
#[component]
pub fn AdminLink() -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| crate::api::auth::me());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                me.loaded().and_then(|r| r.ok().flatten()).map(|p| {
                    let portfolio = matches!(p.role, Role::Admin | Role::Management | Role::AccountDirector);
                    let admin = p.role == Role::Admin;
                    view! {
                        <p class="admin-link">
                            {portfolio.then(|| view! {
                                <a class="button" href="/salkku" data-testid="portfolio-link">{t!(i18n, portfolio_title)}</a>
                            })}
                            {admin.then(|| view! {
                                <a class="button" href="/hallinta" data-testid="admin-link">{t!(i18n, company_clock_title)}</a>
                                <a class="button" href="/hallinta/luvut" data-testid="figures-link">{t!(i18n, figures_import_title)}</a>
                                <a class="button" href="/hallinta/saannot" data-testid="rules-link">{t!(i18n, light_rules_title)}</a>
                                <a class="button" href="/hallinta/kohteet" data-testid="sites-import-link">{t!(i18n, sites_import_title)}</a>
                                <a class="button" href="/hallinta/henkilot" data-testid="people-link">{t!(i18n, people_title)}</a>
                            })}
                        </p>
                    }
                })
            }}
        </Suspense>
    }
}
