//! The account's contracts in order (issue 18, seed 000 §5.5), drawn by the server: each with
//! its dates, notice period, yearly value, scope and the link to the signed document; the one in
//! force today marked from the dates, and on top the next day that needs acting on (the last day
//! to give notice, or the end). For those who read contract terms (`access::reads_contract_terms`:
//! not a site's supervisor or sales); the account's director and admins add and correct
//! contracts through the one engine's forms, offline too.

use super::doc_form::{self, Target};
use crate::api::drawn::Drawn;
use crate::domain::dates::format_date;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::people::Viewer;
use crate::domain::sync::doc::{Doc, RecordKind};
use crate::domain::workspace::contract::{
    self, Contract, MAX_LINK_CHARS, MAX_NOTICE_MONTHS, MAX_SCOPE_CHARS, MAX_TITLE_CHARS,
};
use crate::i18n::*;
use crate::server::state::AppState;
use crate::server::sync::records;
use crate::ui::format::euros;
use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;

/// A notice deadline this close is shown as one to act on.
const NOTICE_SOON_DAYS: i64 = 183;

pub async fn draw(
    state: &AppState,
    viewer: &Viewer,
    account: AccountId,
    locale: Locale,
) -> Result<Drawn, AppError> {
    let facts = crate::server::access::require_contract_terms(&state.pool, viewer, account).await?;
    let (name, edits) = super::name_and_edits(state, viewer, account, &facts).await?;
    let mut contracts: Vec<(Uuid, Contract)> =
        records::of_kinds(&state.pool, account, &[RecordKind::Contract])
            .await?
            .iter()
            .filter_map(|doc| Some((doc.id, doc.read::<Contract>()?)))
            .collect();
    // Newest first: the one a director looks for is the latest.
    contracts.sort_by(|a, b| b.1.starts_on.cmp(&a.1.starts_on).then(a.0.cmp(&b.0)));
    let title = format!("{name}: {}", td_string!(locale, contracts_title));
    let html = page(account, &title, &contracts, edits, state.today(), locale);
    Ok(Drawn {
        title: format!("{title} – Kamu"),
        html,
    })
}

fn page(
    account: AccountId,
    title: &str,
    contracts: &[(Uuid, Contract)],
    edits: bool,
    today: NaiveDate,
    locale: Locale,
) -> String {
    let current = contract::current(contracts, today).map(|(id, _)| *id);
    let next = current
        .and_then(|id| contracts.iter().find(|(i, _)| *i == id))
        .and_then(|(_, c)| next_day(c, today, locale));
    let items = contracts
        .iter()
        .map(|(id, c)| item(account, *id, c, current == Some(*id), edits, today, locale))
        .collect::<Vec<_>>();
    view! {
        <a class="back-link" href=format!("/asiakkuus/{}", account.0)>"‹ " {td_string!(locale, back_to_account)}</a>
        <h1>{title.to_string()}</h1>
        {next.map(|(text, soon)| view! {
            <p class=if soon { "notice notice-warn" } else { "notice" } data-testid="contract-next">{text}</p>
        })}
        {if items.is_empty() {
            view! { <p class="muted" data-testid="contracts-none">{td_string!(locale, contracts_none)}</p> }.into_any()
        } else {
            view! { <ul class="goals">{items}</ul> }.into_any()
        }}
        {edits.then(|| view! {
            <section class="section">
                {form(account, None, locale)}
            </section>
            {doc_form::messages(locale)}
        })}
    }
    .to_html()
}

/// "Irtisanottava viimeistään 30.6.2027" while notice can still be given, then "Päättyy
/// 31.12.2027"; with whether it is close enough to act on.
fn next_day(c: &Contract, today: NaiveDate, locale: Locale) -> Option<(String, bool)> {
    let soon = |day: NaiveDate| (day - today).num_days() <= NOTICE_SOON_DAYS;
    match (c.notice_deadline(), c.ends_on) {
        (Some(deadline), _) if deadline >= today => Some((
            format!(
                "{} {}",
                td_string!(locale, contract_notice_by),
                format_date(deadline)
            ),
            soon(deadline),
        )),
        (_, Some(end)) if end >= today => Some((
            format!("{} {}", td_string!(locale, contract_ends), format_date(end)),
            soon(end),
        )),
        _ => None,
    }
}

