//! shijian's persistence: one interface over SQLite (the embedded default: one file under the
//! data directory) and PostgreSQL (production, by URL).
//!
//! [`Store`] is what the rest of the program uses; it is cheap to clone and safe to share
//! between tasks. Each backend has its own migrations tree with the same version list
//! ([`migrations`]), and one conformance suite (`tests/it`) runs against both.
//!
//! **Architecture Invariant:** this is the only crate that knows SQL. Callers pass and get
//! domain values from `shijian-core`; errors are `shijian_core::Error` with `db_*` codes.
//!
//! SQLite runs in WAL mode with `synchronous=FULL`: a transaction that returned is on disk,
//! also across a power cut, which is what a receipt promises. `foreign_keys=ON` and a busy
//! timeout are set on every connection. Writes go through one connection (SQLite has one
//! writer anyway); reads use a small pool of their own connections.

pub mod migrations;
mod postgres;
mod sqlite;

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use shijian_core::calendar::{DayKind, ScheduleEntry, YearSchedule};
use shijian_core::{Calendar, Code, Error, Industry, IndustryCatalogue, IndustryCode, Result};

pub use migrations::{Applied, SchemaStatus};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;
pub use tokio_postgres::Config as PgConfig;

/// Which database a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The result of `db check`.
#[derive(Clone, Debug)]
pub struct CheckReport {
    pub backend: Backend,
    /// Where the database is (a file path, or host/port/dbname without the password).
    pub location: String,
    pub schema: SchemaStatus,
    /// The backend's own integrity check (`PRAGMA integrity_check` on SQLite), "ok" when clean.
    pub integrity: String,
    pub server_version: String,
}

/// A year of the calendar imported by an administrator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedYear {
    pub schedule: YearSchedule,
    pub source: String,
}

/// The result of the insert benchmark.
#[derive(Clone, Copy, Debug)]
pub struct InsertBench {
    pub rows: usize,
    pub batch: usize,
    pub elapsed: Duration,
}

impl InsertBench {
    pub fn rows_per_second(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64()
    }
}

/// The store: SQLite or PostgreSQL behind one interface.
#[derive(Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

macro_rules! dispatch {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            Store::Sqlite($s) => $e,
            Store::Postgres($s) => $e,
        }
    };
}

impl Store {
    /// Opens (creating if needed) the SQLite database at `path`.
    pub async fn open_sqlite(path: &Path) -> Result<Store> {
        Ok(Store::Sqlite(SqliteStore::open(path).await?))
    }

    /// Connects to PostgreSQL at `url` (`postgres://user:pass@host:port/db` or a key=value
    /// string).
    pub async fn open_postgres(url: &str) -> Result<Store> {
        let config: PgConfig = url.parse().map_err(|e| Error::new(Code::DbUrl).with("reason", e))?;
        Store::open_postgres_config(config).await
    }

    /// Connects to PostgreSQL with a parsed configuration.
    pub async fn open_postgres_config(config: PgConfig) -> Result<Store> {
        Ok(Store::Postgres(PgStore::open(config).await?))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Store::Sqlite(_) => Backend::Sqlite,
            Store::Postgres(_) => Backend::Postgres,
        }
    }

    /// The known migrations of this store's backend.
    pub fn migrations(&self) -> &'static [migrations::Migration] {
        match self {
            Store::Sqlite(_) => migrations::SQLITE,
            Store::Postgres(_) => migrations::POSTGRES,
        }
    }

    /// Applies the pending migrations, each in its own transaction, and returns the versions
    /// applied. Refuses a database with unknown or changed migrations and changes nothing then.
    pub async fn migrate(&self) -> Result<Vec<i64>> {
        dispatch!(self, s => s.migrate().await)
    }

    /// Compares the database's schema with this program's migrations.
    pub async fn schema_status(&self) -> Result<SchemaStatus> {
        dispatch!(self, s => s.schema_status().await)
    }

    /// Checks that the database is reachable, its schema current and its storage sound.
    pub async fn check(&self) -> Result<CheckReport> {
        dispatch!(self, s => s.check().await)
    }

    /// Stores the schedules of the given years, replacing what was stored for them, in one
    /// transaction: all of it or none.
    pub async fn import_calendar(&self, years: &[YearSchedule], source: &str) -> Result<()> {
        let years = years.to_vec();
        let source = source.to_string();
        dispatch!(self, s => s.import_calendar(years, source).await)
    }

    /// The imported years, ascending.
    pub async fn imported_calendar(&self) -> Result<Vec<ImportedYear>> {
        dispatch!(self, s => s.imported_calendar().await)
    }

    /// The calendar in force: the shipped schedule overlaid with the imported years.
    pub async fn calendar(&self) -> Result<Calendar> {
        let imported = self.imported_calendar().await?;
        Ok(Calendar::builtin().with_years(imported.into_iter().map(|y| y.schedule)))
    }

    /// Replaces the imported industry table with `entries`, in one transaction.
    pub async fn import_industries(&self, entries: &[Industry], source: &str) -> Result<()> {
        let entries = entries.to_vec();
        let source = source.to_string();
        dispatch!(self, s => s.import_industries(entries, source).await)
    }

    /// The imported industry entries, by code.
    pub async fn imported_industries(&self) -> Result<Vec<Industry>> {
        dispatch!(self, s => s.imported_industries().await)
    }

    /// The classification in force: the shipped sections and divisions overlaid with the
    /// imported table.
    pub async fn industries(&self) -> Result<IndustryCatalogue> {
        IndustryCatalogue::with_imported(self.imported_industries().await?)
    }

    /// Measures batched inserts of a typical journal-sized row (about 300 bytes: an id, a kind,
    /// a subject code, a time and a JSON body) into a scratch table, `batch` rows per
    /// transaction, and drops the table afterwards. The rows of a batch are built before its
    /// clock starts, so the figure is the database's own cost. Meant for a scratch database.
    pub async fn bench_insert(&self, rows: usize, batch: usize) -> Result<InsertBench> {
        let batch = batch.max(1);
        let elapsed = dispatch!(self, s => s.bench_insert(rows, batch).await)?;
        Ok(InsertBench { rows, batch, elapsed })
    }

    /// Runs SQL text as it is, outside every rule of this crate. For tests that must damage a
    /// database on purpose; never called by the program.
    #[doc(hidden)]
    pub async fn danger_execute_sql(&self, sql: &str) -> Result<()> {
        let sql = sql.to_string();
        dispatch!(self, s => s.execute_batch(sql).await)
    }
}

