//! Every page of a seeded province, in both languages, read as a person reads it: the public
//! pages from the home page, and each role's pages from where its sign-in lands, following the
//! site's own links (bounded: a few pages of each shape of address). A page fails when its
//! visible text holds a raw code (a snake_case token, an item code like `SC-01`, a category code
//! like `G04`), English words on a zh-CN page, or Chinese on an English page.
//!
//! What counts as visible text, and what is data. A person sees the text nodes of the body, the
//! placeholders, titles and labels of controls; not scripts, not styles, and not what stands in
//! `<code>`, `<pre>`, `<kbd>` or `<samp>` (literals such as a command or a record, the same in
//! any language) nor the text a person typed back into a `<textarea>`. The `<title>` repeats the
//! page's heading, which is checked in the body. Data keeps the language it was written in: an
//! entity's name, an address, a person's name, what a complainant wrote, a division's name, the
//! title of a law are Chinese on the English page too. The pages mark such values with the
//! `lang` attribute of their language (HTML's own way of saying "this text is Chinese"), and the
//! check holds only the text in the page's language (no `lang` of another language on the
//! element or an ancestor) to that language; the link to the other language is marked the same
//! way. Identifiers that belong to no language (a reference the enterprise chose, a pseudonym,
//! an item's number shown beside its name) are marked `translate="no"`, HTML's mark for text
//! that stays as it is in any language, and are not read. Like the catalogue's own test, an
//! English page may give a Chinese term in brackets or quotes beside its translation.
//!
//! The walk also fails on a link within the site that does not answer 200 with a page.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use scraper::{ElementRef, Html, Node};
use serde_json::{Value, json};
use shijian_app::accounts::Accounts;
use shijian_app::complaints::Complaints;
use shijian_app::credit::Credit;
use shijian_core::account::Account;
use shijian_core::complaint::{Business, Channel, Intake, Kind, Party};
use shijian_core::credit::lists::{AbnormalCause, AbnormalGround, Cure};
use shijian_core::credit::repair::{RepairFacts, RepairTarget};
use shijian_core::event::{Actor, Role};
use shijian_core::inspection::{hex, seed};
use shijian_core::{DivisionCode, Uscc};
use shijian_server::Limits;
use shijian_store::Store;

use crate::api::{at, d, signer};
use crate::inspection::{pseudonym, staffed_province};

shijian_store::conformance!(
    every_page_speaks_one_language_and_shows_no_raw_code,
    forms_show_every_error_beside_its_field_and_keep_what_was_typed,
    browsers_get_error_pages_in_the_site_s_layout_and_the_api_json,
    every_page_fits_a_phone_and_a_desk_in_chromium,
);

const PASSWORD: &str = "hubei2026market";

/// Pages of one shape of address (its path with every segment holding a digit replaced, and
/// its query's keys) that the walk opens.
const PER_SHAPE: usize = 2;
/// Pages the walk opens from one starting point at most.
const PER_START: usize = 80;

/// Latin words a zh-CN page may hold: names that are written so in Chinese too (online dispute
/// resolution, file formats, the hash function, the standards' prefixes).
const PROPER_TERMS: &[&str] = &["ODR", "JPEG", "PNG", "PDF", "SHA", "RFC", "GB", "MB", "MiB"];

