//! The director drafts the month's quality card from a phone, online or not: each changed
//! field is sent as its own edit through the outbox. The short form (light and description)
//! sits on the account page; the card page has every field.

use crate::domain::card::{
    CardFigure, CardText, Direction, QualityCard, TrafficLight, MAX_SUMMARY_CHARS, MAX_TEXT_CHARS,
    MIN_EXPLANATION_CHARS,
};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use crate::domain::sync::card_edits::card_edits;
use crate::i18n::*;
use crate::offline::outbox::save_ops_then;
use crate::offline::state::use_sync;
use crate::ui::first_paint;
use crate::ui::labels;
use crate::ui::sync::save_note::SaveNote;
use leptos::prelude::*;

/// Why a draft cannot be saved yet.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Problem {
    Explanation,
    /// The light changed but the description is the previous card's, carried forward unchanged.
    SameTextNewLight,
    Figure(CardFigure),
}

/// `cards` is the account's cards as shown (waiting edits included). The editor starts from
/// this month's card, or carries last month's light, texts and direction forward so nothing
/// is typed twice (figures are the month's own, so they start empty).
#[component]
pub fn CardEditor(
    account: AccountId,
    period: YearMonth,
    cards: Memo<Vec<QualityCard>>,
    /// Every field (the card page), not just the light and description (the account page).
    #[prop(optional)]
    full: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let start = cards.with_untracked(|all| match all.iter().find(|c| c.period == period) {
        Some(card) => card.clone(),
        None => {
            let mut fresh = QualityCard::blank(account, period);
            if let Some(last) = crate::domain::card::previous(all, period) {
                fresh.light = last.light;
                fresh.summary = last.summary.clone();
                fresh.texts = last.texts.clone();
                fresh.direction = last.direction;
            }
            fresh
        }
    });
    let draft = RwSignal::new(start);
    // Figures are typed as text, so a half-typed or wrong number can be shown back as it is.
    let figure_text = RwSignal::new(
        CardFigure::ALL
            .iter()
            .map(|f| draft.with_untracked(|d| d.figures.get(*f).map(|v| v.to_string()).unwrap_or_default()))
            .collect::<Vec<String>>(),
    );
    let (open, set_open) = signal(full);
    let (problem, set_problem) = signal(None::<Problem>);
    // The edits of the last save, for "sent" / "waiting for the network".
    let (saved, set_saved) = signal(None::<Vec<uuid::Uuid>>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut wanted = draft.get_untracked();
        let texts = figure_text.get_untracked();
        for (figure, text) in CardFigure::ALL.iter().zip(texts.iter()) {
            let text = text.trim();
            if text.is_empty() {
                wanted.figures.set(*figure, None);
                continue;
            }
            match text.parse::<u32>() {
                Ok(v) if v <= figure.max() => wanted.figures.set(*figure, Some(v)),
                _ => {
                    set_problem.set(Some(Problem::Figure(*figure)));
                    return;
                }
            }
        }
        if crate::domain::card::validate_summary(wanted.light, &wanted.summary).is_err() {
            set_problem.set(Some(Problem::Explanation));
            return;
        }
        let unchanged = cards.with_untracked(|all| {
            let previous = crate::domain::card::previous(all, period);
            crate::domain::card::validate_light_change(wanted.light, &wanted.summary, previous).is_err()
        });
        if unchanged {
            set_problem.set(Some(Problem::SameTextNewLight));
            return;
        }
        set_problem.set(None);
        let current = cards.with_untracked(|all| all.iter().find(|c| c.period == period).cloned());
        let ops = card_edits(account, period, current.as_ref(), &wanted);
        if ops.is_empty() {
            set_open.set(full);
            set_saved.set(Some(Vec::new()));
            return;
        }
        let ids: Vec<uuid::Uuid> = ops.iter().map(|op| op.id).collect();
        save_ops_then(sync, ops, move |ok| {
            if ok {
                set_open.set(full);
                set_saved.set(Some(ids.clone()));
                // On the account page the form folds away above the note: bring the card (the
                // new one, then the note saying it was sent) back into view.
                if !full {
                    crate::ui::scroll::bring_into_view("kortti".to_string(), true);
                }
            }
        });
    };
    let period_label = period.short_label();
    let light_choices = [TrafficLight::Green, TrafficLight::Yellow, TrafficLight::Red]
        .into_iter()
        .map(|choice| {
            view! {
                <label class="choice" class:chosen=move || draft.with(|d| d.light == choice)>
                    <input
                        type="radio"
                        name="card-light"
                        value=choice.as_str()
                        {..first_paint::checked(draft.with_untracked(|d| d.light == choice))}
                        prop:checked=move || draft.with(|d| d.light == choice)
                        on:change=move |_| draft.update(|d| d.light = choice)
                        data-testid=format!("card-light-{}", choice.as_str())
                    />
                    <span class=format!("light light-{}", choice.as_str())></span>
                    {move || labels::light(i18n, choice)}
                </label>
            }
        })
        .collect_view();
    let more = full.then(|| view! { <FullFields draft figure_text period /> });
    view! {
        // `first_paint`: the server's page shows the form as it starts (open, chosen, filled).
        <details class="event-edit card-edit" {..first_paint::open(open.get_untracked())} prop:open=open
            on:toggle=move |ev| set_open.set(crate::ui::format::details_open(&ev))>
            <summary data-testid="edit-card">{t!(i18n, card_update, period = move || period_label.clone())}</summary>
            <form class="stack" novalidate on:submit=save>
                <fieldset class="status-choices">
                    <legend>{t!(i18n, field_light)}</legend>
                    {light_choices}
                </fieldset>
                <label class="field">
                    <span>{t!(i18n, field_summary)}</span>
                    <textarea
                        rows="4"
                        maxlength=MAX_SUMMARY_CHARS.to_string()
                        {..first_paint::text(&draft.with_untracked(|d| d.summary.clone()))}
                        prop:value=move || draft.with(|d| d.summary.clone())
                        on:input=move |ev| draft.update(|d| d.summary = event_target_value(&ev))
                        data-testid="card-summary-input"
                    ></textarea>
                </label>
                <p class="muted">{t!(i18n, card_explain_hint)}</p>
                {more}
                {move || problem.get().map(|p| match p {
                    Problem::Explanation => view! {
                        <p class="notice notice-error" role="alert" data-testid="card-problem">
                            {t!(i18n, card_needs_explanation, min = move || MIN_EXPLANATION_CHARS)}
                        </p>
                    }.into_any(),
                    Problem::SameTextNewLight => view! {
                        <p class="notice notice-error" role="alert" data-testid="card-problem">
                            {t!(i18n, card_new_light_new_text)}
                        </p>
                    }.into_any(),
                    Problem::Figure(f) => view! {
                        <p class="notice notice-error" role="alert" data-testid="card-problem">
                            {labels::figure(i18n, f)} ": " {t!(i18n, card_figure_invalid, max = move || f.max())}
                        </p>
                    }.into_any(),
                })}
                <button type="submit" class="button button-primary" data-testid="save-card">{t!(i18n, save)}</button>
            </form>
        </details>
        {move || saved.get().map(|ops| view! { <SaveNote ops testid="card-saved" /> })}
    }
    .into_any()
}

