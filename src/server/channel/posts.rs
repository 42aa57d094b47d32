//! An account's channel on the server: reading it, posting, acknowledging, marking answered,
//! searching, following acknowledgements and reminding. Every door checks that the person may
//! see the account (`access::require_account`), so no one reads or writes another account's
//! channel, through search neither.

use crate::domain::channel::acks::{self, AckTally};
use crate::domain::channel::mentions;
use crate::domain::channel::post::{self, NewPost, Post, PostKind, Urgency};
use crate::domain::channel::search::fts_query;
use crate::domain::channel::view::{ChannelView, PostChange, LATEST_POSTS};
use crate::domain::clock::PersonRef;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::Viewer;
use crate::domain::sync::Entity;
use chrono::NaiveDateTime;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;
use uuid::Uuid;

use crate::server::access::require_account;
use crate::server::channel::members::{members, site_runs};
use crate::server::channel::push::{self, PushNote};
use crate::server::people::auth::internal;
use crate::server::sync::change_log;

#[derive(sqlx::FromRow)]
struct PostRow {
    id: String,
    account_id: i64,
    author_id: i64,
    author_name: String,
    kind: String,
    urgency: String,
    question_id: Option<String>,
    body: String,
    created_at: String,
    answered: bool,
    closed: bool,
    acknowledged: bool,
}

const POST_SELECT: &str = "
SELECT c.id, c.account_id, c.author_id, p.name AS author_name, c.kind, c.urgency, c.question_id,
       c.body, c.created_at, c.answered_at IS NOT NULL AS answered, c.closed_at IS NOT NULL AS closed,
       EXISTS (SELECT 1 FROM post_acks k WHERE k.post_id = c.id AND k.person_id = ?1) AS acknowledged
FROM channel_posts c JOIN people p ON p.id = c.author_id";

/// A stored UTC time as Finnish wall-clock time.
pub fn finnish_time(utc: &str) -> NaiveDateTime {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| t.with_timezone(&chrono_tz::Europe::Helsinki).naive_local())
        .unwrap_or_default()
}

impl PostRow {
    fn post(self, mentions: &HashMap<String, Vec<PersonRef>>) -> Post {
        Post {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            account_id: AccountId(self.account_id),
            author: PersonRef {
                id: PersonId(self.author_id),
                name: self.author_name,
            },
            kind: PostKind::parse(&self.kind).unwrap_or(PostKind::Bulletin),
            urgency: Urgency::parse(&self.urgency).unwrap_or(Urgency::Normal),
            question_id: self.question_id.and_then(|q| Uuid::parse_str(&q).ok()),
            at: finnish_time(&self.created_at),
            mentions: mentions.get(&self.id).cloned().unwrap_or_default(),
            body: self.body,
            answered: self.answered,
            closed: self.closed,
            acknowledged: self.acknowledged,
        }
    }
}

/// Attaches the mentions to rows read with `POST_SELECT`.
async fn with_mentions(conn: &mut SqliteConnection, rows: Vec<PostRow>) -> Result<Vec<Post>, AppError> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let found: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT m.post_id, p.id, p.name FROM post_mentions m JOIN people p ON p.id = m.person_id
         WHERE m.post_id IN (SELECT value FROM json_each(?))",
    )
    .bind(serde_json::to_string(&ids).map_err(internal)?)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_post: HashMap<String, Vec<PersonRef>> = HashMap::new();
    for (post, id, name) in found {
        by_post.entry(post).or_default().push(PersonRef {
            id: PersonId(id),
            name,
        });
    }
    Ok(rows.into_iter().map(|r| r.post(&by_post)).collect())
}

