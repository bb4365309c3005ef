//! Random inspections (双随机、一公开): the item list, plans, the target and inspector pools,
//! the verifiable draw, the assignment of inspectors, tasks and results.
//!
//! Sources: 国务院办公厅关于推广随机抽查规范事中事后监管的通知 (国办发〔2015〕58号: targets and
//! inspectors drawn at random, results public); 国务院关于在市场监管领域全面推行部门联合“双随机、
//! 一公开”监管的意见 (国发〔2019〕5号: one list, two pools, joint checks across departments, results
//! public on the national credit system within 20 workdays [P]); 市场主体登记管理条例 第三十八条
//! (registered particulars checked by random draw, results public); 企业信息公示暂行条例 第十四条
//! (disclosures checked at random); 关于进一步贯彻落实企业信用风险分类管理的意见
//! (国市监信发〔2022〕6号: credit-risk classes A–D set the sampling ratio; class A is not
//! inspected without a trigger) [P]. "[M]" marks what is not confirmed in a primary text.
//!
//! # The draw, and who can check it
//!
//! A plan goes through these steps, each an event in the journal:
//!
//! 1. `inspection.plan_drafted`: the plan (items, scope, ratios per credit class, the seed
//!    parties and the last day for their reveals).
//! 2. `inspection.seed_committed`, once per party: `SHA-256` of the party's secret
//!    ([`seed::party_commitment`]). The parties are people the operator does not control (the
//!    supervising level's office, a discipline-inspection officer, a witness).
//! 3. `inspection.plan_published`: the pool is fixed. The targets (with their credit class at
//!    that moment) and the inspectors (with their exclusions) are written in the pool file's
//!    canonical text ([`pool::Pool::canonical`]); the event carries its SHA-256 and the totals
//!    (targets, inspectors, targets to draw), not the counts per class ([`plan::PlanPublished`]).
//! 4. The first signed checkpoint of the log after the publication (the checkpointer signs one
//!    within a second). Its root depends on everything in the log, the publication included.
//! 5. `inspection.seed_revealed`, once per party, accepted only after that checkpoint exists.
//! 6. `inspection.draw_made` with the seed, followed in the same transaction by one
//!    `inspection.task_assigned` per target drawn. The seed is
//!    `SHA-256(plan ‖ pool hash ‖ checkpoint size and root ‖ every party's secret or "absent")`
//!    ([`seed::seed`]); sampling and assignment are functions of the seed and the pool file
//!    ([`draw`]), so anyone holding them recomputes the same tasks (`shijian draw verify`).
//!
//! Threat model. The operator runs the log and the database; it could choose what to append
//! before the checkpoint (and so grind the checkpoint's root), or choose the pool. The pool is
//! fixed by its hash before any secret is revealed, and reveals are accepted only once the
//! checkpoint is signed, so when the last honest party reveals, nothing the operator controls
//! is left to choose: one honest party suffices. What remains: a party colluding with the
//! operator may withhold its reveal (the draw then uses "absent" for it after the reveal day),
//! which gives them a choice between two seeds per colluding party; a withheld reveal is
//! public on the plan's page. The operator may also never draw a plan it dislikes; a plan
//! published and not drawn is public too. A checkpoint signed twice at one size with different
//! roots is an equivocation the witnesses (`inspection` does not add any) detect.
//!
//! What the public sees. The credit-risk class of an entity is for the administration's own use
//! [M: 国市监信发〔2022〕6号 on 分级分类 treats classification results as internal], so the pool
//! file, which lists every target's class, is restricted like the classification events: it is
//! never served, and auditors and the seed parties obtain it from the administration. The four
//! public notices (国发〔2019〕5号: 抽查事项清单、抽查计划、抽查对象名单、抽查结果) need the plan
//! (items, scope, the ratio per class, which is policy), the pool's hash, the commitments and
//! reveals, the checkpoint, the seed, the totals (targets in the pool, targets drawn), every
//! task with its inspectors, and the results — and nothing per class: a count per class of a
//! small stratum (one class-D entity in a county) names that entity's class. Staff see the
//! counts, recomputed from the pool file. The public checks the seed from the record and each
//! drawn target's key `SHA-256(seed ‖ id)` (the tasks are in key order); with the pool file,
//! `shijian draw verify` repeats everything.
//!
//! Why not publish the pool with an opaque label per stratum instead of the class: the ratio
//! per class is public and the draw takes `⌈count × ratio⌉` of each stratum, so a label's size
//! and the number drawn under it identify its class whenever the ratios differ, and the label
//! then names the class of every member. What remains public is inherent to publishing a
//! sample stratified by class [M]: for a tiny pool the totals with the ratios narrow the
//! classes (one target, none drawn, means a class with ratio 0), and anyone who guesses the
//! pool from the public register can compare a drawn target's key with the keys of the
//! others; planners should not draw pools of a handful of targets by class.

