//! Nationwide accounts, their sites and the people around them, as the app shows them.

use super::card::facts::MonthFigures;
use super::card::response::CardComment;
use super::card::suggest::LightRule;
use super::card::{QualityCard, TrafficLight};
use super::clock::ClockEvent;
use super::collation;
use super::ids::{AccountId, PersonId, SiteId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Someone to call or email about the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// One line of the "my accounts" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: AccountId,
    pub name: String,
    pub director_name: String,
    pub site_count: u32,
    /// The towns the account's sites are in, most sites first.
    pub towns: Vec<String>,
    pub latest_light: Option<TrafficLight>,
    pub confidential: bool,
}

/// A site (kohde) with its current supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub id: SiteId,
    pub name: String,
    pub address: String,
    pub town: String,
    pub supervisor: Option<Contact>,
}

/// How much of an account one read returns: the device's whole copy, or what a page's first
/// screen needs (`AccountDetail::first_screen`). The server reads no more rows than the part needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Whole,
    FirstScreen,
}

/// Everything the account page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub id: AccountId,
    pub name: String,
    pub confidential: bool,
    pub director: Contact,
    /// The contract's start: the account's "birthday".
    pub contract_start: NaiveDate,
    /// The month the account's clock year starts (1 = January).
    pub year_start_month: u32,
    pub clock_year: i32,
    pub events: Vec<ClockEvent>,
    /// The company's own activities in this year (the wheel's company ring, read-only here).
    #[serde(default)]
    pub company: Vec<ClockEvent>,
    /// The next account year was already planned in one step.
    #[serde(default)]
    pub next_year_planned: bool,
    /// Every quality card of the account, oldest first (eight months of history is a few KB);
    /// drafts carry their figures as the server computed them on this read.
    pub cards: Vec<QualityCard>,
    /// Earlier versions of the cards (replaced by corrections), newest first.
    #[serde(default)]
    pub card_versions: Vec<QualityCard>,
    /// Management's comments on the cards that this reader may see.
    #[serde(default)]
    pub card_comments: Vec<CardComment>,
    /// The suggested light's rules, so the card can explain its suggestion offline too.
    #[serde(default)]
    pub light_rules: Vec<LightRule>,
    /// The finance system's months of this account (for a new card's figures).
    #[serde(default)]
    pub figures: Vec<MonthFigures>,
    /// The contract's yearly value in euros, when known.
    #[serde(default)]
    pub contract_value: Option<i64>,
    pub sites: Vec<SiteInfo>,
    /// The server's date in Finland when this was read (for "overdue" and "this month").
    pub today: NaiveDate,
    /// The change-log position this copy is current to; offline sync pulls from here.
    pub sync_cursor: i64,
    /// What the reader may edit here (the server checks every edit again).
    pub rights: EditRights,
    /// Set on a page's first screen (`first_screen`): `events` holds only the events of the
    /// reader's own sites, and the rest of the clock follows once the page runs. A copy kept on
    /// a device never has it set.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clock_follows: bool,
}

impl AccountDetail {
    /// What a page's first screen needs of the account, for the HTML the server renders: all but
    /// the year's clock, which on a phone is below the first screen and at demo scale is most
    /// of the bytes (hundreds of site visits). The page then takes the whole copy from the
    /// device, or in one request. The reader's own sites' events stay: the supervisor's block
    /// at the top of the page shows them.
    pub fn first_screen(mut self) -> AccountDetail {
        let mine = &self.rights.my_sites;
        self.events.retain(|e| super::clock::for_me::may_show(e, mine));
        // The company ring is drawn only on the wheel, which follows.
        self.company.clear();
        self.clock_follows = true;
        self
    }

    /// The newest card by period.
    pub fn latest_card(&self) -> Option<&QualityCard> {
        super::card::latest(&self.cards)
    }

    /// The account's line in a list, made from its full copy (offline, from the device).
    pub fn summary(&self) -> AccountSummary {
        let mut towns: Vec<(String, usize)> = Vec::new();
        for site in &self.sites {
            match towns.iter_mut().find(|(t, _)| *t == site.town) {
                Some((_, n)) => *n += 1,
                None => towns.push((site.town.clone(), 1)),
            }
        }
        towns.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| collation::compare(&a.0, &b.0)));
        AccountSummary {
            id: self.id,
            name: self.name.clone(),
            director_name: self.director.name.clone(),
            site_count: self.sites.len() as u32,
            towns: towns.into_iter().map(|(t, _)| t).collect(),
            latest_light: self.latest_card().map(|c| c.light),
            confidential: self.confidential,
        }
    }
}

/// What the person reading an account may edit in it, so the page offers only those edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditRights {
    pub me: Option<PersonId>,
    /// The account's director or an admin: every event.
    pub everything: bool,
    /// Sites the person runs as supervisor: status and note of those sites' events.
    pub my_sites: Vec<SiteId>,
    /// A management-team member (or admin): reviews cards and gives instructions.
    #[serde(default)]
    pub manages: bool,
}

