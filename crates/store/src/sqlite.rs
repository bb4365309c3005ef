//! The SQLite backend: one file, WAL, one writer connection and a few reader connections.
//!
//! rusqlite is synchronous. Writes (whole transactions) run on tokio's blocking pool; reads,
//! point lookups of microseconds, run in place (see `read`), where a thread hop would cost more
//! than the read.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use shijian_core::{Code, Error, Result};
use shijian_ledger::hash::Hash;
use shijian_ledger::tile::{Edge, Tile};

use crate::dialect::{self, SqliteExec};
use crate::journal::{self, Prepared, ProjectionDelta, StoredCheckpoint, StoredEvent};
use crate::migrations::{self, Applied, CREATE_SCHEMA_MIGRATIONS, SchemaStatus};
use crate::projection::{self, Projection};
use crate::{Backend, CheckReport, EventKey, StoredTileMap, bench_row, db_err};
use crate::{credit, inspection, register};

const N_READERS: usize = 4;

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    /// The log's right edge as of the last append by this process; checked against the
    /// stored size before use.
    edge: Mutex<Option<Edge>>,
    tiles: crate::TileCache,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    /// A bulk load is running: name keys go to `proj_name_key_pending` until it ends.
    bulk: AtomicBool,
    /// Point lookups running on runtime workers right now (see [`SqliteStore::lookup`]).
    inline: AtomicUsize,
    /// What commits through this store changed ([`crate::Store::generation`]).
    changes: crate::projection::Changes,
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

/// How many prepared statements each connection keeps.
const STATEMENT_CACHE: usize = 256;

fn open_connection(path: &Path, read_only: bool) -> Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Error::new(Code::DbUnavailable).with("reason", format!("{}: {e}", path.display())))?;
    conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(db_err)?;
    // Plans never depend on the values bound (the query planner stability guarantee). Without
    // it SQLite compiles a statement again at every execution whenever its planner looked at a
    // bound value — a partial index's condition weighed against a parameter, an ORDER BY's
    // alternatives, FTS5's own lookups — and rusqlite's statement cache clears the bindings
    // of each statement it takes back, so the compilation repeats at every use: the credit
    // file's penalties and the name search's candidates were compiled anew at every view. The
    // planner's use of values is not needed here: partial indexes are queried with their
    // conditions written as constants, prefix LIKE is not used, and no statistics are kept.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).map_err(db_err)?;
    // Room for every statement the store prepares (about 130 distinct ones; rusqlite keeps 16
    // by default), so that mixed traffic does not evict and compile them again.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    if !read_only {
        // A new database gets 32 KiB pages, so that a log tile with its internal nodes (16 KiB)
        // is one page; an existing database keeps its page size.
        conn.execute_batch("PRAGMA page_size = 32768").map_err(db_err)?;
        // WAL lets readers run beside the one writer; FULL syncs the WAL at every commit so a
        // committed transaction survives a power cut, not only a crash of the process.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(db_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::new(Code::DbUnavailable).with("reason", format!("journal_mode is {mode}, not wal")));
        }
    }
    // Memory-mapped reads avoid a system call and a copy per page: proofs read 8 KiB tiles at
    // random, and the public credit file a few rows per request. The whole file is mapped (up
    // to the bundled build's 1 TiB limit); a 16 GiB map left most of a full province's 45 GB to
    // `pread` and cost the credit-file endpoint about 12 % of its throughput (BENCHMARKS.md).
    // A 128 MiB page cache per connection (the default is 2 MiB, 62 pages of 32 KiB): the
    // register's indexes take random inserts, and a small cache spills pages to the WAL in the
    // middle of a transaction. The WAL is checkpointed every 4,096 pages (128 MiB) rather than
    // 1,000: a page rewritten by consecutive batches is copied into the database once.
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 1099511627776;
         PRAGMA cache_size = -131072; PRAGMA wal_autocheckpoint = 4096;",
    )
        .map_err(db_err)?;
    // An operator's override of the map's size: 0 reads by system call. On a disk with a large
    // read-ahead, a page fault in the map reads megabytes around the page, and a database larger
    // than memory warms up very slowly (BENCHMARKS.md, "The server"). (The writer's map is set
    // again at the end of a bulk load.)
    if let Some(bytes) = std::env::var("SHIJIAN_SQLITE_MMAP_BYTES").ok().and_then(|v| v.parse::<u64>().ok()) {
        conn.execute_batch(&format!("PRAGMA mmap_size = {bytes}")).map_err(db_err)?;
    }
    Ok(conn)
}

