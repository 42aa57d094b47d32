//! The finance figures import for admins (/hallinta/luvut): choose the finance system's CSV,
//! see what every row would do (and why a row is refused), then apply it in one go.

use crate::api::cards::{apply_figures, preview_figures};
use crate::domain::card::import::{ImportPreview, ImportResult, RowPlan};
use crate::domain::error::AppError;
use crate::i18n::*;
use crate::ui::error_view::error_text;
use crate::ui::format::{euros, tenths};
use crate::ui::layout::Page;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FiguresImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let file_name = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<ImportPreview>);
    let result = RwSignal::new(None::<ImportResult>);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        preview.set(None);
        result.set(None);
        error.set(None);
        super::chosen_file::read_chosen_file(&ev, file_name, text, error);
    };
    let check = move |_| {
        busy.set(true);
        error.set(None);
        result.set(None);
        let t = text.get_untracked();
        leptos::task::spawn_local(async move {
            match preview_figures(t).await {
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
            match apply_figures(name, t).await {
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
        <Title text=move || format!("{} – Kamu", t_string!(i18n, figures_import_title)) />
        <Page signed_in=true>
            <a class="back-link" href="/hallinta">"‹ " {t!(i18n, company_clock_title)}</a>
            <h1>{t!(i18n, figures_import_title)}</h1>
            <p class="muted">{t!(i18n, figures_import_hint)}</p>
            <pre class="csv-example" tabindex="0">"asiakkuus;kausi;liikevaihto;kate;tunnit;liikevaihtotavoite;katetavoite;tuntibudjetti\n4;2026-10;120 000;11 500;42,5;118 000;11 800;40"</pre>
            <label class="field">
                <span>{t!(i18n, figures_file)}</span>
                <input type="file" accept=".csv,text/csv" on:change=on_file data-testid="figures-file" />
            </label>
            <details>
                <summary>{t!(i18n, figures_paste)}</summary>
                <textarea rows="6" class="mono" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))
                    data-testid="figures-text"></textarea>
            </details>
            <button class="button button-primary" data-testid="figures-preview"
                disabled=move || busy.get() || text.with(|t| t.trim().is_empty()) on:click=check>
                {t!(i18n, figures_check)}
            </button>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert" data-testid="figures-error">{error_text(i18n, &e)}</p> })}
            {move || result.get().map(|r| view! {
                <p class="notice" role="status" data-testid="figures-applied">
                    {t!(i18n, figures_applied, new = move || r.new, changed = move || r.changed, unchanged = move || r.unchanged)}
                </p>
            })}
            {move || preview.get().map(|p| view! { <Preview preview=p busy apply /> })}
        </Page>
    }
}

#[component]
fn Preview(
    preview: ImportPreview,
    busy: RwSignal<bool>,
    apply: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let can_apply = preview.can_apply();
    let new = preview.count(|p| matches!(p, RowPlan::New));
    let changed = preview.count(|p| matches!(p, RowPlan::Changed { .. }));
    let unchanged = preview.count(|p| matches!(p, RowPlan::Unchanged));
    let errors = preview.errors.clone();
    let error_count = errors.len();
    view! {
        <section class="section" data-testid="figures-plan">
            <p>{t!(i18n, figures_plan, new = move || new, changed = move || changed, unchanged = move || unchanged)}</p>
            {(!errors.is_empty()).then(|| view! {
                <div class="notice notice-error" role="alert">
                    <p><strong>{crate::ui::labels::counted!(i18n, figures_rejected, figures_rejected_one, n = error_count)}</strong></p>
                    <ul data-testid="figures-row-errors">
                        {errors.into_iter().map(|e| {
                            let reason = reason_text(i18n, &e.reason);
                            let line = e.line;
                            view! { <li>{t!(i18n, row_n, n = move || line)} ": " {reason} " " <code>{e.detail}</code></li> }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <table class="figures">
                <thead><tr>
                    <th>{t!(i18n, row)}</th><th>{t!(i18n, account_id)}</th><th>{t!(i18n, period)}</th>
                    <th class="num">{t!(i18n, figure_revenue)}</th><th class="num">{t!(i18n, figure_hours)}</th><th></th>
                </tr></thead>
                <tbody>
                    {preview.rows.into_iter().map(|r| {
                        let what = match r.plan {
                            RowPlan::New => t_string!(i18n, plan_new),
                            RowPlan::Changed { .. } => t_string!(i18n, plan_changed),
                            RowPlan::Unchanged => t_string!(i18n, plan_unchanged),
                        };
                        view! { <tr>
                            <td>{r.line}</td><td>{r.figures.account_id.0}</td><td>{r.figures.period.short_label()}</td>
                            <td class="num">{euros(r.figures.revenue)}</td><td class="num">{tenths(r.figures.hours_tenths)}</td>
                            <td>{what}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <button class="button button-primary" data-testid="figures-apply"
                disabled=move || busy.get() || !can_apply on:click=apply>
                {t!(i18n, figures_apply)}
            </button>
        </section>
    }
}

fn reason_text(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "import_missing_value" => t_string!(i18n, import_missing_value),
        "import_not_a_number" => t_string!(i18n, import_not_a_number),
        "import_bad_account" => t_string!(i18n, import_bad_account),
        "import_bad_period" => t_string!(i18n, import_bad_period),
        "import_negative" => t_string!(i18n, import_negative),
        "import_unknown_account" => t_string!(i18n, import_unknown_account),
        "import_duplicate_month" => t_string!(i18n, import_duplicate_month),
        "import_bad_kind" => t_string!(i18n, import_bad_kind),
        "import_target_differs" => t_string!(i18n, import_target_differs),
        "import_too_long" => t_string!(i18n, import_too_long),
        _ => t_string!(i18n, import_unreadable_row),
    }
    .to_string()
}
