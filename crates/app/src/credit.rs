//! The credit file's use cases: annual reports, the lists and their scheduled jobs, the risk
//! classification of every entity, and the public credit file.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use shijian_core::case::CaseState;
use shijian_core::case::procedure::PenaltyWeight;
use shijian_core::credit::annual::{self, AnnualReport};
use shijian_core::credit::classify::{self, Model, RiskClass};
use shijian_core::credit::file::{CreditFile, OpenMatter};
use shijian_core::credit::lists::{self, AbnormalCause, ListState};
use shijian_core::credit::{Decision, Record};
use shijian_core::credit::{objection, repair};
use shijian_core::entity::EntityState;
use shijian_core::event::{Actor, NewEvent, Publicity, Role};
use shijian_core::registry::Encumbrances;
use shijian_core::{Code, DivisionCode, Error, Result};
use shijian_store::{Appended, Expect, Store};

use crate::access::{Action, authorize};

/// The credit file, for one caller.
pub struct Credit<'a> {
    pub store: &'a Store,
}

fn public() -> Publicity {
    Publicity::Public { until: None }
}

/// The events recording a list decision.
pub fn list_event(
    actor: &Actor,
    d: &Decision<ListState, lists::ListEvent>,
    subject: &str,
    at: DateTime<Utc>,
) -> Result<NewEvent> {
    Ok(NewEvent::of(d, Some(subject), actor, at)?.with_publicity(public()))
}

/// What stands in the way of simple deregistration, from the credit file (实施细则 第四十八条
/// 第一项: either list) and from the enforcement cases against the entity (a case filed and
/// not yet decided: 立案调查; a fine or confiscation decided and not paid). Encumbered equity
/// is not recorded in shijian: it is not known here.
pub fn encumbrances(file: Option<&CreditFile>, cases: &[CaseState]) -> Encumbrances {
    use shijian_core::case::procedure::Status;
    let (abnormal_list, serious_list) =
        file.map_or((false, false), |f| (f.lists.on_abnormal_list(), f.lists.on_serious_list()));
    Encumbrances {
        abnormal_list,
        serious_list,
        under_investigation: cases.iter().any(|c| c.status == Status::Investigating),
        unpaid_fine: cases.iter().any(CaseState::fine_unpaid),
        ..Encumbrances::default()
    }
}

fn no_matter(reference: &str) -> Error {
    Error::new(Code::CreditWorkflow).with("status", "无此事项").with("action", format!("reference {reference}"))
}

/// A penalty that proposes a serious-list entry, for the credit office.
#[derive(Clone, Debug, Serialize)]
pub struct SeriousProposal {
    pub case: String,
    pub entity: String,
    pub party: String,
    pub office: DivisionCode,
    pub ground: lists::SeriousGround,
    pub penalty: lists::HeavierPenalty,
    /// The decision's number (文号).
    pub number: String,
    pub decided_on: NaiveDate,
}

/// Counts of a classification run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ClassifyReport {
    pub entities: u64,
    pub changed: u64,
    /// Entities per class A, B, C, D.
    pub classes: [u64; 4],
    pub model_version: String,
}

impl<'a> Credit<'a> {
    pub fn new(store: &'a Store) -> Credit<'a> {
        Credit { store }
    }

    async fn entity(&self, uscc: &str) -> Result<EntityState> {
        match self.store.entity(uscc).await? {
            Some(row) => Ok(row.state),
            None => Err(Error::new(Code::RegistryUnknownEntity).with("uscc", uscc)),
        }
    }

    /// The entity's credit file (empty if nothing is on it yet).
    pub async fn file(&self, uscc: &str) -> Result<CreditFile> {
        let state = self.entity(uscc).await?;
        Ok(self.store.credit_file(uscc).await?.unwrap_or_else(|| CreditFile::new(state.entity.kind)))
    }

    /// The entity `uscc` and its credit file, for someone about to file for it: the enterprise
    /// itself, or staff entering a filing on its behalf inside their jurisdiction. Refused as
    /// the filing itself would be.
    pub async fn filer_view(&self, actor: &Actor, uscc: &str) -> Result<(EntityState, CreditFile)> {
        let state = self.entity(uscc).await?;
        authorize_subject(actor, Action::FileReport, &state, uscc)?;
        let file = self.file(uscc).await?;
        Ok((state, file))
    }

    /// Files an annual report (企业信息公示暂行条例 第八条、第九条): the published part as a public
    /// event, the part the entity chose not to publish as a restricted one. An enterprise files
    /// its own report only.
    pub async fn file_annual_report(
        &self,
        actor: &Actor,
        uscc: &str,
        report: &AnnualReport,
        back_entry: Option<&BackEntry>,
        at: DateTime<Utc>,
    ) -> Result<Vec<Appended>> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize_subject(actor, Action::FileReport, &state, uscc)?;
        check_not_closed(&state, uscc)?;
        let on = filing_day(actor, back_entry, at)?;
        let file = self.file(uscc).await?;
        let filing = annual::file_report(
            report,
            state.entity.kind,
            state.entity.established_on,
            file.reports.contains_key(&report.year),
            on,
        )?;
        let mut events = vec![record_event(actor, &filing.public, uscc, at, public())?];
        if let Some(r) = &filing.restricted {
            events.push(record_event(actor, r, uscc, at, Publicity::Restricted)?);
        }
        for e in &mut events {
            note_back_entry(e, back_entry);
        }
        self.store.append_checked(&events, &Expect::since(seen).subject(uscc)).await
    }