impl SqliteStore {
    pub(crate) fn changes(&self) -> &crate::projection::Changes {
        &self.inner.changes
    }

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
                inner: Arc::new(Inner {
                    path,
                    writer: Mutex::new(writer),
                    edge: Mutex::new(None),
                    tiles: crate::TileCache::default(),
                    readers,
                    next_reader: AtomicUsize::new(0),
                    bulk: AtomicBool::new(false),
                    inline: AtomicUsize::new(0),
                    changes: Default::default(),
                }),
            })
        })
        .await
        .map_err(|e| Error::new(Code::Internal).with("reason", e))?
    }

    /// The statements prepared on the readers, by text, with how many times SQLite compiled
    /// each again ([`crate::testing::recompilations`]).
    pub(crate) fn recompilations(&self) -> std::collections::BTreeMap<String, crate::testing::Compiled> {
        use rusqlite::ffi;
        let mut out: std::collections::BTreeMap<String, crate::testing::Compiled> = std::collections::BTreeMap::new();
        for reader in &self.inner.readers {
            let conn = lock(reader);
            // SAFETY: the connection is held locked for the whole walk, so no statement is
            // prepared or finalized meanwhile; `sqlite3_next_stmt` and `sqlite3_sql` return
            // pointers owned by SQLite that stay valid until then, and are only read here.
            unsafe {
                let db = conn.handle();
                let mut stmt = ffi::sqlite3_next_stmt(db, std::ptr::null_mut());
                while !stmt.is_null() {
                    let sql = ffi::sqlite3_sql(stmt);
                    if !sql.is_null() {
                        let text = std::ffi::CStr::from_ptr(sql).to_string_lossy().into_owned();
                        let n = ffi::sqlite3_stmt_status(stmt, ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
                        let compiled = out.entry(text).or_default();
                        compiled.again += i64::from(n);
                        compiled.handles.insert(stmt as usize);
                    }
                    stmt = ffi::sqlite3_next_stmt(db, stmt);
                }
            }
        }
        out
    }

    pub(crate) fn tile_cache(&self) -> &crate::TileCache {
        &self.inner.tiles
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

    /// Runs `f` with a reader connection, in place.
    async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let inner = self.inner.clone();
        let run = move || {
            let n = inner.readers.len();
            let start = inner.next_reader.fetch_add(1, Ordering::Relaxed);
            for i in 0..n {
                if let Ok(conn) = inner.readers[(start + i) % n].try_lock() {
                    return f(&conn);
                }
            }
            f(&lock(&inner.readers[start % n]))
        };
        // Reads are point lookups of microseconds: handing them to the blocking pool costs more
        // (a thread hop of tens of microseconds) than it saves. On a multi-threaded runtime the
        // worker lends its other tasks away while it reads; elsewhere the read runs inline.
        match tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor()) {
            Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(run),
            _ => run(),
        }
    }

    /// Runs a point lookup (a few index probes, microseconds when the pages are in memory) on
    /// the calling runtime worker. Lending the worker's tasks to another thread
    /// ([`Self::read`]) costs more than such a lookup: on the public credit file it doubled the
    /// 99th percentile (BENCHMARKS.md). But a lookup that misses the page cache waits for the
    /// disk, so at most all workers but one run lookups inline; the others hand off as
    /// [`Self::read`] does, and one worker always stays free to answer (`/healthz` among them).
    async fn lookup<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let workers = match tokio::runtime::Handle::try_current() {
            Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => h.metrics().num_workers(),
            _ => return self.read(f).await,
        };
        let inner = &self.inner;
        if inner.inline.fetch_add(1, Ordering::AcqRel) + 1 >= workers {
            inner.inline.fetch_sub(1, Ordering::AcqRel);
            return self.read(f).await;
        }
        struct Release<'a>(&'a AtomicUsize);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::AcqRel);
            }
        }
        let _release = Release(&inner.inline);
        let n = inner.readers.len();
        let start = inner.next_reader.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(conn) = inner.readers[(start + i) % n].try_lock() {
                return f(&conn);
            }
        }
        f(&lock(&inner.readers[start % n]))
    }

    /// Runs a read of the dialect layer.
    pub(crate) async fn query(&self, sql: &str, params: Vec<dialect::Sql>) -> Result<Vec<dialect::Row>> {
        let sql = sql.to_string();
        self.read(move |conn| dialect::sqlite_query(conn, &sql, &params)).await
    }

    /// Runs writes of the dialect layer outside the journal, in order, in one transaction.
    pub(crate) async fn write_all(&self, writes: Vec<dialect::Write>) -> Result<u64> {
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            let exec = SqliteExec(&tx);
            let mut n = 0;
            for w in &writes {
                n += dialect::run_sync(w.run(&exec))?;
            }
            tx.commit().map_err(db_err)?;
            Ok(n)
        })
        .await
    }

    /// Runs a read of the dialect layer, calling `each` with every row.
    pub(crate) async fn stream(&self, sql: &str, params: Vec<dialect::Sql>, mut each: dialect::RowSink) -> Result<()> {
        let sql = sql.to_string();
        self.read(move |conn| {
            let mut stmt = conn.prepare_cached(&dialect::sqlite_sql(&sql)).map_err(db_err)?;
            let n = stmt.column_count();
            let mut rows = stmt.query(rusqlite::params_from_iter(params.iter())).map_err(db_err)?;
            while let Some(r) = rows.next().map_err(db_err)? {
                each(&dialect::sqlite_row(r, n).map_err(db_err)?)?;
            }
            Ok(())
        })
        .await
    }

    /// Runs a point lookup of the dialect layer (see [`Self::lookup`]).
    pub(crate) async fn lookup_rows(&self, sql: &str, params: Vec<dialect::Sql>) -> Result<Vec<dialect::Row>> {
        let sql = sql.to_string();
        self.lookup(move |conn| dialect::sqlite_query(conn, &sql, &params)).await
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
            // A bulk load that was interrupted left its name keys deferred: merge them now.
            let pending: bool = conn
                .query_row("SELECT EXISTS (SELECT 1 FROM proj_name_key_pending)", [], |r| r.get(0))
                .map_err(db_err)?;
            if pending {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
                finish_bulk_indexes(&tx)?;
                tx.commit().map_err(db_err)?;
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

    // ----- the journal -----

    pub(crate) async fn append_prepared(&self, prepared: Vec<Prepared>, expect: crate::Expect) -> Result<u64> {
        let inner = self.inner.clone();
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            crate::checked::check_sqlite(&tx, &expect)?;
            let size = stored_size(&tx)?;
            let mut cache = inner.edge.lock().unwrap_or_else(|p| p.into_inner());
            let mut edge = match cache.as_ref() {
                Some(e) if e.size() == size => e.clone(),
                _ => journal::edge_from_stored(size, &load_tiles_in(&tx, &edge_keys(size))?)?,
            };
            insert_event_rows(&tx, size, &prepared, false)?;
            let writes = edge.append_all(prepared.iter().map(|p| p.leaf));
            write_tiles(&tx, &writes.tiles)?;
            let defer = inner.bulk.load(Ordering::Relaxed);
            apply_projections(&tx, &ProjectionDelta::of_prepared(size, &prepared), defer)?;
            tx.commit().map_err(db_err)?;
            *cache = Some(edge);
            Ok(size)
        })
        .await
    }

    pub(crate) async fn log_size(&self) -> Result<u64> {
        self.lookup(stored_size).await
    }

    pub(crate) async fn edge_snapshot(&self) -> Result<(u64, BTreeMap<(u8, u64), Vec<u8>>)> {
        self.read(|conn| {
            conn.execute_batch("BEGIN").map_err(db_err)?;
            let result = (|| {
                let size = stored_size(conn)?;
                Ok((size, load_tiles_in(conn, &edge_keys(size))?))
            })();
            conn.execute_batch("COMMIT").map_err(db_err)?;
            result
        })
        .await
    }

    pub(crate) async fn event(&self, key: EventKey) -> Result<StoredEvent> {
        self.lookup(move |conn| {
            let found = match &key {
                EventKey::Id(id) => conn.query_row(&format!("{SELECT_EVENT} WHERE e.id = ?1"), [id], stored_event),
                EventKey::Index(i) => {
                    conn.query_row(&format!("{SELECT_EVENT} WHERE e.seq = ?1"), [*i as i64], stored_event)
                }
            };
            match found {
                Ok(event) => event,
                Err(rusqlite::Error::QueryReturnedNoRows) => Err(not_found(conn, &key)?),
                Err(e) => Err(db_err(e)),
            }
        })
        .await
    }

    pub(crate) async fn load_tiles(&self, keys: Vec<(u8, u64)>) -> Result<BTreeMap<(u8, u64), Vec<u8>>> {
        self.lookup(move |conn| load_tiles_in(conn, &keys)).await
    }

    pub(crate) async fn load_tiles_with_nodes(&self, keys: Vec<(u8, u64)>) -> Result<StoredTileMap> {
        self.lookup(move |conn| load_tiles_with_nodes(conn, &keys)).await
    }

    pub(crate) async fn checkpoints(&self, latest: Option<usize>) -> Result<Vec<StoredCheckpoint>> {
        self.read(move |conn| {
            let sql = match latest {
                Some(n) => {
                    format!("SELECT size, root, note, signed_at FROM log_checkpoint ORDER BY size DESC LIMIT {n}")
                }
                None => "SELECT size, root, note, signed_at FROM log_checkpoint ORDER BY size".to_string(),
            };
            let mut stmt = conn.prepare(&sql).map_err(db_err)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
                })
                .map_err(db_err)?;
            let mut out = Vec::new();
            for row in rows {
                let (size, root, note, signed_at) = row.map_err(db_err)?;
                let root = Hash::from_slice(&root)
                    .ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", "checkpoint root"))?;
                out.push(StoredCheckpoint { size: size as u64, root, note, signed_at });
            }
            Ok(out)
        })
        .await
    }

    pub(crate) async fn first_checkpoint_after(&self, index: u64) -> Result<Option<StoredCheckpoint>> {
        self.read(move |conn| {
            let row = conn
                .query_row(
                    "SELECT size, root, note, signed_at FROM log_checkpoint WHERE size > ?1 ORDER BY size LIMIT 1",
                    [index as i64],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, Vec<u8>>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                        ))
                    },
                )
                .optional()
                .map_err(db_err)?;
            row.map(|(size, root, note, signed_at)| {
                let root = Hash::from_slice(&root)
                    .ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", "checkpoint root"))?;
                Ok(StoredCheckpoint { size: size as u64, root, note, signed_at })
            })
            .transpose()
        })
        .await
    }

    pub(crate) async fn latest_cosigned_checkpoint(&self, index: u64) -> Result<Option<StoredCheckpoint>> {
        self.read(move |conn| {
            let row = conn.query_row(
                "SELECT c.size, c.root, c.note, c.signed_at FROM log_checkpoint c
                 WHERE c.size > ?1 AND EXISTS (SELECT 1 FROM proj_cosignature s WHERE s.size = c.size)
                 ORDER BY c.size DESC LIMIT 1",
                [index as i64],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)),
            );
            match row {
                Ok((size, root, note, signed_at)) => {
                    let root = Hash::from_slice(&root)
                        .ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", "checkpoint root"))?;
                    Ok(Some(StoredCheckpoint { size: size as u64, root, note, signed_at }))
                }
                Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
                Err(e) => Err(db_err(e)),
            }
        })
        .await
    }

    pub(crate) async fn insert_checkpoint(&self, cp: StoredCheckpoint) -> Result<()> {
        self.write(move |conn| {
            conn.execute(
                "INSERT INTO log_checkpoint (size, root, note, signed_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (size) DO NOTHING",
                params![cp.size as i64, &cp.root.0[..], cp.note, cp.signed_at],
            )
            .map_err(db_err)?;
            Ok(())
        })
        .await
    }

    pub(crate) async fn event_chunk(&self, from: u64, limit: u64) -> Result<Vec<(u64, String, Vec<u8>, Vec<u8>)>> {
        self.read(move |conn| {
            let mut stmt = conn
                .prepare_cached("SELECT seq, record, salt, entry FROM event WHERE seq >= ?1 ORDER BY seq LIMIT ?2")
                .map_err(db_err)?;
            let rows = stmt
                .query_map(params![from as i64, limit as i64], |r| {
                    Ok((
                        r.get::<_, i64>(0)? as u64,
                        r.get::<_, String>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                        r.get::<_, Vec<u8>>(3)?,
                    ))
                })
                .map_err(db_err)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db_err)
        })
        .await
    }

    pub(crate) async fn rebuild_projections(&self) -> Result<u64> {
        self.write(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            for table in projection::tables(Backend::Sqlite) {
                let sql = match table {
                    // A contentless FTS5 table is emptied by its own command.
                    "proj_name_search" => "INSERT INTO proj_name_search (proj_name_search) VALUES ('delete-all')".to_string(),
                    _ => format!("DELETE FROM {table}"),
                };
                tx.execute_batch(&sql).map_err(db_err)?;
            }
            let mut from = 0i64;
            loop {
                let mut delta = ProjectionDelta::default();
                let mut n = 0;
                {
                    let mut stmt = tx
                        .prepare_cached(
                            "SELECT seq, kind, occurred_at, record, subject FROM event WHERE seq >= ?1 ORDER BY seq LIMIT 50000",
                        )
                        .map_err(db_err)?;
                    let mut rows = stmt.query([from]).map_err(db_err)?;
                    while let Some(r) = rows.next().map_err(db_err)? {
                        let seq: i64 = r.get(0).map_err(db_err)?;
                        let kind: String = r.get(1).map_err(db_err)?;
                        let occurred_at: String = r.get(2).map_err(db_err)?;
                        let effects = if journal::has_effect(&kind) {
                            journal::effects_of_record(&kind, &r.get::<_, String>(3).map_err(db_err)?)?
                        } else {
                            Vec::new()
                        };
                        let subject: Option<String> = r.get(4).map_err(db_err)?;
                        delta.add(seq as u64, &kind, subject.as_deref(), &occurred_at, &effects);
                        from = seq + 1;
                        n += 1;
                    }
                }
                if n == 0 {
                    break;
                }
                apply_projections(&tx, &delta, true)?;
            }
            finish_bulk_indexes(&tx)?;
            tx.commit().map_err(db_err)?;
            Ok(from as u64)
        })
        .await
    }

    /// Bulk loading: the writer stops syncing at each commit (`synchronous = OFF`), reads
    /// without the memory map, and defers name keys to `proj_name_key_pending`; at the end the
    /// deferred keys are merged, the WAL is checkpointed and synced, and the normal settings
    /// restored.
    pub(crate) async fn bulk_load(&self, on: bool) -> Result<()> {
        let inner = self.inner.clone();
        self.write(move |conn| {
            // Reads by system call rather than through the memory map, so that the load's
            // memory stays the page cache's 128 MiB however large the database grows.
            if on {
                inner.bulk.store(true, Ordering::Relaxed);
                conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA mmap_size = 0").map_err(db_err)
            } else {
                inner.bulk.store(false, Ordering::Relaxed);
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
                finish_bulk_indexes(&tx)?;
                tx.commit().map_err(db_err)?;
                conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA mmap_size = 1099511627776").map_err(db_err)?;
                conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).map_err(db_err)
            }
        })
        .await
    }

    // ----- the register -----

    pub(crate) async fn events_of_subject(&self, subject: String) -> Result<Vec<StoredEvent>> {
        self.lookup(move |conn| {
            let mut stmt = conn.prepare_cached(SELECT_EVENTS_OF_SUBJECT).map_err(db_err)?;
            let rows = stmt.query_map([&subject], stored_event).map_err(db_err)?;
            rows.map(|r| r.map_err(db_err)?).collect()
        })
        .await
    }

    pub(crate) async fn events_from(&self, from: u64, limit: usize) -> Result<Vec<StoredEvent>> {
        self.read(move |conn| {
            let mut stmt = conn
                .prepare_cached(&format!("{SELECT_EVENT} WHERE e.seq >= ?1 ORDER BY e.seq LIMIT ?2"))
                .map_err(db_err)?;
            let rows = stmt.query_map(params![from as i64, limit as i64], stored_event).map_err(db_err)?;
            rows.map(|r| r.map_err(db_err)?).collect()
        })
        .await
    }

    pub(crate) async fn entity_with_events(&self, uscc: String) -> Result<Option<register::EntityWithEvents>> {
        self.lookup(move |conn| {
            let row = conn
                .prepare_cached("SELECT state, seq FROM proj_entity WHERE uscc = ?1")
                .map_err(db_err)?
                .query_row([&uscc], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .optional()
                .map_err(db_err)?;
            let Some((json, seq)) = row else { return Ok(None) };
            let mut stmt = conn.prepare_cached(SELECT_EVENTS_OF_SUBJECT).map_err(db_err)?;
            let events = stmt.query_map([&uscc], stored_event).map_err(db_err)?;
            let events = events.map(|r| r.map_err(db_err)?).collect::<Result<Vec<_>>>()?;
            Ok(Some(register::EntityWithEvents {
                row: register::EntityRow { state: register::parse_state(&json)?, seq: seq as u64 },
                events,
            }))
        })
        .await
    }

    pub(crate) async fn name_candidates(&self, hashes: Vec<i64>) -> Result<Vec<register::NameRow>> {
        self.read(move |conn| {
            let mut ids = std::collections::BTreeSet::new();
            {
                let mut stmt = conn.prepare_cached("SELECT name_id FROM proj_name_key WHERE h = ?1").map_err(db_err)?;
                for h in &hashes {
                    let mut rows = stmt.query([h]).map_err(db_err)?;
                    while let Some(r) = rows.next().map_err(db_err)? {
                        ids.insert(r.get::<_, i64>(0).map_err(db_err)?);
                    }
                }
            }
            let mut stmt = conn
                .prepare_cached(
                    "SELECT id, name, uscc, kind, authority, ended_on, reserved_until FROM proj_name WHERE id = ?1",
                )
                .map_err(db_err)?;
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(row) = stmt.query_row([id], name_row).optional().map_err(db_err)? {
                    out.push(row?);
                }
            }
            Ok(out)
        })
        .await
    }

    pub(crate) async fn credit_listed(
        &self,
        serious: bool,
        range: (String, String),
        after: (String, String),
        limit: usize,
    ) -> Result<Vec<(register::EntityRow, shijian_core::credit::file::CreditFile)>> {
        self.read(move |conn| {
            // The two statements are spelt out so that each matches its partial index's condition.
            let sql = if serious {
                "SELECT e.state, e.seq, c.state FROM proj_credit c INDEXED BY proj_credit_serious_since
                 JOIN proj_entity e ON e.uscc = c.uscc
                 WHERE c.serious = 1 AND (c.serious_since, c.uscc) < (?3, ?4) AND e.authority BETWEEN ?1 AND ?2
                 ORDER BY c.serious_since DESC, c.uscc DESC LIMIT ?5"
            } else {
                "SELECT e.state, e.seq, c.state FROM proj_credit c INDEXED BY proj_credit_abnormal_since
                 JOIN proj_entity e ON e.uscc = c.uscc
                 WHERE c.abnormal = 1 AND (c.abnormal_since, c.uscc) < (?3, ?4) AND e.authority BETWEEN ?1 AND ?2
                 ORDER BY c.abnormal_since DESC, c.uscc DESC LIMIT ?5"
            };
            let mut stmt = conn.prepare_cached(sql).map_err(db_err)?;
            let mut rows = stmt.query(params![range.0, range.1, after.0, after.1, limit as i64]).map_err(db_err)?;
            entities_with_files(&mut rows)
        })
        .await
    }

    pub(crate) async fn credit_open_matters(
        &self,
        range: (String, String),
    ) -> Result<Vec<(register::EntityRow, shijian_core::credit::file::CreditFile)>> {
        self.read(move |conn| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT e.state, e.seq, c.state FROM proj_credit c JOIN proj_entity e ON e.uscc = c.uscc
                     WHERE c.open = 1 AND e.authority BETWEEN ?1 AND ?2 ORDER BY c.uscc",
                )
                .map_err(db_err)?;
            let mut rows = stmt.query(params![range.0, range.1]).map_err(db_err)?;
            entities_with_files(&mut rows)
        })
        .await
    }

    // ----- 12315 -----

    // ----- random inspections -----

    pub(crate) async fn pool_rows(
        &self,
        range: (String, String),
        mut each: Box<dyn FnMut(inspection::PoolRowRef<'_>) + Send>,
    ) -> Result<()> {
        self.read(move |conn| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT e.uscc, e.authority, e.kind, e.status, e.industry, c.class
                     FROM proj_pool_entity e
                     LEFT JOIN proj_credit c INDEXED BY proj_credit_class ON c.uscc = e.uscc
                     WHERE e.authority BETWEEN ?1 AND ?2",
                )
                .map_err(db_err)?;
            let mut rows = stmt.query([&range.0, &range.1]).map_err(db_err)?;
            while let Some(r) = rows.next().map_err(db_err)? {
                let text = |i: usize| r.get_ref(i).ok().and_then(|v| v.as_str_or_null().ok().flatten());
                each(inspection::PoolRowRef {
                    uscc: text(0).unwrap_or_default(),
                    authority: text(1).unwrap_or_default(),
                    kind: text(2).unwrap_or_default(),
                    status: text(3).unwrap_or_default(),
                    industry: text(4),
                    class: text(5),
                });
            }
            Ok(())
        })
        .await
    }

    // ----- accounts and credentials -----

    pub(crate) async fn claim_sign_in(
        &self,
        username: String,
        now: String,
        limit: u32,
        lock_until: String,
    ) -> Result<Option<crate::Credential>> {
        self.write(move |conn| {
            conn.query_row(
                "UPDATE access_credential SET
                     failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN 1
                                     ELSE failures + 1 END,
                     locked_until = CASE
                         WHEN locked_until IS NOT NULL AND locked_until > ?2 THEN locked_until
                         WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN 1
                                    ELSE failures + 1 END) > ?3 THEN ?4
                         ELSE NULL END
                 WHERE username = ?1 RETURNING password, failures, locked_until",
                params![username, now, i64::from(limit), lock_until],
                credential_of,
            )
            .optional()
            .map_err(db_err)
        })
        .await
    }

    pub(crate) async fn search_names(
        &self,
        words: Vec<String>,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<register::NameRow>> {
        self.read(move |conn| {
            // Each word a quoted phrase (FTS5 syntax), all required.
            let query =
                words.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" AND ");
            let mut stmt = conn
                .prepare_cached(
                    "SELECT n.id, n.name, n.uscc, n.kind, n.authority, n.ended_on, n.reserved_until
                     FROM (SELECT rowid FROM proj_name_search WHERE proj_name_search MATCH ?1 AND rowid > ?3
                           ORDER BY rowid LIMIT ?2) s
                     JOIN proj_name n ON n.id = s.rowid ORDER BY n.id",
                )
                .map_err(db_err)?;
            let rows = stmt
                .query_map(params![query, limit as i64, after.map_or(-1, |a| a as i64)], name_row)
                .map_err(db_err)?;
            rows.map(|r| r.map_err(db_err)?).collect()
        })
        .await
    }

    pub(crate) async fn names_under(&self, range: (String, String)) -> Result<Vec<register::NameRow>> {
        self.read(move |conn| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT id, name, uscc, kind, authority, ended_on, reserved_until FROM proj_name
                     WHERE authority BETWEEN ?1 AND ?2 ORDER BY id",
                )
                .map_err(db_err)?;
            let rows = stmt.query_map([&range.0, &range.1], name_row).map_err(db_err)?;
            rows.map(|r| r.map_err(db_err)?).collect()
        })
        .await
    }

    pub(crate) async fn insert_unlogged(&self, prepared: Vec<Prepared>) -> Result<()> {
        self.write(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db_err)?;
            let size = stored_size(&tx)?;
            insert_event_rows(&tx, size, &prepared, true)?;
            tx.commit().map_err(db_err)
        })
        .await
    }

    pub(crate) async fn execute_batch(&self, sql: String) -> Result<()> {
        self.write(move |conn| conn.execute_batch(&sql).map_err(db_err)).await
    }
}

