//! Enforcement over HTTP: a clue worked to a public penalty through `/api/v1/cases` by an
//! officer and a reviewer (each refused what is the other's), two officers deciding one case at
//! once (one decision, one typed conflict), the document issued and read back, and the record
//! on the public API and pages (never a person's identity number). Then the desk in a real
//! Chromium, at desk and phone widths in both languages: a clue received through the form, a
//! filing refused beside its field with everything typed kept, filed, the proposed penalty
//! computed from the benchmark and noticed; and the public penalty pages.

use reqwest::StatusCode;
use serde_json::{Value, json};
use shijian_app::accounts::Accounts;
use shijian_app::case::{Cases, NewClue, PenaltyInput, StepInput};
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::case::procedure::{Party, PartyKind, ReviewKind, ServiceMethod, Source, SourceKind};
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use crate::api::{at, d, province};
use crate::browser::{PASSWORD, WIDTHS, chromium, look, sign_in};
use crate::cdp::Browser;
use crate::journeys::speaks;

shijian_store::conformance!(
    a_clue_is_worked_to_a_public_penalty_over_the_api,
    an_officer_receives_files_and_notices_a_case_in_chromium,
    the_credit_office_lists_a_proposed_serious_entry_in_chromium,
);

/// Creates the account `username` of `role` at `office`; its actor and a token for it.
async fn staff(store: &Store, username: &str, role: Role, office: &str) -> (Actor, String) {
    let a = Account {
        username: username.into(),
        role,
        office: Some(DivisionCode::parse(office).unwrap()),
        uscc: None,
        display_name: "测试".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    let accounts = Accounts::new(store);
    accounts.create(&Actor::system(), a, PASSWORD, at("2026-11-01")).await.unwrap();
    let a = store.account(username).await.unwrap().unwrap();
    let token = accounts.issue_token(&a, "test", None, chrono::Utc::now()).await.unwrap();
    (a.actor(), token)
}

/// A clue of expired food sold by the company `name` (`uscc`), for `office`, from `kind`.
fn food_clue(office: DivisionCode, kind: SourceKind, uscc: &str, name: &str, facts: &str, on: &str) -> NewClue {
    NewClue {
        office,
        source: Source { kind, reference: None, reporter_named: false },
        party: Party {
            kind: PartyKind::Organisation,
            name: name.into(),
            entity: Some(uscc.into()),
            id_number: None,
            address: None,
        },
        facts: facts.into(),
        violation_on: Some(d(on)),
        harm: false,
        row: Some("food-expired".into()),
    }
}

/// A penalty worked to publication and an open case filed against `uscc` (named `name`), for
/// the pages that show them: by the case officer `officer` and the reviewer `reviewer` of
/// `office`, on days already past. Returns the ids (published, open).
pub(crate) async fn seed_cases(
    store: &Store,
    officer: &Actor,
    reviewer: &Actor,
    office: &str,
    uscc: &str,
    name: &str,
) -> (String, String) {
    let cases = Cases::new(store);
    let office = DivisionCode::parse(office).unwrap();
    let clue = |facts: &str| food_clue(office, SourceKind::Complaint, uscc, name, facts, "2026-10-20");
    let step = |id: String, s: StepInput, day: &'static str, who: &Actor| {
        let (cases, who) = (&cases, who.clone());
        async move { cases.step(&who, &id, s, at(day)).await.unwrap_or_else(|e| panic!("{day}: {e:?}")) }
    };
    let c = cases.receive(officer, clue("销售超过保质期的牛奶"), at("2026-11-02")).await.unwrap();
    let id = c.id.clone();
    let officers = vec!["张明".to_string(), "李华".to_string()];
    let filed = StepInput::File { approved_by: "局长".into(), officers: officers.clone(), row: None };
    step(id.clone(), filed.clone(), "2026-11-04", officer).await;
    step(id.clone(), StepInput::SubmitReview { kind: ReviewKind::Case }, "2026-11-09", officer).await;
    let review = StepInput::Review { agreed: true, opinion: "事实清楚，证据确凿".into() };
    step(id.clone(), review, "2026-11-10", reviewer).await;
    let penalty = PenaltyInput { row: "food-expired".into(), goods_value_yuan: Some(8_000), ..PenaltyInput::default() };
    step(id.clone(), StepInput::Notice { penalty }, "2026-11-11", officer).await;
    step(id.clone(), StepInput::Statement { summary: String::new(), waived: true }, "2026-11-12", officer).await;
    let decide = StepInput::Decide { penalty: None, no_penalty: None, education: None, approved_by: "局长".into() };
    step(id.clone(), decide, "2026-11-19", officer).await;
    step(id.clone(), StepInput::Serve { method: ServiceMethod::Direct }, "2026-11-20", officer).await;
    step(id.clone(), StepInput::Pay, "2026-11-25", officer).await;
    step(id.clone(), StepInput::Publish, "2026-11-26", officer).await;
    let open = cases.receive(officer, clue("未按规定公示食品经营许可证"), at("2026-11-30")).await.unwrap();
    step(open.id.clone(), filed, "2026-12-01", officer).await;
    (id, open.id)
}

