//! Signing in with a browser, and the regulators' workbench.
//!
//! A session is a token in an `HttpOnly`, `SameSite=Strict` cookie (`Secure` when the server is
//! told it sits behind TLS). Forms of a signed-in page carry the session's CSRF token
//! ([`shijian_app::accounts::csrf_of`]). The sign-in form, which has no session yet, has its own
//! defence against cross-site posts (login CSRF, which would sign the victim in to the
//! attacker's account): a double-submit token — the page sets a random pre-session token in an
//! `HttpOnly`, `SameSite=Strict` cookie and puts a value derived from it in the form, so a post
//! from another site arrives without the cookie — and, where the browser says where the post
//! comes from, `Sec-Fetch-Site` must be `same-origin` and `Origin` this site (never `null`).
//! Neither depends on `Referer`. What may be done is decided in `app`, as for the API.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use shijian_app::access::{Action, permits};
use shijian_app::accounts::{Accounts, SESSION_HOURS};
use shijian_app::credit::{Credit, ObjectionStep, RepairStep};
use shijian_core::credit::file::{Action as CreditAction, Matter, Step};
use shijian_core::credit::lists::AbnormalGround;
use shijian_core::credit::repair::RepairTarget;
use shijian_core::{Code, Error, Lang};
use std::collections::HashMap;

use crate::AppState;
use crate::auth::{PageCaller, SESSION_COOKIE, tokens_equal};
use crate::error::ApiError;
use crate::extract::SignedForm;
use crate::html::{QueryResult, en_in, en_of, switch};

pub(crate) fn render(t: &impl Template, status: StatusCode) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

/// Whether a form post may come from this site, by what the browser says of where it comes
/// from: `Sec-Fetch-Site` (sent by Chromium, Firefox and Safari) must be `same-origin` (or
/// `none`, a person's own navigation); `Origin` must name the host the request was sent to —
/// `Origin: null` (an opaque origin: a sandboxed frame, a `data:` page, a page that hides its
/// referrer) is never this site. A client that sends neither is not a browser acting for a
/// user; for the sign-in form, the token decides (see [`signin_token_matches`]).
fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site")
        && site != "same-origin"
        && site != "none"
    {
        return false;
    }
    match text(header::ORIGIN.as_str()) {
        None => true,
        Some(origin) => {
            let host = text(header::HOST.as_str()).unwrap_or_default();
            let rest = origin.split_once("://").map(|(_, r)| r);
            !host.is_empty() && rest == Some(host)
        }
    }
}

/// The cookie that carries the sign-in form's pre-session token, sent back only to `/signin`.
const SIGNIN_COOKIE: &str = "sj_signin";

/// How long a sign-in form may wait before it is submitted (seconds).
const SIGNIN_SECONDS: i64 = 3600;

