//! A card against its past: key figures month by month (for sparklines) and what changed
//! since the previous card.

use super::{CardFigure, CardText, Direction, QualityCard, TrafficLight};
use serde::{Deserialize, Serialize};

/// The figures drawn as sparklines on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyFigure {
    Satisfaction,
    AuditScore,
    VisitsDone,
    /// Margin %, in tenths.
    Margin,
}

impl KeyFigure {
    pub const ALL: [KeyFigure; 4] = [
        KeyFigure::Satisfaction,
        KeyFigure::AuditScore,
        KeyFigure::VisitsDone,
        KeyFigure::Margin,
    ];

    pub fn value(self, card: &QualityCard) -> Option<i64> {
        match self {
            KeyFigure::Satisfaction => card.figures.satisfaction.map(i64::from),
            KeyFigure::AuditScore => card.figures.audit_score.map(i64::from),
            KeyFigure::VisitsDone => card.facts.as_ref()?.visits.done_pct().map(i64::from),
            KeyFigure::Margin => card.facts.as_ref()?.money.as_ref()?.margin_pct_tenths(),
        }
    }
}

/// The points of a sparkline `width`×`height` (SVG units, y down) for values oldest first;
/// months without a value are left out, and a flat line sits in the middle.
pub fn sparkline(values: &[Option<i64>], width: f64, height: f64) -> Vec<(f64, f64)> {
    let known: Vec<i64> = values.iter().flatten().copied().collect();
    let (Some(lo), Some(hi)) = (known.iter().min(), known.iter().max()) else {
        return Vec::new();
    };
    let step = if values.len() > 1 {
        width / (values.len() - 1) as f64
    } else {
        0.0
    };
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let v = (*v)?;
            let y = if hi == lo {
                height / 2.0
            } else {
                height - (v - lo) as f64 / (hi - lo) as f64 * height
            };
            Some((i as f64 * step, y))
        })
        .collect()
}

/// One thing that differs from the previous card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Light {
        from: TrafficLight,
        to: TrafficLight,
    },
    Direction {
        from: Option<Direction>,
        to: Option<Direction>,
    },
    Figure {
        figure: CardFigure,
        from: Option<u32>,
        to: Option<u32>,
    },
    VisitsDone {
        from: Option<u32>,
        to: Option<u32>,
    },
    Text(CardText),
    Summary,
}

/// What changed from `previous` (last month's card) to `current`.
pub fn changes_since(previous: &QualityCard, current: &QualityCard) -> Vec<Change> {
    let mut out = Vec::new();
    if previous.light != current.light {
        out.push(Change::Light {
            from: previous.light,
            to: current.light,
        });
    }
    if previous.direction != current.direction {
        out.push(Change::Direction {
            from: previous.direction,
            to: current.direction,
        });
    }
    let visits = |c: &QualityCard| c.facts.as_ref().and_then(|f| f.visits.done_pct());
    if visits(previous) != visits(current) {
        out.push(Change::VisitsDone {
            from: visits(previous),
            to: visits(current),
        });
    }
    for figure in CardFigure::ALL {
        let (from, to) = (previous.figures.get(figure), current.figures.get(figure));
        if from != to {
            out.push(Change::Figure { figure, from, to });
        }
    }
    if previous.summary.trim() != current.summary.trim() {
        out.push(Change::Summary);
    }
    for text in CardText::ALL {
        if previous.texts.get(text).trim() != current.texts.get(text).trim() {
            out.push(Change::Text(text));
        }
    }
    out
}

/// The card just before `current` among the account's cards (by period).
pub fn previous_of<'a>(cards: &'a [QualityCard], current: &QualityCard) -> Option<&'a QualityCard> {
    cards
        .iter()
        .filter(|c| c.period < current.period)
        .max_by_key(|c| c.period)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::card::facts::{CardFacts, VisitTally};
    use crate::domain::dates::YearMonth;
    use crate::domain::ids::AccountId;

    fn card(month: u32) -> QualityCard {
        QualityCard::blank(AccountId(1), YearMonth { year: 2026, month })
    }

    #[test]
    fn a_sparkline_spans_its_box_and_skips_months_without_a_value() {
        let points = sparkline(&[Some(70), None, Some(90), Some(80)], 60.0, 20.0);
        assert_eq!(points, vec![(0.0, 20.0), (40.0, 0.0), (60.0, 10.0)]);
        assert_eq!(
            sparkline(&[Some(5), Some(5)], 10.0, 20.0),
            vec![(0.0, 10.0), (10.0, 10.0)]
        );
        assert!(sparkline(&[None, None], 10.0, 10.0).is_empty());
    }

    #[test]
    fn changes_since_last_month_name_the_light_figures_and_texts_that_changed() {
        let mut oct = card(10);
        oct.figures.satisfaction = Some(82);
        oct.facts = Some(CardFacts {
            visits: VisitTally {
                planned: 10,
                due: 10,
                done: 10,
            },
            money: None,
            ..CardFacts::default()
        });
        let mut nov = oct.clone();
        nov.period.month = 11;
        nov.light = TrafficLight::Red;
        nov.figures.satisfaction = Some(64);
        nov.texts.risks = "Avainhenkilö lähtee".into();
        let changes = changes_since(&oct, &nov);
        assert_eq!(
            changes,
            vec![
                Change::Light {
                    from: TrafficLight::Green,
                    to: TrafficLight::Red
                },
                Change::Figure {
                    figure: CardFigure::Satisfaction,
                    from: Some(82),
                    to: Some(64)
                },
                Change::Text(CardText::Risks),
            ]
        );
        let cards = vec![card(9), oct.clone(), nov.clone()];
        assert_eq!(previous_of(&cards, &nov).map(|c| c.period.month), Some(10));
        assert!(previous_of(&cards, &cards[0]).is_none());
    }
}
