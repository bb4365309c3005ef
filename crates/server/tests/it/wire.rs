//! The exact JSON bodies of `/api/v1`, endpoint by endpoint: a change to a body is a change of
//! the API that existing clients see, so it shows here first. Volatile values (event ids,
//! times, hashes, tokens, log indexes) are replaced by their field's name in angle brackets
//! before comparing; everything else is compared as it is.
//!
//! `serde_json::Value` keeps object keys sorted, so the comparison does not see the order in
//! which a body's fields are written. With `SHIJIAN_WIRE_DUMP=<dir>`, each area writes its raw
//! bodies, as served, to `<dir>/<area>.txt`: compare the files from before and after a change
//! to see that the order held too.

use std::cell::RefCell;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use shijian_app::accounts::Accounts;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use crate::Running;
use crate::api::{at, company, d, province};

shijian_store::conformance!(
    every_api_body_is_exactly_as_clients_know_it,
    every_complaint_body_is_exactly_as_clients_know_it,
    every_inspection_body_is_exactly_as_clients_know_it,
    every_case_body_is_exactly_as_clients_know_it,
    the_openapi_document_lists_every_route,
);

/// Fields whose values change from run to run.
const VOLATILE: &[&str] = &[
    "id",
    "case",
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

/// A client of one area's endpoints that compares each body with the one clients know, and
/// reports every difference at the end (so that one run shows them all).
struct Api<'a> {
    client: reqwest::Client,
    server: &'a Running,
    /// The area, for the dump's file name.
    area: &'static str,
    /// Values of this run (pseudonyms, numbers, codes) and what the expected bodies show
    /// instead; replaced in the body's text before it is parsed, so map keys are covered too.
    masks: RefCell<Vec<(String, String)>>,
    /// Fields volatile in this area only, besides [`VOLATILE`].
    volatile: &'static [&'static str],
    /// The server's legal day, shown as `<today>`.
    today: String,
    /// Whether credit codes are shown as `<uscc>` (where they come from a random draw).
    codes_volatile: bool,
    raw: RefCell<Vec<String>>,
    wrong: RefCell<Vec<String>>,
}

impl<'a> Api<'a> {
    fn new(server: &'a Running, area: &'static str, volatile: &'static [&'static str]) -> Api<'a> {
        Api {
            client: reqwest::Client::new(),
            server,
            area,
            masks: RefCell::new(Vec::new()),
            volatile,
            today: shijian_core::calendar::legal_date(chrono::Utc::now()).to_string(),
            codes_volatile: false,
            raw: RefCell::new(Vec::new()),
            wrong: RefCell::new(Vec::new()),
        }
    }

    /// Shows `value` as `shown` in every body from now on.
    fn mask(&self, value: &str, shown: &str) {
        self.masks.borrow_mut().push((value.to_string(), shown.to_string()));
    }

    /// A request of `method` to `path`, with the bearer `token` if any.
    fn request(&self, method: Method, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
        let r = self.client.request(method, self.server.url(path));
        match token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    async fn get(&self, name: &str, path: &str, token: Option<&str>, expected: Value) -> Value {
        self.check(name, self.request(Method::GET, path, token), StatusCode::OK, expected).await
    }

    async fn post(
        &self,
        name: &str,
        path: &str,
        token: Option<&str>,
        body: Value,
        status: StatusCode,
        expected: Value,
    ) -> Value {
        self.check(name, self.request(Method::POST, path, token).json(&body), status, expected).await
    }

    /// A file as the body.
    async fn upload(&self, name: &str, path: &str, token: Option<&str>, bytes: Vec<u8>, expected: Value) -> Value {
        self.check(name, self.request(Method::POST, path, token).body(bytes), StatusCode::CREATED, expected).await
    }

    /// A request answered with no body.
    async fn no_content(&self, path: &str, token: Option<&str>, body: Value) {
        let r = self.request(Method::POST, path, token).json(&body).send().await.unwrap();
        let status = r.status();
        assert_eq!((status, r.text().await.unwrap().as_str()), (StatusCode::NO_CONTENT, ""), "{path}");
    }

    /// Sends the request, checks its status, compares its body (normalised) with `expected`
    /// and returns the body as served.
    async fn check(&self, name: &str, r: reqwest::RequestBuilder, status: StatusCode, expected: Value) -> Value {
        let r = r.send().await.unwrap();
        let got = r.status();
        let text = r.text().await.unwrap();
        assert_eq!(got, status, "{name}: {text}");
        self.raw.borrow_mut().push(format!("{name}\t{text}"));
        let served: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}: {text}"));
        let mut masked = text;
        for (value, shown) in self.masks.borrow().iter() {
            masked = masked.replace(value.as_str(), shown);
        }
        let body = self.normalised(serde_json::from_str(&masked).unwrap());
        if body != expected {
            self.wrong.borrow_mut().push(format!("{name}: {}", serde_json::to_string_pretty(&body).unwrap()));
        }
        served
    }

    fn normalised(&self, body: Value) -> Value {
        match body {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| {
                        let volatile = VOLATILE.contains(&k.as_str()) || self.volatile.contains(&k.as_str());
                        let v =
                            if volatile && !v.is_null() { Value::String(format!("<{k}>")) } else { self.normalised(v) };
                        (k, v)
                    })
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.into_iter().map(|v| self.normalised(v)).collect()),
            Value::String(s) if s == self.today => Value::String("<today>".into()),
            Value::String(s) if self.codes_volatile && shijian_core::Uscc::parse(&s).is_ok() => {
                Value::String("<uscc>".into())
            }
            other => other,
        }
    }

    /// Fails with every body that differs; writes the raw bodies when asked to.
    fn finish(self) {
        if let Some(dir) = std::env::var_os("SHIJIAN_WIRE_DUMP") {
            let path = std::path::Path::new(&dir).join(format!("{}.txt", self.area));
            std::fs::write(path, self.raw.borrow().join("\n") + "\n").unwrap();
        }
        let wrong = self.wrong.borrow();
        assert!(wrong.is_empty(), "{} bodies differ:\n{}", wrong.len(), wrong.join("\n"));
    }
}

