//! Rules of the finance figures import: which columns a file has, what a valid row is, and
//! what applying the file would change. Reading the CSV itself happens on the server.
//!
//! A file has a header row naming its columns (Finnish or English, any order):
//! `asiakkuus;kausi;liikevaihto;kate;tunnit` and optionally `liikevaihtotavoite;katetavoite;tuntibudjetti`
//! and `projekti;laji`. Amounts may use a decimal comma and spaces between thousands, as Finnish
//! exports do.
//!
//! With a project column, a month of an account may take several rows: its contract work and
//! each project (`laji` is `sopimus` or `projekti`; a row with a project id and no `laji` is a
//! project). The month's figures are the sum of its rows, and the rows are kept as its lines
//! for the revenue page's base trend (`kam::revenue`). A file's month replaces the stored month
//! whole, lines included.

use super::facts::MonthFigures;
pub use crate::domain::csv_columns::RowError;
use crate::domain::csv_columns::{self, Columns};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use crate::domain::kam::revenue::{RevenueLine, MAX_PROJECT_CHARS};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    Account,
    Period,
    Revenue,
    Margin,
    Hours,
    RevenueTarget,
    MarginTarget,
    HourBudget,
    Project,
    LineKind,
}

impl Columns for Column {
    const NAMES: &'static [(Column, &'static [&'static str])] = &[
        (
            Column::Account,
            &["asiakkuus", "asiakkuus_id", "account", "account_id"],
        ),
        (Column::Period, &["kausi", "kuukausi", "period", "month"]),
        (Column::Revenue, &["liikevaihto", "revenue"]),
        (Column::Margin, &["kate", "margin"]),
        (Column::Hours, &["tunnit", "hours"]),
        (Column::RevenueTarget, &["liikevaihtotavoite", "revenue_target"]),
        (Column::MarginTarget, &["katetavoite", "margin_target"]),
        (Column::HourBudget, &["tuntibudjetti", "hour_budget"]),
        (Column::Project, &["projekti", "projekti_id", "project_id"]),
        (Column::LineKind, &["laji", "line_kind"]),
    ];

    fn required() -> Vec<Column> {
        vec![
            Column::Account,
            Column::Period,
            Column::Revenue,
            Column::Margin,
            Column::Hours,
        ]
    }
}

/// Maps the header to columns; unknown columns are ignored, missing required ones are named.
pub fn header(names: &[&str]) -> Result<Vec<Option<Column>>, Vec<&'static str>> {
    csv_columns::header(names)
}

/// "12 345,60", "12345.6", "1 200 €" → the amount in tenths; None when it is not a number.
pub fn parse_tenths(raw: &str) -> Option<i64> {
    let cleaned: String = raw
        .trim()
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() || cleaned.matches('.').count() > 1 {
        return None;
    }
    let value: f64 = cleaned.parse().ok()?;
    if !value.is_finite() || value.abs() > 1e12 {
        return None;
    }
    Some((value * 10.0).round() as i64)
}

/// "2026-08", "8/2026" or "08/2026".
pub fn parse_period(raw: &str) -> Option<YearMonth> {
    let raw = raw.trim();
    let (year, month) = if let Some((y, m)) = raw.split_once('-') {
        (y, m)
    } else {
        let (m, y) = raw.split_once('/')?;
        (y, m)
    };
    let period = YearMonth {
        year: year.trim().parse().ok()?,
        month: month.trim().parse().ok()?,
    };
    ((2000..=2100).contains(&period.year) && (1..=12).contains(&period.month)).then_some(period)
}

