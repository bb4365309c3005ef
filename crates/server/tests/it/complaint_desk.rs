//! The 12315 pages on both backends: the handlers' workbench (worklist with deadlines, a
//! complaint with its step forms, the narrative with personal data removed, the analysis with
//! its draft warnings and charts), the case officers' clues, the enterprise's ODR page, and
//! the public warnings page — the forms posted as a browser posts them, and the pages rendered
//! in a real headless Chromium.

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use shijian_app::Registry;
use shijian_app::accounts::Accounts;
use shijian_app::complaints::Complaints;
use shijian_core::account::Account;
use shijian_core::complaint::{Business, Channel, Intake, Kind, Party};
use shijian_core::event::{Actor, Role};
use shijian_core::{Calendar, DivisionCode, Uscc};
use shijian_server::Limits;
use shijian_store::Store;
use shijian_synth::complaint::{Business as Shop, History, daily_counts};

use crate::api::{at, company, d, signer};
use crate::start;

shijian_store::conformance!(handlers_enterprises_and_the_public_use_the_12315_pages);

fn office(code: &str) -> DivisionCode {
    DivisionCode::parse(code).unwrap()
}

/// Three years of synthetic complaints up to `as_of` about shops in Wuhan and Yichang.
async fn history(store: &Store, as_of: chrono::NaiveDate) {
    let shops: Vec<Shop> = ["420102", "420106", "420111", "420502", "420503", "420506"]
        .iter()
        .cycle()
        .take(60)
        .enumerate()
        .map(|(i, c)| Shop {
            uscc: Uscc::compose('9', '2', c, &format!("MA{i:06}")).unwrap().to_string(),
            name: format!("某某商行{i}"),
            address: String::new(),
            authority: office(c),
        })
        .collect();
    let cal = Calendar::builtin();
    let h = History::new(5, &shops, &cal, as_of);
    let from = as_of.checked_sub_months(chrono::Months::new(36)).unwrap() + chrono::Days::new(1);
    let mut serial = 0;
    let mut events = Vec::new();
    for (day, n) in daily_counts(5, 3_000, from, as_of) {
        for _ in 0..n {
            serial += 1;
            events.extend(h.item(serial, day));
        }
    }
    for chunk in events.chunks(20_000) {
        store.append(chunk).await.unwrap();
    }
}

fn intake(uscc: &str, consent: bool, odr: bool) -> Intake {
    Intake {
        kind: Kind::Complaint,
        channel: Channel::Web,
        party: Party {
            name: Some("赵敏".into()),
            phone: Some("13711112222".into()),
            address: Some("武汉市洪山区珞喻路8号".into()),
        },
        business: Business { name: "红光餐厅".into(), code: Some(uscc.into()), address: None },
        place: office("420111"),
        category: "S01".into(),
        problem: "P03".into(),
        amount: Some("168".into()),
        occurred_on: None,
        facts: "赵敏在红光餐厅用餐，结账多收了40元，电话13711112222。".into(),
        request: "退还多收的40元".into(),
        attachments: vec![],
        consent_to_publish: consent,
        odr,
    }
}

/// The value of the first `name="<field>"` input after `marker` in `html`.
fn input_after(html: &str, marker: &str, field: &str) -> String {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker} in the page"));
    let rest = &html[at..];
    let at = rest.find(&format!("name=\"{field}\" value=\"")).unwrap_or_else(|| panic!("no {field} after {marker}"));
    let rest = &rest[at + field.len() + 15..];
    unescape(&rest[..rest.find('"').unwrap()])
}

fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text of the first `<textarea name="<field>"…>` after `marker`.
fn textarea_after(html: &str, marker: &str, field: &str) -> String {
    let at = html.find(marker).unwrap();
    let rest = &html[at..];
    let at = rest.find(&format!("<textarea name=\"{field}\"")).unwrap();
    let rest = &rest[at..];
    let open = rest.find('>').unwrap() + 1;
    unescape(&rest[open..rest.find("</textarea>").unwrap()])
}

