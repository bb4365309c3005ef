//! The synthetic province's supervision history, after its register: the monthly risk
//! classification, then three years of random inspections. `shijian_synth::inspection` decides
//! who the staff are, what each plan is and what each inspection found; here every step goes
//! through the application, as an office would take it: accounts, the inspector pool, each
//! plan drafted, committed to, published with its pool file, a checkpoint signed, the secrets
//! revealed (or withheld, and the reveal day let pass), the draw, and the results recorded and
//! published, so `shijian draw verify` repeats every draw from the record.
//!
//! Then three years of 12315 complaints and reports (`shijian_synth::complaint`), each with the
//! steps its office took, about the businesses of the register; and three years of enforcement
//! cases (`shijian_synth::case`), each step made by the application's own rules
//! (`app::case::Cases::prepare`) and checked by the case fold as it is appended, the decisions
//! rendered as documents whose hashes are recorded and published.
//!
//! The pools are built from the register and the classes as they are when the history is made
//! (the register's past states are not kept as pools), so a plan of an earlier year samples
//! today's active entities.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use sha2::{Digest, Sha256};
use shijian_app::accounts::Accounts;
use shijian_app::credit::Credit;
use shijian_app::inspection::{Inspections, target_entity};
use shijian_core::account::Account;
use shijian_core::calendar::Calendar;
use shijian_core::credit::classify::Model;
use shijian_core::event::{Actor, NewEvent, Role};
use shijian_core::inspection::pool::InspectorRecord;
use shijian_core::inspection::task::{self, ResultPublished, ResultRecorded};
use shijian_core::inspection::{PlanSpec, Scope, hex, seed};
use shijian_core::{DivisionCode, Tier};
use shijian_ledger::note::Signer;
use shijian_store::Store;
use shijian_synth::inspection::{self as plan_of, Duty, Staff};

/// What the history added.
#[derive(Debug, Default)]
pub struct History {
    pub classified: u64,
    pub inspectors: u64,
    pub plans: u64,
    pub tasks: u64,
    pub results: u64,
    pub complaints: u64,
    pub cases: u64,
}

/// Events appended at a time when results are recorded.
const RESULT_BATCH: usize = 20_000;

fn at(d: NaiveDate, hour: u32) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()))
}

fn actor(role: Role, office: DivisionCode, pseudonym: &str) -> Actor {
    Actor { role, office: Some(office), pseudonym: Some(pseudonym.to_string()) }
}

/// The first workday on or after `d`.
fn workday_from(cal: &Calendar, d: NaiveDate) -> anyhow::Result<NaiveDate> {
    Ok(if cal.is_workday(d)? { d } else { cal.add_workdays(d, 1)? })
}

/// The day a result inspected on `inspected_on` was published, `published_after` workdays
/// later, with its due day: `None` when that is after `as_of`, or when either day falls in a year
/// the calendar cannot count, official or provisional (it has not happened yet as far as the
/// history knows).
fn publication(
    calendar: &Calendar,
    inspected_on: NaiveDate,
    published_after: u32,
    as_of: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let published_on = calendar.add_workdays(inspected_on, published_after).ok().filter(|d| *d <= as_of)?;
    Some((published_on, task::publication_due(calendar, inspected_on).ok()?))
}

/// Active entities per registering office.
pub(crate) async fn offices(store: &Store) -> anyhow::Result<BTreeMap<DivisionCode, u64>> {
    let counts: Arc<Mutex<HashMap<String, u64>>> = Arc::default();
    let sink = counts.clone();
    store
        .pool_rows(
            None,
            Box::new(move |r| {
                if r.status == "active" {
                    *sink.lock().expect("counts").entry(r.authority.to_string()).or_default() += 1;
                }
            }),
        )
        .await?;
    let counts = std::mem::take(&mut *counts.lock().expect("counts"));
    Ok(counts.into_iter().filter_map(|(a, n)| DivisionCode::parse(&a).ok().map(|d| (d, n))).collect())
}

