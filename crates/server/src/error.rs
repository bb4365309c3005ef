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
        // The body is written by `localise`, which knows the request's language.
        response.extensions_mut().insert(Pending(self.0));
        response
    }
}

#[derive(Clone, Debug)]
struct Pending(Error);

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

/// Middleware: writes pending error bodies in the request's language, and gives the errors the
/// framework raises (timeouts, oversized bodies, bad paths) the same vocabulary.
pub async fn localise(request: Request, next: Next) -> Response {
    let lang = lang_of(&request);
    let mut response = next.run(request).await;
    let pending = response.extensions_mut().remove::<Pending>().map(|p| p.0);
    let error = match pending {
        Some(e) => e,
        None if response.status() == StatusCode::PAYLOAD_TOO_LARGE => Error::new(Code::RequestTooLarge),
        None if response.status() == StatusCode::REQUEST_TIMEOUT => Error::new(Code::RequestTimeout),
        None if response.status() == StatusCode::METHOD_NOT_ALLOWED => {
            Error::new(Code::RequestInvalid).with("reason", "不支持的请求方法 / method not allowed")
        }
        None => return response,
    };
    let status = response.status();
    let mut out = Response::new(Body::from(body(&error, lang).to_string()));
    *out.status_mut() = status;
    // Keep what the error's response said besides its body (e.g. Retry-After).
    *out.headers_mut() = std::mem::take(response.headers_mut());
    let headers = out.headers_mut();
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(header::CONTENT_TYPE, "application/json; charset=utf-8".parse().expect("static header"));
    headers.insert(header::CONTENT_LANGUAGE, if lang == Lang::En { "en" } else { "zh-CN" }.parse().expect("static"));
    out
}
