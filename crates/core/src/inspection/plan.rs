//! Plans (抽查工作计划): scope, items, sampling ratios per credit-risk class, the seed parties,
//! and the plan's state through commitment, publication, reveals and the draw.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::items::{Item, ItemKind};
use super::seed;
use crate::division::DivisionCode;
use crate::error::{Code, Error, Result};
use crate::registry::{EntityKind, Status};

/// A stratum of the target pool: the credit-risk class (国市监信发〔2022〕6号), or `U` for an
/// entity not classified yet (new entities until the next monthly classification).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stratum {
    A,
    B,
    C,
    D,
    U,
}

impl Stratum {
    pub const ALL: [Stratum; 5] = [Stratum::A, Stratum::B, Stratum::C, Stratum::D, Stratum::U];

    pub fn as_str(self) -> &'static str {
        match self {
            Stratum::A => "A",
            Stratum::B => "B",
            Stratum::C => "C",
            Stratum::D => "D",
            Stratum::U => "U",
        }
    }

    pub fn parse(s: &str) -> Result<Stratum> {
        Stratum::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or_else(|| Error::new(Code::InspectionField).with("field", "stratum").with("reason", s))
    }

    /// The stratum of an entity with the given class (`None`: not classified).
    pub fn of_class(class: Option<&str>) -> Stratum {
        match class {
            Some("A") => Stratum::A,
            Some("B") => Stratum::B,
            Some("C") => Stratum::C,
            Some("D") => Stratum::D,
            _ => Stratum::U,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Sampling ratios per stratum in basis points (1/10,000 of the stratum).
///
/// 国市监信发〔2022〕6号 [P]: class A (low risk) gets a lower ratio and no proactive on-site
/// checks unless triggered ("无事不扰"); B the normal ratio; C moderately higher; D sharply
/// higher. shijian requires A = 0 unless the plan states its trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratios {
    pub a: u32,
    pub b: u32,
    pub c: u32,
    pub d: u32,
    /// Not yet classified: treated as general risk unless the plan says otherwise.
    pub u: u32,
}

impl Ratios {
    /// Every stratum in full (key items).
    pub const ALL: Ratios = Ratios { a: 10_000, b: 10_000, c: 10_000, d: 10_000, u: 10_000 };

    /// The ratios a plan of ordinary items takes for a class the planner leaves blank: class A
    /// none (国市监信发〔2022〕6号 [P]: no proactive checks of class A without a trigger), B 2%
    /// (the general ratio), C 4% (moderately higher), D 15% (sharply higher), not yet
    /// classified 3% (treated near general risk). The document sets the order of the classes,
    /// not these figures [M: the percentages are shijian's defaults, to be set by each
    /// administration]; a blank is this default, never 0%.
    pub const DEFAULT: Ratios = Ratios { a: 0, b: 200, c: 400, d: 1_500, u: 300 };

    pub fn of(&self, s: Stratum) -> u32 {
        match s {
            Stratum::A => self.a,
            Stratum::B => self.b,
            Stratum::C => self.c,
            Stratum::D => self.d,
            Stratum::U => self.u,
        }
    }

    /// How many of `count` targets a stratum with ratio `bp` draws: rounded up, so a stratum
    /// with a positive ratio and at least one target draws at least one.
    pub fn quota(bp: u32, count: u64) -> u64 {
        (count * u64::from(bp)).div_ceil(10_000)
    }
}

/// Which targets the pool takes from the register.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// Registering offices (and everything below them); empty: the planning office's whole
    /// jurisdiction.
    #[serde(default)]
    pub divisions: Vec<DivisionCode>,
    /// Entity kinds; empty: all.
    #[serde(default)]
    pub kinds: Vec<EntityKind>,
    /// GB/T 4754 code prefixes (a section letter or 2–4 digits); empty: all.
    #[serde(default)]
    pub industries: Vec<String>,
    /// Statuses; empty: active entities (存续) only.
    #[serde(default)]
    pub statuses: Vec<Status>,
}

