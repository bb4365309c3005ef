//! Typed extractors: handlers are handed a verified member of staff ([`Staff`]), a signed-in
//! form whose CSRF token was checked and whose fields were parsed ([`SignedForm`]; with its
//! files, [`SignedUpload`]), or a
//! parsed JSON body ([`ApiJson`]); what fails a check is answered before the handler runs, in
//! the one error vocabulary.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use shijian_core::{Code, Error};

use crate::AppState;
use crate::auth::{Caller, PageCaller, tokens_equal};
use crate::error::ApiError;

/// A verified member of staff: a signed-in caller (bearer token or session) of a staff role.
/// The public is asked to sign in (401); an enterprise is refused (403).
#[derive(Clone, Debug)]
pub struct Staff(pub Caller);

impl std::ops::Deref for Staff {
    type Target = Caller;

    fn deref(&self) -> &Caller {
        &self.0
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Staff, ApiError> {
        let caller = Caller::from_request_parts(parts, state).await?;
        caller.signed_in()?;
        // Staff are the roles that may read the register by division: every role but the
        // public's and the enterprise's.
        shijian_app::access::authorize_role(&caller.actor, shijian_app::access::Action::ReadRegister)?;
        Ok(Staff(caller))
    }
}

/// A form's fields (`application/x-www-form-urlencoded`) read into `T`: a key sent more than
/// once (one checkbox per item) fills a `Vec`, and an empty number or flag is `None`
/// (`serde_html_form`, which reads what browsers send where `serde_urlencoded` cannot). What
/// does not fit is 400 `request_invalid` with the field in `field` and the parser's words in
/// `reason`.
pub(crate) fn form_fields<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    serde_path_to_error::deserialize(serde_html_form::Deserializer::from_bytes(bytes)).map_err(|e| {
        let error = Error::new(Code::RequestInvalid)
            .with("reason", format!("表单字段有误 / a form field is wrong: {}", e.inner()));
        // The whole form (a missing field) has no path; serde's words name the field then.
        match e.path().iter().next() {
            Some(_) => error.with("field", e.path().to_string()),
            None => error,
        }
    })
}

/// A signed-in form: the caller is signed in, the session's CSRF token came back in the
/// form's `csrf` field (compared in constant time; a bearer caller needs none, nothing ambient
/// authenticates it), and the fields parse into `T` ([`form_fields`]: else 400
/// `request_invalid` naming the field). The checks run in that order, before the handler.
#[derive(Debug)]
pub struct SignedForm<T> {
    pub page: PageCaller,
    pub form: T,
}

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: serde::de::DeserializeOwned> axum::extract::FromRequest<AppState> for SignedForm<T> {
    type Rejection = axum::response::Response;

    async fn from_request(request: axum::extract::Request, state: &AppState) -> Result<SignedForm<T>, Self::Rejection> {
        use axum::response::IntoResponse;
        let (mut parts, body) = request.into_parts();
        let page = PageCaller::from_request_parts(&mut parts, state).await.map_err(IntoResponse::into_response)?;
        if page.caller.account.is_none() {
            return Err(ApiError(Error::new(Code::SignInRequired)).into_response());
        }
        let form_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !form_type {
            return Err(axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response());
        }
        let request = axum::extract::Request::from_parts(parts, body);
        let bytes = axum::body::Bytes::from_request(request, state).await.map_err(IntoResponse::into_response)?;
        let invalid = |e: Error| ApiError(e).into_response();
        let sent: CsrfField = form_fields(&bytes).map_err(invalid)?;
        match &page.csrf {
            None => {}
            Some(expected) if tokens_equal(expected, &sent.csrf) => {}
            Some(_) => return Err(ApiError(Error::new(Code::CsrfInvalid)).into_response()),
        }
        let form = form_fields(&bytes).map_err(invalid)?;
        Ok(SignedForm { page, form })
    }
}

/// A signed-in form that may carry files: `multipart/form-data` (or a urlencoded form, without
/// files). The checks of [`SignedForm`] in the same order; the text parts are read as a
/// urlencoded form is ([`form_fields`]), and the parts sent with a file name are the files, by
/// field name (the empty part an empty file input sends is dropped). The route sets the body's
/// limit for the files it takes.
#[derive(Debug)]
pub struct SignedUpload<T> {
    pub page: PageCaller,
    pub form: T,
    /// `(field name, bytes)` of each file sent, in the order sent.
    pub files: Vec<(String, Vec<u8>)>,
}

