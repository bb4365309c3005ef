//! Bodies of `/api/v1/inspection` (双随机、一公开): the item list, plans with their seed and
//! draw, and the tasks with their results.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use shijian_core::inspection::{Item, PlanState, Stratum, TaskState};

/// `GET /api/v1/inspection/items` lists these: one item of the inspection item list
/// (随机抽查事项清单).
#[derive(Serialize)]
pub struct InspectionItem {
    /// A short stable code, e.g. `SC-01`.
    pub code: String,
    /// The department that inspects.
    pub department: String,
    pub name_zh: String,
    pub name_en: String,
    /// What it inspects: `entity`, `product` or `premises`.
    pub target: &'static str,
    /// `ordinary` or `key`.
    pub kind: &'static str,
    /// Ordinary items: the highest share of the pool a plan may draw, in basis points; `null`
    /// for key items.
    pub cap_bp: Option<u32>,
    /// The legal basis (law, article).
    pub basis: String,
    /// What the check covers.
    pub checks: Vec<String>,
    /// Whom the item applies to: GB/T 4754 industry prefixes; left out when the item applies
    /// to every entity.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<String>,
}

impl From<Item> for InspectionItem {
    fn from(i: Item) -> InspectionItem {
        InspectionItem {
            code: i.code,
            department: i.department,
            name_zh: i.name_zh,
            name_en: i.name_en,
            target: i.target.as_str(),
            kind: i.kind.as_str(),
            cap_bp: i.cap_bp,
            basis: i.basis,
            checks: i.checks,
            applies_to: i.applies_to,
        }
    }
}

/// A plan and where it stands: the answer to drafting it and to each step of its seed and
/// draw, and each of `GET /api/v1/inspection/plans`.
#[derive(Serialize)]
pub struct Plan {
    pub spec: PlanSpec,
    /// `drafted`, `published` or `drawn`.
    pub status: &'static str,
    pub drafted_on: NaiveDate,
    /// Seed party (pseudonym) → commitment (hex).
    pub commitments: BTreeMap<String, String>,
    pub published: Option<PlanPublished>,
    /// The log index of the publication: the checkpoint that seeds the draw comes after it.
    pub published_index: Option<u64>,
    /// Seed party (pseudonym) → secret (hex).
    pub reveals: BTreeMap<String, String>,
    pub draw: Option<Draw>,
    /// Tasks recorded, in rank order.
    pub tasks: u64,
    /// Results published.
    pub results: u64,
}

impl From<PlanState> for Plan {
    fn from(p: PlanState) -> Plan {
        let s = p.spec;
        let r = s.ratios;
        Plan {
            spec: PlanSpec {
                id: s.id,
                title: s.title,
                office: s.office.to_string(),
                starts_on: s.starts_on,
                ends_on: s.ends_on,
                items: s.items,
                scope: Scope {
                    divisions: s.scope.divisions.iter().map(|d| d.to_string()).collect(),
                    kinds: s.scope.kinds.iter().map(|k| k.as_str()).collect(),
                    industries: s.scope.industries,
                    statuses: s.scope.statuses.iter().map(|x| x.as_str()).collect(),
                },
                ratios: Ratios { a: r.a, b: r.b, c: r.c, d: r.d, u: r.u },
                trigger: s.trigger,
                team_size: s.team_size,
                forbid_own_office: s.forbid_own_office,
                recent_days: s.recent_days,
                parties: s.parties,
                reveal_by: s.reveal_by,
            },
            status: p.status.as_str(),
            drafted_on: p.drafted_on,
            commitments: p.commitments,
            published: p.published.map(|x| PlanPublished {
                plan: x.plan,
                pool_hash: x.pool_hash,
                targets: x.targets,
                strata: strata(x.strata),
                inspectors: x.inspectors,
                quota: x.quota,
                published_on: x.published_on,
            }),
            published_index: p.published_index,
            reveals: p.reveals,
            draw: p.draw.map(|d| Draw {
                plan: d.plan,
                checkpoint_size: d.checkpoint_size,
                checkpoint_root: d.checkpoint_root,
                parts: d.parts.into_iter().map(|x| PartyPart { party: x.party, secret: x.secret }).collect(),
                seed: d.seed,
                drawn: d.drawn,
                unassigned: d.unassigned,
                outcome_hash: d.outcome_hash,
            }),
            tasks: p.tasks,
            results: p.results,
        }
    }
}

/// Targets per credit class, by the class's letter.
fn strata(m: BTreeMap<Stratum, u64>) -> BTreeMap<&'static str, u64> {
    m.into_iter().map(|(s, n)| (s.as_str(), n)).collect()
}

