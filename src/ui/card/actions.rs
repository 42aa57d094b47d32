//! The card's round from the page: the director submits or corrects, management marks it
//! reviewed. These need the network; drafting does not.

use crate::api::cards::{correct_card, review_card, submit_card};
use crate::domain::card::{CardState, QualityCard};
use crate::domain::error::AppError;
use crate::i18n::*;
use crate::ui::error_view::error_text;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Submit,
    Review,
    Correct,
}

/// `owner`: the account's director (or an admin); `manages`: management (or an admin);
/// `unsent`: edits of this card still on the device. `done` reloads the page's data.
#[component]
pub fn CardActions(
    card: QualityCard,
    owner: bool,
    manages: bool,
    unsent: Signal<bool>,
    done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (account, period, state) = (card.account_id.0, card.period, card.workflow.state);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let run = move |step: Step| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match step {
                Step::Submit => submit_card(account, period.year, period.month).await.map(|_| ()),
                Step::Review => review_card(account, period.year, period.month).await.map(|_| ()),
                Step::Correct => correct_card(account, period.year, period.month).await.map(|_| ()),
            };
            busy.set(false);
            match result {
                Ok(()) => done.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let submit = (owner && state == CardState::Draft).then(|| {
        view! {
            <button class="button button-primary" data-testid="submit-card"
                disabled=move || busy.get() || unsent.get()
                on:click=move |_| run(Step::Submit)>
                {t!(i18n, submit_card)}
            </button>
            <Show when=move || unsent.get()>
                <p class="muted small" data-testid="submit-waits">{t!(i18n, submit_waits_for_sync)}</p>
            </Show>
        }
    });
    let correct = (owner && state != CardState::Draft).then(|| {
        view! {
            <button class="button button-secondary" data-testid="correct-card"
                disabled=move || busy.get() on:click=move |_| run(Step::Correct)>
                {t!(i18n, correct_card)}
            </button>
        }
    });
    let review = (manages && state == CardState::Submitted).then(|| {
        view! {
            <button class="button button-primary" data-testid="review-card"
                disabled=move || busy.get() on:click=move |_| run(Step::Review)>
                {t!(i18n, review_card)}
            </button>
        }
    });
    view! {
        <div class="card-actions">
            {submit}
            {correct}
            {review}
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert" data-testid="card-action-error">{error_text(i18n, &e)}</p> })}
        </div>
    }
}
