//! Concurrent decisions about one matter, on both backends: requests sent at once, each having
//! read the same state. Exactly one lands; the others fail with a typed error — the checked
//! append's `append_conflict`, or the domain's transition error when a request read the state
//! after the first had landed (or when the fold's own re-check fires) — and the journal holds
//! one event.

use std::future::Future;
use std::sync::Arc;

use shijian_app::Registry;
use shijian_app::complaints::Complaints;
use shijian_app::credit::{Credit, RepairStep};
use shijian_core::complaint::{Business, Channel, Intake, Kind, Party};
use shijian_core::credit::lists::{AbnormalCause, AbnormalGround, Cure};
use shijian_core::credit::repair::{RepairFacts, RepairTarget};
use shijian_core::entity::{Changes, Entity};
use shijian_core::event::{Actor, Role};
use shijian_core::registry::EntityKind;
use shijian_core::{Code, Error, IndustryCode, Uscc};
use shijian_store::{Expect, Store};
use tokio::sync::Barrier;

use crate::support::{at, d, office};

shijian_store::conformance!(
    two_approvals_of_one_repair_land_once,
    four_registrations_of_one_new_name_land_once,
    a_reservation_a_registration_and_a_change_to_one_name_land_once,
    two_acceptances_of_one_complaint_land_once,
    a_checked_append_writes_nothing_on_conflict,
    two_results_for_one_task_land_once,
);