/// A repeated food-safety violation decided in the heavier band against `uscc`: a penalty
/// that proposes a serious-list entry. Returns its id.
async fn seed_serious(store: &Store, officer: &Actor, reviewer: &Actor, uscc: &str, name: &str) -> String {
    use shijian_core::case::benchmark::Circumstance;
    let cases = Cases::new(store);
    let office = officer.office.unwrap();
    let clue = food_clue(office, SourceKind::Inspection, uscc, name, "再次销售超过保质期的食品", "2026-11-01");
    let id = cases.receive(officer, clue, at("2026-11-02")).await.unwrap().id;
    let step = |s: StepInput, day: &'static str, who: &Actor| {
        let (cases, who, id) = (&cases, who.clone(), id.clone());
        async move { cases.step(&who, &id, s, at(day)).await.unwrap_or_else(|e| panic!("{day}: {e:?}")) }
    };
    let filed =
        StepInput::File { approved_by: "局长".into(), officers: vec!["张明".into(), "李华".into()], row: None };
    step(filed, "2026-11-03", officer).await;
    step(StepInput::SubmitReview { kind: ReviewKind::Case }, "2026-11-04", officer).await;
    step(StepInput::Review { agreed: true, opinion: "同意".into() }, "2026-11-05", reviewer).await;
    let penalty = PenaltyInput {
        row: "food-expired".into(),
        goods_value_yuan: Some(800),
        circumstances: vec![Circumstance::Repeated],
        ..PenaltyInput::default()
    };
    step(StepInput::Notice { penalty }, "2026-11-06", officer).await;
    step(StepInput::Statement { summary: String::new(), waived: true }, "2026-11-09", officer).await;
    let decide = StepInput::Decide { penalty: None, no_penalty: None, education: None, approved_by: "局长".into() };
    step(decide, "2026-11-10", officer).await;
    id
}

