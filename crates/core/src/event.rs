//! Events: every change of state in shijian is one, appended to the journal.
//!
//! An event says what happened (`kind`, e.g. `registry.entity_registered`), to whom (the
//! `subject`, usually a credit code), when (`occurred_at`), by whom (the `actor`: a role, an
//! office, a pseudonym for staff), on what legal basis (`basis`), with kind-specific `data`.
//!
//! Its **record** is its canonical JSON ([`canonical_json`]): the exact bytes the journal's
//! salted commitment covers, so anyone holding the record and its salt can recompute the log
//! entry. The record's fields:
//!
//! ```json
//! {"actor":{"office":"420102","pseudonym":"s-7f3a","role":"registrar"},
//!  "basis":"市场主体登记管理条例 第二十一条","data":{…},"id":"…","kind":"registry.entity_registered",
//!  "subject":"91420100MA4K2X5T27","time":"2026-11-28T08:00:00.000000Z","v":1}
//! ```
//!
//! How long a record may be shown to the public is not part of it: that is decided by the law
//! at read time ([`Publicity`]), and can change later through events of its own.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use crate::division::DivisionCode;
use crate::error::{Code, Error, Result};

/// The version of the record format.
pub const SCHEMA_VERSION: u32 = 1;

/// Who may act: the roles of shijian's users.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 社会公众 (anonymous)
    Public,
    /// 企业 (bound to its own credit code)
    Enterprise,
    /// 登记员
    Registrar,
    /// 信用监管人员
    CreditOfficer,
    /// 检查人员
    Inspector,
    /// 投诉举报处理人员
    ComplaintHandler,
    /// 办案人员
    CaseOfficer,
    /// 监督人员 (supervising level, discipline inspection)
    Supervisor,
    /// 审计人员 (may open restricted events)
    Auditor,
    /// 系统管理员
    Administrator,
    /// The system itself (scheduled jobs, self-tests).
    System,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Public,
        Role::Enterprise,
        Role::Registrar,
        Role::CreditOfficer,
        Role::Inspector,
        Role::ComplaintHandler,
        Role::CaseOfficer,
        Role::Supervisor,
        Role::Auditor,
        Role::Administrator,
        Role::System,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Public => "public",
            Role::Enterprise => "enterprise",
            Role::Registrar => "registrar",
            Role::CreditOfficer => "credit_officer",
            Role::Inspector => "inspector",
            Role::ComplaintHandler => "complaint_handler",
            Role::CaseOfficer => "case_officer",
            Role::Supervisor => "supervisor",
            Role::Auditor => "auditor",
            Role::Administrator => "administrator",
            Role::System => "system",
        }
    }

    pub fn parse(s: &str) -> Result<Role> {
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| Error::new(Code::EventInvalid).with("field", "actor.role").with("reason", s))
    }
}

/// Who caused an event. Staff appear by a pseudonym, not by name: the mapping to people is
/// kept by the administration, not in the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// The office acting (its division).
    pub office: Option<DivisionCode>,
    pub pseudonym: Option<String>,
}

impl Actor {
    /// The system acting on its own.
    pub fn system() -> Actor {
        Actor { role: Role::System, office: None, pseudonym: None }
    }
}

/// How long the public may see a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publicity {
    /// Public, until the end of the given day if any (e.g. the end of a penalty's publicity
    /// period, 行政处罚信息公示规定 第十三条).
    Public { until: Option<NaiveDate> },
    /// Never public: personal data, internal work. Only authorised auditors may open it.
    Restricted,
}

impl Publicity {
    /// Whether the record may be shown to the public on `day`.
    pub fn is_public_on(&self, day: NaiveDate) -> bool {
        match self {
            Publicity::Public { until } => until.is_none_or(|u| day <= u),
            Publicity::Restricted => false,
        }
    }
}

/// An event to append.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    /// `context.what_happened`: lower-case ASCII words joined by `_`, one dot between context
    /// and name.
    pub kind: String,
    pub subject: Option<String>,
    pub occurred_at: DateTime<Utc>,
    pub actor: Actor,
    /// The legal basis: law or regulation and article.
    pub basis: String,
    /// Kind-specific data: a JSON object of strings, integers, booleans, nulls, arrays and
    /// objects (no fractional numbers: amounts are decimal strings).
    pub data: Value,
    pub publicity: Publicity,
}

