//! The card's round on the server: submit, review, correct (new version), management's
//! comments and the director's acknowledgement. Each checks who may, applies the domain rule,
//! and logs the change so devices pull it.

use crate::domain::card::response::{self, CardComment};
use crate::domain::card::workflow::{self, CardAction};
use crate::domain::card::QualityCard;
use crate::domain::clock::{PersonRef, StatusMark};
use crate::domain::dates::YearMonth;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::Viewer;
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

use crate::server::access;
use crate::server::card::quality_cards;
use crate::server::people::auth::internal;

/// Whether the viewer directs the account.
pub async fn is_director(
    db: impl sqlx::SqliteExecutor<'_>,
    viewer: &Viewer,
    account: AccountId,
) -> Result<bool, AppError> {
    let director: Option<i64> = sqlx::query_scalar("SELECT director_id FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_optional(db)
        .await?;
    Ok(director == Some(viewer.id.0))
}

/// Checks the viewer sees the account and may do `action` on its cards; refusals are logged.
async fn require(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    account: AccountId,
    action: CardAction,
) -> Result<(), AppError> {
    access::require_account(&mut *conn, viewer, account).await?;
    if workflow::may(action, viewer, is_director(&mut *conn, viewer, account).await?) {
        Ok(())
    } else {
        tracing::warn!(
            person = viewer.id.0,
            account = account.0,
            ?action,
            "card action refused"
        );
        Err(AppError::Forbidden)
    }
}

async fn mark(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    today: chrono::NaiveDate,
) -> Result<StatusMark, AppError> {
    Ok(StatusMark {
        by: person(conn, viewer.id).await?,
        on: today,
    })
}

async fn person(conn: &mut SqliteConnection, id: PersonId) -> Result<PersonRef, AppError> {
    let name: String = sqlx::query_scalar("SELECT name FROM people WHERE id = ?")
        .bind(id.0)
        .fetch_one(conn)
        .await?;
    Ok(PersonRef { id, name })
}

async fn existing(
    conn: &mut SqliteConnection,
    account: AccountId,
    period: YearMonth,
) -> Result<QualityCard, AppError> {
    quality_cards::load(conn, account, period)
        .await?
        .ok_or(AppError::NotFound)
}

type Tx = sqlx::Transaction<'static, sqlx::Sqlite>;

/// Takes the write lock, checks the viewer may do `action`, and loads the card.
async fn open(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    period: YearMonth,
    action: CardAction,
) -> Result<(Tx, QualityCard), AppError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    require(&mut tx, viewer, account, action).await?;
    let card = existing(&mut tx, account, period).await?;
    Ok((tx, card))
}

/// Saves the card, logs it so devices pull it, and commits.
async fn close(mut tx: Tx, card: &QualityCard) -> Result<(), AppError> {
    quality_cards::save(&mut tx, card).await?;
    quality_cards::log_change(&mut tx, card).await?;
    tx.commit().await.map_err(internal)
}

/// The director sends the card to management: frozen from now on, figures as they are today.
pub async fn submit(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    period: YearMonth,
    today: chrono::NaiveDate,
) -> Result<QualityCard, AppError> {
    let (mut tx, mut card) = open(pool, viewer, account, period, CardAction::Submit).await?;
    let facts = quality_cards::live_facts(pool, account, card.months(), today).await?;
    let previous = quality_cards::previous(&mut tx, account, period).await?;
    let by = mark(&mut tx, viewer, today).await?;
    workflow::submit(&mut card, by, facts, previous.as_ref()).map_err(|e| AppError::Invalid(e.into()))?;
    close(tx, &card).await?;
    tracing::info!(
        person = viewer.id.0,
        account = account.0,
        ?period,
        "card submitted"
    );
    Ok(card)
}

/// Management marks a submitted card reviewed.
pub async fn review(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    period: YearMonth,
    today: chrono::NaiveDate,
) -> Result<QualityCard, AppError> {
    let (mut tx, mut card) = open(pool, viewer, account, period, CardAction::Review).await?;
    let by = mark(&mut tx, viewer, today).await?;
    workflow::review(&mut card, by).map_err(|e| AppError::Invalid(e.into()))?;
    close(tx, &card).await?;
    Ok(card)
}

/// The director starts a correction: the submitted version is kept, a new draft follows.
pub async fn correct(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    period: YearMonth,
) -> Result<QualityCard, AppError> {
    let (mut tx, mut card) = open(pool, viewer, account, period, CardAction::Correct).await?;
    let old = workflow::correct(&mut card).map_err(|e| AppError::Invalid(e.into()))?;
    quality_cards::keep_version(&mut tx, &old, viewer.id).await?;
    close(tx, &card).await?;
    tracing::info!(
        person = viewer.id.0,
        account = account.0,
        ?period,
        version = card.workflow.version,
        "card corrected"
    );
    Ok(card)
}

