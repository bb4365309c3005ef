//! Accounts' projection (`proj_account`) and the credentials beside the journal.
//!
//! The fold is shared by both backends: they load the accounts a batch touches, [`fold`]
//! applies the batch's `access.account_*` events in log order, and the backend writes the
//! result. A second creation of a username, or a change to an unknown account, fails the
//! whole append.

use std::collections::HashMap;

use shijian_core::account::{Account, AccountDisabled, KIND_ACCOUNT_CREATED, KIND_ACCOUNT_DISABLED};
use shijian_core::{Code, Error, Result};

/// An account event on its way into the projection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AccountEffect {
    Created(Account),
    Disabled(AccountDisabled),
}

impl AccountEffect {
    pub fn username(&self) -> &str {
        match self {
            AccountEffect::Created(a) => &a.username,
            AccountEffect::Disabled(d) => &d.username,
        }
    }
}

/// Whether events of `kind` fold into accounts.
pub(crate) fn folds(kind: &str) -> bool {
    kind == KIND_ACCOUNT_CREATED || kind == KIND_ACCOUNT_DISABLED
}

/// The effect of an account event (`id`: the event's id). A staff account created without a
/// pseudonym in its data (before pseudonyms were drawn) takes the one derived from `id`.
pub(crate) fn effect(id: &str, kind: &str, data: &serde_json::Value) -> Result<AccountEffect> {
    let bad = |e: serde_json::Error| Error::new(Code::EventInvalid).with("field", "data").with("reason", e);
    Ok(match kind {
        KIND_ACCOUNT_CREATED => {
            let mut a: Account = serde_json::from_value(data.clone()).map_err(bad)?;
            shijian_core::account::check_new(&a)?;
            if a.pseudonym.is_empty() && shijian_core::account::has_pseudonym(a.role) {
                a.pseudonym = shijian_core::account::derived_pseudonym(id);
            }
            AccountEffect::Created(a)
        }
        _ => AccountEffect::Disabled(serde_json::from_value(data.clone()).map_err(bad)?),
    })
}

/// The usernames a batch touches.
pub(crate) fn usernames(events: &[(u64, AccountEffect)]) -> Vec<String> {
    let mut out: Vec<String> = events.iter().map(|(_, e)| e.username().to_string()).collect();
    out.sort();
    out.dedup();
    out
}

/// Applies `events` to the accounts `loaded` (those the batch touches that exist); returns the
/// accounts to write with the index of the last event folded into each.
pub(crate) fn fold(
    events: &[(u64, AccountEffect)],
    mut loaded: HashMap<String, Account>,
) -> Result<Vec<(Account, u64)>> {
    let mut last: HashMap<String, u64> = HashMap::new();
    for (index, e) in events {
        match e {
            AccountEffect::Created(a) => {
                if loaded.contains_key(&a.username) {
                    return Err(Error::new(Code::AccountExists).with("username", &a.username));
                }
                loaded.insert(a.username.clone(), a.clone());
            }
            AccountEffect::Disabled(d) => {
                let a = loaded
                    .get_mut(&d.username)
                    .ok_or_else(|| Error::new(Code::AccountUnknown).with("username", &d.username))?;
                a.disabled = true;
            }
        }
        last.insert(e.username().to_string(), *index);
    }
    let mut out: Vec<(Account, u64)> =
        last.into_iter().filter_map(|(u, seq)| loaded.remove(&u).map(|a| (a, seq))).collect();
    out.sort_by(|a, b| a.0.username.cmp(&b.0.username));
    Ok(out)
}

/// Folds a batch's account events: loads the accounts it touches, applies, writes.
pub(crate) async fn apply<E: crate::dialect::Exec>(e: &E, events: &[(u64, AccountEffect)]) -> Result<()> {
    use crate::dialect::{Sql, params};
    if events.is_empty() {
        return Ok(());
    }
    let mut loaded = HashMap::new();
    for r in
        e.query("SELECT username, state FROM proj_account WHERE username = ANY(?)", params![usernames(events)]).await?
    {
        loaded.insert(r.text(0)?, parse(&r.text(1)?)?);
    }
    let rows = fold(events, loaded)?
        .iter()
        .map(|(a, seq)| Ok(params![&a.username, to_json(a)?, *seq]))
        .collect::<Result<Vec<Vec<Sql>>>>()?;
    e.execute_many(
        "INSERT INTO proj_account (username, state, seq) VALUES (?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET state = excluded.state, seq = excluded.seq",
        &rows,
    )
    .await?;
    Ok(())
}

/// The account of `username`, if any.
pub(crate) async fn account(store: &crate::Store, username: &str) -> Result<Option<Account>> {
    let rows =
        store.lookup("SELECT state FROM proj_account WHERE username = ?", crate::dialect::params![username]).await?;
    rows.first().map(|r| parse(&r.text(0)?)).transpose()
}

pub(crate) fn parse(json: &str) -> Result<Account> {
    serde_json::from_str(json).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e))
}

pub(crate) fn to_json(a: &Account) -> Result<String> {
    serde_json::to_string(a).map_err(|e| Error::new(Code::Internal).with("reason", e))
}

/// A password credential as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    /// Argon2id, PHC string format.
    pub password: String,
    /// Failed sign-ins in a row.
    pub failures: u32,
    /// RFC 3339; the account may not sign in before.
    pub locked_until: Option<String>,
}

/// A refused attempt, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub at: String,
    /// The username tried at sign-in, or the acting caller's pseudonym (staff) or code
    /// (an enterprise) for a refused action.
    pub who: Option<String>,
    pub client: Option<String>,
    pub code: String,
    pub what: String,
}
