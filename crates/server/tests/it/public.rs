//! The public's pages as gsxt and 12315 users expect them: the credit file's registering
//! authority, capital, annual reports, changes and list entries; search that counts and pages;
//! the lists by place, newest first — on both backends.

use reqwest::StatusCode;
use shijian_app::Registry;
use shijian_app::credit::Credit;
use shijian_core::DivisionCode;
use shijian_core::credit::annual::{AnnualReport, Contact, Count, Figure, FigureKind, OperatingState};
use shijian_core::credit::lists::{AbnormalCause, AbnormalGround, Command, Cure};
use shijian_core::entity::Changes;
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use crate::api::{at, company, d, province};

shijian_store::conformance!(
    the_credit_file_reads_as_the_publicity_system_shows_it,
    search_counts_pages_takes_several_words_and_explains_a_wrong_check_character,
    the_lists_come_newest_first_by_place_chosen_by_name_a_page_at_a_time,
    a_consumer_finds_12315_files_from_a_phone_form_and_follows_the_timeline,
    the_public_journeys_in_chromium_at_both_widths,
    public_pages_are_kept_until_what_they_show_changes,
);

/// The 2025 report of a company: total assets published, revenue and the head count withheld.
fn sample_report() -> AnnualReport {
    AnnualReport {
        year: 2025,
        contact: Contact {
            address: "武汉市洪山区珞喻路1号".into(),
            postcode: "430070".into(),
            phone: "027-87654321".into(),
            email: None,
        },
        state: OperatingState::Operating,
        websites: vec![],
        investments: vec![],
        contributions: vec![],
        equity_transfers: vec![],
        employees: Some(Count { value: 12, published: false }),
        members: None,
        figures: vec![
            Figure { kind: FigureKind::TotalAssets, amount: "350.5".into(), published: true },
            Figure { kind: FigureKind::Revenue, amount: "120".into(), published: false },
        ],
    }
}

fn registrar() -> Actor {
    Actor { role: Role::Registrar, office: Some(DivisionCode::parse("420111").unwrap()), pseudonym: Some("s-1".into()) }
}

fn credit_officer() -> Actor {
    Actor {
        role: Role::CreditOfficer,
        office: Some(DivisionCode::parse("420100").unwrap()),
        pseudonym: Some("c-1".into()),
    }
}

