//! Random inspections end to end through the journal, on both backends: the item list, the
//! inspector pool, a plan from draft to draw, verification (and a tampered task caught),
//! recusal, results and their 20-workday term.

use std::collections::HashMap;

use shijian_app::accounts::Accounts;
use shijian_app::inspection::{self, Inspections, Verification};
use shijian_core::Code;
use shijian_core::account::Account;
use shijian_core::credit::classify::{KIND_RISK_CLASSIFIED, RiskClass, RiskClassified};
use shijian_core::event::{Actor, NewEvent, Publicity, Role};
use shijian_core::inspection::plan::{Ratios, Scope, Stratum};
use shijian_core::inspection::pool::{InspectionObject, InspectorRecord};
use shijian_core::inspection::task::{ResultCategory, ResultRecorded};
use shijian_core::inspection::{Item, ItemKind, PlanSpec, PlanStatus, TargetKind, TaskStatus, hex, seed};
use shijian_ledger::note::{Signer, TYPE_ED25519};
use shijian_store::Store;

use crate::support::{at, d, office};

shijian_store::conformance!(
    a_plan_is_drawn_verifiably_and_its_results_published,
    products_are_drawn_from_their_register_with_their_makers_class,
    a_food_items_pool_holds_food_businesses_and_its_cap_is_checked_at_the_draft,
);

pub(crate) const PASSWORD: &str = "hubei2026market";

pub(crate) fn account(username: &str, role: Role, code: &str) -> Account {
    Account {
        username: username.into(),
        role,
        office: Some(office(code)),
        uscc: None,
        display_name: "张敏".into(),
        disabled: false,
        pseudonym: shijian_core::account::derived_pseudonym(username),
    }
}

pub(crate) fn signer() -> Signer {
    Signer::from_seed("shijian.test/log", TYPE_ED25519, &[9; 32]).unwrap()
}

/// 600 synthetic entities across Hubei, each given a class (A, B, C, D, or none) in turn.
pub(crate) async fn province(store: &Store) -> Vec<String> {
    let mut province = shijian_synth::Province::new(11, d("2026-06-30"));
    let mut events = Vec::new();
    let mut codes = Vec::new();
    for i in 0..600 {
        let s = province.next_entity();
        let actor = Actor { role: Role::Registrar, office: Some(s.entity.authority), pseudonym: Some("r-1".into()) };
        let subject = s.entity.uscc.to_string();
        let registered = shijian_core::entity::RegistryEvent::Registered { entity: s.entity, reservation: None };
        for e in std::iter::once(&registered).chain(&s.history) {
            events.push(shijian_app::registry::new_event(&actor, e, Some(&subject), at(&e.effective_on().to_string())));
        }
        let class = [Some(RiskClass::A), Some(RiskClass::B), Some(RiskClass::C), Some(RiskClass::D), None][i % 5];
        if let Some(class) = class {
            let data =
                RiskClassified { as_of: d("2026-07-01"), class, score: 0, model_version: "v1".into(), reasons: vec![] };
            events.push(NewEvent {
                kind: KIND_RISK_CLASSIFIED.into(),
                subject: Some(subject.clone()),
                occurred_at: at("2026-07-01"),
                actor: Actor::system(),
                basis: "国市监信发〔2022〕6号".into(),
                data: serde_json::to_value(data).unwrap(),
                publicity: Publicity::Restricted,
            });
        }
        codes.push(subject);
    }
    store.append(&events).await.unwrap();
    codes
}