fn stored_size(conn: &Connection) -> Result<u64> {
    conn.query_row("SELECT COALESCE(MAX(seq) + 1, 0) FROM event", [], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(db_err)
}

fn edge_keys(size: u64) -> Vec<(u8, u64)> {
    Tile::edge_of_tree(size).iter().map(|t| (t.level, t.index)).collect()
}

/// Inserts prepared events at indexes from `first`. `unlogged` (the benchmark's baseline)
/// stores zeros for salt and entry.
fn insert_event_rows(conn: &Connection, first: u64, prepared: &[Prepared], unlogged: bool) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO event (seq, id, kind, subject, occurred_at, recorded_at, record, salt, entry, restricted, public_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )
        .map_err(db_err)?;
    let (zero_salt, zero_entry) = ([0u8; 32], [0u8; 33]);
    for (i, p) in prepared.iter().enumerate() {
        let (salt, entry): (&[u8], &[u8]) = if unlogged { (&zero_salt, &zero_entry) } else { (&p.salt, &p.entry) };
        stmt.execute(params![
            (first + i as u64) as i64,
            p.id,
            p.kind,
            p.subject,
            p.occurred_at,
            p.recorded_at,
            p.record,
            salt,
            entry,
            p.restricted,
            p.public_until
        ])
        .map_err(db_err)?;
    }
    Ok(())
}

