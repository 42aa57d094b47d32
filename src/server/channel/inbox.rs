//! A person's own inbox across the accounts they may see now: posts mentioning them and urgent
//! bulletins (open ones until acknowledged; acknowledged or closed ones for a month).

use crate::domain::channel::inbox::{Inbox, InboxItem, InboxReason};
use crate::domain::channel::post::{Post, PostKind, Urgency};
use crate::domain::clock::PersonRef;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::Viewer;
use sqlx::SqlitePool;

use crate::server::access::visible_accounts;
use crate::server::channel::posts::finnish_time;
use crate::server::people::auth::internal;

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    account_id: i64,
    account_name: String,
    author_id: i64,
    author_name: String,
    kind: String,
    urgency: String,
    question_id: Option<String>,
    body: String,
    created_at: String,
    closed: bool,
    acknowledged: bool,
    read: bool,
}

/// The reader's inbox; `email_on`: the server sends e-mail, so their choice of mention e-mails
/// comes along.
pub async fn inbox(pool: &SqlitePool, viewer: &Viewer, email_on: bool) -> Result<Inbox, AppError> {
    let accounts: Vec<i64> = visible_accounts(pool, viewer)
        .await?
        .into_iter()
        .map(|a| a.0)
        .collect();
    let month_ago = (chrono::Utc::now() - chrono::Duration::days(30)).to_rfc3339();
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.account_id, a.name AS account_name, c.author_id, p.name AS author_name, c.kind,
                c.urgency, c.question_id, c.body, c.created_at, c.closed_at IS NOT NULL AS closed,
                EXISTS (SELECT 1 FROM post_acks k WHERE k.post_id = c.id AND k.person_id = ?1) AS acknowledged,
                EXISTS (SELECT 1 FROM inbox_reads r WHERE r.post_id = c.id AND r.person_id = ?1) AS read
         FROM channel_posts c JOIN accounts a ON a.id = c.account_id JOIN people p ON p.id = c.author_id
         WHERE c.account_id IN (SELECT value FROM json_each(?2)) AND c.author_id <> ?1
           AND (EXISTS (SELECT 1 FROM post_mentions m WHERE m.post_id = c.id AND m.person_id = ?1)
                OR (c.kind = 'bulletin' AND c.urgency = 'urgent'
                    AND ((c.closed_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM post_acks k WHERE k.post_id = c.id AND k.person_id = ?1))
                         OR c.created_at >= ?3)))
         ORDER BY c.created_at DESC LIMIT 200",
    )
    .bind(viewer.id.0)
    .bind(serde_json::to_string(&accounts).map_err(internal)?)
    .bind(month_ago)
    .fetch_all(pool)
    .await?;
    let items = rows
        .into_iter()
        .map(|r| {
            let urgency = Urgency::parse(&r.urgency).unwrap_or(Urgency::Normal);
            let kind = PostKind::parse(&r.kind).unwrap_or(PostKind::Bulletin);
            let reason = if kind == PostKind::Bulletin && urgency == Urgency::Urgent {
                InboxReason::Urgent
            } else {
                InboxReason::Mention
            };
            InboxItem {
                post: Post {
                    id: uuid::Uuid::parse_str(&r.id).unwrap_or_default(),
                    account_id: AccountId(r.account_id),
                    author: PersonRef {
                        id: PersonId(r.author_id),
                        name: r.author_name,
                    },
                    kind,
                    urgency,
                    question_id: r.question_id.and_then(|q| uuid::Uuid::parse_str(&q).ok()),
                    body: r.body,
                    at: finnish_time(&r.created_at),
                    answered: false,
                    closed: r.closed,
                    mentions: vec![],
                    acknowledged: r.acknowledged,
                },
                account_name: r.account_name,
                reason,
                read: r.read,
            }
        })
        .collect();
    let mut inbox = Inbox::new(items);
    if email_on {
        inbox.email_mentions = Some(super::email::mention_emails(pool, viewer.id).await?);
    }
    Ok(inbox)
}