/// A plan as drafted.
#[derive(Serialize)]
pub struct PlanSpec {
    /// `<year>-<office>-<number>`.
    pub id: String,
    pub title: String,
    /// The planning office's division code.
    pub office: String,
    pub starts_on: NaiveDate,
    /// Inspections are due by this day.
    pub ends_on: NaiveDate,
    /// Item codes.
    pub items: Vec<String>,
    pub scope: Scope,
    pub ratios: Ratios,
    /// Why class A is included.
    pub trigger: Option<String>,
    /// Inspectors per target (at least 2, 国办发〔2015〕58号).
    pub team_size: u8,
    /// No inspector from the target's own registering office.
    pub forbid_own_office: bool,
    /// No inspector who inspected the same target within this many days.
    pub recent_days: u32,
    /// The seed parties, by pseudonym.
    pub parties: Vec<String>,
    /// The last day for the parties' reveals.
    pub reveal_by: NaiveDate,
}

/// Which targets the pool takes from the register; an empty list takes all.
#[derive(Serialize)]
pub struct Scope {
    /// Registering offices' division codes (and everything below them).
    pub divisions: Vec<String>,
    /// Entity kinds' codes.
    pub kinds: Vec<&'static str>,
    /// GB/T 4754 code prefixes.
    pub industries: Vec<String>,
    /// Statuses' codes (active entities when empty).
    pub statuses: Vec<&'static str>,
}

/// Sampling ratios per credit class in basis points (国市监信发〔2022〕6号).
#[derive(Serialize)]
pub struct Ratios {
    pub a: u32,
    pub b: u32,
    pub c: u32,
    pub d: u32,
    /// Not yet classified.
    pub u: u32,
}

/// A plan's publication: the pool fixed, with its totals (never its counts per class in
/// public).
#[derive(Serialize)]
pub struct PlanPublished {
    pub plan: String,
    /// Hex SHA-256 of the pool file's canonical text.
    pub pool_hash: String,
    /// Targets in the pool.
    pub targets: u64,
    /// Targets per class: only in publications recorded before the counts were withdrawn from
    /// the public record; absent otherwise.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub strata: BTreeMap<&'static str, u64>,
    /// Inspectors in the pool.
    pub inspectors: u64,
    /// How many targets the draw takes.
    pub quota: u64,
    pub published_on: NaiveDate,
}

/// A plan's draw.
#[derive(Serialize)]
pub struct Draw {
    pub plan: String,
    /// The first signed checkpoint after the publication: its size and root hash (hex).
    pub checkpoint_size: u64,
    pub checkpoint_root: String,
    /// Every party, in pseudonym order.
    pub parts: Vec<PartyPart>,
    /// Hex of the seed.
    pub seed: String,
    pub drawn: u64,
    /// Targets drawn for whom no lawful team could be formed.
    pub unassigned: u64,
    /// Hex SHA-256 of the outcome's canonical text.
    pub outcome_hash: String,
}

/// One party's part in the seed.
#[derive(Serialize)]
pub struct PartyPart {
    /// The party's pseudonym.
    pub party: String,
    /// The revealed secret (hex); `null` when not revealed by the reveal day.
    pub secret: Option<String>,
}

/// `POST /api/v1/inspection/plans/{id}/publication`: the plan published, and for the planner
/// the pool file's size and the targets per credit class.
#[derive(Serialize)]
pub struct Published {
    pub plan: Plan,
    /// The pool file's canonical text size in bytes.
    pub pool_bytes: usize,
    /// Targets per credit class (restricted: the planner's only).
    pub strata: BTreeMap<&'static str, u64>,
}

impl From<shijian_app::inspection::Published> for Published {
    fn from(p: shijian_app::inspection::Published) -> Published {
        Published { plan: p.plan.into(), pool_bytes: p.pool_bytes, strata: strata(p.strata) }
    }
}

/// `GET /api/v1/inspection/plans/{id}`: a plan and how anyone repeats its draw; the targets
/// per credit class for the plan's planners and auditors only.
#[derive(Serialize)]
pub struct PlanView {
    pub plan: Plan,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strata: Option<BTreeMap<&'static str, u64>>,
    pub verify: HowToVerify,
}

impl PlanView {
    pub fn new(plan: PlanState, strata_seen: Option<BTreeMap<Stratum, u64>>) -> PlanView {
        let verify = HowToVerify::of(&plan.spec.id);
        PlanView { plan: plan.into(), strata: strata_seen.map(strata), verify }
    }
}

/// How anyone repeats a drawn plan's draw. The pool file lists each target's credit class and
/// is restricted (国市监信发〔2022〕6号); the seed and each drawn target's key are computed from
/// the public record alone.
#[derive(Serialize)]
pub struct HowToVerify {
    pub assignment: &'static str,
    /// The command that repeats the draw.
    pub command: String,
    pub documentation: &'static str,
    pub pool_file: &'static str,
    /// What the public record holds.
    pub public: &'static str,
    pub sampling: &'static str,
    /// How the seed is computed.
    pub seed: &'static str,
}

