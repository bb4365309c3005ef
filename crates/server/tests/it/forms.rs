//! Forms refused as a person meets them: signing in (a wrong password, and the way back to the
//! page that asked for a session, never to another site), an enterprise's annual report, the
//! 12315 tracking form, the credit worklist's step forms and the inspection desk's seed and
//! result forms, each submitted wrong in a real headless Chromium at a desk (1366 px) and on a
//! phone (390 px): the message in words beside the field it is about, every other input as
//! typed.

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::{Value, json};
use shijian_app::accounts::Accounts;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use crate::api::{at, province};
use crate::browser::{WIDTHS, chromium, look, sign_in};
use crate::cdp::{Browser, Tab};
use crate::pages::seeded_province;

shijian_store::conformance!(
    signing_in_leads_back_to_the_page_asked_for_and_nowhere_else,
    the_tracking_form_says_what_is_wrong_beside_each_field,
    refused_forms_show_each_error_beside_its_field_in_chromium,
);

const PASSWORD: &str = "hubei2026market";

/// The value of `name="<name>" value="…"` in a page.
fn field_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(
        rest[..rest.find('"')?]
            .replace("&#x2f;", "/")
            .replace("&#47;", "/")
            .replace("&amp;", "&")
            .replace("&#38;", "&"),
    )
}

/// A staff page asked for without a session sends the browser to sign in with the page in
/// `next`; signing in goes back there. A `next` that could lead off the site (another host, a
/// scheme, a backslash, a protocol-relative path, white space browsers drop) is dropped from the
/// form and never followed: signing in then goes to the account's home.
async fn signing_in_leads_back_to_the_page_asked_for_and_nowhere_else(store: Store) {
    let (server, _) = province(&store).await;
    let officer = Account {
        username: "credit.wuhan".into(),
        role: Role::CreditOfficer,
        office: Some(DivisionCode::parse("420100").unwrap()),
        uscc: None,
        display_name: "武汉市信用科".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    Accounts::new(&store).create(&Actor::system(), officer, PASSWORD, at("2026-11-01")).await.unwrap();
    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let r = client.get(server.url("/workbench/register?page=2")).header("accept", "text/html").send().await.unwrap();
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        (r.status(), location.as_str()),
        (StatusCode::SEE_OTHER, "/signin?next=%2Fworkbench%2Fregister%3Fpage%3D2")
    );
    // A session that has expired or was revoked is no session: the same.
    let r = client
        .get(server.url("/workbench/inspection?lang=en"))
        .header("cookie", "sj_session=sjt_expired")
        .send()
        .await
        .unwrap();
    let to = r.headers()["location"].to_str().unwrap();
    assert_eq!(to, "/signin?next=%2Fworkbench%2Finspection%3Flang%3Den&lang=en");
    // The sign-in page carries the page asked for in its form, with its pre-session token.
    let signin_page = |path: String| {
        let r = client.get(server.url(&path)).send();
        async move {
            let r = r.await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let pre = r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
            let html = r.text().await.unwrap();
            (pre, field_value(&html, "csrf").unwrap(), field_value(&html, "next"))
        }
    };
    let (pre, csrf, next) = signin_page(location).await;
    assert_eq!(next.as_deref(), Some("/workbench/register?page=2"));
    let post = |fields: Vec<(&'static str, String)>| {
        let r = client
            .post(server.url("/signin"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &pre)
            .body(serde_html_form::to_string(&fields).unwrap())
            .send();
        async move {
            let r = r.await.unwrap();
            let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_string());
            (r.status(), location, r.text().await.unwrap())
        }
    };
    let fields = |password: &str, next: &str| {
        vec![
            ("username", "credit.wuhan".to_string()),
            ("password", password.to_string()),
            ("csrf", csrf.clone()),
            ("next", next.to_string()),
        ]
    };
    // A wrong password: the form again, the login name and the way back kept, the reason in words.
    let (status, _, html) = post(fields("not-the-password", "/workbench/register?page=2")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(html.contains("用户名或密码错误") && html.contains("value=\"credit.wuhan\""), "{html}");
    assert_eq!(field_value(&html, "next").as_deref(), Some("/workbench/register?page=2"));
    let (status, location, _) = post(fields(PASSWORD, "/workbench/register?page=2")).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/workbench/register?page=2")));

    // An open redirect is never made.
    for bad in [
        "//evil.example/workbench",
        "https://evil.example/",
        "http:/evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
        "evil.example",
        " /workbench",
    ] {
        let asked = format!("/signin?{}", serde_html_form::to_string([("next", bad)]).unwrap());
        let (_, _, next) = signin_page(asked).await;
        assert_eq!(next, None, "{bad:?} kept in the form");
        let (status, location, _) = post(fields(PASSWORD, bad)).await;
        assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/workbench")), "{bad:?}");
    }
    server.stop().await.unwrap();
}

/// The 12315 tracking form: each field left empty is said beside it, both at once, what was
/// typed kept; a number and code that do not match are said beside the code (not which of the
/// two is wrong), in the page's language.
async fn the_tracking_form_says_what_is_wrong_beside_each_field(store: Store) {
    let (server, _) = province(&store).await;
    let client = reqwest::Client::new();
    let track = |path: &str, body: &str| {
        let r = client
            .post(server.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_string())
            .send();
        async move {
            let r = r.await.unwrap();
            (r.status(), scraper::Html::parse_document(&r.text().await.unwrap()))
        }
    };
    let beside = |html: &scraper::Html, id: &str| {
        let s = scraper::Selector::parse(&format!("#{id}")).unwrap();
        html.select(&s).next().map(|e| e.text().collect::<String>())
    };
    let (status, html) = track("/12315/track", "id=&code=").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        (beside(&html, "err-id"), beside(&html, "err-code")),
        (Some("此项必填".into()), Some("此项必填".into()))
    );
    assert_eq!(beside(&html, "error").as_deref(), Some("有 2 处需要更正，见各栏下方的说明。"));
    let (status, html) = track("/12315/track?lang=en", "id=T20260101-0001&code=WRONG123").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(beside(&html, "err-id"), None);
    let code = beside(&html, "err-code").unwrap_or_default();
    assert!(code.starts_with("The number and this tracking code do not match"), "{code}");
    assert!(html.html().contains("value=\"T20260101-0001\"") && html.html().contains("value=\"WRONG123\""));
    server.stop().await.unwrap();
}

