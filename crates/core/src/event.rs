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
//!
//! Every kind is declared once, in the module that owns its data ([`declare_events!`](crate::declare_events)):
//! its default basis, its labels and its default publicity ([`EventKind`]). The declarations
//! together are the registry ([`kinds`], [`kinds_of`]); a data type names its kind
//! ([`EventData`]) and [`NewEvent::of`] builds the event from it.

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

    /// The role's name in Chinese, as the pages show it.
    pub fn zh(self) -> &'static str {
        match self {
            Role::Public => "社会公众",
            Role::Enterprise => "企业",
            Role::Registrar => "登记人员",
            Role::CreditOfficer => "信用监管人员",
            Role::Inspector => "检查人员",
            Role::ComplaintHandler => "投诉举报处理人员",
            Role::CaseOfficer => "办案人员",
            Role::Supervisor => "监督人员",
            Role::Auditor => "审计人员",
            Role::Administrator => "系统管理员",
            Role::System => "系统",
        }
    }

    /// The role's name in English, as the pages show it.
    pub fn en(self) -> &'static str {
        match self {
            Role::Public => "the public",
            Role::Enterprise => "enterprise",
            Role::Registrar => "registrar",
            Role::CreditOfficer => "credit officer",
            Role::Inspector => "inspector",
            Role::ComplaintHandler => "complaint handler",
            Role::CaseOfficer => "case officer",
            Role::Supervisor => "supervisor",
            Role::Auditor => "auditor",
            Role::Administrator => "administrator",
            Role::System => "the system",
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

/// The declaration of an event kind: what it is called, on what legal basis it is recorded by
/// default, and whether it is public by default. Every kind is declared once, in the module
/// that owns its data type (with [`declare_events!`](crate::declare_events)), and the
/// declarations together are the registry ([`kinds`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventKind {
    /// `context.what_happened`, as recorded.
    pub kind: &'static str,
    /// The legal basis recorded when the data does not give one of its own (law or regulation
    /// and article; a few log-technical kinds name their technical ground instead).
    pub basis: &'static str,
    /// The Chinese label, as the public systems word it.
    pub label_zh: &'static str,
    /// The English label.
    pub label_en: &'static str,
    /// Whether events of this kind are kept from the public unless the caller says otherwise.
    pub restricted: bool,
}

impl EventKind {
    /// The context: the part before the dot (`registry`, `credit`, …).
    pub fn context(&self) -> &'static str {
        self.kind.split_once('.').map_or(self.kind, |(c, _)| c)
    }

    /// The publicity of events of this kind unless the caller says otherwise.
    pub fn default_publicity(&self) -> Publicity {
        if self.restricted { Publicity::Restricted } else { Publicity::Public { until: None } }
    }
}

impl PartialEq<str> for EventKind {
    fn eq(&self, other: &str) -> bool {
        self.kind == other
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.kind)
    }
}