/// The rowid of a tile: level · 2^48 + index.
fn tile_key(level: u8, idx: u64) -> i64 {
    ((u64::from(level) << 48) | idx) as i64
}

fn load_tiles_in(conn: &Connection, keys: &[(u8, u64)]) -> Result<BTreeMap<(u8, u64), Vec<u8>>> {
    let mut stmt = conn.prepare_cached("SELECT data FROM log_tile WHERE key = ?1").map_err(db_err)?;
    let mut out = BTreeMap::new();
    for &(level, idx) in keys {
        match stmt.query_row([tile_key(level, idx)], |r| r.get::<_, Vec<u8>>(0)) {
            Ok(data) => {
                out.insert((level, idx), data);
            }
            Err(rusqlite::Error::QueryReturnedNoRows) => {}
            Err(e) => return Err(db_err(e)),
        }
    }
    Ok(out)
}

fn write_tiles(conn: &Connection, tiles: &BTreeMap<(u8, u64), Vec<u8>>) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO log_tile (key, data, nodes) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET data = excluded.data, nodes = excluded.nodes",
        )
        .map_err(db_err)?;
    for ((level, idx), data) in tiles {
        stmt.execute(params![tile_key(*level, *idx), data, journal::stored_nodes(data)]).map_err(db_err)?;
    }
    Ok(())
}

