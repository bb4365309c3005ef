//! Whole staff journeys in a real headless Chromium, at desk and phone widths, in zh-CN and in
//! English: each form is filled in and submitted as a person would, and each page reached is
//! held to its language (no raw code, no words of the other language) and to the window.
//!
//! The registrar's lifecycle form offers only the steps the entity's status allows, and a
//! terminal step (注销, 吊销, 撤销, 强制注销) is recorded only after a confirmation page that
//! states its consequences. The inspector goes from the workbench to their tasks and records a
//! result with a photograph as evidence (a file of the wrong type refused beside its field,
//! the rest kept).

use shijian_app::Registry;
use shijian_app::accounts::Accounts;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::registry::Command;
use shijian_store::Store;

use crate::api::{at, company, d, province};
use crate::browser::{WIDTHS, chromium, look, sign_in};
use crate::cdp::{Browser, Tab};

shijian_store::conformance!(
    registrar_confirms_terminal_steps_in_chromium,
    inspector_records_a_result_with_evidence_in_chromium,
);

/// The languages every journey is walked in: the query each page takes, and the page's `lang`.
const LANGS: [(&str, &str); 2] = [("", "zh-CN"), ("?lang=en", "en")];

/// Holds what the tab shows to the page's language (the walk's own checks, see `pages`).
pub(crate) async fn speaks(browser: &mut Browser, tab: &Tab, lang: &str) {
    let html = browser.eval(tab, "document.documentElement.outerHTML").await;
    let html = scraper::Html::parse_document(html.as_str().unwrap());
    let found: Vec<String> = crate::pages::visible_text(&html)
        .iter()
        .flat_map(|t| crate::pages::problems(t, lang).into_iter().map(move |p| format!("{p}: «{t}»")))
        .collect();
    let location = browser.location(tab).await;
    assert!(found.is_empty(), "{location}: {found:?}");
}

/// [`look`], but a page taller than Chromium's largest surface (16,384 px: an inspector's
/// hundred tasks on a phone) is only measured, since a screenshot of it stalls the renderer.
async fn look_tall(browser: &mut Browser, tab: &Tab, name: &str, backend: &str) {
    let height = browser.eval(tab, "document.documentElement.scrollHeight").await.as_u64().unwrap();
    if height < 15_000 {
        return look(browser, tab, name, backend).await;
    }
    let (scroll, inner) = browser.widths(tab).await;
    assert!(scroll <= inner && inner <= u64::from(tab.width), "{name} at {} px is {scroll} px wide", tab.width);
}

/// The values of the lifecycle form's list, but the empty "choose" one.
async fn offered(browser: &mut Browser, tab: &Tab) -> Vec<String> {
    let v = browser
        .eval(tab, "[...document.querySelectorAll('#lifecycle-command option')].map(o => o.value).filter(v => v)")
        .await;
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
}

