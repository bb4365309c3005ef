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
    an_enterprise_files_its_report_and_asks_for_repair_which_the_office_approves,
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
        pseudonym: String::new(),
    };
    Accounts::new(&store).create(&Actor::system(), officer.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let credit = Credit::new(&store);
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-11-02") };
    credit.list_abnormal(&officer.actor(), code, unreachable, d("2026-11-03"), at("2026-11-03")).await.unwrap();
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    let facts = RepairFacts { commitment: true, cure: Some(Cure::ContactRestored), early: None, penalty: None };
    credit.request_repair(&itself, code, "XF-1", target, &facts, None, at("2026-11-20")).await.unwrap();

    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let r = client.get(server.url("/workbench")).send().await.unwrap();
    assert_eq!(
        (r.status(), r.headers()["location"].to_str().unwrap()),
        (StatusCode::SEE_OTHER, "/signin?next=%2Fworkbench")
    );
    let (pre, token) = signin_token(&client, &server).await;
    // A form post: the pre-session cookie and token (when given), and the headers a browser
    // adds to say where the post comes from.
    let sign_in = |password: &str, pre: Option<&str>, token: &str, headers: &[(&str, &str)]| {
        let mut request = client
            .post(server.url("/signin"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("username=credit.wuhan&password={password}&csrf={token}"));
        if let Some(c) = pre {
            request = request.header("cookie", c);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    let browser = [("origin", server.base.as_str()), ("sec-fetch-site", "same-origin")];
    let zeros = "0".repeat(32);
    let r = sign_in("wrong-password-1", Some(&pre), &token, &browser).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("用户名或密码错误"));
    // Posts from another site are refused, with the form again (not a raw error body), and no
    // session: another site's origin, an opaque origin, a cross-site or same-site fetch, and a
    // post without the page's token (another site cannot read it, nor make the browser send
    // the `SameSite=Strict` cookie).
    type Attempt<'a> = (Option<&'a str>, &'a str, &'a [(&'a str, &'a str)]);
    let refused: [Attempt; 7] = [
        (Some(&pre), &token, &[("origin", "http://evil.example")]),
        (Some(&pre), &token, &[("origin", "null")]),
        (Some(&pre), &token, &[("sec-fetch-site", "cross-site"), ("origin", server.base.as_str())]),
        (Some(&pre), &token, &[("sec-fetch-site", "same-site")]),
        (None, &token, &browser),
        (Some(&pre), "", &browser),
        (Some(&pre), &zeros, &browser),
    ];
    for (i, (pre, token, headers)) in refused.into_iter().enumerate() {
        let r = sign_in(PASSWORD, pre, token, headers).await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "case {i}");
        assert!(r.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().starts_with("sj_session=")));
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"), "case {i}");
        let html = r.text().await.unwrap();
        assert!(html.contains("表单已失效或来自其他网站") && html.contains("name=\"csrf\""), "case {i}: {html}");
    }
    let r = sign_in(PASSWORD, Some(&pre), &token, &browser).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/workbench");
    let cookies: Vec<String> =
        r.headers().get_all("set-cookie").iter().map(|c| c.to_str().unwrap().to_string()).collect();
    let set = cookies.iter().find(|c| c.starts_with("sj_session=")).unwrap().clone();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"), "{set}");
    assert!(cookies.iter().any(|c| c.starts_with("sj_signin=;") && c.contains("Max-Age=0")), "{cookies:?}");
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
    // A form without the token is forged too; a signed form whose fields do not parse is
    // answered 400 before anything is done.
    let post = |body: String| {
        client
            .post(server.url("/workbench/step"))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let r = post(format!("uscc={code}&matter=repair&reference=XF-1&step=accept")).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "no token");
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["code"], "csrf_invalid");
    let r = post(format!("csrf={csrf}&uscc={code}&matter=repair&reference=XF-1&step=shred")).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "a step that is none");
    let body = r.json::<serde_json::Value>().await.unwrap();
    assert_eq!(body["code"], "request_invalid");
    assert!(body["details"]["reason"].as_str().unwrap().contains("shred"), "{body}");
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

