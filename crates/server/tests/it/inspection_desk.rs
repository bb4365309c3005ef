//! Random inspections on the workbench, on both backends: a plan drafted, committed to,
//! published, revealed, drawn, and a result recorded and published, each through the forms of
//! `/workbench/inspection`; a refused draft shows its error with what was typed; and the seed
//! parties' secret made by `/static/seed.js` in a real headless Chromium opens to the
//! commitment it put in the form.

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::{Value, json};
use shijian_core::inspection::{hex, seed};
use shijian_server::Limits;
use shijian_store::Store;

use crate::api::signer;
use crate::inspection::staffed_province;
use crate::start;

shijian_store::conformance!(
    a_plan_goes_through_the_workbench_forms,
    a_draw_that_staffs_nobody_says_so,
    a_draft_over_an_item_s_cap_is_refused_beside_the_ratios,
);

/// A form of the desk as a browser sends it (urlencoded, repeated keys for the items), with
/// `who`'s token: the status, where it leads and the page.
async fn post(
    server: &crate::Running,
    token: &str,
    route: &str,
    fields: &[(&str, String)],
) -> (StatusCode, Option<String>, String) {
    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let r = client
        .post(server.url(&format!("/workbench/inspection/{route}")))
        .bearer_auth(token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_html_form::to_string(fields).unwrap())
        .send()
        .await
        .unwrap();
    let status = r.status();
    let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_string());
    (status, location, r.text().await.unwrap())
}

/// A draft of the desk's form: SC-01 over the whole province, with `ratios` typed.
fn draft(ratios: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("csrf", String::new()),
        ("action", "draft".into()),
        ("title", "2026年企业公示信息抽查".into()),
        ("starts_on", "2026-07-06".into()),
        ("ends_on", "2026-12-31".into()),
        ("reveal_by", "2026-07-10".into()),
        ("items", "SC-01".into()),
        ("team_size", "2".into()),
        ("recent_days", "365".into()),
        ("trigger", "".into()),
        ("parties", "witness.hb，jiwei.hb".into()),
    ];
    fields.extend(ratios.iter().map(|(k, v)| (*k, v.to_string())));
    fields
}

/// A plan drawn when no inspector is enrolled: every task is without a team, and the page says
/// so in words, never that inspectors were assigned.
async fn a_draw_that_staffs_nobody_says_so(store: Store) {
    let tokens = staffed_province(&store).await;
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    let (status, location, html) = post(&server, &tokens["credit.hb"], "plans", &draft(&[])).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/workbench/inspection?done=draft")),
        "{html}"
    );
    let plans: Value = reqwest::get(server.url("/api/v1/inspection/plans")).await.unwrap().json().await.unwrap();
    let id = plans["items"][0]["spec"]["id"].as_str().unwrap().to_string();
    let secrets = [("witness.hb", [3u8; 32]), ("jiwei.hb", [4u8; 32])];
    for (who, secret) in &secrets {
        let party = crate::inspection::pseudonym(&store, who).await;
        let c = hex(&seed::party_commitment(&id, &party, secret));
        let fields = [("csrf", String::new()), ("action", "commit".into()), ("plan", id.clone()), ("commitment", c)];
        assert_eq!(post(&server, &tokens[who], "seed", &fields).await.0, StatusCode::SEE_OTHER);
    }
    let step = |action: &str| [("csrf", String::new()), ("action", action.to_string()), ("plan", id.clone())];
    assert_eq!(post(&server, &tokens["credit.hb"], "plans", &step("publish")).await.0, StatusCode::SEE_OTHER);
    store.sign_checkpoint(&signer()).await.unwrap().unwrap();
    for (who, secret) in &secrets {
        let mut fields = step("reveal").to_vec();
        fields.push(("secret", hex(secret)));
        assert_eq!(post(&server, &tokens[who], "seed", &fields).await.0, StatusCode::SEE_OTHER);
    }
    let (status, location, html) = post(&server, &tokens["credit.hb"], "plans", &step("draw")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let drawn: Value =
        reqwest::get(server.url(&format!("/api/v1/inspection/plans/{id}"))).await.unwrap().json().await.unwrap();
    let (n, unassigned) =
        (drawn["plan"]["draw"]["drawn"].as_u64().unwrap(), drawn["plan"]["draw"]["unassigned"].as_u64().unwrap());
    assert!(n > 0 && unassigned == n, "drawn {n}, without a team {unassigned}");
    let client = reqwest::Client::new();
    for (lang, says, never) in [
        ("", "全部任务均未组成检查组", "已抽取检查对象并分派检查人员"),
        ("&lang=en", "no task has a team", "Targets drawn and inspectors assigned"),
    ] {
        let url = server.url(&format!("{}{lang}", location.as_deref().unwrap()));
        let html = client.get(url).bearer_auth(&tokens["credit.hb"]).send().await.unwrap().text().await.unwrap();
        let notice = html.split("id=\"notice\">").nth(1).and_then(|s| s.split("</p>").next()).unwrap_or_default();
        assert!(notice.contains(says) && !notice.contains(never), "{notice}");
        assert!(!notice.contains("并已分派") && !notice.contains("each with its inspectors"), "{notice}");
    }
    server.stop().await.unwrap();
}

