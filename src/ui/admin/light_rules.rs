//! The suggested light's rules for admins (/hallinta/saannot): per measure a weight and the
//! limits of green and yellow. Saved all at once; a rule with limits the wrong way round is
//! refused with the measure named.

use crate::api::cards::{light_rules, save_light_rules};
use crate::domain::card::suggest::LightRule;
use crate::domain::error::AppError;
use crate::i18n::*;
use crate::ui::error_view::{error_text, ErrorView};
use crate::ui::labels;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LightRulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| light_rules());
    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, light_rules_title)) />
        <Page signed_in=true>
            <a class="back-link" href="/hallinta">"‹ " {t!(i18n, company_clock_title)}</a>
            <h1>{t!(i18n, light_rules_title)}</h1>
            <p class="muted">{t!(i18n, light_rules_hint)}</p>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|r| match r {
                    Ok(rules) => view! { <RulesForm rules /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Suspense>
            <super::kam_rules::KamRulesSection />
        </Page>
    }
}

#[component]
fn RulesForm(rules: Vec<LightRule>) -> impl IntoView {
    let i18n = use_i18n();
    let rules = RwSignal::new(rules);
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        error.set(None);
        let all = rules.get_untracked();
        leptos::task::spawn_local(async move {
            match save_light_rules(all).await {
                Ok(()) => saved.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let count = rules.with_untracked(|r| r.len());
    let number = move |i: usize, get: fn(&LightRule) -> i64, set: fn(&mut LightRule, i64), testid: String| {
        view! {
            <input type="number" inputmode="numeric" class="rule-number"
                prop:value=move || rules.with(|r| get(&r[i]).to_string())
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).trim().parse::<i64>() {
                        rules.update(|r| set(&mut r[i], v));
                    }
                }
                data-testid=testid />
        }
    };
    view! {
        <form class="stack" on:submit=save>
            <table class="figures rules">
                <thead><tr>
                    <th>{t!(i18n, rule_measure)}</th><th>{t!(i18n, rule_weight)}</th>
                    <th>{t!(i18n, light_short_green)}</th><th>{t!(i18n, light_short_yellow)}</th>
                </tr></thead>
                <tbody>
                    {(0..count).map(|i| {
                        let measure = rules.with_untracked(|r| r[i].measure);
                        let key = measure.as_str();
                        let better = if measure.higher_is_better() { "≥" } else { "≤" };
                        view! { <tr>
                            <th scope="row">{labels::measure(i18n, measure)} <span class="muted">" " {better}</span></th>
                            <td>{number(i, |r| i64::from(r.weight), |r, v| r.weight = v.clamp(0, 100) as u32, format!("rule-weight-{key}"))}</td>
                            <td>{number(i, |r| r.green, |r, v| r.green = v, format!("rule-green-{key}"))}</td>
                            <td>{number(i, |r| r.yellow, |r, v| r.yellow = v, format!("rule-yellow-{key}"))}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <button type="submit" class="button button-primary" data-testid="save-rules">{t!(i18n, save)}</button>
            {move || saved.get().then(|| view! { <p class="saved-note" role="status" data-testid="rules-saved">{t!(i18n, saved)}</p> })}
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert" data-testid="rules-error">{error_text(i18n, &e)}</p> })}
        </form>
    }
}
