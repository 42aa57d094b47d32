//! Revenue and margin per account and per project, and the base trend without one-off projects
//! (issue 19, seed 002 Q2): the finance import's lines of each month (`revenue_lines`, written
//! with the month's figures), the admins' one-off rule (`server_settings`) and the directors'
//! decisions on single projects (records of the one engine, with their makers from the
//! session). The split itself is `domain::kam::revenue`'s.

use crate::domain::card::import::StoredLines;
use crate::domain::dates::YearMonth;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::kam::revenue::{
    split, totals, OneOffDecision, OneOffRule, Override, ProjectTotal, RevenueLine, Split,
};
use crate::domain::sync::doc::RecordKind;
use crate::server::people::auth::internal;
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

/// The month's lines as the import gives them, replacing what the month had.
pub async fn save_lines(
    conn: &mut SqliteConnection,
    account: AccountId,
    period: YearMonth,
    lines: &[RevenueLine],
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM revenue_lines WHERE account_id = ? AND year = ? AND month = ?")
        .bind(account.0)
        .bind(period.year)
        .bind(period.month)
        .execute(&mut *conn)
        .await?;
    for line in lines {
        sqlx::query(
            "INSERT INTO revenue_lines (account_id, year, month, is_project, project, revenue, margin)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(account.0)
        .bind(period.year)
        .bind(period.month)
        .bind(line.is_project)
        .bind(&line.project)
        .bind(line.revenue)
        .bind(line.margin)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

type LineRow = (i64, i32, u32, bool, String, i64, i64);

const LINES: &str = "SELECT account_id, year, month, is_project, project, revenue, margin FROM revenue_lines";

fn line_of(
    (account, year, month, is_project, project, revenue, margin): LineRow,
) -> (AccountId, YearMonth, RevenueLine) {
    (
        AccountId(account),
        YearMonth { year, month },
        RevenueLine {
            is_project,
            project,
            revenue,
            margin,
        },
    )
}

/// Every stored month's lines (the import compares a file against them).
pub async fn all_lines(conn: &mut SqliteConnection) -> Result<StoredLines, AppError> {
    let rows: Vec<LineRow> = sqlx::query_as(LINES).fetch_all(conn).await?;
    let mut stored = StoredLines::new();
    for (account, period, line) in rows.into_iter().map(line_of) {
        stored.entry((account, period)).or_default().push(line);
    }
    for lines in stored.values_mut() {
        lines.sort();
    }
    Ok(stored)
}

/// A decision as the log shows it: what, why, who and when.
pub struct LoggedDecision {
    pub id: Uuid,
    pub decision: OneOffDecision,
    pub by: Option<PersonId>,
    pub by_name: String,
    /// When the server took it, as stored (RFC 3339, UTC).
    pub at: String,
}

/// The account's revenue as its page shows it.
pub struct AccountRevenue {
    pub rule: OneOffRule,
    pub split: Split,
    pub projects: Vec<ProjectTotal>,
    /// Oldest first: a later decision on a project replaces the earlier in the split.
    pub decisions: Vec<LoggedDecision>,
}

/// The account's lines, the rule and the decisions, split (the caller has checked the reader).
pub async fn of_account(
    pool: &SqlitePool,
    account: AccountId,
    now: YearMonth,
) -> Result<AccountRevenue, AppError> {
    let rows: Vec<LineRow> = sqlx::query_as(&format!("{LINES} WHERE account_id = ? ORDER BY year, month"))
        .bind(account.0)
        .fetch_all(pool)
        .await?;
    let lines: Vec<(YearMonth, RevenueLine)> = rows
        .into_iter()
        .map(line_of)
        .map(|(_, period, line)| (period, line))
        .collect();
    let decisions = decisions_of(pool, account).await?;
    let overrides: Vec<Override> = decisions
        .iter()
        .map(|d| Override {
            project: d.decision.project.clone(),
            one_off: d.decision.one_off,
            by: d.by.unwrap_or(PersonId(0)),
            reason: d.decision.reason.clone(),
        })
        .collect();
    let rule = super::rules::current(pool).await?.one_off();
    let rows: Vec<_> = lines.iter().map(|(period, line)| line.row(*period)).collect();
    Ok(AccountRevenue {
        rule,
        split: split(&rows, rule, &overrides, now),
        projects: totals(&lines, now),
        decisions,
    })
}

type DecisionRow = (String, String, String, Option<i64>, Option<String>);

/// The account's decisions in the order the server took them, with their makers' names.
async fn decisions_of(pool: &SqlitePool, account: AccountId) -> Result<Vec<LoggedDecision>, AppError> {
    let rows: Vec<DecisionRow> = sqlx::query_as(
        "SELECT r.id, r.body, r.updated_at, r.created_by, p.name
         FROM records r LEFT JOIN people p ON p.id = r.created_by
         WHERE r.account_id = ? AND r.kind = ? AND r.deleted_at IS NULL
         ORDER BY r.updated_at, r.id",
    )
    .bind(account.0)
    .bind(RecordKind::OneOffDecision.name())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, body, at, by, name)| {
            Ok(LoggedDecision {
                id: Uuid::parse_str(&id).map_err(internal)?,
                decision: serde_json::from_str(&body).map_err(internal)?,
                by: by.map(PersonId),
                by_name: name.unwrap_or_default(),
                at,
            })
        })
        .collect()
}
