//! The annual clock's views: the wheel and adding events (the list lives with the account page
//! for now).

mod add_event;
mod wheel;

pub use add_event::AddEvent;
pub use wheel::ClockWheel;
