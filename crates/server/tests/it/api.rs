//! `/api/v1`, `/log` and the cross-cutting behaviour (errors, languages, headers, limits).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::Value;
use shijian_app::Registry;
use shijian_core::entity::Entity;
use shijian_core::event::{Actor, NewEvent, Publicity, Role};
use shijian_core::registry::EntityKind;
use shijian_core::{DivisionCode, IndustryCode, Uscc};
use shijian_ledger::note::{Signer, TYPE_ED25519, Verifier};
use shijian_ledger::receipt::Receipt;
use shijian_ledger::tile::decode_bundle;
use shijian_server::Limits;
use shijian_store::Store;

use crate::{Running, start};

shijian_store::conformance!(
    health_and_readiness,
    the_public_credit_file_search_and_name_check,
    errors_speak_the_requests_language,
    public_events_come_with_records_and_receipts_that_verify,
    the_feed_follows_public_events_with_a_resumable_cursor,
    the_log_is_served_per_tlog_tiles,
    every_response_has_the_security_headers_and_limits_hold,
    staff_sign_in_for_tokens_and_act_inside_their_role,
    anonymous_callers_are_rate_limited_per_client,
    enterprises_file_and_the_office_reviews_through_the_api,
    lists_and_the_register_come_a_page_at_a_time,
    registrars_act_on_the_register_through_the_api,
    four_registrations_of_one_name_sent_at_once_land_once,
);

/// Registration, a change and the lifecycle through the API, inside the registrar's district
/// only; a refused transition and a refused name change nothing.
async fn registrars_act_on_the_register_through_the_api(store: Store) {
    use shijian_app::accounts::Accounts;
    use shijian_core::account::Account;
    let (server, codes) = province(&store).await;
    let accounts = Accounts::new(&store);
    let mut tokens = Vec::new();
    for (username, office) in [("reg.hongshan", "420111"), ("reg.yichang", "420500")] {
        let a = Account {
            username: username.into(),
            role: Role::Registrar,
            office: Some(DivisionCode::parse(office).unwrap()),
            uscc: None,
            display_name: "登记科".into(),
            disabled: false,
            pseudonym: String::new(),
        };
        accounts.create(&Actor::system(), a.clone(), "hubei2026market", at("2026-11-01")).await.unwrap();
        tokens.push(accounts.issue_token(&a, "test", None, chrono::Utc::now()).await.unwrap());
    }
    let client = reqwest::Client::new();
    let post = |path: String, token: &str, body: Value| {
        client.post(server.url(&path)).bearer_auth(token.to_string()).json(&body).send()
    };
    let new = company(3, "武汉白云咨询有限公司");
    let code = new.uscc.to_string();
    let r = post("/api/v1/entities".into(), &tokens[1], serde_json::json!({"entity": new})).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "Yichang does not register in Hongshan");
    let r = post("/api/v1/entities".into(), &tokens[0], serde_json::json!({"entity": new})).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = post("/api/v1/entities".into(), &tokens[0], serde_json::json!({"entity": new})).await.unwrap();
    assert!(r.status().is_client_error(), "registered twice: {}", r.status());
    // Another entity's name under the same office is refused (企业名称登记管理规定 第十七条).
    let mut same = company(4, "武汉红光餐饮有限公司");
    same.address = "武汉市洪山区珞喻路4号".into();
    let r = post("/api/v1/entities".into(), &tokens[0], serde_json::json!({"entity": same})).await.unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "registry_name_refused", "{body}");

    let changes = serde_json::json!({"changes": {"address": "武汉市洪山区珞喻路9号"}, "on": "2026-11-20"});
    let r = post(format!("/api/v1/entities/{code}/changes"), &tokens[0], changes).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let file: Value = get(&server.url(&format!("/api/v1/entities/{code}"))).await.json().await.unwrap();
    assert_eq!(file["entity"]["address"], "武汉市洪山区珞喻路9号");

    let size = store.log_size().await.unwrap();
    let resume = serde_json::json!({"command": "resume", "on": "2026-11-21"});
    let r = post(format!("/api/v1/entities/{code}/lifecycle"), &tokens[0], resume).await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "not suspended");
    assert_eq!(store.log_size().await.unwrap(), size, "nothing appended");
    let suspend = serde_json::json!({"command": "suspend", "from": "2026-12-01", "until": "2027-05-31"});
    let r = post(format!("/api/v1/entities/{code}/lifecycle"), &tokens[0], suspend).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let file: Value = get(&server.url(&format!("/api/v1/entities/{code}"))).await.json().await.unwrap();
    assert_eq!(file["entity"]["status"], "suspended", "{file}");
    let r = post(
        format!("/api/v1/entities/{}/lifecycle", codes[0]),
        &tokens[1],
        serde_json::json!({"command": "deregister", "on": "2026-12-01"}),
    );
    assert_eq!(r.await.unwrap().status(), StatusCode::FORBIDDEN);
    server.stop().await.unwrap();
}

