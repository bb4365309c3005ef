//! The SQLite backend: one file, WAL, one writer connection and a few reader connections.
//!
//! rusqlite is synchronous; every call runs on tokio's blocking pool so async callers are
//! never blocked.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};
use shijian_core::calendar::{DayKind, YearSchedule, parse_date};
use shijian_core::{Code, Error, Industry, Result};

use crate::migrations::{self, Applied, CREATE_SCHEMA_MIGRATIONS, SchemaStatus};
use crate::{Backend, CheckReport, ImportedYear, bench_row, db_err, group_years, industry_from_row, kind_from_str};

const N_READERS: usize = 4;

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

/// A SQLite database file.
#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding the lock leaves the connection usable: SQLite rolls back an
    // unfinished transaction when it is next used or dropped.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn open_connection(path: &Path, read_only: bool) -> Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Error::new(Code::DbUnavailable).with("reason", format!("{}: {e}", path.display())))?;
    conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(db_err)?;
    if !read_only {
        // WAL lets readers run beside the one writer; FULL syncs the WAL at every commit so a
        // committed transaction survives a power cut, not only a crash of the process.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(db_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::new(Code::DbUnavailable).with("reason", format!("journal_mode is {mode}, not wal")));
        }
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")
        .map_err(db_err)?;
    Ok(conn)
}

