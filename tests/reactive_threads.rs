//! The server renders one page on several worker threads at once: the page's stream on one, a
//! resource that resolves (and sets a signal) on another. Reactive values touched from two threads
//! at the same moment must wait for each other, not panic with "already been disposed" (which
//! killed the request: seen 4–6 times per Lighthouse run of eight pages). The fix is the
//! `KAMU PATCH` in `vendor/reactive_graph`; this test failed on upstream 0.2.16 (reads lost and
//! a panic in the first few thousand rounds).
#![cfg(feature = "ssr")]

use leptos::prelude::{ArcMemo, ArcRwSignal, Get, GetUntracked, Owner, Set};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

const ROUNDS: u64 = 100_000;

#[test]
fn a_memo_read_on_two_threads_while_a_third_sets_its_source_always_gives_a_value() {
    let owner = Owner::new();
    owner.set();
    let source = ArcRwSignal::new(0u64);
    let doubled = {
        let source = source.clone();
        // Some work in the recompute, so that reads meet it often.
        ArcMemo::new(move |_| {
            std::hint::black_box((0..500u64).sum::<u64>());
            source.get() * 2
        })
    };
    let lost = Arc::new(AtomicUsize::new(0));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (doubled, lost) = (doubled.clone(), lost.clone());
            thread::spawn(move || {
                for _ in 0..ROUNDS {
                    match doubled.try_get_untracked() {
                        Some(value) => assert_eq!(value % 2, 0, "a memo gave a value it never computed"),
                        None => {
                            lost.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    let writer = {
        let source = source.clone();
        thread::spawn(move || (0..ROUNDS).for_each(|n| source.set(n)))
    };
    for reader in readers {
        reader.join().expect("a reader panicked");
    }
    writer.join().expect("the writer panicked");
    assert_eq!(lost.load(Ordering::Relaxed), 0, "reads that found the memo busy and gave nothing");
    assert_eq!(doubled.get_untracked(), (ROUNDS - 1) * 2, "the memo follows its source's last value");
}
