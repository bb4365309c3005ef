//! The authorisation matrix, generated from the route table: every route × the public and
//! every role × inside and outside the jurisdiction. A new route without a sample request
//! fails here, so none can skip the check.

use reqwest::StatusCode;
use shijian_app::Registry;
use shijian_app::access::{Scope, scope};
use shijian_app::accounts::Accounts;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::{Code, DivisionCode, Uscc};
use shijian_server::{Access, Limits, routes};
use shijian_store::Store;

use crate::api::{at, company, d, signer};
use crate::start;

shijian_store::conformance!(every_route_answers_every_role_as_its_access_says);

const PASSWORD: &str = "hubei2026market";

/// A form body for each route that takes one.
fn form(path: &str, uscc: &str, complaint: &str, signin: &str) -> Option<String> {
    Some(match path {
        "/signin" => format!("username=u1.in&password={PASSWORD}&csrf={signin}"),
        "/signout" => "csrf=x".into(),
        "/workbench/step" => format!("uscc={uscc}&matter=repair&reference=NONE&step=accept"),
        "/enterprise/{uscc}/annual-report" => {
            "csrf=x&year=2025&address=a&postcode=430070&phone=027-87654321&state=operating".into()
        }
        "/enterprise/{uscc}/repair" => "csrf=x&entry=a0&commitment=on".into(),
        "/workbench/entities/new" => "csrf=x&kind=limited_company&office=420111&name=%E6%AD%A6%E6%B1%89%E6%BE%84%E6%BE%88%E6%98%9F%E5%9B%BE%E7%A7%91%E6%8A%80%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&address=%E6%AD%A6%E6%B1%89&representative=%E6%9D%8E%E6%98%8E&capital=100&established_on=2026-11-20&scope=I0007".into(),
        "/workbench/entities/{uscc}/change" => "csrf=x&on=2026-11-20&address=%E6%AD%A6%E6%B1%89".into(),
        "/workbench/entities/{uscc}/lifecycle" => "csrf=x&command=resume&on=2026-11-20".into(),
        "/workbench/inspection/plans" => format!("csrf=x&action=publish&plan={PLAN}"),
        "/workbench/inspection/seed" => format!("csrf=x&action=reveal&plan={PLAN}&secret={}", "00".repeat(32)),
        "/12315" => "kind=complaint&name=%E6%9D%8E%E5%8D%8E&phone=13800000000&business_name=%E7%BA%A2%E5%85%89%E9%A4%90%E5%8E%85&place=420111&category=S01&problem=P03&facts=%E5%A4%9A%E6%94%B6%E8%B4%B9&request=%E9%80%80%E6%AC%BE".into(),
        "/12315/track" => format!("id={complaint}&code=WRONGCODE234"),
        "/workbench/complaints/steps" => format!("csrf=x&action=accept&id={complaint}"),
        "/workbench/complaints/warnings" => {
            "csrf=x&action=publish&region=420111&title=%E6%8F%90%E7%A4%BA&body=%E8%B0%A8%E6%85%8E%E9%A2%84%E4%BB%98".into()
        }
        "/workbench/complaints/clues" => format!("csrf=x&action=decide&clue={CLUE}&filed=no&reason=r"),
        "/enterprise/{uscc}/odr" => "csrf=x&action=join".into(),
        "/workbench/inspection/results" => {
            format!("csrf=x&action=record&plan={PLAN}&target={uscc}&inspected_on=2026-11-20&category=no_problem")
        }
        "/workbench/cases/new" => "csrf=x&office=420111&source.kind=manual&party.kind=organisation&party.name=%E7%BA%A2%E5%85%89%E9%A4%90%E5%8E%85&facts=%E9%94%80%E5%94%AE%E8%BF%87%E6%9C%9F%E9%A3%9F%E5%93%81".into(),
        "/workbench/cases/{id}" => "csrf=x&step=pay".into(),
        "/workbench/cases/{id}/review" => "csrf=x&agreed=yes&opinion=%E5%90%8C%E6%84%8F".into(),
        "/workbench/cases/{id}/evidence" => "csrf=x&kind=document".into(),
        "/workbench/cases/{id}/documents" => "csrf=x&kind=decision".into(),
        "/workbench/serious/{id}" => "csrf=x&upper_level_consent=1".into(),
        _ => return None,
    })
}

