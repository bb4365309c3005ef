//! The site in a real headless Chromium (Debian `chromium`, with `fonts-noto-cjk`): the public
//! portal (search → the credit file → "verify this record", whose script checks the record
//! against the public log in the page), and forms submitted as a person would, at desk width
//! (1366 px) and on a phone (390 px), over the DevTools protocol ([`crate::cdp`]): a credit
//! officer signs in and accepts a repair request on the workbench; an enterprise signs in and
//! files its annual report; the public files a 12315 complaint with a photograph and sees the
//! receipt. On the phone no page is wider than the window.
//!
//! Screenshots of every page reached go to `$SHIJIAN_SCREENSHOTS` when it names a directory.
//!
//! Without Chromium the test is skipped with a warning, unless `SHIJIAN_REQUIRE_BROWSER=1`
//! (as in CI), which makes a missing browser a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use shijian_app::accounts::Accounts;
use shijian_app::credit::Credit;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::credit::lists::{AbnormalCause, AbnormalGround, Cure};
use shijian_core::credit::repair::{RepairFacts, RepairTarget};
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use crate::api::{at, d, province};
use crate::cdp::{Browser, Tab};

shijian_store::conformance!(
    search_then_credit_file_then_verify_in_chromium,
    staff_enterprises_and_the_public_submit_forms_in_chromium,
);

pub(crate) fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var("SHIJIAN_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "SHIJIAN_REQUIRE_BROWSER=1 but Chromium is not installed (apt-get install chromium)"
        );
        eprintln!("\n*** WARNING: browser test SKIPPED: Chromium is not installed ***\n");
    }
    found
}

