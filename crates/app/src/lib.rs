//! shijian's use cases, one module per context: load the state, let `core` decide, append the
//! events, answer queries. Every use case takes the acting [`Actor`](shijian_core::event::Actor)
//! and is authorised here, once, for the command line and HTTP alike ([`access`]).
//!
//! **Architecture Invariant:** no SQL and no HTTP here; the store is reached only through
//! `shijian_store::Store`'s methods.

pub mod access;
pub mod accounts;
pub mod complaints;
pub mod credit;
pub mod import;
pub mod inspection;
pub mod lists;
pub mod names;
pub mod registry;
pub mod search;

pub use names::{NameCheck, NameFinding, Verdict};
pub use registry::Registry;