/// A JSON body for each API route that takes one: well-formed, so that the request reaches
/// the authorisation decision.
fn json_body(path: &str, complaint: &str) -> serde_json::Value {
    use shijian_core::credit::lists::AbnormalGround;
    use shijian_core::credit::objection::ObjectionTarget;
    use shijian_core::credit::repair::{RepairFacts, RepairTarget};
    match path {
        "/api/v1/entities/{uscc}/annual-reports" => {
            serde_json::json!({"report": shijian_store::testing::annual_report(2025, None)})
        }
        "/api/v1/entities/{uscc}/repairs" => serde_json::json!({
            "reference": "M-1",
            "target": RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None },
            "facts": RepairFacts { commitment: true, cure: None, early: None, penalty: None },
        }),
        "/api/v1/entities/{uscc}/objections" => serde_json::json!({
            "reference": "M-1",
            "target": ObjectionTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None },
            "grounds": "测试",
        }),
        "/api/v1/entities/{uscc}/{matter}/{reference}/steps" => serde_json::json!({"step": "accept"}),
        "/api/v1/entities" => serde_json::json!({"entity": company(3, "武汉白云咨询有限公司")}),
        "/api/v1/entities/{uscc}/changes" => serde_json::json!({"changes": {"address": "武汉市洪山区珞喻路9号"}}),
        "/api/v1/entities/{uscc}/lifecycle" => serde_json::json!({"command": "resume", "on": "2026-12-01"}),
        "/api/v1/inspection/plans" => serde_json::to_value(plan_spec()).unwrap(),
        "/api/v1/inspection/plans/{id}/commitments" => serde_json::json!({"commitment": "00".repeat(32)}),
        "/api/v1/inspection/objects" => serde_json::json!({"objects": [{
            "id": format!("{}/P-1", Uscc::compose('9', '1', "420111", "MA000009").unwrap()),
            "kind": "premises", "name": "洪山加油站", "office": "420111", "active": true
        }]}),
        "/api/v1/inspection/plans/{id}/reveals" => serde_json::json!({"secret": "00".repeat(32)}),
        "/api/v1/complaints" => serde_json::to_value(complaint_intake(None)).unwrap(),
        "/api/v1/complaints/attachments" => serde_json::json!({"not": "a file"}),
        "/api/v1/complaints/track" => serde_json::json!({"id": complaint, "code": "WRONGCODE234"}),
        "/api/v1/complaints/{id}/steps" => serde_json::json!({"step": "accept"}),
        "/api/v1/complaints/{id}/rating" => serde_json::json!({"code": "WRONGCODE234", "score": 5}),
        "/api/v1/complaints/{id}/escalation" => serde_json::json!({"code": "WRONGCODE234", "reason": "未退款"}),
        "/api/v1/complaints/{id}/odr-answer" => serde_json::json!({"settled": false, "answer": "价格无误"}),
        "/api/v1/odr/{uscc}" => serde_json::json!({"join": true}),
        "/api/v1/complaints/clues/{id}/decision" => serde_json::json!({"filed": false, "reason": "不构成违法"}),
        "/api/v1/complaints/{id}/narrative" => serde_json::json!({"text": "消费者结账时被多收了费用，经调解退还。"}),
        "/api/v1/warnings" => serde_json::json!({"region": "420111", "title": "提示", "body": "谨慎预付"}),
        "/api/v1/inspection/plans/{id}/publication" | "/api/v1/inspection/plans/{id}/draw" => serde_json::json!({}),
        "/api/v1/inspection/plans/{id}/tasks/{target}/publication" => serde_json::json!({}),
        "/api/v1/inspection/plans/{id}/tasks/{target}/result" => {
            serde_json::json!({"inspected_on": "2026-11-20", "category": "no_problem", "findings": "无"})
        }
        // The inside inspector (roles() puts Inspector fourth).
        "/api/v1/inspection/inspectors" => serde_json::json!({
            "pseudonym": "u3.in", "office": "420100", "department": "市场监管", "certified": true, "available": true
        }),
        "/api/v1/cases" => serde_json::json!({
            "office": "420111",
            "source": {"kind": "manual"},
            "party": {"kind": "organisation", "name": "红光餐厅"},
            "facts": "销售过期食品",
        }),
        // A payment on a clue: refused by the procedure once authorised.
        "/api/v1/cases/{id}/steps" => serde_json::json!({"step": "pay"}),
        "/api/v1/cases/{id}/review" => serde_json::json!({"agreed": true, "opinion": "同意"}),
        "/api/v1/cases/{id}/proposal" => serde_json::json!({"row": "food-expired", "goods_value_yuan": 3000}),
        "/api/v1/cases/{id}/documents" => serde_json::json!({"kind": "decision"}),
        "/api/v1/credit/serious-proposals/{id}" => serde_json::json!({"upper_level_consent": true}),
        "/api/v1/inspection/conflicts" => {
            serde_json::json!({"target": Uscc::compose('9', '1', "420111", "MA000009").unwrap().to_string(), "reason": "亲属"})
        }
        _ => serde_json::json!({"username": "u1.in", "password": PASSWORD}),
    }
}