async fn a_plan_is_drawn_verifiably_and_its_results_published(store: Store) {
    store.migrate().await.unwrap();
    let codes = province(&store).await;
    let system = Actor::system();
    let accounts = Accounts::new(&store);
    let staff = [
        account("admin.hb", Role::Administrator, "420000"),
        account("credit.hb", Role::CreditOfficer, "420000"),
        account("witness.hb", Role::Supervisor, "420000"),
        account("jiwei.hb", Role::Auditor, "420000"),
        account("insp.p1", Role::Inspector, "420000"),
        account("insp.p2", Role::Inspector, "420000"),
        account("insp.p3", Role::Inspector, "420000"),
        account("insp.p4", Role::Inspector, "420000"),
        account("insp.w1", Role::Inspector, "420100"),
        account("insp.w2", Role::Inspector, "420100"),
    ];
    for a in &staff {
        accounts.create(&system, a.clone(), PASSWORD, at("2026-07-01")).await.unwrap();
    }
    let admin = staff[0].actor();
    let officer = staff[1].actor();
    let me = Inspections::new(&store);

    // 一单: an item with a high cap for this small province, defined by the province.
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
    assert!(inspection::item_list(&store).await.unwrap().iter().any(|i| i.code == "SC-90"));
    let wuhan_admin = account("admin.wh", Role::Administrator, "420100");
    let first_item = inspection::item_list(&store).await.unwrap()[0].clone();
    let e = me.define_item(&wuhan_admin.actor(), first_item, at("2026-07-01")).await;
    assert_eq!(e.unwrap_err().code(), Code::AccessDenied, "the list is the province's");

    // 两库: the inspector pool. Two of the province's inspectors and one of Wuhan's hold certificates.
    for (a, certified) in staff[4..].iter().zip([true, true, false, false, true, false]) {
        let r = InspectorRecord {
            pseudonym: a.username.clone(),
            office: a.office.unwrap(),
            department: "市场监管".into(),
            certified,
            available: true,
        };
        me.enroll(&admin, r, at("2026-07-01")).await.unwrap();
    }
    let stranger = InspectorRecord {
        pseudonym: "credit.hb".into(),
        office: office("420100"),
        department: "市场监管".into(),
        certified: true,
        available: true,
    };
    assert_eq!(me.enroll(&admin, stranger, at("2026-07-01")).await.unwrap_err().code(), Code::InspectionField);
    // insp.p1 declares a conflict with the first entity.
    me.declare_conflict(&staff[4].actor(), &codes[0], "亲属任该企业法定代表人", at("2026-07-01")).await.unwrap();

    // The plan: class A not drawn, D drawn heavily.
    let spec = PlanSpec {
        id: String::new(),
        title: "2026年下半年全省企业公示信息抽查".into(),
        office: office("420000"),
        starts_on: d("2026-07-06"),
        ends_on: d("2026-11-30"),
        items: vec!["SC-90".into()],
        scope: Scope::default(),
        ratios: Ratios { a: 0, b: 1_000, c: 2_000, d: 5_000, u: 1_000 },
        trigger: None,
        team_size: 2,
        forbid_own_office: false,
        recent_days: 365,
        parties: vec!["witness.hb".into(), "jiwei.hb".into()],
        reveal_by: d("2026-07-10"),
    };
    let mut with_a = spec.clone();
    with_a.ratios.a = 500;
    assert_eq!(me.draft(&officer, with_a, at("2026-07-06")).await.unwrap_err().code(), Code::InspectionClassA);
    let outsider = account("credit.wh", Role::CreditOfficer, "420100").actor();
    assert_eq!(me.draft(&outsider, spec.clone(), at("2026-07-06")).await.unwrap_err().code(), Code::AccessDenied);
    // A Wuhan officer may not plan over Xiangyang's entities: refused by the authorisation
    // table, before the plan's own checks.
    let mut over_xiangyang = PlanSpec { office: office("420100"), ..spec.clone() };
    over_xiangyang.scope.divisions = vec![office("420600")];
    assert_eq!(me.draft(&outsider, over_xiangyang, at("2026-07-06")).await.unwrap_err().code(), Code::AccessDenied);
    let plan = me.draft(&officer, spec, at("2026-07-06")).await.unwrap();
    let id = plan.spec.id.clone();
    assert_eq!(id, "2026-420000-0001");
    // The public plan names its parties (and its planner) by pseudonym, never by username.
    let names: Vec<String> = [&staff[2], &staff[3]].iter().map(|a| a.actor().pseudonym.unwrap()).collect();
    assert_eq!(plan.spec.parties, names);
    let drafted = store.events_from(0, 10_000).await.unwrap();
    let drafted = drafted.iter().find(|e| e.kind == "inspection.plan_drafted").unwrap();
    assert!(!drafted.record.contains(".hb"), "{}", drafted.record);

    // Commit, publish, reveal, draw.
    let secrets = [[0x11u8; 32], [0x22u8; 32]];
    let parties = [staff[2].actor(), staff[3].actor()];
    let e = me.publish(&officer, &id, d("2026-07-06"), at("2026-07-06")).await.unwrap_err();
    assert_eq!(e.code(), Code::InspectionWorkflow, "every party commits first");
    for (p, s) in parties.iter().zip(&secrets) {
        let c = hex(&seed::party_commitment(&id, p.pseudonym.as_deref().unwrap(), s));
        me.commit(p, &id, &c, at("2026-07-06")).await.unwrap();
    }
    let e = me.commit(&staff[4].actor(), &id, &"00".repeat(32), at("2026-07-06")).await.unwrap_err();
    assert_eq!(e.code(), Code::InspectionNotParty);
    let published = me.publish(&officer, &id, d("2026-07-06"), at("2026-07-06")).await.unwrap();
    let state = published.plan;
    assert_eq!(state.status, PlanStatus::Published);
    // The counts per class are the planners' and auditors', recomputed from the pool file; the
    // public record and the plan's state carry the totals only.
    let strata = me.strata(&officer, &id).await.unwrap();
    assert!(strata[&Stratum::A] > 50 && strata[&Stratum::D] > 50, "{strata:?}");
    assert_eq!(published.strata, strata);
    assert_eq!(me.strata(&parties[1], &id).await.unwrap(), strata, "an auditor of the office");
    let public_actor = Actor { role: Role::Public, office: None, pseudonym: None };
    let outsider = account("credit.wh", Role::CreditOfficer, "420100").actor();
    for who in [public_actor, staff[4].actor(), staff[2].actor(), outsider] {
        assert_eq!(me.strata(&who, &id).await.unwrap_err().code(), Code::AccessDenied, "{who:?}");
    }
    let public = state.published.clone().unwrap();
    assert!(public.strata.is_empty());
    assert_eq!(public.targets, strata.values().sum::<u64>());
    let events = store.events_from(0, 10_000).await.unwrap();
    let event = events.iter().find(|e| e.kind == shijian_core::inspection::KIND_PLAN_PUBLISHED).unwrap();
    assert!(event.is_public_on(d("2026-07-06")));
    assert!(!event.record.contains("strata") && event.record.contains("\"targets\""), "{}", event.record);
    // No checkpoint yet after the publication: no reveal.
    let e = me.reveal(&parties[0], &id, &hex(&secrets[0]), at("2026-07-07")).await.unwrap_err();
    assert_eq!(e.code(), Code::InspectionNoCheckpoint);
    store.sign_checkpoint(&signer()).await.unwrap().unwrap();
    let e = me.reveal(&parties[0], &id, &hex(&secrets[1]), at("2026-07-07")).await.unwrap_err();
    assert_eq!(e.code(), Code::InspectionReveal, "a secret that does not open the commitment");
    me.reveal(&parties[0], &id, &hex(&secrets[0]), at("2026-07-07")).await.unwrap();
    let e = me.draw(&officer, &id, d("2026-07-07"), at("2026-07-07")).await.unwrap_err();
    assert_eq!(e.code(), Code::InspectionWorkflow, "one party has not revealed and the reveal day is not over");
    me.reveal(&parties[1], &id, &hex(&secrets[1]), at("2026-07-07")).await.unwrap();
    let drawn = me.draw(&officer, &id, d("2026-07-07"), at("2026-07-07")).await.unwrap();
    assert_eq!(drawn.status, PlanStatus::Drawn);
    let draw = drawn.draw.clone().unwrap();
    assert!(draw.parts.iter().all(|p| p.secret.is_some()));

    // Quotas per class, and the rules of assignment.
    let pool = me.pool(&drawn).await.unwrap();
    let stratum_of: HashMap<&str, Stratum> = pool.targets.iter().map(|t| (t.id.as_str(), t.stratum)).collect();
    let tasks = me.tasks(&id, 0, 500).await.unwrap().items;
    assert_eq!(tasks.len() as u64, draw.drawn);
    for s in Stratum::ALL {
        let n = tasks.iter().filter(|t| stratum_of[t.assigned.target.as_str()] == s).count() as u64;
        assert_eq!(n, Ratios::quota(drawn.spec.ratios.of(s), strata.get(&s).copied().unwrap_or(0)), "{s:?}");
    }
    assert!(tasks.iter().all(|t| stratum_of[t.assigned.target.as_str()] != Stratum::A));
    // Teams are named by the inspectors' pseudonyms.
    let pseudonym = |username: &str| shijian_core::account::derived_pseudonym(username);
    let certified = ["insp.p1", "insp.p2", "insp.w1"].map(pseudonym);
    for t in &tasks {
        let team = &t.assigned.inspectors;
        if t.assigned.unassigned.is_none() {
            assert_eq!(team.len(), 2);
            assert!(team.iter().any(|p| certified.contains(p)), "{team:?}");
            if t.assigned.target == codes[0] {
                assert!(!team.contains(&pseudonym("insp.p1")), "recusal");
            }
        }
    }
    // The public sees each task on the entity's file.
    let first = &tasks[0].assigned;
    assert!(me.tasks_of_entity(&first.target).await.unwrap().iter().any(|t| t.assigned.plan == id));

    // Anyone with the record repeats the draw; a tampered task is caught.
    assert_eq!(inspection::verify(&store, &id).await.unwrap(), Verification::Match { tasks: draw.drawn });
    store.rebuild_projections().await.unwrap();
    assert_eq!(me.plan(&id).await.unwrap(), drawn, "the projection is the fold of the journal");
    assert_eq!(inspection::verify(&store, &id).await.unwrap(), Verification::Match { tasks: draw.drawn });
    let victim = tasks.iter().find(|t| t.assigned.unassigned.is_none()).unwrap().assigned.clone();
    let mut forged = store.inspection_task(&id, &victim.target).await.unwrap().unwrap();
    forged.assigned.inspectors.reverse();
    let json = serde_json::to_string(&forged).unwrap().replace('\'', "''");
    store
        .danger_execute_sql(&format!(
            "UPDATE proj_inspection_task SET state = '{json}' WHERE plan = '{id}' AND target = '{}'",
            victim.target
        ))
        .await
        .unwrap();
    match inspection::verify(&store, &id).await.unwrap() {
        Verification::Differs(d) => assert!(d.starts_with(&format!("rank {}", victim.rank)), "{d}"),
        v => panic!("tampering not caught: {v:?}"),
    }
    store.rebuild_projections().await.unwrap();

    // Results: recorded by the team, published by the office, due in 20 workdays.
    let member =
        Actor { role: Role::Inspector, office: Some(office("420000")), pseudonym: Some(victim.inspectors[0].clone()) };
    let outsider = ["insp.p1", "insp.p2", "insp.p3", "insp.p4"]
        .map(pseudonym)
        .into_iter()
        .find(|p| !victim.inspectors.iter().any(|v| v == p))
        .unwrap();
    // Evidence: a photograph from the team; not a file of another kind, not from outside it.
    let other = Actor { pseudonym: Some(outsider.clone()), ..member.clone() };
    let photo = [b"\x89PNG\r\n\x1a\n".as_slice(), &[7u8; 64]].concat();
    let e = me.add_evidence(&other, &id, &victim.target, photo.clone()).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    let e = me.add_evidence(&member, &id, &victim.target, b"MZ\x90\x00".to_vec()).await.unwrap_err();
    assert_eq!(e.code(), Code::InspectionField);
    let photo_hash = me.add_evidence(&member, &id, &victim.target, photo.clone()).await.unwrap();
    let mut result = ResultRecorded {
        plan: id.clone(),
        target: victim.target.clone(),
        inspected_on: d("2026-09-21"),
        category: ResultCategory::Unreachable,
        findings: "登记住所无该企业经营".into(),
        evidence: vec!["ab".repeat(32)],
    };
    let e = me.record_result(&member, result.clone(), at("2026-09-21")).await.unwrap_err();
    assert_eq!(e.code(), Code::InspectionField, "evidence that was not uploaded");
    result.evidence = vec![photo_hash.clone()];
    assert_eq!(
        me.record_result(&other, result.clone(), at("2026-09-21")).await.unwrap_err().code(),
        Code::AccessDenied
    );
    let t = me.record_result(&member, result, at("2026-09-21")).await.unwrap();
    assert_eq!(t.status, TaskStatus::Recorded);
    assert_eq!(me.evidence(&officer, &id, &victim.target, &photo_hash).await.unwrap(), (photo, "image/png"));
    let e = me.evidence(&other, &id, &victim.target, &photo_hash).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    let late = me.unpublished(&officer, &id, d("2026-10-27")).await.unwrap();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].1, d("2026-10-26"), "20 workdays across 中秋 and 国庆 with the 10-10 workday");
    assert!(late[0].2);
    let t = me.publish_result(&officer, &id, &victim.target, d("2026-10-20"), at("2026-10-20")).await.unwrap();
    assert_eq!(t.status, TaskStatus::Published);
    assert_eq!(t.published.as_ref().unwrap().due, d("2026-10-26"));
    let public = me.tasks_of_entity(&victim.target).await.unwrap();
    let shown = public.iter().find(|t| t.assigned.plan == id).unwrap();
    assert_eq!(shown.recorded.as_ref().unwrap().category, ResultCategory::Unreachable);
    assert!(shown.recorded.as_ref().unwrap().findings.is_empty(), "findings stay in the file");
    assert_eq!(me.plan(&id).await.unwrap().results, 1);

    // The published result is in the credit file, and the classification counts it as a problem.
    let file = store.credit_file(inspection::target_entity(&victim.target)).await.unwrap().unwrap();
    assert_eq!(file.inspections.len(), 1);
    assert_eq!(file.inspections[0].category, ResultCategory::Unreachable);
    let entity = store.entity(inspection::target_entity(&victim.target)).await.unwrap().unwrap().state;
    let facts = file.facts(&entity, d("2026-11-01")).unwrap();
    assert_eq!((facts.inspections_with_problems, facts.inspections_clean), (1, 0));
    let facts = file.facts(&entity, d("2029-10-01")).unwrap();
    assert_eq!(facts.inspections_with_problems, 0, "older than three years");
    store.rebuild_projections().await.unwrap();
    let rebuilt = store.credit_file(inspection::target_entity(&victim.target)).await.unwrap().unwrap();
    assert_eq!(rebuilt, file);
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

