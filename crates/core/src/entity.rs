//! The register's record of one market entity, the registry's events, and how the events fold
//! into the entity's current state.
//!
//! The fields are those 国家企业信用信息公示系统 shows in an entity's 登记信息: code, name, kind,
//! legal representative (or person in charge, executive partner, operator), registered capital
//! and its currency, date established, registration authority, address (住所 / 经营场所),
//! business scope, main industry and status (市场主体登记管理条例 第八条 lists the items every
//! registration records).
//!
//! [`registry::decide`](crate::registry::decide) decides a lifecycle command; this module turns
//! the decision into a [`RegistryEvent`] and folds events into an [`EntityState`] ([`apply`]).
//! The store folds the journal's registry events with [`apply`] to keep the register's
//! projection; a test checks that [`apply`] reaches exactly the state `decide` announced.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::division::DivisionCode;
use crate::error::{Code, Error, Result};
use crate::industry::IndustryCode;
use crate::registry::{Command, EntityKind, Lifecycle, Status};
use crate::uscc::Uscc;

/// The longest name, address or scope text accepted, in characters.
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_TEXT_CHARS: usize = 2000;

/// An entity as registered (设立登记): the items of 市场主体登记管理条例 第八条.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub uscc: Uscc,
    pub name: String,
    pub kind: EntityKind,
    /// 法定代表人 / 负责人 / 执行事务合伙人 / 投资人 / 经营者: published by the credit publicity
    /// system (企业信息公示暂行条例 第六条), so not personal data withheld from the public.
    pub representative: String,
    /// 注册资本（出资额、资金数额）in units of 10,000 of `currency`, as a decimal string; `None`
    /// where the kind has none (branches) or it was not declared (个体工商户).
    pub capital: Option<String>,
    /// ISO 4217 currency of the capital (CNY unless a foreign-invested enterprise declares another).
    pub currency: String,
    pub established_on: NaiveDate,
    /// 登记机关: the division of the registering office.
    pub authority: DivisionCode,
    /// 住所 / 主要经营场所 / 经营场所
    pub address: String,
    /// Business scope items chosen from the catalogue (经营范围库), by code.
    pub scope: Vec<String>,
    /// The business scope as registered, in words.
    pub scope_text: String,
    /// Main industry (GB/T 4754-2017).
    pub industry: Option<IndustryCode>,
    /// The enterprise a branch belongs to (企业名称登记管理规定 第十三条).
    pub parent: Option<Uscc>,
}

fn field(name: &str, reason: impl std::fmt::Display) -> Error {
    Error::new(Code::RegistryField).with("field", name).with("reason", reason)
}

fn check_text(name: &str, value: &str, max: usize) -> Result<()> {
    let n = value.trim().chars().count();
    if n == 0 {
        return Err(field(name, "不能为空 / empty"));
    }
    if n > max {
        return Err(field(name, format!("超过{max}字 / longer than {max} characters")));
    }
    if value.chars().any(char::is_control) {
        return Err(field(name, "含控制字符 / contains control characters"));
    }
    // Invisible format characters (zero-width, bidi controls) would make a look-alike of
    // registered text; registered text shows all it holds.
    crate::fold::check_visible(name, value)
}

/// Checks an amount written as a decimal string: up to 12 integer digits and 6 decimals.
pub fn check_amount(name: &str, value: &str) -> Result<()> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let ok = !int.is_empty()
        && int.len() <= 12
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 6
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (frac.is_empty() != value.contains('.'));
    if ok {
        Ok(())
    } else {
        Err(field(name, format!("“{value}”不是金额（如 100 或 50.5） / not an amount")))
    }
}

