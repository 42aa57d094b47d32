//! The support organisation's directory (issue 19): every account the viewer may find, A–Ö, with
//! its KAM (`directory`), and for one account whom to contact about it: its KAM and team, and
//! the leads of each region it has sites in (`of_account`). Read from the people register and the
//! billing system's sites in a few queries however many accounts there are. The order and the
//! rules are `domain::kam::support`'s; who finds which account is `domain::access`'s.
//!
//! Split in two pages because the whole directory at once was 142 KB of HTML at a hundred
//! accounts (issue 15: a phone pays for what it is shown).

use crate::domain::collation;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::kam::support::{arrange, Answers, Contact, SupportRole};
use crate::domain::people::{Role, Viewer};
use crate::domain::sync::doc::RecordKind;
use crate::server::sync::records;
use sqlx::SqlitePool;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// One line of the directory.
pub struct DirectoryEntry {
    pub account: AccountId,
    pub name: String,
    /// The account's director; none when they have left the company.
    pub kam: Option<String>,
}

/// Whom to contact about one account.
pub struct AccountSupport {
    pub name: String,
    /// Whether the viewer edits the account's records (its director, admins): the helpers'
    /// forms are theirs.
    pub edits: bool,
    /// The KAM's helpers as their records say (the forms edit these), with the person's name.
    pub helpers: Vec<(Uuid, SupportRole, String)>,
    /// Arranged: the KAM first (none when the director has left the company), then the team.
    pub contacts: Vec<Contact>,
    /// The regions the account has sites in, A–Ö, each with its leads.
    pub regions: Vec<RegionLeads>,
}

/// A region's directors and managers, who answer for the service at every account's sites there.
pub struct RegionLeads {
    pub name: String,
    pub leads: Vec<Contact>,
}

#[derive(sqlx::FromRow)]
struct Row {
    key: i64,
    person_id: i64,
    name: String,
    email: String,
    phone: Option<String>,
    role: String,
}

impl Row {
    fn contact(self, answers: impl FnOnce(Role) -> Answers) -> Option<Contact> {
        let role = Role::parse(&self.role);
        let answers = match self.role.as_str() {
            "kam" => Answers::Kam,
            // A role this build does not know: not a contact it can describe.
            _ => answers(role?),
        };
        Some(Contact {
            person_id: self.person_id,
            name: self.name,
            email: self.email,
            phone: self.phone.filter(|p| !p.trim().is_empty()),
            answers,
        })
    }
}

/// The account's director and named team (`key` is the account). Only people still active are
/// contacts.
const TEAM_SQL: &str = "
    SELECT a.id AS key, p.id AS person_id, p.name, p.email, p.phone, 'kam' AS role
      FROM accounts a JOIN people p ON p.id = a.director_id WHERE p.active = 1 AND a.id = ?1
    UNION
    SELECT m.account_id, p.id, p.name, p.email, p.phone, p.role
      FROM account_members m JOIN people p ON p.id = m.person_id
     WHERE p.active = 1 AND m.account_id = ?1";

/// The directors and managers of each region the account has sites in (`key` is the region).
const LEADS_SQL: &str = "
    SELECT p.region_id AS key, p.id AS person_id, p.name, p.email, p.phone, p.role
      FROM people p
     WHERE p.active = 1 AND p.role IN ('regional_director', 'manager')
       AND p.region_id IN (SELECT s.region_id FROM sites s WHERE s.account_id = ?1)";

/// The directory as `viewer` may read it, A–Ö.
pub async fn directory(pool: &SqlitePool, viewer: &Viewer) -> Result<Vec<DirectoryEntry>, AppError> {
    let shown: BTreeSet<i64> = crate::server::access::accounts_in_support_directory(pool, viewer)
        .await?
        .into_iter()
        .map(|a| a.0)
        .collect();
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT a.id, a.name, p.name FROM accounts a
           LEFT JOIN people p ON p.id = a.director_id AND p.active = 1",
    )
    .fetch_all(pool)
    .await?;
    let mut entries: Vec<DirectoryEntry> = rows
        .into_iter()
        .filter(|(id, ..)| shown.contains(id))
        .map(|(id, name, kam)| DirectoryEntry {
            account: AccountId(id),
            name,
            kam,
        })
        .collect();
    entries.sort_by(|a, b| collation::compare(&a.name, &b.name));
    Ok(entries)
}