impl SqliteStore {
    pub(crate) async fn open(path: &Path) -> Result<SqliteStore> {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| Error::new(Code::DbUnavailable).with("reason", format!("{}: {e}", dir.display())))?;
            }
            let writer = open_connection(&path, false)?;
            let readers =
                (0..N_READERS).map(|_| open_connection(&path, true).map(Mutex::new)).collect::<Result<Vec<_>>>()?;
            Ok(SqliteStore {
                inner: Arc::new(Inner { path, writer: Mutex::new(writer), readers, next_reader: AtomicUsize::new(0) }),
            })
        })
        .await
        .map_err(|e| Error::new(Code::Internal).with("reason", e))?
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` with the writer connection on the blocking pool.
    async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || f(&mut lock(&inner.writer)))
            .await
            .map_err(|e| Error::new(Code::Internal).with("reason", e))?
    }

    /// Runs `f` with a reader connection on the blocking pool.
    async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let n = inner.readers.len();
            let start = inner.next_reader.fetch_add(1, Ordering::Relaxed);
            for i in 0..n {
                if let Ok(conn) = inner.readers[(start + i) % n].try_lock() {
                    return f(&conn);
                }
            }
            f(&lock(&inner.readers[start % n]))
        })
        .await
        .map_err(|e| Error::new(Code::Internal).with("reason", e))?
    }

    fn applied(conn: &Connection) -> Result<Vec<Applied>> {
        let exists: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
                [],
                |r| r.get(0),
            )
            .map_err(db_err)?;
        if !exists {
            return Ok(Vec::new());
        }
        let mut stmt =
            conn.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version").map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| Ok(Applied { version: r.get(0)?, name: r.get(1)?, checksum: r.get(2)? }))
            .map_err(db_err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_err)
    }

    pub(crate) async fn migrate(&self) -> Result<Vec<i64>> {
        self.write(|conn| {
            conn.execute_batch(CREATE_SCHEMA_MIGRATIONS).map_err(db_err)?;
            let mut done = Vec::new();
            loop {
                // Re-read inside each transaction: another process may be migrating too.
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
                let status = SchemaStatus::compare(migrations::SQLITE, &Self::applied(&tx)?);
                if !status.unknown.is_empty() || !status.changed.is_empty() {
                    return Err(status.problem().unwrap_or_else(|| Error::new(Code::Internal)));
                }
                let Some(&version) = status.pending.first() else { break };
                let m = migrations::SQLITE
                    .iter()
                    .find(|m| m.version == version)
                    .ok_or_else(|| Error::new(Code::Internal))?;
                tx.execute_batch(m.sql).map_err(|e| db_err(format!("migration {}: {e}", m.version)))?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
                    params![m.version, m.name, m.checksum(), chrono::Utc::now().to_rfc3339()],
                )
                .map_err(db_err)?;
                tx.commit().map_err(db_err)?;
                done.push(version);
            }
            Ok(done)
        })
        .await
    }

    pub(crate) async fn schema_status(&self) -> Result<SchemaStatus> {
        self.read(|conn| Ok(SchemaStatus::compare(migrations::SQLITE, &Self::applied(conn)?))).await
    }

    pub(crate) async fn check(&self) -> Result<CheckReport> {
        let location = self.inner.path.display().to_string();
        self.read(move |conn| {
            let schema = SchemaStatus::compare(migrations::SQLITE, &Self::applied(conn)?);
            let mut stmt = conn.prepare("PRAGMA integrity_check").map_err(db_err)?;
            let lines = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(db_err)?;
            let integrity = lines.collect::<rusqlite::Result<Vec<_>>>().map_err(db_err)?.join("; ");
            let mut fk = conn.prepare("PRAGMA foreign_key_check").map_err(db_err)?;
            let n_fk = fk.query_map([], |_| Ok(())).map_err(db_err)?.count();
            let integrity = if n_fk > 0 { format!("{integrity}; {n_fk} foreign-key violations") } else { integrity };
            let server_version: String = conn.query_row("SELECT sqlite_version()", [], |r| r.get(0)).map_err(db_err)?;
            Ok(CheckReport {
                backend: Backend::Sqlite,
                location,
                schema,
                integrity,
                server_version: format!("SQLite {server_version}"),
            })
        })
        .await
    }

    pub(crate) async fn import_calendar(&self, years: Vec<YearSchedule>, source: String) -> Result<()> {
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            let now = chrono::Utc::now().to_rfc3339();
            for y in &years {
                tx.execute("DELETE FROM calendar_year WHERE year = ?1", params![y.year]).map_err(db_err)?;
                tx.execute(
                    "INSERT INTO calendar_year (year, source, imported_at) VALUES (?1, ?2, ?3)",
                    params![y.year, source, now],
                )
                .map_err(db_err)?;
                let mut stmt = tx
                    .prepare_cached("INSERT INTO calendar_day (day, year, kind, name) VALUES (?1, ?2, ?3, ?4)")
                    .map_err(db_err)?;
                for e in &y.entries {
                    stmt.execute(params![e.date.to_string(), y.year, e.kind.as_str(), e.name]).map_err(db_err)?;
                }
            }
            tx.commit().map_err(db_err)
        })
        .await
    }

    pub(crate) async fn imported_calendar(&self) -> Result<Vec<ImportedYear>> {
        self.read(|conn| {
            let mut stmt = conn
                .prepare(
                    "SELECT y.year, y.source, d.day, d.kind, d.name
                     FROM calendar_year y JOIN calendar_day d ON d.year = y.year ORDER BY d.day",
                )
                .map_err(db_err)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i32>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })
                .map_err(db_err)?;
            let mut out = Vec::new();
            for row in rows {
                let (year, source, day, kind, name) = row.map_err(db_err)?;
                let date = parse_date(&day).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e))?;
                let kind: DayKind = kind_from_str(&kind)?;
                out.push((year, source, date, kind, name));
            }
            Ok(group_years(out))
        })
        .await
    }

    pub(crate) async fn import_industries(&self, entries: Vec<Industry>, source: String) -> Result<()> {
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            let now = chrono::Utc::now().to_rfc3339();
            tx.execute("DELETE FROM industry", []).map_err(db_err)?;
            {
                let mut stmt = tx
                    .prepare_cached(
                        "INSERT INTO industry (code, name, level, source, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )
                    .map_err(db_err)?;
                for e in &entries {
                    stmt.execute(params![e.code.as_str(), e.name, e.level().as_str(), source, now]).map_err(db_err)?;
                }
            }
            tx.commit().map_err(db_err)
        })
        .await
    }

    pub(crate) async fn imported_industries(&self) -> Result<Vec<Industry>> {
        self.read(|conn| {
            let mut stmt = conn.prepare("SELECT code, name FROM industry ORDER BY code").map_err(db_err)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).map_err(db_err)?;
            let mut out = Vec::new();
            for row in rows {
                let (code, name) = row.map_err(db_err)?;
                out.push(industry_from_row(&code, name)?);
            }
            Ok(out)
        })
        .await
    }

    pub(crate) async fn bench_insert(&self, rows: usize, batch: usize) -> Result<std::time::Duration> {
        self.write(move |conn| {
            conn.execute_batch(
                "DROP TABLE IF EXISTS bench_row;
                 CREATE TABLE bench_row (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL,
                     subject TEXT NOT NULL, occurred_at TEXT NOT NULL, data TEXT NOT NULL) STRICT;",
            )
            .map_err(db_err)?;
            let mut elapsed = std::time::Duration::ZERO;
            let mut seq = 0i64;
            while (seq as usize) < rows {
                let end = (seq as usize + batch).min(rows) as i64;
                let batch_rows: Vec<_> = (seq..end).map(bench_row).collect();
                let start = std::time::Instant::now();
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
                {
                    let mut stmt = tx
                        .prepare_cached("INSERT INTO bench_row (seq, id, kind, subject, occurred_at, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                        .map_err(db_err)?;
                    for r in &batch_rows {
                        stmt.execute(params![r.seq, r.id, r.kind, r.subject, r.occurred_at, r.data]).map_err(db_err)?;
                    }
                }
                tx.commit().map_err(db_err)?;
                elapsed += start.elapsed();
                seq = end;
            }
            conn.execute_batch("DROP TABLE bench_row").map_err(db_err)?;
            Ok(elapsed)
        })
        .await
    }

    pub(crate) async fn execute_batch(&self, sql: String) -> Result<()> {
        self.write(move |conn| conn.execute_batch(&sql).map_err(db_err)).await
    }
}