/// A draft whose ratios would draw more of the pool, as it is when drafted, than an item's cap
/// allows is refused at once: the reason in words beside the ratios, naming the item by its
/// name, and the whole form as typed.
async fn a_draft_over_an_item_s_cap_is_refused_beside_the_ratios(store: Store) {
    let tokens = staffed_province(&store).await;
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    // Unclassified entities, the bulk of a pool no classification has run over, all drawn.
    let fields = draft(&[("ratio_a", "0"), ("ratio_u", "100"), ("ratio_d", "1")]);
    let (status, location, html) = post(&server, &tokens["credit.hb"], "plans", &fields).await;
    assert_eq!((status, location), (StatusCode::BAD_REQUEST, None), "{html}");
    let page = scraper::Html::parse_document(&html);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let ratios = page.select(&select("fieldset.ratios")).next().expect("the ratios");
    assert_eq!(ratios.value().attr("aria-describedby"), Some("err-ratios"));
    let beside = page.select(&select("#err-ratios")).next().expect("the error beside the ratios");
    let beside = beside.text().collect::<String>();
    assert!(
        beside.contains("超过检查事项“企业公示信息情况检查”的上限5.00%") && beside.contains("请降低比例"),
        "{beside}"
    );
    assert!(!beside.contains("SC-01") && !beside.contains("inspection_cap"), "no raw code: {beside}");
    let summary = page.select(&select("#error")).next().unwrap().text().collect::<String>();
    assert_eq!(summary, "有 1 处需要更正，见各栏下方的说明。");
    let value = |id: &str| {
        page.select(&select(&format!("#{id}")))
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or_default()
            .to_string()
    };
    for (id, kept) in [
        ("plan-title", "2026年企业公示信息抽查"),
        ("plan-ratio_u", "100"),
        ("plan-ratio_d", "1"),
        ("plan-ratio_a", "0"),
        ("plan-parties", "witness.hb，jiwei.hb"),
        ("plan-ends_on", "2026-12-31"),
    ] {
        assert_eq!(value(id), kept, "{id}");
    }
    assert!(html.contains("value=\"SC-01\" checked"), "the item stays ticked");
    let plans: Value = reqwest::get(server.url("/api/v1/inspection/plans")).await.unwrap().json().await.unwrap();
    assert_eq!(plans["items"], json!([]), "nothing drafted");
    server.stop().await.unwrap();
}

