//! Writes generated demo data into the database in one transaction.

use super::generate::{DemoData, DEMO_PASSWORD};
use crate::domain::card::{CardState, QualityCard};
use crate::domain::clock::{EventStatus, PersonRef, StatusMark};
use crate::domain::dates::YearMonth;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::Role;
use sqlx::SqlitePool;

/// Removes all organisation data (before creating the demo again). Sessions go too.
pub async fn wipe(pool: &SqlitePool) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    for table in [
        "sign_in_links",
        "push_subscriptions",
        "post_reminders",
        "inbox_reads",
        "post_acks",
        "post_mentions",
        "channel_posts",
        "membership_log",
        "site_imports",
        "sync_conflicts",
        "records",
        "sync_ops",
        "change_log",
        "quality_cards",
        "quality_card_versions",
        "card_comments",
        "revenue_lines",
        "account_figures",
        "figure_imports",
        "light_rules",
        "clock_events",
        "clock_series",
        "planned_years",
        // The company clock goes back to the standard template (seeded again at start).
        "clock_template",
        "app_flags",
        "site_records",
        "account_members",
        "accounts",
        "people",
        "regions",
    ] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *tx)
            .await?;
    }
    // The KAM rules go back to the standard ones, as the light rules do (the server's own keys
    // in the same table stay).
    sqlx::query("DELETE FROM server_settings WHERE name IN ('one_off_over_eur', 'one_off_within_months', 'meeting_worth_hundredths')")
        .execute(&mut *tx)
        .await?;
    // The session table belongs to tower-sessions and may not exist yet.
    let _ = sqlx::query("DELETE FROM tower_sessions").execute(&mut *tx).await;
    tx.commit().await?;
    Ok(())
}

