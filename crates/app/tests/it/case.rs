//! Enforcement end to end through the journal, on both backends: a reported clue filed,
//! investigated, reviewed, noticed, decided with the benchmark's proposal, served, paid late,
//! published, found by the public and closed; a first violation ended without penalty; a clue
//! not filed; filing refused beyond the limitation period; two officers deciding at once; the
//! export; refused steps that change nothing.

#![allow(clippy::inconsistent_digit_grouping)] // fen written as yuan_fen

use shijian_app::case::{Cases, NewClue, PenaltyInput, PublicPenalties, Queue, StepInput};
use shijian_core::Code;
use shijian_core::case::benchmark::Circumstance;
use shijian_core::case::procedure::{
    DocumentKind, EvidenceKind, NotFiledGround, Party, PartyKind, ReviewKind, ServiceMethod, Source, SourceKind,
};
use shijian_core::case::{Outcome, Status, Step};
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use crate::support::{at, d, office};

shijian_store::conformance!(
    a_reported_clue_becomes_a_paid_published_and_closed_penalty,
    a_first_violation_ends_without_penalty_and_a_clue_may_not_be_filed,
    two_officers_deciding_one_case_at_once_give_one_decision,
    a_filed_12315_clue_becomes_a_case_whose_penalty_reaches_the_register_and_the_risk_class,
    a_desk_pages_its_open_matters_nearest_limit_first,
);

fn officer(code: &str) -> Actor {
    Actor { role: Role::CaseOfficer, office: Some(office(code)), pseudonym: Some(format!("o-{code}")) }
}

fn reviewer(code: &str) -> Actor {
    Actor { role: Role::Supervisor, office: Some(office(code)), pseudonym: Some(format!("r-{code}")) }
}

fn clue(party: Party, violation_on: &str) -> NewClue {
    NewClue {
        office: office("420111"),
        source: Source {
            kind: SourceKind::Report,
            reference: Some("JB202611020000000001".into()),
            reporter_named: true,
        },
        party,
        facts: "举报人反映该店销售超过保质期的牛奶".into(),
        violation_on: Some(d(violation_on)),
        harm: false,
        row: Some("food-expired".into()),
    }
}

fn shop() -> Party {
    Party {
        kind: PartyKind::Organisation,
        name: "武汉市洪山区示例便利店".into(),
        entity: Some("91420111MA0000020Y".into()),
        id_number: None,
        address: None,
    }
}

fn penalty() -> PenaltyInput {
    PenaltyInput {
        row: "food-expired".into(),
        goods_value_yuan: Some(8_000),
        circumstances: vec![Circumstance::EliminatedHarm],
        ..PenaltyInput::default()
    }
}

async fn step(cases: &Cases<'_>, who: &Actor, id: &str, s: StepInput, day: &str) -> shijian_app::case::CaseView {
    cases.step(who, id, s, at(day)).await.unwrap_or_else(|e| panic!("{day}: {e:?}"))
}

