//! The suggested light's rules as an admin set them (the standard rules until then).

use crate::domain::card::suggest::{standard_rules, LightRule, Measure};
use crate::domain::error::AppError;
use crate::domain::people::Viewer;
use sqlx::SqlitePool;

pub async fn current(pool: &SqlitePool) -> Result<Vec<LightRule>, AppError> {
    let rows: Vec<(String, i64, i64, i64)> =
        sqlx::query_as("SELECT measure, weight, green, yellow FROM light_rules")
            .fetch_all(pool)
            .await?;
    if rows.is_empty() {
        return Ok(standard_rules());
    }
    // In the standard order, so every screen lists the rules alike.
    let mut rules: Vec<LightRule> = rows
        .into_iter()
        .filter_map(|(measure, weight, green, yellow)| {
            Some(LightRule {
                measure: Measure::parse(&measure)?,
                weight: weight.clamp(0, i64::from(u32::MAX)) as u32,
                green,
                yellow,
            })
        })
        .collect();
    rules.sort_by_key(|r| Measure::ALL.iter().position(|m| *m == r.measure));
    Ok(rules)
}

/// Replaces the rules; admins only; every rule is checked first, nothing is half-saved.
pub async fn save(pool: &SqlitePool, viewer: &Viewer, rules: &[LightRule]) -> Result<(), AppError> {
    crate::server::access::require_admin(viewer, "light rules change")?;
    for rule in rules {
        rule.validate()
            .map_err(|e| AppError::Invalid(format!("{e}:{}", rule.measure.as_str())))?;
    }
    let mut measures: Vec<Measure> = rules.iter().map(|r| r.measure).collect();
    measures.sort_by_key(|m| m.as_str());
    measures.dedup();
    if measures.len() != rules.len() {
        return Err(AppError::Invalid("rule_twice".into()));
    }
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM light_rules").execute(&mut *tx).await?;
    for rule in rules {
        sqlx::query("INSERT INTO light_rules (measure, weight, green, yellow) VALUES (?, ?, ?, ?)")
            .bind(rule.measure.as_str())
            .bind(rule.weight)
            .bind(rule.green)
            .bind(rule.yellow)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    tracing::info!(person = viewer.id.0, "light rules changed");
    Ok(())
}
