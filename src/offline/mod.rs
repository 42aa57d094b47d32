//! Browser-only: the service worker and the network status. The IndexedDB store, the outbox
//! and the sync loop come with the offline-sync issue and live here too.

pub mod network;
pub mod service_worker;