async fn a_plan_goes_through_the_workbench_forms(store: Store) {
    let tokens = staffed_province(&store).await;
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let page = |who: &'static str| {
        let r = client.get(server.url("/workbench/inspection")).bearer_auth(&tokens[who]).send();
        async move {
            let r = r.await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.text().await.unwrap()
        }
    };
    // Forms as a browser sends them (urlencoded, repeated keys for the items).
    let form = |route: &str, who: &'static str, fields: Vec<(&str, String)>| {
        let body = serde_html_form::to_string(&fields).unwrap();
        let r = client
            .post(server.url(&format!("/workbench/inspection/{route}")))
            .bearer_auth(&tokens[who])
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send();
        async move {
            let r = r.await.unwrap();
            let status = r.status();
            let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_string());
            (status, location, r.text().await.unwrap())
        }
    };
    for (name, certified) in [("insp.a", true), ("insp.b", false), ("insp.c", true)] {
        let body = json!({"pseudonym": name, "office": "420000", "department": "市场监管", "certified": certified, "available": true});
        let r = client
            .post(server.url("/api/v1/inspection/inspectors"))
            .bearer_auth(&tokens["admin.hb"])
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
    }

    // The planner drafts; a class-A ratio without a trigger is refused, what was typed stays.
    let html = page("credit.hb").await;
    assert!(html.contains("id=\"draft-form\"") && html.contains("SC-01"), "{html}");
    // The ratios show their defaults, and the form says a blank is the default, not 0%.
    assert!(html.contains("name=\"ratio_b\" inputmode=\"decimal\" value=\"2\""), "{html}");
    assert!(html.contains("name=\"ratio_d\" inputmode=\"decimal\" value=\"15\""), "{html}");
    assert!(html.contains("留空即按默认比例，不是0%"), "{html}");
    let mut draft = vec![
        ("csrf", String::new()),
        ("action", "draft".into()),
        ("title", "2026年企业公示信息抽查".into()),
        ("starts_on", "2026-07-06".into()),
        ("ends_on", "2026-12-31".into()),
        ("reveal_by", "2026-07-10".into()),
        ("items", "SC-01".into()),
        ("items", "SC-02".into()),
        ("ratio_a", "1".into()),
        ("ratio_u", "5".into()),
        ("team_size", "2".into()),
        ("recent_days", "365".into()),
        ("parties", "witness.hb，jiwei.hb".into()),
    ];
    let (status, _, html) = form("plans", "credit.hb", draft.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(html.contains("id=\"error\"") && html.contains("value=\"2026年企业公示信息抽查\""), "{html}");
    assert!(html.contains("value=\"SC-01\" checked") && html.contains("value=\"SC-02\" checked"), "{html}");
    // A number input sent with what is not a number: the form again, the error beside the
    // field and what was typed kept (never a bare error body).
    let wrong =
        draft.iter().map(|(k, v)| (*k, if *k == "team_size" { "many".to_string() } else { v.clone() })).collect();
    let (status, _, body) = form("plans", "credit.hb", wrong).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("id=\"err-team_size\"") && body.contains("value=\"many\""), "{body}");
    draft.retain(|(k, _)| *k != "ratio_a");
    let (status, location, html) = form("plans", "credit.hb", draft).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/workbench/inspection?done=draft")),
        "{html}"
    );
    let plans: Value = client.get(server.url("/api/v1/inspection/plans")).send().await.unwrap().json().await.unwrap();
    let id = plans["items"][0]["spec"]["id"].as_str().unwrap().to_string();
    assert_eq!(plans["items"][0]["spec"]["items"], json!(["SC-01", "SC-02"]));
    let html = page("credit.hb").await;
    let witness = crate::inspection::pseudonym(&store, "witness.hb").await;
    assert!(html.contains(&id) && html.contains(&witness) && !html.contains("value=\"publish\""), "{html}");

    // The seed parties commit from their page (the form for it is there, with the script).
    for (who, secret) in [("witness.hb", [7u8; 32]), ("jiwei.hb", [8u8; 32])] {
        let html = page(who).await;
        assert!(html.contains(&format!("data-plan=\"{id}\"")) && html.contains("/static/seed.js"), "{html}");
        let party = crate::inspection::pseudonym(&store, who).await;
        assert!(html.contains(&format!("data-party=\"{party}\"")), "the commitment names the pseudonym: {html}");
        let c = hex(&seed::party_commitment(&id, &party, &secret));
        let fields =
            vec![("csrf", String::new()), ("action", "commit".into()), ("plan", id.clone()), ("commitment", c)];
        let (status, _, html) = form("seed", who, fields).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    }
    // A planner cannot act on the seed parties' route.
    let fields = vec![("csrf", String::new()), ("action", "commit".into()), ("plan", id.clone())];
    assert_eq!(form("seed", "credit.hb", fields).await.0, StatusCode::FORBIDDEN);

    // Publish, a checkpoint, the reveals, the draw.
    assert!(page("credit.hb").await.contains("value=\"publish\""));
    let plan_form = |action: &str| vec![("csrf", String::new()), ("action", action.to_string()), ("plan", id.clone())];
    let (status, _, html) = form("plans", "credit.hb", plan_form("publish")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    store.sign_checkpoint(&signer()).await.unwrap().unwrap();
    // A secret that does not open the party's commitment: said in words beside the secret,
    // which keeps what was typed; one that is not 64 hexadecimal digits, likewise.
    for (typed, says) in
        [(hex(&[9u8; 32]), "此随机数与您在计划公示前提交的承诺不符"), ("7".repeat(63), "请填写64位十六进制数")]
    {
        let fields =
            vec![("csrf", String::new()), ("action", "reveal".into()), ("plan", id.clone()), ("secret", typed.clone())];
        let (status, _, html) = form("seed", "witness.hb", fields).await;
        assert!(status.is_client_error(), "{status}");
        let beside = html.split("id=\"err-secret\">").nth(1).and_then(|s| s.split('<').next()).unwrap_or_default();
        assert!(beside.starts_with(says), "{beside}: {html}");
        assert!(html.contains(&format!("value=\"{typed}\" aria-invalid=\"true\"")), "{html}");
    }
    for (who, secret) in [("witness.hb", [7u8; 32]), ("jiwei.hb", [8u8; 32])] {
        assert!(page(who).await.contains("name=\"secret\""));
        let mut fields = vec![("csrf", String::new()), ("action", "reveal".into()), ("plan", id.clone())];
        fields.push(("secret", hex(&secret)));
        let (status, _, html) = form("seed", who, fields).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    }
    let (status, location, html) = form("plans", "credit.hb", plan_form("draw")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let html = page("credit.hb").await;
    assert!(html.contains("已抽取"), "{html}");
    // The notice says how many were drawn and whether each has a team, from the draw itself.
    let location = location.unwrap();
    assert_eq!(location, format!("/workbench/inspection?done=draw&plan={id}"));
    let drawn: Value =
        client.get(server.url(&format!("/api/v1/inspection/plans/{id}"))).send().await.unwrap().json().await.unwrap();
    let (n, unassigned) =
        (drawn["plan"]["draw"]["drawn"].as_u64().unwrap(), drawn["plan"]["draw"]["unassigned"].as_u64().unwrap());
    let r = client.get(server.url(&location)).bearer_auth(&tokens["credit.hb"]).send().await.unwrap();
    let html = r.text().await.unwrap();
    let notice = html.split("id=\"notice\">").nth(1).and_then(|s| s.split("</p>").next()).unwrap_or_default();
    assert!(notice.starts_with(&format!("已抽取{n}个检查对象")), "{notice}");
    assert_eq!(notice.contains("未能组成检查组"), unassigned > 0 && unassigned < n, "{notice}");
    assert!(!notice.contains("已抽取检查对象并分派检查人员"), "{notice}");

    // An inspector records a result on their list; the planner publishes it.
    let mine: Value = client
        .get(server.url("/api/v1/inspection/tasks/mine"))
        .bearer_auth(&tokens["insp.a"])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let target = mine["items"][0]["assigned"]["target"].as_str().unwrap().to_string();
    let html = page("insp.a").await;
    assert!(html.contains("id=\"my-tasks\"") && html.contains(&target), "{html}");
    let fields = vec![
        ("csrf", String::new()),
        ("action", "record".into()),
        ("plan", id.clone()),
        ("target", target.clone()),
        ("inspected_on", "2026-09-21".into()),
        ("category", "not_disclosed".into()),
        ("findings", "未公示股东出资信息".into()),
    ];
    let (status, _, html) = form("results", "insp.a", fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let html = page("credit.hb").await;
    assert!(html.contains("id=\"to-publish\"") && html.contains("2026-10-26"), "due in 20 workdays: {html}");
    let mut fields = plan_form("publish_result");
    fields.push(("target", target.clone()));
    let (status, _, html) = form("plans", "credit.hb", fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let entity = target.split('/').next().unwrap();
    let html = client.get(server.url(&format!("/entities/{entity}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("未按规定公示应当公示的信息"), "{html}");
    assert!(!html.contains("未公示股东出资信息"), "findings stay in the file");
    let verify = shijian_app::inspection::verify(&store, &id).await.unwrap();
    assert!(matches!(verify, shijian_app::inspection::Verification::Match { .. }), "{verify:?}");

    // The secret made in the browser opens to the commitment the script wrote.
    if let Some(chromium) = crate::browser::chromium() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("seed.html");
        let script = server.url("/static/seed.js");
        std::fs::write(
            &page,
            format!(
                r#"<!doctype html><meta charset="utf-8"><body>
<form data-commit data-plan="{id}" data-party="witness.hb"><button type="button" class="make-secret" hidden></button>
<output class="secret" hidden></output><input name="commitment"></form>
<script src="{script}"></script>
<script>
document.querySelector("button.make-secret").click();
setTimeout(() => document.body.setAttribute("data-commitment", document.querySelector("input[name=commitment]").value), 1000);
</script></body>"#
            ),
        )
        .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let dom = crate::browser::dom(&chromium, profile.path(), &format!("file://{}", page.display()));
        let commitment = dom.split("data-commitment=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default();
        let secret =
            dom.split("<output class=\"secret\">").nth(1).and_then(|s| s.split('<').next()).unwrap_or_default();
        assert_eq!((commitment.len(), secret.len()), (64, 64), "{dom}");
        let bytes: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&secret[2 * i..2 * i + 2], 16).unwrap()).collect();
        let expected = hex(&seed::party_commitment(&id, "witness.hb", &bytes.try_into().unwrap()));
        assert_eq!(commitment, expected);

        // The planner's page in a real browser at a desk and on a phone: the draft form with
        // its default ratios, and the draw's notice.
        let backend = format!("{:?}", store.backend()).to_lowercase();
        let mut browser = crate::cdp::Browser::start(&chromium).await;
        for width in crate::browser::WIDTHS {
            let tab = browser.tab(width).await;
            crate::browser::sign_in(&mut browser, &tab, &server, "credit.hb", &backend).await;
            browser.open(&tab, &server.url(&location)).await;
            let ratios = browser
                .eval(&tab, "['a','b','c','d','u'].map(c => document.querySelector('#draft-form input[name=ratio_' + c + ']').value).join(' ')")
                .await;
            assert_eq!(ratios.as_str(), Some("0 2 4 15 3"));
            let notice = browser.eval(&tab, "document.getElementById('notice').innerText").await;
            assert!(notice.as_str().unwrap().starts_with("已抽取"), "{notice}");
            crate::browser::look(&mut browser, &tab, "inspection-desk", &backend).await;
        }
        drop(browser);
    }
    server.stop().await.unwrap();
}