/// The card page's extra fields: the months covered, the direction, the typed figures and
/// what management must know.
#[component]
fn FullFields(
    draft: RwSignal<QualityCard>,
    figure_text: RwSignal<Vec<String>>,
    period: YearMonth,
) -> impl IntoView {
    let i18n = use_i18n();
    let from_choices = (1..=period.month)
        .rev()
        .map(|m| {
            let label = if m == period.month {
                t_string!(i18n, card_covers_month_only).to_string()
            } else {
                format!("{}–{}/{}", m, period.month, period.year)
            };
            view! { <option value=m.to_string() selected=move || draft.with(|d| d.months().0.month == m)>{label}</option> }
        })
        .collect_view();
    let directions = Direction::ALL
        .into_iter()
        .map(|dir| {
            view! {
                <label class="choice" class:chosen=move || draft.with(|d| d.direction == Some(dir))>
                    <input
                        type="radio"
                        name="card-direction"
                        {..first_paint::checked(draft.with_untracked(|d| d.direction == Some(dir)))}
                        prop:checked=move || draft.with(|d| d.direction == Some(dir))
                        on:change=move |_| draft.update(|d| d.direction = Some(dir))
                        data-testid=format!("card-direction-{}", dir.as_str())
                    />
                    <span class="arrow" aria-hidden="true">{dir.arrow()}</span>
                    {move || labels::direction(i18n, dir)}
                </label>
            }
        })
        .collect_view();
    let figures = CardFigure::ALL
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            view! {
                <label class="field field-number">
                    <span>{move || labels::figure(i18n, f)}</span>
                    <input
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max=f.max().to_string()
                        {..first_paint::value(figure_text.with_untracked(|t| t[i].clone()))}
                        prop:value=move || figure_text.with(|t| t[i].clone())
                        on:input=move |ev| figure_text.update(|t| t[i] = event_target_value(&ev))
                        data-testid=format!("card-figure-{}", f.as_str())
                    />
                </label>
            }
        })
        .collect_view();
    let texts = CardText::ALL
        .into_iter()
        .map(|which| {
            view! {
                <label class="field">
                    <span>{move || labels::card_text(i18n, which)}</span>
                    <textarea
                        rows="3"
                        maxlength=MAX_TEXT_CHARS.to_string()
                        {..first_paint::text(&draft.with_untracked(|d| d.texts.get(which).to_string()))}
                        prop:value=move || draft.with(|d| d.texts.get(which).to_string())
                        on:input=move |ev| draft.update(|d| d.texts.set(which, event_target_value(&ev)))
                        data-testid=format!("card-text-{}", which.as_str())
                    ></textarea>
                </label>
            }
        })
        .collect_view();
    view! {
        <label class="field">
            <span>{t!(i18n, card_covers)}</span>
            <select
                data-testid="card-covers-from"
                on:change=move |ev| {
                    let m = event_target_value(&ev).parse::<u32>().ok();
                    draft.update(|d| d.covers_from = m.filter(|m| *m != d.period.month));
                }
            >
                {from_choices}
            </select>
        </label>
        <fieldset class="status-choices">
            <legend>{t!(i18n, card_direction)}</legend>
            {directions}
        </fieldset>
        <fieldset class="figure-inputs">
            <legend>{t!(i18n, card_figures_typed)}</legend>
            <p class="muted">{t!(i18n, card_figures_hint)}</p>
            <div class="figure-grid">{figures}</div>
        </fieldset>
        <fieldset class="stack">
            <legend>{t!(i18n, card_for_management)}</legend>
            {texts}
        </fieldset>
    }
}