impl Scope {
    /// Whether an entity with these particulars is in scope (the planning office's
    /// jurisdiction is checked by the caller's query).
    pub fn admits(&self, authority: DivisionCode, kind: EntityKind, status: Status, industry: Option<&str>) -> bool {
        (self.divisions.is_empty() || self.divisions.iter().any(|d| d.contains(authority)))
            && (self.kinds.is_empty() || self.kinds.contains(&kind))
            && (if self.statuses.is_empty() { status == Status::Active } else { self.statuses.contains(&status) })
            && (self.industries.is_empty()
                || industry.is_some_and(|i| self.industries.iter().any(|p| industry_matches(p, i))))
    }
}

/// Whether an entity's industry code (`C1311`, or the digits alone) falls under a filter
/// prefix (`C`, `13`, `131`).
pub(crate) fn industry_matches(prefix: &str, code: &str) -> bool {
    let digits = code.trim_start_matches(|c: char| c.is_ascii_uppercase());
    if prefix.chars().all(|c| c.is_ascii_uppercase()) { code.starts_with(prefix) } else { digits.starts_with(prefix) }
}

/// A plan as drafted (`inspection.plan_drafted`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSpec {
    /// `<year>-<office>-<number>`, e.g. `2026-420100-0003`.
    pub id: String,
    pub title: String,
    /// The planning office: the pool lies inside its jurisdiction.
    pub office: DivisionCode,
    pub starts_on: NaiveDate,
    /// Inspections are due by this day.
    pub ends_on: NaiveDate,
    /// Item codes; items of several departments make a joint plan (进一次门、查多项事).
    pub items: Vec<String>,
    pub scope: Scope,
    pub ratios: Ratios,
    /// Why class A is included (a complaint, monitoring, a referral, or the law requires it).
    #[serde(default)]
    pub trigger: Option<String>,
    /// Inspectors per target: at least 2 (国办发〔2015〕58号).
    pub team_size: u8,
    /// No inspector from the target's own registering office (异地交叉检查).
    pub forbid_own_office: bool,
    /// No inspector who inspected the same target within this many days.
    pub recent_days: u32,
    /// The seed parties: people the operator does not control, by their accounts' opaque
    /// pseudonyms (a request names them by username; `app` records the pseudonyms).
    pub parties: Vec<String>,
    /// The last day for the parties' reveals; after it, a missing reveal counts as absent.
    pub reveal_by: NaiveDate,
}

/// The fewest inspectors per target (国办发〔2015〕58号: 至少2名执法检查人员 [P]).
pub const MIN_TEAM: u8 = 2;
pub const MAX_TEAM: u8 = 6;
pub const MAX_PARTIES: usize = 7;

impl PlanSpec {
    /// Checks the plan against the item list (`items`: the current list).
    pub fn check(&self, items: &[Item]) -> Result<()> {
        let field = |f: &str, r: &str| Error::new(Code::InspectionField).with("field", f).with("reason", r);
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !id_ok {
            return Err(field("id", "1-40 letters, digits or '-'"));
        }
        if self.title.trim().is_empty() {
            return Err(field("title", "empty"));
        }
        if self.ends_on < self.starts_on {
            return Err(field("ends_on", "before starts_on"));
        }
        if self.reveal_by < self.starts_on || self.reveal_by > self.ends_on {
            return Err(field("reveal_by", "between starts_on and ends_on"));
        }
        let found = self.items_of(items)?;
        if found.iter().any(|i| i.target != found[0].target) {
            return Err(field("items", "all items of a plan inspect the same kind of target"));
        }
        let key = found.iter().filter(|i| i.kind == ItemKind::Key).count();
        if key != 0 && key != found.len() {
            return Err(field("items", "key and ordinary items go in separate plans"));
        }
        for s in Stratum::ALL {
            if self.ratios.of(s) > 10_000 {
                return Err(Error::new(Code::InspectionRatio)
                    .with("stratum", s.as_str())
                    .with("ratio", self.ratios.of(s)));
            }
        }
        if key != 0 && self.ratios != Ratios::ALL {
            return Err(field("ratios", "a key item covers every target: every ratio is 10000"));
        }
        // The caps bound the share of the pool drawn ([`PlanSpec::quota`]); that share depends
        // on the pool's classes, known only once the pool is built. What the ratios alone
        // settle is checked here: when every class's ratio is above the lowest cap, every pool
        // draws more than the cap allows. The application then checks the share over the pool
        // as it is at the draft; publication checks it again over the pool it fixes.
        if let Some(item) = found.iter().filter(|i| i.cap_bp.is_some()).min_by_key(|i| i.cap_bp)
            && let Some(cap) = item.cap_bp
            && let Some(lowest) = Stratum::ALL.iter().map(|s| self.ratios.of(*s)).min()
            && lowest > cap
        {
            return Err(cap_error(&item.code, lowest, cap));
        }
        let trigger = self.trigger.as_deref().is_some_and(|t| !t.trim().is_empty());
        if key == 0 && self.ratios.a > 0 && !trigger {
            return Err(Error::new(Code::InspectionClassA));
        }
        if !(MIN_TEAM..=MAX_TEAM).contains(&self.team_size) {
            return Err(field("team_size", "2 to 6"));
        }
        if self.parties.is_empty() || self.parties.len() > MAX_PARTIES {
            return Err(field("parties", "1 to 7 seed parties"));
        }
        let mut parties = self.parties.clone();
        parties.sort();
        parties.dedup();
        if parties.len() != self.parties.len() || parties.iter().any(|p| p.trim().is_empty() || p.contains('\n')) {
            return Err(field("parties", "distinct account names"));
        }
        // A plan samples inside its office's jurisdiction: each office inspects the entities it
        // supervises (国办发〔2015〕58号 [M]: where it says so exactly is not confirmed here).
        // Whether the planner may act there at all is the application's authorisation,
        // decided before this check.
        if let Some(d) = self.scope.divisions.iter().find(|d| !self.office.contains(**d)) {
            return Err(field("scope", &format!("{d} lies outside the planning office {}", self.office)));
        }
        Ok(())
    }