async fn a_reported_clue_becomes_a_paid_published_and_closed_penalty(store: Store) {
    store.migrate().await.unwrap();
    let cases = Cases::new(&store);
    let me = officer("420111");
    let c = cases.receive(&me, clue(shop(), "2026-10-20"), at("2026-11-02")).await.unwrap();
    assert_eq!(c.id, "AJ20261102000001");
    let second = cases.receive(&me, clue(shop(), "2026-10-20"), at("2026-11-02")).await.unwrap();
    assert_eq!(second.id, "AJ20261102000002", "numbered within the day");
    // Another district's officer can neither read nor act.
    let other = officer("420102");
    assert_eq!(cases.get(&other, &c.id, d("2026-11-02")).await.unwrap_err().code(), Code::AccessDenied);
    let id = c.id.clone();
    let v = cases.get(&me, &id, d("2026-11-02")).await.unwrap();
    assert_eq!(v.clocks.filing_due, Some(d("2026-11-23")));
    // A step the procedure does not allow yet changes nothing.
    let before = store.log_size().await.unwrap();
    let e = cases.step(&me, &id, StepInput::Pay, at("2026-11-03")).await.unwrap_err();
    assert_eq!(e.code(), Code::CaseWorkflow);
    assert_eq!(store.log_size().await.unwrap(), before);
    let filed = StepInput::File { approved_by: "局长".into(), officers: vec!["o-1".into(), "o-2".into()], row: None };
    let v = step(&cases, &me, &id, filed, "2026-11-04").await;
    assert_eq!(v.case.status, Status::Investigating);
    assert_eq!(v.case.benchmark.as_deref(), Some("hubei-2024"));
    assert_eq!(v.clocks.decision_due, Some(d("2027-02-02")));
    assert!(v.next_steps.contains(&Step::NotifyReporter));
    step(&cases, &me, &id, StepInput::NotifyReporter, "2026-11-05").await;
    let ev = StepInput::AddEvidence {
        kind: EvidenceKind::Onsite, sha256: "c".repeat(64), note: "现场检查笔录".into()
    };
    step(&cases, &me, &id, ev, "2026-11-05").await;
    step(&cases, &me, &id, StepInput::SubmitReview { kind: ReviewKind::Case }, "2026-11-09").await;
    // The officer cannot review their own case; a supervisor of the office does.
    let review = StepInput::Review { agreed: true, opinion: "事实清楚，证据确凿".into() };
    assert_eq!(cases.step(&me, &id, review.clone(), at("2026-11-10")).await.unwrap_err().code(), Code::AccessDenied);
    step(&cases, &reviewer("420111"), &id, review, "2026-11-10").await;
    let v = step(&cases, &me, &id, StepInput::Notice { penalty: penalty() }, "2026-11-11").await;
    let noticed = v.case.notice.as_ref().unwrap();
    // Goods worth 8,000 yuan: 50,000–100,000 yuan; the harm removed: the lighter band.
    assert_eq!(noticed.penalty.band, shijian_core::case::procedure::Band::Lighter);
    assert_eq!(noticed.penalty.row, "food-expired");
    assert!(noticed.penalty.explanation.contains("从轻"), "{}", noticed.penalty.explanation);
    assert!(!noticed.hearing_offered);
    assert_eq!(v.clocks.statement_due, Some(d("2026-11-18")));
    // Deciding before the statement period ends, with no answer, is refused.
    let decide = StepInput::Decide { penalty: None, no_penalty: None, education: None, approved_by: "局长".into() };
    assert_eq!(cases.step(&me, &id, decide.clone(), at("2026-11-16")).await.unwrap_err().code(), Code::CaseNotReady);
    let v = step(&cases, &me, &id, decide, "2026-11-19").await;
    let decision = v.case.decision.clone().unwrap();
    assert_eq!(decision.number, "鄂洪山市监处罚〔2026〕1号");
    let fine = decision.penalty.as_ref().unwrap().fine_fen;
    assert!((50_000_00..=65_000_00).contains(&fine), "{fine}");
    assert_eq!(v.clocks.publish_due, Some(d("2026-12-17")));
    // The decision as a PDF in a Chinese font, its SHA-256 recorded; the publicity record
    // carries it so that a printed copy can be checked.
    let renderer = shijian_documents::Renderer::from_system();
    let decision_sha = match &renderer {
        Ok(r) => {
            let (pdf, sha) = cases
                .issue_document(
                    &me,
                    &id,
                    DocumentKind::Decision,
                    r,
                    Some("https://example.org/penalties/x"),
                    at("2026-11-19"),
                )
                .await
                .unwrap();
            assert!(pdf.starts_with(b"%PDF"));
            if let Some(dir) = std::env::var_os("SHIJIAN_SAMPLE_DIR") {
                std::fs::write(std::path::Path::new(&dir).join("case-decision.pdf"), &pdf).unwrap();
            }
            assert_eq!(shijian_documents::sha256_hex(&pdf), sha);
            let kept = store.artifact(shijian_app::complaints::parse_hash(&sha).unwrap()).await.unwrap();
            assert_eq!(kept.as_deref(), Some(pdf.as_slice()));
            // Not before its step: no hearing was notified.
            let e = cases.issue_document(&me, &id, DocumentKind::HearingNotice, r, None, at("2026-11-19")).await;
            assert_eq!(e.unwrap_err().code(), Code::CaseWorkflow);
            Some(sha)
        }
        Err(e) => {
            assert!(std::env::var_os("SHIJIAN_REQUIRE_BROWSER").is_none(), "no CJK font: {e:?}");
            eprintln!("skipping the documents: {e:?}");
            None
        }
    };
    step(&cases, &me, &id, StepInput::Serve { method: ServiceMethod::Direct }, "2026-11-20").await;
    // Due 2026-12-05; paid on 12-07: 2 days late, 6 %.
    let v = step(&cases, &me, &id, StepInput::Pay, "2026-12-07").await;
    assert_eq!(v.case.paid.as_ref().unwrap().late_fee_fen, fine * 6 / 100);
    let v = step(&cases, &me, &id, StepInput::Publish, "2026-12-07").await;
    assert_eq!(v.case.publicity.as_ref().unwrap().until, d("2029-12-07"));
    let public = PublicPenalties { store: &store };
    let found = public.search("示例便利店", None, 20, d("2026-12-08")).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].number, "鄂洪山市监处罚〔2026〕1号");
    assert_eq!(found[0].document_sha256, decision_sha);
    assert_eq!(public.search("鄂洪山市监处罚", None, 20, d("2026-12-08")).await.unwrap().len(), 1);
    assert!(public.search("无此企业", None, 20, d("2026-12-08")).await.unwrap().is_empty());
    // One character is read from every record; two or more from those holding the rarest pair;
    // pairs in another order are not the name.
    assert_eq!(public.search("便", None, 20, d("2026-12-08")).await.unwrap().len(), 1);
    assert_eq!(public.search("〔2026〕1号", None, 20, d("2026-12-08")).await.unwrap().len(), 1);
    assert!(public.search("便利示例", None, 20, d("2026-12-08")).await.unwrap().is_empty());
    public.get(&id, d("2026-12-08")).await.unwrap();
    // After its term it is gone from every public read.
    assert!(public.search("", None, 20, d("2029-12-08")).await.unwrap().is_empty());
    assert_eq!(public.get(&id, d("2029-12-08")).await.unwrap_err().code(), Code::CaseUnknown);
    let v = step(&cases, &me, &id, StepInput::Close { approved_by: "局长".into() }, "2026-12-08").await;
    assert_eq!(v.case.outcome(), Outcome::Penalty);
    let desk = cases.desk(&me, office("420111"), Queue::Open, 0, 50, d("2026-12-08")).await.unwrap();
    assert_eq!(desk.rows.iter().map(|v| v.case.id.as_str()).collect::<Vec<_>>(), vec!["AJ20261102000002"]);
    assert!(desk.rows[0].overdue.contains(&"filing_due"), "{:?}", desk.rows[0].overdue);
    assert_eq!(desk.counts, [1, 1, 0, 0]);
    let rows = cases.export(&me, office("420111"), d("2026-12-08")).await.unwrap();
    let row = rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(
        (row.filing_due.as_str(), row.filed_on.as_str(), row.decision_due.as_str(), row.decided_on.as_str()),
        ("2026-11-23", "2026-11-04", "2027-02-02", "2026-11-19")
    );
    assert_eq!(
        (row.procedure.as_str(), row.outcome.as_str(), row.hearing_offered.as_str()),
        ("standard", "penalty", "false")
    );
    assert_eq!((row.published_on.as_str(), row.publicity_until.as_str()), ("2026-12-07", "2029-12-07"));
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

