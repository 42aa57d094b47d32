//! Quality cards in the database: read into domain types (drafts with their figures computed
//! afresh), written back after an edit, earlier versions kept.

use crate::domain::card::facts::{self, CardFacts, MonthFigures};
use crate::domain::card::{
    CardState, CardTexts, Direction, EnteredFigures, LightMark, QualityCard, TrafficLight, Workflow,
};
use crate::domain::clock::StatusMark;
use crate::domain::dates::YearMonth;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};

use crate::server::people::auth::internal;

/// Everything of a card beyond its key, light and summary, stored as one JSON document.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct Body {
    covers_from: Option<u32>,
    direction: Option<Direction>,
    texts: CardTexts,
    figures: EnteredFigures,
    submitted: Option<StatusMark>,
    reviewed: Option<StatusMark>,
    light_mark: Option<LightMark>,
    facts: Option<CardFacts>,
}

#[derive(sqlx::FromRow)]
struct CardRow {
    account_id: i64,
    year: i64,
    month: i64,
    light: String,
    summary: String,
    state: String,
    version: i64,
    body: String,
}

impl CardRow {
    fn into_card(self) -> Option<QualityCard> {
        let body: Body = serde_json::from_str(&self.body).unwrap_or_default();
        Some(QualityCard {
            account_id: AccountId(self.account_id),
            period: YearMonth {
                year: self.year as i32,
                month: self.month as u32,
            },
            light: TrafficLight::parse(&self.light)?,
            summary: self.summary,
            covers_from: body.covers_from,
            direction: body.direction,
            texts: body.texts,
            figures: body.figures,
            workflow: Workflow {
                state: CardState::parse(&self.state)?,
                version: self.version.max(1) as u32,
                submitted: body.submitted,
                reviewed: body.reviewed,
            },
            light_mark: body.light_mark,
            facts: body.facts,
        })
    }
}

const SELECT: &str =
    "SELECT account_id, year, month, light, summary, state, version, body FROM quality_cards";

/// Every card of an account, oldest first, drafts with their figures as they are today.
pub async fn of_account(
    pool: &SqlitePool,
    account: AccountId,
    today: chrono::NaiveDate,
) -> Result<Vec<QualityCard>, AppError> {
    let rows: Vec<CardRow> = sqlx::query_as(&format!("{SELECT} WHERE account_id = ? ORDER BY year, month"))
        .bind(account.0)
        .fetch_all(pool)
        .await?;
    let mut cards: Vec<QualityCard> = rows.into_iter().filter_map(CardRow::into_card).collect();
    for card in cards.iter_mut().filter(|c| !c.is_frozen()) {
        card.facts = Some(live_facts(pool, account, card.months(), today).await?);
    }
    Ok(cards)
}

/// One month's card of an account, if it was written (as stored: a draft has no figures).
pub async fn load(
    conn: &mut SqliteConnection,
    account: AccountId,
    period: YearMonth,
) -> Result<Option<QualityCard>, AppError> {
    let row: Option<CardRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE account_id = ? AND year = ? AND month = ?"
    ))
    .bind(account.0)
    .bind(period.year)
    .bind(period.month)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(CardRow::into_card))
}

/// The account's latest card before `period` (the one a new month's card starts from).
pub async fn previous(
    conn: &mut SqliteConnection,
    account: AccountId,
    period: YearMonth,
) -> Result<Option<QualityCard>, AppError> {
    let row: Option<CardRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE account_id = ? AND year * 100 + month < ? ORDER BY year DESC, month DESC LIMIT 1"
    ))
    .bind(account.0)
    .bind(period.year * 100 + period.month as i32)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(CardRow::into_card))
}

/// A card as devices get it: a draft carries today's figures.
pub async fn with_facts(
    pool: &SqlitePool,
    mut card: QualityCard,
    today: chrono::NaiveDate,
) -> Result<QualityCard, AppError> {
    if !card.is_frozen() {
        card.facts = Some(live_facts(pool, card.account_id, card.months(), today).await?);
    }
    Ok(card)
}

/// What Kamu knows of the months `from`..=`to`: visits from the clock (both clock years when
/// the range crosses one), money and hours from the finance import, the customer's
/// organisation changes from the relationship map.
pub async fn live_facts(
    pool: &SqlitePool,
    account: AccountId,
    (from, to): (YearMonth, YearMonth),
    today: chrono::NaiveDate,
) -> Result<CardFacts, AppError> {
    let (Some(first), Some(last)) = (from.first_day(), to.last_day()) else {
        return Ok(CardFacts::default());
    };
    // Periods count in the month they end: a visit window ending inside the range counts.
    let events = crate::server::clock::events::of_account_during(pool, account, first, last).await?;
    let figures = figures_of(pool, account).await?;
    Ok(CardFacts {
        visits: facts::visit_tally(&events, from, to, today),
        money: facts::money(&figures, from, to),
        org_changes: crate::server::kam::map::changes_between(pool, account, first, last).await?,
    })
}