/// Builds the history up to `as_of`; `progress` is told what is being done.
pub async fn build(
    store: &Store,
    signer: &Signer,
    seed: u64,
    as_of: NaiveDate,
    progress: &indicatif::ProgressBar,
) -> anyhow::Result<History> {
    let mut h = History::default();
    // The monthly classification, so that the plans sample by risk.
    progress.set_message("信用风险分类 classifying");
    progress.set_length(store.entity_count().await?);
    let province_credit = Actor { role: Role::CreditOfficer, office: DivisionCode::lookup("420000"), pseudonym: None };
    let report = Credit::new(store)
        .classify_all(&province_credit, &Model::builtin()?, as_of, at(as_of, 1), |n| progress.set_position(n))
        .await?;
    h.classified = report.entities;

    let calendar = store.calendar().await?;
    let years: Vec<i32> = plan_of::years(as_of)
        .into_iter()
        .filter(|y| calendar.is_workday(NaiveDate::from_ymd_opt(*y, 12, 31).unwrap_or(as_of)).is_ok())
        .collect();
    let Some(first_year) = years.first().copied() else { return Ok(h) };
    let counts = offices(store).await?;
    // The planning offices: the units directly below each province that has entities.
    let mut planning: BTreeMap<DivisionCode, Vec<(DivisionCode, u64)>> = BTreeMap::new();
    for (office, n) in &counts {
        if office.tier() == Tier::Province {
            continue;
        }
        if let Some(top) = office.chain().into_iter().find(|d| d.parent().is_some_and(|p| p.tier() == Tier::Province)) {
            planning.entry(top).or_default().push((*office, *n));
        }
    }

    // Staff: accounts (without passwords), then the inspector pool.
    let hired = at(NaiveDate::from_ymd_opt(first_year, 1, 4).unwrap_or(as_of), 1);
    let roster: BTreeMap<DivisionCode, Vec<Staff>> =
        planning.iter().map(|(p, offices)| (*p, plan_of::staff(seed, *p, offices))).collect();
    let accounts: Vec<Account> = roster
        .values()
        .flatten()
        .map(|s| Account {
            username: s.username.clone(),
            role: match s.duty {
                Duty::Inspector => Role::Inspector,
                Duty::Planner => Role::CreditOfficer,
                Duty::Supervisor => Role::Supervisor,
                Duty::Auditor => Role::Auditor,
            },
            office: Some(s.office),
            uscc: None,
            display_name: s.display_name.clone(),
            disabled: false,
            pseudonym: shijian_core::account::pseudonym_from(rand::random()),
        })
        .collect();
    Accounts::new(store).create_without_password(&Actor::system(), &accounts, hired).await?;
    // Staff act under their accounts' pseudonyms, never their usernames.
    let pseudonym: HashMap<String, String> =
        accounts.iter().map(|a| (a.username.clone(), a.pseudonym.clone())).collect();
    let as_staff = |role: Role, office: DivisionCode, username: &str| {
        actor(role, office, pseudonym.get(username).map_or(username, String::as_str))
    };
    let me = Inspections::new(store);
    progress.set_message("检查人员名录 inspector pool");
    progress.set_length(accounts.len() as u64);
    progress.set_position(0);
    let mut office_of: HashMap<String, DivisionCode> = HashMap::new();
    for (p, staff) in &roster {
        let admin = actor(Role::Administrator, *p, "synth");
        for s in staff.iter().filter(|s| s.duty == Duty::Inspector) {
            let record = InspectorRecord {
                pseudonym: s.username.clone(),
                office: s.office,
                department: plan_of::DEPARTMENT.to_string(),
                certified: s.certified,
                available: true,
            };
            me.enroll(&admin, record, hired).await?;
            if let Some(p) = pseudonym.get(&s.username) {
                office_of.insert(p.clone(), s.office);
            }
            h.inspectors += 1;
            progress.inc(1);
        }
    }

    for year in years {
        let (drafted, starts, reveal_by, ends) = plan_of::plan_window(year);
        progress.set_message(format!("{year} 年抽查计划 plans"));
        progress.set_length(planning.len() as u64 * 2);
        progress.set_position(0);
        // Draft, commit and publish every office's plan; then one checkpoint seeds them all.
        let mut plans: Vec<(DivisionCode, String, Vec<String>)> = Vec::new();
        for (p, offices) in &planning {
            let code = p.to_string();
            let planner = as_staff(Role::CreditOfficer, *p, &format!("credit.{code}"));
            let parties = vec![format!("audit.{code}"), format!("jijian.{code}")];
            let spec = PlanSpec {
                id: String::new(),
                title: format!("{year}年度{}企业公示信息和登记事项“双随机、一公开”抽查", p.name()),
                office: *p,
                starts_on: starts,
                ends_on: ends,
                items: plan_of::PLAN_ITEMS.iter().map(|s| s.to_string()).collect(),
                scope: Scope::default(),
                ratios: plan_of::RATIOS,
                trigger: None,
                team_size: 2,
                // 异地交叉检查 where the office has more than one county's staff to draw on.
                forbid_own_office: offices.len() > 1,
                recent_days: 365,
                parties: parties.clone(),
                reveal_by,
            };
            let plan = me.draft(&planner, spec, at(drafted, 1)).await?;
            let id = plan.spec.id.clone();
            for party in &parties {
                let role = if party.starts_with("audit.") { Role::Auditor } else { Role::Supervisor };
                let who = as_staff(role, *p, party);
                let name = who.pseudonym.clone().unwrap_or_default();
                let c = seed::party_commitment(&id, &name, &plan_of::secret(seed, &id, party));
                me.commit(&who, &id, &hex(&c), at(drafted + Days::new(1), 2)).await?;
            }
            me.publish(&planner, &id, drafted + Days::new(3), at(drafted + Days::new(3), 2)).await?;
            plans.push((*p, id, parties));
            progress.inc(1);
        }
        store.sign_checkpoint(signer).await?;
        for (p, id, parties) in &plans {
            let mut withheld = false;
            for party in parties {
                if plan_of::withholds(seed, id, party) {
                    withheld = true;
                    continue;
                }
                let role = if party.starts_with("audit.") { Role::Auditor } else { Role::Supervisor };
                let secret = plan_of::secret(seed, id, party);
                me.reveal(&as_staff(role, *p, party), id, &hex(&secret), at(drafted + Days::new(5), 2)).await?;
            }
            // Without every reveal the draw waits for the reveal day to pass.
            let day = if withheld { reveal_by + Days::new(1) } else { drafted + Days::new(6) };
            let planner = as_staff(Role::CreditOfficer, *p, &format!("credit.{p}"));
            let state = me.draw(&planner, id, day, at(day, 2)).await?;
            h.plans += 1;
            h.tasks += state.draw.as_ref().map_or(0, |d| d.drawn);
            progress.inc(1);
        }

        // Results: recorded by the team's first inspector on the day of the check, published
        // some workdays later; what lies after `as_of` has not happened yet.
        let last = ends.min(as_of);
        let mut events: Vec<NewEvent> = Vec::with_capacity(RESULT_BATCH + 2);
        progress.set_message(format!("{year} 年检查结果 results"));
        progress.set_length(plans.len() as u64);
        progress.set_position(0);
        for (p, id, _) in &plans {
            let mut after = 0;
            loop {
                let page = store.inspection_tasks(id, after, 1_000).await?;
                let Some(t) = page.last() else { break };
                after = t.assigned.rank;
                for t in page {
                    let Some(first) = t.assigned.inspectors.first() else { continue };
                    let f = plan_of::finding(seed, id, &t.assigned.target, starts, last);
                    // A day past the holiday schedules shipped has not happened yet either.
                    let Some(inspected_on) = workday_from(&calendar, f.inspected_on).ok().filter(|d| *d <= last) else {
                        continue;
                    };
                    let office = office_of.get(first).copied().unwrap_or(*p);
                    let inspector = actor(Role::Inspector, office, first);
                    let subject = Some(target_entity(&t.assigned.target).to_string());
                    let recorded = ResultRecorded {
                        plan: id.clone(),
                        target: t.assigned.target.clone(),
                        inspected_on,
                        category: f.category,
                        findings: plan_of::findings_text(f.category).to_string(),
                        evidence: Vec::new(),
                    };
                    events.push(NewEvent::of(&recorded, subject.as_deref(), &inspector, at(inspected_on, 8))?);
                    if let Some((published_on, due)) = publication(&calendar, inspected_on, f.published_after, as_of) {
                        let p = ResultPublished {
                            plan: id.clone(),
                            target: t.assigned.target.clone(),
                            inspected_on,
                            category: f.category,
                            published_on,
                            due,
                        };
                        events.push(NewEvent::of(&p, subject.as_deref(), &inspector, at(published_on, 2))?);
                    }
                    h.results += 1;
                    if events.len() >= RESULT_BATCH {
                        store.append(&events).await?;
                        events.clear();
                    }
                }
            }
            progress.inc(1);
        }
        if !events.is_empty() {
            store.append(&events).await?;
        }
    }
    h.complaints = complaints(store, seed, as_of, &calendar, progress).await?;
    h.cases = cases(store, seed, as_of, &calendar, progress).await?;
    Ok(h)
}

