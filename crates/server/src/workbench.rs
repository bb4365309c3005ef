//! Signing in with a browser, and the regulators' workbench.
//!
//! A session is a token in an `HttpOnly`, `SameSite=Strict` cookie (`Secure` when the server is
//! told it sits behind TLS). Forms of a signed-in page carry the session's CSRF token
//! ([`shijian_app::accounts::csrf_of`]); the sign-in form, which has no session yet, is accepted
//! only from this site's own pages (the `Origin` header, when the browser sends one). What may
//! be done is decided in `app`, as for the API.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use shijian_app::accounts::{Accounts, SESSION_HOURS};
use shijian_app::credit::{Credit, ObjectionStep, RepairStep};
use shijian_core::credit::file::{Matter, Step};
use shijian_core::credit::lists::AbnormalGround;
use shijian_core::credit::repair::RepairTarget;
use shijian_core::{Code, Error, Lang};

use crate::auth::{PageCaller, SESSION_COOKIE};
use crate::error::ApiError;
use crate::html::{QueryResult, en_of, switch};
use crate::{AppState, CREDIT_STAFF};

pub(crate) fn render(t: &impl Template, status: StatusCode) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// Whether a form post comes from this site: the browser's `Origin` (or, failing that,
/// `Referer`) names the host the request was sent to. Clients that send neither are not
/// browsers acting for a user, so they are let through.
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let from = headers.get(header::ORIGIN).or_else(|| headers.get(header::REFERER)).and_then(|v| v.to_str().ok());
    match from {
        None => true,
        Some(url) => {
            let rest = url.split_once("://").map_or(url, |(_, r)| r);
            rest.split('/').next() == Some(host)
        }
    }
}

fn forbidden(e: Error) -> Response {
    ApiError(e).into_response()
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    en: bool,
    switch: String,
    username: String,
    error: Option<String>,
}

