//! Browser-only: the device's own copy in IndexedDB (accounts, outbox, cursor), the sync loop,
//! storage protection, the service worker and the network status.

pub mod channel;
pub mod engine;
pub mod network;
pub mod owner;
pub mod push;
pub mod service_worker;
pub mod storage;
pub mod store;
