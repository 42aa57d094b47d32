//! The finance system's monthly figures: a CSV file is read here, checked row by row by the
//! domain rules, previewed, and applied all at once or not at all.

use crate::domain::card::import::{self, ImportPreview, ImportResult, ReadRow, RowPlan};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::people::Viewer;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashSet;

use crate::server::card::quality_cards;
use crate::server::csv_file;
use crate::server::kam::revenue;

/// The largest file accepted (a finance export of every account's months for years is far less).
pub const MAX_FILE_BYTES: usize = 2_000_000;

/// Reads the file into figures or row errors (see `csv_file::read`).
pub fn read(text: &str) -> Result<Vec<ReadRow>, AppError> {
    csv_file::read(text, MAX_FILE_BYTES, |columns, fields, line| {
        import::row(columns, fields, line).map(|(figures, revenue_line)| (line, figures, revenue_line))
    })
}

async fn known_accounts(conn: &mut SqliteConnection) -> Result<HashSet<AccountId>, AppError> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM accounts")
        .fetch_all(conn)
        .await?;
    Ok(ids.into_iter().map(AccountId).collect())
}

/// What the file would do, row by row, without changing anything.
pub async fn preview(pool: &SqlitePool, viewer: &Viewer, text: &str) -> Result<ImportPreview, AppError> {
    crate::server::access::require_admin(viewer, "figures import")?;
    let rows = read(text)?;
    let mut conn = pool.acquire().await?;
    let stored = quality_cards::all_figures(&mut conn).await?;
    let stored_lines = revenue::all_lines(&mut conn).await?;
    Ok(import::plan(
        rows,
        &stored,
        &stored_lines,
        &known_accounts(&mut conn).await?,
    ))
}

/// Applies the file in one transaction, only when every row is valid. Rows that change
/// nothing are not written, so importing the same file twice changes nothing the second time.
pub async fn apply(
    pool: &SqlitePool,
    viewer: &Viewer,
    file_name: &str,
    text: &str,
) -> Result<ImportResult, AppError> {
    crate::server::access::require_admin(viewer, "figures import")?;
    let rows = read(text)?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Planned against what is stored inside the transaction: nothing slips in between.
    let stored = quality_cards::all_figures(&mut tx).await?;
    let stored_lines = revenue::all_lines(&mut tx).await?;
    let known = known_accounts(&mut tx).await?;
    let preview = import::plan(rows, &stored, &stored_lines, &known);
    if preview.rows.is_empty() && preview.errors.is_empty() {
        return Err(AppError::Invalid("import_empty".into()));
    }
    if !preview.errors.is_empty() {
        return Err(AppError::Invalid(format!(
            "import_rows_rejected:{}",
            preview.errors.len()
        )));
    }
    let result = ImportResult {
        new: preview.count(|p| matches!(p, RowPlan::New)),
        changed: preview.count(|p| matches!(p, RowPlan::Changed { .. })),
        unchanged: preview.count(|p| matches!(p, RowPlan::Unchanged)),
    };
    let import_id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO figure_imports (id, person_id, file_name, rows_new, rows_changed, rows_unchanged, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&import_id)
    .bind(viewer.id.0)
    .bind(file_name.chars().take(200).collect::<String>())
    .bind(result.new as i64)
    .bind(result.changed as i64)
    .bind(result.unchanged as i64)
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(&mut *tx)
    .await?;
    for row in preview.rows.iter().filter(|r| r.plan != RowPlan::Unchanged) {
        quality_cards::save_figures(&mut tx, &row.figures, &import_id).await?;
        revenue::save_lines(&mut tx, row.figures.account_id, row.figures.period, &row.lines).await?;
    }
    tx.commit().await?;
    tracing::info!(
        person = viewer.id.0,
        file = file_name,
        ?result,
        "finance figures imported"
    );
    Ok(result)
}
