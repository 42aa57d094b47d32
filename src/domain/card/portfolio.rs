//! The management team's monthly portfolio: every account's card of the month, reds and
//! yellows first, then A–Ö, with filters and counts per colour.

use super::{CardState, QualityCard, TrafficLight};
use crate::domain::collation;
use crate::domain::ids::{AccountId, PersonId};
use serde::{Deserialize, Serialize};

/// A month's portfolio as the server sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portfolio {
    pub period: crate::domain::dates::YearMonth,
    /// Reds and yellows first, then A–Ö.
    pub entries: Vec<PortfolioEntry>,
    /// For the filters: the directors and regions that occur.
    pub directors: Vec<crate::domain::clock::PersonRef>,
    pub regions: Vec<String>,
    /// The suggested light's rules, whose limits are the figures' targets on printed cards.
    pub rules: Vec<super::suggest::LightRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioEntry {
    pub account_id: AccountId,
    pub name: String,
    pub director_id: PersonId,
    pub director_name: String,
    /// The regions the account's sites are in.
    pub regions: Vec<String>,
    pub towns: Vec<String>,
    pub site_count: u32,
    pub contract_start: Option<chrono::NaiveDate>,
    pub contract_value: Option<i64>,
    /// The card of the month, if the director has started one.
    pub card: Option<QualityCard>,
    /// The light of the account's card before this month, for the arrow "was green".
    pub previous_light: Option<TrafficLight>,
    /// Management instructions on the card not yet acknowledged by the director.
    pub open_instructions: u32,
}

impl PortfolioEntry {
    pub fn light(&self) -> Option<TrafficLight> {
        self.card.as_ref().map(|c| c.light)
    }

    /// Sent to management (submitted or already reviewed).
    pub fn submitted(&self) -> bool {
        self.card
            .as_ref()
            .is_some_and(|c| c.workflow.state != CardState::Draft)
    }
}

/// Red first, then yellow, green, and accounts without a card; A–Ö within each.
pub fn order(entries: &mut [PortfolioEntry]) {
    fn rank(light: Option<TrafficLight>) -> u8 {
        match light {
            Some(TrafficLight::Red) => 0,
            Some(TrafficLight::Yellow) => 1,
            Some(TrafficLight::Green) => 2,
            None => 3,
        }
    }
    entries.sort_by(|a, b| {
        rank(a.light())
            .cmp(&rank(b.light()))
            .then_with(|| collation::compare(&a.name, &b.name))
    });
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioFilter {
    pub director: Option<PersonId>,
    pub region: Option<String>,
    pub light: Option<TrafficLight>,
    pub not_submitted: bool,
}

impl PortfolioFilter {
    pub fn keeps(&self, e: &PortfolioEntry) -> bool {
        self.director.is_none_or(|d| e.director_id == d)
            && self.region.as_ref().is_none_or(|r| e.regions.contains(r))
            && self.light.is_none_or(|l| e.light() == Some(l))
            && (!self.not_submitted || !e.submitted())
    }

    pub fn apply<'a>(&self, entries: &'a [PortfolioEntry]) -> Vec<&'a PortfolioEntry> {
        entries.iter().filter(|e| self.keeps(e)).collect()
    }
}

/// How many accounts have each colour, and how many have no card yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LightCounts {
    pub red: u32,
    pub yellow: u32,
    pub green: u32,
    pub none: u32,
    pub not_submitted: u32,
}

pub fn counts<'a>(entries: impl IntoIterator<Item = &'a PortfolioEntry>) -> LightCounts {
    let mut c = LightCounts::default();
    for e in entries {
        match e.light() {
            Some(TrafficLight::Red) => c.red += 1,
            Some(TrafficLight::Yellow) => c.yellow += 1,
            Some(TrafficLight::Green) => c.green += 1,
            None => c.none += 1,
        }
        if !e.submitted() {
            c.not_submitted += 1;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::YearMonth;

    fn entry(name: &str, light: Option<TrafficLight>, submitted: bool, region: &str) -> PortfolioEntry {
        PortfolioEntry {
            account_id: AccountId(name.len() as i64),
            name: name.into(),
            director_id: PersonId(if region == "Uusimaa" { 1 } else { 2 }),
            director_name: String::new(),
            regions: vec![region.into()],
            towns: Vec::new(),
            site_count: 1,
            contract_start: None,
            contract_value: None,
            card: light.map(|l| {
                let mut c = QualityCard::blank(
                    AccountId(1),
                    YearMonth {
                        year: 2026,
                        month: 11,
                    },
                );
                c.light = l;
                if submitted {
                    c.workflow.state = CardState::Submitted;
                }
                c
            }),
            previous_light: None,
            open_instructions: 0,
        }
    }

    #[test]
    fn reds_and_yellows_come_first_then_a_to_o() {
        let mut list = vec![
            entry("Alma Oy", Some(TrafficLight::Green), true, "Uusimaa"),
            entry("Örö Oy", Some(TrafficLight::Red), true, "Uusimaa"),
            entry("Beta Oy", None, false, "Pirkanmaa"),
            entry("Ähtäri Oy", Some(TrafficLight::Red), false, "Pirkanmaa"),
            entry("Gamma Oy", Some(TrafficLight::Yellow), true, "Uusimaa"),
        ];
        order(&mut list);
        let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ähtäri Oy", "Örö Oy", "Gamma Oy", "Alma Oy", "Beta Oy"]);
        let c = counts(&list);
        assert_eq!(
            (c.red, c.yellow, c.green, c.none, c.not_submitted),
            (2, 1, 1, 1, 2)
        );
        let waiting = PortfolioFilter {
            not_submitted: true,
            ..Default::default()
        };
        assert_eq!(waiting.apply(&list).len(), 2);
        let region_red = PortfolioFilter {
            region: Some("Pirkanmaa".into()),
            light: Some(TrafficLight::Red),
            ..Default::default()
        };
        assert_eq!(region_red.apply(&list)[0].name, "Ähtäri Oy");
        let director = PortfolioFilter {
            director: Some(PersonId(1)),
            ..Default::default()
        };
        assert_eq!(director.apply(&list).len(), 3);
    }
}
