//! The relationship map of an account (issue 19, seed 002 Q7, Q10), drawn by the server: the
//! coverage score and what it counts, the customer's positions in reporting order with the
//! person in each, their buying role and stance, our counterpart and when they last met, each
//! pair's flag, and the organisation's changes of the last year. A list grouped by position,
//! readable at 360 px; the reporting lines show as indentation.

use super::doc_form::{self, Target};
use super::light_badge;
use crate::api::drawn::Drawn;
use crate::domain::dates::format_date;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::kam::map::{
    BuyingRole, ChangeKind, CustomerPerson, PairFlag, Position, Stance, MAX_NAME_CHARS,
};
use crate::domain::people::Viewer;
use crate::domain::sync::doc::{Doc, RecordKind};
use crate::i18n::*;
use crate::server::kam::map::{AccountMap, CHANGES_SHOWN_DAYS};
use crate::server::state::AppState;
use leptos::prelude::*;
use uuid::Uuid;

/// Deeper reporting lines than this are drawn at this depth (a phone has no room for more).
const MAX_INDENT: usize = 4;

pub async fn draw(
    state: &AppState,
    viewer: &Viewer,
    account: AccountId,
    locale: Locale,
) -> Result<Drawn, AppError> {
    let (name, edits) = super::account_name_and_edits(state, viewer, account).await?;
    let today = state.today();
    let map = crate::server::kam::map::of_account(&state.pool, viewer, account, today).await?;
    let editing = match edits {
        true => Some(Editing {
            account,
            ours: our_choices(state, account, &map).await?,
        }),
        false => None,
    };
    let title = format!("{name}: {}", td_string!(locale, map_title));
    let html = page(account, &title, &map, editing.as_ref(), today, locale);
    Ok(Drawn {
        title: format!("{title} – Kamu"),
        html,
    })
}

/// What the forms of one who edits the map need: the account, and our people a customer person
/// may be paired with (those who work with the account, and anyone paired already).
struct Editing {
    account: AccountId,
    ours: Vec<(String, String)>,
}

async fn our_choices(
    state: &AppState,
    account: AccountId,
    map: &AccountMap,
) -> Result<Vec<(String, String)>, AppError> {
    let mut ours: Vec<(String, String)> =
        crate::server::kam::support::people_of_account(&state.pool, account)
            .await?
            .into_iter()
            .chain(map.our_names.iter().map(|(id, name)| (*id, name.clone())))
            .map(|(id, name)| (id.0.to_string(), name))
            .collect();
    // Each person once (someone already paired is also among the account's people).
    let mut seen = std::collections::BTreeSet::new();
    ours.retain(|(id, _)| seen.insert(id.clone()));
    ours.sort_by(|a, b| crate::domain::collation::compare(&a.1, &b.1));
    Ok(ours)
}

/// Positions in reporting order (each after the one it reports to), with their depth. A
/// position whose superior is unknown starts at the top; so does one caught in a loop of
/// reporting lines, with those under it still indented beneath it.
fn in_reporting_order(positions: &[Position]) -> Vec<(&Position, usize)> {
    let known = |id: Option<Uuid>| id.filter(|id| positions.iter().any(|p| p.id == *id));
    let mut out: Vec<(&Position, usize)> = Vec::with_capacity(positions.len());
    let tops = positions.iter().filter(|p| known(p.reports_to).is_none());
    for start in tops.chain(positions.iter()) {
        if out.iter().any(|(seen, _)| seen.id == start.id) {
            continue;
        }
        // A position not reached from a top is in a loop or under one: start at the loop, so
        // those under it keep their lines.
        let root = loop_above(positions, start);
        let mut stack = vec![(root, 0)];
        while let Some((p, depth)) = stack.pop() {
            if out.iter().any(|(seen, _)| seen.id == p.id) {
                continue;
            }
            out.push((p, depth));
            stack.extend(
                positions
                    .iter()
                    .filter(|c| c.reports_to == Some(p.id))
                    .rev()
                    .map(|c| (c, depth + 1)),
            );
        }
    }
    out
}