    /// Whether an entity with these particulars belongs in the plan's pool: inside the scope,
    /// and subject to every item of the plan (`items`: the plan's, [`PlanSpec::items_of`]).
    /// An item's applicability ([`Item::applies`]) narrows the pool to the businesses it
    /// concerns: a food item's pool holds food businesses, not every entity of the scope; a
    /// joint visit checks every item, so a target is one that each item applies to.
    pub fn admits<'a>(
        &self,
        items: impl IntoIterator<Item = &'a Item>,
        authority: DivisionCode,
        kind: EntityKind,
        status: Status,
        industry: Option<&str>,
    ) -> bool {
        self.scope.admits(authority, kind, status, industry) && items.into_iter().all(|i| i.applies(industry))
    }

    /// The plan's items, in the plan's order; an unknown or repeated code fails.
    pub fn items_of<'a>(&self, items: &'a [Item]) -> Result<Vec<&'a Item>> {
        if self.items.is_empty() {
            return Err(Error::new(Code::InspectionField).with("field", "items").with("reason", "empty"));
        }
        let mut out: Vec<&Item> = Vec::new();
        for code in &self.items {
            let item = items
                .iter()
                .find(|i| &i.code == code)
                .ok_or_else(|| Error::new(Code::InspectionItemUnknown).with("code", code))?;
            if out.iter().any(|i| i.code == item.code) {
                return Err(Error::new(Code::InspectionField).with("field", "items").with("reason", "repeated"));
            }
            if out.first().is_some_and(|first| first.target != item.target) {
                // One pool per plan: entities, products or premises (a joint visit checks one target).
                return Err(Error::new(Code::InspectionField)
                    .with("field", "items")
                    .with("reason", "items of one target kind (entity, product or premises)"));
            }
            out.push(item);
        }
        Ok(out)
    }

    /// The departments taking part (sorted): more than one makes a joint plan, and every team
    /// then includes an inspector of each.
    pub fn departments(&self, items: &[Item]) -> Result<Vec<String>> {
        let mut d: Vec<String> = self.items_of(items)?.iter().map(|i| i.department.clone()).collect();
        d.sort();
        d.dedup();
        Ok(d)
    }

    /// With the pool's counts per stratum: how many targets the plan draws, checked against
    /// the lowest cap of its ordinary items (the cap bounds the plan's overall ratio, so a
    /// higher ratio for class D is paid for by lower ones elsewhere [M: whether caps apply to
    /// the whole pool or to each class is not stated in the sources read]).
    pub fn quota(&self, items: &[Item], counts: &BTreeMap<Stratum, u64>) -> Result<u64> {
        match self.over_cap(items, counts)? {
            Some((_, _, cap)) => Err(Error::new(Code::InspectionRatio).with("stratum", "*").with("ratio", cap)),
            None => Ok(counts.iter().map(|(s, n)| Ratios::quota(self.ratios.of(*s), *n)).sum()),
        }
    }

    /// The draft's check of the caps over the pool as it is when drafted (`counts`: its
    /// targets per stratum): `inspection_cap`, naming the item and the share, when the ratios
    /// would draw more of that pool than the lowest cap allows. The pool can still change
    /// before publication (entities registered, deregistered or reclassified each month), so
    /// publication checks again over the pool it fixes ([`PlanSpec::quota`]).
    pub fn check_caps(&self, items: &[Item], counts: &BTreeMap<Stratum, u64>) -> Result<()> {
        match self.over_cap(items, counts)? {
            Some((code, share, cap)) => Err(cap_error(&code, share, cap)),
            None => Ok(()),
        }
    }

    /// The item whose cap the draw over `counts` exceeds, the share drawn and the cap (basis
    /// points); rounding up gives small strata one target each, and that much over the cap is
    /// allowed.
    fn over_cap(&self, items: &[Item], counts: &BTreeMap<Stratum, u64>) -> Result<Option<(String, u32, u32)>> {
        let total: u64 = counts.values().sum();
        let drawn: u64 = counts.iter().map(|(s, n)| Ratios::quota(self.ratios.of(*s), *n)).sum();
        let found = self.items_of(items)?;
        let Some(item) = found.iter().filter(|i| i.cap_bp.is_some()).min_by_key(|i| i.cap_bp) else {
            return Ok(None);
        };
        let cap = item.cap_bp.unwrap_or(10_000);
        let rounding = counts.values().filter(|n| **n > 0).count() as u64;
        if total > 0 && (drawn - rounding.min(drawn)) * 10_000 > total * u64::from(cap) {
            let share = (drawn * 10_000).div_ceil(total).min(10_000) as u32;
            return Ok(Some((item.code.clone(), share, cap)));
        }
        Ok(None)
    }
}

