//! The projections of random inspections (`inspection.*` events): items, inspectors, plans,
//! tasks and who is on them. Both backends load the plans, tasks and inspectors a batch
//! touches, [`fold`] applies the events in log order with the pure `core` rules, and the
//! backend writes the result. An event that does not fold (a reveal that does not open its
//! commitment, a task for a plan not drawn) fails the whole append.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use shijian_core::inspection::plan::{DrawMade, PlanPublished, SeedCommitted, SeedRevealed};
use shijian_core::inspection::pool::{ConflictDeclared, InspectionObject, InspectorRecord, InspectorState};
use shijian_core::inspection::task::{ResultPublished, ResultRecorded, TaskAssigned};
use shijian_core::inspection::{self as insp, Item, PlanSpec, PlanState, PlanStatus, TaskState};
use shijian_core::{Code, Error, Result};

/// An inspection event on its way into the projections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum InspectionEffect {
    Item(Item),
    Object(InspectionObject),
    Inspector(InspectorRecord),
    Conflict(ConflictDeclared),
    Drafted(Box<PlanSpec>),
    Committed(SeedCommitted),
    Published(PlanPublished),
    Revealed(SeedRevealed),
    Drawn(DrawMade),
    Assigned(TaskAssigned),
    Recorded(ResultRecorded),
    ResultPublished(ResultPublished),
}

/// Whether events of `kind` fold here.
pub(crate) fn folds(kind: &str) -> bool {
    insp::is_kind(kind)
}

pub(crate) fn effect(kind: &str, data: &serde_json::Value) -> Result<InspectionEffect> {
    fn p<T: DeserializeOwned>(data: &serde_json::Value) -> Result<T> {
        serde_json::from_value(data.clone())
            .map_err(|e| Error::new(Code::EventInvalid).with("field", "data").with("reason", e))
    }
    Ok(match kind {
        insp::KIND_ITEM_DEFINED => {
            let item: Item = p(data)?;
            item.check()?;
            InspectionEffect::Item(item)
        }
        insp::KIND_OBJECT_REGISTERED => {
            let o: InspectionObject = p(data)?;
            o.check()?;
            InspectionEffect::Object(o)
        }
        insp::KIND_INSPECTOR_ENROLLED => {
            let r: InspectorRecord = p(data)?;
            r.check()?;
            InspectionEffect::Inspector(r)
        }
        insp::KIND_CONFLICT_DECLARED => InspectionEffect::Conflict(p(data)?),
        insp::KIND_PLAN_DRAFTED => InspectionEffect::Drafted(Box::new(p(data)?)),
        insp::KIND_SEED_COMMITTED => InspectionEffect::Committed(p(data)?),
        insp::KIND_PLAN_PUBLISHED => InspectionEffect::Published(p(data)?),
        insp::KIND_SEED_REVEALED => InspectionEffect::Revealed(p(data)?),
        insp::KIND_DRAW_MADE => InspectionEffect::Drawn(p(data)?),
        insp::KIND_TASK_ASSIGNED => InspectionEffect::Assigned(p(data)?),
        insp::KIND_RESULT_RECORDED => InspectionEffect::Recorded(p(data)?),
        insp::KIND_RESULT_PUBLISHED => InspectionEffect::ResultPublished(p(data)?),
        _ => return Err(Error::new(Code::EventInvalid).with("field", "kind").with("reason", kind)),
    })
}

/// One event of a batch: (index, day of the event, effect).
pub(crate) type Entry = (u64, String, InspectionEffect);

/// What a batch needs loaded.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    pub plans: Vec<String>,
    pub tasks: Vec<(String, String)>,
    pub inspectors: Vec<String>,
}

