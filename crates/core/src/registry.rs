//! The register of market entities (商事登记): entity kinds, statuses, and the lifecycle as a
//! pure state machine — `decide(state, command, today) -> event`, `apply(state, event)`.
//!
//! Every transition names its legal basis; an illegal transition is refused with a typed error
//! (`registry_transition`, `registry_ineligible`, `registry_deadline`) and changes nothing.
//! Sources: 市场主体登记管理条例 (国务院令第746号, in force 2022-03-01, "条例") and its
//! 实施细则 (总局令第52号, "细则"); 公司法 (2023 revision).
//!
//! This module decides; the store records the decisions as journal events.

use chrono::{Days, NaiveDate};

use crate::error::{Code, Error, Result};

/// The kinds of market entity registered by market supervision (统一社会信用代码 authority 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// 有限责任公司 (公司法 第七条: the name contains 有限责任公司 or 有限公司)
    LimitedCompany,
    /// 股份有限公司 (公司法 第七条: 股份有限公司 or 股份公司)
    JointStockCompany,
    /// 普通合伙企业 (合伙企业法 第十五条)
    GeneralPartnership,
    /// 特殊的普通合伙企业 (合伙企业法 第五十六条)
    SpecialGeneralPartnership,
    /// 有限合伙企业 (合伙企业法 第六十二条)
    LimitedPartnership,
    /// 个人独资企业 (个人独资企业法 第十一条)
    SoleProprietorship,
    /// 分公司 and other branches (企业名称登记管理规定 第十三条)
    Branch,
    /// 外商投资企业 (registered as a company or partnership under 外商投资法)
    ForeignInvested,
    /// 个体工商户
    IndividualBusiness,
    /// 农民专业合作社
    FarmerCooperative,
}

impl EntityKind {
    pub const ALL: &'static [EntityKind] = &[
        EntityKind::LimitedCompany,
        EntityKind::JointStockCompany,
        EntityKind::GeneralPartnership,
        EntityKind::SpecialGeneralPartnership,
        EntityKind::LimitedPartnership,
        EntityKind::SoleProprietorship,
        EntityKind::Branch,
        EntityKind::ForeignInvested,
        EntityKind::IndividualBusiness,
        EntityKind::FarmerCooperative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::LimitedCompany => "limited_company",
            EntityKind::JointStockCompany => "joint_stock_company",
            EntityKind::GeneralPartnership => "general_partnership",
            EntityKind::SpecialGeneralPartnership => "special_general_partnership",
            EntityKind::LimitedPartnership => "limited_partnership",
            EntityKind::SoleProprietorship => "sole_proprietorship",
            EntityKind::Branch => "branch",
            EntityKind::ForeignInvested => "foreign_invested",
            EntityKind::IndividualBusiness => "individual_business",
            EntityKind::FarmerCooperative => "farmer_cooperative",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            EntityKind::LimitedCompany => "有限责任公司",
            EntityKind::JointStockCompany => "股份有限公司",
            EntityKind::GeneralPartnership => "普通合伙企业",
            EntityKind::SpecialGeneralPartnership => "特殊普通合伙企业",
            EntityKind::LimitedPartnership => "有限合伙企业",
            EntityKind::SoleProprietorship => "个人独资企业",
            EntityKind::Branch => "分支机构",
            EntityKind::ForeignInvested => "外商投资企业",
            EntityKind::IndividualBusiness => "个体工商户",
            EntityKind::FarmerCooperative => "农民专业合作社",
        }
    }

    /// The kind's English name, as the English pages show it.
    pub fn en(self) -> &'static str {
        match self {
            EntityKind::LimitedCompany => "limited liability company",
            EntityKind::JointStockCompany => "joint stock company",
            EntityKind::GeneralPartnership => "general partnership",
            EntityKind::SpecialGeneralPartnership => "special general partnership",
            EntityKind::LimitedPartnership => "limited partnership",
            EntityKind::SoleProprietorship => "sole proprietorship",
            EntityKind::Branch => "branch",
            EntityKind::ForeignInvested => "foreign-invested enterprise",
            EntityKind::IndividualBusiness => "individual business",
            EntityKind::FarmerCooperative => "farmers' cooperative",
        }
    }

    pub fn parse(s: &str) -> Result<EntityKind> {
        EntityKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s || k.zh() == s)
            .ok_or_else(|| Error::new(Code::RegistryKind).with("kind", s))
    }

    /// The entity-category character of its credit code (GB 32100-2015 table 1, authority 9):
    /// 1 enterprise, 2 individual business, 3 farmers' cooperative.
    pub fn uscc_category(self) -> char {
        match self {
            EntityKind::IndividualBusiness => '2',
            EntityKind::FarmerCooperative => '3',
            _ => '1',
        }
    }
}