/// The public credit lists and the staff's register listing, a page at a time with a cursor.
async fn lists_and_the_register_come_a_page_at_a_time(store: Store) {
    use shijian_app::accounts::Accounts;
    use shijian_core::account::Account;
    let (server, codes) = province(&store).await;
    let officer = Actor {
        role: Role::CreditOfficer,
        office: Some(DivisionCode::parse("420100").unwrap()),
        pseudonym: Some("s-2".into()),
    };
    let unreachable = shijian_core::credit::lists::AbnormalCause::Unreachable { verified_on: d("2026-11-02") };
    shijian_app::credit::Credit::new(&store)
        .list_abnormal(&officer, &codes[1], unreachable, d("2026-11-03"), at("2026-11-03"))
        .await
        .unwrap();
    let page: Value = get(&server.url("/api/v1/lists/abnormal")).await.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
    assert_eq!(page["items"][0]["uscc"], codes[1].as_str());
    assert_eq!(page["items"][0]["entries"][0]["ground"], "unreachable", "{page}");
    assert!(page["next"].is_null());
    let page: Value = get(&server.url("/api/v1/lists/serious")).await.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 0, "{page}");
    let page: Value = get(&server.url("/api/v1/lists/abnormal?division=420500")).await.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 0, "another city's list: {page}");
    let r = get(&server.url("/api/v1/lists/blacklist")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let accounts = Accounts::new(&store);
    let registrar = Account {
        username: "reg.hongshan".into(),
        role: Role::Registrar,
        office: Some(DivisionCode::parse("420111").unwrap()),
        uscc: None,
        display_name: "洪山区登记科".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    accounts.create(&Actor::system(), registrar.clone(), "hubei2026market", at("2026-11-01")).await.unwrap();
    let token = accounts.issue_token(&registrar, "test", None, chrono::Utc::now()).await.unwrap();
    let client = reqwest::Client::new();
    let page = |url: String| {
        let (client, token) = (client.clone(), token.clone());
        async move { client.get(url).bearer_auth(token).send().await.unwrap() }
    };
    // Two entities, one a page: the cursor leads from the first to the second and stops.
    let first: Value = page(server.url("/api/v1/register?limit=1")).await.json().await.unwrap();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(first["items"][0]["uscc"], sorted[0].as_str(), "{first}");
    let next = first["next"].as_str().unwrap();
    let second: Value = page(server.url(&format!("/api/v1/register?limit=1&after={next}"))).await.json().await.unwrap();
    assert_eq!(second["items"][0]["uscc"], sorted[1].as_str(), "{second}");
    let last: Value =
        page(server.url(&format!("/api/v1/register?limit=1&after={}", sorted[1]))).await.json().await.unwrap();
    assert_eq!((last["items"].as_array().unwrap().len(), last["next"].is_null()), (0, true), "{last}");
    // The same on pages: the public list in words, the register with a link to the next page.
    let html = get(&server.url("/lists/abnormal")).await.text().await.unwrap();
    assert!(html.contains(codes[1].as_str()) && html.contains("通过登记的住所或者经营场所无法联系"), "{html}");
    let html = page(server.url("/workbench/register")).await.text().await.unwrap();
    assert!(html.contains(sorted[0].as_str()) && html.contains(sorted[1].as_str()), "{html}");
    assert!(!html.contains("id=\"next\""), "one page: {html}");
    // Outside the registrar's district: refused; the public: asked to sign in.
    let r = page(server.url("/workbench/register?division=420500")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = page(server.url("/api/v1/register?division=420500")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(get(&server.url("/api/v1/register")).await.status(), StatusCode::UNAUTHORIZED);
    server.stop().await.unwrap();
}

const ORIGIN: &str = "shijian.test/log";

/// Four registrations of one new name posted at once through the API, in rounds: one is
/// created (201), the others are refused with 409 and a typed code — `append_conflict` when the
/// name was taken after they checked it, `registry_name_refused` when before — and the register
/// holds the name once.
async fn four_registrations_of_one_name_sent_at_once_land_once(store: Store) {
    use shijian_app::accounts::Accounts;
    use shijian_core::account::Account;
    let (server, _) = province(&store).await;
    let accounts = Accounts::new(&store);
    let a = Account {
        username: "reg.hongshan".into(),
        role: Role::Registrar,
        office: Some(DivisionCode::parse("420111").unwrap()),
        uscc: None,
        display_name: "登记科".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    accounts.create(&Actor::system(), a.clone(), "hubei2026market", at("2026-11-01")).await.unwrap();
    let token = accounts.issue_token(&a, "test", None, chrono::Utc::now()).await.unwrap();
    let client = reqwest::Client::new();
    for (round, trade) in ["青禾", "松岳", "明川", "远峰", "泰朗"].iter().enumerate() {
        let name = format!("武汉{trade}咨询有限公司");
        let size = store.log_size().await.unwrap();
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(4));
        let mut posts = Vec::new();
        for i in 0..4 {
            let mut e = company(100 + (round * 4 + i) as u32, &name);
            e.address = format!("武汉市洪山区珞喻路{}号", 10 + i);
            let request =
                client.post(server.url("/api/v1/entities")).bearer_auth(&token).json(&serde_json::json!({"entity": e}));
            let barrier = barrier.clone();
            posts.push(tokio::spawn(async move {
                barrier.wait().await;
                let r = request.send().await.unwrap();
                let status = r.status();
                (status, r.json::<Value>().await.unwrap())
            }));
        }
        let mut created = 0;
        for p in posts {
            let (status, body) = p.await.unwrap();
            if status == StatusCode::CREATED {
                created += 1;
            } else {
                assert_eq!(status, StatusCode::CONFLICT, "{body}");
                let code = body["code"].as_str().unwrap_or_default();
                assert!(["append_conflict", "registry_name_refused"].contains(&code), "{body}");
            }
        }
        assert_eq!(created, 1, "round {round}");
        assert_eq!(store.log_size().await.unwrap(), size + 1, "round {round}: one registration");
    }
    server.stop().await.unwrap();
}

pub fn signer() -> Signer {
    Signer::from_seed(ORIGIN, TYPE_ED25519, &[9; 32]).unwrap()
}

pub fn d(s: &str) -> NaiveDate {
    shijian_core::parse_date(s).unwrap()
}

pub fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d(s).and_hms_opt(2, 0, 0).unwrap())
}

pub fn company(n: u32, name: &str) -> Entity {
    let kind = EntityKind::LimitedCompany;
    Entity {
        uscc: Uscc::compose('9', kind.uscc_category(), "420111", &format!("MA{n:06}")).unwrap(),
        name: name.into(),
        kind,
        representative: "张三".into(),
        capital: Some("100".into()),
        currency: "CNY".into(),
        established_on: d("2020-03-02"),
        authority: DivisionCode::parse("420111").unwrap(),
        address: "武汉市洪山区珞喻路1号".into(),
        scope: vec![],
        scope_text: "一般项目：餐饮服务".into(),
        industry: Some(IndustryCode::parse_form("62").unwrap()),
        parent: None,
    }
}

/// Two registered companies, one restricted event, a signed checkpoint, and the server.
pub async fn province(store: &Store) -> (Running, Vec<String>) {
    store.migrate().await.unwrap();
    let registrar = Actor {
        role: Role::Registrar,
        office: Some(DivisionCode::parse("420111").unwrap()),
        pseudonym: Some("s-1".into()),
    };
    let mut codes = Vec::new();
    for (n, name) in [(1, "武汉红光餐饮有限公司"), (2, "武汉蓝天科技有限公司")] {
        let e = company(n, name);
        codes.push(e.uscc.to_string());
        Registry::new(store).register(&registrar, e, None, d("2026-03-02"), at("2026-03-02")).await.unwrap();
    }
    store
        .append(&[NewEvent {
            kind: "ledger.selftest".into(),
            subject: None,
            occurred_at: at("2026-03-03"),
            actor: Actor::system(),
            basis: "运维自检 / self-test".into(),
            data: serde_json::json!({"n": 1}),
            publicity: Publicity::Restricted,
        }])
        .await
        .unwrap();
    store.sign_checkpoint(&signer()).await.unwrap();
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    (server, codes)
}

async fn get(url: &str) -> reqwest::Response {
    reqwest::get(url).await.unwrap()
}

async fn json(url: &str) -> (StatusCode, Value) {
    let r = get(url).await;
    let status = r.status();
    (status, r.json().await.unwrap())
}

async fn health_and_readiness(store: Store) {
    let (server, _) = province(&store).await;
    let r = get(&server.url("/healthz")).await;
    assert_eq!((r.status(), r.text().await.unwrap().as_str()), (StatusCode::OK, "ok\n"));
    assert_eq!(get(&server.url("/readyz")).await.status(), StatusCode::OK);
    server.stop().await.unwrap();
}

async fn the_public_credit_file_search_and_name_check(store: Store) {
    let (server, codes) = province(&store).await;
    let (status, file) = json(&server.url(&format!("/api/v1/entities/{}", codes[0]))).await;
    assert_eq!(status, StatusCode::OK, "{file}");
    assert_eq!(file["entity"]["uscc"], codes[0].as_str());
    assert_eq!(file["entity"]["name"], "武汉红光餐饮有限公司");
    assert_eq!(file["history"][0]["kind"], "registry.entity_registered");

    let (status, page) = json(&server.url("/api/v1/search?q=%E7%BA%A2%E5%85%89")).await; // 红光
    assert_eq!(status, StatusCode::OK, "{page}");
    let hits = page["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{page}");
    assert_eq!(hits[0]["uscc"], codes[0].as_str());
    let (_, page) = json(&server.url(&format!("/api/v1/search?q={}", codes[1]))).await;
    assert_eq!(page["hits"][0]["name"], "武汉蓝天科技有限公司");

    let url = server.url("/api/v1/names/check?name=%E6%AD%A6%E6%B1%89%E7%BA%A2%E5%85%89%E9%A4%90%E9%A5%AE%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&division=420111");
    let (status, check) = json(&url).await; // 武汉红光餐饮有限公司
    assert_eq!(status, StatusCode::OK, "{check}");
    assert_eq!(check["verdict"], "refuse", "{check}");
    assert!(check["findings"].as_array().unwrap().iter().any(|f| f["conflict_uscc"] == codes[0].as_str()), "{check}");
    server.stop().await.unwrap();
}

async fn errors_speak_the_requests_language(store: Store) {
    let (server, _) = province(&store).await;
    let client = reqwest::Client::new();
    let unknown = Uscc::compose('9', '1', "420111", "MA999999").unwrap().to_string();
    let url = server.url(&format!("/api/v1/entities/{unknown}"));
    let zh = client.get(&url).send().await.unwrap();
    assert_eq!(zh.status(), StatusCode::NOT_FOUND);
    assert_eq!(zh.headers()["content-language"], "zh-CN");
    let zh: Value = zh.json().await.unwrap();
    let en: Value =
        client.get(&url).header("accept-language", "en-GB,en;q=0.9").send().await.unwrap().json().await.unwrap();
    assert_eq!(zh["code"], "registry_unknown_entity");
    assert_eq!(en["code"], zh["code"]);
    assert_eq!(zh["details"]["uscc"], unknown.as_str());
    assert_ne!(zh["message"], en["message"]);
    assert!(en["message"].as_str().unwrap().is_ascii(), "{en}");
    // A malformed code, a query too short, a missing parameter, an unknown address.
    let (status, body) = json(&server.url("/api/v1/entities/91420111MA0000000X")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["code"].as_str().unwrap().starts_with("uscc_"), "{body}");
    let (status, body) = json(&server.url("/api/v1/search?q=a")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("search_query_short")));
    let (status, body) = json(&server.url("/api/v1/search")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::BAD_REQUEST, Some("request_invalid")));
    let (status, body) = json(&server.url("/api/v2/nothing")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("route_unknown")));
    server.stop().await.unwrap();
}

