//! The annual clock's views: the wheel and adding events (the list lives with the account page
//! for now).

mod add_event;
mod calendar_links;
mod filter_bar;
mod my_week;
mod plan_next_year;
mod wheel;

pub(crate) use add_event::repeat_label;
pub use add_event::AddEvent;
pub use calendar_links::CalendarLinks;
pub use filter_bar::FilterBar;
pub use my_week::MyWeekPage;
pub use plan_next_year::PlanNextYear;
pub(crate) use wheel::reveal_anchor;
pub use wheel::ClockWheel;
