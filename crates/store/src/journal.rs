//! The journal: the append-only record of every change, and the Merkle log over it.
//!
//! [`Store::append`](crate::Store::append) writes, in **one transaction**, the event rows, the
//! log's tiles and the projection updates, and returns a receipt (event id, leaf index) per
//! event. One sequencer assigns indexes: in-process a lock around the cached right [`Edge`]
//! of the tree, across processes the database (SQLite's single writer, a PostgreSQL advisory
//! lock), and the edge is reloaded whenever the stored tree size differs from the cached one.
//!
//! This module holds what both backends share: preparing events (id, record, salt,
//! commitment) outside the lock, the projection deltas, and the streaming audit behind
//! `ledger verify`.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rand::RngCore;
use shijian_core::event::{CheckpointCosigned, CosignatureAdded, NewEvent, Publicity, PublicityChanged, format_time};
use shijian_core::{Code, Error, Result};

use crate::credit::CreditEffect;
use crate::register::RegistryEffect;

/// Events of kinds starting with this are the register's.
pub(crate) const REGISTRY_PREFIX: &str = "registry.";
use shijian_ledger::commitment;
use shijian_ledger::hash::{Hash, leaf_hash};
use shijian_ledger::tile::{Edge, Tile};

/// What an append returns for each event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
    pub event_id: String,
    /// The leaf index of the event in the log.
    pub index: u64,
}

/// An event as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEvent {
    pub index: u64,
    pub id: String,
    pub kind: String,
    pub subject: Option<String>,
    pub occurred_at: String,
    pub recorded_at: String,
    /// The canonical JSON record.
    pub record: String,
    pub salt: [u8; 32],
    pub entry: Vec<u8>,
    /// The publicity in force: the event's own, or a later change.
    pub publicity: Publicity,
}

impl StoredEvent {
    /// Whether the public may see this record on `day`.
    pub fn is_public_on(&self, day: NaiveDate) -> bool {
        self.publicity.is_public_on(day)
    }
}

/// A signed checkpoint as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCheckpoint {
    pub size: u64,
    pub root: Hash,
    /// The signed note, verbatim.
    pub note: String,
    pub signed_at: String,
}

/// An event ready to be written: everything but its index, computed before the sequencer's
/// lock is taken.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub id: String,
    pub kind: String,
    pub subject: Option<String>,
    pub occurred_at: String,
    pub recorded_at: String,
    pub record: String,
    pub salt: [u8; 32],
    pub entry: [u8; commitment::ENTRY_LEN],
    pub leaf: Hash,
    pub restricted: bool,
    pub public_until: Option<String>,
    /// What the event does to each projection consuming its kind (none for kinds that are
    /// only counted).
    pub effects: Vec<Effect>,
}

/// What an event does to one projection that consumes its kind.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Effect {
    Publicity(PublicityChanged),
    Cosignature(CosignatureAdded),
    Witnessed(CheckpointCosigned),
    Registry(Box<RegistryEffect>),
    Credit(Box<CreditEffect>),
    Account(Box<crate::account::AccountEffect>),
    Inspection(Box<crate::inspection::InspectionEffect>),
    Complaint(Box<crate::complaint::ComplaintEffect>),
    Case(Box<shijian_core::case::CaseEvent>),
    /// An official holiday schedule imported: replaces the year in `calendar_year` and
    /// `calendar_day`.
    Calendar(Box<shijian_core::calendar::YearImported>),
}

/// Reads what an event of `kind` (with id `id`) does to each projection that declares it
/// consumes the kind ([`Projection::consumes`](crate::projection::Projection::consumes)),
/// in the order of the registry; empty for kinds that are only counted.
pub(crate) fn effects_of(id: &str, kind: &str, data: &serde_json::Value) -> Result<Vec<Effect>> {
    crate::projection::REGISTRY.iter().filter(|p| p.consumes(kind)).map(|p| p.effect(id, kind, data)).collect()
}

/// Parses an event's data into the type its fold reads.
pub(crate) fn parse_data<T: serde::de::DeserializeOwned>(data: &serde_json::Value) -> Result<T> {
    serde_json::from_value(data.clone())
        .map_err(|err| Error::new(Code::EventInvalid).with("field", "data").with("reason", err))
}