async fn public_events_come_with_records_and_receipts_that_verify(store: Store) {
    let (server, codes) = province(&store).await;
    let (_, file) = json(&server.url(&format!("/api/v1/entities/{}", codes[0]))).await;
    let id = file["history"][0]["id"].as_str().unwrap().to_string();
    let (status, event) = json(&server.url(&format!("/api/v1/events/{id}"))).await;
    assert_eq!(status, StatusCode::OK, "{event}");
    // Anyone can recompute the entry from the record and the salt...
    let salt: Vec<u8> = (0..64)
        .step_by(2)
        .map(|i| u8::from_str_radix(&event["salt"].as_str().unwrap()[i..i + 2], 16).unwrap())
        .collect();
    let salt: [u8; 32] = salt.try_into().unwrap();
    let record = event["record"].as_str().unwrap();
    let entry = shijian_ledger::commitment::entry(&salt, record.as_bytes());
    let hex: String = entry.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(event["entry"], hex.as_str());
    // ...and check the receipt against the log's key alone.
    let r = get(&server.url(&format!("/api/v1/receipts/{id}"))).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let receipt = Receipt::parse(&r.text().await.unwrap()).unwrap();
    let key = get(&server.url("/log/key")).await.text().await.unwrap();
    let verifier = Verifier::parse(key.trim()).unwrap();
    let leaf = shijian_ledger::commitment::leaf_for(&salt, record.as_bytes());
    receipt.verify(&leaf, ORIGIN, &verifier, &[], 0).unwrap();
    // The restricted event is not shown, as if it did not exist.
    let restricted = store.event_by_index(2).await.unwrap();
    assert_eq!(restricted.kind, "ledger.selftest");
    for path in [format!("/api/v1/events/{}", restricted.id), format!("/api/v1/receipts/{}", restricted.id)] {
        let (status, body) = json(&server.url(&path)).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("event_not_public")), "{path}");
    }
    server.stop().await.unwrap();
}