/// Where an entity is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 存续（在营、开业、在册）
    Active,
    /// 歇业 (条例 第三十条)
    Suspended,
    /// 简易注销公示中 (条例 第三十三条)
    DeregistrationNotice,
    /// 注销: the end; nothing follows.
    Deregistered,
    /// 吊销营业执照: the licence revoked; deregistration follows.
    Revoked,
    /// 撤销登记 (条例 第四十条): the registration itself annulled.
    Annulled,
}

impl Status {
    pub const ALL: &'static [Status] = &[
        Status::Active,
        Status::Suspended,
        Status::DeregistrationNotice,
        Status::Deregistered,
        Status::Revoked,
        Status::Annulled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Suspended => "suspended",
            Status::DeregistrationNotice => "deregistration_notice",
            Status::Deregistered => "deregistered",
            Status::Revoked => "revoked",
            Status::Annulled => "annulled",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Status::Active => "存续",
            Status::Suspended => "歇业",
            Status::DeregistrationNotice => "简易注销公示中",
            Status::Deregistered => "注销",
            Status::Revoked => "吊销",
            Status::Annulled => "撤销",
        }
    }

    /// The status's English name, as the English pages show it.
    pub fn en(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Suspended => "suspended",
            Status::DeregistrationNotice => "in notice of simplified deregistration",
            Status::Deregistered => "deregistered",
            Status::Revoked => "licence revoked",
            Status::Annulled => "registration annulled",
        }
    }

    /// Whether the entity still exists in the register (not deregistered or annulled).
    pub fn exists(self) -> bool {
        !matches!(self, Status::Deregistered | Status::Annulled)
    }
}

/// 歇业 may last at most three years in total (条例 第三十条).
pub const MAX_SUSPENSION_DAYS: u64 = 3 * 365;
/// 简易注销: the public notice lasts 20 days (条例 第三十三条).
pub const SIMPLE_DEREGISTRATION_NOTICE_DAYS: u64 = 20;
/// 简易注销: the application follows within 20 days after the notice ends (条例 第三十三条).
pub const SIMPLE_DEREGISTRATION_APPLY_DAYS: u64 = 20;
/// 强制注销: a licence revoked at least 3 years ago (公司法 第二百四十一条).
pub const FORCED_DEREGISTRATION_YEARS: u32 = 3;
/// 强制注销: after a public notice of at least 60 days (公司法 第二百四十一条).
pub const FORCED_DEREGISTRATION_NOTICE_DAYS: u64 = 60;

/// What stands in the way of simple deregistration or suspension: facts about the entity kept
/// by other parts of shijian (lists, cases, fines, equity).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Encumbrances {
    /// On the 经营异常名录 (or marked abnormal, for individual businesses).
    pub abnormal_list: bool,
    /// On the 严重违法失信名单.
    pub serious_list: bool,
    /// Under investigation (立案调查) or in litigation.
    pub under_investigation: bool,
    /// An administrative fine not yet paid.
    pub unpaid_fine: bool,
    /// Equity frozen or pledged.
    pub equity_encumbered: bool,
}

/// The register's view of one entity, as far as the lifecycle needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lifecycle {
    pub kind: EntityKind,
    pub status: Status,
    pub established_on: NaiveDate,
    /// Days of 歇业 used before the current suspension.
    pub suspension_days_used: u64,
    /// The current suspension: (from, until).
    pub suspension: Option<(NaiveDate, NaiveDate)>,
    /// The current simple-deregistration notice: (first day, last day, objections received).
    pub notice: Option<(NaiveDate, NaiveDate, bool)>,
    pub revoked_on: Option<NaiveDate>,
    /// A public notice of forced deregistration: its first day.
    pub forced_notice_from: Option<NaiveDate>,
}

/// A request to change an entity's lifecycle. On the wire: `{"command": "suspend", "from": …,
/// "until": …}`, `{"command": "deregister", "on": …}`, ….
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// 设立登记 (条例 第十九条: registered on the spot or within 3 workdays).
    Register { kind: EntityKind, on: NaiveDate },
    /// 歇业 (条例 第三十条): for hardship from disasters, accidents, public-health or
    /// social-security events, filed before suspending.
    Suspend { from: NaiveDate, until: NaiveDate },
    /// 恢复营业 (细则 第四十二条).
    Resume { on: NaiveDate },
    /// Extension of 歇业 (细则 第四十一条), within the 3-year total.
    ExtendSuspension { until: NaiveDate },
    /// Start the 20-day public notice of simple deregistration (条例 第三十三条).
    StartSimpleDeregistration { on: NaiveDate },
    /// An objection during the notice (条例 第三十三条; 细则 第四十七条至第四十九条; the exact
    /// article on objections is not confirmed).
    Object { on: NaiveDate },
    /// 简易注销, after the notice (or at once for an individual business: 条例 第三十三条).
    SimpleDeregister { on: NaiveDate },
    /// 普通注销 (条例 第三十一条).
    Deregister { on: NaiveDate },
    /// 吊销营业执照, as an administrative penalty (行政处罚法 第九条).
    Revoke { on: NaiveDate },
    /// 撤销登记 for registration obtained by fraud (条例 第四十条).
    Annul { on: NaiveDate },
    /// Public notice before forced deregistration (公司法 第二百四十一条).
    NoticeForcedDeregistration { on: NaiveDate },
    /// 强制注销 (公司法 第二百四十一条).
    ForceDeregister { on: NaiveDate },
}