fn load_tiles_with_nodes(conn: &Connection, keys: &[(u8, u64)]) -> Result<StoredTileMap> {
    let mut stmt = conn.prepare_cached("SELECT data, nodes FROM log_tile WHERE key = ?1").map_err(db_err)?;
    let mut out = BTreeMap::new();
    for &(level, idx) in keys {
        match stmt.query_row([tile_key(level, idx)], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<Vec<u8>>>(1)?)))
        {
            Ok(row) => {
                out.insert((level, idx), row);
            }
            Err(rusqlite::Error::QueryReturnedNoRows) => {}
            Err(e) => return Err(db_err(e)),
        }
    }
    Ok(out)
}

/// Folds `delta` into the projections. `defer_name_keys` appends name keys to
/// `proj_name_key_pending` for [`finish_bulk_indexes`] (bulk loads).
fn apply_projections(conn: &Connection, delta: &ProjectionDelta, defer_name_keys: bool) -> Result<()> {
    let exec = SqliteExec(conn);
    for p in projection::REGISTRY {
        match p {
            Projection::Register if !delta.registry.is_empty() => {
                apply_register(conn, &delta.registry, defer_name_keys)?
            }
            p if p.is_shared() => dialect::run_sync(p.apply(&exec, delta))?,
            _ => {}
        }
    }
    Ok(())
}

