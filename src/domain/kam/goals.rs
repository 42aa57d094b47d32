//! Goals and targets of an account (issue 19, seed 002 Q2, Q9): money and activity targets for
//! the year, each beside its actual taken from the clock or the finance import, judged as the
//! quality card judges its visits: done of those due so far, rounded the same way
//! (`card::facts::done_of_due_pct`), against the same admin-set limits (`card::suggest`), so
//! that one account never shows two meanings of "yellow".

use crate::domain::card::facts::{done_of_due_pct, MonthFigures, VisitTally};
use crate::domain::card::suggest::LightRule;
use crate::domain::card::TrafficLight;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalMeasure {
    /// Revenue in whole euros (finance import).
    Revenue,
    /// Margin in whole euros (finance import).
    Margin,
    /// Customer meetings held (clock).
    CustomerMeetings,
    /// Development meetings held (the clock's steering-group meetings).
    DevelopmentMeetings,
    /// Staff meetings held, about four a year (clock).
    StaffMeetings,
    /// The yearly account presentation (clock).
    AccountPresentation,
}

/// The account year goals are for, first and last day: an account's year may start in any
/// month (its contract year), and its targets run with it, not with the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalYear {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl GoalYear {
    /// The account year `today` falls in, when the account's year starts in `start_month`.
    pub fn containing(today: NaiveDate, start_month: u32) -> GoalYear {
        let start_month = start_month.clamp(1, 12);
        let year = crate::domain::clock::account_year_of(today, start_month);
        let first = NaiveDate::from_ymd_opt(year, start_month, 1).unwrap_or(today);
        let last = NaiveDate::from_ymd_opt(year + 1, start_month, 1)
            .and_then(|next| next.pred_opt())
            .unwrap_or(today);
        GoalYear { first, last }
    }

    /// Days of the year passed by the end of `today`, and the year's length.
    fn elapsed(&self, today: NaiveDate) -> (i64, i64) {
        let length = (self.last - self.first).num_days() + 1;
        let passed = ((today - self.first).num_days() + 1).clamp(0, length);
        (passed, length)
    }
}

/// A yearly target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub measure: GoalMeasure,
    pub target: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalStatus {
    pub goal: Goal,
    /// How much of the target is due by today (the year's elapsed share, whole units down).
    pub due_by_now: i64,
    pub actual: i64,
    /// Actual of due, %; None while nothing is due yet.
    pub pct_of_due: Option<i64>,
    pub light: Option<TrafficLight>,
}

/// What is due by `today`. Money is due month by month as the finance import reports it, so
/// revenue counts whole months passed (`months_reported`). An activity is due by the account
/// year's elapsed share (in a calendar year, a staff-meeting target of 4 has 3 due at the end
/// of November and 4 on 31.12), or by the clock when it says more: a yearly presentation
/// planned for March is due once March has passed, not only on the year's last day
/// (`planned_passed`: the kind's events on the clock whose day has come, cancelled ones not
/// counted).
pub fn due_by(
    goal: Goal,
    year: GoalYear,
    today: NaiveDate,
    months_reported: u32,
    planned_passed: u32,
) -> i64 {
    match goal.measure {
        GoalMeasure::Revenue => goal.target.saturating_mul(i64::from(months_reported.min(12))) / 12,
        _ => {
            let (passed, length) = year.elapsed(today);
            let by_share = goal.target.saturating_mul(passed) / length.max(1);
            by_share.max(i64::from(planned_passed).min(goal.target))
        }
    }
}

/// Judges a goal with the card's visits rule (its green and yellow limits on "done of due").
pub fn status(
    goal: Goal,
    actual: i64,
    year: GoalYear,
    today: NaiveDate,
    months_reported: u32,
    planned_passed: u32,
    visits_rule: &LightRule,
) -> GoalStatus {
    let due = due_by(goal, year, today, months_reported, planned_passed);
    let pct = done_of_due_pct(actual, due);
    GoalStatus {
        goal,
        due_by_now: due,
        actual,
        pct_of_due: pct,
        light: pct.map(|p| visits_rule.judge(p)),
    }
}

/// "Planned meetings kept": meetings of the account plan due by today and those held, as the
/// share held (the clock's planned vs done); None when none were due.
pub fn kept_pct(planned_due: u32, held: u32) -> Option<i64> {
    done_of_due_pct(i64::from(held), i64::from(planned_due))
}

