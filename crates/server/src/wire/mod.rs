//! Bodies of `/api/v1` declared as wire types: what a client reads, field by field, kept apart
//! from the internal structs they are made from, so that a change inside the program does not
//! change the API unnoticed. `tests/it/wire.rs` holds the exact body of each endpoint.
//!
//! The fields are declared in the order they are written, which clients see (bodies sent
//! through [`sorted`] excepted: theirs come in alphabetical order); the codes of
//! enumerations are written out (`as_str`), each checked against the internal type's own
//! serialisation by the tests of its module. Bodies the journal already fixes (an event's
//! record, an annual report as filed) are passed through as JSON values: the public log
//! commits to them as they are.

use serde::Serialize;
use shijian_core::account::Account;

pub mod case;
pub mod complaint;
pub mod inspection;
pub mod register;

/// The response of a body whose objects have always been written with their keys in
/// alphabetical order, every level down: it used to be built as a `serde_json::Value`, whose
/// maps keep their keys sorted. Its wire type declares the fields; this keeps the bytes
/// clients have seen. The other bodies are written in their types' field order.
pub(crate) fn sorted(body: impl Serialize) -> axum::response::Response {
    use axum::response::IntoResponse;
    match serde_json::to_value(body) {
        Ok(value) => axum::Json(value).into_response(),
        Err(e) => crate::error::ApiError(shijian_core::Error::new(shijian_core::Code::Internal).with("reason", e))
            .into_response(),
    }
}

/// A list of items, the whole of it (`{"items": [...]}`).
#[derive(Serialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

impl<T> Items<T> {
    /// The wire items of internal ones.
    pub fn of<U>(items: Vec<U>, wire: impl FnMut(U) -> T) -> Items<T> {
        Items { items: items.into_iter().map(wire).collect() }
    }
}

/// A page of items and the cursor of the next page.
#[derive(Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `after` for the next page; `null` on the last page.
    pub next: Option<String>,
}

/// What a write answers: the events it appended, in order.
#[derive(Serialize)]
pub struct Written {
    pub events: Vec<EventRef>,
}

/// An event appended: its id and its log index (for its receipt).
#[derive(Serialize)]
pub struct EventRef {
    pub id: String,
    pub index: u64,
}

impl From<&shijian_store::Appended> for EventRef {
    fn from(a: &shijian_store::Appended) -> EventRef {
        EventRef { id: a.event_id.clone(), index: a.index }
    }
}

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
