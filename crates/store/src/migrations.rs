//! Schema migrations, one tree per backend with the same version list.
//!
//! Each backend's migrations live in `migrations/<backend>/NNNN_name.sql` and are registered
//! here. A migration is applied once, in its own transaction, and recorded in
//! `schema_migrations` with a SHA-256 checksum of its text, so a changed migration is noticed
//! (`db_migration_changed`) and a database written by a newer program is refused
//! (`db_schema_newer`).

use sha2::{Digest, Sha256};

/// One migration of one backend.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

impl Migration {
    /// Hex SHA-256 of the migration's text.
    pub fn checksum(&self) -> String {
        let digest = Sha256::digest(self.sql.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The SQLite tree.
pub const SQLITE: &[Migration] = &[
    Migration { version: 1, name: "foundation", sql: include_str!("../migrations/sqlite/0001_foundation.sql") },
    Migration { version: 2, name: "journal", sql: include_str!("../migrations/sqlite/0002_journal.sql") },
    Migration { version: 3, name: "witness", sql: include_str!("../migrations/sqlite/0003_witness.sql") },
    Migration { version: 4, name: "register", sql: include_str!("../migrations/sqlite/0004_register.sql") },
    Migration {
        version: 5,
        name: "deferred_name_keys",
        sql: include_str!("../migrations/sqlite/0005_deferred_name_keys.sql"),
    },
    Migration {
        version: 6,
        name: "credit_worklist",
        sql: include_str!("../migrations/sqlite/0006_credit_worklist.sql"),
    },
    Migration { version: 7, name: "access", sql: include_str!("../migrations/sqlite/0007_access.sql") },
    Migration { version: 8, name: "inspection", sql: include_str!("../migrations/sqlite/0008_inspection.sql") },
    Migration {
        version: 9,
        name: "inspection_object",
        sql: include_str!("../migrations/sqlite/0009_inspection_object.sql"),
    },
    Migration { version: 10, name: "complaint", sql: include_str!("../migrations/sqlite/0010_complaint.sql") },
    Migration {
        version: 11,
        name: "complaint_record",
        sql: include_str!("../migrations/sqlite/0011_complaint_record.sql"),
    },
    Migration { version: 12, name: "list_order", sql: include_str!("../migrations/sqlite/0012_list_order.sql") },
    Migration { version: 13, name: "case", sql: include_str!("../migrations/sqlite/0013_case.sql") },
    Migration { version: 14, name: "case_search", sql: include_str!("../migrations/sqlite/0014_case_search.sql") },
    Migration { version: 15, name: "case_desk", sql: include_str!("../migrations/sqlite/0015_case_desk.sql") },
    Migration { version: 16, name: "case_listed", sql: include_str!("../migrations/sqlite/0016_case_listed.sql") },
];

/// The PostgreSQL tree.
pub const POSTGRES: &[Migration] = &[
    Migration { version: 1, name: "foundation", sql: include_str!("../migrations/postgres/0001_foundation.sql") },
    Migration { version: 2, name: "journal", sql: include_str!("../migrations/postgres/0002_journal.sql") },
    Migration { version: 3, name: "witness", sql: include_str!("../migrations/postgres/0003_witness.sql") },
    Migration { version: 4, name: "register", sql: include_str!("../migrations/postgres/0004_register.sql") },
    Migration {
        version: 5,
        name: "deferred_name_keys",
        sql: include_str!("../migrations/postgres/0005_deferred_name_keys.sql"),
    },
    Migration {
        version: 6,
        name: "credit_worklist",
        sql: include_str!("../migrations/postgres/0006_credit_worklist.sql"),
    },
    Migration { version: 7, name: "access", sql: include_str!("../migrations/postgres/0007_access.sql") },
    Migration { version: 8, name: "inspection", sql: include_str!("../migrations/postgres/0008_inspection.sql") },
    Migration {
        version: 9,
        name: "inspection_object",
        sql: include_str!("../migrations/postgres/0009_inspection_object.sql"),
    },
    Migration { version: 10, name: "complaint", sql: include_str!("../migrations/postgres/0010_complaint.sql") },
    Migration {
        version: 11,
        name: "complaint_record",
        sql: include_str!("../migrations/postgres/0011_complaint_record.sql"),
    },
    Migration { version: 12, name: "list_order", sql: include_str!("../migrations/postgres/0012_list_order.sql") },
    Migration { version: 13, name: "case", sql: include_str!("../migrations/postgres/0013_case.sql") },
    Migration { version: 14, name: "case_search", sql: include_str!("../migrations/postgres/0014_case_search.sql") },
    Migration { version: 15, name: "case_desk", sql: include_str!("../migrations/postgres/0015_case_desk.sql") },
    Migration { version: 16, name: "case_listed", sql: include_str!("../migrations/postgres/0016_case_listed.sql") },
];

/// A migration recorded as applied in a database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub version: i64,
    pub name: String,
    pub checksum: String,
}

/// How a database's schema compares with this program's migrations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaStatus {
    /// The versions applied, ascending.
    pub applied: Vec<i64>,
    /// The versions this program knows and the database lacks.
    pub pending: Vec<i64>,
    /// Applied versions whose recorded checksum differs from the program's.
    pub changed: Vec<i64>,
    /// Applied versions this program does not know (written by a newer program).
    pub unknown: Vec<i64>,
}

impl SchemaStatus {
    pub(crate) fn compare(known: &[Migration], applied: &[Applied]) -> SchemaStatus {
        let mut status = SchemaStatus {
            applied: applied.iter().map(|a| a.version).collect(),
            pending: Vec::new(),
            changed: Vec::new(),
            unknown: Vec::new(),
        };
        for m in known {
            match applied.iter().find(|a| a.version == m.version) {
                None => status.pending.push(m.version),
                Some(a) if a.checksum != m.checksum() => status.changed.push(m.version),
                Some(_) => {}
            }
        }
        for a in applied {
            if !known.iter().any(|m| m.version == a.version) {
                status.unknown.push(a.version);
            }
        }
        status
    }

    /// True when the schema is exactly this program's.
    pub fn is_current(&self) -> bool {
        self.pending.is_empty() && self.changed.is_empty() && self.unknown.is_empty()
    }

    /// The first problem as a typed error, if any.
    pub fn problem(&self) -> Option<shijian_core::Error> {
        use shijian_core::{Code, Error};
        if let Some(v) = self.unknown.first() {
            return Some(Error::new(Code::DbSchemaNewer).with("version", v));
        }
        if let Some(v) = self.changed.first() {
            return Some(Error::new(Code::DbMigrationChanged).with("version", v));
        }
        if !self.pending.is_empty() {
            return Some(Error::new(Code::DbMigrationsPending).with("count", self.pending.len()));
        }
        None
    }
}

/// The statement that creates the bookkeeping table; the same on both backends.
pub(crate) const CREATE_SCHEMA_MIGRATIONS: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    BIGINT PRIMARY KEY,
    name       TEXT   NOT NULL,
    checksum   TEXT   NOT NULL,
    applied_at TEXT   NOT NULL
)";