/// The form's value for a pre-session token: derived from it, so the page never shows the
/// cookie itself.
fn signin_csrf_of(token: &str) -> String {
    let d = <sha2::Sha256 as sha2::Digest>::digest(format!("shijian/signin-csrf\n{token}").as_bytes());
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The pre-session token in the request's cookies, when it has the form of one.
fn signin_cookie(headers: &HeaderMap) -> Option<String> {
    crate::auth::cookie(headers, SIGNIN_COOKIE).filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The request's pre-session token, or a new one with the cookie that sets it.
fn signin_token(headers: &HeaderMap, secure: bool) -> Result<(String, Option<String>), Error> {
    if let Some(token) = signin_cookie(headers) {
        return Ok((token, None));
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::new(Code::Internal).with("reason", e.to_string()))?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let cookie = format!(
        "{SIGNIN_COOKIE}={token}; Path=/signin; HttpOnly; SameSite=Strict; Max-Age={SIGNIN_SECONDS}{}",
        if secure { "; Secure" } else { "" }
    );
    Ok((token, Some(cookie)))
}

/// Whether the sign-in form sent the value of the pre-session token its cookie carries
/// (compared in constant time).
fn signin_token_matches(headers: &HeaderMap, sent: &str) -> bool {
    signin_cookie(headers).is_some_and(|token| tokens_equal(&signin_csrf_of(&token), sent))
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    en: bool,
    switch: String,
    username: String,
    /// The form's value of the pre-session token.
    csrf: String,
    /// Why the last attempt failed, in words, shown beside the form.
    error: Option<String>,
    /// The page to go back to after signing in ([`safe_next`]), empty for the account's home.
    next: String,
}

/// The sign-in page with its pre-session token (and the cookie, when the browser has none yet).
#[allow(clippy::too_many_arguments)]
fn signin_form(
    headers: &HeaderMap,
    uri: &Uri,
    en: bool,
    secure: bool,
    username: String,
    next: String,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let (token, set) = match signin_token(headers, secure) {
        Ok(t) => t,
        Err(e) => return ApiError(e).into_response(),
    };
    let next = safe_next(&next).unwrap_or_default().to_string();
    let page = SignInPage { en, switch: switch(uri, en), username, csrf: signin_csrf_of(&token), error, next };
    let r = render(&page, status);
    match set {
        Some(cookie) => ([(header::SET_COOKIE, cookie)], r).into_response(),
        None => r,
    }
}

/// `next` when it is a path of this site a browser may be sent back to after signing in: it
/// starts with one `/` and holds no backslash, control character or white space, so neither a
/// scheme (`https://…`), a protocol-relative host (`//host`, `/\\host`, which browsers read as
/// `//host`) nor characters browsers drop from an address (tabs, new lines) can take the
/// browser to another site (an open redirect).
pub(crate) fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 2000
        && !next.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    ok.then_some(next)
}

/// Sends a browser without a session to the sign-in page, which brings it back to the page it
/// asked for (`uri`) once signed in.
pub(crate) fn to_signin(uri: &Uri, en: bool) -> Response {
    let asked = uri.path_and_query().map_or("/", |p| p.as_str());
    let query = serde_html_form::to_string([("next", asked)]).unwrap_or_default();
    Redirect::to(&format!("/signin?{query}{}", if en { "&lang=en" } else { "" })).into_response()
}

/// `GET /signin[?next=PATH]`.
pub async fn signin_page(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    let next = q.get("next").cloned().unwrap_or_default();
    signin_form(&headers, &uri, en, state.0.config.secure_cookies, String::new(), next, None, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
    /// The value of the pre-session token the page was served with.
    #[serde(default)]
    csrf: String,
    /// The page asked for before signing in (kept only when [`safe_next`]).
    #[serde(default)]
    next: String,
}

/// Whether session cookies get `Secure` (set when the site is served over TLS).
fn cookie(token: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// `POST /signin`: a session cookie and on to the page asked for (`next`, a path of this site)
/// or the account's home, or the form again with the login name kept. A post from
/// another site, or without the page's pre-session token, is refused (403, `csrf_invalid`) with
/// the form again, so a person whose page had expired can simply sign in once more.
pub async fn signin(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    page: PageCaller,
    q: QueryResult,
    Form(form): Form<SignInForm>,
) -> Response {
    let en = en_of(&q);
    let lang = if en { Lang::En } else { Lang::Zh };
    let secure = state.0.config.secure_cookies;
    if !same_origin(&headers) || !signin_token_matches(&headers, &form.csrf) {
        let e = Error::new(Code::CsrfInvalid);
        let message = Some(e.message(lang));
        let status = crate::error::status_of(&e);
        return signin_form(&headers, &uri, en, secure, form.username, form.next, message, status);
    }
    let accounts = Accounts::new(state.store());
    let now = chrono::Utc::now();
    let signed_in = match state.limiter().check_sign_in_account(&form.username) {
        Ok(()) => accounts.sign_in(&form.username, &form.password, page.caller.client.as_deref(), now).await,
        Err(e) => Err(e),
    };
    let account = match signed_in {
        Ok(a) => a,
        Err(e) => {
            let message = Some(e.message(lang));
            let status = crate::error::status_of(&e);
            return signin_form(&headers, &uri, en, secure, form.username, form.next, message, status);
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
    let target = match safe_next(&form.next) {
        Some(next) => next.to_string(),
        None if en => format!("{home}?lang=en"),
        None => home,
    };
    let spent = format!(
        "{SIGNIN_COOKIE}=; Path=/signin; HttpOnly; SameSite=Strict; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    );
    let cookies = AppendHeaders([
        (header::SET_COOKIE, cookie(&token, SESSION_HOURS * 3600, secure)),
        (header::SET_COOKIE, spent),
    ]);
    (cookies, Redirect::to(&target)).into_response()
}

/// A form with no fields but its CSRF token.
#[derive(Deserialize)]
pub struct NoFields {}

/// `POST /signout`.
pub async fn signout(State(state): State<AppState>, SignedForm { page, .. }: SignedForm<NoFields>) -> Response {
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
    matter_code: Matter,
    reference: String,
    step: &'static str,
    uscc: String,
    name: String,
    /// The step owed: accept, decide or verify.
    step_code: Step,
    /// For a repair to decide: what it asks, and which facts the office checks before approving
    /// (`abnormal`, `unreachable`, `serious` or `penalty`).
    target: String,
    facts: &'static str,
}

/// A penalty proposing a serious-list entry, as the credit office's list shows it.
struct Proposal {
    case: String,
    uscc: String,
    party: String,
    number: String,
    decided_on: String,
    office: String,
    ground: &'static str,
    penalty: &'static str,
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
    /// The menu: the staff modules' entries this role sees ([`crate::workbench_entries`]).
    menu: Vec<crate::Entry>,
    /// Has a work page besides the register every member of staff reads.
    desk: bool,
    items: Vec<Item>,
    /// Penalties proposing a serious-list entry, not yet listed.
    proposals: Vec<Proposal>,
    /// Whether listing needs the consent of the level above (an office below the province).
    consent_needed: bool,
    notice: Option<String>,
    /// What the last step did (a party listed).
    done: Option<String>,
    /// The step form refused, shown again with what was typed and its error beside the field.
    refused: Option<Refused>,
}

/// A step form refused: which matter and which of its forms, what was typed, the error beside
/// the reason (or the finding).
struct Refused {
    reference: String,
    matter: Matter,
    /// The form: `refuse`, `reject` or `verify` (uphold and dismiss share one).
    form: &'static str,
    reason: String,
    error: Option<String>,
}

impl WorkbenchPage {
    fn refused_form(&self, i: &Item, form: &str) -> Option<&Refused> {
        self.refused.as_ref().filter(|r| r.reference == i.reference && r.matter == i.matter_code && r.form == form)
    }

    /// The error beside the reason field of the form `form` of the item `i`, if it was refused.
    fn reason_err(&self, i: &Item, form: &str) -> Option<&str> {
        self.refused_form(i, form).and_then(|r| r.error.as_deref())
    }

    /// What the reason field of the form shows: what was typed, when it was refused.
    fn reason_kept(&self, i: &Item, form: &str) -> &str {
        self.refused_form(i, form).map_or("", |r| r.reason.as_str())
    }
}

/// Which of an item's step forms posts `step`.
fn form_of(step: CreditAction) -> &'static str {
    match step {
        CreditAction::Refuse => "refuse",
        CreditAction::Reject => "reject",
        CreditAction::Uphold | CreditAction::Dismiss => "verify",
        CreditAction::Accept => "accept",
        CreditAction::Approve => "approve",
    }
}

/// `GET /workbench`: the signed-in staff member's page; the public is sent to sign in.
pub async fn workbench(State(state): State<AppState>, uri: Uri, page: PageCaller, q: QueryResult) -> Response {
    let en = en_of(&q);
    let Some(account) = &page.caller.account else {
        return to_signin(&uri, en);
    };
    if let Some(uscc) = &account.uscc {
        return Redirect::to(&format!("/enterprise/{uscc}{}", if en { "?lang=en" } else { "" })).into_response();
    }
    match build(&state, &uri, &page, en).await {
        Ok(mut p) => {
            if uri.query().is_some_and(|q| q.split('&').any(|kv| kv == "listed=1")) {
                p.done = Some(crate::text::T::new(en).get("workbench.serious_listed").to_string());
            }
            render(&p, StatusCode::OK)
        }
        Err(e) => ApiError(e).into_response(),
    }
}

/// The workbench of the signed-in member of staff: the menu and the credit worklist.
async fn build(state: &AppState, uri: &Uri, page: &PageCaller, en: bool) -> Result<WorkbenchPage, Error> {
    let account = page.caller.account.as_ref().ok_or_else(|| Error::new(Code::SignInRequired))?;
    let credit = permits(account.role, Action::CreditRecord);
    let mut items = Vec::new();
    if credit {
        let today = crate::api::today();
        let office = Credit::new(state.store());
        for w in office.worklist(&page.caller.actor, None, today).await? {
            let (mut target, mut facts) = (String::new(), "");
            if (w.matter.matter, w.matter.step) == (Matter::Repair, Step::Decide) {
                let file = office.file(&w.uscc).await?;
                if let Some(r) = file.repairs.get(&w.matter.reference) {
                    target = crate::enterprise::target_label(&r.target, en);
                    facts = match &r.target {
                        RepairTarget::AbnormalListing { ground: AbnormalGround::Unreachable, .. } => "unreachable",
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
                matter_code: w.matter.matter,
                reference: w.matter.reference.clone(),
                step: if en { w.matter.step.en() } else { w.matter.step.zh() },
                uscc: w.uscc,
                name: w.name,
                step_code: w.matter.step,
            });
        }
    }
    let mut proposals = Vec::new();
    if credit {
        let division = page.caller.actor.office.map_or_else(|| shijian_core::DivisionCode::parse("420000"), Ok)?;
        for p in Credit::new(state.store()).serious_proposals(&page.caller.actor, division).await? {
            proposals.push(Proposal {
                case: p.case,
                uscc: p.entity,
                party: p.party,
                number: p.number,
                decided_on: p.decided_on.to_string(),
                office: p.office.authority_name(),
                ground: if en { p.ground.en() } else { p.ground.zh() },
                penalty: if en { p.penalty.en() } else { p.penalty.zh() },
            });
        }
    }
    let consent_needed = account.office.is_some_and(|o| o.tier() != shijian_core::Tier::Province);
    let menu: Vec<crate::Entry> = crate::workbench_entries().into_iter().filter(|e| e.shown_to(account.role)).collect();
    Ok(WorkbenchPage {
        en,
        switch: switch(uri, en),
        display_name: account.display_name.clone(),
        role: if en { account.role.en() } else { account.role.zh() }.to_string(),
        office: account.office.map(|o| format!("{o} {}", o.name())),
        csrf: page.csrf.clone().unwrap_or_default(),
        credit,
        desk: menu.iter().any(|e| !e.actions.contains(&Action::ReadRegister)),
        menu,
        items,
        proposals,
        consent_needed,
        notice: None,
        done: None,
        refused: None,
    })
}

fn matter_en(m: Matter) -> &'static str {
    match m {
        Matter::Repair => "credit repair",
        Matter::Objection => "objection",
    }
}

/// The fields of the workbench's step form; the facts of an approval are the rest
/// ([`crate::enterprise::facts_of`]). The matter and the step are core's enums: a value the
/// worklist does not know is a typed 400, never a form that silently does nothing.
#[derive(Deserialize)]
pub struct StepForm {
    #[serde(default)]
    uscc: String,
    matter: Matter,
    #[serde(default)]
    reference: String,
    step: CreditAction,
    #[serde(default)]
    reason: String,
    #[serde(flatten)]
    facts: crate::enterprise::FactsForm,
}

/// `POST /workbench/step`: a step of the office on a repair request or an objection —
/// accept or refuse it; approve a repair with the facts the office checked (the fields of
/// [`crate::enterprise::facts_of`]) or reject it; uphold or dismiss an objection after
/// verification. Fields: `csrf`, `uscc`, `matter` (repair, objection), `reference`, `step`
/// (accept, refuse, approve, reject, uphold, dismiss), `reason` (of a refusal or rejection; the
/// finding of a verification). Back to the workbench, or the workbench again with the error
/// beside the reason (a refusal, rejection or verification without one) and what was typed kept.
pub async fn step(
    State(state): State<AppState>,
    q: QueryResult,
    SignedForm { page, form }: SignedForm<StepForm>,
) -> Response {
    let en = en_of(&q);
    let credit = Credit::new(state.store());
    let now = chrono::Utc::now();
    let actor = &page.caller.actor;
    let StepForm { uscc, matter, reference, step, reason, facts } = form;
    let (uscc_ref, reference_ref) = (uscc.as_str(), reference.as_str());
    let needs_reason =
        matches!(step, CreditAction::Refuse | CreditAction::Reject | CreditAction::Uphold | CreditAction::Dismiss);
    let done = async {
        // A refusal, a rejection and a verification say why: an empty reason is refused here,
        // beside its field, before anything is asked of `app`.
        if needs_reason && reason.trim().is_empty() {
            return Err(Error::new(Code::RequestInvalid).with("field", "reason").with("reason", "required"));
        }
        let reason = reason.trim().to_string();
        let (uscc, reference) = (uscc_ref, reference_ref);
        match (matter, step) {
            (Matter::Repair, CreditAction::Accept) => {
                credit.review_repair(actor, uscc, reference, RepairStep::Accept, None, now).await
            }
            (Matter::Repair, CreditAction::Approve) => {
                let request = credit.repair_request(uscc, reference).await?;
                let facts = crate::enterprise::facts_of(&request.target, &facts)?;
                credit.review_repair(actor, uscc, reference, RepairStep::Approve { facts }, None, now).await
            }
            (Matter::Repair, CreditAction::Refuse) => {
                credit.review_repair(actor, uscc, reference, RepairStep::Refuse { reason }, None, now).await
            }
            (Matter::Repair, CreditAction::Reject) => {
                credit.review_repair(actor, uscc, reference, RepairStep::Reject { reason }, None, now).await
            }
            (Matter::Objection, CreditAction::Accept) => {
                credit.review_objection(actor, uscc, reference, ObjectionStep::Accept, None, now).await
            }
            (Matter::Objection, CreditAction::Refuse) => {
                credit.review_objection(actor, uscc, reference, ObjectionStep::Refuse { reason }, None, now).await
            }
            (Matter::Objection, CreditAction::Uphold | CreditAction::Dismiss) => {
                let step = ObjectionStep::Verify { upheld: step == CreditAction::Uphold, finding: reason };
                credit.review_objection(actor, uscc, reference, step, None, now).await
            }
            (matter, step) => {
                Err(Error::new(Code::RequestInvalid).with("reason", format!("{} {}", matter.as_str(), step.as_str())))
            }
        }
    }
    .await;
    let e = match done {
        Ok(_) => return Redirect::to(if en { "/workbench?lang=en" } else { "/workbench" }).into_response(),
        Err(e) => e,
    };
    // Refused: the workbench again, the error beside the reason it is about (else above the
    // list), what was typed kept.
    let status = crate::error::status_of(&e);
    let mut p = match build(&state, &Uri::from_static("/workbench"), &page, en).await {
        Ok(p) => p,
        Err(e) => return ApiError(e).into_response(),
    };
    let beside = match (needs_reason, reason.trim().is_empty(), e.detail("field")) {
        (true, true, _) => Some(crate::text::T::new(en).get("form.required").to_string()),
        (true, false, Some("reason")) => Some(crate::form::beside(&e, en)),
        _ => None,
    };
    p.notice = Some(match &beside {
        Some(_) => crate::text::T::new(en).fill("form.n_errors", 1),
        None => crate::form::message(&e, en),
    });
    p.refused = Some(Refused { reference, matter, form: form_of(step), reason, error: beside });
    crate::error::noting(render(&p, status), &e)
}

/// The serious-list form: the consent of the level above, where the office needs it.
#[derive(Deserialize)]
pub struct SeriousForm {
    #[serde(default)]
    upper_level_consent: Option<String>,
}

/// `POST /workbench/serious/{id}`: the credit office lists the party of the penalty `id` on the
/// serious list as the penalty proposes (`Credit::list_serious_from_case`). Fields: `csrf`,
/// `upper_level_consent` (a checkbox, below the province). Back to the workbench saying so, or
/// the workbench again with the refusal above its lists.
pub async fn list_serious(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    q: QueryResult,
    SignedForm { page, form }: SignedForm<SeriousForm>,
) -> Response {
    let en = en_of(&q);
    let consent = form.upper_level_consent.is_some_and(|v| !v.is_empty());
    let credit = Credit::new(state.store());
    let e = match credit.list_serious_from_case(&page.caller.actor, &id, consent, chrono::Utc::now()).await {
        Ok(_) => {
            return Redirect::to(if en { "/workbench?listed=1&lang=en" } else { "/workbench?listed=1" })
                .into_response();
        }
        Err(e) => e,
    };
    let status = crate::error::status_of(&e);
    let mut p = match build(&state, &Uri::from_static("/workbench"), &page, en).await {
        Ok(p) => p,
        Err(e) => return ApiError(e).into_response(),
    };
    p.notice = Some(crate::form::message(&e, en));
    crate::error::noting(render(&p, status), &e)
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get, post};
    use shijian_app::access::Action;
    vec![
        route(
            "GET",
            "/signin",
            Access::Public,
            "登录页面 / sign-in page",
            &[("lang", false), ("next", false)],
            || get(signin_page),
        ),
        route("POST", "/signin", Access::Public, "登录 / sign in (session cookie)", &[("lang", false)], || {
            post(signin)
        }),
        route("POST", "/signout", Access::SignedIn, "退出 / sign out", &[], || post(signout)),
        route("GET", "/workbench", Access::SignedIn, "工作台 / the workbench", &[("lang", false)], || {
            get(workbench)
        }),
        route(
            "POST",
            "/workbench/step",
            Access::Action(Action::CreditRecord),
            "信用修复或异议的办理环节 / a review step on a repair request or objection",
            &[("lang", false)],
            || post(step),
        ),
        route(
            "POST",
            "/workbench/serious/{id}",
            Access::Action(Action::CreditRecord),
            "依行政处罚列入严重违法失信名单（表单）/ list the party of a penalty on the serious list (form)",
            &[("lang", false)],
            || post(list_serious),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each step the credit worklist can owe shows a form for every action the step allows,
    /// posting the action's name, and none of another step's.
    #[test]
    fn every_step_owed_has_its_forms() {
        for (matter, step) in [
            (Matter::Repair, Step::Accept),
            (Matter::Repair, Step::Decide),
            (Matter::Objection, Step::Accept),
            (Matter::Objection, Step::Verify),
        ] {
            let item = Item {
                due: String::new(),
                overdue: false,
                matter: matter.zh(),
                matter_code: matter,
                reference: "R1".into(),
                step: step.zh(),
                uscc: "91420111MA0000001X".into(),
                name: String::new(),
                step_code: step,
                target: String::new(),
                facts: "abnormal",
            };
            let p = WorkbenchPage {
                en: false,
                switch: String::new(),
                display_name: String::new(),
                role: String::new(),
                office: None,
                csrf: "x".into(),
                credit: true,
                menu: Vec::new(),
                desk: false,
                items: vec![item],
                proposals: Vec::new(),
                consent_needed: false,
                notice: None,
                done: None,
                refused: None,
            };
            let html = p.render().unwrap();
            assert!(html.contains(&format!("name=\"matter\" value=\"{}\"", matter.as_str())), "{html}");
            for &action in CreditAction::ALL {
                assert_eq!(
                    html.contains(&format!("name=\"step\" value=\"{action}\"")),
                    step.actions().contains(&action),
                    "{step:?} {action}: {html}"
                );
            }
        }
    }

    /// Only a path of this site is a place to go back to after signing in; the 401 page's
    /// sign-in link carries the page asked for, and only such a path.
    #[test]
    fn signing_in_leads_back_only_within_the_site() {
        for ok in ["/workbench", "/workbench/inspection?done=draw&plan=P1", "/enterprise/91420111MA0000001X?lang=en"] {
            assert_eq!(safe_next(ok), Some(ok));
        }
        for bad in [
            "",
            "workbench",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "/\t/evil.example",
            "/ /x",
            "/\u{2028}x",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
        let e = Error::new(Code::SignInRequired);
        let html = crate::html::error_html(&e, StatusCode::UNAUTHORIZED, true, String::new(), Some("/workbench/x?a=1"));
        assert!(html.contains("href=\"/signin?next=%2Fworkbench%2Fx%3Fa%3D1&#38;lang=en\""), "{html}");
        let html = crate::html::error_html(&e, StatusCode::UNAUTHORIZED, false, String::new(), Some("//evil.example"));
        assert!(html.contains("href=\"/signin\""), "{html}");
    }

    /// The menu is the modules' entries: each links to a page the route table serves to the
    /// roles that see the entry, has its label in the catalogue, and the roles see what they
    /// saw when the menu was written by hand (and since, registrars and administrators 设立登记;
    /// case officers, supervisors, auditors and administrators enforcement cases).
    #[test]
    fn menu_entries_are_routes_with_labels() {
        use shijian_core::event::Role;
        let routes = crate::routes();
        let entries = crate::workbench_entries();
        for e in &entries {
            assert!(routes.iter().any(|r| (r.method, r.path) == ("GET", e.path)), "{}", e.path);
            assert_ne!(crate::text::T::new(false).get(e.label), "⟦missing text⟧", "{}", e.label);
            assert_ne!(crate::text::T::new(true).get(e.label), "⟦missing text⟧", "{}", e.label);
        }
        let seen = |role| -> Vec<&str> { entries.iter().filter(|e| e.shown_to(role)).map(|e| e.id).collect() };
        assert_eq!(seen(Role::Registrar), ["register", "register-new"]);
        assert_eq!(seen(Role::CreditOfficer), ["register", "inspection"]);
        assert_eq!(seen(Role::Inspector), ["register", "inspection"]);
        assert_eq!(seen(Role::ComplaintHandler), ["register", "complaints"]);
        assert_eq!(seen(Role::CaseOfficer), ["register", "complaints", "cases"]);
        assert_eq!(seen(Role::Supervisor), ["register", "inspection", "complaints", "cases"]);
        assert_eq!(seen(Role::Auditor), ["register", "inspection", "cases"]);
        assert_eq!(seen(Role::Administrator), ["register", "register-new", "inspection", "complaints", "cases"]);
    }
}