fn item(
    account: AccountId,
    id: Uuid,
    c: &Contract,
    current: bool,
    edits: bool,
    today: NaiveDate,
    locale: Locale,
) -> impl IntoView {
    let state = if current || c.in_force(today) {
        td_string!(locale, contract_current)
    } else if c.starts_on > today {
        td_string!(locale, contract_upcoming)
    } else {
        td_string!(locale, contract_ended)
    };
    let ends = c
        .ends_on
        .map(format_date)
        .unwrap_or_else(|| td_string!(locale, contract_until_further).to_string());
    let row = |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let link = (!c.document_url.is_empty()).then(|| {
        view! {
            <p><a href=c.document_url.clone() target="_blank" rel="noopener noreferrer" data-testid="contract-document">
                {td_string!(locale, contract_document)}
            </a></p>
        }
    });
    view! {
        <li class="goal" data-testid="contract" data-current=current.then_some("")>
            <h3 class="goal-name">
                <span>{c.title.clone()}</span>
                <span class=if current { "status-chip chip-done" } else { "status-chip chip-planned" }>{state}</span>
            </h3>
            <dl class="goal-figures">
                {row(td_string!(locale, contract_starts), format_date(c.starts_on))}
                {row(td_string!(locale, contract_ends), ends)}
                {c.notice_months.map(|m| row(td_string!(locale, contract_notice), format!("{m} {}", td_string!(locale, months_short))))}
                {c.notice_deadline().map(|d| row(td_string!(locale, contract_notice_by), format_date(d)))}
                {c.annual_value_eur.map(|v| row(td_string!(locale, contract_value), euros(i64::try_from(v).unwrap_or(i64::MAX))))}
                {c.signed_on.map(|d| row(td_string!(locale, contract_signed), format_date(d)))}
            </dl>
            {(!c.scope.is_empty()).then(|| view! { <p class="contract-scope">{c.scope.clone()}</p> })}
            {link}
            {edits.then(|| form(account, Some((id, c)), locale))}
        </li>
    }
}

/// A new contract, or the corrections of one: every field, the dates checked by the kind's rules.
fn form(account: AccountId, existing: Option<(Uuid, &Contract)>, locale: Locale) -> impl IntoView {
    let c = existing.map(|(_, c)| c);
    let doc = existing.map(|(id, c)| Doc::new(id, account, c));
    let text = |f: fn(&Contract) -> &str| c.map(f).unwrap_or_default();
    let inputs = view! {
        {doc_form::text("title", td_string!(locale, contract_title).to_string(), text(|c| &c.title), MAX_TITLE_CHARS)}
        {doc_form::date("starts_on", td_string!(locale, contract_starts).to_string(), c.map(|c| c.starts_on))}
        {doc_form::date("ends_on", td_string!(locale, contract_ends).to_string(), c.and_then(|c| c.ends_on))}
        {doc_form::number("notice_months", td_string!(locale, contract_notice_months).to_string(), c.and_then(|c| c.notice_months).map(u64::from), u64::from(MAX_NOTICE_MONTHS))}
        {doc_form::number("annual_value_eur", td_string!(locale, contract_value_eur).to_string(), c.and_then(|c| c.annual_value_eur), 1_000_000_000)}
        {doc_form::date("signed_on", td_string!(locale, contract_signed).to_string(), c.and_then(|c| c.signed_on))}
        {doc_form::long_text("scope", td_string!(locale, contract_scope).to_string(), text(|c| &c.scope), MAX_SCOPE_CHARS)}
        {doc_form::optional_text("document_url", td_string!(locale, contract_document_url).to_string(), text(|c| &c.document_url), MAX_LINK_CHARS)}
    };
    let (target, opens_with, testid) = match &doc {
        Some(doc) => (
            Target::Existing(doc),
            td_string!(locale, contract_edit),
            "contract-edit",
        ),
        None => (
            Target::New(RecordKind::Contract),
            td_string!(locale, contract_new),
            "contract-new",
        ),
    };
    doc_form::form(target, account, opens_with.to_string(), testid, inputs, locale)
}
