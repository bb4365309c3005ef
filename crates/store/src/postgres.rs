//! The PostgreSQL backend: a pool of tokio-postgres connections.

use std::collections::BTreeMap;
use std::sync::Arc;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use shijian_core::{Code, Error, Result};
use shijian_ledger::hash::Hash;
use shijian_ledger::tile::{Edge, Tile};
use tokio_postgres::NoTls;

use crate::dialect::{self, PgExec};
use crate::journal::{self, Prepared, ProjectionDelta, StoredCheckpoint, StoredEvent, stored_nodes};
use crate::migrations::{self, Applied, CREATE_SCHEMA_MIGRATIONS, SchemaStatus};
use crate::projection::{self, Projection};
use crate::{Backend, CheckReport, EventKey, PgConfig, StoredTileMap, bench_row, db_err};
use crate::{credit, inspection, register};

/// A key for `pg_advisory_xact_lock` that serialises concurrent migrators.
const MIGRATION_LOCK: i64 = 0x7368_696a_6961_6e00; // "shijian\0"

/// A key for `pg_advisory_xact_lock` held by every append: one sequencer across processes.
const LOG_LOCK: i64 = 0x7368_696a_6961_6e01;

/// A PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    location: String,
    /// The sequencer within this process, holding the log's right edge as of its last append;
    /// checked against the stored size before use.
    edge: Arc<tokio::sync::Mutex<Option<Edge>>>,
    tiles: Arc<crate::TileCache>,
    /// What commits through this store changed ([`crate::Store::generation`]).
    changes: Arc<crate::projection::Changes>,
}

pub(crate) fn pg_err(e: tokio_postgres::Error) -> Error {
    if e.is_closed() || e.as_db_error().is_none() && e.to_string().contains("connect") {
        Error::new(Code::DbUnavailable).with("reason", e)
    } else if let Some(db) = e.as_db_error() {
        db_err(format!("{}: {}", db.code().code(), db.message()))
    } else {
        db_err(e)
    }
}

fn pool_err(e: deadpool_postgres::PoolError) -> Error {
    Error::new(Code::DbUnavailable).with("reason", e)
}

/// One connection outside any pool, for administrative statements.
pub(crate) async fn connect_once(config: &PgConfig) -> Result<tokio_postgres::Client> {
    let (client, conn) = config.connect(NoTls).await.map_err(|e| Error::new(Code::DbUnavailable).with("reason", e))?;
    tokio::spawn(async move {
        // The connection ends when the client is dropped; its error then is of no interest.
        let _ = conn.await;
    });
    Ok(client)
}

impl PgStore {
    pub(crate) fn changes(&self) -> &crate::projection::Changes {
        &self.changes
    }

    pub(crate) async fn open(config: PgConfig) -> Result<PgStore> {
        let location = format!(
            "postgres://{}/{}",
            config
                .get_hosts()
                .iter()
                .map(|h| match h {
                    tokio_postgres::config::Host::Tcp(s) => s.clone(),
                    #[cfg(unix)]
                    tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
                })
                .collect::<Vec<_>>()
                .join(","),
            config.get_dbname().unwrap_or("")
        );
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(16)
            .build()
            .map_err(|e| Error::new(Code::DbUnavailable).with("reason", e))?;
        // Connect once now, so a wrong URL fails at start and not at the first request.
        let client = pool.get().await.map_err(pool_err)?;
        client.simple_query("SELECT 1").await.map_err(pg_err)?;
        Ok(PgStore {
            pool,
            location,
            edge: Arc::new(tokio::sync::Mutex::new(None)),
            tiles: Arc::default(),
            changes: Arc::default(),
        })
    }