/// The text of the element that the control `selector` names in its `aria-describedby`.
async fn beside(browser: &mut Browser, tab: &Tab, selector: &str) -> String {
    let script = format!(
        "(() => {{ const e = document.querySelector({s}); if (!e) return 'no control'; \
         const d = e.getAttribute('aria-describedby'); if (!d) return 'no description'; \
         const m = document.getElementById(d); return m ? m.textContent : 'nothing described'; }})()",
        s = json!(selector)
    );
    browser.eval(tab, &script).await.as_str().unwrap_or_default().to_string()
}

/// The values of the controls `selectors` name, as the page holds them now.
async fn values(browser: &mut Browser, tab: &Tab, selectors: &[&str]) -> Value {
    let list = json!(selectors);
    browser
        .eval(tab, &format!("{list}.map(s => document.querySelector(s) ? document.querySelector(s).value : null)"))
        .await
}

/// The message is right under (or beside) its field, in view with it.
async fn close_to(browser: &mut Browser, tab: &Tab, selector: &str) {
    let script = format!(
        "(() => {{ const e = document.querySelector({s}); const m = document.getElementById(e.getAttribute('aria-describedby')); \
         const a = e.getBoundingClientRect(), b = m.getBoundingClientRect(); \
         return Math.max(b.top - a.bottom, a.top - b.bottom, b.left - a.right, 0); }})()",
        s = json!(selector)
    );
    let gap = browser.eval(tab, &script).await.as_f64().unwrap();
    assert!((0.0..60.0).contains(&gap), "the message of {selector} is {gap} px away from it");
}

