//! The demo's workspace records (issue 18): every account's contract in force, started on the
//! account's contract start, and for accounts older than three years the contract before it.
//! Every fourth account's contract ends next summer, so its notice deadline is near.

use super::generate::DemoAccount;
use crate::domain::ids::AccountId;
use crate::domain::sync::doc::Doc;
use crate::domain::workspace::contract::Contract;
use chrono::{Datelike, Months, NaiveDate};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const SCOPE: &str = "Ylläpitosiivous kaikissa kohteissa palvelukuvauksen mukaan.\n\
Ikkunanpesu kahdesti vuodessa, perusteellinen siivous kerran vuodessa.\n\
Laatukierros kuukausittain, asiakastyytyväisyyskysely kerran vuodessa.";

pub fn contracts(accounts: &[DemoAccount], today: NaiveDate) -> Vec<Doc> {
    let mut rng = ChaCha8Rng::seed_from_u64(1800);
    let mut docs = Vec::new();
    for account in accounts {
        let start = account.contract_start;
        // A three-year term renewed in time (its notice deadline is never past: the term in
        // force ends at least seven months ahead); every fourth account's current term ends next
        // summer, so its notice deadline is near.
        let horizon = today.checked_add_months(Months::new(7)).unwrap_or(today);
        let mut ends = start.checked_add_months(Months::new(36)).unwrap_or(start);
        for _ in 0..40 {
            if ends >= horizon {
                break;
            }
            ends = ends.checked_add_months(Months::new(36)).unwrap_or(horizon);
        }
        if account.id % 4 == 0 {
            ends = NaiveDate::from_ymd_opt(today.year() + 1, 6, 30).unwrap_or(ends);
        }
        let current = Contract {
            title: format!("{}: siivouspalvelut", account.name),
            signed_on: start.checked_sub_months(Months::new(2)),
            starts_on: start,
            ends_on: Some(ends),
            notice_months: Some(6),
            annual_value_eur: u64::try_from(account.contract_value).ok(),
            scope: SCOPE.into(),
            document_url: format!(
                "https://asiakirjat.example/sopimukset/{}-{}",
                account.id,
                start.year()
            ),
        };
        docs.push(Doc::new(
            super::organisation::uuid(&mut rng),
            AccountId(account.id),
            &current,
        ));
        if let Some(before) = start
            .checked_sub_months(Months::new(36))
            .filter(|_| start.year() + 3 <= today.year())
        {
            let old = Contract {
                title: format!("{}: siivouspalvelut (edellinen)", account.name),
                signed_on: None,
                starts_on: before,
                ends_on: start.pred_opt(),
                notice_months: Some(3),
                annual_value_eur: u64::try_from(account.contract_value * 9 / 10).ok(),
                scope: String::new(),
                document_url: String::new(),
            };
            docs.push(Doc::new(
                super::organisation::uuid(&mut rng),
                AccountId(account.id),
                &old,
            ));
        }
    }
    docs
}