/// A province with something on every page: 300 synthetic entities, a plan drawn with a
/// published result and a plan in draft, an entity on the abnormal list asking for repair, and
/// complaints about it (one with consent to publish, one in ODR); and an account of every staff
/// role and of the enterprise. Returns the server and the usernames to sign in with.
pub(crate) async fn seeded_province(store: &Store) -> (crate::Running, Vec<&'static str>) {
    let tokens = staffed_province(store).await;
    // The walks read every page as the public and as each user, more than an anonymous
    // client's burst allows: the rate limits are not what they check.
    let rate = shijian_server::ratelimit::RateLimit::off();
    let server = crate::start_with(store.clone(), signer().verifier().to_vkey(), Limits::default(), rate).await;
    let client = reqwest::Client::new();
    let post = |path: String, who: &'static str, body: Value| {
        let r = client.post(server.url(&path)).bearer_auth(&tokens[who]).json(&body).send();
        async move {
            let r = r.await.unwrap();
            let status = r.status();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    for (name, certified) in [("insp.a", true), ("insp.b", false), ("insp.c", true)] {
        let body = json!({"pseudonym": name, "office": "420000", "department": "市场监管", "certified": certified, "available": true});
        let (status, _) = post("/api/v1/inspection/inspectors".into(), "admin.hb", body).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let spec = json!({
        "id": "", "title": "2026年特种设备使用单位检查", "office": "420000",
        "starts_on": "2026-07-06", "ends_on": "2026-12-31", "items": ["SC-05"],
        "scope": {}, "ratios": {"a": 10000, "b": 10000, "c": 10000, "d": 10000, "u": 10000},
        "team_size": 2, "forbid_own_office": false, "recent_days": 365,
        "parties": ["witness.hb", "jiwei.hb"], "reveal_by": "2026-07-10"
    });
    let (status, plan) = post("/api/v1/inspection/plans".into(), "credit.hb", spec.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    let id = plan["spec"]["id"].as_str().unwrap().to_string();
    let secrets = [("witness.hb", [1u8; 32]), ("jiwei.hb", [2u8; 32])];
    for (who, s) in &secrets {
        let c = hex(&seed::party_commitment(&id, &pseudonym(store, who).await, s));
        let (status, body) =
            post(format!("/api/v1/inspection/plans/{id}/commitments"), who, json!({"commitment": c})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = post(format!("/api/v1/inspection/plans/{id}/publication"), "credit.hb", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    store.sign_checkpoint(&signer()).await.unwrap().unwrap();
    for (who, s) in &secrets {
        let (status, body) =
            post(format!("/api/v1/inspection/plans/{id}/reveals"), who, json!({"secret": hex(s)})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, drawn) = post(format!("/api/v1/inspection/plans/{id}/draw"), "credit.hb", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{drawn}");
    let page: Value = client
        .get(server.url(&format!("/api/v1/inspection/plans/{id}/tasks?limit=1")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first = page["items"][0]["assigned"].clone();
    let target = first["target"].as_str().unwrap().to_string();
    let member = first["inspectors"][0].as_str().unwrap().to_string();
    let mut member_name = "insp.a";
    for name in ["insp.a", "insp.b", "insp.c"] {
        if pseudonym(store, name).await == member {
            member_name = name;
        }
    }
    let body = json!({"inspected_on": "2026-09-21", "category": "ordered_to_correct", "findings": "定期检验过期，已责令改正", "evidence": []});
    let (status, t) = post(format!("/api/v1/inspection/plans/{id}/tasks/{target}/result"), member_name, body).await;
    assert_eq!(status, StatusCode::OK, "{t}");
    let (status, t) =
        post(format!("/api/v1/inspection/plans/{id}/tasks/{target}/publication"), "credit.hb", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{t}");
    // A second plan, in draft: its parties have a commitment to make.
    let mut draft = spec;
    draft["title"] = json!("2026年食品经营者检查");
    draft["items"] = json!(["SC-04"]);
    draft["reveal_by"] = json!("2026-12-30");
    draft["ratios"] = json!({"a": 0, "b": 200, "c": 400, "d": 1500, "u": 400});
    let (status, plan) = post("/api/v1/inspection/plans".into(), "credit.hb", draft).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");

    // The entity drawn first is active: its enterprise account, a listing with a repair
    // request, and two complaints.
    let uscc = target.split('/').next().unwrap().to_string();
    let accounts = Accounts::new(store);
    for (username, role) in [
        ("reg.hb", Role::Registrar),
        ("h.hb", Role::ComplaintHandler),
        ("c.hb", Role::CaseOfficer),
        ("ent", Role::Enterprise),
    ] {
        let enterprise = role == Role::Enterprise;
        let a = Account {
            username: username.into(),
            role,
            office: (!enterprise).then(|| DivisionCode::parse("420000").unwrap()),
            uscc: enterprise.then(|| Uscc::parse(&uscc).unwrap()),
            display_name: "测试".into(),
            disabled: false,
            pseudonym: String::new(),
        };
        accounts.create(&Actor::system(), a, PASSWORD, at("2026-07-01")).await.unwrap();
    }
    // A penalty published and a case under investigation, for the desk and the public pages.
    let case_officer = store.account("c.hb").await.unwrap().unwrap().actor();
    let reviewer = store.account("witness.hb").await.unwrap().unwrap().actor();
    crate::cases::seed_cases(store, &case_officer, &reviewer, "420111", &uscc, "武汉红光餐饮有限公司").await;
    let officer = store.account("credit.hb").await.unwrap().unwrap();
    let credit = Credit::new(store);
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-11-02") };
    credit.list_abnormal(&officer.actor(), &uscc, unreachable, d("2026-11-03"), at("2026-11-03")).await.unwrap();
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(uscc.clone()) };
    let target = RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    let facts = RepairFacts { commitment: true, cure: Some(Cure::ContactRestored), early: None, penalty: None };
    credit.request_repair(&itself, &uscc, "XF-1", target, &facts, None, at("2026-11-20")).await.unwrap();
    let complaints = Complaints::new(store);
    let public = Actor { role: Role::Public, office: None, pseudonym: None };
    for (consent, odr) in [(true, false), (false, true)] {
        let intake = Intake {
            kind: Kind::Complaint,
            channel: Channel::Web,
            party: Party {
                name: Some("赵敏".into()),
                phone: Some("13711112222".into()),
                address: Some("武汉市洪山区珞喻路8号".into()),
            },
            business: Business { name: "红光餐厅".into(), code: Some(uscc.clone()), address: None },
            place: DivisionCode::parse("420111").unwrap(),
            category: "S01".into(),
            problem: "P03".into(),
            amount: Some("168".into()),
            occurred_on: None,
            facts: "在餐厅用餐，结账多收了40元。".into(),
            request: "退还多收的40元".into(),
            attachments: vec![],
            consent_to_publish: consent,
            odr,
        };
        complaints.file(&public, intake, chrono::Utc::now()).await.unwrap();
    }
    store.sign_checkpoint(&signer()).await.unwrap();
    let users = vec!["credit.hb", "reg.hb", "insp.a", "h.hb", "c.hb", "witness.hb", "jiwei.hb", "admin.hb", "ent"];
    (server, users)
}

/// The shape of an address: its path with each segment that holds a digit as `{}` (but the
/// 12315 pages'), and its query's keys.
fn shape(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let path: Vec<&str> =
        path.split('/').map(|s| if s != "12315" && s.chars().any(|c| c.is_ascii_digit()) { "{}" } else { s }).collect();
    let keys: BTreeSet<&str> = query.split('&').filter_map(|p| p.split('=').next()).collect();
    format!("{}?{}", path.join("/"), keys.into_iter().collect::<Vec<_>>().join("&"))
}

/// The links of a page to pages of this site worth reading: not the API, the log, assets or
/// downloads.
fn links(html: &Html) -> Vec<String> {
    let a = scraper::Selector::parse("a[href]").unwrap();
    html.select(&a)
        .filter(|e| e.value().attr("download").is_none())
        .filter_map(|e| e.value().attr("href"))
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split('#').next().unwrap().to_string())
        .filter(|h| !["/api/", "/log/", "/static/"].iter().any(|p| h.starts_with(p)))
        .filter(|h| !h.contains(".xlsx") && !h.contains(".csv") && !h.contains("format="))
        .collect()
}

/// `url` in English.
fn english(url: &str) -> String {
    if url.contains("lang=en") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&lang=en")
    } else {
        format!("{url}?lang=en")
    }
}

/// `url` in Chinese: without its `lang=en`.
fn chinese(url: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let rest: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && *p != "lang=en").collect();
    if rest.is_empty() { path.to_string() } else { format!("{path}?{}", rest.join("&")) }
}

/// `text` without what stands in brackets or quotes.
fn outside_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let mut quoted = false;
    text.chars()
        .filter(|&c| {
            match c {
                '(' | '（' | '“' | '‘' => depth += 1,
                ')' | '）' | '”' | '’' => depth = depth.saturating_sub(1),
                '\'' | '"' => quoted = !quoted,
                _ => return depth == 0 && !quoted,
            }
            false
        })
        .collect()
}

fn cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3400}'..='\u{4dbf}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// Whether an element's own text is held to the page's language: not a literal, not typed
/// input, not marked as in another language.
fn in_page_language(element: ElementRef, page_lang: &str) -> bool {
    let mut node = Some(element);
    while let Some(e) = node {
        let name = e.value().name();
        let literal = matches!(name, "code" | "pre" | "kbd" | "samp" | "textarea");
        if literal || matches!(name, "title" | "script" | "style" | "noscript" | "template") {
            return false;
        }
        if e.value().attr("translate") == Some("no") {
            return false;
        }
        if let Some(lang) = e.value().attr("lang") {
            return lang.split('-').next() == page_lang.split('-').next();
        }
        node = e.parent().and_then(ElementRef::wrap);
    }
    true
}

/// The visible text of a page that is held to its language, as pieces.
pub(crate) fn visible_text(html: &Html) -> Vec<String> {
    let root = html.root_element();
    let page_lang = root.value().attr("lang").unwrap_or("zh-CN").to_string();
    let mut out = Vec::new();
    for node in root.descendants() {
        match node.value() {
            Node::Text(text) => {
                let Some(parent) = node.parent().and_then(ElementRef::wrap) else { continue };
                if in_page_language(parent, &page_lang) && !text.trim().is_empty() {
                    out.push(text.trim().to_string());
                }
            }
            Node::Element(e) => {
                let Some(element) = ElementRef::wrap(node) else { continue };
                let shown = ["placeholder", "title", "aria-label", "alt"].into_iter().filter_map(|a| e.attr(a));
                let button = (e.name() == "input" && matches!(e.attr("type"), Some("submit" | "button")))
                    .then(|| e.attr("value"))
                    .flatten();
                for text in shown.chain(button) {
                    if in_page_language(element, &page_lang) && !text.trim().is_empty() {
                        out.push(text.trim().to_string());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// What is wrong with one piece of visible text on a page in `lang` ("zh-CN" or "en").
pub(crate) fn problems(text: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    let tokens = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'));
    for token in tokens.map(|t| t.trim_matches('-')).filter(|t| !t.is_empty()) {
        let lower_snake = token.contains('_')
            && token.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && token.chars().any(|c| c.is_ascii_lowercase());
        // SC-01: an inspection item's code; G04, S01: a category's code shown alone.
        let b = token.as_bytes();
        let item_code = b.len() == 5 && b[..2].iter().all(u8::is_ascii_uppercase) && b[2] == b'-';
        let item_code = item_code && b[3..].iter().all(u8::is_ascii_digit);
        let category_code = b.len() == 3 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit);
        if lower_snake || item_code || category_code {
            out.push(format!("raw code `{token}`"));
        }
    }
    if lang == "en" {
        if outside_brackets(text).chars().any(cjk) {
            out.push("Chinese on an English page".to_string());
        }
    } else {
        // A word is a run of Latin letters alone; a run with digits in it is a code or a number.
        let runs = text.split(|c: char| !c.is_ascii_alphanumeric());
        for word in runs.filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic())) {
            if !PROPER_TERMS.contains(&word) {
                out.push(format!("English word `{word}` on a zh-CN page"));
            }
        }
    }
    out
}

/// Walks the site from `start` (signed in with `cookie`, if any) in both languages, recording
/// the problems found by address. Returns the addresses read (in Chinese).
async fn walk(
    client: &reqwest::Client,
    server: &crate::Running,
    start: &str,
    cookie: Option<&str>,
    seen: &mut BTreeSet<String>,
    found: &mut BTreeMap<String, BTreeSet<String>>,
    shapes_read: &mut BTreeSet<String>,
) -> Vec<String> {
    let mut queue = VecDeque::from([chinese(start)]);
    let mut shapes: HashMap<String, usize> = HashMap::new();
    let mut read = Vec::new();
    while let Some(url) = queue.pop_front() {
        if read.len() >= PER_START || !seen.insert(format!("{}|{url}", cookie.unwrap_or_default())) {
            continue;
        }
        let n = shapes.entry(shape(&url)).or_default();
        if *n >= PER_SHAPE {
            continue;
        }
        *n += 1;
        read.push(url.clone());
        shapes_read.insert(shape(&url).split('?').next().unwrap_or_default().to_string());
        for (page, lang) in [(url.clone(), "zh-CN"), (english(&url), "en")] {
            let mut request = client.get(server.url(&page)).header("accept", "text/html");
            if let Some(c) = cookie {
                request = request.header("cookie", c);
            }
            let r = request.send().await.unwrap();
            let status = r.status();
            let html = r.text().await.unwrap();
            if status != StatusCode::OK {
                found.entry(page.clone()).or_default().insert(format!("answers {status}"));
                continue;
            }
            let html = Html::parse_document(&html);
            let page_lang = html.root_element().value().attr("lang").unwrap_or_default();
            if page_lang != lang {
                found.entry(page.clone()).or_default().insert(format!("is in `{page_lang}`"));
            }
            for control in unlabelled(&html) {
                found.entry(page.clone()).or_default().insert(format!("a control without a label: {control}"));
            }
            for text in visible_text(&html) {
                for problem in problems(&text, lang) {
                    let snippet: String = text.chars().take(80).collect();
                    found.entry(page.clone()).or_default().insert(format!("{problem}: «{snippet}»"));
                }
            }
            if lang == "zh-CN" {
                queue.extend(links(&html).into_iter().map(|l| chinese(&l)));
            }
        }
    }
    read
}

/// The form controls of a page that a person cannot tell apart: an input (but a hidden one or
/// a button), a select or a textarea with no label of its own — none around it, none naming
/// its `id` with `for`, no `aria-label` or `aria-labelledby`. A placeholder is no label (it
/// goes when typing starts). Each is given by its markup up to its first `>`.
pub(crate) fn unlabelled(html: &Html) -> Vec<String> {
    let controls = scraper::Selector::parse("input, select, textarea").unwrap();
    let labels = scraper::Selector::parse("label[for]").unwrap();
    let named: BTreeSet<&str> = html.select(&labels).filter_map(|l| l.value().attr("for")).collect();
    let mut out = Vec::new();
    for control in html.select(&controls) {
        let e = control.value();
        if e.name() == "input" && matches!(e.attr("type"), Some("hidden" | "submit" | "button" | "reset" | "image")) {
            continue;
        }
        let aria = ["aria-label", "aria-labelledby"].iter().any(|a| e.attr(a).is_some_and(|v| !v.trim().is_empty()));
        let by_id = e.attr("id").is_some_and(|id| named.contains(id));
        let inside = control.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "label");
        if !(aria || by_id || inside) {
            let markup = control.html();
            out.push(markup.split('>').next().unwrap_or_default().to_string() + ">");
        }
    }
    out
}

/// The pages of the site as the walk finds them: for the public (`None`) and for each user, the
/// addresses read, with the problems found and the shapes of address reached.
struct Walked {
    pages: Vec<(Option<&'static str>, Vec<String>)>,
    found: BTreeMap<String, BTreeSet<String>>,
    shapes: BTreeSet<String>,
}

/// Walks the public pages from the home page (and the pages a visitor reaches by typing: the
/// 12315 form, the warnings, a name check, a search), and each user's from where their sign-in
/// lands.
async fn walk_all(server: &crate::Running, users: &[&'static str]) -> Walked {
    let client = reqwest::Client::builder().redirect(Policy::limited(5)).build().unwrap();
    let mut seen = BTreeSet::new();
    let mut found = BTreeMap::new();
    let mut shapes = BTreeSet::new();
    let mut public = Vec::new();
    for start in ["/", "/12315", "/12315/warnings", "/names/check?name=武汉星辰科技有限公司", "/search?q=有限公司"]
    {
        public.extend(walk(&client, server, start, None, &mut seen, &mut found, &mut shapes).await);
    }
    let mut pages = vec![(None, public)];
    let no_redirect = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    for user in users {
        let (cookie, _, home) = crate::portal::signed_in(&no_redirect, server, user).await;
        let read = walk(&client, server, &home, Some(&cookie), &mut seen, &mut found, &mut shapes).await;
        pages.push((Some(*user), read));
    }
    Walked { pages, found, shapes }
}

async fn every_page_speaks_one_language_and_shows_no_raw_code(store: Store) {
    let (server, users) = seeded_province(&store).await;
    let Walked { pages, found, shapes } = walk_all(&server, &users).await;
    let read: usize = pages.iter().map(|(_, p)| p.len()).sum();
    // Every template is reached.
    for shape in [
        "/",
        "/search",
        "/entities/{}",
        "/verify/{}",
        "/names/check",
        "/lists/abnormal",
        "/lists/serious",
        "/inspection",
        "/inspection/plans/{}",
        "/12315",
        "/12315/track",
        "/12315/warnings",
        "/signin",
        "/workbench",
        "/workbench/register",
        "/workbench/entities/{}",
        "/workbench/entities/new",
        "/workbench/inspection",
        "/workbench/complaints",
        "/enterprise/{}",
        "/enterprise/{}/odr",
        "/penalties",
        "/penalties/{}",
        "/workbench/cases",
        "/workbench/cases/{}",
        "/workbench/cases/new",
    ] {
        assert!(shapes.contains(shape), "the walk never reached {shape}: {shapes:?}");
    }
    assert!(read > 40, "the walk read {read} pages");
    let report: Vec<String> = found
        .iter()
        .map(|(page, problems)| format!("{page}\n    {}", problems.iter().cloned().collect::<Vec<_>>().join("\n    ")))
        .collect();
    assert!(found.is_empty(), "{} of {read} pages:\n{}", found.len(), report.join("\n"));
    server.stop().await.unwrap();
}

/// Posts a form as the signed-in `cookie`; the status and the page.
async fn post_form(server: &crate::Running, cookie: &str, path: &str, fields: &[(&str, &str)]) -> (StatusCode, Html) {
    let r = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
        .post(server.url(path))
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_html_form::to_string(fields).unwrap())
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, Html::parse_document(&r.text().await.unwrap()))
}

/// The error shown beside the input `id`: the element its `aria-describedby` names.
fn error_beside(html: &Html, id: &str) -> Option<String> {
    let input = html.select(&scraper::Selector::parse(&format!("#{id}")).unwrap()).next()?;
    let described = input.value().attr("aria-describedby")?;
    let error = html.select(&scraper::Selector::parse(&format!("#{described}")).unwrap()).next()?;
    Some(error.text().collect::<String>())
}

/// What the input `id` holds.
fn value_of(html: &Html, id: &str) -> String {
    let input = html.select(&scraper::Selector::parse(&format!("#{id}")).unwrap()).next().unwrap();
    input.value().attr("value").unwrap_or_default().to_string()
}

/// The change form and the plan form refused: every field's error at once, each beside its
/// field in words, nothing typed lost; then the app's refusal of a name, beside the name.
async fn forms_show_every_error_beside_its_field_and_keep_what_was_typed(store: Store) {
    let (server, _) = seeded_province(&store).await;
    let no_redirect = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let (cookie, csrf, _) = crate::portal::signed_in(&no_redirect, &server, "reg.hb").await;
    let register = no_redirect.get(server.url("/workbench/register")).header("cookie", &cookie).send().await.unwrap();
    let register = Html::parse_document(&register.text().await.unwrap());
    let manage = scraper::Selector::parse("a.manage").unwrap();
    let entity = register.select(&manage).next().unwrap().value().attr("href").unwrap().to_string();
    let path = format!("{entity}/change");
    let typed = [
        ("csrf", csrf.as_str()),
        ("on", "2026-02-30"),
        ("name", "红光"),
        ("address", "武汉市洪山区珞喻路9号"),
        ("representative", ""),
    ];
    let (status, html) = post_form(&server, &cookie, &path, &typed).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_beside(&html, "change-on").as_deref(), Some("请填写有效日期（年-月-日）"));
    assert_eq!((value_of(&html, "change-on"), value_of(&html, "change-name")), ("2026-02-30".into(), "红光".into()));
    assert_eq!(value_of(&html, "change-address"), "武汉市洪山区珞喻路9号");
    // In English, and with the date right: the name refused, beside the name, in words.
    let typed = [("csrf", csrf.as_str()), ("on", "2026-11-02"), ("name", "红光"), ("address", "武汉市洪山区珞喻路9号")];
    let (status, html) = post_form(&server, &cookie, &format!("{path}?lang=en"), &typed).await;
    assert!(status.is_client_error(), "{status}");
    let beside = error_beside(&html, "change-name").expect("the name's error beside it");
    assert!(beside.contains("红光") && !beside.contains("field="), "{beside}");
    assert_eq!(value_of(&html, "change-address"), "武汉市洪山区珞喻路9号");
    assert!(visible_text(&html).iter().all(|t| problems(t, "en").is_empty()), "{:?}", visible_text(&html));

    // The plan form: four fields wrong at once, everything typed kept.
    let (cookie, csrf, _) = crate::portal::signed_in(&no_redirect, &server, "credit.hb").await;
    let typed = [
        ("csrf", csrf.as_str()),
        ("action", "draft"),
        ("title", ""),
        ("starts_on", "2026-07-32"),
        ("ends_on", "2026-12-31"),
        ("reveal_by", "2026-07-10"),
        ("items", "SC-04"),
        ("ratio_b", "lots"),
        ("ratio_c", "4"),
        ("team_size", "3"),
        ("recent_days", "200"),
        ("parties", ""),
        ("trigger", "投诉集中"),
    ];
    let (status, html) = post_form(&server, &cookie, "/workbench/inspection/plans", &typed).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for (id, error) in [
        ("plan-title", "此项必填"),
        ("plan-starts_on", "请填写有效日期（年-月-日）"),
        ("plan-ratio_b", "请填写0到100之间的百分数"),
        ("plan-parties", "此项必填"),
    ] {
        assert_eq!(error_beside(&html, id).as_deref(), Some(error), "{id}");
    }
    assert_eq!(error_beside(&html, "plan-ratio_c"), None);
    for (id, kept) in [
        ("plan-ratio_b", "lots"),
        ("plan-ratio_c", "4"),
        ("plan-team_size", "3"),
        ("plan-recent_days", "200"),
        ("plan-trigger", "投诉集中"),
        ("plan-starts_on", "2026-07-32"),
    ] {
        assert_eq!(value_of(&html, id), kept, "{id}");
    }
    let ticked = scraper::Selector::parse("#draft-form input[name=items][checked]").unwrap();
    assert_eq!(html.select(&ticked).map(|e| e.value().attr("value").unwrap()).collect::<Vec<_>>(), ["SC-04"]);
    let summary = html.select(&scraper::Selector::parse("#error").unwrap()).next().unwrap().text().collect::<String>();
    assert_eq!(summary, "有 4 处需要更正，见各栏下方的说明。");

    server.stop().await.unwrap();
}

/// A browser asking for a page gets the error as a page in the site's layout, in the page's
/// language, with a way on; the API answers JSON whatever the client accepts.
async fn browsers_get_error_pages_in_the_site_s_layout_and_the_api_json(store: Store) {
    let (server, _) = seeded_province(&store).await;
    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    let page = |path: &'static str, cookie: Option<String>| {
        let mut r = client.get(server.url(path)).header("accept", "text/html,application/xhtml+xml");
        if let Some(c) = cookie {
            r = r.header("cookie", c);
        }
        async move {
            let r = r.send().await.unwrap();
            let status = r.status();
            let kind = r.headers()["content-type"].to_str().unwrap().to_string();
            (status, kind, Html::parse_document(&r.text().await.unwrap()))
        }
    };
    let text = |html: &Html| visible_text(html).join(" ");
    let (cookie, _, _) = crate::portal::signed_in(&client, &server, "ent").await;
    for (path, cookie, status, words) in [
        ("/no/such/page", None, StatusCode::NOT_FOUND, "页面不存在"),
        ("/no/such/page?lang=en", None, StatusCode::NOT_FOUND, "Not found"),
        ("/entities/91420000MA0000000X", None, StatusCode::BAD_REQUEST, "请求有误"),
        ("/workbench/register", Some(cookie.clone()), StatusCode::FORBIDDEN, "无权访问"),
        ("/workbench/register?lang=en", Some(cookie.clone()), StatusCode::FORBIDDEN, "Access denied"),
    ] {
        let (got, kind, html) = page(path, cookie).await;
        assert_eq!(got, status, "{path}");
        assert!(kind.starts_with("text/html"), "{path}: {kind}");
        let shown = text(&html);
        assert!(shown.contains(words), "{path}: {shown}");
        let lang = if path.contains("lang=en") { "en" } else { "zh-CN" };
        assert_eq!(html.root_element().value().attr("lang"), Some(lang), "{path}");
        assert!(visible_text(&html).iter().all(|t| problems(t, lang).is_empty()), "{path}: {shown}");
        // The layout: the header with the way home; asked to sign in, the way to do so.
        let links: Vec<String> = links(&html);
        assert!(links.iter().any(|l| l == "/" || l == "/?lang=en"), "{path}: {links:?}");
    }
    // A page for staff, without a session: on to the sign-in page, in the page's language.
    // The sign-in page then leads back to the page asked for.
    for (path, to) in [
        ("/workbench/complaints", "/signin?next=%2Fworkbench%2Fcomplaints"),
        ("/workbench/complaints?lang=en", "/signin?next=%2Fworkbench%2Fcomplaints%3Flang%3Den&lang=en"),
    ] {
        let r = client.get(server.url(path)).header("accept", "text/html").send().await.unwrap();
        assert_eq!((r.status(), r.headers()["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, to), "{path}");
    }
    let r = client.get(server.url("/api/v1/no/such")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    server.stop().await.unwrap();
}

/// Whether the page in `tab` fits its window; a screenshot of it kept when
/// `$SHIJIAN_SCREENSHOTS` names a directory. (The same check as [`crate::browser::look`],
/// which takes the screenshot always.)
async fn fits(browser: &mut crate::cdp::Browser, tab: &crate::cdp::Tab, name: &str) -> Option<String> {
    let (scroll, inner) = browser.widths(tab).await;
    let location = browser.location(tab).await;
    let window = u64::from(tab.width);
    if let Some(dir) = std::env::var_os("SHIJIAN_SCREENSHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        let png = browser.screenshot(tab).await;
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}-{window}.png")), png).unwrap();
    }
    (scroll > inner || inner > window)
        .then(|| format!("{location} at {window} px is {scroll} px wide (layout viewport {inner} px)"))
}

/// A file name for a page: its shape, in letters.
fn file_name(url: &str) -> String {
    let name: String = shape(url).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    name.trim_matches('_').to_string()
}

/// Every page the walk reaches (one of each shape of address, for each user), opened in a real
/// Chromium at a desk's width (1366 px, in Chinese) and a phone's (390 px, in both languages):
/// none is wider than the window. Then a registrar's refused change, submitted in the browser:
/// the error beside the field, what was typed still there.
async fn every_page_fits_a_phone_and_a_desk_in_chromium(store: Store) {
    let Some(chromium) = crate::browser::chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, users) = seeded_province(&store).await;
    let walked = walk_all(&server, &users).await;
    let mut browser = crate::cdp::Browser::start(&chromium).await;
    let mut wide = Vec::new();
    let mut opened = 0;
    for width in [1366, 390] {
        for (user, pages) in &walked.pages {
            let tab = browser.tab(width).await;
            if let Some(user) = user {
                crate::browser::sign_in(&mut browser, &tab, &server, user, &backend).await;
            }
            let mut shapes = BTreeSet::new();
            for url in pages.iter().filter(|u| shapes.insert(shape(u))) {
                let languages: &[&str] = if width < 800 { &["zh", "en"] } else { &["zh"] };
                for lang in languages {
                    let page = if *lang == "en" { english(url) } else { url.clone() };
                    browser.open(&tab, &server.url(&page)).await;
                    let name = format!("{backend}-{}-{}-{lang}", user.unwrap_or("public"), file_name(url));
                    opened += 1;
                    wide.extend(fits(&mut browser, &tab, &name).await);
                }
            }
        }
    }
    assert!(opened > 60, "opened {opened} pages");
    assert!(wide.is_empty(), "{} pages wider than the window:\n{}", wide.len(), wide.join("\n"));

    // A registrar renames an entity with a name that has no organisational form: the page
    // comes back with the error under the name and the new address still typed.
    for width in [1366, 390] {
        let tab = browser.tab(width).await;
        crate::browser::sign_in(&mut browser, &tab, &server, "reg.hb", &backend).await;
        browser.open(&tab, &server.url("/workbench/register")).await;
        let entity = browser.eval(&tab, "document.querySelector('a.manage').getAttribute('href')").await;
        browser.open(&tab, &server.url(entity.as_str().unwrap())).await;
        browser.type_into(&tab, "#change-name", "红光").await;
        browser.type_into(&tab, "#change-address", "武汉市洪山区珞喻路9号").await;
        browser.click_and_wait(&tab, "document.querySelector('#change-form button[type=submit]')").await;
        let beside = browser
            .eval(&tab, "document.getElementById(document.getElementById('change-name').getAttribute('aria-describedby')).textContent")
            .await;
        assert!(beside.as_str().unwrap().contains("名称未标明组织形式"), "{beside}");
        let kept = browser
            .eval(
                &tab,
                "[document.getElementById('change-name').value, document.getElementById('change-address').value]",
            )
            .await;
        assert_eq!(kept, json!(["红光", "武汉市洪山区珞喻路9号"]));
        // The error sits right under its field, in view with it.
        let gap = browser
            .eval(&tab, "(() => { const i = document.getElementById('change-name').getBoundingClientRect(); const e = document.getElementById('err-change-name').getBoundingClientRect(); return e.top - i.bottom; })()")
            .await;
        assert!((0.0..40.0).contains(&gap.as_f64().unwrap()), "the error is {gap} px under its field");
        crate::browser::look(&mut browser, &tab, "change-refused", &backend).await;
    }
    drop(browser);
    server.stop().await.unwrap();
}

#[test]
fn the_checks_find_what_they_look_for() {
    assert_eq!(problems("状态：revoked", "zh-CN"), vec!["English word `revoked` on a zh-CN page"]);
    assert!(problems("规则：same_sounding_trade_name", "zh-CN")[0].contains("raw code"));
    assert!(problems("SC-01 特种设备", "zh-CN")[0].contains("raw code `SC-01`"));
    assert!(problems("G04", "en")[0].contains("raw code"));
    assert!(problems("91420111MA000001X1 · 2026-420000-1 · ODR", "zh-CN").is_empty());
    assert_eq!(problems("Status: 已吊销", "en"), vec!["Chinese on an English page"]);
    let html = Html::parse_document(
        r#"<html lang="en"><body><p>Name: <span lang="zh-CN">武汉红光</span></p><pre>{"a_b":1}</pre><a lang="zh-CN" href="/">中文</a></body></html>"#,
    );
    assert_eq!(visible_text(&html), vec!["Name:"]);
    let form = Html::parse_document(
        r#"<form><input type="hidden" name="csrf"><label>Year <input name="year"></label><label for="a">A</label><input id="a"><input name="q" aria-label="Search"><input name="reason" placeholder="Reason"><select name="s"></select><button type="submit">Go</button></form>"#,
    );
    assert_eq!(unlabelled(&form), vec![r#"<input name="reason" placeholder="Reason">"#, r#"<select name="s">"#]);
}