async fn the_feed_follows_public_events_with_a_resumable_cursor(store: Store) {
    let (server, codes) = province(&store).await;
    let (status, page) = json(&server.url("/api/v1/feed?limit=1")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["events"][0]["index"], 0);
    assert_eq!(page["events"][0]["subject"], codes[0].as_str());
    assert_eq!(page["next"], 0);
    let (_, page) = json(&server.url("/api/v1/feed?after=0")).await;
    let indexes: Vec<u64> = page["events"].as_array().unwrap().iter().map(|e| e["index"].as_u64().unwrap()).collect();
    // Index 2 is restricted: skipped, but the cursor passes it.
    assert_eq!(indexes, vec![1], "{page}");
    assert_eq!(page["next"], 2);
    let (_, page) = json(&server.url("/api/v1/feed?after=2")).await;
    assert!(page["events"].as_array().unwrap().is_empty());
    assert_eq!(page["next"], 2, "no new events: the cursor stays");
    let (status, _) = json(&server.url("/api/v1/feed?after=minus")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    server.stop().await.unwrap();
}

async fn the_log_is_served_per_tlog_tiles(store: Store) {
    let (server, _) = province(&store).await;
    let size = store.log_size().await.unwrap();
    assert_eq!(size, 3);
    let r = get(&server.url("/log/checkpoint")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let note = r.text().await.unwrap();
    assert!(note.starts_with(&format!("{ORIGIN}\n3\n")), "{note}");
    let key = get(&server.url("/log/key")).await.text().await.unwrap();
    assert_eq!(key, format!("{}\n", signer().verifier().to_vkey()));
    // The partial level-0 tile: three hashes, the leaves of the three entries.
    let r = get(&server.url("/log/tile/0/000.p/3")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    let hashes = r.bytes().await.unwrap();
    let entries = store.entries(0, 3).await.unwrap();
    let leaves: Vec<u8> = entries.iter().flat_map(|e| shijian_ledger::hash::leaf_hash(e).0).collect();
    assert_eq!(hashes.as_ref(), leaves.as_slice());
    // A prefix of it is served too; more than the checkpoint holds, or the full tile, is not.
    assert_eq!(get(&server.url("/log/tile/0/000.p/2")).await.bytes().await.unwrap().len(), 64);
    for path in ["/log/tile/0/000.p/4", "/log/tile/0/000", "/log/tile/1/000.p/1", "/log/tile/0/001.p/1"] {
        assert_eq!(get(&server.url(path)).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // The entry bundle.
    let bundle = get(&server.url("/log/tile/entries/000.p/3")).await.bytes().await.unwrap();
    assert_eq!(decode_bundle(&bundle).unwrap(), entries);
    // Malformed paths (leading zeros are not allowed) are not found.
    let (status, body) = json(&server.url("/log/tile/0/0.p/3")).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("route_unknown")));
    server.stop().await.unwrap();
}

async fn every_response_has_the_security_headers_and_limits_hold(store: Store) {
    store.migrate().await.unwrap();
    let limits = Limits { body_bytes: 1024, timeout: std::time::Duration::from_secs(5), ..Limits::default() };
    let server = start(store.clone(), signer().verifier().to_vkey(), limits).await;
    for path in ["/healthz", "/api/v1/search?q=a", "/nothing"] {
        let r = get(&server.url(path)).await;
        let h = r.headers();
        assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{path}");
        assert!(!h["content-security-policy"].to_str().unwrap().contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["referrer-policy"], "same-origin");
    }
    let r = reqwest::Client::new().post(server.url("/api/v1/feed")).body(vec![b'x'; 4096]).send().await.unwrap();
    let status = r.status();
    let body: Value = r.json().await.unwrap();
    assert_eq!((status, body["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("request_too_large")), "{body}");
    server.stop().await.unwrap();
}

async fn staff_sign_in_for_tokens_and_act_inside_their_role(store: Store) {
    use shijian_app::accounts::Accounts;
    use shijian_core::account::Account;
    let (server, _) = province(&store).await;
    let accounts = Accounts::new(&store);
    let password = "hubei2026market";
    for (username, role) in [("credit.wuhan", Role::CreditOfficer), ("reg.hongshan", Role::Registrar)] {
        let a = Account {
            username: username.into(),
            role,
            office: Some(DivisionCode::parse("420100").unwrap()),
            uscc: None,
            display_name: "测试".into(),
            disabled: false,
            pseudonym: String::new(),
        };
        accounts.create(&Actor::system(), a, password, at("2026-11-01")).await.unwrap();
    }
    let client = reqwest::Client::new();
    let token = |username: &'static str, password: &'static str| {
        let client = client.clone();
        let url = server.url("/api/v1/tokens");
        async move {
            let r = client
                .post(url)
                .json(&serde_json::json!({"username": username, "password": password, "label": "test"}))
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }
    };
    let (status, body) = token("credit.wuhan", "hubei2026market").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let officer = body["token"].as_str().unwrap().to_string();
    let (status, body) = token("credit.wuhan", "wrong-password-1").await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("sign_in_failed")));
    let (_, body) = token("reg.hongshan", "hubei2026market").await;
    let registrar = body["token"].as_str().unwrap().to_string();

    let me: Value =
        client.get(server.url("/api/v1/me")).bearer_auth(&officer).send().await.unwrap().json().await.unwrap();
    assert_eq!((me["username"].as_str(), me["role"].as_str()), (Some("credit.wuhan"), Some("credit_officer")));
    // The worklist: the public must sign in; a registrar may not; the credit office may.
    let url = server.url("/api/v1/credit/worklist");
    let r = client.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "sign_in_required");
    let r = client.get(&url).bearer_auth(&registrar).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "access_denied");
    let r = client.get(&url).bearer_auth(&officer).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["items"], serde_json::json!([]));
    // Outside the officer's jurisdiction.
    let r = client.get(format!("{url}?division=420500")).bearer_auth(&officer).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A bad token is refused, not taken as anonymous.
    let r =
        client.get(server.url("/api/v1/search?q=%E7%BA%A2%E5%85%89")).bearer_auth("sjt_nonsense").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "token_invalid");
    // Every refusal is on record, with the client's address.
    let refusals = store.refusals(10).await.unwrap();
    let codes: Vec<&str> = refusals.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, vec!["token_invalid", "access_denied", "access_denied", "sign_in_failed"], "{refusals:?}");
    assert!(refusals.iter().all(|r| r.client.as_deref() == Some("127.0.0.1")), "{refusals:?}");
    server.stop().await.unwrap();
}