async fn directs(conn: &mut SqliteConnection, viewer: &Viewer, account: AccountId) -> Result<bool, AppError> {
    let director: Option<i64> = sqlx::query_scalar("SELECT director_id FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(director == Some(viewer.id.0))
}

async fn person_ref(conn: &mut SqliteConnection, id: PersonId) -> Result<PersonRef, AppError> {
    let name: String = sqlx::query_scalar("SELECT name FROM people WHERE id = ?")
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await?;
    Ok(PersonRef { id, name })
}

/// The channel page: the latest posts, the members for @mentions, and — for those who follow
/// them — the acknowledgements of urgent bulletins.
pub async fn view(pool: &SqlitePool, viewer: &Viewer, account: AccountId) -> Result<ChannelView, AppError> {
    // Read before the posts: a change made meanwhile is pulled again, never missed.
    let sync_cursor = change_log::current_cursor(pool).await?;
    let mut conn = pool.acquire().await?;
    require_account(&mut *conn, viewer, account).await?;
    let rows: Vec<PostRow> = sqlx::query_as(&format!(
        "{POST_SELECT} WHERE c.account_id = ?2 ORDER BY c.created_at DESC, c.id DESC LIMIT ?3"
    ))
    .bind(viewer.id.0)
    .bind(account.0)
    .bind(LATEST_POSTS as i64)
    .fetch_all(&mut *conn)
    .await?;
    let posts = with_mentions(&mut conn, rows).await?;
    let account_name: String = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_one(&mut *conn)
        .await?;
    let directs_account = directs(&mut conn, viewer, account).await?;
    let may_moderate = post::may_moderate(viewer.role, directs_account, false);
    let members = members(&mut conn, account).await?;
    let mut tallies = Vec::new();
    let followed: Vec<&Post> = posts
        .iter()
        .filter(|p| p.asks_ack() && (may_moderate || p.author.id == viewer.id))
        .collect();
    if !followed.is_empty() {
        let sites = site_runs(&mut conn, account).await?;
        for p in followed {
            tallies.push((p.id, tally_with(&mut conn, &members, &sites, p).await?));
        }
    }
    Ok(ChannelView {
        account_id: account,
        account_name,
        posts,
        members: members.iter().map(|m| m.person.clone()).collect(),
        me: person_ref(&mut conn, viewer.id).await?,
        may_bulletin: post::may_bulletin(viewer.role, directs_account),
        may_moderate,
        tallies,
        sync_cursor,
    })
}

/// The reader has opened the account's channel: its mentions and urgent bulletins are read in
/// their inbox (an urgent one still waits for the acknowledgement).
pub async fn mark_read(pool: &SqlitePool, viewer: &Viewer, account: AccountId) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    require_account(&mut *tx, viewer, account).await?;
    // Only the rows read just now come back: an urgent bulletin's tally ("read, not
    // acknowledged") changed, so the devices that follow it pull the post again.
    let read: Vec<String> = sqlx::query_scalar(
        "INSERT OR IGNORE INTO inbox_reads (person_id, post_id, at)
         SELECT ?1, c.id, ?3 FROM channel_posts c WHERE c.account_id = ?2 AND c.author_id <> ?1
           AND (c.urgency = 'urgent' AND c.kind = 'bulletin'
                OR EXISTS (SELECT 1 FROM post_mentions m WHERE m.post_id = c.id AND m.person_id = ?1))
         RETURNING post_id",
    )
    .bind(viewer.id.0)
    .bind(account.0)
    .bind(chrono::Utc::now().to_rfc3339())
    .fetch_all(&mut *tx)
    .await?;
    for id in read.iter().filter_map(|post| Uuid::parse_str(post).ok()) {
        change_log::record(&mut tx, account, Entity::Post(id), false).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn tally_with(
    conn: &mut SqliteConnection,
    members: &[crate::domain::channel::acks::Member],
    sites: &[crate::domain::channel::acks::SiteRun],
    post: &Post,
) -> Result<AckTally, AppError> {
    let acks: Vec<(i64, String)> = sqlx::query_as("SELECT person_id, at FROM post_acks WHERE post_id = ?")
        .bind(post.id.to_string())
        .fetch_all(&mut *conn)
        .await?;
    let acks: HashMap<PersonId, NaiveDateTime> = acks
        .into_iter()
        .map(|(id, at)| (PersonId(id), finnish_time(&at)))
        .collect();
    let read: Vec<i64> = sqlx::query_scalar("SELECT person_id FROM inbox_reads WHERE post_id = ?")
        .bind(post.id.to_string())
        .fetch_all(&mut *conn)
        .await?;
    let read = read.into_iter().map(PersonId).collect();
    Ok(acks::tally(members, sites, post.author.id, &acks, &read))
}

/// One post as the viewer sees it, if it is in an account they may see.
async fn load_post(conn: &mut SqliteConnection, viewer: &Viewer, id: Uuid) -> Result<Post, AppError> {
    let post = read_post(conn, viewer.id.0, id)
        .await?
        .ok_or(AppError::NotFound)?;
    require_account(&mut *conn, viewer, post.account_id).await?;
    Ok(post)
}

/// A post as the person `reader` sees it (their own acknowledgement), with no access check:
/// `load_post` checks it for a person; the e-mail job reads as the server.
async fn read_post(conn: &mut SqliteConnection, reader: i64, id: Uuid) -> Result<Option<Post>, AppError> {
    let row: Option<PostRow> = sqlx::query_as(&format!("{POST_SELECT} WHERE c.id = ?2"))
        .bind(reader)
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(with_mentions(conn, vec![row]).await?.remove(0))),
        None => Ok(None),
    }
}

