//! 12315's analysis and what it publishes or passes on, on both backends: three synthetic years
//! in which the seasonal-baseline method finds the emerging issue the generator put in the last
//! four weeks (and no rise where there is none), its draft warning published by an officer;
//! case clues (诉转案) flagged once and checked by a case officer; a narrative published only
//! with consent and without personal data, on the business's disclosure.

use shijian_app::complaints::{Complaints, analysis, disclosure};
use shijian_core::complaint::clue::ClueRule;
use shijian_core::complaint::{Business, Channel, Intake, Kind, Party};
use shijian_core::event::{Actor, Role};
use shijian_core::{Calendar, Code, Uscc};
use shijian_store::Store;
use shijian_synth::complaint::{Business as Shop, History, SURGE_CATEGORY, daily_counts};

use crate::support::{at, d, office};

shijian_store::conformance!(
    the_analysis_finds_the_rise_and_its_warning_is_published,
    clues_are_flagged_once_and_checked_and_narratives_need_consent,
    a_clue_checked_into_an_unpublished_year_is_provisional_until_it_is_imported,
);

fn handler(code: &str) -> Actor {
    Actor { role: Role::ComplaintHandler, office: Some(office(code)), pseudonym: Some(format!("h-{code}")) }
}

/// Forty shops in Wuhan's counties and forty in Yichang's.
fn shops() -> Vec<Shop> {
    let mut out = Vec::new();
    for (i, county) in ["420102", "420106", "420111", "420115", "420502", "420503", "420504", "420506"]
        .iter()
        .cycle()
        .take(80)
        .enumerate()
    {
        let uscc = Uscc::compose('9', '2', county, &format!("MA{i:06}")).unwrap().to_string();
        out.push(Shop { uscc, name: format!("某某商行{i}"), address: String::new(), authority: office(county) });
    }
    out
}

/// Three years of synthetic complaints up to `as_of`, `per_year` a year.
async fn history(store: &Store, per_year: u64, as_of: chrono::NaiveDate) -> u64 {
    let cal = Calendar::builtin();
    let shops = shops();
    let h = History::new(11, &shops, &cal, as_of);
    assert_eq!(h.surge_prefecture(), Some(office("420100")));
    let from = as_of.checked_sub_months(chrono::Months::new(36)).unwrap() + chrono::Days::new(1);
    let mut serial = 0;
    let mut events = Vec::new();
    for (day, n) in daily_counts(11, per_year, from, as_of) {
        for _ in 0..n {
            serial += 1;
            events.extend(h.item(serial, day));
        }
        if events.len() > 20_000 {
            store.append(&events).await.unwrap();
            events.clear();
        }
    }
    store.append(&events).await.unwrap();
    serial
}

/// A clue flagged on 2026-12-21 is due on the 15th workday after it, in January 2027: counted on
/// the provisional schedule and flagged so (the list, its JSON), until the official schedule of
/// 2027 is imported, which recomputes it.
async fn a_clue_checked_into_an_unpublished_year_is_provisional_until_it_is_imported(store: Store) {
    store.migrate().await.unwrap();
    let as_of = d("2026-12-21");
    history(&store, 3_000, as_of).await;
    let me = Complaints::new(&store);
    assert!(!me.flag_clues(&Actor::system(), as_of, at("2026-12-21")).await.unwrap().is_empty());
    let officer = Actor { role: Role::CaseOfficer, office: Some(office("420100")), pseudonym: Some("c-1".into()) };
    let listed = me.clues(&officer, office("420100"), true, as_of).await.unwrap();
    let item = listed.iter().find(|x| x.clue.flagged.on == as_of).expect("a clue flagged today");
    // 12-22..31 (8), 1 January off, 01-04..08 (13), 01-11, 01-12 (15).
    assert_eq!((item.due, item.due_provisional), (Some(d("2027-01-12")), true));
    assert_eq!(serde_json::to_value(item).unwrap()["due_provisional"], serde_json::json!(true));
    // The official schedule makes 4 January a day off: the due day moves and is no longer 暂定.
    let official = shijian_core::calendar::parse_schedule_rows(shijian_core::calendar::tsv_rows(
        "2027-01-01\tholiday\t元旦\n2027-01-04\tholiday\t元旦\n",
    ))
    .unwrap();
    store.import_calendar(&Actor::system(), &official, "test").await.unwrap();
    let listed = me.clues(&officer, office("420100"), true, as_of).await.unwrap();
    let item = listed.iter().find(|x| x.clue.flagged.on == as_of).unwrap();
    assert_eq!((item.due, item.due_provisional), (Some(d("2027-01-13")), false));
}

