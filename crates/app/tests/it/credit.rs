//! The credit file through the journal: annual reports, lists and their effects, the
//! classification, the public view and search — on both backends.

use crate::support::{at, d, office};
use shijian_app::Registry;
use shijian_app::credit::{BackEntry, Credit, public_file};
use shijian_core::credit::annual::{AnnualReport, Count};
use shijian_core::credit::classify::{Model, RiskClass};
use shijian_core::credit::lists::{
    self, AbnormalCause, AbnormalGround, Cure, HeavierPenalty, SeriousGround, SeriousRemoval,
};
use shijian_core::credit::objection::ObjectionTarget;
use shijian_core::entity::{Changes, Entity};
use shijian_core::event::{Actor, Role};
use shijian_core::registry::{Command, Encumbrances, EntityKind};
use shijian_core::{Code, IndustryCode, Tier, Uscc};
use shijian_store::Store;

shijian_store::conformance!(
    annual_reports_are_filed_by_the_entity_itself,
    missing_reports_list_the_entity_and_block_simple_deregistration,
    classification_follows_the_lists_and_records_only_changes,
    serious_entries_leave_the_public_view_when_removed,
    search_finds_by_code_name_words_and_former_names,
    repair_and_objections_follow_their_workflow,
    corrections_and_instant_disclosures,
    the_worklist_shows_waiting_matters_with_due_days_on_the_official_calendar,
    commitments_are_recorded_and_breaches_counted,
    the_filing_day_is_the_servers_and_staff_back_entries_are_recorded,
    closed_entities_file_nothing,
    a_matter_the_calendar_cannot_count_is_listed_with_the_reason,
    provisional_due_days_are_recomputed_when_the_year_is_imported,
    a_registration_and_a_listing_in_one_batch_fold_together,
);

fn unreachable_objection() -> ObjectionTarget {
    ObjectionTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None }
}

async fn listed(store: &Store, n: u32, name: &str) -> String {
    let code = registered(store, n, name, "2020-03-01").await;
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-09-01") };
    Credit::new(store)
        .list_abnormal(&credit_officer(), &code, unreachable, d("2026-09-02"), at("2026-09-02"))
        .await
        .unwrap();
    code
}