    /// Corrects a filed annual report (企业信息公示暂行条例 第十二条: by 30 June; the corrected
    /// report is published beside the original).
    pub async fn correct_annual_report(
        &self,
        actor: &Actor,
        uscc: &str,
        report: &AnnualReport,
        on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<Vec<Appended>> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize_subject(actor, Action::FileReport, &state, uscc)?;
        let file = self.file(uscc).await?;
        let filing = annual::correct_report(report, state.entity.kind, file.reports.contains_key(&report.year), on)?;
        let mut events = vec![record_event(actor, &filing.public, uscc, at, public())?];
        if let Some(r) = &filing.restricted {
            events.push(record_event(actor, r, uscc, at, Publicity::Restricted)?);
        }
        self.store.append_checked(&events, &Expect::since(seen).subject(uscc)).await
    }

    /// Publishes instant information (即时信息, 企业信息公示暂行条例 第十条: within 20 workdays of
    /// its creation; later disclosures are recorded as late). Needs the working-day calendar.
    #[allow(clippy::too_many_arguments)]
    pub async fn disclose_instant(
        &self,
        actor: &Actor,
        uscc: &str,
        item: annual::InstantItem,
        occurred_on: NaiveDate,
        summary: &str,
        amount: Option<&str>,
        on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let state = self.entity(uscc).await?;
        authorize_subject(actor, Action::FileReport, &state, uscc)?;
        let calendar = self.store.calendar().await?;
        let r = annual::disclose_instant(&calendar, state.entity.kind, item, occurred_on, on, summary, amount)?;
        self.append_one(record_event(actor, &r, uscc, at, public())?).await
    }