impl Entity {
    /// Checks the record on its own: every required item present, the code fitting the kind
    /// and the authority (GB 32100-2015: position 1 is the registration-management department
    /// — 9 for market supervision —, position 2 the category, positions 3–8 the division of the
    /// registering office).
    pub fn validate(&self) -> Result<()> {
        check_text("name", &self.name, MAX_NAME_CHARS)?;
        check_text("representative", &self.representative, 50)?;
        check_text("address", &self.address, 200)?;
        if !self.scope_text.is_empty() {
            check_text("scope_text", &self.scope_text, MAX_TEXT_CHARS)?;
        }
        let code = self.uscc.as_str();
        if !code.starts_with('9') {
            return Err(field(
                "uscc",
                "登记管理部门码应为9（市场监督管理） / the authority digit of a market entity is 9",
            ));
        }
        let category = code.as_bytes()[1] as char;
        if category != self.kind.uscc_category() {
            return Err(field(
                "uscc",
                format!(
                    "机构类别码“{category}”与主体类型“{}”不符（应为“{}”） / the category digit does not fit the kind",
                    self.kind.zh(),
                    self.kind.uscc_category()
                ),
            ));
        }
        if code[2..8] != self.authority.to_string() {
            return Err(field(
                "uscc",
                format!(
                    "第3-8位“{}”应为登记机关的行政区划码“{}” / positions 3-8 are the registering office's division",
                    &code[2..8],
                    self.authority
                ),
            ));
        }
        match (&self.capital, self.kind) {
            (Some(c), _) => check_amount("capital", c)?,
            // 公司法 第四十七条、第九十六条: a company registers its capital.
            (None, EntityKind::LimitedCompany | EntityKind::JointStockCompany | EntityKind::ForeignInvested) => {
                return Err(field("capital", "公司应登记注册资本 / a company registers its capital"));
            }
            (None, _) => {}
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(field("currency", format!("“{}”不是ISO 4217币种代码 / not an ISO 4217 code", self.currency)));
        }
        match (self.kind, &self.parent) {
            (EntityKind::Branch, None) => {
                Err(field("parent", "分支机构应写明隶属企业 / a branch names its enterprise"))
            }
            (EntityKind::Branch, Some(_)) | (_, None) => Ok(()),
            (_, Some(_)) => Err(field("parent", "只有分支机构有隶属企业 / only branches have a parent")),
        }
    }
}

/// 变更登记: the items changed (市场主体登记管理条例 第二十四条).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<IndustryCode>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    pub fn validate(&self) -> Result<()> {
        if self.is_empty() {
            return Err(field("changes", "没有变更事项 / nothing to change"));
        }
        if let Some(n) = &self.name {
            check_text("name", n, MAX_NAME_CHARS)?;
        }
        if let Some(a) = &self.address {
            check_text("address", a, 200)?;
        }
        if let Some(r) = &self.representative {
            check_text("representative", r, 50)?;
        }
        if let Some(c) = &self.capital {
            check_amount("capital", c)?;
        }
        if let Some(s) = &self.scope_text {
            check_text("scope_text", s, MAX_TEXT_CHARS)?;
        }
        Ok(())
    }
}

/// A name reserved after a successful self-declaration (企业名称登记管理规定 第十八条: kept
/// for 2 months, or 1 year where registration needs prior approval).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameReservation {
    pub name: String,
    pub kind: EntityKind,
    pub authority: DivisionCode,
    pub reserved_on: NaiveDate,
    pub expires_on: NaiveDate,
}

/// 企业名称登记管理规定 第十八条: a reserved name is kept for 2 months.
pub const RESERVATION_MONTHS: u32 = 2;
/// 企业名称登记管理规定 第十八条: 1 year where registration needs prior approval.
pub const RESERVATION_MONTHS_WITH_APPROVAL: u32 = 12;

/// Where a reserved name expires (its last day).
pub fn reservation_expiry(on: NaiveDate, needs_approval: bool) -> Result<NaiveDate> {
    let months = if needs_approval { RESERVATION_MONTHS_WITH_APPROVAL } else { RESERVATION_MONTHS };
    on.checked_add_months(chrono::Months::new(months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Error::new(Code::DateOutOfRange))
}

/// The registry's events. Each is recorded with the kind [`RegistryEvent::kind`], the entity's
/// code as subject (none for a reservation), and [`RegistryEvent::data`] as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistryEvent {
    /// 设立登记; `reservation` is the log index of the reservation it uses, if any.
    Registered {
        entity: Entity,
        reservation: Option<u64>,
    },
    /// 变更登记
    Changed {
        on: NaiveDate,
        changes: Changes,
    },
    /// 备案 (市场主体登记管理条例 第二十九条): articles, directors, supervisors, managers,
    /// liaison, ... — recorded, not approved.
    Filed {
        on: NaiveDate,
        matter: String,
        detail: String,
    },
    Suspended {
        from: NaiveDate,
        until: NaiveDate,
    },
    SuspensionExtended {
        until: NaiveDate,
    },
    Resumed {
        on: NaiveDate,
    },
    DeregistrationNoticed {
        on: NaiveDate,
    },
    DeregistrationObjected {
        on: NaiveDate,
    },
    /// 注销; `simple` for 简易注销.
    Deregistered {
        on: NaiveDate,
        simple: bool,
    },
    LicenceRevoked {
        on: NaiveDate,
    },
    RegistrationAnnulled {
        on: NaiveDate,
    },
    ForcedDeregistrationNoticed {
        on: NaiveDate,
    },
    ForceDeregistered {
        on: NaiveDate,
    },
    NameReserved(NameReservation),
}