fn apply_register(
    conn: &Connection,
    events: &[(u64, Option<String>, register::RegistryEffect)],
    defer_name_keys: bool,
) -> Result<()> {
    let mut states = HashMap::new();
    {
        let mut load = conn.prepare_cached("SELECT state FROM proj_entity WHERE uscc = ?1").map_err(db_err)?;
        for code in register::subjects(events) {
            let json: Option<String> = load.query_row([&code], |r| r.get(0)).optional().map_err(db_err)?;
            if let Some(json) = json {
                states.insert(code, register::parse_state(&json)?);
            }
        }
    }
    let w = register::fold(events, states)?;
    let mut upsert = conn
        .prepare_cached(
            "INSERT INTO proj_entity (uscc, name, kind, authority, status, established_on, state, seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, status = excluded.status,
                 state = excluded.state, seq = excluded.seq",
        )
        .map_err(db_err)?;
    let mut pool = conn
        .prepare_cached(
            "INSERT INTO proj_pool_entity (uscc, authority, kind, status, industry) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (uscc) DO UPDATE SET authority = excluded.authority, status = excluded.status,
                 industry = excluded.industry",
        )
        .map_err(db_err)?;
    for (code, state, seq) in &w.entities {
        upsert
            .execute(params![
                code,
                state.entity.name,
                state.entity.kind.as_str(),
                state.entity.authority.to_string(),
                state.status.as_str(),
                state.entity.established_on.to_string(),
                register::state_json(state)?,
                *seq as i64
            ])
            .map_err(db_err)?;
        pool.execute(params![
            code,
            state.entity.authority.to_string(),
            state.entity.kind.as_str(),
            state.status.as_str(),
            state.entity.industry.as_ref().map(|i| i.as_str())
        ])
        .map_err(db_err)?;
    }
    let mut end = conn
        .prepare_cached("UPDATE proj_name SET ended_on = ?2 WHERE uscc = ?1 AND ended_on IS NULL")
        .map_err(db_err)?;
    for (code, day) in &w.end_names {
        end.execute(params![code, day.to_string()]).map_err(db_err)?;
    }
    let mut consume = conn.prepare_cached("UPDATE proj_name SET reserved_until = ?2 WHERE id = ?1").map_err(db_err)?;
    for (id, day) in &w.consumed {
        consume.execute(params![*id as i64, day.to_string()]).map_err(db_err)?;
    }
    let mut name = conn
        .prepare_cached(
            "INSERT INTO proj_name (id, name, uscc, kind, authority, ended_on, reserved_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .map_err(db_err)?;
    for n in &w.names {
        name.execute(params![
            n.id as i64,
            n.name,
            n.uscc,
            n.kind.as_str(),
            n.authority.to_string(),
            n.ended_on.map(|d| d.to_string()),
            n.reserved_until.map(|d| d.to_string())
        ])
        .map_err(db_err)?;
    }
    let mut key = conn
        .prepare_cached(if defer_name_keys {
            "INSERT INTO proj_name_key_pending (h, name_id) VALUES (?1, ?2)"
        } else {
            "INSERT INTO proj_name_key (h, name_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
        })
        .map_err(db_err)?;
    for (h, id) in &w.keys {
        key.execute(params![h, id]).map_err(db_err)?;
    }
    let mut search =
        conn.prepare_cached("INSERT INTO proj_name_search (rowid, words) VALUES (?1, ?2)").map_err(db_err)?;
    for (id, words) in &w.search {
        search.execute(params![id, words]).map_err(db_err)?;
    }
    Ok(())
}

/// Ends a bulk load's indexes: moves the name keys it deferred into `proj_name_key`, in key
/// order so that each page of the index is written once, and merges the name search's
/// segments into one. A load writes the full-text index in many segments, and a search then
/// walks each word's postings in every one of them: merged, a random search over the 1 M
/// demo answered 2,387 requests/s instead of 1,658 (BENCHMARKS.md). Later registrations add
/// small segments that FTS5's own merging keeps few.
fn finish_bulk_indexes(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "INSERT OR IGNORE INTO proj_name_key (h, name_id)
             SELECT h, name_id FROM proj_name_key_pending ORDER BY h, name_id;
         DELETE FROM proj_name_key_pending;
         INSERT INTO proj_name_search (proj_name_search) VALUES ('optimize');",
    )
    .map_err(db_err)
}

