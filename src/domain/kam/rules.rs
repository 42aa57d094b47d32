//! The KAM practice's rules that admins set for the whole company (issue 19): which projects are
//! one-offs (`revenue::OneOffRule`) and how many deals a meeting must bring to pay for itself
//! (the forecast's turning point, seed 002 Q6). Kept with the quality card's light rules on the
//! admins' rules page.

use super::revenue::OneOffRule;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KamRules {
    /// Projects over this many euros within `one_off_within_months` are one-offs.
    pub one_off_over_eur: i64,
    pub one_off_within_months: u32,
    /// The deals a meeting must bring, in hundredths (10 = 0.10 deals: a meeting's cost is a
    /// tenth of a deal's worth).
    pub meeting_worth_hundredths: u32,
}

impl Default for KamRules {
    fn default() -> Self {
        let one_off = OneOffRule::default();
        KamRules {
            one_off_over_eur: one_off.over_eur,
            one_off_within_months: one_off.within_months,
            meeting_worth_hundredths: 10,
        }
    }
}

impl KamRules {
    /// Values a person could mean: a limit of a euro to a hundred million, a window of a
    /// month to ten years, a meeting worth 0.01–5 deals. The key names what is wrong.
    pub fn check(&self) -> Result<(), &'static str> {
        if !(1..=100_000_000).contains(&self.one_off_over_eur) {
            return Err("rule_one_off_over");
        }
        if !(1..=120).contains(&self.one_off_within_months) {
            return Err("rule_one_off_within");
        }
        if !(1..=500).contains(&self.meeting_worth_hundredths) {
            return Err("rule_meeting_worth");
        }
        Ok(())
    }

    pub fn one_off(&self) -> OneOffRule {
        OneOffRule {
            over_eur: self.one_off_over_eur,
            within_months: self.one_off_within_months,
        }
    }

    /// The deals a meeting must bring, as the forecast reads it.
    pub fn worth(&self) -> f64 {
        f64::from(self.meeting_worth_hundredths) / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_rules_are_the_issues_example_and_nonsense_is_named() {
        let standard = KamRules::default();
        assert_eq!(standard.check(), Ok(()));
        assert_eq!(standard.one_off(), OneOffRule::default());
        assert!((standard.worth() - crate::domain::kam::forecast::DEFAULT_WORTH).abs() < 1e-9);
        let with = |f: fn(&mut KamRules)| {
            let mut r = standard;
            f(&mut r);
            r.check()
        };
        assert_eq!(with(|r| r.one_off_over_eur = 0), Err("rule_one_off_over"));
        assert_eq!(
            with(|r| r.one_off_within_months = 121),
            Err("rule_one_off_within")
        );
        assert_eq!(
            with(|r| r.meeting_worth_hundredths = 0),
            Err("rule_meeting_worth")
        );
    }
}
