//! E-mail when push cannot reach (an iPhone gets Web Push only from an installed app): an
//! urgent bulletin not acknowledged within the time its writer chose is e-mailed to those who
//! have not acknowledged, and a mention to those who asked for it. E-mails wait in
//! `email_outbox` (one row per person per post, so nobody gets two about one post) and a
//! background loop sends them over SMTP (lettre), retrying with back-off.

use crate::domain::channel::email::{self as rules, MAX_ATTEMPTS};
use crate::domain::error::AppError;
use crate::domain::ids::PersonId;
use crate::server::people::auth::internal;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

/// The SMTP connection settings and the sender.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `url`: smtp://, smtps:// (TLS) or smtp://…?tls=required (STARTTLS), as lettre reads it.
    /// `ca_pem`: a certificate authority to trust besides the public ones (a company's own
    /// mail relay); server certificates are always checked.
    pub fn new(url: &str, from: &str, ca_pem: Option<&[u8]>) -> anyhow::Result<Mailer> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?;
        if let Some(pem) = ca_pem {
            builder = builder.tls(tls_trusting(url, pem)?);
        }
        let transport = builder.timeout(Some(std::time::Duration::from_secs(20))).build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("--mail-from is not an address: {e}"))?;
        Ok(Mailer { transport, from })
    }
}

/// The URL's TLS mode, with `pem` trusted as well as the public authorities.
fn tls_trusting(url: &str, pem: &[u8]) -> anyhow::Result<lettre::transport::smtp::client::Tls> {
    use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
    let parsed = reqwest::Url::parse(url)?;
    let host = parsed
        .host_str()
        .ok_or_else(|| anyhow::anyhow!("--smtp-url has no host"))?;
    let params = TlsParameters::builder(host.to_string())
        .add_root_certificate(Certificate::from_pem(pem)?)
        .build_rustls()?;
    let mode = parsed
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    match (parsed.scheme(), mode.as_deref()) {
        ("smtps", _) => Ok(Tls::Wrapper(params)),
        ("smtp", Some("required")) => Ok(Tls::Required(params)),
        ("smtp", Some("opportunistic")) => Ok(Tls::Opportunistic(params)),
        _ => anyhow::bail!("--smtp-ca is for TLS: use smtps:// or smtp://…?tls=required"),
    }
}

/// Marks when e-mail was turned on (kept while it stays on), or forgets it when it is off:
/// only what is posted while e-mail is on is ever e-mailed, so turning it on (again) sends
/// nothing about older bulletins and mentions, whose writers were not offered the choice.
pub async fn mark_email_on(pool: &SqlitePool, on: bool) -> Result<(), AppError> {
    if on {
        sqlx::query("INSERT OR IGNORE INTO server_settings (name, value) VALUES ('email_since', ?)")
            .bind(chrono::Utc::now().timestamp_millis().to_string())
            .execute(pool)
            .await?;
    } else {
        sqlx::query("DELETE FROM server_settings WHERE name = 'email_since'")
            .execute(pool)
            .await?;
        // What waited when e-mail was turned off is not sent when it comes back.
        sqlx::query(
            "UPDATE email_outbox SET dropped_at = ?, last_error = 'e-mail turned off'
             WHERE sent_at IS NULL AND dropped_at IS NULL",
        )
        .bind(chrono::Utc::now().to_rfc3339())
        .execute(pool)
        .await?;
    }
    Ok(())
}

async fn email_since(conn: &mut SqliteConnection) -> Result<Option<i64>, AppError> {
    let since: Option<String> =
        sqlx::query_scalar("SELECT value FROM server_settings WHERE name = 'email_since'")
            .fetch_optional(&mut *conn)
            .await?;
    Ok(since.and_then(|s| s.parse().ok()))
}

/// Runs for the life of the server, every `every_secs`: queues the e-mails of bulletins that
/// became due, sends what waits. A failure is logged and tried again on the next round.
pub fn run_in_background(
    pool: SqlitePool,
    mailer: std::sync::Arc<Mailer>,
    public_url: String,
    every_secs: u64,
) {
    tokio::spawn(async move {
        // The first round one interval after start, not at once (the data may still be settling).
        let every = std::time::Duration::from_secs(every_secs.max(1));
        let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        loop {
            tick.tick().await;
            let now = chrono::Utc::now().timestamp_millis();
            if let Err(e) = queue_due(&pool, now).await {
                tracing::warn!(error = %e, "queueing e-mails failed");
            }
            if let Err(e) = send_waiting(&pool, &mailer, &public_url, now).await {
                tracing::warn!(error = %e, "sending e-mails failed");
            }
        }
    });
}

