//! The billing system's site file for admins (/hallinta/kohteet): choose or paste the CSV, see
//! what it would change — new sites, supervisor changes, moves, removed sites, unknown people,
//! who gains or loses which account — and every refused row with its line, then apply it whole.

use crate::api::channel::{apply_sites, export_sites, preview_sites};
use crate::domain::channel::billing::{BillingPreview, SiteChange, SiteImportResult};
use crate::domain::error::AppError;
use crate::i18n::*;
use crate::ui::error_view::error_text;
use crate::ui::layout::Page;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SitesImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let file_name = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<BillingPreview>);
    let result = RwSignal::new(None::<SiteImportResult>);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        preview.set(None);
        result.set(None);
        error.set(None);
        super::chosen_file::read_chosen_file(&ev, file_name, text, error);
    };
    let current = move |_| {
        leptos::task::spawn_local(async move {
            match export_sites().await {
                Ok(t) => {
                    file_name.set("kamu-kohteet.csv".into());
                    text.set(t);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let check = move |_| {
        busy.set(true);
        error.set(None);
        result.set(None);
        let t = text.get_untracked();
        leptos::task::spawn_local(async move {
            match preview_sites(t).await {
                Ok(p) => preview.set(Some(p)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let apply = move |_| {
        busy.set(true);
        error.set(None);
        let (name, t) = (file_name.get_untracked(), text.get_untracked());
        leptos::task::spawn_local(async move {
            match apply_sites(name, t).await {
                Ok(r) => {
                    result.set(Some(r));
                    preview.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, sites_import_title)) />
        <Page signed_in=true>
            <a class="back-link" href="/hallinta">"‹ " {t!(i18n, company_clock_title)}</a>
            <h1>{t!(i18n, sites_import_title)}</h1>
            <p class="muted">{t!(i18n, sites_import_hint)}</p>
            <pre class="csv-example" tabindex="0">"kohde;kohteen_nimi;osoite;paikkakunta;asiakkuus;asiakkuuden_nimi;esimies;esimiehen_sähköposti;aluejohtaja\n1201;Kauppakeskus Iso;Isokatu 1;Oulu;4;Alma Oy;Eeva Esimies;eeva@kamu.example;Aki Alue"</pre>
            <label class="field">
                <span>{t!(i18n, sites_file)}</span>
                <input type="file" accept=".csv,text/csv" on:change=on_file data-testid="sites-file" />
            </label>
            <details>
                <summary>{t!(i18n, figures_paste)}</summary>
                <textarea rows="6" class="mono" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))
                    data-testid="sites-text"></textarea>
            </details>
            <div class="button-row">
                <button class="button button-secondary" on:click=current data-testid="sites-current">{t!(i18n, sites_current)}</button>
                <button class="button button-primary" data-testid="sites-preview"
                    disabled=move || busy.get() || text.with(|t| t.trim().is_empty()) on:click=check>
                    {t!(i18n, figures_check)}
                </button>
            </div>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert" data-testid="sites-error">{error_text(i18n, &e)}</p> })}
            {move || result.get().map(|r| view! {
                <p class="notice" role="status" data-testid="sites-applied">
                    {if r.import_id.is_none() { t_string!(i18n, sites_nothing_changed).to_string() } else {
                        format!("{} {} · {} {} · {} {} · +{} / −{} {}", r.new_sites, t_string!(i18n, sites_new), r.changed,
                            t_string!(i18n, sites_changed), r.removed, t_string!(i18n, sites_removed),
                            r.access_gained, r.access_lost, t_string!(i18n, sites_access))
                    }}
                </p>
                {(r.people_added > 0).then(|| view! {
                    <p class="notice" data-testid="sites-people-added">
                        {t!(i18n, sites_people_added)} " " {r.people_added} " "
                        <a class="button" href="/hallinta/henkilot">{t!(i18n, people_title)}</a>
                    </p>
                })}
            })}
            {move || preview.get().map(|p| view! { <Plan preview=p busy apply /> })}
            <super::site_import_history::ImportHistory applied=result />
        </Page>
    }
}

#[component]
fn Plan(
    preview: BillingPreview,
    busy: RwSignal<bool>,
    apply: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let can_apply = preview.can_apply() && !preview.changes_nothing();
    let count =
        |f: &dyn Fn(&SiteChange) -> bool| preview.sites.iter().filter(|s| s.changes.iter().any(f)).count();
    let new = count(&|c| matches!(c, SiteChange::New));
    let supervisor = count(&|c| matches!(c, SiteChange::SupervisorChanged { .. }));
    let moved = count(&|c| {
        matches!(
            c,
            SiteChange::MovedAccount { .. } | SiteChange::RegionChanged { .. }
        )
    });
    let details = count(&|c| matches!(c, SiteChange::DetailsChanged));
    let changed: Vec<_> = preview
        .sites
        .iter()
        .filter(|s| s.changes != [SiteChange::Unchanged])
        .cloned()
        .collect();
    let errors = preview.errors.clone();
    view! {
        <section class="section" data-testid="sites-plan">
            <ul class="plan-counts">
                <li>{new} " " {t!(i18n, sites_new)}</li>
                <li>{supervisor} " " {t!(i18n, sites_supervisor_changes)}</li>
                <li>{moved} " " {t!(i18n, sites_moved)}</li>
                <li>{details} " " {t!(i18n, sites_details)}</li>
                <li>{preview.removed.len()} " " {t!(i18n, sites_removed)}</li>
                <li>{preview.unknown_people.len()} " " {t!(i18n, sites_unknown_people)}</li>
            </ul>
            {(!errors.is_empty()).then(|| {
                let n = errors.len();
                view! {
                    <div class="notice notice-error" role="alert">
                        <p><strong>{crate::ui::labels::counted!(i18n, figures_rejected, figures_rejected_one, n = n)}</strong></p>
                        <ul data-testid="sites-row-errors">
                            {errors.into_iter().map(|e| {
                                let line = e.line;
                                view! { <li>{t!(i18n, row_n, n = move || line)} ": " {reason_text(i18n, &e.reason)} " " <code>{e.detail}</code></li> }
                            }).collect_view()}
                        </ul>
                    </div>
                }
            })}
            {(!preview.unknown_people.is_empty()).then(|| view! {
                <p class="muted">{t!(i18n, sites_unknown_people_hint)} ": "
                    {preview.unknown_people.iter().map(|(line, email)| format!("{email} ({line})")).collect::<Vec<_>>().join(", ")}
                </p>
            })}
            <table class="figures">
                <thead><tr><th>{t!(i18n, row)}</th><th>{t!(i18n, section_sites)}</th><th></th></tr></thead>
                <tbody>
                    {changed.into_iter().take(300).map(|s| {
                        let what = s.changes.iter().map(|c| change_text(i18n, c)).collect::<Vec<_>>().join(", ");
                        view! { <tr><td>{s.row.line}</td><td>{s.row.site_name.clone()} " · " {s.row.town.clone()}</td><td>{what}</td></tr> }
                    }).collect_view()}
                    {preview.removed.iter().map(|s| view! {
                        <tr><td>"–"</td><td>{s.name.clone()} " · " {s.town.clone()}</td><td>{t!(i18n, sites_removed)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <button class="button button-primary" data-testid="sites-apply" disabled=move || busy.get() || !can_apply on:click=apply>
                {t!(i18n, figures_apply)}
            </button>
        </section>
    }
}

fn change_text(i18n: leptos_i18n::I18nContext<Locale>, c: &SiteChange) -> String {
    match c {
        SiteChange::New => t_string!(i18n, sites_new).to_string(),
        SiteChange::SupervisorChanged { from, to } => format!("{} → {to}", from.clone().unwrap_or_default()),
        SiteChange::MovedAccount { from, to } => format!("{} {from} → {to}", t_string!(i18n, account_id)),
        SiteChange::RegionChanged { .. } => t_string!(i18n, sites_region_changed).to_string(),
        SiteChange::DetailsChanged => t_string!(i18n, sites_details).to_string(),
        SiteChange::Unchanged => String::new(),
    }
}

fn reason_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "import_missing_value" => t_string!(i18n, import_missing_value),
        "import_bad_id" => t_string!(i18n, import_bad_id),
        "import_bad_email" => t_string!(i18n, import_bad_email),
        "import_too_long" => t_string!(i18n, import_too_long),
        "import_unknown_account" => t_string!(i18n, import_unknown_account),
        "import_unknown_regional_director" => t_string!(i18n, import_unknown_regional_director),
        "import_ambiguous_regional_director" => t_string!(i18n, import_ambiguous_regional_director),
        "import_duplicate_site" => t_string!(i18n, import_duplicate_site),
        "import_account_name_differs" => t_string!(i18n, import_account_name_differs),
        _ => t_string!(i18n, import_unreadable_row),
    }
    .to_string()
}
