//! Revenue and margin per account, and the base trend without one-off projects (issue 19, seed
//! 002 Q2): the finance import marks each row as contract work or a project; a written rule,
//! set by admins, says which projects are one-offs; a director or admin may override the rule
//! for one project, and every override says who and why. The projects left out are listed
//! with their revenue.

use crate::domain::dates::YearMonth;
use crate::domain::ids::PersonId;
use crate::domain::sync::doc::{Kind, RecordKind};
use crate::domain::sync::RejectReason;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest reason an override may give.
pub const MAX_REASON_CHARS: usize = 500;

/// One row of the finance import, in tenths of euros as the card's figures are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevenueRow {
    pub period: YearMonth,
    /// The project id of the finance system; None for contract work.
    pub project: Option<String>,
    pub revenue_tenths: i64,
    pub margin_tenths: i64,
}

/// The longest project id the finance import keeps (ids are short codes like "P-2026-118").
pub const MAX_PROJECT_CHARS: usize = 50;

/// One line of an account's month as the finance import gives it: contract work or one
/// project, with the finance system's id ("" when the row had none). A month's figures on the
/// quality card are the sum of its lines.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RevenueLine {
    pub is_project: bool,
    pub project: String,
    /// Whole euros, as the card's figures are.
    pub revenue: i64,
    pub margin: i64,
}

impl RevenueLine {
    /// Two lines of one month with the same key are the same line given twice.
    pub fn key(&self) -> (bool, &str) {
        (self.is_project, &self.project)
    }

    /// The line as the split reads it: only a project can be a one-off.
    pub fn row(&self, period: YearMonth) -> RevenueRow {
        RevenueRow {
            period,
            project: self.is_project.then(|| self.project.clone()),
            revenue_tenths: self.revenue * 10,
            margin_tenths: self.margin * 10,
        }
    }
}

/// "Projects over `over_eur` euros in the last `within_months` months are one-offs": the
/// window is the project's own, ending with its last month of revenue, so a one-off stays one
/// (and the base trend's past stays as it was) when the project's months grow old.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneOffRule {
    pub over_eur: i64,
    pub within_months: u32,
}

impl Default for OneOffRule {
    /// The example of the issue: projects over 20,000 € in the last 24 months.
    fn default() -> Self {
        OneOffRule {
            over_eur: 20_000,
            within_months: 24,
        }
    }
}

/// A person's decision that one project is (or is not) a one-off, whatever the rule says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub project: String,
    pub one_off: bool,
    pub by: PersonId,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// Over the rule's sum within its window.
    Rule,
    /// A person said so (the override names who and why).
    Override,
}

/// A project left out of the base trend, and why: the view lists exactly these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excluded {
    pub project: String,
    pub revenue_tenths: i64,
    pub why: Why,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthSplit {
    pub period: YearMonth,
    pub total_revenue_tenths: i64,
    pub base_revenue_tenths: i64,
    pub total_margin_tenths: i64,
    pub base_margin_tenths: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    /// Every month with rows, oldest first.
    pub months: Vec<MonthSplit>,
    /// One-off projects, largest first.
    pub excluded: Vec<Excluded>,
}

/// A director's or admin's decision on one project, as the offline engine keeps it
/// (`RecordKind::OneOffDecision`): a log, so a decision is never edited or deleted, and a later
/// one of the same project replaces it in the split. Who made it is stored by the server from
/// the session (`records.created_by`), never taken from the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneOffDecision {
    pub project: String,
    pub one_off: bool,
    pub reason: String,
}

impl Kind for OneOffDecision {
    const KIND: RecordKind = RecordKind::OneOffDecision;
    const FIELDS: &'static [&'static str] = &[];
    const KEPT: bool = true;

    fn check(&self) -> Result<(), RejectReason> {
        check_override(&self.project, &self.reason).map_err(|e| {
            RejectReason::Invalid(
                match e {
                    OverrideError::NoProject => "project_missing",
                    OverrideError::NoReason => "reason_missing",
                    OverrideError::ReasonTooLong => "reason_too_long",
                }
                .into(),
            )
        })?;
        if self.project.chars().count() > MAX_PROJECT_CHARS {
            return Err(RejectReason::Invalid("project_too_long".into()));
        }
        Ok(())
    }
}

/// Why an override is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideError {
    NoReason,
    ReasonTooLong,
    NoProject,
}

