//! shijian's core: value types and rules, with no IO.
//!
//! Everything here is a pure function of its inputs: identifiers that can only exist valid
//! ([`Uscc`], [`ResidentId`], [`DivisionCode`], [`IndustryCode`]), the working-day
//! [`Calendar`], and the one error vocabulary ([`Error`], [`Code`]). Time comes in as an
//! argument, never from a clock read here.
//!
//! **Architecture Invariant:** this crate does no IO (no files, network, database or clock)
//! and fails only with typed [`Error`]s.

pub mod account;
pub mod calendar;
pub mod case;
pub mod complaint;
pub mod credit;
pub mod division;
pub mod entity;
pub mod error;
pub mod event;
pub mod fold;
pub mod industry;
pub mod inspection;
pub mod labels;
pub mod name;
pub mod registry;
pub mod rid;
pub mod scope;
pub mod uscc;

pub use calendar::{Calendar, parse_date};
pub use division::{Division, DivisionCode, Tier};
pub use error::{Code, Error, ErrorKind, Lang, Result};
pub use industry::{Industry, IndustryCatalogue, IndustryCode, IndustryLevel};
pub use rid::ResidentId;
pub use uscc::Uscc;