/// A staff or enterprise account with an API token.
async fn account(store: &Store, username: &str, role: Role, office: Option<&str>, uscc: Option<&str>) -> String {
    let a = Account {
        username: username.into(),
        role,
        office: office.map(|o| DivisionCode::parse(o).unwrap()),
        uscc: uscc.map(|u| shijian_core::Uscc::parse(u).unwrap()),
        display_name: "测试".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    let accounts = Accounts::new(store);
    accounts.create(&Actor::system(), a.clone(), "hubei2026market", at("2026-07-01")).await.unwrap();
    accounts.issue_token(&a, "t", None, chrono::Utc::now()).await.unwrap()
}

/// The receipts of a write: one per event appended.
fn appended(n: usize) -> Value {
    Value::Array((0..n).map(|_| json!({"id": "<id>", "index": "<index>"})).collect())
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
                "penalties": [],
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
    register_and_credit_writes(&store, &server, &token, &codes).await;
    server.stop().await.unwrap();
}

/// The rest of the register and credit endpoints: a public event, an error, the register's
/// writes, the lists, and the credit file's filings and reviews.
async fn register_and_credit_writes(store: &Store, server: &Running, registrar: &str, codes: &[String]) {
    // Due days count from today, and are provisional when they reach a year whose holiday
    // schedule is not yet published.
    let api = Api::new(server, "register", &["due", "filed_on", "provisional"]);
    let hongguang = codes[0].as_str();
    let event = store.events_from(0, 10).await.unwrap().into_iter().find(|e| e.kind == "registry.entity_registered");
    let event = event.unwrap().id;
    api.get(
        "event",
        &format!("/api/v1/events/{event}"),
        None,
        json!({
            "entry": "<entry>",
            "id": "<id>",
            "index": "<index>",
            "kind": "registry.entity_registered",
            "occurred_at": "<occurred_at>",
            "record": "<record>",
            "recorded_at": "<recorded_at>",
            "salt": "<salt>",
            "subject": hongguang
        }),
    )
    .await;
    // One error body: every error is `{code, message, details}` (error.rs).
    let bad = api.request(Method::GET, "/api/v1/entities/91420111MA0000000X", None);
    api.check(
        "error",
        bad,
        StatusCode::BAD_REQUEST,
        json!({
            "code": "uscc_check",
            "details": {"expected": "W", "found": "X"},
            "message": "统一社会信用代码校验码错误：第18位应为“W”，实际为“X”"
        }),
    )
    .await;

    let new = company(3, "武汉白云咨询有限公司");
    let baiyun = new.uscc.to_string();
    let created = StatusCode::CREATED;
    api.post(
        "entities.register",
        "/api/v1/entities",
        Some(registrar),
        json!({"entity": new}),
        created,
        json!({"events": appended(1)}),
    )
    .await;
    let renamed = json!({"changes": {"name": "武汉青松咨询有限公司"}, "on": "2026-11-20"});
    let path = format!("/api/v1/entities/{baiyun}/changes");
    api.post(
        "entities.change_name",
        &path,
        Some(registrar),
        renamed,
        created,
        json!({
            "events": appended(1),
            "name_check": {
                "authority": "420100",
                "findings": [],
                "kind": "limited_company",
                "parsed": {
                    "division": "420100",
                    "division_bracketed": false,
                    "division_text": "武汉",
                    "form": "有限公司",
                    "form_kinds": ["limited_company", "foreign_invested"],
                    "group": false,
                    "industry_group": "consulting",
                    "industry_term": "咨询",
                    "name": "武汉青松咨询有限公司",
                    "trade_name": "青松"
                },
                "verdict": "accept"
            }
        }),
    )
    .await;
    let moved = json!({"changes": {"address": "武汉市洪山区珞喻路9号"}, "on": "2026-11-21"});
    api.post("entities.change", &path, Some(registrar), moved, created, json!({"events": appended(1)})).await;
    let suspend = json!({"command": "suspend", "from": "2026-12-01", "until": "2027-05-31"});
    let path = format!("/api/v1/entities/{baiyun}/lifecycle");
    api.post("entities.lifecycle", &path, Some(registrar), suspend, created, json!({"events": appended(1)})).await;

    // The credit file: listed as unreachable, the entity files its report, asks for repair
    // and objects; the office sees both waiting and accepts the repair.
    let officer = account(store, "credit.wuhan", Role::CreditOfficer, Some("420100"), None).await;
    let enterprise = account(store, "hongguang", Role::Enterprise, None, Some(hongguang)).await;
    let actor = Accounts::new(store).account("credit.wuhan").await.unwrap().actor();
    let unreachable = shijian_core::credit::lists::AbnormalCause::Unreachable { verified_on: d("2026-11-02") };
    shijian_app::credit::Credit::new(store)
        .list_abnormal(&actor, hongguang, unreachable, d("2026-11-03"), at("2026-11-03"))
        .await
        .unwrap();
    // A serious listing after a heavier penalty (市场监督管理严重违法失信名单管理办法 第二条).
    use shijian_core::credit::lists::{HeavierPenalty, SeriousGround, SeriousListed};
    let serious = SeriousListed {
        ground: SeriousGround::FoodSafety,
        listed_on: d("2026-10-10"),
        ends_on: d("2029-10-09"),
        penalty: Some(HeavierPenalty::AggravatedFine),
        decision: Some("鄂市监罚〔2026〕12号".into()),
    };
    let lantian = codes[1].as_str();
    let event = shijian_core::event::NewEvent {
        kind: "credit.serious_listed".into(),
        subject: Some(lantian.into()),
        occurred_at: at("2026-10-10"),
        actor: actor.clone(),
        basis: "市场监督管理严重违法失信名单管理办法 第二条".into(),
        data: serde_json::to_value(&serious).unwrap(),
        publicity: shijian_core::event::Publicity::Public { until: None },
    };
    store.append(&[event]).await.unwrap();
    api.get(
        "entity.serious",
        &format!("/api/v1/entities/{lantian}"),
        None,
        json!({
            "abnormal": [],
            "annual_reports": [],
            "changes": [],
            "penalties": [],
            "entity": entity(lantian, "武汉蓝天科技有限公司"),
            "history": [
                {
                    "basis": "市场主体登记管理条例 第十九条",
                    "day": "2026-03-02",
                    "id": "<id>",
                    "index": "<index>",
                    "kind": "registry.entity_registered"
                },
                {
                    "basis": "市场监督管理严重违法失信名单管理办法 第二条",
                    "day": "2026-10-10",
                    "id": "<id>",
                    "index": "<index>",
                    "id": "<id>",
                    "kind": "credit.serious_listed"
                }
            ],
            "inspections": [],
            "serious": [
                {
                    "data": {
                        "decision": "鄂市监罚〔2026〕12号",
                        "ends_on": "2029-10-09",
                        "ground": "food_safety",
                        "listed_on": "2026-10-10",
                        "penalty": "aggravated_fine"
                    },
                    "id": "<id>",
                    "kind": "credit.serious_listed"
                }
            ]
        }),
    )
    .await;
    api.get(
        "lists.abnormal",
        "/api/v1/lists/abnormal",
        None,
        json!({
            "items": [
                {
                    "authority": "420111",
                    "entries": [
                        {
                            "ground": "unreachable",
                            "listed_on": "2026-11-03",
                            "marked": false,
                            "reminded_on": null,
                            "report_year": null
                        }
                    ],
                    "name": "武汉红光餐饮有限公司",
                    "uscc": hongguang
                }
            ],
            "next": null
        }),
    )
    .await;
    api.get(
        "lists.serious",
        "/api/v1/lists/serious",
        None,
        json!({
            "items": [
                {
                    "authority": "420111",
                    "entries": [
                        {
                            "decision": "鄂市监罚〔2026〕12号",
                            "ends_on": "2029-10-09",
                            "ground": "food_safety",
                            "listed_on": "2026-10-10",
                            "penalty": "aggravated_fine"
                        }
                    ],
                    "name": "武汉蓝天科技有限公司",
                    "uscc": lantian
                }
            ],
            "next": null
        }),
    )
    .await;
    let report = json!({"report": shijian_store::testing::annual_report(2025, None)});
    let path = format!("/api/v1/entities/{hongguang}/annual-reports");
    api.post("credit.annual_report", &path, Some(&enterprise), report, created, json!({"events": appended(1)})).await;
    let target = json!({"target": "abnormal_listing", "ground": "unreachable", "report_year": null});
    let facts = shijian_core::credit::repair::RepairFacts {
        commitment: true,
        cure: Some(shijian_core::credit::lists::Cure::ContactRestored),
        early: None,
        penalty: None,
    };
    let repair = json!({"reference": "XF-9", "target": target, "facts": facts});
    let path = format!("/api/v1/entities/{hongguang}/repairs");
    api.post("credit.repair", &path, Some(&enterprise), repair, created, json!({"events": appended(1)})).await;
    let objection = json!({"reference": "YY-1", "target": target, "grounds": "已恢复联系，地址可以联系"});
    let path = format!("/api/v1/entities/{hongguang}/objections");
    api.post("credit.objection", &path, Some(&enterprise), objection, created, json!({"events": appended(1)})).await;
    api.get(
        "credit.worklist",
        "/api/v1/credit/worklist",
        Some(&officer),
        json!({
            "items": [
                {
                    "authority": "420111",
                    "due": "<due>",
                    "matter": "repair",
                    "name": "武汉红光餐饮有限公司",
                    "overdue": false,
                    "provisional": "<provisional>",
                    "reference": "XF-9",
                    "step": "accept",
                    "uncounted": null,
                    "uscc": hongguang
                },
                {
                    "authority": "420111",
                    "due": "<due>",
                    "matter": "objection",
                    "name": "武汉红光餐饮有限公司",
                    "overdue": false,
                    "provisional": "<provisional>",
                    "reference": "YY-1",
                    "step": "accept",
                    "uncounted": null,
                    "uscc": hongguang
                }
            ]
        }),
    )
    .await;
    let path = format!("/api/v1/entities/{hongguang}/repairs/XF-9/steps");
    api.post("credit.step", &path, Some(&officer), json!({"step": "accept"}), created, json!({"events": appended(1)}))
        .await;
    api.get(
        "entity.listed",
        &format!("/api/v1/entities/{hongguang}"),
        None,
        json!({
            "abnormal": [
                {
                    "data": {
                        "ground": "unreachable",
                        "listed_on": "2026-11-03",
                        "marked": false,
                        "report_year": null,
                        "trigger_on": "2026-11-02"
                    },
                    "id": "<id>",
                    "kind": "credit.abnormal_listed"
                }
            ],
            "annual_reports": [
                {
                    "filed_on": "<filed_on>",
                    "late": true,
                    "report": {
                        "contact": {
                            "address": "武汉市洪山区珞喻路2号",
                            "email": null,
                            "phone": "027-87654321",
                            "postcode": "430070"
                        },
                        "contributions": [],
                        "employees": null,
                        "equity_transfers": [],
                        "figures": [],
                        "form": "enterprise",
                        "investments": [],
                        "members": null,
                        "state": "operating",
                        "websites": [],
                        "year": 2025
                    },
                    "year": 2025
                }
            ],
            "changes": [],
            "penalties": [],
            "entity": entity(hongguang, "武汉红光餐饮有限公司"),
            "history": [
                {
                    "basis": "市场主体登记管理条例 第十九条",
                    "day": "2026-03-02",
                    "id": "<id>",
                    "index": "<index>",
                    "kind": "registry.entity_registered"
                },
                {
                    "basis": "企业经营异常名录管理暂行办法 第四条第四项、第九条",
                    "day": "2026-11-03",
                    "id": "<id>",
                    "index": "<index>",
                    "id": "<id>",
                    "kind": "credit.abnormal_listed"
                },
                {
                    "basis": "企业信息公示暂行条例 第八条、第九条；市场主体登记管理条例实施细则 第六十三条",
                    "day": "<today>",
                    "id": "<id>",
                    "index": "<index>",
                    "kind": "credit.annual_report_filed"
                }
            ],
            "inspections": [],
            "serious": []
        }),
    )
    .await;
    api.finish();
}

/// A complaint (or report) from the web, as the public form's API takes it.
fn intake(kind: &str, uscc: &str, attachments: &[&str], odr: bool) -> Value {
    json!({
        "kind": kind,
        "channel": "web",
        "party": if kind == "complaint" { json!({"name": "李华", "phone": "13800000000"}) } else { json!({}) },
        "business": {"name": "红光餐厅", "code": uscc},
        "place": "420111",
        "category": "S01",
        "problem": "P03",
        "amount": "268",
        "facts": "李华在红光餐厅用餐，结账金额与菜单标价不符，多收68元。",
        "request": "退还多收的68元",
        "attachments": attachments,
        "consent_to_publish": true,
        "odr": odr
    })
}

/// What filing a complaint or report from the web answers: its number and tracking code
/// (shown once), the office it went to and the first deadline.
fn filed_body() -> Value {
    json!({
        "due": "<due>",
        "due_provisional": "<due_provisional>",
        "id": "<id>",
        "index": "<index>",
        "odr": null,
        "office": "420111",
        "office_name": "湖北省武汉市洪山区",
        "status": "received",
        "tracking_code": "<tracking_code>"
    })
}

/// `base` with `patch` merged in: objects field by field, anything else replaced.
fn patched(base: &Value, patch: Value) -> Value {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            let mut out = b.clone();
            for (k, v) in p {
                let merged = match out.get(&k) {
                    Some(old) => patched(old, v),
                    None => v,
                };
                out.insert(k, merged);
            }
            Value::Object(out)
        }
        (_, p) => p,
    }
}

