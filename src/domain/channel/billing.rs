//! Rules of the billing-system site import (issue 6 groundwork): which columns a file has,
//! what a valid row is, and what applying it would change — new sites, supervisor changes,
//! sites moved between accounts or renamed, removed sites, people Kamu does not know — and who
//! gains or loses access to which account. Reading the CSV and applying happen on the server.
//!
//! Header (Finnish or English, any order): `kohde;kohteen_nimi;osoite;paikkakunta;asiakkuus;
//! asiakkuuden_nimi;esimies;esimiehen_sähköposti;aluejohtaja`.

use crate::domain::csv_columns::{self, Columns, RowError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    SiteId,
    SiteName,
    Address,
    Town,
    AccountId,
    AccountName,
    SupervisorName,
    SupervisorEmail,
    RegionalDirector,
}

impl Columns for Column {
    const NAMES: &'static [(Column, &'static [&'static str])] = &[
        (Column::SiteId, &["kohde", "kohde_id", "site", "site_id"]),
        (Column::SiteName, &["kohteen_nimi", "site_name"]),
        (Column::Address, &["osoite", "address"]),
        (Column::Town, &["paikkakunta", "town"]),
        (
            Column::AccountId,
            &["asiakkuus", "asiakkuus_id", "account", "account_id"],
        ),
        (Column::AccountName, &["asiakkuuden_nimi", "account_name"]),
        (
            Column::SupervisorName,
            &["esimies", "supervisor", "supervisor_name"],
        ),
        (
            Column::SupervisorEmail,
            &["esimiehen_sähköposti", "esimiehen_sahkoposti", "supervisor_email"],
        ),
        (Column::RegionalDirector, &["aluejohtaja", "regional_director"]),
    ];

    /// Every column is required.
    fn required() -> Vec<Column> {
        Column::NAMES.iter().map(|(c, _)| *c).collect()
    }
}

/// Maps the header to columns; every column is required.
pub fn header(names: &[&str]) -> Result<Vec<Option<Column>>, Vec<&'static str>> {
    csv_columns::header(names)
}

/// The longest text a field may hold (names and addresses are far shorter).
pub const MAX_FIELD_CHARS: usize = 200;

/// One valid row: a site and who runs it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteRow {
    pub line: u64,
    pub site_id: i64,
    pub site_name: String,
    pub address: String,
    pub town: String,
    pub account_id: i64,
    pub account_name: String,
    pub supervisor_name: String,
    /// Lower case: people are matched by email.
    pub supervisor_email: String,
    pub regional_director: String,
}

/// A plausible email address: one @, a dot in the domain, no spaces.
pub fn plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
        && !domain.contains('@')
        && s.len() <= 254
}

/// Validates one data row.
pub fn row(columns: &[Option<Column>], fields: &[&str], line: u64) -> Result<SiteRow, RowError> {
    let error = |reason: &str, detail: &str| RowError {
        line,
        reason: reason.into(),
        detail: detail.into(),
    };
    let cell = |col: Column| -> Result<String, RowError> {
        let value = csv_columns::cell(columns, fields, col).to_string();
        if value.is_empty() {
            Err(error("import_missing_value", col.name()))
        } else if value.chars().count() > MAX_FIELD_CHARS {
            Err(error("import_too_long", col.name()))
        } else {
            Ok(value)
        }
    };
    let id = |col: Column| -> Result<i64, RowError> {
        let raw = cell(col)?;
        raw.parse::<i64>()
            .ok()
            .filter(|v| *v > 0)
            .ok_or_else(|| error("import_bad_id", &format!("{}: {raw}", col.name())))
    };
    let email = cell(Column::SupervisorEmail)?.to_lowercase();
    if !plausible_email(&email) {
        return Err(error("import_bad_email", &email));
    }
    Ok(SiteRow {
        line,
        site_id: id(Column::SiteId)?,
        site_name: cell(Column::SiteName)?,
        address: cell(Column::Address)?,
        town: cell(Column::Town)?,
        account_id: id(Column::AccountId)?,
        account_name: cell(Column::AccountName)?,
        supervisor_name: cell(Column::SupervisorName)?,
        supervisor_email: email,
        regional_director: cell(Column::RegionalDirector)?,
    })
}

/// A site as Kamu has it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownSite {
    pub site_id: i64,
    pub account_id: i64,
    pub name: String,
    pub address: String,
    pub town: String,
    pub region_id: i64,
    pub supervisor_email: Option<String>,
}

/// What Kamu knows that a row is checked against.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// Emails of the people Kamu knows (lower case).
    pub people: HashSet<String>,
    pub accounts: HashSet<i64>,
    /// Regional directors by lower-case name and by email, with their region; a name two
    /// directors share is ambiguous and listed with both regions.
    pub regional_directors: HashMap<String, Vec<i64>>,
}

