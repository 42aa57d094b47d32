//! The management team's monthly portfolio (/salkku) and its printable pack (/salkku/paketti).

mod pack;
mod page;

pub use pack::PackPage;
pub use page::PortfolioPage;

use crate::domain::dates::YearMonth;

pub(crate) fn month_key(p: YearMonth) -> String {
    format!("{}-{:02}", p.year, p.month)
}
