//! Finnish public holidays (and the eves that close workplaces), computed for any year: the
//! company layer every account's wheel shows, read-only, so nobody plans a visit on Good Friday.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The first given weekday on or after a day.
fn weekday_from(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day + Duration::days(ahead as i64)
}

/// The year's holidays by date, with their Finnish names.
pub fn finnish_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let Some(easter) = easter(year) else {
        return Vec::new();
    };
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let midsummer = day(6, 20).map(|d| weekday_from(d, Weekday::Sat));
    let mut out: Vec<(NaiveDate, &'static str)> = [
        (day(1, 1), "Uudenvuodenpäivä"),
        (day(1, 6), "Loppiainen"),
        (Some(easter - Duration::days(2)), "Pitkäperjantai"),
        (Some(easter), "Pääsiäispäivä"),
        (Some(easter + Duration::days(1)), "2. pääsiäispäivä"),
        (day(5, 1), "Vappu"),
        (Some(easter + Duration::days(39)), "Helatorstai"),
        (Some(easter + Duration::days(49)), "Helluntaipäivä"),
        (midsummer.map(|d| d - Duration::days(1)), "Juhannusaatto"),
        (midsummer, "Juhannuspäivä"),
        (day(10, 31).map(|d| weekday_from(d, Weekday::Sat)), "Pyhäinpäivä"),
        (day(12, 6), "Itsenäisyyspäivä"),
        (day(12, 24), "Jouluaatto"),
        (day(12, 25), "Joulupäivä"),
        (day(12, 26), "Tapaninpäivä"),
    ]
    .into_iter()
    .filter_map(|(d, name)| d.map(|d| (d, name)))
    .collect();
    out.sort();
    out
}

/// The holidays between two days (inclusive), across year ends (an account year from September).
pub fn holidays_between(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, &'static str)> {
    (from.year()..=to.year())
        .flat_map(finnish_holidays)
        .filter(|(d, _)| (from..=to).contains(d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        assert_eq!(easter(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter(2038), Some(d(2038, 4, 25)), "the latest possible Easter");
    }

    #[test]
    fn the_moving_holidays_of_2026_are_where_the_calendar_says() {
        let h = finnish_holidays(2026);
        let on = |name: &str| h.iter().find(|(_, n)| *n == name).map(|(d, _)| *d).unwrap();
        assert_eq!(h.len(), 15);
        assert_eq!(on("Pitkäperjantai"), d(2026, 4, 3));
        assert_eq!(on("2. pääsiäispäivä"), d(2026, 4, 6));
        assert_eq!(on("Helatorstai"), d(2026, 5, 14));
        assert_eq!(on("Helluntaipäivä"), d(2026, 5, 24));
        assert_eq!(on("Juhannusaatto"), d(2026, 6, 19));
        assert_eq!(on("Juhannuspäivä"), d(2026, 6, 20));
        assert_eq!(on("Pyhäinpäivä"), d(2026, 10, 31));
        // Midsummer Day is the Saturday between 20 and 26 June; All Saints' between 31.10. and 6.11.
        assert_eq!(on_year(2027, "Juhannuspäivä"), d(2027, 6, 26));
        assert_eq!(on_year(2027, "Pyhäinpäivä"), d(2027, 11, 6));
    }

    fn on_year(year: i32, name: &str) -> NaiveDate {
        finnish_holidays(year)
            .into_iter()
            .find(|(_, n)| *n == name)
            .map(|(d, _)| d)
            .unwrap()
    }

    #[test]
    fn an_account_year_from_september_gets_the_holidays_of_both_calendar_years() {
        let h = holidays_between(d(2026, 9, 1), d(2027, 8, 31));
        assert_eq!(h.first().map(|x| x.1), Some("Pyhäinpäivä"));
        assert!(h
            .iter()
            .any(|(d0, n)| *n == "Pitkäperjantai" && *d0 == d(2027, 3, 26)));
        assert_eq!(h.len(), 15);
    }
}