    /// Runs a read of the dialect layer.
    pub(crate) async fn query(&self, sql: &str, params: Vec<dialect::Sql>) -> Result<Vec<dialect::Row>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        dialect::pg_query(&client, sql, &params).await
    }

    /// Runs writes of the dialect layer outside the journal, in order, in one transaction.
    pub(crate) async fn write_all(&self, writes: Vec<dialect::Write>) -> Result<u64> {
        let mut client = self.pool.get().await.map_err(pool_err)?;
        let tx = client.transaction().await.map_err(pg_err)?;
        let mut n = 0;
        {
            let exec = PgExec(&tx);
            for w in &writes {
                n += w.run(&exec).await?;
            }
        }
        tx.commit().await.map_err(pg_err)?;
        Ok(n)
    }

    /// Runs a read of the dialect layer, calling `each` with every row as it arrives.
    pub(crate) async fn stream(&self, sql: &str, params: Vec<dialect::Sql>, each: dialect::RowSink) -> Result<()> {
        let client = self.pool.get().await.map_err(pool_err)?;
        dialect::pg_stream(&client, sql, &params, each).await
    }

    pub(crate) fn tile_cache(&self) -> &crate::TileCache {
        &self.tiles
    }

    async fn applied<C: tokio_postgres::GenericClient + Sync>(client: &C) -> Result<Vec<Applied>> {
        let exists: bool =
            client.query_one("SELECT to_regclass('schema_migrations') IS NOT NULL", &[]).await.map_err(pg_err)?.get(0);
        if !exists {
            return Ok(Vec::new());
        }
        let rows = client
            .query("SELECT version, name, checksum FROM schema_migrations ORDER BY version", &[])
            .await
            .map_err(pg_err)?;
        Ok(rows.iter().map(|r| Applied { version: r.get(0), name: r.get(1), checksum: r.get(2) }).collect())
    }

    pub(crate) async fn migrate(&self) -> Result<Vec<i64>> {
        let mut client = self.pool.get().await.map_err(pool_err)?;
        let mut done = Vec::new();
        loop {
            let tx = client.transaction().await.map_err(pg_err)?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await.map_err(pg_err)?;
            tx.batch_execute(CREATE_SCHEMA_MIGRATIONS).await.map_err(pg_err)?;
            let status = SchemaStatus::compare(migrations::POSTGRES, &Self::applied(&*tx).await?);
            if !status.unknown.is_empty() || !status.changed.is_empty() {
                return Err(status.problem().unwrap_or_else(|| Error::new(Code::Internal)));
            }
            let Some(&version) = status.pending.first() else {
                break;
            };
            let m =
                migrations::POSTGRES.iter().find(|m| m.version == version).ok_or_else(|| Error::new(Code::Internal))?;
            tx.batch_execute(m.sql).await.map_err(|e| db_err(format!("migration {}: {e}", m.version)))?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
                &[&m.version, &m.name, &m.checksum(), &chrono::Utc::now().to_rfc3339()],
            )
            .await
            .map_err(pg_err)?;
            tx.commit().await.map_err(pg_err)?;
            done.push(version);
        }
        Ok(done)
    }

    pub(crate) async fn schema_status(&self) -> Result<SchemaStatus> {
        let client = self.pool.get().await.map_err(pool_err)?;
        Ok(SchemaStatus::compare(migrations::POSTGRES, &Self::applied(&**client).await?))
    }

    pub(crate) async fn check(&self) -> Result<CheckReport> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let schema = SchemaStatus::compare(migrations::POSTGRES, &Self::applied(&**client).await?);
        let server_version: String = client.query_one("SELECT version()", &[]).await.map_err(pg_err)?.get(0);
        // PostgreSQL has no whole-database check like SQLite's; report the data-page checksum
        // failures it has counted (zero unless checksums are on and a page went bad).
        let failures: Option<i64> = client
            .query_one("SELECT checksum_failures FROM pg_stat_database WHERE datname = current_database()", &[])
            .await
            .map_err(pg_err)?
            .get(0);
        let integrity = match failures {
            Some(n) if n > 0 => format!("{n} data-page checksum failures"),
            _ => "ok".to_string(),
        };
        Ok(CheckReport {
            backend: Backend::Postgres,
            location: self.location.clone(),
            schema,
            integrity,
            server_version,
        })
    }

    pub(crate) async fn bench_insert(&self, rows: usize, batch: usize) -> Result<std::time::Duration> {
        let mut client = self.pool.get().await.map_err(pool_err)?;
        client
            .batch_execute(
                "DROP TABLE IF EXISTS bench_row;
                 CREATE TABLE bench_row (seq BIGINT PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL,
                     subject TEXT NOT NULL, occurred_at TEXT NOT NULL, data TEXT NOT NULL);",
            )
            .await
            .map_err(pg_err)?;
        let mut elapsed = std::time::Duration::ZERO;
        let mut seq = 0i64;
        while (seq as usize) < rows {
            let end = (seq as usize + batch).min(rows) as i64;
            let batch_rows: Vec<_> = (seq..end).map(bench_row).collect();
            let seqs: Vec<i64> = batch_rows.iter().map(|r| r.seq).collect();
            let ids: Vec<&str> = batch_rows.iter().map(|r| r.id.as_str()).collect();
            let kinds: Vec<&str> = batch_rows.iter().map(|r| r.kind).collect();
            let subjects: Vec<&str> = batch_rows.iter().map(|r| r.subject.as_str()).collect();
            let times: Vec<&str> = batch_rows.iter().map(|r| r.occurred_at.as_str()).collect();
            let data: Vec<&str> = batch_rows.iter().map(|r| r.data.as_str()).collect();
            let start = std::time::Instant::now();
            let tx = client.transaction().await.map_err(pg_err)?;
            tx.execute(
                "INSERT INTO bench_row (seq, id, kind, subject, occurred_at, data)
                 SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])",
                &[&seqs, &ids, &kinds, &subjects, &times, &data],
            )
            .await
            .map_err(pg_err)?;
            tx.commit().await.map_err(pg_err)?;
            elapsed += start.elapsed();
            seq = end;
        }
        client.batch_execute("DROP TABLE bench_row").await.map_err(pg_err)?;
        Ok(elapsed)
    }

    // ----- the journal -----

    pub(crate) async fn append_prepared(&self, prepared: Vec<Prepared>, expect: crate::Expect) -> Result<u64> {
        let mut cache = self.edge.lock().await;
        let mut client = self.pool.get().await.map_err(pool_err)?;
        let tx = client.transaction().await.map_err(pg_err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOG_LOCK]).await.map_err(pg_err)?;
        crate::checked::check_postgres(&*tx, &expect).await?;
        let size = stored_size(&*tx).await?;
        let mut edge = match cache.as_ref() {
            Some(e) if e.size() == size => e.clone(),
            _ => journal::edge_from_stored(size, &load_tiles_in(&*tx, &edge_keys(size)).await?)?,
        };
        let writes = edge.append_all(prepared.iter().map(|p| p.leaf));
        let delta = ProjectionDelta::of_prepared(size, &prepared);
        let register = if delta.registry.is_empty() { None } else { Some(fold_register(&*tx, &delta.registry).await?) };
        let exec = PgExec(&tx);
        let credit = if delta.credit.is_empty() {
            Vec::new()
        } else {
            credit::load_and_fold(&exec, &delta.credit, register.as_ref()).await?
        };
        // Pipelined: the statements go out together and run in this order, one round trip
        // instead of several.
        tokio::try_join!(
            insert_events(&*tx, size, &prepared, false),
            write_tiles(&*tx, &writes.tiles),
            write_register(&*tx, register.as_ref()),
            credit::write(&exec, &credit),
        )?;
        apply_shared(&tx, &delta).await?;
        tx.commit().await.map_err(pg_err)?;
        *cache = Some(edge);
        Ok(size)
    }

    pub(crate) async fn log_size(&self) -> Result<u64> {
        let client = self.pool.get().await.map_err(pool_err)?;
        stored_size(&**client).await
    }

    pub(crate) async fn edge_snapshot(&self) -> Result<(u64, BTreeMap<(u8, u64), Vec<u8>>)> {
        let mut client = self.pool.get().await.map_err(pool_err)?;
        let tx = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await
            .map_err(pg_err)?;
        let size = stored_size(&*tx).await?;
        let tiles = load_tiles_in(&*tx, &edge_keys(size)).await?;
        tx.commit().await.map_err(pg_err)?;
        Ok((size, tiles))
    }

    pub(crate) async fn event(&self, key: EventKey) -> Result<StoredEvent> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let row = match &key {
            EventKey::Id(id) => client.query_opt(&format!("{SELECT_EVENT} WHERE e.id = $1"), &[id]).await,
            EventKey::Index(i) => client.query_opt(&format!("{SELECT_EVENT} WHERE e.seq = $1"), &[&(*i as i64)]).await,
        }
        .map_err(pg_err)?;
        let Some(r) = row else {
            return Err(match key {
                EventKey::Id(id) => Error::new(Code::EventUnknown).with("id", id),
                EventKey::Index(i) => {
                    Error::new(Code::LogIndexUnknown).with("index", i).with("size", stored_size(&**client).await?)
                }
            });
        };
        stored_event(&r)
    }

    pub(crate) async fn load_tiles(&self, keys: Vec<(u8, u64)>) -> Result<BTreeMap<(u8, u64), Vec<u8>>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        load_tiles_in(&**client, &keys).await
    }

    pub(crate) async fn load_tiles_with_nodes(&self, keys: Vec<(u8, u64)>) -> Result<StoredTileMap> {
        if keys.is_empty() {
            return Ok(BTreeMap::new());
        }
        let client = self.pool.get().await.map_err(pool_err)?;
        let levels: Vec<i16> = keys.iter().map(|k| i16::from(k.0)).collect();
        let idxs: Vec<i64> = keys.iter().map(|k| k.1 as i64).collect();
        let stmt = client
            .prepare_cached(
                "SELECT t.level, t.idx, t.data, t.nodes FROM log_tile t
                 JOIN UNNEST($1::smallint[], $2::bigint[]) AS k (level, idx) ON t.level = k.level AND t.idx = k.idx",
            )
            .await
            .map_err(pg_err)?;
        let rows = client.query(&stmt, &[&levels, &idxs]).await.map_err(pg_err)?;
        Ok(rows.iter().map(|r| ((r.get::<_, i16>(0) as u8, r.get::<_, i64>(1) as u64), (r.get(2), r.get(3)))).collect())
    }

    pub(crate) async fn checkpoints(&self, latest: Option<usize>) -> Result<Vec<StoredCheckpoint>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let sql = match latest {
            Some(n) => format!("SELECT size, root, note, signed_at FROM log_checkpoint ORDER BY size DESC LIMIT {n}"),
            None => "SELECT size, root, note, signed_at FROM log_checkpoint ORDER BY size".to_string(),
        };
        let rows = client.query(&sql, &[]).await.map_err(pg_err)?;
        rows.iter()
            .map(|r| {
                let root = Hash::from_slice(r.get::<_, &[u8]>(1))
                    .ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", "checkpoint root"))?;
                Ok(StoredCheckpoint { size: r.get::<_, i64>(0) as u64, root, note: r.get(2), signed_at: r.get(3) })
            })
            .collect()
    }

    pub(crate) async fn first_checkpoint_after(&self, index: u64) -> Result<Option<StoredCheckpoint>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let row = client
            .query_opt(
                "SELECT size, root, note, signed_at FROM log_checkpoint WHERE size > $1 ORDER BY size LIMIT 1",
                &[&(index as i64)],
            )
            .await
            .map_err(pg_err)?;
        row.map(|r| {
            let root = Hash::from_slice(r.get::<_, &[u8]>(1))
                .ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", "checkpoint root"))?;
            Ok(StoredCheckpoint { size: r.get::<_, i64>(0) as u64, root, note: r.get(2), signed_at: r.get(3) })
        })
        .transpose()
    }

    pub(crate) async fn latest_cosigned_checkpoint(&self, index: u64) -> Result<Option<StoredCheckpoint>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let row = client
            .query_opt(
                "SELECT c.size, c.root, c.note, c.signed_at FROM log_checkpoint c
                 WHERE c.size > $1 AND EXISTS (SELECT 1 FROM proj_cosignature s WHERE s.size = c.size)
                 ORDER BY c.size DESC LIMIT 1",
                &[&(index as i64)],
            )
            .await
            .map_err(pg_err)?;
        row.map(|r| {
            let root = Hash::from_slice(r.get::<_, &[u8]>(1))
                .ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", "checkpoint root"))?;
            Ok(StoredCheckpoint { size: r.get::<_, i64>(0) as u64, root, note: r.get(2), signed_at: r.get(3) })
        })
        .transpose()
    }

    pub(crate) async fn insert_checkpoint(&self, cp: StoredCheckpoint) -> Result<()> {
        let client = self.pool.get().await.map_err(pool_err)?;
        client
            .execute(
                "INSERT INTO log_checkpoint (size, root, note, signed_at) VALUES ($1, $2, $3, $4) ON CONFLICT (size) DO NOTHING",
                &[&(cp.size as i64), &&cp.root.0[..], &cp.note, &cp.signed_at],
            )
            .await
            .map_err(pg_err)?;
        Ok(())
    }

    pub(crate) async fn event_chunk(&self, from: u64, limit: u64) -> Result<Vec<(u64, String, Vec<u8>, Vec<u8>)>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let rows = client
            .query(
                "SELECT seq, record, salt, entry FROM event WHERE seq >= $1 ORDER BY seq LIMIT $2",
                &[&(from as i64), &(limit as i64)],
            )
            .await
            .map_err(pg_err)?;
        Ok(rows.iter().map(|r| (r.get::<_, i64>(0) as u64, r.get(1), r.get(2), r.get(3))).collect())
    }

    pub(crate) async fn rebuild_projections(&self) -> Result<u64> {
        let mut client = self.pool.get().await.map_err(pool_err)?;
        let tx = client.transaction().await.map_err(pg_err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOG_LOCK]).await.map_err(pg_err)?;
        let clear: String = projection::tables(Backend::Postgres).map(|t| format!("DELETE FROM {t};")).collect();
        tx.batch_execute(&clear).await.map_err(pg_err)?;
        let mut from = 0i64;
        loop {
            let rows = tx
                .query(
                    "SELECT seq, kind, occurred_at, record, subject FROM event WHERE seq >= $1 ORDER BY seq LIMIT 50000",
                    &[&from],
                )
                .await
                .map_err(pg_err)?;
            if rows.is_empty() {
                break;
            }
            let mut delta = ProjectionDelta::default();
            for r in &rows {
                let seq: i64 = r.get(0);
                let kind: &str = r.get(1);
                let effects =
                    if journal::has_effect(kind) { journal::effects_of_record(kind, r.get(3))? } else { Vec::new() };
                delta.add(seq as u64, kind, r.get(4), r.get(2), &effects);
                from = seq + 1;
            }
            let mut register = None;
            if !delta.registry.is_empty() {
                let w = fold_register(&*tx, &delta.registry).await?;
                write_register(&*tx, Some(&w)).await?;
                register = Some(w);
            }
            if !delta.credit.is_empty() {
                let exec = PgExec(&tx);
                let files = credit::load_and_fold(&exec, &delta.credit, register.as_ref()).await?;
                credit::write(&exec, &files).await?;
            }
            apply_shared(&tx, &delta).await?;
        }
        tx.commit().await.map_err(pg_err)?;
        Ok(from as u64)
    }

    // ----- the register -----

    pub(crate) async fn events_of_subject(&self, subject: String) -> Result<Vec<StoredEvent>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let stmt = client.prepare_cached(SELECT_EVENTS_OF_SUBJECT).await.map_err(pg_err)?;
        let rows = client.query(&stmt, &[&subject]).await.map_err(pg_err)?;
        rows.iter().map(stored_event).collect()
    }

    pub(crate) async fn events_from(&self, from: u64, limit: usize) -> Result<Vec<StoredEvent>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let rows = client
            .query(
                &format!("{SELECT_EVENT} WHERE e.seq >= $1 ORDER BY e.seq LIMIT $2"),
                &[&(from as i64), &(limit as i64)],
            )
            .await
            .map_err(pg_err)?;
        rows.iter().map(stored_event).collect()
    }

    /// The entity and its events on one connection, the two statements pipelined (prepared
    /// once per connection: an unprepared query costs a second round trip and a plan).
    pub(crate) async fn entity_with_events(&self, uscc: String) -> Result<Option<register::EntityWithEvents>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let (entity, events) =
            tokio::try_join!(client.prepare_cached(SELECT_ENTITY), client.prepare_cached(SELECT_EVENTS_OF_SUBJECT))
                .map_err(pg_err)?;
        let params: [&(dyn tokio_postgres::types::ToSql + Sync); 1] = [&uscc];
        let (row, events) =
            tokio::try_join!(client.query_opt(&entity, &params), client.query(&events, &params)).map_err(pg_err)?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(register::EntityWithEvents {
            row: register::EntityRow { state: register::parse_state(row.get(0))?, seq: row.get::<_, i64>(1) as u64 },
            events: events.iter().map(stored_event).collect::<Result<Vec<_>>>()?,
        }))
    }

    pub(crate) async fn name_candidates(&self, hashes: Vec<i64>) -> Result<Vec<register::NameRow>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let rows = client
            .query(
                "SELECT n.id, n.name, n.uscc, n.kind, n.authority, n.ended_on, n.reserved_until FROM proj_name n
                 WHERE n.id IN (SELECT name_id FROM proj_name_key WHERE h = ANY($1)) ORDER BY n.id",
                &[&hashes],
            )
            .await
            .map_err(pg_err)?;
        rows.iter().map(pg_name_row).collect()
    }

    pub(crate) async fn credit_listed(
        &self,
        serious: bool,
        range: (String, String),
        after: (String, String),
        limit: usize,
    ) -> Result<Vec<(register::EntityRow, shijian_core::credit::file::CreditFile)>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let sql = if serious {
            "SELECT e.state, e.seq, c.state FROM proj_credit c JOIN proj_entity e ON e.uscc = c.uscc
             WHERE c.serious AND (c.serious_since, c.uscc) < ($3, $4) AND e.authority BETWEEN $1 AND $2
             ORDER BY c.serious_since DESC, c.uscc DESC LIMIT $5"
        } else {
            "SELECT e.state, e.seq, c.state FROM proj_credit c JOIN proj_entity e ON e.uscc = c.uscc
             WHERE c.abnormal AND (c.abnormal_since, c.uscc) < ($3, $4) AND e.authority BETWEEN $1 AND $2
             ORDER BY c.abnormal_since DESC, c.uscc DESC LIMIT $5"
        };
        let rows =
            client.query(sql, &[&range.0, &range.1, &after.0, &after.1, &(limit as i64)]).await.map_err(pg_err)?;
        rows.iter().map(entity_with_file).collect()
    }

    pub(crate) async fn credit_open_matters(
        &self,
        range: (String, String),
    ) -> Result<Vec<(register::EntityRow, shijian_core::credit::file::CreditFile)>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let rows = client
            .query(
                "SELECT e.state, e.seq, c.state FROM proj_credit c JOIN proj_entity e ON e.uscc = c.uscc
                 WHERE c.open AND e.authority BETWEEN $1 AND $2 ORDER BY c.uscc",
                &[&range.0, &range.1],
            )
            .await
            .map_err(pg_err)?;
        rows.iter().map(entity_with_file).collect()
    }

    // ----- random inspections -----

    // ----- 12315 -----

    pub(crate) async fn pool_rows(
        &self,
        range: (String, String),
        mut each: Box<dyn FnMut(inspection::PoolRowRef<'_>) + Send>,
    ) -> Result<()> {
        use futures_util::TryStreamExt;
        let client = self.pool.get().await.map_err(pool_err)?;
        let stmt = client
            .prepare(
                "SELECT e.uscc, e.authority, e.kind, e.status, e.industry, c.class
                 FROM proj_pool_entity e LEFT JOIN proj_credit c ON c.uscc = e.uscc
                 WHERE e.authority BETWEEN $1 AND $2",
            )
            .await
            .map_err(pg_err)?;
        let rows = client.query_raw(&stmt, [&range.0, &range.1]).await.map_err(pg_err)?;
        futures_util::pin_mut!(rows);
        while let Some(r) = rows.try_next().await.map_err(pg_err)? {
            each(inspection::PoolRowRef {
                uscc: r.get(0),
                authority: r.get(1),
                kind: r.get(2),
                status: r.get(3),
                industry: r.get(4),
                class: r.get(5),
            });
        }
        Ok(())
    }

    // ----- accounts and credentials -----

    pub(crate) async fn claim_sign_in(
        &self,
        username: String,
        now: String,
        limit: u32,
        lock_until: String,
    ) -> Result<Option<crate::Credential>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        // The times are RFC 3339 in UTC to the second: compared as bytes (COLLATE "C").
        let row = client
            .query_opt(
                r#"UPDATE access_credential SET
                     failures = CASE WHEN locked_until IS NOT NULL AND locked_until COLLATE "C" <= $2 THEN 1
                                     ELSE failures + 1 END,
                     locked_until = CASE
                         WHEN locked_until IS NOT NULL AND locked_until COLLATE "C" > $2 THEN locked_until
                         WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until COLLATE "C" <= $2 THEN 1
                                    ELSE failures + 1 END) > $3 THEN $4
                         ELSE NULL END
                 WHERE username = $1 RETURNING password, failures, locked_until"#,
                &[&username, &now, &(limit as i32), &lock_until],
            )
            .await
            .map_err(pg_err)?;
        Ok(row.map(|r| credential_of(&r)))
    }

    pub(crate) async fn search_names(
        &self,
        words: Vec<String>,
        after: Option<u64>,
        limit: usize,
    ) -> Result<Vec<register::NameRow>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let query = words.join(" ");
        let rows = client
            .query(
                "SELECT n.id, n.name, n.uscc, n.kind, n.authority, n.ended_on, n.reserved_until
                 FROM (SELECT name_id FROM proj_name_search WHERE words @@ plainto_tsquery('simple', $1)
                       AND name_id > $3 ORDER BY name_id LIMIT $2) s
                 JOIN proj_name n ON n.id = s.name_id ORDER BY n.id",
                &[&query, &(limit as i64), &after.map_or(-1, |a| a as i64)],
            )
            .await
            .map_err(pg_err)?;
        rows.iter().map(pg_name_row).collect()
    }

    pub(crate) async fn names_under(&self, range: (String, String)) -> Result<Vec<register::NameRow>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let rows = client
            .query(
                "SELECT id, name, uscc, kind, authority, ended_on, reserved_until FROM proj_name
                 WHERE authority BETWEEN $1 AND $2 ORDER BY id",
                &[&range.0, &range.1],
            )
            .await
            .map_err(pg_err)?;
        rows.iter().map(pg_name_row).collect()
    }

    pub(crate) async fn insert_unlogged(&self, prepared: Vec<Prepared>) -> Result<()> {
        let _guard = self.edge.lock().await;
        let mut client = self.pool.get().await.map_err(pool_err)?;
        let tx = client.transaction().await.map_err(pg_err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOG_LOCK]).await.map_err(pg_err)?;
        let size = stored_size(&*tx).await?;
        insert_events(&*tx, size, &prepared, true).await?;
        tx.commit().await.map_err(pg_err)
    }

    pub(crate) async fn execute_batch(&self, sql: String) -> Result<()> {
        let client = self.pool.get().await.map_err(pool_err)?;
        client.batch_execute(&sql).await.map_err(pg_err)
    }
}

