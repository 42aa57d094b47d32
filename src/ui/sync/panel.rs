//! Lists of the edits that wait to be sent, and of those the author must look at again:
//! refusals and conflicts (with the winning value and their own, to re-apply or dismiss).

use crate::domain::channel::ops::ChannelAction;
use crate::domain::sync::{Change, FieldValue, Notice, Op, Outcome, RejectReason};
use crate::i18n::*;
use crate::offline::state::use_sync;
use crate::ui::labels;
use leptos::prelude::*;

/// A field value as the person reads it.
pub fn show_value(i18n: leptos_i18n::I18nContext<Locale>, value: &FieldValue) -> String {
    match value {
        FieldValue::Status(s) => labels::status(i18n, *s),
        FieldValue::Note(n) | FieldValue::Title(n) => format!("“{n}”"),
        FieldValue::StartsOn(d) => crate::domain::dates::format_date(*d),
        FieldValue::EndsOn(d) => d.map(crate::domain::dates::format_date).unwrap_or_default(),
        FieldValue::Time(t) => t.map(crate::domain::dates::format_time).unwrap_or_default(),
        FieldValue::Responsible(p) => p.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        FieldValue::Light(l) => labels::light(i18n, *l),
        FieldValue::Summary(n) | FieldValue::CardText(_, n) => format!("“{n}”"),
        FieldValue::CoversFrom(m) => m.map(|m| m.to_string()).unwrap_or_default(),
        FieldValue::Direction(d) => d.map(|d| labels::direction(i18n, d)).unwrap_or_default(),
        FieldValue::Figure(_, v) => v.map(|v| v.to_string()).unwrap_or_else(|| "–".into()),
        FieldValue::Doc(_, serde_json::Value::String(text)) => format!("“{text}”"),
        FieldValue::Doc(_, serde_json::Value::Null) => "–".into(),
        FieldValue::Doc(_, other) => other.to_string(),
    }
}

fn field_name(i18n: leptos_i18n::I18nContext<Locale>, value: &FieldValue) -> String {
    match value {
        FieldValue::Status(_) => t_string!(i18n, field_status).to_string(),
        FieldValue::Note(_) => t_string!(i18n, field_note).to_string(),
        FieldValue::Light(_) => t_string!(i18n, field_light).to_string(),
        FieldValue::Summary(_) => t_string!(i18n, field_summary).to_string(),
        FieldValue::CardText(t, _) => labels::card_text(i18n, *t),
        FieldValue::Figure(f, _) => labels::figure(i18n, *f),
        FieldValue::Direction(_) => t_string!(i18n, card_direction).to_string(),
        FieldValue::CoversFrom(_) => t_string!(i18n, card_covers).to_string(),
        _ => t_string!(i18n, field_other).to_string(),
    }
}

fn describe(i18n: leptos_i18n::I18nContext<Locale>, op: &Op) -> String {
    match &op.change {
        Change::UpdateEvent { value, .. } => {
            format!("{}: {}", field_name(i18n, value), show_value(i18n, value))
        }
        Change::UpdateCard { period, value, .. } => format!(
            "{} {}: {}: {}",
            t_string!(i18n, section_card),
            period.short_label(),
            field_name(i18n, value),
            show_value(i18n, value)
        ),
        Change::CreateEvent { event } => labels::kind(i18n, event.kind),
        Change::CreateSeries { series } => labels::kind(i18n, series.kind),
        Change::DeleteEvent { .. } => "–".into(),
        Change::Channel { action } => match action {
            ChannelAction::Post { post } => {
                format!("{}: “{}”", t_string!(i18n, pending_post), post.body.trim())
            }
            ChannelAction::Acknowledge { .. } => t_string!(i18n, pending_ack).to_string(),
            ChannelAction::MarkAnswered { .. } => t_string!(i18n, pending_answered).to_string(),
        },
        Change::CreateRecord { record } => {
            let title = record.field("title");
            format!(
                "{}: {}",
                labels::record_kind(i18n, record.kind),
                show_value(i18n, &title)
            )
        }
        Change::EditRecord {
            record_kind, value, ..
        } => format!(
            "{}: {}",
            labels::record_kind(i18n, *record_kind),
            show_value(i18n, value)
        ),
        Change::DeleteRecord { record_kind, .. } => format!("{}: –", labels::record_kind(i18n, *record_kind)),
    }
}