/// A product pool (产品质量监督抽查, SC-07): products registered under their makers, drawn by
/// the maker's credit class, verified, and a result entering the maker's credit file.
async fn products_are_drawn_from_their_register_with_their_makers_class(store: Store) {
    store.migrate().await.unwrap();
    let codes = province(&store).await;
    let accounts = Accounts::new(&store);
    let staff = [
        account("admin.hb", Role::Administrator, "420000"),
        account("credit.hb", Role::CreditOfficer, "420000"),
        account("witness.hb", Role::Supervisor, "420000"),
        account("insp.p1", Role::Inspector, "420000"),
        account("insp.p2", Role::Inspector, "420000"),
    ];
    for a in &staff {
        accounts.create(&Actor::system(), a.clone(), PASSWORD, at("2026-07-01")).await.unwrap();
    }
    let (admin, officer) = (staff[0].actor(), staff[1].actor());
    let me = Inspections::new(&store);
    for a in &staff[3..] {
        let r = InspectorRecord {
            pseudonym: a.username.clone(),
            office: office("420000"),
            department: "市场监管".into(),
            certified: true,
            available: true,
        };
        me.enroll(&admin, r, at("2026-07-01")).await.unwrap();
    }
    // Two products for each of the first 300 entities (classes A, B, C, D, none in turn), and
    // one premises that a product plan does not see.
    let product = |i: usize, n: u32| InspectionObject {
        id: format!("{}/P-{n}", codes[i]),
        kind: TargetKind::Product,
        name: format!("电热水壶 型号 SH-{i}-{n}"),
        office: office(&codes[i][2..8]),
        industry: Some("3854".into()),
        active: true,
    };
    let mut objects: Vec<InspectionObject> = (0..300).flat_map(|i| [product(i, 1), product(i, 2)]).collect();
    objects.push(InspectionObject { id: format!("{}/S-1", codes[0]), kind: TargetKind::Premises, ..product(0, 9) });
    // Outside a Wuhan administrator's office, or an unknown maker: refused, nothing registered.
    let wuhan = account("admin.wh", Role::Administrator, "420100").actor();
    let outside = objects.iter().find(|o| !office("420100").contains(o.office)).unwrap().clone();
    assert_eq!(me.register_objects(&wuhan, &[outside], at("2026-07-02")).await.unwrap_err().code(), Code::AccessDenied);
    let stranger = InspectionObject {
        id: format!("{}/P-1", shijian_core::Uscc::compose('9', '1', "420111", "MA000099").unwrap()),
        ..product(0, 1)
    };
    let e = me.register_objects(&admin, &[stranger], at("2026-07-02")).await.unwrap_err();
    assert_eq!(e.code(), Code::RegistryUnknownEntity);
    let mut bad = product(0, 3);
    bad.id = codes[0].clone();
    assert_eq!(me.register_objects(&admin, &[bad], at("2026-07-02")).await.unwrap_err().code(), Code::InspectionField);
    me.register_objects(&admin, &objects, at("2026-07-02")).await.unwrap();
    // A withdrawn product leaves the pool.
    let withdrawn = InspectionObject { active: false, ..product(1, 2) };
    me.register_objects(&admin, &[withdrawn], at("2026-07-02")).await.unwrap();
    store.rebuild_projections().await.unwrap();
    let registered = store.inspection_objects(TargetKind::Product, None).await.unwrap();
    assert_eq!(registered.len(), 599, "active products, after a replay of the journal");

    // Entity and product items do not mix in one plan.
    let spec = PlanSpec {
        id: String::new(),
        title: "2026年电热水壶产品质量监督抽查".into(),
        office: office("420000"),
        starts_on: d("2026-07-06"),
        ends_on: d("2026-12-31"),
        items: vec!["SC-07".into(), "SC-01".into()],
        scope: Scope { industries: vec!["385".into()], ..Scope::default() },
        ratios: Ratios { a: 0, b: 300, c: 500, d: 800, u: 500 },
        trigger: None,
        team_size: 2,
        forbid_own_office: false,
        recent_days: 365,
        parties: vec!["witness.hb".into()],
        reveal_by: d("2026-07-10"),
    };
    assert_eq!(me.draft(&officer, spec.clone(), at("2026-07-03")).await.unwrap_err().code(), Code::InspectionField);
    let spec = PlanSpec { items: vec!["SC-07".into()], ..spec };
    let id = me.draft(&officer, spec, at("2026-07-03")).await.unwrap().spec.id;
    let party = staff[2].actor();
    let secret = [5u8; 32];
    let name = party.pseudonym.clone().unwrap();
    me.commit(&party, &id, &hex(&seed::party_commitment(&id, &name, &secret)), at("2026-07-03")).await.unwrap();
    let published = me.publish(&officer, &id, d("2026-07-03"), at("2026-07-03")).await.unwrap();
    let strata = published.strata.clone();
    // The products of active makers, less the withdrawn one; the premises are not in the pool.
    let mut expected = [0u64; 5];
    for (i, code) in codes.iter().enumerate().take(300) {
        let status = store.entity(code).await.unwrap().unwrap().state.status;
        if status == shijian_core::registry::Status::Active {
            expected[i % 5] += if i == 1 { 1 } else { 2 };
        }
    }
    let counts: Vec<u64> = [Stratum::A, Stratum::B, Stratum::C, Stratum::D, Stratum::U]
        .iter()
        .map(|s| strata.get(s).copied().unwrap_or(0))
        .collect();
    assert_eq!(counts, expected, "by the makers' classes");
    store.sign_checkpoint(&signer()).await.unwrap().unwrap();
    me.reveal(&party, &id, &hex(&secret), at("2026-07-04")).await.unwrap();
    let drawn = me.draw(&officer, &id, d("2026-07-04"), at("2026-07-04")).await.unwrap();
    let tasks = me.tasks(&id, 0, 500).await.unwrap().items;
    assert_eq!(tasks.len() as u64, drawn.draw.unwrap().drawn);
    assert!(tasks.iter().all(|t| t.assigned.target.contains("/P-")), "products only");
    let index = |t: &str| codes.iter().position(|c| c == inspection::target_entity(t)).unwrap();
    assert!(tasks.iter().all(|t| index(&t.assigned.target) % 5 != 0), "class A makers are not drawn");
    assert_eq!(inspection::verify(&store, &id).await.unwrap(), Verification::Match { tasks: tasks.len() as u64 });

    // A result on a product enters its maker's credit file.
    let t = &tasks[0].assigned;
    let member =
        Actor { role: Role::Inspector, office: Some(office("420000")), pseudonym: Some(t.inspectors[0].clone()) };
    let r = ResultRecorded {
        plan: id.clone(),
        target: t.target.clone(),
        inspected_on: d("2026-09-21"),
        category: ResultCategory::FollowUp,
        findings: "抽样检验不合格：耐潮湿项目".into(),
        evidence: vec![],
    };
    me.record_result(&member, r, at("2026-09-21")).await.unwrap();
    me.publish_result(&member, &id, &t.target, d("2026-09-25"), at("2026-09-25")).await.unwrap();
    let maker = inspection::target_entity(&t.target);
    let file = store.credit_file(maker).await.unwrap().unwrap();
    assert_eq!(file.inspections[0].target, t.target);
    // A result to follow up becomes an enforcement clue of the maker's registering office.
    let cases = store.cases_of_entity(maker).await.unwrap();
    assert_eq!(cases.len(), 1, "{cases:?}");
    let clue = &cases[0];
    assert_eq!(clue.source.kind, shijian_core::case::procedure::SourceKind::Inspection);
    assert_eq!(clue.source.reference.as_deref(), Some(format!("{id} {}", t.target).as_str()));
    let maker_state = store.entity(maker).await.unwrap().unwrap().state;
    assert_eq!(clue.office, maker_state.entity.authority);
    assert!(clue.facts.contains("耐潮湿项目"), "{}", clue.facts);
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

/// SC-04 (food businesses) applies to food businesses only: its pool holds restaurants and
/// food shops of the register, not the technology firms a scope of every entity would bring
/// in; and its cap (10%) is checked when the plan is drafted, over the pool as it is then.
async fn a_food_items_pool_holds_food_businesses_and_its_cap_is_checked_at_the_draft(store: Store) {
    store.migrate().await.unwrap();
    let codes = province(&store).await;
    let system = Actor::system();
    let accounts = Accounts::new(&store);
    let staff = [
        account("credit.hb", Role::CreditOfficer, "420000"),
        account("witness.hb", Role::Supervisor, "420000"),
        account("jiwei.hb", Role::Auditor, "420000"),
    ];
    for a in &staff {
        accounts.create(&system, a.clone(), PASSWORD, at("2026-07-01")).await.unwrap();
    }
    let officer = staff[0].actor();
    let me = Inspections::new(&store);
    let spec = PlanSpec {
        id: String::new(),
        title: "2026年食品经营者抽查".into(),
        office: office("420000"),
        starts_on: d("2026-07-06"),
        ends_on: d("2026-11-30"),
        items: vec!["SC-04".into()],
        scope: Scope::default(),
        ratios: Ratios { a: 0, b: 3_000, c: 5_000, d: 10_000, u: 3_000 },
        trigger: None,
        team_size: 2,
        forbid_own_office: false,
        recent_days: 365,
        parties: vec!["witness.hb".into(), "jiwei.hb".into()],
        reveal_by: d("2026-07-10"),
    };
    // Over the food businesses as they are, these ratios draw about 40%: over the cap, refused
    // at the draft rather than at publication.
    let e = me.draft(&officer, spec.clone(), at("2026-07-06")).await.unwrap_err();
    assert_eq!((e.code(), e.detail("item"), e.detail("cap")), (Code::InspectionCap, Some("SC-04"), Some("10.00%")));
    assert!(store.inspection_plan_ids("2026-420000-").await.unwrap().is_empty(), "nothing drafted");
    let plan = me.draft(&officer, PlanSpec { ratios: Ratios::DEFAULT, ..spec }, at("2026-07-06")).await.unwrap();
    let pool = me.build_pool(&plan, d("2026-07-06")).await.unwrap();
    let mut food = 0;
    for code in &codes {
        let row = store.entity(code).await.unwrap().unwrap();
        let industry = row.state.entity.industry.map(|i| i.to_string());
        let is_food = ["512", "521", "522", "62"]
            .iter()
            .any(|p| industry.as_deref().is_some_and(|i| i.trim_start_matches(char::is_alphabetic).starts_with(p)));
        let in_pool = pool.targets.iter().any(|t| &t.id == code);
        if in_pool {
            assert!(is_food, "{code} ({industry:?}) is no food business");
        }
        food += usize::from(is_food && row.state.status == shijian_core::registry::Status::Active);
    }
    assert!(!pool.targets.is_empty() && pool.targets.len() == food, "{} of {food}", pool.targets.len());
    assert!(pool.targets.len() < codes.len() / 2, "not every entity");
}