pub(crate) fn keys(events: &[Entry]) -> Keys {
    let mut k = Keys::default();
    for (_, _, e) in events {
        match e {
            InspectionEffect::Item(_) | InspectionEffect::Object(_) | InspectionEffect::Drafted(_) => {}
            InspectionEffect::Inspector(r) => k.inspectors.push(r.pseudonym.clone()),
            InspectionEffect::Conflict(c) => k.inspectors.push(c.pseudonym.clone()),
            InspectionEffect::Committed(c) => k.plans.push(c.plan.clone()),
            InspectionEffect::Published(p) => k.plans.push(p.plan.clone()),
            InspectionEffect::Revealed(r) => k.plans.push(r.plan.clone()),
            InspectionEffect::Drawn(d) => k.plans.push(d.plan.clone()),
            InspectionEffect::Assigned(a) => k.plans.push(a.plan.clone()),
            InspectionEffect::Recorded(r) => k.tasks.push((r.plan.clone(), r.target.clone())),
            InspectionEffect::ResultPublished(r) => {
                k.plans.push(r.plan.clone());
                k.tasks.push((r.plan.clone(), r.target.clone()));
            }
        }
    }
    for v in [&mut k.plans, &mut k.inspectors] {
        v.sort();
        v.dedup();
    }
    k.tasks.sort();
    k.tasks.dedup();
    k
}

/// What was loaded for a batch.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub plans: HashMap<String, PlanState>,
    pub tasks: HashMap<(String, String), TaskState>,
    pub inspectors: HashMap<String, InspectorState>,
    /// Plans the batch drafts must not exist yet: the ids among them that do.
    pub existing_plans: Vec<String>,
}

/// The rows to write.
#[derive(Debug, Default)]
pub(crate) struct Writes {
    pub items: Vec<(Item, u64)>,
    pub objects: Vec<(InspectionObject, u64)>,
    pub inspectors: Vec<(InspectorState, u64)>,
    pub plans: Vec<(PlanState, u64)>,
    /// Tasks new (`true`: inserted, so a second assignment of a target fails) or changed,
    /// with the (pseudonym, day) rows of their team to upsert.
    pub tasks: Vec<TaskWrite>,
}

/// A task to write: its state, the index of its last event, whether it is new, and the
/// (pseudonym, day) rows of its team.
pub(crate) type TaskWrite = (TaskState, u64, bool, Vec<(String, String)>);

/// The ids of the plans the batch drafts.
pub(crate) fn drafted(events: &[Entry]) -> Vec<String> {
    events
        .iter()
        .filter_map(|(_, _, e)| match e {
            InspectionEffect::Drafted(s) => Some(s.id.clone()),
            _ => None,
        })
        .collect()
}

