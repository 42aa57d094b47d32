//! Writing to the channel: a question from anyone, a bulletin (normal, important, urgent) from
//! the director or management. @mentions are picked from the members. The text stays in the
//! box until the device has saved the post.

use crate::domain::channel::email::{DEFAULT_EMAIL_AFTER_HOURS, EMAIL_AFTER_HOURS};
use crate::domain::channel::ops::ChannelAction;
use crate::domain::channel::post::{may_post, NewPost, PostKind, Urgency, MAX_POST_CHARS};
use crate::domain::channel::view::ChannelView;
use crate::domain::ids::AccountId;
use crate::i18n::*;
use crate::offline::state::use_sync;
use crate::ui::sync::save_note::SaveNote;
use leptos::prelude::*;

#[component]
pub fn Compose(channel: Memo<ChannelView>, account: AccountId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let may_bulletin = move || channel.with(|c| c.may_bulletin);
    let kind = RwSignal::new(PostKind::Question);
    let urgency = RwSignal::new(Urgency::Normal);
    let email_after = RwSignal::new(DEFAULT_EMAIL_AFTER_HOURS);
    let body = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<uuid::Uuid, String>>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = kind.get_untracked();
        let post = NewPost {
            id: uuid::Uuid::now_v7(),
            kind,
            urgency: if kind == PostKind::Bulletin {
                urgency.get_untracked()
            } else {
                Urgency::Normal
            },
            question_id: None,
            body: body.get_untracked(),
            email_after_hours: Some(email_after.get_untracked()),
        };
        // The same rule the server applies, so the writer hears at once what is wrong.
        if let Err(key) = may_post(crate::domain::people::Role::Admin, true, &post) {
            message.set(Some(Err(key.to_string())));
            return;
        }
        queue_post(post, account, body, message, sync);
    };
    let mention = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        if !name.is_empty() {
            body.update(|b| {
                if !b.is_empty() && !b.ends_with(' ') {
                    b.push(' ');
                }
                b.push('@');
                b.push_str(&name);
                b.push(' ');
            });
        }
    };
    let chars = move || body.with(|b| b.chars().count());
    view! {
        <form class="compose" on:submit=send data-testid="compose">
            <div class="segmented" role="radiogroup">
                <label class:active=move || kind.get() == PostKind::Question>
                    <input type="radio" name="kind" prop:checked=move || kind.get() == PostKind::Question
                        on:change=move |_| kind.set(PostKind::Question) data-testid="kind-question" />
                    {t!(i18n, post_question)}
                </label>
                <Show when=may_bulletin>
                    <label class:active=move || kind.get() == PostKind::Bulletin>
                        <input type="radio" name="kind" prop:checked=move || kind.get() == PostKind::Bulletin
                            on:change=move |_| kind.set(PostKind::Bulletin) data-testid="kind-bulletin" />
                        {t!(i18n, post_bulletin)}
                    </label>
                </Show>
            </div>
            <Show when=move || kind.get() == PostKind::Bulletin>
                <fieldset class="urgency">
                    <legend>{t!(i18n, urgency)}</legend>
                    {Urgency::ALL.into_iter().map(|u| view! {
                        <label class=format!("urgency-choice urgency-{}", u.as_str())>
                            <input type="radio" name="urgency" prop:checked=move || urgency.get() == u
                                on:change=move |_| urgency.set(u) data-testid=format!("urgency-{}", u.as_str()) />
                            {urgency_label(i18n, u)}
                        </label>
                    }).collect_view()}
                </fieldset>
                // Shown only where the server sends e-mail (style: `html[data-email]`).
                <Show when=move || urgency.get() == Urgency::Urgent>
                    <label class="field email-after">
                        <span>{t!(i18n, email_after_label)}</span>
                        <select class="input" data-testid="email-after"
                            on:change=move |ev| email_after.set(event_target_value(&ev).parse().unwrap_or(DEFAULT_EMAIL_AFTER_HOURS))>
                            {EMAIL_AFTER_HOURS.into_iter().map(|h| view! {
                                <option value=h.to_string() selected=move || email_after.get() == h>{format!("{h} h")}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
            </Show>
            <label class="field">
                <span class="sr-only">{t!(i18n, post_text)}</span>
                <textarea rows="4" maxlength=MAX_POST_CHARS.to_string() prop:value=body
                    placeholder=move || t_string!(i18n, post_placeholder).to_string()
                    on:input=move |ev| { body.set(event_target_value(&ev)); message.set(None); }
                    data-testid="post-body"></textarea>
            </label>
            <div class="compose-row">
                <select class="input mention-pick" on:change=mention prop:value="" data-testid="mention-pick"
                    aria-label=move || t_string!(i18n, mention_someone).to_string()>
                    <option value="">{t!(i18n, mention_someone)}</option>
                    {move || channel.with(|c| crate::domain::channel::mentions::choices(&c.members, c.me.id).into_iter().map(|m| {
                        let name = m.name;
                        view! { <option value=name.clone()>{name.clone()}</option> }
                    }).collect_view())}
                </select>
                <span class="muted char-count">{chars} "/" {MAX_POST_CHARS}</span>
            </div>
            <button type="submit" class="button button-primary button-wide" data-testid="post-send"
                disabled=move || body.with(|b| b.trim().is_empty())>
                {t!(i18n, post_send)}
            </button>
            {move || message.get().map(|m| match m {
                Ok(op) => view! { <SaveNote ops=vec![op] testid="post-saved" /> }.into_any(),
                Err(key) => view! { <p class="notice notice-error" role="alert">{post_error(i18n, &key)}</p> }.into_any(),
            })}
        </form>
    }
}

/// Saves the post on the device; the text is cleared only once it is kept.
pub(super) fn queue_post(
    post: NewPost,
    account: AccountId,
    body: RwSignal<String>,
    message: RwSignal<Option<Result<uuid::Uuid, String>>>,
    sync: crate::offline::state::SyncState,
) {
    super::queue(
        sync,
        account,
        ChannelAction::Post { post },
        move |saved| match saved {
            Some(op) => {
                body.set(String::new());
                message.set(Some(Ok(op)));
            }
            None => message.set(Some(Err("device_storage".into()))),
        },
    );
}

pub(super) fn urgency_label(i18n: leptos_i18n::I18nContext<Locale>, u: Urgency) -> String {
    match u {
        Urgency::Normal => t_string!(i18n, urgency_normal),
        Urgency::Important => t_string!(i18n, urgency_important),
        Urgency::Urgent => t_string!(i18n, urgency_urgent),
    }
    .to_string()
}

pub(super) fn post_error(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "post_empty" => t_string!(i18n, err_post_empty),
        "post_too_long" => t_string!(i18n, err_post_too_long),
        "bulletin_not_allowed" => t_string!(i18n, err_bulletin_not_allowed),
        "device_storage" => t_string!(i18n, err_device_storage),
        _ => t_string!(i18n, err_invalid),
    }
    .to_string()
}
