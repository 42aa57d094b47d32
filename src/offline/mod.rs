//! The device side: the sync state every page reads, and how a page reads "server first, the
//! device's copy when the network fails" (both builds: on the server the device parts are quiet
//! twins, so `ui/` needs no `cfg`); and, in the browser only, the device's copy in IndexedDB
//! (accounts, the one outbox, cursor), the sync loop, storage protection, the service worker
//! and the network status.

pub mod device;
pub mod outbox;
pub mod read;
pub mod state;

#[cfg(feature = "hydrate")]
pub mod channel;
#[cfg(feature = "hydrate")]
pub mod engine;
#[cfg(feature = "hydrate")]
pub mod network;
#[cfg(feature = "hydrate")]
pub mod owner;
#[cfg(feature = "hydrate")]
pub mod push;
#[cfg(feature = "hydrate")]
pub mod service_worker;
#[cfg(feature = "hydrate")]
pub mod storage;
#[cfg(feature = "hydrate")]
pub mod store;
