//! Bodies of `/api/v1` declared as wire types: what a client reads, field by field, kept apart
//! from the internal structs they are made from, so that a change inside the program does not
//! change the API unnoticed. `tests/it/wire.rs` holds the exact body of each endpoint.

use serde::Serialize;
use shijian_core::account::Account;

/// `GET /api/v1/me`: the signed-in account.
#[derive(Serialize)]
pub struct Me {
    pub username: String,
    /// The role's code (`registrar`, `credit_officer`, …).
    pub role: &'static str,
    /// The jurisdiction of a staff account (a division code).
    pub office: Option<String>,
    /// The entity an enterprise account acts for.
    pub uscc: Option<String>,
    pub display_name: String,
    pub disabled: bool,
    /// The opaque pseudonym the account acts under; absent when it has none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pseudonym: String,
}

impl From<&Account> for Me {
    fn from(a: &Account) -> Me {
        Me {
            username: a.username.clone(),
            role: a.role.as_str(),
            office: a.office.map(|o| o.to_string()),
            uscc: a.uscc.as_ref().map(|u| u.to_string()),
            display_name: a.display_name.clone(),
            disabled: a.disabled,
            pseudonym: a.pseudonym.clone(),
        }
    }
}

/// `POST /api/v1/tokens`: the token, shown once, and when it expires (RFC 3339, UTC).
#[derive(Serialize)]
pub struct Issued {
    pub token: String,
    pub expires_at: String,
}
