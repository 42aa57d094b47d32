//! The support organisation's directory (issue 19): every account the viewer may find, A–Ö, with
//! whom to contact about it (its KAM and team, and the regions it has sites in), and each of
//! those regions' leads once; gathered from the people register and the billing system's sites
//! in a few queries however many accounts there are. The order and the rules are
//! `domain::kam::support`'s; who finds which account is `domain::access`'s.

use crate::domain::collation;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::kam::support::{arrange, Answers, Contact};
use crate::domain::people::{Role, Viewer};
use sqlx::SqlitePool;
use std::collections::{BTreeMap, BTreeSet};

pub struct AccountSupport {
    pub account: AccountId,
    pub name: String,
    /// Arranged: the KAM first (none when the director has left the company), then the team.
    pub contacts: Vec<Contact>,
    /// The regions the account has sites in, A–Ö: their leads are listed once, by region.
    pub regions: Vec<(i64, String)>,
}

/// A region's directors and managers, who answer for the service at every account's sites there.
pub struct RegionLeads {
    pub region: i64,
    pub name: String,
    pub leads: Vec<Contact>,
}

pub struct Directory {
    pub accounts: Vec<AccountSupport>,
    /// The regions any listed account has sites in, A–Ö.
    pub regions: Vec<RegionLeads>,
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

/// Each account's director and named team (`key` is the account). Only people still active are
/// contacts.
const TEAMS_SQL: &str = "
    SELECT a.id AS key, p.id AS person_id, p.name, p.email, p.phone, 'kam' AS role
      FROM accounts a JOIN people p ON p.id = a.director_id WHERE p.active = 1
    UNION
    SELECT m.account_id, p.id, p.name, p.email, p.phone, p.role
      FROM account_members m JOIN people p ON p.id = m.person_id WHERE p.active = 1";

/// Each region's directors and managers (`key` is the region).
const LEADS_SQL: &str = "
    SELECT p.region_id AS key, p.id AS person_id, p.name, p.email, p.phone, p.role
      FROM people p
     WHERE p.active = 1 AND p.region_id IS NOT NULL AND p.role IN ('regional_director', 'manager')";

/// The directory as `viewer` may read it, A–Ö.
pub async fn directory(pool: &SqlitePool, viewer: &Viewer) -> Result<Directory, AppError> {
    let shown: BTreeSet<i64> = crate::server::access::accounts_in_support_directory(pool, viewer)
        .await?
        .into_iter()
        .map(|a| a.0)
        .collect();
    let names: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM accounts")
        .fetch_all(pool)
        .await?;
    let mut teams: BTreeMap<i64, Vec<Contact>> = BTreeMap::new();
    let rows: Vec<Row> = sqlx::query_as(TEAMS_SQL).fetch_all(pool).await?;
    for row in rows.into_iter().filter(|r| shown.contains(&r.key)) {
        let account = row.key;
        teams
            .entry(account)
            .or_default()
            .extend(row.contact(Answers::Team));
    }
    let mut regions_of: BTreeMap<i64, Vec<(i64, String)>> = BTreeMap::new();
    let account_regions: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT DISTINCT s.account_id, r.id, r.name FROM sites s JOIN regions r ON r.id = s.region_id",
    )
    .fetch_all(pool)
    .await?;
    for (account, region, name) in account_regions.into_iter().filter(|(a, ..)| shown.contains(a)) {
        regions_of.entry(account).or_default().push((region, name));
    }
    let mut accounts: Vec<AccountSupport> = names
        .into_iter()
        .filter(|(id, _)| shown.contains(id))
        .map(|(id, name)| {
            let mut regions = regions_of.remove(&id).unwrap_or_default();
            regions.sort_by(|a, b| collation::compare(&a.1, &b.1));
            AccountSupport {
                account: AccountId(id),
                name,
                contacts: arrange(teams.remove(&id).unwrap_or_default()),
                regions,
            }
        })
        .collect();
    accounts.sort_by(|a, b| collation::compare(&a.name, &b.name));

    let listed: BTreeMap<i64, String> = accounts.iter().flat_map(|a| a.regions.iter().cloned()).collect();
    let mut leads: BTreeMap<i64, Vec<Contact>> = BTreeMap::new();
    let rows: Vec<Row> = sqlx::query_as(LEADS_SQL).fetch_all(pool).await?;
    for row in rows.into_iter().filter(|r| listed.contains_key(&r.key)) {
        let region = row.key;
        let name = listed.get(&region).cloned().unwrap_or_default();
        leads
            .entry(region)
            .or_default()
            .extend(row.contact(|role| Answers::Region { role, region: name }));
    }
    let mut regions: Vec<RegionLeads> = listed
        .into_iter()
        .map(|(region, name)| RegionLeads {
            region,
            name,
            leads: arrange(leads.remove(&region).unwrap_or_default()),
        })
        .collect();
    regions.sort_by(|a, b| collation::compare(&a.name, &b.name));
    Ok(Directory { accounts, regions })
}