/// The credit codes of about one in `share` active entities, chosen by the seed and `label`
/// (each part of the history its own sample).
async fn active_sample(store: &Store, seed: u64, label: &'static str, share: u64) -> anyhow::Result<Vec<String>> {
    let picked: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = picked.clone();
    store
        .pool_rows(
            None,
            Box::new(move |r| {
                let h = shijian_synth::inspection::secret(seed, label, r.uscc);
                if r.status == "active" && u64::from(h[0]) % share == 0 {
                    sink.lock().expect("picked").push(r.uscc.to_string());
                }
            }),
        )
        .await?;
    Ok(std::mem::take(&mut *picked.lock().expect("picked")))
}

/// One in this many active entities is a business that draws complaints.
const COMPLAINED_SHARE: u64 = 8;

/// Three years of complaints and reports up to `as_of`.
async fn complaints(
    store: &Store,
    seed: u64,
    as_of: NaiveDate,
    calendar: &Calendar,
    progress: &indicatif::ProgressBar,
) -> anyhow::Result<u64> {
    use shijian_synth::complaint::{self as synth_complaint, Business};
    let picked = active_sample(store, seed, "12315", COMPLAINED_SHARE).await?;
    progress.set_message("12315 经营者 businesses");
    progress.set_length(picked.len() as u64);
    progress.set_position(0);
    let mut businesses = Vec::with_capacity(picked.len());
    for uscc in picked {
        if let Some(row) = store.entity(&uscc).await? {
            let e = &row.state.entity;
            businesses.push(Business {
                uscc,
                name: e.name.clone(),
                address: e.address.clone(),
                authority: e.authority,
            });
        }
        progress.inc(1);
    }
    let per_year = synth_complaint::per_year(store.entity_count().await?);
    let from = as_of.checked_sub_months(chrono::Months::new(36)).unwrap_or(as_of) + Days::new(1);
    let days = synth_complaint::daily_counts(seed, per_year, from, as_of);
    let history = synth_complaint::History::new(seed, &businesses, calendar, as_of);
    progress.set_message("12315 投诉举报 complaints");
    progress.set_length(days.iter().map(|(_, n)| u64::from(*n)).sum());
    progress.set_position(0);
    let mut serial = 0u64;
    let mut events: Vec<NewEvent> = Vec::with_capacity(RESULT_BATCH + 16);
    for (day, n) in days {
        for _ in 0..n {
            serial += 1;
            events.extend(history.item(serial, day));
            progress.inc(1);
            if events.len() >= RESULT_BATCH {
                store.append(&events).await?;
                events.clear();
            }
        }
    }
    if !events.is_empty() {
        store.append(&events).await?;
    }
    Ok(serial)
}