/// Checks and prepares events: a time-ordered id (UUIDv7), the canonical record, a fresh salt
/// from a cryptographic generator, the entry and its leaf hash.
pub(crate) fn prepare(events: &[NewEvent], now: DateTime<Utc>) -> Result<Vec<Prepared>> {
    // Large batches are prepared on two threads: building records and hashing them is the
    // CPU half of an append, and the database writes one batch at a time anyway.
    const PARALLEL_FROM: usize = 256;
    if events.len() >= PARALLEL_FROM {
        let (a, b) = events.split_at(events.len() / 2);
        let (first, second) = std::thread::scope(|s| {
            let h = s.spawn(|| prepare_run(a, now));
            let second = prepare_run(b, now);
            (h.join(), second)
        });
        let mut first =
            first.map_err(|_| Error::new(Code::Internal).with("reason", "a preparing thread panicked"))??;
        first.extend(second?);
        return Ok(first);
    }
    prepare_run(events, now)
}

fn prepare_run(events: &[NewEvent], now: DateTime<Utc>) -> Result<Vec<Prepared>> {
    let recorded_at = format_time(&now);
    let mut rng = rand::rng();
    events
        .iter()
        .map(|e| {
            let id = uuid::Uuid::now_v7().to_string();
            let record = e.record(&id)?;
            let effects = effects_of(&id, &e.kind, &e.data)?;
            let mut salt = [0u8; 32];
            rng.fill_bytes(&mut salt);
            let entry = commitment::entry(&salt, record.as_bytes());
            let (restricted, public_until) = match e.publicity {
                Publicity::Public { until } => (false, until.map(|d| d.to_string())),
                Publicity::Restricted => (true, None),
            };
            Ok(Prepared {
                id,
                kind: e.kind.clone(),
                subject: e.subject.clone(),
                occurred_at: format_time(&e.occurred_at),
                recorded_at: recorded_at.clone(),
                record,
                salt,
                leaf: leaf_hash(&entry),
                entry,
                restricted,
                public_until,
                effects,
            })
        })
        .collect()
}

/// What the projections gain from a run of events.
#[derive(Clone, Debug, Default)]
pub(crate) struct ProjectionDelta {
    /// `proj_event_count`: (kind, day) → events.
    pub counts: BTreeMap<(String, String), i64>,
    /// `proj_publicity`: (target event id, restricted, public_until, changed_by index).
    pub publicity: Vec<(String, bool, Option<String>, u64)>,
    /// `proj_cosignature`: (cosignature, event index).
    pub cosignatures: Vec<(CosignatureAdded, u64)>,
    /// `proj_witness`: (checkpoint cosigned, event index).
    pub witnessed: Vec<(CheckpointCosigned, u64)>,
    /// The register: (event index, subject, event), in log order.
    pub registry: Vec<(u64, Option<String>, RegistryEffect)>,
    /// The credit file: (event index, subject, event), in log order.
    pub credit: Vec<(u64, Option<String>, CreditEffect)>,
    /// Accounts: (event index, event), in log order.
    pub accounts: Vec<(u64, crate::account::AccountEffect)>,
    /// Random inspections: (event index, day, event), in log order.
    pub inspection: Vec<crate::inspection::Entry>,
    /// 12315: (event index, event), in log order.
    pub complaint: Vec<crate::complaint::Entry>,
    /// Enforcement: (event index, event), in log order.
    pub case: Vec<crate::case::Entry>,
    /// Holiday schedules imported with the time of their import, in log order (a later one
    /// of the same year wins).
    pub calendar: Vec<(String, shijian_core::calendar::YearImported)>,
}

/// The legal day (China Standard Time, [`shijian_core::calendar::legal_date`]) of an event's
/// time as recorded (RFC 3339): a plan drafted at 01:00 in Wuhan is drafted that day, not the
/// day before as the time's UTC date would say. A time that does not parse keeps its first ten
/// characters.
fn legal_day(occurred_at: &str) -> String {
    shijian_core::calendar::legal_day_text(occurred_at)
}

