//! 12315 end to end through the journal, on both backends: intake, matching, routing,
//! acceptance, mediation around testing, rating, disclosure; ODR answered, unanswered and
//! refused by the complainant; reports; transfers and jurisdiction disputes; bulk import;
//! the export; refused steps that change nothing.

use shijian_app::complaints::{Complaints, disclosure, matching};
use shijian_core::Code;
use shijian_core::complaint::procedure::{RefusalGround, TerminationGround};
use shijian_core::complaint::{Business, Channel, Intake, Kind, Party, Status};
use shijian_core::event::{Actor, Role};
use shijian_core::registry::Status as EntityStatus;
use shijian_store::Store;

use crate::support::{at, d, office};

shijian_store::conformance!(
    a_complaint_is_filed_matched_mediated_rated_and_disclosed,
    odr_reports_transfers_imports_and_the_export,
    the_odr_inbox_is_authorised_by_the_office_handling_each_complaint,
    an_odr_answer_due_in_an_unpublished_year_is_provisional,
);

/// The ODR enterprise's 10 workdays from 2026-12-24 end in January 2027, a year counted on its
/// provisional schedule: the inbox (and its JSON) says so.
async fn an_odr_answer_due_in_an_unpublished_year_is_provisional(store: Store) {
    store.migrate().await.unwrap();
    let entities = province(&store).await;
    let me = Complaints::new(&store);
    let (code, name, authority) = entities[0].clone();
    let place = if authority.tier() == shijian_core::Tier::County { authority } else { office("420111") };
    let enterprise = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    me.odr_join(&enterprise, &code, at("2026-04-01")).await.unwrap();
    let i = intake(Kind::Complaint, &name, Some(&code), &place.to_string());
    let filed = me.file(&public(), i, at("2026-12-24")).await.unwrap();
    // 12-25, 12-28..31 (5), 1 January off, 01-04..08 (10).
    assert_eq!((filed.due, filed.due_provisional), (Some(d("2027-01-08")), true));
    let inbox = me.odr_inbox(&enterprise, &code, d("2026-12-24")).await.unwrap();
    let item = inbox.iter().find(|w| w.complaint.id == filed.id).unwrap();
    assert_eq!((item.deadlines.odr_due, item.deadlines.provisional), (Some(d("2027-01-08")), true));
    let json = serde_json::to_value(item).unwrap();
    assert_eq!(json["deadlines"]["provisional"], serde_json::json!(true));
}

/// 300 synthetic entities; returns (code, name, authority) of the active ones.
async fn province(store: &Store) -> Vec<(String, String, shijian_core::DivisionCode)> {
    let mut province = shijian_synth::Province::new(7, d("2025-12-31"));
    let mut events = Vec::new();
    let mut out = Vec::new();
    for _ in 0..300 {
        let s = province.next_entity();
        let actor = Actor { role: Role::Registrar, office: Some(s.entity.authority), pseudonym: Some("r-1".into()) };
        let subject = s.entity.uscc.to_string();
        let (name, authority) = (s.entity.name.clone(), s.entity.authority);
        let registered = shijian_core::entity::RegistryEvent::Registered { entity: s.entity, reservation: None };
        for e in std::iter::once(&registered).chain(&s.history) {
            events.push(shijian_app::registry::new_event(&actor, e, Some(&subject), at(&e.effective_on().to_string())));
        }
        out.push((subject, name, authority));
    }
    store.append(&events).await.unwrap();
    let mut active = Vec::new();
    for (code, name, authority) in out {
        if store.entity(&code).await.unwrap().unwrap().state.status == EntityStatus::Active {
            active.push((code, name, authority));
        }
    }
    active
}

fn public() -> Actor {
    Actor { role: Role::Public, office: None, pseudonym: None }
}

fn handler(code: &str) -> Actor {
    Actor { role: Role::ComplaintHandler, office: Some(office(code)), pseudonym: Some(format!("h-{code}")) }
}

fn intake(kind: Kind, business: &str, code: Option<&str>, place: &str) -> Intake {
    Intake {
        kind,
        channel: Channel::Web,
        party: Party {
            name: Some("李华".into()),
            phone: Some("13800000000".into()),
            address: Some("武汉市武昌区中北路1号".into()),
        },
        business: Business { name: business.into(), code: code.map(str::to_string), address: None },
        place: office(place),
        category: "S01".into(),
        problem: "P03".into(),
        amount: Some("268".into()),
        occurred_on: Some(d("2026-02-20")),
        facts: "消费后结账金额与标价不符。".into(),
        request: "退还多收款项".into(),
        attachments: vec![],
        consent_to_publish: false,
        odr: true,
    }
}

