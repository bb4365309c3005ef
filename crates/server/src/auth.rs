//! Who is calling: a bearer token (`Authorization: Bearer sjt_…`) for systems and signed-in
//! users, or nobody (the public). Tokens are checked by `app::accounts`; a bad one is refused
//! with 401 and recorded, never treated as anonymous.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use shijian_app::accounts::Accounts;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::{Code, Error};

use crate::AppState;
use crate::error::ApiError;

/// The caller of a request.
#[derive(Clone, Debug)]
pub struct Caller {
    pub actor: Actor,
    pub account: Option<Account>,
    /// The client's address, as the connection shows it.
    pub client: Option<String>,
}

impl Caller {
    /// The caller, or 401 for the public.
    pub fn signed_in(&self) -> Result<&Account, ApiError> {
        self.account.as_ref().ok_or_else(|| ApiError(Error::new(Code::SignInRequired)))
    }
}

pub fn public() -> Actor {
    Actor { role: Role::Public, office: None, pseudonym: None }
}

pub fn client_of(parts: &Parts) -> Option<String> {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let client = client_of(parts);
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Caller { actor: public(), account: None, client });
        };
        let token = bearer(value).ok_or_else(|| ApiError(Error::new(Code::TokenInvalid)))?;
        let account = authenticate(state, &parts.extensions, &token, client.as_deref()).await?;
        Ok(Caller { actor: account.actor(), account: Some(account), client })
    }
}

/// The token of an `Authorization: Bearer …` header.
fn bearer(value: &HeaderValue) -> Option<String> {
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(|t| t.trim().to_string())
}

/// A token (bearer or session) already checked for this request, with what the check found.
#[derive(Clone)]
struct Verified {
    token: String,
    found: Result<Account, Error>,
}

/// The account `token` stands for; checked once per request (the rate limit checks first and
/// the handler's extractor reuses what it found, so a bad token is recorded once).
async fn authenticate(
    state: &AppState,
    extensions: &axum::http::Extensions,
    token: &str,
    client: Option<&str>,
) -> Result<Account, Error> {
    if let Some(v) = extensions.get::<Verified>()
        && v.token == token
    {
        return v.found.clone();
    }
    Accounts::new(state.store()).authenticate(token, client, chrono::Utc::now()).await
}

/// The verified account of a request, by its bearer token or else its session cookie, or
/// `None` for the public (also when the credentials do not verify). Remembered on the request.
pub(crate) async fn verify(state: &AppState, request: &mut axum::extract::Request) -> Option<Account> {
    let token = match request.headers().get(header::AUTHORIZATION) {
        Some(value) => bearer(value)?,
        None => session_token(request.headers())?,
    };
    let client = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
    let found = authenticate(state, request.extensions(), &token, client.as_deref()).await;
    request.extensions_mut().insert(Verified { token, found: found.clone() });
    found.ok()
}

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "sj_session";

/// The caller of a page: the session cookie (people in a browser), or a bearer token (systems).
/// `csrf` is set for cookie sessions: forms must send it back, because a browser attaches the
/// cookie to requests other sites make it send.
#[derive(Clone, Debug)]
pub struct PageCaller {
    pub caller: Caller,
    pub csrf: Option<String>,
    /// The session token, for signing out.
    pub session: Option<String>,
}

/// The session token in the request's cookies.
pub fn session_cookie(parts: &Parts) -> Option<String> {
    session_token(&parts.headers)
}

fn session_token(headers: &axum::http::HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// The value of the cookie `name` in the request's headers.
pub(crate) fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
}

impl FromRequestParts<AppState> for PageCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<PageCaller, ApiError> {
        if parts.headers.contains_key(header::AUTHORIZATION) {
            let caller = Caller::from_request_parts(parts, state).await?;
            return Ok(PageCaller { caller, csrf: None, session: None });
        }
        let client = client_of(parts);
        let Some(token) = session_cookie(parts) else {
            return Ok(PageCaller {
                caller: Caller { actor: public(), account: None, client },
                csrf: None,
                session: None,
            });
        };
        // An expired or revoked session is simply no session: the page asks to sign in again.
        match authenticate(state, &parts.extensions, &token, client.as_deref()).await {
            Ok(account) => Ok(PageCaller {
                csrf: Some(shijian_app::accounts::csrf_of(&token)),
                session: Some(token),
                caller: Caller { actor: account.actor(), account: Some(account), client },
            }),
            Err(_) => {
                Ok(PageCaller { caller: Caller { actor: public(), account: None, client }, csrf: None, session: None })
            }
        }
    }
}

/// What a route's guard knows: the route and who may call it.
#[derive(Clone)]
pub(crate) struct Guard {
    pub state: AppState,
    pub access: crate::Access,
    pub route: &'static str,
    pub path: &'static str,
}

/// Middleware on every route: a caller without credentials at a route for accounts is asked
/// to sign in (401), and a signed-in caller whose role may not perform the route's action is
/// refused (403), before the handler runs (where, jurisdiction, own entity or team, is
/// decided by `app` once the handler knows the subject); and every refusal of access of the
/// request, the guard's or the handler's, is recorded here, once, with the client's address.
pub(crate) async fn guard(
    axum::extract::State(g): axum::extract::State<Guard>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let account = verify(&g.state, &mut request).await;
    let client = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
    let actor = account.as_ref().map_or_else(public, Account::actor);
    // Without credentials at all, a route for accounts asks to sign in before its input is
    // looked at (a page the browser asks for sends to the sign-in page itself).
    let page =
        matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD) && !g.path.starts_with("/api/");
    let anonymous = account.is_none() && !request.headers().contains_key(header::AUTHORIZATION);
    let refusal = match (g.access, &account) {
        (crate::Access::Public, _) => None,
        (crate::Access::Action(action), None) if shijian_app::access::permits(Role::Public, action) => None,
        (_, None) if anonymous && !page => Some(Error::new(Code::SignInRequired)),
        (crate::Access::Action(action), Some(_)) => shijian_app::access::authorize_role(&actor, action).err(),
        _ => None,
    };
    let response = match refusal {
        Some(e) => ApiError(e).into_response(),
        None => next.run(request).await,
    };
    let refused = crate::error::refusal_of(&response).cloned();
    if let Some(e) = refused {
        let what = format!("{} {}", g.route, g.path);
        Accounts::new(g.state.store()).record_refused(&actor, &e, client.as_deref(), &what, chrono::Utc::now()).await;
    }
    response
}

/// Whether a token sent equals the one expected, compared in constant time.
pub(crate) fn tokens_equal(expected: &str, sent: &str) -> bool {
    use subtle::ConstantTimeEq;
    expected.len() == sent.len() && bool::from(expected.as_bytes().ct_eq(sent.as_bytes()))
}