impl ProjectionDelta {
    /// Adds one event (at `index`) to the delta: counted, and handed to every projection
    /// that consumes its kind (one effect each).
    pub fn add(&mut self, index: u64, kind: &str, subject: Option<&str>, occurred_at: &str, effects: &[Effect]) {
        let day = legal_day(occurred_at);
        *self.counts.entry((kind.to_string(), day.clone())).or_default() += 1;
        for effect in effects {
            match effect {
                Effect::Publicity(c) => self.publicity.push((
                    c.event_id.clone(),
                    c.restricted,
                    c.public_until.map(|d| d.to_string()),
                    index,
                )),
                Effect::Cosignature(c) => self.cosignatures.push((c.clone(), index)),
                Effect::Witnessed(w) => self.witnessed.push((w.clone(), index)),
                Effect::Registry(r) => self.registry.push((index, subject.map(str::to_string), (**r).clone())),
                Effect::Credit(c) => self.credit.push((index, subject.map(str::to_string), (**c).clone())),
                Effect::Account(a) => self.accounts.push((index, (**a).clone())),
                Effect::Inspection(e) => self.inspection.push((index, day.clone(), (**e).clone())),
                Effect::Complaint(e) => self.complaint.push((index, (**e).clone())),
                Effect::Case(e) => self.case.push((index, (**e).clone())),
                Effect::Calendar(y) => self.calendar.push((occurred_at.to_string(), (**y).clone())),
            }
        }
    }

    /// The delta of prepared events starting at `first_index`.
    pub fn of_prepared(first_index: u64, events: &[Prepared]) -> ProjectionDelta {
        let mut d = ProjectionDelta::default();
        for (i, e) in events.iter().enumerate() {
            d.add(first_index + i as u64, &e.kind, e.subject.as_deref(), &e.occurred_at, &e.effects);
        }
        d
    }
}

/// Whether events of `kind` have an effect beyond counting (so replay must read the record):
/// whether a projection of the registry consumes them.
pub(crate) fn has_effect(kind: &str) -> bool {
    crate::projection::consumed(kind)
}

/// Reads the effects out of a stored record.
pub(crate) fn effects_of_record(kind: &str, record: &str) -> Result<Vec<Effect>> {
    let v: serde_json::Value =
        serde_json::from_str(record).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e))?;
    let id = v["id"].as_str().unwrap_or_default();
    effects_of(id, kind, &v["data"]).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e))
}

/// The publicity in force from the stored columns and an optional later change.
pub(crate) fn publicity_of(restricted: bool, public_until: Option<&str>) -> Result<Publicity> {
    if restricted {
        return Ok(Publicity::Restricted);
    }
    let until = public_until
        .map(|s| shijian_core::parse_date(s).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e)))
        .transpose()?;
    Ok(Publicity::Public { until })
}

pub(crate) fn salt_of(bytes: &[u8]) -> Result<[u8; 32]> {
    bytes.try_into().map_err(|_| Error::new(Code::DbIntegrity).with("reason", "salt is not 32 bytes"))
}

/// Rebuilds the edge of a tree of `size` from stored tiles (each possibly wider than the
/// edge needs: the prefix is taken).
pub(crate) fn edge_from_stored(size: u64, stored: &BTreeMap<(u8, u64), Vec<u8>>) -> Result<Edge> {
    let mut tiles = Vec::new();
    for t in Tile::edge_of_tree(size) {
        let data = stored
            .get(&(t.level, t.index))
            .ok_or_else(|| Error::new(Code::LogTampered).with("reason", format!("{} is missing", t.path())))?;
        let need = usize::from(t.width) * 32;
        let prefix = data.get(..need).ok_or_else(|| {
            Error::new(Code::LogTampered).with("reason", format!("{} is shorter than the tree needs", t.path()))
        })?;
        tiles.push((t, prefix.to_vec()));
    }
    Edge::from_tiles(size, &tiles).map_err(|e| Error::new(Code::LogTampered).with("reason", e))
}

/// The internal nodes stored beside a tile: only for full tiles, which are written once. A
/// partial tile is rewritten at every append, and proofs that touch it (recent entries) hash
/// its few subtrees instead.
pub(crate) fn stored_nodes(data: &[u8]) -> Option<Vec<u8>> {
    (data.len() == shijian_ledger::tile::WIDTH as usize * 32).then(|| shijian_ledger::tile::tile_nodes(data))
}

/// Maps a ledger error to the program's vocabulary.
pub(crate) fn ledger_err(e: shijian_ledger::Error) -> Error {
    Error::new(Code::LogTampered).with("reason", e)
}

/// The streaming audit behind `ledger verify`: fed every stored event in index order and the
/// stored tiles the recomputation produces, it recomputes every commitment, leaf and tile hash
/// and the root at every checkpointed size, and stops at the first difference.
pub(crate) struct Audit {
    edge: Edge,
    /// Checkpoint sizes still to reach, with their stored roots.
    checkpoints: BTreeMap<u64, Hash>,
    /// Tiles recomputed and not yet compared with storage.
    pub pending: BTreeMap<(u8, u64), Vec<u8>>,
    pub checkpoints_checked: usize,
}