/// `inspection_cap`: the ratios would draw `share` (basis points) of the pool, over the cap of
/// `item`.
fn cap_error(item: &str, share: u32, cap: u32) -> Error {
    let pct = |bp: u32| format!("{}.{:02}%", bp / 100, bp % 100);
    Error::new(Code::InspectionCap).with("item", item).with("share", pct(share)).with("cap", pct(cap))
}

/// Where a plan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Drafted: the parties commit.
    Drafted,
    /// Published with its pool fixed: waiting for the checkpoint and the reveals.
    Published,
    /// Drawn: tasks assigned.
    Drawn,
}

impl PlanStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Drafted => "drafted",
            PlanStatus::Published => "published",
            PlanStatus::Drawn => "drawn",
        }
    }
}

/// A step taken on a plan or its tasks, by the name the workbench's forms post
/// (`action=draw`): the planner drafts, publishes and draws (国办发〔2015〕58号, 国发〔2019〕5号:
/// plans and the lists drawn are public), the seed parties commit and reveal, inspectors
/// record results and planners or inspectors publish them within the 20-workday term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStep {
    Draft,
    Commit,
    Publish,
    Reveal,
    Draw,
    Record,
    PublishResult,
}

impl PlanStep {
    pub const ALL: &'static [PlanStep] = &[
        PlanStep::Draft,
        PlanStep::Commit,
        PlanStep::Publish,
        PlanStep::Reveal,
        PlanStep::Draw,
        PlanStep::Record,
        PlanStep::PublishResult,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanStep::Draft => "draft",
            PlanStep::Commit => "commit",
            PlanStep::Publish => "publish",
            PlanStep::Reveal => "reveal",
            PlanStep::Draw => "draw",
            PlanStep::Record => "record",
            PlanStep::PublishResult => "publish_result",
        }
    }

    /// The step of a form's `action`; an unknown one is `request_invalid`.
    pub fn parse(s: &str) -> Result<PlanStep> {
        PlanStep::ALL
            .iter()
            .copied()
            .find(|x| x.as_str() == s.trim())
            .ok_or_else(|| Error::new(Code::RequestInvalid).with("reason", format!("action {s}")))
    }
}