async fn every_complaint_body_is_exactly_as_clients_know_it(store: Store) {
    let (server, codes) = province(&store).await;
    let (hongguang, lantian) = (codes[0].as_str(), codes[1].as_str());
    let handler = account(&store, "h.wh", Role::ComplaintHandler, Some("420100"), None).await;
    let case = account(&store, "c.wh", Role::CaseOfficer, Some("420100"), None).await;
    let enterprise = account(&store, "ent", Role::Enterprise, None, Some(lantian)).await;
    // Deadlines count from the day the complaint is filed, today, and whether they are
    // provisional depends on the year they reach; the analysis's months end this month.
    let api = Api::new(
        &server,
        "complaints",
        &[
            "tracking_code",
            "tracking",
            "received_on",
            "due",
            "accept_due",
            "mediation_due",
            "verify_due",
            "notice_due",
            "odr_due",
            "current",
            "workdays_left",
            "provisional",
            "due_provisional",
            "months",
            "window",
            "since",
        ],
    );
    let created = StatusCode::CREATED;

    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    let up = api
        .upload(
            "attachment",
            "/api/v1/complaints/attachments",
            None,
            png,
            json!({
                "sha256": "8c6806d8d6093084661ba908761d0bc076628c282907d140abe683606d5c0fdd",
                "type": "image/png"
            }),
        )
        .await;
    let hash = up["sha256"].as_str().unwrap().to_string();
    let body = intake("complaint", hongguang, &[&hash], false);
    let filed = api.post("file", "/api/v1/complaints", None, body, created, filed_body()).await;
    let (id, code) = (filed["id"].as_str().unwrap().to_string(), filed["tracking_code"].as_str().unwrap().to_string());
    api.mask(&id, "<complaint>");
    // The complaint as the handlers read it, received and not yet accepted.
    let received = json!({
        "complaint": {
            "accepted_on": null,
            "agreement": null,
            "clock_from": "<today>",
            "closed_on": null,
            "dispute": null,
            "entity": hongguang,
            "extended": false,
            "id": "<id>",
            "intake": {
                "amount": "268",
                "attachments": ["8c6806d8d6093084661ba908761d0bc076628c282907d140abe683606d5c0fdd"],
                "business": {"address": null, "code": hongguang, "name": "红光餐厅"},
                "category": "S01",
                "channel": "web",
                "consent_to_publish": true,
                "facts": "李华在红光餐厅用餐，结账金额与菜单标价不符，多收68元。",
                "kind": "complaint",
                "occurred_on": null,
                "odr": false,
                "party": {"address": null, "name": "李华", "phone": "13800000000"},
                "place": "420111",
                "problem": "P03",
                "request": "退还多收的68元"
            },
            "narrative_on": null,
            "notified_on": null,
            "odr": null,
            "office": "420111",
            "rating": null,
            "reason": null,
            "received_on": "<received_on>",
            "recovered": null,
            "refusal": null,
            "status": "received",
            "termination": null,
            "testing": [],
            "tracking": "<tracking>",
            "transfers": []
        },
        "deadlines": {
            "accept_due": "<accept_due>",
            "current": "<current>",
            "dispute_due": null,
            "mediation_due": null,
            "notice_due": null,
            "odr_due": null,
            "paused": false,
            "provisional": "<provisional>",
            "uncovered": null,
            "verify_due": null
        },
        "overdue": false,
        "workdays_left": "<workdays_left>"
    });
    let track = json!({"id": id, "code": code});
    api.post(
        "track",
        "/api/v1/complaints/track",
        None,
        track,
        StatusCode::OK,
        json!({
            "accepted_on": null,
            "can_escalate": false,
            "can_rate": false,
            "closed_on": null,
            "due": "<due>",
            "due_provisional": "<due_provisional>",
            "id": "<id>",
            "kind": "complaint",
            "odr_answer": null,
            "office_name": "湖北省武汉市洪山区",
            "outcome": "",
            "rating": null,
            "reason": null,
            "received_on": "<received_on>",
            "status": "received",
            "status_en": "awaiting decision",
            "status_zh": "待受理"
        }),
    )
    .await;
    api.get(
        "worklist",
        "/api/v1/complaints/worklist?division=420100",
        Some(&handler),
        json!({"items": [received.clone()]}),
    )
    .await;
    api.get("get", &format!("/api/v1/complaints/{id}"), Some(&handler), received.clone()).await;
    api.get(
        "matches",
        &format!("/api/v1/complaints/{id}/matches"),
        Some(&handler),
        json!({
            "candidates": [
                {
                    "address": "武汉市洪山区珞喻路1号",
                    "division": "420111",
                    "division_name": "湖北省武汉市洪山区",
                    "kind": "limited_company",
                    "name": "武汉红光餐饮有限公司",
                    "reasons": ["统一社会信用代码一致 / the credit code given"],
                    "score": 1000,
                    "status": "active",
                    "uscc": hongguang
                }
            ]
        }),
    )
    .await;
    let steps = format!("/api/v1/complaints/{id}/steps");
    let ok = StatusCode::OK;
    let confirm = json!({"step": "confirm_entity", "entity": hongguang});
    api.post("step.confirm_entity", &steps, Some(&handler), confirm, ok, received.clone()).await;
    api.post(
        "step.accept",
        &steps,
        Some(&handler),
        json!({"step": "accept"}),
        ok,
        patched(
            &received,
            json!({
                "complaint": {"accepted_on": "<today>", "status": "mediating"},
                "deadlines": {"mediation_due": "<mediation_due>"}
            }),
        ),
    )
    .await;
    let mediated = json!({"step": "mediated", "agreement": "商家退还68元", "recovered": "68"});
    api.post(
        "step.mediated",
        &steps,
        Some(&handler),
        mediated,
        ok,
        patched(
            &received,
            json!({
                "complaint": {
                    "accepted_on": "<today>",
                    "agreement": "商家退还68元",
                    "closed_on": "<today>",
                    "recovered": "68.00",
                    "status": "mediated"
                },
                "deadlines": {"current": null, "mediation_due": "<mediation_due>"},
                "workdays_left": null
            }),
        ),
    )
    .await;
    api.no_content(&format!("/api/v1/complaints/{id}/rating"), None, json!({"code": code, "score": 4})).await;
    let narrative = format!("/api/v1/complaints/{id}/narrative");
    api.get(
        "narrative.draft",
        &narrative,
        Some(&handler),
        json!({
            "closed": true,
            "consent": true,
            "id": "<id>",
            "published_on": null,
            "text": "投诉人在红光餐厅用餐，结账金额与菜单标价不符，多收68元。"
        }),
    )
    .await;
    let text = json!({"text": "消费者在餐厅用餐，结账金额与菜单标价不符，被多收68元，经调解商家退还。"});
    api.post(
        "narrative",
        &narrative,
        Some(&handler),
        text,
        created,
        json!({
            "category": "S01",
            "entity": hongguang,
            "id": "<id>",
            "on": "<today>",
            "outcome": "mediated",
            "problem": "P03",
            "received_on": "<received_on>",
            "text": "消费者在餐厅用餐，结账金额与菜单标价不符，被多收68元，经调解商家退还。"
        }),
    )
    .await;

    // Online dispute resolution: the enterprise joins, answers; the complainant sends it on.
    api.no_content(&format!("/api/v1/odr/{lantian}"), Some(&enterprise), json!({"join": true})).await;
    let mut body = intake("complaint", lantian, &[], true);
    body["business"]["name"] = json!("蓝天科技");
    let sent = api
        .post(
            "file.odr",
            "/api/v1/complaints",
            None,
            body,
            created,
            json!({
                "due": "<due>",
                "due_provisional": "<due_provisional>",
                "id": "<id>",
                "index": "<index>",
                "odr": lantian,
                "office": "420111",
                "office_name": "湖北省武汉市洪山区",
                "status": "odr",
                "tracking_code": "<tracking_code>"
            }),
        )
        .await;
    let (odr_id, odr_code) =
        (sent["id"].as_str().unwrap().to_string(), sent["tracking_code"].as_str().unwrap().to_string());
    api.mask(&odr_id, "<odr complaint>");
    api.get(
        "odr.inbox",
        &format!("/api/v1/odr/{lantian}/complaints"),
        Some(&enterprise),
        json!({"items": [patched(&received, json!({
            "complaint": {
                "entity": lantian,
                "intake": {
                    "attachments": [],
                    "business": {"code": lantian, "name": "蓝天科技"},
                    "odr": true
                },
                "odr": {
                    "answer": null,
                    "answered_on": null,
                    "entity": lantian,
                    "escalated_on": null,
                    "method": null,
                    "settled": null
                },
                "status": "odr"
            },
            "deadlines": {"accept_due": null, "odr_due": "<odr_due>"}
        }))]}),
    )
    .await;
    let answer = json!({"settled": true, "method": "退款", "answer": "已退还多收的68元"});
    let path = format!("/api/v1/complaints/{odr_id}/odr-answer");
    api.post(
        "odr.answer",
        &path,
        Some(&enterprise),
        answer,
        ok,
        patched(
            &received,
            json!({
                "complaint": {
                    "closed_on": "<today>",
                    "entity": lantian,
                    "intake": {
                        "attachments": [],
                        "business": {"code": lantian, "name": "蓝天科技"},
                        "odr": true
                    },
                    "odr": {
                        "answer": "已退还多收的68元",
                        "answered_on": "<today>",
                        "entity": lantian,
                        "escalated_on": null,
                        "method": "退款",
                        "settled": true
                    },
                    "status": "settled_odr"
                },
                "deadlines": {"accept_due": null, "current": null, "odr_due": "<odr_due>"},
                "workdays_left": null
            }),
        ),
    )
    .await;
    let reason = json!({"code": odr_code, "reason": "未收到退款"});
    api.no_content(&format!("/api/v1/complaints/{odr_id}/escalation"), None, reason).await;

    // Two reports make a case clue (诉转案); the case officer checks it.
    for n in 1..=2 {
        let body = intake("report", hongguang, &[], false);
        let filed = api.post(&format!("file.report{n}"), "/api/v1/complaints", None, body, created, filed_body()).await;
        // The backends list a clue's complaints in different orders: the two reports alike.
        api.mask(filed["id"].as_str().unwrap(), "<report>");
    }
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());
    let complaints = shijian_app::complaints::Complaints::new(&store);
    let flagged = complaints.flag_clues(&Actor::system(), today, chrono::Utc::now()).await.unwrap();
    for (n, clue) in flagged.iter().enumerate() {
        api.mask(&clue.id, &format!("<clue {}>", n + 1));
    }
    api.get(
        "clues",
        "/api/v1/complaints/clues",
        Some(&case),
        json!({
            "items": [
                {
                    "clue": {
                        "complaints": ["<report>", "<report>", "<complaint>"],
                        "decided": null,
                        "entity": hongguang,
                        "from": "<today>",
                        "id": "<id>",
                        "office": "420111",
                        "on": "<today>",
                        "problem": "P03",
                        "rule": "violation",
                        "to": "<today>"
                    },
                    "due": "<due>",
                    "due_provisional": "<due_provisional>",
                    "law": "中华人民共和国价格法",
                    "overdue": false,
                    "rule_en": "repeated complaints of one kind of violation",
                    "rule_zh": "同一经营者同类违法问题被多次投诉"
                },
                {
                    "clue": {
                        "complaints": ["<report>", "<report>"],
                        "decided": null,
                        "entity": hongguang,
                        "from": "<today>",
                        "id": "<id>",
                        "office": "420111",
                        "on": "<today>",
                        "problem": null,
                        "rule": "reports",
                        "to": "<today>"
                    },
                    "due": "<due>",
                    "due_provisional": "<due_provisional>",
                    "law": null,
                    "overdue": false,
                    "rule_en": "repeated reports against one business",
                    "rule_zh": "同一经营者被多次举报"
                }
            ]
        }),
    )
    .await;
    let decision = json!({"filed": true, "reason": "涉嫌价格违法，立案"});
    let path = format!("/api/v1/complaints/clues/{}/decision", flagged[0].id);
    api.post(
        "clue.decision",
        &path,
        Some(&case),
        decision,
        ok,
        json!({
            "complaints": ["<report>", "<report>", "<complaint>"],
            "decided": {"case": "<case>", "filed": true, "id": "<id>", "on": "<today>", "reason": "涉嫌价格违法，立案"},
            "entity": hongguang,
            "from": "<today>",
            "id": "<id>",
            "office": "420111",
            "on": "<today>",
            "problem": "P03",
            "rule": "violation",
            "to": "<today>"
        }),
    )
    .await;

    api.get(
        "analysis",
        "/api/v1/complaints/analysis?division=420100",
        Some(&handler),
        json!({
            "alerts": [],
            "as_of": "<today>",
            "baseline_years": 0,
            "by_category": [
                {
                    "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4],
                    "en": "catering and accommodation",
                    "key": "S01",
                    "last_year": 4,
                    "year_before": 0,
                    "zh": "餐饮和住宿服务"
                }
            ],
            "by_problem": [
                {
                    "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4],
                    "en": "price",
                    "key": "P03",
                    "last_year": 4,
                    "year_before": 0,
                    "zh": "价格"
                }
            ],
            "by_region": [
                {
                    "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4],
                    "en": "420111",
                    "key": "420111",
                    "last_year": 4,
                    "year_before": 0,
                    "zh": "洪山区"
                }
            ],
            "data_from": "<today>",
            "months": "<months>",
            "read": 4,
            "scope": "420100",
            "top_entities": [
                {"current": "<current>", "last_year": 3, "uscc": hongguang, "usual": 0.0},
                {"current": "<current>", "last_year": 1, "uscc": lantian, "usual": 0.0}
            ],
            "total": {
                "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4],
                "en": "total",
                "key": "total",
                "last_year": 4,
                "year_before": 0,
                "zh": "合计"
            },
            "window": "<window>"
        }),
    )
    .await;
    let warning =
        json!({"region": "420100", "category": "S01", "title": "餐饮消费提示", "body": "结账时请核对菜单标价。"});
    api.post(
        "warning",
        "/api/v1/warnings",
        Some(&handler),
        warning,
        created,
        json!({
            "body": "结账时请核对菜单标价。",
            "category": "S01",
            "expected": null,
            "id": "<id>",
            "observed": null,
            "office": "420100",
            "on": "<today>",
            "region": "420100",
            "title": "餐饮消费提示",
            "window": null
        }),
    )
    .await;
    api.get(
        "warnings",
        "/api/v1/warnings",
        None,
        json!({
            "items": [
                {
                    "body": "结账时请核对菜单标价。",
                    "category": "S01",
                    "expected": null,
                    "id": "<id>",
                    "observed": null,
                    "office": "420100",
                    "on": "<today>",
                    "region": "420100",
                    "title": "餐饮消费提示",
                    "window": null
                }
            ]
        }),
    )
    .await;
    api.get(
        "disclosure",
        &format!("/api/v1/entities/{hongguang}/complaints"),
        None,
        json!({
            "closed": 1,
            "complaints": 1,
            "mean_rating": "4.0",
            "narratives": [
                {
                    "category": "S01",
                    "entity": hongguang,
                    "id": "<id>",
                    "on": "<today>",
                    "outcome": "mediated",
                    "problem": "P03",
                    "received_on": "<received_on>",
                    "text": "消费者在餐厅用餐，结账金额与菜单标价不符，被多收68元，经调解商家退还。"
                }
            ],
            "odr": null,
            "open": 0,
            "problems": [
                ["P03", "价格", 1]
            ],
            "ratings": 1,
            "resolved": {"part": 1, "permille": 1000, "whole": 1},
            "responded": {"part": 1, "permille": 1000, "whole": 1},
            "since": "<since>",
            "uscc": hongguang
        }),
    )
    .await;

    // A complaint transferred to another office, accepted there, tested and ended without
    // agreement; another refused (市场监督管理投诉举报处理暂行办法 第十五条、第二十一条).
    // What each step answers.
    let moved = json!({
        "complaint": {
            "accepted_on": null,
            "agreement": null,
            "clock_from": "<today>",
            "closed_on": null,
            "dispute": null,
            "entity": lantian,
            "extended": false,
            "id": "<id>",
            "intake": {
                "amount": "268",
                "attachments": [],
                "business": {"address": null, "code": lantian, "name": "蓝天科技"},
                "category": "S01",
                "channel": "web",
                "consent_to_publish": true,
                "facts": "李华在红光餐厅用餐，结账金额与菜单标价不符，多收68元。",
                "kind": "complaint",
                "occurred_on": null,
                "odr": false,
                "party": {"address": null, "name": "李华", "phone": "13800000000"},
                "place": "420111",
                "problem": "P03",
                "request": "退还多收的68元"
            },
            "narrative_on": null,
            "notified_on": null,
            "odr": null,
            "office": "420102",
            "rating": null,
            "reason": null,
            "received_on": "<received_on>",
            "recovered": null,
            "refusal": null,
            "status": "received",
            "termination": null,
            "testing": [],
            "tracking": "<tracking>",
            "transfers": [
                {"from": "420111", "on": "<today>", "reason": "消费地在江岸区", "to": "420102"}
            ]
        },
        "deadlines": {
            "accept_due": "<accept_due>",
            "current": "<current>",
            "dispute_due": null,
            "mediation_due": null,
            "notice_due": null,
            "odr_due": null,
            "paused": false,
            "provisional": "<provisional>",
            "uncovered": null,
            "verify_due": null
        },
        "overdue": false,
        "workdays_left": "<workdays_left>"
    });
    let mut body = intake("complaint", lantian, &[], false);
    body["business"]["name"] = json!("蓝天科技");
    for (n, steps) in [
        (
            "moved",
            vec![
                (json!({"step": "transfer", "office": "420102", "reason": "消费地在江岸区"}), moved.clone()),
                (
                    json!({"step": "accept"}),
                    patched(
                        &moved,
                        json!({
                            "complaint": {"accepted_on": "<today>", "status": "mediating"},
                            "deadlines": {"mediation_due": "<mediation_due>"}
                        }),
                    ),
                ),
                (
                    json!({"step": "testing_started"}),
                    patched(
                        &moved,
                        json!({
                            "complaint": {
                                "accepted_on": "<today>",
                                "status": "mediating",
                                "testing": [
                                    {"since": "<since>", "until": null}
                                ]
                            },
                            "deadlines": {"current": null, "mediation_due": "<mediation_due>", "paused": true},
                            "workdays_left": null
                        }),
                    ),
                ),
                (
                    json!({"step": "testing_ended"}),
                    patched(
                        &moved,
                        json!({
                            "complaint": {
                                "accepted_on": "<today>",
                                "status": "mediating",
                                "testing": [
                                    {"since": "<since>", "until": "<today>"}
                                ]
                            },
                            "deadlines": {"mediation_due": "<mediation_due>"}
                        }),
                    ),
                ),
                (
                    json!({"step": "terminate", "ground": "no_agreement", "reason": "双方无法达成一致"}),
                    patched(
                        &moved,
                        json!({
                            "complaint": {
                                "accepted_on": "<today>",
                                "closed_on": "<today>",
                                "reason": "双方无法达成一致",
                                "status": "terminated",
                                "termination": "no_agreement",
                                "testing": [
                                    {"since": "<since>", "until": "<today>"}
                                ]
                            },
                            "deadlines": {"mediation_due": "<mediation_due>", "notice_due": "<notice_due>"}
                        }),
                    ),
                ),
            ],
        ),
        (
            "refused",
            vec![(
                json!({"step": "refuse", "ground": "not_competent", "reason": "不属于市场监管部门职责"}),
                patched(
                    &moved,
                    json!({
                        "complaint": {
                            "closed_on": "<today>",
                            "office": "420111",
                            "reason": "不属于市场监管部门职责",
                            "refusal": "not_competent",
                            "status": "refused",
                            "transfers": []
                        },
                        "deadlines": {"current": null},
                        "workdays_left": null
                    }),
                ),
            )],
        ),
    ] {
        let filed =
            api.post(&format!("file.{n}"), "/api/v1/complaints", None, body.clone(), created, filed_body()).await;
        let id = filed["id"].as_str().unwrap();
        api.mask(id, &format!("<{n}>"));
        for (step, expected) in steps {
            let name = format!("{n}.{}", step["step"].as_str().unwrap());
            let path = format!("/api/v1/complaints/{id}/steps");
            api.post(&name, &path, Some(&handler), step, ok, expected).await;
        }
    }
    api.finish();
    server.stop().await.unwrap();
}