/// `GET /signin`.
pub async fn signin_page(uri: Uri, q: QueryResult) -> Response {
    let en = en_of(&q);
    render(&SignInPage { en, switch: switch(&uri, en), username: String::new(), error: None }, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
}

/// Whether session cookies get `Secure` (set when the site is served over TLS).
fn cookie(token: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// `POST /signin`: a session cookie and on to the workbench, or the form again.
pub async fn signin(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    page: PageCaller,
    q: QueryResult,
    Form(form): Form<SignInForm>,
) -> Response {
    let en = en_of(&q);
    if !same_origin(&headers) {
        return forbidden(Error::new(Code::CsrfInvalid));
    }
    let accounts = Accounts::new(state.store());
    let now = chrono::Utc::now();
    let account = match accounts.sign_in(&form.username, &form.password, page.caller.client.as_deref(), now).await {
        Ok(a) => a,
        Err(e) => {
            let p = SignInPage {
                en,
                switch: switch(&uri, en),
                username: form.username,
                error: Some(e.message(if en { Lang::En } else { Lang::Zh })),
            };
            return render(&p, crate::error::status_of(&e));
        }
    };
    let token = match accounts.open_session(&account, now).await {
        Ok(t) => t,
        Err(e) => return ApiError(e).into_response(),
    };
    let home = match &account.uscc {
        Some(uscc) => format!("/enterprise/{uscc}"),
        None => "/workbench".to_string(),
    };
    let target = if en { format!("{home}?lang=en") } else { home };
    let secure = state.0.config.secure_cookies;
    ([(header::SET_COOKIE, cookie(&token, SESSION_HOURS * 3600, secure))], Redirect::to(&target)).into_response()
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

fn check_csrf(page: &PageCaller, sent: &str) -> Result<(), ApiError> {
    match &page.csrf {
        // A bearer caller needs no CSRF token: nothing ambient authenticates it.
        None if page.caller.account.is_some() => Ok(()),
        Some(expected) if expected == sent => Ok(()),
        _ => Err(ApiError(Error::new(Code::CsrfInvalid))),
    }
}

/// The checks before a signed-in form is acted on: a caller who is signed in, and the
/// session's CSRF token on the form.
pub(crate) fn signed_in_form(page: &PageCaller, csrf: &str) -> Result<(), ApiError> {
    if page.caller.account.is_none() {
        return Err(ApiError(Error::new(Code::SignInRequired)));
    }
    check_csrf(page, csrf)
}

/// `POST /signout`.
pub async fn signout(State(state): State<AppState>, page: PageCaller, Form(form): Form<CsrfForm>) -> Response {
    if let Err(e) = signed_in_form(&page, &form.csrf) {
        return e.into_response();
    }
    if let Some(token) = &page.session
        && let Err(e) = Accounts::new(state.store()).revoke(token).await
    {
        return ApiError(e).into_response();
    }
    let secure = state.0.config.secure_cookies;
    ([(header::SET_COOKIE, cookie("", 0, secure))], Redirect::to("/")).into_response()
}

/// One line of the worklist as the page shows it.
struct Item {
    due: String,
    overdue: bool,
    matter: &'static str,
    matter_code: &'static str,
    reference: String,
    step: &'static str,
    uscc: String,
    name: String,
    /// The step owed: accept, decide or verify.
    step_code: &'static str,
    /// For a repair to decide: what it asks, and which facts the office checks before approving
    /// (`abnormal`, `unreachable`, `serious` or `penalty`).
    target: String,
    facts: &'static str,
}

#[derive(Template)]
#[template(path = "workbench.html")]
struct WorkbenchPage {
    en: bool,
    switch: String,
    display_name: String,
    role: String,
    office: Option<String>,
    csrf: String,
    credit: bool,
    /// Has a part in random inspections.
    inspection: bool,
    /// Has a part in 12315 work.
    complaints: bool,
    items: Vec<Item>,
    notice: Option<String>,
}

/// `GET /workbench`: the signed-in staff member's page; the public is sent to sign in.
pub async fn workbench(State(state): State<AppState>, uri: Uri, page: PageCaller, q: QueryResult) -> Response {
    let en = en_of(&q);
    let Some(account) = &page.caller.account else {
        return Redirect::to(if en { "/signin?lang=en" } else { "/signin" }).into_response();
    };
    if let Some(uscc) = &account.uscc {
        return Redirect::to(&format!("/enterprise/{uscc}{}", if en { "?lang=en" } else { "" })).into_response();
    }
    let credit = CREDIT_STAFF.contains(&account.role);
    let mut items = Vec::new();
    if credit {
        let today = crate::api::today();
        let office = Credit::new(state.store());
        match office.worklist(&page.caller.actor, None, today).await {
            Ok(list) => {
                for w in list {
                    let (mut target, mut facts) = (String::new(), "");
                    if (w.matter.matter, w.matter.step) == (Matter::Repair, Step::Decide) {
                        let file = match office.file(&w.uscc).await {
                            Ok(f) => f,
                            Err(e) => return ApiError(e).into_response(),
                        };
                        if let Some(r) = file.repairs.get(&w.matter.reference) {
                            target = crate::enterprise::target_label(&r.target, en);
                            facts = match &r.target {
                                RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, .. } => {
                                    "unreachable"
                                }
                                RepairTarget::AbnormalListing { .. } => "abnormal",
                                RepairTarget::SeriousListing { .. } => "serious",
                                RepairTarget::PenaltyPublicity { .. } => "penalty",
                            };
                        }
                    }
                    items.push(Item {
                        target,
                        facts,
                        due: match (w.matter.due, &w.matter.uncounted) {
                            (Some(d), _) => crate::html::due_text(d, w.matter.provisional, en),
                            (None, Some(u)) => u.text(en),
                            (None, None) => String::new(),
                        },
                        overdue: w.overdue,
                        matter: if en { matter_en(w.matter.matter) } else { w.matter.matter.zh() },
                        matter_code: match w.matter.matter {
                            Matter::Repair => "repair",
                            Matter::Objection => "objection",
                        },
                        reference: w.matter.reference.clone(),
                        step: if en { step_en(w.matter.step) } else { w.matter.step.zh() },
                        uscc: w.uscc,
                        name: w.name,
                        step_code: match w.matter.step {
                            Step::Accept => "accept",
                            Step::Decide => "decide",
                            Step::Verify => "verify",
                        },
                    });
                }
            }
            Err(e) => return ApiError(e).into_response(),
        }
    }
    let p = WorkbenchPage {
        en,
        switch: switch(&uri, en),
        display_name: account.display_name.clone(),
        role: account.role.as_str().to_string(),
        office: account.office.map(|o| format!("{o} {}", o.name())),
        csrf: page.csrf.clone().unwrap_or_default(),
        credit,
        inspection: crate::INSPECTION_STAFF.contains(&account.role),
        complaints: crate::COMPLAINT_DESK.contains(&account.role),
        items,
        notice: None,
    };
    render(&p, StatusCode::OK)
}

fn matter_en(m: Matter) -> &'static str {
    match m {
        Matter::Repair => "credit repair",
        Matter::Objection => "objection",
    }
}

fn step_en(s: Step) -> &'static str {
    match s {
        Step::Accept => "accept or refuse",
        Step::Decide => "decide",
        Step::Verify => "verify and answer",
    }
}

