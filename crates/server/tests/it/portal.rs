//! Signing in with a browser and the workbench: session cookies, CSRF, the credit office's
//! worklist with its first action — on both backends.

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use shijian_app::accounts::Accounts;
use shijian_app::credit::Credit;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::credit::lists::{AbnormalCause, AbnormalGround, Cure};
use shijian_core::credit::repair::{RepairFacts, RepairTarget};
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use crate::api::{at, d, province};

shijian_store::conformance!(
    sign_in_then_accept_a_repair_request_from_the_workbench,
    the_name_self_check_page_names_the_conflict,
);

const PASSWORD: &str = "hubei2026market";

fn between<'a>(text: &'a str, before: &str, after: &str) -> &'a str {
    let start = text.find(before).unwrap_or_else(|| panic!("{before:?} not in {text}")) + before.len();
    let end = text[start..].find(after).unwrap() + start;
    &text[start..end]
}

async fn sign_in_then_accept_a_repair_request_from_the_workbench(store: Store) {
    let (server, codes) = province(&store).await;
    let code = &codes[0];
    // A repair request waiting for the Wuhan credit office.
    let officer = Account {
        username: "credit.wuhan".into(),
        role: Role::CreditOfficer,
        office: Some(DivisionCode::parse("420100").unwrap()),
        uscc: None,
        display_name: "武汉市信用科".into(),
        disabled: false,
    };
    Accounts::new(&store).create(&Actor::system(), officer.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let credit = Credit::new(&store);
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-11-02") };
    credit.list_abnormal(&officer.actor(), code, unreachable, d("2026-11-03"), at("2026-11-03")).await.unwrap();
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    let facts = RepairFacts { commitment: true, cure: Some(Cure::ContactRestored), early: None, penalty: None };
    credit.request_repair(&itself, code, "XF-1", target, &facts, d("2026-11-20"), at("2026-11-20")).await.unwrap();

    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let r = client.get(server.url("/workbench")).send().await.unwrap();
    assert_eq!((r.status(), r.headers()["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, "/signin"));
    let sign_in = |password: &str, origin: Option<&str>| {
        let mut request = client
            .post(server.url("/signin"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("username=credit.wuhan&password={password}"));
        if let Some(o) = origin {
            request = request.header("origin", o);
        }
        request.send()
    };
    let r = sign_in("wrong-password-1", None).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("用户名或密码错误"));
    // A sign-in form posted from another site is refused.
    let r = sign_in(PASSWORD, Some("http://evil.example")).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = sign_in(PASSWORD, Some(&server.base)).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/workbench");
    let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();

    let page = client.get(server.url("/workbench")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("XF-1") && html.contains("受理审查") && html.contains("value=\"accept\""), "{html}");
    let csrf = between(&html, "name=\"csrf\" value=\"", "\"").to_string();
    assert_eq!(csrf.len(), 32);

    let accept = |csrf: String| {
        client
            .post(server.url("/workbench/step"))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf={csrf}&uscc={code}&matter=repair&reference=XF-1&step=accept"))
            .send()
    };
    let size = store.log_size().await.unwrap();
    let r = accept("0".repeat(32)).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "a forged form");
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["code"], "csrf_invalid");
    assert_eq!(store.log_size().await.unwrap(), size, "nothing appended");
    let r = accept(csrf.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(store.log_size().await.unwrap(), size + 1);
    let html =
        client.get(server.url("/workbench")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains("作出决定") && html.contains("value=\"reject\"") && !html.contains("value=\"accept\""),
        "{html}"
    );

    // The decision: a rejection, with its reason; the matter leaves the worklist.
    let r = client
        .post(server.url("/workbench/step"))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf={csrf}&uscc={code}&matter=repair&reference=XF-1&step=reject&reason=%E6%9C%AA%E8%81%94%E7%B3%BB%E4%B8%8A"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(store.log_size().await.unwrap(), size + 2);
    let html =
        client.get(server.url("/workbench")).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("XF-1"), "{html}");

    // Signing out ends the session at once.
    let r = client
        .post(server.url("/signout"))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    let r = client.get(server.url("/workbench")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    server.stop().await.unwrap();
}

/// 企业名称登记管理规定 第十七条: the same name under the same registering office is refused;
/// the page names the conflicting entity and links to its credit file.
async fn the_name_self_check_page_names_the_conflict(store: Store) {
    let (server, codes) = province(&store).await;
    // 武汉红光餐饮有限公司 at the Hongshan office, which registered it.
    let url = "/names/check?division=420111&name=%E6%AD%A6%E6%B1%89%E7%BA%A2%E5%85%89%E9%A4%90%E9%A5%AE%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8";
    let html = reqwest::get(server.url(url)).await.unwrap().text().await.unwrap();
    assert!(html.contains("data-verdict=\"refuse\""), "{html}");
    assert!(html.contains(&format!("/entities/{}", codes[0])), "{html}");
    // 武汉青松咨询有限公司: nothing like it.
    let url = "/names/check?division=420111&name=%E6%AD%A6%E6%B1%89%E9%9D%92%E6%9D%BE%E5%92%A8%E8%AF%A2%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8";
    let html = reqwest::get(server.url(url)).await.unwrap().text().await.unwrap();
    assert!(html.contains("data-verdict=\"accept\""), "{html}");
    server.stop().await.unwrap();
}
