//! Accounts: who may sign in, in which role and jurisdiction.
//!
//! An account is the fold of its events (`access.account_created`, `access.account_disabled`),
//! restricted events of the journal, so that who was given which powers, by whom and when is
//! on the record (全程留痕). Credentials (the Argon2id hash of the password, API tokens) are
//! not events: they live beside the journal and never leave the server.
//!
//! Staff accounts carry a role and an office (a division: their jurisdiction); an enterprise
//! account is bound to its own credit code; public users need no account.
//!
//! Staff act under an opaque pseudonym (`p-` and 16 hex digits), never their username: events
//! name their actor, and public events are read by everyone (个人信息保护法 第五十一条 asks
//! for de-identification where the purpose allows; 政府信息公开条例 第十五条 keeps personal
//! information out of what is disclosed). The pseudonym is drawn when the account is created
//! and recorded in the restricted `access.account_created` event, so auditors map it back to
//! the account; an account created before pseudonyms were drawn has the one
//! [`derived_pseudonym`] computes from its creating event's id, which the projection folds in.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Code, Error, Result};
use crate::event::{Actor, Role};
use crate::{DivisionCode, Uscc};

/// 网络安全法 第二十一条 and GB/T 22239-2019 (等级保护) ask for identification and
/// authentication of users; the basis recorded with account events.
pub const BASIS: &str = "中华人民共和国网络安全法 第二十一条；GB/T 22239-2019 信息安全技术 网络安全等级保护基本要求";

// Accounts are internal work: restricted.
crate::declare_events! {
    /// An account was opened ([`Account`]).
    KIND_ACCOUNT_CREATED, ACCOUNT_CREATED = "access.account_created",
        basis: BASIS, zh: "账户开设", en: "account created", restricted;
    /// An account was disabled ([`AccountDisabled`]).
    KIND_ACCOUNT_DISABLED, ACCOUNT_DISABLED = "access.account_disabled",
        basis: BASIS, zh: "账户停用", en: "account disabled", restricted;
}

crate::event_data!(Account => ACCOUNT_CREATED, AccountDisabled => ACCOUNT_DISABLED);

/// An account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub username: String,
    pub role: Role,
    /// The jurisdiction of a staff account.
    pub office: Option<DivisionCode>,
    /// The entity an enterprise account acts for.
    pub uscc: Option<Uscc>,
    pub display_name: String,
    #[serde(default)]
    pub disabled: bool,
    /// The opaque pseudonym a staff account acts under (see the module documentation); empty
    /// for an enterprise (which acts as its code) and in the data of an account created before
    /// pseudonyms were drawn (the projection then holds [`derived_pseudonym`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pseudonym: String,
}

/// The prefix of a staff pseudonym.
pub const PSEUDONYM_PREFIX: &str = "p-";

