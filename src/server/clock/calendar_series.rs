//! Recurring clock events in an iCalendar feed, as RFC 5545 means them: one event with a
//! repeat rule (RRULE, or RDATE for chosen dates), EXDATE for removed occurrences, and an
//! overriding event (RECURRENCE-ID) for each occurrence changed on its own. A calendar app then
//! keeps one series, as the clock does, instead of hundreds of loose events.
//!
//! Timed series are written in Finnish wall-clock time (TZID=Europe/Helsinki, with its
//! VTIMEZONE), so the app repeats 9.00 as 9.00 across daylight-saving changes.

use crate::domain::clock::recurrence::Rule;
use crate::domain::clock::series::{occurrence_id, SeriesDef, Stored};
use crate::domain::clock::{ClockEvent, SiteRef};
use crate::server::clock::calendar_feed::{helsinki_to_utc, summary, write_details};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use icalendar::{CalendarDateTime, Component, Event, EventLike, Property};
use std::collections::HashMap;

pub const TZID: &str = "Europe/Helsinki";

/// The time zone the feed's timed series are written in (EET/EEST as in force since 1983).
pub const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki\r\n\
BEGIN:STANDARD\r\nDTSTART:19701025T040000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\n\
TZNAME:EET\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
BEGIN:DAYLIGHT\r\nDTSTART:19700329T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\n\
TZNAME:EEST\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

/// A series as one feed shows it: for per-site series, one site's visits.
pub struct FeedSeries<'a> {
    pub def: &'a SeriesDef,
    pub site: Option<&'a SiteRef>,
    pub stored: &'a HashMap<uuid::Uuid, Stored>,
}

fn weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// "The 31st, or the month's last day when it is shorter": the days 28…31 up to `day`, the
/// last that exists (BYSETPOS=-1). A day up to 28 exists in every month.
fn month_day(day: u32) -> String {
    let day = day.clamp(1, 31);
    if day <= 28 {
        return format!("BYMONTHDAY={day}");
    }
    let days: Vec<String> = (28..=day).map(|d| d.to_string()).collect();
    format!("BYMONTHDAY={};BYSETPOS=-1", days.join(","))
}

/// The rule as an RRULE value without its end, or None for chosen dates (written as RDATE).
pub fn rrule(rule: &Rule) -> Option<String> {
    Some(match rule {
        Rule::Monthly { day } => format!("FREQ=MONTHLY;{}", month_day(*day)),
        Rule::Quarterly { day } => format!("FREQ=MONTHLY;INTERVAL=3;{}", month_day(*day)),
        Rule::Yearly { month, day } => format!("FREQ=YEARLY;BYMONTH={month};{}", month_day(*day)),
        Rule::EveryNWeeks { weeks } => format!("FREQ=WEEKLY;INTERVAL={}", weeks.max(&1)),
        Rule::NthWeekday { nth, weekday: w } => format!("FREQ=MONTHLY;BYDAY={nth}{}", weekday(*w)),
        Rule::LastWeek { weekday: w } => format!("FREQ=MONTHLY;BYDAY=-1{}", weekday(*w)),
        Rule::IsoWeek { week, weekday: w } => {
            format!("FREQ=YEARLY;BYWEEKNO={week};BYDAY={};WKST=MO", weekday(*w))
        }
        Rule::Dates { .. } => return None,
    })
}

fn local(day: NaiveDate, time: NaiveTime) -> NaiveDateTime {
    day.and_time(time)
}

/// A day, or a day and time in Helsinki, as a property value with its parameter.
fn dated(key: &str, day: NaiveDate, time: Option<NaiveTime>) -> Property {
    let mut property = match time {
        Some(t) => {
            let mut p = Property::new(key, local(day, t).format("%Y%m%dT%H%M%S").to_string());
            p.add_parameter("TZID", TZID);
            p
        }
        None => {
            let mut p = Property::new(key, day.format("%Y%m%d").to_string());
            p.add_parameter("VALUE", "DATE");
            p
        }
    };
    property.done()
}

/// The series' events for the feed: the repeating one and one per changed occurrence.
pub fn series_events(s: &FeedSeries, stamp: chrono::DateTime<chrono::Utc>) -> Vec<Event> {
    let def = s.def;
    let until = def.series.until.unwrap_or(def.series.starts_on);
    let dates = def.series.dates_between(def.series.starts_on, until);
    let Some(&first) = dates.first() else {
        return Vec::new();
    };
    let uid = match s.site {
        Some(site) => format!("{}-{}@kamu", def.id, site.id.0),
        None => format!("{}@kamu", def.id),
    };
    // The computed first occurrence stands for the series' title, kind and site.
    let sample = ClockEvent {
        site: s.site.cloned(),
        ..def.occurrences_between(first, first).swap_remove(0)
    };
    let mut master = Event::new();
    master.uid(&uid).summary(&summary(&sample)).timestamp(stamp);
    match def.time {
        Some(t) => {
            master
                .starts(CalendarDateTime::WithTimezone {
                    date_time: local(first, t),
                    tzid: TZID.into(),
                })
                .ends(CalendarDateTime::WithTimezone {
                    date_time: local(first, t)
                        + chrono::Duration::minutes(
                            crate::server::clock::calendar_feed::DEFAULT_LENGTH_MINUTES,
                        ),
                    tzid: TZID.into(),
                });
        }
        None => {
            // All-day: the end is exclusive, the day after the occurrence's last day.
            master
                .starts(first)
                .ends(first + chrono::Duration::days(i64::from(def.days.max(1))));
        }
    }
    match rrule(&def.series.rule) {
        Some(rule) => {
            // UNTIL is UTC for timed series (RFC 5545 3.3.10): the end of the last day in Helsinki.
            let end = match def.time {
                Some(_) => helsinki_to_utc(local(
                    until,
                    NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default(),
                ))
                .format("%Y%m%dT%H%M%SZ")
                .to_string(),
                None => until.format("%Y%m%d").to_string(),
            };
            master.add_property("RRULE", format!("{rule};UNTIL={end}"));
        }
        None => {
            for &day in dates.iter().skip(1) {
                master.append_multi_property(dated("RDATE", day, def.time));
            }
        }
    }
    write_details(&mut master, &sample);

    let mut out = Vec::new();
    for &original in &dates {
        let id = occurrence_id(def.id, original, s.site.map(|site| site.id));
        match s.stored.get(&id) {
            None => {}
            Some(Stored::Removed) => {
                master.append_multi_property(dated("EXDATE", original, def.time));
            }
            Some(Stored::Changed(changed)) => {
                let mut single = crate::server::clock::calendar_feed::event_of(changed, stamp);
                single.uid(&uid);
                single.append_property(dated("RECURRENCE-ID", original, def.time));
                out.push(single.done());
            }
        }
    }
    out.insert(0, master.done());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ends_are_written_so_calendar_apps_clamp_them_too() {
        assert_eq!(
            rrule(&Rule::Monthly { day: 31 }).unwrap(),
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"
        );
        assert_eq!(
            rrule(&Rule::Monthly { day: 15 }).unwrap(),
            "FREQ=MONTHLY;BYMONTHDAY=15"
        );
        assert_eq!(
            rrule(&Rule::Yearly { month: 2, day: 29 }).unwrap(),
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"
        );
        assert_eq!(
            rrule(&Rule::NthWeekday {
                nth: 2,
                weekday: Weekday::Tue
            })
            .unwrap(),
            "FREQ=MONTHLY;BYDAY=2TU"
        );
        assert!(rrule(&Rule::Dates { dates: vec![] }).is_none());
    }
}