/// Applies the batch to what was loaded.
pub(crate) fn fold(events: &[Entry], mut loaded: Loaded) -> Result<Writes> {
    let mut items: BTreeMap<String, (Item, u64)> = BTreeMap::new();
    let mut objects: BTreeMap<String, (InspectionObject, u64)> = BTreeMap::new();
    let mut plans: HashMap<String, u64> = HashMap::new();
    let mut inspectors: HashMap<String, u64> = HashMap::new();
    let mut tasks: HashMap<(String, String), (u64, &str)> = HashMap::new();
    let mut new_tasks: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    let unknown_plan = |id: &str| Error::new(Code::InspectionPlanUnknown).with("plan", id.to_string());
    for (index, day, e) in events {
        let index = *index;
        match e {
            InspectionEffect::Item(i) => {
                items.insert(i.code.clone(), (i.clone(), index));
            }
            InspectionEffect::Object(o) => {
                objects.insert(o.id.clone(), (o.clone(), index));
            }
            InspectionEffect::Inspector(r) => {
                let s = loaded
                    .inspectors
                    .entry(r.pseudonym.clone())
                    .or_insert_with(|| InspectorState { record: r.clone(), conflicts: Vec::new() });
                s.record = r.clone();
                inspectors.insert(r.pseudonym.clone(), index);
            }
            InspectionEffect::Conflict(c) => {
                insp::pool::check_target_id(&c.target)?;
                let s = loaded.inspectors.get_mut(&c.pseudonym).ok_or_else(|| {
                    Error::new(Code::InspectionField).with("field", "pseudonym").with("reason", c.pseudonym.clone())
                })?;
                if let Err(at) = s.conflicts.binary_search(&c.target) {
                    s.conflicts.insert(at, c.target.clone());
                }
                inspectors.insert(c.pseudonym.clone(), index);
            }
            InspectionEffect::Drafted(spec) => {
                if loaded.existing_plans.contains(&spec.id) || loaded.plans.contains_key(&spec.id) {
                    return Err(Error::new(Code::InspectionWorkflow)
                        .with("plan", spec.id.clone())
                        .with("status", "drafted")
                        .with("step", "draft"));
                }
                let on = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                    .map_err(|e| Error::new(Code::EventInvalid).with("field", "time").with("reason", e))?;
                loaded.plans.insert(spec.id.clone(), PlanState::drafted((**spec).clone(), on));
                plans.insert(spec.id.clone(), index);
            }
            InspectionEffect::Committed(c) => {
                loaded.plans.get_mut(&c.plan).ok_or_else(|| unknown_plan(&c.plan))?.commit(c)?;
                plans.insert(c.plan.clone(), index);
            }
            InspectionEffect::Published(p) => {
                loaded.plans.get_mut(&p.plan).ok_or_else(|| unknown_plan(&p.plan))?.publish(p, index)?;
                plans.insert(p.plan.clone(), index);
            }
            InspectionEffect::Revealed(r) => {
                loaded.plans.get_mut(&r.plan).ok_or_else(|| unknown_plan(&r.plan))?.reveal(r)?;
                plans.insert(r.plan.clone(), index);
            }
            InspectionEffect::Drawn(d) => {
                loaded.plans.get_mut(&d.plan).ok_or_else(|| unknown_plan(&d.plan))?.drawn(d)?;
                plans.insert(d.plan.clone(), index);
            }
            InspectionEffect::Assigned(a) => {
                let plan = loaded.plans.get_mut(&a.plan).ok_or_else(|| unknown_plan(&a.plan))?;
                // Tasks follow their draw, in rank order, as many as it drew.
                let drawn = plan.draw.as_ref().map_or(0, |d| d.drawn);
                if plan.status != PlanStatus::Drawn || u64::from(a.rank) != plan.tasks + 1 || plan.tasks >= drawn {
                    return Err(Error::new(Code::InspectionWorkflow)
                        .with("plan", a.plan.clone())
                        .with("status", plan.status.as_str())
                        .with("step", format!("assign rank {}", a.rank)));
                }
                insp::pool::check_target_id(&a.target)?;
                plan.tasks += 1;
                plans.insert(a.plan.clone(), index);
                let key = (a.plan.clone(), a.target.clone());
                if loaded.tasks.contains_key(&key) {
                    return Err(Error::new(Code::InspectionWorkflow)
                        .with("plan", a.plan.clone())
                        .with("status", "assigned")
                        .with("step", format!("assign {} again", a.target)));
                }
                loaded.tasks.insert(key.clone(), TaskState::new(a.clone()));
                new_tasks.insert(key.clone());
                tasks.insert(key, (index, day));
            }
            InspectionEffect::Recorded(r) => {
                let key = (r.plan.clone(), r.target.clone());
                loaded.tasks.get_mut(&key).ok_or_else(|| task_unknown(&key))?.record(r)?;
                tasks.insert(key, (index, day));
            }
            InspectionEffect::ResultPublished(p) => {
                let key = (p.plan.clone(), p.target.clone());
                loaded.tasks.get_mut(&key).ok_or_else(|| task_unknown(&key))?.publish(p)?;
                tasks.insert(key, (index, day));
                loaded.plans.get_mut(&p.plan).ok_or_else(|| unknown_plan(&p.plan))?.results += 1;
                plans.insert(p.plan.clone(), index);
            }
        }
    }
    let mut w =
        Writes { items: items.into_values().collect(), objects: objects.into_values().collect(), ..Writes::default() };
    for (id, seq) in plans {
        w.plans.push((loaded.plans.remove(&id).expect("folded plan"), seq));
    }
    w.plans.sort_by_key(|(_, s)| *s);
    for (p, seq) in inspectors {
        w.inspectors.push((loaded.inspectors.remove(&p).expect("folded inspector"), seq));
    }
    w.inspectors.sort_by_key(|(_, s)| *s);
    for (key, (seq, event_day)) in tasks {
        let t = loaded.tasks.remove(&key).expect("folded task");
        let day = match &t.recorded {
            Some(r) => r.inspected_on.to_string(),
            None => event_day.to_string(),
        };
        let team = t.assigned.inspectors.iter().map(|p| (p.clone(), day.clone())).collect();
        let new = new_tasks.contains(&key);
        w.tasks.push((t, seq, new, team));
    }
    w.tasks.sort_by_key(|(_, s, _, _)| *s);
    Ok(w)
}

