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

mod account;
mod calendar;
pub mod case;
pub mod checked;
pub mod complaint;
mod credit;
mod dialect;
pub mod inspection;
pub mod journal;
mod log_projections;
pub mod migrations;
mod postgres;
mod projection;
pub mod register;
mod sqlite;
#[doc(hidden)]
pub mod testing;

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use shijian_core::calendar::{DayKind, ScheduleEntry, YearSchedule};
use shijian_core::event::{Actor, NewEvent};
use shijian_core::{Calendar, Code, Error, Industry, IndustryCatalogue, IndustryCode, Result};
use shijian_ledger::checkpoint::{self, Checkpoint};
use shijian_ledger::hash::Hash;
use shijian_ledger::note::{Signer, Verifier};
use shijian_ledger::receipt::Receipt;
use shijian_ledger::tile::{StoredTiles, Tile, TileMap, TileReader, TileWithNodes, tiles_for_nodes};
use shijian_ledger::tree;

pub use account::{Credential, Refusal};
pub use checked::{Expect, Matter};
pub use journal::{Appended, StoredCheckpoint, StoredEvent};

/// Events ready to append: see [`Store::prepare`].
pub struct PreparedBatch(Vec<journal::Prepared>);

impl PreparedBatch {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
pub use migrations::{Applied, SchemaStatus};
pub use postgres::PgStore;
pub use projection::Projection;
pub use register::{EntityRow, EntitySummary, EntityWithEvents, NameRow, name_key_hash, name_keys};
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

/// What `verify_log` checked.
#[derive(Clone, Debug)]
pub struct LogAudit {
    pub entries: u64,
    pub checkpoints: usize,
    pub root: Hash,
}

/// Stored tiles with their internal nodes, by (level, index).
pub(crate) type StoredTileMap = std::collections::BTreeMap<(u8, u64), TileWithNodes>;

/// Tiles above level 0 kept in memory for proofs. A tile's first `w` hashes (and the
/// complete subtrees among them) never change once written, so a cached tile serves every
/// request for a width it covers; a wider request goes to storage and widens the entry.
/// Level-0 tiles are not kept: proofs touch them at random and there are 256 times as many.
#[derive(Default)]
pub(crate) struct TileCache {
    map: std::sync::Mutex<std::collections::HashMap<(u8, u64), TileWithNodes>>,
}

impl TileCache {
    /// At most this many tiles (16 KiB each with their nodes): 64 MiB.
    const CAPACITY: usize = 4096;

    fn lookup(&self, tiles: &[Tile]) -> (StoredTileMap, Vec<(u8, u64)>) {
        let map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let mut found = StoredTileMap::new();
        let mut missing = Vec::new();
        for t in tiles {
            match map.get(&(t.level, t.index)) {
                Some((data, nodes)) if data.len() >= usize::from(t.width) * 32 => {
                    found.insert((t.level, t.index), (data.clone(), nodes.clone()));
                }
                _ => missing.push((t.level, t.index)),
            }
        }
        (found, missing)
    }

    fn insert(&self, fetched: &StoredTileMap) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        for (key, value) in fetched.iter().filter(|(k, _)| k.0 >= 1) {
            if map.len() >= Self::CAPACITY {
                map.clear();
            }
            let wider = map.get(key).is_none_or(|(d, _)| d.len() < value.0.len());
            if wider {
                map.insert(*key, value.clone());
            }
        }
    }
}