/// The sign-in page's pre-session cookie (`name=value`) and the form's token.
pub(crate) async fn signin_token(client: &reqwest::Client, server: &crate::Running) -> (String, String) {
    let r = client.get(server.url("/signin")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(set.starts_with("sj_signin=") && set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    let cookie = set.split(';').next().unwrap().to_string();
    let html = r.text().await.unwrap();
    let token = between(&html, "name=\"csrf\" value=\"", "\"").to_string();
    assert_eq!(token.len(), 32);
    (cookie, token)
}

/// Signs `username` in through the form; the session cookie and the page's CSRF token.
pub(crate) async fn signed_in(
    client: &reqwest::Client,
    server: &crate::Running,
    username: &str,
) -> (String, String, String) {
    let (pre, token) = signin_token(client, server).await;
    let r = client
        .post(server.url("/signin"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", pre)
        .body(format!("username={username}&password={PASSWORD}&csrf={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let home = r.headers()["location"].to_str().unwrap().to_string();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap())
        .find(|c| c.starts_with("sj_session="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let html = client.get(server.url(&home)).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    let csrf = between(&html, "name=\"csrf\" value=\"", "\"").to_string();
    (cookie, csrf, home)
}

/// The enterprise portal end to end: the enterprise signs in to its own page, files its annual
/// report (a wrong postcode is refused with the form kept), asks for removal from the abnormal
/// list; the credit office accepts and approves from the workbench, and the entity is off the
/// list.
async fn an_enterprise_files_its_report_and_asks_for_repair_which_the_office_approves(store: Store) {
    let (server, codes) = province(&store).await;
    let code = &codes[0];
    let accounts = Accounts::new(&store);
    let officer = Account {
        username: "credit.wuhan".into(),
        role: Role::CreditOfficer,
        office: Some(DivisionCode::parse("420100").unwrap()),
        uscc: None,
        display_name: "武汉市信用科".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    accounts.create(&Actor::system(), officer.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let enterprise = Account {
        username: "hongguang".into(),
        role: Role::Enterprise,
        office: None,
        uscc: Some(shijian_core::Uscc::parse(code).unwrap()),
        display_name: "武汉红光餐饮有限公司".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    accounts.create(&Actor::system(), enterprise, PASSWORD, at("2026-11-01")).await.unwrap();
    let credit = Credit::new(&store);
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-11-02") };
    credit.list_abnormal(&officer.actor(), code, unreachable, d("2026-11-03"), at("2026-11-03")).await.unwrap();

    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let (cookie, csrf, home) = signed_in(&client, &server, "hongguang").await;
    assert_eq!(home, format!("/enterprise/{code}"));
    let html = client.get(server.url(&home)).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("武汉红光餐饮有限公司") && html.contains("name=\"fig_total_assets\""), "{html}");
    assert!(html.contains("name=\"entry\" value=\"a0\"") && html.contains("contact_restored"), "{html}");
    // Another entity's page is not this enterprise's.
    let other = client.get(server.url(&format!("/enterprise/{}", codes[1]))).header("cookie", &cookie).send();
    assert_eq!(other.await.unwrap().status(), StatusCode::FORBIDDEN);

    let post = |path: String, body: String| {
        client
            .post(server.url(&path))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let size = store.log_size().await.unwrap();
    let report = |postcode: &str| {
        format!(
            "csrf={csrf}&year=2025&address=%E6%AD%A6%E6%B1%89%E5%B8%82%E6%B4%AA%E5%B1%B1%E5%8C%BA%E7%8F%9E%E5%96%BB%E8%B7%AF2%E5%8F%B7\
             &postcode={postcode}&phone=027-87654321&state=operating&employees=12\
             &fig_total_assets=350.5&pub_total_assets=on&fig_revenue=120&fig_tax_paid=8.25&pub_tax_paid=on"
        )
    };
    let r = post(format!("{home}/annual-report"), report("4300")).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"error\"") && html.contains("邮政编码为6位数字"), "{html}");
    assert!(html.contains("value=\"350.5\"") && html.contains("珞喻路2号"), "what was typed is kept: {html}");
    assert_eq!(store.log_size().await.unwrap(), size, "nothing appended");
    // A figure field of a kind no form has is refused, naming it.
    let r = post(format!("{home}/annual-report"), report("430070") + "&fig_goodwill=1").await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("fig_goodwill"));
    assert_eq!(store.log_size().await.unwrap(), size, "nothing appended");
    let r = post(format!("{home}/annual-report"), report("430070")).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"].to_str().unwrap(), format!("{home}?done=report"));
    // The published part is public; revenue and the head count were not ticked for publication.
    let public: serde_json::Value =
        reqwest::get(server.url(&format!("/api/v1/entities/{code}"))).await.unwrap().json().await.unwrap();
    let filed = &public["annual_reports"][0];
    assert_eq!(filed["year"], 2025, "{public}");
    let figures = filed["report"]["figures"].to_string();
    assert!(figures.contains("350.5") && figures.contains("8.25") && !figures.contains("120"), "{filed}");
    assert!(filed["report"]["employees"].is_null(), "{filed}");
    let done = format!("{home}?done=report");
    let html = client.get(server.url(&done)).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("id=\"notice\"") && html.contains("年度报告已报送并公示"), "{html}");

    // The repair request, without the commitment: refused; with it: submitted.
    let r = post(format!("{home}/repair"), format!("csrf={csrf}&entry=a0&cure=contact_restored")).await.unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    let r = post(format!("{home}/repair"), format!("csrf={csrf}&entry=a0&cure=contact_restored&commitment=on"));
    assert_eq!(r.await.unwrap().status(), StatusCode::SEE_OTHER);
    let file = credit.file(code).await.unwrap();
    let reference = file.repairs.keys().next().expect("a request").clone();
    assert!(reference.starts_with("XF"), "{reference}");
    let html = client.get(server.url(&home)).header("cookie", &cookie).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&reference) && html.contains("已申请"), "{html}");

    // The office accepts, then approves with the facts it checked.
    let (office, office_csrf, _) = signed_in(&client, &server, "credit.wuhan").await;
    let step = |body: String| {
        client
            .post(server.url("/workbench/step"))
            .header("cookie", &office)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf={office_csrf}&uscc={code}&matter=repair&reference={reference}&{body}"))
            .send()
    };
    assert_eq!(step("step=accept".into()).await.unwrap().status(), StatusCode::SEE_OTHER);
    let html =
        client.get(server.url("/workbench")).header("cookie", &office).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("value=\"approve\"") && html.contains("移出经营异常名录"), "{html}");
    let r = step("step=approve&cure=contact_restored&commitment=on".into()).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let file = credit.file(code).await.unwrap();
    assert!(file.lists.abnormal.is_empty(), "removed from the list: {:?}", file.lists);
    assert_eq!(file.repairs[&reference].status, shijian_core::credit::repair::RepairStatus::Approved);
    // The public page names what happened in words, in either language.
    let page = reqwest::get(server.url(&format!("/entities/{code}"))).await.unwrap().text().await.unwrap();
    assert!(page.contains("设立登记") && page.contains("移出经营异常名录") && page.contains("年度报告"), "{page}");
    assert!(!page.contains("registry.entity_registered"), "{page}");
    let page = reqwest::get(server.url(&format!("/entities/{code}?lang=en"))).await.unwrap().text().await.unwrap();
    assert!(page.contains("registered") && page.contains("removed from the abnormal operations list"), "{page}");
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