async fn a_first_violation_ends_without_penalty_and_a_clue_may_not_be_filed(store: Store) {
    store.migrate().await.unwrap();
    let cases = Cases::new(&store);
    let me = officer("420111");
    // Beyond the two-year limitation: filing is refused with a typed error, and not filing on
    // that ground is allowed.
    let old = cases.receive(&me, clue(shop(), "2024-09-01"), at("2026-11-02")).await.unwrap();
    let filed = StepInput::File { approved_by: "局长".into(), officers: vec!["o-1".into(), "o-2".into()], row: None };
    let e = cases.step(&me, &old.id, filed.clone(), at("2026-11-03")).await.unwrap_err();
    assert_eq!(e.code(), Code::CaseTimeBarred);
    let not = StepInput::NotFile {
        ground: NotFiledGround::TimeBarred,
        reason: "超过两年".into(),
        approved_by: "局长".into(),
    };
    let v = step(&cases, &me, &old.id, not, "2026-11-03").await;
    assert_eq!(v.case.outcome(), Outcome::NotFiled);
    // A first violation: no penalty, with the education record.
    let person = Party {
        kind: PartyKind::NaturalPerson,
        name: "张三".into(),
        entity: None,
        id_number: Some("11010519491231002X".into()),
        address: Some("洪山区示例路1号".into()),
    };
    let c = cases.receive(&me, clue(person, "2026-10-20"), at("2026-11-02")).await.unwrap();
    step(&cases, &me, &c.id, filed, "2026-11-03").await;
    let no = StepInput::Decide {
        penalty: None,
        no_penalty: Some(NotFiledGround::First),
        education: None,
        approved_by: "局长".into(),
    };
    assert_eq!(cases.step(&me, &c.id, no.clone(), at("2026-11-05")).await.unwrap_err().code(), Code::CaseField);
    let no = match no {
        StepInput::Decide { penalty, no_penalty, approved_by, .. } => StepInput::Decide {
            penalty,
            no_penalty,
            approved_by,
            education: Some("宣讲食品安全法，当事人当场下架销毁".into()),
        },
        _ => unreachable!(),
    };
    let v = step(&cases, &me, &c.id, no, "2026-11-05").await;
    assert_eq!(v.case.decision.as_ref().unwrap().number, "鄂洪山市监不罚〔2026〕1号");
    // Its document holds the education given and never the person's identity number.
    let doc = shijian_app::case::document(&v.case, DocumentKind::NoPenaltyDecision, None).unwrap();
    let text = format!("{:?}", doc.blocks);
    assert!(text.contains("宣讲食品安全法") && !text.contains("11010519491231002X"), "{text}");
    assert!(shijian_app::case::document(&v.case, DocumentKind::Decision, None).is_err());
    assert!(!v.next_steps.contains(&Step::Publish));
    step(&cases, &me, &c.id, StepInput::Serve { method: ServiceMethod::Direct }, "2026-11-05").await;
    let v = step(&cases, &me, &c.id, StepInput::Close { approved_by: "局长".into() }, "2026-11-06").await;
    assert_eq!(v.case.outcome(), Outcome::NoPenalty);
    // Summary procedure: at most 200 yuan for a person.
    let s = cases.receive(&me, clue(shop(), "2026-11-01"), at("2026-11-02")).await.unwrap();
    let small = PenaltyInput {
        fine_yuan: Some(3_001),
        departure_reason: Some("当场".into()),
        departure_approved_by: Some("局长".into()),
        ..penalty()
    };
    let e = cases.step(&me, &s.id, StepInput::DecideSummary { penalty: small }, at("2026-11-02")).await.unwrap_err();
    assert!(matches!(e.code(), Code::CaseSummaryLimit | Code::CaseBenchmarkDepartureRange), "{e:?}");
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

async fn two_officers_deciding_one_case_at_once_give_one_decision(store: Store) {
    store.migrate().await.unwrap();
    let cases = Cases::new(&store);
    let me = officer("420111");
    let c = cases.receive(&me, clue(shop(), "2026-10-20"), at("2026-11-02")).await.unwrap();
    let id = c.id.clone();
    let filed = StepInput::File { approved_by: "局长".into(), officers: vec!["o-1".into(), "o-2".into()], row: None };
    step(&cases, &me, &id, filed, "2026-11-03").await;
    let not = StepInput::Decide {
        penalty: None,
        no_penalty: Some(NotFiledGround::NoViolation),
        education: None,
        approved_by: "局长".into(),
    };
    let city = officer("420100");
    let (a, b) = tokio::join!(
        cases.step(&me, &id, not.clone(), at("2026-11-05")),
        cases.step(&city, &id, not.clone(), at("2026-11-05")),
    );
    let ok = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1, "{a:?} {b:?}");
    let err = match (a, b) {
        (Err(e), _) | (_, Err(e)) => e,
        _ => unreachable!(),
    };
    assert_eq!(err.code(), Code::CaseWorkflow, "{err:?}");
    let s = store.case(&id).await.unwrap().unwrap();
    assert_eq!(s.status, Status::Decided);
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

/// A limited company of Hongshan's office, registered on 2022-03-01; its credit code.
async fn registered(store: &Store, n: u32, name: &str) -> String {
    use shijian_core::entity::Entity;
    use shijian_core::registry::EntityKind;
    let registrar = Actor { role: Role::Registrar, office: Some(office("420111")), pseudonym: Some("s-1".into()) };
    let e = Entity {
        uscc: shijian_core::Uscc::compose('9', '1', "420111", &format!("MA{n:06}")).unwrap(),
        name: name.into(),
        kind: EntityKind::LimitedCompany,
        representative: "李四".into(),
        capital: Some("50".into()),
        currency: "CNY".into(),
        established_on: d("2022-03-01"),
        authority: office("420111"),
        address: "武汉市洪山区珞喻路2号".into(),
        scope: vec![],
        scope_text: "一般项目：餐饮服务".into(),
        industry: None,
        parent: None,
    };
    let code = e.uscc.to_string();
    shijian_app::Registry::new(store).register(&registrar, e, None, d("2022-03-01"), at("2022-03-01")).await.unwrap();
    code
}

/// 诉转案: a 12315 clue decided "file" becomes a case in the same append, the clue naming it;
/// while the case is under investigation and while its fine is unpaid, simple deregistration
/// is refused (实施细则 第四十八条); the penalty counts in the risk classification.
async fn a_filed_12315_clue_becomes_a_case_whose_penalty_reaches_the_register_and_the_risk_class(store: Store) {
    use shijian_core::complaint::clue::{ClueFlagged, ClueRule};
    use shijian_core::registry::{Command, Encumbrances};
    store.migrate().await.unwrap();
    let code = registered(&store, 7, "武汉红光餐饮有限公司").await;
    let clean = registered(&store, 8, "武汉蓝天餐饮有限公司").await;
    let flagged = ClueFlagged {
        id: "XS20261101000001".into(),
        on: d("2026-11-01"),
        entity: code.clone(),
        office: office("420111"),
        rule: ClueRule::Repeated,
        problem: None,
        // A busy business: hundreds of complaints behind one clue.
        complaints: (1..=400).map(|n| format!("TS2026100100000000{n:04}")).collect(),
        from: d("2026-10-01"),
        to: d("2026-10-30"),
    };
    let e = shijian_core::event::NewEvent::of(&flagged, Some(&code), &Actor::system(), at("2026-11-01")).unwrap();
    store.append(&[e.with_publicity(shijian_core::event::Publicity::Restricted)]).await.unwrap();
    let me = officer("420111");
    let complaints = shijian_app::complaints::Complaints::new(&store);
    let decided_clue =
        complaints.decide_clue(&me, &flagged.id, true, "涉嫌销售过期食品", at("2026-11-02")).await.unwrap();
    let id = decided_clue.decided.as_ref().and_then(|d| d.case.clone()).expect("the case the clue became");
    let cases = Cases::new(&store);
    let c = cases.get(&me, &id, d("2026-11-02")).await.unwrap().case;
    assert_eq!((c.source.kind, c.source.reference.as_deref()), (SourceKind::Complaint, Some(flagged.id.as_str())));
    assert_eq!((c.party.entity.as_deref(), c.party.name.as_str()), (Some(code.as_str()), "武汉红光餐饮有限公司"));
    assert_eq!(c.in_charge.as_deref(), Some("o-420111"));
    assert!(c.facts.contains("400件投诉举报") && c.facts.contains("等"), "{}", c.facts);
    // The clue's record names the case, as the desk shows it.
    let listed = complaints.clues(&me, office("420111"), false, d("2026-11-02")).await.unwrap();
    let decided = listed.iter().find(|i| i.clue.flagged.id == flagged.id).unwrap().clue.decided.clone().unwrap();
    assert_eq!(decided.case.as_deref(), Some(id.as_str()));

    let registrar = Actor { role: Role::Registrar, office: Some(office("420111")), pseudonym: Some("s-1".into()) };
    let simple = |on: &'static str| {
        let (store, registrar, code) = (store.clone(), registrar.clone(), code.clone());
        async move {
            shijian_app::Registry::new(&store)
                .lifecycle(
                    &registrar,
                    &code,
                    &Command::StartSimpleDeregistration { on: d(on) },
                    &Encumbrances::default(),
                    at(on),
                )
                .await
        }
    };
    let filed =
        StepInput::File { approved_by: "局长".into(), officers: vec!["张明".into(), "李华".into()], row: None };
    step(&cases, &me, &id, filed, "2026-11-03").await;
    assert_eq!(simple("2026-11-04").await.unwrap_err().code(), Code::RegistryIneligible, "under investigation");
    step(&cases, &me, &id, StepInput::SubmitReview { kind: ReviewKind::Case }, "2026-11-04").await;
    let review = StepInput::Review { agreed: true, opinion: "同意".into() };
    step(&cases, &reviewer("420111"), &id, review, "2026-11-05").await;
    let penalty = PenaltyInput { row: "food-expired".into(), goods_value_yuan: Some(800), ..PenaltyInput::default() };
    step(&cases, &me, &id, StepInput::Notice { penalty }, "2026-11-06").await;
    step(&cases, &me, &id, StepInput::Statement { summary: String::new(), waived: true }, "2026-11-09").await;
    let decide = StepInput::Decide { penalty: None, no_penalty: None, education: None, approved_by: "局长".into() };
    step(&cases, &me, &id, decide, "2026-11-10").await;
    step(&cases, &me, &id, StepInput::Serve { method: ServiceMethod::Direct }, "2026-11-11").await;
    assert_eq!(simple("2026-11-12").await.unwrap_err().code(), Code::RegistryIneligible, "the fine is unpaid");
    step(&cases, &me, &id, StepInput::Pay, "2026-11-13").await;

    // The penalty counts among the risk indicators: the company fined scores below the clean one.
    let model = shijian_core::credit::classify::Model::builtin().unwrap();
    let credit = shijian_app::credit::Credit::new(&store);
    credit.classify_all(&Actor::system(), &model, d("2026-11-28"), at("2026-11-28"), |_| {}).await.unwrap();
    let fined = credit.file(&code).await.unwrap().class.unwrap();
    let other = credit.file(&clean).await.unwrap().class.unwrap();
    assert!(fined.score < other.score, "{fined:?} {other:?}");
    assert!(
        fined.reasons.iter().any(|r| matches!(
            r,
            shijian_core::credit::classify::Indicator::PenaltyStandard
                | shijian_core::credit::classify::Indicator::PenaltyLight
        )),
        "{fined:?}"
    );
    simple("2026-11-30").await.unwrap();

    // A repeated violation: the heavier band, which proposes a serious-list entry (food
    // safety) to the credit office; listed, it is no longer proposed.
    let c = cases.receive(&me, clue(shop_of(&clean), "2026-11-20"), at("2026-11-20")).await.unwrap();
    let filed =
        StepInput::File { approved_by: "局长".into(), officers: vec!["张明".into(), "李华".into()], row: None };
    step(&cases, &me, &c.id, filed, "2026-11-20").await;
    step(&cases, &me, &c.id, StepInput::SubmitReview { kind: ReviewKind::Case }, "2026-11-23").await;
    let review = StepInput::Review { agreed: true, opinion: "同意".into() };
    step(&cases, &reviewer("420111"), &c.id, review, "2026-11-23").await;
    let penalty = PenaltyInput {
        row: "food-expired".into(),
        goods_value_yuan: Some(800),
        circumstances: vec![Circumstance::Repeated],
        ..PenaltyInput::default()
    };
    let v = step(&cases, &me, &c.id, StepInput::Notice { penalty }, "2026-11-24").await;
    assert_eq!(v.case.notice.as_ref().unwrap().penalty.band, shijian_core::case::procedure::Band::Heavier);
    step(&cases, &me, &c.id, StepInput::Statement { summary: String::new(), waived: true }, "2026-11-25").await;
    let decide = StepInput::Decide { penalty: None, no_penalty: None, education: None, approved_by: "局长".into() };
    step(&cases, &me, &c.id, decide, "2026-11-26").await;
    let credit_officer =
        Actor { role: Role::CreditOfficer, office: Some(office("420100")), pseudonym: Some("c-1".into()) };
    let proposals = credit.serious_proposals(&credit_officer, office("420111")).await.unwrap();
    assert_eq!(proposals.len(), 1, "{proposals:?}");
    assert_eq!(proposals[0].case, c.id);
    assert_eq!(proposals[0].ground, shijian_core::credit::lists::SeriousGround::FoodSafety);
    assert_eq!(proposals[0].penalty, shijian_core::credit::lists::HeavierPenalty::AggravatedFine);
    // Only the credit office decides.
    let e = credit.list_serious_from_case(&me, &c.id, true, at("2026-11-27")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    // Two credit officers deciding the proposal at once: one listing, one typed refusal.
    let other = Actor { role: Role::CreditOfficer, office: Some(office("420100")), pseudonym: Some("c-2".into()) };
    let (a, b) = tokio::join!(
        credit.list_serious_from_case(&credit_officer, &c.id, true, at("2026-11-27")),
        credit.list_serious_from_case(&other, &c.id, true, at("2026-11-27")),
    );
    assert_eq!([&a, &b].iter().filter(|r| r.is_ok()).count(), 1, "{a:?} {b:?}");
    let lost = a.err().or(b.err()).unwrap();
    // Which refusal depends on how far the loser got: the mark, the list's rule, or the append.
    assert!([Code::CaseWorkflow, Code::CreditListTransition, Code::AppendConflict].contains(&lost.code()), "{lost:?}");
    assert_eq!(credit.file(&clean).await.unwrap().lists.serious.len(), 1);
    let entry = credit.file(&clean).await.unwrap().lists.serious[0].clone();
    let decided = store.case(&c.id).await.unwrap().unwrap().decision.unwrap();
    assert_eq!(entry.decision.as_deref(), Some(decided.number.as_str()));
    assert!(credit.serious_proposals(&credit_officer, office("420111")).await.unwrap().is_empty());
    // The listed matter has left the proposals' index itself, not only the page.
    assert!(store.serious_case_proposals(Some(office("420111"))).await.unwrap().is_empty());
    // A proposal is decided once: the same penalty does not list its party again.
    let again = credit.list_serious_from_case(&credit_officer, &c.id, true, at("2026-11-28")).await.unwrap_err();
    assert_eq!(again.code(), Code::CaseWorkflow, "{again:?}");
    // A database from before the mark existed shows it as a proposal until opened again, when
    // the mark is read back from the party's log.
    shijian_store::testing::forget_case_listed(&store).await;
    assert_eq!(credit.serious_proposals(&credit_officer, office("420111")).await.unwrap().len(), 1);
    store.migrate().await.unwrap();
    assert!(credit.serious_proposals(&credit_officer, office("420111")).await.unwrap().is_empty());
    // The public pages' reads are compiled once per connection, not again at every view
    // (SQLite does that when a plan depends on a bound value: the credit file's penalties,
    // ordered in SQL, cost a tenth of the page).
    let before = shijian_store::testing::recompilations(&store);
    for uscc in [&code, &clean, &code, &clean, &code, &clean] {
        shijian_app::credit::public_file(&store, uscc, d("2026-12-08")).await.unwrap();
        shijian_app::complaints::disclosure::disclosure(&store, uscc, d("2026-12-08")).await.unwrap();
        shijian_app::search::search_page(&store, "蓝天", 0, 20).await.unwrap();
    }
    let again = shijian_store::testing::recompiled_since(&before, &shijian_store::testing::recompilations(&store));
    assert!(again.is_empty(), "compiled again at each execution: {again:?}");
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

/// The party of a registered company, by its credit code.
fn shop_of(code: &str) -> Party {
    Party {
        kind: PartyKind::Organisation,
        name: "武汉蓝天餐饮有限公司".into(),
        entity: Some(code.to_string()),
        id_number: None,
        address: None,
    }
}

/// The ids of a desk page.
fn ids(desk: &shijian_app::case::Desk) -> Vec<&str> {
    desk.rows.iter().map(|v| v.case.id.as_str()).collect()
}

async fn a_desk_pages_its_open_matters_nearest_limit_first(store: Store) {
    store.migrate().await.unwrap();
    let cases = Cases::new(&store);
    let me = officer("420111");
    let colleague = Actor { pseudonym: Some("o-420111-b".into()), ..officer("420111") };
    // Received in another order than their limits: 15 workdays from receipt each.
    let late = cases.receive(&me, clue(shop(), "2026-10-20"), at("2026-11-20")).await.unwrap().id;
    let early = cases.receive(&me, clue(shop(), "2026-10-20"), at("2026-11-02")).await.unwrap().id;
    let middle = cases.receive(&me, clue(shop(), "2026-10-20"), at("2026-11-10")).await.unwrap().id;
    let theirs = cases.receive(&colleague, clue(shop(), "2026-10-20"), at("2026-11-05")).await.unwrap().id;
    let day = d("2026-11-30");
    let desk = cases.desk(&me, office("420111"), Queue::Open, 0, 2, day).await.unwrap();
    assert_eq!(ids(&desk), vec![early.as_str(), theirs.as_str()]);
    assert_eq!(desk.counts, [4, 3, 0, 0], "open, mine, review, collective");
    assert!(desk.rows[0].overdue.contains(&"filing_due"), "due 2026-11-23: {:?}", desk.rows[0].overdue);
    let desk = cases.desk(&me, office("420111"), Queue::Open, 2, 2, day).await.unwrap();
    assert_eq!(ids(&desk), vec![middle.as_str(), late.as_str()]);
    let desk = cases.desk(&me, office("420111"), Queue::Mine, 0, 10, day).await.unwrap();
    assert_eq!(ids(&desk), vec![early.as_str(), middle.as_str(), late.as_str()]);
    let desk = cases.desk(&colleague, office("420111"), Queue::Mine, 0, 10, day).await.unwrap();
    assert_eq!(ids(&desk), vec![theirs.as_str()]);
    // A prefecture's desk holds its districts' matters; another district's does not.
    let city = Actor { role: Role::CaseOfficer, office: Some(office("420100")), pseudonym: Some("o-city".into()) };
    assert_eq!(cases.desk(&city, office("420100"), Queue::Open, 0, 10, day).await.unwrap().counts[0], 4);
    let other = officer("420102");
    let denied = cases.desk(&other, office("420111"), Queue::Open, 0, 10, day).await.unwrap_err();
    assert_eq!(denied.code(), Code::AccessDenied);
    // Filed and sent to review: the reviewers' queue holds it, ordered by the review's limit.
    let filed = StepInput::File { approved_by: "局长".into(), officers: vec!["o-1".into(), "o-2".into()], row: None };
    step(&cases, &me, &early, filed, "2026-11-04").await;
    step(&cases, &me, &early, StepInput::NotifyReporter, "2026-11-05").await;
    step(&cases, &me, &early, StepInput::SubmitReview { kind: ReviewKind::Case }, "2026-11-30").await;
    let desk = cases.desk(&reviewer("420111"), office("420111"), Queue::Review, 0, 10, day).await.unwrap();
    assert_eq!(ids(&desk), vec![early.as_str()]);
    assert_eq!(desk.rows[0].clocks.review_due, Some(d("2026-12-14")));
    let desk = cases.desk(&me, office("420111"), Queue::Open, 0, 10, day).await.unwrap();
    assert_eq!(ids(&desk), vec![theirs.as_str(), middle.as_str(), late.as_str(), early.as_str()]);
    assert_eq!(desk.counts, [4, 3, 1, 0]);
    // A matter paused for testing waits after the running ones: its limits cannot pass.
    let pause = StepInput::Pause { reason: shijian_core::case::procedure::PauseReason::Testing, note: String::new() };
    step(&cases, &me, &theirs, pause, "2026-11-30").await;
    let desk = cases.desk(&me, office("420111"), Queue::Open, 0, 10, day).await.unwrap();
    assert_eq!(ids(&desk), vec![middle.as_str(), late.as_str(), early.as_str(), theirs.as_str()]);
    assert!(desk.rows[3].overdue.is_empty());
    step(&cases, &me, &theirs, StepInput::Resume, "2026-11-30").await;
    // A clue received at the year's end is due on 2027's provisional schedule; the published
    // schedule, here with 4 January off, moves it and the desk's order with it.
    let year_end = cases.receive(&me, clue(shop(), "2026-12-20"), at("2026-12-28")).await.unwrap().id;
    let due = |facts: Vec<shijian_store::case::Fact>| facts.into_iter().find(|f| f.id == year_end).unwrap().due;
    assert_eq!(due(store.case_facts_of_entity("91420111MA0000020Y").await.unwrap()), "2027-01-19");
    let y2027 = shijian_core::calendar::parse_schedule_rows(shijian_core::calendar::tsv_rows(
        "2027-01-01\tholiday\t元旦\n2027-01-04\tholiday\t元旦\n",
    ))
    .unwrap();
    store.import_calendar(&Actor::system(), &y2027, "国办发明电〔2026〕").await.unwrap();
    assert_eq!(due(store.case_facts_of_entity("91420111MA0000020Y").await.unwrap()), "2027-01-20");
    // Rows written before the desk's columns existed are filled in when the database is opened.
    let before = store.dump_projections().await.unwrap();
    shijian_store::testing::forget_case_desk(&store).await;
    assert_ne!(store.dump_projections().await.unwrap(), before);
    store.migrate().await.unwrap();
    assert_eq!(store.dump_projections().await.unwrap(), before);
    // Counted on another shipped holiday schedule: counted again when the database is opened.
    shijian_store::testing::forget_case_desk_calendar(&store).await;
    assert_ne!(store.dump_projections().await.unwrap(), before);
    store.migrate().await.unwrap();
    assert_eq!(store.dump_projections().await.unwrap(), before);
    // A page past the end is empty.
    let far = cases.desk(&me, office("420111"), Queue::Open, usize::MAX, 10, day).await.unwrap();
    assert!(far.rows.is_empty() && far.counts[0] == 5, "{:?}", far.counts);
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}
