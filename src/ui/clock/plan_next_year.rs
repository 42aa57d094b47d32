//! "Plan next year" for the director: one tap makes next year's clock from this year's and the
//! company template, then opens it to adjust. Planning needs the network (the server writes
//! the whole year at once); offline the button says so and nothing is lost.

use crate::api::clock::plan_next_year;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn PlanNextYear(account: AccountId, year: i32, planned: bool) -> impl IntoView {
    let i18n = use_i18n();
    let next = year + 1;
    let href = format!("/asiakkuus/{account}?vuosi={next}");
    let (busy, set_busy) = signal(false);
    let (problem, set_problem) = signal(None::<AppError>);
    let navigate = use_navigate();
    let go = href.clone();
    let plan = move |_| {
        set_busy.set(true);
        set_problem.set(None);
        let navigate = navigate.clone();
        let go = go.clone();
        leptos::task::spawn_local(async move {
            match plan_next_year(account.0, year).await {
                Ok(_) => navigate(&go, Default::default()),
                Err(e) => set_problem.set(Some(e)),
            }
            set_busy.set(false);
        });
    };
    if planned {
        return view! {
            <p class="muted plan-next-year" data-testid="next-year-planned">
                {t!(i18n, next_year_planned, year = move || next)} " "
                <a href=href>{t!(i18n, open_year, year = move || next)}</a>
            </p>
        }
        .into_any();
    }
    view! {
        <div class="plan-next-year">
            <button class="button" on:click=plan disabled=busy data-testid="plan-next-year">
                {t!(i18n, plan_next_year, year = move || next)}
            </button>
            <p class="muted">{t!(i18n, plan_next_year_hint)}</p>
            {move || problem.get().map(|e| view! {
                <p class="notice notice-error" role="alert" data-testid="plan-problem">
                    {match e {
                        AppError::Invalid(_) => t_string!(i18n, next_year_exists).to_string(),
                        AppError::Forbidden => t_string!(i18n, err_forbidden).to_string(),
                        _ => t_string!(i18n, calendar_needs_network).to_string(),
                    }}
                </p>
            })}
        </div>
    }
    .into_any()
}