/// An override must name its project and say why, briefly.
pub fn check_override(project: &str, reason: &str) -> Result<(), OverrideError> {
    if project.trim().is_empty() {
        return Err(OverrideError::NoProject);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(OverrideError::NoReason);
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(OverrideError::ReasonTooLong);
    }
    Ok(())
}

/// Splits the rows into total and base. Months after `now` (a finance file ahead of today)
/// do not count. A later override of the same project replaces an earlier one (the log keeps
/// both).
pub fn split(rows: &[RevenueRow], rule: OneOffRule, overrides: &[Override], now: YearMonth) -> Split {
    let rows: Vec<&RevenueRow> = rows.iter().filter(|r| r.period <= now).collect();
    let mut last_month: BTreeMap<&str, YearMonth> = BTreeMap::new();
    let mut all_time: BTreeMap<&str, i64> = BTreeMap::new();
    for row in &rows {
        if let Some(project) = row.project.as_deref() {
            *all_time.entry(project).or_default() += row.revenue_tenths;
            let last = last_month.entry(project).or_insert(row.period);
            *last = (*last).max(row.period);
        }
    }
    let mut in_window: BTreeMap<&str, i64> = BTreeMap::new();
    for row in &rows {
        if let Some(project) = row.project.as_deref() {
            let end = last_month[project];
            let mut start = end;
            for _ in 1..rule.within_months.max(1) {
                start = start.previous();
            }
            if row.period >= start {
                *in_window.entry(project).or_default() += row.revenue_tenths;
            }
        }
    }
    let decided: BTreeMap<&str, bool> = overrides.iter().map(|o| (o.project.trim(), o.one_off)).collect();
    let mut excluded: Vec<Excluded> = all_time
        .iter()
        .filter_map(|(&project, &revenue)| {
            let why = match decided.get(project) {
                Some(true) => Why::Override,
                Some(false) => return None,
                None if in_window.get(project).copied().unwrap_or(0) > rule.over_eur * 10 => Why::Rule,
                None => return None,
            };
            Some(Excluded {
                project: project.to_string(),
                revenue_tenths: revenue,
                why,
            })
        })
        .collect();
    excluded.sort_by(|a, b| {
        b.revenue_tenths
            .cmp(&a.revenue_tenths)
            .then_with(|| a.project.cmp(&b.project))
    });
    let one_off = |row: &RevenueRow| {
        row.project
            .as_deref()
            .is_some_and(|p| excluded.iter().any(|e| e.project == p))
    };
    let mut months: BTreeMap<YearMonth, MonthSplit> = BTreeMap::new();
    for row in rows {
        let m = months.entry(row.period).or_insert(MonthSplit {
            period: row.period,
            total_revenue_tenths: 0,
            base_revenue_tenths: 0,
            total_margin_tenths: 0,
            base_margin_tenths: 0,
        });
        m.total_revenue_tenths += row.revenue_tenths;
        m.total_margin_tenths += row.margin_tenths;
        if !one_off(row) {
            m.base_revenue_tenths += row.revenue_tenths;
            m.base_margin_tenths += row.margin_tenths;
        }
    }
    Split {
        months: months.into_values().collect(),
        excluded,
    }
}

/// One contract or project line summed over its months: the revenue page's "per project".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectTotal {
    pub is_project: bool,
    pub project: String,
    pub revenue: i64,
    pub margin: i64,
    pub first: YearMonth,
    pub last: YearMonth,
}