fn task_unknown(key: &(String, String)) -> Error {
    Error::new(Code::InspectionTaskUnknown).with("plan", key.0.clone()).with("target", key.1.clone())
}

pub(crate) fn parse<T: DeserializeOwned>(what: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::new(Code::DbIntegrity).with("reason", format!("{what}: {e}")))
}

pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::new(Code::Internal).with("reason", e))
}

/// The size of a stored artifact's parts.
pub(crate) const ARTIFACT_PART: usize = 8 << 20;

/// An entity read for a target pool, as the register and the credit file hold it.
#[derive(Clone, Copy, Debug)]
pub struct PoolRowRef<'a> {
    pub uscc: &'a str,
    pub authority: &'a str,
    pub kind: &'a str,
    pub status: &'a str,
    pub industry: Option<&'a str>,
    /// The credit-risk class, if classified.
    pub class: Option<&'a str>,
}

// ----- persistence: the fold's loads and writes, and the reads -----

use crate::Store;
use crate::dialect::{Exec, Row, Sql, params};

/// Folds a batch's `inspection.*` events: loads the plans, tasks and inspectors they touch,
/// applies them in log order, writes the result. A plan drafted twice or a target assigned
/// twice fails.
pub(crate) async fn apply<E: Exec>(e: &E, events: &[Entry]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let keys = keys(events);
    let mut loaded = Loaded::default();
    let mut ids = keys.plans.clone();
    ids.extend(drafted(events));
    for r in e.query("SELECT id, state FROM proj_inspection_plan WHERE id = ANY(?)", params![ids]).await? {
        let id = r.text(0)?;
        if keys.plans.contains(&id) {
            loaded.plans.insert(id, parse("proj_inspection_plan", &r.text(1)?)?);
        } else {
            loaded.existing_plans.push(id);
        }
    }
    if !keys.tasks.is_empty() {
        // The plans' tasks among the targets named, then exactly the pairs wanted.
        let wanted: std::collections::HashSet<&(String, String)> = keys.tasks.iter().collect();
        let mut plans: Vec<&str> = keys.tasks.iter().map(|k| k.0.as_str()).collect();
        let mut targets: Vec<&str> = keys.tasks.iter().map(|k| k.1.as_str()).collect();
        plans.sort_unstable();
        plans.dedup();
        targets.sort_unstable();
        targets.dedup();
        for r in e
            .query(
                "SELECT plan, target, state FROM proj_inspection_task WHERE plan = ANY(?) AND target = ANY(?)",
                params![plans, targets],
            )
            .await?
        {
            let key = (r.text(0)?, r.text(1)?);
            if wanted.contains(&key) {
                loaded.tasks.insert(key, parse("proj_inspection_task", &r.text(2)?)?);
            }
        }
    }
    if !keys.inspectors.is_empty() {
        for r in e
            .query("SELECT pseudonym, state FROM proj_inspector WHERE pseudonym = ANY(?)", params![keys.inspectors])
            .await?
        {
            loaded.inspectors.insert(r.text(0)?, parse("proj_inspector", &r.text(1)?)?);
        }
    }
    let w = fold(events, loaded)?;
    let rows = w.items.iter().map(|(i, seq)| Ok(params![&i.code, to_json(i)?, *seq])).collect::<Result<Vec<_>>>()?;
    e.execute_many(
        "INSERT INTO proj_inspection_item (code, state, seq) VALUES (?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET state = excluded.state, seq = excluded.seq",
        &rows,
    )
    .await?;
    let rows = w
        .objects
        .iter()
        .map(|(o, seq)| Ok(params![&o.id, o.kind.as_str(), o.office.to_string(), o.active, to_json(o)?, *seq]))
        .collect::<Result<Vec<_>>>()?;
    e.execute_many(
        "INSERT INTO proj_inspection_object (id, kind, office, active, state, seq) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, office = excluded.office,
             active = excluded.active, state = excluded.state, seq = excluded.seq",
        &rows,
    )
    .await?;
    let rows = w
        .inspectors
        .iter()
        .map(|(i, seq)| {
            let r = &i.record;
            Ok(params![&r.pseudonym, r.office.to_string(), r.available, to_json(i)?, *seq])
        })
        .collect::<Result<Vec<_>>>()?;
    e.execute_many(
        "INSERT INTO proj_inspector (pseudonym, office, available, state, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (pseudonym) DO UPDATE SET office = excluded.office, available = excluded.available,
             state = excluded.state, seq = excluded.seq",
        &rows,
    )
    .await?;
    let rows = w
        .plans
        .iter()
        .map(|(p, seq)| Ok(params![&p.spec.id, p.spec.office.to_string(), p.status.as_str(), to_json(p)?, *seq]))
        .collect::<Result<Vec<_>>>()?;
    e.execute_many(
        "INSERT INTO proj_inspection_plan (id, office, status, state, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, seq = excluded.seq",
        &rows,
    )
    .await?;
    let mut new: Vec<Vec<Sql>> = Vec::new();
    let mut changed: Vec<Vec<Sql>> = Vec::new();
    let mut team: Vec<Vec<Sql>> = Vec::new();
    for (t, seq, is_new, members) in &w.tasks {
        let a = &t.assigned;
        let json = to_json(t)?;
        if *is_new {
            new.push(params![&a.plan, &a.target, a.rank, t.status.as_str(), json, *seq]);
        } else {
            changed.push(params![t.status.as_str(), json, *seq, &a.plan, &a.target]);
        }
        team.extend(members.iter().map(|(p, day)| params![p, &a.plan, &a.target, day]));
    }
    // A target assigned twice in one plan is refused: its second row is not inserted.
    let inserted = e
        .execute_rows(
            "INSERT INTO proj_inspection_task (plan, target, rank, status, state, seq)
             SELECT * FROM UNNEST(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[]) WHERE true
             ON CONFLICT (plan, target) DO NOTHING",
            &new,
        )
        .await?;
    if inserted != new.len() as u64 {
        let first = w.tasks.iter().find(|t| t.2).map(|t| &t.0.assigned);
        return Err(Error::new(Code::InspectionWorkflow)
            .with("plan", first.map(|a| a.plan.clone()).unwrap_or_default())
            .with("status", "assigned")
            .with("step", "assign a target again"));
    }
    e.execute_many(
        "UPDATE proj_inspection_task SET status = ?, state = ?, seq = ? WHERE plan = ? AND target = ?",
        &changed,
    )
    .await?;
    e.execute_many(
        "INSERT INTO proj_inspection_assignee (pseudonym, plan, target, day) VALUES (?, ?, ?, ?)
         ON CONFLICT (pseudonym, plan, target) DO UPDATE SET day = excluded.day",
        &team,
    )
    .await?;
    Ok(())
}

