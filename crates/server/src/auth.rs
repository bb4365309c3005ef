//! Who is calling: a bearer token (`Authorization: Bearer sjt_…`) for systems and signed-in
//! users, or nobody (the public). Tokens are checked by `app::accounts`; a bad one is refused
//! with 401 and recorded, never treated as anonymous.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
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
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .ok_or_else(|| ApiError(Error::new(Code::TokenInvalid)))?;
        let account = Accounts::new(state.store()).authenticate(token, client.as_deref(), chrono::Utc::now()).await?;
        Ok(Caller { actor: account.actor(), account: Some(account), client })
    }
}