    /// Lists an entity as abnormal (or marks an individual business) for `cause`
    /// (企业经营异常名录管理暂行办法 第四条).
    pub async fn list_abnormal(
        &self,
        actor: &Actor,
        uscc: &str,
        cause: AbnormalCause,
        on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize(actor, Action::CreditRecord, Some(state.entity.authority))?;
        let file = self.file(uscc).await?;
        let d = lists::decide(&file.lists, &lists::Command::ListAbnormal { cause, on })?;
        let appended =
            self.store.append_checked(&[list_event(actor, &d, uscc, at)?], &Expect::since(seen).subject(uscc)).await?;
        appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal))
    }

    /// Any list decision (removal, serious listing, ...), decided against the entity's lists.
    pub async fn decide_list(
        &self,
        actor: &Actor,
        uscc: &str,
        command: &lists::Command,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize(actor, Action::CreditRecord, Some(state.entity.authority))?;
        let file = self.file(uscc).await?;
        let d = lists::decide(&file.lists, command)?;
        let appended =
            self.store.append_checked(&[list_event(actor, &d, uscc, at)?], &Expect::since(seen).subject(uscc)).await?;
        appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal))
    }

    /// Penalties decided by offices inside `division` that propose a serious-list entry
    /// ([`CaseState::serious_proposal`]) and have never been listed under their decision's
    /// number: the credit office's worklist of proposals, read from the index of undecided
    /// ones (a listing decides a proposal for good; its entry's end does not propose it again).
    pub async fn serious_proposals(&self, actor: &Actor, division: DivisionCode) -> Result<Vec<SeriousProposal>> {
        authorize(actor, Action::CreditRecord, Some(division))?;
        let mut out = Vec::new();
        for c in self.store.serious_case_proposals(Some(division)).await? {
            let (Some((ground, penalty)), Some(entity), Some(d)) =
                (c.serious_proposal(), c.party.entity.clone(), c.decision.clone())
            else {
                continue;
            };
            out.push(SeriousProposal {
                case: c.id.clone(),
                entity,
                party: c.party.name.clone(),
                office: c.office,
                ground,
                penalty,
                number: d.number,
                decided_on: d.on,
            });
        }
        Ok(out)
    }

    /// Lists the party of case `id` on the serious list as its penalty proposes (the credit
    /// office's decision, at its own level; below the province with the consent of the level
    /// above, 名单办法 [P]), the decision's number recorded with the entry.
    pub async fn list_serious_from_case(
        &self,
        actor: &Actor,
        id: &str,
        upper_level_consent: bool,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let tier = actor.office.map_or(shijian_core::Tier::Province, |o| o.tier());
        let unknown = || Error::new(Code::CaseUnknown).with("id", id.to_string());
        shijian_core::case::check_id(id)?;
        let c = self.store.case(id).await?.ok_or_else(unknown)?;
        authorize(actor, Action::CreditRecord, Some(c.office))?;
        let (Some((ground, penalty)), Some(entity), Some(d)) =
            (c.serious_proposal(), c.party.entity.clone(), c.decision.clone())
        else {
            return Err(Error::new(Code::CaseWorkflow)
                .with("id", id.to_string())
                .with("status", c.status.zh())
                .with("step", "列入严重违法失信名单 / serious listing"));
        };
        // A proposal is decided once: after its entry ends (its term, or early removal after
        // repair) the same penalty does not list its party again.
        if self.store.case_listed(id).await? {
            return Err(Error::new(Code::CaseWorkflow)
                .with("id", id.to_string())
                .with("status", c.status.zh())
                .with("step", "再次据此列入严重违法失信名单 / listing again on the serious list"));
        }
        let command = lists::Command::ListSerious {
            ground,
            penalty: Some(penalty),
            decision: Some(d.number),
            on: shijian_core::calendar::legal_date(at),
            tier,
            upper_level_consent,
        };
        self.decide_list(actor, &entity, &command, at).await
    }

    /// The scheduled job after 30 June: every existing entity missing the report of `year`
    /// is listed (marked, for individual businesses) as of `on` (名录办法 第六条; 企业信息公示
    /// 暂行条例 第十七条). Returns how many were listed.
    pub async fn list_missing_reports(
        &self,
        actor: &Actor,
        year: i32,
        on: NaiveDate,
        at: DateTime<Utc>,
        progress: impl Fn(u64),
    ) -> Result<u64> {
        authorize(actor, Action::CreditRecord, None)?;
        let window = annual::report_window(year)?;
        if on <= window.closes {
            return Err(Error::new(Code::CreditReportNotDue).with("year", year).with(
                "reason",
                format!("年报公示期至{}结束 / the filing window ends on {}", window.closes, window.closes),
            ));
        }
        let mut listed = 0;
        self.for_each_page(
            |page, files, _cases| {
                let mut events = Vec::new();
                for state in page {
                    let code = state.entity.uscc.to_string();
                    if !state.status.exists() || annual::first_report_year(state.entity.established_on) > year {
                        continue;
                    }
                    let file = files.iter().find(|(c, _)| *c == code).map(|(_, f)| f.clone());
                    let file = file.unwrap_or_else(|| CreditFile::new(state.entity.kind));
                    if file.reports.contains_key(&year) {
                        continue;
                    }
                    let command =
                        lists::Command::ListAbnormal { cause: AbnormalCause::AnnualReportMissing { year }, on };
                    // Already listed for that year: nothing to do.
                    if let Ok(d) = lists::decide(&file.lists, &command) {
                        events.push(list_event(actor, &d, &code, at)?);
                    }
                }
                listed += events.len() as u64;
                Ok(events)
            },
            &progress,
        )
        .await?;
        Ok(listed)
    }

    /// A credit repair request (市场监督管理信用修复管理办法 第二条、第四条), by the entity
    /// itself or entered by the credit office; refused at once when the record cannot be
    /// repaired (yet).
    #[allow(clippy::too_many_arguments)]
    pub async fn request_repair(
        &self,
        actor: &Actor,
        uscc: &str,
        reference: &str,
        target: repair::RepairTarget,
        facts: &repair::RepairFacts,
        back_entry: Option<&BackEntry>,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize_subject(actor, Action::FileReport, &state, uscc)?;
        check_not_closed(&state, uscc)?;
        let on = filing_day(actor, back_entry, at)?;
        let file = self.file(uscc).await?;
        if file.repairs.contains_key(reference) {
            return Err(no_matter(reference).with("status", "编号已使用 / reference in use"));
        }
        let d = repair::submit(&file.lists, reference, target, facts, on)?;
        let mut e = NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(Publicity::Restricted);
        note_back_entry(&mut e, back_entry);
        self.append_checked_one(e, &Expect::since(seen).subject(uscc)).await
    }

    /// The repair request `reference` on the entity's file.
    pub async fn repair_request(&self, uscc: &str, reference: &str) -> Result<repair::RepairRequest> {
        let file = self.file(uscc).await?;
        file.repairs.get(reference).cloned().ok_or_else(|| no_matter(reference))
    }

    /// The office's steps on a repair request: accept or refuse it, then approve or reject it.
    /// An approval and what it leads to (the removal from the list) are appended together.
    /// The step's day is the legal day the server records it ([`step_day`]), or the day of a
    /// paper decision entered later (`back_entry`, recorded in the event).
    pub async fn review_repair(
        &self,
        actor: &Actor,
        uscc: &str,
        reference: &str,
        step: RepairStep,
        back_entry: Option<&BackEntry>,
        at: DateTime<Utc>,
    ) -> Result<Vec<Appended>> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize(actor, Action::CreditRecord, Some(state.entity.authority))?;
        let file = self.file(uscc).await?;
        let request = file.repairs.get(reference).ok_or_else(|| no_matter(reference))?;
        let on = step_day(actor, back_entry, request.submitted_on, at)?;
        let restricted = Publicity::Restricted;
        let events = match step {
            RepairStep::Accept => {
                let d = repair::accept(request, on)?;
                vec![NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(restricted)]
            }
            RepairStep::Refuse { reason } => {
                let d = repair::refuse(request, on, &reason)?;
                vec![NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(restricted)]
            }
            RepairStep::Reject { reason } => {
                let d = repair::reject(request, on, &reason)?;
                vec![NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(restricted)]
            }
            RepairStep::Approve { facts } => {
                let approval = repair::approve(&file.lists, request, &facts, on)?;
                let d = &approval.decision;
                let mut events = vec![NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(restricted)];
                match &approval.follow_up {
                    repair::FollowUp::List(command) => {
                        let removal = lists::decide(&file.lists, command)?;
                        events.push(list_event(actor, &removal, uscc, at)?);
                    }
                    repair::FollowUp::EndPenaltyPublicity { .. } => {
                        // Penalty decisions come with the enforcement module; until then there
                        // is no published penalty to end.
                        return Err(Error::new(Code::CreditRepairNotAvailable)
                            .with("reason", "行政处罚信息尚未纳入本系统 / penalties are not yet kept here"));
                    }
                }
                events
            }
        };
        let mut events = events;
        if let Some(first) = events.first_mut() {
            note_back_entry(first, back_entry);
        }
        self.store.append_checked(&events, &Expect::since(seen).subject(uscc)).await
    }

    /// An objection to a listing or another credit record (名录办法 第十五条; 国办发〔2020〕49号).
    #[allow(clippy::too_many_arguments)]
    pub async fn file_objection(
        &self,
        actor: &Actor,
        uscc: &str,
        reference: &str,
        target: objection::ObjectionTarget,
        grounds: &str,
        back_entry: Option<&BackEntry>,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize_subject(actor, Action::FileReport, &state, uscc)?;
        check_not_closed(&state, uscc)?;
        let on = filing_day(actor, back_entry, at)?;
        let file = self.file(uscc).await?;
        if file.objections.contains_key(reference) {
            return Err(no_matter(reference).with("status", "编号已使用 / reference in use"));
        }
        let d = objection::file(reference, target, on, grounds)?;
        let mut e = NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(Publicity::Restricted);
        note_back_entry(&mut e, back_entry);
        self.append_checked_one(e, &Expect::since(seen).subject(uscc)).await
    }

    /// The office's steps on an objection: accept or refuse it (5 workdays), then verify it
    /// (20 workdays); an upheld objection to a listing removes the listing in the same append.
    /// The step's day is as for [`Credit::review_repair`].
    pub async fn review_objection(
        &self,
        actor: &Actor,
        uscc: &str,
        reference: &str,
        step: ObjectionStep,
        back_entry: Option<&BackEntry>,
        at: DateTime<Utc>,
    ) -> Result<Vec<Appended>> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize(actor, Action::CreditRecord, Some(state.entity.authority))?;
        let file = self.file(uscc).await?;
        let o = file.objections.get(reference).ok_or_else(|| no_matter(reference))?;
        let on = step_day(actor, back_entry, o.filed_on, at)?;
        let restricted = Publicity::Restricted;
        let events = match step {
            ObjectionStep::Accept => {
                let d = objection::accept(o, on)?;
                vec![NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(restricted)]
            }
            ObjectionStep::Refuse { reason } => {
                let d = objection::refuse(o, on, &reason)?;
                vec![NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(restricted)]
            }
            ObjectionStep::Verify { upheld, finding } => {
                let d = objection::verify(o, on, upheld, &finding)?;
                let mut events = vec![NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(restricted)];
                if let Some(command) = objection::follow_up(&d.next, on) {
                    let removal = lists::decide(&file.lists, &command)?;
                    events.push(list_event(actor, &removal, uscc, at)?);
                }
                events
            }
        };
        let mut events = events;
        if let Some(first) = events.first_mut() {
            note_back_entry(first, back_entry);
        }
        self.store.append_checked(&events, &Expect::since(seen).subject(uscc)).await
    }

    /// The scheduled moves on `today` for every entity on a list: serious entries ending after
    /// 3 years, abnormal entries moving to the serious list after 3 years, and the reminders
    /// in the 60 days before (lists::due_moves). Returns the number of decisions recorded.
    pub async fn run_due_moves(
        &self,
        actor: &Actor,
        today: NaiveDate,
        at: DateTime<Utc>,
        progress: impl Fn(u64),
    ) -> Result<u64> {
        authorize(actor, Action::CreditRecord, None)?;
        let mut n = 0;
        self.for_each_page(
            |page, files, _cases| {
                let mut events = Vec::new();
                for state in page {
                    let code = state.entity.uscc.to_string();
                    let Some((_, file)) = files.iter().find(|(c, _)| *c == code) else { continue };
                    if file.lists.abnormal.is_empty() && file.lists.serious.is_empty() {
                        continue;
                    }
                    for d in lists::due_moves(&file.lists, today)? {
                        events.push(list_event(actor, &d, &code, at)?);
                    }
                }
                n += events.len() as u64;
                Ok(events)
            },
            &progress,
        )
        .await?;
        Ok(n)
    }

    /// Records a credit commitment (信用承诺) the entity made. Commitments made under
    /// 告知承诺制 and other public commitments are published (国办发〔2020〕42号 asks for
    /// commitments to be made public [P; wording not read M]); the commitment that comes with a
    /// repair request stays with the request, restricted. Entities on the serious list cannot use
    /// 告知承诺制 ([`repair::make_commitment`]).
    #[allow(clippy::too_many_arguments)]
    pub async fn make_commitment(
        &self,
        actor: &Actor,
        uscc: &str,
        reference: &str,
        context: repair::CommitmentContext,
        matter: &str,
        on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize_subject(actor, Action::FileReport, &state, uscc)?;
        let file = self.file(uscc).await?;
        if file.commitments.contains_key(reference.trim()) {
            return Err(no_matter(reference).with("status", "编号已使用 / reference in use"));
        }
        let d = repair::make_commitment(&file.lists, reference, context, on, matter)?;
        let publicity = commitment_publicity(context);
        self.append_checked_one(
            NewEvent::of(&d, Some(uscc), actor, at)?.with_publicity(publicity),
            &Expect::since(seen).subject(uscc),
        )
        .await
    }

    /// Records that a commitment on file was broken, as found by the office on `on`; the
    /// breach counts against the risk class (国市监信发〔2022〕6号 indicators) and is published
    /// like the commitment.
    pub async fn record_breach(
        &self,
        actor: &Actor,
        uscc: &str,
        reference: &str,
        finding: &str,
        on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize(actor, Action::CreditRecord, Some(state.entity.authority))?;
        let file = self.file(uscc).await?;
        let commitment = file.commitments.get(reference).ok_or_else(|| no_matter(reference))?;
        let r = repair::breach(commitment, on, finding)?;
        self.append_checked_one(
            record_event(actor, &r, uscc, at, commitment_publicity(commitment.context))?,
            &Expect::since(seen).subject(uscc),
        )
        .await
    }

    /// The credit office's worklist: repair requests and objections waiting for a step inside
    /// `division` (the actor's own jurisdiction if `None`), each with its due day on the
    /// official calendar and whether it is overdue on `today`; the most urgent first.
    pub async fn worklist(
        &self,
        actor: &Actor,
        division: Option<shijian_core::DivisionCode>,
        today: NaiveDate,
    ) -> Result<Vec<WorkItem>> {
        let division = division.or(actor.office);
        authorize(actor, Action::CreditRecord, division)?;
        let calendar = self.store.calendar().await?;
        let mut out = Vec::new();
        for (row, file) in self.store.credit_open_matters(division).await? {
            for m in file.open_matters(&calendar) {
                out.push(WorkItem {
                    uscc: row.state.entity.uscc.to_string(),
                    name: row.state.entity.name.clone(),
                    authority: row.state.entity.authority.to_string(),
                    overdue: m.due.is_some_and(|d| d < today),
                    matter: m,
                });
            }
        }
        out.sort_by(|a, b| OpenMatter::order(&a.matter, &b.matter).then_with(|| a.uscc.cmp(&b.uscc)));
        Ok(out)
    }

    async fn append_one(&self, event: NewEvent) -> Result<Appended> {
        let appended = self.store.append(&[event]).await?;
        appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal))
    }

    async fn append_checked_one(&self, event: NewEvent, expect: &Expect) -> Result<Appended> {
        let appended = self.store.append_checked(&[event], expect).await?;
        appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal))
    }

    /// Recomputes every existing entity's risk class on `as_of` (国市监信发〔2022〕6号: monthly)
    /// and records the classes that changed, as restricted events (`credit.risk_classified`).
    pub async fn classify_all(
        &self,
        actor: &Actor,
        model: &Model,
        as_of: NaiveDate,
        at: DateTime<Utc>,
        progress: impl Fn(u64),
    ) -> Result<ClassifyReport> {
        authorize(actor, Action::Classify, None)?;
        let mut report = ClassifyReport { model_version: model.version.clone(), ..ClassifyReport::default() };
        let thresholds = shijian_core::case::Thresholds::default();
        self.for_each_page(
            |page, files, cases| {
                let mut events = Vec::new();
                for state in page {
                    if !state.status.exists() {
                        continue;
                    }
                    let code = state.entity.uscc.to_string();
                    let file = files.binary_search_by(|(c, _)| c.as_str().cmp(&code)).ok().map(|i| &files[i].1);
                    let empty;
                    let file = match file {
                        Some(f) => f,
                        None => {
                            empty = CreditFile::new(state.entity.kind);
                            &empty
                        }
                    };
                    let mut facts = file.facts(state, as_of)?;
                    // Its penalties of the last three years (the cases are in code order).
                    let from = cases.partition_point(|s| s.party.entity.as_deref() < Some(code.as_str()));
                    for s in cases[from..].iter().take_while(|s| s.party.entity.as_deref() == Some(code.as_str())) {
                        match s.penalty_weight(&thresholds, as_of) {
                            Some(PenaltyWeight::Light) => {
                                facts.penalties_light = facts.penalties_light.saturating_add(1)
                            }
                            Some(PenaltyWeight::Standard) => {
                                facts.penalties_standard = facts.penalties_standard.saturating_add(1)
                            }
                            Some(PenaltyWeight::Severe) => {
                                facts.penalties_severe = facts.penalties_severe.saturating_add(1)
                            }
                            None => {}
                        }
                    }
                    let c = classify::classify(&facts, model);
                    report.entities += 1;
                    report.classes[class_index(c.class)] += 1;
                    let same = file.class.as_ref().is_some_and(|old| {
                        old.class == c.class && old.score == c.score && old.model_version == model.version.as_str()
                    });
                    if !same {
                        let data = c.to_event(as_of, model);
                        events.push(NewEvent::of(&data, Some(&code), actor, at)?.with_publicity(Publicity::Restricted));
                    }
                }
                report.changed += events.len() as u64;
                Ok(events)
            },
            &progress,
        )
        .await?;
        Ok(report)
    }

    /// Walks the register a page at a time with the page's credit files; appends what `f`
    /// returns for each page. A page's events are prepared and appended while the next page is
    /// read and worked on (the pages hold different entities, so neither sees the other).
    async fn for_each_page(
        &self,
        mut f: impl FnMut(&[EntityState], &[(String, CreditFile)], &[CaseState]) -> Result<Vec<NewEvent>>,
        progress: &impl Fn(u64),
    ) -> Result<()> {
        const PAGE: usize = 20_000;
        let mut after: Option<String> = None;
        let mut done = 0u64;
        let mut writing: Option<tokio::task::JoinHandle<Result<()>>> = None;
        loop {
            let page = self.store.entities_page(None, after.as_deref(), PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.state.entity.uscc.to_string());
            let codes: Vec<String> = page.iter().map(|r| r.state.entity.uscc.to_string()).collect();
            let mut files = self.store.credit_files(&codes).await?;
            files.sort_by(|a, b| a.0.cmp(&b.0));
            // The page's codes are in order: its decided cases are those of its range.
            let cases = match (codes.first(), codes.last()) {
                (Some(lo), Some(hi)) => self.store.decided_cases_of_entities(lo, hi).await?,
                _ => Vec::new(),
            };
            let mut cases = cases;
            cases.sort_by(|a, b| a.party.entity.cmp(&b.party.entity).then_with(|| a.id.cmp(&b.id)));
            let states: Vec<EntityState> = page.into_iter().map(|r| r.state).collect();
            let events = f(&states, &files, &cases)?;
            if let Some(w) = writing.take() {
                joined(w.await)?;
            }
            if !events.is_empty() {
                let store = self.store.clone();
                writing = Some(tokio::spawn(async move {
                    let batch = joined(tokio::task::spawn_blocking(move || Store::prepare(&events)).await)?;
                    store.append_prepared(batch).await.map(|_| ())
                }));
            }
            done += states.len() as u64;
            progress(done);
        }
        if let Some(w) = writing {
            joined(w.await)?;
        }
        Ok(())
    }
}