/// Declares a module's event kinds: for each, a `KIND_*` string constant (the kind as recorded,
/// usable in `match` patterns) and an [`EventKind`] constant with its basis and labels; and
/// `EVENTS`, the module's declarations, which [`kinds`] assembles into the registry.
///
/// ```ignore
/// declare_events! {
///     /// 设立登记
///     KIND_REGISTERED, REGISTERED = "registry.entity_registered",
///         basis: "市场主体登记管理条例 第十九条", zh: "设立登记", en: "registered";
/// }
/// ```
///
/// Append `, restricted` after the English label for a kind kept from the public by default.
#[macro_export]
macro_rules! declare_events {
    ($(
        $(#[$meta:meta])*
        $kind_const:ident, $decl:ident = $kind:literal,
            basis: $basis:expr, zh: $zh:literal, en: $en:literal $(, $restricted:ident)?;
    )*) => {
        $(
            $(#[$meta])*
            pub const $kind_const: &str = $kind;
            #[doc = concat!("The declaration of `", $kind, "`: ", $zh, " (", $en, ").")]
            pub const $decl: $crate::event::EventKind = $crate::event::EventKind {
                kind: $kind,
                basis: $basis,
                label_zh: $zh,
                label_en: $en,
                restricted: $crate::declare_events!(@restricted $($restricted)?),
            };
        )*
        /// Every event kind this module declares.
        pub const EVENTS: &[$crate::event::EventKind] = &[$($decl),*];
    };
    (@restricted restricted) => { true };
    (@restricted) => { false };
}

/// Data that makes an event: its type knows its kind (and, where the law differs by case, its
/// basis), so an event is built from the data alone ([`NewEvent::of`]).
pub trait EventData {
    /// The declaration of the event's kind.
    fn kind(&self) -> &'static EventKind;
    /// The legal basis to record: the declaration's unless the case gives another.
    fn basis(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(self.kind().basis)
    }
    /// The event's `data`, as recorded.
    fn data(&self) -> Result<Value>;
}

impl<T: EventData + ?Sized> EventData for &T {
    fn kind(&self) -> &'static EventKind {
        (**self).kind()
    }
    fn basis(&self) -> std::borrow::Cow<'static, str> {
        (**self).basis()
    }
    fn data(&self) -> Result<Value> {
        (**self).data()
    }
}

/// Implements [`EventData`] for data types of one kind each, serialised with serde:
/// `event_data!(Received => RECEIVED, Accepted => ACCEPTED)`.
#[macro_export]
macro_rules! event_data {
    ($($ty:ty => $decl:expr),* $(,)?) => {
        $(
            impl $crate::event::EventData for $ty {
                fn kind(&self) -> &'static $crate::event::EventKind {
                    &$decl
                }
                fn data(&self) -> $crate::error::Result<serde_json::Value> {
                    $crate::event::to_data(self)
                }
            }
        )*
    };
}

/// Data of a type shared by several kinds (joining and leaving a scheme, say), with the kind
/// named from its declaration and, where the case requires, another basis.
#[derive(Clone, Copy, Debug)]
pub struct Declared<'a, D> {
    pub kind: &'static EventKind,
    pub basis: Option<&'static str>,
    pub data: &'a D,
}

impl<'a, D: serde::Serialize> Declared<'a, D> {
    /// `data` as an event of `kind`, with the declared basis.
    pub fn new(kind: &'static EventKind, data: &'a D) -> Declared<'a, D> {
        Declared { kind, basis: None, data }
    }

    /// The same with another basis.
    pub fn with_basis(self, basis: &'static str) -> Declared<'a, D> {
        Declared { basis: Some(basis), ..self }
    }
}

impl<D: serde::Serialize> EventData for Declared<'_, D> {
    fn kind(&self) -> &'static EventKind {
        self.kind
    }
    fn basis(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(self.basis.unwrap_or(self.kind.basis))
    }
    fn data(&self) -> Result<Value> {
        to_data(self.data)
    }
}

/// Serialises event data to its JSON value.
pub fn to_data<D: serde::Serialize + ?Sized>(data: &D) -> Result<Value> {
    serde_json::to_value(data).map_err(|e| Error::new(Code::Internal).with("reason", e))
}

/// Every declared event kind, from every module: the registry.
pub fn kinds() -> &'static [EventKind] {
    static REGISTRY: std::sync::LazyLock<Vec<EventKind>> = std::sync::LazyLock::new(|| {
        [
            crate::entity::EVENTS,
            crate::credit::annual::EVENTS,
            crate::credit::lists::EVENTS,
            crate::credit::repair::EVENTS,
            crate::credit::objection::EVENTS,
            crate::credit::classify::EVENTS,
            crate::inspection::EVENTS,
            crate::complaint::EVENTS,
            crate::case::EVENTS,
            crate::account::EVENTS,
            crate::calendar::EVENTS,
            EVENTS,
        ]
        .concat()
    });
    &REGISTRY
}

/// The declared kinds of one context (`registry`, `credit`, `inspection`, `complaint`,
/// `access`, `calendar`, `journal`, `ledger`): what a projection of that module folds, and what
/// another module's projection may declare an interest in.
pub fn kinds_of(context: &str) -> impl Iterator<Item = &'static EventKind> + '_ {
    kinds().iter().filter(move |k| k.context() == context)
}

