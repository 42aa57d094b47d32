//! The billing system's site file: read, previewed against what Kamu has, applied in one
//! transaction. Applying moves access with the supervisors (access is computed from who runs
//! which site), and logs every person who gained or lost an account because of the file.

use crate::domain::channel::billing::{
    self, BillingPreview, Directory, KnownSite, SiteChange, SiteImportResult, SiteRow,
};
use crate::domain::csv_columns::{Columns, RowError};
use crate::domain::error::AppError;
use crate::domain::people::Viewer;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::BTreeSet;

use crate::server::access::{PersonAccountFacts, PERSON_FACTS_COLUMNS};
use crate::server::csv_file;
use crate::server::people::auth::internal;

/// The largest file accepted: 30,000 sites of about 150 bytes each, with room to spare.
pub const MAX_FILE_BYTES: usize = 20_000_000;

/// A parsed file: each row read or refused with its line.
type ReadRows = Vec<Result<SiteRow, RowError>>;

pub fn read(text: &str) -> Result<ReadRows, AppError> {
    csv_file::read(text, MAX_FILE_BYTES, billing::row)
}

async fn known_sites(conn: &mut SqliteConnection) -> Result<Vec<KnownSite>, AppError> {
    type Row = (i64, i64, String, String, String, i64, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.account_id, s.name, s.address, s.town, s.region_id, p.email
         FROM sites s LEFT JOIN people p ON p.id = s.supervisor_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(site_id, account_id, name, address, town, region_id, supervisor_email)| KnownSite {
                site_id,
                account_id,
                name,
                address,
                town,
                region_id,
                // Lower-cased here, not in SQL: SQLite's lower() leaves non-ASCII letters as they are.
                supervisor_email: supervisor_email.map(|e| e.to_lowercase()),
            },
        )
        .collect())
}

async fn directory(conn: &mut SqliteConnection) -> Result<Directory, AppError> {
    let people: Vec<String> = sqlx::query_scalar("SELECT email FROM people")
        .fetch_all(&mut *conn)
        .await?;
    let accounts: Vec<i64> = sqlx::query_scalar("SELECT id FROM accounts")
        .fetch_all(&mut *conn)
        .await?;
    let directors: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT name, email, region_id FROM people
         WHERE role = 'regional_director' AND active = 1 AND region_id IS NOT NULL",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut directory = Directory {
        people: people.into_iter().map(|e| e.to_lowercase()).collect(),
        accounts: accounts.into_iter().collect(),
        ..Default::default()
    };
    for (name, email, region) in directors {
        for key in [name.to_lowercase(), email.to_lowercase()] {
            let regions = directory.regional_directors.entry(key).or_default();
            if !regions.contains(&region) {
                regions.push(region);
            }
        }
    }
    Ok(directory)
}

async fn plan(conn: &mut SqliteConnection, text: &str) -> Result<BillingPreview, AppError> {
    plan_rows(conn, read(text)?).await
}

async fn plan_rows(conn: &mut SqliteConnection, rows: ReadRows) -> Result<BillingPreview, AppError> {
    let known = known_sites(conn).await?;
    let directory = directory(conn).await?;
    Ok(billing::plan(rows, &known, &directory))
}

/// What the file would do, without changing anything.
pub async fn preview(pool: &SqlitePool, viewer: &Viewer, text: &str) -> Result<BillingPreview, AppError> {
    crate::server::access::require_admin(viewer, "site import")?;
    let mut conn = pool.acquire().await?;
    plan(&mut conn, text).await
}

/// Applies the file for an admin in the app.
pub async fn apply(
    pool: &SqlitePool,
    viewer: &Viewer,
    file_name: &str,
    text: &str,
    today: chrono::NaiveDate,
) -> Result<SiteImportResult, AppError> {
    crate::server::access::require_admin(viewer, "site import")?;
    apply_as(pool, Some(viewer), file_name, text, today).await
}