/// A money goal of the year from the finance import's months: what the months reported so far
/// were to bring (their targets) against what they brought; months without a target are left
/// out of both, so a missing budget does not read as a miss. None when no month has a target.
pub fn money(measure: GoalMeasure, months: &[MonthFigures], visits_rule: &LightRule) -> Option<GoalStatus> {
    let pick = |m: &MonthFigures| match measure {
        GoalMeasure::Margin => m.margin_target.map(|t| (t, m.margin)),
        _ => m.revenue_target.map(|t| (t, m.revenue)),
    };
    let (due, actual) = months
        .iter()
        .filter_map(pick)
        .fold(None, |sum: Option<(i64, i64)>, (t, v)| {
            let (due, actual) = sum.unwrap_or_default();
            Some((due.saturating_add(t), actual.saturating_add(v)))
        })?;
    let pct = done_of_due_pct(actual, due);
    Some(GoalStatus {
        goal: Goal { measure, target: due },
        due_by_now: due,
        actual,
        pct_of_due: pct,
        light: pct.map(|p| visits_rule.judge(p)),
    })
}

/// An activity goal whose target is the account plan: the year's meetings of its kind on the
/// clock (`card::facts::tally`: cancelled ones are not planned, moved ones count where they
/// are now). None when the plan has none of them.
pub fn planned(
    measure: GoalMeasure,
    plan: VisitTally,
    year: GoalYear,
    today: NaiveDate,
    visits_rule: &LightRule,
) -> Option<GoalStatus> {
    (plan.planned > 0).then(|| {
        let goal = Goal {
            measure,
            target: i64::from(plan.planned),
        };
        status(goal, i64::from(plan.done), year, today, 0, plan.due, visits_rule)
    })
}

