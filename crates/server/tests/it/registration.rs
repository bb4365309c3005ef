//! 设立登记 in the browser: the registrar's form at `/workbench/entities/new`, submitted over
//! HTTP and in Chromium. The register issues the code (next in the office's sequence), a name
//! that collides with a registered one is refused beside the field with everything typed kept,
//! and registrations at once in one office get distinct codes.

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use scraper::{Html, Selector};
use serde_json::json;
use shijian_app::accounts::Accounts;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::registry::EntityKind;
use shijian_core::{DivisionCode, Uscc};
use shijian_server::Limits;
use shijian_store::Store;

use crate::api::{at, signer};
use crate::inspection::staffed_province;
use crate::start;

shijian_store::conformance!(
    a_registrar_registers_a_new_entity_and_the_register_issues_its_code,
    a_colliding_name_is_refused_beside_the_field_with_everything_kept,
    registrations_at_once_in_one_office_get_distinct_codes,
    registration_is_walked_to_its_end_in_chromium,
);

const PASSWORD: &str = "hubei2026market";

/// A province of 300 entities, a registrar of Hubei (`reg.hb`) and an inspector (`insp.a`);
/// the server, and a registered limited company to collide with (its name and office).
async fn province(store: &Store) -> (crate::Running, String, DivisionCode) {
    staffed_province(store).await;
    let a = Account {
        username: "reg.hb".into(),
        role: Role::Registrar,
        office: Some(DivisionCode::parse("420000").unwrap()),
        uscc: None,
        display_name: "测试".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    Accounts::new(store).create(&Actor::system(), a, PASSWORD, at("2026-07-01")).await.unwrap();
    let rows = store.entities_page(Some(DivisionCode::parse("420000").unwrap()), None, 300).await.unwrap();
    let existing = rows
        .iter()
        .map(|r| &r.state)
        .find(|s| s.status.exists() && s.entity.kind == EntityKind::LimitedCompany)
        .expect("a limited company");
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    (server, existing.entity.name.clone(), existing.entity.authority)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).build().unwrap()
}

/// Posts the form as `cookie`: the status, where it leads, and the page.
async fn post(
    server: &crate::Running,
    cookie: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Html) {
    let r = client()
        .post(server.url(path))
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_html_form::to_string(fields).unwrap())
        .send()
        .await
        .unwrap();
    let status = r.status();
    let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    (status, location, Html::parse_document(&r.text().await.unwrap()))
}

async fn get(server: &crate::Running, cookie: &str, path: &str) -> (StatusCode, Html) {
    let r = client().get(server.url(path)).header("cookie", cookie).send().await.unwrap();
    (r.status(), Html::parse_document(&r.text().await.unwrap()))
}

fn text_of(html: &Html, selector: &str) -> Option<String> {
    html.select(&Selector::parse(selector).unwrap()).next().map(|e| e.text().collect::<String>())
}

fn value_of(html: &Html, id: &str) -> String {
    let input = html.select(&Selector::parse(&format!("#{id}")).unwrap()).next().unwrap();
    input.value().attr("value").unwrap_or_default().to_string()
}

/// The error beside the input `id`: the first element its `aria-describedby` names.
fn error_beside(html: &Html, id: &str) -> Option<String> {
    let input = html.select(&Selector::parse(&format!("#{id}")).unwrap()).next()?;
    let described = input.value().attr("aria-describedby")?.split(' ').next()?.to_string();
    text_of(html, &format!("#{described}")).filter(|t| !t.trim().is_empty())
}

/// The fields of a complete application for `name` in `office`.
fn application<'a>(csrf: &'a str, name: &'a str, office: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("kind", "limited_company"),
        ("office", office),
        ("name", name),
        ("address", "武汉市洪山区珞喻路100号"),
        ("representative", "李明"),
        ("capital", "100"),
        ("established_on", "2026-12-01"),
        ("scope", "I0007"),
        ("scope", "M0019"),
    ]
}

