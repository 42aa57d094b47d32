//! People and their way in, for admins (/hallinta/henkilot). The billing-system import adds
//! supervisors who have no password; here the admin finds them (they are listed first) and
//! makes each a one-time sign-in link to send on. The same link resets a forgotten password.

use super::sign_in_link::LinkMade;
use crate::api::people::{admin_people, make_sign_in_link};
use crate::domain::dates::format_date;
use crate::domain::error::AppError;
use crate::domain::sign_in_link::{NewLink, PeopleList, PersonAccess};
use crate::i18n::*;
use crate::ui::error_view::{error_text, ErrorView};
use crate::ui::labels;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let only_new = RwSignal::new(true);
    let list = Resource::new(
        move || (query.get(), only_new.get()),
        |(q, only)| admin_people(q, only),
    );
    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, people_title)) />
        <Page signed_in=true>
            <a class="back-link" href="/hallinta">"‹ " {t!(i18n, company_clock_title)}</a>
            <h1>{t!(i18n, people_title)}</h1>
            <p class="muted">{t!(i18n, people_hint)}</p>
            <label class="field">
                <span>{t!(i18n, people_search)}</span>
                <input type="search" maxlength="200" autocomplete="off" data-testid="people-search"
                    prop:value=query on:input=move |ev| query.set(event_target_value(&ev)) />
            </label>
            <label class="check">
                <input type="checkbox" data-testid="people-only-new" prop:checked=only_new
                    on:change=move |ev| only_new.set(event_target_checked(&ev)) />
                {t!(i18n, people_only_new)}
            </label>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || list.loaded().map(|r| match r {
                    Ok(list) => view! { <People list /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </Page>
    }
}

#[component]
fn People(list: PeopleList) -> impl IntoView {
    let i18n = use_i18n();
    let shown = list.shown.len();
    let matched = list.matched;
    view! {
        <p class="muted" data-testid="people-count">
            {if shown < matched {
                format!("{shown} / {matched} · {}", t_string!(i18n, people_narrow))
            } else {
                format!("{matched} {}", t_string!(i18n, people_found))
            }}
        </p>
        <ul class="plain-list">
            {list.shown.into_iter().map(|access| view! { <PersonRow access /> }).collect_view()}
        </ul>
    }
}

#[component]
fn PersonRow(access: PersonAccess) -> impl IntoView {
    let i18n = use_i18n();
    let link = RwSignal::new(None::<NewLink>);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let PersonAccess {
        person,
        has_password,
        link_valid_until,
    } = access;
    let id = person.id.0;
    let make = move |_| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match make_sign_in_link(id).await {
                Ok(l) => link.set(Some(l)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let role = person.role;
    let (name, email) = (person.name.clone(), person.email.clone());
    view! {
        <li class="person person-access" data-testid="person-row">
            <div class="person-main">
                <span class="person-name">{person.name}</span>
                <span class="muted">{person.email} " · " {move || labels::role(i18n, role)}</span>
                <span>
                    {(!has_password).then(|| view! { <span class="badge badge-important" data-testid="no-password">{t!(i18n, people_no_password)}</span> })}
                    {link_valid_until.map(|d| view! { " " <span class="badge badge-quiet">{t!(i18n, people_link_waiting)} " " {format_date(d)}</span> })}
                </span>
            </div>
            <button class="button" data-testid="make-link" disabled=move || busy.get() on:click=make>
                {if has_password { t!(i18n, people_make_reset_link).into_any() } else { t!(i18n, people_make_link).into_any() }}
            </button>
            {move || link.get().map(|link| view! { <LinkMade link name=name.clone() email=email.clone() /> })}
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{error_text(i18n, &e)}</p> })}
        </li>
    }
}