/// A post's acknowledgements, counted against the account's members of today.
async fn tally_of(conn: &mut SqliteConnection, post: &Post) -> Result<AckTally, AppError> {
    let members = members(conn, post.account_id).await?;
    let sites = site_runs(conn, post.account_id).await?;
    tally_with(conn, &members, &sites, post).await
}

/// A post as the cursor pull carries it to `viewer`: as they see it now, with its
/// acknowledgements when they follow them (the author and the account's moderators); `None`
/// when the post is gone or in an account they may not see.
pub async fn as_change(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Option<PostChange>, AppError> {
    let post = match load_post(conn, viewer, id).await {
        Ok(post) => post,
        Err(AppError::NotFound | AppError::Forbidden) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut tally = None;
    if post.asks_ack() {
        let directs_account = directs(conn, viewer, post.account_id).await?;
        if post::may_moderate(viewer.role, directs_account, post.author.id == viewer.id) {
            let members = members(conn, post.account_id).await?;
            let sites = site_runs(conn, post.account_id).await?;
            tally = Some(tally_with(conn, &members, &sites, &post).await?);
        }
    }
    Ok(Some(PostChange { post, tally }))
}

/// Who a new post notifies: the people it mentions and, for an urgent bulletin, every member
/// asked to acknowledge.
pub struct Notify {
    pub people: Vec<PersonId>,
    pub note: PushNote,
}

/// Writes a post inside the caller's transaction. `Ok(Err(key))` is a refusal the author sees;
/// a post already stored with the same id and text is `Ok(Ok(None))` (a retry).
pub async fn insert_post(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    account: AccountId,
    new: &NewPost,
) -> Result<Result<Option<(Post, Notify)>, String>, AppError> {
    require_account(&mut *conn, viewer, account).await?;
    let existing: Option<(i64, String, i64)> =
        sqlx::query_as("SELECT author_id, body, account_id FROM channel_posts WHERE id = ?")
            .bind(new.id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((author, body, in_account)) = existing {
        return Ok(
            if author == viewer.id.0 && body == new.body.trim() && in_account == account.0 {
                Ok(None)
            } else {
                Err("already_exists".into())
            },
        );
    }
    let directs_account = directs(conn, viewer, account).await?;
    if let Err(key) = post::may_post(viewer.role, directs_account, new) {
        return Ok(Err(key.into()));
    }
    if let Some(question) = new.question_id {
        let kind: Option<String> =
            sqlx::query_scalar("SELECT kind FROM channel_posts WHERE id = ? AND account_id = ?")
                .bind(question.to_string())
                .bind(account.0)
                .fetch_optional(&mut *conn)
                .await?;
        if kind.as_deref() != Some("question") {
            return Ok(Err("question_not_found".into()));
        }
    }
    let members = members(conn, account).await?;
    let people: Vec<PersonRef> = members.iter().map(|m| m.person.clone()).collect();
    let mentioned = mentions::mentioned(&new.body, &people);
    sqlx::query(
        "INSERT INTO channel_posts (id, account_id, author_id, kind, urgency, question_id, body, created_at,
                                    email_after_minutes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(new.id.to_string())
    .bind(account.0)
    .bind(viewer.id.0)
    .bind(new.kind.as_str())
    .bind(new.urgency.as_str())
    .bind(new.question_id.map(|q| q.to_string()))
    .bind(new.body.trim())
    .bind(chrono::Utc::now().to_rfc3339())
    .bind(new.email_after_minutes())
    .execute(&mut *conn)
    .await?;
    let mentioned_others: Vec<PersonId> = mentioned.iter().copied().filter(|p| *p != viewer.id).collect();
    super::email::queue_mentions(conn, new.id, &mentioned_others).await?;
    for person in &mentioned {
        sqlx::query("INSERT OR IGNORE INTO post_mentions (post_id, person_id) VALUES (?, ?)")
            .bind(new.id.to_string())
            .bind(person.0)
            .execute(&mut *conn)
            .await?;
    }
    change_log::record(conn, account, Entity::Post(new.id), false).await?;
    let post = load_post(conn, viewer, new.id).await?;
    let mut notify: Vec<PersonId> = mentioned.into_iter().filter(|p| *p != viewer.id).collect();
    if post.asks_ack() {
        for m in members.iter().filter(|m| acks::is_asked(m, viewer.id)) {
            if !notify.contains(&m.person.id) {
                notify.push(m.person.id);
            }
        }
    }
    let account_name: String = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_one(&mut *conn)
        .await?;
    let note = PushNote::for_post(&post, &account_name);
    Ok(Ok(Some((post, Notify { people: notify, note }))))
}

/// Posts from the app while online: stored at once, then notifications go out.
pub async fn post(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    new: NewPost,
) -> Result<Post, AppError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let outcome = insert_post(&mut tx, viewer, account, &new).await?;
    match outcome {
        Err(key) => Err(AppError::Invalid(key)),
        Ok(None) => {
            let post = load_post(&mut tx, viewer, new.id).await?;
            tx.commit().await?;
            Ok(post)
        }
        Ok(Some((post, notify))) => {
            tx.commit().await?;
            push::send_later(pool.clone(), notify.people, notify.note);
            Ok(post)
        }
    }
}

/// The reader acknowledges an urgent bulletin (again = no change).
pub async fn acknowledge(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    post_id: Uuid,
) -> Result<Result<(), String>, AppError> {
    let post = load_post(conn, viewer, post_id).await?;
    if post.kind != PostKind::Bulletin || post.urgency != Urgency::Urgent {
        return Ok(Err("not_urgent".into()));
    }
    let now = chrono::Utc::now().to_rfc3339();
    let new_ack = sqlx::query("INSERT OR IGNORE INTO post_acks (post_id, person_id, at) VALUES (?, ?, ?)")
        .bind(post_id.to_string())
        .bind(viewer.id.0)
        .bind(&now)
        .execute(&mut *conn)
        .await?
        .rows_affected()
        > 0;
    // The author's and moderators' tallies move: their devices pull the post again.
    if new_ack {
        change_log::record(conn, post.account_id, Entity::Post(post_id), false).await?;
    }
    sqlx::query("INSERT OR IGNORE INTO inbox_reads (person_id, post_id, at) VALUES (?, ?, ?)")
        .bind(viewer.id.0)
        .bind(post_id.to_string())
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    Ok(Ok(()))
}

/// Marks a question answered (its author, the director, management, admins).
pub async fn mark_answered(
    conn: &mut SqliteConnection,
    viewer: &Viewer,
    question: Uuid,
) -> Result<Result<(), String>, AppError> {
    let post = load_post(conn, viewer, question).await?;
    if post.kind != PostKind::Question {
        return Ok(Err("not_a_question".into()));
    }
    let directs_account = directs(conn, viewer, post.account_id).await?;
    if !post::may_moderate(viewer.role, directs_account, post.author.id == viewer.id) {
        return Ok(Err("not_allowed".into()));
    }
    let marked = sqlx::query("UPDATE channel_posts SET answered_at = ? WHERE id = ? AND answered_at IS NULL")
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(question.to_string())
        .execute(&mut *conn)
        .await?
        .rows_affected()
        > 0;
    if marked {
        change_log::record(conn, post.account_id, Entity::Post(question), false).await?;
    }
    Ok(Ok(()))
}

/// Who, among today's members, has not acknowledged an urgent bulletin still asking for it
/// (the e-mail job: it reads as the server, not as a person).
pub async fn not_acknowledged(conn: &mut SqliteConnection, post_id: Uuid) -> Result<Vec<PersonId>, AppError> {
    match read_post(conn, 0, post_id).await? {
        Some(post) if post.asks_ack() => Ok(tally_of(conn, &post)
            .await?
            .not_yet
            .into_iter()
            .map(|p| p.id)
            .collect()),
        _ => Ok(vec![]),
    }
}

/// The acknowledgements of one urgent bulletin, for its author and the account's moderators.
pub async fn tally(pool: &SqlitePool, viewer: &Viewer, post_id: Uuid) -> Result<AckTally, AppError> {
    let mut conn = pool.acquire().await?;
    let post = load_post(&mut conn, viewer, post_id).await?;
    let directs_account = directs(&mut conn, viewer, post.account_id).await?;
    if !post::may_moderate(viewer.role, directs_account, post.author.id == viewer.id) {
        return Err(AppError::Forbidden);
    }
    tally_of(&mut conn, &post).await
}

/// Reminds everyone who has not acknowledged: their inbox shows the bulletin unread again and
/// they get a push notification. Answers how many were reminded.
pub async fn remind(pool: &SqlitePool, viewer: &Viewer, post_id: Uuid) -> Result<usize, AppError> {
    let tally = tally(pool, viewer, post_id).await?;
    let mut conn = pool.acquire().await?;
    let post = load_post(&mut conn, viewer, post_id).await?;
    if !post.asks_ack() {
        return Err(AppError::Invalid("not_urgent".into()));
    }
    // Each reminder sends push notifications: once per post per `REMIND_INTERVAL_SECS`.
    let last: Option<String> = sqlx::query_scalar("SELECT MAX(at) FROM post_reminders WHERE post_id = ?")
        .bind(post_id.to_string())
        .fetch_one(&mut *conn)
        .await?;
    let since = last
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(&at).ok())
        .map(|at| (chrono::Utc::now() - at.with_timezone(&chrono::Utc)).num_seconds());
    if let Some(wait) = crate::domain::channel::acks::remind_wait_secs(since) {
        return Err(AppError::TooManyAttempts(wait));
    }
    let ids: Vec<i64> = tally.not_yet.iter().map(|p| p.id.0).collect();
    let json = serde_json::to_string(&ids).map_err(internal)?;
    let unread = sqlx::query(
        "DELETE FROM inbox_reads WHERE post_id = ? AND person_id IN (SELECT value FROM json_each(?))",
    )
    .bind(post_id.to_string())
    .bind(&json)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    // Those reminded read it again as new: the tally the moderators' devices keep follows.
    if unread > 0 {
        change_log::record(&mut conn, post.account_id, Entity::Post(post_id), false).await?;
    }
    sqlx::query("INSERT INTO post_reminders (post_id, sent_by, at, people) VALUES (?, ?, ?, ?)")
        .bind(post_id.to_string())
        .bind(viewer.id.0)
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(ids.len() as i64)
        .execute(&mut *conn)
        .await?;
    let account_name: String = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
        .bind(post.account_id.0)
        .fetch_one(&mut *conn)
        .await?;
    push::send_later(
        pool.clone(),
        tally.not_yet.iter().map(|p| p.id).collect(),
        PushNote::for_post(&post, &account_name),
    );
    Ok(ids.len())
}

/// Full-text search over one account's posts, newest first (as chat tools do; it also lets
/// SQLite walk the account's posts by date and stop at the 50th match instead of ranking every
/// match in every account).
pub async fn search(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    text: &str,
) -> Result<Vec<Post>, AppError> {
    let mut conn = pool.acquire().await?;
    require_account(&mut *conn, viewer, account).await?;
    let Some(query) = fts_query(text) else {
        return Ok(Vec::new());
    };
    let rows: Vec<PostRow> = sqlx::query_as(&format!(
        "{POST_SELECT}
         WHERE c.account_id = ?2 AND c.rowid IN (SELECT rowid FROM channel_search WHERE channel_search MATCH ?3)
         ORDER BY c.created_at DESC, c.id DESC LIMIT 50"
    ))
    .bind(viewer.id.0)
    .bind(account.0)
    .bind(query)
    .fetch_all(&mut *conn)
    .await?;
    with_mentions(&mut conn, rows).await
}