/// A lifecycle command as the registrar's form names it (`command=suspend`), before its dates
/// are known; [`LifecycleAction::command`] makes the [`Command`] (whose variants give the legal
/// basis of each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleAction {
    Suspend,
    ExtendSuspension,
    Resume,
    StartSimpleDeregistration,
    Object,
    SimpleDeregister,
    Deregister,
    Revoke,
    Annul,
    NoticeForcedDeregistration,
    ForceDeregister,
}

impl LifecycleAction {
    pub const ALL: &'static [LifecycleAction] = &[
        LifecycleAction::Suspend,
        LifecycleAction::ExtendSuspension,
        LifecycleAction::Resume,
        LifecycleAction::StartSimpleDeregistration,
        LifecycleAction::Object,
        LifecycleAction::SimpleDeregister,
        LifecycleAction::Deregister,
        LifecycleAction::Revoke,
        LifecycleAction::Annul,
        LifecycleAction::NoticeForcedDeregistration,
        LifecycleAction::ForceDeregister,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleAction::Suspend => "suspend",
            LifecycleAction::ExtendSuspension => "extend_suspension",
            LifecycleAction::Resume => "resume",
            LifecycleAction::StartSimpleDeregistration => "start_simple_deregistration",
            LifecycleAction::Object => "object",
            LifecycleAction::SimpleDeregister => "simple_deregister",
            LifecycleAction::Deregister => "deregister",
            LifecycleAction::Revoke => "revoke",
            LifecycleAction::Annul => "annul",
            LifecycleAction::NoticeForcedDeregistration => "notice_forced_deregistration",
            LifecycleAction::ForceDeregister => "force_deregister",
        }
    }

    /// The action of a wire name; `None` when there is none of that name.
    pub fn parse(s: &str) -> Option<LifecycleAction> {
        LifecycleAction::ALL.iter().copied().find(|a| a.as_str() == s.trim())
    }

    pub fn zh(self) -> &'static str {
        match self {
            LifecycleAction::Suspend => "歇业备案",
            LifecycleAction::ExtendSuspension => "歇业延期",
            LifecycleAction::Resume => "恢复营业",
            LifecycleAction::StartSimpleDeregistration => "简易注销公告",
            LifecycleAction::Object => "简易注销异议",
            LifecycleAction::SimpleDeregister => "简易注销登记",
            LifecycleAction::Deregister => "注销登记",
            LifecycleAction::Revoke => "吊销营业执照",
            LifecycleAction::Annul => "撤销登记",
            LifecycleAction::NoticeForcedDeregistration => "强制注销公告",
            LifecycleAction::ForceDeregister => "强制注销",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            LifecycleAction::Suspend => "suspension",
            LifecycleAction::ExtendSuspension => "extension of a suspension",
            LifecycleAction::Resume => "resumption",
            LifecycleAction::StartSimpleDeregistration => "notice of simplified deregistration",
            LifecycleAction::Object => "objection to a simplified deregistration",
            LifecycleAction::SimpleDeregister => "simplified deregistration",
            LifecycleAction::Deregister => "deregistration",
            LifecycleAction::Revoke => "revocation of the business licence",
            LifecycleAction::Annul => "annulment of the registration",
            LifecycleAction::NoticeForcedDeregistration => "notice of forced deregistration",
            LifecycleAction::ForceDeregister => "forced deregistration",
        }
    }

    /// Whether the step ends the entity's life as a going concern (注销 in each of its forms,
    /// 吊销营业执照, 撤销登记): what cannot be taken back in the register, so that the
    /// registrar's form asks for a confirmation stating the consequences before it is recorded.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            LifecycleAction::SimpleDeregister
                | LifecycleAction::Deregister
                | LifecycleAction::Revoke
                | LifecycleAction::Annul
                | LifecycleAction::ForceDeregister
        )
    }

    /// The steps the entity's status allows (on day `on`), in [`LifecycleAction::ALL`]'s order:
    /// those [`decide`] does not refuse for the status alone. A step the status allows may still
    /// be refused for its dates or for what encumbers the entity; those refusals come with the
    /// step's own reason, so the step is offered.
    pub fn offered(current: &Lifecycle, on: NaiveDate) -> Vec<LifecycleAction> {
        let until = on.succ_opt().unwrap_or(on);
        LifecycleAction::ALL
            .iter()
            .copied()
            .filter(|a| {
                let Some(command) = a.command(on, Some(until)) else { return false };
                !matches!(decide(Some(current), &command, &Encumbrances::default()),
                    Err(e) if e.code() == Code::RegistryTransition)
            })
            .collect()
    }

    /// The command on day `on`; a suspension runs to `until`, which an extension also needs.
    pub fn command(self, on: NaiveDate, until: Option<NaiveDate>) -> Option<Command> {
        Some(match self {
            LifecycleAction::Suspend => Command::Suspend { from: on, until: until? },
            LifecycleAction::ExtendSuspension => Command::ExtendSuspension { until: until? },
            LifecycleAction::Resume => Command::Resume { on },
            LifecycleAction::StartSimpleDeregistration => Command::StartSimpleDeregistration { on },
            LifecycleAction::Object => Command::Object { on },
            LifecycleAction::SimpleDeregister => Command::SimpleDeregister { on },
            LifecycleAction::Deregister => Command::Deregister { on },
            LifecycleAction::Revoke => Command::Revoke { on },
            LifecycleAction::Annul => Command::Annul { on },
            LifecycleAction::NoticeForcedDeregistration => Command::NoticeForcedDeregistration { on },
            LifecycleAction::ForceDeregister => Command::ForceDeregister { on },
        })
    }
}

