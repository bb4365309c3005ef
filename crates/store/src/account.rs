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

// ----- credentials, tokens and refusals: storage beside the journal, written once -----

use crate::Store;
use crate::dialect::Row;

fn credential_of(r: &Row) -> Result<Credential> {
    Ok(Credential {
        password: r.text(0)?,
        failures: u32::try_from(r.int(1)?).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e))?,
        locked_until: r.opt_text(2)?,
    })
}

/// Sets an account's password and clears failures and locks.
pub(crate) async fn set_password(store: &Store, username: &str, phc: &str, at: &str) -> Result<()> {
    store
        .write(
            "INSERT INTO access_credential (username, password, failures, locked_until, changed_at)
             VALUES (?, ?, 0, NULL, ?)
             ON CONFLICT (username) DO UPDATE SET password = excluded.password, failures = 0,
                 locked_until = NULL, changed_at = excluded.changed_at",
            crate::dialect::params![username, phc, at],
        )
        .await?;
    Ok(())
}

/// An account's password credential, if it has one.
pub(crate) async fn credential(store: &Store, username: &str) -> Result<Option<Credential>> {
    let rows = store
        .lookup(
            "SELECT password, failures, locked_until FROM access_credential WHERE username = ?",
            crate::dialect::params![username],
        )
        .await?;
    rows.first().map(credential_of).transpose()
}

/// Concludes a counted sign-in attempt (see `Store::conclude_sign_in`).
pub(crate) async fn conclude_sign_in(
    store: &Store,
    username: &str,
    attempt: u32,
    ok: bool,
    lock_until: Option<&str>,
) -> Result<()> {
    if ok {
        store
            .write(
                "UPDATE access_credential
                 SET failures = CASE WHEN failures = ? THEN 0 WHEN failures > 0 THEN failures - 1 ELSE 0 END
                 WHERE username = ?",
                crate::dialect::params![attempt, username],
            )
            .await?;
    } else {
        store
            .write(
                "UPDATE access_credential SET locked_until = COALESCE(locked_until, ?) WHERE username = ?",
                crate::dialect::params![lock_until, username],
            )
            .await?;
    }
    Ok(())
}

/// Stores an API token by its hash.
pub(crate) async fn insert_token(
    store: &Store,
    hash: &[u8; 32],
    username: &str,
    label: &str,
    created_at: &str,
    expires_at: Option<&str>,
) -> Result<()> {
    store
        .write(
            "INSERT INTO access_token (hash, username, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            crate::dialect::params![hash.to_vec(), username, label, created_at, expires_at],
        )
        .await?;
    Ok(())
}

/// The account and expiry of an unrevoked token, by its hash.
pub(crate) async fn token(store: &Store, hash: &[u8; 32]) -> Result<Option<(String, Option<String>)>> {
    let rows = store
        .lookup(
            "SELECT username, expires_at FROM access_token WHERE hash = ? AND revoked = ?",
            crate::dialect::params![hash.to_vec(), false],
        )
        .await?;
    rows.first().map(|r| Ok((r.text(0)?, r.opt_text(1)?))).transpose()
}

/// Revokes a token.
pub(crate) async fn revoke_token(store: &Store, hash: &[u8; 32]) -> Result<()> {
    store
        .write("UPDATE access_token SET revoked = ? WHERE hash = ?", crate::dialect::params![true, hash.to_vec()])
        .await?;
    Ok(())
}

/// Records a refused attempt.
pub(crate) async fn record_refusal(store: &Store, r: Refusal) -> Result<()> {
    store
        .write(
            "INSERT INTO access_refusal (at, who, client, code, what) VALUES (?, ?, ?, ?, ?)",
            crate::dialect::params![r.at, r.who, r.client, r.code, r.what],
        )
        .await?;
    Ok(())
}

/// The latest refused attempts, newest first.
pub(crate) async fn refusals(store: &Store, limit: usize) -> Result<Vec<Refusal>> {
    let rows = store
        .query(
            "SELECT at, who, client, code, what FROM access_refusal ORDER BY id DESC LIMIT ?",
            crate::dialect::params![limit as i64],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Refusal {
                at: r.text(0)?,
                who: r.opt_text(1)?,
                client: r.opt_text(2)?,
                code: r.text(3)?,
                what: r.text(4)?,
            })
        })
        .collect()
}
