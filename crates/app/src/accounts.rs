//! Accounts, passwords and API tokens (网络安全法 第二十一条; GB/T 22239-2019 identification and
//! authentication): who may act, as whom.
//!
//! Passwords are stored as Argon2id hashes (the `argon2` crate's defaults: 19 MiB, 2 passes,
//! the OWASP recommendation) and checked on the blocking pool, a bounded number at a time. API
//! tokens are 256 random bits shown once; only their SHA-256 is stored. Five failed sign-ins in
//! a row lock an account for 15 minutes, counted atomically; every refused attempt is recorded
//! (`access_refusal`). A wrong password, an unknown username, a locked and a disabled account
//! get the same answer in about the same time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use shijian_core::account::{self, Account, AccountDisabled};
use shijian_core::event::{Actor, NewEvent};
use shijian_core::{Code, Error, Result};
use shijian_store::{Appended, Refusal, Store};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::access::{Action, authorize};

/// How long a browser session lasts (a working day).
pub const SESSION_HOURS: i64 = 8;

/// The CSRF token of a session: derived from the session's secret token, so only a page served
/// to that session can know it.
pub fn csrf_of(session: &str) -> String {
    let d = Sha256::digest(format!("shijian/csrf\n{session}").as_bytes());
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The prefix of API tokens, so that a leaked one is recognisable (e.g. by secret scanners).
pub const TOKEN_PREFIX: &str = "sjt_";

pub struct Accounts<'a> {
    pub store: &'a Store,
    checks: Arc<PasswordChecks>,
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::new(Code::Internal).with("reason", e)
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The SHA-256 of a token, as stored.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(internal)?
}

/// An Argon2id hash of `password`, PHC string format.
pub async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_string();
    blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(internal)?;
        let salt = SaltString::encode_b64(&salt).map_err(internal)?;
        Ok(Argon2::default().hash_password(password.as_bytes(), &salt).map_err(internal)?.to_string())
    })
    .await
}

/// The bound on password checks running at once. Each Argon2id check holds about 19 MiB and a
/// core for about a tenth of a second, so a burst of sign-ins must not start them all: at most
/// `limit` run, at most `max_waiting` wait (none longer than `max_wait`), the rest are refused
/// at once with [`Code::TooBusy`].
pub struct PasswordChecks {
    limit: usize,
    max_waiting: usize,
    max_wait: std::time::Duration,
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    running: AtomicUsize,
    peak: AtomicUsize,
}

impl PasswordChecks {
    pub fn new(limit: usize, max_waiting: usize, max_wait: std::time::Duration) -> Arc<PasswordChecks> {
        let limit = limit.max(1);
        Arc::new(PasswordChecks {
            limit,
            max_waiting,
            max_wait,
            permits: Arc::new(Semaphore::new(limit)),
            waiting: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        })
    }

    /// The process's bound: one check per core (at most 16), 32 waiting, 3 seconds' wait.
    pub fn shared() -> Arc<PasswordChecks> {
        SHARED_CHECKS.clone()
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The most checks seen running at once.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }

    fn too_busy(&self) -> Error {
        Error::new(Code::TooBusy).with("retry_after", self.max_wait.as_secs().max(1))
    }

    /// A place to check a password: at once if one is free, else after waiting in the bounded
    /// queue for a bounded time; otherwise [`Code::TooBusy`].
    async fn permit(self: &Arc<Self>) -> Result<OwnedSemaphorePermit> {
        if let Ok(p) = self.permits.clone().try_acquire_owned() {
            return Ok(p);
        }
        if self.waiting.fetch_add(1, Ordering::Relaxed) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::Relaxed);
            return Err(self.too_busy());
        }
        // Counted as waiting while it waits, also when the wait is given up half-way.
        let _waiting = Waiting(self.clone());
        match tokio::time::timeout(self.max_wait, self.permits.clone().acquire_owned()).await {
            Ok(Ok(p)) => Ok(p),
            _ => Err(self.too_busy()),
        }
    }

    /// Checks `password` against `phc` on the blocking pool, holding `permit` until the check
    /// ends (even if the request that asked is given up).
    async fn verify(self: &Arc<Self>, permit: OwnedSemaphorePermit, password: &str, phc: &str) -> Result<bool> {
        let (password, phc, me) = (password.to_string(), phc.to_string(), self.clone());
        blocking(move || {
            let _permit = permit;
            let running = me.running.fetch_add(1, Ordering::Relaxed) + 1;
            me.peak.fetch_max(running, Ordering::Relaxed);
            let parsed = PasswordHash::new(&phc).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e));
            let ok = parsed.map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok());
            me.running.fetch_sub(1, Ordering::Relaxed);
            ok
        })
        .await
    }
}

static SHARED_CHECKS: LazyLock<Arc<PasswordChecks>> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 16);
    PasswordChecks::new(cores, 32, std::time::Duration::from_secs(3))
});