/// The error for an event that is not there.
fn not_found(conn: &Connection, key: &EventKey) -> Result<Error> {
    Ok(match key {
        EventKey::Id(id) => Error::new(Code::EventUnknown).with("id", id),
        EventKey::Index(i) => Error::new(Code::LogIndexUnknown).with("index", i).with("size", stored_size(conn)?),
    })
}

fn name_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<register::NameRow>> {
    let id: i64 = r.get(0)?;
    let kind: String = r.get(3)?;
    let authority: String = r.get(4)?;
    let ended: Option<String> = r.get(5)?;
    let reserved: Option<String> = r.get(6)?;
    let name: String = r.get(1)?;
    let uscc: Option<String> = r.get(2)?;
    Ok(register::name_row(id, name, uscc, &kind, &authority, ended.as_deref(), reserved.as_deref()))
}

/// An event with the publicity in force; callers add the `WHERE`.
const SELECT_EVENT: &str =
    "SELECT e.seq, e.id, e.kind, e.subject, e.occurred_at, e.recorded_at, e.record, e.salt, e.entry,
        COALESCE(p.restricted, e.restricted), CASE WHEN p.seq IS NULL THEN e.public_until ELSE p.public_until END
    FROM event e LEFT JOIN proj_publicity p ON p.seq = e.seq";

