//! Enforcement bodies of `/api/v1/cases` (staff) and `/api/v1/penalties` (public). Amounts are
//! in fen (integers: 1 yuan = 100 fen), days `YYYY-MM-DD`, enumerations by their codes.

use chrono::NaiveDate;
use serde::Serialize;
use shijian_app::case::CaseView;
use shijian_core::case::benchmark;
use shijian_core::case::procedure as p;

/// `GET /api/v1/cases/{id}` and every step's answer: the matter, its clocks, what is overdue
/// and what may be done next.
#[derive(Serialize)]
pub struct Case {
    pub id: String,
    /// The handling office's division code.
    pub office: String,
    /// `clue`, `not_filed`, `investigating`, `transferred`, `decided`, `closed`.
    pub status: &'static str,
    /// `penalty`, `no_penalty`, `not_filed`, `transferred`, `open`.
    pub outcome: &'static str,
    pub received_on: NaiveDate,
    pub source: Source,
    pub party: Party,
    pub facts: String,
    pub violation_on: Option<NaiveDate>,
    /// Whether life, health or financial safety were harmed (the 5-year limitation).
    pub harm: bool,
    /// The benchmark row suspected.
    pub row: Option<String>,
    /// Before filing, the receiving officer's pseudonym; once filed, the officers named.
    pub officers: Vec<String>,
    /// The pseudonym of the account in charge (the officer who received the clue).
    pub in_charge: Option<String>,
    pub check_extended: bool,
    pub pauses: Vec<Pause>,
    pub filed_on: Option<NaiveDate>,
    /// The benchmark version the case is judged under.
    pub benchmark: Option<String>,
    pub not_filed: Option<NotFiled>,
    pub reporter_notified_on: Option<NaiveDate>,
    pub evidence: Vec<Evidence>,
    pub measures: Vec<Measure>,
    pub decision_extended: bool,
    /// The decision limit set collectively beyond the extension.
    pub decision_until: Option<NaiveDate>,
    pub review: Option<Review>,
    pub notice: Option<Notice>,
    pub statement_on: Option<NaiveDate>,
    pub waived: bool,
    pub hearing: Hearing,
    pub collective_on: Option<NaiveDate>,
    pub decision: Option<Decision>,
    pub served: Option<Served>,
    pub paid: Option<Paid>,
    pub enforcement_on: Option<NaiveDate>,
    pub transfer: Option<Transfer>,
    pub changes: Vec<Change>,
    pub publicity: Option<Publicity>,
    pub closed_on: Option<NaiveDate>,
    pub documents: Vec<Document>,
    pub clocks: Clocks,
    /// The names of the limits passed (`filing_due`, `decision_due`, …).
    pub overdue: Vec<&'static str>,
    /// The steps the matter allows now, by their codes.
    pub next_steps: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct Source {
    /// `complaint`, `report`, `inspection`, `referral`, `manual`.
    pub kind: &'static str,
    pub reference: Option<String>,
    pub reporter_named: bool,
}

/// The party as staff see it (the identity number and the address are never published).
#[derive(Serialize)]
pub struct Party {
    /// `natural_person`, `individual_business`, `organisation`.
    pub kind: &'static str,
    pub name: String,
    pub entity: Option<String>,
    pub id_number: Option<String>,
    pub address: Option<String>,
}

#[derive(Serialize)]
pub struct Pause {
    pub reason: &'static str,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

#[derive(Serialize)]
pub struct NotFiled {
    pub on: NaiveDate,
    pub ground: &'static str,
}

#[derive(Serialize)]
pub struct Evidence {
    pub on: NaiveDate,
    pub kind: &'static str,
    pub sha256: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct Measure {
    /// Its number within the case, from 1.
    pub measure: u32,
    pub kind: &'static str,
    pub since: NaiveDate,
    pub extended: bool,
    pub ended_on: Option<NaiveDate>,
    pub items: String,
}

#[derive(Serialize)]
pub struct Review {
    /// `legal` (法制审核) or `case` (案件审核).
    pub kind: &'static str,
    pub submitted_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub agreed: Option<bool>,
}

#[derive(Serialize)]
pub struct Notice {
    pub served_on: NaiveDate,
    pub hearing_offered: bool,
    pub penalty: Penalty,
}

/// A penalty with the benchmark row, version and band that produced it.
#[derive(Serialize)]
pub struct Penalty {
    pub types: Vec<&'static str>,
    pub fine_fen: i64,
    pub confiscated_fen: i64,
    pub row: String,
    pub benchmark: String,
    pub band: &'static str,
    pub proposed_fine_fen: Option<i64>,
    pub explanation: String,
    pub departure: Option<Departure>,
    pub facts: String,
    pub basis: String,
}

#[derive(Serialize)]
pub struct Departure {
    pub reason: String,
    pub approved_by: String,
}

#[derive(Serialize)]
pub struct Hearing {
    pub requested_on: Option<NaiveDate>,
    pub notified_on: Option<NaiveDate>,
    pub hearing_on: Option<NaiveDate>,
    pub held_on: Option<NaiveDate>,
}

#[derive(Serialize)]
pub struct Decision {
    pub on: NaiveDate,
    /// `standard` or `summary`.
    pub procedure: &'static str,
    /// The document number (文号).
    pub number: String,
    pub penalty: Option<Penalty>,
    /// For no penalty: the ground.
    pub ground: Option<&'static str>,
    pub education: Option<String>,
}

#[derive(Serialize)]
pub struct Served {
    pub on: NaiveDate,
    pub method: &'static str,
}

#[derive(Serialize)]
pub struct Paid {
    pub on: NaiveDate,
    pub fine_fen: i64,
    pub late_fee_fen: i64,
}

#[derive(Serialize)]
pub struct Transfer {
    pub on: NaiveDate,
    pub police: String,
    pub acknowledged_on: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    /// Whether the police opened a criminal case.
    pub accepted: Option<bool>,
}

#[derive(Serialize)]
pub struct Change {
    pub on: NaiveDate,
    /// `reconsideration` or `litigation`.
    pub by: &'static str,
    /// Absent: revoked.
    pub penalty: Option<Penalty>,
    pub reference: String,
}

#[derive(Serialize)]
pub struct Publicity {
    pub on: NaiveDate,
    pub until: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub ended_because: Option<&'static str>,
}

/// A document issued: its kind, number and the SHA-256 of its file.
#[derive(Serialize)]
pub struct Document {
    pub kind: &'static str,
    pub on: NaiveDate,
    pub number: Option<String>,
    pub sha256: String,
}

/// The limits running, on the official calendar (none stored: counted on each read).
#[derive(Serialize)]
pub struct Clocks {
    pub filing_due: Option<NaiveDate>,
    pub reporter_due: Option<NaiveDate>,
    pub decision_due: Option<NaiveDate>,
    pub statement_due: Option<NaiveDate>,
    pub review_due: Option<NaiveDate>,
    pub measures_due: Vec<MeasureDue>,
    pub payment_due: Option<NaiveDate>,
    pub court_due: Option<NaiveDate>,
    pub publish_due: Option<NaiveDate>,
    pub withdraw_due: Option<NaiveDate>,
    pub close_due: Option<NaiveDate>,
    /// Days not counted towards the decision limit so far.
    pub excluded_days: u64,
    /// Whether a pause stops the clocks now.
    pub paused: bool,
    /// A year without a holiday schedule that a limit would need.
    pub uncovered: Option<i32>,
    /// Whether a limit counts a day of a provisional year (暂定).
    pub provisional: bool,
}

#[derive(Serialize)]
pub struct MeasureDue {
    pub measure: u32,
    pub due: NaiveDate,
}

impl From<&p::Penalty> for Penalty {
    fn from(x: &p::Penalty) -> Penalty {
        Penalty {
            types: x.types.iter().map(|t| t.as_str()).collect(),
            fine_fen: x.fine_fen,
            confiscated_fen: x.confiscated_fen,
            row: x.row.clone(),
            benchmark: x.benchmark.clone(),
            band: x.band.as_str(),
            proposed_fine_fen: x.proposed_fine_fen,
            explanation: x.explanation.clone(),
            departure: x
                .departure
                .as_ref()
                .map(|d| Departure { reason: d.reason.clone(), approved_by: d.approved_by.clone() }),
            facts: x.facts.clone(),
            basis: x.basis.clone(),
        }
    }
}

impl From<&p::Clocks> for Clocks {
    fn from(c: &p::Clocks) -> Clocks {
        Clocks {
            filing_due: c.filing_due,
            reporter_due: c.reporter_due,
            decision_due: c.decision_due,
            statement_due: c.statement_due,
            review_due: c.review_due,
            measures_due: c.measures_due.iter().map(|(m, due)| MeasureDue { measure: *m, due: *due }).collect(),
            payment_due: c.payment_due,
            court_due: c.court_due,
            publish_due: c.publish_due,
            withdraw_due: c.withdraw_due,
            close_due: c.close_due,
            excluded_days: c.excluded_days,
            paused: c.paused,
            uncovered: c.uncovered,
            provisional: c.provisional,
        }
    }
}

impl From<CaseView> for Case {
    fn from(v: CaseView) -> Case {
        let s = &v.case;
        Case {
            id: s.id.clone(),
            office: s.office.to_string(),
            status: s.status.as_str(),
            outcome: s.outcome().as_str(),
            received_on: s.received_on,
            source: Source {
                kind: s.source.kind.as_str(),
                reference: s.source.reference.clone(),
                reporter_named: s.source.reporter_named,
            },
            party: Party {
                kind: s.party.kind.as_str(),
                name: s.party.name.clone(),
                entity: s.party.entity.clone(),
                id_number: s.party.id_number.clone(),
                address: s.party.address.clone(),
            },
            facts: s.facts.clone(),
            violation_on: s.violation_on,
            harm: s.harm,
            row: s.row.clone(),
            officers: s.officers.clone(),
            in_charge: s.in_charge.clone(),
            check_extended: s.check_extended,
            pauses: s
                .pauses
                .iter()
                .map(|x| Pause { reason: x.reason.as_str(), since: x.since, until: x.until })
                .collect(),
            filed_on: s.filed_on,
            benchmark: s.benchmark.clone(),
            not_filed: s.not_filed.map(|(on, g)| NotFiled { on, ground: g.as_str() }),
            reporter_notified_on: s.reporter_notified_on,
            evidence: s
                .evidence
                .iter()
                .map(|e| Evidence { on: e.on, kind: e.kind.as_str(), sha256: e.sha256.clone(), note: e.note.clone() })
                .collect(),
            measures: s
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| Measure {
                    measure: i as u32 + 1,
                    kind: m.kind.as_str(),
                    since: m.since,
                    extended: m.extended,
                    ended_on: m.ended_on,
                    items: m.items.clone(),
                })
                .collect(),
            decision_extended: s.decision_extended,
            decision_until: s.decision_until,
            review: s.review.as_ref().map(|r| Review {
                kind: r.kind.as_str(),
                submitted_on: r.submitted_on,
                done_on: r.done_on,
                agreed: r.agreed,
            }),
            notice: s.notice.as_ref().map(|n| Notice {
                served_on: n.served_on,
                hearing_offered: n.hearing_offered,
                penalty: Penalty::from(&n.penalty),
            }),
            statement_on: s.statement_on,
            waived: s.waived,
            hearing: Hearing {
                requested_on: s.hearing.requested_on,
                notified_on: s.hearing.notified_on,
                hearing_on: s.hearing.hearing_on,
                held_on: s.hearing.held_on,
            },
            collective_on: s.collective_on,
            decision: s.decision.as_ref().map(|d| Decision {
                on: d.on,
                procedure: d.procedure.as_str(),
                number: d.number.clone(),
                penalty: d.penalty.as_ref().map(Penalty::from),
                ground: d.ground.map(|g| g.as_str()),
                education: d.education.clone(),
            }),
            served: s.served.map(|(on, m)| Served { on, method: m.as_str() }),
            paid: s.paid.as_ref().map(|x| Paid { on: x.on, fine_fen: x.fine_fen, late_fee_fen: x.late_fee_fen }),
            enforcement_on: s.enforcement_on,
            transfer: s.transfer.as_ref().map(|t| Transfer {
                on: t.on,
                police: t.police.clone(),
                acknowledged_on: t.acknowledged_on,
                answered_on: t.answered.map(|a| a.0),
                accepted: t.answered.map(|a| a.1),
            }),
            changes: s
                .changes
                .iter()
                .map(|c| Change {
                    on: c.on,
                    by: c.by.as_str(),
                    penalty: c.penalty.as_ref().map(Penalty::from),
                    reference: c.reference.clone(),
                })
                .collect(),
            publicity: s.publicity.as_ref().map(|x| Publicity {
                on: x.on,
                until: x.until,
                ended_on: x.ended.map(|e| e.0),
                ended_because: x.ended.map(|e| e.1.as_str()),
            }),
            closed_on: s.closed_on,
            documents: s
                .documents
                .iter()
                .map(|d| Document {
                    kind: d.kind.as_str(),
                    on: d.on,
                    number: d.number.clone(),
                    sha256: d.sha256.clone(),
                })
                .collect(),
            clocks: Clocks::from(&v.clocks),
            overdue: v.overdue.clone(),
            next_steps: v.next_steps.iter().map(|x| x.as_str()).collect(),
        }
    }
}

/// One row of the desk (`GET /api/v1/cases`): the matter, where it stands and its nearest
/// limit.
#[derive(Serialize)]
pub struct CaseRow {
    pub id: String,
    pub office: String,
    pub status: &'static str,
    pub received_on: NaiveDate,
    pub party: String,
    pub entity: Option<String>,
    /// The nearest limit running: its name and day.
    pub next_limit: Option<Limit>,
    pub overdue: Vec<&'static str>,
    pub next_steps: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct Limit {
    pub name: &'static str,
    pub due: NaiveDate,
}

impl From<&CaseView> for CaseRow {
    fn from(v: &CaseView) -> CaseRow {
        let s = &v.case;
        let next = v.clocks.running().into_iter().min_by_key(|(_, d)| *d);
        CaseRow {
            id: s.id.clone(),
            office: s.office.to_string(),
            status: s.status.as_str(),
            received_on: s.received_on,
            party: s.party.name.clone(),
            entity: s.party.entity.clone(),
            next_limit: next.map(|(name, due)| Limit { name, due }),
            overdue: v.overdue.clone(),
            next_steps: v.next_steps.iter().map(|x| x.as_str()).collect(),
        }
    }
}

/// `POST /api/v1/cases/{id}/proposal`: the benchmark's proposal for the facts given.
#[derive(Serialize)]
pub struct Proposal {
    pub benchmark: String,
    pub row: String,
    pub band: &'static str,
    pub circumstances: Vec<&'static str>,
    pub penalties: Vec<&'static str>,
    pub range_min_fen: i64,
    pub range_max_fen: i64,
    pub band_min_fen: i64,
    pub band_max_fen: i64,
    pub fine_fen: i64,
    pub explanation_zh: String,
    pub explanation_en: String,
}

impl From<benchmark::Proposal> for Proposal {
    fn from(x: benchmark::Proposal) -> Proposal {
        Proposal {
            benchmark: x.version,
            row: x.row,
            band: x.band.as_str(),
            circumstances: x.circumstances.iter().map(|c| c.as_str()).collect(),
            penalties: x.penalties.iter().map(|t| t.as_str()).collect(),
            range_min_fen: x.range_min_fen,
            range_max_fen: x.range_max_fen,
            band_min_fen: x.band_min_fen,
            band_max_fen: x.band_max_fen,
            fine_fen: x.fine_fen,
            explanation_zh: x.explain_zh,
            explanation_en: x.explain_en,
        }
    }
}

/// `GET /api/v1/penalties/{id}` and the items of `GET /api/v1/penalties`: a penalty as
/// 行政处罚信息公示规定 第六条 publishes it, while it is public.
#[derive(Serialize)]
pub struct PublicPenalty {
    pub id: String,
    /// The decision's document number (文号).
    pub number: String,
    pub party: String,
    pub party_kind: &'static str,
    pub entity: Option<String>,
    pub office: String,
    pub office_name: String,
    pub decided_on: NaiveDate,
    pub violation: String,
    pub facts: String,
    pub basis: String,
    pub types: Vec<&'static str>,
    pub fine_fen: i64,
    pub confiscated_fen: i64,
    pub published_on: NaiveDate,
    /// The last day it is shown.
    pub until: NaiveDate,
    /// SHA-256 of the decision as issued, to check a copy against.
    pub document_sha256: Option<String>,
}

impl From<p::Published> for PublicPenalty {
    fn from(x: p::Published) -> PublicPenalty {
        PublicPenalty {
            office_name: x.office.authority_name(),
            id: x.id,
            number: x.number,
            party: x.party,
            party_kind: x.party_kind.as_str(),
            entity: x.entity,
            office: x.office.to_string(),
            decided_on: x.decided_on,
            violation: x.violation,
            facts: x.facts,
            basis: x.basis,
            types: x.types.iter().map(|t| t.as_str()).collect(),
            fine_fen: x.fine_fen,
            confiscated_fen: x.confiscated_fen,
            published_on: x.on,
            until: x.until,
            document_sha256: x.document_sha256,
        }
    }
}

/// `POST /api/v1/cases/{id}/documents`: the document issued.
#[derive(Serialize)]
pub struct Issued {
    pub kind: &'static str,
    pub number: Option<String>,
    pub sha256: String,
    /// Where its file is read (`GET`, staff).
    pub href: String,
}

/// `GET /api/v1/credit/serious-proposals`: a penalty that proposes a serious-list entry.
#[derive(Serialize)]
pub struct SeriousProposal {
    pub case: String,
    pub entity: String,
    pub party: String,
    pub office: String,
    /// The field (`food_safety`, `quality_safety`, …).
    pub ground: &'static str,
    /// `aggravated_fine`, `licence_revoked_or_downgraded`, `operations_restricted`.
    pub penalty: &'static str,
    pub number: String,
    pub decided_on: NaiveDate,
}

impl From<shijian_app::credit::SeriousProposal> for SeriousProposal {
    fn from(x: shijian_app::credit::SeriousProposal) -> SeriousProposal {
        SeriousProposal {
            case: x.case,
            entity: x.entity,
            party: x.party,
            office: x.office.to_string(),
            ground: x.ground.as_str(),
            penalty: x.penalty.as_str(),
            number: x.number,
            decided_on: x.decided_on,
        }
    }
}