/// Validates one data row into a month's figures and the line it is of that month.
pub fn row(
    columns: &[Option<Column>],
    fields: &[&str],
    line: u64,
) -> Result<(MonthFigures, RevenueLine), RowError> {
    let error = |reason: &str, detail: &str| RowError {
        line,
        reason: reason.into(),
        detail: detail.into(),
    };
    let cell = |col: Column| Some(csv_columns::cell(columns, fields, col)).filter(|s| !s.is_empty());
    let required = |col: Column| cell(col).ok_or_else(|| error("import_missing_value", col.name()));
    let amount = |col: Column| -> Result<Option<i64>, RowError> {
        cell(col)
            .map(|raw| {
                parse_tenths(raw)
                    .ok_or_else(|| error("import_not_a_number", &format!("{}: {raw}", col.name())))
            })
            .transpose()
    };
    let account_raw = required(Column::Account)?;
    let account: i64 = account_raw
        .parse()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| error("import_bad_account", account_raw))?;
    let period_raw = required(Column::Period)?;
    let period = parse_period(period_raw).ok_or_else(|| error("import_bad_period", period_raw))?;
    required(Column::Revenue)?;
    required(Column::Margin)?;
    required(Column::Hours)?;
    let euros = |tenths: i64| (tenths + tenths.signum() * 5) / 10;
    let revenue = amount(Column::Revenue)?.unwrap_or_default();
    let hours = amount(Column::Hours)?.unwrap_or_default();
    let hour_budget = amount(Column::HourBudget)?;
    if revenue < 0 {
        return Err(error("import_negative", Column::Revenue.name()));
    }
    if hours < 0 || hour_budget.is_some_and(|b| b < 0) {
        return Err(error("import_negative", Column::Hours.name()));
    }
    let project = cell(Column::Project).unwrap_or_default();
    if project.chars().count() > MAX_PROJECT_CHARS {
        return Err(error("import_too_long", Column::Project.name()));
    }
    let is_project = match cell(Column::LineKind).map(str::to_lowercase).as_deref() {
        None => !project.is_empty(),
        Some("projekti" | "project" | "p") => true,
        Some("sopimus" | "contract" | "s") => false,
        Some(other) => return Err(error("import_bad_kind", other)),
    };
    if is_project && project.is_empty() {
        return Err(error("import_missing_value", Column::Project.name()));
    }
    let figures = MonthFigures {
        account_id: AccountId(account),
        period,
        revenue: euros(revenue),
        margin: euros(amount(Column::Margin)?.unwrap_or_default()),
        hours_tenths: hours,
        revenue_target: amount(Column::RevenueTarget)?.map(euros),
        margin_target: amount(Column::MarginTarget)?.map(euros),
        hour_budget_tenths: hour_budget,
    };
    let line = RevenueLine {
        is_project,
        project: project.to_string(),
        revenue: figures.revenue,
        margin: figures.margin,
    };
    Ok((figures, line))
}

/// One data row of a file as read: its line in the file, its figures and which line of the
/// month it is, or why it was refused.
pub type ReadRow = Result<(u64, MonthFigures, RevenueLine), RowError>;

/// What applying a valid row would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowPlan {
    New,
    Changed { before: MonthFigures },
    Unchanged,
}

/// A month of an account as the file gives it: its first row's line, the sum of its rows and
/// what applying it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRow {
    pub line: u64,
    pub figures: MonthFigures,
    pub plan: RowPlan,
    /// The month's lines, in key order. Only the server applies them; the preview the browser
    /// shows is by month.
    #[serde(skip)]
    pub lines: Vec<RevenueLine>,
}

/// The preview an admin sees before applying: every valid row and what it does, and every
/// rejected row with its reason. A file with any rejected row is not applied at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub rows: Vec<PlannedRow>,
    pub errors: Vec<RowError>,
}

impl ImportPreview {
    pub fn can_apply(&self) -> bool {
        self.errors.is_empty() && !self.rows.is_empty()
    }

    pub fn count(&self, wanted: fn(&RowPlan) -> bool) -> usize {
        self.rows.iter().filter(|r| wanted(&r.plan)).count()
    }
}

/// What an applied import changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportResult {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
}

/// A month's lines as stored, by account and month (the plan compares them too).
pub type StoredLines = HashMap<(AccountId, YearMonth), Vec<RevenueLine>>;