impl Directory {
    fn region_of(&self, director: &str) -> Result<i64, &'static str> {
        match self
            .regional_directors
            .get(&director.trim().to_lowercase())
            .map(Vec::as_slice)
        {
            Some([region]) => Ok(*region),
            Some([_, _, ..]) => Err("import_ambiguous_regional_director"),
            _ => Err("import_unknown_regional_director"),
        }
    }
}

/// What the file does to one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiteChange {
    New,
    SupervisorChanged {
        from: Option<String>,
        to: String,
    },
    MovedAccount {
        from: i64,
        to: i64,
    },
    /// Another regional director, so another region (and its directors and managers).
    RegionChanged {
        from: i64,
        to: i64,
    },
    DetailsChanged,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSite {
    pub row: SiteRow,
    /// The regional director's region.
    pub region_id: i64,
    /// Several at once when, say, a site moves and gets a new supervisor.
    pub changes: Vec<SiteChange>,
}

/// Someone gains or loses a place in an account's channel because of who runs its sites.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MembershipChange {
    pub email: String,
    pub account_id: i64,
    pub gained: bool,
}

/// The preview an admin sees before applying: a file with any rejected row is not applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingPreview {
    pub sites: Vec<PlannedSite>,
    /// Sites Kamu has that the file no longer lists.
    pub removed: Vec<KnownSite>,
    /// Supervisor emails Kamu does not know yet, with the first line naming each.
    pub unknown_people: Vec<(u64, String)>,
    pub membership: Vec<MembershipChange>,
    pub errors: Vec<RowError>,
}

impl BillingPreview {
    pub fn can_apply(&self) -> bool {
        self.errors.is_empty() && !self.sites.is_empty()
    }

    /// Nothing would change: the same file again.
    pub fn changes_nothing(&self) -> bool {
        self.removed.is_empty() && self.sites.iter().all(|s| s.changes == [SiteChange::Unchanged])
    }
}

/// What applying did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteImportResult {
    /// None when the file changed nothing (nothing is recorded then).
    pub import_id: Option<String>,
    pub new_sites: usize,
    pub changed: usize,
    pub removed: usize,
    pub people_added: usize,
    pub access_gained: usize,
    pub access_lost: usize,
}

/// Compares the file with what Kamu has. The file is the whole truth: a site it does not list
/// is removed. A site given twice, or an account id given with two names, is an error on the
/// later row.
pub fn plan(
    rows: Vec<Result<SiteRow, RowError>>,
    known: &[KnownSite],
    directory: &Directory,
) -> BillingPreview {
    let by_id: HashMap<i64, &KnownSite> = known.iter().map(|s| (s.site_id, s)).collect();
    let mut preview = BillingPreview::default();
    let mut seen_sites: HashMap<i64, u64> = HashMap::new();
    let mut account_names: HashMap<i64, (String, u64)> = HashMap::new();
    let mut unknown: BTreeMap<String, u64> = BTreeMap::new();
    for result in rows {
        let row = match result {
            Ok(row) => row,
            Err(e) => {
                preview.errors.push(e);
                continue;
            }
        };
        if !directory.accounts.contains(&row.account_id) {
            preview.errors.push(RowError {
                line: row.line,
                reason: "import_unknown_account".into(),
                detail: row.account_id.to_string(),
            });
            continue;
        }
        let region_id = match directory.region_of(&row.regional_director) {
            Ok(region) => region,
            Err(reason) => {
                preview.errors.push(RowError {
                    line: row.line,
                    reason: reason.into(),
                    detail: row.regional_director.clone(),
                });
                continue;
            }
        };
        if let Some(first) = seen_sites.insert(row.site_id, row.line) {
            preview.errors.push(RowError {
                line: row.line,
                reason: "import_duplicate_site".into(),
                detail: first.to_string(),
            });
            continue;
        }
        match account_names.get(&row.account_id) {
            Some((name, first)) if *name != row.account_name => {
                preview.errors.push(RowError {
                    line: row.line,
                    reason: "import_account_name_differs".into(),
                    detail: first.to_string(),
                });
                continue;
            }
            Some(_) => {}
            None => {
                account_names.insert(row.account_id, (row.account_name.clone(), row.line));
            }
        }
        if !directory.people.contains(&row.supervisor_email) {
            unknown.entry(row.supervisor_email.clone()).or_insert(row.line);
        }
        let changes = match by_id.get(&row.site_id) {
            None => vec![SiteChange::New],
            Some(site) => {
                let mut changes = Vec::new();
                if site.account_id != row.account_id {
                    changes.push(SiteChange::MovedAccount {
                        from: site.account_id,
                        to: row.account_id,
                    });
                }
                if site.supervisor_email.as_deref() != Some(row.supervisor_email.as_str()) {
                    changes.push(SiteChange::SupervisorChanged {
                        from: site.supervisor_email.clone(),
                        to: row.supervisor_email.clone(),
                    });
                }
                if site.region_id != region_id {
                    changes.push(SiteChange::RegionChanged {
                        from: site.region_id,
                        to: region_id,
                    });
                }
                if (site.name.as_str(), site.address.as_str(), site.town.as_str())
                    != (row.site_name.as_str(), row.address.as_str(), row.town.as_str())
                {
                    changes.push(SiteChange::DetailsChanged);
                }
                if changes.is_empty() {
                    changes.push(SiteChange::Unchanged);
                }
                changes
            }
        };
        preview.sites.push(PlannedSite {
            row,
            region_id,
            changes,
        });
    }
    preview.removed = known
        .iter()
        .filter(|s| !seen_sites.contains_key(&s.site_id))
        .cloned()
        .collect();
    preview.unknown_people = unknown.into_iter().map(|(email, line)| (line, email)).collect();
    preview.unknown_people.sort();
    preview.membership = membership_changes(known, &preview.sites);
    preview
}