/// The result of a task that should not have panicked.
fn joined<T>(r: std::result::Result<Result<T>, tokio::task::JoinError>) -> Result<T> {
    r.map_err(|e| Error::new(Code::Internal).with("reason", e))?
}

/// One line of the credit office's worklist.
#[derive(Clone, Debug, Serialize)]
pub struct WorkItem {
    pub uscc: String,
    pub name: String,
    pub authority: String,
    #[serde(flatten)]
    pub matter: OpenMatter,
    /// The due day has passed.
    pub overdue: bool,
}

fn commitment_publicity(context: repair::CommitmentContext) -> Publicity {
    match context {
        repair::CommitmentContext::CreditRepair => Publicity::Restricted,
        _ => public(),
    }
}

fn class_index(c: RiskClass) -> usize {
    match c {
        RiskClass::A => 0,
        RiskClass::B => 1,
        RiskClass::C => 2,
        RiskClass::D => 3,
    }
}

/// A paper filing that staff enter after the day it was made (补录): that day, and why it is
/// entered late. Recorded in the filing's event as `back_entry`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct BackEntry {
    pub on: NaiveDate,
    pub reason: String,
}

/// The filing day of an annual report, objection or repair request: the legal day (China
/// Standard Time) on which the server receives it, never a day the filer states
/// (企业信息公示暂行条例 第八条: the report is filed between 1 January and 30 June; what is late is
/// decided by when it reaches the system). Staff entering a paper filing give the day it was
/// made and a reason; an enterprise cannot. A day after today is refused.
pub fn filing_day(actor: &Actor, back_entry: Option<&BackEntry>, at: DateTime<Utc>) -> Result<NaiveDate> {
    let today = shijian_core::calendar::legal_date(at);
    let Some(b) = back_entry else { return Ok(today) };
    let refuse = |reason: &str| Err(Error::new(Code::FilingBackEntry).with("reason", reason));
    if matches!(actor.role, Role::Enterprise | Role::Public) {
        return refuse("仅工作人员可补录 / staff only");
    }
    if b.reason.trim().is_empty() {
        return refuse("须说明理由 / a reason is required");
    }
    if b.reason.chars().count() > 500 {
        return refuse("理由过长 / the reason is too long");
    }
    if b.on > today {
        return refuse("日期晚于今日 / the day is after today");
    }
    Ok(b.on)
}