/// A registrar deregisters an active company through the confirmation (going back once, the
/// choice kept), and revokes another; a page never offers what the status does not allow.
async fn registrar_confirms_terminal_steps_in_chromium(store: Store) {
    let Some(chromium) = chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, _) = province(&store).await;
    let office = DivisionCode::parse("420111").unwrap();
    let registrar = Account {
        username: "reg.hongshan".into(),
        role: Role::Registrar,
        office: Some(office),
        uscc: None,
        display_name: "洪山区登记科".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    Accounts::new(&store)
        .create(&Actor::system(), registrar.clone(), crate::browser::PASSWORD, at("2026-11-01"))
        .await
        .unwrap();
    let registry = Registry::new(&store);
    // One company per journey (width × language), and one whose licence was revoked.
    let mut codes = Vec::new();
    for n in 0..5u32 {
        let e = company(10 + n, &format!("武汉{}商贸有限公司", ["红枫", "绿洲", "白鹭", "金桥", "银杏"][n as usize]));
        codes.push(e.uscc.to_string());
        registry.register(&registrar.actor(), e, None, d("2026-03-02"), at("2026-03-02")).await.unwrap();
    }
    let revoked = codes.pop().unwrap();
    registry
        .lifecycle(
            &registrar.actor(),
            &revoked,
            &Command::Revoke { on: d("2026-04-01") },
            &Default::default(),
            at("2026-04-01"),
        )
        .await
        .unwrap();

    let mut browser = Browser::start(&chromium).await;
    let mut journey = 0;
    for width in WIDTHS {
        for (query, lang) in LANGS {
            let code = &codes[journey];
            journey += 1;
            let tab = browser.tab(width).await;
            sign_in(&mut browser, &tab, &server, "reg.hongshan", &backend).await;
            let page = format!("/workbench/entities/{code}{query}");
            browser.open(&tab, &server.url(&page)).await;
            look(&mut browser, &tab, &format!("entity-{lang}"), &backend).await;
            speaks(&mut browser, &tab, lang).await;
            // Active: no resumption, no forced deregistration, no objection.
            assert_eq!(
                offered(&mut browser, &tab).await,
                ["suspend", "start_simple_deregistration", "deregister", "revoke", "annul"]
            );
            let size = store.log_size().await.unwrap();
            browser.choose(&tab, "#lifecycle-command", "deregister").await;
            browser.eval(&tab, "document.getElementById('lifecycle-on').value = '2026-11-20'").await;
            browser.click_and_wait(&tab, "document.querySelector('#lifecycle-form button[type=submit]')").await;
            assert_eq!(browser.location(&tab).await, format!("/workbench/entities/{code}/lifecycle{query}"));
            let text = browser.text(&tab).await;
            let said = if lang == "en" { "protected for one year" } else { "1年内仍受保护" };
            assert!(text.contains(said) && text.contains("第三十一条"), "{text}");
            assert_eq!(store.log_size().await.unwrap(), size, "nothing recorded before the confirmation");
            look(&mut browser, &tab, &format!("confirm-{lang}"), &backend).await;
            speaks(&mut browser, &tab, lang).await;
            if journey == 1 {
                // Back to the form: the choice and the date are kept, nothing recorded.
                browser.click_and_wait(&tab, "document.getElementById('back')").await;
                let chosen = browser.eval(&tab, "document.getElementById('lifecycle-command').value").await;
                let on = browser.eval(&tab, "document.getElementById('lifecycle-on').value").await;
                assert_eq!((chosen.as_str(), on.as_str()), (Some("deregister"), Some("2026-11-20")));
                assert_eq!(store.log_size().await.unwrap(), size);
                browser.click_and_wait(&tab, "document.querySelector('#lifecycle-form button[type=submit]')").await;
            }
            browser.click_and_wait(&tab, "document.getElementById('confirm')").await;
            assert_eq!(
                browser.location(&tab).await,
                format!("/workbench/entities/{code}?done=1{}", query.replace('?', "&"))
            );
            assert_eq!(store.log_size().await.unwrap(), size + 1, "the confirmed step is in the journal");
            let status = browser.eval(&tab, "document.getElementById('status').textContent").await;
            assert_eq!(status.as_str(), Some(if lang == "en" { "deregistered" } else { "注销" }));
            // Deregistered: nothing more to offer, no change form.
            let forms = browser.eval(&tab, "[!!document.getElementById('lifecycle-form'), !!document.getElementById('change-form'), !!document.getElementById('nothing-to-do')]").await;
            assert_eq!(forms, serde_json::json!([false, false, true]));
            look(&mut browser, &tab, &format!("deregistered-{lang}"), &backend).await;
            speaks(&mut browser, &tab, lang).await;
        }
    }
    // The revoked company: only deregistration, annulment and the forced deregistration's
    // notice; the annulment asks for confirmation too, naming its own consequences.
    let tab = browser.tab(1366).await;
    sign_in(&mut browser, &tab, &server, "reg.hongshan", &backend).await;
    browser.open(&tab, &server.url(&format!("/workbench/entities/{revoked}"))).await;
    assert_eq!(offered(&mut browser, &tab).await, ["deregister", "annul", "notice_forced_deregistration"]);
    browser.choose(&tab, "#lifecycle-command", "annul").await;
    browser.click_and_wait(&tab, "document.querySelector('#lifecycle-form button[type=submit]')").await;
    let text = browser.text(&tab).await;
    assert!(text.contains("3年内不得再次申请") && text.contains("第四十条"), "{text}");
    speaks(&mut browser, &tab, "zh-CN").await;
    drop(browser);
    server.stop().await.unwrap();
}

