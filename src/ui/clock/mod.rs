//! The annual clock's views: the wheel (the list lives with the account page for now).

mod wheel;

pub use wheel::ClockWheel;
