//! The server's reactive values: no panic ("already been disposed") while rendering pages, each
//! one a worker's task dying. The fixes are the `KAMU PATCH`es in `vendor/leptos_i18n` and
//! `vendor/reactive_graph` (see vendor/README.md).
#![cfg(feature = "ssr")]

mod common;

use leptos::prelude::{ArcMemo, ArcRwSignal, Get, GetUntracked, Owner, Set};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

const ROUNDS: u64 = 100_000;

/// One page renders on several worker threads at once: its stream on one, a resource that
/// resolves (and sets a signal) on another. Values touched from two threads at the same moment
/// wait for each other. Upstream: reads lost and a panic within the first few thousand rounds.
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
    assert_eq!(
        lost.load(Ordering::Relaxed),
        0,
        "reads that found the memo busy and gave nothing"
    );
}

/// The main pages rendered many at a time on a multi-threaded server, as phones load them (half
/// of them given up before the page has fully come): no worker's task panics. What Lighthouse
/// runs hit (4–10 panics per run of the eight pages) was leptos_i18n's language effect reading a
/// page's disposed signal; that race did not show here in-process on the old code, so the
/// Lighthouse bench (`bench/first_load.sh`) is its evidence, and this test guards the rest.
/// A panic hook counts the panics of the server's worker threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_rendered_many_at_a_time_panic_no_worker() {
    static PANICS: AtomicUsize = AtomicUsize::new(0);
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The server's workers only: the other test's threads may fail on their own.
        if std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("tokio-runtime-worker"))
        {
            PANICS.fetch_add(1, Ordering::SeqCst);
        }
        default_hook(info);
    }));
    let server = common::start().await;
    let client = common::browser();
    assert!(server
        .login(
            &client,
            "asiakkuusjohtaja@kamu.example",
            kamu::server::demo::DEMO_PASSWORD
        )
        .await
        .is_success());
    let pages = [
        "/kirjaudu",
        "/",
        "/asiakkuus/1",
        "/asiakkuus/1/laatukortti",
        "/asiakkuus/1/kanava",
        "/saapuneet",
        "/omat",
        "/salkku",
    ];
    // 320 loads, 16 at a time (as the throughput bench), each of the eight pages in turn.
    let loads: Vec<String> = (0..40)
        .flat_map(|_| pages)
        .map(|p| format!("{}{p}", server.base))
        .collect();
    let loads = Arc::new(std::sync::Mutex::new(loads));
    let connections: Vec<_> = (0..16)
        .map(|_| {
            let (client, loads) = (client.clone(), loads.clone());
            tokio::spawn(async move {
                let mut n = 0;
                while let Some(url) = {
                    let next = loads.lock().unwrap().pop();
                    next
                } {
                    n += 1;
                    let mut page = client.get(&url).send().await.expect("page answers");
                    assert!(page.status().is_success(), "{url}: {}", page.status());
                    if n % 2 == 0 {
                        page.text().await.expect("page body");
                    } else {
                        // A phone that moves on before the page has come: the first part
                        // read, then the connection dropped.
                        let _ = page.chunk().await;
                        drop(page);
                    }
                }
            })
        })
        .collect();
    for connection in connections {
        connection.await.expect("a connection's loads");
    }
    // The effects' tasks end shortly after their pages.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "worker tasks panicked while pages were rendered"
    );
    // Back to the default hook for whatever runs after.
    let _ = std::panic::take_hook();
}