/// A request for each route; the division acted on is Hongshan (420111).
fn sample(path: &str, uscc: &str, event_id: &str, complaint: &str) -> Option<String> {
    Some(match path {
        "/signin" | "/signout" | "/workbench" | "/workbench/step" => path.to_string(),
        "/names/check" => "/names/check?name=%E6%AD%A6%E6%B1%89%E7%BA%A2%E5%85%89%E9%A4%90%E9%A5%AE%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8".into(),
        "/healthz" | "/readyz" | "/api/v1/me" | "/log/checkpoint" | "/log/key" | "/" => path.to_string(),
        "/search" => "/search?q=%E7%BA%A2%E5%85%89".into(),
        "/entities/{uscc}" => format!("/entities/{uscc}"),
        "/verify/{id}" => format!("/verify/{event_id}"),
        "/static/{name}" => "/static/verify.js".into(),
        "/api/v1/entities/{uscc}" => format!("/api/v1/entities/{uscc}"),
        "/api/v1/search" => "/api/v1/search?q=%E7%BA%A2%E5%85%89".into(),
        "/api/v1/names/check" => "/api/v1/names/check?name=%E6%AD%A6%E6%B1%89%E7%BB%BF%E5%8F%B6%E9%A4%90%E9%A5%AE%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8".into(),
        "/api/v1/events/{id}" => format!("/api/v1/events/{event_id}"),
        "/api/v1/receipts/{id}" => format!("/api/v1/receipts/{event_id}"),
        "/api/v1/feed" | "/api/v1/openapi.json" => path.into(),
        "/api/v1/entities/{uscc}/annual-reports" => format!("/api/v1/entities/{uscc}/annual-reports"),
        "/api/v1/entities/{uscc}/repairs" => format!("/api/v1/entities/{uscc}/repairs"),
        "/api/v1/entities/{uscc}/objections" => format!("/api/v1/entities/{uscc}/objections"),
        "/api/v1/entities/{uscc}/{matter}/{reference}/steps" => format!("/api/v1/entities/{uscc}/repairs/NONE/steps"),
        "/api/v1/tokens" => "/api/v1/tokens".into(),
        "/api/v1/lists/{list}" => "/api/v1/lists/abnormal?division=420111".into(),
        "/api/v1/entities" => path.into(),
        "/api/v1/entities/{uscc}/changes" => format!("/api/v1/entities/{uscc}/changes"),
        "/api/v1/entities/{uscc}/lifecycle" => format!("/api/v1/entities/{uscc}/lifecycle"),
        "/api/v1/register" => "/api/v1/register?division=420111".into(),
        "/enterprise/{uscc}" => format!("/enterprise/{uscc}"),
        "/workbench/register" => "/workbench/register?division=420111".into(),
        "/workbench/inspection"
        | "/workbench/inspection/plans"
        | "/workbench/inspection/seed"
        | "/workbench/inspection/results" => path.into(),
        "/workbench/entities/new" => "/workbench/entities/new?office=420111".into(),
        "/workbench/entities/{uscc}" => format!("/workbench/entities/{uscc}"),
        "/workbench/entities/{uscc}/change" => format!("/workbench/entities/{uscc}/change"),
        "/workbench/entities/{uscc}/lifecycle" => format!("/workbench/entities/{uscc}/lifecycle"),
        "/lists/{list}" => "/lists/abnormal".into(),
        "/enterprise/{uscc}/annual-report" => format!("/enterprise/{uscc}/annual-report"),
        "/enterprise/{uscc}/repair" => format!("/enterprise/{uscc}/repair"),
        "/api/v1/credit/worklist" => "/api/v1/credit/worklist?division=420111".into(),
        "/log/tile/{*path}" => "/log/tile/0/000.p/1".into(),
        "/12315" | "/12315/track" => path.into(),
        "/api/v1/complaints" | "/api/v1/complaints/attachments" | "/api/v1/complaints/track" => path.into(),
        "/api/v1/complaints/worklist" => "/api/v1/complaints/worklist?division=420111".into(),
        "/api/v1/complaints/{id}" => format!("/api/v1/complaints/{}", complaint),
        "/api/v1/complaints/{id}/matches" => format!("/api/v1/complaints/{}/matches", complaint),
        "/api/v1/complaints/{id}/steps" => format!("/api/v1/complaints/{}/steps", complaint),
        "/api/v1/complaints/{id}/rating" => format!("/api/v1/complaints/{}/rating", complaint),
        "/api/v1/complaints/{id}/escalation" => format!("/api/v1/complaints/{}/escalation", complaint),
        "/api/v1/complaints/{id}/odr-answer" => format!("/api/v1/complaints/{}/odr-answer", complaint),
        "/api/v1/odr/{uscc}" => format!("/api/v1/odr/{uscc}"),
        "/api/v1/odr/{uscc}/complaints" => format!("/api/v1/odr/{uscc}/complaints"),
        "/api/v1/entities/{uscc}/complaints" => format!("/api/v1/entities/{uscc}/complaints"),
        "/workbench/complaints"
        | "/workbench/complaints/analysis"
        | "/workbench/complaints/steps"
        | "/workbench/complaints/warnings"
        | "/workbench/complaints/clues" => path.into(),
        "/enterprise/{uscc}/odr" => format!("/enterprise/{uscc}/odr"),
        "/api/v1/complaints/analysis" => "/api/v1/complaints/analysis?division=420111".into(),
        "/api/v1/complaints/clues" => "/api/v1/complaints/clues?division=420111".into(),
        "/api/v1/complaints/clues/{id}/decision" => format!("/api/v1/complaints/clues/{CLUE}/decision"),
        "/api/v1/complaints/{id}/narrative" => format!("/api/v1/complaints/{}/narrative", complaint),
        "/api/v1/warnings" | "/12315/warnings" => path.into(),
        "/inspection" | "/api/v1/inspection/items" | "/api/v1/inspection/tasks/mine" => path.into(),
        "/api/v1/inspection/plans" => path.into(),
        "/inspection/plans/{id}" => format!("/inspection/plans/{PLAN}"),
        "/inspection/plans/{id}/verify" => format!("/inspection/plans/{PLAN}/verify"),
        "/api/v1/inspection/plans/{id}" => format!("/api/v1/inspection/plans/{PLAN}"),
        "/api/v1/inspection/plans/{id}/tasks" => format!("/api/v1/inspection/plans/{PLAN}/tasks"),
        "/api/v1/inspection/plans/{id}/commitments" => format!("/api/v1/inspection/plans/{PLAN}/commitments"),
        "/api/v1/inspection/plans/{id}/publication" => format!("/api/v1/inspection/plans/{PLAN}/publication"),
        "/api/v1/inspection/plans/{id}/reveals" => format!("/api/v1/inspection/plans/{PLAN}/reveals"),
        "/api/v1/inspection/plans/{id}/draw" => format!("/api/v1/inspection/plans/{PLAN}/draw"),
        "/api/v1/inspection/plans/{id}/tasks/{target}/result" => format!("/api/v1/inspection/plans/{PLAN}/tasks/{uscc}/result"),
        "/api/v1/inspection/plans/{id}/tasks/{target}/publication" => {
            format!("/api/v1/inspection/plans/{PLAN}/tasks/{uscc}/publication")
        }
        "/api/v1/inspection/inspectors" | "/api/v1/inspection/conflicts" | "/api/v1/inspection/objects" => path.into(),
        "/api/v1/inspection/plans/{id}/tasks/{target}/evidence" => {
            format!("/api/v1/inspection/plans/{PLAN}/tasks/{uscc}/evidence")
        }
        "/api/v1/cases" | "/workbench/cases" => format!("{path}?division=420111&office=420111"),
        "/workbench/cases/new" => "/workbench/cases/new?office=420111".into(),
        "/api/v1/cases/{id}"
        | "/api/v1/cases/{id}/steps"
        | "/api/v1/cases/{id}/review"
        | "/api/v1/cases/{id}/proposal"
        | "/api/v1/cases/{id}/documents"
        | "/workbench/cases/{id}"
        | "/workbench/cases/{id}/review"
        | "/workbench/cases/{id}/evidence"
        | "/workbench/cases/{id}/documents" => path.replace("{id}", CASE),
        "/api/v1/cases/{id}/documents/{sha256}" | "/workbench/cases/{id}/documents/{sha256}" => {
            path.replace("{id}", CASE).replace("{sha256}", &"00".repeat(32))
        }
        "/api/v1/penalties" | "/penalties" => format!("{path}?q=%E7%BA%A2%E5%85%89"),
        "/api/v1/credit/serious-proposals" => format!("{path}?division=420111"),
        "/api/v1/credit/serious-proposals/{id}" | "/workbench/serious/{id}" => path.replace("{id}", CASE),
        "/api/v1/penalties/{id}" | "/penalties/{id}" => path.replace("{id}", CASE),
        "/api/v1/inspection/plans/{id}/tasks/{target}/evidence/{sha256}" => {
            format!("/api/v1/inspection/plans/{PLAN}/tasks/{uscc}/evidence/{}", "00".repeat(32))
        }
        _ => return None,
    })
}

