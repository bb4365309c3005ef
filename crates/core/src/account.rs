//! Accounts: who may sign in, in which role and jurisdiction.
//!
//! An account is the fold of its events (`access.account_created`, `access.account_disabled`),
//! restricted events of the journal, so that who was given which powers, by whom and when is
//! on the record (全程留痕). Credentials (the Argon2id hash of the password, API tokens) are
//! not events: they live beside the journal and never leave the server.
//!
//! Staff accounts carry a role and an office (a division: their jurisdiction); an enterprise
//! account is bound to its own credit code; public users need no account.

use serde::{Deserialize, Serialize};

use crate::error::{Code, Error, Result};
use crate::event::{Actor, Role};
use crate::{DivisionCode, Uscc};

pub const KIND_ACCOUNT_CREATED: &str = "access.account_created";
pub const KIND_ACCOUNT_DISABLED: &str = "access.account_disabled";

/// 网络安全法 第二十一条 and GB/T 22239-2019 (等级保护) ask for identification and
/// authentication of users; the basis recorded with account events.
pub const BASIS: &str = "中华人民共和国网络安全法 第二十一条；GB/T 22239-2019 信息安全技术 网络安全等级保护基本要求";

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
}

impl Account {
    /// The actor this account acts as: staff with their office and username; an enterprise as
    /// itself (its pseudonym is its code, as [`crate::event::Actor`] expects).
    pub fn actor(&self) -> Actor {
        match self.role {
            Role::Enterprise => {
                Actor { role: Role::Enterprise, office: None, pseudonym: self.uscc.as_ref().map(|u| u.to_string()) }
            }
            role => Actor { role, office: self.office, pseudonym: Some(self.username.clone()) },
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
/// no account for the public or the system itself.
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
    }
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
        let ent = Account { role: Role::Enterprise, office: None, uscc, ..staff(Role::Enterprise) };
        check_new(&ent).unwrap();
        assert_eq!(ent.actor().pseudonym, uscc.map(|u| u.to_string()));
        assert!(check_new(&Account { office: None, ..staff(Role::Inspector) }).is_err());
    }

    #[test]
    fn passwords_need_length_letters_and_digits() {
        check_password("hubei2026market").unwrap();
        for weak in ["short1", "onlyletterslong", "1234567890123"] {
            assert_eq!(check_password(weak).unwrap_err().code(), Code::PasswordWeak);
        }
    }
}