/// The day of a credit office's step on a repair request or an objection (accept, refuse,
/// verify, approve, reject): the legal day (China Standard Time) on which the server records it,
/// as for [`filing_day`] (市场监督管理信用修复管理办法 第十三条 and 名录办法 第十五条 count their
/// periods from these days, so the client does not choose them). Staff entering a paper decision
/// made earlier give its day and a reason (`back_entry`); that day may not be after today nor
/// before the matter was filed (`filed_on`).
pub fn step_day(
    actor: &Actor,
    back_entry: Option<&BackEntry>,
    filed_on: NaiveDate,
    at: DateTime<Utc>,
) -> Result<NaiveDate> {
    let on = filing_day(actor, back_entry, at)?;
    if back_entry.is_some() && on < filed_on {
        return Err(Error::new(Code::FilingBackEntry)
            .with("reason", "日期早于事项提出之日 / the day is before the matter was filed")
            .with("filed_on", filed_on));
    }
    Ok(on)
}

fn note_back_entry(e: &mut NewEvent, back_entry: Option<&BackEntry>) {
    if let (Some(b), Some(data)) = (back_entry, e.data.as_object_mut()) {
        data.insert("back_entry".into(), serde_json::json!({ "on": b.on.to_string(), "reason": b.reason.trim() }));
    }
}