/// The complaint the 12315 routes act on is filed in the setup against the entity, which is
/// in ODR, so it is with the enterprise.
fn complaint_intake(code: Option<&str>) -> shijian_core::complaint::Intake {
    use shijian_core::complaint::{Business, Channel, Intake, Kind, Party};
    Intake {
        kind: Kind::Complaint,
        channel: Channel::Web,
        party: Party { name: Some("李华".into()), phone: Some("13800000000".into()), address: None },
        business: Business { name: "红光餐厅".into(), code: code.map(str::to_string), address: None },
        place: DivisionCode::parse("420111").unwrap(),
        category: "S01".into(),
        problem: "P03".into(),
        amount: None,
        occurred_on: None,
        facts: "多收费".into(),
        request: "退款".into(),
        attachments: vec![],
        consent_to_publish: false,
        odr: true,
    }
}

/// The case clue the clue routes act on, flagged in the setup at Hongshan's office.
const CLUE: &str = "XS20261101000001";

/// The enforcement matter the case routes act on: a clue received at Hongshan's office in the
/// setup.
const CASE: &str = "AJ20261101000001";

/// The plan the inspection routes act on: Wuhan's first of 2026, drafted in the setup.
const PLAN: &str = "2026-420100-0001";

/// A plan of Wuhan's (420100) whose seed parties are the inside supervisor and auditor.
fn plan_spec() -> shijian_core::inspection::PlanSpec {
    use shijian_core::inspection::plan::{Ratios, Scope};
    shijian_core::inspection::PlanSpec {
        id: String::new(),
        title: "2026年武汉市企业公示信息抽查".into(),
        office: DivisionCode::parse("420100").unwrap(),
        starts_on: d("2026-03-02"),
        ends_on: d("2026-11-30"),
        items: vec!["SC-01".into()],
        scope: Scope::default(),
        ratios: Ratios { a: 0, b: 300, c: 500, d: 1_000, u: 300 },
        trigger: None,
        team_size: 2,
        forbid_own_office: false,
        recent_days: 365,
        parties: vec!["u6.in".into(), "u7.in".into()],
        reveal_by: d("2026-03-06"),
    }
}