/// What the register decided: the new lifecycle and the legal basis of the decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub next: Lifecycle,
    /// The event kind to record, e.g. `registry.entity_suspended`.
    pub kind: &'static str,
    pub basis: &'static str,
}

fn refuse(from: Status, command: &str) -> Error {
    Error::new(Code::RegistryTransition).with("status", from.zh()).with("command", command)
}

fn ineligible(reason: &str) -> Error {
    Error::new(Code::RegistryIneligible).with("reason", reason)
}

fn add_days(d: NaiveDate, n: u64) -> Result<NaiveDate> {
    d.checked_add_days(Days::new(n)).ok_or_else(|| Error::new(Code::DateOutOfRange))
}

/// Why an entity may not use simple deregistration (细则 第四十八条第一项 for the lists; the
/// other grounds as listed under 条例 第三十三条 and 细则 第四十八条), if anything. For 歇业 only
/// the lists apply, per the provincial service rules (unconfirmed in a primary text).
fn blocking(e: &Encumbrances) -> Option<&'static str> {
    if e.abnormal_list {
        Some("列入经营异常名录 / on the abnormal-operations list")
    } else if e.serious_list {
        Some("列入严重违法失信名单 / on the serious-violation list")
    } else if e.under_investigation {
        Some("被立案调查或涉诉 / under investigation or in litigation")
    } else if e.unpaid_fine {
        Some("行政处罚罚款未缴清 / an unpaid fine")
    } else if e.equity_encumbered {
        Some("股权被冻结或出质 / equity frozen or pledged")
    } else {
        None
    }
}

