//! The annual clock: events, series, the company clock, calendar feeds, my week, next year.

pub mod calendar_feed;
pub mod calendar_series;
pub mod company;
pub mod events;
pub mod my_week;
pub mod next_year;
pub mod series;