pub mod draw;
pub mod items;
pub mod plan;
pub mod pool;
pub mod seed;
pub mod task;

pub use draw::{Assignment, DrawOutcome, Drawn};
pub use items::{Item, ItemKind, TargetKind};
pub use plan::{PlanSpec, PlanState, PlanStatus, Ratios, Scope, Stratum};
pub use pool::{Inspector, Pool, Target};
pub use task::{ResultCategory, TaskState, TaskStatus};

// Plans, draws, tasks and results are public (国发〔2019〕5号: 一公开); the inspector pool,
// conflicts and an unpublished result are not.
crate::declare_events! {
    /// `inspection.item_defined`: an item added to the list or changed ([`Item`]).
    KIND_ITEM_DEFINED, ITEM_DEFINED = "inspection.item_defined",
        basis: BASIS_DRAW, zh: "抽查事项清单调整", en: "inspection item defined";
    /// `inspection.inspector_enrolled`: a member of staff in the inspector pool, or their record
    /// changed ([`pool::InspectorRecord`]; restricted).
    KIND_INSPECTOR_ENROLLED, INSPECTOR_ENROLLED = "inspection.inspector_enrolled",
        basis: BASIS_DRAW, zh: "执法检查人员名录库", en: "inspector enrolled", restricted;
    /// `inspection.conflict_declared`: an inspector declares a conflict of interest with a target
    /// ([`pool::ConflictDeclared`]; restricted).
    KIND_CONFLICT_DECLARED, CONFLICT_DECLARED = "inspection.conflict_declared",
        basis: "中华人民共和国行政处罚法 第四十三条", zh: "回避申报", en: "conflict of interest declared", restricted;
    /// `inspection.plan_drafted` ([`PlanSpec`]).
    KIND_PLAN_DRAFTED, PLAN_DRAFTED = "inspection.plan_drafted",
        basis: BASIS_DRAW, zh: "抽查计划制定", en: "inspection plan drafted";
    /// `inspection.seed_committed` ([`plan::SeedCommitted`]).
    KIND_SEED_COMMITTED, SEED_COMMITTED = "inspection.seed_committed",
        basis: BASIS_DRAW, zh: "随机数承诺", en: "seed commitment";
    /// `inspection.plan_published` ([`plan::PlanPublished`]).
    KIND_PLAN_PUBLISHED, PLAN_PUBLISHED = "inspection.plan_published",
        basis: BASIS_DRAW, zh: "抽查计划公示", en: "inspection plan published";
    /// `inspection.seed_revealed` ([`plan::SeedRevealed`]).
    KIND_SEED_REVEALED, SEED_REVEALED = "inspection.seed_revealed",
        basis: BASIS_DRAW, zh: "随机数公开", en: "seed revealed";
    /// `inspection.draw_made` ([`plan::DrawMade`]).
    KIND_DRAW_MADE, DRAW_MADE = "inspection.draw_made",
        basis: BASIS_DRAW, zh: "双随机抽取", en: "random draw";
    /// `inspection.task_assigned`: one target drawn, with its inspectors ([`task::TaskAssigned`]).
    KIND_TASK_ASSIGNED, TASK_ASSIGNED = "inspection.task_assigned",
        basis: BASIS_DRAW, zh: "列入抽查", en: "drawn for inspection";
    /// `inspection.result_recorded`: the inspectors' record of the check ([`task::ResultRecorded`];
    /// restricted until published).
    KIND_RESULT_RECORDED, RESULT_RECORDED = "inspection.result_recorded",
        basis: BASIS_RESULT, zh: "检查结果录入", en: "inspection result recorded", restricted;
    /// `inspection.result_published`: the result made public ([`task::ResultPublished`]).
    KIND_RESULT_PUBLISHED, RESULT_PUBLISHED = "inspection.result_published",
        basis: BASIS_RESULT, zh: "抽查检查结果公示", en: "inspection result published";
    /// `inspection.object_registered`: a product or premises for pools ([`pool::InspectionObject`]).
    KIND_OBJECT_REGISTERED, OBJECT_REGISTERED = "inspection.object_registered",
        basis: BASIS_DRAW, zh: "检查对象（产品、经营场所）登记", en: "product or premises registered for inspections";
}