/// Compares the file's months with what is stored: unknown accounts and a line given twice in
/// a month are errors too (the second row names the first).
pub fn plan(
    parsed: Vec<ReadRow>,
    stored: &[MonthFigures],
    stored_lines: &StoredLines,
    known_accounts: &HashSet<AccountId>,
) -> ImportPreview {
    let stored: HashMap<(AccountId, YearMonth), &MonthFigures> =
        stored.iter().map(|f| ((f.account_id, f.period), f)).collect();
    let mut seen: HashMap<(AccountId, YearMonth, bool, String), u64> = HashMap::new();
    let mut month_at: HashMap<(AccountId, YearMonth), usize> = HashMap::new();
    let mut preview = ImportPreview::default();
    for result in parsed {
        let (line, figures, revenue_line) = match result {
            Ok(ok) => ok,
            Err(e) => {
                preview.errors.push(e);
                continue;
            }
        };
        let key = (figures.account_id, figures.period);
        if !known_accounts.contains(&figures.account_id) {
            preview.errors.push(RowError {
                line,
                reason: "import_unknown_account".into(),
                detail: figures.account_id.0.to_string(),
            });
            continue;
        }
        let line_key = (
            key.0,
            key.1,
            revenue_line.is_project,
            revenue_line.project.clone(),
        );
        if let Some(first) = seen.insert(line_key, line) {
            preview.errors.push(RowError {
                line,
                reason: "import_duplicate_month".into(),
                detail: first.to_string(),
            });
            continue;
        }
        match month_at.get(&key) {
            Some(&at) => {
                let month = &mut preview.rows[at];
                if let Err(column) = add_to(&mut month.figures, &figures) {
                    preview.errors.push(RowError {
                        line,
                        reason: "import_target_differs".into(),
                        detail: column.into(),
                    });
                    continue;
                }
                month.lines.push(revenue_line);
            }
            None => {
                month_at.insert(key, preview.rows.len());
                preview.rows.push(PlannedRow {
                    line,
                    figures,
                    plan: RowPlan::New,
                    lines: vec![revenue_line],
                });
            }
        }
    }
    for month in &mut preview.rows {
        month.lines.sort();
        let key = (month.figures.account_id, month.figures.period);
        month.plan = match stored.get(&key) {
            None => RowPlan::New,
            Some(before)
                if **before == month.figures
                    && stored_lines.get(&key).is_some_and(|lines| *lines == month.lines) =>
            {
                RowPlan::Unchanged
            }
            Some(before) => RowPlan::Changed {
                before: (*before).clone(),
            },
        };
    }
    preview
}