/// What [`declared_or_undeclared`] gives for a kind this build does not know: never in the
/// registry, so [`NewEvent::of`] refuses it.
pub const UNDECLARED: EventKind = EventKind {
    kind: "undeclared.kind",
    basis: "",
    label_zh: "未声明的事件类型",
    label_en: "undeclared event kind",
    restricted: true,
};

/// The declaration of `kind`, or [`UNDECLARED`]: for data that carries its kind as one of the
/// declared `KIND_*` strings (the credit file's decisions).
pub fn declared_or_undeclared(kind: &str) -> &'static EventKind {
    declared(kind).unwrap_or(&UNDECLARED)
}

/// The declaration of `kind`, if this build knows it.
pub fn declared(kind: &str) -> Option<&'static EventKind> {
    kinds().iter().find(|k| k.kind == kind)
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
    /// The event recording `data`: kind, basis and data from the data's type, publicity the
    /// declaration's default (see [`NewEvent::with_publicity`]). The only way use cases make
    /// events.
    pub fn of<D: EventData + ?Sized>(
        data: &D,
        subject: Option<&str>,
        actor: &Actor,
        occurred_at: DateTime<Utc>,
    ) -> Result<NewEvent> {
        let kind = data.kind();
        if declared(kind.kind).is_none() {
            return Err(Error::new(Code::EventInvalid).with("field", "kind").with("reason", kind.kind));
        }
        Ok(NewEvent::declared(kind, data.basis().into_owned(), data.data()?, subject, actor, occurred_at))
    }

    /// The event of a declared kind with its basis and data, publicity the declaration's.
    pub(crate) fn declared(
        kind: &'static EventKind,
        basis: String,
        data: Value,
        subject: Option<&str>,
        actor: &Actor,
        occurred_at: DateTime<Utc>,
    ) -> NewEvent {
        NewEvent {
            kind: kind.kind.to_string(),
            subject: subject.map(str::to_string),
            occurred_at,
            actor: actor.clone(),
            basis,
            data,
            publicity: kind.default_publicity(),
        }
    }

    /// The same event with another publicity (a case the kind's default does not fit).
    pub fn with_publicity(self, publicity: Publicity) -> NewEvent {
        NewEvent { publicity, ..self }
    }

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

/// The data of `ledger.checkpoint_cosigned`: acting as a witness, this instance cosigned
/// another log's checkpoint after checking it was consistent with the last one it cosigned.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CheckpointCosigned {
    pub origin: String,
    pub size: u64,
    /// The root hash, base64.
    pub root: String,
}

/// The log-technical kinds' ground: these records attest the log itself and have no
/// administrative legal effect, so their basis names the technical specification followed (or
/// says it has no legal effect) instead of a law and article.
pub const TECHNICAL_CONTEXTS: &[&str] = &["ledger"];

crate::declare_events! {
    /// The kind of [`PublicityChanged`] events.
    KIND_PUBLICITY_CHANGED, PUBLICITY_CHANGED = "journal.publicity_changed",
        basis: "市场监督管理信用修复管理办法 第二条；行政处罚信息公示规定 第十一条",
        zh: "公示期限变更", en: "publicity changed";
    /// The kind of [`CosignatureAdded`] events (log-technical).
    KIND_COSIGNATURE_ADDED, COSIGNATURE_ADDED = "ledger.cosignature_added",
        basis: "c2sp.org/tlog-cosignature: cosignature verified with the witness's key",
        zh: "见证签名", en: "witness cosignature";
    /// The kind of [`CheckpointCosigned`] events (log-technical).
    KIND_CHECKPOINT_COSIGNED, CHECKPOINT_COSIGNED = "ledger.checkpoint_cosigned",
        basis: "c2sp.org/tlog-cosignature: consistency with the last cosigned checkpoint verified",
        zh: "检查点见证", en: "checkpoint cosigned";
    /// The operator's self-test of the log (`shijian ledger selftest`): restricted, no legal
    /// effect (log-technical).
    KIND_SELFTEST, SELFTEST = "ledger.selftest",
        basis: "运维自检，无法律效力 / operator's self-test, no legal effect",
        zh: "运维自检", en: "operator's self-test", restricted;
}

