//! 12315 over HTTP on both backends: the public form (with its errors), the receipt with the
//! tracking code, the handler's worklist, matching and steps through the API, tracking and
//! rating on the public page, attachments, and the disclosure on the business's file.

use reqwest::StatusCode;
use shijian_app::Registry;
use shijian_app::accounts::Accounts;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::{DivisionCode, Uscc};
use shijian_server::Limits;
use shijian_store::Store;

use crate::api::{at, company, d, signer};
use crate::start;

shijian_store::conformance!(
    a_complaint_goes_from_the_public_form_to_the_disclosure,
    the_public_form_takes_attachments_and_a_refused_one_stores_nothing,
);

/// The text of the element with `id` in a page (its first text run).
fn element(html: &str, id: &str) -> String {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in {html}"));
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let text: String = rest[open..].chars().take_while(|c| *c != '<').collect();
    if text.trim().is_empty() {
        // <dd id=…><strong>…</strong>
        let inner = &rest[open..];
        let open = inner.find('>').unwrap() + 1;
        return inner[open..].chars().take_while(|c| *c != '<').collect::<String>().trim().to_string();
    }
    text.trim().to_string()
}

async fn a_complaint_goes_from_the_public_form_to_the_disclosure(store: Store) {
    store.migrate().await.unwrap();
    let registrar = Actor {
        role: Role::Registrar,
        office: Some(DivisionCode::parse("420111").unwrap()),
        pseudonym: Some("r".into()),
    };
    let e = company(1, "武汉红光餐饮有限公司");
    let uscc = e.uscc.to_string();
    Registry::new(&store).register(&registrar, e, None, d("2026-03-02"), at("2026-03-02")).await.unwrap();
    let accounts = Accounts::new(&store);
    let handler = Account {
        username: "h.wh".into(),
        role: Role::ComplaintHandler,
        office: Some(DivisionCode::parse("420100").unwrap()),
        uscc: None,
        display_name: "王芳".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    accounts.create(&Actor::system(), handler.clone(), "hubei2026market", at("2026-07-01")).await.unwrap();
    let token = accounts.issue_token(&handler, "t", None, chrono::Utc::now()).await.unwrap();
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    let client = reqwest::Client::new();

    // The form.
    let form = client.get(server.url("/12315")).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let html = form.text().await.unwrap();
    assert!(html.contains("complaint-form") && html.contains("洪山区") && html.contains("餐饮和住宿服务"));
    let mut fields = vec![
        ("kind", "complaint"),
        ("name", "李华"),
        ("phone", ""),
        ("business_name", "红光餐厅"),
        ("business_address", "珞喻路"),
        ("place", "420111"),
        ("category", "S01"),
        ("problem", "P03"),
        ("amount", "268"),
        ("facts", "结账金额与菜单标价不符，多收68元。"),
        ("request", "退还多收的68元"),
    ];
    // No phone: refused with the error, what was typed kept.
    let r = client.post(server.url("/12315")).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\"") && html.contains("value=\"红光餐厅\""), "{html}");
    fields[2].1 = "13800000000";
    let r = client.post(server.url("/12315")).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let id = element(&html, "complaint-id");
    let code = element(&html, "tracking-code");
    assert!(id.starts_with("TS") && code.len() == 12, "{id} {code}");
    assert!(html.contains("洪山区"));

    // The handler's worklist, the suggestions, the steps.
    let api = |path: &str| client.get(server.url(path)).bearer_auth(&token);
    let list: serde_json::Value =
        api("/api/v1/complaints/worklist?division=420100").send().await.unwrap().json().await.unwrap();
    let item = list["items"].as_array().unwrap().iter().find(|i| i["complaint"]["id"] == id).expect("in the worklist");
    assert_eq!(item["complaint"]["status"], "received");
    assert!(item["deadlines"]["accept_due"].is_string());
    let found: serde_json::Value =
        api(&format!("/api/v1/complaints/{id}/matches")).send().await.unwrap().json().await.unwrap();
    assert_eq!(found["candidates"][0]["uscc"], uscc.as_str(), "{found}");
    let step = |body: serde_json::Value| {
        client.post(server.url(&format!("/api/v1/complaints/{id}/steps"))).bearer_auth(&token).json(&body).send()
    };
    let r = step(serde_json::json!({"step": "confirm_entity", "entity": uscc})).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = step(serde_json::json!({"step": "mediated", "agreement": "退还68元"})).await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "not accepted yet");
    assert_eq!(step(serde_json::json!({"step": "accept"})).await.unwrap().status(), StatusCode::OK);
    let r =
        step(serde_json::json!({"step": "mediated", "agreement": "商家退还68元", "recovered": "68"})).await.unwrap();
    let done: serde_json::Value = r.json().await.unwrap();
    assert_eq!(done["complaint"]["status"], "mediated");
    assert_eq!(client.get(server.url(&format!("/api/v1/complaints/{id}"))).send().await.unwrap().status(), 401);

    // The complainant follows it and rates it on the public page.
    let r = client.post(server.url("/12315/track")).form(&[("id", id.as_str()), ("code", "WRONGCODE234")]).send();
    assert_eq!(r.await.unwrap().status(), StatusCode::NOT_FOUND);
    let r = client.post(server.url("/12315/track")).form(&[("id", id.as_str()), ("code", code.as_str())]).send();
    let html = r.await.unwrap().text().await.unwrap();
    assert!(html.contains("调解成功") && html.contains("rate-form"), "{html}");
    let rate = [("id", id.as_str()), ("code", code.as_str()), ("action", "rate"), ("score", "4")];
    let html = client.post(server.url("/12315/track")).form(&rate).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("id=\"notice\"") && html.contains("4 / 5") && !html.contains("rate-form"), "{html}");

    // Attachments: stored by hash; an intake may list only what was uploaded.
    let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    let r = client.post(server.url("/api/v1/complaints/attachments")).body(png).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let hash = r.json::<serde_json::Value>().await.unwrap()["sha256"].as_str().unwrap().to_string();
    let r = client.post(server.url("/api/v1/complaints/attachments")).body("<html>").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let mut intake = serde_json::json!({
        "kind": "report", "channel": "web", "party": {}, "business": {"name": "红光餐厅", "code": uscc},
        "place": "420111", "category": "S01", "problem": "P08", "facts": "后厨卫生差", "attachments": [hash]
    });
    let r = client.post(server.url("/api/v1/complaints")).json(&intake).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    intake["attachments"] = serde_json::json!(["00".repeat(32)]);
    let r = client.post(server.url("/api/v1/complaints")).json(&intake).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Another channel needs a handler's token.
    intake["channel"] = serde_json::json!("hotline");
    intake["attachments"] = serde_json::json!([]);
    let r = client.post(server.url("/api/v1/complaints")).json(&intake).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = client.post(server.url("/api/v1/complaints")).bearer_auth(&token).json(&intake).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);

    // The disclosure: numbers only.
    let r = client.get(server.url(&format!("/api/v1/entities/{uscc}/complaints"))).send().await.unwrap();
    let text = r.text().await.unwrap();
    let dis: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!((dis["complaints"].as_u64(), dis["resolved"]["permille"].as_u64()), (Some(1), Some(1000)));
    assert_eq!(dis["mean_rating"], "4.0");
    assert!(!text.contains("李华") && !text.contains("13800000000") && !text.contains("多收68元"));
    let html = client.get(server.url(&format!("/entities/{uscc}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("id=\"complaints\"") && html.contains("100.0%") && html.contains("价格"), "{html}");
    assert!(!html.contains("李华") && !html.contains("13800000000"));
    let unknown = Uscc::compose('9', '1', "420111", "MA000077").unwrap();
    let r = client.get(server.url(&format!("/api/v1/entities/{unknown}/complaints"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    server.stop().await.unwrap();
}

/// A `multipart/form-data` body as a browser sends the form: the fields, then the files under
/// `attachments` (name, bytes).
fn multipart(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----shijianFormBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    for (file, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{file}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The public form as the page sends it (`multipart/form-data`): a file that is not a JPEG, PNG
/// or PDF is refused with the form again and nothing stored; a PDF and a file input left empty
/// are taken, the PDF stored and listed in the complaint, and the receipt says so.
async fn the_public_form_takes_attachments_and_a_refused_one_stores_nothing(store: Store) {
    store.migrate().await.unwrap();
    let server = start(store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    let client = reqwest::Client::new();
    let html = client.get(server.url("/12315")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("type=\"file\""), "{html}");
    let fields = [
        ("kind", "complaint"),
        ("name", "李华"),
        ("phone", "13800000000"),
        ("business_name", "红光餐厅"),
        ("place", "420111"),
        ("category", "S01"),
        ("problem", "P03"),
        ("facts", "结账金额与菜单标价不符，多收68元。"),
        ("request", "退还多收的68元"),
        ("occurred_on", "2026-11-20"),
    ];
    let post = |files: &[(&str, &[u8])]| {
        let (kind, body) = multipart(&fields, files);
        client.post(server.url("/12315")).header("content-type", kind).body(body).send()
    };
    let size = store.log_size().await.unwrap();
    let text: &[u8] = b"just some text, not a picture";
    let r = post(&[("note.txt", text)]).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("role=\"alert\"") && html.contains("value=\"红光餐厅\"") && html.contains("请重新选择附件"),
        "{html}"
    );
    assert_eq!(store.log_size().await.unwrap(), size, "nothing appended");
    let hash = |b: &[u8]| -> [u8; 32] { <sha2::Sha256 as sha2::Digest>::digest(b).into() };
    assert!(!store.artifact_exists(hash(text)).await.unwrap(), "nothing stored");
    // The fields are typed: a day that is not a date, or a kind the form does not offer, is
    // refused with the form again, naming the field; nothing is appended.
    for (field, wrong) in [("occurred_on", "yesterday"), ("kind", "praise")] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|&(k, v)| (k, if k == field { wrong } else { v })).collect();
        let (kind, body) = multipart(&fields, &[]);
        let r = client.post(server.url("/12315")).header("content-type", kind).body(body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{field}");
        let html = r.text().await.unwrap();
        assert!(html.contains("role=\"alert\"") && html.contains(&format!("field={field}")), "{html}");
        let r = client.post(server.url("/12315")).form(&fields).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{field}, urlencoded");
    }
    assert_eq!(store.log_size().await.unwrap(), size, "nothing appended");

    let pdf: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
    let r = post(&[("发票.pdf", pdf), ("", b"")]).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("已收到 1 个"), "{html}");
    let id = element(&html, "complaint-id");
    assert!(store.artifact_exists(hash(pdf)).await.unwrap());
    let complaint = store.complaint(&id).await.unwrap().unwrap();
    assert_eq!(complaint.intake.attachments, vec![shijian_core::inspection::hex(&hash(pdf))]);
    assert_eq!(complaint.intake.occurred_on, Some(d("2026-11-20")));
    server.stop().await.unwrap();
}
