//! How long a sign-in must wait after failed attempts. Three counters are kept (see
//! `server::people::throttle`): per person and client address (strict: guessing one person's password
//! from one place), per client address (strict: one place trying many people), and per person
//! from anywhere (mild, and capped at a minute, so an attacker can slow a real user down but
//! never lock them out for long).

/// Which counter a failure is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    PersonFromAddress,
    Address,
    Person,
}

impl Scope {
    /// Failures allowed before the first wait.
    fn free_failures(self) -> u32 {
        match self {
            Scope::PersonFromAddress => 5,
            Scope::Address => 20,
            Scope::Person => 10,
        }
    }

    /// The longest wait, in seconds.
    fn max_wait(self) -> u64 {
        match self {
            Scope::PersonFromAddress | Scope::Address => 15 * 60,
            Scope::Person => 60,
        }
    }
}

/// Failures are forgotten after this long without a new one (seconds).
pub const FORGET_AFTER_SECS: u64 = 60 * 60;

/// Seconds to wait after the last failure, given how many failures there have been: none while
/// the free attempts last, then 1, 2, 4, 8 … seconds up to the scope's cap.
pub fn wait_secs(scope: Scope, failures: u32) -> u64 {
    let Some(over) = failures.checked_sub(scope.free_failures()) else {
        return 0;
    };
    2u64.checked_pow(over).unwrap_or(u64::MAX).min(scope.max_wait())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_attempts_and_stop_at_the_cap() {
        assert_eq!(wait_secs(Scope::PersonFromAddress, 4), 0);
        assert_eq!(wait_secs(Scope::PersonFromAddress, 5), 1);
        assert_eq!(wait_secs(Scope::PersonFromAddress, 6), 2);
        assert_eq!(wait_secs(Scope::PersonFromAddress, 10), 32);
        assert_eq!(wait_secs(Scope::PersonFromAddress, 1000), 15 * 60);
        assert_eq!(wait_secs(Scope::Address, 19), 0);
        assert_eq!(wait_secs(Scope::Address, 40), 15 * 60);
    }

    #[test]
    fn an_attacker_elsewhere_can_hold_a_real_user_back_a_minute_at_most() {
        assert_eq!(wait_secs(Scope::Person, 9), 0);
        assert_eq!(wait_secs(Scope::Person, 10_000), 60);
    }
}