async fn anonymous_callers_are_rate_limited_per_client(store: Store) {
    use shijian_server::ratelimit::RateLimit;
    store.migrate().await.unwrap();
    let rate = RateLimit { per_minute: 60, burst: 3, ..RateLimit::default() };
    let server = crate::start_with(store.clone(), signer().verifier().to_vkey(), Limits::default(), rate).await;
    let url = server.url("/api/v1/feed");
    for _ in 0..3 {
        assert_eq!(get(&url).await.status(), StatusCode::OK);
    }
    let r = get(&url).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry), "{retry}");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    // The log and health checks are not limited; signed-in callers are not either.
    assert_eq!(get(&server.url("/healthz")).await.status(), StatusCode::OK);
    use shijian_app::accounts::Accounts;
    let a = shijian_core::account::Account {
        username: "partner".into(),
        role: Role::ComplaintHandler,
        office: Some(DivisionCode::parse("420100").unwrap()),
        uscc: None,
        display_name: "合作系统".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    let accounts = Accounts::new(&store);
    accounts.create(&Actor::system(), a.clone(), "hubei2026market", at("2026-11-01")).await.unwrap();
    let token = accounts.issue_token(&a, "t", None, chrono::Utc::now()).await.unwrap();
    let r = reqwest::Client::new().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    server.stop().await.unwrap();
}