#[component]
pub fn SyncPanel() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let take_over = move |_| crate::offline::device::take_over_copy(sync);
    view! {
        {move || sync.previous_owner.get().map(|previous| {
            let name = previous.name.clone();
            let count = previous.waiting;
            view! {
                <section class="sync-panel attention" role="alert" data-testid="previous-owner">
                    <p>{t!(i18n, previous_owner_text, name = move || name.clone(), count = move || count)}</p>
                    <button class="button" on:click=take_over data-testid="previous-owner-wipe">
                        {t!(i18n, previous_owner_wipe)}
                    </button>
                </section>
            }
        })}
        <Show when=move || !sync.notices.with(Vec::is_empty)>
            <section class="sync-panel attention" data-testid="sync-notices">
                <h2>{t!(i18n, notices_title)}</h2>
                <ul>
                    <For
                        each=move || sync.notices.get()
                        key=|n| n.op.id
                        children=move |notice| view! { <NoticeRow notice /> }
                    />
                </ul>
            </section>
        </Show>
        <Show when=move || !sync.outbox.with(Vec::is_empty)>
            <details class="sync-panel" data-testid="sync-pending">
                <summary>{t!(i18n, pending_title)} " (" {move || sync.outbox.with(Vec::len)} ")"</summary>
                <ul>
                    {move || sync.outbox.get().into_iter().map(|op| {
                        let text = describe(i18n, &op);
                        view! { <li>{text}</li> }
                    }).collect_view()}
                </ul>
            </details>
        </Show>
    }
    // Erased: the full type of this view is deep enough to hit the compiler's limits.
    .into_any()
}

#[component]
fn NoticeRow(notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let Notice { op, outcome } = notice;
    let op_id = op.id;
    let is_conflict = matches!(outcome, Outcome::Conflict { .. });
    let dismiss = move |_| crate::offline::device::dismiss_notice(sync, op_id, is_conflict);
    let body = match &outcome {
        Outcome::Conflict { winning, losing } => {
            let (winning, losing) = (show_value(i18n, winning), show_value(i18n, losing));
            view! {
                <p>{t!(i18n, conflict_explain)}</p>
                <p class="conflict-values">
                    <span>{t!(i18n, winning_value)} ": " <strong data-testid="conflict-winning">{winning}</strong></span>
                    <span>{t!(i18n, your_value)} ": " <strong data-testid="conflict-losing">{losing}</strong></span>
                </p>
            }
            .into_any()
        }
        // A refused post keeps its whole text here, for the author to copy and send again.
        Outcome::Rejected(_)
            if matches!(
                &op.change,
                Change::Channel {
                    action: ChannelAction::Post { .. }
                }
            ) =>
        {
            view! { <p data-testid="channel-refused">{t!(i18n, channel_refused)}</p> }.into_any()
        }
        Outcome::Rejected(reason) => {
            let text = match reason {
                RejectReason::Forbidden => t_string!(i18n, rejected_forbidden).to_string(),
                RejectReason::NotFound => t_string!(i18n, rejected_not_found).to_string(),
                _ => t_string!(i18n, rejected_invalid).to_string(),
            };
            view! { <p>{text}</p> }.into_any()
        }
        _ => ().into_any(),
    };
    // Re-applying sends the losing value again, now based on the value that won.
    let reapply = match &outcome {
        Outcome::Conflict { winning, losing } => Some(Op {
            id: uuid::Uuid::now_v7(),
            account_id: op.account_id,
            change: Change::field_edit(op.change.entity(), winning.clone(), losing.clone()),
        }),
        _ => None,
    };
    let what = describe(i18n, &op);
    view! {
        <li class="notice-row" data-testid="notice">
            <p class="notice-what">{what}</p>
            {body}
            <div class="notice-actions">
                {reapply.map(|new_op| {
                    let on_click = move |ev| {
                        crate::offline::outbox::save_ops(sync, vec![new_op.clone()]);
                        dismiss(ev);
                    };
                    view! { <button class="button" on:click=on_click>{t!(i18n, use_mine)}</button> }
                })}
                <button class="button" on:click=dismiss data-testid="dismiss">{t!(i18n, dismiss)}</button>
            </div>
        </li>
    }
}