async fn the_filing_day_is_the_servers_and_staff_back_entries_are_recorded(store: Store) {
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2020-03-01").await;
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    // 2025-06-30 16:30 UTC is 1 July in Beijing: the report is late, whatever a client says.
    let late = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2025, 6, 30, 16, 30, 0).unwrap();
    let back = BackEntry { on: d("2025-06-30"), reason: "纸质年报，6月30日窗口收件".into() };
    let e = credit.file_annual_report(&itself, &code, &report(2024, true), Some(&back), late).await.unwrap_err();
    assert_eq!(e.code(), Code::FilingBackEntry, "an enterprise cannot choose its filing day");
    assert!(credit.file(&code).await.unwrap().reports.is_empty(), "nothing was filed");
    credit.file_annual_report(&itself, &code, &report(2024, true), None, late).await.unwrap();
    assert!(credit.file(&code).await.unwrap().reports[&2024].late);

    // Staff back-entering a paper objection give its day and why; both are in the event.
    let other = listed(&store, 2, "武汉蓝天餐饮有限公司").await;
    let no_reason = BackEntry { on: d("2026-09-10"), reason: " ".into() };
    let e = credit
        .file_objection(
            &credit_officer(),
            &other,
            "YY-1",
            unreachable_objection(),
            "x",
            Some(&no_reason),
            at("2026-09-14"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::FilingBackEntry);
    let future = BackEntry { on: d("2026-09-15"), reason: "补录".into() };
    let e = credit
        .file_objection(
            &credit_officer(),
            &other,
            "YY-1",
            unreachable_objection(),
            "x",
            Some(&future),
            at("2026-09-14"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::FilingBackEntry);
    let back = BackEntry { on: d("2026-09-10"), reason: "邮寄的纸质异议申请，9月14日收到".into() };
    let a = credit
        .file_objection(
            &credit_officer(),
            &other,
            "YY-1",
            unreachable_objection(),
            "一直在登记住所经营",
            Some(&back),
            at("2026-09-14"),
        )
        .await
        .unwrap();
    assert_eq!(credit.file(&other).await.unwrap().objections["YY-1"].filed_on, d("2026-09-10"));
    let event = store.event_by_id(&a.event_id).await.unwrap();
    assert!(
        event.record.contains("\"back_entry\":{\"on\":\"2026-09-10\",\"reason\":\"邮寄的纸质异议申请"),
        "{}",
        event.record
    );
}

async fn closed_entities_file_nothing(store: Store) {
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2001-03-01").await;
    Registry::new(&store)
        .lifecycle(
            &registrar(),
            &code,
            &Command::Deregister { on: d("2001-09-01") },
            &Encumbrances::default(),
            at("2001-09-01"),
        )
        .await
        .unwrap();
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let e = credit.file_annual_report(&itself, &code, &report(2025, true), None, at("2026-03-01")).await.unwrap_err();
    assert_eq!((e.code(), e.detail("status")), (Code::CreditEntityClosed, Some("注销")));
    let e = credit
        .file_objection(&itself, &code, "YY-1", unreachable_objection(), "x", None, at("2026-03-01"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::CreditEntityClosed);
    assert!(credit.file(&code).await.unwrap().reports.is_empty());
}

async fn a_matter_the_calendar_cannot_count_is_listed_with_the_reason(store: Store) {
    let bad = listed(&store, 1, "武汉红光餐饮有限公司").await;
    let good = listed(&store, 2, "武汉蓝天餐饮有限公司").await;
    let credit = Credit::new(&store);
    // A paper objection back-entered as filed in 1999, a year no schedule covers.
    let back = BackEntry { on: d("1999-05-10"), reason: "档案补录".into() };
    credit
        .file_objection(&credit_officer(), &bad, "YY-1999", unreachable_objection(), "x", Some(&back), at("2026-09-14"))
        .await
        .unwrap();
    let them = Actor { role: Role::Enterprise, office: None, pseudonym: Some(good.clone()) };
    credit.file_objection(&them, &good, "YY-1", unreachable_objection(), "x", None, at("2026-09-18")).await.unwrap();
    let list = credit.worklist(&credit_officer(), None, d("2026-09-30")).await.unwrap();
    assert_eq!(list.len(), 2, "one record the calendar cannot count does not break the list");
    assert_eq!((list[0].uscc.as_str(), list[0].matter.due, list[0].overdue), (bad.as_str(), None, false));
    let why = list[0].matter.uncounted.as_ref().unwrap();
    assert_eq!((why.code, why.year), ("calendar_year_not_covered", Some(1999)));
    assert_eq!((list[1].uscc.as_str(), list[1].matter.due), (good.as_str(), Some(d("2026-09-24"))));
    // It can still be refused, which takes it off the list.
    credit
        .review_objection(
            &credit_officer(),
            &bad,
            "YY-1999",
            shijian_app::credit::ObjectionStep::Refuse { reason: "超过期限".into() },
            None,
            at("2026-09-30"),
        )
        .await
        .unwrap();
    assert_eq!(credit.worklist(&credit_officer(), None, d("2026-09-30")).await.unwrap().len(), 1);
}

async fn provisional_due_days_are_recomputed_when_the_year_is_imported(store: Store) {
    let code = listed(&store, 1, "武汉红光餐饮有限公司").await;
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    credit.file_objection(&itself, &code, "YY-1", unreachable_objection(), "x", None, at("2026-12-29")).await.unwrap();
    // 5 workdays on 2027's provisional schedule: 30, 31 December, 4, 5, 6 January.
    let list = credit.worklist(&credit_officer(), None, d("2026-12-29")).await.unwrap();
    assert_eq!((list[0].matter.due, list[0].matter.provisional), (Some(d("2027-01-06")), true));
    // The published schedule, here with 4 January off too, replaces it.
    let y2027 = shijian_core::calendar::parse_schedule_rows(shijian_core::calendar::tsv_rows(
        "2027-01-01\tholiday\t元旦\n2027-01-04\tholiday\t元旦\n",
    ))
    .unwrap();
    let appended = store.import_calendar(&Actor::system(), &y2027, "国办发明电〔2026〕").await.unwrap();
    let event = store.event_by_id(&appended[0].event_id).await.unwrap();
    assert_eq!(event.kind, "calendar.year_imported");
    let list = credit.worklist(&credit_officer(), None, d("2026-12-29")).await.unwrap();
    assert_eq!((list[0].matter.due, list[0].matter.provisional), (Some(d("2027-01-07")), false));
}

fn registrar() -> Actor {
    Actor { role: Role::Registrar, office: Some(office("420111")), pseudonym: Some("s-1".into()) }
}

fn credit_officer() -> Actor {
    Actor { role: Role::CreditOfficer, office: Some(office("420100")), pseudonym: Some("c-1".into()) }
}

async fn registered(store: &Store, n: u32, name: &str, on: &str) -> String {
    store.migrate().await.unwrap();
    let e = company(n, name, on);
    let code = e.uscc.to_string();
    Registry::new(store).register(&registrar(), e, None, d(on), at(on)).await.unwrap();
    code
}

/// A limited company of the office 420111 with a code made from `n`, established `on`.
fn company(n: u32, name: &str, on: &str) -> Entity {
    let kind = EntityKind::LimitedCompany;
    Entity {
        uscc: Uscc::compose('9', '1', "420111", &format!("MA{n:06}")).unwrap(),
        name: name.into(),
        kind,
        representative: "李四".into(),
        capital: Some("50".into()),
        currency: "CNY".into(),
        established_on: d(on),
        authority: office("420111"),
        address: "武汉市洪山区珞喻路2号".into(),
        scope: vec![],
        scope_text: "一般项目：餐饮服务".into(),
        industry: Some(IndustryCode::parse_form("62").unwrap()),
        parent: None,
    }
}

/// An entity's registration and a credit event about it in one append: the credit file is
/// folded from the kind the same batch registers (PostgreSQL folds both before writing
/// either), and a rebuild gives the same file.
async fn a_registration_and_a_listing_in_one_batch_fold_together(store: Store) {
    use shijian_core::entity::RegistryEvent;
    use shijian_core::event::{NewEvent, Publicity};
    store.migrate().await.unwrap();
    let e = company(71, "武汉市洪山区同批餐饮管理有限公司", "2020-03-01");
    let code = e.uscc.to_string();
    let registration = RegistryEvent::Registered { entity: e, reservation: None };
    let listing = lists::AbnormalListed {
        ground: AbnormalGround::Unreachable,
        report_year: None,
        listed_on: d("2026-09-02"),
        marked: false,
        trigger_on: d("2026-09-01"),
    };
    let event = |kind: &str, data: serde_json::Value, day: &str| NewEvent {
        kind: kind.into(),
        subject: Some(code.clone()),
        occurred_at: at(day),
        actor: registrar(),
        basis: "市场主体登记管理条例 第十九条".into(),
        data,
        publicity: Publicity::Public { until: None },
    };
    store
        .append(&[
            event(registration.kind(), registration.data(), "2020-03-01"),
            event(lists::KIND_ABNORMAL_LISTED, serde_json::to_value(&listing).unwrap(), "2026-09-02"),
        ])
        .await
        .unwrap();
    let file = Credit::new(&store).file(&code).await.unwrap();
    assert!(file.lists.on_abnormal_list());
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

fn report(year: i32, publish_employees: bool) -> AnnualReport {
    shijian_store::testing::annual_report(year, Some(Count { value: 12, published: publish_employees }))
}

/// 企业信息公示暂行条例 第八条、第九条: filed 1 January–30 June by the entity itself; the part
/// it chose not to publish is not public.
async fn annual_reports_are_filed_by_the_entity_itself(store: Store) {
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2022-03-01").await;
    let other = registered(&store, 2, "武汉蓝天餐饮有限公司", "2022-03-01").await;
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let wrong = Actor { role: Role::Enterprise, office: None, pseudonym: Some(other) };
    let e = credit.file_annual_report(&wrong, &code, &report(2024, false), None, at("2025-03-01")).await;
    assert_eq!(e.unwrap_err().code(), Code::AccessDenied);
    let receipts =
        credit.file_annual_report(&itself, &code, &report(2024, false), None, at("2025-03-01")).await.unwrap();
    assert_eq!(receipts.len(), 2, "the unpublished part is a second, restricted event");
    assert!(store.event_by_index(receipts[0].index).await.unwrap().is_public_on(d("2025-03-02")));
    assert!(!store.event_by_index(receipts[1].index).await.unwrap().is_public_on(d("2025-03-02")));
    let again = credit.file_annual_report(&itself, &code, &report(2024, true), None, at("2025-04-01")).await;
    assert_eq!(again.unwrap_err().code(), Code::CreditReportDuplicate);
    let file = credit.file(&code).await.unwrap();
    assert!(!file.reports[&2024].late);
    let public = public_file(&store, &code, d("2025-05-01")).await.unwrap();
    assert_eq!(public.annual_reports.len(), 1);
    assert!(public.history.iter().all(|h| h.kind != "credit.annual_report_unpublished_filed"));
}

/// 企业经营异常名录管理暂行办法 第六条: not filed by 30 June → listed; 实施细则 第四十八条第一项:
/// no simple deregistration while listed; the late report is the cure.
async fn missing_reports_list_the_entity_and_block_simple_deregistration(store: Store) {
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2022-03-01").await;
    let filer = registered(&store, 2, "武汉蓝天餐饮有限公司", "2022-03-01").await;
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(filer.clone()) };
    credit.file_annual_report(&itself, &filer, &report(2024, true), None, at("2025-06-30")).await.unwrap();
    let early = credit.list_missing_reports(&credit_officer(), 2024, d("2025-06-30"), at("2025-06-30"), |_| {}).await;
    assert_eq!(early.unwrap_err().code(), Code::CreditReportNotDue);
    let n =
        credit.list_missing_reports(&credit_officer(), 2024, d("2025-07-10"), at("2025-07-10"), |_| {}).await.unwrap();
    assert_eq!(n, 1);
    // Running the job again lists nobody twice.
    let n =
        credit.list_missing_reports(&credit_officer(), 2024, d("2025-07-11"), at("2025-07-11"), |_| {}).await.unwrap();
    assert_eq!(n, 0);
    assert!(credit.file(&code).await.unwrap().lists.on_abnormal_list());
    let blocked = Registry::new(&store)
        .lifecycle(
            &registrar(),
            &code,
            &Command::StartSimpleDeregistration { on: d("2025-08-01") },
            &Encumbrances::default(),
            at("2025-08-01"),
        )
        .await
        .unwrap_err();
    assert_eq!(blocked.code(), Code::RegistryIneligible);
    // The late report, then removal (名录办法: within 5 workdays of the cure).
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    credit.file_annual_report(&itself, &code, &report(2024, true), None, at("2025-08-01")).await.unwrap();
    assert!(credit.file(&code).await.unwrap().reports[&2024].late);
    let remove = lists::Command::RemoveAbnormal {
        ground: AbnormalGround::AnnualReportMissing,
        report_year: Some(2024),
        on: d("2025-08-04"),
        cure: Cure::ReportFiled { year: 2024 },
    };
    credit.decide_list(&credit_officer(), &code, &remove, at("2025-08-04")).await.unwrap();
    assert!(!credit.file(&code).await.unwrap().lists.on_abnormal_list());
    Registry::new(&store)
        .lifecycle(
            &registrar(),
            &code,
            &Command::StartSimpleDeregistration { on: d("2025-08-05") },
            &Encumbrances::default(),
            at("2025-08-05"),
        )
        .await
        .unwrap();
    // Staff outside their role or jurisdiction cannot list.
    let inspector = Actor { role: Role::Inspector, office: Some(office("420000")), pseudonym: None };
    let cause = AbnormalCause::Unreachable { verified_on: d("2025-09-01") };
    let e = credit.list_abnormal(&inspector, &filer, cause, d("2025-09-02"), at("2025-09-02")).await;
    assert_eq!(e.unwrap_err().code(), Code::AccessDenied);
}

/// 国市监信发〔2022〕6号: classes from the facts on file; on the serious list → D, on the
/// abnormal list → at least C. A rerun with nothing new records nothing.
async fn classification_follows_the_lists_and_records_only_changes(store: Store) {
    let clean = registered(&store, 1, "武汉红光餐饮有限公司", "2020-03-01").await;
    let listed = registered(&store, 2, "武汉蓝天餐饮有限公司", "2020-03-01").await;
    let serious = registered(&store, 3, "武汉白云餐饮有限公司", "2020-03-01").await;
    let credit = Credit::new(&store);
    for (code, year) in [(&clean, 2023), (&clean, 2024), (&clean, 2025), (&listed, 2023), (&serious, 2023)] {
        let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
        let on = format!("{}-03-01", year + 1);
        credit.file_annual_report(&itself, code, &report(year, true), None, at(&on)).await.unwrap();
    }
    let cause = AbnormalCause::Unreachable { verified_on: d("2026-02-01") };
    credit.list_abnormal(&credit_officer(), &listed, cause, d("2026-02-03"), at("2026-02-03")).await.unwrap();
    let command = lists::Command::ListSerious {
        ground: SeriousGround::FoodSafety,
        penalty: Some(HeavierPenalty::AggravatedFine),
        decision: Some("武市监处罚〔2026〕1号".into()),
        on: d("2026-03-01"),
        tier: Tier::Prefecture,
        upper_level_consent: true,
    };
    credit.decide_list(&credit_officer(), &serious, &command, at("2026-03-01")).await.unwrap();
    let model = Model::builtin().unwrap();
    let admin = Actor { role: Role::Administrator, office: Some(office("420000")), pseudonym: None };
    let report = credit.classify_all(&admin, &model, d("2026-11-28"), at("2026-11-28"), |_| {}).await.unwrap();
    assert_eq!((report.entities, report.changed), (3, 3));
    let class = |code: &str| {
        let credit = Credit::new(&store);
        let code = code.to_string();
        async move { credit.file(&code).await.unwrap().class.unwrap() }
    };
    assert_eq!(class(&serious).await.class, RiskClass::D);
    assert!(matches!(class(&listed).await.class, RiskClass::C | RiskClass::D));
    let clean_class = class(&clean).await;
    assert!(matches!(clean_class.class, RiskClass::A | RiskClass::B), "{clean_class:?}");
    assert!(!class(&serious).await.reasons.is_empty());
    let again = credit.classify_all(&admin, &model, d("2026-11-28"), at("2026-11-28"), |_| {}).await.unwrap();
    assert_eq!(again.changed, 0);
    // The class is not public.
    let public = public_file(&store, &serious, d("2026-11-28")).await.unwrap();
    assert!(public.history.iter().all(|h| h.kind != "credit.risk_classified"));
    let e = credit.classify_all(&registrar(), &model, d("2026-11-28"), at("2026-11-28"), |_| {}).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

/// A serious-list entry is public while it lasts and leaves the public view once removed.
async fn serious_entries_leave_the_public_view_when_removed(store: Store) {
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2020-03-01").await;
    let credit = Credit::new(&store);
    let command = lists::Command::ListSerious {
        ground: SeriousGround::ConsumerRights,
        penalty: Some(HeavierPenalty::AggravatedFine),
        decision: None,
        on: d("2022-03-01"),
        tier: Tier::Prefecture,
        upper_level_consent: true,
    };
    credit.decide_list(&credit_officer(), &code, &command, at("2022-03-01")).await.unwrap();
    assert_eq!(public_file(&store, &code, d("2024-01-01")).await.unwrap().serious.len(), 1);
    let entry = credit.file(&code).await.unwrap().lists.serious[0].clone();
    let remove = lists::Command::RemoveSerious {
        ground: SeriousGround::ConsumerRights,
        listed_on: entry.listed_on,
        on: entry.ends_on.succ_opt().unwrap(),
        removal: SeriousRemoval::TermEnded,
    };
    credit.decide_list(&credit_officer(), &code, &remove, at("2025-03-02")).await.unwrap();
    let public = public_file(&store, &code, d("2025-03-03")).await.unwrap();
    assert!(public.serious.is_empty());
    assert!(public.history.iter().all(|h| !h.kind.starts_with("credit.serious")));
    // The journal keeps both.
    let kinds: Vec<String> = store.events_of_subject(&code).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert!(
        kinds.contains(&"credit.serious_listed".to_string()) && kinds.contains(&"credit.serious_removed".to_string())
    );
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

async fn search_finds_by_code_name_words_and_former_names(store: Store) {
    let a = registered(&store, 1, "武汉红光餐饮有限公司", "2020-03-01").await;
    let b = registered(&store, 2, "武汉长江红光物流有限公司", "2020-03-01").await;
    registered(&store, 3, "武汉蓝天商贸有限公司", "2020-03-01").await;
    let found = |q: &str| {
        let store = store.clone();
        let q = q.to_string();
        async move {
            let mut codes: Vec<String> =
                shijian_app::search::search(&store, &q, 20).await.unwrap().into_iter().map(|h| h.uscc).collect();
            codes.sort();
            codes
        }
    };
    let mut both = vec![a.clone(), b.clone()];
    both.sort();
    assert_eq!(found("红光").await, both);
    assert_eq!(found("长江红光").await, vec![b.clone()]);
    assert_eq!(found("红光餐饮").await, vec![a.clone()]);
    assert_eq!(found(&a).await, vec![a.clone()]);
    assert!(found("星辰").await.is_empty());
    let short = shijian_app::search::search(&store, "红", 20).await.unwrap_err();
    assert_eq!(short.code(), Code::SearchQueryShort);
    // A former name still finds the entity.
    let changes = Changes { name: Some("武汉紫云餐饮有限公司".into()), ..Changes::default() };
    Registry::new(&store).change(&registrar(), &a, d("2026-01-05"), changes, at("2026-01-05")).await.unwrap();
    let hits = shijian_app::search::search(&store, "红光餐饮", 20).await.unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].name.as_str(), hits[0].matched_former_name.as_deref()),
        ("武汉紫云餐饮有限公司", Some("武汉红光餐饮有限公司"))
    );
    assert_eq!(found("紫云").await, vec![a]);
}

/// 市场监督管理信用修复管理办法: a repair request is accepted, then approved, and the approval
/// removes the listing in the same append; an objection upheld removes a wrong listing.
async fn repair_and_objections_follow_their_workflow(store: Store) {
    use shijian_app::credit::{ObjectionStep, RepairStep};
    use shijian_core::credit::objection::ObjectionTarget;
    use shijian_core::credit::repair::{RepairFacts, RepairTarget};
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2020-03-01").await;
    let other = registered(&store, 2, "武汉蓝天餐饮有限公司", "2020-03-01").await;
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-02-01") };
    credit.list_abnormal(&credit_officer(), &code, unreachable, d("2026-02-03"), at("2026-02-03")).await.unwrap();
    let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    let facts = RepairFacts { commitment: true, cure: Some(Cure::ContactRestored), early: None, penalty: None };
    credit.request_repair(&itself, &code, "XF-2026-1", target.clone(), &facts, None, at("2026-03-01")).await.unwrap();
    // Approval before acceptance is out of order; nothing is appended.
    let size = store.log_size().await.unwrap();
    let early = credit
        .review_repair(&credit_officer(), &code, "XF-2026-1", RepairStep::Approve { facts }, None, at("2026-03-02"))
        .await;
    assert_eq!(early.unwrap_err().code(), Code::CreditWorkflow);
    assert_eq!(store.log_size().await.unwrap(), size);
    credit
        .review_repair(&credit_officer(), &code, "XF-2026-1", RepairStep::Accept, None, at("2026-03-02"))
        .await
        .unwrap();
    let receipts = credit
        .review_repair(&credit_officer(), &code, "XF-2026-1", RepairStep::Approve { facts }, None, at("2026-03-05"))
        .await
        .unwrap();
    assert_eq!(receipts.len(), 2, "the approval and the removal");
    let file = credit.file(&code).await.unwrap();
    assert!(!file.lists.on_abnormal_list());
    assert_eq!(file.repairs_completed, 1);
    // An objection to a wrong listing, upheld: the listing goes.
    credit.list_abnormal(&credit_officer(), &other, unreachable, d("2026-02-03"), at("2026-02-03")).await.unwrap();
    let them = Actor { role: Role::Enterprise, office: None, pseudonym: Some(other.clone()) };
    let target = ObjectionTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    credit.file_objection(&them, &other, "YY-1", target, "一直在登记住所经营", None, at("2026-02-10")).await.unwrap();
    // A paper decision entered later: staff only, with a reason, not after today, not before
    // the objection was filed; nothing is appended when refused.
    let size = store.log_size().await.unwrap();
    let paper = |on: &str, reason: &str| BackEntry { on: d(on), reason: reason.into() };
    for (who, b) in [
        (credit_officer(), paper("2026-02-09", "纸质受理决定补录")),
        (credit_officer(), paper("2026-02-13", "纸质受理决定补录")),
        (credit_officer(), paper("2026-02-11", " ")),
    ] {
        let e = credit
            .review_objection(&who, &other, "YY-1", ObjectionStep::Accept, Some(&b), at("2026-02-12"))
            .await
            .unwrap_err();
        assert_eq!(e.code(), Code::FilingBackEntry, "{b:?}");
    }
    assert_eq!(store.log_size().await.unwrap(), size);
    let b = paper("2026-02-11", "纸质受理决定补录");
    let accepted = credit
        .review_objection(&credit_officer(), &other, "YY-1", ObjectionStep::Accept, Some(&b), at("2026-02-12"))
        .await
        .unwrap();
    let o = credit.file(&other).await.unwrap().objections["YY-1"].clone();
    assert_eq!(o.accepted_on, Some(d("2026-02-11")), "the day of the paper decision");
    let recorded = store.events_from(accepted[0].index, 1).await.unwrap();
    assert!(recorded[0].record.contains("纸质受理决定补录"), "{}", recorded[0].record);
    let step = ObjectionStep::Verify { upheld: true, finding: "现场核查可以联系".into() };
    let receipts =
        credit.review_objection(&credit_officer(), &other, "YY-1", step, None, at("2026-03-01")).await.unwrap();
    assert_eq!(receipts.len(), 2);
    assert!(!credit.file(&other).await.unwrap().lists.on_abnormal_list());
    // Requests and objections are not public.
    let public = public_file(&store, &other, d("2026-03-02")).await.unwrap();
    assert!(public.history.iter().all(|h| !h.kind.starts_with("credit.objection")));
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

/// 企业信息公示暂行条例 第十二条 (corrections by 30 June) and 第十条 (instant information within
/// 20 workdays, on the official calendar).
async fn corrections_and_instant_disclosures(store: Store) {
    use shijian_core::credit::annual::InstantItem;
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2020-03-01").await;
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let not_filed =
        credit.correct_annual_report(&itself, &code, &report(2024, true), d("2025-04-01"), at("2025-04-01")).await;
    assert_eq!(not_filed.unwrap_err().code(), Code::CreditReportNotFiled);
    credit.file_annual_report(&itself, &code, &report(2024, false), None, at("2025-03-01")).await.unwrap();
    credit.correct_annual_report(&itself, &code, &report(2024, true), d("2025-06-30"), at("2025-06-30")).await.unwrap();
    let closed =
        credit.correct_annual_report(&itself, &code, &report(2024, true), d("2025-07-01"), at("2025-07-01")).await;
    assert_eq!(closed.unwrap_err().code(), Code::CreditCorrectionClosed);
    let public = public_file(&store, &code, d("2025-07-02")).await.unwrap();
    assert_eq!(public.annual_reports.len(), 2, "the original and the correction are both published");
    // 2025-09-29 plus 20 workdays runs across the National Day holiday (1–8 October off,
    // Saturday 11 October worked): due 2025-11-03.
    let item = InstantItem::EquityChange;
    credit
        .disclose_instant(&itself, &code, item, d("2025-09-29"), "股东变更", None, d("2025-11-03"), at("2025-11-03"))
        .await
        .unwrap();
    credit
        .disclose_instant(
            &itself,
            &code,
            item,
            d("2025-09-29"),
            "股东变更（二）",
            None,
            d("2025-11-04"),
            at("2025-11-04"),
        )
        .await
        .unwrap();
    assert_eq!(credit.file(&code).await.unwrap().instant_late, 1);
}

/// The office's worklist: repair acceptance in 3 workdays [M], objection acceptance in 5
/// workdays (名录办法 第十五条 [P]), repair decisions on the abnormal list in 5 workdays; due days
/// on the official calendar (国务院办公厅 2026 schedule: 国庆 1–7 October, 10 October worked;
/// 20 September, a Sunday, worked; 25 September 中秋).
async fn the_worklist_shows_waiting_matters_with_due_days_on_the_official_calendar(store: Store) {
    use shijian_core::credit::file::{Matter, Step};
    use shijian_core::credit::objection::ObjectionTarget;
    use shijian_core::credit::repair::{RepairFacts, RepairTarget};
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2020-03-01").await;
    let other = registered(&store, 2, "武汉蓝天餐饮有限公司", "2020-03-01").await;
    let credit = Credit::new(&store);
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-09-01") };
    for c in [&code, &other] {
        credit.list_abnormal(&credit_officer(), c, unreachable, d("2026-09-02"), at("2026-09-02")).await.unwrap();
    }
    assert!(credit.worklist(&credit_officer(), None, d("2026-09-30")).await.unwrap().is_empty());
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    let facts = RepairFacts { commitment: true, cure: Some(Cure::ContactRestored), early: None, penalty: None };
    credit.request_repair(&itself, &code, "XF-1", target, &facts, None, at("2026-09-29")).await.unwrap();
    let them = Actor { role: Role::Enterprise, office: None, pseudonym: Some(other.clone()) };
    let target = ObjectionTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    credit.file_objection(&them, &other, "YY-1", target, "一直在登记住所经营", None, at("2026-09-18")).await.unwrap();

    let list = credit.worklist(&credit_officer(), None, d("2026-09-30")).await.unwrap();
    let got: Vec<_> =
        list.iter().map(|w| (w.uscc.as_str(), w.matter.matter, w.matter.step, w.matter.due, w.overdue)).collect();
    assert_eq!(
        got,
        vec![
            // 18 Sep (Fri) + 5 workdays: 20 (a worked Sunday), 21, 22, 23, 24 September.
            (other.as_str(), Matter::Objection, Step::Accept, Some(d("2026-09-24")), true),
            // 29 Sep (Tue) + 3 workdays: 30 September, then 8 and 9 October after 国庆.
            (code.as_str(), Matter::Repair, Step::Accept, Some(d("2026-10-09")), false),
        ]
    );
    assert_eq!(list[1].name, "武汉红光餐饮有限公司");
    // Accepted, the repair's decision is due 5 workdays after the application; 10 October is a
    // worked Saturday.
    credit
        .review_repair(
            &credit_officer(),
            &code,
            "XF-1",
            shijian_app::credit::RepairStep::Accept,
            None,
            at("2026-09-30"),
        )
        .await
        .unwrap();
    let list = credit.worklist(&credit_officer(), None, d("2026-09-30")).await.unwrap();
    assert_eq!((list[1].matter.step, list[1].matter.due), (Step::Decide, Some(d("2026-10-12"))));
    // Another city's office sees nothing of Wuhan's, and may not ask for it.
    let yichang = Actor { role: Role::CreditOfficer, office: Some(office("420500")), pseudonym: Some("c-2".into()) };
    assert!(credit.worklist(&yichang, None, d("2026-09-30")).await.unwrap().is_empty());
    let e = credit.worklist(&yichang, Some(office("420111")), d("2026-09-30")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    // Refused or decided matters leave the list.
    credit
        .review_objection(
            &credit_officer(),
            &other,
            "YY-1",
            shijian_app::credit::ObjectionStep::Refuse { reason: "超过申请期限".into() },
            None,
            at("2026-09-30"),
        )
        .await
        .unwrap();
    let list = credit.worklist(&credit_officer(), None, d("2026-09-30")).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].uscc, code);
}

/// 信用承诺 (国办发〔2020〕42号): recorded on the file and published; a breach is recorded once,
/// counts against the risk class, and only the office records it.
async fn commitments_are_recorded_and_breaches_counted(store: Store) {
    use shijian_core::credit::repair::CommitmentContext;
    let code = registered(&store, 1, "武汉红光餐饮有限公司", "2020-03-01").await;
    let other = registered(&store, 2, "武汉蓝天餐饮有限公司", "2020-03-01").await;
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let context = CommitmentContext::NotificationCommitment;
    let matter = "承诺具备食品经营许可条件";
    credit.make_commitment(&itself, &code, "CN-1", context, matter, d("2026-03-01"), at("2026-03-01")).await.unwrap();
    let size = store.log_size().await.unwrap();
    // Not for another entity, not twice under one reference.
    let e = credit.make_commitment(&itself, &other, "CN-2", context, matter, d("2026-03-01"), at("2026-03-01")).await;
    assert_eq!(e.unwrap_err().code(), Code::AccessDenied);
    let e = credit.make_commitment(&itself, &code, "CN-1", context, matter, d("2026-03-02"), at("2026-03-02")).await;
    assert_eq!(e.unwrap_err().code(), Code::CreditWorkflow);
    // The entity cannot record its own breach.
    let e = credit.record_breach(&itself, &code, "CN-1", "现场核查不具备条件", d("2026-04-01"), at("2026-04-01")).await;
    assert_eq!(e.unwrap_err().code(), Code::AccessDenied);
    assert_eq!(store.log_size().await.unwrap(), size);
    credit
        .record_breach(&credit_officer(), &code, "CN-1", "现场核查不具备条件", d("2026-04-01"), at("2026-04-01"))
        .await
        .unwrap();
    let e = credit.record_breach(&credit_officer(), &code, "CN-1", "再次核查", d("2026-04-02"), at("2026-04-02")).await;
    assert_eq!(e.unwrap_err().code(), Code::CreditWorkflow);
    let file = credit.file(&code).await.unwrap();
    assert_eq!(file.commitments_breached, 1);
    assert_eq!(file.commitments["CN-1"].breached_on, Some(d("2026-04-01")));
    assert_eq!(file.commitments["CN-1"].matter, matter);
    let public = public_file(&store, &code, d("2026-04-03")).await.unwrap();
    let kinds: Vec<&str> = public.history.iter().map(|h| h.kind.as_str()).collect();
    assert!(kinds.contains(&"credit.commitment_made") && kinds.contains(&"credit.commitment_breached"), "{kinds:?}");
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}
