//! Kamu's suggested light and its reasons, next to the director's choice.

use super::view::LightDot;
use crate::domain::card::suggest::{suggest, LightRule, Measure};
use crate::domain::card::QualityCard;
use crate::i18n::*;
use crate::ui::format::tenths;
use crate::ui::labels;
use leptos::prelude::*;

/// A measure's value in its unit (margin is kept in tenths of a point).
fn shown(measure: Measure, value: i64) -> String {
    match measure {
        Measure::MarginVsTarget => format!("{} %-yks.", tenths(value)),
        Measure::VisitsDone | Measure::AuditScore | Measure::HoursOfBudget => format!("{value} %"),
        _ => value.to_string(),
    }
}

#[component]
pub fn SuggestedLight(card: QualityCard, rules: Vec<LightRule>) -> impl IntoView {
    let i18n = use_i18n();
    let facts = card.facts.clone().unwrap_or_default();
    let s = suggest(&rules, &card, &facts);
    let differs = s.light.is_some_and(|l| l != card.light);
    let light = s.light;
    view! {
        <section class="suggestion" data-testid="suggestion">
            <h3>
                <LightDot light />
                " " {t!(i18n, suggested_light)} ": "
                <span data-testid="suggested-light">
                    {move || light.map(|l| labels::light(i18n, l)).unwrap_or_else(|| t_string!(i18n, suggestion_none).to_string())}
                </span>
            </h3>
            {differs.then(|| view! { <p class="notice" data-testid="suggestion-differs">{t!(i18n, suggestion_differs)}</p> })}
            <ul class="plain-list verdicts">
                {s.verdicts.into_iter().map(|v| {
                    let better = if v.rule.measure.higher_is_better() { "≥" } else { "≤" };
                    let limits = format!(
                        "{} {better} {}, {} {better} {}",
                        t_string!(i18n, light_short_green),
                        shown(v.rule.measure, v.rule.green),
                        t_string!(i18n, light_short_yellow),
                        shown(v.rule.measure, v.rule.yellow)
                    );
                    view! {
                        <li class=format!("verdict verdict-{}", v.light.as_str()) data-testid=format!("verdict-{}", v.rule.measure.as_str())>
                            <LightDot light=Some(v.light) />
                            " " <strong>{labels::measure(i18n, v.rule.measure)}</strong> " " {shown(v.rule.measure, v.value)}
                            <span class="muted small">" (" {limits} ")"</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!s.missing.is_empty()).then(|| {
                let names: Vec<String> = s.missing.iter().map(|m| labels::measure(i18n, *m)).collect();
                view! { <p class="muted small">{t!(i18n, suggestion_missing)} ": " {names.join(", ")}</p> }
            })}
        </section>
    }
}