/// A task of the wire test's plan as drawn: assigned to its team, nothing recorded yet.
fn assigned(rank: u32) -> Value {
    json!({
        "assigned": {
            "due": "2026-12-31",
            "inspectors": "<inspectors>",
            "items": ["SC-05"],
            "plan": "2026-420000-0001",
            "rank": rank,
            "target": "<uscc>",
            "unassigned": null
        },
        "published": null,
        "recorded": null,
        "status": "assigned"
    })
}

/// Enforcement: a clue received, filed, its proposal, the desk, noticed, decided, published; the
/// public record and the credit office's proposals.
async fn every_case_body_is_exactly_as_clients_know_it(store: Store) {
    let (server, codes) = province(&store).await;
    let hongguang = codes[0].as_str();
    let officer = account(&store, "c.hs", Role::CaseOfficer, Some("420111"), None).await;
    let reviewer = account(&store, "r.hs", Role::Supervisor, Some("420111"), None).await;
    let credit = account(&store, "k.hs", Role::CreditOfficer, Some("420111"), None).await;
    // Limits count from today, and whether they are provisional depends on the year they reach;
    // a decision's number carries the year.
    let api = Api::new(
        &server,
        "cases",
        &[
            "filing_due",
            "reporter_due",
            "decision_due",
            "statement_due",
            "review_due",
            "payment_due",
            "court_due",
            "publish_due",
            "withdraw_due",
            "close_due",
            "due",
            "until",
            "number",
            "provisional",
            "in_charge",
            "officers",
        ],
    );
    let ok = StatusCode::OK;
    let clue = json!({
        "office": "420111",
        "source": {"kind": "inspection", "reference": "2026-420100-0001"},
        "party": {"kind": "organisation", "name": "武汉红光餐饮有限公司", "entity": hongguang},
        "facts": "检查发现销售超过保质期的牛奶",
        "row": "food-expired"
    });
    let received = api
        .post(
            "case.receive",
            "/api/v1/cases",
            Some(&officer),
            clue,
            StatusCode::CREATED,
            json!({
              "benchmark": null,
              "changes": [],
              "check_extended": false,
              "clocks": {
                "close_due": null,
                "court_due": null,
                "decision_due": null,
                "excluded_days": 0,
                "filing_due": "<filing_due>",
                "measures_due": [],
                "paused": false,
                "payment_due": null,
                "provisional": "<provisional>",
                "publish_due": null,
                "reporter_due": null,
                "review_due": null,
                "statement_due": null,
                "uncovered": null,
                "withdraw_due": null
              },
              "closed_on": null,
              "collective_on": null,
              "decision": null,
              "decision_extended": false,
              "decision_until": null,
              "documents": [],
              "enforcement_on": null,
              "evidence": [],
              "facts": "检查发现销售超过保质期的牛奶",
              "filed_on": null,
              "harm": false,
              "hearing": {
                "hearing_on": null,
                "held_on": null,
                "notified_on": null,
                "requested_on": null
              },
              "id": "<id>",
              "in_charge": "<in_charge>",
              "measures": [],
              "next_steps": [
                "file",
                "not_file",
                "decide_summary",
                "transfer",
                "extend_check",
                "pause"
              ],
              "not_filed": null,
              "notice": null,
              "office": "420111",
              "officers": "<officers>",
              "outcome": "open",
              "overdue": [],
              "paid": null,
              "party": {
                "address": null,
                "entity": "91420111MA0000015D",
                "id_number": null,
                "kind": "organisation",
                "name": "武汉红光餐饮有限公司"
              },
              "pauses": [],
              "publicity": null,
              "received_on": "<today>",
              "reporter_notified_on": null,
              "review": null,
              "row": "food-expired",
              "served": null,
              "source": {
                "kind": "inspection",
                "reference": "2026-420100-0001",
                "reporter_named": false
              },
              "statement_on": null,
              "status": "clue",
              "transfer": null,
              "violation_on": null,
              "waived": false
            }),
        )
        .await;
    let id = received["id"].as_str().unwrap().to_string();
    let steps = format!("/api/v1/cases/{id}/steps");
    // The steps between, whose bodies are the case's as above.
    let step = |path: String, token: &str, body: Value| {
        let r = api.request(Method::POST, &path, Some(token)).json(&body).send();
        async move {
            let r = r.await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}: {}", r.text().await.unwrap());
        }
    };
    step(steps.clone(), &officer, json!({"step": "file", "approved_by": "局长", "officers": ["张明", "李华"]})).await;
    let facts = json!({"row": "food-expired", "goods_value_yuan": 800});
    api.post("case.proposal", &format!("/api/v1/cases/{id}/proposal"), Some(&officer), facts.clone(), ok, json!({
          "band": "ordinary",
          "band_max_fen": 8500000,
          "band_min_fen": 6500000,
          "benchmark": "hubei-2024",
          "circumstances": [],
          "explanation_en": "Violation \"Selling food past its shelf life\" (the benchmark in force from 2024-01-01): forbidden by the provision cited (《中华人民共和国食品安全法》第三十四条第十项), punished under the provision cited (《中华人民共和国食品安全法》第一百二十四条第一款第五项); goods value of 800 yuan is below 10,000 yuan; statutory range 50,000 to 100,000 yuan. No mitigating or aggravating circumstances: ordinary band (65,000 to 85,000 yuan); proposed fine 75,000 yuan; also confiscation of illegal goods.",
          "explanation_zh": "违法行为“经营超过保质期的食品”（2024-01-01起施行的裁量基准）：违反《中华人民共和国食品安全法》第三十四条第十项，依据《中华人民共和国食品安全法》第一百二十四条第一款第五项，货值金额800元不足10,000元，罚款幅度50,000元至100,000元；无从轻、减轻或者从重情节，适用一般档（65,000元至85,000元），拟罚款75,000元；并处没收非法财物。",
          "fine_fen": 7500000,
          "penalties": [
            "fine",
            "confiscate_goods"
          ],
          "range_max_fen": 10000000,
          "range_min_fen": 5000000,
          "row": "food-expired"
        }))
        .await;
    api.get(
        "case.desk",
        "/api/v1/cases?division=420111",
        Some(&officer),
        json!({
          "items": [
            {
              "entity": "91420111MA0000015D",
              "id": "<id>",
              "next_limit": {
                "due": "<due>",
                "name": "decision_due"
              },
              "next_steps": [
                "add_evidence",
                "take_measure",
                "extend_decision",
                "submit_review",
                "notice",
                "decide",
                "transfer",
                "pause"
              ],
              "office": "420111",
              "overdue": [],
              "party": "武汉红光餐饮有限公司",
              "received_on": "<today>",
              "status": "investigating"
            }
          ],
          "next": null
        }),
    )
    .await;
    step(steps.clone(), &officer, json!({"step": "submit_review", "kind": "case"})).await;
    step(format!("/api/v1/cases/{id}/review"), &reviewer, json!({"agreed": true, "opinion": "同意"})).await;
    step(steps.clone(), &officer, json!({"step": "notice", "penalty": facts})).await;
    step(steps.clone(), &officer, json!({"step": "statement", "waived": true})).await;
    api.post("case.decide", &steps, Some(&officer), json!({"step": "decide", "approved_by": "局长"}), ok, json!({
          "benchmark": "hubei-2024",
          "changes": [],
          "check_extended": false,
          "clocks": {
            "close_due": null,
            "court_due": null,
            "decision_due": null,
            "excluded_days": 0,
            "filing_due": null,
            "measures_due": [],
            "paused": false,
            "payment_due": null,
            "provisional": "<provisional>",
            "publish_due": "<publish_due>",
            "reporter_due": null,
            "review_due": null,
            "statement_due": null,
            "uncovered": null,
            "withdraw_due": null
          },
          "closed_on": null,
          "collective_on": null,
          "decision": {
            "education": null,
            "ground": null,
            "number": "<number>",
            "on": "<today>",
            "penalty": {
              "band": "ordinary",
              "basis": "《中华人民共和国食品安全法》第三十四条第十项；《中华人民共和国食品安全法》第一百二十四条第一款第五项",
              "benchmark": "hubei-2024",
              "confiscated_fen": 0,
              "departure": null,
              "explanation": "违法行为“经营超过保质期的食品”（2024-01-01起施行的裁量基准）：违反《中华人民共和国食品安全法》第三十四条第十项，依据《中华人民共和国食品安全法》第一百二十四条第一款第五项，货值金额800元不足10,000元，罚款幅度50,000元至100,000元；无从轻、减轻或者从重情节，适用一般档（65,000元至85,000元），拟罚款75,000元；并处没收非法财物。",
              "facts": "检查发现销售超过保质期的牛奶",
              "fine_fen": 7500000,
              "proposed_fine_fen": 7500000,
              "row": "food-expired",
              "types": [
                "fine",
                "confiscate_goods"
              ]
            },
            "procedure": "standard"
          },
          "decision_extended": false,
          "decision_until": null,
          "documents": [],
          "enforcement_on": null,
          "evidence": [],
          "facts": "检查发现销售超过保质期的牛奶",
          "filed_on": "<today>",
          "harm": false,
          "hearing": {
            "hearing_on": null,
            "held_on": null,
            "notified_on": null,
            "requested_on": null
          },
          "id": "<id>",
          "in_charge": "<in_charge>",
          "measures": [],
          "next_steps": [
            "serve",
            "publish",
            "change_decision"
          ],
          "not_filed": null,
          "notice": {
            "hearing_offered": false,
            "penalty": {
              "band": "ordinary",
              "basis": "《中华人民共和国食品安全法》第三十四条第十项；《中华人民共和国食品安全法》第一百二十四条第一款第五项",
              "benchmark": "hubei-2024",
              "confiscated_fen": 0,
              "departure": null,
              "explanation": "违法行为“经营超过保质期的食品”（2024-01-01起施行的裁量基准）：违反《中华人民共和国食品安全法》第三十四条第十项，依据《中华人民共和国食品安全法》第一百二十四条第一款第五项，货值金额800元不足10,000元，罚款幅度50,000元至100,000元；无从轻、减轻或者从重情节，适用一般档（65,000元至85,000元），拟罚款75,000元；并处没收非法财物。",
              "facts": "检查发现销售超过保质期的牛奶",
              "fine_fen": 7500000,
              "proposed_fine_fen": 7500000,
              "row": "food-expired",
              "types": [
                "fine",
                "confiscate_goods"
              ]
            },
            "served_on": "<today>"
          },
          "office": "420111",
          "officers": "<officers>",
          "outcome": "penalty",
          "overdue": [],
          "paid": null,
          "party": {
            "address": null,
            "entity": "91420111MA0000015D",
            "id_number": null,
            "kind": "organisation",
            "name": "武汉红光餐饮有限公司"
          },
          "pauses": [],
          "publicity": null,
          "received_on": "<today>",
          "reporter_notified_on": null,
          "review": {
            "agreed": true,
            "done_on": "<today>",
            "kind": "case",
            "submitted_on": "<today>"
          },
          "row": "food-expired",
          "served": null,
          "source": {
            "kind": "inspection",
            "reference": "2026-420100-0001",
            "reporter_named": false
          },
          "statement_on": "<today>",
          "status": "decided",
          "transfer": null,
          "violation_on": null,
          "waived": true
        }))
        .await;
    step(steps.clone(), &officer, json!({"step": "serve", "method": "direct"})).await;
    step(steps.clone(), &officer, json!({"step": "publish"})).await;
    api.get("penalties", "/api/v1/penalties?q=红光", None, json!({
          "items": [
            {
              "basis": "《中华人民共和国食品安全法》第三十四条第十项；《中华人民共和国食品安全法》第一百二十四条第一款第五项",
              "confiscated_fen": 0,
              "decided_on": "<today>",
              "document_sha256": null,
              "entity": "91420111MA0000015D",
              "facts": "检查发现销售超过保质期的牛奶",
              "fine_fen": 7500000,
              "id": "<id>",
              "number": "<number>",
              "office": "420111",
              "office_name": "武汉市洪山区市场监督管理局",
              "party": "武汉红光餐饮有限公司",
              "party_kind": "organisation",
              "published_on": "<today>",
              "types": [
                "fine",
                "confiscate_goods"
              ],
              "until": "<until>",
              "violation": "经营超过保质期的食品"
            }
          ],
          "next": null
        })).await;
    api.get("penalty", &format!("/api/v1/penalties/{id}"), None, json!({
          "basis": "《中华人民共和国食品安全法》第三十四条第十项；《中华人民共和国食品安全法》第一百二十四条第一款第五项",
          "confiscated_fen": 0,
          "decided_on": "<today>",
          "document_sha256": null,
          "entity": "91420111MA0000015D",
          "facts": "检查发现销售超过保质期的牛奶",
          "fine_fen": 7500000,
          "id": "<id>",
          "number": "<number>",
          "office": "420111",
          "office_name": "武汉市洪山区市场监督管理局",
          "party": "武汉红光餐饮有限公司",
          "party_kind": "organisation",
          "published_on": "<today>",
          "types": [
            "fine",
            "confiscate_goods"
          ],
          "until": "<until>",
          "violation": "经营超过保质期的食品"
        })).await;
    api.get(
        "serious_proposals",
        "/api/v1/credit/serious-proposals?division=420111",
        Some(&credit),
        json!({
          "items": []
        }),
    )
    .await;
    api.finish();
    server.stop().await.unwrap();
}