/// Hours of account care used against the budget (tenths of an hour), over the months that
/// have a budget. None when no month has one.
pub fn hours(months: &[MonthFigures]) -> Option<(i64, i64)> {
    months
        .iter()
        .filter_map(|m| m.hour_budget_tenths.map(|b| (m.hours_tenths, b)))
        .fold(None, |sum: Option<(i64, i64)>, (used, budget)| {
            let (u, b) = sum.unwrap_or_default();
            Some((u.saturating_add(used), b.saturating_add(budget)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::card::suggest::{standard_rules, Measure};

    fn visits_rule() -> LightRule {
        standard_rules()
            .into_iter()
            .find(|r| r.measure == Measure::VisitsDone)
            .unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The calendar year 2026.
    fn cal() -> GoalYear {
        GoalYear::containing(d(2026, 6, 1), 1)
    }

    #[test]
    fn an_account_year_starting_in_september_has_its_own_share_due() {
        let year = GoalYear::containing(d(2026, 11, 30), 9);
        assert_eq!((year.first, year.last), (d(2026, 9, 1), d(2027, 8, 31)));
        let spring = GoalYear::containing(d(2027, 3, 1), 9);
        assert_eq!(
            spring, year,
            "March 2027 is still the year that began in September"
        );
        assert_eq!(
            cal(),
            GoalYear {
                first: d(2026, 1, 1),
                last: d(2026, 12, 31)
            }
        );
        let goal = Goal {
            measure: GoalMeasure::StaffMeetings,
            target: 4,
        };
        // Whole meetings due by the share of days passed, rounded down: the first of four is
        // due on 31.12. (122 of 365 days), where the calendar year has three due by 30.11.
        assert_eq!(due_by(goal, year, d(2026, 12, 31), 0, 0), 1);
        assert_eq!(due_by(goal, year, d(2026, 11, 30), 0, 0), 0);
        assert_eq!(due_by(goal, cal(), d(2026, 11, 30), 0, 0), 3);
        assert_eq!(due_by(goal, year, d(2027, 8, 31), 0, 0), 4);
        // Before the year or after it, nothing more than nothing or all of it is due.
        assert_eq!(due_by(goal, year, d(2026, 8, 1), 0, 0), 0);
        assert_eq!(due_by(goal, year, d(2027, 12, 1), 0, 0), 4);
    }

    #[test]
    fn four_staff_meetings_a_year_have_three_due_at_the_end_of_november() {
        let goal = Goal {
            measure: GoalMeasure::StaffMeetings,
            target: 4,
        };
        assert_eq!(due_by(goal, cal(), d(2026, 11, 30), 0, 0), 3);
        assert_eq!(due_by(goal, cal(), d(2026, 12, 31), 0, 0), 4);
        assert_eq!(due_by(goal, cal(), d(2026, 1, 15), 0, 0), 0);
        let s = status(goal, 3, cal(), d(2026, 11, 30), 0, 0, &visits_rule());
        assert_eq!((s.pct_of_due, s.light), (Some(100), Some(TrafficLight::Green)));
        let behind = status(goal, 2, cal(), d(2026, 11, 30), 0, 0, &visits_rule());
        assert_eq!(
            behind.light,
            Some(TrafficLight::Red),
            "2 of 3 = 67 % < the card's 80 %"
        );
        assert_eq!(behind.pct_of_due, Some(67), "rounded as the card rounds");
        let early = status(goal, 0, cal(), d(2026, 1, 15), 0, 0, &visits_rule());
        assert_eq!(
            (early.pct_of_due, early.light),
            (None, None),
            "nothing due, no light"
        );
    }

    #[test]
    fn a_yearly_presentation_is_due_when_its_planned_day_has_passed() {
        let goal = Goal {
            measure: GoalMeasure::AccountPresentation,
            target: 1,
        };
        // By the year's share alone it would be due only on 31.12.
        assert_eq!(due_by(goal, cal(), d(2026, 6, 30), 0, 0), 0);
        // Planned for March on the clock: due from then, and red while not held.
        let late = status(goal, 0, cal(), d(2026, 6, 30), 0, 1, &visits_rule());
        assert_eq!((late.due_by_now, late.light), (1, Some(TrafficLight::Red)));
        let held = status(goal, 1, cal(), d(2026, 6, 30), 0, 1, &visits_rule());
        assert_eq!(held.light, Some(TrafficLight::Green));
        // Planned twice (one moved and planned again): the target still caps what is due.
        assert_eq!(due_by(goal, cal(), d(2026, 6, 30), 0, 2), 1);
    }

    #[test]
    fn revenue_is_due_by_the_months_reported() {
        let goal = Goal {
            measure: GoalMeasure::Revenue,
            target: 1_200_000,
        };
        assert_eq!(due_by(goal, cal(), d(2026, 11, 30), 10, 0), 1_000_000);
        let s = status(goal, 900_000, cal(), d(2026, 11, 30), 10, 0, &visits_rule());
        assert_eq!((s.pct_of_due, s.light), (Some(90), Some(TrafficLight::Yellow)));
    }

    #[test]
    fn kept_meetings_count_at_most_those_planned() {
        assert_eq!(kept_pct(8, 6), Some(75));
        assert_eq!(kept_pct(8, 10), Some(100));
        assert_eq!(kept_pct(0, 2), None);
    }

    fn month(m: u32, revenue: i64, target: Option<i64>, hours: i64, budget: Option<i64>) -> MonthFigures {
        MonthFigures {
            account_id: crate::domain::ids::AccountId(1),
            period: crate::domain::dates::YearMonth { year: 2026, month: m },
            revenue,
            margin: revenue / 10,
            hours_tenths: hours,
            revenue_target: target,
            margin_target: target.map(|t| t / 10),
            hour_budget_tenths: budget,
        }
    }

    #[test]
    fn money_is_judged_against_the_targets_of_the_months_reported_and_a_month_without_one_is_left_out() {
        let months = [
            month(1, 90_000, Some(100_000), 100, Some(120)),
            month(2, 80_000, Some(100_000), 150, Some(120)),
            month(3, 500_000, None, 10, None),
        ];
        let s = money(GoalMeasure::Revenue, &months, &visits_rule()).unwrap();
        assert_eq!(
            (s.due_by_now, s.actual, s.pct_of_due),
            (200_000, 170_000, Some(85))
        );
        assert_eq!(
            s.light,
            Some(TrafficLight::Yellow),
            "85 % is under the card's 95 % green, over its 80 % yellow"
        );
        let margin = money(GoalMeasure::Margin, &months, &visits_rule()).unwrap();
        assert_eq!((margin.due_by_now, margin.actual), (20_000, 17_000));
        assert_eq!(
            money(GoalMeasure::Revenue, &months[2..], &visits_rule()),
            None,
            "no target, no goal"
        );
        assert_eq!(
            hours(&months),
            Some((250, 240)),
            "hours of the months with a budget"
        );
        assert_eq!(hours(&months[2..]), None);
    }

    #[test]
    fn the_account_plan_is_the_target_of_its_meetings() {
        let plan = VisitTally {
            planned: 4,
            due: 3,
            done: 2,
        };
        let s = planned(
            GoalMeasure::StaffMeetings,
            plan,
            cal(),
            d(2026, 11, 30),
            &visits_rule(),
        )
        .unwrap();
        assert_eq!((s.goal.target, s.due_by_now, s.actual), (4, 3, 2));
        assert_eq!(s.light, Some(TrafficLight::Red));
        assert_eq!(
            planned(
                GoalMeasure::StaffMeetings,
                VisitTally::default(),
                cal(),
                d(2026, 11, 30),
                &visits_rule()
            ),
            None
        );
    }
}