/// A failed audit: the first bad index and why.
pub(crate) fn bad(index: u64, reason: impl std::fmt::Display) -> Error {
    Error::new(Code::LogVerifyFailed).with("index", index).with("reason", reason)
}

impl Audit {
    pub fn new(checkpoints: BTreeMap<u64, Hash>) -> Audit {
        Audit { edge: Edge::new(), checkpoints, pending: BTreeMap::new(), checkpoints_checked: 0 }
    }

    pub fn size(&self) -> u64 {
        self.edge.size()
    }

    /// Feeds a run of consecutive stored events: (index, record, salt, entry).
    pub fn feed(&mut self, events: &[(u64, String, Vec<u8>, Vec<u8>)]) -> Result<()> {
        let mut leaves = Vec::with_capacity(events.len());
        for (i, (index, record, salt, entry)) in events.iter().enumerate() {
            let expected_index = self.edge.size() + i as u64;
            if *index != expected_index {
                return Err(bad(expected_index, format!("index {expected_index} is missing (next stored is {index})")));
            }
            let salt: [u8; 32] = salt.as_slice().try_into().map_err(|_| bad(*index, "salt is not 32 bytes"))?;
            if commitment::entry(&salt, record.as_bytes()).as_slice() != entry.as_slice() {
                return Err(bad(*index, "the entry is not the commitment to the stored record"));
            }
            leaves.push(leaf_hash(entry));
        }
        // Feed up to each checkpointed size in turn, so its root can be compared.
        let mut at = 0usize;
        while at < leaves.len() {
            let size = self.edge.size();
            let next_cp = self.checkpoints.range(size + 1..).next().map(|(s, _)| *s);
            let end = match next_cp {
                Some(cp) if cp <= size + (leaves.len() - at) as u64 => (cp - size) as usize + at,
                _ => leaves.len(),
            };
            let writes = self.edge.append_all(leaves[at..end].iter().copied());
            self.pending.extend(writes.tiles);
            at = end;
            if let Some(root) = self.checkpoints.get(&self.edge.size()) {
                if *root != self.edge.root() {
                    return Err(bad(
                        self.edge.size() - 1,
                        format!("the checkpoint of size {} has a root the entries do not give", self.edge.size()),
                    ));
                }
                self.checkpoints_checked += 1;
            }
        }
        Ok(())
    }

    /// Compares recomputed tiles with the stored ones: full tiles must be equal, partial ones
    /// a prefix of what is stored. On a difference, names the first leaf under the first
    /// differing hash.
    pub fn compare(&mut self, stored: &crate::StoredTileMap) -> Result<()> {
        for ((level, index), ours) in std::mem::take(&mut self.pending) {
            let tile = Tile { level, index, width: (ours.len() / 32) as u16 };
            let Some((theirs, nodes)) = stored.get(&(level, index)) else {
                return Err(bad(tile.start(), format!("{} is missing", tile.path())));
            };
            let theirs = if tile.is_full() { theirs.as_slice() } else { theirs.get(..ours.len()).unwrap_or(theirs) };
            if theirs != ours.as_slice() {
                let pos = ours.chunks(32).zip(theirs.chunks(32)).position(|(a, b)| a != b).unwrap_or(0) as u64;
                let leaf = (index * 256 + pos).saturating_mul(1u64 << (8 * u32::from(level)));
                return Err(bad(leaf, format!("stored hash differs in {}", tile.path())));
            }
            // The stored internal nodes must be those of the stored hashes (proofs read them).
            if let Some(nodes) = nodes {
                let theirs = &stored[&(level, index)].0;
                let expected = shijian_ledger::tile::tile_nodes(theirs);
                if *nodes != expected {
                    let pos = nodes.chunks(32).zip(expected.chunks(32)).position(|(a, b)| a != b).unwrap_or(0);
                    return Err(bad(tile.start(), format!("stored internal node {pos} of {} is wrong", tile.path())));
                }
            }
        }
        Ok(())
    }

    /// The (level, index) keys of tiles waiting to be compared.
    pub fn pending_keys(&self) -> Vec<(u8, u64)> {
        self.pending.keys().copied().collect()
    }

    /// After the last event: every checkpoint must have been reached.
    pub fn finish(&self) -> Result<Hash> {
        if let Some((size, _)) = self.checkpoints.range(self.edge.size() + 1..).next() {
            return Err(bad(
                self.edge.size(),
                format!("a checkpoint of size {size} is beyond the {} stored entries", self.edge.size()),
            ));
        }
        Ok(self.edge.root())
    }
}

