//! The store's integration tests: one conformance suite run on every backend.

mod conformance;
mod journal;
mod migrations;
