//! The latest applied site files with the access each one moved, for the admin's import page
//! (the log itself is written by `site_import::apply`).

use crate::domain::channel::import_history::{AccessChange, ImportRecord, ACCESS_CHANGES_SHOWN};
use crate::domain::error::AppError;
use crate::domain::people::Viewer;
use sqlx::SqlitePool;

use crate::server::access::require_admin;
use crate::server::channel::posts::finnish_time;

/// How many imports the page lists, newest first.
pub const IMPORTS_SHOWN: i64 = 10;

pub async fn recent(pool: &SqlitePool, admin: &Viewer) -> Result<Vec<ImportRecord>, AppError> {
    require_admin(admin, "site import history")?;
    type Row = (String, String, Option<String>, String, i64, i64, i64, i64, i64);
    let imports: Vec<Row> = sqlx::query_as(
        "SELECT i.id, i.file_name, p.name, i.imported_at, i.new_sites, i.changed, i.removed,
                (SELECT COUNT(*) FROM membership_log m WHERE m.import_id = i.id AND m.gained = 1),
                (SELECT COUNT(*) FROM membership_log m WHERE m.import_id = i.id AND m.gained = 0)
           FROM site_imports i LEFT JOIN people p ON p.id = i.imported_by
          ORDER BY i.imported_at DESC, i.id DESC LIMIT ?",
    )
    .bind(IMPORTS_SHOWN)
    .fetch_all(pool)
    .await?;
    let mut records = Vec::with_capacity(imports.len());
    for (id, file_name, imported_by, at, new_sites, changed, removed, gained, lost) in imports {
        let access: Vec<(String, String, String, bool)> = sqlx::query_as(
            "SELECT p.name, p.email, a.name, m.gained FROM membership_log m
               JOIN people p ON p.id = m.person_id JOIN accounts a ON a.id = m.account_id
              WHERE m.import_id = ? ORDER BY m.gained, p.name, a.name LIMIT ?",
        )
        .bind(&id)
        .bind(ACCESS_CHANGES_SHOWN as i64)
        .fetch_all(pool)
        .await?;
        records.push(ImportRecord {
            id,
            file_name,
            imported_by,
            imported_at: finnish_time(&at),
            new_sites: new_sites as usize,
            changed: changed as usize,
            removed: removed as usize,
            gained: gained as usize,
            lost: lost as usize,
            access: access
                .into_iter()
                .map(|(person, email, account, gained)| AccessChange {
                    person,
                    email,
                    account,
                    gained,
                })
                .collect(),
        });
    }
    Ok(records)
}