/// The flags every headless Chromium of the tests starts with: no sandbox (tests run as root),
/// no GPU, and nothing that reaches the network by itself.
pub(crate) const HEADLESS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The page's DOM after its scripts ran (virtual time lets the fetches finish).
pub(crate) fn dom(chromium: &Path, profile: &Path, url: &str) -> String {
    let out = Command::new(chromium)
        .args(HEADLESS)
        .arg("--virtual-time-budget=15000")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The first `href="<prefix>…"` in `html`.
pub(crate) fn link(html: &str, prefix: &str) -> String {
    let at = html.find(&format!("href=\"{prefix}")).unwrap_or_else(|| panic!("no link to {prefix}… in {html}"));
    let rest = &html[at + 6..];
    rest[..rest.find('"').unwrap()].replace("&amp;", "&")
}

async fn search_then_credit_file_then_verify_in_chromium(store: Store) {
    let Some(chromium) = chromium() else { return };
    let (server, codes) = province(&store).await;
    let profile = tempfile::tempdir().unwrap();
    let html = dom(&chromium, profile.path(), &server.url("/search?q=%E7%BA%A2%E5%85%89")); // 红光
    assert!(html.contains("武汉红光餐饮有限公司"), "{html}");
    let entity = link(&html, "/entities/");
    assert_eq!(entity, format!("/entities/{}", codes[0]));
    let html = dom(&chromium, profile.path(), &server.url(&entity));
    assert!(html.contains("统一社会信用代码") && html.contains(&codes[0]), "{html}");
    let verify = link(&html, "/verify/");
    let html = dom(&chromium, profile.path(), &server.url(&verify));
    assert!(html.contains("data-verified=\"yes\""), "the record did not verify in the page: {html}");
    assert!(html.contains("已验证"), "{html}");
    let html = dom(&chromium, profile.path(), &server.url(&format!("{verify}?lang=en")));
    assert!(html.contains("Verified: this record is in the public log"), "{html}");
    // Someone with access to the database alters the record: the page says so.
    let guards = match store.backend() {
        shijian_store::Backend::Sqlite => "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;",
        shijian_store::Backend::Postgres => "DROP TRIGGER event_immutable ON event;",
    };
    store.danger_execute_sql(guards).await.unwrap();
    store.danger_execute_sql("UPDATE event SET record = replace(record, '红光', '红日') WHERE seq = 0").await.unwrap();
    let html = dom(&chromium, profile.path(), &server.url(&verify));
    assert!(html.contains("data-verified=\"no\""), "an altered record verified: {html}");
    assert!(html.contains("未能验证"), "{html}");
    server.stop().await.unwrap();
}

pub(crate) const PASSWORD: &str = "hubei2026market";

/// The two window widths every journey is taken at: a desk and a phone.
pub(crate) const WIDTHS: [u32; 2] = [1366, 390];

/// Checks what a person sees of the page: loaded at `path`, not wider than the window, and (when
/// asked) its screenshot kept as `<name>-<width>.png`.
pub(crate) async fn look(browser: &mut Browser, tab: &Tab, name: &str, backend: &str) {
    let (scroll, inner) = browser.widths(tab).await;
    let location = browser.location(tab).await;
    // On a phone Chromium widens the layout viewport to a page that overflows, so the page is
    // measured against the window's own width too.
    let window = u64::from(tab.width);
    assert!(
        scroll <= inner && inner <= window,
        "{location} at {window} px is {scroll} px wide (layout viewport {inner} px): wider than the window"
    );
    let png = browser.screenshot(tab).await;
    assert!(png.starts_with(b"\x89PNG"), "a PNG of {location}");
    if let Some(dir) = std::env::var_os("SHIJIAN_SCREENSHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(format!("{backend}-{name}-{}.png", tab.width)), png).unwrap();
    }
}

/// Signs in through the sign-in page, as a person types and clicks.
pub(crate) async fn sign_in(browser: &mut Browser, tab: &Tab, server: &crate::Running, username: &str, backend: &str) {
    browser.open(tab, &server.url("/signin")).await;
    look(browser, tab, "signin", backend).await;
    browser.type_into(tab, "#username", username).await;
    browser.type_into(tab, "#password", PASSWORD).await;
    browser.click_and_wait(tab, "document.querySelector('form.signin button[type=submit]')").await;
}

async fn staff_enterprises_and_the_public_submit_forms_in_chromium(store: Store) {
    let Some(chromium) = chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, codes) = province(&store).await;
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
    // Both entities of the test province are active: each has its own account, is on the
    // abnormal list and has asked for repair (one matter for each window width).
    let credit = Credit::new(&store);
    for (i, code) in codes.iter().enumerate() {
        let enterprise = Account {
            username: format!("enterprise.{i}"),
            role: Role::Enterprise,
            office: None,
            uscc: Some(shijian_core::Uscc::parse(code).unwrap()),
            display_name: "企业".into(),
            disabled: false,
            pseudonym: String::new(),
        };
        accounts.create(&Actor::system(), enterprise, PASSWORD, at("2026-11-01")).await.unwrap();
        let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-11-02") };
        credit.list_abnormal(&officer.actor(), code, unreachable, d("2026-11-03"), at("2026-11-03")).await.unwrap();
        let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
        let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
        let facts = RepairFacts { commitment: true, cure: Some(Cure::ContactRestored), early: None, penalty: None };
        let reference = format!("XF-{i}");
        credit.request_repair(&itself, code, &reference, target, &facts, None, at("2026-11-20")).await.unwrap();
    }
    // A photograph of the receipt, for the complaint (a PNG of one pixel).
    let files = tempfile::tempdir().unwrap();
    let photo = files.path().join("小票.png");
    std::fs::write(&photo, PIXEL_PNG).unwrap();

    let mut browser = Browser::start(&chromium).await;
    for (i, width) in WIDTHS.into_iter().enumerate() {
        // A credit officer signs in and accepts a repair request from the worklist.
        let tab = browser.tab(width).await;
        sign_in(&mut browser, &tab, &server, "credit.wuhan", &backend).await;
        assert_eq!(browser.location(&tab).await, "/workbench");
        let text = browser.text(&tab).await;
        assert!(text.contains("武汉市信用科") && text.contains(&format!("XF-{i}")), "{text}");
        look(&mut browser, &tab, "workbench", &backend).await;
        let size = store.log_size().await.unwrap();
        let accept = format!(
            "[...document.querySelectorAll('#worklist tr')].find(r => r.textContent.includes('XF-{i}'))\
             .querySelector('input[name=step][value=accept]').form.querySelector('button[type=submit]')"
        );
        browser.click_and_wait(&tab, &accept).await;
        assert_eq!(browser.location(&tab).await, "/workbench");
        assert_eq!(store.log_size().await.unwrap(), size + 1, "the step is in the journal");
        let row = browser
            .eval(
                &tab,
                &format!(
                    "[...document.querySelectorAll('#worklist tr')].find(r => r.textContent.includes('XF-{i}')).innerText"
                ),
            )
            .await;
        assert!(row.as_str().unwrap().contains("作出决定"), "the repair waits for a decision now: {row}");
        look(&mut browser, &tab, "workbench-accepted", &backend).await;

        // The enterprise signs in to its own page and files its annual report (the filing day
        // is the server's).
        let tab = browser.tab(width).await;
        let code = &codes[i];
        sign_in(&mut browser, &tab, &server, &format!("enterprise.{i}"), &backend).await;
        assert_eq!(browser.location(&tab).await, format!("/enterprise/{code}"));
        look(&mut browser, &tab, "enterprise", &backend).await;
        browser.type_into(&tab, "#report-form input[name=year]", "2025").await;
        browser.type_into(&tab, "#report-form input[name=address]", "武汉市洪山区珞喻路2号").await;
        browser.type_into(&tab, "#report-form input[name=postcode]", "430070").await;
        browser.type_into(&tab, "#report-form input[name=phone]", "027-87654321").await;
        browser.type_into(&tab, "#fig_total_assets", "350.5").await;
        browser.click_and_wait(&tab, "document.querySelector('#report-form button[type=submit]')").await;
        assert_eq!(browser.location(&tab).await, format!("/enterprise/{code}?done=report"));
        let text = browser.text(&tab).await;
        assert!(text.contains("年度报告已报送并公示"), "{text}");
        let file = credit.file(code).await.unwrap();
        assert!(file.reports.contains_key(&2025), "the report is filed");
        look(&mut browser, &tab, "enterprise-filed", &backend).await;

        // The public files a complaint with a photograph and sees the receipt.
        let tab = browser.tab(width).await;
        browser.open(&tab, &server.url("/12315")).await;
        look(&mut browser, &tab, "complaint-form", &backend).await;
        browser.type_into(&tab, "input[name=name]", "李华").await;
        browser.type_into(&tab, "input[name=phone]", "13800000000").await;
        browser.type_into(&tab, "input[name=business_name]", "红光餐厅").await;
        browser.choose(&tab, "select[name=place]", "420111").await;
        browser.choose(&tab, "select[name=category]", "S01").await;
        browser.click(&tab, "document.querySelector('input[name=problem][value=P03]').nextElementSibling").await;
        browser.type_into(&tab, "textarea[name=facts]", "结账时多收了二十元，要求退还未果。").await;
        browser.type_into(&tab, "textarea[name=request]", "退还多收的费用").await;
        browser.set_files(&tab, "#attachments", &[&photo]).await;
        browser.click_and_wait(&tab, "document.querySelector('#complaint-form button[type=submit]')").await;
        let text = browser.text(&tab).await;
        assert!(text.contains("已收到您的投诉举报") && text.contains("已收到 1 个"), "{text}");
        let id = browser.eval(&tab, "document.getElementById('complaint-id').textContent").await;
        let id = id.as_str().unwrap().trim().to_string();
        let tracking = browser.eval(&tab, "document.getElementById('tracking-code').textContent").await;
        assert!(!tracking.as_str().unwrap().trim().is_empty());
        let hash: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(PIXEL_PNG).into();
        assert!(store.artifact_exists(hash).await.unwrap(), "the photograph is stored");
        let complaint = store.complaint(&id).await.unwrap().unwrap_or_else(|| panic!("no complaint {id}"));
        assert_eq!(complaint.intake.attachments, vec![shijian_core::inspection::hex(&hash)]);
        look(&mut browser, &tab, "complaint-receipt", &backend).await;
    }
    drop(browser);
    server.stop().await.unwrap();
}

/// A PNG of one white pixel.
pub(crate) const PIXEL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49,
    0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8, 0xff, 0xff, 0x3f, 0x00, 0x05, 0xfe, 0x02, 0xfe, 0xa7, 0x35, 0x81, 0x84,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];
