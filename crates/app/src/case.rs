//! Enforcement: clues received, checked and filed or not, cases investigated, noticed, heard,
//! reviewed, decided, served, paid, published and closed. The rules are `shijian_core::case`;
//! here each step is authorised by role and jurisdiction, its days and limits are counted on
//! the official calendar, the proposed penalty is computed from the discretion benchmark, and
//! the step is appended as an event whose fold re-runs the transition inside the append's
//! transaction (of two officers taking the same step at once, one lands and the other gets
//! `case_workflow`).

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
pub use shijian_core::case::Queue;
use shijian_core::case::benchmark::{self, Benchmarks};
use shijian_core::case::procedure::*;
use shijian_core::case::{self as c, CaseState, Clocks, Thresholds};
use shijian_core::event::{Actor, EventData, NewEvent};
use shijian_core::{Calendar, Code, DivisionCode, Error, Result};
use shijian_store::Store;

use crate::access::{Action, authorize};

/// Enforcement work, for one store.
pub struct Cases<'a> {
    pub store: &'a Store,
    /// The province's hearing and lower-amount thresholds.
    pub thresholds: Thresholds,
}

/// A clue as an officer or another module enters it.
#[derive(Clone, Debug, Deserialize)]
pub struct NewClue {
    pub office: DivisionCode,
    pub source: Source,
    pub party: Party,
    pub facts: String,
    #[serde(default)]
    pub violation_on: Option<NaiveDate>,
    #[serde(default)]
    pub harm: bool,
    #[serde(default)]
    pub row: Option<String>,
}

/// The penalty an officer proposes or decides: the benchmark row and the case's facts, from
/// which the proposal is computed, and the officer's own figures when they depart from it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PenaltyInput {
    pub row: String,
    #[serde(default)]
    pub goods_value_yuan: Option<i64>,
    #[serde(default)]
    pub illegal_gains_yuan: Option<i64>,
    #[serde(default)]
    pub circumstances: Vec<benchmark::Circumstance>,
    /// The penalty types; by default those of the benchmark's proposal (a fine when there is an
    /// amount, confiscation of illegal gains when there are any, of illegal goods where the row
    /// provides it).
    #[serde(default)]
    pub types: Vec<PenaltyType>,
    /// The fine in yuan when it is not the proposal's.
    #[serde(default)]
    pub fine_yuan: Option<i64>,
    #[serde(default)]
    pub departure_reason: Option<String>,
    #[serde(default)]
    pub departure_approved_by: Option<String>,
    #[serde(default)]
    pub facts: String,
}

/// A step, as the API and the forms send it: `{"step": "file", ...}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum StepInput {
    ExtendCheck {
        approved_by: String,
        reason: String,
    },
    Pause {
        reason: PauseReason,
        #[serde(default)]
        note: String,
    },
    Resume,
    File {
        approved_by: String,
        officers: Vec<String>,
        #[serde(default)]
        row: Option<String>,
    },
    NotFile {
        ground: NotFiledGround,
        reason: String,
        approved_by: String,
    },
    NotifyReporter,
    AddEvidence {
        kind: EvidenceKind,
        sha256: String,
        #[serde(default)]
        note: String,
    },
    TakeMeasure {
        kind: MeasureKind,
        approved_by: String,
        items: String,
    },
    ExtendMeasure {
        measure: u32,
        approved_by: String,
    },
    EndMeasure {
        measure: u32,
        outcome: String,
    },
    ExtendDecision {
        approved_by: String,
        reason: String,
        #[serde(default)]
        until: Option<NaiveDate>,
    },
    SubmitReview {
        kind: ReviewKind,
    },
    Review {
        agreed: bool,
        opinion: String,
    },
    Notice {
        penalty: PenaltyInput,
    },
    Statement {
        #[serde(default)]
        summary: String,
        #[serde(default)]
        waived: bool,
    },
    RequestHearing,
    NotifyHearing {
        hearing_on: NaiveDate,
        place: String,
    },
    HoldHearing {
        summary: String,
    },
    Collective {
        members: u32,
        resolution: String,
    },
    /// A penalty as noticed (`penalty` absent: the noticed one), or no penalty on a ground of
    /// 处罚法 第三十三条 with the education given.
    Decide {
        #[serde(default)]
        penalty: Option<PenaltyInput>,
        #[serde(default)]
        no_penalty: Option<NotFiledGround>,
        #[serde(default)]
        education: Option<String>,
        approved_by: String,
    },
    DecideSummary {
        penalty: PenaltyInput,
    },
    Serve {
        method: ServiceMethod,
    },
    Pay,
    ApplyEnforcement {
        court: String,
    },
    Transfer {
        police: String,
        approved_by: String,
        reason: String,
    },
    AcknowledgeTransfer,
    AnswerTransfer {
        accepted: bool,
        #[serde(default)]
        note: String,
    },
    Publish,
    EndPublicity {
        reason: PublicityEnd,
    },
    ChangeDecision {
        by: ChangeBy,
        #[serde(default)]
        penalty: Option<PenaltyInput>,
        reference: String,
    },
    Close {
        approved_by: String,
    },
}

