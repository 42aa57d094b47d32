//! The KAM practice's company-wide rules on the admins' rules page (/hallinta/saannot), under
//! the quality card's light rules: which projects are one-offs, and how many deals a meeting
//! must bring to pay for itself (the forecast's turning point).

use crate::api::kam::{company_kam_rules, save_company_kam_rules};
use crate::domain::error::AppError;
use crate::domain::kam::rules::KamRules;
use crate::i18n::*;
use crate::ui::error_view::{error_text, ErrorView};
use crate::ui::loaded::Loaded;
use leptos::prelude::*;

#[component]
pub fn KamRulesSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| company_kam_rules());
    view! {
        <h2>{t!(i18n, kam_rules_title)}</h2>
        <Suspense fallback=|| ()>
            {move || data.loaded().map(|r| match r {
                Ok(rules) => view! { <KamRulesForm rules /> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn KamRulesForm(rules: KamRules) -> impl IntoView {
    let i18n = use_i18n();
    let rules = RwSignal::new(rules);
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        error.set(None);
        let now = rules.get_untracked();
        leptos::task::spawn_local(async move {
            match save_company_kam_rules(now).await {
                Ok(()) => saved.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    // Each number as the person typed it; one that does not read keeps the value before.
    let field = move |label: String,
                      shown: fn(&KamRules) -> String,
                      set: fn(&mut KamRules, f64),
                      step: &'static str,
                      testid: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="number" inputmode="decimal" min="0" step=step required
                    prop:value=move || rules.with(shown)
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().replace(',', ".").parse::<f64>() {
                            rules.update(|r| set(r, v));
                        }
                    }
                    data-testid=testid />
            </label>
        }
    };
    view! {
        <form class="stack" on:submit=save>
            {field(t_string!(i18n, kam_rule_one_off_over).to_string(), |r| r.one_off_over_eur.to_string(), |r, v| r.one_off_over_eur = v.round() as i64, "1", "rule-one-off-over")}
            {field(t_string!(i18n, kam_rule_one_off_within).to_string(), |r| r.one_off_within_months.to_string(), |r, v| r.one_off_within_months = v.round().max(0.0) as u32, "1", "rule-one-off-within")}
            {field(t_string!(i18n, kam_rule_meeting_worth).to_string(), |r| format!("{:.2}", r.worth()), |r, v| r.meeting_worth_hundredths = (v * 100.0).round().max(0.0) as u32, "0.01", "rule-meeting-worth")}
            <button type="submit" class="button button-primary" data-testid="save-kam-rules">{t!(i18n, save)}</button>
            {move || saved.get().then(|| view! { <p class="saved-note" role="status" data-testid="kam-rules-saved">{t!(i18n, saved)}</p> })}
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{error_text(i18n, &e)}</p> })}
        </form>
    }
}