/// Creates an empty database `name` on the PostgreSQL server that `admin` connects to and
/// returns the configuration that connects to it. For tests and benchmarks that need a
/// private database; the role in `admin` needs the CREATEDB privilege.
pub async fn create_postgres_database(admin: &PgConfig, name: &str) -> Result<PgConfig> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(Error::new(Code::DbUrl).with("reason", format!("database name {name:?}")));
    }
    let client = postgres::connect_once(admin).await?;
    client.batch_execute(&format!("CREATE DATABASE {name}")).await.map_err(db_err)?;
    let mut config = admin.clone();
    config.dbname(name);
    Ok(config)
}

/// Drops database `name` (closing its connections), if it exists.
pub async fn drop_postgres_database(admin: &PgConfig, name: &str) -> Result<()> {
    if !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(Error::new(Code::DbUrl).with("reason", format!("database name {name:?}")));
    }
    let client = postgres::connect_once(admin).await?;
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.map_err(db_err)
}

/// The row shape of the insert benchmark, shared by both backends.
pub(crate) struct BenchRow {
    pub seq: i64,
    pub id: String,
    pub kind: &'static str,
    pub subject: String,
    pub occurred_at: String,
    pub data: String,
}

pub(crate) fn bench_row(seq: i64) -> BenchRow {
    BenchRow {
        seq,
        id: format!("{:032x}", (seq as u128).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)),
        kind: "registry.entity_registered",
        subject: format!("91420100MA4K{:06}", seq % 1_000_000),
        occurred_at: format!("2026-11-28T08:{:02}:{:02}.{:06}Z", (seq / 60) % 60, seq % 60, seq % 1_000_000),
        data: format!(
            r#"{{"name":"武汉市江岸区红光餐饮管理有限公司{seq}","kind":"limited_company","division":"420102","capital":"1000000.00","currency":"CNY","established_on":"2026-11-28","address":"湖北省武汉市江岸区中山大道{seq}号","industry":"6210"}}"#
        ),
    }
}

pub(crate) fn db_err(e: impl std::fmt::Display) -> Error {
    Error::new(Code::DbQuery).with("reason", e)
}

pub(crate) fn kind_from_str(s: &str) -> Result<DayKind> {
    match s {
        "holiday" => Ok(DayKind::Holiday),
        "workday" => Ok(DayKind::Workday),
        other => Err(Error::new(Code::DbIntegrity).with("reason", format!("calendar_day.kind = {other}"))),
    }
}

pub(crate) fn industry_from_row(code: &str, name: String) -> Result<Industry> {
    let code = IndustryCode::parse_form(code)
        .map_err(|e| Error::new(Code::DbIntegrity).with("reason", format!("industry.code: {e}")))?;
    Ok(Industry { code, name })
}

/// Groups stored calendar rows (year, source, day, kind, name) into imported years.
pub(crate) fn group_years(rows: Vec<(i32, String, NaiveDate, DayKind, String)>) -> Vec<ImportedYear> {
    let mut out: Vec<ImportedYear> = Vec::new();
    for (year, source, date, kind, name) in rows {
        if out.last().is_none_or(|y| y.schedule.year != year) {
            out.push(ImportedYear { schedule: YearSchedule { year, entries: Vec::new() }, source: source.clone() });
        }
        if let Some(y) = out.last_mut() {
            y.schedule.entries.push(ScheduleEntry { date, kind, name });
        }
    }
    out
}