impl StepInput {
    pub fn step(&self) -> Step {
        match self {
            StepInput::ExtendCheck { .. } => Step::ExtendCheck,
            StepInput::Pause { .. } => Step::Pause,
            StepInput::Resume => Step::Resume,
            StepInput::File { .. } => Step::File,
            StepInput::NotFile { .. } => Step::NotFile,
            StepInput::NotifyReporter => Step::NotifyReporter,
            StepInput::AddEvidence { .. } => Step::AddEvidence,
            StepInput::TakeMeasure { .. } => Step::TakeMeasure,
            StepInput::ExtendMeasure { .. } => Step::ExtendMeasure,
            StepInput::EndMeasure { .. } => Step::EndMeasure,
            StepInput::ExtendDecision { .. } => Step::ExtendDecision,
            StepInput::SubmitReview { .. } => Step::SubmitReview,
            StepInput::Review { .. } => Step::Review,
            StepInput::Notice { .. } => Step::Notice,
            StepInput::Statement { .. } => Step::Statement,
            StepInput::RequestHearing => Step::RequestHearing,
            StepInput::NotifyHearing { .. } => Step::NotifyHearing,
            StepInput::HoldHearing { .. } => Step::HoldHearing,
            StepInput::Collective { .. } => Step::Collective,
            StepInput::Decide { .. } => Step::Decide,
            StepInput::DecideSummary { .. } => Step::DecideSummary,
            StepInput::Serve { .. } => Step::Serve,
            StepInput::Pay => Step::Pay,
            StepInput::ApplyEnforcement { .. } => Step::ApplyEnforcement,
            StepInput::Transfer { .. } => Step::Transfer,
            StepInput::AcknowledgeTransfer => Step::AcknowledgeTransfer,
            StepInput::AnswerTransfer { .. } => Step::AnswerTransfer,
            StepInput::Publish => Step::Publish,
            StepInput::EndPublicity { .. } => Step::EndPublicity,
            StepInput::ChangeDecision { .. } => Step::ChangeDecision,
            StepInput::Close { .. } => Step::Close,
        }
    }
}

/// A matter as its officers see it: the state, its clocks, what is overdue and what may be
/// done next.
#[derive(Clone, Debug, Serialize)]
pub struct CaseView {
    pub case: CaseState,
    pub clocks: Clocks,
    pub overdue: Vec<&'static str>,
    pub next_steps: Vec<Step>,
}

/// A matter raised by another module's record, as that record's page names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Raised {
    pub id: String,
    pub status: Status,
    /// Whether the caller may open the matter.
    pub readable: bool,
}

/// A page of a desk and the size of each queue.
#[derive(Clone, Debug, Serialize)]
pub struct Desk {
    pub rows: Vec<CaseView>,
    /// How many open matters each queue holds, in the order of [`Queue::ALL`].
    pub counts: [u64; 4],
}

impl Desk {
    /// How many open matters `queue` holds.
    pub fn count(&self, queue: Queue) -> u64 {
        self.counts[queue.index()]
    }
}

/// One row of the monthly statistics export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExportRow {
    pub id: String,
    pub clue_received_on: String,
    pub filing_due: String,
    pub filed_on: String,
    pub decision_due: String,
    pub decided_on: String,
    pub procedure: String,
    pub outcome: String,
    pub fine_yuan: String,
    pub hearing_offered: String,
    pub published_on: String,
    pub publicity_until: String,
    /// `true` when a limit above counts a day of a provisional year (暂定), else empty.
    pub provisional: String,
}

impl ExportRow {
    pub const HEADER: &'static [&'static str] = &[
        "id",
        "clue_received_on",
        "filing_due",
        "filed_on",
        "decision_due",
        "decided_on",
        "procedure",
        "outcome",
        "fine_yuan",
        "hearing_offered",
        "published_on",
        "publicity_until",
        "provisional",
    ];

    /// The row of `s` on `cal`. The filing and decision limits are those that applied (for a
    /// matter already past them, counted as they stood: the clock on its decision day).
    pub fn of(cal: &Calendar, s: &CaseState, today: NaiveDate) -> ExportRow {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        // The limits as they ran: count the clocks of the state before the step that ended them.
        let mut open = s.clone();
        open.status = if s.filed_on.is_some() { Status::Investigating } else { Status::Clue };
        open.decision = None;
        let until = s.decision.as_ref().map(|d| d.on).or(s.closed_on).unwrap_or(today);
        let mut clue = open.clone();
        clue.status = Status::Clue;
        clue.filed_on = None;
        let filing = clue.clocks(cal, s.filed_on.or(s.not_filed.map(|n| n.0)).unwrap_or(today));
        let decision = if s.filed_on.is_some() { open.clocks(cal, until) } else { Clocks::default() };
        let fine = s.current_penalty().map_or(0, |p| p.fine_fen);
        ExportRow {
            id: s.id.clone(),
            clue_received_on: s.received_on.to_string(),
            filing_due: date(filing.filing_due),
            filed_on: date(s.filed_on),
            decision_due: date(decision.decision_due),
            decided_on: date(s.decision.as_ref().map(|d| d.on)),
            procedure: s.decision.as_ref().map(|d| d.procedure.as_str().to_string()).unwrap_or_default(),
            outcome: s.outcome().as_str().to_string(),
            fine_yuan: if fine > 0 { format!("{}.{:02}", fine / 100, fine % 100) } else { String::new() },
            hearing_offered: s.notice.as_ref().is_some_and(|n| n.hearing_offered).to_string(),
            published_on: date(s.publicity.as_ref().map(|p| p.on)),
            publicity_until: date(s.publicity.as_ref().map(|p| p.until)),
            provisional: if filing.provisional || decision.provisional { "true".into() } else { String::new() },
        }
    }

    pub fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.clue_received_on.clone(),
            self.filing_due.clone(),
            self.filed_on.clone(),
            self.decision_due.clone(),
            self.decided_on.clone(),
            self.procedure.clone(),
            self.outcome.clone(),
            self.fine_yuan.clone(),
            self.hearing_offered.clone(),
            self.published_on.clone(),
            self.publicity_until.clone(),
            self.provisional.clone(),
        ]
    }
}

