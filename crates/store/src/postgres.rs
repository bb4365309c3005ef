//! The PostgreSQL backend: a pool of tokio-postgres connections.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use shijian_core::calendar::{DayKind, YearSchedule};
use shijian_core::{Code, Error, Industry, Result};
use tokio_postgres::NoTls;

use crate::migrations::{self, Applied, CREATE_SCHEMA_MIGRATIONS, SchemaStatus};
use crate::{
    Backend, CheckReport, ImportedYear, PgConfig, bench_row, db_err, group_years, industry_from_row, kind_from_str,
};

/// A key for `pg_advisory_xact_lock` that serialises concurrent migrators.
const MIGRATION_LOCK: i64 = 0x7368_696a_6961_6e00; // "shijian\0"

/// A PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
    location: String,
}

fn pg_err(e: tokio_postgres::Error) -> Error {
    if e.is_closed() || e.as_db_error().is_none() && e.to_string().contains("connect") {
        Error::new(Code::DbUnavailable).with("reason", e)
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
        Ok(PgStore { pool, location })
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

    pub(crate) async fn import_calendar(&self, years: Vec<YearSchedule>, source: String) -> Result<()> {
        let mut client = self.pool.get().await.map_err(pool_err)?;
        let tx = client.transaction().await.map_err(pg_err)?;
        let now = chrono::Utc::now();
        for y in &years {
            tx.execute("DELETE FROM calendar_year WHERE year = $1", &[&y.year]).await.map_err(pg_err)?;
            tx.execute(
                "INSERT INTO calendar_year (year, source, imported_at) VALUES ($1, $2, $3)",
                &[&y.year, &source, &now],
            )
            .await
            .map_err(pg_err)?;
            let stmt = tx
                .prepare("INSERT INTO calendar_day (day, year, kind, name) VALUES ($1, $2, $3, $4)")
                .await
                .map_err(pg_err)?;
            for e in &y.entries {
                tx.execute(&stmt, &[&e.date, &y.year, &e.kind.as_str(), &e.name]).await.map_err(pg_err)?;
            }
        }
        tx.commit().await.map_err(pg_err)
    }

    pub(crate) async fn imported_calendar(&self) -> Result<Vec<ImportedYear>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let rows = client
            .query(
                "SELECT y.year, y.source, d.day, d.kind, d.name
                 FROM calendar_year y JOIN calendar_day d ON d.year = y.year ORDER BY d.day",
                &[],
            )
            .await
            .map_err(pg_err)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let kind: DayKind = kind_from_str(r.get::<_, &str>(3))?;
            out.push((r.get(0), r.get(1), r.get(2), kind, r.get(4)));
        }
        Ok(group_years(out))
    }

    pub(crate) async fn import_industries(&self, entries: Vec<Industry>, source: String) -> Result<()> {
        let mut client = self.pool.get().await.map_err(pool_err)?;
        let tx = client.transaction().await.map_err(pg_err)?;
        let now = chrono::Utc::now();
        tx.execute("DELETE FROM industry", &[]).await.map_err(pg_err)?;
        let codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        let levels: Vec<&str> = entries.iter().map(|e| e.level().as_str()).collect();
        tx.execute(
            "INSERT INTO industry (code, name, level, source, imported_at)
             SELECT c, n, l, $4, $5 FROM UNNEST($1::text[], $2::text[], $3::text[]) AS t (c, n, l)",
            &[&codes, &names, &levels, &source, &now],
        )
        .await
        .map_err(pg_err)?;
        tx.commit().await.map_err(pg_err)
    }

    pub(crate) async fn imported_industries(&self) -> Result<Vec<Industry>> {
        let client = self.pool.get().await.map_err(pool_err)?;
        let rows = client.query("SELECT code, name FROM industry ORDER BY code", &[]).await.map_err(pg_err)?;
        rows.iter().map(|r| industry_from_row(r.get(0), r.get(1))).collect()
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

    pub(crate) async fn execute_batch(&self, sql: String) -> Result<()> {
        let client = self.pool.get().await.map_err(pool_err)?;
        client.batch_execute(&sql).await.map_err(pg_err)
    }
}