impl HowToVerify {
    fn of(plan: &str) -> HowToVerify {
        HowToVerify {
            assignment: "in key order; a certified inspector first, then one of each department, then the least loaded; ties by SHA-256(seed ‖ \"inspector\\n\" ‖ pseudonym)",
            command: format!("shijian draw verify --plan {plan}"),
            documentation: "ARCHITECTURE.md, section Random inspections",
            pool_file: "restricted (it lists each target's credit class): auditors and the seed parties obtain it from the administration and check it against the pool hash",
            public: "the seed from the plan, the pool hash, the checkpoint and the reveals; each drawn target's key; the tasks in key order",
            sampling: "per credit class, the ⌈count × ratio / 10000⌉ targets with the smallest first 8 bytes (big-endian) of SHA-256(seed ‖ target id)",
            seed: "SHA-256(\"shijian-draw-seed v1\\nplan <id>\\npool <hex>\\ncheckpoint <size> <hex root>\\n\" + one line \"party <name> <hex secret|absent>\" per party in name order)",
        }
    }
}

/// A task of a plan: a target drawn, its team, and its result (restricted until published).
/// Each of `GET /api/v1/inspection/plans/{id}/tasks` and `…/tasks/mine`, and the answer to
/// recording and publishing a result.
#[derive(Serialize)]
pub struct Task {
    pub assigned: Assigned,
    /// `unassigned`, `assigned`, `recorded` or `published`.
    pub status: &'static str,
    pub recorded: Option<Recorded>,
    pub published: Option<ResultPublished>,
}

impl From<TaskState> for Task {
    fn from(t: TaskState) -> Task {
        let a = t.assigned;
        Task {
            assigned: Assigned {
                plan: a.plan,
                target: a.target,
                rank: a.rank,
                inspectors: a.inspectors,
                unassigned: a.unassigned,
                items: a.items,
                due: a.due,
            },
            status: t.status.as_str(),
            recorded: t.recorded.map(|r| Recorded {
                plan: r.plan,
                target: r.target,
                inspected_on: r.inspected_on,
                category: r.category.as_str(),
                findings: r.findings,
                evidence: r.evidence,
            }),
            published: t.published.map(|p| ResultPublished {
                plan: p.plan,
                target: p.target,
                inspected_on: p.inspected_on,
                category: p.category.as_str(),
                published_on: p.published_on,
                due: p.due,
            }),
        }
    }
}

/// A target drawn and the team assigned.
#[derive(Serialize)]
pub struct Assigned {
    pub plan: String,
    /// The target's id (a credit code, or `<code>/<local id>`).
    pub target: String,
    /// Its place in key order, from 1.
    pub rank: u32,
    /// The inspectors' pseudonyms; empty when no lawful team could be formed.
    pub inspectors: Vec<String>,
    /// Why no lawful team could be formed.
    pub unassigned: Option<String>,
    pub items: Vec<String>,
    /// The plan's last day.
    pub due: NaiveDate,
}

/// The team's record of the check.
#[derive(Serialize)]
pub struct Recorded {
    pub plan: String,
    pub target: String,
    pub inspected_on: NaiveDate,
    /// The result category's code (`no_problem`, `ordered_to_correct`, …).
    pub category: &'static str,
    pub findings: String,
    /// SHA-256 (hex) of each piece of evidence.
    pub evidence: Vec<String>,
}

/// A result as published.
#[derive(Serialize)]
pub struct ResultPublished {
    pub plan: String,
    pub target: String,
    pub inspected_on: NaiveDate,
    pub category: &'static str,
    pub published_on: NaiveDate,
    /// The 20-workday term of publication.
    pub due: NaiveDate,
}

/// `POST /api/v1/inspection/plans/{id}/tasks/{target}/evidence`: the evidence's name, for the
/// result's `evidence`.
#[derive(Serialize)]
pub struct Evidence {
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

/// `POST /api/v1/inspection/objects`: how many were registered.
#[derive(Serialize)]
pub struct Registered {
    pub registered: usize,
}

#[cfg(test)]
mod tests {
    use shijian_core::inspection::items::{ItemKind, TargetKind};
    use shijian_core::inspection::task::{ResultCategory, TaskStatus};
    use shijian_core::inspection::{PlanStatus, Stratum};

    fn same<T: serde::Serialize>(v: T, code: &str) {
        assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(code));
    }

    /// The codes the wire types take from `as_str` are the ones the internal types serialise
    /// to, variant by variant.
    #[test]
    fn codes_are_the_serialised_names() {
        for s in Stratum::ALL {
            same(s, s.as_str());
        }
        for s in [PlanStatus::Drafted, PlanStatus::Published, PlanStatus::Drawn] {
            same(s, s.as_str());
        }
        for s in [TaskStatus::Unassigned, TaskStatus::Assigned, TaskStatus::Recorded, TaskStatus::Published] {
            same(s, s.as_str());
        }
        for c in ResultCategory::ALL {
            same(c, c.as_str());
        }
        for t in [TargetKind::Entity, TargetKind::Product, TargetKind::Premises] {
            same(t, t.as_str());
        }
        for k in [ItemKind::Ordinary, ItemKind::Key] {
            same(k, k.as_str());
        }
    }
}