impl<T: serde::de::DeserializeOwned> axum::extract::FromRequest<AppState> for SignedUpload<T> {
    type Rejection = axum::response::Response;

    async fn from_request(
        request: axum::extract::Request,
        state: &AppState,
    ) -> Result<SignedUpload<T>, Self::Rejection> {
        use axum::response::IntoResponse;
        let content_type =
            request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        if !content_type.starts_with("multipart/form-data") {
            let SignedForm { page, form } = SignedForm::from_request(request, state).await?;
            return Ok(SignedUpload { page, form, files: Vec::new() });
        }
        let (mut parts, body) = request.into_parts();
        let page = PageCaller::from_request_parts(&mut parts, state).await.map_err(IntoResponse::into_response)?;
        if page.caller.account.is_none() {
            return Err(ApiError(Error::new(Code::SignInRequired)).into_response());
        }
        let request = axum::extract::Request::from_parts(parts, body);
        let bad = |e: &dyn std::fmt::Display| {
            ApiError(Error::new(Code::RequestInvalid).with("reason", e.to_string())).into_response()
        };
        let mut m = axum::extract::Multipart::from_request(request, state).await.map_err(|e| bad(&e))?;
        let (mut fields, mut files) = (Vec::new(), Vec::new());
        while let Some(field) = m.next_field().await.map_err(|e| bad(&e))? {
            let name = field.name().unwrap_or_default().to_string();
            if field.file_name().is_some() {
                let bytes = field.bytes().await.map_err(|e| bad(&e))?;
                if !bytes.is_empty() {
                    files.push((name, bytes.to_vec()));
                }
            } else {
                fields.push((name, field.text().await.map_err(|e| bad(&e))?));
            }
        }
        // The text parts, encoded as the urlencoded form carries them: one parser, one set of
        // rules for both encodings.
        let encoded = serde_html_form::to_string(&fields).map_err(|e| bad(&e))?;
        let invalid = |e: Error| ApiError(e).into_response();
        let sent: CsrfField = form_fields(encoded.as_bytes()).map_err(invalid)?;
        match &page.csrf {
            None => {}
            Some(expected) if tokens_equal(expected, &sent.csrf) => {}
            Some(_) => return Err(ApiError(Error::new(Code::CsrfInvalid)).into_response()),
        }
        let form = form_fields(encoded.as_bytes()).map_err(invalid)?;
        Ok(SignedUpload { page, form, files })
    }
}

/// A JSON body parsed into `T`; a body that is not JSON, or does not fit, is answered 400
/// `request_invalid` with the framework's words as the reason.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: serde::de::DeserializeOwned> axum::extract::FromRequest<AppState> for ApiJson<T> {
    type Rejection = axum::response::Response;

    async fn from_request(request: axum::extract::Request, state: &AppState) -> Result<ApiJson<T>, Self::Rejection> {
        use axum::response::IntoResponse;
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(t)) => Ok(ApiJson(t)),
            Err(rejection) => {
                Err(ApiError(Error::new(Code::RequestInvalid).with("reason", rejection.body_text())).into_response())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Items {
        #[serde(default)]
        items: Vec<String>,
        #[serde(default)]
        size: Option<u8>,
    }

    /// A key sent once per checkbox fills a `Vec`; an empty number is none; a number that is not
    /// one is refused, naming its field.
    #[test]
    fn forms_read_repeated_keys_and_name_the_wrong_field() {
        let f: Items = form_fields(b"csrf=x&items=SC-01&items=SC-02&items=SC-03&size=").unwrap();
        assert_eq!((f.items, f.size), (vec!["SC-01".to_string(), "SC-02".into(), "SC-03".into()], None));
        let f: Items = form_fields(b"size=3").unwrap();
        assert_eq!((f.items.len(), f.size), (0, Some(3)));
        let e = form_fields::<Items>(b"items=SC-01&size=many").unwrap_err();
        assert_eq!((e.code(), e.detail("field")), (Code::RequestInvalid, Some("size")));
        assert!(e.message(shijian_core::Lang::En).contains("size"), "{}", e.message(shijian_core::Lang::En));
    }
}