async fn every_inspection_body_is_exactly_as_clients_know_it(store: Store) {
    let tokens = crate::inspection::staffed_province(&store).await;
    let server =
        crate::start(store.clone(), crate::api::signer().verifier().to_vkey(), shijian_server::Limits::default()).await;
    // The draw's seed comes from the log's checkpoint, whose root covers salted entries: the
    // targets drawn, their order and their teams differ from run to run; the seed's parts
    // come in the order of the parties' pseudonyms, which are random.
    let mut api = Api::new(
        &server,
        "inspection",
        &["inspectors", "seed", "checkpoint_root", "pool_hash", "outcome_hash", "parts"],
    );
    api.codes_volatile = true;
    for name in ["admin.hb", "credit.hb", "witness.hb", "jiwei.hb", "insp.a", "insp.b", "insp.c"] {
        api.mask(&crate::inspection::pseudonym(&store, name).await, &format!("<{name}>"));
    }
    let token = |who: &str| Some(tokens[who].as_str());
    let (ok, created) = (StatusCode::OK, StatusCode::CREATED);
    for (n, (name, certified)) in [("insp.a", true), ("insp.b", false), ("insp.c", true)].into_iter().enumerate() {
        let body = json!({"pseudonym": name, "office": "420000", "department": "市场监管", "certified": certified, "available": true});
        let label = format!("inspectors.{n}");
        let expected = json!({"events": appended(1)});
        api.post(&label, "/api/v1/inspection/inspectors", token("admin.hb"), body, created, expected).await;
    }
    let spec = json!({
        "id": "", "title": "2026年特种设备使用单位检查", "office": "420000",
        "starts_on": "2026-07-06", "ends_on": "2026-12-31", "items": ["SC-05"],
        "scope": {"divisions": ["420500"]}, "ratios": {"a": 10000, "b": 10000, "c": 10000, "d": 10000, "u": 10000},
        "team_size": 3, "forbid_own_office": false, "recent_days": 365,
        "parties": ["witness.hb", "jiwei.hb"], "reveal_by": "2026-07-10"
    });
    // The plan as it goes: drafted, committed to, published, revealed, drawn.
    let drafted = json!({
        "commitments": {},
        "drafted_on": "<today>",
        "draw": null,
        "published": null,
        "published_index": null,
        "results": 0,
        "reveals": {},
        "spec": {
            "ends_on": "2026-12-31",
            "forbid_own_office": false,
            "id": "<id>",
            "items": ["SC-05"],
            "office": "420000",
            "parties": ["<witness.hb>", "<jiwei.hb>"],
            "ratios": {
                "a": 10000,
                "b": 10000,
                "c": 10000,
                "d": 10000,
                "u": 10000
            },
            "recent_days": 365,
            "reveal_by": "2026-07-10",
            "scope": {
                "divisions": ["420500"],
                "industries": [],
                "kinds": [],
                "statuses": []
            },
            "starts_on": "2026-07-06",
            "team_size": 3,
            "title": "2026年特种设备使用单位检查",
            "trigger": null
        },
        "status": "drafted",
        "tasks": 0
    });
    let published = patched(
        &drafted,
        json!({
            "commitments": {
                "<jiwei.hb>": "<commitment jiwei.hb>",
                "<witness.hb>": "<commitment witness.hb>"
            },
            "published": {
                "inspectors": "<inspectors>",
                "plan": "2026-420000-0001",
                "pool_hash": "<pool_hash>",
                "published_on": "<today>",
                "quota": 19,
                "targets": 19
            },
            "published_index": 481,
            "status": "published"
        }),
    );
    let drawn = patched(
        &published,
        json!({
            "draw": {
                "checkpoint_root": "<checkpoint_root>",
                "checkpoint_size": 482,
                "drawn": 19,
                "outcome_hash": "<outcome_hash>",
                "parts": "<parts>",
                "plan": "2026-420000-0001",
                "seed": "<seed>",
                "unassigned": 0
            },
            "reveals": {
                "<jiwei.hb>": "0202020202020202020202020202020202020202020202020202020202020202",
                "<witness.hb>": "0101010101010101010101010101010101010101010101010101010101010101"
            },
            "status": "drawn",
            "tasks": 19
        }),
    );
    let plan =
        api.post("plans.draft", "/api/v1/inspection/plans", token("credit.hb"), spec, created, drafted.clone()).await;
    let id = plan["spec"]["id"].as_str().unwrap().to_string();
    let secrets = [("witness.hb", [1u8; 32]), ("jiwei.hb", [2u8; 32])];
    let mut commitments = serde_json::Map::new();
    for (who, s) in &secrets {
        let c = shijian_core::inspection::hex(&shijian_core::inspection::seed::party_commitment(
            &id,
            &crate::inspection::pseudonym(&store, who).await,
            s,
        ));
        api.mask(&c, &format!("<commitment {who}>"));
        commitments.insert(format!("<{who}>"), json!(format!("<commitment {who}>")));
        let expected = patched(&drafted, json!({"commitments": commitments}));
        let path = format!("/api/v1/inspection/plans/{id}/commitments");
        api.post(&format!("commitment.{who}"), &path, token(who), json!({"commitment": c}), ok, expected).await;
    }
    let path = format!("/api/v1/inspection/plans/{id}/publication");
    api.post(
        "plans.publish",
        &path,
        token("credit.hb"),
        json!({}),
        ok,
        json!({"plan": published.clone(), "pool_bytes": 720, "strata": {"U": 19}}),
    )
    .await;
    store.sign_checkpoint(&crate::api::signer()).await.unwrap().unwrap();
    let mut reveals = serde_json::Map::new();
    for (who, s) in &secrets {
        let path = format!("/api/v1/inspection/plans/{id}/reveals");
        let secret = shijian_core::inspection::hex(s);
        reveals.insert(format!("<{who}>"), json!(secret));
        let expected = patched(&published, json!({"reveals": reveals}));
        api.post(&format!("reveal.{who}"), &path, token(who), json!({"secret": secret}), ok, expected).await;
    }
    let path = format!("/api/v1/inspection/plans/{id}/draw");
    api.post("plans.draw", &path, token("credit.hb"), json!({}), ok, drawn.clone()).await;
    let page = api
        .get(
            "tasks",
            &format!("/api/v1/inspection/plans/{id}/tasks?limit=2"),
            None,
            json!({"items": [assigned(1), assigned(2)], "next": "<next>"}),
        )
        .await;
    let first = page["items"][0]["assigned"].clone();
    let target = first["target"].as_str().unwrap().to_string();
    let mut member = "";
    for name in ["insp.a", "insp.b", "insp.c"] {
        if crate::inspection::pseudonym(&store, name).await == first["inspectors"][0].as_str().unwrap() {
            member = name;
        }
    }
    let task = format!("/api/v1/inspection/plans/{id}/tasks/{target}");
    let photo = [[0xffu8, 0xd8, 0xff].as_slice(), &[1u8; 64]].concat();
    let stored = api
        .upload(
            "evidence",
            &format!("{task}/evidence"),
            token(member),
            photo,
            json!({"sha256": "8a1322588369d02e401f330e1323887744c8fdf88493a4d1c9168a5f3c25e387"}),
        )
        .await;
    let result = json!({"inspected_on": "2026-09-21", "category": "ordered_to_correct", "findings": "定期检验过期，已责令改正", "evidence": [stored["sha256"]]});
    api.post(
        "result",
        &format!("{task}/result"),
        token(member),
        result,
        ok,
        patched(
            &assigned(1),
            json!({
                "recorded": {
                    "category": "ordered_to_correct",
                    "evidence": ["8a1322588369d02e401f330e1323887744c8fdf88493a4d1c9168a5f3c25e387"],
                    "findings": "定期检验过期，已责令改正",
                    "inspected_on": "2026-09-21",
                    "plan": "2026-420000-0001",
                    "target": "<uscc>"
                },
                "status": "recorded"
            }),
        ),
    )
    .await;
    api.post(
        "result.publish",
        &format!("{task}/publication"),
        token("credit.hb"),
        json!({}),
        ok,
        patched(
            &assigned(1),
            json!({
                "published": {
                    "category": "ordered_to_correct",
                    "due": "2026-10-26",
                    "inspected_on": "2026-09-21",
                    "plan": "2026-420000-0001",
                    "published_on": "<today>",
                    "target": "<uscc>"
                },
                "recorded": {
                    "category": "ordered_to_correct",
                    "evidence": ["8a1322588369d02e401f330e1323887744c8fdf88493a4d1c9168a5f3c25e387"],
                    "findings": "定期检验过期，已责令改正",
                    "inspected_on": "2026-09-21",
                    "plan": "2026-420000-0001",
                    "target": "<uscc>"
                },
                "status": "published"
            }),
        ),
    )
    .await;
    api.get(
        "mine",
        "/api/v1/inspection/tasks/mine",
        token(member),
        json!({"items": (2..=19).map(assigned).chain([patched(&assigned(1), json!({
        "published": {
            "category": "ordered_to_correct",
            "due": "2026-10-26",
            "inspected_on": "2026-09-21",
            "plan": "2026-420000-0001",
            "published_on": "<today>",
            "target": "<uscc>"
        },
        "recorded": {
            "category": "ordered_to_correct",
            "evidence": ["8a1322588369d02e401f330e1323887744c8fdf88493a4d1c9168a5f3c25e387"],
            "findings": "定期检验过期，已责令改正",
            "inspected_on": "2026-09-21",
            "plan": "2026-420000-0001",
            "target": "<uscc>"
        },
        "status": "published"
    }))]).collect::<Vec<_>>()}),
    )
    .await;
    api.get(
        "items",
        "/api/v1/inspection/items",
        None,
        json!({
            "items": [
                {
                    "basis": "企业信息公示暂行条例 第十四条",
                    "cap_bp": 500,
                    "checks": ["年度报告公示信息", "即时公示信息", "公示信息的真实性"],
                    "code": "SC-01",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Enterprise disclosures",
                    "name_zh": "企业公示信息情况检查",
                    "target": "entity"
                },
                {
                    "basis": "市场主体登记管理条例 第三十八条",
                    "cap_bp": 500,
                    "checks": ["住所或者经营场所", "法定代表人（负责人）", "注册资本实缴情况", "经营范围"],
                    "code": "SC-02",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Registered particulars",
                    "name_zh": "登记事项检查",
                    "target": "entity"
                },
                {
                    "applies_to": ["131", "133", "134", "135", "136", "137", "139", "14", "15"],
                    "basis": "中华人民共和国食品安全法 第一百一十条",
                    "cap_bp": null,
                    "checks": ["生产环境条件", "进货查验", "生产过程控制", "出厂检验"],
                    "code": "SC-03",
                    "department": "市场监管",
                    "kind": "key",
                    "name_en": "Food producers",
                    "name_zh": "食品生产者检查",
                    "target": "entity"
                },
                {
                    "applies_to": ["512", "521", "522", "62"],
                    "basis": "中华人民共和国食品安全法 第一百一十条",
                    "cap_bp": 1000,
                    "checks": ["经营条件", "进货查验和记录", "贮存条件", "标签标识"],
                    "code": "SC-04",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Food businesses",
                    "name_zh": "食品经营者检查",
                    "target": "entity"
                },
                {
                    "basis": "中华人民共和国特种设备安全法 第五十七条",
                    "cap_bp": null,
                    "checks": ["使用登记", "定期检验", "作业人员持证", "安全管理制度"],
                    "code": "SC-05",
                    "department": "市场监管",
                    "kind": "key",
                    "name_en": "Users of special equipment",
                    "name_zh": "特种设备使用单位检查",
                    "target": "entity"
                },
                {
                    "applies_to": ["C"],
                    "basis": "中华人民共和国工业产品生产许可证管理条例 第三十五条",
                    "cap_bp": 1000,
                    "checks": ["生产条件", "检验能力", "产品质量"],
                    "code": "SC-06",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Holders of industrial production licences",
                    "name_zh": "工业产品生产许可证获证企业检查",
                    "target": "entity"
                },
                {
                    "basis": "中华人民共和国产品质量法 第十五条",
                    "cap_bp": 500,
                    "checks": ["抽样", "检验", "结果处理"],
                    "code": "SC-07",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Product quality sampling",
                    "name_zh": "产品质量监督抽查",
                    "target": "product"
                },
                {
                    "basis": "中华人民共和国广告法 第四十九条",
                    "cap_bp": 300,
                    "checks": ["广告内容", "广告审查", "广告档案"],
                    "code": "SC-08",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Advertising",
                    "name_zh": "广告发布行为检查",
                    "target": "entity"
                },
                {
                    "basis": "中华人民共和国价格法 第三十四条",
                    "cap_bp": 300,
                    "checks": ["明码标价", "价格欺诈", "政府定价执行"],
                    "code": "SC-09",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Pricing",
                    "name_zh": "价格行为检查",
                    "target": "entity"
                },
                {
                    "basis": "中华人民共和国计量法 第九条",
                    "cap_bp": 500,
                    "checks": ["强制检定", "计量器具准确度"],
                    "code": "SC-10",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Measuring instruments in use",
                    "name_zh": "计量器具使用检查",
                    "target": "premises"
                },
                {
                    "basis": "中华人民共和国认证认可条例 第五十五条",
                    "cap_bp": 500,
                    "checks": ["认证证书", "认证标志使用"],
                    "code": "SC-11",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Certification",
                    "name_zh": "认证活动检查",
                    "target": "entity"
                },
                {
                    "basis": "中华人民共和国电子商务法 第十五条",
                    "cap_bp": 300,
                    "checks": ["亮照亮证", "商品信息", "消费者权益保护"],
                    "code": "SC-12",
                    "department": "市场监管",
                    "kind": "ordinary",
                    "name_en": "Online businesses",
                    "name_zh": "网络交易经营者检查",
                    "target": "entity"
                }
            ]
        }),
    )
    .await;
    api.get(
        "plans",
        "/api/v1/inspection/plans",
        None,
        json!({"items": [patched(&drawn, json!({"results": 1}))], "next": null}),
    )
    .await;
    api.get("plan", &format!("/api/v1/inspection/plans/{id}"), None, json!({"plan": patched(&drawn, json!({"results": 1})), "verify": json!({
        "assignment": "in key order; a certified inspector first, then one of each department, then the least loaded; ties by SHA-256(seed ‖ \"inspector\\n\" ‖ pseudonym)",
        "command": "shijian draw verify --plan 2026-420000-0001",
        "documentation": "ARCHITECTURE.md, section Random inspections",
        "pool_file": "restricted (it lists each target's credit class): auditors and the seed parties obtain it from the administration and check it against the pool hash",
        "public": "the seed from the plan, the pool hash, the checkpoint and the reveals; each drawn target's key; the tasks in key order",
        "sampling": "per credit class, the ⌈count × ratio / 10000⌉ targets with the smallest first 8 bytes (big-endian) of SHA-256(seed ‖ target id)",
        "seed": "<seed>"
    })})).await;
    api.get("plan.planner", &format!("/api/v1/inspection/plans/{id}"), token("credit.hb"), json!({"plan": patched(&drawn, json!({"results": 1})), "strata": {"U": 19}, "verify": json!({
        "assignment": "in key order; a certified inspector first, then one of each department, then the least loaded; ties by SHA-256(seed ‖ \"inspector\\n\" ‖ pseudonym)",
        "command": "shijian draw verify --plan 2026-420000-0001",
        "documentation": "ARCHITECTURE.md, section Random inspections",
        "pool_file": "restricted (it lists each target's credit class): auditors and the seed parties obtain it from the administration and check it against the pool hash",
        "public": "the seed from the plan, the pool hash, the checkpoint and the reveals; each drawn target's key; the tasks in key order",
        "sampling": "per credit class, the ⌈count × ratio / 10000⌉ targets with the smallest first 8 bytes (big-endian) of SHA-256(seed ‖ target id)",
        "seed": "<seed>"
    })})).await;
    let object = json!({"id": format!("{target}/shop-1"), "kind": "premises", "name": "门店（武汉市洪山区珞喻路1号）", "office": "420000", "industry": null, "active": true});
    let objects = json!({"objects": [object]});
    api.post("objects", "/api/v1/inspection/objects", token("admin.hb"), objects, created, json!({"registered": 1}))
        .await;
    let conflict = json!({"target": target, "reason": "近亲属在该企业任职"});
    api.post(
        "conflict",
        "/api/v1/inspection/conflicts",
        token("insp.b"),
        conflict,
        created,
        json!({"events": appended(1)}),
    )
    .await;
    api.finish();
    server.stop().await.unwrap();
}

