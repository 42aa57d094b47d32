//! The printable monthly pack: every card of the month in portfolio order, one per page.

use crate::api::cards::month_portfolio;
use crate::i18n::*;
use crate::ui::card::{CardSheet, KeyFacts};
use crate::ui::error_view::ErrorView;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PackPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let month = Memo::new(move |_| query.with(|q| q.get("kausi")));
    let data = Resource::new(move || month.get(), |m| async move { month_portfolio(m).await });
    view! {
        <Page signed_in=true>
            <Title text=move || format!("{} – Kamu", t_string!(i18n, print_pack)) />
            <p class="no-print">
                <button class="button button-primary" on:click=|_| { let _ = window().print(); }>{t!(i18n, print)}</button>
            </p>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|r| match r {
                    Ok(p) => p.entries.into_iter().filter_map(|e| {
                        let rules = p.rules.clone();
                        let card = e.card?;
                        let key = KeyFacts {
                            name: e.name,
                            towns: e.towns,
                            site_count: e.site_count,
                            director: e.director_name,
                            contract_start: e.contract_start,
                            contract_value: e.contract_value,
                        };
                        Some(view! { <div class="pack-page"><CardSheet card key previous=None rules /></div> })
                    }).collect_view().into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
}