/// A month's figures with one more of its rows added: amounts and hours are sums. A target or
/// budget is the month's own: a finance export repeats it on the month's rows, so the same value
/// on several rows is one target, and two different values are an error naming the column.
fn add_to(month: &mut MonthFigures, row: &MonthFigures) -> Result<(), &'static str> {
    let one = |a: Option<i64>, b: Option<i64>, column: Column| match (a, b) {
        (Some(a), Some(b)) if a != b => Err(column.name()),
        _ => Ok(a.or(b)),
    };
    let revenue_target = one(month.revenue_target, row.revenue_target, Column::RevenueTarget)?;
    let margin_target = one(month.margin_target, row.margin_target, Column::MarginTarget)?;
    let hour_budget = one(
        month.hour_budget_tenths,
        row.hour_budget_tenths,
        Column::HourBudget,
    )?;
    month.revenue += row.revenue;
    month.margin += row.margin;
    month.hours_tenths += row.hours_tenths;
    month.revenue_target = revenue_target;
    month.margin_target = margin_target;
    month.hour_budget_tenths = hour_budget;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Vec<Option<Column>> {
        header(&[
            "asiakkuus",
            "kausi",
            "liikevaihto",
            "kate",
            "tunnit",
            "tuntibudjetti",
        ])
        .unwrap()
    }

    #[test]
    fn finnish_amounts_and_periods_are_read() {
        assert_eq!(parse_tenths("12 345,67"), Some(123_457));
        assert_eq!(parse_tenths("1\u{a0}200 €"), Some(12_000));
        assert_eq!(parse_tenths("-3.5"), Some(-35));
        assert_eq!(parse_tenths("1.200,5"), None);
        assert_eq!(parse_tenths("abc"), None);
        assert_eq!(parse_period("2026-08"), Some(YearMonth { year: 2026, month: 8 }));
        assert_eq!(parse_period("8/2026"), Some(YearMonth { year: 2026, month: 8 }));
        assert_eq!(parse_period("2026-13"), None);
    }

    #[test]
    fn a_header_without_a_required_column_names_it() {
        assert_eq!(
            header(&["account", "period", "revenue"]),
            Err(vec!["kate", "tunnit"])
        );
        assert!(header(&["\u{feff}Account", "PERIOD", "revenue", "margin", "hours", "extra"]).is_ok());
    }

    #[test]
    fn rows_are_validated_with_their_line_and_reason() {
        let good = row(
            &cols(),
            &["4", "2026-08", "120 000,40", "-1 500", "42,5", "40"],
            2,
        )
        .unwrap()
        .0;
        assert_eq!(
            (
                good.revenue,
                good.margin,
                good.hours_tenths,
                good.hour_budget_tenths
            ),
            (120_000, -1_500, 425, Some(400))
        );
        let bad = |fields: &[&str]| row(&cols(), fields, 7).unwrap_err();
        assert_eq!(bad(&["x", "2026-08", "1", "1", "1"]).reason, "import_bad_account");
        assert_eq!(bad(&["4", "elokuu", "1", "1", "1"]).reason, "import_bad_period");
        let nan = bad(&["4", "2026-08", "paljon", "1", "1"]);
        assert_eq!(
            (nan.line, nan.reason.as_str(), nan.detail.as_str()),
            (7, "import_not_a_number", "liikevaihto: paljon")
        );
        assert_eq!(
            bad(&["4", "2026-08", "1", "", "1"]).reason,
            "import_missing_value"
        );
        assert_eq!(bad(&["4", "2026-08", "-1", "1", "1"]).reason, "import_negative");
    }

    fn contract(f: &MonthFigures) -> RevenueLine {
        RevenueLine {
            is_project: false,
            project: String::new(),
            revenue: f.revenue,
            margin: f.margin,
        }
    }

    #[test]
    fn a_month_may_take_a_row_per_project_and_is_their_sum() {
        let cols = header(&[
            "asiakkuus",
            "kausi",
            "projekti",
            "laji",
            "liikevaihto",
            "kate",
            "tunnit",
        ])
        .unwrap();
        let read = |fields: &[&str], line: u64| row(&cols, fields, line).map(|(f, l)| (line, f, l));
        let rows = vec![
            read(&["1", "2026-08", "S-1", "sopimus", "50 000", "5 000", "40"], 2),
            read(&["1", "2026-08", "P-118", "", "24 000", "6 000", "2"], 3),
            read(&["1", "2026-08", "P-119", "projekti", "1 000", "100", "0"], 4),
        ];
        let (_, _, p118) = rows[1].clone().unwrap();
        assert!(
            p118.is_project,
            "a row with a project id and no kind is a project"
        );
        let (_, _, s1) = rows[0].clone().unwrap();
        assert!(!s1.is_project);
        let known: HashSet<AccountId> = [AccountId(1)].into();
        let preview = plan(rows, &[], &StoredLines::new(), &known);
        assert!(preview.can_apply());
        assert_eq!(preview.rows.len(), 1, "one month");
        let month = &preview.rows[0];
        assert_eq!(
            (month.line, month.figures.revenue, month.figures.margin),
            (2, 75_000, 11_100)
        );
        assert_eq!(month.figures.hours_tenths, 420);
        assert_eq!(month.lines.len(), 3);
        // The same month again with the same lines changes nothing; one line's split changed does.
        let stored_lines: StoredLines = [((AccountId(1), month.figures.period), month.lines.clone())].into();
        let again = plan(
            vec![
                read(&["1", "2026-08", "P-119", "projekti", "1 000", "100", "0"], 2),
                read(&["1", "2026-08", "S-1", "sopimus", "50 000", "5 000", "40"], 3),
                read(&["1", "2026-08", "P-118", "", "24 000", "6 000", "2"], 4),
            ],
            std::slice::from_ref(&month.figures),
            &stored_lines,
            &known,
        );
        assert_eq!(
            again.rows[0].plan,
            RowPlan::Unchanged,
            "order of rows does not matter"
        );
        let moved = plan(
            vec![
                read(&["1", "2026-08", "S-1", "sopimus", "51 000", "5 000", "40"], 2),
                read(&["1", "2026-08", "P-118", "", "23 000", "6 000", "2"], 3),
                read(&["1", "2026-08", "P-119", "projekti", "1 000", "100", "0"], 4),
            ],
            std::slice::from_ref(&month.figures),
            &stored_lines,
            &known,
        );
        assert!(matches!(moved.rows[0].plan, RowPlan::Changed { .. }));
    }

    #[test]
    fn a_target_repeated_on_a_months_rows_is_one_target_and_two_different_ones_are_refused() {
        let cols = header(&[
            "asiakkuus",
            "kausi",
            "projekti",
            "liikevaihto",
            "kate",
            "tunnit",
            "liikevaihtotavoite",
        ])
        .unwrap();
        let read = |fields: &[&str], line: u64| row(&cols, fields, line).map(|(f, l)| (line, f, l));
        let known: HashSet<AccountId> = [AccountId(1)].into();
        let repeated = plan(
            vec![
                read(&["1", "2026-08", "", "50 000", "1", "1", "70 000"], 2),
                read(&["1", "2026-08", "P-1", "10 000", "1", "1", "70 000"], 3),
                read(&["1", "2026-08", "P-2", "5 000", "1", "1", ""], 4),
            ],
            &[],
            &StoredLines::new(),
            &known,
        );
        assert!(repeated.can_apply(), "{:?}", repeated.errors);
        assert_eq!(repeated.rows[0].figures.revenue_target, Some(70_000));
        let differing = plan(
            vec![
                read(&["1", "2026-08", "", "50 000", "1", "1", "70 000"], 2),
                read(&["1", "2026-08", "P-1", "10 000", "1", "1", "10 000"], 3),
            ],
            &[],
            &StoredLines::new(),
            &known,
        );
        let error = &differing.errors[0];
        assert_eq!(
            (error.line, error.reason.as_str(), error.detail.as_str()),
            (3, "import_target_differs", "liikevaihtotavoite")
        );
    }

    #[test]
    fn a_project_row_needs_its_id_and_a_known_kind_and_comes_once_a_month() {
        let cols = header(&[
            "asiakkuus",
            "kausi",
            "projekti",
            "laji",
            "liikevaihto",
            "kate",
            "tunnit",
        ])
        .unwrap();
        let bad = |fields: &[&str]| row(&cols, fields, 5).unwrap_err();
        let no_id = bad(&["1", "2026-08", "", "projekti", "1", "1", "1"]);
        assert_eq!(
            (no_id.reason.as_str(), no_id.detail.as_str()),
            ("import_missing_value", "projekti")
        );
        let kind = bad(&["1", "2026-08", "P-1", "kertatyö", "1", "1", "1"]);
        assert_eq!(
            (kind.reason.as_str(), kind.detail.as_str()),
            ("import_bad_kind", "kertatyö")
        );
        let long = "P".repeat(MAX_PROJECT_CHARS + 1);
        assert_eq!(
            bad(&["1", "2026-08", &long, "", "1", "1", "1"]).reason,
            "import_too_long"
        );
        let read = |fields: &[&str], line: u64| row(&cols, fields, line).map(|(f, l)| (line, f, l));
        let twice = plan(
            vec![
                read(&["1", "2026-08", "P-1", "", "1", "1", "1"], 2),
                read(&["1", "2026-08", "P-2", "", "1", "1", "1"], 3),
                read(&["1", "2026-08", "P-1", "", "2", "1", "1"], 4),
            ],
            &[],
            &StoredLines::new(),
            &[AccountId(1)].into(),
        );
        let errors: Vec<(u64, &str, &str)> = twice
            .errors
            .iter()
            .map(|e| (e.line, e.reason.as_str(), e.detail.as_str()))
            .collect();
        assert_eq!(errors, [(4, "import_duplicate_month", "2")]);
    }

    #[test]
    fn the_plan_tells_new_changed_and_unchanged_and_refuses_unknown_and_twice_given_months() {
        let figures = |account: i64, month: u32, revenue: i64| MonthFigures {
            account_id: AccountId(account),
            period: YearMonth { year: 2026, month },
            revenue,
            margin: 0,
            hours_tenths: 0,
            revenue_target: None,
            margin_target: None,
            hour_budget_tenths: None,
        };
        let stored = vec![figures(1, 7, 100), figures(1, 8, 100)];
        let stored_lines: StoredLines = stored
            .iter()
            .map(|f| ((f.account_id, f.period), vec![contract(f)]))
            .collect();
        let read = |line: u64, f: MonthFigures| Ok((line, f.clone(), contract(&f)));
        let known: HashSet<AccountId> = [AccountId(1)].into();
        let preview = plan(
            vec![
                read(2, figures(1, 7, 100)),
                read(3, figures(1, 8, 150)),
                read(4, figures(1, 9, 90)),
            ],
            &stored,
            &stored_lines,
            &known,
        );
        assert!(preview.can_apply());
        assert_eq!(preview.rows[0].plan, RowPlan::Unchanged);
        assert!(matches!(preview.rows[1].plan, RowPlan::Changed { .. }));
        assert_eq!(preview.rows[2].plan, RowPlan::New);
        let bad = plan(
            vec![
                read(2, figures(2, 7, 1)),
                read(3, figures(1, 9, 1)),
                read(4, figures(1, 9, 2)),
            ],
            &stored,
            &stored_lines,
            &known,
        );
        assert!(!bad.can_apply());
        let reasons: Vec<(u64, &str)> = bad.errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
        assert_eq!(
            reasons,
            [(2, "import_unknown_account"), (4, "import_duplicate_month")]
        );
    }
}