/// Who runs a site of which account before and after: the difference is who gains or loses
/// access (a supervisor keeps an account while they run any one of its sites).
fn membership_changes(known: &[KnownSite], after: &[PlannedSite]) -> Vec<MembershipChange> {
    let before: BTreeSet<(String, i64)> = known
        .iter()
        .filter_map(|s| Some((s.supervisor_email.clone()?, s.account_id)))
        .collect();
    let now: BTreeSet<(String, i64)> = after
        .iter()
        .map(|s| (s.row.supervisor_email.clone(), s.row.account_id))
        .collect();
    let mut out: Vec<MembershipChange> = now
        .difference(&before)
        .map(|(email, account_id)| MembershipChange {
            email: email.clone(),
            account_id: *account_id,
            gained: true,
        })
        .chain(
            before
                .difference(&now)
                .map(|(email, account_id)| MembershipChange {
                    email: email.clone(),
                    account_id: *account_id,
                    gained: false,
                }),
        )
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: [&str; 9] = [
        "kohde",
        "kohteen_nimi",
        "osoite",
        "paikkakunta",
        "asiakkuus",
        "asiakkuuden_nimi",
        "esimies",
        "esimiehen_sähköposti",
        "aluejohtaja",
    ];

    fn parse(line: u64, fields: &[&str]) -> Result<SiteRow, RowError> {
        row(&header(&HEADER).unwrap(), fields, line)
    }

    fn fields<'a>(site: &'a str, account: &'a str, email: &'a str) -> Vec<&'a str> {
        vec![
            site,
            "Kohde",
            "Katu 1",
            "Oulu",
            account,
            "Alma Oy",
            "Eeva Esimies",
            email,
            "Aki Alue",
        ]
    }

    fn known(site: i64, account: i64, email: &str) -> KnownSite {
        KnownSite {
            site_id: site,
            account_id: account,
            name: "Kohde".into(),
            address: "Katu 1".into(),
            town: "Oulu".into(),
            region_id: 3,
            supervisor_email: Some(email.into()),
        }
    }

    /// Eeva and Olli; account 10; Aki Alue directs region 3, and two directors share a name.
    fn directory(people: &[&str]) -> Directory {
        Directory {
            people: people.iter().map(|p| p.to_string()).collect(),
            accounts: [10].into(),
            regional_directors: [
                ("aki alue".to_string(), vec![3]),
                ("aki@kamu.example".to_string(), vec![3]),
                ("matti meikäläinen".to_string(), vec![4, 5]),
                ("rea ranta".to_string(), vec![6]),
            ]
            .into(),
        }
    }

    #[test]
    fn rows_are_checked_with_their_line_and_reason() {
        assert!(parse(2, &fields("7", "1", "Eeva@Kamu.example")).is_ok());
        assert_eq!(
            parse(2, &fields("7", "1", "Eeva@Kamu.example"))
                .unwrap()
                .supervisor_email,
            "eeva@kamu.example"
        );
        let bad = |f: Vec<&str>| parse(5, &f).unwrap_err();
        assert_eq!(bad(fields("x", "1", "a@b.fi")).reason, "import_bad_id");
        assert_eq!(bad(fields("7", "1", "ei-osoite")).reason, "import_bad_email");
        let long = "k".repeat(201);
        let mut f = fields("7", "1", "a@b.fi");
        f[1] = &long;
        assert_eq!(bad(f).reason, "import_too_long");
        let mut f = fields("7", "1", "a@b.fi");
        f[3] = " ";
        let e = bad(f);
        assert_eq!(
            (e.line, e.reason.as_str(), e.detail.as_str()),
            (5, "import_missing_value", "paikkakunta")
        );
        assert_eq!(header(&["kohde", "osoite"]).unwrap_err().len(), 7);
    }

    #[test]
    fn the_plan_names_new_sites_supervisor_changes_removals_and_unknown_people() {
        let people = directory(&["eeva@kamu.example", "olli@kamu.example"]);
        let now = vec![
            known(1, 10, "eeva@kamu.example"),
            known(2, 10, "olli@kamu.example"),
            known(3, 10, "olli@kamu.example"),
        ];
        let rows = vec![
            parse(2, &fields("1", "10", "eeva@kamu.example")),
            parse(3, &fields("2", "10", "uusi@kamu.example")),
            parse(4, &fields("4", "10", "eeva@kamu.example")),
        ];
        let p = plan(rows, &now, &people);
        assert!(p.can_apply());
        assert_eq!(p.sites[0].changes, [SiteChange::Unchanged]);
        assert_eq!(
            p.sites[1].changes,
            [SiteChange::SupervisorChanged {
                from: Some("olli@kamu.example".into()),
                to: "uusi@kamu.example".into()
            }]
        );
        assert_eq!(p.sites[2].changes, [SiteChange::New]);
        assert_eq!(p.removed.iter().map(|s| s.site_id).collect::<Vec<_>>(), [3]);
        assert_eq!(p.unknown_people, [(3, "uusi@kamu.example".to_string())]);
        // Olli ran sites 2 and 3 and runs none now: he loses account 10; the new one gains it.
        assert_eq!(
            p.membership,
            [
                MembershipChange {
                    email: "olli@kamu.example".into(),
                    account_id: 10,
                    gained: false
                },
                MembershipChange {
                    email: "uusi@kamu.example".into(),
                    account_id: 10,
                    gained: true
                },
            ]
        );
    }

    #[test]
    fn the_same_file_again_changes_nothing_and_conflicting_rows_are_refused() {
        let people = directory(&["eeva@kamu.example"]);
        let now = vec![known(1, 10, "eeva@kamu.example")];
        let same = plan(
            vec![parse(2, &fields("1", "10", "eeva@kamu.example"))],
            &now,
            &people,
        );
        assert!(same.changes_nothing() && same.membership.is_empty());
        let mut other_name = fields("5", "10", "eeva@kamu.example");
        other_name[5] = "Alma Group";
        let bad = plan(
            vec![
                parse(2, &fields("1", "10", "eeva@kamu.example")),
                parse(3, &fields("1", "10", "eeva@kamu.example")),
                parse(4, &other_name),
                parse(5, &fields("6", "10", "rikki")),
            ],
            &now,
            &people,
        );
        assert!(!bad.can_apply());
        let reasons: Vec<(u64, &str)> = bad.errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
        assert_eq!(
            reasons,
            [
                (3, "import_duplicate_site"),
                (4, "import_account_name_differs"),
                (5, "import_bad_email")
            ]
        );
    }

    #[test]
    fn unknown_accounts_and_regional_directors_are_refused_and_a_new_director_moves_the_region() {
        let now = vec![known(1, 10, "eeva@kamu.example")];
        let mut unknown_account = fields("2", "11", "eeva@kamu.example");
        unknown_account[5] = "Muu Oy";
        let mut unknown_director = fields("3", "10", "eeva@kamu.example");
        unknown_director[8] = "Ei Ketään";
        let mut ambiguous = fields("4", "10", "eeva@kamu.example");
        ambiguous[8] = "Matti Meikäläinen";
        let mut by_email = fields("5", "10", "eeva@kamu.example");
        by_email[8] = "AKI@kamu.example";
        let mut moved_region = fields("1", "10", "eeva@kamu.example");
        moved_region[8] = "Rea Ranta";
        let p = plan(
            vec![
                parse(2, &moved_region),
                parse(3, &unknown_account),
                parse(4, &unknown_director),
                parse(5, &ambiguous),
                parse(6, &by_email),
            ],
            &now,
            &directory(&["eeva@kamu.example"]),
        );
        let reasons: Vec<(u64, &str, &str)> = p
            .errors
            .iter()
            .map(|e| (e.line, e.reason.as_str(), e.detail.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (3, "import_unknown_account", "11"),
                (4, "import_unknown_regional_director", "Ei Ketään"),
                (5, "import_ambiguous_regional_director", "Matti Meikäläinen"),
            ]
        );
        assert_eq!(p.sites[0].changes, [SiteChange::RegionChanged { from: 3, to: 6 }]);
        assert_eq!((p.sites[1].row.site_id, p.sites[1].region_id), (5, 3));
    }
}