fn day(at: DateTime<Utc>) -> NaiveDate {
    shijian_core::calendar::legal_date(at)
}

fn event(actor: &Actor, id: &str, data: &impl EventData, at: DateTime<Utc>) -> Result<NewEvent> {
    NewEvent::of(data, Some(id), actor, at)
}

/// The document series a step's decision is numbered in (处罚, 不罚, 简罚), if it takes one.
pub fn number_kind(input: &StepInput) -> Option<&'static str> {
    match input {
        StepInput::Decide { no_penalty: Some(_), .. } => Some("不罚"),
        StepInput::Decide { .. } => Some("处罚"),
        StepInput::DecideSummary { .. } => Some("简罚"),
        _ => None,
    }
}

/// How many times an id or a number taken by a concurrent append is chosen again.
const RETRIES: usize = 4;

/// The document series of an office (文号 prefix), e.g. 鄂洪山市监处罚 for 洪山区: 鄂, the
/// division's name without its last character (区, 县, 市) and the kind [M: each office sets
/// its own abbreviations; these are unique among Hubei's divisions but not the offices' own].
pub fn series(office: DivisionCode, kind: &str) -> String {
    let name = office.name();
    let short: String = if name.chars().count() > 2 {
        let n = name.chars().count();
        name.chars().take(n - 1).collect()
    } else {
        name.to_string()
    };
    let short = short.trim_end_matches("土家族苗族自治").trim_end_matches("自治");
    if office.tier() == shijian_core::Tier::Province {
        return format!("鄂市监{kind}");
    }
    format!("鄂{short}市监{kind}")
}

