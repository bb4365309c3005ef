//! Limits and headers over HTTP on both backends: rate limits decided from the verified caller
//! (pages too), the sign-in throttle, anonymous writes, attachments held until a complaint
//! lists them, HSTS and `no-store`, the framework's refusals in the one vocabulary (and as
//! pages for browsers), and the feed's cursor at the end of the index range.

use reqwest::StatusCode;
use serde_json::Value;
use shijian_app::accounts::Accounts;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_server::ratelimit::RateLimit;
use shijian_server::{Limits, ServerConfig};
use shijian_store::Store;

use crate::api::{at, signer};

shijian_store::conformance!(
    bad_tokens_are_limited_like_the_public_and_tokens_do_not_lift_the_sign_in_throttle,
    pages_and_the_12315_form_are_limited,
    attachments_are_held_until_a_complaint_lists_them,
    hsts_no_store_and_refusals_in_the_one_vocabulary,
);

const PASSWORD: &str = "hubei2026market";

async fn account(store: &Store, username: &str, role: Role) -> (Account, String) {
    let a = Account {
        username: username.into(),
        role,
        office: Some(DivisionCode::parse("420100").unwrap()),
        uscc: None,
        display_name: "测试".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    let accounts = Accounts::new(store);
    accounts.create(&Actor::system(), a.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let token = accounts.issue_token(&a, "t", None, chrono::Utc::now()).await.unwrap();
    (a, token)
}

async fn start(store: &Store, rate: RateLimit, secure_cookies: bool) -> crate::Running {
    let config =
        ServerConfig { log_key: signer().verifier().to_vkey(), limits: Limits::default(), rate, secure_cookies };
    crate::start_config(store.clone(), config).await
}

async fn bad_tokens_are_limited_like_the_public_and_tokens_do_not_lift_the_sign_in_throttle(store: Store) {
    store.migrate().await.unwrap();
    let (_, token) = account(&store, "partner", Role::ComplaintHandler).await;
    let rate = RateLimit { per_minute: 60, burst: 3, sign_in_per_minute: 60, sign_in_burst: 2, ..RateLimit::default() };
    let server = start(&store, rate, false).await;
    let client = reqwest::Client::new();
    let url = server.url("/api/v1/feed");
    // A token that does not verify is refused, and counted as the public is.
    for _ in 0..3 {
        let r = client.get(&url).bearer_auth("not-a-token").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = client.get(&url).bearer_auth("not-a-token").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(client.get(&url).send().await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    // A verified staff token is not limited.
    for _ in 0..5 {
        assert_eq!(client.get(&url).bearer_auth(&token).send().await.unwrap().status(), StatusCode::OK);
    }
    // Signing in is throttled per client and per username, token or not.
    let tokens = server.url("/api/v1/tokens");
    let body = serde_json::json!({"username": "partner", "password": "wrong-password-1"});
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(client.post(&tokens).bearer_auth(&token).json(&body).send().await.unwrap().status());
    }
    assert_eq!(statuses, [StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS]);
    // Per username too: from another address (a trusted proxy's X-Forwarded-For).
    server.stop().await.unwrap();
    let rate =
        RateLimit { trust_forwarded_for: true, sign_in_per_minute: 60, sign_in_burst: 2, ..RateLimit::default() };
    let server = start(&store, rate, false).await;
    let tokens = server.url("/api/v1/tokens");
    let mut statuses = Vec::new();
    for i in 0..3 {
        let r = client.post(&tokens).header("x-forwarded-for", format!("10.0.0.{i}")).json(&body).send().await;
        statuses.push(r.unwrap().status());
    }
    assert_eq!(statuses, [StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS]);
    let r = client.post(&tokens).header("x-forwarded-for", "10.0.0.9").json(&body).send().await.unwrap();
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "rate_limited");
    server.stop().await.unwrap();
}

async fn pages_and_the_12315_form_are_limited(store: Store) {
    store.migrate().await.unwrap();
    let rate = RateLimit { per_minute: 60, burst: 3, ..RateLimit::default() };
    let server = start(&store, rate, false).await;
    let client = reqwest::Client::new();
    let url = server.url("/names/check?name=%E7%BA%A2%E5%85%89");
    for _ in 0..3 {
        assert_eq!(client.get(&url).send().await.unwrap().status(), StatusCode::OK);
    }
    let r = client.get(&url).header("accept", "text/html").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.unwrap().contains("data-code=\"rate_limited\""), "a page for the browser");
    // Health checks, assets and the log are not limited.
    assert_eq!(client.get(server.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(client.get(server.url("/static/site.css")).send().await.unwrap().status(), StatusCode::OK);
    server.stop().await.unwrap();

    // Anonymous complaints through the form: a few an hour per client.
    let rate = RateLimit { writes_per_hour: 2, writes_burst: 2, ..RateLimit::default() };
    let server = start(&store, rate, false).await;
    let form = [("kind", "complaint"), ("name", "李华"), ("phone", "")];
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(client.post(server.url("/12315")).form(&form).send().await.unwrap().status());
    }
    assert_eq!(statuses[2], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    assert!(statuses[..2].iter().all(|s| *s != StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    server.stop().await.unwrap();
}

async fn attachments_are_held_until_a_complaint_lists_them(store: Store) {
    store.migrate().await.unwrap();
    let server = start(&store, RateLimit::default(), false).await;
    let client = reqwest::Client::new();
    let png = |fill: u8, len: usize| [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![fill; len]].concat();
    let upload = |bytes: Vec<u8>| client.post(server.url("/api/v1/complaints/attachments")).body(bytes).send();
    let r = upload(png(0, 64)).await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let hex = r.json::<Value>().await.unwrap()["sha256"].as_str().unwrap().to_string();
    let hash = shijian_core::inspection::parse_hex32("sha256", &hex).unwrap();
    assert!(!store.artifact_exists(hash).await.unwrap(), "not kept before a complaint lists it");
    // One client may have three files of the largest size waiting, not four.
    let max = shijian_core::complaint::MAX_ATTACHMENT_BYTES - 8;
    for fill in 1..=2 {
        assert_eq!(upload(png(fill, max)).await.unwrap().status(), StatusCode::CREATED);
    }
    let r = upload(png(3, max)).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "complaint_attachment");
    // A complaint that lists it keeps it.
    let intake = serde_json::json!({
        "kind": "report", "channel": "web", "party": {}, "business": {"name": "红光餐厅"},
        "place": "420111", "category": "S01", "problem": "P08", "facts": "后厨卫生差", "attachments": [hex]
    });
    let r = client.post(server.url("/api/v1/complaints")).json(&intake).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED, "{}", r.text().await.unwrap());
    assert!(store.artifact_exists(hash).await.unwrap());
    server.stop().await.unwrap();
}

async fn hsts_no_store_and_refusals_in_the_one_vocabulary(store: Store) {
    store.migrate().await.unwrap();
    let (_, token) = account(&store, "partner", Role::ComplaintHandler).await;
    let server = start(&store, RateLimit::default(), true).await;
    let client = reqwest::Client::new();
    // HSTS with secure cookies; no-store on anything personal, not on public data.
    let r = client.get(server.url("/api/v1/feed")).send().await.unwrap();
    assert!(r.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
    assert!(!r.headers().contains_key("cache-control"), "public data may be cached");
    let r = client.get(server.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
    let r = client.get(server.url("/12315")).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
    let r = client.post(server.url("/api/v1/complaints/track")).json(&serde_json::json!({"id": "x", "code": "y"}));
    assert_eq!(r.send().await.unwrap().headers()["cache-control"], "no-store");

    // The framework's refusals: the typed body for the API.
    let tokens = server.url("/api/v1/tokens");
    let r = client.post(&tokens).header("content-type", "text/plain").body("{}").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "request_invalid");
    // The sign-in form's own extractor: 415 for another content type, 422 for missing fields.
    let signin = server.url("/signin");
    let r = client.post(&signin).header("content-type", "application/json").body("{}").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "request_invalid");
    let r = client.post(&signin).form(&[("user", "x")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "request_invalid");
    let r = client.post(&signin).header("accept", "text/html").form(&[("user", "x")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("data-code=\"request_invalid\""));
    let r = client.post(&tokens).json(&serde_json::json!({"user": 1})).send().await.unwrap();
    assert!(r.status().is_client_error());
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "request_invalid");
    let r = client.post(server.url("/api/v1/complaints")).json(&serde_json::json!({"kind": 7})).send().await;
    let r = r.unwrap();
    assert!(r.status().is_client_error());
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "request_invalid");
    let r = client.get(server.url("/api/v1/events/%FF%FE")).send().await.unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    let body: Value = r.json().await.unwrap();
    assert!(body["code"].is_string(), "{body}");
    // For a browser: a page in the site's layout.
    let r = client.get(server.url("/no/such/page")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = r.text().await.unwrap();
    assert!(html.contains("<header>") && html.contains("页面不存在") && html.contains("route_unknown"), "{html}");
    let r = client.get(server.url("/entities/%FF")).header("accept", "text/html").send().await.unwrap();
    assert!(r.status().is_client_error());
    assert!(r.text().await.unwrap().contains("<header>"));
    let r = client.get(server.url("/workbench/register?lang=en")).header("accept", "text/html");
    let r = r.bearer_auth("not-a-token").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let html = r.text().await.unwrap();
    assert!(html.contains("<header>") && html.contains("Sign in first"), "{html}");

    // The feed's cursor past the signed 64-bit range: past the end, not back to the start.
    let r = client.get(server.url("/api/v1/feed?after=9223372036854775808")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page: Value = r.json().await.unwrap();
    assert_eq!(page["events"].as_array().map(Vec::len), Some(0));
    assert_eq!(page["next"].as_u64(), Some(9223372036854775808));
    let r = client.get(server.url("/api/v1/feed?after=18446744073709551615")).send().await.unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["events"].as_array().map(Vec::len), Some(0));
    server.stop().await.unwrap();
}