pub async fn insert(pool: &SqlitePool, data: &DemoData) -> anyhow::Result<()> {
    // One argon2 hash shared by every demo person: hashing ~300 passwords one by one would
    // slow the first start by many seconds, and they all share the demo password anyway.
    let hash = crate::server::people::auth::hash_password(DEMO_PASSWORD)?;
    let updated_at = chrono::Utc::now().to_rfc3339();
    let mut tx = pool.begin().await?;

    for (i, name) in data.regions.iter().enumerate() {
        sqlx::query("INSERT INTO regions (id, name) VALUES (?, ?)")
            .bind(i as i64 + 1)
            .bind(name)
            .execute(&mut *tx)
            .await?;
    }
    for p in &data.people {
        sqlx::query(
            "INSERT INTO people (id, email, name, role, region_id, phone, password_hash)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(p.id)
        .bind(&p.email)
        .bind(&p.name)
        .bind(p.role.as_str())
        .bind(p.region)
        .bind(&p.phone)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    }
    for a in &data.accounts {
        sqlx::query(
            "INSERT INTO accounts (id, name, director_id, confidential, contract_start, contract_value)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(a.id)
        .bind(&a.name)
        .bind(a.director)
        .bind(a.confidential)
        .bind(a.contract_start)
        .bind(a.contract_value)
        .execute(&mut *tx)
        .await?;
        for m in &a.members {
            sqlx::query("INSERT OR IGNORE INTO account_members (account_id, person_id) VALUES (?, ?)")
                .bind(a.id)
                .bind(m)
                .execute(&mut *tx)
                .await?;
        }
    }
    for s in &data.sites {
        sqlx::query(
            "INSERT INTO site_records (id, account_id, name, address, town, region_id, supervisor_id)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(s.id)
        .bind(s.account)
        .bind(&s.name)
        .bind(&s.address)
        .bind(&s.town)
        .bind(s.region)
        .bind(s.supervisor)
        .execute(&mut *tx)
        .await?;
    }
    for e in &data.events {
        sqlx::query(
            "INSERT INTO clock_events (id, account_id, year, kind, title, starts_on, ends_on,
                 local_time, owner_role, responsible_id, site_id, status, status_by, status_on)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(e.id.to_string())
        .bind(e.account)
        .bind(e.year)
        .bind(e.kind.as_str())
        .bind(&e.title)
        .bind(e.starts_on)
        .bind(e.ends_on)
        .bind(e.time.map(|t| t.format("%H:%M").to_string()))
        .bind(e.owner.as_str())
        .bind(e.responsible)
        .bind(e.site)
        .bind(e.status.as_str())
        // A past outcome was recorded by the person responsible, on the day itself.
        .bind(e.responsible.filter(|_| e.status != EventStatus::Planned))
        .bind((e.status != EventStatus::Planned).then_some(e.ends_on.unwrap_or(e.starts_on)))
        .execute(&mut *tx)
        .await?;
    }
    // Deals, the customers' organisations, meeting notes and contracts are documents of the one engine:
    // stored in the shape its rules give them.
    let deals = data
        .deals
        .iter()
        .map(|d| crate::domain::sync::doc::Doc::new(d.id, AccountId(d.account), &d.deal));
    for doc in deals.chain(data.records.iter().cloned()) {
        let doc = crate::domain::sync::doc::normalized(&doc)
            .map_err(|e| anyhow::anyhow!("demo {} refused: {e:?}", doc.kind.name()))?;
        sqlx::query("INSERT INTO records (id, kind, account_id, body, updated_at) VALUES (?, ?, ?, ?, ?)")
            .bind(doc.id.to_string())
            .bind(doc.kind.name())
            .bind(doc.account_id.0)
            .bind(serde_json::Value::Object(doc.body).to_string())
            .bind(&updated_at)
            .execute(&mut *tx)
            .await?;
    }
    let name_of = |id: i64| PersonRef {
        id: PersonId(id),
        name: data
            .people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    };
    let reviewer = data
        .people
        .iter()
        .find(|p| p.role == Role::Management)
        .map(|p| name_of(p.id));
    for c in &data.cards {
        let period = YearMonth {
            year: c.year,
            month: c.month,
        };
        let director = data
            .accounts
            .iter()
            .find(|a| a.id == c.account)
            .map(|a| a.director)
            .unwrap_or_default();
        // Sent a few days after the month ended; reviewed at the management team's meeting.
        let sent = period.last_day().unwrap_or_default() + chrono::Duration::days(3);
        let mut card = QualityCard::blank(AccountId(c.account), period);
        card.light = c.light;
        card.summary = c.summary.clone();
        card.figures = c.figures.clone();
        card.direction = Some(c.direction);
        card.workflow.state = c.state;
        card.workflow.submitted = Some(StatusMark {
            by: name_of(director),
            on: sent,
        });
        card.workflow.reviewed = (c.state == CardState::Reviewed)
            .then(|| reviewer.clone())
            .flatten()
            .map(|by| StatusMark {
                by,
                on: sent + chrono::Duration::days(7),
            });
        crate::server::card::quality_cards::save(&mut tx, &card).await?;
    }
    if let Some(admin) = data.people.iter().find(|p| p.role == Role::Admin) {
        sqlx::query(
            "INSERT INTO figure_imports (id, person_id, file_name, rows_new, rows_changed, rows_unchanged, at)
             VALUES ('demo', ?, 'demo', ?, 0, 0, ?)",
        )
        .bind(admin.id)
        .bind(data.figures.len() as i64)
        .bind(&updated_at)
        .execute(&mut *tx)
        .await?;
        for f in &data.figures {
            crate::server::card::quality_cards::save_figures(&mut tx, f, "demo").await?;
            let lines = super::generate::revenue_lines(f);
            crate::server::kam::revenue::save_lines(&mut tx, f.account_id, f.period, &lines).await?;
        }
    }
    tx.commit().await?;
    freeze_facts(pool, data).await
}

/// The demo's sent cards carry the figures Kamu knew when they were sent, as real ones do.
async fn freeze_facts(pool: &SqlitePool, data: &DemoData) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    for c in data.cards.iter().filter(|c| c.state != CardState::Draft) {
        let period = YearMonth {
            year: c.year,
            month: c.month,
        };
        let account = AccountId(c.account);
        let sent = period.last_day().unwrap_or_default() + chrono::Duration::days(3);
        if let Some(mut card) = crate::server::card::quality_cards::load(&mut tx, account, period).await? {
            card.facts = Some(
                crate::server::card::quality_cards::live_facts(pool, account, card.months(), sent).await?,
            );
            crate::server::card::quality_cards::save(&mut tx, &card).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