impl<'a> Cases<'a> {
    pub fn new(store: &'a Store) -> Cases<'a> {
        Cases { store, thresholds: Thresholds::default() }
    }

    async fn load(&self, id: &str) -> Result<CaseState> {
        c::check_id(id)?;
        self.store.case(id).await?.ok_or_else(|| Error::new(Code::CaseUnknown).with("id", id.to_string()))
    }

    /// The view of a matter on `today`.
    pub async fn view(&self, state: CaseState, today: NaiveDate) -> Result<CaseView> {
        let cal = self.store.calendar().await?;
        Ok(CaseView {
            clocks: state.clocks(&cal, today),
            overdue: state.overdue(&cal, today),
            next_steps: state.next_steps(),
            case: state,
        })
    }

    /// A matter, for its office's officers, reviewers and auditors.
    pub async fn get(&self, actor: &Actor, id: &str, today: NaiveDate) -> Result<CaseView> {
        let s = self.load(id).await?;
        authorize(actor, Action::ReadCase, Some(s.office))?;
        self.view(s, today).await
    }

    /// The matter a record of another module raised against `entity` (its source: an
    /// inspection's `plan target`, a 12315 clue's number): its id and status, and whether
    /// `actor` may open it (its office's case staff). For that record's own page, whose caller
    /// decides who may see it (`Inspections::case_raised`).
    pub(crate) async fn raised_by(
        &self,
        actor: &Actor,
        entity: &str,
        kind: SourceKind,
        reference: &str,
    ) -> Result<Option<Raised>> {
        let found = self
            .store
            .cases_of_entity(entity)
            .await?
            .into_iter()
            .find(|s| s.source.kind == kind && s.source.reference.as_deref() == Some(reference));
        Ok(found.map(|s| Raised {
            readable: authorize(actor, Action::ReadCase, Some(s.office)).is_ok(),
            id: s.id,
            status: s.status,
        }))
    }

    /// Receives a clue: numbered `AJ` + the day + the next number of the day, decided again if a
    /// concurrent clue took it.
    pub async fn receive(&self, actor: &Actor, clue: NewClue, at: DateTime<Utc>) -> Result<CaseState> {
        self.receive_with(actor, clue, at, |_| Ok(Vec::new())).await
    }

    /// [`Cases::receive`], appending with the clue the events `with` makes for the matter's id
    /// (the source's own record of what became of it), all or none.
    pub async fn receive_with(
        &self,
        actor: &Actor,
        clue: NewClue,
        at: DateTime<Utc>,
        mut with: impl FnMut(&str) -> Result<Vec<NewEvent>>,
    ) -> Result<CaseState> {
        authorize(actor, Action::HandleCase, Some(clue.office))?;
        let on = day(at);
        if let Some(row) = &clue.row {
            Benchmarks::shipped().applicable(on)?.row(row)?;
        }
        let prefix = format!("AJ{}", on.format("%Y%m%d"));
        let mut last = None;
        for _ in 0..RETRIES {
            let next = match self.store.highest_case_id(&prefix).await? {
                Some(id) => id[10..].parse::<u32>().unwrap_or(0) + 1,
                None => 1,
            };
            let data = ClueReceived {
                id: c::make_id(on, next),
                office: clue.office,
                received_on: on,
                source: clue.source.clone(),
                party: clue.party.clone(),
                facts: clue.facts.trim().to_string(),
                violation_on: clue.violation_on,
                harm: clue.harm,
                row: clue.row.clone(),
                officer: actor.pseudonym.clone(),
            };
            let state = CaseState::received(&data)?;
            let mut events = vec![event(actor, &data.id, &data, at)?];
            events.extend(with(&data.id)?);
            match self.store.append(&events).await {
                Ok(_) => return Ok(state),
                Err(e) if e.code() == Code::CaseWorkflow => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| Error::new(Code::Internal)))
    }

    /// The benchmark's proposal for `input` under the case's version, and the penalty it gives.
    pub fn penalty(
        &self,
        s: &CaseState,
        input: &PenaltyInput,
        on: NaiveDate,
    ) -> Result<(benchmark::Proposal, Penalty)> {
        let set = Benchmarks::shipped();
        let b = match &s.benchmark {
            Some(v) => set.version(v).ok_or_else(|| c::field("benchmark", v))?,
            None => set.applicable(on)?,
        };
        let mut facts = benchmark::Facts::new(s.party.kind);
        facts.goods_value_yuan = input.goods_value_yuan;
        facts.illegal_gains_yuan = input.illegal_gains_yuan;
        facts.circumstances = input.circumstances.clone();
        let proposal = b.propose(&input.row, &facts)?;
        let row = b.row(&input.row)?;
        let fine_fen = input.fine_yuan.map_or(proposal.fine_fen, |y| y * 100);
        // By default the penalties the row's proposal names (a fine only with an amount), so
        // that the decision imposes what its explanation says.
        let mut types = input.types.clone();
        if types.is_empty() {
            types = proposal.penalties.iter().copied().filter(|t| *t != PenaltyType::Fine || fine_fen > 0).collect();
            if fine_fen > 0 && !types.contains(&PenaltyType::Fine) {
                types.insert(0, PenaltyType::Fine);
            }
            if types.is_empty() {
                types.push(PenaltyType::Warning);
            }
        }
        let departure = match (&input.departure_reason, &input.departure_approved_by) {
            (Some(r), Some(a)) if !r.trim().is_empty() && !a.trim().is_empty() => {
                Some(Departure { reason: r.trim().into(), approved_by: a.trim().into() })
            }
            _ => None,
        };
        if fine_fen != proposal.fine_fen {
            benchmark::check_departure(
                &proposal,
                fine_fen,
                input.departure_reason.as_deref().unwrap_or(""),
                input.departure_approved_by.as_deref(),
            )?;
        }
        let facts_text = if input.facts.trim().is_empty() { s.facts.clone() } else { input.facts.trim().to_string() };
        let penalty = Penalty {
            types,
            fine_fen,
            confiscated_fen: input.illegal_gains_yuan.unwrap_or(0).max(0) * 100,
            row: proposal.row.clone(),
            benchmark: proposal.version.clone(),
            band: proposal.band,
            proposed_fine_fen: Some(proposal.fine_fen),
            explanation: proposal.explain_zh.clone(),
            departure,
            facts: facts_text,
            basis: format!("{}；{}", row.forbids, row.punishes),
            sensitive: matches!(
                row.field,
                benchmark::Field::Food | benchmark::Field::Drug | benchmark::Field::SpecialEquipment
            ),
        };
        Ok((proposal, penalty))
    }

    /// Takes one step on a matter (see [`StepInput`]) on the legal day of `at`.
    pub async fn step(&self, actor: &Actor, id: &str, input: StepInput, at: DateTime<Utc>) -> Result<CaseView> {
        let on = day(at);
        for attempt in 0..RETRIES {
            let s = self.load(id).await?;
            let action =
                if matches!(input, StepInput::Review { .. }) { Action::ReviewCase } else { Action::HandleCase };
            authorize(actor, action, Some(s.office))?;
            let cal = self.store.calendar().await?;
            let number = match number_kind(&input) {
                Some(kind) => Some(self.number(s.office, kind, on).await?),
                None => None,
            };
            let e = self.prepare(actor, &s, &input, on, &cal, number, at)?;
            let mut next = s.clone();
            next.apply(&CaseEvent::parse(&e.kind, &e.data)?)?;
            match self.store.append(&[e]).await {
                Ok(_) => return self.view(next, on).await,
                // A document number taken by a concurrent decision: number again.
                Err(err) if err.code() == Code::CaseNumberTaken && attempt + 1 < RETRIES => continue,
                Err(err) => return Err(err),
            }
        }
        Err(Error::new(Code::Internal).with("reason", "retries exhausted"))
    }

    async fn number(&self, office: DivisionCode, kind: &str, on: NaiveDate) -> Result<String> {
        let series = series(office, kind);
        let n = self.store.highest_document_number(&series, on.year()).await? + 1;
        Ok(c::document_number(&series, on.year(), n))
    }

    /// The event of `input` on the matter `s` on `on`, the limits counted on `cal`; `number` is
    /// the document number of a decision ([`number_kind`] says which series), taken by the
    /// caller. Nothing is read or written: [`Cases::step`] appends what this makes, and a
    /// synthetic history makes a province's cases with it.
    #[allow(clippy::too_many_arguments)]
    pub fn prepare(
        &self,
        actor: &Actor,
        s: &CaseState,
        input: &StepInput,
        on: NaiveDate,
        cal: &Calendar,
        number: Option<String>,
        at: DateTime<Utc>,
    ) -> Result<NewEvent> {
        let numbered = || number.clone().ok_or_else(|| c::field("number", "必填 / required"));
        let id = s.id.clone();
        let me = actor.pseudonym.clone().unwrap_or_default();
        macro_rules! ev {
            ($data:expr) => {
                event(actor, &s.id, &$data, at)
            };
        }
        match input.clone() {
            StepInput::ExtendCheck { approved_by, reason } => ev!(CheckExtended { id, on, approved_by, reason }),
            StepInput::Pause { reason, note } => ev!(Paused { id, on, reason, note }),
            StepInput::Resume => ev!(Resumed { id, on }),
            StepInput::File { approved_by, officers, row } => {
                let b = Benchmarks::shipped().applicable(on)?;
                if let Some(r) = &row {
                    b.row(r)?;
                }
                ev!(Filed { id, on, approved_by, benchmark: b.version.clone(), row, officers })
            }
            StepInput::NotFile { ground, reason, approved_by } => ev!(NotFiled { id, on, ground, reason, approved_by }),
            StepInput::NotifyReporter => ev!(ReporterNotified { id, on }),
            StepInput::AddEvidence { kind, sha256, note } => ev!(EvidenceAdded { id, on, kind, sha256, note }),
            StepInput::TakeMeasure { kind, approved_by, items } => {
                let measure = s.measures.len() as u32 + 1;
                ev!(MeasureTaken { id, measure, kind, on, approved_by, items })
            }
            StepInput::ExtendMeasure { measure, approved_by } => ev!(MeasureExtended { id, measure, on, approved_by }),
            StepInput::EndMeasure { measure, outcome } => ev!(MeasureEnded { id, measure, on, outcome }),
            StepInput::ExtendDecision { approved_by, reason, until } => {
                ev!(DecisionExtended { id, on, approved_by, reason, until })
            }
            StepInput::SubmitReview { kind } => ev!(ReviewSubmitted { id, on, kind }),
            StepInput::Review { agreed, opinion } => ev!(Reviewed { id, on, agreed, opinion, reviewer: me }),
            StepInput::Notice { penalty } => {
                let (_, penalty) = self.penalty(s, &penalty, on)?;
                let hearing_offered = penalty.hearing_offered(s.party.kind, &self.thresholds);
                ev!(Noticed { id, on, penalty, hearing_offered })
            }
            StepInput::Statement { summary, waived } => ev!(StatementReceived { id, on, summary, waived }),
            StepInput::RequestHearing => {
                let limit = s.clocks(cal, on).statement_due;
                ev!(HearingRequested { id, on, limit })
            }
            StepInput::NotifyHearing { hearing_on, place } => ev!(HearingNotified { id, on, hearing_on, place }),
            StepInput::HoldHearing { summary } => ev!(HearingHeld { id, on, summary }),
            StepInput::Collective { members, resolution } => ev!(CollectiveDecided { id, on, members, resolution }),
            StepInput::Decide { penalty, no_penalty, education, approved_by } => {
                let statement_due =
                    s.notice.as_ref().and_then(|n| cal.add_workdays(n.served_on, c::STATEMENT_WORKDAYS).ok());
                let penalty = match (penalty, no_penalty) {
                    (_, Some(_)) => None,
                    (Some(p), None) => Some(self.penalty(s, &p, on)?.1),
                    (None, None) => match &s.notice {
                        Some(n) => Some(n.penalty.clone()),
                        None => return Err(c::field("penalty", "必填 / required")),
                    },
                };
                let number = numbered()?;
                ev!(Decided {
                    id,
                    on,
                    procedure: Procedure::Standard,
                    number,
                    penalty,
                    ground: no_penalty,
                    education,
                    approved_by,
                    statement_due,
                })
            }
            StepInput::DecideSummary { penalty } => {
                let (_, penalty) = self.penalty(s, &penalty, on)?;
                let number = numbered()?;
                ev!(Decided {
                    id,
                    on,
                    procedure: Procedure::Summary,
                    number,
                    penalty: Some(penalty),
                    ground: None,
                    education: None,
                    approved_by: me,
                    statement_due: None,
                })
            }
            StepInput::Serve { method } => ev!(Served { id, on, method }),
            StepInput::Pay => {
                let fine = s.current_penalty().map_or(0, |p| p.fine_fen);
                let due = s.served.map(|x| x.0 + chrono::Days::new(c::PAYMENT_DAYS)).unwrap_or(on);
                ev!(Paid { id, on, fine_fen: fine, late_fee_fen: late_fee(fine, due, on) })
            }
            StepInput::ApplyEnforcement { court } => ev!(EnforcementApplied { id, on, court }),
            StepInput::Transfer { police, approved_by, reason } => {
                ev!(Transferred { id, on, police, approved_by, reason })
            }
            StepInput::AcknowledgeTransfer => ev!(TransferAcknowledged { id, on }),
            StepInput::AnswerTransfer { accepted, note } => ev!(TransferAnswered { id, on, accepted, note }),
            StepInput::Publish => {
                let d = s.decision.as_ref().ok_or_else(|| c::field("decision", "none"))?;
                let p = s.current_penalty().ok_or_else(|| c::field("penalty", "none"))?;
                let months = p
                    .publicity_months(s.party.kind, &self.thresholds)
                    .ok_or_else(|| c::field("penalty", "警告不予公示 / warnings are not published"))?;
                let until = on.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX);
                let document_sha256 =
                    s.documents.iter().rev().find(|x| x.kind == DocumentKind::Decision).map(|x| x.sha256.clone());
                let violation = Benchmarks::shipped()
                    .version(&p.benchmark)
                    .and_then(|b| b.row(&p.row).ok())
                    .map(|r| r.zh.clone())
                    .unwrap_or_else(|| p.row.clone());
                ev!(Published {
                    id,
                    on,
                    until,
                    number: d.number.clone(),
                    party: s.party.name.clone(),
                    party_kind: s.party.kind,
                    entity: s.party.entity.clone(),
                    office: s.office,
                    decided_on: d.on,
                    violation,
                    facts: public_text(s, &p.facts),
                    basis: p.basis.clone(),
                    types: p.types.clone(),
                    fine_fen: p.fine_fen,
                    confiscated_fen: p.confiscated_fen,
                    document_sha256,
                })
            }
            StepInput::EndPublicity { reason } => ev!(PublicityEnded { id, on, reason }),
            StepInput::ChangeDecision { by, penalty, reference } => {
                let penalty = match penalty {
                    Some(p) => Some(self.penalty(s, &p, on)?.1),
                    None => None,
                };
                ev!(DecisionChanged { id, on, by, penalty, reference })
            }
            StepInput::Close { approved_by } => ev!(Closed { id, on, approved_by }),
        }
    }