/// Refusals of the domain's own, not of access: a seed party who is not one of the plan's,
/// an enterprise answering a complaint that did not go to it.
const DOMAIN_REFUSALS: &[&str] = &["inspection_not_party", "complaint_not_odr"];

/// The refusal a page shows inline, if any: the one whose Chinese words it carries.
fn shown(page: &str) -> Option<Code> {
    [Code::AccessDenied, Code::InspectionNotParty, Code::ComplaintNotOdr].into_iter().find(|code| {
        // The template's words, without the details put between them.
        let template = code.template(shijian_core::Lang::Zh);
        template.split(['{', '}']).step_by(2).filter(|w| !w.is_empty()).all(|w| page.contains(w))
    })
}

/// What a caller is to get from a route.
enum Expect {
    /// Not refused: an answer, or an error about the input.
    Allowed,
    /// 403 `access_denied`.
    Refused,
    /// The public at a route that needs an account: sent to sign in.
    SignIn(StatusCode),
}

/// The expectation, from the route table and the one table of actions: a role the action
/// lists may act inside (inside its jurisdiction, on its own entity, on the plan's team) and,
/// where its grant holds anywhere, outside too; any other role is refused.
fn expect(access: Access, method: &str, path: &str, role: Option<Role>, inside: bool) -> Expect {
    match (access, role) {
        (Access::Public, _) => Expect::Allowed,
        // A page sends the public to sign in; the API answers 401.
        (_, None) if method == "GET" && !path.starts_with("/api/") => Expect::SignIn(StatusCode::SEE_OTHER),
        (_, None) => Expect::SignIn(StatusCode::UNAUTHORIZED),
        (Access::SignedIn, Some(_)) => Expect::Allowed,
        (Access::Action(action), Some(r)) => match scope(r, action) {
            Some(Scope::Anywhere) => Expect::Allowed,
            Some(_) if inside => Expect::Allowed,
            _ => Expect::Refused,
        },
    }
}

