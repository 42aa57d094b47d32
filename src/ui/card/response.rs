//! Management's response on the card: its comments and instructions, the form to give one,
//! and the director's acknowledgement.

use crate::api::cards::{acknowledge_comment, comment_card};
use crate::domain::card::response::{CardComment, MAX_COMMENT_CHARS};
use crate::domain::dates::{format_date, YearMonth};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::i18n::*;
use crate::ui::error_view::error_text;
use leptos::prelude::*;

/// `comments`: this card's comments the reader may see. `owner` acknowledges, `manages` writes.
#[component]
pub fn ManagementResponse(
    account: AccountId,
    period: YearMonth,
    comments: Vec<CardComment>,
    owner: bool,
    manages: bool,
    /// The card exists on the server (a comment needs a card to be on).
    exists: bool,
    done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    // Kept here too, so a comment or an acknowledgement shows the moment the server accepts it.
    let comments = RwSignal::new(comments);
    let list = move || {
        if comments.with(Vec::is_empty) {
            view! { <p class="muted" data-testid="no-comments">{t!(i18n, no_comments)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list comments">
                    {comments.get().into_iter().map(|c| view! { <Comment comment=c account owner comments done error /> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    let form = (manages && exists).then(|| view! { <CommentForm account period comments error /> });
    view! {
        <section class="management-response" data-testid="management-response">
            <h3>{t!(i18n, management_response)}</h3>
            {list}
            {form}
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{error_text(i18n, &e)}</p> })}
        </section>
    }
}

#[component]
fn Comment(
    comment: CardComment,
    account: AccountId,
    owner: bool,
    comments: RwSignal<Vec<CardComment>>,
    done: Callback<()>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = comment.id;
    let waiting = comment.instruction && comment.acknowledged.is_none();
    let acknowledge = move |_| {
        leptos::task::spawn_local(async move {
            match acknowledge_comment(account.0, id.to_string()).await {
                Ok(updated) => {
                    comments.update(|all| {
                        if let Some(c) = all.iter_mut().find(|c| c.id == updated.id) {
                            *c = updated;
                        }
                    });
                    done.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let kind = if comment.instruction {
        "instruction"
    } else {
        "remark"
    };
    view! {
        <li class=format!("comment comment-{kind}") id=format!("comment-{id}") data-testid="comment">
            <p class="comment-head">
                <span class="badge">
                    {move || if comment.instruction { t_string!(i18n, comment_instruction) } else { t_string!(i18n, comment_remark) }}
                </span>
                {comment.shared.then(|| view! { <span class="badge badge-quiet">{t!(i18n, comment_shared)}</span> })}
                " " <strong>{comment.author.name.clone()}</strong>
                <span class="muted">" " {format_date(comment.written_on)} " · v" {comment.version}</span>
            </p>
            <p class="comment-text" data-testid="comment-text">{comment.text.clone()}</p>
            {comment.acknowledged.clone().map(|a| view! {
                <p class="muted small" data-testid="comment-acknowledged">
                    "✓ " {t!(i18n, acknowledged_by)} " " {a.by.name} " " {format_date(a.on)}
                </p>
            })}
            {(owner && waiting).then(|| view! {
                <button class="button button-secondary" data-testid="acknowledge" on:click=acknowledge>
                    {t!(i18n, acknowledge)}
                </button>
            })}
            {(!owner && waiting).then(|| view! { <p class="muted small">{t!(i18n, waiting_acknowledgement)}</p> })}
        </li>
    }
}

#[component]
fn CommentForm(
    account: AccountId,
    period: YearMonth,
    comments: RwSignal<Vec<CardComment>>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    // Set by the send button tapped (its click comes before the form's submit).
    let instruction = RwSignal::new(false);
    let shared = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        let (t, i, s) = (
            text.get_untracked(),
            instruction.get_untracked(),
            shared.get_untracked(),
        );
        leptos::task::spawn_local(async move {
            match comment_card(account.0, period.year, period.month, t, i, s).await {
                Ok(new) => {
                    text.set(String::new());
                    let id = new.id;
                    comments.update(|all| all.push(new));
                    // The page is not loaded again (that would jump to the top): the comment is
                    // shown where it was written, and brought into view.
                    crate::ui::scroll::bring_into_view(format!("comment-{id}"), false);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="stack comment-form" on:submit=send>
            <label class="field">
                <span>{t!(i18n, comment_new)}</span>
                <textarea rows="3" maxlength=MAX_COMMENT_CHARS.to_string() required
                    prop:value=text on:input=move |ev| text.set(event_target_value(&ev))
                    data-testid="comment-input"></textarea>
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=shared
                    on:change=move |ev| shared.set(event_target_checked(&ev)) data-testid="comment-is-shared" />
                {t!(i18n, comment_is_shared)}
            </label>
            // Two sends, not a tick box: the tap that sends says which it is.
            <div class="button-row">
                <button type="submit" class="button button-secondary" disabled=busy data-testid="send-remark"
                    on:click=move |_| instruction.set(false)>
                    {t!(i18n, comment_send_remark)}
                </button>
                <button type="submit" class="button button-primary" disabled=busy data-testid="send-instruction"
                    on:click=move |_| instruction.set(true)>
                    {t!(i18n, comment_send_instruction)}
                </button>
            </div>
        </form>
    }
}
