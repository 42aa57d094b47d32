//! The company's standard clock (an admin keeps it): the events every account's year should
//! have, written relative to the account's own year ("the 2nd month, on the 15th, quarterly"),
//! so one template fits accounts whose year starts in any month.

use super::new_event::Repeat;
use super::recurrence::{days_in_month, Series};
use super::series::SeriesDef;
use super::{EventKind, SiteRef};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEntry {
    pub id: i64,
    pub kind: EventKind,
    pub title: String,
    /// Months after the account year's first month: 0 is the first month.
    pub month_offset: u32,
    /// The day of that month (a shorter month takes its last day).
    pub day: u32,
    pub repeat: Repeat,
    pub time: Option<NaiveTime>,
}

impl TemplateEntry {
    /// Whether the entry makes sense: a month of the year, a day of a month, a valid repeat.
    pub fn is_valid(&self) -> bool {
        self.month_offset < 12
            && (1..=31).contains(&self.day)
            && self.title.chars().count() <= crate::domain::sync::ops::MAX_TITLE_CHARS
            && self.repeat.rule(NaiveDate::default()).is_some()
    }

    /// The entry as a series of one account year (`months`: the year's twelve months).
    /// The birthday meeting falls on the contract's anniversary, whatever the entry says.
    pub fn series_for(
        &self,
        account: AccountId,
        months: &[YearMonth],
        contract_start: NaiveDate,
        sites: &[SiteRef],
    ) -> Option<SeriesDef> {
        let (first_month, last_month) = (months.first()?, months.last()?);
        let (_, year_last) = (first_month.first_day()?, last_month.last_day()?);
        let first = if self.kind == EventKind::BirthdayMeeting {
            months.iter().find_map(|m| {
                (m.month == contract_start.month()).then(|| {
                    let day = contract_start.day().min(days_in_month(m.year, m.month));
                    NaiveDate::from_ymd_opt(m.year, m.month, day)
                })?
            })?
        } else {
            let m = months.get(self.month_offset as usize)?;
            NaiveDate::from_ymd_opt(m.year, m.month, self.day.min(days_in_month(m.year, m.month)))?
        };
        let repeat = if self.kind == EventKind::BirthdayMeeting {
            Repeat::Once
        } else {
            self.repeat
        };
        Some(SeriesDef {
            id: Uuid::now_v7(),
            account_id: account,
            kind: self.kind,
            title: self.title.clone(),
            series: Series {
                rule: repeat.rule(first)?,
                starts_on: first,
                until: Some(year_last),
            },
            time: self.time,
            owner_role: self.kind.default_owner(),
            sites: if self.kind.is_per_site() {
                sites.to_vec()
            } else {
                Vec::new()
            },
            days: 1,
        })
    }
}

/// The standard clock a new installation starts with, from the sources: quality visits monthly
/// and satisfaction visits quarterly at every site, customer meetings quarterly, the birthday
/// meeting, an internal audit, the user survey, two steering groups, quarterly reports, three
/// webinars, quarterly staff meetings, a training and the yearly account presentation.
pub fn standard() -> Vec<TemplateEntry> {
    let entry = |kind, month_offset, day, repeat, time: Option<(u32, u32)>| TemplateEntry {
        id: 0,
        kind,
        title: String::new(),
        month_offset,
        day,
        repeat,
        time: time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
    };
    use EventKind as K;
    vec![
        entry(K::QualityVisit, 0, 10, Repeat::Monthly, None),
        entry(K::SatisfactionVisit, 2, 20, Repeat::Quarterly, None),
        entry(K::CustomerMeeting, 1, 15, Repeat::Quarterly, Some((10, 0))),
        entry(K::BirthdayMeeting, 0, 1, Repeat::Once, Some((13, 0))),
        entry(K::InternalAudit, 4, 12, Repeat::Once, None),
        entry(K::UserSurvey, 9, 5, Repeat::Once, None),
        entry(K::SteeringGroup, 2, 18, Repeat::EveryWeeks(26), Some((10, 0))),
        entry(K::Report, 0, 12, Repeat::Quarterly, None),
        entry(K::Webinar, 1, 17, Repeat::EveryWeeks(17), Some((14, 0))),
        entry(K::StaffMeeting, 0, 20, Repeat::Quarterly, Some((7, 30))),
        entry(K::Training, 2, 9, Repeat::Once, Some((9, 0))),
        entry(K::AccountPresentation, 0, 25, Repeat::Once, Some((12, 0))),
    ]
}