/// One in this many active entities is a business a case can be about.
const CASE_PARTY_SHARE: u64 = 16;

/// A party of the case history.
struct CaseParty {
    uscc: String,
    name: String,
    natural_person: bool,
    authority: DivisionCode,
}

/// Three years of enforcement cases up to `as_of` (from the first benchmark's day at the
/// earliest): received, and taken as far as `as_of` allows along the course
/// `shijian_synth::case` decides. Returns how many were received.
async fn cases(
    store: &Store,
    seed: u64,
    as_of: NaiveDate,
    calendar: &Calendar,
    progress: &indicatif::ProgressBar,
) -> anyhow::Result<u64> {
    use shijian_app::case::{Cases, PenaltyInput, StepInput, number_kind, series};
    use shijian_core::case::benchmark::{Benchmarks, Facts};
    use shijian_core::case::procedure::*;
    use shijian_core::case::{self as c, CaseEvent, CaseState};
    use shijian_synth::case::{self as synth_case, Course, Origin};

    let Some(first) = Benchmarks::shipped().versions().first().map(|b| b.effective_from) else { return Ok(0) };
    let from = (as_of.checked_sub_months(chrono::Months::new(36)).unwrap_or(as_of) + Days::new(1)).max(first);
    if from > as_of {
        return Ok(0);
    }
    let picked = active_sample(store, seed, "case", CASE_PARTY_SHARE).await?;
    let mut parties = Vec::with_capacity(picked.len());
    for uscc in picked {
        if let Some(row) = store.entity(&uscc).await? {
            let e = &row.state.entity;
            parties.push(CaseParty {
                uscc,
                name: e.name.clone(),
                natural_person: e.kind == shijian_core::registry::EntityKind::IndividualBusiness,
                authority: e.authority,
            });
        }
    }
    if parties.is_empty() {
        return Ok(0);
    }
    let benchmark = Benchmarks::shipped().applicable(from)?;
    let rows: Vec<String> = benchmark.rows().iter().map(|r| r.code.clone()).collect();
    // Rows whose proposal an organisation may be given on the spot: a warning or a fine of at most
    // 3,000 yuan (处罚法 第五十一条).
    let summary_rows: Vec<String> = rows
        .iter()
        .filter(|code| {
            let mut f = Facts::new(PartyKind::Organisation);
            f.goods_value_yuan = Some(300);
            benchmark.propose(code, &f).is_ok_and(|p| {
                p.fine_fen <= c::SUMMARY_MAX_FEN_ORGANISATION
                    && p.penalties.iter().all(|t| matches!(t, PenaltyType::Warning | PenaltyType::Fine))
            })
        })
        .cloned()
        .collect();
    let cases = Cases::new(store);
    let started = std::time::Instant::now();
    let before = store.log_size().await?;
    // Without a CJK font the decisions are recorded without their documents.
    let renderer = shijian_documents::Renderer::from_system().ok();
    let days = synth_case::daily_counts(synth_case::per_year(store.entity_count().await?), from, as_of);
    progress.set_message("行政执法案件 cases");
    progress.set_length(days.iter().map(|(_, n)| u64::from(*n)).sum());
    progress.set_position(0);
    let mut numbers: HashMap<(String, i32), u32> = HashMap::new();
    let mut events: Vec<NewEvent> = Vec::with_capacity(RESULT_BATCH + 32);
    let mut serial = 0u64;
    for (day, n) in days {
        for k in 1..=n {
            serial += 1;
            let plan = synth_case::plan(seed, serial, parties.len(), rows.len());
            let party = &parties[plan.party];
            let office = party.authority;
            let officer = actor(Role::CaseOfficer, office, &format!("case.{office}"));
            let reviewer = actor(Role::Supervisor, office, &format!("review.{office}"));
            let kind = if party.natural_person { PartyKind::NaturalPerson } else { PartyKind::Organisation };
            let course = match plan.course {
                // The summary procedure is for organisations here (a person's limit, 200 yuan, is
                // below most rows' proposals).
                Course::Summary if kind == PartyKind::NaturalPerson || summary_rows.is_empty() => Course::NoPenalty,
                other => other,
            };
            let row = if course == Course::Summary {
                summary_rows[plan.row % summary_rows.len()].clone()
            } else {
                rows[plan.row].clone()
            };
            let row_zh = benchmark.row(&row).map(|r| r.zh.clone()).unwrap_or_default();
            let (source, reference) = match plan.origin {
                Origin::Complaint => (SourceKind::Complaint, Some(format!("12315-{serial}"))),
                Origin::Inspection => (SourceKind::Inspection, Some(format!("抽查-{serial}"))),
                Origin::Referral => (SourceKind::Referral, Some(format!("移送函-{serial}"))),
                Origin::Manual => (SourceKind::Manual, None),
            };
            let clue = ClueReceived {
                id: c::make_id(day, k),
                office,
                received_on: day,
                source: Source { kind: source, reference, reporter_named: false },
                party: Party {
                    kind,
                    name: party.name.clone(),
                    entity: Some(party.uscc.clone()),
                    id_number: None,
                    address: None,
                },
                facts: format!("涉嫌{row_zh}"),
                violation_on: day.checked_sub_days(Days::new(10)),
                harm: false,
                row: Some(row.clone()),
                officer: officer.pseudonym.clone(),
            };
            let mut s = CaseState::received(&clue)?;
            events.push(NewEvent::of(&clue, Some(&clue.id), &officer, at(day, 1))?);
            let penalty = PenaltyInput {
                row: row.clone(),
                goods_value_yuan: Some(if course == Course::Summary { 300 } else { plan.goods_value_yuan }),
                illegal_gains_yuan: (course != Course::Summary).then_some(plan.illegal_gains_yuan),
                circumstances: if plan.repeated {
                    vec![shijian_core::case::benchmark::Circumstance::Repeated]
                } else {
                    Vec::new()
                },
                ..PenaltyInput::default()
            };
            let g = plan.gaps;
            let mut on = day;
            let mut steps: Vec<(u64, StepInput, &Actor)> = Vec::new();
            let filed = StepInput::File {
                approved_by: "局长".into(),
                officers: vec!["执法人员甲".into(), "执法人员乙".into()],
                row: Some(row.clone()),
            };
            let evidence = StepInput::AddEvidence {
                kind: EvidenceKind::Onsite,
                sha256: hex(&Sha256::digest(format!("{} 现场检查笔录", clue.id).as_bytes())),
                note: "现场检查笔录".into(),
            };
            match course {
                Course::NotFiled => steps.push((
                    g[0],
                    StepInput::NotFile {
                        ground: NotFiledGround::NoViolation,
                        reason: "经核查，违法事实不能成立".into(),
                        approved_by: "局长".into(),
                    },
                    &officer,
                )),
                Course::Summary => {
                    steps.push((0, StepInput::DecideSummary { penalty: penalty.clone() }, &officer));
                    steps.push((0, StepInput::Pay, &officer));
                    steps.push((g[8], StepInput::Close { approved_by: "局长".into() }, &officer));
                }
                Course::Police => {
                    steps.push((g[0], filed, &officer));
                    steps.push((g[1], evidence, &officer));
                    steps.push((
                        g[2],
                        StepInput::Transfer {
                            police: format!("{}公安局", office.name()),
                            approved_by: "局长".into(),
                            reason: "涉案货值达到刑事立案追诉标准".into(),
                        },
                        &officer,
                    ));
                    steps.push((3, StepInput::AcknowledgeTransfer, &officer));
                    steps.push((20, StepInput::AnswerTransfer { accepted: true, note: "已立案侦查".into() }, &officer));
                }
                Course::NoPenalty => {
                    steps.push((g[0], filed, &officer));
                    steps.push((g[1], evidence, &officer));
                    steps.push((
                        g[2],
                        StepInput::Decide {
                            penalty: None,
                            no_penalty: Some(NotFiledGround::First),
                            education: Some("对当事人进行法治宣传教育，当事人已当场改正".into()),
                            approved_by: "局长".into(),
                        },
                        &officer,
                    ));
                    steps.push((g[5], StepInput::Serve { method: ServiceMethod::Direct }, &officer));
                    steps.push((g[8], StepInput::Close { approved_by: "局长".into() }, &officer));
                }
                Course::Penalty { late_days } => {
                    steps.push((g[0], filed, &officer));
                    steps.push((g[1], evidence, &officer));
                    steps.push((g[2], StepInput::SubmitReview { kind: ReviewKind::Case }, &officer));
                    steps.push((
                        1,
                        StepInput::Review { agreed: true, opinion: "事实清楚，证据确凿".into() },
                        &reviewer,
                    ));
                    steps.push((1, StepInput::Notice { penalty: penalty.clone() }, &officer));
                    steps.push((g[3], StepInput::Statement { summary: String::new(), waived: true }, &officer));
                    // A major case (a hearing was offered): the leadership decides collectively.
                    steps.push((g[4], StepInput::Collective { members: 7, resolution: "同意".into() }, &officer));
                    steps.push((
                        0,
                        StepInput::Decide {
                            penalty: None,
                            no_penalty: None,
                            education: None,
                            approved_by: "局长".into(),
                        },
                        &officer,
                    ));
                    steps.push((g[5], StepInput::Serve { method: ServiceMethod::Direct }, &officer));
                    let pay_after =
                        if late_days > 0 { c::PAYMENT_DAYS + u64::from(late_days) } else { g[6].min(c::PAYMENT_DAYS) };
                    steps.push((pay_after, StepInput::Pay, &officer));
                    steps.push((g[7], StepInput::Publish, &officer));
                    steps.push((g[8], StepInput::Close { approved_by: "局长".into() }, &officer));
                }
            }
            for (gap, input, who) in steps {
                on = on + Days::new(gap);
                if on > as_of {
                    break;
                }
                // Only the steps this matter takes: a collective decision for a major case only;
                // payment where something is owed; publication for what is published.
                if !s.next_steps().contains(&input.step())
                    || (matches!(input, StepInput::Collective { .. }) && !s.major())
                {
                    continue;
                }
                let published = s.current_penalty().and_then(|p| p.publicity_months(kind, &c::Thresholds::default()));
                if matches!(input, StepInput::Publish)
                    && (published.is_none() || !s.next_steps().contains(&Step::Publish))
                {
                    continue;
                }
                // The decision's document, rendered and kept, before it is published.
                if matches!(input, StepInput::Publish | StepInput::Close { .. })
                    && let Some(r) = &renderer
                    && s.decision.is_some()
                    && !s
                        .documents
                        .iter()
                        .any(|d| matches!(d.kind, DocumentKind::Decision | DocumentKind::NoPenaltyDecision))
                {
                    let kind = if s.current_penalty().is_some() {
                        DocumentKind::Decision
                    } else {
                        DocumentKind::NoPenaltyDecision
                    };
                    if let Ok(doc) = shijian_app::case::document(&s, kind, None) {
                        let bytes = r.render(&doc)?;
                        let data = DocumentIssued {
                            id: s.id.clone(),
                            on,
                            kind,
                            number: doc.number.clone(),
                            sha256: shijian_documents::sha256_hex(&bytes),
                        };
                        store.put_artifact(bytes).await?;
                        s.issue_document(&data)?;
                        events.push(NewEvent::of(&data, Some(&s.id), &officer, at(on, 4))?);
                    }
                }
                let number = number_kind(&input).map(|kind| {
                    let key = (series(office, kind), on.year());
                    let n = numbers.entry(key.clone()).or_insert(0);
                    *n += 1;
                    c::document_number(&key.0, key.1, *n)
                });
                let e = cases.prepare(who, &s, &input, on, calendar, number, at(on, 3))?;
                s.apply(&CaseEvent::parse(&e.kind, &e.data)?)?;
                events.push(e);
            }
            progress.inc(1);
            if events.len() >= RESULT_BATCH {
                store.append(&events).await?;
                events.clear();
            }
        }
    }
    if !events.is_empty() {
        store.append(&events).await?;
    }
    let appended = store.log_size().await? - before;
    tracing::info!(cases = serial, events = appended, seconds = started.elapsed().as_secs_f64(), "case history");
    Ok(serial)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        shijian_core::parse_date(s).unwrap()
    }

    #[test]
    fn a_publication_past_the_countable_years_is_left_for_later() {
        let cal = Calendar::builtin();
        // Five workdays after Mon 2026-11-02; due 20 workdays after the inspection.
        assert_eq!(publication(&cal, d("2026-11-02"), 5, d("2026-11-29")), Some((d("2026-11-09"), d("2026-11-30"))));
        assert_eq!(publication(&cal, d("2026-11-02"), 25, d("2026-11-29")), None, "after as_of");
        // Into 2027, counted on its provisional schedule (1 January off).
        assert_eq!(publication(&cal, d("2026-11-27"), 25, d("2027-03-01")), Some((d("2027-01-04"), d("2026-12-25"))));
        assert_eq!(publication(&cal, d("2026-12-21"), 2, d("2026-12-31")), Some((d("2026-12-23"), d("2027-01-19"))));
        // Into 2100, which no schedule covers: not an error.
        assert_eq!(publication(&cal, d("2099-11-27"), 25, d("2100-03-01")), None);
        assert_eq!(publication(&cal, d("2099-12-21"), 2, d("2099-12-31")), None);
    }
}