/// Whether the person asked for their mentions by e-mail.
pub async fn mention_emails(pool: &SqlitePool, person: PersonId) -> Result<bool, AppError> {
    Ok(
        sqlx::query_scalar("SELECT email_mentions = 1 FROM people WHERE id = ?")
            .bind(person.0)
            .fetch_optional(pool)
            .await?
            .unwrap_or(false),
    )
}

/// The person's own choice, for themselves only.
pub async fn set_mention_emails(
    pool: &SqlitePool,
    viewer: &crate::domain::people::Viewer,
    on: bool,
) -> Result<(), AppError> {
    sqlx::query("UPDATE people SET email_mentions = ? WHERE id = ?")
        .bind(on)
        .bind(viewer.id.0)
        .execute(pool)
        .await?;
    Ok(())
}

#[derive(serde::Deserialize)]
pub struct MentionChoice {
    on: String,
}

/// `POST /saapuneet/sahkoposti` (the inbox page's form): the signed-in person's choice, then
/// back to the inbox. Signed out: to the sign-in page, coming back here after.
pub async fn mention_choice_form(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Form(choice): axum::extract::Form<MentionChoice>,
) -> axum::response::Response {
    use axum::response::{IntoResponse, Redirect};
    if state.mailer.is_none() {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    }
    let person = match crate::server::people::auth::current_person(&state.pool, &session).await {
        Ok(p) => p,
        Err(_) => return Redirect::to("/kirjaudu?next=%2Fsaapuneet").into_response(),
    };
    let viewer = crate::server::people::auth::viewer_of(&person);
    match set_mention_emails(&state.pool, &viewer, choice.on == "1").await {
        Ok(()) => Redirect::to("/saapuneet").into_response(),
        Err(e) => crate::server::router::error_response(e),
    }
}

/// Queues a mention e-mail for each mentioned person who asked for them, inside the post's own
/// transaction (a post stored is an e-mail queued).
pub async fn queue_mentions(
    conn: &mut SqliteConnection,
    post_id: Uuid,
    mentioned: &[PersonId],
) -> Result<(), AppError> {
    if email_since(conn).await?.is_none() {
        return Ok(());
    }
    let ids = serde_json::to_string(&mentioned.iter().map(|p| p.0).collect::<Vec<_>>()).map_err(internal)?;
    let asked: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM people WHERE id IN (SELECT value FROM json_each(?)) AND email_mentions = 1 AND active = 1",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let asked: Vec<PersonId> = asked.into_iter().map(PersonId).collect();
    enqueue(
        conn,
        post_id,
        &asked,
        "mention",
        chrono::Utc::now().timestamp_millis(),
    )
    .await?;
    Ok(())
}