/// Every route of `/api/v1`, by method and path: the document lists them all, and the bodies
/// above cover each one that answers with JSON.
const API_ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/entities/{uscc}"),
    ("GET", "/api/v1/search"),
    ("GET", "/api/v1/names/check"),
    ("GET", "/api/v1/events/{id}"),
    ("GET", "/api/v1/receipts/{id}"),
    ("GET", "/api/v1/feed"),
    ("POST", "/api/v1/tokens"),
    ("POST", "/api/v1/entities/{uscc}/annual-reports"),
    ("POST", "/api/v1/entities/{uscc}/repairs"),
    ("POST", "/api/v1/entities/{uscc}/objections"),
    ("POST", "/api/v1/entities/{uscc}/{matter}/{reference}/steps"),
    ("POST", "/api/v1/entities"),
    ("POST", "/api/v1/entities/{uscc}/changes"),
    ("POST", "/api/v1/entities/{uscc}/lifecycle"),
    ("GET", "/api/v1/lists/{list}"),
    ("GET", "/api/v1/register"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/credit/worklist"),
    ("POST", "/api/v1/complaints"),
    ("POST", "/api/v1/complaints/attachments"),
    ("POST", "/api/v1/complaints/track"),
    ("GET", "/api/v1/complaints/worklist"),
    ("GET", "/api/v1/complaints/{id}"),
    ("GET", "/api/v1/complaints/{id}/matches"),
    ("POST", "/api/v1/complaints/{id}/steps"),
    ("POST", "/api/v1/complaints/{id}/rating"),
    ("POST", "/api/v1/complaints/{id}/escalation"),
    ("POST", "/api/v1/complaints/{id}/odr-answer"),
    ("POST", "/api/v1/odr/{uscc}"),
    ("GET", "/api/v1/odr/{uscc}/complaints"),
    ("GET", "/api/v1/complaints/analysis"),
    ("GET", "/api/v1/complaints/clues"),
    ("POST", "/api/v1/complaints/clues/{id}/decision"),
    ("GET", "/api/v1/complaints/{id}/narrative"),
    ("POST", "/api/v1/complaints/{id}/narrative"),
    ("GET", "/api/v1/warnings"),
    ("POST", "/api/v1/warnings"),
    ("GET", "/api/v1/entities/{uscc}/complaints"),
    ("GET", "/api/v1/inspection/items"),
    ("GET", "/api/v1/inspection/plans"),
    ("POST", "/api/v1/inspection/plans"),
    ("GET", "/api/v1/inspection/plans/{id}"),
    ("GET", "/api/v1/inspection/plans/{id}/tasks"),
    ("POST", "/api/v1/inspection/plans/{id}/commitments"),
    ("POST", "/api/v1/inspection/plans/{id}/publication"),
    ("POST", "/api/v1/inspection/plans/{id}/reveals"),
    ("POST", "/api/v1/inspection/plans/{id}/draw"),
    ("POST", "/api/v1/inspection/plans/{id}/tasks/{target}/result"),
    ("POST", "/api/v1/inspection/plans/{id}/tasks/{target}/publication"),
    ("GET", "/api/v1/inspection/tasks/mine"),
    ("POST", "/api/v1/inspection/inspectors"),
    ("POST", "/api/v1/inspection/plans/{id}/tasks/{target}/evidence"),
    ("GET", "/api/v1/inspection/plans/{id}/tasks/{target}/evidence/{sha256}"),
    ("POST", "/api/v1/inspection/objects"),
    ("POST", "/api/v1/inspection/conflicts"),
    ("GET", "/api/v1/cases"),
    ("POST", "/api/v1/cases"),
    ("GET", "/api/v1/cases/{id}"),
    ("POST", "/api/v1/cases/{id}/steps"),
    ("POST", "/api/v1/cases/{id}/review"),
    ("POST", "/api/v1/cases/{id}/proposal"),
    ("POST", "/api/v1/cases/{id}/documents"),
    ("GET", "/api/v1/cases/{id}/documents/{sha256}"),
    ("GET", "/api/v1/penalties"),
    ("GET", "/api/v1/penalties/{id}"),
    ("GET", "/api/v1/credit/serious-proposals"),
    ("POST", "/api/v1/credit/serious-proposals/{id}"),
];