async fn stored_size<C: tokio_postgres::GenericClient + Sync>(c: &C) -> Result<u64> {
    let n: i64 = c.query_one("SELECT COALESCE(MAX(seq) + 1, 0) FROM event", &[]).await.map_err(pg_err)?.get(0);
    Ok(n as u64)
}

fn edge_keys(size: u64) -> Vec<(u8, u64)> {
    Tile::edge_of_tree(size).iter().map(|t| (t.level, t.index)).collect()
}

async fn load_tiles_in<C: tokio_postgres::GenericClient + Sync>(
    c: &C,
    keys: &[(u8, u64)],
) -> Result<BTreeMap<(u8, u64), Vec<u8>>> {
    if keys.is_empty() {
        return Ok(BTreeMap::new());
    }
    let levels: Vec<i16> = keys.iter().map(|k| i16::from(k.0)).collect();
    let idxs: Vec<i64> = keys.iter().map(|k| k.1 as i64).collect();
    let rows = c
        .query(
            "SELECT t.level, t.idx, t.data FROM log_tile t
             JOIN UNNEST($1::smallint[], $2::bigint[]) AS k (level, idx) ON t.level = k.level AND t.idx = k.idx",
            &[&levels, &idxs],
        )
        .await
        .map_err(pg_err)?;
    Ok(rows.iter().map(|r| ((r.get::<_, i16>(0) as u8, r.get::<_, i64>(1) as u64), r.get(2))).collect())
}