    /// A page of the desk of the offices inside `division`: the open matters in `queue` for
    /// the caller, nearest limit first (so the overdue come first), `limit` from the
    /// `offset`-th, each with its clocks on `today`; and how many each queue holds.
    ///
    /// The order is kept with each matter when a step lands (a paused matter by its limits as
    /// of its pause's first day, the earliest they can be), so a page reads only its own
    /// matters however many an office has open.
    pub async fn desk(
        &self,
        actor: &Actor,
        division: DivisionCode,
        queue: Queue,
        offset: usize,
        limit: usize,
        today: NaiveDate,
    ) -> Result<Desk> {
        authorize(actor, Action::ReadCase, Some(division))?;
        let me = actor.pseudonym.as_deref();
        let counts = self.store.case_desk_counts(Some(division), me).await?;
        let held = counts[queue.index()];
        // A page past the end is empty (and an offset no database could bind is not asked).
        let offset = offset.min(usize::try_from(held).unwrap_or(usize::MAX));
        let page = self.store.case_desk(Some(division), queue, me, offset, limit).await?;
        let cal = self.store.calendar().await?;
        let rows = page
            .into_iter()
            .map(|s| CaseView {
                clocks: s.clocks(&cal, today),
                overdue: s.overdue(&cal, today),
                next_steps: s.next_steps(),
                case: s,
            })
            .collect();
        Ok(Desk { rows, counts })
    }