/// How an event is looked up.
#[derive(Clone, Debug)]
pub(crate) enum EventKey {
    Id(String),
    Index(u64),
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
        let done = dispatch!(self, s => s.migrate().await)?;
        // The desk's columns of matters recorded before they existed (migration 15), or counted
        // on another shipped holiday schedule.
        case::sync_desk(self).await?;
        // The listed mark of serious-list proposals decided before it existed (migration 16).
        case::sync_listed(self).await?;
        Ok(done)
    }

    /// Compares the database's schema with this program's migrations.
    pub async fn schema_status(&self) -> Result<SchemaStatus> {
        dispatch!(self, s => s.schema_status().await)
    }

    /// Checks that the database is reachable, its schema current and its storage sound.
    pub async fn check(&self) -> Result<CheckReport> {
        dispatch!(self, s => s.check().await)
    }

    /// Records the official schedules of the given years, each a `calendar.year_imported`
    /// event, in one append: all of it or none. The fold replaces what was stored for each
    /// year; deadlines counted on the calendar change with it (they are computed at read time).
    pub async fn import_calendar(&self, actor: &Actor, years: &[YearSchedule], source: &str) -> Result<Vec<Appended>> {
        let at = chrono::Utc::now();
        let events = years
            .iter()
            .map(|y| shijian_core::calendar::YearImported::event(y, source, actor, at))
            .collect::<Result<Vec<_>>>()?;
        self.append(&events).await
    }

    /// The imported years, ascending.
    pub async fn imported_calendar(&self) -> Result<Vec<ImportedYear>> {
        calendar::imported(self).await
    }

    /// The calendar in force: the shipped schedule overlaid with the imported years.
    pub async fn calendar(&self) -> Result<Calendar> {
        let imported = self.imported_calendar().await?;
        Ok(Calendar::builtin().with_years(imported.into_iter().map(|y| y.schedule)))
    }

    /// Replaces the imported industry table with `entries`, in one transaction.
    pub async fn import_industries(&self, entries: &[Industry], source: &str) -> Result<()> {
        use dialect::{Write, params};
        let now = chrono::Utc::now().to_rfc3339();
        let rows =
            entries.iter().map(|e| params![e.code.as_str(), &e.name, e.level().as_str(), source, &now]).collect();
        self.write_all(vec![
            Write::once("DELETE FROM industry", Vec::new()),
            Write("INSERT INTO industry (code, name, level, source, imported_at) VALUES (?, ?, ?, ?, ?)", rows),
        ])
        .await?;
        Ok(())
    }

    /// The imported industry entries, by code.
    pub async fn imported_industries(&self) -> Result<Vec<Industry>> {
        let rows = self.query("SELECT code, name FROM industry ORDER BY code", Vec::new()).await?;
        rows.iter().map(|r| industry_from_row(&r.text(0)?, r.text(1)?)).collect()
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

    // ----- the journal -----

    /// Appends events to the journal: the event rows, the log's tiles and the projection
    /// updates in one transaction, all or nothing. Returns each event's id and leaf index.
    /// The events are checked (kind, basis, data) before anything is written.
    pub async fn append(&self, events: &[NewEvent]) -> Result<Vec<Appended>> {
        self.append_prepared(Store::prepare(events)?).await
    }

    /// The CPU half of [`Store::append`], without the store: checks the events and builds
    /// their records, salts, commitments and projection effects. Bulk writers prepare the next
    /// batch on another thread while the store writes the last one.
    pub fn prepare(events: &[NewEvent]) -> Result<PreparedBatch> {
        Ok(PreparedBatch(journal::prepare(events, chrono::Utc::now())?))
    }

    /// Appends a prepared batch (see [`Store::prepare`]); as [`Store::append`] otherwise.
    pub async fn append_prepared(&self, batch: PreparedBatch) -> Result<Vec<Appended>> {
        self.append_prepared_checked(batch, &Expect::default()).await
    }

    /// The log's size now: where a decision starts, read before the state it decides on, for
    /// [`Store::append_checked`].
    pub async fn decision_point(&self) -> Result<u64> {
        self.log_size().await
    }

    /// Appends as [`Store::append`] if nothing was recorded about the matters of `expect` since
    /// the decision started reading (at log index `expect.seen`): checked under the sequencer
    /// lock inside the append's transaction, so of two concurrent decisions about one matter
    /// only the first to commit lands; the other fails with `append_conflict` and writes
    /// nothing ([`checked`]).
    pub async fn append_checked(&self, events: &[NewEvent], expect: &Expect) -> Result<Vec<Appended>> {
        self.append_prepared_checked(Store::prepare(events)?, expect).await
    }

    /// Appends a prepared batch, checked as [`Store::append_checked`].
    pub async fn append_prepared_checked(&self, batch: PreparedBatch, expect: &Expect) -> Result<Vec<Appended>> {
        let prepared = batch.0;
        if prepared.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = prepared.iter().map(|p| p.id.clone()).collect();
        // The batch's distinct kinds (a few, however long the batch), for `Changes::committed`.
        let mut kinds: Vec<String> = Vec::new();
        for p in &prepared {
            if !kinds.contains(&p.kind) {
                kinds.push(p.kind.clone());
            }
        }
        let expect = expect.clone();
        let first = dispatch!(self, s => s.append_prepared(prepared, expect).await)?;
        self.changes().committed(kinds.iter().map(String::as_str));
        Ok(ids.into_iter().enumerate().map(|(i, event_id)| Appended { event_id, index: first + i as u64 }).collect())
    }

    /// A number that changes whenever one of the projections `parts` is changed through this
    /// store (or a clone of it): equal before and after means none of them changed in between
    /// here. Changes made by another process are not seen.
    pub fn generation(&self, parts: &[Projection]) -> u64 {
        self.changes().generation(parts)
    }

    fn changes(&self) -> &projection::Changes {
        dispatch!(self, s => s.changes())
    }

    /// The number of entries in the log.
    pub async fn log_size(&self) -> Result<u64> {
        dispatch!(self, s => s.log_size().await)
    }

    /// The current tree: its size and root, read from storage in one snapshot.
    pub async fn tree_head(&self) -> Result<(u64, Hash)> {
        let (size, tiles) = dispatch!(self, s => s.edge_snapshot().await)?;
        Ok((size, journal::edge_from_stored(size, &tiles)?.root()))
    }

    /// Starts (`true`) or ends (`false`) a bulk load, such as building a synthetic province:
    /// on SQLite, commits stop waiting for the disk (`synchronous = OFF`) until the end, which
    /// checkpoints the WAL with a sync and restores `FULL`; the candidate-name keys are
    /// deferred and inserted in key order at the end (name checks during the load do not see
    /// them). A crash of the process loses nothing committed (deferred keys are merged when the
    /// store next opens); a power cut during the load can lose or damage the load, which is
    /// started again. PostgreSQL: no change (commits stay durable).
    pub async fn bulk_load(&self, on: bool) -> Result<()> {
        let done = match self {
            Store::Sqlite(s) => s.bulk_load(on).await,
            Store::Postgres(_) => Ok(()),
        };
        // The deferred name keys merged at the end change the register's tables.
        self.changes().all_changed();
        done
    }

    /// Every event about `subject` (usually a credit code), in log order.
    pub async fn events_of_subject(&self, subject: &str) -> Result<Vec<StoredEvent>> {
        let subject = subject.to_string();
        dispatch!(self, s => s.events_of_subject(subject).await)
    }

    /// Up to `limit` events from the log index `from` on, in log order, with the publicity in
    /// force (the change feed's source).
    pub async fn events_from(&self, from: u64, limit: usize) -> Result<Vec<StoredEvent>> {
        dispatch!(self, s => s.events_from(from, limit).await)
    }

    /// An entity's current state from the register, if registered.
    pub async fn entity(&self, uscc: &str) -> Result<Option<EntityRow>> {
        register::entity(self, uscc).await
    }

    /// The register's columns of the entities `codes` (those registered, in the order given),
    /// without their states: what lists of entities show.
    pub async fn entity_summaries(&self, codes: &[String]) -> Result<Vec<EntitySummary>> {
        register::entity_summaries(self, codes).await
    }

    /// The entity `uscc` and every event about it, in log order, read together (one snapshot on
    /// SQLite; one connection, pipelined, on PostgreSQL): the public credit file's one read.
    pub async fn entity_with_events(&self, uscc: &str) -> Result<Option<register::EntityWithEvents>> {
        let uscc = uscc.to_string();
        dispatch!(self, s => s.entity_with_events(uscc).await)
    }

    /// Entities registered by offices inside `division` (all if `None`), ordered by code,
    /// `limit` at a time after the code `after`.
    pub async fn entities_page(
        &self,
        division: Option<shijian_core::DivisionCode>,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<EntityRow>> {
        let range = register::authority_range(division);
        register::entities_page(self, range, after, limit).await
    }

    /// The greatest registered code in `[lo, hi)` (codes compare as their characters do): the
    /// last code issued under a prefix, for issuing the next one.
    pub async fn highest_code(&self, lo: &str, hi: &str) -> Result<Option<String>> {
        register::highest_code(self, lo, hi).await
    }

    /// How many entities the register holds (in any status).
    pub async fn entity_count(&self) -> Result<u64> {
        register::entity_count(self).await
    }

    /// The names found under any of the candidate-index keys `hashes` ([`name_key_hash`]).
    pub async fn name_candidates(&self, hashes: &[i64]) -> Result<Vec<NameRow>> {
        let hashes = hashes.to_vec();
        dispatch!(self, s => s.name_candidates(hashes).await)
    }

    /// An entity's credit file, if anything is on it.
    pub async fn credit_file(&self, uscc: &str) -> Result<Option<shijian_core::credit::file::CreditFile>> {
        credit::file(self, uscc).await
    }

    /// The credit files of several entities (those that have one).
    pub async fn credit_files(
        &self,
        codes: &[String],
    ) -> Result<Vec<(String, shijian_core::credit::file::CreditFile)>> {
        credit::files(self, codes).await
    }

    /// The entities registered inside `division` (all if `None`) now on the abnormal operations
    /// list (`serious` false) or the serious violations list, with their credit files, newest
    /// first: by the day of their latest current entry, then by code, both descending;
    /// `limit` at a time after the cursor `after` (`<day>_<code>` of the last row seen).
    pub async fn credit_listed(
        &self,
        serious: bool,
        division: Option<shijian_core::DivisionCode>,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(EntityRow, shijian_core::credit::file::CreditFile)>> {
        let range = register::authority_range(division);
        // Before every day and every code: the first page.
        let (day, code) = after.and_then(|a| a.split_once('_')).unwrap_or(("9999-12-31", ""));
        let after = (day.to_string(), code.to_string());
        dispatch!(self, s => s.credit_listed(serious, range, after, limit).await)
    }

    /// The entities registered inside `division` (all if `None`) with a repair request or an
    /// objection waiting for the office, with their credit files, ordered by code.
    pub async fn credit_open_matters(
        &self,
        division: Option<shijian_core::DivisionCode>,
    ) -> Result<Vec<(EntityRow, shijian_core::credit::file::CreditFile)>> {
        let range = register::authority_range(division);
        dispatch!(self, s => s.credit_open_matters(range).await)
    }

    // ----- random inspections -----

    /// The first signed checkpoint whose tree contains the entry at `index` (size > index).
    pub async fn first_checkpoint_after(&self, index: u64) -> Result<Option<StoredCheckpoint>> {
        dispatch!(self, s => s.first_checkpoint_after(index).await)
    }

    /// Items added to or changed in the shipped item list, by code.
    pub async fn inspection_items(&self) -> Result<Vec<shijian_core::inspection::Item>> {
        inspection::items(self).await
    }

    /// The active products or premises (`kind`) lying inside `division` (all if `None`), by id.
    pub async fn inspection_objects(
        &self,
        kind: shijian_core::inspection::TargetKind,
        division: Option<shijian_core::DivisionCode>,
    ) -> Result<Vec<shijian_core::inspection::pool::InspectionObject>> {
        let range = register::authority_range(division);
        let kind = kind.as_str();
        inspection::objects(self, kind, range).await
    }

    /// The inspectors whose office lies inside `division` (all if `None`), by pseudonym.
    pub async fn inspectors(
        &self,
        division: Option<shijian_core::DivisionCode>,
    ) -> Result<Vec<shijian_core::inspection::pool::InspectorState>> {
        let range = register::authority_range(division);
        inspection::inspectors(self, range).await
    }

    /// A plan.
    pub async fn inspection_plan(&self, id: &str) -> Result<Option<shijian_core::inspection::PlanState>> {
        let id = id.to_string();
        inspection::plan(self, &id).await
    }

    /// Plans of offices inside `division` (all if `None`), newest id first, `limit` at a time
    /// before the id `before`.
    pub async fn inspection_plans(
        &self,
        division: Option<shijian_core::DivisionCode>,
        before: Option<&str>,
        limit: usize,
    ) -> Result<Vec<shijian_core::inspection::PlanState>> {
        let range = register::authority_range(division);
        let before = before.map(str::to_string);
        inspection::plans(self, range, before.as_deref(), limit).await
    }

    /// The ids of the plans starting with `prefix`, in order.
    pub async fn inspection_plan_ids(&self, prefix: &str) -> Result<Vec<String>> {
        let prefix = prefix.to_string();
        inspection::plan_ids(self, &prefix).await
    }

    /// The ids of every drawn plan, in order.
    pub async fn drawn_plan_ids(&self) -> Result<Vec<String>> {
        inspection::drawn_plan_ids(self).await
    }

    /// A plan's tasks in rank order, `limit` at a time after `after_rank`.
    pub async fn inspection_tasks(
        &self,
        plan: &str,
        after_rank: u32,
        limit: usize,
    ) -> Result<Vec<shijian_core::inspection::TaskState>> {
        let plan = plan.to_string();
        inspection::tasks(self, &plan, after_rank, limit).await
    }

    /// One task.
    pub async fn inspection_task(
        &self,
        plan: &str,
        target: &str,
    ) -> Result<Option<shijian_core::inspection::TaskState>> {
        let (plan, target) = (plan.to_string(), target.to_string());
        inspection::task(self, &plan, &target).await
    }

    /// An inspector's tasks, the most recent first.
    pub async fn tasks_of_inspector(
        &self,
        pseudonym: &str,
        limit: usize,
    ) -> Result<Vec<shijian_core::inspection::TaskState>> {
        let pseudonym = pseudonym.to_string();
        inspection::tasks_of_inspector(self, &pseudonym, limit).await
    }

    /// Every task of a target, the newest plan first.
    pub async fn tasks_of_target(&self, target: &str) -> Result<Vec<shijian_core::inspection::TaskState>> {
        let target = target.to_string();
        inspection::tasks_of_target(self, &target).await
    }

    /// (pseudonym, target) of every team membership whose day (inspected, or drawn) is on or
    /// after `since`: the recent-check exclusions.
    pub async fn recent_assignments(&self, since: chrono::NaiveDate) -> Result<Vec<(String, String)>> {
        let since = since.to_string();
        inspection::recent_assignments(self, &since).await
    }

    /// Calls `each` with every entity registered inside `division` (all if `None`): its
    /// kind, status, industry and credit class, for building a target pool.
    pub async fn pool_rows(
        &self,
        division: Option<shijian_core::DivisionCode>,
        each: Box<dyn FnMut(inspection::PoolRowRef<'_>) + Send>,
    ) -> Result<()> {
        let range = register::authority_range(division);
        dispatch!(self, s => s.pool_rows(range, each).await)
    }

    // ----- enforcement -----

    /// An enforcement matter (clue or case).
    pub async fn case(&self, id: &str) -> Result<Option<shijian_core::case::CaseState>> {
        case::case(self, id).await
    }

    /// A page of the desk of the offices inside `division`: the open matters in `queue` (for
    /// the account `me`), nearest limit first, `limit` from the `offset`-th.
    pub async fn case_desk(
        &self,
        division: Option<shijian_core::DivisionCode>,
        queue: shijian_core::case::Queue,
        me: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<shijian_core::case::CaseState>> {
        case::desk(self, register::authority_range(division), queue, me, offset, limit).await
    }

    /// How many open matters of the offices inside `division` each queue holds for the account
    /// `me`, in the order of `Queue::ALL`.
    pub async fn case_desk_counts(
        &self,
        division: Option<shijian_core::DivisionCode>,
        me: Option<&str>,
    ) -> Result<[u64; 4]> {
        case::desk_counts(self, register::authority_range(division), me).await
    }

    /// Every matter of offices inside `division`, by id, `limit` after `after`.
    pub async fn cases_of_office(
        &self,
        division: Option<shijian_core::DivisionCode>,
        after: &str,
        limit: usize,
    ) -> Result<Vec<shijian_core::case::CaseState>> {
        case::cases_of_office(self, register::authority_range(division), after, limit).await
    }

    /// Whether the serious-list entry that matter `id`'s penalty proposes has been made
    /// (false for an unknown matter).
    pub async fn case_listed(&self, id: &str) -> Result<bool> {
        case::listed(self, id).await
    }

    /// The matters of the offices inside `division` whose penalty proposes a serious-list
    /// entry that the credit office has not yet made, by id.
    pub async fn serious_case_proposals(
        &self,
        division: Option<shijian_core::DivisionCode>,
    ) -> Result<Vec<shijian_core::case::CaseState>> {
        case::serious_proposals(self, register::authority_range(division)).await
    }

    /// The decided matters against the entities whose credit codes run from `lo` to `hi`, by
    /// entity and id (their penalties for the risk classification and the register's checks).
    pub async fn decided_cases_of_entities(&self, lo: &str, hi: &str) -> Result<Vec<shijian_core::case::CaseState>> {
        case::decided_of_entities(self, lo, hi).await
    }

    /// Every matter against `entity` (a credit code), by id.
    pub async fn cases_of_entity(&self, entity: &str) -> Result<Vec<shijian_core::case::CaseState>> {
        case::of_entity(self, entity).await
    }

    /// The narrow records of the matters against `entity`.
    pub async fn case_facts_of_entity(&self, entity: &str) -> Result<Vec<case::Fact>> {
        case::facts_of_entity(self, entity).await
    }

    /// The highest matter id with `prefix` (`AJ` and a day).
    pub async fn highest_case_id(&self, prefix: &str) -> Result<Option<String>> {
        case::highest_id(self, prefix).await
    }

    /// The highest number taken in a document series (e.g. 鄂洪市监处罚) and year; 0 if none.
    pub async fn highest_document_number(&self, series: &str, year: i32) -> Result<u32> {
        case::highest_number(self, series, year).await
    }

    /// Penalty publicity records public on `day` whose party, number or credit code matches
    /// `text` (all when empty), newest decision first, `limit` after the cursor
    /// `(decided_on, id)` of the last one shown.
    pub async fn public_penalties(
        &self,
        day: NaiveDate,
        text: &str,
        after: Option<(String, String)>,
        limit: usize,
    ) -> Result<Vec<case::PublicRecord>> {
        case::public_penalties(self, &day.to_string(), text, after, limit).await
    }

    /// One penalty publicity record (public or not: the caller compares its term to the day).
    pub async fn public_penalty(&self, id: &str) -> Result<Option<case::PublicRecord>> {
        case::public_penalty(self, id).await
    }

    /// The penalty publicity records of `entity` public on `day`, newest first.
    pub async fn public_penalties_of_entity(&self, entity: &str, day: NaiveDate) -> Result<Vec<case::PublicRecord>> {
        case::public_penalties_of_entity(self, entity, &day.to_string()).await
    }

    // ----- 12315 -----

    /// A complaint or report.
    pub async fn complaint(&self, id: &str) -> Result<Option<shijian_core::complaint::ComplaintState>> {
        let id = id.to_string();
        complaint::complaint(self, &id).await
    }

    /// Open complaints (work waiting) of offices inside `division`, by id, `limit` after `after`.
    pub async fn open_complaints(
        &self,
        division: Option<shijian_core::DivisionCode>,
        after: &str,
        limit: usize,
    ) -> Result<Vec<shijian_core::complaint::ComplaintState>> {
        let range = register::authority_range(division);
        let after = after.to_string();
        complaint::open_complaints(self, range, &after, limit).await
    }

    /// Every complaint of offices inside `division`, by id, `limit` after `after`.
    pub async fn complaints_of_office(
        &self,
        division: Option<shijian_core::DivisionCode>,
        after: &str,
        limit: usize,
    ) -> Result<Vec<shijian_core::complaint::ComplaintState>> {
        let range = register::authority_range(division);
        let after = after.to_string();
        complaint::complaints_of_office(self, range, &after, limit).await
    }

    /// Complaints that went to the ODR enterprise `entity`, the newest first.
    pub async fn odr_complaints(
        &self,
        entity: &str,
        limit: usize,
    ) -> Result<Vec<shijian_core::complaint::ComplaintState>> {
        let entity = entity.to_string();
        complaint::odr_complaints(self, &entity, limit).await
    }

    /// The narrow records of every complaint about `entity`.
    pub async fn complaint_facts_of_entity(&self, entity: &str) -> Result<Vec<complaint::Fact>> {
        let entity = entity.to_string();
        complaint::facts_of_entity(self, &entity).await
    }

    /// Calls `each` with the narrow record of every complaint received on or after `since`.
    pub async fn complaint_facts(
        &self,
        since: chrono::NaiveDate,
        each: Box<dyn FnMut(&complaint::Fact) + Send>,
    ) -> Result<()> {
        let since = since.to_string();
        complaint::facts(self, since, each).await
    }

    /// Records of 12315 work of one kind (`complaint::RECORD_*`), newest first: of one business
    /// when `entity` is given, only open ones (clues not yet checked) when `open_only`.
    pub async fn complaint_records(
        &self,
        kind: &'static str,
        entity: Option<&str>,
        open_only: bool,
        limit: u32,
    ) -> Result<Vec<complaint::Record>> {
        let entity = entity.map(str::to_string);
        complaint::records(self, kind, entity.as_deref(), open_only, limit).await
    }

    /// An enterprise's membership of the ODR scheme.
    pub async fn odr_member(&self, entity: &str) -> Result<Option<shijian_core::complaint::OdrMember>> {
        let entity = entity.to_string();
        complaint::odr_member(self, &entity).await
    }

    /// Stores a file beside the journal under its SHA-256; returns the hash.
    pub async fn put_artifact(&self, bytes: Vec<u8>) -> Result<[u8; 32]> {
        let hash: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&bytes).into();
        inspection::put_artifact(self, hash, &bytes).await?;
        Ok(hash)
    }

    /// Whether a file with this SHA-256 is stored.
    pub async fn artifact_exists(&self, hash: [u8; 32]) -> Result<bool> {
        inspection::artifact_exists(self, hash).await
    }

    /// A stored file by its SHA-256.
    pub async fn artifact(&self, hash: [u8; 32]) -> Result<Option<Vec<u8>>> {
        inspection::artifact(self, hash).await
    }

    // ----- accounts and credentials -----

    /// An account (the fold of its `access.account_*` events). A staff account folded before
    /// pseudonyms were recorded has none in its row until the projections are rebuilt; it
    /// gets the one the fold derives from its creating event.
    pub async fn account(&self, username: &str) -> Result<Option<shijian_core::account::Account>> {
        use shijian_core::account::{Account, KIND_ACCOUNT_CREATED, derived_pseudonym, has_pseudonym};
        let name = username.to_string();
        let mut account: Option<Account> = account::account(self, &name).await?;
        if let Some(a) = account.as_mut().filter(|a| a.pseudonym.is_empty() && has_pseudonym(a.role)) {
            let events = self.events_of_subject(&Account::subject(username)).await?;
            let created = events.iter().find(|e| e.kind == KIND_ACCOUNT_CREATED).ok_or_else(|| {
                Error::new(Code::DbIntegrity).with("reason", format!("no {KIND_ACCOUNT_CREATED} for {username}"))
            })?;
            a.pseudonym = derived_pseudonym(&created.id);
        }
        Ok(account)
    }

    /// Sets an account's password (an Argon2id PHC string) and clears failures and locks.
    pub async fn set_password(&self, username: &str, phc: &str, at: &str) -> Result<()> {
        account::set_password(self, username, phc, at).await
    }

    /// An account's password credential, if it has one.
    pub async fn credential(&self, username: &str) -> Result<Option<Credential>> {
        account::credential(self, username).await
    }

    /// Counts a sign-in attempt before its password is checked, in one atomic statement, so
    /// that concurrent attempts each see their own number: an attempt after an expired lock
    /// starts the count again; an attempt numbered above `limit` locks the account until
    /// `lock_until` (unless it is locked already). Returns the credential as it is after the
    /// attempt was counted (`failures` is this attempt's number), or `None` for no credential.
    /// `now` and `lock_until` are RFC 3339 in UTC to the second, the form `locked_until` is
    /// kept in, so that they compare as text.
    pub async fn claim_sign_in(
        &self,
        username: &str,
        now: &str,
        limit: u32,
        lock_until: &str,
    ) -> Result<Option<Credential>> {
        // Per backend: the statement compares RFC 3339 text, which PostgreSQL must compare
        // bytewise under `COLLATE "C"` whatever the database's collation, a clause SQLite does
        // not know (its default comparison is bytewise already).
        let (username, now, lock_until) = (username.to_string(), now.to_string(), lock_until.to_string());
        dispatch!(self, s => s.claim_sign_in(username, now, limit, lock_until).await)
    }

    /// Concludes an attempt counted by [`Store::claim_sign_in`] as `attempt`. A right password
    /// clears the count if no other attempt was counted since, and otherwise takes back only its
    /// own (the others' failures stand); a wrong one leaves its count and, with `lock_until`,
    /// locks the account (a lock already set is kept).
    pub async fn conclude_sign_in(
        &self,
        username: &str,
        attempt: u32,
        ok: bool,
        lock_until: Option<&str>,
    ) -> Result<()> {
        account::conclude_sign_in(self, username, attempt, ok, lock_until).await
    }

    /// Stores an API token by its SHA-256 hash (the token itself is never stored).
    pub async fn insert_token(
        &self,
        hash: &[u8; 32],
        username: &str,
        label: &str,
        created_at: &str,
        expires_at: Option<&str>,
    ) -> Result<()> {
        account::insert_token(self, hash, username, label, created_at, expires_at).await
    }

    /// The account and expiry of an unrevoked token, by its hash.
    pub async fn token(&self, hash: &[u8; 32]) -> Result<Option<(String, Option<String>)>> {
        account::token(self, hash).await
    }

    /// Revokes a token (a session ended, a key withdrawn).
    pub async fn revoke_token(&self, hash: &[u8; 32]) -> Result<()> {
        account::revoke_token(self, hash).await
    }

    /// Records a refused attempt.
    pub async fn record_refusal(&self, refusal: Refusal) -> Result<()> {
        account::record_refusal(self, refusal).await
    }

    /// The latest refused attempts, newest first.
    pub async fn refusals(&self, limit: usize) -> Result<Vec<Refusal>> {
        account::refusals(self, limit).await
    }

    /// Registered names (current and former) found under every one of `words`
    /// ([`shijian_text::segment::query_words`]), at most `limit`, oldest first, after the name
    /// id `after` (`None` for the first page).
    pub async fn search_names(&self, words: &[String], after: Option<u64>, limit: usize) -> Result<Vec<NameRow>> {
        let words = words.to_vec();
        dispatch!(self, s => s.search_names(words, after, limit).await)
    }

    /// Every name (registered, ended or reserved) of the registration authorities inside a
    /// division (its office and the offices below it), or of all: the brute-force side of the
    /// name-check benchmark and its correctness check.
    pub async fn names_under(&self, division: Option<shijian_core::DivisionCode>) -> Result<Vec<NameRow>> {
        let range = register::authority_range(division);
        dispatch!(self, s => s.names_under(range).await)
    }

    /// One event by id.
    pub async fn event_by_id(&self, id: &str) -> Result<StoredEvent> {
        let id = id.to_string();
        dispatch!(self, s => s.event(EventKey::Id(id)).await)
    }

    /// One event by its leaf index.
    pub async fn event_by_index(&self, index: u64) -> Result<StoredEvent> {
        dispatch!(self, s => s.event(EventKey::Index(index)).await)
    }

    /// Stored tiles, each cut to the width asked for. A missing or short tile is an error.
    pub async fn read_tiles(&self, tiles: &[Tile]) -> Result<Vec<Vec<u8>>> {
        let keys: Vec<(u8, u64)> = tiles.iter().map(|t| (t.level, t.index)).collect();
        let stored = dispatch!(self, s => s.load_tiles(keys).await)?;
        let map = TileMap(stored);
        map.read_tiles(tiles).map_err(journal::ledger_err)
    }

    /// Runs a proof plan over the stored tiles (and their internal nodes) of the tree of
    /// `size`: one query for the tiles, then lookups.
    async fn run_plan(&self, size: u64, plan: tree::ProofPlan) -> Result<Vec<Hash>> {
        let nodes = plan.nodes();
        let tiles = tiles_for_nodes(&nodes, size).map_err(journal::ledger_err)?;
        let cache = self.tile_cache();
        let tiles: Vec<Tile> = tiles.into_iter().collect();
        let (mut found, missing) = cache.lookup(&tiles);
        if !missing.is_empty() {
            let mut fetched = dispatch!(self, s => s.load_tiles_with_nodes(missing).await)?;
            // Partial tiles are stored without their internal nodes; compute them once for the
            // tiles the cache will keep, so later proofs only look up.
            for ((level, _), (data, nodes)) in fetched.iter_mut() {
                if *level >= 1 && nodes.is_none() {
                    *nodes = Some(shijian_ledger::tile::tile_nodes(data));
                }
            }
            cache.insert(&fetched);
            found.extend(fetched);
        }
        plan.run(&StoredTiles { size, tiles: found }).map_err(journal::ledger_err)
    }

    fn tile_cache(&self) -> &TileCache {
        match self {
            Store::Sqlite(s) => s.tile_cache(),
            Store::Postgres(s) => s.tile_cache(),
        }
    }

    /// The inclusion proof of leaf `index` in the tree of `size`.
    pub async fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>> {
        if index >= size {
            return Err(Error::new(Code::LogIndexUnknown).with("index", index).with("size", size));
        }
        self.run_plan(size, tree::inclusion_plan(index, size).map_err(journal::ledger_err)?).await
    }

    /// The consistency proof between two tree sizes.
    pub async fn consistency_proof(&self, first: u64, second: u64) -> Result<Vec<Hash>> {
        self.run_plan(second, tree::consistency_plan(first, second).map_err(journal::ledger_err)?).await
    }

    /// Every stored checkpoint, by size.
    pub async fn checkpoints(&self) -> Result<Vec<StoredCheckpoint>> {
        dispatch!(self, s => s.checkpoints(None).await)
    }

    /// The latest signed checkpoint.
    pub async fn latest_checkpoint(&self) -> Result<Option<StoredCheckpoint>> {
        Ok(dispatch!(self, s => s.checkpoints(Some(1)).await)?.pop())
    }

    /// Signs and stores a checkpoint of the current tree when it has grown since the latest
    /// one (or when there is none yet). The origin is the signer's key name. Returns the new
    /// checkpoint, if one was made.
    pub async fn sign_checkpoint(&self, signer: &Signer) -> Result<Option<StoredCheckpoint>> {
        let (size, root) = self.tree_head().await?;
        if let Some(latest) = self.latest_checkpoint().await?
            && latest.size >= size
        {
            return Ok(None);
        }
        let note = Checkpoint::new(signer.name(), size, root)
            .sign(signer)
            .map_err(|e| Error::new(Code::LogKey).with("reason", e))?
            .to_text();
        let cp =
            StoredCheckpoint { size, root, note, signed_at: shijian_core::event::format_time(&chrono::Utc::now()) };
        dispatch!(self, s => s.insert_checkpoint(cp.clone()).await)?;
        Ok(Some(cp))
    }

    /// The cosignature lines witnesses returned for the checkpoint of `size`.
    pub async fn cosignatures(&self, size: u64) -> Result<Vec<String>> {
        log_projections::cosignatures(self, size).await
    }

    /// A checkpoint's note with the witnesses' cosignatures appended: what is published.
    pub async fn cosigned_note(&self, cp: &StoredCheckpoint) -> Result<String> {
        let mut note = cp.note.clone();
        for line in self.cosignatures(cp.size).await? {
            note.push_str(&line);
            if !line.ends_with('\n') {
                note.push('\n');
            }
        }
        Ok(note)
    }

    /// Acting as a witness: the largest checkpoint of `origin` this instance cosigned, as
    /// (size, base64 root).
    pub async fn witness_state(&self, origin: &str) -> Result<Option<(u64, String)>> {
        log_projections::witness_state(self, origin).await
    }

    /// A C2SP tlog-proof receipt for leaf `index`, against the latest checkpoint (with the
    /// witnesses' cosignatures). Its extra data is the event id.
    pub async fn receipt(&self, index: u64) -> Result<Receipt> {
        let size = self.log_size().await?;
        if index >= size {
            return Err(Error::new(Code::LogIndexUnknown).with("index", index).with("size", size));
        }
        // The newest checkpoint covering the entry that witnesses cosigned, else the newest.
        // (Recording a cosignature is itself an event, so the newest checkpoint is rarely the
        // cosigned one.)
        let cp = match dispatch!(self, s => s.latest_cosigned_checkpoint(index).await)? {
            Some(cp) => Some(cp),
            None => self.latest_checkpoint().await?.filter(|c| c.size > index),
        };
        let Some(cp) = cp else {
            return Err(Error::new(Code::LogNotCheckpointed).with("index", index));
        };
        let event = self.event_by_index(index).await?;
        let proof = self.inclusion_proof(index, cp.size).await?;
        let checkpoint = self.cosigned_note(&cp).await?;
        Ok(Receipt { extra: Some(event.id.into_bytes()), index, proof, checkpoint })
    }

    /// The log entries with indexes in `[from, to)`.
    pub async fn entries(&self, from: u64, to: u64) -> Result<Vec<Vec<u8>>> {
        let rows = dispatch!(self, s => s.event_chunk(from, to.saturating_sub(from)).await)?;
        Ok(rows.into_iter().map(|(_, _, _, entry)| entry).collect())
    }

    /// Verifies the whole log from storage: every entry is the commitment to its stored record,
    /// there are no gaps, every stored tile hash is recomputed and compared, every checkpoint's
    /// signature verifies with one of `log_keys` for `origin` and its root is the root the
    /// entries give at its size, and consecutive checkpoints have verifying consistency proofs.
    /// Fails with `log_verify_failed` naming the first bad index. `progress` is called with
    /// (entries done, entries in all).
    pub async fn verify_log(
        &self,
        log_keys: &[Verifier],
        origin: &str,
        progress: impl Fn(u64, u64),
    ) -> Result<LogAudit> {
        let total = self.log_size().await?;
        let stored = self.checkpoints().await?;
        let mut roots = std::collections::BTreeMap::new();
        for cp in &stored {
            let opened = log_keys.iter().find_map(|k| checkpoint::open(&cp.note, origin, k, &[]).ok());
            let Some(opened) = opened else {
                return Err(journal::bad(
                    cp.size.saturating_sub(1),
                    format!("the checkpoint of size {} does not verify with the log's key for {origin}", cp.size),
                ));
            };
            if opened.checkpoint.size != cp.size || opened.checkpoint.root != cp.root {
                return Err(journal::bad(
                    cp.size.saturating_sub(1),
                    format!("the stored checkpoint of size {} differs from its signed note", cp.size),
                ));
            }
            roots.insert(cp.size, cp.root);
        }
        let mut audit = journal::Audit::new(roots);
        const CHUNK: u64 = 20_000;
        loop {
            let from = audit.size();
            let rows = dispatch!(self, s => s.event_chunk(from, CHUNK).await)?;
            if rows.is_empty() {
                break;
            }
            audit.feed(&rows)?;
            let keys = audit.pending_keys();
            let tiles = dispatch!(self, s => s.load_tiles_with_nodes(keys).await)?;
            audit.compare(&tiles)?;
            progress(audit.size(), total);
        }
        let root = audit.finish()?;
        for pair in stored.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let proof = self.consistency_proof(a.size, b.size).await?;
            tree::verify_consistency(a.size, b.size, &a.root, &b.root, &proof).map_err(|e| {
                journal::bad(b.size - 1, format!("checkpoints {} and {} are not consistent: {e}", a.size, b.size))
            })?;
        }
        Ok(LogAudit { entries: audit.size(), checkpoints: stored.len(), root })
    }

    /// Rebuilds every projection from the journal, in one transaction. Returns the number of
    /// events replayed.
    pub async fn rebuild_projections(&self) -> Result<u64> {
        let replayed = dispatch!(self, s => s.rebuild_projections().await);
        self.changes().all_changed();
        replayed
    }

    /// Every row of every projection's tables ([`projection::REGISTRY`]), by table, each row
    /// rendered as text and the rows sorted: what `rebuild_projections` must reproduce.
    pub async fn dump_projections(&self) -> Result<std::collections::BTreeMap<String, Vec<String>>> {
        let mut out = std::collections::BTreeMap::new();
        for table in projection::tables(self.backend()) {
            let sql = match (self.backend(), table) {
                // A contentless FTS5 table keeps no columns: its rows are its rowids.
                (Backend::Sqlite, "proj_name_search") => format!("SELECT rowid FROM {table}"),
                _ => format!("SELECT * FROM {table}"),
            };
            let mut rows: Vec<String> = self
                .query(&sql, Vec::new())
                .await?
                .iter()
                .map(|r| r.0.iter().map(dialect::Sql::render).collect::<Vec<_>>().join("\t"))
                .collect();
            rows.sort();
            out.insert(table.to_string(), rows);
        }
        Ok(out)
    }

    /// The projections' tables, as the registry lists them.
    pub fn projection_tables(&self) -> Vec<&'static str> {
        projection::tables(self.backend()).collect()
    }

    /// The tables of the schema whose names start with `prefix` (without the backend's own
    /// auxiliary tables, such as an FTS5 table's shadow tables).
    pub async fn schema_tables(&self, prefix: &str) -> Result<Vec<String>> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, length(?)) = ?
                 AND sql NOT LIKE 'CREATE TABLE ''%' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND left(table_name::text, length(?)) = ? ORDER BY 1"
            }
        };
        let rows = self.query(sql, dialect::params![prefix, prefix]).await?;
        rows.iter().map(|r| r.text(0)).collect()
    }

    /// Runs a read and returns its rows (a statement of the [dialect layer](dialect)).
    pub(crate) async fn query(&self, sql: &str, params: Vec<dialect::Sql>) -> Result<Vec<dialect::Row>> {
        dispatch!(self, s => s.query(sql, params).await)
    }

    /// Runs writes outside the journal (credentials, tokens, refusals, files, imported
    /// reference data), in order, in one transaction; the rows changed.
    pub(crate) async fn write_all(&self, writes: Vec<dialect::Write>) -> Result<u64> {
        match self {
            Store::Sqlite(s) => s.write_all(writes).await,
            Store::Postgres(s) => s.write_all(writes).await,
        }
    }

    /// Runs writes outside the journal: one statement with `params`.
    pub(crate) async fn write(&self, sql: &'static str, params: Vec<dialect::Sql>) -> Result<u64> {
        self.write_all(vec![dialect::Write::once(sql, params)]).await
    }

    /// Runs a read and calls `each` with its rows as they come, without holding them all.
    pub(crate) async fn stream(&self, sql: &str, params: Vec<dialect::Sql>, each: dialect::RowSink) -> Result<()> {
        dispatch!(self, s => s.stream(sql, params, each).await)
    }

    /// [`Self::query`] for a point lookup: a few index probes (see `SqliteStore::lookup`).
    pub(crate) async fn lookup(&self, sql: &str, params: Vec<dialect::Sql>) -> Result<Vec<dialect::Row>> {
        match self {
            Store::Sqlite(s) => s.lookup_rows(sql, params).await,
            Store::Postgres(s) => s.query(sql, params).await,
        }
    }

    /// The `proj_event_count` projection: (kind, day, events), by kind and day.
    pub async fn event_counts(&self) -> Result<Vec<(String, String, i64)>> {
        log_projections::event_counts(self).await
    }

    /// The baseline of the append benchmark: the same event rows inserted in one transaction
    /// without the log (no commitment, no tiles, no projections). For a scratch database.
    pub async fn bench_insert_events_unlogged(&self, events: &[NewEvent]) -> Result<()> {
        let prepared = journal::prepare(events, chrono::Utc::now())?;
        dispatch!(self, s => s.insert_unlogged(prepared).await)
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

/// Signs a checkpoint at most `every` after the tree grows, in the background, until stopped.
pub struct Checkpointer {
    stop: tokio::sync::watch::Sender<bool>,
    handle: tokio::task::JoinHandle<()>,
    store: Store,
    signer: Signer,
}

impl Checkpointer {
    /// Starts the checkpointer. Failures to sign are retried at the next tick (and reported on
    /// stderr); they never stop appends.
    pub fn spawn(store: Store, signer: Signer, every: Duration) -> Checkpointer {
        let (stop, mut stopped) = tokio::sync::watch::channel(false);
        let (s, k) = (store.clone(), signer.clone());
        let handle = tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(every) => {
                        if let Err(e) = s.sign_checkpoint(&k).await {
                            eprintln!("checkpointer: {e}");
                        }
                    }
                    _ = stopped.changed() => break,
                }
            }
        });
        Checkpointer { stop, handle, store, signer }
    }

    /// Stops the background task and signs a final checkpoint covering everything appended.
    pub async fn stop(self) -> Result<Option<StoredCheckpoint>> {
        let _ = self.stop.send(true);
        let _ = self.handle.await;
        self.store.sign_checkpoint(&self.signer).await
    }
}