/// Queues an e-mail to everyone who has not acknowledged each urgent bulletin whose time has
/// come (counted against today's members). Each bulletin is looked at once. Answers how many
/// e-mails were queued.
pub async fn queue_due(pool: &SqlitePool, now_ms: i64) -> Result<usize, AppError> {
    let mut conn = pool.acquire().await?;
    let Some(since) = email_since(&mut conn).await? else {
        return Ok(0);
    };
    drop(conn);
    let window_start = chrono::DateTime::from_timestamp_millis(now_ms - rules::NOT_AFTER_HOURS * 3_600_000)
        .unwrap_or_default()
        .to_rfc3339();
    let candidates: Vec<(String, String, i64, bool)> = sqlx::query_as(
        "SELECT id, created_at, email_after_minutes, closed_at IS NOT NULL FROM channel_posts
         WHERE email_after_minutes IS NOT NULL AND email_queued_at IS NULL",
    )
    .fetch_all(pool)
    .await?;
    let mut queued = 0;
    for (id, created_at, after_minutes, closed) in candidates {
        let posted_ms = chrono::DateTime::parse_from_rfc3339(&created_at)
            .map(|t| t.timestamp_millis())
            .unwrap_or(0);
        // Closed, posted before e-mail was on, or long past: looked at once, nothing sent.
        let settled = closed || posted_ms < since || created_at < window_start;
        if !settled && !rules::is_due(posted_ms, after_minutes, now_ms) {
            continue;
        }
        let Ok(post_id) = Uuid::parse_str(&id) else {
            continue;
        };
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        if !settled {
            let waiting = super::posts::not_acknowledged(&mut tx, post_id).await?;
            queued += enqueue(&mut tx, post_id, &waiting, "unacknowledged", now_ms).await?;
        }
        sqlx::query("UPDATE channel_posts SET email_queued_at = ? WHERE id = ?")
            .bind(chrono::Utc::now().to_rfc3339())
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(queued)
}

/// Puts an e-mail about `post` in the outbox for each of `people` not already written to
/// about it; answers how many were added. An urgent bulletin's e-mail takes the place of a
/// mention of the same person in the same post that was not sent (dropped as stale or failed,
/// or still waiting): the bulletin asks for an acknowledgement, the mention only tells.
async fn enqueue(
    conn: &mut SqliteConnection,
    post: Uuid,
    people: &[PersonId],
    reason: &str,
    now_ms: i64,
) -> Result<usize, AppError> {
    let ids = serde_json::to_string(&people.iter().map(|p| p.0).collect::<Vec<_>>()).map_err(internal)?;
    // `WHERE true` lets SQLite parse the upsert after a SELECT (its documented ambiguity).
    Ok(sqlx::query(
        "INSERT INTO email_outbox (post_id, person_id, reason, queued_at, next_try_ms)
         SELECT ?1, value, ?2, ?3, ?4 FROM json_each(?5) WHERE true
         ON CONFLICT (post_id, person_id) DO UPDATE SET
             reason = excluded.reason, queued_at = excluded.queued_at, attempts = 0,
             next_try_ms = excluded.next_try_ms, dropped_at = NULL, last_error = NULL
         WHERE excluded.reason = 'unacknowledged' AND email_outbox.reason = 'mention'
           AND email_outbox.sent_at IS NULL",
    )
    .bind(post.to_string())
    .bind(reason)
    .bind(chrono::Utc::now().to_rfc3339())
    .bind(now_ms)
    .bind(ids)
    .execute(&mut *conn)
    .await?
    .rows_affected() as usize)
}

#[derive(sqlx::FromRow)]
struct Waiting {
    post_id: String,
    person_id: i64,
    reason: String,
    attempts: i64,
    email: String,
    name: String,
    body: String,
    account_id: i64,
    account_name: String,
    author_name: String,
    /// The reader's language (`people.language`).
    language: String,
}

/// Sends the e-mails whose turn has come. An urgent bulletin's e-mail to someone who has
/// acknowledged meanwhile (or whose bulletin was closed) is dropped, not sent. Answers how many
/// were sent.
pub async fn send_waiting(
    pool: &SqlitePool,
    mailer: &Mailer,
    public_url: &str,
    now_ms: i64,
) -> Result<usize, AppError> {
    let waiting: Vec<Waiting> = sqlx::query_as(
        "SELECT o.post_id, o.person_id, o.reason, o.attempts, p.email, p.name, c.body, c.account_id,
                a.name AS account_name, w.name AS author_name, p.language
         FROM email_outbox o
         JOIN people p ON p.id = o.person_id
         JOIN channel_posts c ON c.id = o.post_id
         JOIN accounts a ON a.id = c.account_id
         JOIN people w ON w.id = c.author_id
         WHERE o.sent_at IS NULL AND o.dropped_at IS NULL AND o.next_try_ms <= ?
         ORDER BY o.next_try_ms LIMIT 200",
    )
    .bind(now_ms)
    .fetch_all(pool)
    .await?;
    let mut sent = 0;
    for mail in waiting {
        // Claimed right before sending, with everything that could have changed since the rows
        // were read: another sender took it, the reader acknowledged, the bulletin was closed,
        // the person left, a mention grew stale. Nothing claimed, nothing sent.
        if !claim(pool, &mail, now_ms).await? {
            continue;
        }
        let message = match message(mailer, &mail, public_url) {
            Ok(m) => m,
            // An address that cannot be written to: dropped, not tried again every round.
            Err(e) => {
                mark(pool, &mail, Some("dropped_at"), Some(&e.to_string())).await?;
                continue;
            }
        };
        match mailer.transport.send(message).await {
            Ok(_) => {
                mark(pool, &mail, Some("sent_at"), None).await?;
                tracing::info!(person = mail.person_id, post = %mail.post_id, reason = %mail.reason, "e-mail sent");
                sent += 1;
            }
            Err(e) => {
                let gave_up = mail.attempts + 1 >= MAX_ATTEMPTS;
                tracing::warn!(person = mail.person_id, post = %mail.post_id, error = %e, gave_up, "e-mail not sent");
                let column = gave_up.then_some("dropped_at");
                mark(pool, &mail, column, Some(&e.to_string())).await?;
            }
        }
    }
    Ok(sent)
}

/// Takes one waiting e-mail for this round (the attempt is counted before it is made, so a
/// crash mid-send is not retried at once), if it is still to be sent. An e-mail no longer to be
/// sent is dropped. Answers whether this round may send it.
async fn claim(pool: &SqlitePool, mail: &Waiting, now_ms: i64) -> Result<bool, AppError> {
    let dropped = sqlx::query(
        "UPDATE email_outbox SET dropped_at = ?4, last_error = 'no longer to send'
         WHERE post_id = ?1 AND person_id = ?2 AND sent_at IS NULL AND dropped_at IS NULL AND (
             NOT EXISTS (SELECT 1 FROM people p WHERE p.id = ?2 AND p.active = 1)
             OR (reason = 'unacknowledged' AND (
                 EXISTS (SELECT 1 FROM post_acks k WHERE k.post_id = ?1 AND k.person_id = ?2)
                 OR EXISTS (SELECT 1 FROM channel_posts c WHERE c.id = ?1 AND c.closed_at IS NOT NULL)))
             OR (reason = 'mention' AND (julianday(queued_at) - 2440587.5) * 86400000.0 < ?3))",
    )
    .bind(&mail.post_id)
    .bind(mail.person_id)
    .bind(now_ms - rules::MENTION_FRESH_HOURS * 3_600_000)
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(pool)
    .await?
    .rows_affected();
    if dropped > 0 {
        return Ok(false);
    }
    let claimed = sqlx::query(
        "UPDATE email_outbox SET attempts = attempts + 1, next_try_ms = ?
         WHERE post_id = ? AND person_id = ? AND attempts = ? AND sent_at IS NULL AND dropped_at IS NULL",
    )
    .bind(now_ms + rules::retry_after_ms(mail.attempts))
    .bind(&mail.post_id)
    .bind(mail.person_id)
    .bind(mail.attempts)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(claimed == 1)
}

/// Writes what became of an e-mail: `column` (`sent_at` or `dropped_at`) gets the time, and
/// the error is kept; with no column only the error is (it is tried again).
async fn mark(
    pool: &SqlitePool,
    mail: &Waiting,
    column: Option<&str>,
    error: Option<&str>,
) -> Result<(), AppError> {
    // `column` is one of two names written in this file, never input.
    let set = column.map(|c| format!("{c} = ?1, ")).unwrap_or_default();
    sqlx::query(&format!(
        "UPDATE email_outbox SET {set}last_error = ?2 WHERE post_id = ?3 AND person_id = ?4"
    ))
    .bind(chrono::Utc::now().to_rfc3339())
    .bind(error)
    .bind(&mail.post_id)
    .bind(mail.person_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// The e-mail itself, in the reader's language: whose post in which account, its first lines, and a link
/// that opens it in Kamu (which asks the reader to sign in; the link holds no secret).
fn message(mailer: &Mailer, mail: &Waiting, public_url: &str) -> Result<Message, AppError> {
    use leptos_i18n::td_string;
    let locale = crate::server::people::language::locale(&mail.language);
    let first_line = rules::subject_line(&mail.body);
    let (subject, why) = if mail.reason == "mention" {
        (
            format!(
                "{} {}: {}",
                mail.author_name,
                td_string!(locale, email_mention_subject),
                mail.account_name
            ),
            td_string!(locale, email_mention_why).to_string(),
        )
    } else {
        (
            format!(
                "{}: {} – {first_line}",
                td_string!(locale, email_urgent_subject),
                mail.account_name
            ),
            td_string!(locale, email_urgent_why).to_string(),
        )
    };
    let post_id = Uuid::parse_str(&mail.post_id).unwrap_or_default();
    let link = format!(
        "{public_url}{}",
        crate::domain::channel::post::post_path(crate::domain::ids::AccountId(mail.account_id), post_id)
    );
    let body = format!(
        "{} · {}\n\n{}\n\n{} {link}\n\n{why}\n",
        mail.author_name,
        mail.account_name,
        rules::excerpt(&mail.body),
        td_string!(locale, email_open),
    );
    let to: lettre::Address = mail.email.parse().map_err(internal)?;
    Message::builder()
        .from(mailer.from.clone())
        .to(Mailbox::new(Some(mail.name.clone()), to))
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(internal)
}
