//! The use cases' integration tests, each run on SQLite and on PostgreSQL.

mod credit;
mod register;