// Registration information is public (企业信息公示暂行条例 第六条); a reservation is the
// applicant's business until the name is registered. Where the basis differs by case (注销:
// simple or general), the declaration gives the general one and [`RegistryEvent::basis`] the case's.
crate::declare_events! {
    KIND_REGISTERED, REGISTERED = "registry.entity_registered",
        basis: "市场主体登记管理条例 第十九条", zh: "设立登记", en: "registered";
    KIND_CHANGED, CHANGED = "registry.entity_changed",
        basis: "市场主体登记管理条例 第二十四条", zh: "变更登记", en: "registration changed";
    KIND_FILED, FILED = "registry.filing_recorded",
        basis: "市场主体登记管理条例 第二十九条", zh: "备案", en: "filing recorded";
    KIND_SUSPENDED, SUSPENDED = "registry.entity_suspended",
        basis: "市场主体登记管理条例 第三十条", zh: "歇业备案", en: "suspension recorded";
    KIND_SUSPENSION_EXTENDED, SUSPENSION_EXTENDED = "registry.suspension_extended",
        basis: "市场主体登记管理条例 第三十条；市场主体登记管理条例实施细则 第四十一条",
        zh: "歇业延期", en: "suspension extended";
    KIND_RESUMED, RESUMED = "registry.entity_resumed",
        basis: "市场主体登记管理条例 第三十条；市场主体登记管理条例实施细则 第四十二条",
        zh: "恢复营业", en: "business resumed";
    KIND_DEREGISTRATION_NOTICED, DEREGISTRATION_NOTICED = "registry.simple_deregistration_noticed",
        basis: "市场主体登记管理条例 第三十三条；市场主体登记管理条例实施细则 第四十七条",
        zh: "简易注销公告", en: "simplified deregistration notice";
    KIND_DEREGISTRATION_OBJECTED, DEREGISTRATION_OBJECTED = "registry.deregistration_objected",
        basis: "市场主体登记管理条例 第三十三条；市场主体登记管理条例实施细则 第四十七条至第四十九条",
        zh: "简易注销异议", en: "objection to a simplified deregistration";
    KIND_DEREGISTERED, DEREGISTERED = "registry.entity_deregistered",
        basis: "市场主体登记管理条例 第三十一条", zh: "注销登记", en: "deregistered";
    KIND_LICENCE_REVOKED, LICENCE_REVOKED = "registry.licence_revoked",
        basis: "行政处罚法 第九条；具体依据见行政处罚决定书", zh: "吊销营业执照", en: "business licence revoked";
    KIND_ANNULLED, ANNULLED = "registry.registration_annulled",
        basis: "市场主体登记管理条例 第四十条", zh: "撤销登记", en: "registration annulled";
    KIND_FORCED_NOTICED, FORCED_NOTICED = "registry.forced_deregistration_noticed",
        basis: "公司法 第二百四十一条", zh: "强制注销公告", en: "forced deregistration notice";
    KIND_FORCE_DEREGISTERED, FORCE_DEREGISTERED = "registry.entity_force_deregistered",
        basis: "公司法 第二百四十一条", zh: "强制注销", en: "deregistered by force";
    KIND_NAME_RESERVED, NAME_RESERVED = "registry.name_reserved",
        basis: "企业名称登记管理规定 第十八条", zh: "名称自主申报", en: "name reserved", restricted;
}

#[derive(Serialize, Deserialize)]
struct RegisteredData {
    #[serde(flatten)]
    entity: Entity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reservation: Option<u64>,
}
#[derive(Serialize, Deserialize)]
struct On {
    on: NaiveDate,
}
#[derive(Serialize, Deserialize)]
struct ChangedData {
    on: NaiveDate,
    changes: Changes,
}
#[derive(Serialize, Deserialize)]
struct FiledData {
    on: NaiveDate,
    matter: String,
    detail: String,
}
#[derive(Serialize, Deserialize)]
struct Period {
    from: NaiveDate,
    until: NaiveDate,
}
#[derive(Serialize, Deserialize)]
struct Until {
    until: NaiveDate,
}
#[derive(Serialize, Deserialize)]
struct DeregisteredData {
    on: NaiveDate,
    simple: bool,
}

