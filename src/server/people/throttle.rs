//! Sign-in throttling: counts failed sign-ins in memory (per person and address, per address,
//! per person) and answers 429 with `Retry-After` while the wait in
//! `domain::sign_in_throttle` runs. In memory on purpose: a restart forgets the counts, which
//! costs an attacker nothing they could not get by waiting, and keeps sign-in free of writes.

use crate::domain::sign_in_throttle::{wait_secs, Scope, FORGET_AFTER_SECS};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Entries kept at most; beyond it, counts older than the forget time are dropped first.
const MAX_ENTRIES: usize = 50_000;

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last: Instant,
}

#[derive(Debug, Default)]
pub struct SignInThrottle {
    entries: Mutex<HashMap<(Scope, String), Entry>>,
}

fn keys(email: &str, address: &str) -> [(Scope, String); 3] {
    let email = email.trim().to_lowercase();
    [
        (Scope::PersonFromAddress, format!("{email}|{address}")),
        (Scope::Address, address.to_string()),
        (Scope::Person, email),
    ]
}

impl SignInThrottle {
    /// `Err(seconds)` when this sign-in must wait; the password is then not even checked.
    pub fn check(&self, email: &str, address: &str) -> Result<(), u64> {
        let now = Instant::now();
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let wait = keys(email, address)
            .iter()
            .filter_map(|key| {
                let entry = entries.get(key)?;
                let until = entry.last + Duration::from_secs(wait_secs(key.0, entry.failures));
                until.checked_duration_since(now)
            })
            .max();
        match wait {
            // Rounded up, so a client that waits exactly that long is let in.
            Some(w) if !w.is_zero() => Err(w.as_secs() + u64::from(w.subsec_nanos() > 0)),
            _ => Ok(()),
        }
    }

    pub fn failed(&self, email: &str, address: &str) {
        let now = Instant::now();
        let forget = Duration::from_secs(FORGET_AFTER_SECS);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, e| now.duration_since(e.last) < forget);
        }
        for key in keys(email, address) {
            let entry = entries.entry(key).or_insert(Entry {
                failures: 0,
                last: now,
            });
            if now.duration_since(entry.last) >= forget {
                entry.failures = 0;
            }
            entry.failures = entry.failures.saturating_add(1);
            entry.last = now;
        }
    }

    /// A right password clears the person's counts (the address's stays: one good account
    /// must not reset a guessing run against others).
    pub fn succeeded(&self, email: &str, address: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        for key in keys(email, address) {
            if key.0 != Scope::Address {
                entries.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_failure_from_one_place_waits_and_success_clears_it() {
        let t = SignInThrottle::default();
        for _ in 0..5 {
            assert_eq!(t.check("a@x.fi", "1.2.3.4"), Ok(()));
            t.failed("A@x.fi ", "1.2.3.4");
        }
        assert!(t.check("a@x.fi", "1.2.3.4").is_err());
        // The same person from elsewhere is not held back by that address's run.
        assert_eq!(t.check("a@x.fi", "5.6.7.8"), Ok(()));
        t.succeeded("a@x.fi", "1.2.3.4");
        assert_eq!(t.check("a@x.fi", "1.2.3.4"), Ok(()));
    }
}
