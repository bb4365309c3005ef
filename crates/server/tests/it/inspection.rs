//! Random inspections over HTTP on both backends: a plan from draft to published result
//! through the API, the seed parties acting with their own tokens, and the four public
//! notices on the pages.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shijian_app::accounts::Accounts;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::inspection::{hex, seed};
use shijian_server::Limits;
use shijian_store::Store;

use crate::api::{at, d, signer};
use crate::start;

shijian_store::conformance!(a_plan_goes_from_draft_to_published_results_over_http);

const PASSWORD: &str = "hubei2026market";

/// 300 synthetic entities across Hubei and the provincial office's staff for a plan (an
/// administrator, a credit officer, two seed parties, three inspectors), with their API tokens.
pub(crate) async fn staffed_province(store: &Store) -> std::collections::HashMap<&'static str, String> {
    store.migrate().await.unwrap();
    let mut province = shijian_synth::Province::new(5, d("2026-06-30"));
    let mut events = Vec::new();
    for _ in 0..300 {
        let s = province.next_entity();
        let actor = Actor { role: Role::Registrar, office: Some(s.entity.authority), pseudonym: Some("r-1".into()) };
        let subject = s.entity.uscc.to_string();
        let registered = shijian_core::entity::RegistryEvent::Registered { entity: s.entity, reservation: None };
        for e in std::iter::once(&registered).chain(&s.history) {
            events.push(shijian_app::registry::new_event(&actor, e, Some(&subject), at(&e.effective_on().to_string())));
        }
    }
    store.append(&events).await.unwrap();
    let accounts = Accounts::new(store);
    let mut tokens = std::collections::HashMap::new();
    for (name, role) in [
        ("admin.hb", Role::Administrator),
        ("credit.hb", Role::CreditOfficer),
        ("witness.hb", Role::Supervisor),
        ("jiwei.hb", Role::Auditor),
        ("insp.a", Role::Inspector),
        ("insp.b", Role::Inspector),
        ("insp.c", Role::Inspector),
    ] {
        let a = Account {
            username: name.into(),
            role,
            office: Some(DivisionCode::parse("420000").unwrap()),
            uscc: None,
            display_name: "测试".into(),
            disabled: false,
            pseudonym: String::new(),
        };
        accounts.create(&Actor::system(), a.clone(), PASSWORD, at("2026-07-01")).await.unwrap();
        tokens.insert(name, accounts.issue_token(&a, "t", None, chrono::Utc::now()).await.unwrap());
    }
    tokens
}

/// The opaque pseudonym an account acts under.
pub(crate) async fn pseudonym(store: &Store, username: &str) -> String {
    let p = store.account(username).await.unwrap().unwrap().actor().pseudonym.unwrap();
    assert!(shijian_core::account::is_pseudonym(&p) && !p.contains(username), "{p}");
    p
}