/// The code in a redirect to the new entity's page.
fn issued(location: &str) -> Uscc {
    let code = location.strip_prefix("/workbench/entities/").and_then(|r| r.split('?').next()).unwrap();
    Uscc::parse(code).unwrap()
}

async fn a_registrar_registers_a_new_entity_and_the_register_issues_its_code(store: Store) {
    let (server, _, _) = province(&store).await;
    let (cookie, csrf, _) = crate::portal::signed_in(&client(), &server, "reg.hb").await;
    // The form, in both languages: the registrar's offices by name, today's date, the catalogue.
    for lang in ["", "?lang=en"] {
        let (status, html) = get(&server, &cookie, &format!("/workbench/entities/new{lang}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.select(&Selector::parse("#new-office option[value='420111']").unwrap()).next().is_some());
        assert_eq!(
            value_of(&html, "new-established"),
            shijian_core::calendar::legal_date(chrono::Utc::now()).to_string()
        );
        assert!(html.select(&Selector::parse("input[name=scope][value=H0002]").unwrap()).next().is_some());
    }
    // The workbench links to it.
    let (_, home) = get(&server, &cookie, "/workbench").await;
    assert!(home.select(&Selector::parse("a[href='/workbench/entities/new']").unwrap()).next().is_some());

    let fields = application(&csrf, "武汉澄澈星图科技有限公司", "420111");
    let (status, location, _) = post(&server, &cookie, "/workbench/entities/new", &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let code = issued(&location);
    assert!(code.as_str().starts_with("91420111MA"), "{code}");
    let (status, page) = get(&server, &cookie, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text_of(&page, "#uscc").unwrap(), code.as_str());
    assert!(text_of(&page, "#notice").unwrap().contains("统一社会信用代码"));
    let state = store.entity(code.as_str()).await.unwrap().unwrap().state;
    assert_eq!(state.entity.scope, vec!["I0007".to_string(), "M0019".to_string()]);
    assert!(state.entity.scope_text.contains("软件开发"), "{}", state.entity.scope_text);
    // The main industry is the first item's (软件开发: 65 软件和信息技术服务业).
    assert_eq!(state.entity.industry.map(|i| i.to_string()).as_deref(), Some("65"));

    // The next registration in the office gets the next code; in English, the page in English.
    let fields = application(&csrf, "武汉澄澈远帆科技有限公司", "420111");
    let (status, location, _) = post(&server, &cookie, "/workbench/entities/new?lang=en", &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.ends_with("lang=en"), "{location}");
    let next = issued(&location);
    assert!(next.as_str()[..16] > code.as_str()[..16], "{next} after {code}");

    // Who may not register does not see the form.
    let (cookie, _, _) = crate::portal::signed_in(&client(), &server, "insp.a").await;
    let (status, _) = get(&server, &cookie, "/workbench/entities/new").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    server.stop().await.unwrap();
}

async fn a_colliding_name_is_refused_beside_the_field_with_everything_kept(store: Store) {
    let (server, existing, office) = province(&store).await;
    let (cookie, csrf, _) = crate::portal::signed_in(&client(), &server, "reg.hb").await;
    let office = office.to_string();
    for lang in ["", "?lang=en"] {
        let fields = application(&csrf, &existing, &office);
        let (status, _, html) = post(&server, &cookie, &format!("/workbench/entities/new{lang}"), &fields).await;
        assert!(status.is_client_error(), "{status}");
        let beside = error_beside(&html, "new-name").expect("the refusal beside the name");
        assert!(!beside.contains('_'), "{beside}");
        assert_eq!(value_of(&html, "new-name"), existing);
        assert_eq!(value_of(&html, "new-address"), "武汉市洪山区珞喻路100号");
        assert_eq!(value_of(&html, "new-representative"), "李明");
        assert_eq!(value_of(&html, "new-capital"), "100");
        assert_eq!(value_of(&html, "new-established"), "2026-12-01");
        let ticked: Vec<String> = html
            .select(&Selector::parse("input[name=scope][checked]").unwrap())
            .map(|e| e.value().attr("value").unwrap().to_string())
            .collect();
        assert_eq!(ticked, vec!["I0007", "M0019"]);
        let chosen = html.select(&Selector::parse("#new-office option[selected]").unwrap()).next().unwrap();
        assert_eq!(chosen.value().attr("value"), Some(office.as_str()));
    }
    // An empty form: every field's error at once, in words.
    let (status, _, html) = post(&server, &cookie, "/workbench/entities/new", &[("csrf", csrf.as_str())]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for id in
        ["new-kind", "new-office", "new-name", "new-address", "new-representative", "new-established", "new-scope"]
    {
        assert!(error_beside(&html, id).is_some(), "no error beside {id}");
    }
    // A company without its capital.
    let mut fields = application(&csrf, "武汉澄澈星图科技有限公司", "420111");
    fields.retain(|(k, _)| *k != "capital");
    let (status, _, html) = post(&server, &cookie, "/workbench/entities/new?lang=en", &fields).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_beside(&html, "new-capital").as_deref(), Some("A company registers its capital"));
    server.stop().await.unwrap();
}

async fn registrations_at_once_in_one_office_get_distinct_codes(store: Store) {
    let (server, _, _) = province(&store).await;
    let (cookie, csrf, _) = crate::portal::signed_in(&client(), &server, "reg.hb").await;
    let names = ["武汉澄澈星图科技有限公司", "武汉澄澈远帆软件有限公司", "武汉澄澈青禾信息有限公司"];
    let register = |name: &'static str| {
        let (server, cookie, csrf) = (&server, &cookie, &csrf);
        async move {
            let fields = application(csrf, name, "420111");
            let (status, location, _) = post(server, cookie, "/workbench/entities/new", &fields).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
            issued(&location)
        }
    };
    let (a, b, c) = tokio::join!(register(names[0]), register(names[1]), register(names[2]));
    let codes = [a, b, c];
    let distinct: std::collections::BTreeSet<&str> = codes.iter().map(|c| c.as_str()).collect();
    assert_eq!(distinct.len(), names.len(), "{codes:?}");
    for (code, name) in codes.iter().zip(names) {
        assert!(code.as_str().starts_with("91420111MA"), "{code}");
        assert_eq!(store.entity(code.as_str()).await.unwrap().unwrap().state.entity.name, name);
    }
    // In the app, without HTTP in between: the same.
    let registrar = store.account("reg.hb").await.unwrap().unwrap().actor();
    let registry = shijian_app::Registry::new(&store);
    let mut template = store.entity(codes[0].as_str()).await.unwrap().unwrap().state.entity;
    template.name = "武汉澄澈明川科技有限公司".into();
    let mut other = template.clone();
    other.name = "武汉澄澈云岫科技有限公司".into();
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());
    let (a, b) = tokio::join!(
        registry.register_issuing(&registrar, template, None, today, chrono::Utc::now()),
        registry.register_issuing(&registrar, other, None, today, chrono::Utc::now()),
    );
    let (a, b) = (a.unwrap().2, b.unwrap().2);
    assert_ne!(a, b);
    assert!(store.entity(a.as_str()).await.unwrap().is_some() && store.entity(b.as_str()).await.unwrap().is_some());
    server.stop().await.unwrap();
}

/// Waits (up to 5 s) for the script `ready` to be true in `tab`.
async fn wait_for(browser: &mut crate::cdp::Browser, tab: &crate::cdp::Tab, ready: &str) {
    for _ in 0..50 {
        if browser.eval(tab, ready).await == json!(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("never true: {ready}");
}

/// At a desk and on a phone, in Chinese and in English: the registrar types a name that
/// collides with a registered one and sees the verdict while typing; submits and sees the
/// refusal beside the name with nothing lost; types another name and registers; the new
/// entity's page shows its code.
async fn registration_is_walked_to_its_end_in_chromium(store: Store) {
    let Some(chromium) = crate::browser::chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, existing, office) = province(&store).await;
    let mut browser = crate::cdp::Browser::start(&chromium).await;
    let fixed = [
        ["武汉澄澈星图科技有限公司", "武汉澄澈远帆科技有限公司"],
        ["武汉澄澈青禾科技有限公司", "武汉澄澈明川科技有限公司"],
    ];
    for (w, width) in crate::browser::WIDTHS.into_iter().enumerate() {
        let tab = browser.tab(width).await;
        crate::browser::sign_in(&mut browser, &tab, &server, "reg.hb", &backend).await;
        for (l, lang) in ["", "?lang=en"].into_iter().enumerate() {
            let name = format!("new-{}", if lang.is_empty() { "zh" } else { "en" });
            browser.open(&tab, &server.url(&format!("/workbench/entities/new{lang}"))).await;
            crate::browser::look(&mut browser, &tab, &format!("{name}-form"), &backend).await;
            browser.choose(&tab, "#new-kind", "limited_company").await;
            browser.choose(&tab, "#new-office", &office.to_string()).await;
            browser.type_into(&tab, "#new-name", &existing).await;
            // The verdict under the field while typing: refused.
            wait_for(
                &mut browser,
                &tab,
                "document.getElementById('name-verdict').classList.contains('verdict-refuse')",
            )
            .await;
            let verdict = browser.eval(&tab, "document.getElementById('name-verdict').textContent").await;
            assert!(!verdict.as_str().unwrap().is_empty());
            crate::browser::look(&mut browser, &tab, &format!("{name}-verdict"), &backend).await;
            browser.type_into(&tab, "#new-address", "武汉市洪山区珞喻路100号").await;
            browser.type_into(&tab, "#new-representative", "李明").await;
            browser.type_into(&tab, "#new-capital", "100").await;
            browser.click(&tab, "document.querySelector('#scope-i summary')").await;
            browser.click(&tab, "document.querySelector('input[name=scope][value=I0007]')").await;
            browser.click_and_wait(&tab, "document.querySelector('#new-form button[type=submit]')").await;
            // Refused beside the name, nothing lost.
            let beside = browser.eval(&tab, "document.getElementById('err-new-name').textContent").await;
            assert!(!beside.as_str().unwrap().is_empty(), "{beside}");
            let kept = browser
                .eval(
                    &tab,
                    "[document.getElementById('new-name').value, document.getElementById('new-address').value, \
                     document.getElementById('new-representative').value, document.getElementById('new-capital').value, \
                     document.getElementById('new-office').value, document.getElementById('new-kind').value, \
                     document.querySelector('input[name=scope][value=I0007]').checked]",
                )
                .await;
            assert_eq!(
                kept,
                json!([
                    existing,
                    "武汉市洪山区珞喻路100号",
                    "李明",
                    "100",
                    office.to_string(),
                    "limited_company",
                    true
                ])
            );
            crate::browser::look(&mut browser, &tab, &format!("{name}-refused"), &backend).await;
            // Another name: accepted while typing, then registered.
            browser.type_into(&tab, "#new-name", fixed[w][l]).await;
            wait_for(
                &mut browser,
                &tab,
                "!document.getElementById('name-verdict').classList.contains('verdict-refuse') && document.getElementById('name-verdict').className.includes('verdict-')",
            )
            .await;
            browser.click_and_wait(&tab, "document.querySelector('#new-form button[type=submit]')").await;
            let location = browser.location(&tab).await;
            assert!(location.starts_with("/workbench/entities/9"), "{location}");
            let code = browser.eval(&tab, "document.getElementById('uscc').textContent").await;
            let code = Uscc::parse(code.as_str().unwrap()).unwrap();
            assert_eq!(&code.as_str()[2..8], office.to_string());
            let notice = browser.eval(&tab, "document.getElementById('notice').textContent").await;
            let notice = notice.as_str().unwrap().to_string();
            assert_eq!(notice.contains("unified social credit code"), !lang.is_empty(), "{notice}");
            crate::browser::look(&mut browser, &tab, &format!("{name}-registered"), &backend).await;
        }
    }
    drop(browser);
    server.stop().await.unwrap();
}
