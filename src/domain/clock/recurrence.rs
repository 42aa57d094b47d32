//! Recurring clock events stored as rules, their occurrences computed: "every month on the
//! 15th", "quarterly", "on the contract's anniversary", "every 6 weeks", "2nd Tuesday",
//! "last week of the month", "ISO week 38", or chosen dates. `series` keeps a rule with what
//! happened to single occurrences.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// How a series repeats. Days past a month's end fall on its last day (31st → 30.4., 28.2.).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Rule {
    /// Every month on this day.
    Monthly { day: u32 },
    /// Every third month from the series' first month, on this day.
    Quarterly { day: u32 },
    /// Every year on this day: a birthday on 29.2. falls on 28.2. in other years.
    Yearly { month: u32, day: u32 },
    /// Every `weeks` weeks from the series' first day (same weekday).
    EveryNWeeks { weeks: u32 },
    /// The `nth` (1–4) given weekday of every month: "2nd Tuesday".
    NthWeekday { nth: u32, weekday: Weekday },
    /// The given weekday of each month's last week (the month's last such day).
    LastWeek { weekday: Weekday },
    /// The given weekday of ISO week `week` every year; week 53 only in years that have one.
    IsoWeek { week: u32, weekday: Weekday },
    /// Chosen dates.
    Dates { dates: Vec<NaiveDate> },
}

/// A rule with its first day and, optionally, its last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub rule: Rule,
    pub starts_on: NaiveDate,
    pub until: Option<NaiveDate>,
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

/// The day in a month, moved back to the month's last day when the month is shorter.
fn clamped(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day.clamp(1, days_in_month(year, month)))
}

/// Months as one running number, so that stepping across year ends is plain arithmetic.
fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

fn from_month_index(i: i32) -> (i32, u32) {
    (i.div_euclid(12), i.rem_euclid(12) as u32 + 1)
}

fn nth_weekday(year: i32, month: u32, nth: u32, weekday: Weekday) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth.clamp(1, 5) as u8)
}

fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    let last = clamped(year, month, 31)?;
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    Some(last - Duration::days(back as i64))
}

