//! The register through the journal: registrations, the name rules against the register, the
//! lifecycle, reservations, imports, authorisation — on both backends.

use crate::support::{at, d, office};
use shijian_app::Registry;
use shijian_app::import::import_entities;
use shijian_app::names::{self, Against, Exclude};
use shijian_core::entity::{Changes, Entity};
use shijian_core::event::{Actor, Role};
use shijian_core::registry::{Command, Encumbrances, EntityKind, Status};
use shijian_core::{Code, IndustryCode, Uscc};
use shijian_store::Store;

shijian_store::conformance!(
    registration_is_an_event_and_a_projection,
    identical_names_are_refused_by_the_register,
    similar_names_warn,
    names_ended_less_than_a_year_ago_still_count,
    reservations_hold_a_name_for_two_months,
    a_change_of_name_is_checked_and_frees_the_old_name_after_a_year,
    lifecycle_through_the_journal,
    staff_act_inside_their_jurisdiction,
    imports_are_whole_or_nothing,
    the_candidate_index_finds_what_brute_force_finds,
    rebuilt_projections_equal_the_live_ones,
    registrations_choose_their_scope_from_the_catalogue,
    a_bulk_load_finds_its_names_once_it_ends,
);

fn registrar(code: &str) -> Actor {
    Actor { role: Role::Registrar, office: Some(office(code)), pseudonym: Some("s-1".into()) }
}

/// A company registered by the office `authority`, with a code made from `n`.
fn company(n: u32, name: &str, authority: &str) -> Entity {
    let kind = if name.ends_with('店') || name.ends_with('馆') {
        EntityKind::IndividualBusiness
    } else {
        EntityKind::LimitedCompany
    };
    let body = format!("MA{:06}", n);
    Entity {
        uscc: Uscc::compose('9', kind.uscc_category(), authority, &body).unwrap(),
        name: name.into(),
        kind,
        representative: "张三".into(),
        capital: if kind == EntityKind::LimitedCompany { Some("100".into()) } else { None },
        currency: "CNY".into(),
        established_on: d("2020-03-02"),
        authority: office(authority),
        address: "武汉市洪山区珞喻路1号".into(),
        scope: vec![],
        scope_text: "一般项目：餐饮服务".into(),
        industry: Some(IndustryCode::parse_form("62").unwrap()),
        parent: None,
    }
}

async fn setup(store: &Store) {
    store.migrate().await.unwrap();
}

async fn register(store: &Store, e: Entity) -> shijian_store::Appended {
    let authority = e.authority.to_string();
    Registry::new(store).register(&registrar(&authority), e, None, d("2026-11-28"), at("2026-11-28")).await.unwrap().1
}

async fn verdict_and_rules(store: &Store, name: &str, authority: &str, today: &str) -> (String, Vec<&'static str>) {
    let c = Registry::new(store).check_name(name, None, Some(office(authority)), d(today)).await.unwrap();
    (c.verdict.as_str().to_string(), c.findings.iter().map(|f| f.rule).collect())
}

async fn registration_is_an_event_and_a_projection(store: Store) {
    setup(&store).await;
    let e = company(1, "武汉红光餐饮有限公司", "420111");
    let receipt = register(&store, e.clone()).await;
    let state = Registry::new(&store).entity(e.uscc.as_str()).await.unwrap();
    assert_eq!(state.entity, e);
    assert_eq!(state.status, Status::Active);
    let history = Registry::new(&store).history(e.uscc.as_str()).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].kind.as_str(), history[0].index), ("registry.entity_registered", receipt.index));
    // The record names the legal basis.
    assert!(history[0].record.contains("市场主体登记管理条例 第十九条"));
    // A second registration of the code is refused, and nothing is appended.
    let size = store.log_size().await.unwrap();
    let again = Registry::new(&store)
        .register(
            &registrar("420111"),
            company(1, "武汉蓝天餐饮有限公司", "420111"),
            None,
            d("2026-11-28"),
            at("2026-11-28"),
        )
        .await
        .unwrap_err();
    assert_eq!(again.code(), Code::RegistryDuplicate);
    assert_eq!(store.log_size().await.unwrap(), size);
    // An entity that breaks a rule on its own is refused with the field named.
    let mut bad = company(2, "武汉蓝天餐饮有限公司", "420111");
    bad.capital = Some("1,000".into());
    let err = Registry::new(&store).register(&registrar("420111"), bad, None, d("2026-11-28"), at("2026-11-28")).await;
    assert_eq!(err.unwrap_err().detail("field"), Some("capital"));
    assert_eq!(store.log_size().await.unwrap(), size);
    let unknown = Registry::new(&store).entity("91420111MA0000009X").await.unwrap_err();
    assert_eq!(unknown.code(), Code::RegistryUnknownEntity);
}

