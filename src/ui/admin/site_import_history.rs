//! The latest applied site files under the import form: when, which file, by whom, what
//! changed, and whose access to which account moved (lost first), so an admin can answer
//! "why can't Eeva see Alma any more?" without opening the database.

use crate::api::channel::recent_site_imports;
use crate::domain::channel::billing::SiteImportResult;
use crate::domain::channel::import_history::ImportRecord;
use crate::i18n::*;
use crate::ui::error_view::ErrorView;
use crate::ui::format::moment;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;

/// `applied` changes after each apply, so the list is read again.
#[component]
pub fn ImportHistory(applied: RwSignal<Option<SiteImportResult>>) -> impl IntoView {
    let i18n = use_i18n();
    let records = Resource::new(move || applied.get(), |_| recent_site_imports());
    view! {
        <section class="section" data-testid="import-history">
            <h2>{t!(i18n, sites_history_title)}</h2>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || records.loaded().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="muted">{t!(i18n, sites_history_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="plain-list">
                            {list.into_iter().map(|record| view! { <li><Record record /></li> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Record(record: ImportRecord) -> impl IntoView {
    let i18n = use_i18n();
    let not_shown = record.access_not_shown();
    let by = record.imported_by.clone();
    view! {
        <details class="import-record" data-testid="import-record">
            <summary>
                <span class="import-when">{moment(i18n, record.imported_at)}</span>
                <span class="import-file">{record.file_name.clone()}</span>
                <span class="muted">{move || by.clone().unwrap_or_else(|| t_string!(i18n, sites_by_command_line).to_string())}</span>
                <span class="import-counts" data-testid="import-counts">
                    {format!("{} {} · {} {} · {} {} · +{} / −{} {}",
                        record.new_sites, t_string!(i18n, sites_new), record.changed, t_string!(i18n, sites_changed),
                        record.removed, t_string!(i18n, sites_removed), record.gained, record.lost, t_string!(i18n, sites_access))}
                </span>
            </summary>
            <ul class="access-changes">
                {record.access.into_iter().map(|c| {
                    let (class, sign, what) = if c.gained {
                        ("access-gained", "+", t_string!(i18n, sites_access_gained))
                    } else {
                        ("access-lost", "−", t_string!(i18n, sites_access_lost))
                    };
                    view! {
                        <li class=class data-testid="access-change">
                            <span aria-hidden="true">{sign}</span> " " <strong>{c.person}</strong> " " {what} ": " {c.account}
                            <span class="muted">" · " {c.email}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(not_shown > 0).then(|| view! { <p class="muted">"+ " {not_shown} " " {t!(i18n, sites_more)}</p> })}
        </details>
    }
}
