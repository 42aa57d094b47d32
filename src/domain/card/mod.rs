//! The quality card (laatukortti): one month's status of an account for the management team.

pub mod facts;
pub mod history;
pub mod import;
pub mod portfolio;
pub mod response;
pub mod suggest;
pub mod workflow;

use super::clock::{PersonRef, StatusMark};
use super::dates::YearMonth;
use super::ids::AccountId;
use serde::{Deserialize, Serialize};

/// Green = fine, yellow = needs attention, red = difficult, with problems and fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrafficLight {
    Green,
    Yellow,
    Red,
}

impl TrafficLight {
    pub fn as_str(self) -> &'static str {
        match self {
            TrafficLight::Green => "green",
            TrafficLight::Yellow => "yellow",
            TrafficLight::Red => "red",
        }
    }

    pub fn parse(s: &str) -> Option<TrafficLight> {
        match s {
            "green" => Some(TrafficLight::Green),
            "yellow" => Some(TrafficLight::Yellow),
            "red" => Some(TrafficLight::Red),
            _ => None,
        }
    }

    /// Yellow and red must say what is wrong; green may be short.
    pub fn needs_explanation(self) -> bool {
        !matches!(self, TrafficLight::Green)
    }
}

/// Where the account is heading, as the director sees it (the card's trend arrow).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Steady,
    Down,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Up, Direction::Steady, Direction::Down];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Steady => "steady",
            Direction::Down => "down",
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Up => "↗",
            Direction::Steady => "→",
            Direction::Down => "↘",
        }
    }
}

/// What management must know, each in the director's own words (002 Q3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardText {
    OrgChanges,
    Potentials,
    Risks,
    SupportNeeded,
}

impl CardText {
    pub const ALL: [CardText; 4] = [
        CardText::OrgChanges,
        CardText::Potentials,
        CardText::Risks,
        CardText::SupportNeeded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardText::OrgChanges => "org_changes",
            CardText::Potentials => "potentials",
            CardText::Risks => "risks",
            CardText::SupportNeeded => "support_needed",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardTexts {
    pub org_changes: String,
    pub potentials: String,
    pub risks: String,
    pub support_needed: String,
}

impl CardTexts {
    pub fn get(&self, which: CardText) -> &str {
        match which {
            CardText::OrgChanges => &self.org_changes,
            CardText::Potentials => &self.potentials,
            CardText::Risks => &self.risks,
            CardText::SupportNeeded => &self.support_needed,
        }
    }

    pub fn set(&mut self, which: CardText, value: String) {
        match which {
            CardText::OrgChanges => self.org_changes = value,
            CardText::Potentials => self.potentials = value,
            CardText::Risks => self.risks = value,
            CardText::SupportNeeded => self.support_needed = value,
        }
    }
}

/// The figures the director types in (what Kamu cannot know by itself). Visits, revenue,
/// margin and hours are never typed: they come from the clock and the finance import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardFigure {
    /// Customer-satisfaction index, 0–100.
    Satisfaction,
    /// Quality audit score, 0–100 %.
    AuditScore,
    Complaints,
    FaultReports,
    StaffChanges,
    InductionsDone,
    /// Serious ("red") risks still open.
    RedRisks,
}

impl CardFigure {
    pub const ALL: [CardFigure; 7] = [
        CardFigure::Satisfaction,
        CardFigure::AuditScore,
        CardFigure::Complaints,
        CardFigure::FaultReports,
        CardFigure::StaffChanges,
        CardFigure::InductionsDone,
        CardFigure::RedRisks,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardFigure::Satisfaction => "satisfaction",
            CardFigure::AuditScore => "audit_score",
            CardFigure::Complaints => "complaints",
            CardFigure::FaultReports => "fault_reports",
            CardFigure::StaffChanges => "staff_changes",
            CardFigure::InductionsDone => "inductions_done",
            CardFigure::RedRisks => "red_risks",
        }
    }