async fn refused_forms_show_each_error_beside_its_field_in_chromium(store: Store) {
    let Some(chromium) = chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, _) = seeded_province(&store).await;
    let mut browser = Browser::start(&chromium).await;
    for width in WIDTHS {
        // A staff page without a session: the sign-in page; a wrong password is said beside the
        // form, the login name kept; the right one leads back to the page asked for.
        let tab = browser.tab(width).await;
        browser.open(&tab, &server.url("/workbench/inspection")).await;
        assert_eq!(browser.location(&tab).await, "/signin?next=%2Fworkbench%2Finspection");
        browser.type_into(&tab, "#username", "credit.hb").await;
        browser.type_into(&tab, "#password", "not-the-password").await;
        browser.click_and_wait(&tab, "document.querySelector('form.signin button[type=submit]')").await;
        assert!(beside(&mut browser, &tab, "#password").await.contains("用户名或密码错误"));
        assert_eq!(values(&mut browser, &tab, &["#username", "#password"]).await, json!(["credit.hb", ""]));
        close_to(&mut browser, &tab, "#password").await;
        look(&mut browser, &tab, "signin-refused", &backend).await;
        browser.type_into(&tab, "#password", PASSWORD).await;
        browser.click_and_wait(&tab, "document.querySelector('form.signin button[type=submit]')").await;
        assert_eq!(browser.location(&tab).await, "/workbench/inspection");

        // The credit worklist: a refusal without a reason (only spaces) is refused beside the
        // reason, which keeps what was typed; the matter is untouched.
        browser.open(&tab, &server.url("/workbench")).await;
        let refuse = "[...document.querySelectorAll('#worklist tr')].find(r => r.textContent.includes('XF-1'))\
                      .querySelector('input[name=step][value=refuse]').form";
        let size = store.log_size().await.unwrap();
        let reason = browser.eval(&tab, &format!("{refuse}.querySelector('input[name=reason]').id")).await;
        let reason = format!("#{}", reason.as_str().unwrap());
        browser.type_into(&tab, &reason, "   ").await;
        browser.click_and_wait(&tab, &format!("{refuse}.querySelector('button[type=submit]')")).await;
        assert_eq!(beside(&mut browser, &tab, &reason).await, "此项必填");
        assert_eq!(values(&mut browser, &tab, &[reason.as_str()]).await, json!(["   "]));
        assert_eq!(store.log_size().await.unwrap(), size, "nothing recorded");
        close_to(&mut browser, &tab, &reason).await;
        look(&mut browser, &tab, "step-refused", &backend).await;

        // The enterprise's annual report: four fields wrong at once, each said beside it.
        let tab = browser.tab(width).await;
        sign_in(&mut browser, &tab, &server, "ent", &backend).await;
        let home = browser.location(&tab).await;
        assert!(home.starts_with("/enterprise/"), "{home}");
        browser.type_into(&tab, "#report-form input[name=year]", "2025").await;
        browser.type_into(&tab, "#report-form input[name=address]", "武汉市洪山区珞喻路2号").await;
        browser.type_into(&tab, "#report-form input[name=postcode]", "4300").await;
        browser.type_into(&tab, "#report-form input[name=phone]", "call us").await;
        browser.type_into(&tab, "#report-form input[name=email]", "office.example").await;
        // The first figure of the entity's form of report (its kind decides which it has).
        let figure = browser.eval(&tab, "document.querySelector('#report-form input[id^=fig_]').id").await;
        let figure = format!("#{}", figure.as_str().unwrap());
        browser.type_into(&tab, &figure, "lots").await;
        browser.type_into(&tab, "#report-form input[name=employees]", "12").await;
        browser.click_and_wait(&tab, "document.querySelector('#report-form button[type=submit]')").await;
        for (field, message) in [
            ("#report-form input[name=postcode]", "邮政编码为6位数字"),
            ("#report-form input[name=phone]", "电话号码格式有误"),
            ("#report-form input[name=email]", "电子邮箱格式有误"),
            (figure.as_str(), "请填写金额（万元），如 12.50"),
        ] {
            assert_eq!(beside(&mut browser, &tab, field).await, message, "{field}");
            close_to(&mut browser, &tab, field).await;
        }
        let error = browser.eval(&tab, "document.getElementById('error').textContent").await;
        assert_eq!(error.as_str(), Some("有 4 处需要更正，见各栏下方的说明。"));
        let kept = values(
            &mut browser,
            &tab,
            &[
                "#report-form input[name=year]",
                "#report-form input[name=address]",
                "#report-form input[name=postcode]",
                figure.as_str(),
                "#report-form input[name=employees]",
            ],
        )
        .await;
        assert_eq!(kept, json!(["2025", "武汉市洪山区珞喻路2号", "4300", "lots", "12"]));
        assert_eq!(beside(&mut browser, &tab, "#report-form input[name=address]").await, "no description");
        look(&mut browser, &tab, "annual-report-refused", &backend).await;

        // 12315 tracking: the code left out, then a code that does not match the number.
        let tab = browser.tab(width).await;
        browser.open(&tab, &server.url("/12315/track")).await;
        browser.type_into(&tab, "#track-form input[name=id]", "T20261201-0001").await;
        browser.click_and_wait(&tab, "document.querySelector('#track-form button[type=submit]')").await;
        assert_eq!(beside(&mut browser, &tab, "#track-form input[name=code]").await, "此项必填");
        assert_eq!(beside(&mut browser, &tab, "#track-form input[name=id]").await, "no description");
        browser.type_into(&tab, "#track-form input[name=code]", "WRONG123").await;
        browser.click_and_wait(&tab, "document.querySelector('#track-form button[type=submit]')").await;
        let code = "#track-form input[name=code]";
        assert!(beside(&mut browser, &tab, code).await.contains("编号与查询码不符"));
        let kept = values(&mut browser, &tab, &["#track-form input[name=id]", code]).await;
        assert_eq!(kept, json!(["T20261201-0001", "WRONG123"]));
        close_to(&mut browser, &tab, code).await;
        look(&mut browser, &tab, "track-refused", &backend).await;

        // A seed party's commitment that is not one: said beside it, kept.
        let tab = browser.tab(width).await;
        sign_in(&mut browser, &tab, &server, "witness.hb", &backend).await;
        browser.open(&tab, &server.url("/workbench/inspection")).await;
        let commitment = "form[data-commit] input[name=commitment]";
        browser.type_into(&tab, commitment, "abc123").await;
        browser.click_and_wait(&tab, "document.querySelector('form[data-commit] button[type=submit]')").await;
        assert_eq!(beside(&mut browser, &tab, commitment).await, "请填写64位十六进制数（0-9、a-f）");
        assert_eq!(values(&mut browser, &tab, &[commitment]).await, json!(["abc123"]));
        close_to(&mut browser, &tab, commitment).await;
        look(&mut browser, &tab, "commit-refused", &backend).await;

        // An inspector's result dated after today: said beside the date, the findings kept.
        let tab = browser.tab(width).await;
        let mut recorded = false;
        for inspector in ["insp.a", "insp.c"] {
            sign_in(&mut browser, &tab, &server, inspector, &backend).await;
            browser.open(&tab, &server.url("/workbench/inspection")).await;
            let has = browser.eval(&tab, "!!document.querySelector('#my-tasks form.record')").await;
            if has != json!(true) {
                continue;
            }
            // The result form folds away under its task: opened as the inspector would.
            browser.eval(&tab, "document.querySelector('#my-tasks details.record').open = true").await;
            let form = "document.querySelector('#my-tasks form.record')";
            browser.eval(&tab, &format!("{form}.querySelector('input[name=inspected_on]').value = '2099-01-04'")).await;
            browser.type_into(&tab, "#my-tasks form.record input[name=findings]", "消防通道堵塞").await;
            browser.choose(&tab, "#my-tasks form.record select[name=category]", "ordered_to_correct").await;
            browser.click_and_wait(&tab, &format!("{form}.querySelector('button[type=submit]')")).await;
            let date = "#my-tasks input[aria-invalid=true][name=inspected_on]";
            assert_eq!(beside(&mut browser, &tab, date).await, "检查日期不能晚于今天");
            let kept = browser
                .eval(&tab, &format!("(() => {{ const f = document.querySelector({}).form; return [f.inspected_on.value, f.findings.value, f.category.value]; }})()", json!(date)))
                .await;
            assert_eq!(kept, json!(["2099-01-04", "消防通道堵塞", "ordered_to_correct"]));
            close_to(&mut browser, &tab, date).await;
            look(&mut browser, &tab, "result-refused", &backend).await;
            recorded = true;
            break;
        }
        assert!(recorded, "an inspector with a task to record");
    }
    drop(browser);
    server.stop().await.unwrap();
}