/// An inspector signs in, goes from the workbench's menu to their tasks, sends a result with a
/// file that is no picture (refused beside the evidence field, the findings and the category
/// kept), then with a PNG: the result is recorded with the file's hash and the task lists it.
async fn inspector_records_a_result_with_evidence_in_chromium(store: Store) {
    use shijian_core::inspection::TaskStatus;
    let Some(chromium) = chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, _) = crate::pages::seeded_province(&store).await;
    // An inspector with a task still to record.
    let inspections = shijian_app::inspection::Inspections::new(&store);
    let mut found = None;
    for name in ["insp.a", "insp.b", "insp.c"] {
        let actor = store.account(name).await.unwrap().unwrap().actor();
        let tasks = inspections.my_tasks(&actor, 100).await.unwrap();
        if let Some(t) = tasks.into_iter().find(|t| t.status == TaskStatus::Assigned) {
            found = Some((name, t.assigned.plan.clone(), t.assigned.target.clone()));
            break;
        }
    }
    let (inspector, plan, target) = found.expect("an inspector with a task to record");
    let files = tempfile::tempdir().unwrap();
    let photo = files.path().join("现场.png");
    std::fs::write(&photo, crate::browser::PIXEL_PNG).unwrap();
    let not_a_picture = files.path().join("notes.png");
    std::fs::write(&not_a_picture, "检查记录").unwrap();
    let hash: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(crate::browser::PIXEL_PNG).into();
    let hash = shijian_core::inspection::hex(&hash);

    let mut browser = Browser::start(&chromium).await;
    for width in WIDTHS {
        let tab = browser.tab(width).await;
        sign_in(&mut browser, &tab, &server, inspector, &backend).await;
        assert_eq!(browser.location(&tab).await, "/workbench", "{}", browser.text(&tab).await);
        for (query, lang) in LANGS {
            browser.open(&tab, &server.url(&format!("/workbench{query}"))).await;
            // The workbench's menu leads to the tasks (followed by its address: on a phone the
            // link may break over two lines, where a click at its box's centre misses it).
            let href = browser.eval(&tab, "document.querySelector('#menu a#inspection').getAttribute('href')").await;
            assert_eq!(href.as_str(), Some(format!("/workbench/inspection{query}").as_str()));
            browser.open(&tab, &server.url(href.as_str().unwrap())).await;
            assert_eq!(browser.location(&tab).await, format!("/workbench/inspection{query}"));
            look_tall(&mut browser, &tab, &format!("tasks-{lang}"), &backend).await;
            speaks(&mut browser, &tab, lang).await;
            let row =
                format!("[...document.querySelectorAll('#my-tasks tr')].find(r => r.textContent.includes('{target}'))");
            // The task's result form opens from its row.
            browser.click(&tab, &format!("{row}.querySelector('details.record summary')")).await;
            let id = |field: &str| format!("{row}.querySelector('[name={field}]').id");
            let findings = browser.eval(&tab, &id("findings")).await.as_str().unwrap().to_string();
            let category = browser.eval(&tab, &id("category")).await.as_str().unwrap().to_string();
            let evidence = browser.eval(&tab, &format!("{row}.querySelector('input[type=file][multiple]').id")).await;
            let evidence = evidence.as_str().unwrap().to_string();
            let accept = browser.eval(&tab, &format!("{row}.querySelector('input[capture]').accept")).await;
            assert_eq!(accept.as_str(), Some("image/jpeg,image/png"));
            browser.type_into(&tab, &format!("#{findings}"), "压力表未校验，已责令改正").await;
            browser.choose(&tab, &format!("#{category}"), "ordered_to_correct").await;
            browser.set_files(&tab, &format!("#{evidence}"), &[&not_a_picture]).await;
            let size = store.log_size().await.unwrap();
            browser.click_and_wait(&tab, &format!("{row}.querySelector('form.record button[type=submit]')")).await;
            assert_eq!(store.log_size().await.unwrap(), size, "nothing recorded");
            let beside = browser
                .eval(&tab, &format!("document.getElementById(document.getElementById('{evidence}').getAttribute('aria-describedby')).textContent"))
                .await;
            let said = if lang == "en" { "Only JPEG, PNG or PDF" } else { "只能上传JPEG、PNG或PDF" };
            assert!(beside.as_str().unwrap().contains(said), "{beside}");
            let kept = browser
                .eval(
                    &tab,
                    &format!(
                        "[document.getElementById('{findings}').value, document.getElementById('{category}').value]"
                    ),
                )
                .await;
            assert_eq!(kept, serde_json::json!(["压力表未校验，已责令改正", "ordered_to_correct"]));
            look_tall(&mut browser, &tab, &format!("evidence-refused-{lang}"), &backend).await;
            speaks(&mut browser, &tab, lang).await;
            // The photograph instead: recorded with the result, listed on the task.
            browser.set_files(&tab, &format!("#{evidence}"), &[&photo]).await;
            browser.click_and_wait(&tab, &format!("{row}.querySelector('form.record button[type=submit]')")).await;
            assert_eq!(
                browser.location(&tab).await,
                format!("/workbench/inspection?done=record{}", query.replace('?', "&"))
            );
            let task = store.inspection_task(&plan, &target).await.unwrap().unwrap();
            let recorded = task.recorded.expect("the result is recorded");
            assert_eq!(
                (recorded.evidence, recorded.findings.as_str()),
                (vec![hash.clone()], "压力表未校验，已责令改正")
            );
            let listed = browser.eval(&tab, &format!("{row}.querySelector('p.evidence').textContent")).await;
            assert!(listed.as_str().unwrap().contains(&hash[..12]), "{listed}");
            look_tall(&mut browser, &tab, &format!("evidence-recorded-{lang}"), &backend).await;
            speaks(&mut browser, &tab, lang).await;
        }
    }
    // A result that calls for a case, published: the task names the enforcement clue it raised
    // and where it stands (the inspector may not open the case itself).
    let actor = store.account(inspector).await.unwrap().unwrap().actor();
    let tasks = inspections.my_tasks(&actor, 100).await.unwrap();
    let t = tasks.into_iter().find(|t| t.status == TaskStatus::Assigned).expect("a second task to record");
    let spec = inspections.plan(&t.assigned.plan).await.unwrap().spec;
    let now = chrono::Utc::now();
    let today = shijian_core::calendar::legal_date(now);
    let result = shijian_core::inspection::task::ResultRecorded {
        plan: t.assigned.plan.clone(),
        target: t.assigned.target.clone(),
        inspected_on: today.min(spec.ends_on).max(spec.starts_on),
        category: shijian_core::inspection::task::ResultCategory::FollowUp,
        findings: "现场发现超过保质期的食品".into(),
        evidence: Vec::new(),
    };
    inspections.record_result(&actor, result, now).await.unwrap();
    inspections.publish_result(&actor, &t.assigned.plan, &t.assigned.target, today, now).await.unwrap();
    for (query, lang) in LANGS {
        let tab = browser.tab(390).await;
        sign_in(&mut browser, &tab, &server, inspector, &backend).await;
        browser.open(&tab, &server.url(&format!("/workbench/inspection{query}"))).await;
        let row = format!(
            "[...document.querySelectorAll('#my-tasks tr')].find(r => r.textContent.includes('{}'))",
            t.assigned.target
        );
        let raised = browser.eval(&tab, &format!("{row}.querySelector('.case-raised').textContent")).await;
        let raised = raised.as_str().unwrap().to_string();
        let (said, status) =
            if lang == "en" { ("Raised a case clue", "clue") } else { ("已转为案件线索", "线索") };
        assert!(raised.contains(said) && raised.contains("AJ") && raised.contains(status), "{raised}");
        assert_eq!(
            browser.eval(&tab, &format!("!!{row}.querySelector('.case-raised a')")).await,
            serde_json::json!(false)
        );
        speaks(&mut browser, &tab, lang).await;
    }
    drop(browser);
    server.stop().await.unwrap();
}