/// Where to start drawing `from`'s line: the top above it, or, when the climb comes round again,
/// a member of the loop it sits in or under.
fn loop_above<'a>(positions: &'a [Position], from: &'a Position) -> &'a Position {
    let mut path = vec![from.id];
    let mut at = from;
    while let Some(up) = at.reports_to.and_then(|id| positions.iter().find(|p| p.id == id)) {
        if path.contains(&up.id) {
            break;
        }
        path.push(up.id);
        at = up;
    }
    at
}

fn page(
    account: AccountId,
    title: &str,
    map: &AccountMap,
    editing: Option<&Editing>,
    today: chrono::NaiveDate,
    locale: Locale,
) -> String {
    let body = if map.positions.is_empty() {
        view! { <p class="notice">{td_string!(locale, map_empty)}</p> }.into_any()
    } else {
        view! {
            {coverage(map, locale)}
            <h2>{td_string!(locale, map_organisation)}</h2>
            <ul class="org" data-testid="map-positions">
                {in_reporting_order(&map.positions)
                    .into_iter()
                    .map(|(p, depth)| position(p, depth, map, editing, today, locale))
                    .collect::<Vec<_>>()}
            </ul>
            {changes(map, locale)}
            <p class="muted">{td_string!(locale, map_how)}</p>
            {editing.map(|_| doc_form::messages(locale))}
        }
        .into_any()
    };
    view! {
        <a class="back-link" href=format!("/asiakkuus/{}", account.0)>"‹ " {td_string!(locale, back_to_account)}</a>
        <h1>{title.to_string()}</h1>
        <section class="section map">{body}</section>
    }
    .to_html()
}

/// The score's light and each gap it counts, said in words.
fn coverage(map: &AccountMap, locale: Locale) -> impl IntoView {
    let c = &map.coverage;
    let gaps = c.gaps();
    let mut lines: Vec<AnyView> = c
        .key_roles_missing
        .iter()
        .map(|r| {
            let role = role_name(*r, locale);
            td!(locale, map_missing_role, role = move || role).into_any()
        })
        .collect();
    if c.pairs_not_met > 0 {
        let count = c.pairs_not_met;
        lines.push(td!(locale, map_not_met, count = move || count).into_any());
    }
    if c.people_left > 0 {
        let count = c.people_left;
        lines.push(td!(locale, map_left, count = move || count).into_any());
    }
    view! {
        <div class="map-coverage" data-testid="map-coverage">
            <h2 class="goal-name">
                {light_badge(c.light(), locale)}
                <span>{td_string!(locale, map_coverage)}</span>
                <span class="goal-pct" data-testid="map-gaps">{td!(locale, map_gaps, count = move || gaps)}</span>
            </h2>
            {if lines.is_empty() {
                view! { <p>{td_string!(locale, map_no_gaps)}</p> }.into_any()
            } else {
                view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect::<Vec<_>>()}</ul> }.into_any()
            }}
        </div>
    }
}

/// One position: its title and buying role, then everyone in it now, and those who left while
/// their pair still needs a look.
fn position(
    p: &Position,
    depth: usize,
    map: &AccountMap,
    editing: Option<&Editing>,
    today: chrono::NaiveDate,
    locale: Locale,
) -> impl IntoView {
    let shown: Vec<&CustomerPerson> = map
        .people
        .iter()
        .filter(|q| q.position == p.id)
        .filter(|q| {
            q.is_current(today)
                || q.started_on.is_some_and(|s| s > today)
                || map.pairs.iter().any(|pair| pair.customer_person == q.id)
        })
        .collect();
    let vacant = !map
        .people
        .iter()
        .any(|q| q.position == p.id && q.is_current(today));
    let role = p.buying_role.map(|r| role_name(r, locale));
    view! {
        <li class=format!("org-position depth-{}", depth.min(MAX_INDENT)) id=format!("record-{}", p.id) data-testid="map-position">
            <h3 class="org-title">
                <span>{p.title.clone()}</span>
                {role.map(|r| view! { <span class="status-chip chip-moved">{r}</span> })}
            </h3>
            {vacant.then(|| view! { <p class="org-vacant" data-testid="map-vacant">{td_string!(locale, map_vacant)}</p> })}
            <ul class="org-people">
                {shown.into_iter().map(|q| person(q, map, editing, today, locale)).collect::<Vec<_>>()}
            </ul>
            {editing.map(|e| new_person_form(p, e, locale))}
        </li>
    }
}

