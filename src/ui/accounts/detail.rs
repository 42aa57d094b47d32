//! The account page: who runs it, the latest quality card, the year's clock, the sites.

use super::clock::{ClockFolds, ClockList};
use super::for_me::ForMe;
use super::sites::{ContactLinks, SitesView};
use crate::domain::account::AccountDetail;
use crate::domain::dates::format_date;
use crate::domain::dates::YearMonth;
use crate::domain::error::AppError;
use crate::i18n::*;
use crate::offline::state::{set_if_changed, use_sync};
use crate::ui::card::{CardEditor, CardView};
use crate::ui::clock::{AddEvent, CalendarLinks, ClockWheel, FilterBar, PlanNextYear};
use crate::ui::error_view::ErrorView;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    let year = move || query.with(|q| q.get("vuosi").and_then(|s| s.parse::<i32>().ok()));
    let data = account_resource(id, year);
    view! {
        <Page signed_in=true>
            <a class="back-link" href="/">"‹ " {t!(i18n, back_to_accounts)}</a>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|result| match result {
                    Ok(detail) => view! { <AccountView detail /> }.into_any(),
                    Err(error) => view! { <Title text="Kamu" /> <ErrorView error /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}

/// The account's first screen as the server renders it (the clock follows, see `live_detail`),
/// the whole account when the page is opened inside the app, or
/// with no network, the whole copy kept on this device (if the account was opened before and
/// the year is the one kept).
pub fn account_resource(
    id: impl Fn() -> Option<i64> + Send + Sync + 'static,
    year: impl Fn() -> Option<i32> + Send + Sync + 'static,
) -> Resource<Result<AccountDetail, AppError>> {
    Resource::new(
        move || (id(), year()),
        |(id, year)| async move {
            let Some(id) = id else {
                return Err(AppError::NotFound);
            };
            // The server renders the first screen into the page's HTML; a page opened inside
            // the app takes the whole copy at once (its clock then needs no second request).
            #[cfg(feature = "ssr")]
            let from_server = crate::api::accounts::account_first_screen(id, year);
            #[cfg(not(feature = "ssr"))]
            let from_server = crate::api::accounts::account(id, year);
            crate::offline::read::server_or_device(
                from_server,
                crate::offline::read::kept_account(crate::domain::ids::AccountId(id), year),
            )
            .await
        },
    )
}

/// The account as the page shows it: first what the server rendered, then the whole copy (the
/// clock follows a first screen) — the device's when it is newer than what the server sent (an
/// offline start serves an older page) — refreshed after every sync. `clock_problem` says why
/// the whole copy could not be had (no network and none kept).
pub struct LiveDetail {
    pub shown: RwSignal<AccountDetail>,
    pub clock_problem: RwSignal<Option<AppError>>,
}

pub fn live_detail(detail: &AccountDetail) -> LiveDetail {
    let shown = RwSignal::new(detail.clone());
    let clock_problem = RwSignal::new(None);
    let sync = use_sync();
    let first = detail.clone();
    Effect::new(move |_| {
        let first = first.clone();
        leptos::task::spawn_local(async move {
            match crate::offline::read::whole_account(first).await {
                Ok(whole) => set_if_changed(shown, crate::offline::read::keep_account(whole, sync).await),
                Err(e) => clock_problem.set(Some(e)),
            }
        });
    });
    // The device keeps one year of an account: another year's copy is not this page.
    let (id, year) = (detail.id, detail.clock_year);
    crate::offline::read::reread_on_revision(sync, shown, move || {
        crate::offline::read::kept_account(id, Some(year))
    });
    LiveDetail { shown, clock_problem }
}

#[component]
fn AccountView(detail: AccountDetail) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let LiveDetail { shown, clock_problem } = live_detail(&detail);
    let account_id = detail.id;
    let with_pending = Memo::new(move |_| shown.with(|d| sync.with_pending(d.id, &d.events, &d.cards)));
    let events = Memo::new(move |_| with_pending.with(|(events, _)| events.clone()));
    let cards = Memo::new(move |_| with_pending.with(|(_, cards)| cards.clone()));
    let pending = Memo::new(move |_| sync.pending_events(account_id));
    let hidden_rings = RwSignal::new(Vec::new());
    let filter = RwSignal::new(crate::domain::clock::filter::ClockFilter::default());
    let today_for_filter = detail.today;
    let shown_events = Memo::new(move |_| filter.with(|f| events.with(|all| f.apply(all, today_for_filter))));
    let AccountDetail {
        id,
        name,
        confidential,
        director,
        contract_start,
        year_start_month,
        clock_year,
        events: _,
        company: _,
        next_year_planned,
        cards: _,
        sites,
        today,
        rights,
        card_comments,
        ..
    } = detail;
    // The supervisor's own block: only for someone who runs a site here.
    let for_me = (!rights.my_sites.is_empty()).then(|| {
        let my_site_names: Vec<String> = sites
            .iter()
            .filter(|s| rights.my_sites.contains(&s.id))
            .map(|s| s.name.clone())
            .collect();
        let latest = cards.with_untracked(|all| crate::domain::card::latest(all).map(|c| c.period));
        let instructions = crate::domain::card::response::standing_instructions(card_comments, latest);
        let rights = rights.clone();
        view! { <ForMe events pending rights my_site_names instructions today /> }
    });
    let folds = ClockFolds::new();
    let title = name.clone();
    let everything = rights.everything;
    // A card already sent to management is frozen: corrections start on its page. A memo, so
    // the editor is made again only when this changes, not on every edit.
    let editable = Memo::new(move |_| {
        let month = YearMonth::of(today);
        cards.with(|all| {
            all.iter()
                .find(|c| c.period == month)
                .is_none_or(|c| !c.is_frozen())
        })
    });
    // A memo, so the wheel and the list are drawn once when the clock arrives, not again on
    // every sync that changes the copy (they follow its changes through their own signals).
    let clock_follows = Memo::new(move |_| shown.with(|d| d.clock_follows));
    // A link to a row or month of the clock (#e-…, #kk-…) finds it once the clock is here.
    let hash = leptos_router::hooks::use_location().hash;
    Effect::new(move |was_following: Option<bool>| {
        let following = clock_follows.get();
        if was_following == Some(true) && !following {
            if let Some(target) = hash.get_untracked().strip_prefix('#').filter(|t| !t.is_empty()) {
                let target = target.to_string();
                events.with_untracked(|all| crate::ui::clock::reveal_anchor(folds, today, all, target));
            }
        }
        following
    });
    let prev = format!("/asiakkuus/{id}?vuosi={}", clock_year - 1);
    let next = format!("/asiakkuus/{id}?vuosi={}", clock_year + 1);
    view! {
        <Title text=format!("{title} – Kamu") />
        <header class="account-header">
            <h1 data-testid="account-name">{name}</h1>
            {confidential.then(|| view! { <span class="badge">{t!(i18n, confidential)}</span> })}
            <p class="director">
                <span class="muted">{t!(i18n, director)} ": "</span>
                <strong>{director.name.clone()}</strong>
                <ContactLinks contact=director />
            </p>
            <p class="muted">{t!(i18n, contract_start)} " " {format_date(contract_start)}</p>
        </header>
        <nav class="section-nav" aria-label="sections">
            <a href="#kortti">{t!(i18n, section_card)}</a>
            <a href="#vuosikello">{t!(i18n, section_clock)}</a>
            <a href="#kohteet">{t!(i18n, section_sites)}</a>
        </nav>
        {for_me}
        <section id="kortti" class="section">
            <h2>{t!(i18n, section_card)}</h2>
            {move || {
                let card = crate::domain::card::latest(&cards.get()).cloned();
                let waiting = card.as_ref().is_some_and(|c| sync.card_pending(account_id, c.period));
                view! { <CardView card waiting /> }
            }}
            {move || {
                let month = YearMonth::of(today);
                (everything && editable.get()).then(|| view! { <CardEditor account=account_id period=month cards /> })
            }}
            <div class="button-row">
                // The card the summary above shows (last month's, until this month's is begun).
                <a class="button button-secondary open-card" data-testid="open-card"
                    href=move || {
                        let shown = cards.with(|all| crate::domain::card::latest(all).map(|c| c.period));
                        match shown {
                            Some(p) => format!("/asiakkuus/{account_id}/laatukortti?kausi={}", p.key()),
                            None => format!("/asiakkuus/{account_id}/laatukortti"),
                        }
                    }>
                    {t!(i18n, open_card)}
                </a>
                <a class="button button-secondary" href=format!("/asiakkuus/{account_id}/kanava") data-testid="open-channel">
                    {t!(i18n, open_channel)}
                </a>
                <a class="button button-secondary" href=format!("/asiakkuus/{account_id}/ennuste") data-testid="open-forecast">
                    {t!(i18n, open_forecast)}
                </a>
                <a class="button button-secondary" href=format!("/asiakkuus/{account_id}/tavoitteet") data-testid="open-goals">
                    {t!(i18n, open_goals)}
                </a>
                <a class="button button-secondary" href=format!("/asiakkuus/{account_id}/kartta") data-testid="open-map">
                    {t!(i18n, open_map)}
                </a>
                // Contract terms are for those who answer for the account's business.
                {(everything || rights.manages).then(|| view! {
                    <a class="button button-secondary" href=format!("/asiakkuus/{account_id}/sopimukset") data-testid="open-contracts">
                        {t!(i18n, open_contracts)}
                    </a>
                })}
            </div>
        </section>
        <section id="vuosikello" class="section">
            <div class="section-head">
                <h2>{t!(i18n, clock_year, year = move || clock_year)}</h2>
                <span class="year-nav">
                    <a class="icon-link" href=prev aria-label=move || t_string!(i18n, prev_year).to_string()>"‹"</a>
                    <a class="icon-link" href=next aria-label=move || t_string!(i18n, next_year).to_string()>"›"</a>
                </span>
            </div>
            {rights.everything.then(|| {
                let months = crate::domain::clock::account_year_months(clock_year, year_start_month);
                let first_day = months[0].first_day().unwrap_or(today);
                let last_day = months[11].last_day().unwrap_or(today);
                let site_refs: Vec<crate::domain::clock::SiteRef> = sites
                    .iter()
                    .map(|s| crate::domain::clock::SiteRef { id: s.id, name: s.name.clone() })
                    .collect();
                view! { <AddEvent account=account_id first_day last_day today sites=site_refs /> }
            })}
            {move || {
                if clock_follows.get() {
                    return view! { <ClockFollows problem=clock_problem /> }.into_any();
                }
                let rights = rights.clone();
                let company = shown.with_untracked(|d| d.company.clone());
                view! {
                    <FilterBar filter choices=Signal::derive(move || events.with(|all| crate::domain::clock::filter::who_choices(all))) />
                    <ClockWheel
                        events=Signal::derive(move || shown_events.get())
                        year=clock_year
                        start_month=year_start_month
                        today
                        hidden=hidden_rings
                        folds
                        company
                    />
                    {move || {
                        let rights = rights.clone();
                        view! {
                            <ClockList
                                events=shown_events.get()
                                year=clock_year
                                start_month=year_start_month
                                today
                                rights
                                pending=pending.get()
                                folds
                            />
                        }
                    }}
                }
                .into_any()
            }}
            // Planning next year is a once-a-year step for the whole year: it sits after the
            // year's last month, not beside the everyday "add an event".
            {everything.then(|| view! {
                <PlanNextYear account=account_id year=clock_year planned=next_year_planned />
            })}
            <CalendarLinks account=account_id />
        </section>
        <section id="kohteet" class="section">
            <h2>{t!(i18n, sites_and_supervisors)}</h2>
            <SitesView sites />
        </section>
    }
}

/// Where the clock comes once the page runs: a quiet line the size of the wheel, so nothing
/// jumps when it arrives, or why it did not.
#[component]
fn ClockFollows(problem: RwSignal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || match problem.get() {
        Some(error) => view! { <ErrorView error /> }.into_any(),
        None => view! {
            <p class="muted clock-follows" data-testid="clock-loading">{t!(i18n, clock_loading)}</p>
        }
        .into_any(),
    }
}