crate::event_data!(
    Item => ITEM_DEFINED,
    pool::InspectorRecord => INSPECTOR_ENROLLED,
    pool::ConflictDeclared => CONFLICT_DECLARED,
    PlanSpec => PLAN_DRAFTED,
    plan::SeedCommitted => SEED_COMMITTED,
    plan::PlanPublished => PLAN_PUBLISHED,
    plan::SeedRevealed => SEED_REVEALED,
    plan::DrawMade => DRAW_MADE,
    task::TaskAssigned => TASK_ASSIGNED,
    task::ResultRecorded => RESULT_RECORDED,
    task::ResultPublished => RESULT_PUBLISHED,
    pool::InspectionObject => OBJECT_REGISTERED,
);

/// Every kind of this module, in the order of the procedure.
pub const KINDS: &[&str] = &[
    KIND_ITEM_DEFINED,
    KIND_OBJECT_REGISTERED,
    KIND_INSPECTOR_ENROLLED,
    KIND_CONFLICT_DECLARED,
    KIND_PLAN_DRAFTED,
    KIND_SEED_COMMITTED,
    KIND_PLAN_PUBLISHED,
    KIND_SEED_REVEALED,
    KIND_DRAW_MADE,
    KIND_TASK_ASSIGNED,
    KIND_RESULT_RECORDED,
    KIND_RESULT_PUBLISHED,
];

/// The legal basis recorded on plans, draws and tasks.
pub const BASIS_DRAW: &str = "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见（国发〔2019〕5号）";
/// The legal basis recorded on published results: 企业信息公示暂行条例 第十四条 (results public),
/// with the 20-workday term of 国发〔2019〕5号.
pub const BASIS_RESULT: &str = "企业信息公示暂行条例 第十四条；国发〔2019〕5号";

/// Whether events of `kind` belong to this module.
pub fn is_kind(kind: &str) -> bool {
    KINDS.contains(&kind)
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Reads 32 bytes of lower- or upper-case hex.
pub fn parse_hex32(field: &str, s: &str) -> crate::Result<[u8; 32]> {
    let bad = || crate::Error::new(crate::Code::InspectionField).with("field", field).with("reason", "64 hex digits");
    let s = s.trim();
    if s.len() != 64 {
        return Err(bad());
    }
    let mut out = [0u8; 32];
    for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
        let v = |c: u8| (c as char).to_digit(16).ok_or_else(bad);
        out[i] = (v(chunk[0])? * 16 + v(chunk[1])?) as u8;
    }
    Ok(out)
}