async fn post(
    client: &reqwest::Client,
    server: &crate::Running,
    token: &str,
    path: &str,
    body: Value,
) -> (StatusCode, Value) {
    let r = client.post(server.url(path)).bearer_auth(token).json(&body).send().await.unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn a_clue_is_worked_to_a_public_penalty_over_the_api(store: Store) {
    let (server, codes) = province(&store).await;
    let (officer_actor, officer) = staff(&store, "case.hs", Role::CaseOfficer, "420111").await;
    let (_, second) = staff(&store, "case2.hs", Role::CaseOfficer, "420111").await;
    let (reviewer_actor, reviewer) = staff(&store, "review.hs", Role::Supervisor, "420111").await;
    let (_, outsider) = staff(&store, "case.yc", Role::CaseOfficer, "420500").await;
    let client = reqwest::Client::new();
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());
    let clue = json!({
        "office": "420111",
        "source": {"kind": "report", "reference": "JB1", "reporter_named": true},
        "party": {"kind": "natural_person", "name": "王五", "id_number": "11010519491231002X", "address": "洪山区示例路1号"},
        "facts": "王五（身份证号11010519491231002X，住洪山区示例路1号）在其摊位销售超过保质期的牛奶",
        "violation_on": today.to_string(),
        "row": "food-expired"
    });
    let (status, body) = post(&client, &server, &officer, "/api/v1/cases", clue.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_string();
    assert_eq!(body["status"], "clue");
    assert_eq!(body["next_steps"].as_array().unwrap().iter().filter(|s| *s == "file").count(), 1);
    assert!(body["clocks"]["filing_due"].is_string());
    // Another city's officer can neither receive for Hongshan nor read its cases.
    let (status, e) = post(&client, &server, &outsider, "/api/v1/cases", clue).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::FORBIDDEN, Some("access_denied")));
    let r = client.get(server.url(&format!("/api/v1/cases/{id}"))).bearer_auth(&outsider).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A bad step is a typed error and changes nothing.
    let before = store.log_size().await.unwrap();
    let (status, e) =
        post(&client, &server, &officer, &format!("/api/v1/cases/{id}/steps"), json!({"step": "pay"})).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("case_workflow")), "{e}");
    let (status, _) =
        post(&client, &server, &officer, &format!("/api/v1/cases/{id}/steps"), json!({"step": "fly"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(store.log_size().await.unwrap(), before);
    let steps = format!("/api/v1/cases/{id}/steps");
    let filed = json!({"step": "file", "approved_by": "局长", "officers": ["张明", "李华"]});
    let (status, body) = post(&client, &server, &officer, &steps, filed).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "investigating");
    assert!(body["clocks"]["decision_due"].is_string());
    // The benchmark's proposal, before anything is noticed.
    let facts = json!({"row": "food-expired", "goods_value_yuan": 8000});
    let (status, p) = post(&client, &server, &officer, &format!("/api/v1/cases/{id}/proposal"), facts.clone()).await;
    assert_eq!(status, StatusCode::OK, "{p}");
    assert_eq!((p["row"].as_str(), p["band"].as_str()), (Some("food-expired"), Some("ordinary")));
    assert!(p["explanation_zh"].as_str().unwrap().contains("一般"), "{p}");
    let (status, body) =
        post(&client, &server, &officer, &steps, json!({"step": "submit_review", "kind": "case"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The review is the reviewer's, on its own route: the officer is refused there, and the
    // reviewer may not take the officer's steps.
    let opinion = json!({"agreed": true, "opinion": "事实清楚，证据确凿"});
    let review = format!("/api/v1/cases/{id}/review");
    let (status, _) = post(&client, &server, &officer, &review, opinion.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post(&client, &server, &reviewer, &steps, json!({"step": "resume"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) =
        post(&client, &server, &officer, &steps, json!({"step": "review", "agreed": true, "opinion": "x"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = post(&client, &server, &reviewer, &review, opinion).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["review"]["agreed"], true);
    let (status, body) = post(&client, &server, &officer, &steps, json!({"step": "notice", "penalty": facts})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["notice"]["penalty"]["band"], "ordinary");
    assert_eq!(body["notice"]["hearing_offered"], true, "75,000 yuan on a person: a hearing is offered");
    let (status, body) = post(&client, &server, &officer, &steps, json!({"step": "statement", "waived": true})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A major case: the leadership's collective decision comes first, and it is in that queue.
    let r = client.get(server.url("/api/v1/cases?queue=collective")).bearer_auth(&officer).send().await.unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["items"][0]["id"], id.as_str());
    let collective = json!({"step": "collective", "members": 7, "resolution": "同意按告知的处罚作出决定"});
    let (status, body) = post(&client, &server, &officer, &steps, collective).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The desk lists it, with its limits.
    let r = client.get(server.url("/api/v1/cases?division=420111")).bearer_auth(&officer).send().await.unwrap();
    let desk: Value = r.json().await.unwrap();
    assert_eq!(desk["items"][0]["id"], id.as_str(), "{desk}");
    assert!(desk["items"][0]["next_limit"]["name"].is_string(), "{desk}");
    let r = client
        .get(server.url("/api/v1/cases?division=420111&queue=review"))
        .bearer_auth(&reviewer)
        .send()
        .await
        .unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["items"], json!([]));

    // Two officers decide at once: one decision, one typed conflict.
    let decide = json!({"step": "decide", "approved_by": "局长"});
    let (a, b) = tokio::join!(
        post(&client, &server, &officer, &steps, decide.clone()),
        post(&client, &server, &second, &steps, decide.clone())
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{a:?} {b:?}");
    let refused = if a.0 == StatusCode::CONFLICT { &a.1 } else { &b.1 };
    assert_eq!(refused["code"], "case_workflow", "{refused}");
    let r = client.get(server.url(&format!("/api/v1/cases/{id}"))).bearer_auth(&officer).send().await.unwrap();
    let case: Value = r.json().await.unwrap();
    let number = case["decision"]["number"].as_str().unwrap().to_string();
    assert!(number.starts_with("鄂洪山市监处罚〔"), "{number}");

    // The decision as a document: issued, listed, read back byte for byte.
    let (status, issued) =
        post(&client, &server, &officer, &format!("/api/v1/cases/{id}/documents"), json!({"kind": "decision"})).await;
    let font = status == StatusCode::CREATED;
    if font {
        let r = client.get(server.url(issued["href"].as_str().unwrap())).bearer_auth(&reviewer).send().await.unwrap();
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let pdf = r.bytes().await.unwrap();
        assert_eq!(shijian_documents::sha256_hex(&pdf), issued["sha256"].as_str().unwrap());
        let r = client.get(server.url(issued["href"].as_str().unwrap())).bearer_auth(&outsider).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    } else {
        assert!(std::env::var_os("SHIJIAN_REQUIRE_BROWSER").is_none(), "no CJK font: {issued}");
        assert_eq!(issued["code"], "document_font_missing", "{issued}");
    }
    // Not before its step.
    let (status, e) =
        post(&client, &server, &officer, &format!("/api/v1/cases/{id}/documents"), json!({"kind": "hearing_notice"}))
            .await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::CONFLICT, Some("case_workflow")), "{e}");

    for s in [json!({"step": "serve", "method": "direct"}), json!({"step": "pay"}), json!({"step": "publish"})] {
        let (status, body) = post(&client, &server, &officer, &steps, s).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // The public sees the record, without the person's identity number or address.
    let r = client.get(server.url("/api/v1/penalties?q=王五")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    let page: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(page["items"][0]["number"], number.as_str(), "{page}");
    assert_eq!(page["items"][0]["office_name"], "武汉市洪山区市场监督管理局");
    if font {
        assert_eq!(page["items"][0]["document_sha256"], issued["sha256"]);
    }
    let r = client.get(server.url(&format!("/api/v1/penalties/{id}"))).send().await.unwrap();
    let record = r.text().await.unwrap();
    for text in [&text, &record] {
        assert!(!text.contains("11010519491231002X") && !text.contains("示例路1号"), "{text}");
    }
    let html = client.get(server.url(&format!("/penalties/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&number) && !html.contains("11010519491231002X"), "{html}");
    assert!(html.contains("/verify/"), "the record links to its proof");
    let html = client.get(server.url("/penalties?q=王五")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("/penalties/{id}")), "{html}");
    // A cursor that is not one is a typed error.
    let r = client.get(server.url("/api/v1/penalties?after=nonsense")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Closed: off the desk, still public.
    let (status, body) =
        post(&client, &server, &officer, &steps, json!({"step": "close", "approved_by": "局长"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let r = client.get(server.url("/api/v1/cases?division=420111")).bearer_auth(&officer).send().await.unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["items"], json!([]));
    // A company's penalty is on its public credit file, in the API and on the page.
    let (published, _) =
        seed_cases(&store, &officer_actor, &reviewer_actor, "420111", &codes[0], "武汉红光餐饮有限公司").await;
    let file: Value =
        client.get(server.url(&format!("/api/v1/entities/{}", codes[0]))).send().await.unwrap().json().await.unwrap();
    assert_eq!(file["penalties"][0]["id"], published.as_str(), "{file}");
    let html = client.get(server.url(&format!("/entities/{}", codes[0]))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&format!("/penalties/{published}")), "{html}");
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
    server.stop().await.unwrap();
}

/// The element script of the submit button of the form `form` (its first, or the one named).
fn submit(form: &str, which: &str) -> String {
    format!("document.querySelector('#{form} button[type=submit]{which}')")
}

async fn an_officer_receives_files_and_notices_a_case_in_chromium(store: Store) {
    let Some(chromium) = chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, codes) = province(&store).await;
    let (officer, _) = staff(&store, "case.hs", Role::CaseOfficer, "420111").await;
    let (reviewer, _) = staff(&store, "review.hs", Role::Supervisor, "420111").await;
    let (published, _) = seed_cases(&store, &officer, &reviewer, "420111", &codes[0], "武汉红光餐饮有限公司").await;
    let mut browser = Browser::start(&chromium).await;
    for width in WIDTHS {
        for (query, lang) in [("", "zh-CN"), ("?lang=en", "en")] {
            let tab = browser.tab(width).await;
            sign_in(&mut browser, &tab, &server, "case.hs", &backend).await;
            browser.open(&tab, &server.url(&format!("/workbench{query}"))).await;
            browser.click_and_wait(&tab, "document.getElementById('cases')").await;
            assert!(browser.location(&tab).await.starts_with("/workbench/cases"));
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("case-desk-{lang}"), &backend).await;
            browser.click_and_wait(&tab, "document.getElementById('new-clue')").await;
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("case-new-{lang}"), &backend).await;
            browser.choose(&tab, "#clue-source-kind", "inspection").await;
            browser.choose(&tab, "#clue-party-kind", "organisation").await;
            browser.type_into(&tab, "#clue-party-name", "武汉蓝天科技有限公司").await;
            browser.type_into(&tab, "#clue-party-entity", &codes[1]).await;
            browser.type_into(&tab, "#clue-facts", "检查发现销售超过保质期的饮料").await;
            browser.choose(&tab, "#clue-row", "food-expired").await;
            browser.click_and_wait(&tab, &submit("clue", "")).await;
            let at = browser.location(&tab).await;
            assert!(at.starts_with("/workbench/cases/AJ"), "{at}");
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("case-clue-{lang}"), &backend).await;
            // Filing with one officer: refused beside the field, the approval kept.
            browser.eval(&tab, "document.getElementById('step-file').closest('details').open = true").await;
            browser.type_into(&tab, "#step-file-approved_by", "局长").await;
            browser.type_into(&tab, "#step-file-officers", "张明").await;
            browser.click_and_wait(&tab, &submit("step-file", "")).await;
            let beside = browser.eval(&tab, "document.getElementById('err-step-file-officers').textContent").await;
            let expected = if lang == "en" { "at least two officers" } else { "至少两名执法人员" };
            assert!(beside.as_str().unwrap().contains(expected), "{beside}");
            let kept = browser.eval(&tab, "document.getElementById('step-file-approved_by').value").await;
            assert_eq!(kept, json!("局长"));
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("case-file-refused-{lang}"), &backend).await;
            browser.type_into(&tab, "#step-file-officers", "张明，李华").await;
            browser.click_and_wait(&tab, &submit("step-file", "")).await;
            let notice = browser.eval(&tab, "document.getElementById('notice').textContent").await;
            assert!(notice.as_str().unwrap().contains(if lang == "en" { "file the case" } else { "立案" }), "{notice}");
            // The proposed penalty: computed from the benchmark, then noticed.
            browser.eval(&tab, "document.getElementById('step-notice').closest('details').open = true").await;
            browser.type_into(&tab, "#step-notice-penalty-goods_value_yuan", "8000").await;
            browser.click_and_wait(&tab, &submit("step-notice", "[name=preview]")).await;
            let proposal = browser.eval(&tab, "document.getElementById('proposal-notice').textContent").await;
            assert!(
                proposal.as_str().unwrap().contains("75,000") || proposal.as_str().unwrap().contains("75000"),
                "{proposal}"
            );
            let kept =
                browser.eval(&tab, "document.getElementById('step-notice-penalty-goods_value_yuan').value").await;
            assert_eq!(kept, json!("8000"));
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("case-proposal-{lang}"), &backend).await;
            browser.click_and_wait(&tab, &submit("step-notice", ":not([name=preview])")).await;
            let text = browser.text(&tab).await;
            assert!(
                text.contains(if lang == "en" {
                    "Statements and hearing request"
                } else {
                    "陈述、申辩和听证申请期限"
                }),
                "{text}"
            );
            // The public record of the penalty seeded, from the search to its page.
            browser.open(&tab, &server.url(&format!("/penalties{query}"))).await;
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("penalties-{lang}"), &backend).await;
            browser.click_and_wait(&tab, "document.querySelector('a.record')").await;
            assert!(browser.location(&tab).await.starts_with(&format!("/penalties/{published}")));
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("penalty-{lang}"), &backend).await;
            assert_eq!(browser.eval(&tab, "!!document.getElementById('verify')").await, json!(true));
        }
    }
    drop(browser);
    server.stop().await.unwrap();
}

/// The credit office of the city sees, on its workbench, the penalties that propose a
/// serious-list entry — the party, the decision, the field and the heavier penalty in words —
/// and lists one with the consent of the level above; the entity's public credit file then
/// shows the entry. At desk and phone widths in both languages.
async fn the_credit_office_lists_a_proposed_serious_entry_in_chromium(store: Store) {
    let Some(chromium) = chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, codes) = province(&store).await;
    let (officer, _) = staff(&store, "case.hs", Role::CaseOfficer, "420111").await;
    let (reviewer, _) = staff(&store, "review.hs", Role::Supervisor, "420111").await;
    staff(&store, "credit.wh", Role::CreditOfficer, "420100").await;
    let mut waiting = Vec::new();
    for _ in 0..4 {
        waiting.push(seed_serious(&store, &officer, &reviewer, &codes[1], "武汉蓝天科技有限公司").await);
    }
    let mut browser = Browser::start(&chromium).await;
    let mut listed = 0;
    for width in WIDTHS {
        for (query, lang) in [("", "zh-CN"), ("?lang=en", "en")] {
            let tab = browser.tab(width).await;
            sign_in(&mut browser, &tab, &server, "credit.wh", &backend).await;
            browser.open(&tab, &server.url(&format!("/workbench{query}"))).await;
            let rows = browser.eval(&tab, "document.querySelectorAll('#proposals tbody tr').length").await;
            assert_eq!(rows, json!(4 - listed));
            let text = browser.text(&tab).await;
            let words = if lang == "en" {
                ["Penalties proposing a serious-list entry", "food safety", "aggravated"]
            } else {
                ["拟列入严重违法失信名单的行政处罚", "食品安全", "从重处罚原则"]
            };
            for w in words {
                assert!(text.to_lowercase().contains(&w.to_lowercase()), "{w}: {text}");
            }
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("serious-proposals-{lang}"), &backend).await;
            browser.eval(&tab, "document.querySelector('#proposals [name=upper_level_consent]').checked = true").await;
            browser.click_and_wait(&tab, "document.querySelector('#proposals button[type=submit]')").await;
            listed += 1;
            assert!(browser.location(&tab).await.starts_with("/workbench?listed=1"));
            let done = browser.eval(&tab, "document.getElementById('done').textContent").await;
            let expected =
                if lang == "en" { "Listed on the serious list" } else { "已列入严重违法失信名单" };
            assert!(done.as_str().unwrap().contains(expected), "{done}");
            let rows = browser.eval(&tab, "document.querySelectorAll('#proposals tbody tr').length").await;
            assert_eq!(rows, json!(4 - listed));
            speaks(&mut browser, &tab, lang).await;
            look(&mut browser, &tab, &format!("serious-listed-{lang}"), &backend).await;
        }
    }
    // Every proposal listed, each under its own decision's number, on the public credit file.
    let file = shijian_app::credit::Credit::new(&store).file(&codes[1]).await.unwrap();
    assert_eq!(file.lists.serious.len(), 4);
    for id in &waiting {
        let number = store.case(id).await.unwrap().unwrap().decision.unwrap().number;
        assert!(file.lists.serious.iter().any(|e| e.decision.as_deref() == Some(number.as_str())), "{number}");
    }
    let tab = browser.tab(1366).await;
    browser.open(&tab, &server.url(&format!("/entities/{}", codes[1]))).await;
    let text = browser.text(&tab).await;
    assert!(text.contains("严重违法失信"), "{text}");
    drop(browser);
    server.stop().await.unwrap();
}