/// Applies the file: every row valid or nothing changes. `importer` is None for the command line.
pub async fn apply_as(
    pool: &SqlitePool,
    importer: Option<&Viewer>,
    file_name: &str,
    text: &str,
    today: chrono::NaiveDate,
) -> Result<SiteImportResult, AppError> {
    // The file is parsed before the write lock is taken: a 20 MB file never holds up other
    // writers while it is read.
    let rows = read(text)?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Planned inside the transaction: nothing slips in between the plan and the writes.
    let preview = plan_rows(&mut tx, rows).await?;
    if preview.sites.is_empty() && preview.errors.is_empty() {
        return Err(AppError::Invalid("import_empty".into()));
    }
    if !preview.errors.is_empty() {
        return Err(AppError::Invalid(format!(
            "import_rows_rejected:{}",
            preview.errors.len()
        )));
    }
    if preview.changes_nothing() {
        return Ok(SiteImportResult::default());
    }
    let import_id = uuid::Uuid::now_v7().to_string();
    let now = chrono::Utc::now().to_rfc3339();
    let before = access_pairs(&mut tx).await?;

    let changed = preview
        .sites
        .iter()
        .filter(|s| !s.changes.contains(&SiteChange::Unchanged) && !s.changes.contains(&SiteChange::New))
        .count();
    let new_sites = preview
        .sites
        .iter()
        .filter(|s| s.changes.contains(&SiteChange::New))
        .count();
    sqlx::query(
        "INSERT INTO site_imports (id, file_name, imported_by, imported_at, rows, new_sites, changed, removed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&import_id)
    .bind(file_name.chars().take(200).collect::<String>())
    .bind(importer.map(|v| v.id.0))
    .bind(&now)
    .bind(preview.sites.len() as i64)
    .bind(new_sites as i64)
    .bind(changed as i64)
    .bind(preview.removed.len() as i64)
    .execute(&mut *tx)
    .await?;

    // People the billing system names and Kamu does not know become supervisors. They sign in
    // once an admin gives them a password (the stored hash matches no password).
    let mut people_added = 0;
    for (line, email) in &preview.unknown_people {
        let Some(site) = preview.sites.iter().find(|s| s.row.line == *line) else {
            continue;
        };
        sqlx::query(
            "INSERT INTO people (email, name, role, region_id, password_hash)
             VALUES (?, ?, 'supervisor', ?, ?)",
        )
        .bind(email)
        .bind(&site.row.supervisor_name)
        .bind(site.region_id)
        // No password yet: an admin gives them a sign-in link (`sign_in_links`).
        .bind(crate::server::people::sign_in_links::NO_PASSWORD)
        .execute(&mut *tx)
        .await?;
        people_added += 1;
    }

    for site in preview
        .sites
        .iter()
        .filter(|s| s.changes != [SiteChange::Unchanged])
    {
        sqlx::query(
            "INSERT INTO site_records (id, account_id, name, address, town, region_id, supervisor_id, removed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM people WHERE email = ?7), NULL)
             ON CONFLICT (id) DO UPDATE SET account_id = ?2, name = ?3, address = ?4, town = ?5,
                 region_id = ?6, supervisor_id = (SELECT id FROM people WHERE email = ?7), removed_on = NULL",
        )
        .bind(site.row.site_id)
        .bind(site.row.account_id)
        .bind(&site.row.site_name)
        .bind(&site.row.address)
        .bind(&site.row.town)
        .bind(site.region_id)
        .bind(&site.row.supervisor_email)
        .execute(&mut *tx)
        .await?;
    }
    // A removed site keeps its record and clock history; it no longer grants anyone access.
    for site in &preview.removed {
        sqlx::query("UPDATE site_records SET removed_on = ? WHERE id = ?")
            .bind(today.to_string())
            .bind(site.site_id)
            .execute(&mut *tx)
            .await?;
    }

    let after = access_pairs(&mut tx).await?;
    let gained: Vec<&(i64, i64)> = after.difference(&before).collect();
    let lost: Vec<&(i64, i64)> = before.difference(&after).collect();
    for (pair, gained) in gained
        .iter()
        .map(|p| (p, true))
        .chain(lost.iter().map(|p| (p, false)))
    {
        sqlx::query(
            "INSERT INTO membership_log (person_id, account_id, gained, import_id, at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(pair.0)
        .bind(pair.1)
        .bind(gained)
        .bind(&import_id)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    tracing::info!(
        import = import_id,
        new_sites,
        changed,
        removed = preview.removed.len(),
        gained = gained.len(),
        lost = lost.len(),
        "billing-system site file applied"
    );
    Ok(SiteImportResult {
        import_id: Some(import_id),
        new_sites,
        changed,
        removed: preview.removed.len(),
        people_added,
        access_gained: gained.len(),
        access_lost: lost.len(),
    })
}

/// Every (person, account) whose access comes from the sites — supervisors of a site, regional
/// directors and managers of a site's region — that the access rule actually grants. Access
/// that does not depend on sites (directors, named members, management) never changes here.
async fn access_pairs(conn: &mut SqliteConnection) -> Result<BTreeSet<(i64, i64)>, AppError> {
    let rows: Vec<PersonAccountFacts> = sqlx::query_as(&format!(
        "WITH pairs AS (
             SELECT DISTINCT supervisor_id AS person_id, account_id FROM sites WHERE supervisor_id IS NOT NULL
             UNION
             SELECT DISTINCT p.id, s.account_id FROM people p JOIN sites s ON s.region_id = p.region_id
             WHERE p.role IN ('regional_director', 'manager')
         )
         SELECT {PERSON_FACTS_COLUMNS}
         FROM pairs pr JOIN people p ON p.id = pr.person_id JOIN accounts a ON a.id = pr.account_id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(PersonAccountFacts::may_view)
        .map(|r| (r.person_id, r.account_id))
        .collect())
}

/// The sites as Kamu has them now, as a billing-system file (the same columns): the admin's
/// starting point, and what the tests and the benchmark import.
pub async fn export(pool: &SqlitePool) -> Result<String, AppError> {
    type Row = (
        i64,
        String,
        String,
        String,
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.name, s.address, s.town, a.id, a.name, sp.name, sp.email,
                (SELECT rd.name FROM people rd WHERE rd.role = 'regional_director' AND rd.region_id = s.region_id
                 ORDER BY rd.id LIMIT 1)
         FROM sites s JOIN accounts a ON a.id = s.account_id LEFT JOIN people sp ON sp.id = s.supervisor_id
         ORDER BY s.id",
    )
    .fetch_all(pool)
    .await?;
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let header = <billing::Column as Columns>::NAMES.iter().map(|(c, _)| c.name());
    writer.write_record(header).map_err(internal)?;
    for (id, name, address, town, account, account_name, sup_name, sup_email, director) in rows {
        writer
            .write_record(
                [
                    id.to_string(),
                    name,
                    address,
                    town,
                    account.to_string(),
                    account_name,
                    sup_name.unwrap_or_default(),
                    sup_email.unwrap_or_default(),
                    director.unwrap_or_default(),
                ]
                .iter()
                .map(|v| crate::domain::csv_columns::export_cell(v).into_owned()),
            )
            .map_err(internal)?;
    }
    let bytes = writer.into_inner().map_err(internal)?;
    String::from_utf8(bytes).map_err(internal)
}

/// `kamu --import-sites FILE [--apply]`: the same preview and apply as the admin page, for a
/// scheduled export from the billing system. Answers the report to print; a file with refused
/// rows is an error listing them.
pub async fn command_line(pool: &SqlitePool, file: &std::path::Path, apply: bool) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(file)?;
    let mut conn = pool.acquire().await?;
    let preview = plan(&mut conn, &text).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    drop(conn);
    let count =
        |f: &dyn Fn(&SiteChange) -> bool| preview.sites.iter().filter(|s| s.changes.iter().any(f)).count();
    let mut report = format!(
        "{} rows: {} new sites, {} supervisor changes, {} moved, {} other changes, {} removed, {} unknown people, {} refused rows\n",
        preview.sites.len() + preview.errors.len(),
        count(&|c| matches!(c, SiteChange::New)),
        count(&|c| matches!(c, SiteChange::SupervisorChanged { .. })),
        count(&|c| matches!(c, SiteChange::MovedAccount { .. })),
        count(&|c| matches!(c, SiteChange::DetailsChanged | SiteChange::RegionChanged { .. })),
        preview.removed.len(),
        preview.unknown_people.len(),
        preview.errors.len(),
    );
    for e in &preview.errors {
        report.push_str(&format!("line {}: {} {}\n", e.line, e.reason, e.detail));
    }
    if !preview.errors.is_empty() {
        anyhow::bail!("{report}nothing was applied");
    }
    if apply {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Helsinki)
            .date_naive();
        let result = apply_as(pool, None, &name, &text, today)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        report.push_str(&format!(
            "applied: {} people added, {} gained access, {} lost access\n",
            result.people_added, result.access_gained, result.access_lost
        ));
    } else {
        report.push_str("preview only: add --apply to apply\n");
    }
    Ok(report)
}