async fn insert_events<C: tokio_postgres::GenericClient + Sync>(
    c: &C,
    first: u64,
    prepared: &[Prepared],
    unlogged: bool,
) -> Result<()> {
    let seqs: Vec<i64> = (0..prepared.len()).map(|i| (first + i as u64) as i64).collect();
    let ids: Vec<&str> = prepared.iter().map(|p| p.id.as_str()).collect();
    let kinds: Vec<&str> = prepared.iter().map(|p| p.kind.as_str()).collect();
    let subjects: Vec<Option<&str>> = prepared.iter().map(|p| p.subject.as_deref()).collect();
    let occurred: Vec<&str> = prepared.iter().map(|p| p.occurred_at.as_str()).collect();
    let recorded: Vec<&str> = prepared.iter().map(|p| p.recorded_at.as_str()).collect();
    let records: Vec<&str> = prepared.iter().map(|p| p.record.as_str()).collect();
    let zero_salt = [0u8; 32];
    let zero_entry = [0u8; 33];
    let salts: Vec<&[u8]> = prepared.iter().map(|p| if unlogged { &zero_salt[..] } else { &p.salt[..] }).collect();
    let entries: Vec<&[u8]> = prepared.iter().map(|p| if unlogged { &zero_entry[..] } else { &p.entry[..] }).collect();
    let restricted: Vec<bool> = prepared.iter().map(|p| p.restricted).collect();
    let until: Vec<Option<&str>> = prepared.iter().map(|p| p.public_until.as_deref()).collect();
    c.execute(
        "INSERT INTO event (seq, id, kind, subject, occurred_at, recorded_at, record, salt, entry, restricted, public_until)
         SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::bytea[], $9::bytea[], $10::bool[], $11::text[])",
        &[&seqs, &ids, &kinds, &subjects, &occurred, &recorded, &records, &salts, &entries, &restricted, &until],
    )
    .await
    .map_err(pg_err)?;
    Ok(())
}