/// Runs the `n` requests at once (each on its own task, released together) and returns their
/// outcomes in order.
async fn at_once<T, F, Fut>(n: usize, request: F) -> Vec<Result<T, Error>>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<T, Error>> + Send + 'static,
{
    let barrier = Arc::new(Barrier::new(n));
    let mut handles = Vec::new();
    for i in 0..n {
        let barrier = barrier.clone();
        let fut = request(i);
        handles.push(tokio::spawn(async move {
            barrier.wait().await;
            fut.await
        }));
    }
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

/// Exactly one success; every failure is one of `allowed`. Returns the index of the success.
fn exactly_one<T>(outcomes: &[Result<T, Error>], allowed: &[Code]) -> usize {
    let ok: Vec<usize> = outcomes.iter().enumerate().filter(|(_, r)| r.is_ok()).map(|(i, _)| i).collect();
    assert_eq!(ok.len(), 1, "exactly one lands: {:?}", outcomes.iter().map(|r| r.as_ref().err()).collect::<Vec<_>>());
    for e in outcomes.iter().filter_map(|r| r.as_ref().err()) {
        assert!(allowed.contains(&e.code()), "{e}");
    }
    ok[0]
}

fn registrar() -> Actor {
    Actor { role: Role::Registrar, office: Some(office("420111")), pseudonym: Some("s-1".into()) }
}

fn credit_officer(n: usize) -> Actor {
    Actor { role: Role::CreditOfficer, office: Some(office("420100")), pseudonym: Some(format!("c-{n}")) }
}

fn entity(n: u32, name: &str) -> Entity {
    Entity {
        uscc: Uscc::compose('9', '1', "420111", &format!("MA{n:06}")).unwrap(),
        name: name.into(),
        kind: EntityKind::LimitedCompany,
        representative: "李四".into(),
        capital: Some("50".into()),
        currency: "CNY".into(),
        established_on: d("2020-03-01"),
        authority: office("420111"),
        address: "武汉市洪山区珞喻路2号".into(),
        scope: vec![],
        scope_text: "一般项目：软件开发".into(),
        industry: Some(IndustryCode::parse_form("65").unwrap()),
        parent: None,
    }
}

/// A distinct trade name per round, two characters from lists that make no forbidden word.
fn trade_name(round: usize) -> String {
    const A: [char; 5] = ['青', '松', '明', '远', '泰'];
    const B: [char; 5] = ['禾', '岳', '川', '峰', '朗'];
    format!("{}{}", A[round % 5], B[round / 5 % 5])
}

async fn count(store: &Store, subject: &str, kind: &str) -> usize {
    store.events_of_subject(subject).await.unwrap().iter().filter(|e| e.kind == kind).count()
}

/// Two credit officers approve one repair request at the same moment: one approval (and one
/// removal from the list) lands. The fold would refuse a second approval on its own too.
async fn two_approvals_of_one_repair_land_once(store: Store) {
    store.migrate().await.unwrap();
    let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    let facts = RepairFacts { commitment: true, cure: Some(Cure::ContactRestored), early: None, penalty: None };
    for round in 0..8u32 {
        let code = entity(round + 1, &format!("武汉{}软件有限公司", trade_name(round as usize))).uscc.to_string();
        Registry::new(&store)
            .register(
                &registrar(),
                entity(round + 1, &format!("武汉{}软件有限公司", trade_name(round as usize))),
                None,
                d("2020-03-01"),
                at("2020-03-01"),
            )
            .await
            .unwrap();
        let credit = Credit::new(&store);
        let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-02-01") };
        credit.list_abnormal(&credit_officer(0), &code, unreachable, d("2026-02-03"), at("2026-02-03")).await.unwrap();
        let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
        credit.request_repair(&itself, &code, "XF-1", target.clone(), &facts, None, at("2026-03-01")).await.unwrap();
        credit
            .review_repair(&credit_officer(0), &code, "XF-1", RepairStep::Accept, None, at("2026-03-02"))
            .await
            .unwrap();
        let outcomes = at_once(2, |i| {
            let (store, code) = (store.clone(), code.clone());
            async move {
                Credit::new(&store)
                    .review_repair(
                        &credit_officer(i),
                        &code,
                        "XF-1",
                        RepairStep::Approve { facts },
                        None,
                        at("2026-03-05"),
                    )
                    .await
            }
        })
        .await;
        exactly_one(&outcomes, &[Code::AppendConflict, Code::CreditWorkflow]);
        assert_eq!(count(&store, &code, "credit.repair_approved").await, 1);
        assert_eq!(count(&store, &code, "credit.abnormal_removed").await, 1);
        let file = credit.file(&code).await.unwrap();
        assert_eq!(file.repairs_completed, 1);
        assert!(!file.lists.on_abnormal_list());
    }
    // The fold re-runs the transition: the approval's event appended again, unchecked, fails.
    let code = entity(1, "").uscc.to_string();
    let approved =
        store.events_of_subject(&code).await.unwrap().into_iter().find(|e| e.kind == "credit.repair_approved").unwrap();
    let record: serde_json::Value = serde_json::from_str(&approved.record).unwrap();
    let again = shijian_core::event::NewEvent {
        kind: approved.kind.clone(),
        subject: Some(code.clone()),
        occurred_at: at("2026-03-06"),
        actor: credit_officer(0),
        basis: record["basis"].as_str().unwrap().to_string(),
        data: record["data"].clone(),
        publicity: shijian_core::event::Publicity::Restricted,
    };
    let size = store.log_size().await.unwrap();
    assert_eq!(store.append(&[again]).await.unwrap_err().code(), Code::CreditWorkflow);
    assert_eq!(store.log_size().await.unwrap(), size);
}

/// Four registrations of one new name sent at once, 25 rounds: one lands each round, the
/// others fail (the name was taken after they checked it: `append_conflict`; or before:
/// `registry_name_refused`).
async fn four_registrations_of_one_new_name_land_once(store: Store) {
    store.migrate().await.unwrap();
    for round in 0..25usize {
        let name = format!("武汉{}信息技术有限公司", trade_name(round));
        let outcomes = at_once(4, |i| {
            let (store, e) = (store.clone(), entity((100 + round * 4 + i) as u32, &name));
            async move { Registry::new(&store).register(&registrar(), e, None, d("2026-03-02"), at("2026-03-02")).await }
        })
        .await;
        exactly_one(&outcomes, &[Code::AppendConflict, Code::RegistryNameRefused]);
        let mut registered = 0;
        for i in 0..4 {
            let code = entity((100 + round * 4 + i) as u32, "").uscc.to_string();
            registered += count(&store, &code, "registry.entity_registered").await;
        }
        assert_eq!(registered, 1, "round {round}");
    }
}

/// A reservation, a registration and a change of name, all to one new name at once: one lands.
async fn a_reservation_a_registration_and_a_change_to_one_name_land_once(store: Store) {
    store.migrate().await.unwrap();
    let existing = entity(500, "武汉星河软件有限公司");
    let code = existing.uscc.to_string();
    Registry::new(&store).register(&registrar(), existing, None, d("2020-03-01"), at("2020-03-01")).await.unwrap();
    for round in 0..6usize {
        let name = format!("武汉{}网络科技有限公司", trade_name(round));
        let size = store.log_size().await.unwrap();
        let outcomes = at_once(3, |i| {
            let (store, name, code) = (store.clone(), name.clone(), code.clone());
            async move {
                let registry = Registry::new(&store);
                match i {
                    0 => registry
                        .reserve_name(
                            &registrar(),
                            &name,
                            EntityKind::LimitedCompany,
                            office("420111"),
                            d("2026-03-02"),
                            at("2026-03-02"),
                        )
                        .await
                        .map(|_| ()),
                    1 => registry
                        .register(
                            &registrar(),
                            entity((600 + round) as u32, &name),
                            None,
                            d("2026-03-02"),
                            at("2026-03-02"),
                        )
                        .await
                        .map(|_| ()),
                    _ => {
                        let changes = Changes { name: Some(name.clone()), ..Changes::default() };
                        registry
                            .change(&registrar(), &code, d("2026-03-02"), changes, at("2026-03-02"))
                            .await
                            .map(|_| ())
                    }
                }
            }
        })
        .await;
        exactly_one(&outcomes, &[Code::AppendConflict, Code::RegistryNameRefused]);
        assert_eq!(store.log_size().await.unwrap(), size + 1, "round {round}: one event");
    }
}

fn intake() -> Intake {
    Intake {
        kind: Kind::Complaint,
        channel: Channel::Web,
        party: Party {
            name: Some("李华".into()),
            phone: Some("13800000000".into()),
            address: Some("武汉市武昌区中北路1号".into()),
        },
        business: Business { name: "某某餐馆".into(), code: None, address: None },
        place: office("420106"),
        category: "S01".into(),
        problem: "P03".into(),
        amount: Some("268".into()),
        occurred_on: Some(d("2026-02-20")),
        facts: "消费后结账金额与标价不符。".into(),
        request: "退还多收款项".into(),
        attachments: vec![],
        consent_to_publish: false,
        odr: false,
    }
}

/// Two handlers accept one complaint at once: one acceptance lands (the 12315 fold re-runs the
/// procedure's transition).
async fn two_acceptances_of_one_complaint_land_once(store: Store) {
    store.migrate().await.unwrap();
    let public = Actor { role: Role::Public, office: None, pseudonym: None };
    for _ in 0..8 {
        let filed = Complaints::new(&store).file(&public, intake(), at("2026-03-02")).await.unwrap();
        let outcomes = at_once(2, |i| {
            let (store, id) = (store.clone(), filed.id.clone());
            let handler = Actor {
                role: Role::ComplaintHandler,
                office: Some(office("420106")),
                pseudonym: Some(format!("h-{i}")),
            };
            async move { Complaints::new(&store).accept(&handler, &id, at("2026-03-03")).await }
        })
        .await;
        exactly_one(&outcomes, &[Code::AppendConflict, Code::ComplaintWorkflow]);
        assert_eq!(count(&store, &filed.id, shijian_core::complaint::KIND_ACCEPTED).await, 1);
    }
}

/// The store's part alone: an expectation that no longer holds fails the append and writes
/// nothing; one that holds appends.
async fn a_checked_append_writes_nothing_on_conflict(store: Store) {
    store.migrate().await.unwrap();
    let e = entity(700, "武汉云帆软件有限公司");
    let code = e.uscc.to_string();
    let seen = store.decision_point().await.unwrap();
    Registry::new(&store).register(&registrar(), e, None, d("2020-03-01"), at("2020-03-01")).await.unwrap();
    let filing = shijian_app::registry::new_event(
        &registrar(),
        &shijian_core::entity::RegistryEvent::Filed {
            on: d("2026-03-02"),
            matter: "章程".into(),
            detail: "修订".into(),
        },
        Some(&code),
        at("2026-03-02"),
    );
    let size = store.log_size().await.unwrap();
    let err =
        store.append_checked(std::slice::from_ref(&filing), &Expect::since(seen).subject(&code)).await.unwrap_err();
    assert_eq!((err.code(), err.detail("matter")), (Code::AppendConflict, Some(code.as_str())));
    assert_eq!(err.kind(), shijian_core::ErrorKind::Conflict);
    assert_eq!(store.log_size().await.unwrap(), size, "nothing written");
    // Another subject, or a decision that saw every event about the subject, appends.
    let other = Expect::since(seen).subject("91420111MA0000000X");
    store.append_checked(std::slice::from_ref(&filing), &other).await.unwrap();
    store.append_checked(&[filing], &Expect::since(size + 1).subject(&code)).await.unwrap();
    assert_eq!(store.log_size().await.unwrap(), size + 2);
}

/// A drawn plan of the province's office, and its tasks with a team.
async fn drawn_plan(store: &Store) -> (Actor, Vec<shijian_core::inspection::TaskState>) {
    use crate::inspection::{PASSWORD, account, province, signer};
    use shijian_app::accounts::Accounts;
    use shijian_app::inspection::Inspections;
    use shijian_core::inspection::plan::{Ratios, Scope};
    use shijian_core::inspection::pool::InspectorRecord;
    use shijian_core::inspection::{Item, ItemKind, PlanSpec, TargetKind, hex, seed};
    province(store).await;
    let system = Actor::system();
    let staff = [
        account("admin.hb", Role::Administrator, "420000"),
        account("credit.hb", Role::CreditOfficer, "420000"),
        account("witness.hb", Role::Supervisor, "420000"),
        account("jiwei.hb", Role::Auditor, "420000"),
        account("insp.p1", Role::Inspector, "420000"),
        account("insp.p2", Role::Inspector, "420000"),
        account("insp.p3", Role::Inspector, "420000"),
    ];
    for a in &staff {
        Accounts::new(store).create(&system, a.clone(), PASSWORD, at("2026-07-01")).await.unwrap();
    }
    let (admin, officer) = (staff[0].actor(), staff[1].actor());
    let me = Inspections::new(store);
    let item = Item {
        code: "SC-90".into(),
        department: "市场监管".into(),
        name_zh: "测试事项".into(),
        name_en: "Test item".into(),
        target: TargetKind::Entity,
        kind: ItemKind::Ordinary,
        cap_bp: Some(5_000),
        basis: "企业信息公示暂行条例 第十四条".into(),
        checks: vec!["年度报告公示信息".into()],
        applies_to: Vec::new(),
    };
    me.define_item(&admin, item, at("2026-07-01")).await.unwrap();
    for a in &staff[4..] {
        let r = InspectorRecord {
            pseudonym: a.username.clone(),
            office: a.office.unwrap(),
            department: "市场监管".into(),
            certified: true,
            available: true,
        };
        me.enroll(&admin, r, at("2026-07-01")).await.unwrap();
    }
    let spec = PlanSpec {
        id: String::new(),
        title: "2026年下半年全省企业公示信息抽查".into(),
        office: office("420000"),
        starts_on: d("2026-07-06"),
        ends_on: d("2026-11-30"),
        items: vec!["SC-90".into()],
        scope: Scope::default(),
        ratios: Ratios { a: 0, b: 1_000, c: 1_000, d: 1_000, u: 1_000 },
        trigger: None,
        team_size: 2,
        forbid_own_office: false,
        recent_days: 365,
        parties: vec!["witness.hb".into(), "jiwei.hb".into()],
        reveal_by: d("2026-07-10"),
    };
    let id = me.draft(&officer, spec, at("2026-07-06")).await.unwrap().spec.id;
    let secrets = [[0x11u8; 32], [0x22u8; 32]];
    let parties = [staff[2].actor(), staff[3].actor()];
    for (p, s) in parties.iter().zip(&secrets) {
        let c = hex(&seed::party_commitment(&id, p.pseudonym.as_deref().unwrap(), s));
        me.commit(p, &id, &c, at("2026-07-06")).await.unwrap();
    }
    me.publish(&officer, &id, d("2026-07-06"), at("2026-07-06")).await.unwrap();
    store.sign_checkpoint(&signer()).await.unwrap().unwrap();
    for (p, s) in parties.iter().zip(&secrets) {
        me.reveal(p, &id, &hex(s), at("2026-07-07")).await.unwrap();
    }
    me.draw(&officer, &id, d("2026-07-07"), at("2026-07-07")).await.unwrap();
    let tasks = me.tasks(&id, 0, 500).await.unwrap().items;
    (officer, tasks.into_iter().filter(|t| t.assigned.unassigned.is_none()).collect())
}

/// Two results for one task published at once (by the office and by a member of the team): one
/// publication lands (the fold re-runs the task's transition). Before that, the two members
/// record two results at once: a result that had not seen the other's does not silently
/// replace it (`append_conflict`); one recorded after seeing it may (a result may be replaced
/// until published), so here only the events are counted.
async fn two_results_for_one_task_land_once(store: Store) {
    use shijian_app::inspection::Inspections;
    use shijian_core::inspection::task::{ResultCategory, ResultRecorded};
    use shijian_core::inspection::{KIND_RESULT_PUBLISHED, KIND_RESULT_RECORDED};
    store.migrate().await.unwrap();
    let (officer, tasks) = drawn_plan(&store).await;
    assert!(tasks.len() >= 6, "{}", tasks.len());
    for t in &tasks[..6] {
        let a = &t.assigned;
        let member = |i: usize| Actor {
            role: Role::Inspector,
            office: Some(office("420000")),
            pseudonym: Some(a.inspectors[i].clone()),
        };
        let outcomes = at_once(2, |i| {
            let (store, actor) = (store.clone(), member(i));
            let r = ResultRecorded {
                plan: a.plan.clone(),
                target: a.target.clone(),
                inspected_on: d("2026-09-21"),
                category: [ResultCategory::Unreachable, ResultCategory::NoProblem][i],
                findings: format!("第{i}组记录"),
                evidence: vec![],
            };
            async move { Inspections::new(&store).record_result(&actor, r, at("2026-09-21")).await }
        })
        .await;
        // A result may be replaced until published, by a recorder who saw it: a request that
        // read the task after the other landed replaces it. One that read it before fails.
        let landed = outcomes.iter().filter(|r| r.is_ok()).count();
        assert!(landed >= 1);
        for e in outcomes.iter().filter_map(|r| r.as_ref().err()) {
            assert_eq!(e.code(), Code::AppendConflict, "{e}");
        }
        let recorded = |kind: &'static str| {
            let store = store.clone();
            let (plan, target) = (a.plan.clone(), a.target.clone());
            async move {
                let events = store.events_of_subject(&target).await.unwrap();
                events.iter().filter(|e| e.kind == kind && e.record.contains(&plan)).count()
            }
        };
        assert_eq!(recorded(KIND_RESULT_RECORDED).await, landed);
        let outcomes = at_once(2, |i| {
            let (store, actor) = (store.clone(), if i == 0 { officer.clone() } else { member(0) });
            let (plan, target) = (a.plan.clone(), a.target.clone());
            async move {
                Inspections::new(&store).publish_result(&actor, &plan, &target, d("2026-09-22"), at("2026-09-22")).await
            }
        })
        .await;
        exactly_one(&outcomes, &[Code::AppendConflict, Code::InspectionWorkflow]);
        assert_eq!(recorded(KIND_RESULT_PUBLISHED).await, 1);
    }
}
