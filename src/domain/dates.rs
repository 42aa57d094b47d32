//! Finnish date conventions: 7.3.2026 (no leading zeros), klo 14.30, ISO weeks, Monday first.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// "7.3.2026": day and month without leading zeros, as Finns write dates.
pub fn format_date(date: NaiveDate) -> String {
    format!("{}.{}.{}", date.day(), date.month(), date.year())
}

/// "7.3.": a date within a year that is already on screen.
pub fn format_day_month(date: NaiveDate) -> String {
    format!("{}.{}.", date.day(), date.month())
}

/// "14.30": the hour without a leading zero, minutes with a dot (the caller adds "klo").
pub fn format_time(time: NaiveTime) -> String {
    format!("{}.{:02}", time.hour(), time.minute())
}

/// "7.–9.3.2026", "28.2.–3.3.2026" or "30.12.2026–2.1.2027": a period written the Finnish way.
pub fn format_period(start: NaiveDate, end: NaiveDate) -> String {
    if end <= start {
        return format_date(start);
    }
    if start.year() != end.year() {
        format!("{}–{}", format_date(start), format_date(end))
    } else if start.month() != end.month() {
        format!("{}–{}", format_day_month(start), format_date(end))
    } else {
        format!("{}.–{}", start.day(), format_date(end))
    }
}

/// An ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IsoWeek {
    pub year: i32,
    pub week: u32,
}

impl IsoWeek {
    pub fn of(date: NaiveDate) -> IsoWeek {
        let w = date.iso_week();
        IsoWeek {
            year: w.year(),
            week: w.week(),
        }
    }

    /// The Monday that starts this week.
    pub fn monday(self) -> Option<NaiveDate> {
        NaiveDate::from_isoywd_opt(self.year, self.week, chrono::Weekday::Mon)
    }
}

/// The years Kamu accepts in any date it is sent (edits, series, imports). Outside them a date
/// is a typo or an attack: refused with a reason, and date arithmetic never nears its limits.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// Whether a date lies in the years Kamu accepts.
pub fn in_window(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// Parses a date typed the Finnish way ("7.3.2026", also "07.03.2026") or in ISO form; a date
/// outside the accepted years reads as no date.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    NaiveDate::parse_from_str(s, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
        .filter(|d| in_window(*d))
}

/// A calendar month of a year, e.g. the period of a quality card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month before this one, across year ends.
    pub fn previous(self) -> YearMonth {
        if self.month == 1 {
            YearMonth {
                year: self.year - 1,
                month: 12,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The month's last day (28th–31st).
    /// The month after this one.
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn last_day(self) -> Option<NaiveDate> {
        let next = if self.month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.month + 1, 1)
        };
        next.and_then(|d| d.pred_opt())
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    /// "3/2026", the short form used in card headings.
    pub fn short_label(self) -> String {
        format!("{}/{}", self.month, self.year)
    }

    /// "2026-03", the form addresses carry (`?kausi=2026-03`) and `card::import::parse_period` reads.
    pub fn key(self) -> String {
        format!("{}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_months_last_day_knows_leap_years_and_december() {
        let last = |year, month| YearMonth { year, month }.last_day().unwrap();
        assert_eq!(last(2028, 2), d(2028, 2, 29));
        assert_eq!(last(2026, 2), d(2026, 2, 28));
        assert_eq!(last(2026, 12), d(2026, 12, 31));
        assert_eq!(last(2026, 4), d(2026, 4, 30));
    }

    #[test]
    fn dates_have_no_leading_zeros() {
        assert_eq!(format_date(d(2026, 3, 7)), "7.3.2026");
        assert_eq!(format_date(d(2026, 12, 31)), "31.12.2026");
    }

    #[test]
    fn times_use_a_dot_and_no_leading_zero_hour() {
        assert_eq!(format_time(NaiveTime::from_hms_opt(14, 30, 0).unwrap()), "14.30");
        assert_eq!(format_time(NaiveTime::from_hms_opt(9, 5, 0).unwrap()), "9.05");
    }

    #[test]
    fn periods_share_what_they_can() {
        assert_eq!(format_period(d(2026, 3, 7), d(2026, 3, 9)), "7.–9.3.2026");
        assert_eq!(format_period(d(2026, 2, 28), d(2026, 3, 3)), "28.2.–3.3.2026");
        assert_eq!(
            format_period(d(2026, 12, 30), d(2027, 1, 2)),
            "30.12.2026–2.1.2027"
        );
        assert_eq!(format_period(d(2026, 3, 7), d(2026, 3, 7)), "7.3.2026");
    }

    #[test]
    fn iso_weeks_start_on_monday_and_can_belong_to_the_neighbour_year() {
        // 1.1.2027 is a Friday: it belongs to week 53 of 2026.
        assert_eq!(IsoWeek::of(d(2027, 1, 1)), IsoWeek { year: 2026, week: 53 });
        // 29.12.2025 is a Monday in week 1 of 2026.
        assert_eq!(IsoWeek::of(d(2025, 12, 29)), IsoWeek { year: 2026, week: 1 });
        assert_eq!(IsoWeek::of(d(2026, 3, 16)).week, 12);
        assert_eq!(IsoWeek { year: 2026, week: 12 }.monday(), Some(d(2026, 3, 16)));
    }

    #[test]
    fn finnish_and_iso_input_both_parse() {
        assert_eq!(parse_date("7.3.2026"), Some(d(2026, 3, 7)));
        assert_eq!(parse_date(" 07.03.2026 "), Some(d(2026, 3, 7)));
        assert_eq!(parse_date("2026-03-07"), Some(d(2026, 3, 7)));
        assert_eq!(parse_date("31.2.2026"), None);
        assert_eq!(parse_date("huomenna"), None);
        // Far dates are typos or attacks; they never reach date arithmetic.
        assert_eq!(parse_date("1.1.1999"), None);
        assert_eq!(parse_date("+262142-12-01"), None);
        assert_eq!(parse_date("31.12.2100"), Some(d(2100, 12, 31)));
    }

    #[test]
    fn previous_month_wraps_over_the_year_end() {
        let jan = YearMonth { year: 2026, month: 1 };
        assert_eq!(
            jan.previous(),
            YearMonth {
                year: 2025,
                month: 12
            }
        );
        assert_eq!(jan.short_label(), "1/2026");
    }
}
