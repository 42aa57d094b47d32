//! The finance system's monthly figures: a CSV file is read here, checked row by row by the
//! domain rules, previewed, and applied all at once or not at all.

use crate::domain::card::import::{self, ImportPreview, ImportResult, ReadRow, RowError, RowPlan};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::people::{Role, Viewer};
use sqlx::SqlitePool;
use std::collections::HashSet;

use super::auth::internal;
use super::quality_cards;

/// The largest file accepted (a finance export of every account's months for years is far less).
pub const MAX_FILE_BYTES: usize = 2_000_000;

fn require_admin(viewer: &Viewer) -> Result<(), AppError> {
    if viewer.role == Role::Admin {
        Ok(())
    } else {
        tracing::warn!(person = viewer.id.0, "figures import refused");
        Err(AppError::Forbidden)
    }
}

/// Reads the file: `;` or `,` separated (whichever the header uses), a header row first.
/// Every data row becomes figures or a row error; a broken header fails the whole file.
pub fn read(text: &str) -> Result<Vec<ReadRow>, AppError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(AppError::Invalid("import_file_too_large".into()));
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|_| AppError::Invalid("import_bad_header".into()))?
        .iter()
        .map(str::to_string)
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let columns = import::header(&names)
        .map_err(|missing| AppError::Invalid(format!("import_missing_columns:{}", missing.join(","))))?;
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        // The header is line 1; a record's own position is used when the csv reader has it.
        let fallback = index as u64 + 2;
        match record {
            Ok(record) => {
                let line = record.position().map_or(fallback, |p| p.line());
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                let fields: Vec<&str> = record.iter().collect();
                rows.push(import::row(&columns, &fields, line).map(|f| (line, f)));
            }
            Err(e) => rows.push(Err(RowError {
                line: e.position().map_or(fallback, |p| p.line()),
                reason: "import_unreadable_row".into(),
                detail: String::new(),
            })),
        }
    }
    Ok(rows)
}

async fn known_accounts(pool: &SqlitePool) -> Result<HashSet<AccountId>, AppError> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM accounts")
        .fetch_all(pool)
        .await
        .map_err(internal)?;
    Ok(ids.into_iter().map(AccountId).collect())
}

/// What the file would do, row by row, without changing anything.
pub async fn preview(pool: &SqlitePool, viewer: &Viewer, text: &str) -> Result<ImportPreview, AppError> {
    require_admin(viewer)?;
    let rows = read(text)?;
    let mut conn = pool.acquire().await.map_err(internal)?;
    let stored = quality_cards::all_figures(&mut conn).await?;
    Ok(import::plan(rows, &stored, &known_accounts(pool).await?))
}

/// Applies the file in one transaction, only when every row is valid. Rows that change
/// nothing are not written, so importing the same file twice changes nothing the second time.
pub async fn apply(
    pool: &SqlitePool,
    viewer: &Viewer,
    file_name: &str,
    text: &str,
) -> Result<ImportResult, AppError> {
    require_admin(viewer)?;
    let rows = read(text)?;
    let known = known_accounts(pool).await?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(internal)?;
    // Planned against what is stored inside the transaction: nothing slips in between.
    let stored = quality_cards::all_figures(&mut tx).await?;
    let preview = import::plan(rows, &stored, &known);
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
    .await
    .map_err(internal)?;
    for row in preview.rows.iter().filter(|r| r.plan != RowPlan::Unchanged) {
        quality_cards::save_figures(&mut tx, &row.figures, &import_id).await?;
    }
    tx.commit().await.map_err(internal)?;
    tracing::info!(
        person = viewer.id.0,
        file = file_name,
        ?result,
        "finance figures imported"
    );
    Ok(result)
}