async fn states<T: DeserializeOwned>(store: &Store, what: &str, sql: &str, params: Vec<Sql>) -> Result<Vec<T>> {
    store.query(sql, params).await?.iter().map(|r| parse(what, &r.text(0)?)).collect()
}

async fn state<T: DeserializeOwned>(store: &Store, what: &str, sql: &str, params: Vec<Sql>) -> Result<Option<T>> {
    store.lookup(sql, params).await?.first().map(|r| parse(what, &r.text(0)?)).transpose()
}

fn texts(rows: Vec<Row>) -> Result<Vec<String>> {
    rows.iter().map(|r| r.text(0)).collect()
}

pub(crate) async fn items(store: &Store) -> Result<Vec<Item>> {
    states(store, "proj_inspection_item", "SELECT state FROM proj_inspection_item ORDER BY code", Vec::new()).await
}

pub(crate) async fn objects(store: &Store, kind: &str, range: (String, String)) -> Result<Vec<InspectionObject>> {
    states(
        store,
        "proj_inspection_object",
        "SELECT state FROM proj_inspection_object WHERE kind = ? AND office BETWEEN ? AND ? AND active = 1 ORDER BY id",
        params![kind, range.0, range.1],
    )
    .await
}

pub(crate) async fn inspectors(store: &Store, range: (String, String)) -> Result<Vec<InspectorState>> {
    states(
        store,
        "proj_inspector",
        "SELECT state FROM proj_inspector WHERE office BETWEEN ? AND ? ORDER BY pseudonym",
        params![range.0, range.1],
    )
    .await
}

pub(crate) async fn plan(store: &Store, id: &str) -> Result<Option<PlanState>> {
    state(store, "proj_inspection_plan", "SELECT state FROM proj_inspection_plan WHERE id = ?", params![id]).await
}