#[cfg(test)]
mod tests {
    use super::{Effect, ProjectionDelta, effects_of, has_effect, legal_day};
    use shijian_core::event::kinds;

    /// An event's day is its day in China Standard Time, also between 16:00 and 24:00 UTC.
    #[test]
    fn an_event_s_day_is_the_legal_day() {
        assert_eq!(legal_day("2026-12-07T16:05:00Z"), "2026-12-08");
        assert_eq!(legal_day("2026-12-07T15:59:59.123456Z"), "2026-12-07");
        assert_eq!(legal_day("2026-12-08T00:30:00+08:00"), "2026-12-08");
        assert_eq!(legal_day("2026-12-07"), "2026-12-07");
    }

    /// Declared kinds that no projection folds: they are only counted and kept in the journal
    /// (the corrections and the unpublished part of annual reports are read from the journal
    /// itself; the self-test has no effect at all).
    const NOT_FOLDED: &[&str] = &[
        "credit.annual_report_corrected",
        "credit.annual_report_unpublished_filed",
        "credit.annual_report_unpublished_corrected",
        "ledger.selftest",
    ];

    /// Every kind the store folds is declared in core's registry, and every declared kind is
    /// either folded or listed above: checked from the registry, not from a list kept here.
    #[test]
    fn the_store_folds_declared_kinds_only() {
        for k in kinds() {
            let folded = has_effect(k.kind);
            assert_eq!(folded, !NOT_FOLDED.contains(&k.kind), "{}", k.kind);
            if folded {
                // A folded kind is known to the fold: empty data is refused as data, never as
                // an unknown kind.
                match effects_of("e", k.kind, &serde_json::json!({})) {
                    Ok(effects) => assert!(!effects.is_empty(), "{}", k.kind),
                    Err(e) => assert_ne!(e.detail("field"), Some("kind"), "{}: {e}", k.kind),
                }
            }
        }
        for k in NOT_FOLDED {
            assert!(shijian_core::event::declared(k).is_some(), "{k}");
        }
        for context in ["registry", "credit", "inspection", "complaint", "access", "calendar", "journal", "ledger"] {
            let undeclared = format!("{context}.no_such_kind");
            assert!(shijian_core::event::declared(&undeclared).is_none());
            let folded = has_effect(&undeclared)
                && effects_of("e", &undeclared, &serde_json::json!({})).is_ok_and(|e| !e.is_empty());
            assert!(!folded, "{undeclared} is folded but not declared");
        }
    }

    /// A projection receives every event whose kind it declares, another module's included:
    /// the credit file declares it consumes `inspection.result_published`, so a published
    /// result reaches both the inspection tables and the entity's credit file, and only
    /// because of that declaration.
    #[test]
    fn a_projection_receives_the_kinds_of_other_modules_it_declares() {
        use crate::projection::{Projection, REGISTRY};
        use shijian_core::inspection::KIND_RESULT_PUBLISHED;
        let kind = KIND_RESULT_PUBLISHED;
        let consumers: Vec<Projection> = REGISTRY.iter().copied().filter(|p| p.consumes(kind)).collect();
        assert_eq!(consumers, [Projection::Credit, Projection::Inspection]);
        let data = serde_json::json!({
            "plan": "P-1", "target": "91420100MA4K000001", "inspected_on": "2026-03-02",
            "category": "no_problem", "published_on": "2026-03-10", "due": "2026-04-07",
        });
        let effects = effects_of("e", kind, &data).unwrap();
        assert!(matches!(effects.as_slice(), [Effect::Credit(_), Effect::Inspection(_)]), "{effects:?}");
        let mut delta = ProjectionDelta::default();
        delta.add(7, kind, Some("91420100MA4K000001"), "2026-03-10T00:00:00Z", &effects);
        assert_eq!(delta.credit.len(), 1);
        assert_eq!(delta.credit[0].0, 7);
        assert_eq!(delta.credit[0].2.kind, kind);
        assert_eq!(delta.inspection.len(), 1);
        // Every consumer of every declared kind gets the event, whatever its module.
        for k in shijian_core::event::kinds() {
            let n = REGISTRY.iter().filter(|p| p.consumes(k.kind)).count();
            if let Ok(effects) = effects_of("e", k.kind, &serde_json::json!({})) {
                assert_eq!(effects.len(), n, "{}", k.kind);
            }
        }
    }
}
