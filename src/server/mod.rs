//! Server-only code: settings, database, sign-in and sessions, permissions, queries, demo data.

pub mod access;
pub mod accounts;
pub mod card;
pub mod channel;
pub mod clock;
pub mod config;
pub mod csv_file;
pub mod db;
pub mod demo;
pub mod drawn;
pub mod kam;
pub mod people;
pub mod router;
pub mod security;
pub mod state;
pub mod sync;