/// The events about one subject, in log order. The subquery reads only the partial index
/// `event_subject`: written as `WHERE e.subject = ?1` on the join, SQLite's check that the
/// term implies the index's `subject IS NOT NULL` depends on the bound value, so the statement
/// was compiled again at every execution (a third of the query's time).
const SELECT_EVENTS_OF_SUBJECT: &str = "SELECT e.seq, e.id, e.kind, e.subject, e.occurred_at, e.recorded_at, e.record,
        e.salt, e.entry, COALESCE(p.restricted, e.restricted),
        CASE WHEN p.seq IS NULL THEN e.public_until ELSE p.public_until END
    FROM event e LEFT JOIN proj_publicity p ON p.seq = e.seq
    WHERE e.seq IN (SELECT seq FROM event WHERE subject = ?1) ORDER BY e.seq";

/// Rows of `(entity state, seq, credit file state)`.
fn entities_with_files(
    rows: &mut rusqlite::Rows<'_>,
) -> Result<Vec<(register::EntityRow, shijian_core::credit::file::CreditFile)>> {
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(db_err)? {
        let entity: String = r.get(0).map_err(db_err)?;
        let file: String = r.get(2).map_err(db_err)?;
        let row = register::EntityRow {
            state: register::parse_state(&entity)?,
            seq: r.get::<_, i64>(1).map_err(db_err)? as u64,
        };
        out.push((row, credit::parse(&file)?));
    }
    Ok(out)
}

/// A row of [`SELECT_EVENT`].
fn stored_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredEvent>> {
    let salt: Vec<u8> = r.get(7)?;
    let restricted: bool = r.get(9)?;
    let until: Option<String> = r.get(10)?;
    let (salt, publicity) = match (journal::salt_of(&salt), journal::publicity_of(restricted, until.as_deref())) {
        (Ok(salt), Ok(publicity)) => (salt, publicity),
        (Err(e), _) | (_, Err(e)) => return Ok(Err(e)),
    };
    Ok(Ok(StoredEvent {
        index: r.get::<_, i64>(0)? as u64,
        id: r.get(1)?,
        kind: r.get(2)?,
        subject: r.get(3)?,
        occurred_at: r.get(4)?,
        recorded_at: r.get(5)?,
        record: r.get(6)?,
        salt,
        entry: r.get(8)?,
        publicity,
    }))
}

/// A credential row: `password, failures, locked_until`.
fn credential_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<crate::Credential> {
    Ok(crate::Credential { password: r.get(0)?, failures: r.get::<_, i64>(1)? as u32, locked_until: r.get(2)? })
}
