//! Whom to contact (`/tuki`, issue 19, seed 002 Q1, Q9): every account A–Ö with its KAM on the
//! line, and behind a tap its team with phone and e-mail and the regions it has sites in; below,
//! each region's leads once (they answer for every account's sites there), for anyone in the
//! company. A closed `<details>` per account keeps a hundred accounts one screen of names;
//! the browser's find-in-page opens the one that matches.

use crate::api::drawn::Drawn;
use crate::domain::error::AppError;
use crate::domain::kam::support::{Answers, Contact};
use crate::domain::people::Viewer;
use crate::i18n::*;
use crate::server::kam::support::{AccountSupport, RegionLeads};
use crate::server::state::AppState;
use crate::ui::labels::role_in;
use leptos::prelude::*;

pub async fn draw(state: &AppState, viewer: &Viewer, locale: Locale) -> Result<Drawn, AppError> {
    let directory = crate::server::kam::support::directory(&state.pool, viewer).await?;
    let title = td_string!(locale, support_title);
    let html = view! {
        <a class="back-link" href="/">"‹ " {td_string!(locale, back_to_accounts)}</a>
        <h1>{title}</h1>
        <p class="muted">{td_string!(locale, support_intro)}</p>
        {if directory.accounts.is_empty() {
            view! { <p class="notice">{td_string!(locale, no_accounts)}</p> }.into_any()
        } else {
            view! {
                <ul class="support-list" data-testid="support-list">
                    {directory.accounts.iter().map(|a| account(a, locale)).collect::<Vec<_>>()}
                </ul>
                <h2>{td_string!(locale, support_regions)}</h2>
                <ul class="support-list">
                    {directory.regions.iter().map(|r| region(r, locale)).collect::<Vec<_>>()}
                </ul>
            }
            .into_any()
        }}
    }
    .to_html();
    Ok(Drawn {
        title: format!("{title} – Kamu"),
        html,
    })
}

fn account(a: &AccountSupport, locale: Locale) -> impl IntoView {
    let kam = a
        .contacts
        .iter()
        .find(|c| c.answers == Answers::Kam)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| td_string!(locale, support_no_kam).to_string());
    // The regions' leads are listed once below; the account names its regions and links there.
    let regions = a
        .regions
        .iter()
        .map(|(id, name)| view! { " " <a class="contact-link" href=format!("#alue-{id}")>{name.clone()}</a> })
        .collect::<Vec<_>>();
    view! {
        <li class="support-account" data-testid="support-account">
            <details>
                <summary>
                    <strong>{a.name.clone()}</strong>
                    <span class="muted" data-testid="support-kam">{kam}</span>
                </summary>
                <ul class="support-contacts">
                    {a.contacts.iter().map(|c| contact(c, locale)).collect::<Vec<_>>()}
                </ul>
                {(!regions.is_empty()).then(|| view! {
                    <p class="support-regions">{td_string!(locale, support_account_regions)} {regions}</p>
                })}
            </details>
        </li>
    }
}

fn region(r: &RegionLeads, locale: Locale) -> impl IntoView {
    view! {
        <li class="support-account" id=format!("alue-{}", r.region) data-testid="support-region">
            <h3>{r.name.clone()}</h3>
            {if r.leads.is_empty() {
                view! { <p class="muted">{td_string!(locale, support_no_leads)}</p> }.into_any()
            } else {
                view! {
                    <ul class="support-contacts">
                        {r.leads.iter().map(|c| contact(c, locale)).collect::<Vec<_>>()}
                    </ul>
                }
                .into_any()
            }}
        </li>
    }
}

fn contact(c: &Contact, locale: Locale) -> impl IntoView {
    let answers = match &c.answers {
        Answers::Kam => td_string!(locale, support_kam).into_any(),
        Answers::Team(role) => {
            let role = role_in(locale, *role);
            td!(locale, support_team, role = move || role).into_any()
        }
        Answers::Region { role, region } => {
            let (role, region) = (role_in(locale, *role), region.clone());
            td!(
                locale,
                support_region,
                role = move || role,
                region = move || region.clone()
            )
            .into_any()
        }
    };
    // A number as typed ("040 123 4567") dials without its spaces.
    let phone = c.phone.clone().map(|p| {
        let dial: String = p.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect();
        view! { <a class="contact-link" href=format!("tel:{dial}")>{p}</a> }
    });
    view! {
        <li class="support-contact" data-testid="support-contact">
            <p><strong>{c.name.clone()}</strong></p>
            <p class="muted">{answers}</p>
            <p class="contact-links">
                {phone}
                <a class="contact-link" href=format!("mailto:{}", c.email)>{c.email.clone()}</a>
            </p>
        </li>
    }
}