    /// The benchmark's proposal for `input` on the matter `id`, under the version it is judged
    /// by, before the officer notices or decides it.
    pub async fn proposal(
        &self,
        actor: &Actor,
        id: &str,
        input: &PenaltyInput,
        today: NaiveDate,
    ) -> Result<benchmark::Proposal> {
        let s = self.load(id).await?;
        authorize(actor, Action::HandleCase, Some(s.office))?;
        Ok(self.penalty(&s, input, today)?.0)
    }

    /// The file of a document issued on the matter `id`, by its SHA-256 (hex); `case_unknown`
    /// for a hash the matter does not list.
    pub async fn document_file(&self, actor: &Actor, id: &str, sha256: &str) -> Result<(DocumentKind, Vec<u8>)> {
        let s = self.load(id).await?;
        authorize(actor, Action::ReadCase, Some(s.office))?;
        let unknown = || Error::new(Code::CaseUnknown).with("id", format!("{id}/{sha256}"));
        let doc = s.documents.iter().find(|d| d.sha256 == sha256).ok_or_else(unknown)?;
        let hash = shijian_core::inspection::parse_hex32("sha256", sha256).map_err(|_| unknown())?;
        let bytes = self.store.artifact(hash).await?.ok_or_else(unknown)?;
        Ok((doc.kind, bytes))
    }

    /// Every matter of offices inside `division` (all for a province office), for the export.
    pub async fn export(&self, actor: &Actor, division: DivisionCode, today: NaiveDate) -> Result<Vec<ExportRow>> {
        authorize(actor, Action::ReadCase, Some(division))?;
        let cal = self.store.calendar().await?;
        let mut rows = Vec::new();
        let mut after = String::new();
        loop {
            let page = self.store.cases_of_office(Some(division), &after, 1_000).await?;
            let Some(last) = page.last() else { break };
            after = last.id.clone();
            rows.extend(page.iter().map(|s| ExportRow::of(&cal, s, today)));
        }
        Ok(rows)
    }
}

/// The facts as published: a natural person's identity number and address removed wherever
/// they occur (公示规定 第六条; the fold refuses a record that still holds them).
pub fn public_text(s: &CaseState, text: &str) -> String {
    let mut t = text.to_string();
    if let Some(id) = &s.party.id_number {
        t = t.replace(id.as_str(), "（身份证号码不予公示）");
    }
    if s.party.kind == PartyKind::NaturalPerson
        && let Some(a) = s.party.address.as_deref().map(str::trim).filter(|a| !a.is_empty())
    {
        t = t.replace(a, "（住址不予公示）");
    }
    t
}

