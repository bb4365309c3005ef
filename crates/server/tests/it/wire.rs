//! The exact JSON bodies of `/api/v1`, endpoint by endpoint: a change to a body is a change of
//! the API that existing clients see, so it shows here first. Volatile values (event ids,
//! times, hashes, tokens, log indexes) are replaced by their field's name in angle brackets
//! before comparing; everything else is compared as it is.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shijian_app::accounts::Accounts;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use crate::api::{at, province};

shijian_store::conformance!(every_api_body_is_exactly_as_clients_know_it);

/// Fields whose values change from run to run.
const VOLATILE: &[&str] = &[
    "id",
    "event_id",
    "index",
    "entry",
    "pseudonym",
    "leaf_index",
    "next",
    "at",
    "occurred_at",
    "recorded_at",
    "expires_at",
    "token",
    "hash",
    "leaf_hash",
    "commitment",
    "salt",
    "record",
    "checkpoint",
    "proof",
    "receipt",
];

/// An entity of `province` as the register shows it.
fn entity(uscc: &str, name: &str) -> Value {
    json!({
        "address": "武汉市洪山区珞喻路1号",
        "authority": "420111",
        "capital": "100",
        "currency": "CNY",
        "ended_on": null,
        "established_on": "2020-03-02",
        "filings": 0,
        "forced_notice_from": null,
        "former_names": [],
        "industry": "62",
        "kind": "limited_company",
        "name": name,
        "notice": null,
        "parent": null,
        "representative": "张三",
        "revoked_on": null,
        "scope": [],
        "scope_text": "一般项目：餐饮服务",
        "status": "active",
        "suspension": null,
        "suspension_days_used": 0,
        "updated_on": "2020-03-02",
        "uscc": uscc
    })
}

fn published(uscc: &str) -> Value {
    json!({
        "entry": "<entry>",
        "id": "<id>",
        "index": "<index>",
        "kind": "registry.entity_registered",
        "occurred_at": "<occurred_at>",
        "record": "<record>",
        "recorded_at": "<recorded_at>",
        "salt": "<salt>",
        "subject": uscc
    })
}

/// `body` with every volatile field's value replaced by `"<field>"`.
fn normalised(body: Value) -> Value {
    match body {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if VOLATILE.contains(&k.as_str()) && !v.is_null() {
                        Value::String(format!("<{k}>"))
                    } else {
                        normalised(v)
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalised).collect()),
        other => other,
    }
}

async fn every_api_body_is_exactly_as_clients_know_it(store: Store) {
    let (server, codes) = province(&store).await;
    let account = Account {
        username: "reg.hongshan".into(),
        role: Role::Registrar,
        office: Some(DivisionCode::parse("420111").unwrap()),
        uscc: None,
        display_name: "登记科".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    Accounts::new(&store).create(&Actor::system(), account, "hubei2026market", at("2026-11-01")).await.unwrap();
    let client = reqwest::Client::new();
    let r = client
        .post(server.url("/api/v1/tokens"))
        .json(&json!({"username": "reg.hongshan", "password": "hubei2026market"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let issued: Value = r.json().await.unwrap();
    let token = issued["token"].as_str().unwrap().to_string();
    let get = |path: String| {
        let r = client.get(server.url(&path)).bearer_auth(&token).send();
        async move {
            let r = r.await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            normalised(r.json::<Value>().await.unwrap())
        }
    };
    let bodies = [
        ("tokens", normalised(issued.clone())),
        ("me", get("/api/v1/me".into()).await),
        ("entity", get(format!("/api/v1/entities/{}", codes[0])).await),
        ("search", get("/api/v1/search?q=%E7%BA%A2%E5%85%89".into()).await),
        ("names", get("/api/v1/names/check?name=%E6%AD%A6%E6%B1%89%E7%BA%A2%E5%85%89%E9%A4%90%E9%A5%AE%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&division=420111".into()).await),
        ("feed", get("/api/v1/feed".into()).await),
        ("register", get("/api/v1/register".into()).await),
    ];
    let (hongguang, lantian) = (codes[0].as_str(), codes[1].as_str());
    let expected = [
        ("tokens", json!({"expires_at": "<expires_at>", "token": "<token>"})),
        (
            "me",
            json!({
                "disabled": false,
                "display_name": "登记科",
                "office": "420111",
                "pseudonym": "<pseudonym>",
                "role": "registrar",
                "uscc": null,
                "username": "reg.hongshan"
            }),
        ),
        (
            "entity",
            json!({
                "abnormal": [],
                "annual_reports": [],
                "changes": [],
                "entity": entity(hongguang, "武汉红光餐饮有限公司"),
                "history": [{
                    "basis": "市场主体登记管理条例 第十九条",
                    "day": "2026-03-02",
                    "id": "<id>",
                    "index": "<index>",
                    "kind": "registry.entity_registered"
                }],
                "inspections": [],
                "serious": []
            }),
        ),
        (
            "search",
            json!({"hits": [{
                "division": "420111",
                "kind": "limited_company",
                "matched_former_name": null,
                "name": "武汉红光餐饮有限公司",
                "status": "active",
                "uscc": hongguang
            }],
            "total": 1,
            "total_is_lower_bound": false,
            "offset": 0,
            "next_offset": null,
            "check": null}),
        ),
        (
            "names",
            json!({
                "authority": "420100",
                "findings": [{
                    "basis": "企业名称相同相近比对规则（工商企注字〔2017〕133号）",
                    "conflict_name": "武汉红光餐饮有限公司",
                    "conflict_uscc": hongguang,
                    "detail": "名称完全相同 / the same name",
                    "rule": "identical",
                    "severity": "refuse"
                }],
                "kind": "limited_company",
                "parsed": {
                    "division": "420100",
                    "division_bracketed": false,
                    "division_text": "武汉",
                    "form": "有限公司",
                    "form_kinds": ["limited_company", "foreign_invested"],
                    "group": false,
                    "industry_group": "catering",
                    "industry_term": "餐饮",
                    "name": "武汉红光餐饮有限公司",
                    "trade_name": "红光"
                },
                "verdict": "refuse"
            }),
        ),
        ("feed", json!({"events": [published(hongguang), published(lantian)], "next": "<next>"})),
        (
            "register",
            json!({
                "items": [entity(hongguang, "武汉红光餐饮有限公司"), entity(lantian, "武汉蓝天科技有限公司")],
                "next": null
            }),
        ),
    ];
    for ((name, body), (expected_name, expected)) in bodies.iter().zip(&expected) {
        assert_eq!(name, expected_name);
        assert_eq!(body, expected, "{name}: {}", serde_json::to_string_pretty(body).unwrap());
    }
    server.stop().await.unwrap();
}