async fn the_analysis_finds_the_rise_and_its_warning_is_published(store: Store) {
    store.migrate().await.unwrap();
    let as_of = d("2026-11-20");
    let n = history(&store, 4_000, as_of).await;
    let a = analysis::analyse(&store, office("420000"), as_of).await.unwrap();
    assert_eq!(a.read, n);
    assert_eq!(a.baseline_years, 2, "three years of data give two baseline years");
    assert_eq!(a.months.len(), analysis::MONTHS);
    assert_eq!(a.months.last().map(String::as_str), Some("2026-11"));
    // The trend tables add up.
    let by_category: u64 = a.by_category.iter().map(|t| t.last_year).sum();
    assert_eq!(by_category, a.total.last_year);
    assert!(a.by_region.iter().any(|t| t.key == "420100") && a.by_region.iter().any(|t| t.key == "420500"));
    assert!(a.total.year_before > 0 && a.total.last_year > a.total.year_before, "volumes grow");
    // The emerging issue: education and training in Wuhan.
    let found = a
        .alerts
        .iter()
        .find(|x| x.series.category.as_deref() == Some(SURGE_CATEGORY) && x.series.region == office("420100"))
        .unwrap_or_else(|| panic!("no alert for the surge: {:#?}", a.alerts));
    assert!(found.verdict.unusual && found.verdict.ratio > 2.0, "{:?}", found.verdict);
    assert!(found.draft.body.contains("武汉市") && found.draft.title.contains("教育培训"));
    // Yichang has no surge of it.
    assert!(
        !a.alerts.iter().any(|x| x.series.region == office("420500") && x.series.category.as_deref() == Some("S04"))
    );
    // A prefecture's own analysis sees its counties.
    let wuhan = analysis::analyse(&store, office("420100"), as_of).await.unwrap();
    assert!(wuhan.by_region.iter().all(|t| t.key.starts_with("4201")));
    assert!(wuhan.total.last_year < a.total.last_year);

    // The officer publishes the draft as edited; it is public.
    let me = Complaints::new(&store);
    let size = store.log_size().await.unwrap();
    let e = me
        .publish_warning(
            &handler("420500"),
            office("420100"),
            Some("S04".into()),
            "标题",
            "正文",
            None,
            at("2026-11-20"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied, "Yichang does not warn about Wuhan");
    let e = me
        .publish_warning(&handler("420100"), office("420100"), None, "标题", "联系13800000000", None, at("2026-11-20"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::ComplaintPersonalData);
    assert_eq!(store.log_size().await.unwrap(), size, "refused publications change nothing");
    let figures = Some((found.verdict.observed, found.verdict.expected, found.window));
    let w = me
        .publish_warning(
            &handler("420100"),
            office("420100"),
            Some("S04".into()),
            &found.draft.title,
            &found.draft.body,
            figures,
            at("2026-11-20"),
        )
        .await
        .unwrap();
    assert_eq!(w.id, "XF202611200001");
    let listed = me.warnings(10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].observed, Some(found.verdict.observed));
    let public = store.events_of_subject(&w.id).await.unwrap();
    assert!(public.iter().all(|e| e.publicity.is_public_on(as_of)), "warnings are public");
}

fn consenting(business: &str, code: &str) -> Intake {
    Intake {
        kind: Kind::Complaint,
        channel: Channel::Web,
        party: Party {
            name: Some("王芳".into()),
            phone: Some("13912345678".into()),
            address: Some("武汉市洪山区珞喻路9号".into()),
        },
        business: Business { name: business.into(), code: Some(code.into()), address: None },
        place: office("420111"),
        category: "S04".into(),
        problem: "P06".into(),
        amount: Some("6800".into()),
        occurred_on: None,
        facts: "王芳在该机构预付课时费6800元，机构停课后联系电话13912345678无人接听，住珞喻路9号3栋。".into(),
        request: "退还剩余课时费".into(),
        attachments: vec![],
        consent_to_publish: true,
        odr: false,
    }
}

async fn clues_are_flagged_once_and_checked_and_narratives_need_consent(store: Store) {
    store.migrate().await.unwrap();
    let as_of = d("2026-11-20");
    history(&store, 3_000, as_of).await;
    let me = Complaints::new(&store);
    let system = Actor::system();
    let flagged = me.flag_clues(&system, as_of, at("2026-11-20")).await.unwrap();
    assert!(!flagged.is_empty(), "the busiest shops draw repeated complaints");
    assert!(flagged.iter().all(|c| c.complaints.len() >= 2 && c.on == as_of));
    assert!(flagged.iter().any(|c| c.rule == ClueRule::Repeated));
    // Run again the same day, or the next: nothing new.
    assert!(me.flag_clues(&system, as_of, at("2026-11-20")).await.unwrap().is_empty());
    assert!(me.flag_clues(&system, d("2026-11-21"), at("2026-11-21")).await.unwrap().is_empty());

    // A Wuhan clue: due in 15 workdays; the Wuhan case officer checks it, a handler may not.
    let clue = flagged.iter().find(|c| c.office.to_string().starts_with("4201")).expect("a Wuhan clue");
    let officer = Actor { role: Role::CaseOfficer, office: Some(office("420100")), pseudonym: Some("c-1".into()) };
    let listed = me.clues(&officer, office("420100"), true, as_of).await.unwrap();
    let item = listed.iter().find(|x| x.clue.flagged.id == clue.id).unwrap();
    assert_eq!(item.due, Some(Calendar::builtin().add_workdays(as_of, 15).unwrap()));
    assert!(!item.due_provisional, "due 2026-12-11, an official day");
    assert!(listed.iter().all(|x| x.clue.flagged.office.to_string().starts_with("4201")));
    let yichang = Actor { office: Some(office("420500")), ..officer.clone() };
    let e = me.decide_clue(&yichang, &clue.id, true, "立案", at("2026-11-23")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    let e = me.decide_clue(&handler("420100"), &clue.id, true, "立案", at("2026-11-23")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    let decided =
        me.decide_clue(&officer, &clue.id, true, "涉嫌违反消费者权益保护法，立案调查", at("2026-11-23")).await.unwrap();
    assert!(decided.decided.as_ref().is_some_and(|x| x.filed));
    let e = me.decide_clue(&officer, &clue.id, false, "again", at("2026-11-23")).await.unwrap_err();
    assert_eq!(e.code(), Code::ComplaintClueUnknown);
    assert!(
        me.clues(&officer, office("420100"), true, as_of).await.unwrap().iter().all(|x| x.clue.flagged.id != clue.id)
    );

    // A narrative: consent, closure, and no personal data; about a registered business.
    let entity = shijian_synth::Province::new(3, d("2025-12-31")).next_entity().entity;
    let registrar = Actor { role: Role::Registrar, office: Some(entity.authority), pseudonym: Some("r-1".into()) };
    let registered = shijian_core::entity::RegistryEvent::Registered { entity: entity.clone(), reservation: None };
    let subject = entity.uscc.to_string();
    store
        .append(&[shijian_app::registry::new_event(&registrar, &registered, Some(&subject), at("2025-12-31"))])
        .await
        .unwrap();
    let shop = Shop { uscc: subject, name: entity.name.clone(), address: String::new(), authority: entity.authority };
    let h = handler("420111");
    let public = Actor { role: Role::Public, office: None, pseudonym: None };
    let filed = me.file(&public, consenting(&shop.name, &shop.uscc), at("2026-11-02")).await.unwrap();
    let e = me
        .publish_narrative(&h, &filed.id, "消费者预付课时费后机构停课，要求退款。", at("2026-11-03"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::ComplaintNoConsent, "not closed yet");
    me.accept(&h, &filed.id, at("2026-11-03")).await.unwrap();
    me.mediate(&h, &filed.id, "机构退还剩余课时费", Some("5000"), at("2026-11-10")).await.unwrap();
    let draft = me.narrative_draft(&h, &filed.id).await.unwrap();
    assert!(draft.consent && draft.closed);
    assert!(
        !draft.text.contains("王芳") && !draft.text.contains("13912345678") && !draft.text.contains("3栋"),
        "{}",
        draft.text
    );
    let size = store.log_size().await.unwrap();
    let e = me.publish_narrative(&h, &filed.id, "王芳预付课时费后机构停课。", at("2026-11-11")).await.unwrap_err();
    assert_eq!(e.code(), Code::ComplaintPersonalData);
    let e = me.publish_narrative(&handler("420500"), &filed.id, &draft.text, at("2026-11-11")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    assert_eq!(store.log_size().await.unwrap(), size);
    me.publish_narrative(&h, &filed.id, &draft.text, at("2026-11-11")).await.unwrap();
    let e = me.publish_narrative(&h, &filed.id, &draft.text, at("2026-11-12")).await.unwrap_err();
    assert_eq!(e.code(), Code::ComplaintNoConsent, "once");
    let shown = disclosure::disclosure(&store, &shop.uscc, as_of).await.unwrap();
    assert_eq!(shown.narratives.len(), 1);
    assert_eq!(shown.narratives[0].text, draft.text);
    assert_eq!(me.narratives(&shop.uscc, 10).await.unwrap().len(), 1);
    // Without consent: never.
    let mut no = consenting(&shop.name, &shop.uscc);
    no.consent_to_publish = false;
    let filed = me.file(&public, no, at("2026-11-02")).await.unwrap();
    me.accept(&h, &filed.id, at("2026-11-03")).await.unwrap();
    me.mediate(&h, &filed.id, "退款", None, at("2026-11-10")).await.unwrap();
    let e = me.publish_narrative(&h, &filed.id, &draft.text, at("2026-11-11")).await.unwrap_err();
    assert_eq!(e.code(), Code::ComplaintNoConsent);
}
