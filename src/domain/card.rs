//! The quality card (laatukortti): one month's status of an account for the management team.

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

/// One period's card of an account. Later issues add figures, workflow and versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityCard {
    pub account_id: AccountId,
    pub period: YearMonth,
    pub light: TrafficLight,
    pub summary: String,
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
        }
    }
}

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

/// The newest card by period.
pub fn latest(cards: &[QualityCard]) -> Option<&QualityCard> {
    cards.iter().max_by_key(|c| c.period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(year: i32, month: u32, light: TrafficLight) -> QualityCard {
        QualityCard {
            account_id: AccountId(1),
            period: YearMonth { year, month },
            light,
            summary: String::new(),
        }
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
    fn lights_round_trip_through_their_stored_names() {
        for l in [TrafficLight::Green, TrafficLight::Yellow, TrafficLight::Red] {
            assert_eq!(TrafficLight::parse(l.as_str()), Some(l));
        }
        assert_eq!(TrafficLight::parse("blue"), None);
    }
}
