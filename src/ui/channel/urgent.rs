//! A pinned urgent bulletin: the reader acknowledges it (offline too); its author and the
//! account's moderators see who has and has not, per site, and can remind those who have not.

use super::thread::PostCard;
use crate::api::channel::remind_unacknowledged;
use crate::domain::channel::acks::AckTally;
use crate::domain::channel::ops::ChannelAction;
use crate::domain::channel::post::Post;
use crate::domain::ids::AccountId;
use crate::i18n::*;
use crate::offline::state::use_sync;
use crate::ui::format::moment;
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn UrgentBulletin(
    post: Post,
    tally: Option<AckTally>,
    account: AccountId,
    me: crate::domain::ids::PersonId,
    waiting: Memo<Vec<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let post_id = post.id;
    let mine = post.author.id == me;
    let acknowledged = post.acknowledged;
    let ack = move |_| super::queue(sync, account, ChannelAction::Acknowledge { post_id }, |_| {});
    view! {
        <div class="urgent-card" data-testid="urgent">
            <PostCard post=post waiting />
            {(!acknowledged && !mine).then(|| view! {
                <button class="button button-primary button-wide" on:click=ack data-testid="acknowledge">
                    {t!(i18n, ack_bulletin)}
                </button>
            })}
            {acknowledged.then(|| view! { <p class="ack-done" data-testid="acknowledged">"✓ " {t!(i18n, acknowledged)}</p> })}
            {tally.map(|t| view! { <AckFollow tally=t post_id /> })}
        </div>
    }
}

#[component]
fn AckFollow(tally: AckTally, post_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let (done, asked) = (tally.acknowledged, tally.asked);
    let not_yet = tally.not_yet.len();
    let reminded = RwSignal::new(None::<Result<usize, String>>);
    let remind = move |_| {
        leptos::task::spawn_local(async move {
            match remind_unacknowledged(post_id).await {
                Ok(n) => {
                    reminded.set(Some(Ok(n)));
                    sync.request_sync();
                }
                Err(e) => reminded.set(Some(Err(crate::ui::error_view::error_text(i18n, &e)))),
            }
        });
    };
    view! {
        <div class="ack-follow">
            <p class="ack-count" data-testid="ack-count">
                <strong>{t!(i18n, acks_counted, done = move || done, asked = move || asked)}</strong>
            </p>
            <details open={(1..=12).contains(&not_yet)}>
                <summary data-testid="not-yet-summary">{t!(i18n, not_yet_n, n = move || not_yet)}</summary>
                <ul class="not-yet" data-testid="not-yet">
                    {tally.not_yet.iter().map(|p| view! { <li>{p.name.clone()}</li> }).collect_view()}
                </ul>
            </details>
            <details>
                <summary>{t!(i18n, acks_by_site)}</summary>
                <table class="ack-sites">
                    <tbody>
                        {tally.sites.iter().map(|s| {
                            let who = s.supervisor.as_ref().map(|p| p.name.clone()).unwrap_or_else(|| t_string!(i18n, no_supervisor).to_string());
                            let when = s.acknowledged.map(|at| moment(i18n, at));
                            let read = s.read;
                            view! { <tr>
                                <td>{s.name.clone()}</td><td>{who}</td>
                                <td>{match (when, read) { (Some(w), _) => format!("✓ {w}"), (None, true) => t_string!(i18n, read_not_acked).to_string(), (None, false) => "–".to_string() }}</td>
                            </tr> }
                        }).collect_view()}
                        {tally.others.iter().map(|m| {
                            let when = m.acknowledged.map(|at| moment(i18n, at));
                            let read = m.read;
                            view! { <tr class="ack-other">
                                <td>{crate::ui::labels::role(i18n, m.role)}</td><td>{m.person.name.clone()}</td>
                                <td>{match (when, read) { (Some(w), _) => format!("✓ {w}"), (None, true) => t_string!(i18n, read_not_acked).to_string(), (None, false) => "–".to_string() }}</td>
                            </tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
            {(not_yet > 0).then(|| view! {
                <button class="button button-secondary" on:click=remind data-testid="remind">
                    {t!(i18n, remind_n, n = move || not_yet)}
                </button>
            })}
            {move || reminded.get().map(|r| match r {
                Ok(n) => view! { <p class="notice" role="status">{crate::ui::labels::counted!(i18n, reminded_n, reminded_n_one, n = n)}</p> }.into_any(),
                Err(text) => view! { <p class="notice notice-error" role="alert">{text}</p> }.into_any(),
            })}
        </div>
    }
}
