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
use shijian_core::{Code, Error, Lang};

use crate::auth::{PageCaller, SESSION_COOKIE};
use crate::error::ApiError;
use crate::html::{QueryResult, en_of, switch};
use crate::{AppState, CREDIT_STAFF};

fn render(t: &impl Template, status: StatusCode) -> Response {
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
    let target = if en { "/workbench?lang=en" } else { "/workbench" };
    let secure = state.0.config.secure_cookies;
    ([(header::SET_COOKIE, cookie(&token, SESSION_HOURS * 3600, secure))], Redirect::to(target)).into_response()
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

/// `POST /signout`.
pub async fn signout(State(state): State<AppState>, page: PageCaller, Form(form): Form<CsrfForm>) -> Response {
    if page.caller.account.is_none() {
        return ApiError(Error::new(Code::SignInRequired)).into_response();
    }
    if let Err(e) = check_csrf(&page, &form.csrf) {
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
    items: Vec<Item>,
    notice: Option<String>,
}

/// `GET /workbench`: the signed-in staff member's page; the public is sent to sign in.
pub async fn workbench(State(state): State<AppState>, uri: Uri, page: PageCaller, q: QueryResult) -> Response {
    let en = en_of(&q);
    let Some(account) = &page.caller.account else {
        return Redirect::to(if en { "/signin?lang=en" } else { "/signin" }).into_response();
    };
    let credit = CREDIT_STAFF.contains(&account.role);
    let mut items = Vec::new();
    if credit {
        let today = chrono::Local::now().date_naive();
        match Credit::new(state.store()).worklist(&page.caller.actor, None, today).await {
            Ok(list) => {
                for w in list {
                    items.push(Item {
                        due: w.matter.due.to_string(),
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

#[derive(Deserialize)]
pub struct StepForm {
    csrf: Option<String>,
    uscc: String,
    matter: String,
    reference: String,
    /// accept, refuse, reject, uphold, dismiss
    step: String,
    /// The reason of a refusal or rejection, the finding of a verification.
    #[serde(default)]
    reason: String,
}

/// `POST /workbench/step`: a step of the office on a repair request or an objection —
/// accept or refuse it; reject a repair; uphold or dismiss an objection after verification.
/// (Approving a repair needs the facts checked and is done through the API.) Back to the
/// workbench.
pub async fn step(State(state): State<AppState>, page: PageCaller, Form(form): Form<StepForm>) -> Response {
    if page.caller.account.is_none() {
        return ApiError(Error::new(Code::SignInRequired)).into_response();
    }
    if let Err(e) = check_csrf(&page, form.csrf.as_deref().unwrap_or_default()) {
        return e.into_response();
    }
    let credit = Credit::new(state.store());
    let (today, now) = (chrono::Local::now().date_naive(), chrono::Utc::now());
    let actor = &page.caller.actor;
    let reason = form.reason.trim().to_string();
    let (uscc, reference) = (form.uscc.as_str(), form.reference.as_str());
    let done = match (form.matter.as_str(), form.step.as_str()) {
        ("repair", "accept") => credit.review_repair(actor, uscc, reference, RepairStep::Accept, today, now).await,
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
            let step = ObjectionStep::Verify { upheld: form.step == "uphold", finding: reason };
            credit.review_objection(actor, uscc, reference, step, today, now).await
        }
        (matter, step) => Err(Error::new(Code::RequestInvalid).with("reason", format!("{matter} {step}"))),
    };
    match done {
        Ok(_) => Redirect::to("/workbench").into_response(),
        Err(e) => {
            if e.code() == Code::AccessDenied {
                Accounts::new(state.store())
                    .record_refused(actor, &e, page.caller.client.as_deref(), "workbench.step", now)
                    .await;
            }
            ApiError(e).into_response()
        }
    }
}