/// `POST /workbench/step`: a step of the office on a repair request or an objection —
/// accept or refuse it; approve a repair with the facts the office checked (the fields of
/// [`crate::enterprise::facts_of`]) or reject it; uphold or dismiss an objection after
/// verification. Fields: `csrf`, `uscc`, `matter` (repair, objection), `reference`, `step`
/// (accept, refuse, approve, reject, uphold, dismiss), `reason` (of a refusal or rejection; the
/// finding of a verification). Back to the workbench.
pub async fn step(
    State(state): State<AppState>,
    page: PageCaller,
    Form(form): Form<std::collections::HashMap<String, String>>,
) -> Response {
    let field = |name: &str| crate::enterprise::get(&form, name);
    if let Err(e) = signed_in_form(&page, field("csrf")) {
        return e.into_response();
    }
    let credit = Credit::new(state.store());
    let (today, now) = (crate::api::today(), chrono::Utc::now());
    let actor = &page.caller.actor;
    let reason = field("reason").to_string();
    let (uscc, reference) = (field("uscc"), field("reference"));
    let done = match (field("matter"), field("step")) {
        ("repair", "accept") => credit.review_repair(actor, uscc, reference, RepairStep::Accept, today, now).await,
        ("repair", "approve") => {
            let approve = async {
                let request = credit.repair_request(uscc, reference).await?;
                let facts = crate::enterprise::facts_of(&request.target, &form)?;
                credit.review_repair(actor, uscc, reference, RepairStep::Approve { facts }, today, now).await
            };
            approve.await
        }
        ("repair", "refuse") => {
            credit.review_repair(actor, uscc, reference, RepairStep::Refuse { reason }, today, now).await
        }
        ("repair", "reject") => {
            credit.review_repair(actor, uscc, reference, RepairStep::Reject { reason }, today, now).await
        }
        ("objection", "accept") => {
            credit.review_objection(actor, uscc, reference, ObjectionStep::Accept, today, now).await
        }
        ("objection", "refuse") => {
            credit.review_objection(actor, uscc, reference, ObjectionStep::Refuse { reason }, today, now).await
        }
        ("objection", "uphold" | "dismiss") => {
            let step = ObjectionStep::Verify { upheld: field("step") == "uphold", finding: reason };
            credit.review_objection(actor, uscc, reference, step, today, now).await
        }
        (matter, step) => Err(Error::new(Code::RequestInvalid).with("reason", format!("{matter} {step}"))),
    };
    match done {
        Ok(_) => Redirect::to("/workbench").into_response(),
        Err(e) => crate::api::refused(&state, &page.caller, e, "workbench.step").await.into_response(),
    }
}
