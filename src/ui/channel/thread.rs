//! One bulletin or question with its answers: who wrote it and when, its urgency, whom it
//! mentions, whether it is still waiting to be sent; answering and marking answered.

use super::compose::{queue_post, urgency_label};
use crate::domain::channel::ops::ChannelAction;
use crate::domain::channel::post::{NewPost, Post, PostKind, Urgency};
use crate::domain::channel::view::ChannelView;
use crate::domain::ids::AccountId;
use crate::i18n::*;
use crate::offline::state::use_sync;
use crate::ui::format::moment;
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn PostCard(post: Post, waiting: Memo<Vec<Uuid>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = post.id;
    let kind = match post.kind {
        PostKind::Bulletin => t_string!(i18n, post_bulletin).to_string(),
        PostKind::Question => t_string!(i18n, post_question).to_string(),
        PostKind::Answer => t_string!(i18n, post_answer).to_string(),
    };
    let urgency = (post.kind == PostKind::Bulletin && post.urgency != Urgency::Normal)
        .then(|| (post.urgency.as_str(), urgency_label(i18n, post.urgency)));
    let mentions = post
        .mentions
        .iter()
        .map(|m| m.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <article class=format!("post post-{} post-{}", post.kind.as_str(), post.urgency.as_str()) id=format!("p-{id}")
            data-testid="post">
            <header class="post-head">
                <span class="badge">{kind}</span>
                {urgency.map(|(class, label)| view! { <span class=format!("badge badge-{class}")>{label}</span> })}
                {post.answered.then(|| view! { <span class="badge badge-done">{t!(i18n, answered)}</span> })}
                <strong>{post.author.name.clone()}</strong>
                <span class="muted">{moment(i18n, post.at)}</span>
            </header>
            <p class="post-body">{post.body.clone()}</p>
            {(!mentions.is_empty()).then(|| view! { <p class="muted small">{t!(i18n, mentioned)} ": " {mentions.clone()}</p> })}
            <Show when=move || waiting.with(|w| w.contains(&id))>
                <p class="pending-mark" data-testid="post-waiting">{t!(i18n, waiting_to_send)}</p>
            </Show>
        </article>
    }
}

#[component]
pub fn ThreadView(
    post: Post,
    answers: Vec<Post>,
    channel: Memo<ChannelView>,
    account: AccountId,
    waiting: Memo<Vec<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let is_question = post.kind == PostKind::Question;
    let question_id = post.id;
    let may_mark = {
        let author = post.author.id;
        let answered = post.answered;
        move || is_question && !answered && channel.with(|c| c.may_moderate || c.me.id == author)
    };
    let answering = RwSignal::new(false);
    let body = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<Uuid, String>>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let post = NewPost {
            id: Uuid::now_v7(),
            kind: PostKind::Answer,
            urgency: Urgency::Normal,
            question_id: Some(question_id),
            body: body.get_untracked(),
            email_after_hours: None,
        };
        if post.body.trim().is_empty() {
            return;
        }
        queue_post(post, account, body, message, sync);
        answering.set(false);
    };
    let mark = move |_| super::queue(sync, account, ChannelAction::MarkAnswered { question_id }, |_| {});
    view! {
        <div class="thread">
            <PostCard post=post.clone() waiting />
            <div class="answers">
                {answers.into_iter().map(|a| view! { <PostCard post=a waiting /> }).collect_view()}
            </div>
            <Show when=move || is_question>
                <div class="thread-actions">
                    <button class="button button-secondary" on:click=move |_| answering.update(|a| *a = !*a)
                        data-testid="answer-open">{t!(i18n, answer)}</button>
                    <Show when=may_mark>
                        <button class="button button-secondary" on:click=mark data-testid="mark-answered">
                            {t!(i18n, mark_answered)}
                        </button>
                    </Show>
                </div>
                <Show when=move || answering.get()>
                    <form class="answer-form" on:submit=send>
                        <textarea rows="3" prop:value=body on:input=move |ev| body.set(event_target_value(&ev))
                            aria-label=move || t_string!(i18n, answer).to_string() data-testid="answer-body"></textarea>
                        <button type="submit" class="button button-primary" data-testid="answer-send">{t!(i18n, post_send)}</button>
                    </form>
                </Show>
                {move || message.get().and_then(|m| m.err()).map(|key| view! {
                    <p class="notice notice-error" role="alert">{super::compose::post_error(i18n, &key)}</p>
                })}
            </Show>
        </div>
    }
}
