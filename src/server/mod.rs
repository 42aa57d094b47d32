//! Server-only code: settings, database, sign-in and sessions, permissions, queries, demo data.

pub mod access;
pub mod accounts;
pub mod auth;
pub mod calendar_feed;
pub mod calendar_series;
pub mod card_workflow;
pub mod clock_events;
pub mod clock_series;
pub mod company_clock;
pub mod config;
pub mod csv_file;
pub mod db;
pub mod demo;
pub mod figures_import;
pub mod light_rules;
pub mod my_week;
pub mod next_year;
pub mod portfolio;
pub mod quality_cards;
pub mod router;
pub mod sync;