/// 企业信息公示暂行条例 第八条 (the entity files its own report) and the repair workflow of
/// 市场监督管理信用修复管理办法, through the API with bearer tokens.
async fn enterprises_file_and_the_office_reviews_through_the_api(store: Store) {
    use shijian_app::accounts::Accounts;
    use shijian_core::credit::lists::{AbnormalCause, AbnormalGround, Cure};
    use shijian_core::credit::repair::{RepairFacts, RepairTarget};
    let (server, codes) = province(&store).await;
    let accounts = Accounts::new(&store);
    let mut tokens = Vec::new();
    for (username, role, office, uscc) in [
        ("hongguang", Role::Enterprise, None, Some(codes[0].as_str())),
        ("lantian", Role::Enterprise, None, Some(codes[1].as_str())),
        ("credit.wuhan", Role::CreditOfficer, Some("420100"), None),
    ] {
        let a = shijian_core::account::Account {
            username: username.into(),
            role,
            office: office.map(|o| DivisionCode::parse(o).unwrap()),
            uscc: uscc.map(|u| Uscc::parse(u).unwrap()),
            display_name: username.into(),
            disabled: false,
            pseudonym: String::new(),
        };
        accounts.create(&Actor::system(), a.clone(), "hubei2026market", at("2026-01-02")).await.unwrap();
        tokens.push(accounts.issue_token(&a, "t", None, chrono::Utc::now()).await.unwrap());
    }
    let (hongguang, lantian, officer) = (&tokens[0], &tokens[1], &tokens[2]);
    let client = reqwest::Client::new();
    let post =
        |path: String, token: &str, body: Value| client.post(server.url(&path)).bearer_auth(token).json(&body).send();
    let report = shijian_store::testing::annual_report(2025, None);
    let path = format!("/api/v1/entities/{}/annual-reports", codes[0]);
    // The filing day is the server's: a body that states one is refused, and changes nothing.
    let r = post(path.clone(), hongguang, serde_json::json!({"report": report, "on": "2026-03-01"})).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "filing_back_entry");
    let body = serde_json::json!({"report": report});
    // Another entity may not file it.
    let r = post(path.clone(), lantian, body.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = post(path, hongguang, body).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let (_, file) = json(&server.url(&format!("/api/v1/entities/{}", codes[0]))).await;
    assert_eq!(file["annual_reports"][0]["year"], 2025, "{file}");

    // Listed as unreachable, the entity asks for repair; the office accepts and approves.
    let credit = shijian_app::credit::Credit::new(&store);
    let actor = accounts.account("credit.wuhan").await.unwrap().actor();
    let cause = AbnormalCause::Unreachable { verified_on: d("2026-04-01") };
    credit.list_abnormal(&actor, &codes[0], cause, d("2026-04-02"), at("2026-04-02")).await.unwrap();
    let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    let facts = RepairFacts { commitment: true, cure: Some(Cure::ContactRestored), early: None, penalty: None };
    let r = post(
        format!("/api/v1/entities/{}/repairs", codes[0]),
        hongguang,
        serde_json::json!({"reference": "XF-9", "target": target, "facts": facts}),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let steps = format!("/api/v1/entities/{}/repairs/XF-9/steps", codes[0]);
    // The entity cannot review its own request.
    let r = post(steps.clone(), hongguang, serde_json::json!({"step": "accept"})).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The step's day is the server's; a client-sent day is refused, and a paper decision
    // entered later may not predate the request.
    let r = post(steps.clone(), officer, serde_json::json!({"step": "accept", "on": "2026-04-03"})).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("filing_back_entry"));
    let early = serde_json::json!({"step": "accept", "back_entry": {"on": "2020-01-02", "reason": "纸质决定补录"}});
    let r = post(steps.clone(), officer, early).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = post(steps.clone(), officer, serde_json::json!({"step": "accept"})).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = post(steps.clone(), officer, serde_json::json!({"step": "approve", "facts": facts})).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let events: Value = r.json().await.unwrap();
    assert_eq!(events["events"].as_array().unwrap().len(), 2, "the approval and the removal: {events}");
    assert!(!credit.file(&codes[0]).await.unwrap().lists.on_abnormal_list());
    // A step that does not fit is a typed error.
    let r = post(steps, officer, serde_json::json!({"step": "verify", "upheld": true, "finding": "x"})).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    server.stop().await.unwrap();
}
