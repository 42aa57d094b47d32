//! E-mail when push cannot reach, sent to a real SMTP server on the loopback (Python's
//! aiosmtpd, writing a Maildir) and read back with Python's own e-mail parser: who gets an
//! urgent bulletin nobody acknowledged in time, that ä and ö arrive whole, that nobody who
//! acknowledged gets it, that nobody gets it twice, retries when the server is down, and
//! mentions for those who asked.

mod common;

use common::*;
use kamu::domain::ids::PersonId;
use kamu::server::channel::email::{queue_due, send_waiting, Mailer};
use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

const DIRECTOR: &str = "asiakkuusjohtaja@kamu.example";
const FROM: &str = "Kamu <kamu@kamu.example>";

/// aiosmtpd on a free port, storing what it receives in a Maildir; stopped when dropped.
struct SmtpSink {
    url: String,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn smtp_sink() -> SmtpSink {
    smtp_sink_with(None).await
}

/// With `tls` (certificate and key files): the server speaks TLS from the first byte (smtps).
async fn smtp_sink_with(tls: Option<(&std::path::Path, &std::path::Path)>) -> SmtpSink {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let mut command = std::process::Command::new("python3");
    command.args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")]);
    if let Some((cert, key)) = tls {
        command.arg("--smtpscert").arg(cert).arg("--smtpskey").arg(key);
    }
    let child = command
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(dir.path().join("maildir"))
        .spawn()
        .expect("python3 -m aiosmtpd (scripts/install-tools.sh installs it)");
    let scheme = if tls.is_some() { "smtps" } else { "smtp" };
    // Owned at once, so the process is stopped however the test ends.
    let sink = SmtpSink {
        url: format!("{scheme}://127.0.0.1:{port}"),
        dir,
        child,
    };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return sink;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the SMTP sink did not start");
}

impl SmtpSink {
    /// Every message received, parsed by Python's `email` package: recipient, subject and body
    /// decoded from their transfer encodings.
    fn received(&self) -> Vec<Value> {
        let script = r#"
import json, mailbox, sys
from email.header import decode_header, make_header
out = []
for m in mailbox.Maildir(sys.argv[1], create=False):
    payload = m.get_payload(decode=True).decode(m.get_content_charset() or "ascii")
    out.append({"rcpt": m["X-RcptTo"], "to": str(make_header(decode_header(m["To"]))),
                "subject": str(make_header(decode_header(m["Subject"]))), "body": payload})
print(json.dumps(out))
"#;
        let maildir = self.dir.path().join("maildir");
        if !maildir.exists() {
            return vec![];
        }
        let out = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&maildir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// A server that sends e-mail through `url`. Its own e-mail loop runs once at start and then
/// not for an hour: the tests run the rounds themselves, at the times they choose.
async fn with_email(url: String) -> TestServer {
    start_with(move |c| {
        c.smtp_url = Some(url);
        c.mail_from = Some(FROM.into());
        c.email_every_secs = 3600;
    })
    .await
}

/// The demo director (signed in), their account, and its members asked to acknowledge an
/// urgent bulletin there.
async fn account_members(server: &TestServer) -> (reqwest::Client, i64, Vec<PersonId>) {
    let account = directors_account(server, DIRECTOR).await;
    let director = signed_in(server, DIRECTOR).await;
    let (_, probe) = post(
        server,
        &director,
        account,
        "bulletin",
        "urgent",
        "Kuka on paikalla?",
    )
    .await;
    let members = waiting(server, probe).await;
    (director, account, members)
}

async fn name_of(server: &TestServer, person: PersonId) -> String {
    sqlx::query_scalar("SELECT name FROM people WHERE id = ?")
        .bind(person.0)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

/// The person's own choice (as the inbox page's form makes it): mentions by e-mail too.
async fn asks_for_mentions(server: &TestServer, person: PersonId) {
    sqlx::query("UPDATE people SET email_mentions = 1 WHERE id = ?")
        .bind(person.0)
        .execute(&server.pool)
        .await
        .unwrap();
}

async fn email_of(server: &TestServer, person: PersonId) -> String {
    sqlx::query_scalar("SELECT email FROM people WHERE id = ?")
        .bind(person.0)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

async fn waiting(server: &TestServer, post: Uuid) -> Vec<PersonId> {
    let mut conn = server.pool.acquire().await.unwrap();
    kamu::server::channel::posts::not_acknowledged(&mut conn, post)
        .await
        .unwrap()
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

const HOUR_MS: i64 = 3_600_000;

#[tokio::test]
async fn an_urgent_bulletin_nobody_acknowledged_in_time_is_emailed_once_to_those_who_have_not() {
    let sink = smtp_sink().await;
    let url = sink.url.clone();
    let server = with_email(url).await;
    let mailer = Mailer::new(&sink.url, FROM, None).unwrap();
    let base = server.base.clone();
    let account = directors_account(&server, DIRECTOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let text = "Vesikatko keskiviikkona klo 9–12.\nÄlä käytä pesukoneita; pölynimurit käyvät.";
    let (status, bulletin) = post(&server, &director, account, "bulletin", "urgent", text).await;
    assert_eq!(status, StatusCode::OK);

    let asked = waiting(&server, bulletin).await;
    assert!(asked.len() >= 3, "the account has supervisors to ask: {asked:?}");
    // One acknowledges before the e-mails are due, one after they are queued but before sending.
    let early = signed_in(&server, &email_of(&server, asked[0]).await).await;
    acknowledge(&server, &early, Uuid::now_v7(), account, bulletin).await;

    // Not before the four hours (the default) are up.
    assert_eq!(queue_due(&server.pool, now_ms() + 3 * HOUR_MS).await.unwrap(), 0);
    let later = now_ms() + 4 * HOUR_MS + 60_000;
    let queued = queue_due(&server.pool, later).await.unwrap();
    assert_eq!(queued, asked.len() - 1, "everyone but the one who acknowledged");
    let late = signed_in(&server, &email_of(&server, asked[1]).await).await;
    acknowledge(&server, &late, Uuid::now_v7(), account, bulletin).await;

    // One of those still waiting reads Kamu in Swedish: their phone's app said so when it synced.
    let swedish = email_of(&server, asked[2]).await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str("i18n_pref_locale=sv; Path=/", &base.parse().unwrap());
    let phone = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert_eq!(
        server
            .login(&phone, &swedish, kamu::server::demo::DEMO_PASSWORD)
            .await,
        StatusCode::OK
    );
    let (status, _) = json_call(&server, &phone, "sync/pull", serde_json::json!({ "cursor": 0 })).await;
    assert_eq!(status, StatusCode::OK);

    let sent = send_waiting(&server.pool, &mailer, &base, later).await.unwrap();
    assert_eq!(sent, asked.len() - 2);
    let mut expected: Vec<String> = Vec::new();
    for p in &asked[2..] {
        expected.push(email_of(&server, *p).await);
    }
    let mail = sink.received();
    let mut got: Vec<String> = mail
        .iter()
        .map(|m| m["rcpt"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected, "exactly those who have not acknowledged");
    let account_name: String = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
        .bind(account)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    for m in &mail {
        let subject = m["subject"].as_str().unwrap();
        let (start, open) = if m["rcpt"] == swedish.as_str() {
            ("Brådskande meddelande, kvittera: ", "Öppna i Kamu:")
        } else {
            ("Kiireellinen tiedote, kuittaa: ", "Avaa Kamussa:")
        };
        assert!(subject.starts_with(start), "in the reader's language: {subject}");
        assert!(m["body"].as_str().unwrap().contains(open), "{}", m["body"]);
        assert!(
            subject.contains(&account_name) && subject.contains("Vesikatko keskiviikkona klo 9–12."),
            "{subject}"
        );
        let body = m["body"].as_str().unwrap();
        assert!(
            body.contains("Älä käytä pesukoneita; pölynimurit käyvät."),
            "ä and ö arrive whole: {body}"
        );
        assert!(
            body.contains(&format!("{base}/asiakkuus/{account}/kanava#p-{bulletin}")),
            "{body}"
        );
        assert!(
            !body.to_lowercase().contains("token") && !body.contains("kamu_session"),
            "no secrets in the link"
        );
    }

    // Later rounds send nobody a second e-mail about it.
    assert_eq!(queue_due(&server.pool, later + HOUR_MS).await.unwrap(), 0);
    assert_eq!(
        send_waiting(&server.pool, &mailer, &base, later + 10 * HOUR_MS)
            .await
            .unwrap(),
        0
    );
    assert_eq!(sink.received().len(), mail.len());
}

#[tokio::test]
async fn an_smtp_server_that_is_down_is_tried_again_and_a_chosen_mention_arrives() {
    let sink = smtp_sink().await;
    let url = sink.url.clone();
    let server = with_email(url).await;
    let base = server.base.clone();
    let (director, account, members) = account_members(&server).await;
    let (wants, does_not) = (members[0], members[1]);
    let wants_name = name_of(&server, wants).await;
    let other_name = name_of(&server, does_not).await;

    // One of them asks for mentions by e-mail; the inbox shows the choice.
    let member = signed_in(&server, &email_of(&server, wants).await).await;
    let res = member
        .post(format!("{}/saapuneet/sahkoposti", server.base))
        .form(&[("on", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "back to the inbox");
    let (_, inbox) = call(&server, &member, "inbox", &[]).await;
    let inbox: Value = serde_json::from_str(&inbox).unwrap();
    assert_eq!(inbox["email_mentions"], true);

    let text = format!("@{wants_name} ja @{other_name}: avaimet ovat vahtimestarilla.");
    post(&server, &director, account, "bulletin", "normal", &text).await;

    // The SMTP server is down at first: the e-mail waits and is tried again.
    let down = Mailer::new("smtp://127.0.0.1:9", FROM, None).unwrap();
    assert_eq!(
        send_waiting(&server.pool, &down, &base, now_ms()).await.unwrap(),
        0
    );
    let (attempts, error): (i64, Option<String>) = sqlx::query_as(
        "SELECT attempts, last_error FROM email_outbox WHERE person_id = ? AND reason = 'mention'",
    )
    .bind(wants.0)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(attempts, 1);
    assert!(error.is_some());
    let up = Mailer::new(&sink.url, FROM, None).unwrap();
    // Not before its back-off is over.
    assert_eq!(send_waiting(&server.pool, &up, &base, now_ms()).await.unwrap(), 0);
    assert_eq!(
        send_waiting(&server.pool, &up, &base, now_ms() + 120_000)
            .await
            .unwrap(),
        1
    );

    let mail = sink.received();
    assert_eq!(mail.len(), 1, "only the one who asked: {mail:?}");
    assert_eq!(mail[0]["rcpt"].as_str().unwrap(), email_of(&server, wants).await);
    assert!(
        mail[0]["to"].as_str().unwrap().contains(&wants_name),
        "named in To"
    );
    let subject = mail[0]["subject"].as_str().unwrap();
    assert!(subject.contains("mainitsi sinut"), "{subject}");
    assert!(mail[0]["body"]
        .as_str()
        .unwrap()
        .contains("avaimet ovat vahtimestarilla"));
}

#[tokio::test]
async fn e_mail_goes_over_tls_and_only_to_a_server_whose_certificate_is_trusted() {
    // The company's mail relay has a certificate of its own authority (here: self-signed).
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let keys = tempfile::tempdir().unwrap();
    let (cert, key) = (keys.path().join("relay.pem"), keys.path().join("relay.key"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.key_pair.serialize_pem()).unwrap();
    let sink = smtp_sink_with(Some((&cert, &key))).await;
    let server = with_email(sink.url.clone()).await;
    let base = server.base.clone();
    let (director, account, members) = account_members(&server).await;
    let member = members[0];
    asks_for_mentions(&server, member).await;
    let name = name_of(&server, member).await;
    post(
        &server,
        &director,
        account,
        "question",
        "normal",
        &format!("@{name} näetkö tämän?"),
    )
    .await;

    // Not trusted: nothing is sent in the clear or to an unknown server; it waits instead.
    let untrusting = Mailer::new(&sink.url, FROM, None).unwrap();
    assert_eq!(
        send_waiting(&server.pool, &untrusting, &base, now_ms())
            .await
            .unwrap(),
        0
    );
    let error: Option<String> = sqlx::query_scalar("SELECT last_error FROM email_outbox WHERE person_id = ?")
        .bind(member.0)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert!(
        error.is_some_and(|e| e.to_lowercase().contains("certificate")),
        "refused for its certificate"
    );
    assert!(sink.received().is_empty());

    // With the authority given (--smtp-ca), it goes over TLS.
    let pem = std::fs::read(&cert).unwrap();
    let trusting = Mailer::new(&sink.url, FROM, Some(&pem)).unwrap();
    assert_eq!(
        send_waiting(&server.pool, &trusting, &base, now_ms() + 120_000)
            .await
            .unwrap(),
        1
    );
    let mail = sink.received();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["rcpt"].as_str().unwrap(), email_of(&server, member).await);
    assert!(mail[0]["body"].as_str().unwrap().contains("näetkö tämän?"));
    // A plain smtp:// URL cannot be given an authority: TLS or nothing.
    assert!(Mailer::new("smtp://127.0.0.1:25", FROM, Some(&pem)).is_err());
}

#[tokio::test]
async fn what_is_no_longer_to_send_is_dropped_not_sent() {
    let sink = smtp_sink().await;
    let server = with_email(sink.url.clone()).await;
    let mailer = Mailer::new(&sink.url, FROM, None).unwrap();
    let base = server.base.clone();
    let (director, account, members) = account_members(&server).await;
    let mut names = Vec::new();
    for m in &members[..3] {
        asks_for_mentions(&server, *m).await;
        let name = name_of(&server, *m).await;
        names.push(format!("@{name}"));
    }
    post(
        &server,
        &director,
        account,
        "question",
        "normal",
        &format!("{} {}: kuka avaa?", names[0], names[1]),
    )
    .await;
    let dropped = |person: PersonId| {
        let pool = server.pool.clone();
        async move {
            sqlx::query_scalar::<_, Option<String>>("SELECT dropped_at FROM email_outbox WHERE person_id = ?")
                .bind(person.0)
                .fetch_one(&pool)
                .await
                .unwrap()
                .is_some()
        }
    };
    // One left the company; the other's mention waited more than a day (old news).
    sqlx::query("UPDATE people SET active = 0 WHERE id = ?")
        .bind(members[0].0)
        .execute(&server.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE email_outbox SET queued_at = '2026-01-01T00:00:00+00:00' WHERE person_id = ?")
        .bind(members[1].0)
        .execute(&server.pool)
        .await
        .unwrap();
    assert_eq!(
        send_waiting(&server.pool, &mailer, &base, now_ms())
            .await
            .unwrap(),
        0
    );
    assert!(dropped(members[0]).await && dropped(members[1]).await);
    assert!(sink.received().is_empty());

    // Turned off with a mention waiting: it is not sent when e-mail comes back.
    post(
        &server,
        &director,
        account,
        "question",
        "normal",
        &format!("{} onko avain?", names[2]),
    )
    .await;
    kamu::server::channel::email::mark_email_on(&server.pool, false)
        .await
        .unwrap();
    kamu::server::channel::email::mark_email_on(&server.pool, true)
        .await
        .unwrap();
    assert_eq!(
        send_waiting(&server.pool, &mailer, &base, now_ms())
            .await
            .unwrap(),
        0
    );
    assert!(dropped(members[2]).await);

    // An urgent bulletin posted before e-mail was (last) turned on is looked at once, not e-mailed.
    let (_, early) = post(&server, &director, account, "bulletin", "urgent", "Vanha tiedote").await;
    sqlx::query("UPDATE server_settings SET value = ? WHERE name = 'email_since'")
        .bind((now_ms() + 60_000).to_string())
        .execute(&server.pool)
        .await
        .unwrap();
    assert_eq!(queue_due(&server.pool, now_ms() + 5 * HOUR_MS).await.unwrap(), 0);
    let settled: Option<String> =
        sqlx::query_scalar("SELECT email_queued_at FROM channel_posts WHERE id = ?")
            .bind(early.to_string())
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert!(settled.is_some());
    assert!(sink.received().is_empty());
}

#[tokio::test]
async fn a_mention_not_sent_does_not_stop_the_urgent_bulletins_e_mail_to_the_same_person() {
    let sink = smtp_sink().await;
    let server = with_email(sink.url.clone()).await;
    let base = server.base.clone();
    let (director, account, members) = account_members(&server).await;
    let (stale, waiting_one) = (members[0], members[1]);
    let mut names = Vec::new();
    for m in [stale, waiting_one] {
        asks_for_mentions(&server, m).await;
        names.push(format!("@{}", name_of(&server, m).await));
    }
    let text = format!("Palohälytin testataan klo 10. {} {}", names[0], names[1]);
    let (_, bulletin) = post(&server, &director, account, "bulletin", "urgent", &text).await;

    let mentions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE post_id = ? AND reason = 'mention'")
            .bind(bulletin.to_string())
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(mentions, 2, "both asked for their mentions");
    // One mention is dropped as old news; the other fails once and waits for its retry.
    sqlx::query(
        "UPDATE email_outbox SET queued_at = '2026-01-01T00:00:00+00:00' WHERE person_id = ? AND post_id = ?",
    )
    .bind(stale.0)
    .bind(bulletin.to_string())
    .execute(&server.pool)
    .await
    .unwrap();
    let down = Mailer::new("smtp://127.0.0.1:9", FROM, None).unwrap();
    assert_eq!(
        send_waiting(&server.pool, &down, &base, now_ms()).await.unwrap(),
        0
    );

    // Nobody acknowledged in four hours: both still get the bulletin's e-mail, once each.
    let later = now_ms() + 4 * HOUR_MS + 60_000;
    queue_due(&server.pool, later).await.unwrap();
    let up = Mailer::new(&sink.url, FROM, None).unwrap();
    send_waiting(&server.pool, &up, &base, later).await.unwrap();
    send_waiting(&server.pool, &up, &base, later + HOUR_MS)
        .await
        .unwrap();
    let about_it: Vec<Value> = sink
        .received()
        .into_iter()
        .filter(|m| m["subject"].as_str().unwrap().contains("Palohälytin testataan"))
        .collect();
    for person in [stale, waiting_one] {
        let address = email_of(&server, person).await;
        let theirs: Vec<&Value> = about_it
            .iter()
            .filter(|m| m["rcpt"] == address.as_str())
            .collect();
        let to: Vec<&Value> = about_it.iter().map(|m| &m["rcpt"]).collect();
        assert_eq!(
            theirs.len(),
            1,
            "one e-mail about the bulletin to {address}, sent to {to:?}"
        );
        let subject = theirs[0]["subject"].as_str().unwrap();
        assert!(
            subject.starts_with("Kiireellinen tiedote, kuittaa: "),
            "the bulletin's own: {subject}"
        );
    }
}