async fn handlers_enterprises_and_the_public_use_the_12315_pages(store: Store) {
    store.migrate().await.unwrap();
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());
    history(&store, today).await;
    let registrar = Actor { role: Role::Registrar, office: Some(office("420111")), pseudonym: Some("r".into()) };
    let e = company(1, "武汉红光餐饮有限公司");
    let uscc = e.uscc.to_string();
    Registry::new(&store).register(&registrar, e, None, d("2026-03-02"), at("2026-03-02")).await.unwrap();
    let accounts = Accounts::new(&store);
    let mut tokens = std::collections::HashMap::new();
    for (username, role, at_office, entity) in [
        ("h.wh", Role::ComplaintHandler, Some("420100"), None),
        ("c.wh", Role::CaseOfficer, Some("420100"), None),
        ("ent", Role::Enterprise, None, Some(uscc.as_str())),
    ] {
        let a = Account {
            username: username.into(),
            role,
            office: at_office.map(office),
            uscc: entity.map(|u| Uscc::parse(u).unwrap()),
            display_name: "测试".into(),
            disabled: false,
            pseudonym: String::new(),
        };
        accounts.create(&Actor::system(), a.clone(), "hubei2026market", at("2026-07-01")).await.unwrap();
        tokens.insert(username, accounts.issue_token(&a, "t", None, chrono::Utc::now()).await.unwrap());
    }
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let get = |path: String, who: &'static str| {
        let r = client.get(server.url(&path)).bearer_auth(&tokens[who]).send();
        async move {
            let r = r.await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            r.text().await.unwrap()
        }
    };
    let post = |path: String, who: &'static str, fields: Vec<(&'static str, String)>| {
        let r = client
            .post(server.url(&path))
            .bearer_auth(&tokens[who])
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_html_form::to_string(&fields).unwrap())
            .send();
        async move {
            let r = r.await.unwrap();
            let status = r.status();
            let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
            (status, location, r.text().await.unwrap())
        }
    };

    // The handler's page: the worklist with deadlines, the analysis with the emerging issue's
    // draft warning, the trends as charts; the workbench links to it.
    let workbench = get("/workbench".into(), "h.wh").await;
    assert!(workbench.contains("href=\"/workbench/complaints\""), "{workbench}");
    // Each part is its own page: the worklist, filtered and paged; the analysis.
    let html = get("/workbench/complaints".into(), "h.wh").await;
    assert!(html.contains("id=\"worklist\"") && html.contains("id=\"tab-analysis\""), "{html}");
    assert!(!html.contains("<polyline"), "the analysis is a page of its own: {html}");
    let rows = |html: &str| {
        html.split("id=\"worklist\"")
            .nth(1)
            .map_or(0, |t| t.split("</table>").next().unwrap().matches("<tr").count() - 1)
    };
    assert_eq!(rows(&html), 50, "a page of the worklist holds 50 rows");
    let next =
        html.split("id=\"next\" rel=\"next\" href=\"").nth(1).and_then(|s| s.split('"').next()).expect("a next page");
    let second = get(unescape(next), "h.wh").await;
    assert!(second.contains("id=\"prev\"") && second.contains("第2页"), "{second}");
    let found = |html: &str| -> usize {
        html.split("共").nth(1).and_then(|s| s.split('件').next()).and_then(|n| n.parse().ok()).unwrap()
    };
    let all = found(&html);
    let reports = get("/workbench/complaints?kind=report".into(), "h.wh").await;
    let complaints = get("/workbench/complaints?kind=complaint".into(), "h.wh").await;
    assert_eq!(found(&reports) + found(&complaints), all, "the kinds split the worklist");
    let table = |html: &str| {
        html.split("id=\"worklist\"").nth(1).unwrap_or_default().split("</table>").next().unwrap().to_string()
    };
    assert!(!table(&reports).contains(">投诉 "), "{reports}");
    let hongshan = get("/workbench/complaints?office=420111&from=2000-01-01".into(), "h.wh").await;
    assert!(found(&hongshan) < all && !table(&hongshan).contains("江汉区"), "{hongshan}");
    let html = get("/workbench/complaints/analysis".into(), "h.wh").await;
    assert!(html.contains("<polyline") && !html.contains("id=\"worklist\""), "{html}");
    assert!(html.contains("武汉市 · 教育培训服务"), "the surge's alert: {html}");

    // A complaint with consent, through the forms: accept, mediate; then its narrative.
    let me = Complaints::new(&store);
    let public = Actor { role: Role::Public, office: None, pseudonym: None };
    let filed = me.file(&public, intake(&uscc, true, false), chrono::Utc::now()).await.unwrap();
    let page = format!("/workbench/complaints?id={}", filed.id);
    let html = get(page.clone(), "h.wh").await;
    assert!(html.contains("value=\"accept\"") && html.contains("赵敏"), "the handler sees the complainant: {html}");
    let steps = "/workbench/complaints/steps".to_string();
    let (status, location, _) =
        post(steps.clone(), "h.wh", vec![("csrf", "x".into()), ("id", filed.id.clone()), ("action", "accept".into())])
            .await;
    assert_eq!((status, location.contains(&filed.id)), (StatusCode::SEE_OTHER, true));
    // Accepted today (the legal day): mediation is due 45 workdays later, marked 暂定 when it
    // counts a year whose holiday schedule is not yet published.
    let html = get(page.clone(), "h.wh").await;
    let due = Calendar::builtin().workday_deadline(shijian_core::calendar::legal_date(chrono::Utc::now()), 45).unwrap();
    let shown = html.split("id=\"due\">").nth(1).and_then(|s| s.split("</dd>").next()).unwrap_or_default();
    assert!(shown.starts_with(&due.date.to_string()), "{shown}");
    assert_eq!(shown.contains("（暂定）"), due.provisional, "{shown}");
    // A refused step shows the error on the page, with what was typed.
    let (status, _, html) =
        post(steps.clone(), "h.wh", vec![("csrf", "x".into()), ("id", filed.id.clone()), ("action", "accept".into())])
            .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("role=\"alert\""), "{html}");
    let fields = vec![
        ("csrf", "x".to_string()),
        ("id", filed.id.clone()),
        ("action", "mediated".into()),
        ("agreement", "退还多收的40元".into()),
        ("recovered", "40".into()),
    ];
    assert_eq!(post(steps.clone(), "h.wh", fields).await.0, StatusCode::SEE_OTHER);
    let html = get(page.clone(), "h.wh").await;
    let draft = textarea_after(&html, "id=\"narrative-form\"", "text");
    assert!(!draft.contains("赵敏") && !draft.contains("13711112222") && draft.contains("多收了40元"), "{draft}");
    let (status, _, html) = post(
        steps.clone(),
        "h.wh",
        vec![
            ("csrf", "x".into()),
            ("id", filed.id.clone()),
            ("action", "narrative".into()),
            ("text", "赵敏用餐被多收了40元。".into()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(html.contains("role=\"alert\"") && html.contains("赵敏用餐被多收了40元。"), "{html}");
    let fields =
        vec![("csrf", "x".into()), ("id", filed.id.clone()), ("action", "narrative".into()), ("text", draft.clone())];
    assert_eq!(post(steps.clone(), "h.wh", fields).await.0, StatusCode::SEE_OTHER);
    let entity_page = client.get(server.url(&format!("/entities/{uscc}"))).send().await.unwrap().text().await.unwrap();
    assert!(entity_page.contains("id=\"narratives\"") && entity_page.contains("多收了40元"), "{entity_page}");
    assert!(!entity_page.contains("赵敏") && !entity_page.contains("13711112222"));
    // Its verify page says what the record is, in words, not as the kind's code.
    let narrative = store
        .events_of_subject(&filed.id)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.kind == "complaint.narrative_published")
        .expect("the narrative's event");
    for (lang, label) in [("", "消费投诉信息公示"), ("?lang=en", "complaint narrative published")] {
        let url = server.url(&format!("/verify/{}{lang}", narrative.id));
        let html = client.get(url).send().await.unwrap().text().await.unwrap();
        let shown = html.split("id=\"kind\">").nth(1).and_then(|s| s.split("</dd>").next()).unwrap_or_default();
        assert_eq!(shown, label, "{html}");
    }

    // The draft warning published from its form, then on the public page.
    let html = get("/workbench/complaints/analysis".into(), "h.wh").await;
    let marker = "武汉市 · 教育培训服务";
    let mut fields = vec![("csrf", "x".to_string()), ("action", "publish".into())];
    for f in ["region", "category", "observed", "expected", "window", "title"] {
        fields.push((f, input_after(&html, marker, f)));
    }
    fields.push(("body", textarea_after(&html, marker, "body")));
    let title = fields.iter().find(|(k, _)| *k == "title").unwrap().1.clone();
    let (status, location, text) = post("/workbench/complaints/warnings".into(), "h.wh", fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{text}");
    assert!(location.contains("done=warning"));
    let warnings = client.get(server.url("/12315/warnings")).send().await.unwrap().text().await.unwrap();
    assert!(warnings.contains(&title) && warnings.contains("往年同期"), "{warnings}");

    // Clues: the daily job flags them; the case officer checks one, the handler may not.
    // The check's due day is marked 暂定 when its 15 workdays count a day of a year whose
    // schedule is not yet published (the app suite checks one flagged on 2026-12-21).
    let flag_day = today;
    let flagged = me.flag_clues(&Actor::system(), flag_day, chrono::Utc::now()).await.unwrap();
    let wuhan = flagged.iter().find(|c| office("420100").contains(c.office)).expect("a Wuhan clue");
    let html = get("/workbench/complaints/clues?status=open".into(), "c.wh").await;
    assert!(html.contains("id=\"clues\"") && html.contains(&wuhan.id), "{html}");
    let due = Calendar::builtin().workday_deadline(flag_day, 15).unwrap();
    let row = html.split(&wuhan.id).next().and_then(|s| s.rsplit("<tr").next()).unwrap_or_default();
    assert!(row.contains(&due.date.to_string()), "{row}");
    assert_eq!(row.contains("（暂定）"), due.provisional, "{row}");
    // The row names the business, not only its code.
    let whole = html.split(&wuhan.id).nth(1).and_then(|s| s.split("</tr>").next()).unwrap_or_default();
    assert!(whole.contains("某某商行"), "{whole}");
    // The decision has no default: nothing is chosen until the officer chooses.
    let form =
        html.split(&format!("name=\"clue\" value=\"{}\"", wuhan.id)).nth(1).unwrap().split("</form>").next().unwrap();
    assert!(form.contains("<option value=\"\" selected>请选择</option>") && form.contains("required"), "{form}");
    assert!(!form.contains("value=\"yes\" selected") && !form.contains("value=\"no\" selected"), "{form}");
    assert!(!html.contains("id=\"worklist\""), "a case officer has no complaint worklist");
    let not_mine = get("/workbench/complaints".into(), "c.wh").await;
    assert!(not_mine.contains("id=\"not-yours\"") && !not_mine.contains("id=\"worklist\""), "{not_mine}");
    // Sent without a choice, the decision is refused, the error beside the field, the reason kept.
    let unchosen = vec![
        ("csrf", "x".into()),
        ("action", "decide".into()),
        ("clue", wuhan.id.clone()),
        ("filed", String::new()),
        ("reason", "涉嫌价格违法，立案".into()),
    ];
    let (status, _, html) = post("/workbench/complaints/clues".into(), "c.wh", unchosen).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    let form =
        html.split(&format!("name=\"clue\" value=\"{}\"", wuhan.id)).nth(1).unwrap().split("</form>").next().unwrap();
    assert!(form.contains("aria-invalid=\"true\"") && form.contains("id=\"filed-error\">请选择是否立案。"), "{form}");
    assert!(form.contains("value=\"涉嫌价格违法，立案\""), "{form}");
    assert!(store.events_of_subject(&wuhan.id).await.unwrap().iter().all(|e| !e.kind.contains("decided")));
    let fields = vec![
        ("csrf", "x".into()),
        ("action", "decide".into()),
        ("clue", wuhan.id.clone()),
        ("filed", "yes".into()),
        ("reason", "涉嫌价格违法，立案".into()),
    ];
    assert_eq!(post("/workbench/complaints/clues".into(), "h.wh", fields.clone()).await.0, StatusCode::FORBIDDEN);
    let (status, location, _) = post("/workbench/complaints/clues".into(), "c.wh", fields).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/workbench/complaints/clues?done=clue"));
    assert!(get("/workbench/complaints/clues?status=decided".into(), "c.wh").await.contains("已立案"));
    assert!(!get("/workbench/complaints/clues?status=open".into(), "c.wh").await.contains(&wuhan.id));

    // The enterprise joins ODR on its page, receives a complaint and answers it.
    let odr = format!("/enterprise/{uscc}/odr");
    let html = get(odr.clone(), "ent").await;
    assert!(html.contains("value=\"join\""), "{html}");
    assert_eq!(
        post(odr.clone(), "ent", vec![("csrf", "x".into()), ("action", "join".into())]).await.0,
        StatusCode::SEE_OTHER
    );
    let sent = me.file(&public, intake(&uscc, false, true), chrono::Utc::now()).await.unwrap();
    assert!(sent.odr.is_some());
    let html = get(odr.clone(), "ent").await;
    assert!(html.contains("id=\"inbox\"") && html.contains(&sent.id) && html.contains("value=\"answer\""), "{html}");
    let fields = vec![
        ("csrf", "x".into()),
        ("action", "answer".into()),
        ("id", sent.id.clone()),
        ("settled", "yes".into()),
        ("method", "退款".into()),
        ("answer", "已退还多收的40元".into()),
    ];
    assert_eq!(post(odr.clone(), "ent", fields).await.0, StatusCode::SEE_OTHER);
    assert!(get(odr.clone(), "ent").await.contains("已和解"));

    // In a real browser: the public warnings page, and the handler's page as it was served.
    if let Some(chromium) = crate::browser::chromium() {
        let profile = tempfile::tempdir().unwrap();
        let dom = crate::browser::dom(&chromium, profile.path(), &server.url("/12315/warnings"));
        assert!(dom.contains("<article class=\"warning\"") && dom.contains(&title), "{dom}");
        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("desk.html");
        std::fs::write(&saved, get(page, "h.wh").await).unwrap();
        let dom = crate::browser::dom(&chromium, profile.path(), &format!("file://{}", saved.display()));
        assert!(dom.contains("id=\"worklist\"") && dom.contains("id=\"complaint\""), "{dom}");
        std::fs::write(&saved, get("/workbench/complaints/analysis".into(), "h.wh").await).unwrap();
        let dom = crate::browser::dom(&chromium, profile.path(), &format!("file://{}", saved.display()));
        assert!(dom.contains("<polyline"), "{dom}");

        // Signed in as a person is, at a desk and on a phone: each part fits the window, and
        // none grows into a scroll of tens of thousands of pixels.
        let backend = format!("{:?}", store.backend()).to_lowercase();
        let mut browser = crate::cdp::Browser::start(&chromium).await;
        for width in crate::browser::WIDTHS {
            for (who, parts) in [
                ("h.wh", &["/workbench/complaints", "/workbench/complaints/analysis"][..]),
                ("c.wh", &["/workbench/complaints/clues"][..]),
            ] {
                let tab = browser.tab(width).await;
                crate::browser::sign_in(&mut browser, &tab, &server, who, &backend).await;
                for part in parts {
                    browser.open(&tab, &server.url(part)).await;
                    let name = part.trim_start_matches('/').replace('/', "-");
                    crate::browser::look(&mut browser, &tab, &name, &backend).await;
                    let height = browser.eval(&tab, "document.documentElement.scrollHeight").await.as_u64().unwrap();
                    let limit = if width == 1366 { 6_000 } else { 30_000 };
                    assert!(height <= limit, "{part} at {width} px is {height} px tall");
                }
            }
        }
        if let Some(tab) = Some(browser.tab(1366).await) {
            // The worklist's filters, chosen in the page: only reports remain.
            crate::browser::sign_in(&mut browser, &tab, &server, "h.wh", &backend).await;
            browser.open(&tab, &server.url("/workbench/complaints")).await;
            browser.choose(&tab, "#filters select[name=kind]", "report").await;
            browser.click_and_wait(&tab, "document.querySelector('#filters button[type=submit]')").await;
            assert!(browser.location(&tab).await.contains("kind=report"));
            let kinds = browser
                .eval(&tab, "[...document.querySelectorAll('#worklist tbody tr td:nth-child(3)')].map(td => td.innerText.split(' ')[0]).join(',')")
                .await;
            assert!(kinds.as_str().unwrap().split(',').all(|k| k == "举报"), "{kinds}");
        }
        drop(browser);
    }
    server.stop().await.unwrap();
}
