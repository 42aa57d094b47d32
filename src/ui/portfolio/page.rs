//! All accounts' cards of a month for the management team: reds and yellows first, counts per
//! colour, filters by director, region, light and "not sent yet".

use crate::api::cards::month_portfolio;
use crate::domain::card::portfolio::{counts, PortfolioEntry, PortfolioFilter};
use crate::domain::card::{CardState, TrafficLight};
use crate::domain::dates::YearMonth;
use crate::domain::error::AppError;
use crate::domain::ids::PersonId;
use crate::i18n::*;
use crate::ui::card::LightDot;
use crate::ui::error_view::ErrorView;
use crate::ui::labels;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let month = Memo::new(move |_| query.with(|q| q.get("kausi")));
    let data = Resource::new(move || month.get(), |m| async move { month_portfolio(m).await });
    view! {
        <Page signed_in=true>
            <Title text=move || format!("{} – Kamu", t_string!(i18n, portfolio_title)) />
            <a class="back-link" href="/">"‹ " {t!(i18n, back_to_accounts)}</a>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|r: Result<_, AppError>| match r {
                    Ok(p) => view! { <PortfolioView portfolio=p /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn PortfolioView(portfolio: crate::domain::card::portfolio::Portfolio) -> impl IntoView {
    let i18n = use_i18n();
    let period = portfolio.period;
    let filter = RwSignal::new(PortfolioFilter::default());
    let entries = StoredValue::new(portfolio.entries);
    let shown = Memo::new(move |_| {
        filter.with(|f| {
            entries.with_value(|all| f.apply(all).into_iter().cloned().collect::<Vec<PortfolioEntry>>())
        })
    });
    // The colour counts ignore the colour filter: they are the way to choose it.
    let c = Memo::new(move |_| {
        filter.with(|f| {
            let others = PortfolioFilter {
                light: None,
                ..f.clone()
            };
            entries.with_value(|all| counts(others.apply(all)))
        })
    });
    let pick = move |light: TrafficLight| {
        filter.update(|f| f.light = if f.light == Some(light) { None } else { Some(light) })
    };
    let prev = format!("/salkku?kausi={}", period.previous().key());
    let next_month = period.next();
    let next = format!("/salkku?kausi={}", next_month.key());
    let pack = format!("/salkku/paketti?kausi={}", period.key());
    let directors = portfolio.directors;
    let regions = portfolio.regions;
    view! {
        <header class="account-header">
            <div class="section-head">
                <h1>{t!(i18n, portfolio_title)} " " {period.short_label()}</h1>
                <span class="year-nav">
                    <a class="icon-link" href=prev aria-label=move || t_string!(i18n, prev_month).to_string()>"‹"</a>
                    <a class="icon-link" href=next aria-label=move || t_string!(i18n, next_month).to_string()>"›"</a>
                </span>
            </div>
            <p class="light-counts" data-testid="light-counts">
                // Tapping a colour shows only that colour; tapping it again shows all.
                <button type="button" class="count count-red" data-testid="count-red"
                    aria-pressed=move || (filter.with(|f| f.light == Some(TrafficLight::Red))).to_string()
                    on:click=move |_| pick(TrafficLight::Red)>
                    <LightDot light=Some(TrafficLight::Red) /> " " {move || c.get().red}
                </button>
                <button type="button" class="count count-yellow" data-testid="count-yellow"
                    aria-pressed=move || (filter.with(|f| f.light == Some(TrafficLight::Yellow))).to_string()
                    on:click=move |_| pick(TrafficLight::Yellow)>
                    <LightDot light=Some(TrafficLight::Yellow) /> " " {move || c.get().yellow}
                </button>
                <button type="button" class="count count-green" data-testid="count-green"
                    aria-pressed=move || (filter.with(|f| f.light == Some(TrafficLight::Green))).to_string()
                    on:click=move |_| pick(TrafficLight::Green)>
                    <LightDot light=Some(TrafficLight::Green) /> " " {move || c.get().green}
                </button>
                <span class="count" data-testid="count-none">{t!(i18n, no_card_short)} " " {move || c.get().none}</span>
                <span class="count" data-testid="count-not-submitted">{t!(i18n, not_submitted)} " " {move || c.get().not_submitted}</span>
            </p>
            <a class="button button-secondary no-print" href=pack data-testid="open-pack">{t!(i18n, print_pack)}</a>
        </header>
        <form class="filters no-print" on:submit=|ev| ev.prevent_default()>
            <label class="field">
                <span>{t!(i18n, director)}</span>
                <select data-testid="filter-director" on:change=move |ev| {
                    let v = event_target_value(&ev).parse::<i64>().ok().map(PersonId);
                    filter.update(|f| f.director = v);
                }>
                    <option value="">{t!(i18n, filter_all)}</option>
                    {directors.into_iter().map(|d| view! { <option value=d.id.0.to_string()>{d.name}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, region)}</span>
                <select data-testid="filter-region" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    filter.update(|f| f.region = (!v.is_empty()).then_some(v));
                }>
                    <option value="">{t!(i18n, filter_all)}</option>
                    {regions.into_iter().map(|r| view! { <option value=r.clone()>{r.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, field_light)}</span>
                <select data-testid="filter-light"
                    prop:value=move || filter.with(|f| f.light.map(|l| l.as_str()).unwrap_or("").to_string())
                    on:change=move |ev| {
                    let v = TrafficLight::parse(&event_target_value(&ev));
                    filter.update(|f| f.light = v);
                }>
                    <option value="">{t!(i18n, filter_all)}</option>
                    {[TrafficLight::Red, TrafficLight::Yellow, TrafficLight::Green].into_iter().map(|l| view! {
                        <option value=l.as_str()>{move || labels::light(i18n, l)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="filter-not-submitted"
                    on:change=move |ev| filter.update(|f| f.not_submitted = event_target_checked(&ev)) />
                {t!(i18n, not_submitted)}
            </label>
        </form>
        <ul class="plain-list portfolio" data-testid="portfolio">
            {move || shown.get().into_iter().map(|e| view! { <PortfolioRow entry=e period /> }).collect_view()}
        </ul>
    }
}

#[component]
fn PortfolioRow(entry: PortfolioEntry, period: YearMonth) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!(
        "/asiakkuus/{}/laatukortti?kausi={}",
        entry.account_id,
        period.key()
    );
    let light = entry.light();
    let state = entry.card.as_ref().map(|c| c.workflow.state);
    let summary = entry
        .card
        .as_ref()
        .map(|c| c.summary.lines().next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let was = entry.previous_light.filter(|p| Some(*p) != light).map(|p| {
        format!(
            "{} {}",
            t_string!(i18n, light_before),
            labels::light(i18n, p).to_lowercase()
        )
    });
    let open = entry.open_instructions;
    view! {
        <li class="portfolio-row" data-testid="portfolio-row">
            <a href=href class="portfolio-link">
                <LightDot light />
                <div class="portfolio-main">
                    <p><strong data-testid="portfolio-name">{entry.name.clone()}</strong></p>
                    <p>
                        <span class=format!("state-badge state-{}", state.map(CardState::as_str).unwrap_or("none"))
                            data-testid="portfolio-state">
                            {move || state.map(|s| labels::card_state(i18n, s)).unwrap_or_else(|| t_string!(i18n, no_card_short).to_string())}
                        </span>
                    </p>
                    <p class="muted small">{entry.director_name.clone()} " · " {entry.regions.join(", ")}</p>
                    {(!summary.is_empty()).then(|| view! { <p class="portfolio-summary">{summary}</p> })}
                    {was.map(|w| view! { <p class="muted small">{w}</p> })}
                    {(open > 0).then(|| view! { <p class="small open-instructions" data-testid="open-instructions">{crate::ui::labels::counted!(i18n, open_instructions, open_instructions_one, n = open)}</p> })}
                </div>
            </a>
        </li>
    }
}
