//! The SQLite database: one file, WAL mode, migrations applied at start (after a backup).
//! Storage stays behind this module and `accounts`/`access`, so PostgreSQL is a contained change.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

pub async fn open(path: &Path) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a commit is on disk before it is answered. A device drops an edit from its
        // outbox once the server said `applied`, so that answer must survive a power cut.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    let migrator = sqlx::migrate!("./migrations");
    if let Some(copy) = backup_before_migrating(&pool, path, &migrator).await? {
        tracing::info!(backup = %copy.display(), "database copied before migrating");
    }
    migrator.run(&pool).await?;
    Ok(pool)
}

/// Copies an existing database aside before migrations change it, so a failed or unwanted
/// upgrade can be undone by putting the copy back. A new or up-to-date database is not copied.
async fn backup_before_migrating(
    pool: &SqlitePool,
    path: &Path,
    migrator: &sqlx::migrate::Migrator,
) -> anyhow::Result<Option<PathBuf>> {
    let has_table: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
            .fetch_optional(pool)
            .await?;
    if has_table.is_none() {
        return Ok(None);
    }
    let applied: HashSet<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = 1")
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    let pending = migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration() && !applied.contains(&m.version))
        .map(|m| m.version)
        .min();
    let Some(first_pending) = pending else {
        return Ok(None);
    };
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let copy = PathBuf::from(format!(
        "{}.before-migration-{first_pending:04}-{stamp}",
        path.display()
    ));
    backup(pool, &copy).await?;
    Ok(Some(copy))
}

/// A consistent copy of the whole database in a new file (`VACUUM INTO`), taken while the server
/// runs. An existing file is never overwritten.
pub async fn backup(pool: &SqlitePool, dest: &Path) -> anyhow::Result<()> {
    if dest.exists() {
        anyhow::bail!(
            "{} exists already; choose a new file for the backup",
            dest.display()
        );
    }
    let dest = dest
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the backup file's name is not valid UTF-8"))?;
    sqlx::query("VACUUM INTO ?").bind(dest).execute(pool).await?;
    Ok(())
}

/// Whether the database holds no organisation yet (a first start).
pub async fn is_empty(pool: &SqlitePool) -> anyhow::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(pool)
        .await?;
    Ok(n == 0)
}

/// Whether `--demo` may wipe this database: it is empty, or every person in it has a demo
/// address. The mark `--demo` leaves is not enough: someone may have started using a demo
/// database for real (a real administrator added, a billing file imported).
pub async fn holds_only_demo(pool: &SqlitePool) -> anyhow::Result<bool> {
    let real: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE email NOT LIKE '%@kamu.example'")
        .fetch_one(pool)
        .await?;
    Ok(real == 0)
}

/// A database failure is the server's fault, never the user's: logged here with its cause, and
/// answered as a plain "server error" that says nothing of the schema. With this, storage code
/// uses `?` on sqlx calls directly.
impl From<sqlx::Error> for crate::domain::error::AppError {
    fn from(e: sqlx::Error) -> Self {
        crate::server::people::auth::internal(e)
    }
}
