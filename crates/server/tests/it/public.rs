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

use crate::api::{at, d, province};

shijian_store::conformance!(the_credit_file_reads_as_the_publicity_system_shows_it,);

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
    let report = AnnualReport {
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
    };
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
    let reports = html.split("id=\"reports\"").nth(1).expect("reports");
    assert!(reports.contains("2025年度报告") && reports.contains("资产总额") && reports.contains("350.5"), "{reports}");
    assert!(reports.contains("430070") && reports.contains("开业"), "{reports}");
    assert!(!reports.contains("120") && !reports.contains("从业人数"), "withheld: {reports}");
    // The entry: listed 06-03, removed 08-20 — the removal has its own day and reason.
    let abnormal = html.split("id=\"abnormal\"").nth(1).expect("abnormal").split("</table>").next().unwrap();
    let listed = abnormal.split("class=\"listed\"").nth(1).unwrap().split("</td>").next().unwrap();
    let removed = abnormal.split("class=\"removed\"").nth(1).unwrap().split("</td>").next().unwrap();
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