/// Checks an event kind's form: `context.name`, each part `[a-z][a-z0-9_]*`.
pub fn check_kind(kind: &str) -> Result<()> {
    let part_ok = |p: &str| {
        let mut chars = p.chars();
        chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    match kind.split_once('.') {
        Some((ctx, name)) if part_ok(ctx) && part_ok(name) && kind.len() <= 64 => Ok(()),
        _ => Err(Error::new(Code::EventInvalid).with("field", "kind").with("reason", kind)),
    }
}

/// The time format of records: RFC 3339 in UTC with microseconds.
pub fn format_time(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

impl NewEvent {
    /// Checks the event and builds its record (canonical JSON) with the given id. The envelope
    /// is written directly, members in canonical order; only `data` goes through
    /// [`canonical_json`]'s general path. The result is exactly the canonical form of the
    /// record as a JSON object (a test checks the two agree).
    pub fn record(&self, id: &str) -> Result<String> {
        check_kind(&self.kind)?;
        if self.basis.trim().is_empty() {
            return Err(Error::new(Code::EventInvalid).with("field", "basis").with("reason", "empty"));
        }
        if !self.data.is_object() {
            return Err(Error::new(Code::EventInvalid).with("field", "data").with("reason", "not an object"));
        }
        let mut out = String::with_capacity(320);
        // Members in byte order of their keys: actor, basis, data, id, kind, subject, time, v;
        // inside actor: office, pseudonym, role.
        out.push_str("{\"actor\":{");
        let mut first = true;
        if let Some(office) = self.actor.office {
            let _ = write!(out, "\"office\":\"{office}\"");
            first = false;
        }
        if let Some(p) = &self.actor.pseudonym {
            if !first {
                out.push(',');
            }
            out.push_str("\"pseudonym\":");
            write_string(p, &mut out);
            first = false;
        }
        if !first {
            out.push(',');
        }
        let _ = write!(out, "\"role\":\"{}\"}},\"basis\":", self.actor.role.as_str());
        write_string(&self.basis, &mut out);
        out.push_str(",\"data\":");
        write_canonical(&self.data, &mut out)?;
        out.push_str(",\"id\":");
        write_string(id, &mut out);
        out.push_str(",\"kind\":");
        write_string(&self.kind, &mut out);
        out.push_str(",\"subject\":");
        match &self.subject {
            Some(s) => write_string(s, &mut out),
            None => out.push_str("null"),
        }
        let _ = write!(out, ",\"time\":\"{}\",\"v\":{SCHEMA_VERSION}}}", format_time(&self.occurred_at));
        Ok(out)
    }

    /// The record built the general way (a JSON object through [`canonical_json`]); for tests.
    #[doc(hidden)]
    pub fn record_via_value(&self, id: &str) -> Result<String> {
        let mut actor = serde_json::Map::new();
        actor.insert("role".into(), Value::String(self.actor.role.as_str().into()));
        if let Some(office) = self.actor.office {
            actor.insert("office".into(), Value::String(office.to_string()));
        }
        if let Some(p) = &self.actor.pseudonym {
            actor.insert("pseudonym".into(), Value::String(p.clone()));
        }
        let mut rec = serde_json::Map::new();
        rec.insert("v".into(), Value::from(SCHEMA_VERSION));
        rec.insert("id".into(), Value::String(id.into()));
        rec.insert("kind".into(), Value::String(self.kind.clone()));
        rec.insert("subject".into(), self.subject.clone().map(Value::String).unwrap_or(Value::Null));
        rec.insert("time".into(), Value::String(format_time(&self.occurred_at)));
        rec.insert("actor".into(), Value::Object(actor));
        rec.insert("basis".into(), Value::String(self.basis.clone()));
        rec.insert("data".into(), self.data.clone());
        canonical_json(&Value::Object(rec))
    }
}

/// The canonical JSON form of a value: the bytes a commitment covers. Rules:
///
/// 1. No insignificant whitespace.
/// 2. Object members sorted by key, comparing the keys' UTF-8 bytes (equivalently, Unicode
///    code points); duplicate keys cannot occur.
/// 3. Strings: `"` and `\` escaped as `\"` and `\\`; U+0008, U+0009, U+000A, U+000C, U+000D as
///    `\b \t \n \f \r`; other characters below U+0020 as `\u00XX` (lower-case hex); every
///    other character, including non-ASCII and `/`, written as itself in UTF-8.
/// 4. Numbers: integers only, in decimal without sign for non-negative values, without
///    leading zeros or exponent. A fractional number is an error (`event_invalid`): amounts
///    are carried as decimal strings.
/// 5. `true`, `false`, `null` as written.
pub fn canonical_json(v: &Value) -> Result<String> {
    let mut out = String::with_capacity(256);
    write_canonical(v, &mut out)?;
    Ok(out)
}

fn write_canonical(v: &Value, out: &mut String) -> Result<()> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                let _ = write!(out, "{i}");
            } else if let Some(u) = n.as_u64() {
                let _ = write!(out, "{u}");
            } else {
                return Err(Error::new(Code::EventInvalid)
                    .with("field", "data")
                    .with("reason", format!("fractional number {n}")));
            }
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_canonical(&map[k], out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{0C}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The data of `journal.publicity_changed`: a record's publicity changed after the fact (credit
/// repair ends a penalty's publicity early, 市场监督管理信用修复管理办法 第二条; a decision
/// revoked is withdrawn, 行政处罚信息公示规定 第十一条).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublicityChanged {
    /// The id of the event whose publicity changes.
    pub event_id: String,
    /// The new last day of publicity (`None` with `restricted` false: public without end).
    pub public_until: Option<NaiveDate>,
    /// True to withdraw the record from the public entirely.
    pub restricted: bool,
}

/// The kind of [`PublicityChanged`] events.
pub const KIND_PUBLICITY_CHANGED: &str = "journal.publicity_changed";

/// The data of `ledger.cosignature_added`: a witness returned a cosignature for one of this
/// log's checkpoints, and it was verified before being recorded.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CosignatureAdded {
    /// The tree size of the checkpoint cosigned.
    pub size: u64,
    /// The witness key's name.
    pub witness: String,
    pub key_id: u32,
    /// The signature line, `— <name> <base64>`, as it is appended to the checkpoint.
    pub line: String,
}