    /// The largest value that makes sense (indexes and percentages stop at 100).
    pub fn max(self) -> u32 {
        match self {
            CardFigure::Satisfaction | CardFigure::AuditScore => 100,
            _ => 10_000,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnteredFigures {
    pub satisfaction: Option<u32>,
    pub audit_score: Option<u32>,
    pub complaints: Option<u32>,
    pub fault_reports: Option<u32>,
    pub staff_changes: Option<u32>,
    pub inductions_done: Option<u32>,
    pub red_risks: Option<u32>,
}

impl EnteredFigures {
    pub fn get(&self, which: CardFigure) -> Option<u32> {
        match which {
            CardFigure::Satisfaction => self.satisfaction,
            CardFigure::AuditScore => self.audit_score,
            CardFigure::Complaints => self.complaints,
            CardFigure::FaultReports => self.fault_reports,
            CardFigure::StaffChanges => self.staff_changes,
            CardFigure::InductionsDone => self.inductions_done,
            CardFigure::RedRisks => self.red_risks,
        }
    }

    pub fn set(&mut self, which: CardFigure, value: Option<u32>) {
        let slot = match which {
            CardFigure::Satisfaction => &mut self.satisfaction,
            CardFigure::AuditScore => &mut self.audit_score,
            CardFigure::Complaints => &mut self.complaints,
            CardFigure::FaultReports => &mut self.fault_reports,
            CardFigure::StaffChanges => &mut self.staff_changes,
            CardFigure::InductionsDone => &mut self.inductions_done,
            CardFigure::RedRisks => &mut self.red_risks,
        };
        *slot = value;
    }
}

/// Where a card is in its monthly round: the director drafts and submits, management reviews.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardState {
    #[default]
    Draft,
    Submitted,
    Reviewed,
}

impl CardState {
    pub fn as_str(self) -> &'static str {
        match self {
            CardState::Draft => "draft",
            CardState::Submitted => "submitted",
            CardState::Reviewed => "reviewed",
        }
    }

    pub fn parse(s: &str) -> Option<CardState> {
        [CardState::Draft, CardState::Submitted, CardState::Reviewed]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// The card's round and version: submitted cards are frozen; a correction makes a new
/// version (the old one is kept in the history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workflow {
    pub state: CardState,
    pub version: u32,
    pub submitted: Option<StatusMark>,
    pub reviewed: Option<StatusMark>,
}

impl Default for Workflow {
    fn default() -> Self {
        Workflow {
            state: CardState::Draft,
            version: 1,
            submitted: None,
            reviewed: None,
        }
    }
}

/// Who set the light last, when, and what it was before (the previous month's light for a
/// new card).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LightMark {
    pub previous: Option<TrafficLight>,
    pub by: PersonRef,
    pub on: chrono::NaiveDate,
}

/// One period's card of an account: the month it is written for (`period`), optionally
/// covering the months from `covers_from` (a range like 1–8/2026).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityCard {
    pub account_id: AccountId,
    pub period: YearMonth,
    pub light: TrafficLight,
    pub summary: String,
    /// First month of the range the card covers, in the same year; None = the month only.
    #[serde(default)]
    pub covers_from: Option<u32>,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub texts: CardTexts,
    #[serde(default)]
    pub figures: EnteredFigures,
    #[serde(default)]
    pub workflow: Workflow,
    #[serde(default)]
    pub light_mark: Option<LightMark>,
    /// What Kamu knows by itself (visits from the clock, money and hours from the finance
    /// import): computed on every read of a draft, frozen when the card is submitted.
    #[serde(default)]
    pub facts: Option<facts::CardFacts>,
}

impl QualityCard {
    /// A month's card before anyone wrote it: green and empty. Offline edits of a card that
    /// does not exist yet are based on this, on the server and on every device alike.
    pub fn blank(account_id: AccountId, period: YearMonth) -> QualityCard {
        QualityCard {
            account_id,
            period,
            light: TrafficLight::Green,
            summary: String::new(),
            covers_from: None,
            direction: None,
            texts: CardTexts::default(),
            figures: EnteredFigures::default(),
            workflow: Workflow::default(),
            light_mark: None,
            facts: None,
        }
    }

    /// The months the card covers, first and last.
    pub fn months(&self) -> (YearMonth, YearMonth) {
        let from = self
            .covers_from
            .filter(|m| (1..=self.period.month).contains(m))
            .unwrap_or(self.period.month);
        (
            YearMonth {
                year: self.period.year,
                month: from,
            },
            self.period,
        )
    }

    /// "11/2026" or "1–8/2026".
    pub fn period_label(&self) -> String {
        let (from, to) = self.months();
        if from == to {
            to.short_label()
        } else {
            format!("{}–{}/{}", from.month, to.month, to.year)
        }
    }

    /// Drafts are edited; submitted and reviewed cards are frozen.
    pub fn is_frozen(&self) -> bool {
        self.workflow.state != CardState::Draft
    }
}

/// The longest text of the "what management must know" fields (characters).
pub const MAX_TEXT_CHARS: usize = 2000;

/// The longest description a card may carry (characters).
pub const MAX_SUMMARY_CHARS: usize = 2000;

/// The shortest summary a yellow or red card may carry, so it says something real.
pub const MIN_EXPLANATION_CHARS: usize = 20;

