//! Random inspections (双随机、一公开): the item list, the inspector pool, plans, the verifiable
//! draw, tasks and results. The rules and the draw are `shijian_core::inspection`; here the
//! pools are read from the register and the credit file, the pool file is stored beside the
//! journal, and every step is appended as an event.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;
use shijian_core::event::{Actor, EventData, NewEvent, Publicity, Role};
use shijian_core::inspection::draw::{AssignRules, DrawOutcome, OutcomeTask};
use shijian_core::inspection::plan::{DrawMade, PlanPublished, SeedCommitted, SeedRevealed};
use shijian_core::inspection::pool::{ConflictDeclared, InspectionObject, Inspector, InspectorRecord, Target};
use shijian_core::inspection::task::{self, ResultCategory, ResultPublished, ResultRecorded, TaskAssigned};
use shijian_core::inspection::{
    self as insp, Item, PlanSpec, PlanState, PlanStatus, Pool, Stratum, TargetKind, TaskState, TaskStatus, hex, items,
    seed,
};
use shijian_core::registry::{EntityKind, Status};
use shijian_core::{Code, DivisionCode, Error, Result};
use shijian_store::{Appended, Expect, Store};

use crate::access::{Action, Subject, authorize};
use crate::lists::{MAX_PAGE, Page};

/// Random inspections, for one caller.
pub struct Inspections<'a> {
    pub store: &'a Store,
}

fn event(
    actor: &Actor,
    data: &impl EventData,
    subject: Option<&str>,
    at: DateTime<Utc>,
    publicity: Publicity,
) -> Result<NewEvent> {
    Ok(NewEvent::of(data, subject, actor, at)?.with_publicity(publicity))
}

const PUBLIC: Publicity = Publicity::Public { until: None };

/// The credit code a target id names (`<code>` or `<code>/<local id>`).
pub fn target_entity(target: &str) -> &str {
    target.split_once('/').map_or(target, |(c, _)| c)
}

/// The item list in force: the shipped items with the administrators' additions and changes.
pub async fn item_list(store: &Store) -> Result<Vec<Item>> {
    let mut list = items::builtin();
    for item in store.inspection_items().await? {
        match list.iter_mut().find(|i| i.code == item.code) {
            Some(slot) => *slot = item,
            None => list.push(item),
        }
    }
    Ok(list)
}

/// How a plan's draw verifies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// Everything recomputed from the record matches; the number of tasks.
    Match { tasks: u64 },
    /// The first difference found.
    Differs(String),
}

/// What `publish` produced, for the caller (a planner) to show.
#[derive(Clone, Debug, Serialize)]
pub struct Published {
    pub plan: PlanState,
    /// The pool file's canonical text size in bytes.
    pub pool_bytes: usize,
    /// Targets per stratum: for the planner only, never in the public record
    /// ([`PlanPublished`]).
    pub strata: BTreeMap<Stratum, u64>,
}

