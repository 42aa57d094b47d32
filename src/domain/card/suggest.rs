//! The suggested light: Kamu proposes green, yellow or red from the card's figures, and says
//! why. Admins set the rules (which measures, their weights and the colour limits); the
//! director decides the light.

use super::facts::CardFacts;
use super::{QualityCard, TrafficLight};
use serde::{Deserialize, Serialize};

/// What a rule measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Site visits done of those due, % (from the clock).
    VisitsDone,
    /// Customer-satisfaction index, 0–100.
    Satisfaction,
    /// Quality audit score, %.
    AuditScore,
    /// Complaints in the card's months.
    Complaints,
    /// Serious risks still open.
    RedRisks,
    /// Margin % minus the budget's margin %, in percentage points.
    MarginVsTarget,
    /// Hours of account care used of the hour budget, %.
    HoursOfBudget,
}

impl Measure {
    pub const ALL: [Measure; 7] = [
        Measure::VisitsDone,
        Measure::Satisfaction,
        Measure::AuditScore,
        Measure::Complaints,
        Measure::RedRisks,
        Measure::MarginVsTarget,
        Measure::HoursOfBudget,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::VisitsDone => "visits_done",
            Measure::Satisfaction => "satisfaction",
            Measure::AuditScore => "audit_score",
            Measure::Complaints => "complaints",
            Measure::RedRisks => "red_risks",
            Measure::MarginVsTarget => "margin_vs_target",
            Measure::HoursOfBudget => "hours_of_budget",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// More is better (visits, satisfaction) or less is better (complaints, hours over budget).
    pub fn higher_is_better(self) -> bool {
        matches!(
            self,
            Measure::VisitsDone | Measure::Satisfaction | Measure::AuditScore | Measure::MarginVsTarget
        )
    }

    /// The card's value of this measure, in the rule's unit; None when the card lacks it.
    /// Margin is in tenths of a percentage point, everything else in whole units.
    pub fn value(self, card: &QualityCard, facts: &CardFacts) -> Option<i64> {
        let entered = |v: Option<u32>| v.map(i64::from);
        match self {
            Measure::VisitsDone => facts.visits.done_pct().map(i64::from),
            Measure::Satisfaction => entered(card.figures.satisfaction),
            Measure::AuditScore => entered(card.figures.audit_score),
            Measure::Complaints => entered(card.figures.complaints),
            Measure::RedRisks => entered(card.figures.red_risks),
            Measure::MarginVsTarget => {
                let money = facts.money.as_ref()?;
                Some(money.margin_pct_tenths()? - money.margin_target_pct_tenths()?)
            }
            Measure::HoursOfBudget => facts.money.as_ref()?.hours_of_budget_pct(),
        }
    }
}

/// One rule: a measure, its weight, and the limits of green and yellow. For a measure where
/// more is better, a value at or above `green` is green, at or above `yellow` yellow, below
/// it red; where less is better, at or below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LightRule {
    pub measure: Measure,
    /// 0 switches the rule off; weights are relative to each other.
    pub weight: u32,
    pub green: i64,
    pub yellow: i64,
}

pub const MAX_WEIGHT: u32 = 10;

impl LightRule {
    pub fn judge(&self, value: i64) -> TrafficLight {
        let (green, yellow) = if self.measure.higher_is_better() {
            (value >= self.green, value >= self.yellow)
        } else {
            (value <= self.green, value <= self.yellow)
        };
        match (green, yellow) {
            (true, _) => TrafficLight::Green,
            (false, true) => TrafficLight::Yellow,
            _ => TrafficLight::Red,
        }
    }

    /// An admin's rule must make sense: green stricter than yellow, a weight in range.
    pub fn validate(&self) -> Result<(), &'static str> {
        if self.weight > MAX_WEIGHT {
            return Err("rule_weight");
        }
        let ordered = if self.measure.higher_is_better() {
            self.green >= self.yellow
        } else {
            self.green <= self.yellow
        };
        if !ordered {
            return Err("rule_limits_order");
        }
        Ok(())
    }
}

/// The company's rules until an admin changes them.
pub fn standard_rules() -> Vec<LightRule> {
    let rule = |measure, weight, green, yellow| LightRule {
        measure,
        weight,
        green,
        yellow,
    };
    vec![
        rule(Measure::VisitsDone, 3, 95, 80),
        rule(Measure::Satisfaction, 3, 80, 70),
        rule(Measure::AuditScore, 2, 90, 80),
        rule(Measure::Complaints, 2, 1, 3),
        rule(Measure::RedRisks, 3, 0, 1),
        // Tenths of a percentage point: on budget is green, 2 points under is still yellow.
        rule(Measure::MarginVsTarget, 2, 0, -20),
        rule(Measure::HoursOfBudget, 1, 100, 120),
    ]
}