/// An entity that no longer exists (注销, 撤销登记) or whose licence is revoked (吊销) files no
/// annual report, objection or repair request: 企业信息公示暂行条例 第八条 binds enterprises in
/// existence; 市场主体登记管理条例 第四十条、第四十四条 (an annulled registration, a revoked licence)
/// and 公司法 第二百三十九条 (a deregistered company ends). Whether a revoked entity may still
/// object to a record on its file is not confirmed; it is refused here, and staff can act for it.
fn check_not_closed(state: &EntityState, uscc: &str) -> Result<()> {
    use shijian_core::registry::Status;
    match state.status {
        Status::Deregistered | Status::Revoked | Status::Annulled => Err(Error::new(Code::CreditEntityClosed)
            .with("uscc", uscc)
            .with("status", state.status.zh())
            .with("status_en", state.status.as_str())),
        _ => Ok(()),
    }
}

fn record_event<D: Serialize>(
    actor: &Actor,
    r: &Record<D>,
    subject: &str,
    at: DateTime<Utc>,
    publicity: Publicity,
) -> Result<NewEvent> {
    Ok(NewEvent::of(r, Some(subject), actor, at)?.with_publicity(publicity))
}

/// An enterprise acts on its own file only (its actor's pseudonym is its code); staff inside
/// their jurisdiction.
fn authorize_subject(actor: &Actor, action: Action, state: &EntityState, uscc: &str) -> Result<()> {
    authorize(actor, action, crate::access::Subject::entity(Some(state.entity.authority), uscc))
}