impl EditRights {
    /// Whether the person may change the status and note of this event.
    pub fn may_edit_status(&self, event: &ClockEvent) -> bool {
        self.everything
            || event.site.as_ref().is_some_and(|s| self.my_sites.contains(&s.id))
            || (self.me.is_some() && event.responsible.as_ref().map(|p| p.id) == self.me)
    }
}

/// Sorts accounts A–Ö the Finnish way.
pub fn sort_a_to_o(accounts: &mut [AccountSummary]) {
    accounts.sort_by(|a, b| collation::compare(&a.name, &b.name));
}

/// Accounts whose name, director or towns match every word of the query.
pub fn filter<'a>(accounts: &'a [AccountSummary], query: &str) -> Vec<&'a AccountSummary> {
    accounts
        .iter()
        .filter(|a| {
            let mut texts: Vec<&str> = vec![&a.name, &a.director_name];
            texts.extend(a.towns.iter().map(String::as_str));
            collation::matches_query(query, &texts)
        })
        .collect()
}

/// The distinct supervisors of the sites, A–Ö, with how many sites each runs.
pub fn supervisors_of(sites: &[SiteInfo]) -> Vec<(Contact, usize)> {
    let mut out: Vec<(Contact, usize)> = Vec::new();
    for s in sites {
        if let Some(sup) = &s.supervisor {
            match out.iter_mut().find(|(c, _)| c.id == sup.id) {
                Some((_, n)) => *n += 1,
                None => out.push((sup.clone(), 1)),
            }
        }
    }
    out.sort_by(|a, b| collation::compare(&a.0.name, &b.0.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(name: &str, towns: &[&str]) -> AccountSummary {
        AccountSummary {
            id: AccountId(1),
            name: name.into(),
            director_name: "Anna Aalto".into(),
            site_count: 3,
            towns: towns.iter().map(|t| t.to_string()).collect(),
            latest_light: None,
            confidential: false,
        }
    }

    #[test]
    fn accounts_sort_a_to_o() {
        let mut list = vec![
            summary("Örö Oy", &[]),
            summary("Alma Oy", &[]),
            summary("Ähtäri Kiinteistöt", &[]),
            summary("Zeta Oy", &[]),
        ];
        sort_a_to_o(&mut list);
        let names: Vec<_> = list.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Alma Oy", "Zeta Oy", "Ähtäri Kiinteistöt", "Örö Oy"]);
    }

    #[test]
    fn search_finds_by_name_town_or_director() {
        let list = vec![summary("Alma Oy", &["Oulu"]), summary("Beta Oy", &["Tampere"])];
        assert_eq!(filter(&list, "alma").len(), 1);
        assert_eq!(filter(&list, "tampere")[0].name, "Beta Oy");
        assert_eq!(filter(&list, "aalto").len(), 2);
        assert!(filter(&list, "turku").is_empty());
    }

    #[test]
    fn an_offline_copy_makes_its_own_list_line() {
        let site = |id: i64, town: &str| SiteInfo {
            id: SiteId(id),
            name: format!("Kohde {id}"),
            address: String::new(),
            town: town.into(),
            supervisor: None,
        };
        let detail = AccountDetail {
            id: AccountId(4),
            name: "Alma Oy".into(),
            confidential: false,
            director: Contact {
                id: PersonId(1),
                name: "Anna Aalto".into(),
                email: String::new(),
                phone: None,
            },
            contract_start: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            year_start_month: 1,
            clock_year: 2026,
            events: vec![],
            company: Vec::new(),
            next_year_planned: false,
            cards: Vec::new(),
            card_versions: Vec::new(),
            card_comments: Vec::new(),
            light_rules: Vec::new(),
            figures: Vec::new(),
            contract_value: None,
            sites: vec![site(1, "Oulu"), site(2, "Espoo"), site(3, "Espoo")],
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            sync_cursor: 0,
            rights: EditRights::default(),
            clock_follows: false,
        };
        let line = detail.summary();
        assert_eq!(line.site_count, 3);
        assert_eq!(line.towns, vec!["Espoo", "Oulu"], "most sites first");
        assert_eq!(line.director_name, "Anna Aalto");
    }

    #[test]
    fn supervisors_are_listed_once_with_their_site_count() {
        let sup = |id: i64, name: &str| Contact {
            id: PersonId(id),
            name: name.into(),
            email: String::new(),
            phone: None,
        };
        let site = |id: i64, s: Option<Contact>| SiteInfo {
            id: SiteId(id),
            name: format!("Kohde {id}"),
            address: String::new(),
            town: "Oulu".into(),
            supervisor: s,
        };
        let sites = vec![
            site(1, Some(sup(2, "Öhman Eeva"))),
            site(2, Some(sup(1, "Aho Pekka"))),
            site(3, Some(sup(2, "Öhman Eeva"))),
            site(4, None),
        ];
        let sups = supervisors_of(&sites);
        assert_eq!(sups.len(), 2);
        assert_eq!(sups[0].0.name, "Aho Pekka");
        assert_eq!(sups[1].1, 2);
    }
}