crate::event_data!(PublicityChanged => PUBLICITY_CHANGED, CosignatureAdded => COSIGNATURE_ADDED, CheckpointCosigned => CHECKPOINT_COSIGNED);

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

    /// Whether `basis` names a law or regulation and an article (第…条), or a numbered
    /// document (〔year〕number 号) whose text has no articles.
    fn names_law_and_article(basis: &str) -> bool {
        let article = basis.split('第').skip(1).any(|rest| rest.contains('条'));
        let document = basis.contains('〔') && basis.contains('〕') && basis.contains('号');
        article || document
    }

    /// Kinds whose basis is a named rule without article numbers, each with its reason.
    const BASIS_WITHOUT_ARTICLE: &[(&str, &str)] = &[
        // The 12315 platform's ODR rules are a platform rule without numbered articles [P].
        ("complaint.odr_answered", "12315 ODR rules"),
        ("complaint.escalated", "12315 ODR rules"),
        ("complaint.odr_joined", "12315 ODR rules"),
        ("complaint.odr_left", "12315 ODR rules"),
    ];

    #[test]
    fn the_registry_declares_every_kind_once_well_formed_labelled_and_with_a_basis() {
        let all = kinds();
        assert!(all.len() >= 82, "{}", all.len());
        let mut seen = std::collections::HashSet::new();
        for k in all {
            assert!(seen.insert(k.kind), "{} declared twice", k.kind);
            check_kind(k.kind).unwrap();
            assert!(!k.label_zh.trim().is_empty() && !k.label_en.trim().is_empty(), "{}", k.kind);
            assert!(
                k.label_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}: the Chinese label has no Chinese",
                k.kind
            );
            assert!(k.label_en.is_ascii(), "{}: the English label is not ASCII", k.kind);
            assert!(!k.basis.trim().is_empty(), "{} has no basis", k.kind);
            let technical = TECHNICAL_CONTEXTS.contains(&k.context());
            let exempt = BASIS_WITHOUT_ARTICLE.iter().any(|(kind, _)| *kind == k.kind);
            assert!(technical || exempt || names_law_and_article(k.basis), "{}: basis {:?}", k.kind, k.basis);
            assert_eq!(declared(k.kind), Some(k));
        }
        for (kind, _) in BASIS_WITHOUT_ARTICLE {
            assert!(declared(kind).is_some(), "{kind} is exempted but not declared");
        }
        assert_eq!(declared("no.such_kind"), None);
    }

    #[test]
    fn each_module_lists_its_kinds() {
        let of = |c: &str| kinds_of(c).map(|k| k.kind).collect::<std::collections::BTreeSet<_>>();
        assert_eq!(of("complaint"), crate::complaint::KINDS.iter().copied().collect());
        assert_eq!(of("inspection"), crate::inspection::KINDS.iter().copied().collect());
        assert_eq!(of("registry").len(), 14);
        assert_eq!(of("credit").len(), 25);
        assert_eq!(of("access").len(), 2);
        assert_eq!(of("case").len(), crate::case::EVENTS.len());
        let contexts: std::collections::BTreeSet<_> = kinds().iter().map(EventKind::context).collect();
        assert_eq!(
            contexts.into_iter().collect::<Vec<_>>(),
            ["access", "calendar", "case", "complaint", "credit", "inspection", "journal", "ledger", "registry"]
        );
    }

    #[test]
    fn an_event_is_built_from_its_data() {
        let data = CosignatureAdded { size: 7, witness: "w".into(), key_id: 1, line: "— w abc".into() };
        let at = DateTime::parse_from_rfc3339("2026-11-28T08:00:00Z").unwrap().with_timezone(&Utc);
        let e = NewEvent::of(&data, None, &Actor::system(), at).unwrap();
        assert_eq!(e.kind, KIND_COSIGNATURE_ADDED);
        assert_eq!(e.basis, COSIGNATURE_ADDED.basis);
        assert_eq!(e.data, serde_json::to_value(&data).unwrap());
        assert_eq!(e.publicity, Publicity::Public { until: None });
        let selftest = serde_json::json!({"n": 1});
        let e = NewEvent::of(&Declared::new(&SELFTEST, &selftest), None, &Actor::system(), at).unwrap();
        assert_eq!((e.kind.as_str(), e.publicity), ("ledger.selftest", Publicity::Restricted));
        let other = Declared::new(&SELFTEST, &selftest).with_basis("另一依据 第一条");
        assert_eq!(NewEvent::of(&other, None, &Actor::system(), at).unwrap().basis, "另一依据 第一条");
        let undeclared = Declared::new(&UNDECLARED, &selftest);
        let err = NewEvent::of(&undeclared, None, &Actor::system(), at).unwrap_err();
        assert_eq!((err.code(), err.detail("field")), (Code::EventInvalid, Some("kind")));
    }

    /// Where the basis or publicity depends on the case, the data gives the case's, so records
    /// are the same as when each use case wrote kind and basis itself.
    #[test]
    fn cases_keep_their_own_basis_and_publicity() {
        use crate::entity::RegistryEvent;
        let at = DateTime::parse_from_rfc3339("2026-11-28T08:00:00Z").unwrap().with_timezone(&Utc);
        let on = crate::parse_date("2026-11-28").unwrap();
        let e = |r: &RegistryEvent| r.to_event(Some("x"), &Actor::system(), at);
        assert_eq!(e(&RegistryEvent::Deregistered { on, simple: true }).basis, "市场主体登记管理条例 第三十三条");
        assert_eq!(e(&RegistryEvent::Deregistered { on, simple: false }).basis, "市场主体登记管理条例 第三十一条");
        assert_eq!(e(&RegistryEvent::Resumed { on }).publicity, Publicity::Public { until: None });
        let reservation = crate::entity::NameReservation {
            name: "武汉市江岸区红光餐饮管理有限公司".into(),
            kind: crate::registry::EntityKind::LimitedCompany,
            authority: DivisionCode::lookup("420102").unwrap(),
            reserved_on: on,
            expires_on: on,
        };
        let reserved = e(&RegistryEvent::NameReserved(reservation.clone()));
        assert_eq!(reserved.publicity, Publicity::Restricted);
        assert_eq!(
            reserved,
            NewEvent::of(&RegistryEvent::NameReserved(reservation), Some("x"), &Actor::system(), at).unwrap()
        );
        let year =
            crate::calendar::YearImported {
                year: 2027, source: "国办发明电〔2026〕7号".into(), entries: Vec::new()
            };
        assert_eq!(
            NewEvent::of(&year, None, &Actor::system(), at).unwrap().basis,
            "全国年节及纪念日放假办法 第二条、第六条、第七条; 国务院办公厅关于2027年部分节假日安排的通知"
        );
        let d = crate::credit::Decision {
            kind: crate::credit::lists::KIND_ABNORMAL_LISTED,
            basis: "某办法 第九条",
            next: (),
            data: 1,
        };
        let made = NewEvent::of(
            &crate::credit::Record { kind: d.kind, basis: d.basis, data: serde_json::json!({"a": 1}) },
            None,
            &Actor::system(),
            at,
        )
        .unwrap();
        assert_eq!((made.kind.as_str(), made.basis.as_str()), ("credit.abnormal_listed", "某办法 第九条"));
        assert_eq!(NewEvent::of(&d, None, &Actor::system(), at).unwrap().kind, "credit.abnormal_listed");
        let undeclared = crate::credit::Decision { kind: "credit.no_such_kind", ..d };
        assert_eq!(NewEvent::of(&undeclared, None, &Actor::system(), at).unwrap_err().detail("field"), Some("kind"));
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
