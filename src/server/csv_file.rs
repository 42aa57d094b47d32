//! Reads an uploaded CSV file for an import: `;` or `,` separated (whichever the header uses),
//! a header row first. Each data row becomes a value or a `RowError` with its line in the file;
//! a broken header or a missing column fails the whole file. The rules of a row are the
//! domain's; this only reads.

use crate::domain::csv_columns::{self, Columns, RowError};
use crate::domain::error::AppError;

/// Reads `text` with the header rules of `C` and the row rule `row`. Blank rows are skipped.
pub fn read<C: Columns, T>(
    text: &str,
    max_bytes: usize,
    row: impl Fn(&[Option<C>], &[&str], u64) -> Result<T, RowError>,
) -> Result<Vec<Result<T, RowError>>, AppError> {
    if text.len() > max_bytes {
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
    let columns = csv_columns::header::<C>(&names)
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
                rows.push(row(&columns, &fields, line));
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