impl std::fmt::Display for PlanStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `inspection.seed_committed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedCommitted {
    pub plan: String,
    pub party: String,
    /// Hex of [`seed::party_commitment`].
    pub commitment: String,
}

/// `inspection.plan_published`: the pool fixed.
///
/// The event is public (国发〔2019〕5号: plans and the lists drawn are public), but an entity's
/// credit-risk class is for the administration's own use (国市监信发〔2022〕6号 on 分级分类
/// [M: classification results treated as internal, not published]). Counts per class would
/// let anyone infer the class of an entity in a small stratum (one class-D entity in a
/// county), so the event carries the totals only: the pool's size, the inspectors and the
/// targets to draw. Staff recompute the counts per class from the stored pool file
/// (`app::inspection::Inspections::strata`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPublished {
    pub plan: String,
    /// Hex SHA-256 of the pool file's canonical text.
    pub pool_hash: String,
    /// Targets in the pool, all strata together. Publications recorded before this field
    /// existed have 0 here and their counts in `strata`; [`PlanState::publish`] fills it in.
    #[serde(default)]
    pub targets: u64,
    /// Targets per stratum: only in publications recorded before the counts were withdrawn
    /// from the public record (they still fold). New publications leave it empty, and the
    /// plan's state never keeps it ([`PlanState::publish`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub strata: BTreeMap<Stratum, u64>,
    pub inspectors: u64,
    /// How many targets the draw will take.
    pub quota: u64,
    pub published_on: NaiveDate,
}

impl PlanPublished {
    /// What the public may see of a publication: the totals, never the counts per stratum
    /// (the counts of an old publication become its `targets`).
    pub fn public(mut self) -> PlanPublished {
        if self.targets == 0 {
            self.targets = self.strata.values().sum();
        }
        self.strata.clear();
        self
    }
}

/// `inspection.seed_revealed`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedRevealed {
    pub plan: String,
    pub party: String,
    /// Hex of the 32-byte secret.
    pub secret: String,
    /// The size of the checkpoint the party saw signed before revealing.
    pub after_checkpoint: u64,
}

/// One party's part in the seed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyPart {
    pub party: String,
    /// The revealed secret (hex), or `None` when it was not revealed by the reveal day.
    pub secret: Option<String>,
}

/// `inspection.draw_made`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawMade {
    pub plan: String,
    /// The first signed checkpoint after the publication.
    pub checkpoint_size: u64,
    /// Its root hash, hex.
    pub checkpoint_root: String,
    /// Every party, in name order.
    pub parts: Vec<PartyPart>,
    /// Hex of the seed ([`seed::seed`]).
    pub seed: String,
    pub drawn: u64,
    /// Targets drawn for whom no lawful team could be formed (handled by the office).
    pub unassigned: u64,
    /// Hex SHA-256 of the outcome's canonical text ([`super::DrawOutcome::canonical`]).
    pub outcome_hash: String,
}

/// A plan's state: the fold of its events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanState {
    pub spec: PlanSpec,
    pub status: PlanStatus,
    pub drafted_on: NaiveDate,
    /// Party → commitment (hex).
    pub commitments: BTreeMap<String, String>,
    pub published: Option<PlanPublished>,
    /// The log index of the publication: the checkpoint that seeds the draw comes after it.
    pub published_index: Option<u64>,
    /// Party → secret (hex).
    pub reveals: BTreeMap<String, String>,
    pub draw: Option<DrawMade>,
    /// Tasks recorded (`inspection.task_assigned`), in rank order.
    #[serde(default)]
    pub tasks: u64,
    /// Results published.
    pub results: u64,
}

impl PlanState {
    /// A new plan from its draft.
    pub fn drafted(spec: PlanSpec, on: NaiveDate) -> PlanState {
        PlanState {
            spec,
            status: PlanStatus::Drafted,
            drafted_on: on,
            commitments: BTreeMap::new(),
            published: None,
            published_index: None,
            reveals: BTreeMap::new(),
            draw: None,
            tasks: 0,
            results: 0,
        }
    }

    fn workflow(&self, step: &str) -> Error {
        Error::new(Code::InspectionWorkflow)
            .with("plan", &self.spec.id)
            .with("status", self.status.as_str())
            .with("step", step.to_string())
    }

    fn party(&self, party: &str) -> Result<()> {
        if self.spec.parties.iter().any(|p| p == party) {
            Ok(())
        } else {
            Err(Error::new(Code::InspectionNotParty).with("plan", &self.spec.id).with("party", party.to_string()))
        }
    }

    /// Folds a commitment.
    pub fn commit(&mut self, c: &SeedCommitted) -> Result<()> {
        self.party(&c.party)?;
        super::parse_hex32("commitment", &c.commitment)?;
        if self.status != PlanStatus::Drafted || self.commitments.contains_key(&c.party) {
            return Err(self.workflow("commit"));
        }
        self.commitments.insert(c.party.clone(), c.commitment.to_ascii_lowercase());
        Ok(())
    }

    /// The state as the public may see it: a publication's counts per stratum left out, for
    /// states folded before the fold dropped them.
    pub fn public(mut self) -> PlanState {
        self.published = self.published.map(PlanPublished::public);
        self
    }

    /// The step `party` owes on the plan: a commitment before publication, a reveal after it.
    pub fn owed_by(&self, party: &str) -> Option<PlanStep> {
        match self.status {
            PlanStatus::Drafted if !self.commitments.contains_key(party) => Some(PlanStep::Commit),
            PlanStatus::Published if !self.reveals.contains_key(party) => Some(PlanStep::Reveal),
            _ => None,
        }
    }

    /// Whether every party has committed (the plan may then be published).
    pub fn all_committed(&self) -> bool {
        self.spec.parties.iter().all(|p| self.commitments.contains_key(p))
    }

    /// Folds the publication at log index `index`.
    pub fn publish(&mut self, p: &PlanPublished, index: u64) -> Result<()> {
        super::parse_hex32("pool_hash", &p.pool_hash)?;
        if self.status != PlanStatus::Drafted || !self.all_committed() {
            return Err(self.workflow("publish"));
        }
        self.status = PlanStatus::Published;
        // The state is what pages and the API show: totals only (see [`PlanPublished`]).
        self.published = Some(p.clone().public());
        self.published_index = Some(index);
        Ok(())
    }

    /// Folds a reveal: it must open the party's commitment.
    pub fn reveal(&mut self, r: &SeedRevealed) -> Result<()> {
        self.party(&r.party)?;
        if self.status != PlanStatus::Published || self.reveals.contains_key(&r.party) {
            return Err(self.workflow("reveal"));
        }
        let secret = super::parse_hex32("secret", &r.secret)?;
        let expected = self.commitments.get(&r.party).ok_or_else(|| self.workflow("reveal"))?;
        if super::hex(&seed::party_commitment(&self.spec.id, &r.party, &secret)) != *expected {
            return Err(Error::new(Code::InspectionReveal).with("plan", &self.spec.id).with("party", r.party.clone()));
        }
        self.reveals.insert(r.party.clone(), super::hex(&secret));
        Ok(())
    }

    /// The parties' parts for the seed: their reveals, and `None` for the others.
    pub fn parts(&self) -> Vec<PartyPart> {
        let mut parties = self.spec.parties.clone();
        parties.sort();
        parties.into_iter().map(|p| PartyPart { secret: self.reveals.get(&p).cloned(), party: p }).collect()
    }

    /// Whether the draw may run on `today`: every party revealed, or the reveal day is over.
    pub fn may_draw(&self, today: NaiveDate) -> bool {
        self.status == PlanStatus::Published
            && (self.spec.parties.iter().all(|p| self.reveals.contains_key(p)) || today > self.spec.reveal_by)
    }

    /// Folds the draw. Its parts must be exactly the reveals folded so far.
    pub fn drawn(&mut self, d: &DrawMade) -> Result<()> {
        if self.status != PlanStatus::Published || d.parts != self.parts() {
            return Err(self.workflow("draw"));
        }
        self.status = PlanStatus::Drawn;
        self.draw = Some(d.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspection::items::builtin;

    pub(crate) fn spec() -> PlanSpec {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        PlanSpec {
            id: "2026-420100-0001".into(),
            title: "2026年度武汉市企业公示信息抽查".into(),
            office: DivisionCode::parse("420100").unwrap(),
            starts_on: d("2026-03-02"),
            ends_on: d("2026-11-30"),
            items: vec!["SC-01".into(), "SC-02".into()],
            scope: Scope::default(),
            ratios: Ratios { a: 0, b: 300, c: 800, d: 3_000, u: 300 },
            trigger: None,
            team_size: 2,
            forbid_own_office: false,
            recent_days: 365,
            parties: vec!["witness".into(), "discipline".into()],
            reveal_by: d("2026-03-06"),
        }
    }

    #[test]
    fn class_a_needs_a_trigger() {
        let items = builtin();
        let mut s = spec();
        s.check(&items).unwrap();
        s.ratios.a = 100;
        assert_eq!(s.check(&items).unwrap_err().code(), Code::InspectionClassA);
        s.trigger = Some("投诉举报线索".into());
        s.check(&items).unwrap();
    }

    /// The caps are checked at the draft: ratios that all exceed the lowest cap, whatever the
    /// pool; over the pool as it is at the draft, the share drawn.
    #[test]
    fn the_caps_are_checked_when_the_plan_is_drafted() {
        let items = builtin();
        let mut s = spec();
        s.ratios = Ratios { a: 600, b: 600, c: 800, d: 3_000, u: 600 };
        s.trigger = Some("投诉举报线索".into());
        let e = s.check(&items).unwrap_err();
        assert_eq!((e.code(), e.detail("item"), e.detail("cap")), (Code::InspectionCap, Some("SC-01"), Some("5.00%")));
        s.ratios.a = 0;
        s.check(&items).unwrap();
        // Over a pool of class D mostly, the 30% of D is more than the 5% cap allows.
        let counts: BTreeMap<Stratum, u64> = [(Stratum::B, 100), (Stratum::D, 900)].into();
        let e = s.check_caps(&items, &counts).unwrap_err();
        assert_eq!((e.code(), e.detail("share")), (Code::InspectionCap, Some("27.60%")));
        assert!(e.message(crate::Lang::Zh).contains("SC-01"), "{}", e.message(crate::Lang::Zh));
        let counts: BTreeMap<Stratum, u64> = [(Stratum::A, 900), (Stratum::D, 10)].into();
        s.check_caps(&items, &counts).unwrap();
    }

    /// An item's applicability narrows the plan's pool: a food item's pool holds food
    /// businesses only.
    #[test]
    fn a_food_items_pool_holds_food_businesses_only() {
        let items = builtin();
        let mut s = spec();
        s.items = vec!["SC-04".into()];
        let found = s.items_of(&items).unwrap();
        let wuhan = DivisionCode::parse("420111").unwrap();
        let admits = |industry: Option<&str>| {
            s.admits(found.iter().copied(), wuhan, EntityKind::LimitedCompany, Status::Active, industry)
        };
        assert!(admits(Some("H62")) && admits(Some("F5223")));
        assert!(!admits(Some("I65")) && !admits(Some("M7520")) && !admits(None));
        // A plan of general items takes every entity of its scope.
        let general = spec();
        let found = general.items_of(&items).unwrap();
        assert!(general.admits(found.iter().copied(), wuhan, EntityKind::LimitedCompany, Status::Active, Some("I65")));
    }

    #[test]
    fn a_plan_samples_inside_its_own_office() {
        let items = builtin();
        let mut s = spec();
        s.scope.divisions = vec![DivisionCode::parse("420111").unwrap()];
        s.check(&items).unwrap();
        s.scope.divisions.push(DivisionCode::parse("420600").unwrap());
        let e = s.check(&items).unwrap_err();
        assert_eq!((e.code(), e.detail("field")), (Code::InspectionField, Some("scope")));
    }

    #[test]
    fn key_items_cover_every_target_and_do_not_mix_with_ordinary_ones() {
        let items = builtin();
        let mut s = spec();
        s.items = vec!["SC-03".into()];
        assert_eq!(s.check(&items).unwrap_err().code(), Code::InspectionField);
        s.ratios = Ratios::ALL;
        s.check(&items).unwrap();
        s.items.push("SC-04".into());
        assert!(s.check(&items).is_err());
    }

    #[test]
    fn the_cap_of_ordinary_items_bounds_the_whole_draw() {
        let items = builtin();
        let s = spec();
        let counts: BTreeMap<Stratum, u64> =
            [(Stratum::A, 40_000), (Stratum::B, 50_000), (Stratum::C, 8_000), (Stratum::D, 2_000)].into();
        // 0 + 1,500 + 640 + 600 = 2,740 of 100,000: under the 5 % cap.
        assert_eq!(s.quota(&items, &counts).unwrap(), 2_740);
        let mut greedy = s.clone();
        greedy.ratios.b = 1_000;
        assert_eq!(greedy.quota(&items, &counts).unwrap_err().code(), Code::InspectionRatio);
    }

    #[test]
    fn quotas_round_up() {
        assert_eq!(Ratios::quota(300, 1), 1);
        assert_eq!(Ratios::quota(300, 0), 0);
        assert_eq!(Ratios::quota(0, 1_000), 0);
        assert_eq!(Ratios::quota(10_000, 7), 7);
        assert_eq!(Ratios::quota(300, 1_000), 30);
    }

    #[test]
    fn the_plan_moves_through_commitment_publication_reveal_and_draw() {
        let s = spec();
        let day = s.starts_on;
        let mut p = PlanState::drafted(s.clone(), day);
        let secret = [7u8; 32];
        let c = |party: &str| SeedCommitted {
            plan: s.id.clone(),
            party: party.into(),
            commitment: crate::inspection::hex(&seed::party_commitment(&s.id, party, &secret)),
        };
        let published = PlanPublished {
            plan: s.id.clone(),
            pool_hash: "00".repeat(32),
            targets: 0,
            strata: BTreeMap::new(),
            inspectors: 0,
            quota: 0,
            published_on: day,
        };
        p.commit(&c("witness")).unwrap();
        assert_eq!(p.publish(&published, 9).unwrap_err().code(), Code::InspectionWorkflow);
        assert_eq!(p.commit(&c("stranger")).unwrap_err().code(), Code::InspectionNotParty);
        p.commit(&c("discipline")).unwrap();
        p.publish(&published, 9).unwrap();
        let bad = SeedRevealed {
            plan: s.id.clone(),
            party: "witness".into(),
            secret: crate::inspection::hex(&[8u8; 32]),
            after_checkpoint: 10,
        };
        assert_eq!(p.reveal(&bad).unwrap_err().code(), Code::InspectionReveal);
        p.reveal(&SeedRevealed { secret: crate::inspection::hex(&secret), ..bad }).unwrap();
        assert!(!p.may_draw(s.reveal_by));
        assert!(p.may_draw(s.reveal_by.succ_opt().unwrap()));
        let parts = p.parts();
        assert_eq!(parts[0].party, "discipline");
        assert_eq!(parts[0].secret, None);
        assert!(parts[1].secret.is_some());
    }

    #[test]
    fn a_publication_keeps_no_counts_per_class_and_old_ones_still_fold() {
        // A publication recorded before the counts were withdrawn: one class-D target.
        let old = serde_json::json!({
            "plan": "2026-420100-0001", "pool_hash": "ab".repeat(32),
            "strata": {"B": 40, "D": 1}, "inspectors": 3, "quota": 3, "published_on": "2026-03-02"
        });
        let old: PlanPublished = serde_json::from_value(old).unwrap();
        assert_eq!(old.targets, 0);
        let s = spec();
        let mut p = PlanState::drafted(s.clone(), s.starts_on);
        p.commitments = s.parties.iter().map(|x| (x.clone(), "00".repeat(32))).collect();
        p.publish(&old, 5).unwrap();
        let folded = p.published.clone().unwrap();
        assert_eq!((folded.targets, folded.quota), (41, 3));
        assert!(folded.strata.is_empty());
        let json = serde_json::to_string(&p).unwrap();
        assert!(!json.contains("strata") && !json.contains("\"D\""), "{json}");
        // A state folded before: its counts are dropped when read.
        let mut stale = p.clone();
        stale.published.as_mut().unwrap().strata = old.strata.clone();
        assert_eq!(stale.public(), p);
        // A new publication carries no counts at all.
        let new = PlanPublished { targets: 41, strata: BTreeMap::new(), ..old };
        assert!(!serde_json::to_string(&new).unwrap().contains("strata"));
    }
}