/// Writes a card (new or changed); one card per account and month. A draft's figures are not
/// stored: they are computed on every read.
pub async fn save(conn: &mut SqliteConnection, card: &QualityCard) -> Result<(), AppError> {
    let body = Body {
        covers_from: card.covers_from,
        direction: card.direction,
        texts: card.texts.clone(),
        figures: card.figures.clone(),
        submitted: card.workflow.submitted.clone(),
        reviewed: card.workflow.reviewed.clone(),
        light_mark: card.light_mark.clone(),
        facts: card.is_frozen().then(|| card.facts.clone()).flatten(),
    };
    sqlx::query(
        "INSERT INTO quality_cards (id, account_id, year, month, light, summary, updated_at, state, version, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, year, month) DO UPDATE SET
             light = excluded.light, summary = excluded.summary, updated_at = excluded.updated_at,
             state = excluded.state, version = excluded.version, body = excluded.body",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(card.account_id.0)
    .bind(card.period.year)
    .bind(card.period.month)
    .bind(card.light.as_str())
    .bind(&card.summary)
    .bind(chrono::Utc::now().to_rfc3339())
    .bind(card.workflow.state.as_str())
    .bind(card.workflow.version)
    .bind(serde_json::to_string(&body).map_err(internal)?)
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps a version of a card that a correction replaces.
pub async fn keep_version(
    conn: &mut SqliteConnection,
    old: &QualityCard,
    by: crate::domain::ids::PersonId,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO quality_card_versions (account_id, year, month, version, card, replaced_by, replaced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(old.account_id.0)
    .bind(old.period.year)
    .bind(old.period.month)
    .bind(old.workflow.version)
    .bind(serde_json::to_string(old).map_err(internal)?)
    .bind(by.0)
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(conn)
    .await?;
    Ok(())
}

/// Earlier versions of an account's cards, newest first.
pub async fn versions(pool: &SqlitePool, account: AccountId) -> Result<Vec<QualityCard>, AppError> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT card FROM quality_card_versions WHERE account_id = ? ORDER BY year DESC, month DESC, version DESC",
    )
    .bind(account.0)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect())
}

#[derive(sqlx::FromRow)]
struct FiguresRow {
    account_id: i64,
    year: i64,
    month: i64,
    revenue: i64,
    margin: i64,
    hours_tenths: i64,
    revenue_target: Option<i64>,
    margin_target: Option<i64>,
    hour_budget_tenths: Option<i64>,
}

impl From<FiguresRow> for MonthFigures {
    fn from(r: FiguresRow) -> MonthFigures {
        MonthFigures {
            account_id: AccountId(r.account_id),
            period: YearMonth {
                year: r.year as i32,
                month: r.month as u32,
            },
            revenue: r.revenue,
            margin: r.margin,
            hours_tenths: r.hours_tenths,
            revenue_target: r.revenue_target,
            margin_target: r.margin_target,
            hour_budget_tenths: r.hour_budget_tenths,
        }
    }
}

const FIGURES: &str = "SELECT account_id, year, month, revenue, margin, hours_tenths, revenue_target,
    margin_target, hour_budget_tenths FROM account_figures";

/// The finance figures of an account, by month.
pub async fn figures_of(pool: &SqlitePool, account: AccountId) -> Result<Vec<MonthFigures>, AppError> {
    let rows: Vec<FiguresRow> =
        sqlx::query_as(&format!("{FIGURES} WHERE account_id = ? ORDER BY year, month"))
            .bind(account.0)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(MonthFigures::from).collect())
}

/// Every stored finance month (the import compares a file against it).
pub async fn all_figures(conn: &mut SqliteConnection) -> Result<Vec<MonthFigures>, AppError> {
    let rows: Vec<FiguresRow> = sqlx::query_as(FIGURES).fetch_all(conn).await?;
    Ok(rows.into_iter().map(MonthFigures::from).collect())
}

/// Writes one account's month of finance figures (new or replacing), marked with its import.
pub async fn save_figures(
    conn: &mut SqliteConnection,
    f: &MonthFigures,
    import_id: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO account_figures (account_id, year, month, revenue, margin, hours_tenths,
             revenue_target, margin_target, hour_budget_tenths, import_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, year, month) DO UPDATE SET
             revenue = excluded.revenue, margin = excluded.margin, hours_tenths = excluded.hours_tenths,
             revenue_target = excluded.revenue_target, margin_target = excluded.margin_target,
             hour_budget_tenths = excluded.hour_budget_tenths, import_id = excluded.import_id",
    )
    .bind(f.account_id.0)
    .bind(f.period.year)
    .bind(f.period.month)
    .bind(f.revenue)
    .bind(f.margin)
    .bind(f.hours_tenths)
    .bind(f.revenue_target)
    .bind(f.margin_target)
    .bind(f.hour_budget_tenths)
    .bind(import_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds a card change to the change log, so devices pull the new state.
pub async fn log_change(conn: &mut SqliteConnection, card: &QualityCard) -> Result<(), AppError> {
    crate::server::sync::change_log::record(
        conn,
        card.account_id,
        crate::domain::sync::Entity::Card(card.period),
        false,
    )
    .await
}
