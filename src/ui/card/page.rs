//! The quality card's own page (/asiakkuus/:id/laatukortti?kausi=2026-11): the card at one
//! glance, Kamu's suggested light, the director's editor, the round (submit, review,
//! correct), management's response and the history. Readable offline from the device's copy
//! of the account; drafting works offline too.

use super::actions::CardActions;
use super::editor::CardEditor;
use super::history::{ChangesSinceLast, PastCards, Sparklines};
use super::response::ManagementResponse;
use super::sheet::{CardSheet, KeyFacts};
use super::suggestion::SuggestedLight;
use crate::domain::account::AccountDetail;
use crate::domain::card::{history, QualityCard};
use crate::domain::dates::YearMonth;
use crate::domain::sync::Change;
use crate::i18n::*;
use crate::offline::state::use_sync;
use crate::ui::accounts::{account_resource, live_detail};
use crate::ui::error_view::ErrorView;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// "2026-11" from the URL.
fn parse_period(s: &str) -> Option<YearMonth> {
    crate::domain::card::import::parse_period(s)
}

#[component]
pub fn CardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    let period = Memo::new(move |_| query.with(|q| q.get("kausi").and_then(|s| parse_period(&s))));
    let data = account_resource(id, || None);
    let sync = use_sync();
    view! {
        <Page signed_in=true>
            {move || id().map(|id| view! {
                <a class="back-link" href=format!("/asiakkuus/{id}")>"‹ " {t!(i18n, back_to_account)}</a>
            })}
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|result| match result {
                    Ok(detail) => {
                        let period = period.get().unwrap_or_else(|| YearMonth::of(detail.today));
                        // After a step on the server: fetch the page again, and let the sync
                        // engine bring the device's copy up to date too.
                        let reload = Callback::new(move |_| {
                            data.refetch();
                            sync.request_sync();
                        });
                        view! { <CardPageView detail period reload /> }.into_any()
                    }
                    Err(error) => view! { <Title text="Kamu" /> <ErrorView error /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}

fn key_facts(d: &AccountDetail) -> KeyFacts {
    let summary = d.summary();
    KeyFacts {
        name: d.name.clone(),
        towns: summary.towns,
        site_count: summary.site_count,
        director: d.director.name.clone(),
        contract_start: Some(d.contract_start),
        contract_value: d.contract_value,
    }
}

#[component]
fn CardPageView(detail: AccountDetail, period: YearMonth, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let shown = live_detail(&detail).shown;
    let account = detail.id;
    let cards = Memo::new(move |_| shown.with(|d| sync.with_pending(d.id, &d.events, &d.cards).1));
    let owner = detail.rights.everything;
    let manages = detail.rights.manages;
    let unsent = Signal::derive(move || {
        sync.outbox.with(|o| {
            o.iter().any(|op| {
                op.account_id == account
                    && matches!(&op.change, Change::UpdateCard { period: p, .. } if *p == period)
            })
        })
    });
    let key = key_facts(&detail);
    // This month's card and the one before it, read by both halves of the page.
    let shown_card = Memo::new(move |_| {
        cards.with(|all| {
            let card = all.iter().find(|c| c.period == period).cloned();
            let previous = card.as_ref().and_then(|c| history::previous_of(all, c).cloned());
            (card, previous)
        })
    });
    // The editor is made again only when the card's frozen state changes, not on every edit.
    let editable = Memo::new(move |_| {
        cards.with(|all| {
            all.iter()
                .find(|c| c.period == period)
                .is_none_or(|c| !c.is_frozen())
        })
    });
    let prev_href = format!(
        "/asiakkuus/{account}/laatukortti?kausi={}",
        period.previous().key()
    );
    let next_month = period.next();
    let next_href = format!("/asiakkuus/{account}/laatukortti?kausi={}", next_month.key());
    let title = format!("{} {} – Kamu", t_string!(i18n, section_card), detail.name);
    let rules = detail.light_rules.clone();
    let comments: Vec<_> = detail
        .card_comments
        .iter()
        .filter(|c| c.period == period)
        .cloned()
        .collect();
    let versions: Vec<QualityCard> = detail
        .card_versions
        .iter()
        .filter(|v| v.period == period)
        .cloned()
        .collect();
    let server_card = detail.cards.iter().any(|c| c.period == period);
    let name = detail.name.clone();
    let today = detail.today;
    view! {
        <Title text=title />
        <header class="account-header">
            <h1 data-testid="card-page-title">{name}</h1>
            <div class="section-head">
                <h2>{t!(i18n, card_period, period = move || period.short_label())}</h2>
                <span class="year-nav">
                    <a class="icon-link" href=prev_href aria-label=move || t_string!(i18n, prev_month).to_string()>"‹"</a>
                    <a class="icon-link" href=next_href aria-label=move || t_string!(i18n, next_month).to_string()>"›"</a>
                </span>
            </div>
        </header>
        // The card, then its editor, then sending it to management: the save and the send sit
        // together, above the long history.
        {move || {
            let (card, previous) = shown_card.get();
            match card {
                None => view! { <p class="empty" data-testid="no-card">{t!(i18n, no_card_for_month)}</p> }.into_any(),
                Some(card) => {
                    let waiting = sync.card_pending(account, period);
                    view! {
                        <CardSheet card=card.clone() key=key.clone() previous rules=rules.clone() />
                        <crate::ui::accounts::clock::WaitingMark waiting />
                        <SuggestedLight card rules=rules.clone() />
                    }.into_any()
                }
            }
        }}
        {move || {
            // A past month's card, and this month has none yet: start it from this one.
            let this_month = YearMonth::of(today);
            let start = owner
                && period < this_month
                && cards.with(|all| !all.iter().any(|c| c.period == this_month));
            start.then(|| {
                let href = format!("/asiakkuus/{account}/laatukortti?kausi={}", this_month.key());
                let label = this_month.short_label();
                view! {
                    <a class="button button-primary start-month" href=href data-testid="start-this-month">
                        {t!(i18n, start_month_card, period = move || label.clone())}
                    </a>
                }
            })
        }}
        {move || {
            (owner && editable.get()).then(|| view! {
                <section class="section">
                    <CardEditor account period cards full=true />
                </section>
            })
        }}
        {move || {
            let up_to: Vec<QualityCard> = cards.with(|all| all.iter().filter(|c| c.period <= period).cloned().collect());
            let (card, previous) = shown_card.get();
            match card {
                None => view! { <PastCards account=account.0 cards=up_to versions=Vec::new() /> }.into_any(),
                Some(card) => {
                    view! {
                        <CardActions card=card.clone() owner manages unsent done=reload />
                        <ManagementResponse account period comments=comments.clone() owner manages exists=server_card done=reload />
                        <section class="section card-history">
                            <h2>{t!(i18n, card_history)}</h2>
                            <ChangesSinceLast previous current=card />
                            <Sparklines cards=up_to.clone() />
                            <PastCards account=account.0 cards=up_to versions=versions.clone() />
                        </section>
                    }.into_any()
                }
            }
        }}
    }
}