async fn write_tiles<C: tokio_postgres::GenericClient + Sync>(
    c: &C,
    tiles: &BTreeMap<(u8, u64), Vec<u8>>,
) -> Result<()> {
    if tiles.is_empty() {
        return Ok(());
    }
    let levels: Vec<i16> = tiles.keys().map(|k| i16::from(k.0)).collect();
    let idxs: Vec<i64> = tiles.keys().map(|k| k.1 as i64).collect();
    let data: Vec<&[u8]> = tiles.values().map(Vec::as_slice).collect();
    let nodes: Vec<Option<Vec<u8>>> = tiles.values().map(|d| stored_nodes(d)).collect();
    c.execute(
        "INSERT INTO log_tile (level, idx, data, nodes)
         SELECT * FROM UNNEST($1::smallint[], $2::bigint[], $3::bytea[], $4::bytea[])
         ON CONFLICT (level, idx) DO UPDATE SET data = EXCLUDED.data, nodes = EXCLUDED.nodes",
        &[&levels, &idxs, &data, &nodes],
    )
    .await
    .map_err(pg_err)?;
    Ok(())
}

/// Applies the projections of the registry after the register and the credit file (which
/// the append folds first and pipelines with the event rows).
async fn apply_shared(tx: &deadpool_postgres::Transaction<'_>, delta: &ProjectionDelta) -> Result<()> {
    let exec = PgExec(tx);
    for p in projection::REGISTRY.iter().filter(|p| p.is_shared() && **p != Projection::Credit) {
        p.apply(&exec, delta).await?;
    }
    Ok(())
}