async fn a_plan_goes_from_draft_to_published_results_over_http(store: Store) {
    let tokens = staffed_province(&store).await;
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    let client = reqwest::Client::new();
    let post = |path: String, who: &'static str, body: Value| {
        let r = client.post(server.url(&path)).bearer_auth(&tokens[who]).json(&body).send();
        async move {
            let r = r.await.unwrap();
            let status = r.status();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    for (name, certified) in [("insp.a", true), ("insp.b", false), ("insp.c", true)] {
        let body = json!({"pseudonym": name, "office": "420000", "department": "市场监管", "certified": certified, "available": true});
        let (status, _) = post("/api/v1/inspection/inspectors".into(), "admin.hb", body).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    // Key item: every active entity of the province is drawn, in key order.
    let spec = json!({
        "id": "", "title": "2026年特种设备使用单位检查", "office": "420000",
        "starts_on": "2026-07-06", "ends_on": "2026-12-31", "items": ["SC-05"],
        "scope": {}, "ratios": {"a": 10000, "b": 10000, "c": 10000, "d": 10000, "u": 10000},
        "team_size": 2, "forbid_own_office": false, "recent_days": 365,
        "parties": ["witness.hb", "jiwei.hb"], "reveal_by": "2026-07-10"
    });
    let (status, plan) = post("/api/v1/inspection/plans".into(), "credit.hb", spec.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    let id = plan["spec"]["id"].as_str().unwrap().to_string();
    let parties = json!([pseudonym(&store, "witness.hb").await, pseudonym(&store, "jiwei.hb").await]);
    assert_eq!(plan["spec"]["parties"], parties, "the plan names its parties by pseudonym");
    // The drafted plan is a public event: its record names no username, its actor's
    // pseudonym is the planner's.
    let events = store.events_from(0, 100_000).await.unwrap();
    let drafted = events.iter().find(|e| e.kind == "inspection.plan_drafted").unwrap();
    let r = client.get(server.url(&format!("/api/v1/events/{}", drafted.id))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert!(!text.contains(".hb") && text.contains(&pseudonym(&store, "credit.hb").await), "{text}");
    let (status, e) = post("/api/v1/inspection/plans".into(), "insp.a", spec).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::FORBIDDEN, Some("access_denied")));
    // One entity of the pool is class D, the only one: its class must not show in public.
    let class_d = class_one_entity_d(&store).await;
    let secrets = [("witness.hb", [1u8; 32]), ("jiwei.hb", [2u8; 32])];
    for (who, s) in &secrets {
        let c = hex(&seed::party_commitment(&id, &pseudonym(&store, who).await, s));
        let (status, body) =
            post(format!("/api/v1/inspection/plans/{id}/commitments"), who, json!({"commitment": c})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = post(format!("/api/v1/inspection/plans/{id}/publication"), "credit.hb", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["strata"]["D"], 1, "the planner who publishes sees the counts: {body}");
    a_single_class_d_entity_does_not_show(&store, &server, &tokens, &id, &class_d).await;
    let (status, body) =
        post(format!("/api/v1/inspection/plans/{id}/reveals"), "witness.hb", json!({"secret": hex(&[1u8; 32])})).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("inspection_no_checkpoint")));
    store.sign_checkpoint(&signer()).await.unwrap().unwrap();
    for (who, s) in &secrets {
        let (status, body) =
            post(format!("/api/v1/inspection/plans/{id}/reveals"), who, json!({"secret": hex(s)})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, drawn) = post(format!("/api/v1/inspection/plans/{id}/draw"), "credit.hb", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{drawn}");
    let n = drawn["draw"]["drawn"].as_u64().unwrap();
    assert_eq!(n, drawn["published"]["quota"].as_u64().unwrap());
    assert!(n > 100, "a key item covers every active entity: {n}");

    // The list drawn, public, a page at a time.
    let page: Value = client
        .get(server.url(&format!("/api/v1/inspection/plans/{id}/tasks?limit=10")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 10);
    assert_eq!(page["next"], "10");
    let first = page["items"][0]["assigned"].clone();
    let target = first["target"].as_str().unwrap().to_string();
    let member = first["inspectors"][0].as_str().unwrap().to_string();
    let mut member_name = "";
    for name in ["insp.a", "insp.b", "insp.c"] {
        if pseudonym(&store, name).await == member {
            member_name = name;
        }
    }
    let member = member_name;
    // A 2 MiB photograph (over the general 1 MiB body limit) as evidence; 9 MiB is too large.
    let evidence_url = server.url(&format!("/api/v1/inspection/plans/{id}/tasks/{target}/evidence"));
    let photo = [[0xffu8, 0xd8, 0xff].as_slice(), &vec![1u8; 2 << 20]].concat();
    let r = client.post(&evidence_url).bearer_auth(&tokens[member]).body(photo.clone()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let hash = r.json::<Value>().await.unwrap()["sha256"].as_str().unwrap().to_string();
    // The server answers 413 from the declared length and closes; the client may still be
    // writing the body then and see the connection go instead.
    match client.post(&evidence_url).bearer_auth(&tokens[member]).body(vec![0xffu8; 9 << 20]).send().await {
        Ok(r) => assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE),
        Err(e) => assert!(e.is_request(), "{e}"),
    }
    let body = json!({"inspected_on": "2026-09-21", "category": "ordered_to_correct", "findings": "定期检验过期，已责令改正", "evidence": [hash]});
    let (status, t) = post(format!("/api/v1/inspection/plans/{id}/tasks/{target}/result"), member, body).await;
    assert_eq!((status, t["status"].as_str()), (StatusCode::OK, Some("recorded")), "{t}");
    let r = client.get(format!("{evidence_url}/{hash}")).bearer_auth(&tokens["credit.hb"]).send().await.unwrap();
    assert_eq!((r.status(), r.headers()["content-type"].to_str().unwrap()), (StatusCode::OK, "image/jpeg"));
    assert_eq!(r.bytes().await.unwrap().len(), photo.len());
    let (status, t) =
        post(format!("/api/v1/inspection/plans/{id}/tasks/{target}/publication"), "credit.hb", json!({})).await;
    assert_eq!((status, t["status"].as_str()), (StatusCode::OK, Some("published")), "{t}");
    assert_eq!(t["published"]["due"], "2026-10-26");
    let mine: Value = client
        .get(server.url("/api/v1/inspection/tasks/mine"))
        .bearer_auth(&tokens[member])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(mine["items"].as_array().unwrap().iter().any(|t| t["assigned"]["target"] == target.as_str()));
    let verify = shijian_app::inspection::verify(&store, &id).await.unwrap();
    assert_eq!(verify, shijian_app::inspection::Verification::Match { tasks: n });

    // The public notices.
    let plan: Value =
        client.get(server.url(&format!("/api/v1/inspection/plans/{id}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(plan["verify"]["command"], format!("shijian draw verify --plan {id}"));
    assert!(plan["plan"]["reveals"][pseudonym(&store, "witness.hb").await].is_string());
    assert!(!plan.to_string().contains(".hb"), "no username in the public plan: {plan}");
    let html = client.get(server.url("/inspection")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&id) && html.contains("随机抽查事项清单") && html.contains("SC-05"), "{html}");
    let html =
        client.get(server.url(&format!("/inspection/plans/{id}?lang=en"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(drawn["draw"]["seed"].as_str().unwrap()));
    assert!(html.contains("Problem found, correction ordered"), "the published result is on the page");
    assert!(!html.contains("定期检验过期"), "findings stay in the file");
    // And on the entity's public credit file, linked to the plan.
    let entity = target.split('/').next().unwrap();
    let html = client.get(server.url(&format!("/entities/{entity}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("抽查检查结果") && html.contains("发现问题已责令改正"), "{html}");
    assert!(html.contains(&format!("/inspection/plans/{id}")));

    // The same notices in a real browser: from the index to the plan, on a phone-sized page.
    if let Some(chromium) = crate::browser::chromium() {
        let profile = tempfile::tempdir().unwrap();
        let index = crate::browser::dom(&chromium, profile.path(), &server.url("/inspection"));
        let link = crate::browser::link(&index, "/inspection/plans/");
        assert_eq!(link, format!("/inspection/plans/{id}"));
        let page = crate::browser::dom(&chromium, profile.path(), &server.url(&link));
        assert!(page.contains("id=\"tasks\""), "{page}");
        assert!(page.contains(drawn["draw"]["seed"].as_str().unwrap()));
        assert!(page.contains(&format!("shijian draw verify --plan {id}")));
        assert!(page.contains("发现问题已责令改正"));

        // Anyone repeats the draw in the browser from the public record: the page links to it,
        // the script reproduces the seed and the order; with another seed it does not.
        let repeat = crate::browser::link(&page, &format!("/inspection/plans/{id}/verify"));
        let html = crate::browser::dom(&chromium, profile.path(), &server.url(&repeat));
        assert!(html.contains("data-verified=\"yes\"") && html.contains("已复现"), "{html}");
        assert!(html.contains("与其事先承诺一致") && html.contains("与所示种子一致"), "{html}");
        let seed = drawn["draw"]["seed"].as_str().unwrap();
        let altered = format!("{}{}", if seed.starts_with('0') { "1" } else { "0" }, &seed[1..]);
        let html = crate::browser::dom(&chromium, profile.path(), &server.url(&format!("{repeat}?seed={altered}")));
        assert!(html.contains("data-verified=\"no\"") && html.contains("未能复现"), "{html}");
        let html = crate::browser::dom(&chromium, profile.path(), &server.url(&format!("{repeat}?lang=en")));
        assert!(html.contains("data-verified=\"yes\"") && html.contains("Reproduced"), "{html}");

        // At a desk and on a phone, the page fits the window.
        let backend = format!("{:?}", store.backend()).to_lowercase();
        let mut browser = crate::cdp::Browser::start(&chromium).await;
        for width in crate::browser::WIDTHS {
            let tab = browser.tab(width).await;
            browser.open(&tab, &server.url(&repeat)).await;
            let mut verified = String::new();
            for _ in 0..50 {
                let v = browser.eval(&tab, "document.getElementById('result').dataset.verified").await;
                verified = v.as_str().unwrap_or_default().to_string();
                if verified != "pending" {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert_eq!(verified, "yes");
            crate::browser::look(&mut browser, &tab, "draw-verify", &backend).await;
        }
        drop(browser);
    }
    server.stop().await.unwrap();
}

/// Classifies one active entity of the register as D (restricted, as the classification
/// job records it); returns its code.
async fn class_one_entity_d(store: &Store) -> String {
    use shijian_core::credit::classify::{KIND_RISK_CLASSIFIED, RiskClass, RiskClassified};
    let mut code = None;
    for e in store.events_from(0, 10_000).await.unwrap() {
        let Some(subject) = e.subject.filter(|_| e.kind == "registry.entity_registered") else { continue };
        let row = store.entity(&subject).await.unwrap().unwrap();
        if row.state.status == shijian_core::registry::Status::Active {
            code = Some(subject);
            break;
        }
    }
    let code = code.unwrap();
    let data = RiskClassified {
        as_of: d("2026-07-01"),
        class: RiskClass::D,
        score: 0,
        model_version: "v1".into(),
        reasons: vec![],
    };
    let e = shijian_core::event::NewEvent {
        kind: KIND_RISK_CLASSIFIED.into(),
        subject: Some(code.clone()),
        occurred_at: at("2026-07-01"),
        actor: Actor::system(),
        basis: "国市监信发〔2022〕6号".into(),
        data: serde_json::to_value(data).unwrap(),
        publicity: shijian_core::event::Publicity::Restricted,
    };
    store.append(&[e]).await.unwrap();
    code
}

/// A published plan whose pool holds a single class-D entity: the public plan (JSON, page)
/// and the publication's public record carry totals only; the planner and the auditor see
/// the counts per class.
async fn a_single_class_d_entity_does_not_show(
    store: &Store,
    server: &crate::Running,
    tokens: &std::collections::HashMap<&'static str, String>,
    id: &str,
    class_d: &str,
) {
    let client = reqwest::Client::new();
    let get = |path: String, who: Option<&'static str>| {
        let mut r = client.get(server.url(&path));
        if let Some(who) = who {
            r = r.bearer_auth(&tokens[who]);
        }
        async move { r.send().await.unwrap().text().await.unwrap() }
    };
    let public: Value = serde_json::from_str(&get(format!("/api/v1/inspection/plans/{id}"), None).await).unwrap();
    assert!(public.get("strata").is_none() && public["plan"]["published"].get("strata").is_none(), "{public}");
    let total = public["plan"]["published"]["targets"].as_u64().unwrap();
    assert!(total > 100, "{public}");
    let staff: Value =
        serde_json::from_str(&get(format!("/api/v1/inspection/plans/{id}"), Some("credit.hb")).await).unwrap();
    assert_eq!(staff["strata"]["D"], 1, "{staff}");
    assert_eq!(staff["strata"]["U"].as_u64().unwrap() + 1, total);
    let auditor: Value =
        serde_json::from_str(&get(format!("/api/v1/inspection/plans/{id}"), Some("jiwei.hb")).await).unwrap();
    assert_eq!(auditor["strata"], staff["strata"]);
    let inspector: Value =
        serde_json::from_str(&get(format!("/api/v1/inspection/plans/{id}"), Some("insp.a")).await).unwrap();
    assert!(inspector.get("strata").is_none(), "{inspector}");
    // The pages: no column of counts for the public, one for the planner.
    for en in ["", "?lang=en"] {
        let html = get(format!("/inspection/plans/{id}{en}"), None).await;
        assert!(!html.contains("名录库中对象数") && !html.contains("Targets in the pool (staff only)"), "{html}");
        assert!(html.contains(&format!("<dd id=\"targets\">{total}</dd>")), "{html}");
        assert!(!html.contains("<td>D</td><td>100%</td><td>"), "{html}");
        let html = get(format!("/inspection/plans/{id}{en}"), Some("credit.hb")).await;
        assert!(html.contains("<td>D</td><td>100%</td><td>1</td>"), "{html}");
    }
    // The publication's public record: totals, no counts per class.
    let events = store.events_from(0, 100_000).await.unwrap();
    let published = events.iter().rev().find(|e| e.kind == "inspection.plan_published").unwrap();
    let record = get(format!("/api/v1/events/{}", published.id), None).await;
    assert!(record.contains("pool_hash") && !record.contains("strata"), "{record}");
    // Nothing public about the entity names its class.
    for path in [format!("/api/v1/entities/{class_d}"), format!("/entities/{class_d}")] {
        let body = get(path, None).await;
        assert!(!body.contains("risk_classified") && !body.contains("\"class\""), "{body}");
    }
}
