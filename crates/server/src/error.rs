//! The one error vocabulary of the API: `{"code", "message", "details"}`.
//!
//! `code` is the stable code of [`shijian_core::Code`]; `message` is in Chinese, or in English
//! when the request's `Accept-Language` prefers it; `details` names the fields involved. Handlers
//! return [`ApiError`]; [`localise`] writes the body once the request's language is known.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shijian_core::{Code, Error, ErrorKind, Lang};

/// An error on its way out.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        ApiError(e)
    }
}

/// The HTTP status of an error.
pub fn status_of(e: &Error) -> StatusCode {
    if e.code() == Code::RateLimited {
        return StatusCode::TOO_MANY_REQUESTS;
    }
    status_of_kind(e.kind())
}

/// The HTTP status of an error kind.
pub fn status_of_kind(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::Warning | ErrorKind::InvalidInput => StatusCode::BAD_REQUEST,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.0.kind() == ErrorKind::Internal {
            tracing::error!(code = self.0.code().as_str(), error = %self.0.message(Lang::En), "request failed");
        }
        let mut response = status_of(&self.0).into_response();
        // Over a limit or too busy: when to come back.
        if let Some((_, seconds)) = self.0.details().iter().find(|(k, _)| *k == "retry_after")
            && let Ok(v) = axum::http::HeaderValue::from_str(seconds)
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        // The body is written by `localise`, which knows the request's language.
        response.extensions_mut().insert(Pending(self.0));
        response
    }
}

#[derive(Clone, Debug)]
struct Pending(Error);

/// A refusal of access shown inside a page (the form again, with why), for the route's guard
/// to record.
#[derive(Clone, Debug)]
struct Refused(Error);

/// The refusal of access a response carries, if it is one: an [`ApiError`] of
/// `access_denied`, or a page marked by [`noting`].
pub(crate) fn refusal_of(response: &Response) -> Option<&Error> {
    let pending = response.extensions().get::<Pending>().map(|p| &p.0);
    let shown = response.extensions().get::<Refused>().map(|r| &r.0);
    pending.or(shown).filter(|e| e.code() == Code::AccessDenied)
}

/// A page that shows `e` inline: marked, when `e` is a refusal of access, so that the refusal
/// is recorded like any other.
pub(crate) fn noting(mut response: Response, e: &Error) -> Response {
    if e.code() == Code::AccessDenied {
        response.extensions_mut().insert(Refused(e.clone()));
    }
    response
}

/// The language a request asks for: the first tag of `Accept-Language` (English if it starts
/// with `en`, Chinese otherwise and by default).
pub fn lang_of(request: &Request) -> Lang {
    request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(Lang::from_tag)
        .unwrap_or(Lang::Zh)
}

/// The JSON body of an error in `lang`.
pub fn body(e: &Error, lang: Lang) -> serde_json::Value {
    let details: serde_json::Map<String, serde_json::Value> =
        e.details().iter().map(|(k, v)| ((*k).to_string(), serde_json::Value::String(v.clone()))).collect();
    serde_json::json!({"code": e.code().as_str(), "message": e.message(lang), "details": details})
}

/// Whether a request is a browser's asking for a page: it accepts HTML and is not for the API.
fn wants_page(request: &Request) -> bool {
    !request.uri().path().starts_with("/api/")
        && request.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// Whether a page is asked for in English (`?lang=en`, or `Accept-Language`).
fn page_in_english(request: &Request, lang: Lang) -> bool {
    let query = request.uri().query().unwrap_or_default();
    match query.split('&').find_map(|p| p.strip_prefix("lang=")) {
        Some(l) => l.starts_with("en"),
        None => lang == Lang::En,
    }
}

/// Whether a response is one of the framework's own refusals (plain text, or no body): an
/// error status without a JSON or HTML body.
fn framework_refusal(status: StatusCode, headers: &axum::http::HeaderMap) -> bool {
    let typed = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json") || v.starts_with("text/html"));
    !typed && (status.is_client_error() || status.is_server_error())
}

/// A framework refusal as one of ours, the framework's words (English) kept as the reason.
pub(crate) fn refusal(status: StatusCode, text: &str) -> Error {
    let text: String = text.chars().take(300).collect();
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => Error::new(Code::RequestTooLarge),
        StatusCode::REQUEST_TIMEOUT => Error::new(Code::RequestTimeout),
        StatusCode::METHOD_NOT_ALLOWED => {
            Error::new(Code::RequestInvalid).with("reason", "不支持的请求方法 / method not allowed")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::new(Code::RequestInvalid)
            .with("reason", format!("不支持的内容类型 / unsupported content type: {text}")),
        StatusCode::UNPROCESSABLE_ENTITY => {
            Error::new(Code::RequestInvalid).with("reason", format!("内容不符合要求 / the body does not fit: {text}"))
        }
        s if s.is_server_error() => Error::new(Code::Internal).with("reason", text),
        _ => Error::new(Code::RequestInvalid).with("reason", format!("请求无效 / bad request: {text}")),
    }
}

/// Middleware: writes pending error bodies in the request's language, and gives the errors the
/// framework raises (timeouts, oversized bodies, unsupported content types, bodies that do not
/// parse, bad paths) the same vocabulary. A browser asking for a page gets the error as a page
/// in the site's layout instead of the JSON body.
pub async fn localise(request: Request, next: Next) -> Response {
    let lang = lang_of(&request);
    let page = wants_page(&request).then(|| {
        let en = page_in_english(&request, lang);
        // A page asked for (not a form posted) is where signing in leads back to.
        let asked = matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD)
            .then(|| request.uri().path_and_query().map(|p| p.as_str().to_string()))
            .flatten();
        (en, crate::html::switch(request.uri(), en), asked)
    });
    let response = next.run(request).await;
    let (mut parts, content) = response.into_parts();
    let status = parts.status;
    let error = match parts.extensions.remove::<Pending>() {
        Some(Pending(e)) => e,
        None if framework_refusal(status, &parts.headers) => {
            let text = axum::body::to_bytes(content, 4096).await.unwrap_or_default();
            refusal(status, &String::from_utf8_lossy(&text))
        }
        None => return Response::from_parts(parts, content),
    };
    // Keep what the error's response said besides its body (e.g. Retry-After).
    let mut headers = std::mem::take(&mut parts.headers);
    headers.remove(header::CONTENT_LENGTH);
    match page {
        Some((en, switch, asked)) => {
            let html = crate::html::error_html(&error, status, en, switch, asked.as_deref());
            headers.insert(header::CONTENT_TYPE, "text/html; charset=utf-8".parse().expect("static header"));
            rebuild(status, headers, Body::from(html), if en { Lang::En } else { Lang::Zh })
        }
        None => {
            headers.insert(header::CONTENT_TYPE, "application/json; charset=utf-8".parse().expect("static header"));
            rebuild(status, headers, Body::from(body(&error, lang).to_string()), lang)
        }
    }
}

fn rebuild(status: StatusCode, headers: axum::http::HeaderMap, body: Body, lang: Lang) -> Response {
    let mut out = Response::new(body);
    *out.status_mut() = status;
    *out.headers_mut() = headers;
    let tag = if lang == Lang::En { "en" } else { "zh-CN" };
    out.headers_mut().insert(header::CONTENT_LANGUAGE, tag.parse().expect("static header"));
    out
}
