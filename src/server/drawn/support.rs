//! Whom to contact (`/tuki`, issue 19, seed 002 Q1, Q9), for anyone in the company: every
//! account A–Ö with its KAM, one tap from whom to contact about it (`/tuki/<id>`: its KAM and team
//! with phone and e-mail, then the leads of each region it has sites in). The list names only the
//! KAM so that a hundred accounts stay a light page on a phone; the browser's find-in-page finds
//! an account by name.

use crate::api::drawn::Drawn;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::ids::PersonId;
use crate::domain::kam::support::{Answers, Contact, Helper, SupportRole, MAX_ANSWERS_FOR_CHARS};
use crate::domain::people::Viewer;
use crate::domain::sync::doc::{Doc, RecordKind};
use crate::i18n::*;
use crate::server::drawn::doc_form::{self, Target};
use crate::server::kam::support::{DirectoryEntry, RegionLeads};
use crate::server::state::AppState;
use crate::ui::labels::role_in;
use leptos::prelude::*;
use uuid::Uuid;

pub async fn draw_directory(state: &AppState, viewer: &Viewer, locale: Locale) -> Result<Drawn, AppError> {
    let entries = crate::server::kam::support::directory(&state.pool, viewer).await?;
    let title = td_string!(locale, support_title);
    let html = view! {
        <a class="back-link" href="/">"‹ " {td_string!(locale, back_to_accounts)}</a>
        <h1>{title}</h1>
        <p class="muted">{td_string!(locale, support_intro)}</p>
        {if entries.is_empty() {
            view! { <p class="notice">{td_string!(locale, no_accounts)}</p> }.into_any()
        } else {
            view! {
                <ul class="support-list" data-testid="support-list">
                    {entries.iter().map(|e| entry(e, locale)).collect::<Vec<_>>()}
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

fn entry(e: &DirectoryEntry, locale: Locale) -> impl IntoView {
    let kam = e
        .kam
        .clone()
        .unwrap_or_else(|| td_string!(locale, support_no_kam).to_string());
    view! {
        <li data-testid="support-account">
            <a class="support-account" href=format!("/tuki/{}", e.account.0)>
                <strong>{e.name.clone()}</strong>
                <span class="muted" data-testid="support-kam">{kam}</span>
            </a>
        </li>
    }
}

pub async fn draw_account(
    state: &AppState,
    viewer: &Viewer,
    account: AccountId,
    locale: Locale,
) -> Result<Drawn, AppError> {
    let support = crate::server::kam::support::of_account(&state.pool, viewer, account).await?;
    let title = td_string!(locale, support_title);
    let kam_missing = !support.contacts.iter().any(|c| c.answers == Answers::Kam);
    let edit_helpers = match support.edits {
        true => {
            // The KAM is not their own helper.
            let kam: Vec<i64> = support
                .contacts
                .iter()
                .filter(|c| c.answers == Answers::Kam)
                .map(|c| c.person_id)
                .collect();
            let mut people = crate::server::kam::support::people_of_account(&state.pool, account).await?;
            people.retain(|(id, _)| !kam.contains(&id.0));
            Some(helpers_editor(account, &support.helpers, &people, locale))
        }
        false => None,
    };
    let html = view! {
        <a class="back-link" href="/tuki">"‹ " {title}</a>
        <h1>{support.name.clone()}</h1>
        {kam_missing.then(|| view! { <p class="notice">{td_string!(locale, support_no_kam)}</p> })}
        <ul class="support-contacts" data-testid="support-team">
            {support.contacts.iter().map(|c| contact(c, locale)).collect::<Vec<_>>()}
        </ul>
        {(!support.regions.is_empty()).then(|| view! {
            <h2>{td_string!(locale, support_regions)}</h2>
            {support.regions.iter().map(|r| region(r, locale)).collect::<Vec<_>>()}
        })}
        {edit_helpers}
    }
    .to_html();
    Ok(Drawn {
        title: format!(
            "{}: {} – Kamu",
            support.name,
            td_string!(locale, support_account_title)
        ),
        html,
    })
}

fn region(r: &RegionLeads, locale: Locale) -> impl IntoView {
    view! {
        <section class="support-region" data-testid="support-region">
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
        </section>
    }
}

fn contact(c: &Contact, locale: Locale) -> impl IntoView {
    let answers = match &c.answers {
        Answers::Kam => td_string!(locale, support_kam).into_any(),
        Answers::Helper { helper, answers_for } => {
            let what = helper_name(*helper, locale);
            match answers_for.trim() {
                "" => what.to_string(),
                answers_for => format!("{what}: {answers_for}"),
            }
            .into_any()
        }
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
            <p class="support-links">
                {phone}
                <a class="contact-link" href=format!("mailto:{}", c.email)>{c.email.clone()}</a>
            </p>
        </li>
    }
}

fn helper_name(helper: Helper, locale: Locale) -> &'static str {
    match helper {
        Helper::LittleKam => td_string!(locale, helper_little_kam),
        Helper::BusinessAreaLead => td_string!(locale, helper_business_area_lead),
    }
}

/// The KAM's helpers as the KAM (or an admin) keeps them: each with its own form and a remove
/// button, then a form for a new one. Saved on the phone and sent like any edit.
fn helpers_editor(
    account: AccountId,
    helpers: &[(Uuid, SupportRole, String)],
    people: &[(PersonId, String)],
    locale: Locale,
) -> impl IntoView {
    let kind = RecordKind::SupportRole;
    let rows = helpers
        .iter()
        .map(|(id, role, name)| {
            let record = Doc::new(*id, account, role);
            let inputs = view! {
                {helper_choice(Some(role.helper), locale)}
                {answers_for_input(&role.answers_for, locale)}
            };
            let target = Target::Existing(&record);
            view! {
                <li class="support-helper" id=format!("record-{id}") data-testid="support-helper">
                    <p><strong>{name.clone()}</strong> " · " {helper_name(role.helper, locale)}</p>
                    {doc_form::form(target, account, td_string!(locale, helper_edit).into(), "helper-edit", inputs, locale)}
                    {doc_form::remove(kind, account, *id, td_string!(locale, helper_remove).into(), "helper-remove")}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let people = people
        .iter()
        .map(|(id, name)| (id.0.to_string(), name.clone()))
        .collect();
    let new_inputs = view! {
        {doc_form::choice("person", td_string!(locale, helper_person).into(), String::new(), people, None, true)}
        {helper_choice(None, locale)}
        {answers_for_input("", locale)}
    };
    view! {
        <section class="section support-helpers" data-testid="support-helpers">
            <h2>{td_string!(locale, helpers_title)}</h2>
            <p class="muted">{td_string!(locale, helpers_intro)}</p>
            <ul class="plain-list">{rows}</ul>
            {doc_form::form(Target::New(kind), account, td_string!(locale, helper_new).into(), "helper-new", new_inputs, locale)}
            {doc_form::messages(locale)}
        </section>
    }
}

fn helper_choice(selected: Option<Helper>, locale: Locale) -> impl IntoView {
    let options = [Helper::LittleKam, Helper::BusinessAreaLead]
        .into_iter()
        .map(|h| (doc_form::value_name(h), helper_name(h, locale).to_string()))
        .collect();
    doc_form::choice(
        "helper",
        td_string!(locale, helper_kind).into(),
        String::new(),
        options,
        selected.map(doc_form::value_name),
        false,
    )
}

fn answers_for_input(value: &str, locale: Locale) -> impl IntoView {
    doc_form::optional_text(
        "answers_for",
        td_string!(locale, helper_answers_for).into(),
        value,
        MAX_ANSWERS_FOR_CHARS,
    )
}