/// What one rule said about the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub rule: LightRule,
    pub value: i64,
    pub light: TrafficLight,
}

/// The suggestion and its reasons; `light` is None when no rule had figures to judge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub light: Option<TrafficLight>,
    pub verdicts: Vec<Verdict>,
    /// Rules that had nothing to judge (figure missing), so the reader knows what was left out.
    pub missing: Vec<Measure>,
}

/// Weighs every rule that has a value: green counts 0, yellow 1, red 2. A weighted mean
/// below 0.5 is green, below 1.25 yellow, otherwise red; and any red rule makes at least
/// yellow, so a single bad figure is never averaged away.
pub fn suggest(rules: &[LightRule], card: &QualityCard, facts: &CardFacts) -> Suggestion {
    let mut verdicts = Vec::new();
    let mut missing = Vec::new();
    for rule in rules.iter().filter(|r| r.weight > 0) {
        match rule.measure.value(card, facts) {
            Some(value) => verdicts.push(Verdict {
                rule: rule.clone(),
                value,
                light: rule.judge(value),
            }),
            None => missing.push(rule.measure),
        }
    }
    let weight: u32 = verdicts.iter().map(|v| v.rule.weight).sum();
    let light = (weight > 0).then(|| {
        let points: u32 = verdicts
            .iter()
            .map(|v| {
                v.rule.weight
                    * match v.light {
                        TrafficLight::Green => 0,
                        TrafficLight::Yellow => 1,
                        TrafficLight::Red => 2,
                    }
            })
            .sum();
        // Compare in quarters to stay in integers: mean < 0.5 ⇔ 4·points < 2·weight.
        let any_red = verdicts.iter().any(|v| v.light == TrafficLight::Red);
        if 4 * points >= 5 * weight {
            TrafficLight::Red
        } else if 4 * points >= 2 * weight || any_red {
            TrafficLight::Yellow
        } else {
            TrafficLight::Green
        }
    });
    Suggestion {
        light,
        verdicts,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::card::facts::{MoneyFacts, VisitTally};
    use crate::domain::dates::YearMonth;
    use crate::domain::ids::AccountId;

    fn card() -> QualityCard {
        QualityCard::blank(
            AccountId(1),
            YearMonth {
                year: 2026,
                month: 11,
            },
        )
    }

    fn visits(due: u32, done: u32) -> CardFacts {
        CardFacts {
            visits: VisitTally {
                planned: due,
                due,
                done,
            },
            money: None,
            ..CardFacts::default()
        }
    }

    fn only(measure: Measure) -> Vec<LightRule> {
        standard_rules()
            .into_iter()
            .filter(|r| r.measure == measure)
            .collect()
    }

    fn suggested(rules: &[LightRule], card: &QualityCard, facts: &CardFacts) -> Option<TrafficLight> {
        suggest(rules, card, facts).light
    }

    #[test]
    fn rule_visits_done_behind_plan_turns_yellow_then_red() {
        let rules = only(Measure::VisitsDone);
        assert_eq!(
            suggested(&rules, &card(), &visits(20, 20)),
            Some(TrafficLight::Green)
        );
        assert_eq!(
            suggested(&rules, &card(), &visits(20, 17)),
            Some(TrafficLight::Yellow)
        ); // 85 %
        assert_eq!(
            suggested(&rules, &card(), &visits(20, 12)),
            Some(TrafficLight::Red)
        ); // 60 %
           // Nothing due yet: the rule has nothing to say.
        let none = suggest(&rules, &card(), &visits(0, 0));
        assert_eq!((none.light, none.missing), (None, vec![Measure::VisitsDone]));
    }

    #[test]
    fn rule_satisfaction_below_target() {
        let rules = only(Measure::Satisfaction);
        let mut c = card();
        c.figures.satisfaction = Some(82);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Green)
        );
        c.figures.satisfaction = Some(74);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Yellow)
        );
        c.figures.satisfaction = Some(60);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Red)
        );
    }

    #[test]
    fn rule_audit_score_below_limits() {
        let rules = only(Measure::AuditScore);
        let mut c = card();
        c.figures.audit_score = Some(90);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Green)
        );
        c.figures.audit_score = Some(79);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Red)
        );
    }

    #[test]
    fn rule_complaints_fewer_is_better() {
        let rules = only(Measure::Complaints);
        let mut c = card();
        c.figures.complaints = Some(1);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Green)
        );
        c.figures.complaints = Some(3);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Yellow)
        );
        c.figures.complaints = Some(4);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Red)
        );
    }

    #[test]
    fn rule_red_risks_open_one_is_yellow_two_is_red() {
        let rules = only(Measure::RedRisks);
        let mut c = card();
        c.figures.red_risks = Some(0);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Green)
        );
        c.figures.red_risks = Some(1);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Yellow)
        );
        c.figures.red_risks = Some(2);
        assert_eq!(
            suggested(&rules, &c, &CardFacts::default()),
            Some(TrafficLight::Red)
        );
    }

    fn money(revenue: i64, margin: i64, hours_tenths: i64) -> CardFacts {
        CardFacts {
            visits: VisitTally::default(),
            money: Some(MoneyFacts {
                months: 1,
                revenue,
                margin,
                hours_tenths,
                revenue_target: Some(100_000),
                margin_target: Some(10_000),
                hour_budget_tenths: Some(400),
            }),
            ..CardFacts::default()
        }
    }

    #[test]
    fn rule_margin_against_the_budgets_margin() {
        let rules = only(Measure::MarginVsTarget);
        assert_eq!(
            suggested(&rules, &card(), &money(100_000, 10_500, 0)),
            Some(TrafficLight::Green)
        );
        // 8.5 % against 10 %: 1.5 points under.
        assert_eq!(
            suggested(&rules, &card(), &money(100_000, 8_500, 0)),
            Some(TrafficLight::Yellow)
        );
        assert_eq!(
            suggested(&rules, &card(), &money(100_000, 7_000, 0)),
            Some(TrafficLight::Red)
        );
        // Without a budget there is no target to compare with.
        let mut no_budget = money(100_000, 7_000, 0);
        no_budget.money.as_mut().unwrap().margin_target = None;
        assert_eq!(suggested(&rules, &card(), &no_budget), None);
    }

    #[test]
    fn rule_hours_over_the_account_care_budget() {
        let rules = only(Measure::HoursOfBudget);
        assert_eq!(
            suggested(&rules, &card(), &money(1, 0, 380)),
            Some(TrafficLight::Green)
        );
        assert_eq!(
            suggested(&rules, &card(), &money(1, 0, 460)),
            Some(TrafficLight::Yellow)
        );
        assert_eq!(
            suggested(&rules, &card(), &money(1, 0, 520)),
            Some(TrafficLight::Red)
        );
    }

    #[test]
    fn weights_decide_between_rules_and_one_red_is_never_averaged_to_green() {
        let rules = standard_rules();
        let mut c = card();
        c.figures.satisfaction = Some(85);
        c.figures.audit_score = Some(95);
        c.figures.complaints = Some(0);
        c.figures.red_risks = Some(0);
        // Visits 60 % (red, weight 3) among four green rules: weighted mean 6/13 < 0.5, yet yellow.
        let s = suggest(&rules, &c, &visits(10, 6));
        assert_eq!(s.light, Some(TrafficLight::Yellow));
        assert_eq!(s.verdicts.len(), 5);
        assert!(s.missing.contains(&Measure::MarginVsTarget));
        // Visits and risks red, satisfaction yellow: mean 15/13, still yellow.
        c.figures.red_risks = Some(3);
        c.figures.satisfaction = Some(72);
        assert_eq!(suggested(&rules, &c, &visits(10, 6)), Some(TrafficLight::Yellow));
        // And the audit red as well: mean 19/13 ≥ 1.25, red.
        c.figures.audit_score = Some(70);
        assert_eq!(suggested(&rules, &c, &visits(10, 6)), Some(TrafficLight::Red));
        // A rule with weight 0 is off.
        let off: Vec<LightRule> = rules
            .iter()
            .cloned()
            .map(|mut r| {
                r.weight = 0;
                r
            })
            .collect();
        assert_eq!(suggested(&off, &c, &visits(10, 6)), None);
    }

    #[test]
    fn rules_with_limits_the_wrong_way_round_are_refused() {
        let mut r = standard_rules().remove(0);
        assert!(r.validate().is_ok());
        r.yellow = 99;
        assert_eq!(r.validate(), Err("rule_limits_order"));
        let mut c = standard_rules().remove(3);
        c.green = 5;
        assert_eq!(c.validate(), Err("rule_limits_order"));
        c.green = 1;
        c.weight = 11;
        assert_eq!(c.validate(), Err("rule_weight"));
    }
}
