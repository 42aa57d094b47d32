//! The KAM practice's company-wide rules (`domain::kam::rules`), kept in `server_settings` by
//! name; a rule never set is the standard one.

use crate::domain::error::AppError;
use crate::domain::kam::rules::KamRules;
use crate::domain::people::Viewer;
use sqlx::SqlitePool;

const OVER_EUR: &str = "one_off_over_eur";
const WITHIN_MONTHS: &str = "one_off_within_months";
const MEETING_WORTH: &str = "meeting_worth_hundredths";

pub async fn current(pool: &SqlitePool) -> Result<KamRules, AppError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT name, value FROM server_settings WHERE name IN (?, ?, ?)")
            .bind(OVER_EUR)
            .bind(WITHIN_MONTHS)
            .bind(MEETING_WORTH)
            .fetch_all(pool)
            .await?;
    let setting = |name: &str| {
        rows.iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.parse::<i64>().ok())
    };
    let standard = KamRules::default();
    let rules = KamRules {
        one_off_over_eur: setting(OVER_EUR).unwrap_or(standard.one_off_over_eur),
        one_off_within_months: setting(WITHIN_MONTHS)
            .and_then(|m| u32::try_from(m).ok())
            .unwrap_or(standard.one_off_within_months),
        meeting_worth_hundredths: setting(MEETING_WORTH)
            .and_then(|m| u32::try_from(m).ok())
            .unwrap_or(standard.meeting_worth_hundredths),
    };
    // A value stored by hand that the rules refuse reads as the standard, not as nonsense.
    Ok(if rules.check().is_ok() { rules } else { standard })
}

/// Saves the rules, for admins only (403 and logged for anyone else); nonsense is refused with
/// the rule named.
pub async fn save(pool: &SqlitePool, viewer: &Viewer, rules: KamRules) -> Result<(), AppError> {
    crate::server::access::require_admin(viewer, "KAM rules change")?;
    rules.check().map_err(|key| AppError::Invalid(key.into()))?;
    let mut tx = pool.begin().await?;
    for (name, value) in [
        (OVER_EUR, rules.one_off_over_eur),
        (WITHIN_MONTHS, i64::from(rules.one_off_within_months)),
        (MEETING_WORTH, i64::from(rules.meeting_worth_hundredths)),
    ] {
        sqlx::query(
            "INSERT INTO server_settings (name, value) VALUES (?, ?)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(name)
        .bind(value.to_string())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    tracing::info!(person = viewer.id.0, ?rules, "KAM rules changed");
    Ok(())
}