/// An entity's credit file as the public sees it (国家企业信用信息公示系统): the registration,
/// its history, annual reports' published parts, list entries. Restricted events and events
/// whose publicity period has ended are left out; they stay in the journal for auditors.
#[derive(Clone, Debug, Serialize)]
pub struct PublicFile {
    pub entity: EntityState,
    pub history: Vec<PublicEvent>,
    pub annual_reports: Vec<serde_json::Value>,
    pub abnormal: Vec<serde_json::Value>,
    pub serious: Vec<serde_json::Value>,
    /// Published random-inspection results (抽查检查结果): plan, target, day, category.
    pub inspections: Vec<serde_json::Value>,
    /// Each change of registration (变更登记) with the items' values before and after, oldest
    /// first, as the publicity system lists 变更信息 (企业信息公示暂行条例 第六条).
    pub changes: Vec<PublicChange>,
    /// Administrative penalties public today (行政处罚信息公示规定 第六条), newest first.
    pub penalties: Vec<shijian_core::case::procedure::Published>,
}

/// One change of registration as the public sees it: which items changed, from what to what.
#[derive(Clone, Debug, Serialize)]
pub struct PublicChange {
    /// The event's id, for "verify this record".
    pub id: String,
    /// The day of the change.
    pub on: NaiveDate,
    pub items: Vec<ChangedItem>,
}

/// One item of a change: its field's name in [`shijian_core::entity::Changes`], before, after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangedItem {
    pub item: &'static str,
    pub before: String,
    pub after: String,
}

/// The items `changes` changes in `entity`, with the values they had before. Scope codes are
/// left out when the scope's words are given too (the words are what the public reads).
fn changed_items(entity: &shijian_core::entity::Entity, changes: &shijian_core::entity::Changes) -> Vec<ChangedItem> {
    let mut out = Vec::new();
    let mut push = |item: &'static str, before: String, after: Option<String>| {
        if let Some(after) = after
            && after != before
        {
            out.push(ChangedItem { item, before, after });
        }
    };
    push("name", entity.name.clone(), changes.name.clone());
    push("address", entity.address.clone(), changes.address.clone());
    push("representative", entity.representative.clone(), changes.representative.clone());
    push("capital", entity.capital.clone().unwrap_or_default(), changes.capital.clone());
    push("scope_text", entity.scope_text.clone(), changes.scope_text.clone());
    if changes.scope_text.is_none() {
        push("scope", entity.scope.join("、"), changes.scope.as_ref().map(|s| s.join("、")));
    }
    push(
        "industry",
        entity.industry.map(|i| i.to_string()).unwrap_or_default(),
        changes.industry.map(|i| i.to_string()),
    );
    out
}