/// A staff pseudonym from 8 random bytes: `p-` and 16 lower-case hex digits.
pub fn pseudonym_from(bytes: [u8; 8]) -> String {
    let mut s = String::with_capacity(18);
    s.push_str(PSEUDONYM_PREFIX);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The pseudonym of a staff account whose creating event recorded none (accounts created
/// before pseudonyms were drawn): the first 8 bytes of
/// `SHA-256("shijian-account-pseudonym v1\n" ‖ id of the access.account_created event)`,
/// as [`pseudonym_from`] writes them. Stable: the event's id never changes, so every rebuild
/// of the projection computes the same value.
pub fn derived_pseudonym(event_id: &str) -> String {
    let digest =
        Sha256::new().chain_update(b"shijian-account-pseudonym v1\n").chain_update(event_id.as_bytes()).finalize();
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    pseudonym_from(bytes)
}

/// Whether `s` has the form of a staff pseudonym.
pub fn is_pseudonym(s: &str) -> bool {
    s.strip_prefix(PSEUDONYM_PREFIX)
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// Whether accounts of `role` act under a drawn pseudonym (staff; not enterprises).
pub fn has_pseudonym(role: Role) -> bool {
    !matches!(role, Role::Enterprise | Role::Public | Role::System)
}

impl Account {
    /// The actor this account acts as: staff with their office and opaque pseudonym (never the
    /// username); an enterprise as itself (its pseudonym is its code, as
    /// [`crate::event::Actor`] expects).
    pub fn actor(&self) -> Actor {
        match self.role {
            Role::Enterprise => {
                Actor { role: Role::Enterprise, office: None, pseudonym: self.uscc.as_ref().map(|u| u.to_string()) }
            }
            role => {
                Actor { role, office: self.office, pseudonym: Some(self.pseudonym.clone()).filter(|p| !p.is_empty()) }
            }
        }
    }

    /// The subject of the account's events.
    pub fn subject(username: &str) -> String {
        format!("account/{username}")
    }
}

/// Data of `access.account_disabled`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDisabled {
    pub username: String,
    pub reason: String,
}

fn invalid(field: &'static str, reason: &str) -> Error {
    Error::new(Code::AccountInvalid).with("field", field).with("reason", reason)
}

/// Checks a new account: a username of 3–32 lower-case letters, digits, `.`, `_` or `-`; a
/// display name; staff with an office and no code; an enterprise with its code and no office;
/// no account for the public or the system itself; a pseudonym, if given, of a staff account
/// and of the form [`is_pseudonym`] checks.
pub fn check_new(a: &Account) -> Result<()> {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
    if !(3..=32).contains(&a.username.len()) || !a.username.chars().all(ok_char) {
        return Err(invalid("username", "3–32 个小写字母、数字或 . _ - / 3–32 lower-case letters, digits, . _ -"));
    }
    if a.display_name.trim().is_empty() {
        return Err(invalid("display_name", "不能为空 / empty"));
    }
    match a.role {
        Role::Public | Role::System => Err(invalid("role", "公众与系统不设账户 / no accounts for public or system")),
        Role::Enterprise if a.uscc.is_none() || a.office.is_some() => {
            Err(invalid("uscc", "企业账户须绑定统一社会信用代码 / an enterprise account needs its code, no office"))
        }
        Role::Enterprise => Ok(()),
        _ if a.office.is_none() || a.uscc.is_some() => {
            Err(invalid("office", "工作人员账户须有所属辖区 / a staff account needs its office"))
        }
        _ => Ok(()),
    }?;
    if !a.pseudonym.is_empty() && (!has_pseudonym(a.role) || !is_pseudonym(&a.pseudonym)) {
        return Err(invalid("pseudonym", "工作人员化名为 p- 加 16 位十六进制数 / p- and 16 hex digits, staff only"));
    }
    Ok(())
}

/// A password acceptable for an account: at least 10 characters with letters and digits
/// (GB/T 22239-2019 asks for complexity; the exact rule here is the province's to set [M]).
pub fn check_password(password: &str) -> Result<()> {
    let long = password.chars().count() >= 10;
    let letters = password.chars().any(|c| c.is_alphabetic());
    let digits = password.chars().any(|c| c.is_ascii_digit());
    if long && letters && digits { Ok(()) } else { Err(Error::new(Code::PasswordWeak)) }
}

/// Failed sign-ins in a row that lock an account.
pub const LOCK_AFTER_FAILURES: u32 = 5;
/// How long a lock lasts (minutes).
pub const LOCK_MINUTES: i64 = 15;

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role) -> Account {
        Account {
            username: "wang.li".into(),
            role,
            office: Some(DivisionCode::parse("420111").unwrap()),
            uscc: None,
            display_name: "王丽".into(),
            disabled: false,
            pseudonym: "p-00112233445566ff".into(),
        }
    }

    #[test]
    fn accounts_are_checked() {
        check_new(&staff(Role::Registrar)).unwrap();
        let e = check_new(&Account { username: "Wang Li".into(), ..staff(Role::Registrar) }).unwrap_err();
        assert_eq!(e.code(), Code::AccountInvalid);
        assert!(check_new(&staff(Role::Public)).is_err());
        assert!(check_new(&staff(Role::Enterprise)).is_err(), "an enterprise needs its code");
        let uscc = Uscc::parse("91420111MA0000015D").ok();
        let ent =
            Account { role: Role::Enterprise, office: None, uscc, pseudonym: String::new(), ..staff(Role::Enterprise) };
        check_new(&ent).unwrap();
        let e = check_new(&Account { pseudonym: "p-1".into(), ..ent.clone() }).unwrap_err();
        assert_eq!(e.code(), Code::AccountInvalid, "an enterprise has no drawn pseudonym");
        assert_eq!(ent.actor().pseudonym, uscc.map(|u| u.to_string()));
        assert!(check_new(&Account { office: None, ..staff(Role::Inspector) }).is_err());
        assert!(check_new(&Account { pseudonym: "wang.li".into(), ..staff(Role::Inspector) }).is_err());
        check_new(&Account { pseudonym: String::new(), ..staff(Role::Inspector) }).unwrap();
    }

    #[test]
    fn staff_act_under_their_pseudonym_not_their_username() {
        let a = staff(Role::Inspector);
        assert_eq!(a.actor().pseudonym.as_deref(), Some("p-00112233445566ff"));
        assert_eq!(pseudonym_from([0xab; 8]), "p-abababababababab");
        let d = derived_pseudonym("0190a6b2-7c3e-7def-8abc-0123456789ab");
        assert!(is_pseudonym(&d), "{d}");
        assert_eq!(d, derived_pseudonym("0190a6b2-7c3e-7def-8abc-0123456789ab"), "stable");
        assert_ne!(d, derived_pseudonym("0190a6b2-7c3e-7def-8abc-0123456789ac"));
        assert!(!is_pseudonym("p-00112233445566FF") && !is_pseudonym("p-0011"));
    }

    #[test]
    fn passwords_need_length_letters_and_digits() {
        check_password("hubei2026market").unwrap();
        for weak in ["short1", "onlyletterslong", "1234567890123"] {
            assert_eq!(check_password(weak).unwrap_err().code(), Code::PasswordWeak);
        }
    }
}