fn to_value<T: Serialize>(t: &T) -> Value {
    // Serialising these plain structs cannot fail (string keys, no maps with other keys).
    serde_json::to_value(t).unwrap_or(Value::Null)
}

impl crate::event::EventData for RegistryEvent {
    fn kind(&self) -> &'static crate::event::EventKind {
        self.declaration()
    }
    fn basis(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(RegistryEvent::basis(self))
    }
    fn data(&self) -> crate::error::Result<Value> {
        Ok(RegistryEvent::data(self))
    }
}

impl RegistryEvent {
    pub fn kind(&self) -> &'static str {
        self.declaration().kind
    }

    /// The declaration of the event's kind.
    pub fn declaration(&self) -> &'static crate::event::EventKind {
        match self {
            RegistryEvent::Registered { .. } => &REGISTERED,
            RegistryEvent::Changed { .. } => &CHANGED,
            RegistryEvent::Filed { .. } => &FILED,
            RegistryEvent::Suspended { .. } => &SUSPENDED,
            RegistryEvent::SuspensionExtended { .. } => &SUSPENSION_EXTENDED,
            RegistryEvent::Resumed { .. } => &RESUMED,
            RegistryEvent::DeregistrationNoticed { .. } => &DEREGISTRATION_NOTICED,
            RegistryEvent::DeregistrationObjected { .. } => &DEREGISTRATION_OBJECTED,
            RegistryEvent::Deregistered { .. } => &DEREGISTERED,
            RegistryEvent::LicenceRevoked { .. } => &LICENCE_REVOKED,
            RegistryEvent::RegistrationAnnulled { .. } => &ANNULLED,
            RegistryEvent::ForcedDeregistrationNoticed { .. } => &FORCED_NOTICED,
            RegistryEvent::ForceDeregistered { .. } => &FORCE_DEREGISTERED,
            RegistryEvent::NameReserved(_) => &NAME_RESERVED,
        }
    }

    /// The legal basis recorded with the event: the declaration's, except simple
    /// deregistration (市场主体登记管理条例 第三十三条).
    pub fn basis(&self) -> &'static str {
        match self {
            RegistryEvent::Deregistered { simple: true, .. } => "市场主体登记管理条例 第三十三条",
            _ => self.declaration().basis,
        }
    }

    /// The event recording this one: kind, basis and data from the declaration and the case,
    /// publicity the declaration's (registration information is public; a reservation is not).
    /// [`crate::event::NewEvent::of`] without the `Result`: these data always serialise.
    pub fn to_event(
        &self,
        subject: Option<&str>,
        actor: &crate::event::Actor,
        at: chrono::DateTime<chrono::Utc>,
    ) -> crate::event::NewEvent {
        crate::event::NewEvent::declared(self.declaration(), self.basis().to_string(), self.data(), subject, actor, at)
    }

    /// The day the event takes effect.
    pub fn effective_on(&self) -> NaiveDate {
        match self {
            RegistryEvent::Registered { entity, .. } => entity.established_on,
            RegistryEvent::Suspended { from, .. } => *from,
            RegistryEvent::SuspensionExtended { until } => *until,
            RegistryEvent::NameReserved(r) => r.reserved_on,
            RegistryEvent::Changed { on, .. }
            | RegistryEvent::Filed { on, .. }
            | RegistryEvent::Resumed { on }
            | RegistryEvent::DeregistrationNoticed { on }
            | RegistryEvent::DeregistrationObjected { on }
            | RegistryEvent::Deregistered { on, .. }
            | RegistryEvent::LicenceRevoked { on }
            | RegistryEvent::RegistrationAnnulled { on }
            | RegistryEvent::ForcedDeregistrationNoticed { on }
            | RegistryEvent::ForceDeregistered { on } => *on,
        }
    }

    /// The event's data, as recorded.
    pub fn data(&self) -> Value {
        match self {
            RegistryEvent::Registered { entity, reservation } => {
                to_value(&RegisteredData { entity: entity.clone(), reservation: *reservation })
            }
            RegistryEvent::Changed { on, changes } => to_value(&ChangedData { on: *on, changes: changes.clone() }),
            RegistryEvent::Filed { on, matter, detail } => {
                to_value(&FiledData { on: *on, matter: matter.clone(), detail: detail.clone() })
            }
            RegistryEvent::Suspended { from, until } => to_value(&Period { from: *from, until: *until }),
            RegistryEvent::SuspensionExtended { until } => to_value(&Until { until: *until }),
            RegistryEvent::Deregistered { on, simple } => to_value(&DeregisteredData { on: *on, simple: *simple }),
            RegistryEvent::NameReserved(r) => to_value(r),
            RegistryEvent::Resumed { on }
            | RegistryEvent::DeregistrationNoticed { on }
            | RegistryEvent::DeregistrationObjected { on }
            | RegistryEvent::LicenceRevoked { on }
            | RegistryEvent::RegistrationAnnulled { on }
            | RegistryEvent::ForcedDeregistrationNoticed { on }
            | RegistryEvent::ForceDeregistered { on } => to_value(&On { on: *on }),
        }
    }

    /// Reads a registry event from its kind and data; `None` for kinds outside the registry.
    pub fn parse(kind: &str, data: &Value) -> Result<Option<RegistryEvent>> {
        fn de<T: serde::de::DeserializeOwned>(data: &Value) -> Result<T> {
            T::deserialize(data).map_err(|e| Error::new(Code::EventInvalid).with("field", "data").with("reason", e))
        }
        let on = |data: &Value| de::<On>(data).map(|o| o.on);
        Ok(Some(match kind {
            KIND_REGISTERED => {
                let d: RegisteredData = de(data)?;
                RegistryEvent::Registered { entity: d.entity, reservation: d.reservation }
            }
            KIND_CHANGED => {
                let d: ChangedData = de(data)?;
                RegistryEvent::Changed { on: d.on, changes: d.changes }
            }
            KIND_FILED => {
                let d: FiledData = de(data)?;
                RegistryEvent::Filed { on: d.on, matter: d.matter, detail: d.detail }
            }
            KIND_SUSPENDED => {
                let d: Period = de(data)?;
                RegistryEvent::Suspended { from: d.from, until: d.until }
            }
            KIND_SUSPENSION_EXTENDED => RegistryEvent::SuspensionExtended { until: de::<Until>(data)?.until },
            KIND_RESUMED => RegistryEvent::Resumed { on: on(data)? },
            KIND_DEREGISTRATION_NOTICED => RegistryEvent::DeregistrationNoticed { on: on(data)? },
            KIND_DEREGISTRATION_OBJECTED => RegistryEvent::DeregistrationObjected { on: on(data)? },
            KIND_DEREGISTERED => {
                let d: DeregisteredData = de(data)?;
                RegistryEvent::Deregistered { on: d.on, simple: d.simple }
            }
            KIND_LICENCE_REVOKED => RegistryEvent::LicenceRevoked { on: on(data)? },
            KIND_ANNULLED => RegistryEvent::RegistrationAnnulled { on: on(data)? },
            KIND_FORCED_NOTICED => RegistryEvent::ForcedDeregistrationNoticed { on: on(data)? },
            KIND_FORCE_DEREGISTERED => RegistryEvent::ForceDeregistered { on: on(data)? },
            KIND_NAME_RESERVED => RegistryEvent::NameReserved(de(data)?),
            _ => return Ok(None),
        }))
    }

    /// The event recording a decided lifecycle command (every command but `Register`, which carries
    /// the whole entity: use [`RegistryEvent::Registered`]).
    pub fn of_command(command: &Command) -> Result<RegistryEvent> {
        Ok(match *command {
            Command::Register { .. } => {
                return Err(Error::new(Code::Internal).with("reason", "registration events carry the entity"));
            }
            Command::Suspend { from, until } => RegistryEvent::Suspended { from, until },
            Command::ExtendSuspension { until } => RegistryEvent::SuspensionExtended { until },
            Command::Resume { on } => RegistryEvent::Resumed { on },
            Command::StartSimpleDeregistration { on } => RegistryEvent::DeregistrationNoticed { on },
            Command::Object { on } => RegistryEvent::DeregistrationObjected { on },
            Command::SimpleDeregister { on } => RegistryEvent::Deregistered { on, simple: true },
            Command::Deregister { on } => RegistryEvent::Deregistered { on, simple: false },
            Command::Revoke { on } => RegistryEvent::LicenceRevoked { on },
            Command::Annul { on } => RegistryEvent::RegistrationAnnulled { on },
            Command::NoticeForcedDeregistration { on } => RegistryEvent::ForcedDeregistrationNoticed { on },
            Command::ForceDeregister { on } => RegistryEvent::ForceDeregistered { on },
        })
    }
}