/// Every role that has accounts.
fn roles() -> Vec<Role> {
    Role::ALL.iter().copied().filter(|r| !matches!(r, Role::Public | Role::System)).collect()
}
async fn every_route_answers_every_role_as_its_access_says(store: Store) {
    store.migrate().await.unwrap();
    let registrar = Actor {
        role: Role::Registrar,
        office: Some(DivisionCode::parse("420111").unwrap()),
        pseudonym: Some("s-1".into()),
    };
    let e = company(1, "武汉红光餐饮有限公司");
    let uscc = e.uscc.to_string();
    let (_, receipt) =
        Registry::new(&store).register(&registrar, e, None, d("2026-03-02"), at("2026-03-02")).await.unwrap();
    store.sign_checkpoint(&signer()).await.unwrap();
    let accounts = Accounts::new(&store);
    // One account per role inside the jurisdiction (Wuhan) and one outside (Yichang); the
    // enterprise's "outside" is another entity.
    let mut callers: Vec<(Option<Role>, bool, Option<String>)> = vec![(None, true, None)];
    for (i, role) in roles().iter().enumerate() {
        for (inside, office) in [(true, "420100"), (false, "420500")] {
            let enterprise = *role == Role::Enterprise;
            let code =
                if inside { uscc.clone() } else { Uscc::compose('9', '1', "420111", "MA000002").unwrap().to_string() };
            let a = Account {
                username: format!("u{i}.{}", if inside { "in" } else { "out" }),
                role: *role,
                office: (!enterprise).then(|| DivisionCode::parse(office).unwrap()),
                uscc: enterprise.then(|| Uscc::parse(&code).unwrap()),
                display_name: "测试".into(),
                disabled: false,
                pseudonym: String::new(),
            };
            accounts.create(&Actor::system(), a.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
            let token = accounts.issue_token(&a, "matrix", None, chrono::Utc::now()).await.unwrap();
            callers.push((Some(*role), inside, Some(token)));
        }
    }
    assert_eq!(roles()[3], Role::Inspector);
    assert_eq!((roles()[6], roles()[7]), (Role::Supervisor, Role::Auditor));
    let plan = shijian_app::inspection::Inspections::new(&store)
        .draft(&Actor::system(), plan_spec(), at("2026-03-02"))
        .await
        .unwrap();
    assert_eq!(plan.spec.id, PLAN);
    let complaints = shijian_app::complaints::Complaints::new(&store);
    let enterprise = Actor { role: Role::Enterprise, office: None, pseudonym: Some(uscc.clone()) };
    complaints.odr_join(&enterprise, &uscc, chrono::Utc::now()).await.unwrap();
    let public = Actor { role: Role::Public, office: None, pseudonym: None };
    let filed = complaints.file(&public, complaint_intake(Some(&uscc)), chrono::Utc::now()).await.unwrap();
    assert!(filed.odr.is_some());
    let complaint = filed.id;
    let clue = shijian_core::complaint::clue::ClueFlagged {
        id: CLUE.into(),
        on: d("2026-11-01"),
        entity: uscc.clone(),
        office: DivisionCode::parse("420111").unwrap(),
        rule: shijian_core::complaint::clue::ClueRule::Repeated,
        problem: None,
        complaints: vec![complaint.clone()],
        from: d("2026-10-01"),
        to: d("2026-10-30"),
    };
    store
        .append(&[shijian_core::event::NewEvent {
            kind: shijian_core::complaint::KIND_CLUE_FLAGGED.into(),
            subject: Some(uscc.clone()),
            occurred_at: at("2026-11-01"),
            actor: Actor::system(),
            basis: shijian_core::complaint::clue::BASIS_CLUE.into(),
            data: serde_json::to_value(&clue).unwrap(),
            publicity: shijian_core::event::Publicity::Restricted,
        }])
        .await
        .unwrap();
    let officer = Actor {
        role: Role::CaseOfficer,
        office: Some(DivisionCode::parse("420111").unwrap()),
        pseudonym: Some("officer-1".into()),
    };
    let clue = shijian_app::case::NewClue {
        office: DivisionCode::parse("420111").unwrap(),
        source: shijian_core::case::procedure::Source {
            kind: shijian_core::case::procedure::SourceKind::Manual,
            reference: None,
            reporter_named: false,
        },
        party: shijian_core::case::procedure::Party {
            kind: shijian_core::case::procedure::PartyKind::Organisation,
            name: "武汉红光餐饮有限公司".into(),
            entity: Some(uscc.clone()),
            id_number: None,
            address: None,
        },
        facts: "销售超过保质期的食品".into(),
        violation_on: None,
        harm: false,
        row: Some("food-expired".into()),
    };
    let received = shijian_app::case::Cases::new(&store).receive(&officer, clue, at("2026-11-01")).await.unwrap();
    assert_eq!(received.id, CASE);
    // Authorisation, not the rate limits, is what is walked here (the public alone makes more
    // calls than the burst allows).
    let rate = shijian_server::ratelimit::RateLimit::off();
    let server = crate::start_with(store.clone(), signer().verifier().to_vkey(), Limits::default(), rate).await;
    // Redirects are answers here (a page sends the public to sign in), not to be followed.
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    // The sign-in form's pre-session cookie and token (the cookie goes with every form: it
    // only matters to the sign-in).
    let (signin_cookie, signin_token) = crate::portal::signin_token(&client, &server).await;
    let (mut checked, mut refused) = (0, 0);
    for route in routes() {
        let url = sample(route.path, &uscc, &receipt.event_id, &complaint)
            .unwrap_or_else(|| panic!("no sample request for {} {}: add one to matrix.rs", route.method, route.path));
        for (role, inside, token) in &callers {
            let mut request = match route.method {
                "GET" => client.get(server.url(&url)),
                "POST" => match form(route.path, &uscc, &complaint, &signin_token) {
                    Some(body) => client
                        .post(server.url(&url))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("cookie", &signin_cookie)
                        .body(body),
                    None => client.post(server.url(&url)).json(&json_body(route.path, &complaint)),
                },
                m => panic!("method {m}"),
            };
            if let Some(t) = token {
                request = request.bearer_auth(t);
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            // The API's body names the code; a page that shows the refusal inline, its words.
            let code = match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(body) => body["code"].as_str().unwrap_or_default().to_string(),
                Err(_) => shown(&text).map(|c| c.as_str().to_string()).unwrap_or_default(),
            };
            let who = format!("{} {} as {role:?} {}", route.method, url, if *inside { "inside" } else { "outside" });
            match expect(route.access, route.method, route.path, *role, *inside) {
                Expect::Allowed => {
                    // Allowed: answered, or the input was wrong (what the samples send is not
                    // always right for every caller), or the domain's own check said no.
                    let wrong_input = [400, 404, 409, 422].contains(&status.as_u16())
                        || (status == StatusCode::FORBIDDEN && DOMAIN_REFUSALS.contains(&code.as_str()));
                    assert!(
                        status.is_success() || status.is_redirection() || wrong_input,
                        "{who}: {status} {code}, expected to be allowed"
                    );
                }
                Expect::Refused => {
                    assert_eq!((status, code.as_str()), (StatusCode::FORBIDDEN, "access_denied"), "{who}");
                    refused += 1;
                }
                Expect::SignIn(expected) => assert_eq!(status, expected, "{who}: {code}"),
            }
            checked += 1;
        }
    }
    // Every refusal is on record, once, whichever route refused.
    let recorded = store.refusals(100_000).await.unwrap().iter().filter(|r| r.code == "access_denied").count();
    assert_eq!(recorded, refused);
    assert_eq!(checked, routes().len() * (1 + 2 * roles().len()));
    server.stop().await.unwrap();
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let t = shijian_store::testing::sqlite().await;
    t.store.migrate().await.unwrap();
    let server = start(t.store.clone(), signer().verifier().to_vkey(), Limits::default()).await;
    let doc: serde_json::Value = reqwest::get(server.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut n = 0;
    for route in routes().into_iter().filter(|r| r.path.starts_with("/api/")) {
        let op = &doc["paths"][route.path][route.method.to_ascii_lowercase()];
        assert!(op.is_object(), "{} {} missing", route.method, route.path);
        assert_eq!(op["summary"], route.summary);
        n += 1;
    }
    assert!(n >= 9);
    let worklist = &doc["paths"]["/api/v1/credit/worklist"]["get"];
    assert_eq!(worklist["security"], serde_json::json!([{"bearer": []}]));
    assert_eq!(worklist["x-roles"], serde_json::json!(["credit_officer", "administrator"]));
    assert_eq!(worklist["x-action"], "CreditRecord");
    // Every operation lists the roles of the one table.
    for route in routes().into_iter().filter(|r| r.path.starts_with("/api/")) {
        let op = &doc["paths"][route.path][route.method.to_ascii_lowercase()];
        if let Access::Action(action) = route.access {
            let roles: Vec<&str> = shijian_app::access::roles(action).iter().map(|r| r.as_str()).collect();
            assert_eq!(op["x-roles"], serde_json::json!(roles), "{} {}", route.method, route.path);
        } else {
            assert!(op.get("x-roles").is_none(), "{} {}", route.method, route.path);
        }
    }
    let entity = &doc["paths"]["/api/v1/entities/{uscc}"]["get"]["parameters"][0];
    assert_eq!((entity["name"].as_str(), entity["in"].as_str()), (Some("uscc"), Some("path")));
    server.stop().await.unwrap();
    t.finish().await;
}