/// The public penalty records: search and one record, shown while public on `today`.
pub struct PublicPenalties<'a> {
    pub store: &'a Store,
}

impl PublicPenalties<'_> {
    pub async fn search(
        &self,
        text: &str,
        after: Option<(String, String)>,
        limit: usize,
        today: NaiveDate,
    ) -> Result<Vec<Published>> {
        let text = text.trim();
        if text.chars().count() > 100 {
            return Err(c::field("q", "> 100"));
        }
        let rows = self.store.public_penalties(today, text, after, limit.min(100)).await?;
        Ok(rows.into_iter().map(|r| r.record).collect())
    }

    /// A record while it is public; `case_unknown` once its term is over or it was withdrawn,
    /// exactly as if it had never been published.
    pub async fn get(&self, id: &str, today: NaiveDate) -> Result<Published> {
        let unknown = || Error::new(Code::CaseUnknown).with("id", id.to_string());
        c::check_id(id)?;
        let r = self.store.public_penalty(id).await?.ok_or_else(unknown)?;
        if r.ended_on.is_some() || r.record.on > today || r.record.until < today {
            return Err(unknown());
        }
        Ok(r.record)
    }
}

fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn penalty_text(p: &Penalty) -> String {
    let mut parts: Vec<String> = Vec::new();
    for t in &p.types {
        parts.push(match t {
            PenaltyType::Fine => format!("罚款{}", c::yuan_text(p.fine_fen)),
            PenaltyType::ConfiscateGains if p.confiscated_fen > 0 => {
                format!("没收违法所得{}", c::yuan_text(p.confiscated_fen))
            }
            other => other.zh().to_string(),
        });
    }
    parts.join("；")
}