/// A name the entity used before (changed away on `until`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormerName {
    pub name: String,
    pub until: NaiveDate,
}

/// An entity's current state: its registration as changed since, and where it is in its life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityState {
    #[serde(flatten)]
    pub entity: Entity,
    pub status: Status,
    /// Days of 歇业 used before the current suspension (条例 第三十条: 3 years in total).
    pub suspension_days_used: u64,
    pub suspension: Option<(NaiveDate, NaiveDate)>,
    pub notice: Option<(NaiveDate, NaiveDate, bool)>,
    pub revoked_on: Option<NaiveDate>,
    pub forced_notice_from: Option<NaiveDate>,
    /// The day the entity left the register (deregistered, annulled).
    pub ended_on: Option<NaiveDate>,
    pub former_names: Vec<FormerName>,
    /// Filings (备案) recorded.
    pub filings: u32,
    pub updated_on: NaiveDate,
}

impl EntityState {
    /// The state the lifecycle rules look at.
    pub fn lifecycle(&self) -> Lifecycle {
        Lifecycle {
            kind: self.entity.kind,
            status: self.status,
            established_on: self.entity.established_on,
            suspension_days_used: self.suspension_days_used,
            suspension: self.suspension,
            notice: self.notice,
            revoked_on: self.revoked_on,
            forced_notice_from: self.forced_notice_from,
        }
    }
}