/// The kind of [`CosignatureAdded`] events.
pub const KIND_COSIGNATURE_ADDED: &str = "ledger.cosignature_added";

/// The data of `ledger.checkpoint_cosigned`: acting as a witness, this instance cosigned
/// another log's checkpoint after checking it was consistent with the last one it cosigned.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckpointCosigned {
    pub origin: String,
    pub size: u64,
    /// The root hash, base64.
    pub root: String,
}

/// The kind of [`CheckpointCosigned`] events.
pub const KIND_CHECKPOINT_COSIGNED: &str = "ledger.checkpoint_cosigned";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_form_is_sorted_compact_and_minimal() {
        let v = json!({"b": 1, "a": [true, null, -3, "x/y"], "é": "中文\n\u{1}\"\\", "A": {"z": 0, "y": 18446744073709551615u64}});
        assert_eq!(
            canonical_json(&v).unwrap(),
            r#"{"A":{"y":18446744073709551615,"z":0},"a":[true,null,-3,"x/y"],"b":1,"é":"中文\n\u0001\"\\"}"#
        );
        let e = canonical_json(&json!({"amount": 1.5})).unwrap_err();
        assert_eq!(e.code(), Code::EventInvalid);
    }

    #[test]
    fn the_same_value_always_gives_the_same_bytes() {
        let a: Value = serde_json::from_str(r#"{ "x": {"b":2, "a":1}, "k": "v" }"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"k":"v","x":{"a":1,"b":2}}"#).unwrap();
        assert_eq!(canonical_json(&a).unwrap(), canonical_json(&b).unwrap());
    }

    fn event() -> NewEvent {
        NewEvent {
            kind: "registry.entity_registered".into(),
            subject: Some("91420100MA4K2X5T27".into()),
            occurred_at: DateTime::parse_from_rfc3339("2026-11-28T08:00:00Z").unwrap().with_timezone(&Utc),
            actor: Actor {
                role: Role::Registrar,
                office: DivisionCode::lookup("420102"),
                pseudonym: Some("s-7f3a".into()),
            },
            basis: "市场主体登记管理条例 第二十一条".into(),
            data: json!({"name": "武汉市江岸区红光餐饮管理有限公司"}),
            publicity: Publicity::Public { until: None },
        }
    }

    #[test]
    fn record_layout() {
        assert_eq!(
            event().record("e1").unwrap(),
            r#"{"actor":{"office":"420102","pseudonym":"s-7f3a","role":"registrar"},"basis":"市场主体登记管理条例 第二十一条","data":{"name":"武汉市江岸区红光餐饮管理有限公司"},"id":"e1","kind":"registry.entity_registered","subject":"91420100MA4K2X5T27","time":"2026-11-28T08:00:00.000000Z","v":1}"#
        );
    }

    #[test]
    fn the_direct_record_is_the_canonical_form() {
        let variants = [
            event(),
            NewEvent { subject: None, actor: Actor::system(), ..event() },
            NewEvent {
                actor: Actor { role: Role::Inspector, office: None, pseudonym: Some("p\"q".into()) },
                ..event()
            },
            NewEvent {
                actor: Actor { role: Role::Auditor, office: DivisionCode::lookup("429021"), pseudonym: None },
                ..event()
            },
            NewEvent {
                basis: "法\n律\t\u{1}".into(),
                data: json!({"z": [1, {"b": null, "a": "/"}], "a": true}),
                ..event()
            },
        ];
        for e in variants {
            assert_eq!(e.record("id\"1").unwrap(), e.record_via_value("id\"1").unwrap());
        }
    }

    #[test]
    fn bad_events_are_refused() {
        for kind in ["Registry.x", "registry", "registry.", ".x", "registry.entity-registered", "a.b.c"] {
            let e = NewEvent { kind: kind.into(), ..event() };
            assert_eq!(e.record("e").unwrap_err().code(), Code::EventInvalid, "{kind}");
        }
        assert_eq!(NewEvent { basis: " ".into(), ..event() }.record("e").unwrap_err().detail("field"), Some("basis"));
        assert_eq!(NewEvent { data: json!([1]), ..event() }.record("e").unwrap_err().detail("field"), Some("data"));
    }

    #[test]
    fn publicity_periods() {
        let d = |s| crate::parse_date(s).unwrap();
        let p = Publicity::Public { until: Some(d("2026-12-31")) };
        assert!(p.is_public_on(d("2026-12-31")));
        assert!(!p.is_public_on(d("2027-01-01")));
        assert!(Publicity::Public { until: None }.is_public_on(d("2099-01-01")));
        assert!(!Publicity::Restricted.is_public_on(d("2026-01-01")));
    }
}