/// Loads the states a batch's registry events need and folds the events into them.
async fn fold_register<C: tokio_postgres::GenericClient + Sync>(
    c: &C,
    events: &[(u64, Option<String>, register::RegistryEffect)],
) -> Result<register::RegisterWrites> {
    let codes = register::subjects(events);
    let mut states = std::collections::HashMap::new();
    if !codes.is_empty() {
        let rows =
            c.query("SELECT uscc, state FROM proj_entity WHERE uscc = ANY($1)", &[&codes]).await.map_err(pg_err)?;
        for r in rows {
            states.insert(r.get::<_, String>(0), register::parse_state(r.get(1))?);
        }
    }
    register::fold(events, states)
}

/// Writes a folded batch: a few statements over arrays, whatever the batch's size.
async fn write_register<C: tokio_postgres::GenericClient + Sync>(
    c: &C,
    w: Option<&register::RegisterWrites>,
) -> Result<()> {
    let Some(w) = w else { return Ok(()) };
    if !w.entities.is_empty() {
        let mut cols: [Vec<String>; 7] = Default::default();
        let mut seqs = Vec::with_capacity(w.entities.len());
        let mut industries: Vec<Option<String>> = Vec::with_capacity(w.entities.len());
        for (code, state, seq) in &w.entities {
            industries.push(state.entity.industry.as_ref().map(|i| i.as_str().to_string()));
            let e = &state.entity;
            let values = [
                code.clone(),
                e.name.clone(),
                e.kind.as_str().to_string(),
                e.authority.to_string(),
                state.status.as_str().to_string(),
                e.established_on.to_string(),
                register::state_json(state)?,
            ];
            for (col, v) in cols.iter_mut().zip(values) {
                col.push(v);
            }
            seqs.push(*seq as i64);
        }
        c.execute(
            "INSERT INTO proj_entity (uscc, name, kind, authority, status, established_on, state, seq)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
             ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,
                 state = EXCLUDED.state, seq = EXCLUDED.seq",
            &[&cols[0], &cols[1], &cols[2], &cols[3], &cols[4], &cols[5], &cols[6], &seqs],
        )
        .await
        .map_err(pg_err)?;
        c.execute(
            "INSERT INTO proj_pool_entity (uscc, authority, kind, status, industry)
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
             ON CONFLICT (uscc) DO UPDATE SET authority = EXCLUDED.authority, status = EXCLUDED.status,
                 industry = EXCLUDED.industry",
            &[&cols[0], &cols[3], &cols[2], &cols[4], &industries],
        )
        .await
        .map_err(pg_err)?;
    }
    if !w.end_names.is_empty() {
        let codes: Vec<&str> = w.end_names.iter().map(|(c, _)| c.as_str()).collect();
        let days: Vec<String> = w.end_names.iter().map(|(_, d)| d.to_string()).collect();
        c.execute(
            "UPDATE proj_name n SET ended_on = u.day FROM UNNEST($1::text[], $2::text[]) AS u(uscc, day)
             WHERE n.uscc = u.uscc AND n.ended_on IS NULL",
            &[&codes, &days],
        )
        .await
        .map_err(pg_err)?;
    }
    if !w.consumed.is_empty() {
        let ids: Vec<i64> = w.consumed.iter().map(|(i, _)| *i as i64).collect();
        let days: Vec<String> = w.consumed.iter().map(|(_, d)| d.to_string()).collect();
        c.execute(
            "UPDATE proj_name n SET reserved_until = u.day FROM UNNEST($1::bigint[], $2::text[]) AS u(id, day)
             WHERE n.id = u.id",
            &[&ids, &days],
        )
        .await
        .map_err(pg_err)?;
    }
    if !w.names.is_empty() {
        let ids: Vec<i64> = w.names.iter().map(|n| n.id as i64).collect();
        let names: Vec<&str> = w.names.iter().map(|n| n.name.as_str()).collect();
        let usccs: Vec<Option<&str>> = w.names.iter().map(|n| n.uscc.as_deref()).collect();
        let kinds: Vec<&str> = w.names.iter().map(|n| n.kind.as_str()).collect();
        let authorities: Vec<String> = w.names.iter().map(|n| n.authority.to_string()).collect();
        let ended: Vec<Option<String>> = w.names.iter().map(|n| n.ended_on.map(|d| d.to_string())).collect();
        let reserved: Vec<Option<String>> = w.names.iter().map(|n| n.reserved_until.map(|d| d.to_string())).collect();
        c.execute(
            "INSERT INTO proj_name (id, name, uscc, kind, authority, ended_on, reserved_until)
             SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])",
            &[&ids, &names, &usccs, &kinds, &authorities, &ended, &reserved],
        )
        .await
        .map_err(pg_err)?;
    }
    if !w.search.is_empty() {
        let ids: Vec<i64> = w.search.iter().map(|(i, _)| *i).collect();
        let words: Vec<&str> = w.search.iter().map(|(_, t)| t.as_str()).collect();
        c.execute(
            "INSERT INTO proj_name_search (name_id, words)
             SELECT id, to_tsvector('simple', w) FROM UNNEST($1::bigint[], $2::text[]) AS u(id, w)",
            &[&ids, &words],
        )
        .await
        .map_err(pg_err)?;
    }
    if !w.keys.is_empty() {
        let hs: Vec<i64> = w.keys.iter().map(|(h, _)| *h).collect();
        let ids: Vec<i64> = w.keys.iter().map(|(_, i)| *i).collect();
        c.execute(
            "INSERT INTO proj_name_key (h, name_id) SELECT * FROM UNNEST($1::bigint[], $2::bigint[]) ON CONFLICT DO NOTHING",
            &[&hs, &ids],
        )
        .await
        .map_err(pg_err)?;
    }
    Ok(())
}