fn person(
    q: &CustomerPerson,
    map: &AccountMap,
    editing: Option<&Editing>,
    today: chrono::NaiveDate,
    locale: Locale,
) -> impl IntoView {
    let pair = map.pairs.iter().find(|pair| pair.customer_person == q.id);
    let stance = q.stance.map(|s| stance_name(s, locale));
    let dates = match (q.left_on.filter(|l| *l <= today), q.started_on) {
        (Some(left), _) => {
            let date = format_date(left);
            Some(td!(locale, map_left_on, date = move || date.clone()).into_any())
        }
        (None, Some(starts)) if starts > today => {
            let date = format_date(starts);
            Some(td!(locale, map_starts_on, date = move || date.clone()).into_any())
        }
        (None, Some(started)) if (today - started).num_days() <= CHANGES_SHOWN_DAYS => {
            let date = format_date(started);
            Some(td!(locale, map_started_on, date = move || date.clone()).into_any())
        }
        _ => None,
    };
    let ours = match pair {
        Some(pair) => {
            let name = map
                .our_names
                .get(&pair.ours)
                .cloned()
                .unwrap_or_else(|| td_string!(locale, map_unknown_person).to_string());
            let met = match pair.last_met {
                Some(on) => {
                    let date = format_date(on);
                    td!(locale, map_last_met_on, date = move || date.clone()).into_any()
                }
                None => td_string!(locale, map_never_met).into_any(),
            };
            view! {
                <p class="org-pair">{td_string!(locale, map_ours)} " " <strong>{name}</strong> " · " {met}</p>
                {pair.flag.map(|f| view! { <p class="org-flag" data-testid="map-flag">"⚠ " {flag_text(f, locale)}</p> })}
            }
            .into_any()
        }
        None => view! { <p class="org-pair muted">{td_string!(locale, map_no_pair)}</p> }.into_any(),
    };
    view! {
        <li class="org-person" id=format!("record-{}", q.id) data-testid="map-person">
            <p class="org-name">
                <strong>{q.name.clone()}</strong>
                {stance.map(|s| view! { " · " <span>{s}</span> })}
                {dates.map(|d| view! { " · " <span class="muted">{d}</span> })}
            </p>
            {ours}
            {editing.map(|e| person_form(q, e, locale))}
        </li>
    }
}

/// A person's own form: their name, the day they left (the organisation's change), their
/// stance and our counterpart.
fn person_form(q: &CustomerPerson, editing: &Editing, locale: Locale) -> impl IntoView {
    let record = Doc::new(q.id, editing.account, q);
    let inputs = view! {
        {doc_form::text("name", td_string!(locale, map_field_name).into(), &q.name, MAX_NAME_CHARS)}
        {doc_form::date("left_on", td_string!(locale, map_field_left_on).into(), q.left_on)}
        {stance_choice(q.stance, locale)}
        {counterpart_choice(q.counterpart.map(|p| p.0.to_string()), editing, locale)}
    };
    let target = Target::Existing(&record);
    doc_form::form(
        target,
        editing.account,
        td_string!(locale, map_edit_person).into(),
        "map-edit-person",
        inputs,
        locale,
    )
}

/// Someone new in a position: the successor of one who left, or the first person known there.
/// Their stance and our counterpart are set on their own form once they are on the map (one
/// list of our people per person, not two: the page stays light).
fn new_person_form(p: &Position, editing: &Editing, locale: Locale) -> impl IntoView {
    let inputs = view! {
        {doc_form::fixed("position", p.id.to_string())}
        {doc_form::text("name", td_string!(locale, map_field_name).into(), "", MAX_NAME_CHARS)}
        {doc_form::date("started_on", td_string!(locale, map_field_started_on).into(), None)}
    };
    doc_form::form(
        Target::New(RecordKind::CustomerPerson),
        editing.account,
        td_string!(locale, map_new_person).into(),
        "map-new-person",
        inputs,
        locale,
    )
}

fn stance_choice(stance: Option<Stance>, locale: Locale) -> impl IntoView {
    let options = [
        Stance::Supporter,
        Stance::Favourable,
        Stance::Neutral,
        Stance::Sceptical,
        Stance::Opponent,
    ]
    .into_iter()
    .map(|s| (doc_form::value_name(s), stance_name(s, locale).to_string()))
    .collect();
    doc_form::choice(
        "stance",
        td_string!(locale, map_field_stance).into(),
        td_string!(locale, map_field_unknown).into(),
        options,
        stance.map(doc_form::value_name),
        false,
    )
}