/// One public event: enough to fetch its receipt and check it against the log.
#[derive(Clone, Debug, Serialize)]
pub struct PublicEvent {
    pub index: u64,
    pub id: String,
    pub kind: String,
    pub day: String,
    pub basis: String,
}

/// The parts of an event's record the public view uses, borrowed from the stored text.
#[derive(serde::Deserialize)]
struct RecordView<'a> {
    #[serde(borrow, default)]
    basis: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    data: Option<&'a serde_json::value::RawValue>,
}

/// The public credit file of `uscc` on `today`: one read of the entity and its events.
pub async fn public_file(store: &Store, uscc: &str, today: NaiveDate) -> Result<PublicFile> {
    let Some(found) = store.entity_with_events(uscc).await? else {
        return Err(Error::new(Code::RegistryUnknownEntity).with("uscc", uscc));
    };
    let mut out = PublicFile {
        entity: found.row.state,
        history: Vec::new(),
        annual_reports: Vec::new(),
        abnormal: Vec::new(),
        serious: Vec::new(),
        inspections: Vec::new(),
        changes: Vec::new(),
        penalties: store.public_penalties_of_entity(uscc, today).await?.into_iter().map(|r| r.record).collect(),
    };
    // The registration as it stood before each change, folded from the public registry events.
    let mut registered: Option<EntityState> = None;
    let integrity = |err: serde_json::Error| Error::new(Code::DbIntegrity).with("reason", err);
    for e in found.events {
        if !e.is_public_on(today) {
            continue;
        }
        let record: RecordView<'_> = serde_json::from_str(&e.record).map_err(integrity)?;
        let data = || -> Result<serde_json::Value> {
            record.data.map_or(Ok(serde_json::Value::Null), |d| serde_json::from_str(d.get()).map_err(integrity))
        };
        match e.kind.as_str() {
            annual::KIND_ANNUAL_REPORT_FILED | annual::KIND_ANNUAL_REPORT_CORRECTED => out.annual_reports.push(data()?),
            lists::KIND_ABNORMAL_LISTED
            | lists::KIND_ABNORMAL_MARKED
            | lists::KIND_ABNORMAL_REMOVED
            | lists::KIND_ABNORMAL_MARK_REMOVED => {
                out.abnormal.push(serde_json::json!({"kind": e.kind, "data": data()?, "id": e.id}))
            }
            lists::KIND_SERIOUS_LISTED | lists::KIND_SERIOUS_REMOVED => {
                out.serious.push(serde_json::json!({"kind": e.kind, "data": data()?, "id": e.id, "index": e.index}))
            }
            shijian_core::inspection::KIND_RESULT_PUBLISHED => out.inspections.push(data()?),
            kind if kind.starts_with("registry.") => {
                if let Some(event) = shijian_core::entity::RegistryEvent::parse(kind, &data()?)? {
                    if let (Some(before), shijian_core::entity::RegistryEvent::Changed { on, changes }) =
                        (&registered, &event)
                    {
                        let items = changed_items(&before.entity, changes);
                        if !items.is_empty() {
                            out.changes.push(PublicChange { id: e.id.clone(), on: *on, items });
                        }
                    }
                    // A public file shows what was recorded; an event that does not fold here
                    // (none should) leaves the before-values as they were.
                    if let Ok(next) = shijian_core::entity::apply(registered.clone(), &event) {
                        registered = Some(next);
                    }
                }
            }
            _ => {}
        }
        // The day it happened, in China Standard Time (the record's time is in UTC).
        let day = shijian_core::calendar::legal_day_text(&e.occurred_at);
        out.history.push(PublicEvent { index: e.index, id: e.id, kind: e.kind, day, basis: record.basis.into_owned() });
    }
    // A serious-list entry is published while it lasts; once removed (3 years, or early after
    // repair) it leaves the public view, its listing and removal alike (市场监督管理严重违法失信
    // 名单管理办法; the article on ending publication was not read [M]).
    let key = |v: &serde_json::Value| (v["data"]["ground"].clone(), v["data"]["listed_on"].clone());
    let removed: Vec<_> = out.serious.iter().filter(|v| v["kind"] == lists::KIND_SERIOUS_REMOVED).map(key).collect();
    let hidden: Vec<u64> =
        out.serious.iter().filter(|v| removed.contains(&key(v))).filter_map(|v| v["index"].as_u64()).collect();
    out.serious.retain(|v| !removed.contains(&key(v)));
    out.history.retain(|h| !hidden.contains(&h.index));
    for v in &mut out.serious {
        if let Some(o) = v.as_object_mut() {
            o.remove("index");
        }
    }
    Ok(out)
}

/// A step of the office's review of a repair request.
#[derive(Clone, Debug)]
pub enum RepairStep {
    Accept,
    Refuse { reason: String },
    Approve { facts: repair::RepairFacts },
    Reject { reason: String },
}

/// A step of the office's handling of an objection.
#[derive(Clone, Debug)]
pub enum ObjectionStep {
    Accept,
    Refuse { reason: String },
    Verify { upheld: bool, finding: String },
}