async fn the_openapi_document_lists_every_route(store: Store) {
    store.migrate().await.unwrap();
    let server =
        crate::start(store.clone(), crate::api::signer().verifier().to_vkey(), shijian_server::Limits::default()).await;
    let doc: Value = reqwest::get(server.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    let mut listed: Vec<(String, String)> = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            listed.push((method.to_uppercase(), path.clone()));
        }
    }
    listed.sort();
    let mut expected: Vec<(String, String)> = API_ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    expected.sort();
    assert_eq!(listed, expected);
    server.stop().await.unwrap();
}

/// The handlers of `/api/v1` answer with wire types (`src/wire/`): no JSON built on the spot
/// and no internal type serialised as it is, so a change inside the program cannot change a
/// body unnoticed. `Json(` wraps a wire type or the OpenAPI document, and nothing else.
#[test]
fn the_api_handlers_answer_with_wire_types() {
    let sources = [
        ("api.rs", include_str!("../../src/api.rs")),
        ("complaints.rs", include_str!("../../src/complaints.rs")),
        ("inspection.rs", include_str!("../../src/inspection.rs")),
    ];
    for (file, source) in sources {
        for (n, line) in source.lines().enumerate() {
            assert!(!line.contains("json!("), "{file}:{}: JSON built on the spot: {line}", n + 1);
            for (at, _) in line.match_indices("Json(") {
                if line[..at].ends_with("Api") {
                    continue; // the request body's extractor, `ApiJson(…)`
                }
                let inner = &line[at + "Json(".len()..];
                let wire = ["wire::", "crate::wire::", "crate::openapi()"].iter().any(|p| inner.starts_with(p));
                assert!(wire, "{file}:{}: a body that is not a wire type: {line}", n + 1);
            }
        }
    }
}