async fn page(url: String) -> (StatusCode, String) {
    let r = reqwest::get(url).await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// The registering authority by its name, capital in 万元 with the currency in words, former
/// names, each change with before and after, the published part of the annual report, and a
/// list entry with its listing and its removal each on its own day, each verifiable.
async fn the_credit_file_reads_as_the_publicity_system_shows_it(store: Store) {
    let (server, codes) = province(&store).await;
    let code = &codes[0];
    let changes =
        Changes {
            name: Some("武汉红光美食有限公司".into()), capital: Some("50".into()), ..Changes::default()
        };
    Registry::new(&store).change(&registrar(), code, d("2026-04-01"), changes, at("2026-04-01")).await.unwrap();
    let credit = Credit::new(&store);
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    let report = sample_report();
    credit.file_annual_report(&itself, code, &report, None, at("2026-05-10")).await.unwrap();
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-06-02") };
    credit.list_abnormal(&credit_officer(), code, unreachable, d("2026-06-03"), at("2026-06-03")).await.unwrap();
    let removal = Command::RemoveAbnormal {
        ground: AbnormalGround::Unreachable,
        report_year: None,
        on: d("2026-08-20"),
        cure: Cure::ContactRestored,
    };
    credit.decide_list(&credit_officer(), code, &removal, at("2026-08-20")).await.unwrap();

    let (status, html) = page(server.url(&format!("/entities/{code}"))).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("武汉市洪山区市场监督管理局"), "the authority by its name: {html}");
    assert!(html.contains("50万元人民币") && !html.contains("50 CNY"), "{html}");
    // The former name, and the change with both values.
    let former = html.split("id=\"former-names\"").nth(1).expect("former names");
    assert!(former.contains("武汉红光餐饮有限公司") && former.contains("2026-04-01"), "{former}");
    let changed = html.split("id=\"changes\"").nth(1).expect("changes").split("</table>").next().unwrap();
    for text in ["名称", "武汉红光餐饮有限公司", "武汉红光美食有限公司", "100万元人民币", "50万元人民币", "2026-04-01"]
    {
        assert!(changed.contains(text), "{text}: {changed}");
    }
    // The published part of the report: the published figure, not the withheld ones.
    // The reports' own section (the rest of the page holds record ids, whose hex digits may
    // spell anything).
    let reports = html.split("id=\"reports\"").nth(1).expect("reports").split("</details></div>").next().unwrap();
    assert!(reports.contains("2025年度报告") && reports.contains("资产总额") && reports.contains("350.5"), "{reports}");
    assert!(reports.contains("430070") && reports.contains("开业"), "{reports}");
    assert!(!reports.contains("120") && !reports.contains("从业人数"), "withheld: {reports}");
    // The entry: listed 06-03, removed 08-20 — the removal has its own day and reason.
    let abnormal = html.split("id=\"abnormal\"").nth(1).expect("abnormal").split("</table>").next().unwrap();
    let listed = abnormal.split("class=\"listed day\"").nth(1).unwrap().split("</td>").next().unwrap();
    let removed = abnormal.split("class=\"removed day\"").nth(1).unwrap().split("</td>").next().unwrap();
    assert!(listed.contains("2026-06-03"), "{abnormal}");
    assert!(removed.contains("2026-08-20") && !removed.contains("2026-06-03"), "{abnormal}");
    assert!(abnormal.contains("重新取得联系"), "{abnormal}");
    // Each record still verifies: the links lead to the records' pages.
    for part in [listed, removed] {
        let id = part.split("/verify/").nth(1).expect("a verify link").split('"').next().unwrap();
        let (status, body) = page(server.url(&format!("/verify/{id}"))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    let (_, en) = page(server.url(&format!("/entities/{code}?lang=en"))).await;
    assert!(en.contains("CNY 500,000") && en.contains("Market Supervision Administration of"), "{en}");
    assert!(en.contains("Removed on") && en.contains("reachable again"), "{en}");
    assert!(!en.contains("列入日期") && !en.contains("万元"), "{en}");

    // The API keeps its body and adds the changes and each entry's record id.
    let file: serde_json::Value =
        reqwest::get(server.url(&format!("/api/v1/entities/{code}"))).await.unwrap().json().await.unwrap();
    assert_eq!(file["changes"][0]["items"][0]["item"], "name", "{file}");
    assert_eq!(file["changes"][0]["items"][0]["before"], "武汉红光餐饮有限公司", "{file}");
    assert_eq!(file["abnormal"][1]["data"]["removed_on"], "2026-08-20", "{file}");
    assert!(file["abnormal"][1]["id"].is_string(), "{file}");
    server.stop().await.unwrap();
}

/// Registers `n` more companies whose names hold 红光 (武汉红光一号…餐饮有限公司) and 孝昌县红光大药房
/// in 孝感市孝昌县, through a provincial registrar.
pub async fn register_many(store: &Store, n: u32) -> Vec<String> {
    let province_registrar = Actor {
        role: Role::Registrar,
        office: Some(DivisionCode::parse("420000").unwrap()),
        pseudonym: Some("s-9".into()),
    };
    let registry = Registry::new(store);
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut codes = Vec::new();
    for i in 0..n {
        let trade = format!("红光{}{}", digits[(i / 10) as usize % 10], digits[(i % 10) as usize]);
        let e = company(100 + i, &format!("武汉{trade}餐饮有限公司"));
        codes.push(e.uscc.to_string());
        registry.register(&province_registrar, e, None, d("2026-03-05"), at("2026-03-05")).await.unwrap();
    }
    let mut pharmacy = company(900, "孝昌县红光大药房有限公司");
    pharmacy.authority = DivisionCode::parse("420921").unwrap();
    pharmacy.uscc = shijian_core::Uscc::compose('9', pharmacy.kind.uscc_category(), "420921", "MA000900").unwrap();
    pharmacy.address = "孝感市孝昌县花园镇1号".into();
    pharmacy.scope_text = "药品零售".into();
    codes.push(pharmacy.uscc.to_string());
    registry.register(&province_registrar, pharmacy, None, d("2026-03-05"), at("2026-03-05")).await.unwrap();
    codes
}

/// The portal and the API count what they found and page through all of it in a stable
/// order; words separated by spaces must all be in the name; a code whose check character is
/// wrong says what it should be.
async fn search_counts_pages_takes_several_words_and_explains_a_wrong_check_character(store: Store) {
    let (server, codes) = province(&store).await;
    let more = register_many(&store, 44).await;
    // 红光: the first company of the province and the 44 restaurants and the pharmacy.
    let (status, html) = page(server.url("/search?q=%E7%BA%A2%E5%85%89")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("共找到 46 个市场主体"), "{html}");
    assert_eq!(html.matches("class=\"hit\"").count(), 20, "{html}");
    assert!(html.contains("aria-current=\"page\"") && html.contains("rel=\"next\""), "{html}");
    assert!(html.contains("存续") && !html.contains(">active<"), "{html}");
    // Walk the pages by their next links: every entity once, in the same order as the API's.
    let mut seen = Vec::new();
    let mut url = server.url("/search?q=%E7%BA%A2%E5%85%89");
    let mut n_pages = 0;
    loop {
        let (_, html) = page(url.clone()).await;
        n_pages += 1;
        for part in html.split("class=\"hit\" href=\"/entities/").skip(1) {
            seen.push(part.split('"').next().unwrap().to_string());
        }
        match html.split("rel=\"next\" id=\"next\" href=\"").nth(1) {
            Some(rest) => {
                url = server.url(&rest.split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&"))
            }
            None => break,
        }
    }
    assert_eq!(n_pages, 3);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (46, 46), "{seen:?}");
    assert!(seen.contains(&codes[0]) && more.iter().all(|c| seen.contains(c)));

    let mut api_seen = Vec::new();
    let mut offset = 0;
    loop {
        let body: serde_json::Value =
            reqwest::get(server.url(&format!("/api/v1/search?q=%E7%BA%A2%E5%85%89&limit=20&offset={offset}")))
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        assert_eq!((body["total"].as_u64(), body["total_is_lower_bound"].as_bool()), (Some(46), Some(false)), "{body}");
        api_seen.extend(body["hits"].as_array().unwrap().iter().map(|h| h["uscc"].as_str().unwrap().to_string()));
        match body["next_offset"].as_u64() {
            Some(next) => offset = next as usize,
            None => break,
        }
    }
    assert_eq!(api_seen, seen, "the API pages in the portal's order");

    // Words separated by spaces, in any order; all must match.
    let (_, html) =
        page(server.url("/search?q=%E5%AD%9D%E6%98%8C%20%E7%BA%A2%E5%85%89%20%E5%A4%A7%E8%8D%AF%E6%88%BF")).await; // 孝昌 红光 大药房
    assert!(html.contains("孝昌县红光大药房有限公司") && html.contains("共找到 1 个"), "{html}");
    let (_, html) = page(server.url("/search?q=%E5%A4%A7%E8%8D%AF%E6%88%BF%20%E5%AD%9D%E6%98%8C")).await; // 大药房 孝昌
    assert!(html.contains("孝昌县红光大药房有限公司"), "{html}");
    let (_, html) = page(server.url("/search?q=%E5%AD%9D%E6%98%8C%20%E8%93%9D%E5%A4%A9")).await; // 孝昌 蓝天
    assert!(html.contains("id=\"none\""), "{html}");

    // A code with its check character wrong: what was typed, what is wrong, what it should be.
    let right = &codes[0];
    let wrong_char = if right.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{wrong_char}", &right[..17]);
    let (_, html) = page(server.url(&format!("/search?q={wrong}"))).await;
    assert!(html.contains("id=\"check\""), "{html}");
    assert!(
        html.contains(&wrong) && html.contains("第18位校验码") && html.contains(&format!("应为“{}”", &right[17..])),
        "{html}"
    );
    assert!(html.contains(&format!("href=\"/search?q={right}\"")), "{html}");
    let (_, en) = page(server.url(&format!("/search?q={wrong}&lang=en"))).await;
    assert!(en.contains("check character") && !en.contains("第18位"), "{en}");
    let body: serde_json::Value =
        reqwest::get(server.url(&format!("/api/v1/search?q={wrong}"))).await.unwrap().json().await.unwrap();
    assert_eq!(body["hits"], serde_json::json!([]));
    assert_eq!(body["check"]["corrected"], right.as_str(), "{body}");
    assert_eq!(body["check"]["found"], wrong_char.to_string(), "{body}");
    server.stop().await.unwrap();
}

/// The public lists: newest entry first, filtered by a prefecture and then a county chosen by
/// name (a plain GET form), a page at a time with a cursor that keeps the filter.
async fn the_lists_come_newest_first_by_place_chosen_by_name_a_page_at_a_time(store: Store) {
    let (server, codes) = province(&store).await;
    let more = register_many(&store, 50).await;
    let pharmacy = more.last().unwrap().clone();
    let officer =
        Actor { role: Role::CreditOfficer, office: DivisionCode::lookup("420000"), pseudonym: Some("c-9".into()) };
    let credit = Credit::new(&store);
    for (code, on) in
        [(&codes[0], "2026-06-03"), (&codes[1], "2026-07-01"), (&pharmacy, "2026-05-04"), (&more[0], "2026-06-03")]
    {
        let cause = AbnormalCause::Unreachable { verified_on: d("2026-05-01") };
        credit.list_abnormal(&officer, code, cause, d(on), at(on)).await.unwrap();
    }
    // Two pages of 武汉市 in all: 49 more, listed earlier in the year.
    for code in &more[1..50] {
        let cause = AbnormalCause::Unreachable { verified_on: d("2026-01-05") };
        credit.list_abnormal(&officer, code, cause, d("2026-01-06"), at("2026-01-06")).await.unwrap();
    }
    let order = |html: &str| -> Vec<String> {
        html.split("<td class=\"code\">").skip(1).map(|p| p.split('<').next().unwrap().to_string()).collect()
    };
    // Newest first; the same day by code, descending.
    let (status, html) = page(server.url("/lists/abnormal")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let same_day = {
        let mut v = vec![codes[0].clone(), more[0].clone()];
        v.sort();
        v.reverse();
        v
    };
    let expected = [vec![codes[1].clone()], same_day.clone(), vec![pharmacy.clone()]].concat();
    assert_eq!(order(&html)[..4], expected, "{html}");
    assert_eq!(order(&html).len(), 50, "a page of 50");
    assert!(html.contains("<option value=\"420900\" lang=\"zh-CN\">孝感市</option>"), "prefectures by name: {html}");
    assert!(!html.contains("name=\"county\""), "no county before a prefecture: {html}");
    assert!(html.contains("武汉市洪山区市场监督管理局") && html.contains("孝昌县市场监督管理局"), "{html}");

    // 孝感市: the pharmacy alone, and its counties to choose from.
    let (_, html) = page(server.url("/lists/abnormal?prefecture=420900")).await;
    assert_eq!(order(&html), vec![pharmacy.clone()], "{html}");
    assert!(html.contains("<option value=\"420900\" lang=\"zh-CN\" selected>孝感市</option>"), "{html}");
    assert!(html.contains("<option value=\"420921\" lang=\"zh-CN\">孝昌县</option>"), "{html}");
    // 武汉市 洪山区; a county outside the prefecture is not taken.
    let (_, html) = page(server.url("/lists/abnormal?prefecture=420100&county=420111")).await;
    assert_eq!(order(&html)[..3], [vec![codes[1].clone()], same_day.clone()].concat(), "{html}");
    // The next page keeps the place chosen, and leads back to the first.
    let next = html.split("id=\"next\" rel=\"next\" href=\"").nth(1).expect("a next page").split('"').next().unwrap();
    let next = next.replace("&amp;", "&").replace("&#38;", "&");
    assert!(next.contains("prefecture=420100") && next.contains("county=420111") && next.contains("after="), "{next}");
    let (_, html) = page(server.url(&next)).await;
    let second = order(&html);
    assert_eq!(second.len(), 2, "52 in 洪山区 in all: {html}");
    assert!(html.contains("id=\"first\""), "{html}");
    assert!(html.contains("<option value=\"420111\" lang=\"zh-CN\" selected>洪山区</option>"), "{html}");
    let (_, html) = page(server.url("/lists/abnormal?prefecture=420100&county=420921")).await;
    assert!(html.contains("id=\"next\"") && !html.contains(&pharmacy), "the whole of 武汉市: {html}");
    let (_, html) = page(server.url("/lists/abnormal?prefecture=420500")).await;
    assert!(html.contains("id=\"none\""), "{html}");
    let (_, en) = page(server.url("/lists/abnormal?prefecture=420900&lang=en")).await;
    assert!(en.contains("The whole prefecture") && en.contains("Market Supervision Administration of 孝昌县"), "{en}");

    // A page at a time through the API: the same order, and the cursor resumes it.
    let mut seen = Vec::new();
    let mut url = server.url("/api/v1/lists/abnormal?limit=10");
    loop {
        let body: serde_json::Value = reqwest::get(url.clone()).await.unwrap().json().await.unwrap();
        seen.extend(body["items"].as_array().unwrap().iter().map(|i| i["uscc"].as_str().unwrap().to_string()));
        match body["next"].as_str() {
            Some(next) => url = server.url(&format!("/api/v1/lists/abnormal?limit=10&after={next}")),
            None => break,
        }
        assert!(seen.len() <= 53, "{seen:?}");
    }
    assert_eq!(seen[..4], expected);
    assert_eq!(seen.len(), 53);
    server.stop().await.unwrap();
}

/// The text of the element with `id` (its first text run).
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

/// The steps of the tracking page's timeline: (state, text without markup).
fn steps(html: &str) -> Vec<(String, String)> {
    let list = html
        .split("id=\"timeline\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no timeline: {html}"))
        .split("</ol>")
        .next()
        .unwrap();
    list.split("<li class=\"")
        .skip(1)
        .map(|li| {
            let state = li.split('"').next().unwrap().to_string();
            let mut text = String::new();
            let mut in_tag = false;
            for c in li.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            (state, text.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect()
}

/// 12315 from the portal: linked from the header and the home page; the form in sections, the
/// problem categories as choices in words, photos from the camera or the gallery with the
/// limits stated; the tracking page shows the steps with their days, and the step under way
/// with its legal deadline in words.
async fn a_consumer_finds_12315_files_from_a_phone_form_and_follows_the_timeline(store: Store) {
    use shijian_app::accounts::Accounts;
    use shijian_core::account::Account;
    let (server, _) = province(&store).await;
    let client = reqwest::Client::new();
    let (_, home) = page(server.url("/")).await;
    assert!(
        home.contains("id=\"nav-12315\" href=\"/12315\"") || home.contains("href=\"/12315\" id=\"nav-12315\""),
        "{home}"
    );
    assert!(home.contains("id=\"consumer-12315\"") && home.contains("我要投诉举报"), "{home}");
    let (_, en) = page(server.url("/?lang=en")).await;
    assert!(en.contains("href=\"/12315?lang=en\"") && en.contains("Complain or report"), "{en}");

    let (status, form) = page(server.url("/12315")).await;
    assert_eq!(status, StatusCode::OK);
    for section in ["类型", "投诉举报人", "被投诉举报的经营者", "发生了什么", "您的诉求", "附件"]
    {
        assert!(form.contains(&format!("</span>{section}")), "section {section}: {form}");
    }
    assert!(form.contains("accept=\"image/*\" capture=\"environment\""), "{form}");
    assert!(form.contains("accept=\"image/jpeg,image/png,application/pdf,image/*\""), "{form}");
    assert!(form.contains("最多5个，每个不超过8MB") && form.contains("/static/complaint.js"), "{form}");
    // The problems are choices in words; their codes are only the values sent.
    let problems = form.split("id=\"problems\"").nth(1).unwrap().split("</fieldset>").next().unwrap();
    assert!(
        problems.contains("type=\"radio\" name=\"problem\" value=\"P03\"") && problems.contains("<span>"),
        "{problems}"
    );
    assert!(!problems.contains(">P0") && !problems.contains("P03</"), "{problems}");
    let (status, script) = page(server.url("/static/complaint.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(script.contains("DataTransfer") && script.contains("readAsDataURL"), "{script}");

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
        ("direct", "on"),
    ];
    let html = client.post(server.url("/12315")).form(&fields).send().await.unwrap().text().await.unwrap();
    let (id, code) = (element(&html, "complaint-id"), element(&html, "tracking-code"));
    let track = |lang: &'static str| {
        let (id, code) = (id.clone(), code.clone());
        let url = server.url(&format!("/12315/track{lang}"));
        let client = client.clone();
        async move { client.post(url).form(&[("id", id), ("code", code)]).send().await.unwrap().text().await.unwrap() }
    };
    let html = track("").await;
    let s = steps(&html);
    assert_eq!(
        s.iter().map(|(state, _)| state.as_str()).collect::<Vec<_>>(),
        ["done", "current", "todo", "todo"],
        "{s:?}"
    );
    let today = chrono::Utc::now().with_timezone(&chrono_tz_offset()).date_naive().to_string();
    assert!(s[0].1.contains("提交投诉") && s[0].1.contains(&today), "{s:?}");
    assert!(s[1].1.contains("决定是否受理") && s[1].1.contains("7个工作日") && s[1].1.contains("第十四条"), "{s:?}");
    assert!(s[1].1.contains("前办理"), "the deadline's day: {s:?}");
    assert_eq!(element(&html, "office"), "武汉市洪山区市场监督管理局");

    // The office accepts: the acceptance has its day, mediation is under way with its term.
    let handler = Account {
        username: "h.wh".into(),
        role: Role::ComplaintHandler,
        office: Some(DivisionCode::parse("420100").unwrap()),
        uscc: None,
        display_name: "王芳".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    let accounts = Accounts::new(&store);
    accounts.create(&Actor::system(), handler.clone(), "hubei2026market", at("2026-07-01")).await.unwrap();
    let token = accounts.issue_token(&handler, "t", None, chrono::Utc::now()).await.unwrap();
    let r = client
        .post(server.url(&format!("/api/v1/complaints/{id}/steps")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"step": "accept"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let s = steps(&track("").await);
    assert_eq!(
        s.iter().map(|(state, _)| state.as_str()).collect::<Vec<_>>(),
        ["done", "done", "current", "todo"],
        "{s:?}"
    );
    assert!(s[1].1.contains("已受理") && s[1].1.contains(&today), "{s:?}");
    assert!(s[2].1.contains("调解") && s[2].1.contains("45个工作日"), "{s:?}");
    let s = steps(&track("?lang=en").await);
    assert!(s[2].1.contains("Mediation") && s[2].1.contains("45 workdays") && s[2].1.contains("Due by"), "{s:?}");
    assert!(!s.iter().any(|(_, text)| text.contains("调解")), "{s:?}");
    server.stop().await.unwrap();
}

/// China Standard Time, in which the days of the procedure are counted.
fn chrono_tz_offset() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap()
}

/// The public's journeys in a real Chromium at a desk (1366 px) and on a phone (390 px), each
/// page no wider than the window: a consumer files a complaint with a photo (shown before
/// sending, removable) and follows its timeline; search pages by its links; the credit file;
/// a list narrowed to a prefecture and then a county chosen by name.
async fn the_public_journeys_in_chromium_at_both_widths(store: Store) {
    use crate::browser::{PIXEL_PNG, WIDTHS, chromium, look};
    use crate::cdp::Browser;
    let Some(chromium) = chromium() else { return };
    let backend = format!("{:?}", store.backend()).to_lowercase();
    let (server, codes) = province(&store).await;
    register_many(&store, 44).await;
    let code = &codes[0];
    let changes =
        Changes {
            name: Some("武汉红光美食有限公司".into()), capital: Some("50".into()), ..Changes::default()
        };
    Registry::new(&store).change(&registrar(), code, d("2026-04-01"), changes, at("2026-04-01")).await.unwrap();
    let credit = Credit::new(&store);
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-06-02") };
    credit.list_abnormal(&credit_officer(), code, unreachable, d("2026-06-03"), at("2026-06-03")).await.unwrap();
    let removal = Command::RemoveAbnormal {
        ground: AbnormalGround::Unreachable,
        report_year: None,
        on: d("2026-08-20"),
        cure: Cure::ContactRestored,
    };
    credit.decide_list(&credit_officer(), code, &removal, at("2026-08-20")).await.unwrap();
    let itself = Actor { role: Role::Enterprise, office: None, pseudonym: Some(code.clone()) };
    credit.file_annual_report(&itself, code, &sample_report(), None, at("2026-05-10")).await.unwrap();
    let unreachable = AbnormalCause::Unreachable { verified_on: d("2026-06-02") };
    credit.list_abnormal(&credit_officer(), &codes[1], unreachable, d("2026-07-03"), at("2026-07-03")).await.unwrap();

    let files = tempfile::tempdir().unwrap();
    let photo = files.path().join("小票.png");
    std::fs::write(&photo, PIXEL_PNG).unwrap();
    let mut browser = Browser::start(&chromium).await;
    for width in WIDTHS {
        // 12315 from the home page.
        let tab = browser.tab(width).await;
        browser.open(&tab, &server.url("/")).await;
        look(&mut browser, &tab, "home", &backend).await;
        browser.click_and_wait(&tab, "document.querySelector('#consumer-12315 a.button')").await;
        assert_eq!(browser.location(&tab).await, "/12315");
        look(&mut browser, &tab, "complaint-form", &backend).await;
        browser.type_into(&tab, "input[name=name]", "李华").await;
        browser.type_into(&tab, "input[name=phone]", "13800000000").await;
        browser.type_into(&tab, "input[name=business_name]", "红光餐厅").await;
        browser.choose(&tab, "select[name=place]", "420111").await;
        browser.choose(&tab, "select[name=category]", "S01").await;
        browser.click(&tab, "document.querySelector('input[name=problem][value=P03]').nextElementSibling").await;
        browser.type_into(&tab, "textarea[name=facts]", "结账时多收了二十元，要求退还未果。").await;
        browser.type_into(&tab, "textarea[name=request]", "退还多收的费用").await;
        browser.click(&tab, "document.querySelector('input[name=direct]')").await;
        // The photo is shown before sending, can be removed, and chosen again.
        browser.set_files(&tab, "#attachments", &[&photo]).await;
        let shown = browser.eval(&tab, "document.querySelectorAll('#chosen li').length").await;
        assert_eq!(shown, serde_json::json!(1));
        let name = browser.eval(&tab, "document.querySelector('#chosen .name').textContent").await;
        assert!(name.as_str().unwrap().contains("小票.png"), "{name}");
        browser.click(&tab, "document.querySelector('#chosen .remove')").await;
        let left = browser
            .eval(
                &tab,
                "[document.querySelectorAll('#chosen li').length, document.getElementById('attachments').files.length]",
            )
            .await;
        assert_eq!(left, serde_json::json!([0, 0]));
        browser.set_files(&tab, "#attachments", &[&photo]).await;
        let preview = browser
            .eval(
                &tab,
                "new Promise(r => setTimeout(() => r(document.querySelector('#chosen img').src.slice(0, 15)), 200))",
            )
            .await;
        assert_eq!(preview, serde_json::json!("data:image/png;"), "a thumbnail of the photo");
        look(&mut browser, &tab, "complaint-form-photo", &backend).await;
        browser.click_and_wait(&tab, "document.querySelector('#complaint-form button[type=submit]')").await;
        let text = browser.text(&tab).await;
        assert!(text.contains("已收到您的投诉举报") && text.contains("已收到 1 个"), "{text}");
        let id = browser.eval(&tab, "document.getElementById('complaint-id').textContent").await;
        let id = id.as_str().unwrap().trim().to_string();
        let tracking = browser.eval(&tab, "document.getElementById('tracking-code').textContent").await;
        let tracking = tracking.as_str().unwrap().trim().to_string();
        let complaint = store.complaint(&id).await.unwrap().unwrap_or_else(|| panic!("no complaint {id}"));
        assert_eq!(complaint.intake.attachments.len(), 1, "the photo came with it");
        // Following it: the timeline.
        browser.open(&tab, &server.url("/12315/track")).await;
        browser.type_into(&tab, "input[name=id]", &id).await;
        browser.type_into(&tab, "input[name=code]", &tracking).await;
        browser.click_and_wait(&tab, "document.querySelector('form.form button[type=submit]')").await;
        let states =
            browser.eval(&tab, "[...document.querySelectorAll('#timeline li')].map(l => l.dataset.state)").await;
        assert_eq!(states, serde_json::json!(["done", "current", "todo", "todo"]));
        let text = browser.text(&tab).await;
        assert!(text.contains("办理进度") && text.contains("7个工作日"), "{text}");
        look(&mut browser, &tab, "complaint-timeline", &backend).await;

        // Search: the count, and the next page by its link.
        browser.open(&tab, &server.url("/search?q=%E7%BA%A2%E5%85%89")).await;
        let text = browser.text(&tab).await;
        assert!(text.contains("共找到 46 个市场主体"), "{text}");
        look(&mut browser, &tab, "search", &backend).await;
        browser.click_and_wait(&tab, "document.getElementById('next')").await;
        assert!(browser.location(&tab).await.contains("page=2"));
        let first = browser.eval(&tab, "document.querySelector('ol.hits').start").await;
        assert_eq!(first, serde_json::json!(21));
        look(&mut browser, &tab, "search-page-2", &backend).await;

        // The credit file.
        browser.open(&tab, &server.url(&format!("/entities/{code}"))).await;
        let text = browser.text(&tab).await;
        assert!(text.contains("武汉市洪山区市场监督管理局") && text.contains("50万元人民币"), "{text}");
        look(&mut browser, &tab, "credit-file", &backend).await;
        browser.open(&tab, &server.url(&format!("/entities/{code}?lang=en"))).await;
        look(&mut browser, &tab, "credit-file-en", &backend).await;

        // The abnormal list: a prefecture, then a county of it, chosen by name.
        browser.open(&tab, &server.url("/lists/abnormal")).await;
        look(&mut browser, &tab, "list", &backend).await;
        browser.choose(&tab, "#prefecture", "420100").await;
        browser.click_and_wait(&tab, "document.querySelector('#places button[type=submit]')").await;
        browser.choose(&tab, "#county", "420111").await;
        browser.click_and_wait(&tab, "document.querySelector('#places button[type=submit]')").await;
        assert_eq!(browser.location(&tab).await, "/lists/abnormal?prefecture=420100&county=420111");
        let rows =
            browser.eval(&tab, "[...document.querySelectorAll('#listing td.code')].map(t => t.textContent)").await;
        assert_eq!(rows, serde_json::json!([codes[1]]), "only what is on the list now");
        look(&mut browser, &tab, "list-county", &backend).await;
    }
    drop(browser);
    server.stop().await.unwrap();
}

/// A public page repeated is served from the page cache (it carries `Age`) until something it
/// shows changes: a listing made in between is on the very next page; the signed-in are never
/// served kept pages; an answer other than 200 is not kept.
async fn public_pages_are_kept_until_what_they_show_changes(store: Store) {
    let (server, codes) = province(&store).await;
    let get = |path: &str, token: Option<&str>| {
        let url = server.url(path);
        let token = token.map(str::to_string);
        async move {
            let mut r = reqwest::Client::new().get(url);
            if let Some(t) = token {
                r = r.header("cookie", format!("sj_session={t}"));
            }
            let r = r.send().await.unwrap();
            let age = r.headers().get("age").is_some();
            (r.status(), age, r.text().await.unwrap())
        }
    };
    let (status, age, first) = get("/lists/abnormal", None).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert!(!age, "the first request makes the page");
    assert!(!first.contains(&codes[0]), "{first}");
    let (_, age, again) = get("/lists/abnormal", None).await;
    assert!(age, "the second is served kept");
    assert_eq!(again, first);
    // Another language, another page.
    let (_, age, en) = get("/lists/abnormal?lang=en", None).await;
    assert!(!age && en.contains("Abnormal operations list"), "{en}");

    // A listing: the next request shows it.
    let officer =
        Actor { role: Role::CreditOfficer, office: DivisionCode::lookup("420000"), pseudonym: Some("c-9".into()) };
    let cause = AbnormalCause::Unreachable { verified_on: d("2026-05-01") };
    Credit::new(&store).list_abnormal(&officer, &codes[0], cause, d("2026-06-03"), at("2026-06-03")).await.unwrap();
    let (_, age, after) = get("/lists/abnormal", None).await;
    assert!(!age, "the listing dropped the kept page");
    assert!(after.contains(&codes[0]), "{after}");
    // Nothing it shows changed since: kept again.
    let (_, age, _) = get("/lists/abnormal", None).await;
    assert!(age);

    // Whoever carries a session is never served a kept page, nor has theirs kept.
    let (_, age, _) = get("/lists/abnormal", Some("not-a-session")).await;
    assert!(!age, "a session cookie bypasses the cache");
    // Not found is not kept.
    for _ in 0..2 {
        let (status, age, _) = get("/entities/91420000MA00000000", None).await;
        assert_ne!(status, StatusCode::OK);
        assert!(!age);
    }
    // The kept page lasts at most a second, whatever this process saw.
    let (_, age, _) = get("/inspection", None).await;
    assert!(!age);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_, age, _) = get("/inspection", None).await;
    assert!(!age, "older than a second: made again");
}