fn not_applicable(event: &RegistryEvent, status: Option<Status>) -> Error {
    Error::new(Code::RegistryTransition)
        .with("status", status.map_or("未登记", Status::zh))
        .with("command", event.kind())
}

/// Folds one event into the entity's state. The journal holds only events the registry decided,
/// so this does not re-check deadlines; it refuses only what cannot be folded at all (an
/// entity registered twice, an event for an unregistered entity or one that has ended).
pub fn apply(state: Option<EntityState>, event: &RegistryEvent) -> Result<EntityState> {
    let Some(mut s) = state else {
        return match event {
            RegistryEvent::Registered { entity, .. } => Ok(EntityState {
                entity: entity.clone(),
                status: Status::Active,
                suspension_days_used: 0,
                suspension: None,
                notice: None,
                revoked_on: None,
                forced_notice_from: None,
                ended_on: None,
                former_names: Vec::new(),
                filings: 0,
                updated_on: entity.established_on,
            }),
            _ => Err(not_applicable(event, None)),
        };
    };
    if !s.status.exists() {
        return Err(not_applicable(event, Some(s.status)));
    }
    match event {
        RegistryEvent::Registered { entity, .. } => {
            return Err(Error::new(Code::RegistryDuplicate).with("uscc", entity.uscc));
        }
        RegistryEvent::NameReserved(_) => return Err(not_applicable(event, Some(s.status))),
        RegistryEvent::Changed { on, changes } => {
            let e = &mut s.entity;
            if let Some(name) = &changes.name
                && *name != e.name
            {
                s.former_names.push(FormerName { name: std::mem::replace(&mut e.name, name.clone()), until: *on });
            }
            if let Some(v) = &changes.address {
                e.address = v.clone();
            }
            if let Some(v) = &changes.representative {
                e.representative = v.clone();
            }
            if let Some(v) = &changes.capital {
                e.capital = Some(v.clone());
            }
            if let Some(v) = &changes.scope {
                e.scope = v.clone();
            }
            if let Some(v) = &changes.scope_text {
                e.scope_text = v.clone();
            }
            if let Some(v) = changes.industry {
                e.industry = Some(v);
            }
        }
        RegistryEvent::Filed { .. } => s.filings += 1,
        RegistryEvent::Suspended { from, until } => {
            s.status = Status::Suspended;
            s.suspension = Some((*from, *until));
        }
        RegistryEvent::SuspensionExtended { until } => {
            let Some((from, _)) = s.suspension else { return Err(not_applicable(event, Some(s.status))) };
            s.suspension = Some((from, *until));
        }
        RegistryEvent::Resumed { on } => {
            let Some((from, _)) = s.suspension else { return Err(not_applicable(event, Some(s.status))) };
            s.status = Status::Active;
            s.suspension_days_used += (*on - from).num_days().max(0) as u64;
            s.suspension = None;
        }
        RegistryEvent::DeregistrationNoticed { on } => {
            let last = on
                .checked_add_days(chrono::Days::new(crate::registry::SIMPLE_DEREGISTRATION_NOTICE_DAYS - 1))
                .ok_or_else(|| Error::new(Code::DateOutOfRange))?;
            s.status = Status::DeregistrationNotice;
            s.notice = Some((*on, last, false));
        }
        RegistryEvent::DeregistrationObjected { .. } => {
            let Some((first, last, _)) = s.notice else { return Err(not_applicable(event, Some(s.status))) };
            s.notice = Some((first, last, true));
        }
        RegistryEvent::Deregistered { on, simple } => {
            s.status = Status::Deregistered;
            if !simple {
                s.notice = None;
            }
            s.ended_on = Some(*on);
        }
        RegistryEvent::LicenceRevoked { on } => {
            s.status = Status::Revoked;
            s.revoked_on = Some(*on);
            s.notice = None;
            s.suspension = None;
        }
        RegistryEvent::RegistrationAnnulled { on } => {
            s.status = Status::Annulled;
            s.ended_on = Some(*on);
        }
        RegistryEvent::ForcedDeregistrationNoticed { on } => s.forced_notice_from = Some(*on),
        RegistryEvent::ForceDeregistered { on } => {
            s.status = Status::Deregistered;
            s.ended_on = Some(*on);
        }
    }
    s.updated_on = s.updated_on.max(event.effective_on());
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{Encumbrances, decide};

    fn d(s: &str) -> NaiveDate {
        crate::parse_date(s).unwrap()
    }

    pub(crate) fn sample(kind: EntityKind) -> Entity {
        let authority = DivisionCode::parse("420111").unwrap();
        let uscc = Uscc::compose('9', kind.uscc_category(), &authority.to_string(), "MA4K2X5T").unwrap();
        Entity {
            uscc,
            name: "武汉红光酒业有限公司".into(),
            kind,
            representative: "张三".into(),
            capital: Some("100".into()),
            currency: "CNY".into(),
            established_on: d("2020-01-02"),
            authority,
            address: "武汉市洪山区珞喻路1号".into(),
            scope: vec![],
            scope_text: "一般项目：酒类销售".into(),
            industry: Some(IndustryCode::parse_form("51").unwrap()),
            parent: None,
        }
    }

    /// Every lifecycle decision, recorded as its event and folded back, gives the state
    /// `decide` announced (so the register's projection and the rules never disagree).
    #[test]
    fn apply_agrees_with_decide() {
        let sequences: Vec<Vec<Command>> = vec![
            vec![
                Command::Suspend { from: d("2022-01-01"), until: d("2023-01-01") },
                Command::ExtendSuspension { until: d("2023-06-01") },
                Command::Resume { on: d("2022-07-01") },
                Command::StartSimpleDeregistration { on: d("2024-03-01") },
                Command::SimpleDeregister { on: d("2024-04-01") },
            ],
            vec![Command::StartSimpleDeregistration { on: d("2024-03-01") }, Command::Object { on: d("2024-03-05") }],
            vec![
                Command::Revoke { on: d("2020-05-01") },
                Command::NoticeForcedDeregistration { on: d("2023-05-02") },
                Command::ForceDeregister { on: d("2023-07-02") },
            ],
            vec![Command::Deregister { on: d("2021-01-01") }],
            vec![Command::Annul { on: d("2021-01-01") }],
        ];
        for seq in sequences {
            let entity = sample(EntityKind::LimitedCompany);
            let mut state = apply(None, &RegistryEvent::Registered { entity, reservation: None }).unwrap();
            for c in &seq {
                let decision = decide(Some(&state.lifecycle()), c, &Encumbrances::default()).unwrap();
                let event = RegistryEvent::of_command(c).unwrap();
                assert_eq!(event.kind(), decision.kind, "{c:?}");
                assert_eq!(event.basis(), decision.basis, "{c:?}");
                // Through the recorded data and back.
                let event = RegistryEvent::parse(event.kind(), &event.data()).unwrap().unwrap();
                state = apply(Some(state), &event).unwrap();
                assert_eq!(state.lifecycle(), decision.next, "{c:?}");
            }
        }
    }

    #[test]
    fn changes_keep_former_names_and_nothing_follows_the_end() {
        let entity = sample(EntityKind::LimitedCompany);
        let s = apply(None, &RegistryEvent::Registered { entity: entity.clone(), reservation: None }).unwrap();
        let changes = Changes { name: Some("武汉红光科技有限公司".into()), ..Changes::default() };
        let s = apply(Some(s), &RegistryEvent::Changed { on: d("2021-03-01"), changes }).unwrap();
        assert_eq!(s.entity.name, "武汉红光科技有限公司");
        assert_eq!(s.former_names, vec![FormerName { name: entity.name.clone(), until: d("2021-03-01") }]);
        let again = apply(Some(s.clone()), &RegistryEvent::Registered { entity, reservation: None });
        assert_eq!(again.unwrap_err().code(), Code::RegistryDuplicate);
        let gone = apply(Some(s), &RegistryEvent::Deregistered { on: d("2022-01-01"), simple: false }).unwrap();
        assert_eq!(gone.ended_on, Some(d("2022-01-01")));
        let e =
            apply(Some(gone), &RegistryEvent::Filed { on: d("2022-02-01"), matter: "章程".into(), detail: "".into() });
        assert_eq!(e.unwrap_err().code(), Code::RegistryTransition);
        let e = apply(None, &RegistryEvent::Resumed { on: d("2022-02-01") });
        assert_eq!(e.unwrap_err().code(), Code::RegistryTransition);
    }

    /// GB 32100-2015: positions 1, 2 and 3–8 of the code fit the kind and the authority;
    /// 公司法 第四十七条: a company registers its capital.
    #[test]
    fn entities_are_checked_on_their_own() {
        let ok = sample(EntityKind::LimitedCompany);
        ok.validate().unwrap();
        let wrong_category = Entity { kind: EntityKind::IndividualBusiness, ..ok.clone() };
        assert_eq!(wrong_category.validate().unwrap_err().code(), Code::RegistryField);
        let other_office = Entity { authority: DivisionCode::parse("420102").unwrap(), ..ok.clone() };
        assert_eq!(other_office.validate().unwrap_err().code(), Code::RegistryField);
        let no_capital = Entity { capital: None, ..ok.clone() };
        assert_eq!(no_capital.validate().unwrap_err().details()[0].1, "capital");
        for bad in ["", "1.", ".5", "1,000", "-3", "1e5"] {
            assert!(check_amount("capital", bad).is_err(), "{bad}");
        }
        for good in ["0", "100", "50.5", "123456789012.123456"] {
            check_amount("capital", good).unwrap();
        }
        let branch = Entity { kind: EntityKind::Branch, capital: None, ..ok.clone() };
        assert_eq!(branch.validate().unwrap_err().details()[0].1, "parent");
        let branch = Entity { parent: Some(ok.uscc), ..branch };
        branch.validate().unwrap();
    }

    #[test]
    fn events_round_trip_through_their_data() {
        let e = RegistryEvent::Registered { entity: sample(EntityKind::LimitedCompany), reservation: Some(7) };
        assert_eq!(RegistryEvent::parse(e.kind(), &e.data()).unwrap().unwrap(), e);
        let r = RegistryEvent::NameReserved(NameReservation {
            name: "武汉红光酒业有限公司".into(),
            kind: EntityKind::LimitedCompany,
            authority: DivisionCode::parse("420111").unwrap(),
            reserved_on: d("2026-01-31"),
            expires_on: reservation_expiry(d("2026-01-31"), false).unwrap(),
        });
        assert_eq!(RegistryEvent::parse(r.kind(), &r.data()).unwrap().unwrap(), r);
        assert!(RegistryEvent::parse("journal.publicity_changed", &Value::Null).unwrap().is_none());
        let bad = RegistryEvent::parse(KIND_RESUMED, &serde_json::json!({"on": "2026-02-30"}));
        assert_eq!(bad.unwrap_err().code(), Code::EventInvalid);
    }

    /// 企业名称登记管理规定 第十八条: 2 months, or 1 year with prior approval.
    #[test]
    fn reservations_last_two_months() {
        assert_eq!(reservation_expiry(d("2026-01-31"), false).unwrap(), d("2026-03-30"));
        assert_eq!(reservation_expiry(d("2026-03-01"), false).unwrap(), d("2026-04-30"));
        assert_eq!(reservation_expiry(d("2026-03-01"), true).unwrap(), d("2027-02-28"));
    }
}
