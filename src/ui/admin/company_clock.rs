//! The company clock for admins: activities every account's wheel shows in its company ring
//! (management-team meetings, audit season), and the standard template next years are planned
//! from. Both change on the server at once; this page needs the network.

use crate::api::clock::{
    add_company_activity, add_template_entry, company_clock, remove_company_activity, remove_template_entry,
    CompanyClockData,
};
use crate::domain::clock::new_event::Repeat;
use crate::domain::clock::EventKind;
use crate::domain::dates::format_date;
use crate::domain::error::AppError;
use crate::i18n::*;
use crate::ui::clock::repeat_label;
use crate::ui::error_view::ErrorView;
use crate::ui::labels;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CompanyClockPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| company_clock());
    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, company_clock_title)) />
        <Page signed_in=true>
            <h1>{t!(i18n, company_clock_title)}</h1>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|result| match result {
                    Ok(clock) => view! { <Editor clock reload=move || data.refetch() /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

/// Runs a server call, then reloads the page's data or shows that it failed.
fn run(
    call: impl std::future::Future<Output = Result<(), AppError>> + 'static,
    reload: impl Fn() + 'static,
    failed: WriteSignal<bool>,
) {
    failed.set(false);
    leptos::task::spawn_local(async move {
        match call.await {
            Ok(()) => reload(),
            Err(_) => failed.set(true),
        }
    });
}

#[component]
fn Editor(clock: CompanyClockData, reload: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let (failed, set_failed) = signal(false);
    let today = chrono::Utc::now().date_naive();
    let (title, set_title) = signal(String::new());
    let (first, set_first) = signal(today);
    let (repeat, set_repeat) = signal(Repeat::Once);
    let (time, set_time) = signal(String::new());
    let (last, set_last) = signal(String::new());
    let reload_a = reload.clone();
    let add_activity = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let call = add_company_activity(
            title.get_untracked(),
            first.get_untracked().format("%Y-%m-%d").to_string(),
            last.get_untracked(),
            repeat.get_untracked().key(),
            time.get_untracked(),
        );
        run(call, reload_a.clone(), set_failed);
    };
    let (kind, set_kind) = signal(EventKind::CustomerMeeting);
    let (t_title, set_t_title) = signal(String::new());
    let (month, set_month) = signal(1u32);
    let (day, set_day) = signal(15u32);
    let (t_repeat, set_t_repeat) = signal(Repeat::Once);
    let reload_t = reload.clone();
    let add_entry = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let call = add_template_entry(
            kind.get_untracked().as_str().to_string(),
            t_title.get_untracked(),
            month.get_untracked(),
            day.get_untracked(),
            t_repeat.get_untracked().key(),
            String::new(),
        );
        run(call, reload_t.clone(), set_failed);
    };
    // A template entry's repeat is named as it would read in a year starting in January.
    let sample_day = move |m: u32, d: u32| {
        NaiveDate::from_ymd_opt(today.year(), m.clamp(1, 12), d.clamp(1, 28)).unwrap_or(today)
    };
    let activities = clock.activities.clone();
    let template = clock.template.clone();
    view! {
        <section class="section" data-testid="company-activities">
            <h2>{t!(i18n, company_activities)}</h2>
            <p class="muted">{t!(i18n, company_activities_hint)}</p>
            <ul class="plain-list">
                {activities.into_iter().map(|a| {
                    let id = a.id.to_string();
                    let reload = reload.clone();
                    let first = a.series.starts_on;
                    let period_end = (a.days > 1)
                        .then(|| format!("–{}", format_date(first + chrono::Duration::days(i64::from(a.days) - 1))));
                    let repeats = !matches!(a.series.rule, crate::domain::clock::recurrence::Rule::Dates { .. });
                    view! {
                        <li class="row-between" data-testid="company-activity">
                            <span>
                                <strong>{a.title.clone()}</strong> " " {format_date(first)} {period_end}
                                {repeats.then(|| view! { " · " {t!(i18n, repeating)} })}
                            </span>
                            <button class="button" on:click=move |_| run(remove_company_activity(id.clone()), reload.clone(), set_failed)>
                                {t!(i18n, remove)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="stack" on:submit=add_activity>
                <label class="field">
                    <span>{t!(i18n, event_title)}</span>
                    <input type="text" required maxlength="200" prop:value=title
                        on:input=move |ev| set_title.set(event_target_value(&ev)) data-testid="activity-title" />
                </label>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, first_day)}</span>
                        <input type="date" required prop:value=move || first.get().format("%Y-%m-%d").to_string()
                            on:change=move |ev| if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") { set_first.set(d) }
                            data-testid="activity-first" />
                    </label>
                    <label class="field">
                        <span>{t!(i18n, last_day_optional)}</span>
                        <input type="date" on:change=move |ev| set_last.set(event_target_value(&ev))
                            data-testid="activity-last" />
                    </label>
                </div>
                <label class="field">
                    <span>{t!(i18n, time_optional)}</span>
                    <input type="time" on:change=move |ev| set_time.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t!(i18n, repeat_label)}</span>
                    <select on:change=move |ev| if let Some(r) = Repeat::from_key(&event_target_value(&ev)) { set_repeat.set(r) }
                        data-testid="activity-repeat">
                        {Repeat::OFFERED.into_iter().map(|r| view! {
                            <option value=r.key() selected=move || repeat.get() == r>{move || repeat_label(i18n, r, first.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="button button-primary" data-testid="activity-save">{t!(i18n, save)}</button>
            </form>
        </section>
        <section class="section" data-testid="clock-template">
            <h2>{t!(i18n, template_title)}</h2>
            <p class="muted">{t!(i18n, template_hint)}</p>
            <ul class="plain-list">
                {template.into_iter().map(|e| {
                    let reload = reload.clone();
                    let id = e.id;
                    let name = if e.title.is_empty() { labels::kind(i18n, e.kind) } else { e.title.clone() };
                    let (m, d, r) = (e.month_offset + 1, e.day, e.repeat);
                    view! {
                        <li class="row-between" data-testid="template-entry">
                            <span>
                                <strong>{name}</strong> " · "
                                {t!(i18n, template_when, month = move || m, day = move || d)} " · "
                                {repeat_label(i18n, r, sample_day(m, d))}
                            </span>
                            <button class="button" on:click=move |_| run(remove_template_entry(id), reload.clone(), set_failed)>
                                {t!(i18n, remove)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="stack" on:submit=add_entry>
                <label class="field">
                    <span>{t!(i18n, event_kind)}</span>
                    <select on:change=move |ev| if let Some(k) = EventKind::parse(&event_target_value(&ev)) { set_kind.set(k) }>
                        {EventKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == k>{move || labels::kind(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, event_title_optional)}</span>
                    <input type="text" maxlength="200" on:input=move |ev| set_t_title.set(event_target_value(&ev)) />
                </label>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, template_month)}</span>
                        <input type="number" min="1" max="12" prop:value=move || month.get().to_string()
                            on:change=move |ev| if let Ok(m) = event_target_value(&ev).parse() { set_month.set(m) } />
                    </label>
                    <label class="field">
                        <span>{t!(i18n, template_day)}</span>
                        <input type="number" min="1" max="31" prop:value=move || day.get().to_string()
                            on:change=move |ev| if let Ok(d) = event_target_value(&ev).parse() { set_day.set(d) } />
                    </label>
                </div>
                <label class="field">
                    <span>{t!(i18n, repeat_label)}</span>
                    <select on:change=move |ev| if let Some(r) = Repeat::from_key(&event_target_value(&ev)) { set_t_repeat.set(r) }>
                        {Repeat::OFFERED.into_iter().map(|r| view! {
                            <option value=r.key() selected=move || t_repeat.get() == r>
                                {move || repeat_label(i18n, r, sample_day(month.get(), day.get()))}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="button button-primary">{t!(i18n, save)}</button>
            </form>
        </section>
        <Show when=move || failed.get()>
            <p class="notice notice-error" role="alert">{t!(i18n, company_clock_failed)}</p>
        </Show>
    }
}