/// Decides a command against the entity's current lifecycle (`None`: not yet registered).
pub fn decide(current: Option<&Lifecycle>, command: &Command, encumbrances: &Encumbrances) -> Result<Decision> {
    let Some(cur) = current else {
        return match command {
            Command::Register { kind, on } => Ok(Decision {
                next: Lifecycle {
                    kind: *kind,
                    status: Status::Active,
                    established_on: *on,
                    suspension_days_used: 0,
                    suspension: None,
                    notice: None,
                    revoked_on: None,
                    forced_notice_from: None,
                },
                kind: "registry.entity_registered",
                basis: "市场主体登记管理条例 第十九条",
            }),
            _ => Err(Error::new(Code::RegistryUnknownEntity)),
        };
    };
    let mut next = cur.clone();
    let s = cur.status;
    match command {
        Command::Register { .. } => Err(refuse(s, "register")),
        Command::Suspend { from, until } => {
            if s != Status::Active {
                return Err(refuse(s, "suspend"));
            }
            if let Some(reason) =
                blocking(encumbrances).filter(|_| encumbrances.abnormal_list || encumbrances.serious_list)
            {
                return Err(ineligible(reason));
            }
            if until <= from {
                return Err(Error::new(Code::DateRangeReversed).with("from", from).with("to", until));
            }
            let days = (*until - *from).num_days() as u64;
            if cur.suspension_days_used + days > MAX_SUSPENSION_DAYS {
                return Err(Error::new(Code::RegistryDeadline)
                    .with("rule", "歇业累计不超过3年 / suspension at most 3 years in total")
                    .with("days", cur.suspension_days_used + days));
            }
            next.status = Status::Suspended;
            next.suspension = Some((*from, *until));
            Ok(Decision {
                next, kind: "registry.entity_suspended", basis: "市场主体登记管理条例 第三十条"
            })
        }
        Command::ExtendSuspension { until } => {
            let (Status::Suspended, Some((from, old_until))) = (s, cur.suspension) else {
                return Err(refuse(s, "extend_suspension"));
            };
            if *until <= old_until {
                return Err(Error::new(Code::DateRangeReversed).with("from", old_until).with("to", until));
            }
            let days = (*until - from).num_days() as u64;
            if cur.suspension_days_used + days > MAX_SUSPENSION_DAYS {
                return Err(Error::new(Code::RegistryDeadline)
                    .with("rule", "歇业累计不超过3年 / suspension at most 3 years in total")
                    .with("days", cur.suspension_days_used + days));
            }
            next.suspension = Some((from, *until));
            Ok(Decision {
                next,
                kind: "registry.suspension_extended",
                basis: "市场主体登记管理条例 第三十条；市场主体登记管理条例实施细则 第四十一条",
            })
        }
        Command::Resume { on } => {
            let (Status::Suspended, Some((from, _))) = (s, cur.suspension) else {
                return Err(refuse(s, "resume"));
            };
            if *on < from {
                return Err(Error::new(Code::DateRangeReversed).with("from", from).with("to", on));
            }
            next.status = Status::Active;
            next.suspension_days_used += (*on - from).num_days() as u64;
            next.suspension = None;
            Ok(Decision {
                next,
                kind: "registry.entity_resumed",
                basis: "市场主体登记管理条例 第三十条；市场主体登记管理条例实施细则 第四十二条",
            })
        }
        Command::StartSimpleDeregistration { on } => {
            if s != Status::Active && s != Status::Suspended {
                return Err(refuse(s, "start_simple_deregistration"));
            }
            if let Some(reason) = blocking(encumbrances) {
                return Err(ineligible(reason));
            }
            if cur.kind == EntityKind::IndividualBusiness {
                // 个体工商户 need no public notice (条例 第三十三条).
                return Err(refuse(s, "start_simple_deregistration (个体工商户无需公示)"));
            }
            let last = add_days(*on, SIMPLE_DEREGISTRATION_NOTICE_DAYS - 1)?;
            next.status = Status::DeregistrationNotice;
            next.notice = Some((*on, last, false));
            Ok(Decision {
                next,
                kind: "registry.simple_deregistration_noticed",
                basis: "市场主体登记管理条例 第三十三条；市场主体登记管理条例实施细则 第四十七条",
            })
        }
        Command::Object { on } => {
            let (Status::DeregistrationNotice, Some((first, last, _))) = (s, cur.notice) else {
                return Err(refuse(s, "object"));
            };
            if *on < first || *on > last {
                return Err(Error::new(Code::RegistryDeadline)
                    .with("rule", "异议应在公示期内提出 / objections within the notice period")
                    .with("days", (*on - first).num_days()));
            }
            next.notice = Some((first, last, true));
            Ok(Decision {
                next,
                kind: "registry.deregistration_objected",
                basis: "市场主体登记管理条例 第三十三条；市场主体登记管理条例实施细则 第四十七条至第四十九条",
            })
        }
        Command::SimpleDeregister { on } => {
            if cur.kind == EntityKind::IndividualBusiness && matches!(s, Status::Active | Status::Suspended) {
                if let Some(reason) = blocking(encumbrances) {
                    return Err(ineligible(reason));
                }
                next.status = Status::Deregistered;
                return Ok(Decision {
                    next,
                    kind: "registry.entity_deregistered",
                    basis: "市场主体登记管理条例 第三十三条",
                });
            }
            let (Status::DeregistrationNotice, Some((_, last, objected))) = (s, cur.notice) else {
                return Err(refuse(s, "simple_deregister"));
            };
            if objected {
                return Err(ineligible("公示期内有异议 / an objection was raised during the notice"));
            }
            if let Some(reason) = blocking(encumbrances) {
                return Err(ineligible(reason));
            }
            let apply_by = add_days(last, SIMPLE_DEREGISTRATION_APPLY_DAYS)?;
            if *on <= last || *on > apply_by {
                return Err(Error::new(Code::RegistryDeadline)
                    .with("rule", "公示期满之日起20日内申请 / apply within 20 days after the notice ends")
                    .with("days", (*on - last).num_days()));
            }
            next.status = Status::Deregistered;
            Ok(Decision {
                next, kind: "registry.entity_deregistered", basis: "市场主体登记管理条例 第三十三条"
            })
        }
        Command::Deregister { .. } => {
            if !matches!(s, Status::Active | Status::Suspended | Status::Revoked | Status::DeregistrationNotice) {
                return Err(refuse(s, "deregister"));
            }
            next.status = Status::Deregistered;
            next.notice = None;
            Ok(Decision {
                next, kind: "registry.entity_deregistered", basis: "市场主体登记管理条例 第三十一条"
            })
        }
        Command::Revoke { on } => {
            if !matches!(s, Status::Active | Status::Suspended | Status::DeregistrationNotice) {
                return Err(refuse(s, "revoke"));
            }
            next.status = Status::Revoked;
            next.revoked_on = Some(*on);
            next.notice = None;
            next.suspension = None;
            // The article that allows revocation is the one the penalty decision applies; the
            // kind of penalty is 行政处罚法 第九条 (吊销许可证件).
            Ok(Decision {
                next,
                kind: "registry.licence_revoked",
                basis: "行政处罚法 第九条；具体依据见行政处罚决定书",
            })
        }
        Command::Annul { .. } => {
            if !s.exists() {
                return Err(refuse(s, "annul"));
            }
            next.status = Status::Annulled;
            Ok(Decision {
                next, kind: "registry.registration_annulled", basis: "市场主体登记管理条例 第四十条"
            })
        }
        Command::NoticeForcedDeregistration { on } => {
            let (Status::Revoked, Some(revoked)) = (s, cur.revoked_on) else {
                return Err(refuse(s, "notice_forced_deregistration"));
            };
            let eligible_from = revoked
                .checked_add_months(chrono::Months::new(12 * FORCED_DEREGISTRATION_YEARS))
                .ok_or_else(|| Error::new(Code::DateOutOfRange))?;
            if *on < eligible_from {
                return Err(Error::new(Code::RegistryDeadline)
                    .with("rule", "吊销满三年 / three years after revocation")
                    .with("days", (*on - revoked).num_days()));
            }
            next.forced_notice_from = Some(*on);
            Ok(Decision {
                next, kind: "registry.forced_deregistration_noticed", basis: "公司法 第二百四十一条"
            })
        }
        Command::ForceDeregister { on } => {
            let (Status::Revoked, Some(from)) = (s, cur.forced_notice_from) else {
                return Err(refuse(s, "force_deregister"));
            };
            if (*on - from).num_days() < FORCED_DEREGISTRATION_NOTICE_DAYS as i64 {
                return Err(Error::new(Code::RegistryDeadline)
                    .with("rule", "公告期不少于60日 / a public notice of at least 60 days")
                    .with("days", (*on - from).num_days()));
            }
            next.status = Status::Deregistered;
            Ok(Decision { next, kind: "registry.entity_force_deregistered", basis: "公司法 第二百四十一条" })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::parse_date(s).unwrap()
    }

    /// The form's name of each lifecycle action is the API's name of its command.
    #[test]
    fn lifecycle_actions_name_their_commands() {
        let (on, until) = (d("2026-03-02"), d("2026-09-01"));
        for &a in LifecycleAction::ALL {
            assert_eq!(LifecycleAction::parse(a.as_str()), Some(a));
            let wire = serde_json::json!({"command": a.as_str(), "on": on, "from": on, "until": until});
            let c: Command = serde_json::from_value(wire).unwrap();
            assert_eq!(a.command(on, Some(until)), Some(c), "{}", a.as_str());
        }
        assert_eq!(LifecycleAction::Suspend.command(on, None), None);
    }

    /// Only the steps the status allows are offered: an active company may be suspended,
    /// noticed for simple deregistration, deregistered, revoked or annulled; a deregistered one
    /// nothing; a revoked one deregistered, annulled or noticed for forced deregistration.
    #[test]
    fn offered_steps_follow_the_status() {
        use LifecycleAction as A;
        let on = d("2026-03-02");
        let active = run(EntityKind::LimitedCompany, &[]).unwrap();
        assert_eq!(
            LifecycleAction::offered(&active, on),
            [A::Suspend, A::StartSimpleDeregistration, A::Deregister, A::Revoke, A::Annul]
        );
        let gone = run(EntityKind::LimitedCompany, &[Command::Deregister { on }]).unwrap();
        assert_eq!(LifecycleAction::offered(&gone, on), []);
        let revoked = run(EntityKind::LimitedCompany, &[Command::Revoke { on }]).unwrap();
        assert_eq!(LifecycleAction::offered(&revoked, on), [A::Deregister, A::Annul, A::NoticeForcedDeregistration]);
        let shop = run(EntityKind::IndividualBusiness, &[]).unwrap();
        assert!(LifecycleAction::offered(&shop, on).contains(&A::SimpleDeregister));
        assert!(!LifecycleAction::offered(&shop, on).contains(&A::StartSimpleDeregistration));
        assert!(A::Deregister.is_terminal() && A::ForceDeregister.is_terminal() && !A::Suspend.is_terminal());
    }

    fn clean() -> Encumbrances {
        Encumbrances::default()
    }

    fn run(kind: EntityKind, commands: &[Command]) -> Result<Lifecycle> {
        let mut state: Option<Lifecycle> = None;
        for c in std::iter::once(&Command::Register { kind, on: d("2020-01-02") }).chain(commands) {
            state = Some(decide(state.as_ref(), c, &clean())?.next);
        }
        Ok(state.unwrap())
    }

    #[test]
    fn registration_starts_active_and_only_once() {
        let s = run(EntityKind::LimitedCompany, &[]).unwrap();
        assert_eq!(s.status, Status::Active);
        let e =
            decide(Some(&s), &Command::Register { kind: EntityKind::LimitedCompany, on: d("2021-01-01") }, &clean());
        assert_eq!(e.unwrap_err().code(), Code::RegistryTransition);
        assert_eq!(
            decide(None, &Command::Resume { on: d("2021-01-01") }, &clean()).unwrap_err().code(),
            Code::RegistryUnknownEntity
        );
    }

    /// 市场主体登记管理条例 第三十条: 歇业 at most 3 years in total.
    #[test]
    fn suspension_is_capped_at_three_years_in_total() {
        let s = run(
            EntityKind::LimitedCompany,
            &[
                Command::Suspend { from: d("2022-01-01"), until: d("2023-01-01") },
                Command::Resume { on: d("2022-07-01") },
                Command::Suspend { from: d("2023-01-01"), until: d("2024-01-01") },
                Command::ExtendSuspension { until: d("2025-01-01") },
            ],
        )
        .unwrap();
        assert_eq!(s.status, Status::Suspended);
        assert_eq!(s.suspension_days_used, 181);
        // 181 days used + 2023-01-01..2025-07-01 (912 days) = 1093 ≤ 1095; one more month is not.
        let ok = decide(Some(&s), &Command::ExtendSuspension { until: d("2025-07-01") }, &clean()).unwrap();
        let e = decide(Some(&ok.next), &Command::ExtendSuspension { until: d("2025-08-01") }, &clean()).unwrap_err();
        assert_eq!(e.code(), Code::RegistryDeadline);
        let e = run(EntityKind::LimitedCompany, &[Command::Suspend { from: d("2022-01-01"), until: d("2025-01-03") }])
            .unwrap_err();
        assert_eq!(e.code(), Code::RegistryDeadline);
    }

    #[test]
    fn entities_on_a_list_cannot_suspend() {
        let s = run(EntityKind::LimitedCompany, &[]).unwrap();
        let listed = Encumbrances { abnormal_list: true, ..clean() };
        let e =
            decide(Some(&s), &Command::Suspend { from: d("2022-01-01"), until: d("2022-06-01") }, &listed).unwrap_err();
        assert_eq!(e.code(), Code::RegistryIneligible);
    }

    /// 市场主体登记管理条例 第三十三条: 20-day notice, then apply within 20 days; objections block.
    #[test]
    fn simple_deregistration_follows_the_notice() {
        let s = run(EntityKind::LimitedCompany, &[Command::StartSimpleDeregistration { on: d("2024-03-01") }]).unwrap();
        assert_eq!(s.status, Status::DeregistrationNotice);
        assert_eq!(s.notice, Some((d("2024-03-01"), d("2024-03-20"), false)));
        // Too early (during the notice) and too late (more than 20 days after it).
        for on in ["2024-03-20", "2024-04-10"] {
            let e = decide(Some(&s), &Command::SimpleDeregister { on: d(on) }, &clean()).unwrap_err();
            assert_eq!(e.code(), Code::RegistryDeadline, "{on}");
        }
        let done = decide(Some(&s), &Command::SimpleDeregister { on: d("2024-04-09") }, &clean()).unwrap();
        assert_eq!(done.next.status, Status::Deregistered);
        // An objection in the notice period blocks it.
        let objected = decide(Some(&s), &Command::Object { on: d("2024-03-10") }, &clean()).unwrap().next;
        let e = decide(Some(&objected), &Command::SimpleDeregister { on: d("2024-03-25") }, &clean()).unwrap_err();
        assert_eq!(e.code(), Code::RegistryIneligible);
        // An objection after the notice is out of time.
        assert_eq!(
            decide(Some(&s), &Command::Object { on: d("2024-03-21") }, &clean()).unwrap_err().code(),
            Code::RegistryDeadline
        );
    }

    /// 市场主体登记管理条例实施细则 第四十八条: not for entities on a list, under investigation,
    /// with unpaid fines or encumbered equity.
    #[test]
    fn simple_deregistration_ineligibility() {
        let s = run(EntityKind::LimitedCompany, &[]).unwrap();
        for e in [
            Encumbrances { abnormal_list: true, ..clean() },
            Encumbrances { serious_list: true, ..clean() },
            Encumbrances { under_investigation: true, ..clean() },
            Encumbrances { unpaid_fine: true, ..clean() },
            Encumbrances { equity_encumbered: true, ..clean() },
        ] {
            let err = decide(Some(&s), &Command::StartSimpleDeregistration { on: d("2024-03-01") }, &e).unwrap_err();
            assert_eq!(err.code(), Code::RegistryIneligible, "{e:?}");
        }
        let revoked = decide(Some(&s), &Command::Revoke { on: d("2024-01-01") }, &clean()).unwrap().next;
        let err = decide(Some(&revoked), &Command::StartSimpleDeregistration { on: d("2024-03-01") }, &clean());
        assert_eq!(err.unwrap_err().code(), Code::RegistryTransition);
    }

    #[test]
    fn individual_businesses_deregister_without_notice() {
        let s = run(EntityKind::IndividualBusiness, &[]).unwrap();
        let done = decide(Some(&s), &Command::SimpleDeregister { on: d("2024-03-01") }, &clean()).unwrap();
        assert_eq!(done.next.status, Status::Deregistered);
        assert!(decide(Some(&s), &Command::StartSimpleDeregistration { on: d("2024-03-01") }, &clean()).is_err());
    }

    /// 公司法 第二百四十一条: revoked 3+ years ago, public notice ≥ 60 days.
    #[test]
    fn forced_deregistration_after_three_years_and_sixty_days() {
        let s = run(EntityKind::LimitedCompany, &[Command::Revoke { on: d("2021-05-10") }]).unwrap();
        let e = decide(Some(&s), &Command::NoticeForcedDeregistration { on: d("2024-05-09") }, &clean()).unwrap_err();
        assert_eq!(e.code(), Code::RegistryDeadline);
        let noticed =
            decide(Some(&s), &Command::NoticeForcedDeregistration { on: d("2024-05-10") }, &clean()).unwrap().next;
        let e = decide(Some(&noticed), &Command::ForceDeregister { on: d("2024-07-08") }, &clean()).unwrap_err();
        assert_eq!(e.code(), Code::RegistryDeadline);
        let done = decide(Some(&noticed), &Command::ForceDeregister { on: d("2024-07-09") }, &clean()).unwrap();
        assert_eq!((done.next.status, done.kind), (Status::Deregistered, "registry.entity_force_deregistered"));
        // Without the notice, no forced deregistration.
        assert_eq!(
            decide(Some(&s), &Command::ForceDeregister { on: d("2030-01-01") }, &clean()).unwrap_err().code(),
            Code::RegistryTransition
        );
    }

    #[test]
    fn nothing_follows_deregistration_or_annulment() {
        let gone = run(EntityKind::LimitedCompany, &[Command::Deregister { on: d("2024-01-01") }]).unwrap();
        let annulled = run(EntityKind::LimitedCompany, &[Command::Annul { on: d("2024-01-01") }]).unwrap();
        for s in [gone, annulled] {
            for c in [
                Command::Suspend { from: d("2024-02-01"), until: d("2024-03-01") },
                Command::Revoke { on: d("2024-02-01") },
                Command::Deregister { on: d("2024-02-01") },
                Command::Annul { on: d("2024-02-01") },
            ] {
                assert_eq!(decide(Some(&s), &c, &clean()).unwrap_err().code(), Code::RegistryTransition, "{c:?}");
            }
        }
    }

    #[test]
    fn kinds_have_names_and_credit_code_categories() {
        assert_eq!(EntityKind::parse("个体工商户").unwrap().uscc_category(), '2');
        assert_eq!(EntityKind::parse("farmer_cooperative").unwrap().uscc_category(), '3');
        assert_eq!(EntityKind::parse("limited_company").unwrap().zh(), "有限责任公司");
        assert_eq!(EntityKind::parse("合资").unwrap_err().code(), Code::RegistryKind);
    }

    #[test]
    fn commands_read_from_their_wire_form() {
        let c: Command =
            serde_json::from_str(r#"{"command":"suspend","from":"2026-12-01","until":"2027-05-31"}"#).unwrap();
        assert_eq!(c, Command::Suspend { from: d("2026-12-01"), until: d("2027-05-31") });
        let c: Command = serde_json::from_str(r#"{"command":"simple_deregister","on":"2026-12-01"}"#).unwrap();
        assert_eq!(c, Command::SimpleDeregister { on: d("2026-12-01") });
        assert!(serde_json::from_str::<Command>(r#"{"command":"dissolve","on":"2026-12-01"}"#).is_err());
    }
}
