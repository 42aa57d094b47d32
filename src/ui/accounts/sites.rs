//! The account's supervisors (who to call) and its sites by town.

use crate::domain::account::{supervisors_of, Contact, SiteInfo};
use crate::domain::contact_links::{mailto_href, tel_href};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ContactLinks(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let mail = mailto_href(&contact.email);
    view! {
        <span class="contact-links">
            {contact.phone.map(|p| {
                let tel = tel_href(&p);
                view! { <a class="icon-link" href=tel aria-label=move || format!("{} {}", t_string!(i18n, call), p)>"☎"</a> }
            })}
            <a class="icon-link" href=mail aria-label=move || t_string!(i18n, send_email).to_string()>"✉"</a>
        </span>
    }
}

/// "1 kohde" / "12 kohdetta": Finnish, like English, has a singular.
#[component]
pub fn SiteCount(count: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || count != 1 fallback=move || t!(i18n, site_one)>
            {t!(i18n, sites_count, count = move || count)}
        </Show>
    }
}

#[component]
pub fn SitesView(sites: Vec<SiteInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let supervisors = supervisors_of(&sites);
    let site_count = sites.len();
    view! {
        <h3>{t!(i18n, supervisors)}</h3>
        <ul class="people" data-testid="supervisors">
            {supervisors
                .into_iter()
                .map(|(c, n)| view! {
                    <li class="person">
                        <span class="person-main">
                            <span class="person-name">{c.name.clone()}</span>
                            <span class="muted"><SiteCount count=n /></span>
                        </span>
                        <ContactLinks contact=c />
                    </li>
                })
                .collect_view()}
        </ul>
        <details class="sites" open=site_count <= 12>
            <summary><SiteCount count=site_count /></summary>
            <ul class="site-list" data-testid="sites">
                {sites
                    .into_iter()
                    .map(|s| view! {
                        <li class="site">
                            <span class="site-name">{s.name}</span>
                            <span class="muted">{format!("{}, {}", s.address, s.town)}</span>
                            <span class="site-supervisor">
                                {match s.supervisor {
                                    Some(c) => c.name.into_any(),
                                    None => view! { <em>{t!(i18n, no_supervisor)}</em> }.into_any(),
                                }}
                            </span>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
