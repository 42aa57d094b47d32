//! "My accounts": A–Ö with an instant search that also works without JavaScript (?q=).

use super::sites::SiteCount;
use crate::api::accounts::my_accounts;
use crate::domain::account::{filter, AccountSummary};
use crate::domain::collation::index_letter;
use crate::i18n::*;
use crate::ui::card::LightDot;
use crate::ui::error_view::ErrorView;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = Resource::new(
        || (),
        |_| async move {
            // No network: the accounts kept on this device (those opened before).
            crate::offline::read::server_or_device(my_accounts(), crate::offline::read::kept_account_list())
                .await
        },
    );
    let query = use_query_map();
    let (search, set_search) = signal(query.with_untracked(|q| q.get("q").unwrap_or_default()));

    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, my_accounts)) />
        <Page signed_in=true>
            <h1>{t!(i18n, my_accounts)}</h1>
            <form method="get" action="/" role="search" class="search" on:submit=|ev| ev.prevent_default()>
                <label for="account-search" class="visually-hidden">{t!(i18n, search_label)}</label>
                <input
                    id="account-search"
                    type="search"
                    name="q"
                    enterkeyhint="search"
                    autocomplete="off"
                    placeholder=move || t_string!(i18n, search_placeholder).to_string()
                    prop:value=search
                    on:input=move |ev| set_search.set(event_target_value(&ev))
                    data-testid="account-search"
                />
            </form>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || accounts.loaded().map(|result| match result {
                    Ok(list) => view! { <AccountList all=list search /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Suspense>
            <p class="more-link"><a class="button" href="/tuki" data-testid="open-support">{t!(i18n, open_support)}</a></p>
            <crate::ui::sync::kept_note::KeptNote />
            <crate::ui::admin::AdminLink />
        </Page>
    }
}

#[component]
fn AccountList(all: Vec<AccountSummary>, search: ReadSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let total = all.len();
    let all = StoredValue::new(all);
    let shown = Memo::new(move |_| {
        all.with_value(|all| {
            filter(all, &search.get())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <p class="muted count" data-testid="account-count">
            {move || if total == 1 {
                t!(i18n, accounts_count_one, shown = move || shown.with(Vec::len)).into_any()
            } else {
                t!(i18n, accounts_count, shown = move || shown.with(Vec::len), total = move || total).into_any()
            }}
        </p>
        <Show
            when=move || !shown.with(Vec::is_empty)
            fallback=move || view! {
                <p class="empty">
                    {move || if total == 0 {
                        t_string!(i18n, no_accounts).to_string()
                    } else {
                        t_string!(i18n, no_matches).to_string()
                    }}
                </p>
            }
        >
            <ul class="account-list" data-testid="account-list">
                {move || {
                    let mut last_letter = None;
                    shown
                        .get()
                        .into_iter()
                        .map(|a| {
                            let letter = index_letter(&a.name);
                            let heading = (last_letter != Some(letter)).then_some(letter);
                            last_letter = Some(letter);
                            view! { <AccountRow account=a heading /> }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}

#[component]
fn AccountRow(account: AccountSummary, heading: Option<char>) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/asiakkuus/{}", account.id);
    let towns = account
        .towns
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more_towns = account.towns.len().saturating_sub(3);
    let sites = account.site_count as usize;
    view! {
        {heading.map(|l| view! { <li class="letter" aria-hidden="true">{l.to_string()}</li> })}
        <li>
            <a class="account-row" href=href>
                <LightDot light=account.latest_light />
                <span class="account-main">
                    <span class="account-name">{crate::ui::format::breakable(i18n, &account.name)}</span>
                    <span class="account-meta">
                        <SiteCount count=sites />
                        " · "
                        {towns}
                        {(more_towns > 0).then(|| format!(" +{more_towns}"))}
                    </span>
                    <span class="account-meta">
                        {account.director_name.clone()}
                        {account.confidential.then(|| view! {
                            " " <span class="badge">{t!(i18n, confidential)}</span>
                        })}
                    </span>
                </span>
                <span class="chevron" aria-hidden="true">"›"</span>
            </a>
        </li>
    }
}