/// Whom to contact about `account`, once the viewer is known to find it in the directory (403
/// and logged if not).
pub async fn of_account(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
) -> Result<AccountSupport, AppError> {
    let facts = crate::server::access::require_support_organisation(pool, viewer, account).await?;
    let name: String = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let team: Vec<Row> = sqlx::query_as(TEAM_SQL).bind(account.0).fetch_all(pool).await?;
    let helpers = helpers_of(pool, account).await?;
    let helper_ids =
        serde_json::Value::from(helpers.iter().map(|(_, h)| h.person.0).collect::<Vec<_>>()).to_string();
    // Contacts are those still with the company; the KAM's editor names everyone in a role.
    let helper_people: Vec<Row> = sqlx::query_as(
        "SELECT 0 AS key, p.id AS person_id, p.name, p.email, p.phone, p.role FROM people p
          WHERE p.active = 1 AND p.id IN (SELECT value FROM json_each(?))",
    )
    .bind(&helper_ids)
    .fetch_all(pool)
    .await?;
    let helper_names: BTreeMap<i64, String> =
        sqlx::query_as("SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(?))")
            .bind(&helper_ids)
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let mut contacts: Vec<Contact> = team
        .into_iter()
        .filter_map(|r| r.contact(Answers::Team))
        .collect();
    for (_, role) in &helpers {
        if let Some(person) = helper_people.iter().find(|p| p.person_id == role.person.0) {
            contacts.push(Contact {
                person_id: person.person_id,
                name: person.name.clone(),
                email: person.email.clone(),
                phone: person.phone.clone().filter(|p| !p.trim().is_empty()),
                answers: Answers::Helper {
                    helper: role.helper,
                    answers_for: role.answers_for.clone(),
                },
            });
        }
    }
    let contacts = arrange(contacts);
    // Each person once, under what they answer for most: the KAM or a team member who also
    // leads one of the account's regions is listed in the team only.
    let in_team: BTreeSet<i64> = contacts.iter().map(|c| c.person_id).collect();

    let names: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT r.id, r.name FROM sites s JOIN regions r ON r.id = s.region_id
          WHERE s.account_id = ?",
    )
    .bind(account.0)
    .fetch_all(pool)
    .await?;
    let mut by_region: BTreeMap<i64, RegionLeads> = names
        .into_iter()
        .map(|(id, name)| {
            (
                id,
                RegionLeads {
                    name,
                    leads: Vec::new(),
                },
            )
        })
        .collect();
    let leads: Vec<Row> = sqlx::query_as(LEADS_SQL).bind(account.0).fetch_all(pool).await?;
    for row in leads.into_iter().filter(|r| !in_team.contains(&r.person_id)) {
        if let Some(region) = by_region.get_mut(&row.key) {
            let name = region.name.clone();
            region
                .leads
                .extend(row.contact(|role| Answers::Region { role, region: name }));
        }
    }
    let mut regions: Vec<RegionLeads> = by_region
        .into_values()
        .map(|r| RegionLeads {
            leads: arrange(r.leads),
            ..r
        })
        .collect();
    regions.sort_by(|a, b| collation::compare(&a.name, &b.name));
    let edits = crate::domain::access::edits_account(viewer, facts.is_director);
    let helpers = helpers
        .into_iter()
        .map(|(id, role)| {
            let name = helper_names.get(&role.person.0).cloned().unwrap_or_default();
            (id, role, name)
        })
        .collect();
    Ok(AccountSupport {
        name,
        edits,
        helpers,
        contacts,
        regions,
    })
}

/// The KAM's helpers at the account, as their records say (someone no longer active too: the
/// record is still there to be removed).
async fn helpers_of(pool: &SqlitePool, account: AccountId) -> Result<Vec<(Uuid, SupportRole)>, AppError> {
    Ok(records::of_kinds(pool, account, &[RecordKind::SupportRole])
        .await?
        .iter()
        .filter_map(|doc| Some((doc.id, doc.read::<SupportRole>()?)))
        .collect())
}

/// Our people who may work with the account's customer (a counterpart on the map, a helper of
/// the KAM), A–Ö: its director and team, the supervisors of its sites and the directors and
/// managers of its regions, if still active.
pub async fn people_of_account(
    pool: &SqlitePool,
    account: AccountId,
) -> Result<Vec<(PersonId, String)>, AppError> {
    let mut people: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.id, p.name FROM people p WHERE p.active = 1 AND (
            p.id = (SELECT director_id FROM accounts WHERE id = ?1)
            OR p.id IN (SELECT person_id FROM account_members WHERE account_id = ?1)
            OR p.id IN (SELECT supervisor_id FROM sites WHERE account_id = ?1)
            OR (p.role IN ('regional_director', 'manager')
                AND p.region_id IN (SELECT region_id FROM sites WHERE account_id = ?1)))",
    )
    .bind(account.0)
    .fetch_all(pool)
    .await?;
    people.sort_by(|a, b| collation::compare(&a.1, &b.1));
    Ok(people
        .into_iter()
        .map(|(id, name)| (PersonId(id), name))
        .collect())
}
