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

/// `GET /api/v1/search`: a page of hits in a stable order, with how many there are in all.
#[derive(Serialize)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    /// How many entities match in all (counted up to a limit).
    pub total: usize,
    /// More match than were counted: `total` is a lower bound.
    pub total_is_lower_bound: bool,
    /// The hits skipped before this page.
    pub offset: usize,
    /// Pass as `offset` for the next page; absent on the last page.
    pub next_offset: Option<usize>,
    /// The query was a credit code with a wrong check character: what it should be.
    pub check: Option<CodeCheck>,
}

/// A credit code typed with a wrong check character (GB 32100-2015 §5).
#[derive(Serialize)]
pub struct CodeCheck {
    /// The code as typed, folded (half-width, upper case, no spaces or hyphens).
    pub typed: String,
    /// The 18th character typed.
    pub found: String,
    /// The 18th character the first 17 call for.
    pub expected: String,
    /// The code with that check character.
    pub corrected: String,
}

/// One entity found.
#[derive(Serialize)]
pub struct SearchHit {
    pub uscc: String,
    /// The entity's current name.
    pub name: String,
    /// The name that matched, when it is a former one.
    pub matched_former_name: Option<String>,
    /// The entity kind's code (`limited_company`, …).
    pub kind: &'static str,
    /// The status's code (`active`, …).
    pub status: &'static str,
    /// The registering office's division code.
    pub division: String,
}

impl From<shijian_app::search::Hit> for SearchHit {
    fn from(h: shijian_app::search::Hit) -> SearchHit {
        SearchHit {
            uscc: h.uscc,
            name: h.name,
            matched_former_name: h.matched_former_name,
            kind: h.kind,
            status: h.status,
            division: h.division,
        }
    }
}