pub(crate) async fn plans(
    store: &Store,
    range: (String, String),
    before: Option<&str>,
    limit: usize,
) -> Result<Vec<PlanState>> {
    states(
        store,
        "proj_inspection_plan",
        "SELECT state FROM proj_inspection_plan
         WHERE office BETWEEN ? AND ? AND (CAST(? AS TEXT) IS NULL OR id < ?)
         ORDER BY id DESC LIMIT ?",
        params![range.0, range.1, before, before, limit as u64],
    )
    .await
}

pub(crate) async fn plan_ids(store: &Store, prefix: &str) -> Result<Vec<String>> {
    texts(
        store
            .query(
                "SELECT id FROM proj_inspection_plan WHERE substr(id, 1, length(?)) = ? ORDER BY id",
                params![prefix, prefix],
            )
            .await?,
    )
}

pub(crate) async fn drawn_plan_ids(store: &Store) -> Result<Vec<String>> {
    texts(store.query("SELECT id FROM proj_inspection_plan WHERE status = 'drawn' ORDER BY id", Vec::new()).await?)
}

pub(crate) async fn tasks(store: &Store, plan: &str, after_rank: u32, limit: usize) -> Result<Vec<TaskState>> {
    states(
        store,
        "proj_inspection_task",
        "SELECT state FROM proj_inspection_task WHERE plan = ? AND rank > ? ORDER BY rank LIMIT ?",
        params![plan, after_rank, limit as u64],
    )
    .await
}

pub(crate) async fn task(store: &Store, plan: &str, target: &str) -> Result<Option<TaskState>> {
    state(
        store,
        "proj_inspection_task",
        "SELECT state FROM proj_inspection_task WHERE plan = ? AND target = ?",
        params![plan, target],
    )
    .await
}

pub(crate) async fn tasks_of_inspector(store: &Store, pseudonym: &str, limit: usize) -> Result<Vec<TaskState>> {
    states(
        store,
        "proj_inspection_task",
        "SELECT t.state FROM proj_inspection_assignee a
         JOIN proj_inspection_task t ON t.plan = a.plan AND t.target = a.target
         WHERE a.pseudonym = ? ORDER BY a.day DESC, a.plan DESC, t.rank LIMIT ?",
        params![pseudonym, limit as u64],
    )
    .await
}

pub(crate) async fn tasks_of_target(store: &Store, target: &str) -> Result<Vec<TaskState>> {
    let rows = store
        .lookup("SELECT state FROM proj_inspection_task WHERE target = ? ORDER BY plan DESC", params![target])
        .await?;
    rows.iter().map(|r| parse("proj_inspection_task", &r.text(0)?)).collect()
}

pub(crate) async fn recent_assignments(store: &Store, since: &str) -> Result<Vec<(String, String)>> {
    let rows =
        store.query("SELECT pseudonym, target FROM proj_inspection_assignee WHERE day >= ?", params![since]).await?;
    rows.iter().map(|r| Ok((r.text(0)?, r.text(1)?))).collect()
}

// ----- artifacts: files beside the journal, written once -----

/// Stores a file's parts under its hash (a file stored already changes nothing).
pub(crate) async fn put_artifact(store: &Store, hash: [u8; 32], bytes: &[u8]) -> Result<()> {
    let rows = bytes.chunks(ARTIFACT_PART).enumerate().map(|(i, part)| params![hash.to_vec(), i as i64, part.to_vec()]);
    store
        .write_all(vec![crate::dialect::Write(
            "INSERT INTO artifact (hash, part, bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            rows.collect(),
        )])
        .await?;
    Ok(())
}

/// A stored file, its parts in order.
pub(crate) async fn artifact(store: &Store, hash: [u8; 32]) -> Result<Option<Vec<u8>>> {
    let rows = store.query("SELECT bytes FROM artifact WHERE hash = ? ORDER BY part", params![hash.to_vec()]).await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for r in &rows {
        out.extend_from_slice(&r.blob(0)?);
    }
    Ok(Some(out))
}

/// Whether a file is stored.
pub(crate) async fn artifact_exists(store: &Store, hash: [u8; 32]) -> Result<bool> {
    let rows = store.query("SELECT 1 FROM artifact WHERE hash = ? AND part = 0", params![hash.to_vec()]).await?;
    Ok(!rows.is_empty())
}