async fn a_complaint_is_filed_matched_mediated_rated_and_disclosed(store: Store) {
    store.migrate().await.unwrap();
    let entities = province(&store).await;
    let me = Complaints::new(&store);
    // A county-registered business, named the way a consumer would: trade name and trade.
    let (code, name, authority) =
        entities.iter().find(|(_, _, a)| a.tier() == shijian_core::Tier::County).cloned().expect("a county business");
    let parsed = shijian_core::name::check(&name, None, None).0;
    let informal = format!("{}{}", parsed.trade_name, parsed.industry_term.clone().unwrap_or_default());
    let place = authority.to_string();

    // Matching: the consumer's words find the business, with reasons.
    let business = Business { name: informal.clone(), code: None, address: None };
    let found = matching::suggest(&store, &business, authority, 5).await.unwrap();
    assert_eq!(found.first().map(|c| c.uscc.as_str()), Some(code.as_str()), "{informal} → {found:?}");
    assert!(found[0].score >= 600 && found[0].reasons.iter().any(|r| r.contains("same county")));

    // Filing on the web form: no account, contact details required.
    let mut bad = intake(Kind::Complaint, &informal, None, &place);
    bad.party.phone = None;
    let size = store.log_size().await.unwrap();
    assert_eq!(me.file(&public(), bad, at("2026-03-02")).await.unwrap_err().code(), Code::ComplaintField);
    assert_eq!(store.log_size().await.unwrap(), size, "a refused intake changes nothing");
    let filed = me.file(&public(), intake(Kind::Complaint, &informal, None, &place), at("2026-03-02")).await.unwrap();
    assert_eq!((filed.status, filed.office), (Status::Received, authority));
    // 7 workdays after Mon 2026-03-02.
    assert_eq!(filed.due, Some(d("2026-03-11")));
    let tracked = me.track(&filed.id, &filed.tracking_code).await.unwrap();
    assert_eq!(tracked.status, Status::Received);
    assert_eq!(me.track(&filed.id, "WRONGCODE234").await.unwrap_err().code(), Code::ComplaintTracking);

    // Only the office with jurisdiction handles it.
    let h = handler(&place);
    let elsewhere = handler(if place.starts_with("4201") { "420500" } else { "420100" });
    assert_eq!(me.accept(&elsewhere, &filed.id, at("2026-03-03")).await.unwrap_err().code(), Code::AccessDenied);
    assert_eq!(me.get(&public(), &filed.id).await.unwrap_err().code(), Code::AccessDenied);
    me.confirm_entity(&h, &filed.id, &code, Some(found[0].score), found[0].reasons.clone(), at("2026-03-03"))
        .await
        .unwrap();
    // The time bar needs the harm to be known more than three years before.
    let e = me.refuse(&h, &filed.id, RefusalGround::TimeBarred, "超过三年", at("2026-03-03")).await.unwrap_err();
    assert_eq!(e.code(), Code::ComplaintGround);
    me.accept(&h, &filed.id, at("2026-03-04")).await.unwrap();
    let e = me.terminate(&h, &filed.id, TerminationGround::Expired, "到期", at("2026-03-05")).await.unwrap_err();
    assert_eq!(e.code(), Code::ComplaintGround, "45 workdays have not passed");
    me.testing(&h, &filed.id, true, at("2026-03-09")).await.unwrap();
    let item = me.item(me.get(&h, &filed.id).await.unwrap(), d("2026-03-10")).await.unwrap();
    assert!(item.deadlines.paused && item.deadlines.current.is_none());
    me.testing(&h, &filed.id, false, at("2026-03-13")).await.unwrap();
    let item = me.item(me.get(&h, &filed.id).await.unwrap(), d("2026-03-16")).await.unwrap();
    // 45 workdays after 03-04 (to 05-12 across 清明 04-06 and 劳动节 05-01..05 with Sat 05-09
    // worked), plus the 4 workdays of testing after 03-09 up to 03-13.
    let base = store.calendar().await.unwrap().add_workdays(d("2026-03-04"), 45).unwrap();
    assert_eq!(item.deadlines.mediation_due, Some(store.calendar().await.unwrap().add_workdays(base, 4).unwrap()));
    let worklist = me.worklist(&h, authority, d("2026-03-16")).await.unwrap();
    assert!(worklist.iter().any(|w| w.complaint.id == filed.id && !w.overdue));
    me.mediate(&h, &filed.id, "商家退还多收的68元", Some("68"), at("2026-03-17")).await.unwrap();
    assert!(me.worklist(&h, authority, d("2026-03-17")).await.unwrap().iter().all(|w| w.complaint.id != filed.id));

    // The complainant rates, once.
    me.rate(&filed.id, &filed.tracking_code.to_lowercase(), 5, at("2026-03-18")).await.unwrap();
    let e = me.rate(&filed.id, &filed.tracking_code, 4, at("2026-03-18")).await.unwrap_err();
    assert_eq!(e.code(), Code::ComplaintWorkflow);

    // A second complaint, refused for missing materials.
    let second =
        me.file(&public(), intake(Kind::Complaint, &informal, Some(&code), &place), at("2026-03-20")).await.unwrap();
    me.refuse(&h, &second.id, RefusalGround::MaterialsMissing, "未提供消费凭证", at("2026-03-23")).await.unwrap();

    // Disclosure: counts and rates, no personal data.
    let dis = disclosure::disclosure(&store, &code, d("2026-04-01")).await.unwrap();
    assert_eq!((dis.complaints, dis.closed, dis.open), (1, 1, 0), "the refused one is not counted");
    assert_eq!(dis.resolved.percent(), "100.0%");
    assert_eq!(dis.mean_rating.as_deref(), Some("5.0"));
    assert_eq!(dis.problems[0].1, "价格");
    let json = serde_json::to_string(&dis).unwrap();
    assert!(!json.contains("李华") && !json.contains("13800000000"));
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

async fn odr_reports_transfers_imports_and_the_export(store: Store) {
    store.migrate().await.unwrap();
    let entities = province(&store).await;
    let me = Complaints::new(&store);
    let (code, name, authority) = entities[0].clone();
    let place = if authority.tier() == shijian_core::Tier::County { authority } else { office("420111") };
    let enterprise = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let other = Actor { role: Role::Enterprise, office: None, pseudonym: Some(entities[1].0.clone()) };

    // The business joins the ODR scheme itself; another cannot do it for it.
    assert_eq!(me.odr_join(&other, &code, at("2026-04-01")).await.unwrap_err().code(), Code::AccessDenied);
    me.odr_join(&enterprise, &code, at("2026-04-01")).await.unwrap();
    assert_eq!(me.odr_join(&enterprise, &code, at("2026-04-01")).await.unwrap_err().code(), Code::ComplaintWorkflow);

    // Complaints naming its code go to it first.
    let file = |when: &'static str| {
        let i = intake(Kind::Complaint, &name, Some(&code), &place.to_string());
        let me = &me;
        async move { me.file(&public(), i, at(when)).await.unwrap() }
    };
    let settled = file("2026-04-07").await;
    let unsettled = file("2026-04-07").await;
    let silent = file("2026-04-07").await;
    assert_eq!((settled.status, settled.odr.as_deref()), (Status::Odr, Some(code.as_str())));
    // 10 workdays after Tue 04-07: 04-08..04-21.
    assert_eq!(settled.due, Some(d("2026-04-21")));
    let e = me.odr_answer(&other, &settled.id, true, "退款", "已退款", at("2026-04-08")).await.unwrap_err();
    assert_eq!(e.code(), Code::ComplaintNotOdr);
    me.odr_answer(&enterprise, &settled.id, true, "退款", "已全额退款", at("2026-04-09")).await.unwrap();
    let s = me.odr_answer(&enterprise, &unsettled.id, false, "解释", "价格无误", at("2026-04-10")).await.unwrap();
    assert_eq!(s.status, Status::Received, "not settled: on to the office");
    let inbox = me.odr_inbox(&enterprise, &code, d("2026-04-10")).await.unwrap();
    assert_eq!(inbox.len(), 3);
    // The complainant does not accept the settlement.
    me.escalate(&settled.id, &settled.tracking_code, "款项未到账", at("2026-04-13")).await.unwrap();
    // The daily job sends on what the business left unanswered.
    let system = Actor::system();
    assert_eq!(me.escalate_overdue(&system, d("2026-04-21"), at("2026-04-21")).await.unwrap(), 0);
    assert_eq!(me.escalate_overdue(&system, d("2026-04-22"), at("2026-04-22")).await.unwrap(), 1);
    let h = handler(&place.to_string());
    assert_eq!(me.get(&h, &silent.id).await.unwrap().status, Status::Received);
    let dis = disclosure::disclosure(&store, &code, d("2026-04-22")).await.unwrap();
    let odr = dis.odr.expect("a scorecard");
    assert!(odr.member);
    assert_eq!((odr.received, odr.answered.part, odr.answered.whole), (3, 2, 3));
    assert_eq!(odr.settled.part, 0, "the settlement the complainant refused does not count");

    // A transfer starts the other office's period; it disputes; the common superior designates.
    let wuchang = office("420106");
    let target = if place == wuchang { office("420111") } else { wuchang };
    me.transfer(&h, &unsettled.id, target, "实际经营地在另一区", at("2026-04-13")).await.unwrap();
    let t = handler(&target.to_string());
    me.dispute(&t, &unsettled.id, "住所不在本区", at("2026-04-14")).await.unwrap();
    let stranger = handler("420500");
    let e = me.designate(&stranger, &unsettled.id, target, at("2026-04-15")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    let superior = handler(if place.to_string().starts_with("4201") { "420100" } else { "420000" });
    let s = me.designate(&superior, &unsettled.id, target, at("2026-04-24")).await.unwrap();
    assert_eq!((s.status, s.office), (Status::Received, target));

    // An anonymous report: checked, extended once, no case; nobody to tell.
    let mut report = intake(Kind::Report, &name, Some(&code), &place.to_string());
    report.party = Party::default();
    report.request.clear();
    let r = me.file(&public(), report, at("2026-04-07")).await.unwrap();
    assert!(r.id.starts_with("JB"));
    assert_eq!(r.due, Some(d("2026-04-28")), "15 workdays after 04-07");
    assert_eq!(me.accept(&h, &r.id, at("2026-04-08")).await.unwrap_err().code(), Code::ComplaintWorkflow);
    me.extend(&h, &r.id, "需调取交易记录", at("2026-04-20")).await.unwrap();
    let s = me.decide_filing(&h, &r.id, false, "证据不足", at("2026-05-06")).await.unwrap();
    assert_eq!(s.status, Status::NotFiled);
    assert!(!s.open(), "an anonymous reporter is owed no notice");

    // Bulk import: all rows or none.
    let hotline = |business: &str| {
        let mut i = intake(Kind::Complaint, business, None, "420111");
        i.channel = Channel::Import;
        (i, d("2026-04-01"))
    };
    let size = store.log_size().await.unwrap();
    let mut rows = vec![hotline("甲店"), hotline("乙店")];
    rows[1].0.category = "nope".into();
    assert!(me.import(&handler("420100"), rows, at("2026-04-02")).await.is_err());
    assert_eq!(store.log_size().await.unwrap(), size);
    let e = me.import(&handler("420500"), vec![hotline("甲店")], at("2026-04-02")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    let imported =
        me.import(&handler("420100"), vec![hotline("甲店"), hotline("乙店")], at("2026-04-02")).await.unwrap();
    assert_eq!(imported.len(), 2);
    assert!(imported.iter().all(|f| f.id.starts_with("TS20260401")));

    // The export: the monthly report's columns, dates as YYYY-MM-DD, empty where not reached.
    let rows = me.export(&handler("420000"), None).await.unwrap();
    assert_eq!(rows.len(), 6);
    let row = rows.iter().find(|r| r.id == r.id.clone() && r.id == imported[0].id).unwrap();
    let cells = row.cells();
    let col = |name: &str| {
        let i = shijian_app::complaints::ExportRow::COLUMNS.iter().position(|c| *c == name).unwrap();
        cells[i].clone()
    };
    assert_eq!(col("received_on"), "2026-04-01");
    // 7 workdays after Wed 04-01: 04-02, 04-03, (清明 04-06 off) 04-07..10, 04-13.
    assert_eq!(col("accept_due"), "2026-04-13");
    assert_eq!(
        (col("accepted_on"), col("mediation_due"), col("outcome")),
        (String::new(), String::new(), String::new())
    );
    assert_eq!(col("status"), "received");
    let e = me.export(&public(), None).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

async fn the_odr_inbox_is_authorised_by_the_office_handling_each_complaint(store: Store) {
    store.migrate().await.unwrap();
    let entities = province(&store).await;
    let me = Complaints::new(&store);
    let county = entities.iter().find(|(_, _, a)| a.tier() == shijian_core::Tier::County);
    let (code, name, authority) = county.expect("a county registered entity").clone();
    let enterprise = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    me.odr_join(&enterprise, &code, at("2026-04-01")).await.unwrap();
    // The dispute arose in a county other than the one that registered the business.
    let place = ["420111", "420102"].into_iter().map(office).find(|p| *p != authority);
    let place = place.unwrap();
    let intake = intake(Kind::Complaint, &name, Some(&code), &place.to_string());
    let filed = me.file(&public(), intake, at("2026-04-07")).await.unwrap();
    assert_eq!(me.get(&handler(&place.to_string()), &filed.id).await.unwrap().office, place);
    // The handling office sees it, with the complainant's details; the registering office not.
    let inbox = me.odr_inbox(&handler(&place.to_string()), &code, d("2026-04-08")).await.unwrap();
    assert_eq!(inbox.len(), 1);
    let e = me.odr_inbox(&handler(&authority.to_string()), &code, d("2026-04-08")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    assert_eq!(me.odr_inbox(&enterprise, &code, d("2026-04-08")).await.unwrap().len(), 1);
}