fn counterpart_choice(selected: Option<String>, editing: &Editing, locale: Locale) -> impl IntoView {
    doc_form::choice(
        "counterpart",
        td_string!(locale, map_field_counterpart).into(),
        td_string!(locale, map_field_nobody).into(),
        editing.ours.clone(),
        selected,
        true,
    )
}

/// The last year's changes, newest first: who left and who came, in which position.
fn changes(map: &AccountMap, locale: Locale) -> impl IntoView {
    let title_of = |id: Uuid| {
        map.positions
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.title.clone())
            .unwrap_or_default()
    };
    let name_of = |id: Uuid| {
        map.people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let rows: Vec<_> = map
        .changes
        .iter()
        .map(|c| {
            let (name, position) = (name_of(c.person), title_of(c.position));
            let text = match c.kind {
                ChangeKind::Left => td!(locale, map_change_left, name = move || name.clone(), position = move || position.clone()).into_any(),
                ChangeKind::Started => td!(locale, map_change_started, name = move || name.clone(), position = move || position.clone()).into_any(),
            };
            view! { <li data-testid="map-change"><span class="org-when">{format_date(c.on)}</span> " " {text}</li> }
        })
        .collect();
    view! {
        <h2>{td_string!(locale, map_changes)}</h2>
        {if rows.is_empty() {
            view! { <p class="muted">{td_string!(locale, map_no_changes)}</p> }.into_any()
        } else {
            view! { <ul class="org-changes">{rows}</ul> }.into_any()
        }}
    }
}

fn role_name(role: BuyingRole, locale: Locale) -> &'static str {
    match role {
        BuyingRole::Approver => td_string!(locale, role_approver),
        BuyingRole::DecisionMaker => td_string!(locale, role_decision_maker),
        BuyingRole::Influencer => td_string!(locale, role_influencer),
        BuyingRole::User => td_string!(locale, role_user),
    }
}

fn stance_name(stance: Stance, locale: Locale) -> &'static str {
    match stance {
        Stance::Supporter => td_string!(locale, stance_supporter),
        Stance::Favourable => td_string!(locale, stance_favourable),
        Stance::Neutral => td_string!(locale, stance_neutral),
        Stance::Sceptical => td_string!(locale, stance_sceptical),
        Stance::Opponent => td_string!(locale, stance_opponent),
    }
}

fn flag_text(flag: PairFlag, locale: Locale) -> &'static str {
    match flag {
        PairFlag::TheyLeft => td_string!(locale, flag_they_left),
        PairFlag::OursLeft => td_string!(locale, flag_ours_left),
        PairFlag::NotMet => td_string!(locale, flag_not_met),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(n: u128, reports_to: Option<u128>) -> Position {
        Position {
            id: Uuid::from_u128(n),
            title: format!("Tehtävä {n}"),
            reports_to: reports_to.map(Uuid::from_u128),
            buying_role: None,
        }
    }

    #[test]
    fn positions_follow_their_reporting_lines_and_a_loop_still_shows() {
        let positions = vec![
            position(3, Some(1)),
            position(1, None),
            position(2, Some(1)),
            position(4, Some(2)),
        ];
        let order: Vec<(u128, usize)> = in_reporting_order(&positions)
            .into_iter()
            .map(|(p, d)| (p.id.as_u128(), d))
            .collect();
        assert_eq!(order, vec![(1, 0), (3, 1), (2, 1), (4, 2)]);

        // 5 and 6 report to each other; 7 reports to 6 and 8 to 7: nobody is lost to the loop,
        // and those under it keep their lines.
        let looped = vec![
            position(8, Some(7)),
            position(5, Some(6)),
            position(7, Some(6)),
            position(6, Some(5)),
        ];
        let order: Vec<(u128, usize)> = in_reporting_order(&looped)
            .into_iter()
            .map(|(p, d)| (p.id.as_u128(), d))
            .collect();
        assert_eq!(order, vec![(5, 0), (6, 1), (7, 2), (8, 3)]);
    }
}
