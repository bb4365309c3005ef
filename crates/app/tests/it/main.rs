//! The use cases' integration tests, each run on SQLite and on PostgreSQL.

mod register;