/// 企业名称相同相近比对规则 (工商企注字〔2017〕133号) and 企业名称登记管理规定 第十七条, against
/// the register.
async fn identical_names_are_refused_by_the_register(store: Store) {
    setup(&store).await;
    register(&store, company(1, "武汉红光酒业发展有限公司", "420111")).await;
    for (name, rule) in [
        ("武汉红光酒业发展有限公司", "identical"),
        ("红光（武汉）酒业发展有限公司", "same_words_reordered"),
        ("武汉红光酒业有限责任公司", "same_trade_name_same_industry"),
        ("红光酒业有限公司", "same_trade_name_same_industry"),
    ] {
        let (verdict, rules) = verdict_and_rules(&store, name, "420111", "2026-11-28").await;
        assert_eq!((verdict.as_str(), rules.as_slice()), ("refuse", [rule].as_slice()), "{name}");
    }
    // A name stating the city meets the names of every office of the city, whichever office
    // checks it; a name stating no division is compared under its own office only (规定
    // 第十七条: the same authority).
    let (verdict, _) = verdict_and_rules(&store, "武汉红光酒业发展有限公司", "420102", "2026-11-28").await;
    assert_eq!(verdict, "refuse");
    let (verdict, _) = verdict_and_rules(&store, "红光酒业有限公司", "420102", "2026-11-28").await;
    assert_eq!(verdict, "accept");
    // A registration with a refused name is refused, naming the conflict.
    let err = Registry::new(&store)
        .register(
            &registrar("420111"),
            company(2, "红光（武汉）酒业发展有限公司", "420111"),
            None,
            d("2026-11-28"),
            at("2026-11-28"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::RegistryNameRefused);
    assert!(err.detail("reason").unwrap().contains("武汉红光酒业发展有限公司"));
}

/// 133号: similar names are a warning — same sound, traditional/simplified, equivalent
/// industry terms are the same industry, a 字号 containing a registered one.
async fn similar_names_warn(store: Store) {
    setup(&store).await;
    register(&store, company(1, "武汉红光餐饮有限公司", "420111")).await;
    register(&store, company(2, "武汉万青房地产有限公司", "420111")).await;
    for (name, verdict, rule) in [
        ("武汉宏光餐饮有限公司", "warn", "same_sounding_trade_name"),
        ("武汉紅光餐飲有限公司", "warn", "traditional_simplified_variant"),
        ("武汉红光达餐饮有限公司", "warn", "contains_registered_trade_name"),
        ("武汉万青置业有限公司", "refuse", "same_trade_name_same_industry"),
    ] {
        let (v, rules) = verdict_and_rules(&store, name, "420111", "2026-11-28").await;
        assert_eq!((v.as_str(), rules.as_slice()), (verdict, [rule].as_slice()), "{name}");
    }
    let registry = Registry::new(&store);
    let c = registry.check_name("武汉宏光餐饮有限公司", None, Some(office("420111")), d("2026-11-28")).await.unwrap();
    assert_eq!(c.findings[0].conflict_name.as_deref(), Some("武汉红光餐饮有限公司"));
    assert_eq!(c.findings[0].conflict_uscc.as_deref(), Some(company(1, "", "420111").uscc.as_str()));
    // Another industry does not conflict.
    assert_eq!(verdict_and_rules(&store, "武汉宏光物流有限公司", "420111", "2026-11-28").await.0, "accept");
}

/// 企业名称登记管理规定 第十七条第二项: a name deregistered less than a year ago still counts.
async fn names_ended_less_than_a_year_ago_still_count(store: Store) {
    setup(&store).await;
    let e = company(1, "武汉红光餐饮有限公司", "420111");
    register(&store, e.clone()).await;
    Registry::new(&store)
        .lifecycle(
            &registrar("420111"),
            e.uscc.as_str(),
            &Command::Deregister { on: d("2026-03-01") },
            &Encumbrances::default(),
            at("2026-03-01"),
        )
        .await
        .unwrap();
    assert_eq!(verdict_and_rules(&store, "武汉红光餐饮有限公司", "420111", "2026-11-28").await.0, "refuse");
    assert_eq!(verdict_and_rules(&store, "武汉红光餐饮有限公司", "420111", "2027-03-01").await.0, "accept");
}

/// 企业名称登记管理规定 第十八条: a reserved name is kept for 2 months; the applicant's own
/// reservation does not stand in the way of its registration.
async fn reservations_hold_a_name_for_two_months(store: Store) {
    setup(&store).await;
    let registry = Registry::new(&store);
    let public = Actor { role: Role::Public, office: None, pseudonym: None };
    let (check, receipt) = registry
        .reserve_name(
            &public,
            "武汉蓝天餐饮有限公司",
            EntityKind::LimitedCompany,
            office("420111"),
            d("2026-11-28"),
            at("2026-11-28"),
        )
        .await
        .unwrap();
    assert_eq!(check.verdict.as_str(), "accept");
    // The reservation is not public.
    assert!(!store.event_by_index(receipt.index).await.unwrap().is_public_on(d("2026-11-28")));
    assert_eq!(verdict_and_rules(&store, "武汉蓝天餐饮有限公司", "420111", "2026-12-01").await.0, "refuse");
    assert_eq!(verdict_and_rules(&store, "武汉蓝天餐饮有限公司", "420111", "2027-01-28").await.0, "accept");
    let again = registry
        .reserve_name(
            &public,
            "武汉蓝天餐饮有限公司",
            EntityKind::LimitedCompany,
            office("420111"),
            d("2026-11-29"),
            at("2026-11-29"),
        )
        .await
        .unwrap_err();
    assert_eq!(again.code(), Code::RegistryNameRefused);
    // Registration using the reservation.
    let e = company(3, "武汉蓝天餐饮有限公司", "420111");
    registry.register(&registrar("420111"), e.clone(), None, d("2026-12-01"), at("2026-12-01")).await.unwrap_err();
    registry.register(&registrar("420111"), e, Some(receipt.index), d("2026-12-01"), at("2026-12-01")).await.unwrap();
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

/// 变更登记: a new name is checked without the entity's own names; the old name counts for a
/// year (规定 第十七条第二项).
async fn a_change_of_name_is_checked_and_frees_the_old_name_after_a_year(store: Store) {
    setup(&store).await;
    let registry = Registry::new(&store);
    let a = company(1, "武汉红光餐饮有限公司", "420111");
    let b = company(2, "武汉蓝天物流有限公司", "420111");
    register(&store, a.clone()).await;
    register(&store, b.clone()).await;
    let to = |name: &str| Changes { name: Some(name.into()), ..Changes::default() };
    let err = registry
        .change(&registrar("420111"), b.uscc.as_str(), d("2026-04-01"), to("武汉红光餐饮有限公司"), at("2026-04-01"))
        .await;
    assert_eq!(err.unwrap_err().code(), Code::RegistryNameRefused);
    // Its own name in another form is no conflict with itself.
    registry
        .change(
            &registrar("420111"),
            a.uscc.as_str(),
            d("2026-04-01"),
            to("武汉红光餐饮管理有限公司"),
            at("2026-04-01"),
        )
        .await
        .unwrap();
    let state = registry.entity(a.uscc.as_str()).await.unwrap();
    assert_eq!(state.entity.name, "武汉红光餐饮管理有限公司");
    assert_eq!(state.former_names[0].name, "武汉红光餐饮有限公司");
    let (v, rules) = verdict_and_rules(&store, "武汉红光餐饮有限公司", "420111", "2026-11-28").await;
    assert_eq!(v, "refuse");
    assert!(rules.contains(&"identical"), "{rules:?}");
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

async fn lifecycle_through_the_journal(store: Store) {
    setup(&store).await;
    let registry = Registry::new(&store);
    let e = company(1, "武汉红光餐饮有限公司", "420111");
    register(&store, e.clone()).await;
    let code = e.uscc.as_str();
    let act = |c: Command, enc: Encumbrances| {
        let registry = Registry::new(&store);
        async move { registry.lifecycle(&registrar("420111"), code, &c, &enc, at("2026-01-01")).await }
    };
    let clean = Encumbrances::default;
    act(Command::Suspend { from: d("2024-01-01"), until: d("2024-06-01") }, clean()).await.unwrap();
    assert_eq!(registry.entity(code).await.unwrap().status, Status::Suspended);
    act(Command::Resume { on: d("2024-03-01") }, clean()).await.unwrap();
    assert_eq!(registry.entity(code).await.unwrap().suspension_days_used, 60);
    // 实施细则 第四十八条: no simple deregistration while on a list; nothing is appended.
    let size = store.log_size().await.unwrap();
    let listed = Encumbrances { abnormal_list: true, ..clean() };
    let err = act(Command::StartSimpleDeregistration { on: d("2024-05-01") }, listed).await.unwrap_err();
    assert_eq!(err.code(), Code::RegistryIneligible);
    assert_eq!(store.log_size().await.unwrap(), size);
    act(Command::StartSimpleDeregistration { on: d("2024-05-01") }, clean()).await.unwrap();
    let early = act(Command::SimpleDeregister { on: d("2024-05-10") }, clean()).await.unwrap_err();
    assert_eq!(early.code(), Code::RegistryDeadline);
    act(Command::SimpleDeregister { on: d("2024-05-25") }, clean()).await.unwrap();
    let state = registry.entity(code).await.unwrap();
    assert_eq!((state.status, state.ended_on), (Status::Deregistered, Some(d("2024-05-25"))));
    let after = act(Command::Revoke { on: d("2024-06-01") }, clean()).await.unwrap_err();
    assert_eq!(after.code(), Code::RegistryTransition);
    let kinds: Vec<String> = registry.history(code).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            "registry.entity_registered",
            "registry.entity_suspended",
            "registry.entity_resumed",
            "registry.simple_deregistration_noticed",
            "registry.entity_deregistered"
        ]
    );
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

async fn staff_act_inside_their_jurisdiction(store: Store) {
    setup(&store).await;
    let e = company(1, "武汉红光餐饮有限公司", "420111");
    let registry = Registry::new(&store);
    let elsewhere = registry.register(&registrar("420500"), e.clone(), None, d("2026-11-28"), at("2026-11-28")).await;
    assert_eq!(elsewhere.unwrap_err().code(), Code::AccessDenied);
    let inspector = Actor { role: Role::Inspector, office: Some(office("420000")), pseudonym: None };
    let wrong_role = registry.register(&inspector, e.clone(), None, d("2026-11-28"), at("2026-11-28")).await;
    assert_eq!(wrong_role.unwrap_err().code(), Code::AccessDenied);
    // The city's office acts for its districts.
    registry.register(&registrar("420100"), e, None, d("2026-11-28"), at("2026-11-28")).await.unwrap();
    assert_eq!(store.entity_count().await.unwrap(), 1);
}

async fn imports_are_whole_or_nothing(store: Store) {
    setup(&store).await;
    register(&store, company(1, "武汉红光餐饮有限公司", "420111")).await;
    let system = Actor { role: Role::System, office: None, pseudonym: Some("import".into()) };
    let rows = || {
        vec![
            (2, Ok(company(2, "武汉蓝天物流有限公司", "420111"))),
            (3, Ok(company(3, "武汉红光餐饮有限公司", "420111"))), // refused: the register has it
            (4, Ok(company(4, "武汉绿野商贸有限公司", "420111"))),
            (5, Ok(company(5, "绿野（武汉）商贸有限公司", "420111"))), // refused: row 4 has it
            (6, Ok(company(2, "武汉白云科技有限公司", "420111"))),     // refused: row 2's code
            (7, Err(shijian_core::Error::new(Code::UsccCheck))),
        ]
    };
    let report =
        import_entities(&store, &system, rows(), false, d("2026-11-28"), at("2026-11-28"), |_| {}).await.unwrap();
    assert!(report.aborted);
    let lines: Vec<usize> = report.rejected.iter().map(|r| r.0).collect();
    assert_eq!(lines, [3, 5, 6, 7]);
    assert_eq!(store.entity_count().await.unwrap(), 1);
    let report =
        import_entities(&store, &system, rows(), true, d("2026-11-28"), at("2026-11-28"), |_| {}).await.unwrap();
    assert_eq!((report.aborted, report.imported, report.rejected.len()), (false, 2, 4));
    assert_eq!(store.entity_count().await.unwrap(), 3);
}

/// The name check through the candidate index finds exactly what a comparison with every name
/// of the office finds, over a synthetic province with deliberate near-duplicates.
async fn the_candidate_index_finds_what_brute_force_finds(store: Store) {
    setup(&store).await;
    let as_of = d("2026-11-28");
    let mut province = shijian_synth::Province::new(3, as_of);
    let mut names = Vec::new();
    let mut events = Vec::new();
    for _ in 0..1500 {
        let s = province.next_entity();
        names.push((s.entity.name.clone(), s.entity.kind, s.entity.authority));
        let actor = registrar(&s.entity.authority.to_string());
        let subject = s.entity.uscc.to_string();
        let registered = shijian_core::entity::RegistryEvent::Registered { entity: s.entity, reservation: None };
        for e in std::iter::once(&registered).chain(&s.history) {
            events.push(shijian_app::registry::new_event(&actor, e, Some(&subject), at(&e.effective_on().to_string())));
        }
    }
    store.append(&events).await.unwrap();
    let all = store.names_under(None).await.unwrap();
    let mut with_findings = 0;
    for (i, (name, kind, authority)) in names.iter().enumerate().step_by(7) {
        // The name itself, and a same-sounding or longer variant of it.
        let variant = if i % 2 == 0 {
            name.replacen('红', "宏", 1).replacen('华', "化", 1)
        } else {
            name.replacen("有限公司", "发展有限公司", 1)
        };
        for proposed in [name.clone(), variant] {
            let via_index = names::check(
                &store,
                &proposed,
                Some(*kind),
                Some(*authority),
                Exclude::default(),
                as_of,
                Against::Index,
            );
            let brute = names::check(
                &store,
                &proposed,
                Some(*kind),
                Some(*authority),
                Exclude::default(),
                as_of,
                Against::All(&all),
            );
            let (a, b) = (via_index.await.unwrap(), brute.await.unwrap());
            let key = |c: &shijian_app::NameCheck| {
                let mut f: Vec<_> = c.findings.iter().map(|f| (f.rule, f.conflict_uscc.clone())).collect();
                f.sort();
                f
            };
            assert_eq!(key(&a), key(&b), "{proposed}");
            if !a.findings.is_empty() {
                with_findings += 1;
            }
        }
    }
    assert!(with_findings > 100, "{with_findings}");
}

async fn rebuilt_projections_equal_the_live_ones(store: Store) {
    setup(&store).await;
    let as_of = d("2026-11-28");
    let mut province = shijian_synth::Province::new(5, as_of);
    let mut events = Vec::new();
    let mut codes = Vec::new();
    for _ in 0..400 {
        let s = province.next_entity();
        codes.push(s.entity.uscc.to_string());
        let actor = registrar(&s.entity.authority.to_string());
        let subject = s.entity.uscc.to_string();
        let registered = shijian_core::entity::RegistryEvent::Registered { entity: s.entity, reservation: None };
        for e in std::iter::once(&registered).chain(&s.history) {
            events.push(shijian_app::registry::new_event(&actor, e, Some(&subject), at(&e.effective_on().to_string())));
        }
    }
    // In several appends, so that folds start from stored states.
    for chunk in events.chunks(97) {
        store.append(chunk).await.unwrap();
    }
    let mut before = Vec::new();
    for c in &codes {
        before.push(store.entity(c).await.unwrap().unwrap());
    }
    let names_before = store.names_under(None).await.unwrap();
    store.rebuild_projections().await.unwrap();
    for (c, b) in codes.iter().zip(&before) {
        assert_eq!(&store.entity(c).await.unwrap().unwrap(), b, "{c}");
    }
    assert_eq!(store.names_under(None).await.unwrap(), names_before);
    assert!(before.iter().any(|r| !r.state.former_names.is_empty()));
    assert!(before.iter().any(|r| r.state.ended_on.is_some()));
}

/// Registrations choose their business scope from the catalogue (经营范围库): unknown codes are
/// refused; the registered wording is the catalogue's, licensed items with their note.
async fn registrations_choose_their_scope_from_the_catalogue(store: Store) {
    setup(&store).await;
    let catalogue = shijian_core::scope::ScopeCatalogue::builtin();
    let general = catalogue.items().find(|i| i.licences.is_empty()).unwrap().code.to_string();
    let licensed = catalogue.items().find(|i| !i.licences.is_empty()).unwrap().code.to_string();
    let mut e = company(1, "武汉红光餐饮有限公司", "420111");
    e.scope = vec![general.to_lowercase(), licensed.clone()];
    e.scope_text = String::new();
    register(&store, e.clone()).await;
    let state = Registry::new(&store).entity(e.uscc.as_str()).await.unwrap();
    assert_eq!(state.entity.scope, vec![general, licensed]);
    assert!(state.entity.scope_text.starts_with("一般项目："), "{}", state.entity.scope_text);
    assert!(state.entity.scope_text.contains("许可项目："), "{}", state.entity.scope_text);
    let mut bad = company(2, "武汉蓝天物流有限公司", "420111");
    bad.scope = vec!["Z9999".into()];
    let err = Registry::new(&store).register(&registrar("420111"), bad, None, d("2026-11-28"), at("2026-11-28")).await;
    assert_eq!(err.unwrap_err().detail("field"), Some("scope"));
}

/// Names registered during a bulk load are compared with once the load ends: the deferred
/// candidate keys are merged (SQLite) or were never deferred (PostgreSQL).
async fn a_bulk_load_finds_its_names_once_it_ends(store: Store) {
    setup(&store).await;
    store.bulk_load(true).await.unwrap();
    register(&store, company(1, "武汉红光餐饮有限公司", "420111")).await;
    register(&store, company(2, "武汉蓝天餐饮有限公司", "420111")).await;
    store.bulk_load(false).await.unwrap();
    let (verdict, rules) = verdict_and_rules(&store, "武汉红光餐饮有限公司", "420111", "2026-11-29").await;
    assert_eq!(verdict, "refuse", "{rules:?}");
    let (verdict, _) = verdict_and_rules(&store, "武汉蓝天餐饮有限公司", "420111", "2026-11-29").await;
    assert_eq!(verdict, "refuse");
}

/// A bulk load stopped half way (the process killed) leaves its name keys deferred; the next
/// open merges them, so the names it committed are compared with.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_bulk_load_is_completed_when_the_store_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shijian.db");
    {
        let store = Store::open_sqlite(&path).await.unwrap();
        setup(&store).await;
        store.bulk_load(true).await.unwrap();
        register(&store, company(1, "武汉红光餐饮有限公司", "420111")).await;
        // Deferred: not yet a candidate.
        let (verdict, _) = verdict_and_rules(&store, "武汉红光餐饮有限公司", "420111", "2026-11-29").await;
        assert_eq!(verdict, "accept");
        // The load never ends.
    }
    let store = Store::open_sqlite(&path).await.unwrap();
    setup(&store).await;
    let (verdict, rules) = verdict_and_rules(&store, "武汉红光餐饮有限公司", "420111", "2026-11-29").await;
    assert_eq!(verdict, "refuse", "{rules:?}");
}