/// Checks a card's text against its light.
pub fn validate_summary(light: TrafficLight, summary: &str) -> Result<(), &'static str> {
    let len = summary.trim().chars().count();
    if len > MAX_SUMMARY_CHARS {
        Err("summary_too_long")
    } else if light.needs_explanation() && len < MIN_EXPLANATION_CHARS {
        Err("summary_needs_explanation")
    } else {
        Ok(())
    }
}

/// A light changed since the previous card needs a description written for it: the previous
/// card's text, carried forward unchanged, would pass the length rule while describing last
/// month ("Vakaa kuukausi" on a yellow card).
pub fn validate_light_change(
    light: TrafficLight,
    summary: &str,
    previous: Option<&QualityCard>,
) -> Result<(), &'static str> {
    match previous {
        Some(p) if p.light != light && !summary.trim().is_empty() && p.summary.trim() == summary.trim() => {
            Err("summary_unchanged_for_new_light")
        }
        _ => Ok(()),
    }
}

/// The card before `period`: the one a new month's card starts from.
pub fn previous(cards: &[QualityCard], period: YearMonth) -> Option<&QualityCard> {
    cards
        .iter()
        .filter(|c| c.period < period)
        .max_by_key(|c| c.period)
}

/// The newest card by period.
pub fn latest(cards: &[QualityCard]) -> Option<&QualityCard> {
    cards.iter().max_by_key(|c| c.period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(year: i32, month: u32, light: TrafficLight) -> QualityCard {
        let mut card = QualityCard::blank(AccountId(1), YearMonth { year, month });
        card.light = light;
        card
    }

    #[test]
    fn a_changed_light_needs_a_description_of_its_own() {
        let mut october = card(2026, 10, TrafficLight::Green);
        october.summary = "Vakaa kuukausi, kaikki käynnit tehty ja tulos oli hyvä.".into();
        let carried = october.summary.clone();
        assert_eq!(
            validate_light_change(TrafficLight::Yellow, &carried, Some(&october)),
            Err("summary_unchanged_for_new_light")
        );
        // Same light, the text may stay; a new text, the light may change; no card before, no rule.
        assert!(validate_light_change(TrafficLight::Green, &carried, Some(&october)).is_ok());
        assert!(validate_light_change(
            TrafficLight::Yellow,
            "Kaksi käyntiä jäi tekemättä Porissa.",
            Some(&october)
        )
        .is_ok());
        assert!(validate_light_change(TrafficLight::Yellow, &carried, None).is_ok());
        let cards = vec![
            card(2026, 9, TrafficLight::Red),
            october.clone(),
            card(2026, 11, TrafficLight::Green),
        ];
        assert_eq!(
            previous(
                &cards,
                YearMonth {
                    year: 2026,
                    month: 11
                }
            ),
            Some(&october)
        );
    }

    #[test]
    fn the_latest_card_is_the_newest_period_across_years() {
        let cards = vec![
            card(2026, 1, TrafficLight::Red),
            card(2025, 12, TrafficLight::Green),
            card(2025, 11, TrafficLight::Yellow),
        ];
        assert_eq!(latest(&cards).unwrap().light, TrafficLight::Red);
        assert!(latest(&[]).is_none());
    }

    #[test]
    fn yellow_and_red_cards_must_explain_themselves() {
        assert!(validate_summary(TrafficLight::Green, "Kaikki hyvin.").is_ok());
        assert_eq!(
            validate_summary(TrafficLight::Red, "Huono."),
            Err("summary_needs_explanation")
        );
        assert!(validate_summary(
            TrafficLight::Yellow,
            "Laatupoikkeamia kahdessa kohteessa, korjaussuunnitelma tehty."
        )
        .is_ok());
        assert_eq!(
            validate_summary(TrafficLight::Green, &"x".repeat(2001)),
            Err("summary_too_long")
        );
    }

    #[test]
    fn a_card_covers_its_month_or_a_range_of_the_same_year() {
        let mut c = card(2026, 8, TrafficLight::Green);
        assert_eq!(c.period_label(), "8/2026");
        c.covers_from = Some(1);
        assert_eq!(c.period_label(), "1–8/2026");
        assert_eq!(c.months().0, YearMonth { year: 2026, month: 1 });
        // A start after the card's month makes no range.
        c.covers_from = Some(9);
        assert_eq!(c.period_label(), "8/2026");
    }

    #[test]
    fn lights_round_trip_through_their_stored_names() {
        for l in [TrafficLight::Green, TrafficLight::Yellow, TrafficLight::Red] {
            assert_eq!(TrafficLight::parse(l.as_str()), Some(l));
        }
        assert_eq!(TrafficLight::parse("blue"), None);
    }
}
