//! A quality card at one glance: the traffic light and what it says.

use crate::domain::card::{QualityCard, TrafficLight};
use crate::i18n::*;
use crate::ui::labels;
use leptos::prelude::*;

/// A coloured dot with a text alternative (colour alone is never the only signal).
#[component]
pub fn LightDot(light: Option<TrafficLight>) -> impl IntoView {
    let i18n = use_i18n();
    let class = match light {
        Some(l) => format!("light light-{}", l.as_str()),
        None => "light light-none".to_string(),
    };
    let label = move || light.map(|l| labels::light(i18n, l)).unwrap_or_default();
    view! { <span class=class role="img" aria-label=label title=label></span> }
}

/// The card as read; `waiting` marks a card whose edit is still on this device only.
#[component]
pub fn CardView(card: Option<QualityCard>, #[prop(optional)] waiting: bool) -> impl IntoView {
    let i18n = use_i18n();
    match card {
        None => view! { <p class="empty">{t!(i18n, no_card)}</p> }.into_any(),
        Some(card) => {
            let period = card.period.short_label();
            let light = card.light;
            view! {
                <article class=format!("quality-card card-{}", light.as_str()) data-testid="quality-card">
                    <header>
                        <LightDot light=Some(light) />
                        <div>
                            <h3>{t!(i18n, card_period, period = move || period.clone())}</h3>
                            <p class="light-label" data-testid="card-light">{move || labels::light(i18n, light)}</p>
                        </div>
                    </header>
                    <p class="card-summary" data-testid="card-summary">{card.summary}</p>
                    <crate::ui::accounts::clock::WaitingMark waiting />
                </article>
            }
            .into_any()
        }
    }
}