/// Management comments a card (an instruction, or a remark), shared with the account's people
/// or not.
#[allow(clippy::too_many_arguments)]
pub async fn comment(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    period: YearMonth,
    text: &str,
    instruction: bool,
    shared: bool,
    today: chrono::NaiveDate,
) -> Result<CardComment, AppError> {
    response::validate_comment(text).map_err(|e| AppError::Invalid(e.into()))?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    require(&mut tx, viewer, account, CardAction::Comment).await?;
    let card = existing(&mut tx, account, period).await?;
    let comment = CardComment {
        id: Uuid::now_v7(),
        period,
        version: card.workflow.version,
        author: person(&mut tx, viewer.id).await?,
        text: text.trim().to_string(),
        instruction,
        shared,
        written_on: today,
        acknowledged: None,
    };
    sqlx::query(
        "INSERT INTO card_comments (id, account_id, year, month, version, author_id, text, instruction,
             shared, written_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(comment.id.to_string())
    .bind(account.0)
    .bind(period.year)
    .bind(period.month)
    .bind(comment.version)
    .bind(viewer.id.0)
    .bind(&comment.text)
    .bind(instruction)
    .bind(shared)
    .bind(today)
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(&mut *tx)
    .await?;
    // Devices learn there is something new on the card.
    quality_cards::log_change(&mut tx, &card).await?;
    tx.commit().await?;
    Ok(comment)
}

/// The director acknowledges management's comment; answers the comment as it is now.
pub async fn acknowledge(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    comment_id: Uuid,
    today: chrono::NaiveDate,
) -> Result<CardComment, AppError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    require(&mut tx, viewer, account, CardAction::Acknowledge).await?;
    let found: Option<(i64, i64)> =
        sqlx::query_as("SELECT year, month FROM card_comments WHERE id = ? AND account_id = ?")
            .bind(comment_id.to_string())
            .bind(account.0)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((year, month)) = found else {
        return Err(AppError::NotFound);
    };
    sqlx::query(
        "UPDATE card_comments SET acknowledged_by = ?, acknowledged_on = ?
         WHERE id = ? AND acknowledged_by IS NULL",
    )
    .bind(viewer.id.0)
    .bind(today)
    .bind(comment_id.to_string())
    .execute(&mut *tx)
    .await?;
    let period = YearMonth {
        year: year as i32,
        month: month as u32,
    };
    if let Some(card) = quality_cards::load(&mut tx, account, period).await? {
        quality_cards::log_change(&mut tx, &card).await?;
    }
    tx.commit().await?;
    comments_for(pool, viewer, account)
        .await?
        .into_iter()
        .find(|c| c.id == comment_id)
        .ok_or(AppError::NotFound)
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: String,
    year: i64,
    month: i64,
    version: i64,
    author_id: i64,
    author_name: String,
    text: String,
    instruction: bool,
    shared: bool,
    written_on: chrono::NaiveDate,
    ack_id: Option<i64>,
    ack_name: Option<String>,
    acknowledged_on: Option<chrono::NaiveDate>,
}

/// The comments on an account's cards that `viewer` may read, oldest first.
pub async fn comments_for(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
) -> Result<Vec<CardComment>, AppError> {
    let rows: Vec<CommentRow> = sqlx::query_as(
        "SELECT c.id, c.year, c.month, c.version, c.author_id, a.name AS author_name, c.text,
                c.instruction <> 0 AS instruction, c.shared <> 0 AS shared, c.written_on,
                c.acknowledged_by AS ack_id, k.name AS ack_name, c.acknowledged_on
         FROM card_comments c JOIN people a ON a.id = c.author_id
         LEFT JOIN people k ON k.id = c.acknowledged_by
         WHERE c.account_id = ? ORDER BY c.created_at",
    )
    .bind(account.0)
    .fetch_all(pool)
    .await?;
    let all = rows
        .into_iter()
        .filter_map(|r| {
            Some(CardComment {
                id: Uuid::parse_str(&r.id).ok()?,
                period: YearMonth {
                    year: r.year as i32,
                    month: r.month as u32,
                },
                version: r.version as u32,
                author: PersonRef {
                    id: PersonId(r.author_id),
                    name: r.author_name,
                },
                text: r.text,
                instruction: r.instruction,
                shared: r.shared,
                written_on: r.written_on,
                acknowledged: match (r.ack_id, r.ack_name, r.acknowledged_on) {
                    (Some(id), Some(name), Some(on)) => Some(StatusMark {
                        by: PersonRef {
                            id: PersonId(id),
                            name,
                        },
                        on,
                    }),
                    _ => None,
                },
            })
        })
        .collect();
    let director = is_director(pool, viewer, account).await?;
    Ok(response::visible(all, viewer, director))
}