fn pg_name_row(r: &tokio_postgres::Row) -> Result<register::NameRow> {
    register::name_row(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6))
}

/// An event with the publicity in force; callers add the `WHERE`.
const SELECT_EVENT: &str =
    "SELECT e.seq, e.id, e.kind, e.subject, e.occurred_at, e.recorded_at, e.record, e.salt, e.entry,
        COALESCE(p.restricted, e.restricted), CASE WHEN p.seq IS NULL THEN e.public_until ELSE p.public_until END
    FROM event e LEFT JOIN proj_publicity p ON p.seq = e.seq";

/// A row of `(entity state, seq, credit file state)`.
fn entity_with_file(r: &tokio_postgres::Row) -> Result<(register::EntityRow, shijian_core::credit::file::CreditFile)> {
    let row = register::EntityRow { state: register::parse_state(r.get(0))?, seq: r.get::<_, i64>(1) as u64 };
    Ok((row, credit::parse(r.get(2))?))
}

const SELECT_EVENTS_OF_SUBJECT: &str = "SELECT e.seq, e.id, e.kind, e.subject, e.occurred_at, e.recorded_at,
        e.record, e.salt, e.entry, COALESCE(p.restricted, e.restricted),
        CASE WHEN p.seq IS NULL THEN e.public_until ELSE p.public_until END
    FROM event e LEFT JOIN proj_publicity p ON p.seq = e.seq WHERE e.subject = $1 ORDER BY e.seq";

const SELECT_ENTITY: &str = "SELECT state, seq FROM proj_entity WHERE uscc = $1";

/// A row of [`SELECT_EVENT`].
fn stored_event(r: &tokio_postgres::Row) -> Result<StoredEvent> {
    let until: Option<String> = r.get(10);
    Ok(StoredEvent {
        index: r.get::<_, i64>(0) as u64,
        id: r.get(1),
        kind: r.get(2),
        subject: r.get(3),
        occurred_at: r.get(4),
        recorded_at: r.get(5),
        record: r.get(6),
        salt: journal::salt_of(r.get::<_, &[u8]>(7))?,
        entry: r.get(8),
        publicity: journal::publicity_of(r.get(9), until.as_deref())?,
    })
}

/// A credential row: `password, failures, locked_until`.
fn credential_of(r: &tokio_postgres::Row) -> crate::Credential {
    crate::Credential { password: r.get(0), failures: r.get::<_, i32>(1) as u32, locked_until: r.get(2) }
}
