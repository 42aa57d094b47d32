//! The quality card: storage, its workflow, light rules, the figures import, the portfolio.

pub mod figures_import;
pub mod light_rules;
pub mod portfolio;
pub mod quality_cards;
pub mod workflow;