struct Waiting(Arc<PasswordChecks>);

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.waiting.fetch_sub(1, Ordering::Relaxed);
    }
}

/// An Argon2id hash with the same parameters as real ones, of a password nobody knows: checked
/// for unknown usernames and locked accounts, so that they are answered in the same time as a
/// wrong password.
static DECOY: LazyLock<std::result::Result<String, String>> = LazyLock::new(|| {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default().hash_password(&bytes, &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
});

async fn decoy_phc() -> Result<String> {
    blocking(|| DECOY.clone().map_err(internal)).await
}

/// Draws the opaque pseudonym of a new staff account (64 random bits), unless one is given;
/// enterprises act as their code and get none.
fn draw_pseudonym(a: &mut Account) -> Result<()> {
    if a.pseudonym.is_empty() && account::has_pseudonym(a.role) {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).map_err(internal)?;
        a.pseudonym = account::pseudonym_from(bytes);
    }
    Ok(())
}

impl<'a> Accounts<'a> {
    pub fn new(store: &'a Store) -> Accounts<'a> {
        Accounts { store, checks: PasswordChecks::shared() }
    }

    /// The same, with its own bound on password checks.
    pub fn with_checks(store: &'a Store, checks: Arc<PasswordChecks>) -> Accounts<'a> {
        Accounts { store, checks }
    }

    /// Creates an account with its first password. Administrators create staff accounts
    /// inside their jurisdiction and enterprise accounts; the system (the command line) any.
    /// The account is a restricted event of the journal; the password's hash is not.
    pub async fn create(&self, actor: &Actor, mut a: Account, password: &str, at: DateTime<Utc>) -> Result<Appended> {
        account::check_new(&a)?;
        draw_pseudonym(&mut a)?;
        account::check_password(password)?;
        authorize(actor, Action::ManageAccounts, a.office)?;
        if self.store.account(&a.username).await?.is_some() {
            return Err(Error::new(Code::AccountExists).with("username", &a.username));
        }
        let hash = hash_password(password).await?;
        let event = NewEvent::of(&a, Some(&Account::subject(&a.username)), actor, at)?;
        let appended = self.store.append(&[event]).await?.pop().ok_or_else(|| Error::new(Code::Internal))?;
        self.store.set_password(&a.username, &hash, &rfc3339(at)).await?;
        Ok(appended)
    }

    /// Sets (or resets) an account's password (administrators inside the account's office).
    pub async fn set_password(&self, actor: &Actor, username: &str, password: &str, at: DateTime<Utc>) -> Result<()> {
        let a = self.account(username).await?;
        authorize(actor, Action::ManageAccounts, a.office)?;
        account::check_password(password)?;
        let hash = hash_password(password).await?;
        self.store.set_password(username, &hash, &rfc3339(at)).await
    }

    /// Creates accounts without a password, in one append (administrators): staff whose
    /// credential is set later, such as a synthetic province's thousands of inspectors
    /// (hashing a password with Argon2id takes a tenth of a second each). Such an account
    /// cannot sign in until an administrator sets a password ([`Accounts::set_password`]); it
    /// can be named in plans, pools and tasks.
    pub async fn create_without_password(&self, actor: &Actor, accounts: &[Account], at: DateTime<Utc>) -> Result<()> {
        let mut events = Vec::with_capacity(accounts.len());
        let mut seen = std::collections::HashSet::new();
        for a in accounts {
            account::check_new(a)?;
            let mut a = a.clone();
            draw_pseudonym(&mut a)?;
            authorize(actor, Action::ManageAccounts, a.office)?;
            if !seen.insert(a.username.clone()) || self.store.account(&a.username).await?.is_some() {
                return Err(Error::new(Code::AccountExists).with("username", &a.username));
            }
            events.push(NewEvent::of(&a, Some(&Account::subject(&a.username)), actor, at)?);
        }
        self.store.append(&events).await?;
        Ok(())
    }

    /// Disables an account: it can no longer sign in, and its tokens stop working.
    pub async fn disable(&self, actor: &Actor, username: &str, reason: &str, at: DateTime<Utc>) -> Result<Appended> {
        let a = self.account(username).await?;
        authorize(actor, Action::ManageAccounts, a.office)?;
        let data = AccountDisabled { username: username.to_string(), reason: reason.to_string() };
        let event = NewEvent::of(&data, Some(&Account::subject(username)), actor, at)?;
        self.store.append(&[event]).await?.pop().ok_or_else(|| Error::new(Code::Internal))
    }

    pub async fn account(&self, username: &str) -> Result<Account> {
        self.store.account(username).await?.ok_or_else(|| Error::new(Code::AccountUnknown).with("username", username))
    }

    async fn refuse(&self, e: Error, who: Option<&str>, client: Option<&str>, what: &str, now: DateTime<Utc>) -> Error {
        let refusal = Refusal {
            at: rfc3339(now),
            who: who.map(str::to_string),
            client: client.map(str::to_string),
            code: e.code().as_str().to_string(),
            what: what.to_string(),
        };
        // The refusal stands even if it cannot be recorded; the failure to record is logged by
        // the caller's error path only when it is the only error.
        let _ = self.store.record_refusal(refusal).await;
        e
    }

    /// Checks a username and password. Five failures in a row lock the account for 15
    /// minutes ([`account::LOCK_AFTER_FAILURES`]).
    ///
    /// The attempt is counted atomically before the password is checked
    /// ([`Store::claim_sign_in`]), so concurrent wrong passwords are counted each: attempts
    /// beyond the fifth lock the account unchecked, and a right password among them does not
    /// clear the others' failures. Checks run a bounded number at a time ([`PasswordChecks`]);
    /// beyond that the answer is [`Code::TooBusy`] and nothing is counted. An unknown username
    /// and a locked account are checked against a decoy hash and answered like a wrong
    /// password, in about the same time, so the answer does not tell whether an account exists
    /// (the refusal recorded says `account_locked`).
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        client: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Account> {
        let failed = || Error::new(Code::SignInFailed);
        let permit = self.checks.permit().await?;
        let lock = rfc3339(now + Duration::minutes(account::LOCK_MINUTES));
        let claim = self.store.claim_sign_in(username, &rfc3339(now), account::LOCK_AFTER_FAILURES, &lock).await?;
        let Some(cred) = claim else {
            let _ = self.checks.verify(permit, password, &decoy_phc().await?).await?;
            return Err(self.refuse(failed(), Some(username), client, "sign_in", now).await);
        };
        if cred.locked_until.as_deref().is_some_and(|until| until > rfc3339(now).as_str()) {
            let _ = self.checks.verify(permit, password, &decoy_phc().await?).await?;
            let recorded = Error::new(Code::AccountLocked);
            let _ = self.refuse(recorded, Some(username), client, "sign_in", now).await;
            return Err(failed());
        }
        let account = self.store.account(username).await?;
        let right = self.checks.verify(permit, password, &cred.password).await?;
        let ok = right && account.as_ref().is_some_and(|a| !a.disabled);
        let lock = (!ok && cred.failures >= account::LOCK_AFTER_FAILURES).then_some(lock);
        self.store.conclude_sign_in(username, cred.failures, ok, lock.as_deref()).await?;
        if !ok {
            return Err(self.refuse(failed(), Some(username), client, "sign_in", now).await);
        }
        account.ok_or_else(failed)
    }

    /// Issues an API token for `account`, valid for `ttl` (or until revoked). The token is
    /// returned once; only its hash is kept.
    pub async fn issue_token(
        &self,
        account: &Account,
        label: &str,
        ttl: Option<Duration>,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(internal)?;
        let token = format!("{TOKEN_PREFIX}{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>());
        let expires = ttl.map(|t| rfc3339(now + t));
        self.store
            .insert_token(&token_hash(&token), &account.username, label, &rfc3339(now), expires.as_deref())
            .await?;
        Ok(token)
    }

    /// Opens a browser session for `account`: a token like an API token, labelled `session`,
    /// valid [`SESSION_HOURS`]; the server keeps it in an `HttpOnly` cookie.
    pub async fn open_session(&self, account: &Account, now: DateTime<Utc>) -> Result<String> {
        self.issue_token(account, "session", Some(Duration::hours(SESSION_HOURS)), now).await
    }

    /// Ends a session (or withdraws an API token): it stops working at once.
    pub async fn revoke(&self, token: &str) -> Result<()> {
        self.store.revoke_token(&token_hash(token)).await
    }

    /// The account a bearer token stands for; an unknown, revoked or expired token, or a
    /// disabled account, is refused (and the refusal recorded).
    pub async fn authenticate(&self, token: &str, client: Option<&str>, now: DateTime<Utc>) -> Result<Account> {
        let invalid = || Error::new(Code::TokenInvalid);
        let found = self.store.token(&token_hash(token)).await?;
        let account = match found {
            Some((username, expires))
                if expires.as_deref().is_none_or(|e| DateTime::parse_from_rfc3339(e).is_ok_and(|e| e > now)) =>
            {
                self.store.account(&username).await?.filter(|a| !a.disabled)
            }
            _ => None,
        };
        match account {
            Some(a) => Ok(a),
            None => Err(self.refuse(invalid(), None, client, "token", now).await),
        }
    }

    /// Records an action refused to `actor` (by the server, for a 403); a member of staff is
    /// recorded by their pseudonym, which the account data maps back to them.
    pub async fn record_refused(&self, actor: &Actor, e: &Error, client: Option<&str>, what: &str, now: DateTime<Utc>) {
        let e = Error::new(e.code());
        let _ = self.refuse(e, actor.pseudonym.as_deref(), client, what, now).await;
    }
}
