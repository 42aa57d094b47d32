//! Planning next year's clock in one step: this year's series and one-off events a year
//! later (anniversaries on their day, weekday rules kept), and from the company's standard
//! clock whatever kind this year's clock lacks. Then the director adjusts.

use super::recurrence::days_in_month;
use super::series::SeriesDef;
use super::template::TemplateEntry;
use super::{ClockEvent, EventKind, EventStatus, SiteRef};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;
use uuid::Uuid;

/// What planning makes for the next year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NextYear {
    pub series: Vec<SeriesDef>,
    pub events: Vec<ClockEvent>,
}

/// The same day a year later; 29.2. becomes 28.2.
pub fn a_year_later(d: NaiveDate) -> NaiveDate {
    let day = d.day().min(days_in_month(d.year() + 1, d.month()));
    NaiveDate::from_ymd_opt(d.year() + 1, d.month(), day).unwrap_or(d)
}

pub struct ThisYear<'a> {
    pub account: AccountId,
    pub series: &'a [SeriesDef],
    /// This year's one-off events (not occurrences of series).
    pub events: &'a [ClockEvent],
    /// The account's sites now: per-site events are planned for these.
    pub sites: &'a [SiteRef],
    pub contract_start: NaiveDate,
}

/// Next year's clock from this year's and the template (`next_months`: next year's months).
pub fn plan(this: &ThisYear, template: &[TemplateEntry], next_months: &[YearMonth]) -> NextYear {
    let current_sites: HashSet<_> = this.sites.iter().map(|s| s.id).collect();
    let series: Vec<SeriesDef> = this
        .series
        .iter()
        .map(|def| SeriesDef {
            id: Uuid::now_v7(),
            series: def.series.next_year(),
            // A series that went to every site goes to every site now, new ones included.
            sites: if def.sites.is_empty() {
                Vec::new()
            } else {
                this.sites.to_vec()
            },
            ..def.clone()
        })
        .collect();
    let events: Vec<ClockEvent> = this
        .events
        .iter()
        .filter(|e| e.status != EventStatus::Cancelled)
        .filter(|e| e.site.as_ref().is_none_or(|s| current_sites.contains(&s.id)))
        .map(|e| ClockEvent {
            id: Uuid::now_v7(),
            starts_on: a_year_later(e.starts_on),
            ends_on: e.ends_on.map(a_year_later),
            status: EventStatus::Planned,
            note: String::new(),
            series: None,
            status_mark: None,
            ..e.clone()
        })
        .collect();
    let kinds: HashSet<EventKind> = this
        .series
        .iter()
        .map(|s| s.kind)
        .chain(this.events.iter().map(|e| e.kind))
        .collect();
    let from_template = template
        .iter()
        .filter(|t| !kinds.contains(&t.kind))
        .filter_map(|t| t.series_for(this.account, next_months, this.contract_start, this.sites));
    NextYear {
        series: series.into_iter().chain(from_template).collect(),
        events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::recurrence::{Rule, Series};
    use crate::domain::clock::{account_year_months, template};
    use crate::domain::ids::SiteId;
    use crate::domain::people::Role;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn site(i: i64) -> SiteRef {
        SiteRef {
            id: SiteId(i),
            name: format!("Kohde {i}"),
        }
    }

    fn one_off(kind: EventKind, on: NaiveDate, status: EventStatus) -> ClockEvent {
        ClockEvent {
            id: Uuid::now_v7(),
            account_id: AccountId(1),
            kind,
            title: String::new(),
            starts_on: on,
            ends_on: None,
            time: None,
            owner_role: kind.default_owner(),
            responsible: None,
            site: None,
            status,
            note: "Pidetty".into(),
            series: None,
            status_mark: None,
        }
    }

    fn quarterly_meetings(year: i32) -> SeriesDef {
        SeriesDef {
            id: Uuid::now_v7(),
            account_id: AccountId(1),
            kind: EventKind::CustomerMeeting,
            title: "Asiakaspalaveri".into(),
            series: Series {
                rule: Rule::Quarterly { day: 15 },
                starts_on: d(year, 1, 15),
                until: Some(d(year, 12, 31)),
            },
            time: None,
            owner_role: Role::AccountDirector,
            sites: Vec::new(),
            days: 1,
        }
    }

    #[test]
    fn next_year_keeps_anniversaries_rules_and_drops_cancelled_events() {
        let series = [quarterly_meetings(2027)];
        let events = [
            one_off(EventKind::BirthdayMeeting, d(2028, 2, 29), EventStatus::Done),
            one_off(EventKind::Webinar, d(2028, 5, 5), EventStatus::Cancelled),
        ];
        let this = ThisYear {
            account: AccountId(1),
            series: &series,
            events: &events,
            sites: &[],
            contract_start: d(2024, 2, 29),
        };
        let next = plan(&this, &[], &account_year_months(2029, 1));
        assert_eq!(next.events.len(), 1, "the cancelled webinar is not planned again");
        let birthday = &next.events[0];
        assert_eq!(birthday.starts_on, d(2029, 2, 28), "29.2. falls on 28.2.");
        assert_eq!(birthday.status, EventStatus::Planned);
        assert!(birthday.note.is_empty(), "last year's outcome is not next year's");
        let meetings = next.series[0].occurrences_between(d(2028, 1, 1), d(2028, 12, 31));
        let days: Vec<NaiveDate> = meetings.iter().map(|e| e.starts_on).collect();
        assert_eq!(
            days,
            vec![d(2028, 1, 15), d(2028, 4, 15), d(2028, 7, 15), d(2028, 10, 15)]
        );
        assert_ne!(
            next.series[0].id, series[0].id,
            "a new series, this year's stays as it was"
        );
    }

    #[test]
    fn per_site_series_cover_the_sites_the_account_has_now() {
        let mut visits = quarterly_meetings(2026);
        visits.kind = EventKind::QualityVisit;
        visits.sites = vec![site(1), site(2)];
        let now = [site(2), site(3)];
        let this = ThisYear {
            account: AccountId(1),
            series: std::slice::from_ref(&visits),
            events: &[],
            sites: &now,
            contract_start: d(2020, 9, 1),
        };
        let next = plan(&this, &[], &account_year_months(2027, 1));
        assert_eq!(next.series[0].sites, now.to_vec());
    }

    #[test]
    fn the_template_fills_only_what_this_years_clock_lacks() {
        let mut meetings = quarterly_meetings(2026);
        meetings.series.starts_on = d(2026, 9, 15);
        meetings.series.until = Some(d(2027, 8, 31));
        let series = [meetings];
        let this = ThisYear {
            account: AccountId(1),
            series: &series,
            events: &[],
            sites: &[site(1)],
            contract_start: d(2019, 11, 20),
        };
        // An account year from September: 9/2027–8/2028.
        let months = account_year_months(2027, 9);
        let next = plan(&this, &template::standard(), &months);
        let meetings = next
            .series
            .iter()
            .filter(|s| s.kind == EventKind::CustomerMeeting)
            .count();
        assert_eq!(meetings, 1, "this year's meetings, not the template's as well");
        let birthday = next
            .series
            .iter()
            .find(|s| s.kind == EventKind::BirthdayMeeting)
            .expect("the template's birthday meeting");
        assert_eq!(
            birthday.series.starts_on,
            d(2027, 11, 20),
            "on the contract's anniversary"
        );
        let visits = next
            .series
            .iter()
            .find(|s| s.kind == EventKind::QualityVisit)
            .expect("monthly quality visits");
        assert_eq!(visits.sites, vec![site(1)]);
        assert_eq!(visits.count_until(d(2028, 8, 31)), 12);
        assert!(next.series.iter().all(|s| s.series.until == Some(d(2028, 8, 31))));
    }
}