/// Every line's totals up to `now`, projects first and the largest first within each.
pub fn totals(lines: &[(YearMonth, RevenueLine)], now: YearMonth) -> Vec<ProjectTotal> {
    let mut totals: BTreeMap<(bool, &str), ProjectTotal> = BTreeMap::new();
    for (period, line) in lines.iter().filter(|(p, _)| *p <= now) {
        let total = totals.entry(line.key()).or_insert_with(|| ProjectTotal {
            is_project: line.is_project,
            project: line.project.clone(),
            revenue: 0,
            margin: 0,
            first: *period,
            last: *period,
        });
        total.revenue += line.revenue;
        total.margin += line.margin;
        total.first = total.first.min(*period);
        total.last = total.last.max(*period);
    }
    let mut totals: Vec<ProjectTotal> = totals.into_values().collect();
    totals.sort_by(|a, b| {
        b.is_project
            .cmp(&a.is_project)
            .then(b.revenue.cmp(&a.revenue))
            .then_with(|| a.project.cmp(&b.project))
    });
    totals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    fn row(period: YearMonth, project: Option<&str>, eur: i64) -> RevenueRow {
        RevenueRow {
            period,
            project: project.map(str::to_string),
            revenue_tenths: eur * 10,
            margin_tenths: eur, // a 10 % margin
        }
    }

    fn rows() -> Vec<RevenueRow> {
        vec![
            row(ym(2026, 1), None, 50_000),
            row(ym(2026, 2), None, 50_000),
            // A window-cleaning project of 30,000 € over two months: a one-off by the rule.
            row(ym(2026, 1), Some("P-100"), 18_000),
            row(ym(2026, 2), Some("P-100"), 12_000),
            // Small extra work: stays in the base.
            row(ym(2026, 2), Some("P-200"), 4_000),
            // A big project three years ago: a one-off too, by its own months.
            row(ym(2023, 3), Some("P-050"), 90_000),
            // 27,000 over three years, but 18,000 in its last 24 months: stays in the base.
            row(ym(2024, 6), Some("P-300"), 9_000),
            row(ym(2025, 6), Some("P-300"), 9_000),
            row(ym(2026, 6), Some("P-300"), 9_000),
        ]
    }

    #[test]
    fn projects_over_the_sum_in_the_window_leave_the_base_and_are_listed() {
        let split = split(&rows(), OneOffRule::default(), &[], ym(2026, 11));
        let by_rule = |project: &str, revenue_tenths| Excluded {
            project: project.into(),
            revenue_tenths,
            why: Why::Rule,
        };
        assert_eq!(
            split.excluded,
            vec![by_rule("P-050", 900_000), by_rule("P-100", 300_000)],
            "largest first; P-300 made 18,000 in its last 24 months"
        );
        let feb = split.months.iter().find(|m| m.period == ym(2026, 2)).unwrap();
        assert_eq!(feb.total_revenue_tenths, 660_000);
        assert_eq!(feb.base_revenue_tenths, 540_000);
        assert_eq!(feb.base_margin_tenths, 54_000);
        // The old one-off stays out of its month's base: the trend's past does not move.
        let old = split.months.iter().find(|m| m.period == ym(2023, 3)).unwrap();
        assert_eq!((old.total_revenue_tenths, old.base_revenue_tenths), (900_000, 0));
        // Oldest month first.
        assert_eq!(split.months.first().unwrap().period, ym(2023, 3));
        // A year on, nothing moved back into the base.
        let later = super::split(&rows(), OneOffRule::default(), &[], ym(2027, 11));
        assert_eq!(later.excluded, split.excluded);
    }

    #[test]
    fn months_after_now_do_not_count() {
        let rows = vec![
            row(ym(2026, 10), Some("P-1"), 15_000),
            row(ym(2026, 12), Some("P-1"), 15_000),
        ];
        let split = split(&rows, OneOffRule::default(), &[], ym(2026, 11));
        assert!(split.excluded.is_empty());
        assert_eq!(split.months.len(), 1);
    }

    #[test]
    fn exactly_the_sum_is_not_over_it() {
        let rows = vec![row(ym(2026, 5), Some("P-1"), 20_000)];
        assert!(split(&rows, OneOffRule::default(), &[], ym(2026, 11))
            .excluded
            .is_empty());
        let rows = vec![row(ym(2026, 5), Some("P-1"), 20_001)];
        assert_eq!(
            split(&rows, OneOffRule::default(), &[], ym(2026, 11))
                .excluded
                .len(),
            1
        );
    }

    #[test]
    fn an_override_wins_both_ways_and_the_latest_counts() {
        let by = PersonId(3);
        let keep = Override {
            project: "P-100".into(),
            one_off: false,
            by,
            reason: "Jatkuva ikkunanpesu, uusi sopimusosa".into(),
        };
        let drop_small = Override {
            project: "P-200".into(),
            one_off: true,
            by,
            reason: "Kertaluonteinen muutto".into(),
        };
        let split_now = split(
            &rows(),
            OneOffRule::default(),
            &[keep.clone(), drop_small.clone()],
            ym(2026, 11),
        );
        assert_eq!(
            split_now.excluded,
            vec![
                Excluded {
                    project: "P-050".into(),
                    revenue_tenths: 900_000,
                    why: Why::Rule
                },
                Excluded {
                    project: "P-200".into(),
                    revenue_tenths: 40_000,
                    why: Why::Override
                }
            ]
        );
        // Changed later: the latest override of a project counts.
        let back = Override {
            one_off: true,
            reason: "Sittenkin kertaluonteinen".into(),
            ..keep
        };
        let later = split(
            &rows(),
            OneOffRule::default(),
            &[keep_first(), back],
            ym(2026, 11),
        );
        let p100 = later.excluded.iter().find(|e| e.project == "P-100").unwrap();
        assert_eq!(p100.why, Why::Override);

        fn keep_first() -> Override {
            Override {
                project: "P-100".into(),
                one_off: false,
                by: PersonId(3),
                reason: "x".into(),
            }
        }
    }

    #[test]
    fn per_project_totals_list_projects_first_largest_first() {
        let line = |is_project: bool, project: &str, revenue: i64| RevenueLine {
            is_project,
            project: project.into(),
            revenue,
            margin: revenue / 10,
        };
        let lines = vec![
            (ym(2026, 1), line(false, "S-1", 50_000)),
            (ym(2026, 2), line(false, "S-1", 50_000)),
            (ym(2026, 1), line(true, "P-2", 4_000)),
            (ym(2025, 11), line(true, "P-1", 9_000)),
            (ym(2026, 2), line(true, "P-1", 9_000)),
            (ym(2026, 12), line(true, "P-1", 99_000)),
        ];
        let totals = totals(&lines, ym(2026, 11));
        let shown: Vec<(&str, i64, YearMonth, YearMonth)> = totals
            .iter()
            .map(|t| (t.project.as_str(), t.revenue, t.first, t.last))
            .collect();
        assert_eq!(
            shown,
            [
                ("P-1", 18_000, ym(2025, 11), ym(2026, 2)),
                ("P-2", 4_000, ym(2026, 1), ym(2026, 1)),
                ("S-1", 100_000, ym(2026, 1), ym(2026, 2)),
            ],
            "a month after now does not count"
        );
        assert_eq!(totals[2].margin, 10_000);
        // The split reads a contract line as never a one-off, a project line by its id.
        assert_eq!(line(false, "S-1", 1).row(ym(2026, 1)).project, None);
        assert_eq!(
            line(true, "P-1", 1).row(ym(2026, 1)).project.as_deref(),
            Some("P-1")
        );
    }

    #[test]
    fn a_decision_is_a_kept_record_that_says_why() {
        use crate::domain::ids::AccountId;
        use crate::domain::sync::doc::{normalized, Doc};
        let decision = |project: &str, reason: &str| OneOffDecision {
            project: project.into(),
            one_off: false,
            reason: reason.into(),
        };
        let doc = |d: &OneOffDecision| normalized(&Doc::new(uuid::Uuid::nil(), AccountId(1), d)).map(|_| ());
        assert_eq!(doc(&decision("P-1", "Jatkuva työ")), Ok(()));
        let invalid = |k: &str| Err(RejectReason::Invalid(k.into()));
        assert_eq!(doc(&decision("P-1", " ")), invalid("reason_missing"));
        assert_eq!(doc(&decision("", "syy")), invalid("project_missing"));
        assert_eq!(
            doc(&decision(&"P".repeat(MAX_PROJECT_CHARS + 1), "syy")),
            invalid("project_too_long")
        );
        // Never deleted, never edited: a later decision replaces it and the log keeps both.
        let delete = crate::domain::sync::Change::DeleteRecord {
            record_kind: RecordKind::OneOffDecision,
            id: uuid::Uuid::nil(),
        };
        assert_eq!(
            crate::domain::sync::ops::validate(&delete),
            invalid("kept_record")
        );
        let edit = crate::domain::sync::Change::EditRecord {
            record_kind: RecordKind::OneOffDecision,
            id: uuid::Uuid::nil(),
            base: crate::domain::sync::FieldValue::Doc("one_off".into(), false.into()),
            value: crate::domain::sync::FieldValue::Doc("one_off".into(), true.into()),
        };
        assert_eq!(
            crate::domain::sync::ops::validate(&edit),
            invalid("unknown_field")
        );
    }

    #[test]
    fn an_override_must_say_why() {
        assert_eq!(check_override("P-1", "  "), Err(OverrideError::NoReason));
        assert_eq!(check_override(" ", "syy"), Err(OverrideError::NoProject));
        assert_eq!(
            check_override("P-1", &"a".repeat(MAX_REASON_CHARS + 1)),
            Err(OverrideError::ReasonTooLong)
        );
        assert_eq!(check_override("P-1", "Jatkuva työ"), Ok(()));
    }
}