impl<'a> Inspections<'a> {
    pub fn new(store: &'a Store) -> Inspections<'a> {
        Inspections { store }
    }

    async fn append(&self, events: &[NewEvent]) -> Result<Vec<Appended>> {
        self.store.append(events).await
    }

    /// Adds or changes an item of the list (administrators).
    pub async fn define_item(&self, actor: &Actor, item: Item, at: DateTime<Utc>) -> Result<Appended> {
        // The list is the province's (one list for the province, 一单).
        authorize(actor, Action::DefineItem, None)?;
        item.check()?;
        let e = event(actor, &item, None, at, PUBLIC)?;
        Ok(self.append(&[e]).await?.remove(0))
    }

    /// Puts a member of staff into the inspector pool, or changes their record (administrators
    /// inside their jurisdiction). The record names the account by its username; the account
    /// must exist, be staff, and belong to the office. The pool (and so the draw, the tasks and
    /// their events) knows the inspector by the account's opaque pseudonym, which replaces the
    /// username in the recorded record.
    pub async fn enroll(&self, actor: &Actor, mut record: InspectorRecord, at: DateTime<Utc>) -> Result<Appended> {
        authorize(actor, Action::ManageInspection, Some(record.office))?;
        record.check()?;
        let account = self
            .store
            .account(&record.pseudonym)
            .await?
            .ok_or_else(|| Error::new(Code::AccountUnknown).with("username", &record.pseudonym))?;
        let pseudonym = account.actor().pseudonym.filter(|_| shijian_core::account::has_pseudonym(account.role));
        match pseudonym {
            Some(p) if account.office == Some(record.office) => record.pseudonym = p,
            _ => {
                return Err(Error::new(Code::InspectionField)
                    .with("field", "pseudonym")
                    .with("reason", "a staff account of that office"));
            }
        }
        let e = event(actor, &record, None, at, Publicity::Restricted)?;
        Ok(self.append(&[e]).await?.remove(0))
    }

    /// An inspector declares a conflict of interest with a target (执法人员回避).
    /// Inside the inspector's jurisdiction: the target's registering office (the division in
    /// its credit code) lies inside the inspector's office.
    pub async fn declare_conflict(
        &self,
        actor: &Actor,
        target: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        insp::pool::check_target_id(target)?;
        let office = shijian_core::Uscc::parse(target_entity(target))?.division();
        authorize(actor, Action::Inspect, office)?;
        let pseudonym = crate::access::pseudonym(actor, Action::Inspect)?;
        if reason.trim().is_empty() {
            return Err(Error::new(Code::InspectionField).with("field", "reason").with("reason", "empty"));
        }
        let c = ConflictDeclared { pseudonym, target: target.to_string(), reason: reason.trim().to_string() };
        let e = event(actor, &c, None, at, Publicity::Restricted)?;
        Ok(self.append(&[e]).await?.remove(0))
    }

    /// Drafts a plan (credit officers, administrators inside their jurisdiction). The id is
    /// assigned here: `<year>-<office>-<n>`. The seed parties are named by their usernames;
    /// the plan (a public event) records their opaque pseudonyms instead.
    pub async fn draft(&self, actor: &Actor, mut spec: PlanSpec, at: DateTime<Utc>) -> Result<PlanState> {
        authorize(actor, Action::Plan, Some(spec.office))?;
        for d in &spec.scope.divisions {
            authorize(actor, Action::Plan, Some(*d))?;
        }
        let prefix = format!("{}-{}-", chrono::Datelike::year(&spec.starts_on), spec.office);
        let n = self.store.inspection_plan_ids(&prefix).await?.len() + 1;
        spec.id = format!("{prefix}{n:04}");
        let list = item_list(self.store).await?;
        spec.check(&list)?;
        // Every limit known at the draft is checked at the draft: the caps over the pool as
        // it is now (publication checks them again over the pool it fixes, which may differ).
        let items = spec.items_of(&list)?;
        let targets = match items[0].target {
            TargetKind::Entity => self.entity_targets(&spec, &items).await?,
            kind => self.object_targets(&spec, &items, kind).await?,
        };
        let mut counts: BTreeMap<Stratum, u64> = BTreeMap::new();
        for t in &targets {
            *counts.entry(t.stratum).or_default() += 1;
        }
        spec.check_caps(&list, &counts)?;
        let mut parties = Vec::with_capacity(spec.parties.len());
        for party in &spec.parties {
            let account = self
                .store
                .account(party)
                .await?
                .ok_or_else(|| Error::new(Code::AccountUnknown).with("username", party))?;
            let pseudonym = account.actor().pseudonym;
            match pseudonym {
                Some(p) if matches!(account.role, Role::Supervisor | Role::Auditor) && !account.disabled => {
                    parties.push(p)
                }
                _ => {
                    return Err(Error::new(Code::InspectionField)
                        .with("field", "parties")
                        .with("reason", format!("{party}: a supervisor or auditor account")));
                }
            }
        }
        spec.parties = parties;
        let e = event(actor, &spec, None, at, PUBLIC)?;
        self.append(&[e]).await?;
        self.plan(&spec.id).await
    }

    /// A plan (public): totals only, never counts per credit class ([`PlanState::public`]).
    pub async fn plan(&self, id: &str) -> Result<PlanState> {
        self.store
            .inspection_plan(id)
            .await?
            .map(PlanState::public)
            .ok_or_else(|| Error::new(Code::InspectionPlanUnknown).with("plan", id.to_string()))
    }

    /// A published plan's targets per stratum (credit class), recomputed from its stored pool
    /// file and checked against the published hash. Restricted like the classes themselves
    /// (国市监信发〔2022〕6号 [M: classification results are internal]): the planning office's
    /// planners (credit officers, administrators) and auditors inside its jurisdiction.
    pub async fn strata(&self, actor: &Actor, plan: &str) -> Result<BTreeMap<Stratum, u64>> {
        let state = self.plan(plan).await?;
        authorize(actor, Action::ReadStrata, Some(state.spec.office))?;
        Ok(self.pool(&state).await?.strata())
    }

    /// Plans of offices inside `division`, newest first (public).
    pub async fn plans(
        &self,
        division: Option<DivisionCode>,
        before: Option<&str>,
        limit: usize,
    ) -> Result<Page<PlanState>> {
        let limit = limit.clamp(1, MAX_PAGE);
        let items: Vec<PlanState> =
            self.store.inspection_plans(division, before, limit).await?.into_iter().map(PlanState::public).collect();
        let next = if items.len() == limit { items.last().map(|p| p.spec.id.clone()) } else { None };
        Ok(Page { items, next })
    }

    fn party_of(actor: &Actor, plan: &PlanState) -> Result<String> {
        let party = actor.pseudonym.clone().unwrap_or_default();
        if plan.spec.parties.contains(&party) && matches!(actor.role, Role::Supervisor | Role::Auditor) {
            Ok(party)
        } else {
            Err(Error::new(Code::InspectionNotParty).with("plan", plan.spec.id.clone()).with("party", party))
        }
    }

    /// A seed party commits to its secret: `commitment` is the hex of
    /// [`seed::party_commitment`], computed where the secret was made.
    pub async fn commit(&self, actor: &Actor, plan: &str, commitment: &str, at: DateTime<Utc>) -> Result<PlanState> {
        let state = self.plan(plan).await?;
        let party = Self::party_of(actor, &state)?;
        insp::parse_hex32("commitment", commitment)?;
        let c = SeedCommitted { plan: plan.to_string(), party, commitment: commitment.to_ascii_lowercase() };
        let e = event(actor, &c, None, at, PUBLIC)?;
        self.append(&[e]).await?;
        self.plan(plan).await
    }

    /// Builds the plan's pools from the register, the credit file and the inspector pool as
    /// they are now.
    pub async fn build_pool(&self, state: &PlanState, today: NaiveDate) -> Result<Pool> {
        let spec = &state.spec;
        let list = item_list(self.store).await?;
        let items = spec.items_of(&list)?;
        let targets = match items[0].target {
            TargetKind::Entity => self.entity_targets(spec, &items).await?,
            kind => self.object_targets(spec, &items, kind).await?,
        };
        let departments = spec.departments(&list)?;
        let since = today.checked_sub_days(Days::new(u64::from(spec.recent_days))).unwrap_or(today);
        let mut recent: HashMap<String, Vec<String>> = HashMap::new();
        for (p, t) in self.store.recent_assignments(since).await? {
            recent.entry(p).or_default().push(t);
        }
        let mut inspectors = Vec::new();
        for s in self.store.inspectors(Some(spec.office)).await? {
            let r = s.record;
            if !r.available || !departments.contains(&r.department) {
                continue;
            }
            let mut excluded = s.conflicts;
            excluded.extend(recent.remove(&r.pseudonym).unwrap_or_default());
            inspectors.push(Inspector {
                pseudonym: r.pseudonym,
                office: r.office,
                department: r.department,
                certified: r.certified,
                excluded,
            });
        }
        let mut pool = Pool::new(&spec.id, targets, inspectors)?;
        // Keep only the exclusions that concern targets of this pool.
        let ids: Vec<&str> = pool.targets.iter().map(|t| t.id.as_str()).collect();
        let keep: Vec<Vec<String>> = pool
            .inspectors
            .iter()
            .map(|i| {
                i.excluded
                    .iter()
                    .filter(|x| ids.binary_search_by(|id| id.as_bytes().cmp(x.as_bytes())).is_ok())
                    .cloned()
                    .collect()
            })
            .collect();
        for (i, k) in pool.inspectors.iter_mut().zip(keep) {
            i.excluded = k;
        }
        Ok(pool)
    }

    /// The entities of the register in the plan's scope that its items apply to
    /// ([`PlanSpec::admits`]), with their credit classes.
    async fn entity_targets(&self, spec: &PlanSpec, items: &[&Item]) -> Result<Vec<Target>> {
        let targets = Arc::new(Mutex::new(Vec::new()));
        let sink = targets.clone();
        let spec = spec.clone();
        let items: Vec<Item> = items.iter().map(|i| (*i).clone()).collect();
        let mut offices: HashMap<String, DivisionCode> = HashMap::new();
        self.store
            .pool_rows(
                Some(spec.office),
                Box::new(move |r| {
                    let Ok(kind) = EntityKind::parse(r.kind) else { return };
                    let Some(status) = Status::ALL.iter().copied().find(|s| s.as_str() == r.status) else { return };
                    let office = match offices.get(r.authority) {
                        Some(o) => *o,
                        None => match DivisionCode::parse(r.authority) {
                            Ok(o) => *offices.entry(r.authority.to_string()).or_insert(o),
                            Err(_) => return,
                        },
                    };
                    if spec.admits(&items, office, kind, status, r.industry) {
                        let t = Target { id: r.uscc.to_string(), stratum: Stratum::of_class(r.class), office };
                        sink.lock().expect("pool sink").push(t);
                    }
                }),
            )
            .await?;
        Ok(std::mem::take(&mut *targets.lock().expect("pool sink")))
    }

    /// The registered products or premises in the plan's scope; each takes the credit class of
    /// its responsible entity, and the scope's kinds and statuses are the entity's.
    async fn object_targets(&self, spec: &PlanSpec, items: &[&Item], kind: TargetKind) -> Result<Vec<Target>> {
        let objects = self.store.inspection_objects(kind, Some(spec.office)).await?;
        let mut entities: HashMap<String, Option<(EntityKind, Status)>> = HashMap::new();
        for o in &objects {
            if !entities.contains_key(o.entity()) {
                let state = self.store.entity(o.entity()).await?.map(|r| (r.state.entity.kind, r.state.status));
                entities.insert(o.entity().to_string(), state);
            }
        }
        let codes: Vec<String> = entities.keys().cloned().collect();
        let mut classes: HashMap<String, Option<&'static str>> = HashMap::new();
        for chunk in codes.chunks(1_000) {
            for (code, file) in self.store.credit_files(chunk).await? {
                classes.insert(code, file.class.as_ref().map(|c| c.class.as_str()));
            }
        }
        Ok(objects
            .into_iter()
            .filter_map(|o| {
                let (kind, status) = entities.get(o.entity()).copied().flatten()?;
                spec.admits(items.iter().copied(), o.office, kind, status, o.industry.as_deref()).then(|| Target {
                    stratum: Stratum::of_class(classes.get(o.entity()).copied().flatten()),
                    office: o.office,
                    id: o.id,
                })
            })
            .collect())
    }

    /// Registers products or premises for pools (administrators inside each one's division):
    /// the responsible entity must be on the register. One append for the batch.
    pub async fn register_objects(&self, actor: &Actor, objects: &[InspectionObject], at: DateTime<Utc>) -> Result<()> {
        let mut events = Vec::with_capacity(objects.len());
        for o in objects {
            authorize(actor, Action::ManageInspection, Some(o.office))?;
            o.check()?;
            if self.store.entity(o.entity()).await?.is_none() {
                return Err(Error::new(Code::RegistryUnknownEntity).with("uscc", o.entity().to_string()));
            }
            events.push(event(actor, o, Some(o.entity()), at, PUBLIC)?);
        }
        self.append(&events).await?;
        Ok(())
    }

    /// Publishes a drafted plan once every party has committed: fixes the pools, stores the
    /// pool file, and records its hash.
    pub async fn publish(&self, actor: &Actor, plan: &str, today: NaiveDate, at: DateTime<Utc>) -> Result<Published> {
        let state = self.plan(plan).await?;
        authorize(actor, Action::Plan, Some(state.spec.office))?;
        if state.status != PlanStatus::Drafted || !state.all_committed() {
            return Err(Error::new(Code::InspectionWorkflow)
                .with("plan", plan.to_string())
                .with("status", state.status.as_str())
                .with("step", "publish (every party commits first)"));
        }
        let pool = self.build_pool(&state, today).await?;
        let list = item_list(self.store).await?;
        let strata = pool.strata();
        let quota = state.spec.quota(&list, &strata)?;
        let text = pool.canonical().into_bytes();
        let pool_bytes = text.len();
        let hash = self.store.put_artifact(text).await?;
        // Totals only: the counts per class stay with the restricted pool file.
        let p = PlanPublished {
            plan: plan.to_string(),
            pool_hash: hex(&hash),
            targets: pool.targets.len() as u64,
            strata: BTreeMap::new(),
            inspectors: pool.inspectors.len() as u64,
            quota,
            published_on: today,
        };
        let e = event(actor, &p, None, at, PUBLIC)?;
        self.append(&[e]).await?;
        Ok(Published { plan: self.plan(plan).await?, pool_bytes, strata })
    }

    /// The checkpoint that seeds a published plan's draw: the first signed after publication.
    async fn beacon(&self, state: &PlanState) -> Result<shijian_store::StoredCheckpoint> {
        let index = state.published_index.ok_or_else(|| {
            Error::new(Code::InspectionWorkflow)
                .with("plan", state.spec.id.clone())
                .with("status", state.status.as_str())
                .with("step", "seed")
        })?;
        self.store
            .first_checkpoint_after(index)
            .await?
            .ok_or_else(|| Error::new(Code::InspectionNoCheckpoint).with("plan", state.spec.id.clone()))
    }

    /// A seed party reveals its secret (hex), once the checkpoint after publication is signed.
    pub async fn reveal(&self, actor: &Actor, plan: &str, secret: &str, at: DateTime<Utc>) -> Result<PlanState> {
        let state = self.plan(plan).await?;
        let party = Self::party_of(actor, &state)?;
        let cp = self.beacon(&state).await?;
        let r = SeedRevealed {
            plan: plan.to_string(),
            party,
            secret: secret.trim().to_ascii_lowercase(),
            after_checkpoint: cp.size,
        };
        let e = event(actor, &r, None, at, PUBLIC)?;
        self.append(&[e]).await?;
        self.plan(plan).await
    }

    /// Reads a plan's pool file back and checks it against the published hash.
    pub async fn pool(&self, state: &PlanState) -> Result<Pool> {
        let published = state.published.as_ref().ok_or_else(|| {
            Error::new(Code::InspectionWorkflow)
                .with("plan", state.spec.id.clone())
                .with("status", state.status.as_str())
                .with("step", "read the pool")
        })?;
        let hash = insp::parse_hex32("pool_hash", &published.pool_hash)?;
        let bytes = self.store.artifact(hash).await?.ok_or_else(|| {
            Error::new(Code::InspectionPool).with("line", 0).with("reason", "the pool file is missing")
        })?;
        if Pool::hash_of(&bytes) != hash {
            return Err(Error::new(Code::InspectionPool).with("line", 0).with("reason", "hash"));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::new(Code::InspectionPool).with("line", 0).with("reason", "not UTF-8"))?;
        Pool::parse(&text)
    }

    /// Computes a plan's draw from its record: the seed from the checkpoint and the parts, the
    /// outcome from the pool file.
    pub async fn compute(
        &self,
        state: &PlanState,
        parts: &[insp::plan::PartyPart],
    ) -> Result<(shijian_store::StoredCheckpoint, [u8; 32], DrawOutcome)> {
        let cp = self.beacon(state).await?;
        let published = state.published.as_ref().expect("published");
        let seed = seed::seed(&state.spec.id, &published.pool_hash, cp.size, &cp.root.to_hex(), parts);
        let pool = self.pool(state).await?;
        let list = item_list(self.store).await?;
        let departments = state.spec.departments(&list)?;
        let (ratios, team_size, forbid_own_office) =
            (state.spec.ratios, state.spec.team_size, state.spec.forbid_own_office);
        let outcome = tokio::task::spawn_blocking(move || {
            let rules = AssignRules { team_size, departments: &departments, forbid_own_office };
            DrawOutcome::compute(&pool, &ratios, &seed, &rules)
        })
        .await
        .map_err(|e| Error::new(Code::Internal).with("reason", e))?;
        Ok((cp, seed, outcome))
    }

    /// Draws a published plan: when every party has revealed, or the reveal day is over.
    /// Appends the draw and one task per target drawn, in one transaction.
    pub async fn draw(&self, actor: &Actor, plan: &str, today: NaiveDate, at: DateTime<Utc>) -> Result<PlanState> {
        let state = self.plan(plan).await?;
        authorize(actor, Action::Plan, Some(state.spec.office))?;
        if !state.may_draw(today) {
            return Err(Error::new(Code::InspectionWorkflow)
                .with("plan", plan.to_string())
                .with("status", state.status.as_str())
                .with("step", "draw (every party reveals, or the reveal day passes)"));
        }
        let parts = state.parts();
        let (cp, seed, outcome) = self.compute(&state, &parts).await?;
        let d = DrawMade {
            plan: plan.to_string(),
            checkpoint_size: cp.size,
            checkpoint_root: cp.root.to_hex(),
            parts,
            seed: hex(&seed),
            drawn: outcome.tasks.len() as u64,
            unassigned: outcome.unassigned(),
            outcome_hash: outcome.hash(),
        };
        let mut events = Vec::with_capacity(outcome.tasks.len() + 1);
        events.push(event(actor, &d, None, at, PUBLIC)?);
        for t in &outcome.tasks {
            let a = TaskAssigned {
                plan: plan.to_string(),
                target: t.target.clone(),
                rank: t.rank,
                inspectors: t.inspectors.clone(),
                unassigned: t.unassigned.clone(),
                items: state.spec.items.clone(),
                due: state.spec.ends_on,
            };
            events.push(event(actor, &a, Some(target_entity(&t.target)), at, PUBLIC)?);
        }
        self.append(&events).await?;
        self.plan(plan).await
    }

    /// A plan's tasks in rank order (public: the inspectors' record is left out until published).
    pub async fn tasks(&self, plan: &str, after_rank: u32, limit: usize) -> Result<Page<TaskState>> {
        let limit = limit.clamp(1, MAX_PAGE);
        let items: Vec<TaskState> =
            self.store.inspection_tasks(plan, after_rank, limit).await?.into_iter().map(public_task).collect();
        let next = if items.len() == limit { items.last().map(|t| t.assigned.rank.to_string()) } else { None };
        Ok(Page { items, next })
    }

    /// The caller's own tasks (inspectors), most recent first.
    pub async fn my_tasks(&self, actor: &Actor, limit: usize) -> Result<Vec<TaskState>> {
        let Some(me) = actor.pseudonym.clone().filter(|_| actor.role != Role::Enterprise) else {
            return Ok(Vec::new());
        };
        self.store.tasks_of_inspector(&me, limit.clamp(1, MAX_PAGE)).await
    }

    /// Every task of an entity (public view).
    pub async fn tasks_of_entity(&self, uscc: &str) -> Result<Vec<TaskState>> {
        Ok(self.store.tasks_of_target(uscc).await?.into_iter().map(public_task).collect())
    }

    async fn task(&self, plan: &str, target: &str) -> Result<TaskState> {
        self.store.inspection_task(plan, target).await?.ok_or_else(|| {
            Error::new(Code::InspectionTaskUnknown).with("plan", plan.to_string()).with("target", target.to_string())
        })
    }

    /// The inspectors record the check (a member of the task's team). Restricted until
    /// published; may be replaced until then.
    pub async fn record_result(&self, actor: &Actor, r: ResultRecorded, at: DateTime<Utc>) -> Result<TaskState> {
        let seen = self.store.decision_point().await?;
        self.team_task(actor, &r.plan, &r.target, false).await?;
        for e in &r.evidence {
            if self.store.artifact(insp::parse_hex32("evidence", e)?).await?.is_none() {
                return Err(Error::new(Code::InspectionField)
                    .with("field", "evidence")
                    .with("reason", format!("{e}: not uploaded / 未上传")));
            }
        }
        if r.inspected_on > shijian_core::calendar::legal_date(at) {
            return Err(Error::new(Code::InspectionField)
                .with("field", "inspected_on")
                .with("reason", "检查日期不能晚于今天 / not after today"));
        }
        let e = event(actor, &r, Some(target_entity(&r.target)), at, Publicity::Restricted)?;
        // A result replaces the one recorded before only if its recorder saw that one: of two
        // recorded at once, the second fails (checked append on the task's entity).
        self.store.append_checked(&[e], &Expect::since(seen).subject(target_entity(&r.target))).await?;
        self.task(&r.plan, &r.target).await
    }

    /// Who may act on a task's record: a member of its team (inside the plan), or staff of the
    /// planning office (`planners`: credit officers and administrators, for reading).
    async fn team_task(&self, actor: &Actor, plan: &str, target: &str, planners: bool) -> Result<TaskState> {
        let state = self.plan(plan).await?;
        let action = if planners { Action::PublishResult } else { Action::RecordResult };
        // The plan's area first (a task outside it is refused, not looked up), then its team.
        authorize(actor, action, Some(state.spec.office))?;
        let t = self.task(plan, target).await?;
        authorize(actor, action, Subject::team(state.spec.office, &t.assigned.inspectors))?;
        Ok(t)
    }

    /// The enforcement matter a published result raised ([`Inspections::publish_result`]), for
    /// the task's team and the planning office's staff who publish: its id and status, and
    /// whether the caller may open it (程序规定 第十八条: the one who found it learns what became
    /// of it).
    pub async fn case_raised(&self, actor: &Actor, plan: &str, target: &str) -> Result<Option<crate::case::Raised>> {
        if self.team_task(actor, plan, target, false).await.is_err() {
            self.team_task(actor, plan, target, true).await?;
        }
        let reference = format!("{plan} {target}");
        crate::case::Cases::new(self.store)
            .raised_by(actor, target_entity(target), shijian_core::case::procedure::SourceKind::Inspection, &reference)
            .await
    }

    /// Stores a piece of evidence (a photograph or a scanned record: JPEG, PNG or PDF, at most
    /// [`MAX_EVIDENCE_BYTES`]) for a task, by a member of its team; returns its SHA-256 (hex),
    /// which the result then lists. The file is kept beside the journal, content-addressed and
    /// restricted; only its hash enters the record.
    pub async fn add_evidence(&self, actor: &Actor, plan: &str, target: &str, bytes: Vec<u8>) -> Result<String> {
        self.team_task(actor, plan, target, false).await?;
        if bytes.len() > MAX_EVIDENCE_BYTES || evidence_type(&bytes).is_none() {
            return Err(Error::new(Code::InspectionField)
                .with("field", "evidence")
                .with("reason", "JPEG, PNG or PDF of at most 8 MiB / 须为不超过8 MiB的JPEG、PNG或PDF文件"));
        }
        Ok(hex(&self.store.put_artifact(bytes).await?))
    }

    /// A piece of evidence a task's result lists, with its media type (the team and the
    /// planning office).
    pub async fn evidence(
        &self,
        actor: &Actor,
        plan: &str,
        target: &str,
        hash: &str,
    ) -> Result<(Vec<u8>, &'static str)> {
        let t = self.team_task(actor, plan, target, true).await?;
        let listed = t.recorded.as_ref().is_some_and(|r| r.evidence.iter().any(|e| e.eq_ignore_ascii_case(hash)));
        let unknown = || Error::new(Code::InspectionField).with("field", "evidence").with("reason", hash.to_string());
        if !listed {
            return Err(unknown());
        }
        let bytes = self.store.artifact(insp::parse_hex32("evidence", hash)?).await?.ok_or_else(unknown)?;
        let kind = evidence_type(&bytes).ok_or_else(unknown)?;
        Ok((bytes, kind))
    }

    /// Publishes a recorded result (the planning office's credit officers, or a member of the
    /// team: 谁检查、谁录入、谁公开). The 20-workday term is computed and recorded with it.
    pub async fn publish_result(
        &self,
        actor: &Actor,
        plan: &str,
        target: &str,
        today: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<TaskState> {
        let state = self.plan(plan).await?;
        authorize(actor, Action::PublishResult, Some(state.spec.office))?;
        let t = self.task(plan, target).await?;
        authorize(actor, Action::PublishResult, Subject::team(state.spec.office, &t.assigned.inspectors))?;
        let Some(r) = t.recorded.clone() else {
            return Err(Error::new(Code::InspectionWorkflow)
                .with("plan", format!("{plan} {target}"))
                .with("status", t.status.as_str())
                .with("step", "publish"));
        };
        let calendar = self.store.calendar().await?;
        let due = task::publication_due(&calendar, r.inspected_on)?;
        let p = ResultPublished {
            plan: plan.to_string(),
            target: target.to_string(),
            inspected_on: r.inspected_on,
            category: r.category,
            published_on: today,
            due,
        };
        let e = event(actor, &p, Some(target_entity(target)), at, PUBLIC)?;
        match self.case_clue(&state.spec.title, &r).await? {
            // A result that calls for a case (发现问题待后续处理, 不配合检查情节严重) becomes an
            // enforcement clue of the entity's registering office, received in the same append
            // as the publication (程序规定 第十八条: 监督检查中发现的线索).
            Some(clue) => {
                crate::case::Cases::new(self.store)
                    .receive_with(&Actor::system(), clue, at, |_| Ok(vec![e.clone()]))
                    .await?;
            }
            None => {
                self.append(&[e]).await?;
            }
        }
        self.task(plan, target).await
    }

    /// The enforcement clue a recorded result raises, if its category calls for a case and its
    /// target is in the register.
    async fn case_clue(&self, title: &str, r: &ResultRecorded) -> Result<Option<crate::case::NewClue>> {
        use shijian_core::case::procedure::{Party, PartyKind, Source, SourceKind};
        if !matches!(r.category, ResultCategory::FollowUp | ResultCategory::Uncooperative) {
            return Ok(None);
        }
        let uscc = target_entity(&r.target);
        let Some(row) = self.store.entity(uscc).await? else { return Ok(None) };
        let e = &row.state.entity;
        let kind =
            if e.kind == EntityKind::IndividualBusiness { PartyKind::NaturalPerson } else { PartyKind::Organisation };
        let findings = if r.findings.trim().is_empty() { String::new() } else { format!("：{}", r.findings.trim()) };
        Ok(Some(crate::case::NewClue {
            office: e.authority,
            source: Source {
                kind: SourceKind::Inspection,
                reference: Some(format!("{} {}", r.plan, r.target)),
                reporter_named: false,
            },
            party: Party { kind, name: e.name.clone(), entity: Some(uscc.to_string()), id_number: None, address: None },
            facts: format!("{title}（{}）检查结果：{}{findings}", r.inspected_on, r.category.zh()),
            violation_on: None,
            harm: false,
            row: None,
        }))
    }

    /// A plan's results recorded and not yet published, with the day each is due and whether
    /// it is late on `today` (the staff's worklist; staff inside the plan's office).
    pub async fn unpublished(
        &self,
        actor: &Actor,
        plan: &str,
        today: NaiveDate,
    ) -> Result<Vec<(TaskState, NaiveDate, bool)>> {
        let state = self.plan(plan).await?;
        authorize(actor, Action::ReadRegister, Some(state.spec.office))?;
        let calendar = self.store.calendar().await?;
        let mut out = Vec::new();
        for t in all_tasks(self.store, plan).await? {
            if let Some(r) = t.recorded.as_ref().filter(|_| t.status == TaskStatus::Recorded) {
                let due = task::publication_due(&calendar, r.inspected_on)?;
                let late = t.late(&calendar, today)?;
                out.push((t, due, late));
            }
        }
        Ok(out)
    }
}

/// The largest piece of evidence accepted.
pub const MAX_EVIDENCE_BYTES: usize = 8 << 20;

/// The media type of a piece of evidence, by its first bytes (JPEG, PNG or PDF), or `None`.
pub fn evidence_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// A task as the public sees it: the unpublished record left out.
fn public_task(mut t: TaskState) -> TaskState {
    if t.status != TaskStatus::Published {
        t.recorded = None;
    } else if let Some(r) = &mut t.recorded {
        // Findings and evidence stay in the file; the category and day are published.
        r.findings.clear();
        r.evidence.clear();
    }
    t
}

/// Recomputes a drawn plan's draw from the record and compares it with what was recorded:
/// the pool file against its published hash, the checkpoint against the first signed after
/// the publication, the reveals against the commitments (checked when they were folded), the
/// seed, the outcome's hash, and every task.
pub async fn verify(store: &Store, plan: &str) -> Result<Verification> {
    let me = Inspections::new(store);
    let state = me.plan(plan).await?;
    let Some(draw) = state.draw.clone() else {
        return Ok(Verification::Differs(format!("plan {plan} is {}, not drawn", state.status.as_str())));
    };
    let (cp, seed, outcome) = match me.compute(&state, &draw.parts).await {
        Ok(x) => x,
        Err(e) if e.code() == Code::InspectionPool => return Ok(Verification::Differs(format!("pool file: {e}"))),
        Err(e) => return Err(e),
    };
    if cp.size != draw.checkpoint_size || cp.root.to_hex() != draw.checkpoint_root {
        return Ok(Verification::Differs(format!(
            "checkpoint: recorded {} {}, first after publication {} {}",
            draw.checkpoint_size,
            draw.checkpoint_root,
            cp.size,
            cp.root.to_hex()
        )));
    }
    if hex(&seed) != draw.seed {
        return Ok(Verification::Differs(format!("seed: recorded {}, recomputed {}", draw.seed, hex(&seed))));
    }
    if outcome.hash() != draw.outcome_hash || outcome.tasks.len() as u64 != draw.drawn {
        return Ok(Verification::Differs(format!(
            "outcome: recorded {} tasks, hash {}; recomputed {} tasks, hash {}",
            draw.drawn,
            draw.outcome_hash,
            outcome.tasks.len(),
            outcome.hash()
        )));
    }
    let recorded = DrawOutcome {
        plan: plan.to_string(),
        seed: draw.seed.clone(),
        tasks: all_tasks(store, plan)
            .await?
            .into_iter()
            .map(|t| OutcomeTask {
                rank: t.assigned.rank,
                target: t.assigned.target,
                inspectors: t.assigned.inspectors,
                unassigned: t.assigned.unassigned,
            })
            .collect(),
    };
    Ok(match outcome.first_difference(&recorded) {
        None => Verification::Match { tasks: recorded.tasks.len() as u64 },
        Some(d) => Verification::Differs(d),
    })
}

/// Every task of a plan, in rank order.
async fn all_tasks(store: &Store, plan: &str) -> Result<Vec<TaskState>> {
    let mut out = Vec::new();
    loop {
        let after = out.last().map_or(0, |t: &TaskState| t.assigned.rank);
        let page = store.inspection_tasks(plan, after, MAX_PAGE).await?;
        if page.is_empty() {
            return Ok(out);
        }
        out.extend(page);
    }
}