impl Series {
    /// Every day the rule gives between `from` and `to` (both inclusive), in order.
    pub fn dates_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let from = from.max(self.starts_on);
        let to = self.until.map_or(to, |u| u.min(to));
        if from > to {
            return Vec::new();
        }
        let months = month_index(from)..=month_index(to);
        let mut out: Vec<NaiveDate> = match &self.rule {
            Rule::Monthly { day } => months
                .filter_map(|i| {
                    let (y, m) = from_month_index(i);
                    clamped(y, m, *day)
                })
                .collect(),
            Rule::Quarterly { day } => {
                let anchor = month_index(self.starts_on);
                months
                    .filter(|i| (i - anchor).rem_euclid(3) == 0)
                    .filter_map(|i| {
                        let (y, m) = from_month_index(i);
                        clamped(y, m, *day)
                    })
                    .collect()
            }
            Rule::Yearly { month, day } => (from.year()..=to.year())
                .filter_map(|y| clamped(y, (*month).clamp(1, 12), *day))
                .collect(),
            Rule::EveryNWeeks { weeks } => {
                let step = 7 * i64::from((*weeks).max(1));
                let since = (from - self.starts_on).num_days();
                // The first occurrence on or after `from`.
                let k = (since + step - 1).div_euclid(step);
                // Checked steps: a date near chrono's limits ends the list instead of panicking.
                let mut next = self.starts_on.checked_add_signed(Duration::days(k * step));
                let mut v = Vec::new();
                while let Some(d) = next.filter(|d| *d <= to) {
                    v.push(d);
                    next = d.checked_add_signed(Duration::days(step));
                }
                v
            }
            Rule::NthWeekday { nth, weekday } => months
                .filter_map(|i| {
                    let (y, m) = from_month_index(i);
                    nth_weekday(y, m, *nth, *weekday)
                })
                .collect(),
            Rule::LastWeek { weekday } => months
                .filter_map(|i| {
                    let (y, m) = from_month_index(i);
                    last_weekday(y, m, *weekday)
                })
                .collect(),
            Rule::IsoWeek { week, weekday } => (from.year() - 1..=to.year() + 1)
                .filter_map(|y| NaiveDate::from_isoywd_opt(y, *week, *weekday))
                .collect(),
            Rule::Dates { dates } => dates.clone(),
        };
        out.retain(|d| (from..=to).contains(d));
        out.sort();
        out.dedup();
        out
    }

    /// Whether the rule gives this day.
    pub fn occurs_on(&self, day: NaiveDate) -> bool {
        self.dates_between(day, day) == [day]
    }

    /// The same series one year later, for planning next year's clock: dates move by a year
    /// (29.2. to 28.2. when needed); anniversaries and weekday rules keep their own logic.
    pub fn next_year(&self) -> Series {
        let shift = |d: NaiveDate| clamped(d.year() + 1, d.month(), d.day()).unwrap_or(d);
        let rule = match &self.rule {
            Rule::Dates { dates } => Rule::Dates {
                dates: dates.iter().copied().map(shift).collect(),
            },
            other => other.clone(),
        };
        Series {
            rule,
            starts_on: shift(self.starts_on),
            until: self.until.map(shift),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn series(rule: Rule, starts_on: NaiveDate) -> Series {
        Series {
            rule,
            starts_on,
            until: None,
        }
    }

    #[test]
    fn monthly_on_the_31st_falls_on_each_months_last_day_leap_years_included() {
        let s = series(Rule::Monthly { day: 31 }, d(2028, 1, 1));
        let days = s.dates_between(d(2028, 1, 1), d(2028, 4, 30));
        assert_eq!(
            days,
            vec![d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31), d(2028, 4, 30)]
        );
        let plain = series(Rule::Monthly { day: 31 }, d(2026, 1, 1));
        assert_eq!(
            plain.dates_between(d(2026, 2, 1), d(2026, 2, 28)),
            vec![d(2026, 2, 28)]
        );
    }

    #[test]
    fn quarterly_counts_from_the_series_first_month_across_the_year_end() {
        // An account year from September: meetings in September, December, March and June.
        let s = series(Rule::Quarterly { day: 15 }, d(2026, 9, 1));
        let days = s.dates_between(d(2026, 9, 1), d(2027, 8, 31));
        assert_eq!(
            days,
            vec![d(2026, 9, 15), d(2026, 12, 15), d(2027, 3, 15), d(2027, 6, 15)]
        );
    }

    #[test]
    fn a_birthday_on_29_february_falls_on_28_february_in_other_years() {
        let s = series(Rule::Yearly { month: 2, day: 29 }, d(2024, 2, 29));
        assert_eq!(
            s.dates_between(d(2024, 1, 1), d(2028, 12, 31)),
            vec![
                d(2024, 2, 29),
                d(2025, 2, 28),
                d(2026, 2, 28),
                d(2027, 2, 28),
                d(2028, 2, 29)
            ]
        );
    }

    #[test]
    fn iso_week_53_exists_only_in_long_years() {
        // 2026 starts on a Thursday: it has an ISO week 53; 2027 does not.
        let s = series(
            Rule::IsoWeek {
                week: 53,
                weekday: Weekday::Mon,
            },
            d(2026, 1, 1),
        );
        assert_eq!(
            s.dates_between(d(2026, 1, 1), d(2027, 12, 31)),
            vec![d(2026, 12, 28)]
        );
        // Week 1 of 2027 begins in 2027 (4.1.), and week 1 of 2026 in 2025 (29.12.2025).
        let w1 = series(
            Rule::IsoWeek {
                week: 1,
                weekday: Weekday::Mon,
            },
            d(2025, 1, 1),
        );
        assert_eq!(
            w1.dates_between(d(2025, 6, 1), d(2027, 1, 31)),
            vec![d(2025, 12, 29), d(2027, 1, 4)]
        );
    }

    #[test]
    fn second_tuesday_and_last_week_of_the_month() {
        let tue = series(
            Rule::NthWeekday {
                nth: 2,
                weekday: Weekday::Tue,
            },
            d(2026, 1, 1),
        );
        assert_eq!(
            tue.dates_between(d(2026, 3, 1), d(2026, 4, 30)),
            vec![d(2026, 3, 10), d(2026, 4, 14)]
        );
        let last_fri = series(
            Rule::LastWeek {
                weekday: Weekday::Fri,
            },
            d(2026, 1, 1),
        );
        assert_eq!(
            last_fri.dates_between(d(2026, 1, 1), d(2026, 2, 28)),
            vec![d(2026, 1, 30), d(2026, 2, 27)]
        );
    }

    #[test]
    fn every_six_weeks_keeps_its_rhythm_from_the_first_day() {
        let s = series(Rule::EveryNWeeks { weeks: 6 }, d(2026, 1, 5));
        let days = s.dates_between(d(2026, 2, 1), d(2026, 5, 1));
        assert_eq!(days, vec![d(2026, 2, 16), d(2026, 3, 30)]);
        assert!(days.iter().all(|x| x.weekday() == Weekday::Mon));
    }

    #[test]
    fn chosen_dates_and_the_series_end_bound_the_occurrences() {
        let s = Series {
            rule: Rule::Monthly { day: 1 },
            starts_on: d(2026, 3, 1),
            until: Some(d(2026, 5, 1)),
        };
        assert_eq!(s.dates_between(d(2026, 1, 1), d(2026, 12, 31)).len(), 3);
        let chosen = series(
            Rule::Dates {
                dates: vec![d(2026, 10, 7), d(2026, 4, 2), d(2026, 4, 2)],
            },
            d(2026, 1, 1),
        );
        assert_eq!(
            chosen.dates_between(d(2026, 1, 1), d(2026, 12, 31)),
            vec![d(2026, 4, 2), d(2026, 10, 7)]
        );
    }

    #[test]
    fn planning_next_year_keeps_anniversaries_and_weekday_rules() {
        let birthday = series(Rule::Yearly { month: 2, day: 29 }, d(2024, 2, 29));
        let next = birthday.next_year();
        assert_eq!(
            next.dates_between(d(2025, 1, 1), d(2025, 12, 31)),
            vec![d(2025, 2, 28)]
        );
        assert_eq!(
            next.dates_between(d(2028, 1, 1), d(2028, 12, 31)),
            vec![d(2028, 2, 29)]
        );
        let tue = series(
            Rule::NthWeekday {
                nth: 2,
                weekday: Weekday::Tue,
            },
            d(2026, 1, 1),
        );
        let next = tue.next_year();
        assert_eq!(
            next.dates_between(d(2027, 1, 1), d(2027, 1, 31)),
            vec![d(2027, 1, 12)]
        );
        let chosen = series(
            Rule::Dates {
                dates: vec![d(2026, 5, 20)],
            },
            d(2026, 1, 1),
        );
        assert_eq!(
            chosen.next_year().dates_between(d(2027, 1, 1), d(2027, 12, 31)),
            vec![d(2027, 5, 20)]
        );
    }
}