/// Builds a case's document of `kind` from what is recorded (市场监督管理行政处罚文书格式范本 [M:
/// the forms' exact wording and layout were not read; the content follows the rules each one
/// serves]). `verify` is the public address where a printed decision is checked.
pub fn document(s: &CaseState, kind: DocumentKind, verify: Option<&str>) -> Result<shijian_documents::Document> {
    use shijian_documents::{Block, Document, Verify};
    // A document records a step already taken.
    let missing = || {
        Error::new(Code::CaseWorkflow).with("id", s.id.clone()).with("status", s.status.zh()).with("step", kind.zh())
    };
    let party = format!("当事人：{}", s.party.name);
    let code = s.party.entity.as_ref().map(|e| format!("统一社会信用代码：{e}"));
    let issuer = s.office.authority_name();
    let mut blocks = Vec::new();
    let mut number = None;
    let mut verify_block = None;
    let field = |label: &str, value: String| Block::Field { label: label.into(), value };
    match kind {
        DocumentKind::FilingApproval | DocumentKind::NotFiling => {
            let (day, what) = match (kind, s.filed_on, &s.not_filed) {
                (DocumentKind::FilingApproval, Some(d), _) => (d, "立案".to_string()),
                (DocumentKind::NotFiling, _, Some((d, g))) => (*d, format!("不予立案（{}）", g.zh())),
                _ => return Err(missing()),
            };
            blocks.extend([
                field("案件来源", s.source.kind.zh().to_string()),
                field("线索编号", s.id.clone()),
                field("当事人", s.party.name.clone()),
                field("统一社会信用代码", s.party.entity.clone().unwrap_or_default()),
                field("线索登记日期", date_zh(s.received_on)),
                field("简要案情", s.facts.clone()),
                field("承办人意见", what),
                field("办案人员", s.officers.join("、")),
                field("审批日期", date_zh(day)),
                field("负责人审批意见", "\n\n\n".into()),
            ]);
        }
        DocumentKind::Inquiry => {
            blocks.extend([
                field("案件编号", s.id.clone()),
                field("被询问人", s.party.name.clone()),
                field("询问人", s.officers.join("、")),
                field("告知", "我们是市场监督管理局的执法人员，已向你出示执法证件。你有陈述、申辩和申请回避的权利，应当如实回答询问。".into()),
                field("问答记录", "\n\n\n\n\n\n".into()),
                field("被询问人签名", "\n\n".into()),
            ]);
        }
        DocumentKind::PenaltyNotice => {
            let n = s.notice.as_ref().ok_or_else(missing)?;
            blocks.push(Block::Line(party));
            if let Some(c) = code {
                blocks.push(Block::Line(c));
            }
            blocks.push(Block::Paragraph(format!("经调查，{}", n.penalty.facts)));
            blocks.push(Block::Paragraph(format!(
                "上述行为违反了{}。本机关拟对你（单位）作出如下行政处罚：{}。",
                n.penalty.basis,
                penalty_text(&n.penalty)
            )));
            if !n.penalty.explanation.is_empty() {
                blocks.push(Block::Paragraph(format!("裁量说明：{}", n.penalty.explanation)));
            }
            let mut rights = "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。请在收到本告知书之日起五个工作日内提出，逾期视为放弃。".to_string();
            if n.hearing_offered {
                rights.push_str("根据第六十三条、第六十四条的规定，你（单位）有权要求举行听证，请在上述期限内提出。");
            }
            blocks.push(Block::Paragraph(rights));
            blocks.push(Block::Signature { lines: vec![issuer.clone(), date_zh(n.served_on)] });
        }
        DocumentKind::HearingNotice => {
            let (Some(on), Some(day)) = (s.hearing.notified_on, s.hearing.hearing_on) else { return Err(missing()) };
            blocks.push(Block::Line(party));
            blocks.push(Block::Paragraph(format!(
                "根据你（单位）的申请，本机关定于{}举行听证。听证由非本案调查人员主持；你（单位）可以亲自参加，也可以委托一至二人代理，并有权申请回避。无正当理由拒不出席的，视为放弃听证权利。",
                date_zh(day)
            )));
            blocks.push(Block::Signature { lines: vec![issuer.clone(), date_zh(on)] });
        }
        DocumentKind::Decision | DocumentKind::NoPenaltyDecision => {
            let d = s.decision.as_ref().ok_or_else(missing)?;
            number = Some(d.number.clone());
            blocks.push(Block::Line(party));
            if let Some(c) = code {
                blocks.push(Block::Line(c));
            }
            match (&d.penalty, kind) {
                (Some(p), DocumentKind::Decision) => {
                    blocks.push(Block::Heading("一、违法事实和证据".into()));
                    blocks.push(Block::Paragraph(p.facts.clone()));
                    blocks.push(Block::Heading("二、处罚依据和裁量".into()));
                    blocks.push(Block::Paragraph(format!("上述行为违反了{}。", p.basis)));
                    if !p.explanation.is_empty() {
                        blocks.push(Block::Paragraph(p.explanation.clone()));
                    }
                    blocks.push(Block::Heading("三、处罚决定".into()));
                    blocks.push(Block::Paragraph(format!("本机关决定：{}。", penalty_text(p))));
                    blocks.push(Block::Heading("四、履行方式和期限".into()));
                    blocks.push(Block::Paragraph(
                        "请在收到本决定书之日起十五日内缴纳罚没款。到期不缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《中华人民共和国行政处罚法》第六十七条、第七十二条）。".into(),
                    ));
                }
                (None, DocumentKind::NoPenaltyDecision) => {
                    blocks.push(Block::Paragraph(s.facts.clone()));
                    let ground = d.ground.map_or("", |g| g.zh());
                    blocks.push(Block::Paragraph(format!(
                        "本机关认为，当事人{ground}，根据《中华人民共和国行政处罚法》第三十三条的规定，决定不予行政处罚。"
                    )));
                    if let Some(e) = &d.education {
                        blocks.push(Block::Paragraph(format!("教育情况：{e}")));
                    }
                }
                _ => return Err(missing()),
            }
            blocks.push(Block::Paragraph(
                "如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。".into(),
            ));
            blocks.push(Block::Signature { lines: vec![issuer.clone(), date_zh(d.on)] });
            if let Some(url) = verify {
                verify_block = Some(Verify { url: url.to_string(), sha_note: format!("案件编号：{}", s.id) });
            }
        }
        DocumentKind::ServiceReceipt => {
            let d = s.decision.as_ref().ok_or_else(missing)?;
            let (on, method) = s.served.ok_or_else(missing)?;
            blocks.extend([
                field(
                    "送达文书",
                    format!(
                        "{}（{}）",
                        if d.penalty.is_some() { "行政处罚决定书" } else { "不予行政处罚决定书" },
                        d.number
                    ),
                ),
                field("受送达人", s.party.name.clone()),
                field("送达方式", method.zh().to_string()),
                field("送达日期", date_zh(on)),
                field("受送达人签名", "\n\n".into()),
                field("送达人", s.officers.join("、")),
            ]);
        }
        DocumentKind::ClosureApproval => {
            let done = s.completed_on().or(s.closed_on).ok_or_else(missing)?;
            blocks.extend([
                field("案件编号", s.id.clone()),
                field("当事人", s.party.name.clone()),
                field("立案日期", s.filed_on.map(date_zh).unwrap_or_default()),
                field("处理结果", s.outcome().zh().to_string()),
                field(
                    "执行情况",
                    s.paid.as_ref().map_or(String::new(), |p| {
                        format!(
                            "{}缴纳罚款{}，加处罚款{}",
                            date_zh(p.on),
                            c::yuan_text(p.fine_fen),
                            c::yuan_text(p.late_fee_fen)
                        )
                    }),
                ),
                field("执行完毕日期", date_zh(done)),
                field("负责人审批意见", "\n\n\n".into()),
            ]);
        }
    }
    Ok(Document { title: kind.zh().to_string(), number, issuer, blocks, verify: verify_block })
}

impl Cases<'_> {
    /// Issues a document: built from the case, rendered to PDF, the file kept by its hash, and
    /// its SHA-256 recorded (`case.document_issued`), so a printed copy can be checked; a
    /// decision's hash goes into its publicity record when it is published.
    pub async fn issue_document(
        &self,
        actor: &Actor,
        id: &str,
        kind: DocumentKind,
        renderer: &shijian_documents::Renderer,
        verify: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(Vec<u8>, String)> {
        let s = self.load(id).await?;
        authorize(actor, Action::HandleCase, Some(s.office))?;
        let doc = document(&s, kind, verify)?;
        let bytes = renderer.render(&doc)?;
        let sha256 = shijian_documents::sha256_hex(&bytes);
        let data =
            DocumentIssued { id: s.id.clone(), on: day(at), kind, number: doc.number.clone(), sha256: sha256.clone() };
        let mut next = s.clone();
        next.issue_document(&data)?;
        self.store.put_artifact(bytes.clone()).await?;
        self.store.append(&[event(actor, &s.id, &data, at)?]).await?;
        Ok((bytes, sha256))
    }
}
