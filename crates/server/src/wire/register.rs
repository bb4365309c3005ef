//! Bodies of the register and credit endpoints of `/api/v1`: the public credit file, the name
//! check, public events and the feed, the public lists, the register a page at a time, and the
//! credit office's worklist.

use chrono::NaiveDate;
use serde::Serialize;
use shijian_core::entity::EntityState;

use super::EventRef;

/// An entity as the register holds it now: its registration (市场主体登记管理条例 第八条) as
/// changed since, and where it is in its life. In the credit file and in each page of
/// `GET /api/v1/register`.
#[derive(Serialize)]
pub struct Entity {
    pub uscc: String,
    pub name: String,
    /// The entity kind's code (`limited_company`, …).
    pub kind: &'static str,
    /// 法定代表人 / 负责人 / 执行事务合伙人 / 投资人 / 经营者.
    pub representative: String,
    /// 注册资本 in units of 10,000 of `currency`, a decimal string.
    pub capital: Option<String>,
    /// ISO 4217.
    pub currency: String,
    pub established_on: NaiveDate,
    /// 登记机关: the registering office's division code.
    pub authority: String,
    pub address: String,
    /// Business scope items by catalogue code.
    pub scope: Vec<String>,
    /// The business scope as registered, in words.
    pub scope_text: String,
    /// Main industry (GB/T 4754-2017).
    pub industry: Option<String>,
    /// The credit code of the enterprise a branch belongs to.
    pub parent: Option<String>,
    /// The status's code (`active`, `suspended`, …).
    pub status: &'static str,
    /// Days of 歇业 used before the current suspension (条例 第三十条: 3 years in total).
    pub suspension_days_used: u64,
    /// The current suspension, `[from, until]`.
    pub suspension: Option<(NaiveDate, NaiveDate)>,
    /// The deregistration notice, `[from, until, whether it is the simple procedure's]`.
    pub notice: Option<(NaiveDate, NaiveDate, bool)>,
    pub revoked_on: Option<NaiveDate>,
    /// The first day of a forced deregistration's notice.
    pub forced_notice_from: Option<NaiveDate>,
    /// The day the entity left the register (deregistered, annulled).
    pub ended_on: Option<NaiveDate>,
    pub former_names: Vec<FormerName>,
    /// Filings (备案) recorded.
    pub filings: u32,
    pub updated_on: NaiveDate,
}

impl From<EntityState> for Entity {
    fn from(s: EntityState) -> Entity {
        let e = s.entity;
        Entity {
            uscc: e.uscc.to_string(),
            name: e.name,
            kind: e.kind.as_str(),
            representative: e.representative,
            capital: e.capital,
            currency: e.currency,
            established_on: e.established_on,
            authority: e.authority.to_string(),
            address: e.address,
            scope: e.scope,
            scope_text: e.scope_text,
            industry: e.industry.map(|i| i.as_str().to_string()),
            parent: e.parent.map(|p| p.to_string()),
            status: s.status.as_str(),
            suspension_days_used: s.suspension_days_used,
            suspension: s.suspension,
            notice: s.notice,
            revoked_on: s.revoked_on,
            forced_notice_from: s.forced_notice_from,
            ended_on: s.ended_on,
            former_names: s.former_names.into_iter().map(|f| FormerName { name: f.name, until: f.until }).collect(),
            filings: s.filings,
            updated_on: s.updated_on,
        }
    }
}

/// A name the entity used before, changed away on `until`.
#[derive(Serialize)]
pub struct FormerName {
    pub name: String,
    pub until: NaiveDate,
}

/// `GET /api/v1/entities/{uscc}`: the public credit file (企业信息公示暂行条例), as the
/// national publicity system shows it. The records under `annual_reports`, `abnormal`,
/// `serious` and `inspections` are the events' data as the public log commits to them, so a
/// client checks them against the events' receipts.
#[derive(Serialize)]
pub struct CreditFile {
    pub entity: Entity,
    /// The public events of the entity, oldest first.
    pub history: Vec<HistoryEvent>,
    pub annual_reports: Vec<serde_json::Value>,
    /// The abnormal list's events: `{kind, data}`.
    pub abnormal: Vec<serde_json::Value>,
    /// The serious list's events: `{kind, data, index}`.
    pub serious: Vec<serde_json::Value>,
    /// Published random-inspection results: plan, target, day, category.
    pub inspections: Vec<serde_json::Value>,
    /// Each change of registration, oldest first, with the items it changed.
    pub changes: Vec<Change>,
    /// Administrative penalties public today, newest decision first.
    pub penalties: Vec<super::case::PublicPenalty>,
}

/// A change of registration (变更登记) on the credit file.
#[derive(Serialize)]
pub struct Change {
    /// The change's event, for "verify this record".
    pub id: String,
    pub on: chrono::NaiveDate,
    pub items: Vec<ChangedItem>,
}

/// One item of a change: its field's name in the register's change (`name`, `address`, …),
/// its value before and after.
#[derive(Serialize)]
pub struct ChangedItem {
    pub item: &'static str,
    pub before: String,
    pub after: String,
}

impl From<shijian_app::credit::PublicFile> for CreditFile {
    fn from(f: shijian_app::credit::PublicFile) -> CreditFile {
        CreditFile {
            entity: f.entity.into(),
            history: f
                .history
                .into_iter()
                .map(|e| HistoryEvent { index: e.index, id: e.id, kind: e.kind, day: e.day, basis: e.basis })
                .collect(),
            annual_reports: f.annual_reports,
            abnormal: f.abnormal,
            serious: f.serious,
            inspections: f.inspections,
            changes: f
                .changes
                .into_iter()
                .map(|c| Change {
                    id: c.id,
                    on: c.on,
                    items: c
                        .items
                        .into_iter()
                        .map(|i| ChangedItem { item: i.item, before: i.before, after: i.after })
                        .collect(),
                })
                .collect(),
            penalties: f.penalties.into_iter().map(super::case::PublicPenalty::from).collect(),
        }
    }
}

/// One public event of an entity: enough to fetch its receipt and check it against the log.
#[derive(Serialize)]
pub struct HistoryEvent {
    /// The log index.
    pub index: u64,
    pub id: String,
    /// The event kind (`registry.entity_registered`, …).
    pub kind: String,
    /// The day it took effect.
    pub day: String,
    /// Its legal basis.
    pub basis: String,
}

/// `GET /api/v1/names/check`: the verdict on a name and what was found (名称自主申报); also in
/// the answer to a change of name.
#[derive(Serialize)]
pub struct NameCheck {
    /// `accept`, `warn` or `refuse`.
    pub verdict: &'static str,
    pub parsed: ParsedName,
    /// The division compared under; `null` when the name was refused on its own before any
    /// comparison.
    pub authority: Option<String>,
    /// The entity kind's code, when known.
    pub kind: Option<&'static str>,
    pub findings: Vec<NameFinding>,
}

impl From<shijian_app::names::NameCheck> for NameCheck {
    fn from(c: shijian_app::names::NameCheck) -> NameCheck {
        let p = c.parsed;
        NameCheck {
            verdict: c.verdict.as_str(),
            parsed: ParsedName {
                name: p.name,
                division: p.division.map(|d| d.to_string()),
                division_text: p.division_text,
                division_bracketed: p.division_bracketed,
                trade_name: p.trade_name,
                industry_term: p.industry_term,
                industry_group: p.industry_group,
                group: p.group,
                form: p.form,
                form_kinds: p.form_kinds.into_iter().map(|k| k.as_str()).collect(),
            },
            authority: c.authority.map(|a| a.to_string()),
            kind: c.kind.map(|k| k.as_str()),
            findings: c
                .findings
                .into_iter()
                .map(|f| NameFinding {
                    rule: f.rule,
                    severity: severity(f.severity),
                    basis: f.basis,
                    conflict_uscc: f.conflict_uscc,
                    conflict_name: f.conflict_name,
                    detail: f.detail,
                })
                .collect(),
        }
    }
}

/// A severity's code.
fn severity(s: shijian_core::name::Severity) -> &'static str {
    match s {
        shijian_core::name::Severity::Warn => "warn",
        shijian_core::name::Severity::Refuse => "refuse",
    }
}

/// A name split into its parts.
#[derive(Serialize)]
pub struct ParsedName {
    /// The name as compared: full-width brackets, no spaces.
    pub name: String,
    /// The division named, if any.
    pub division: Option<String>,
    pub division_text: Option<String>,
    /// Whether the division came in brackets after the trade name.
    pub division_bracketed: bool,
    /// 字号
    pub trade_name: String,
    /// 行业或经营特点
    pub industry_term: Option<String>,
    /// The synonym group of the industry term.
    pub industry_group: Option<String>,
    /// 集团 before the form.
    pub group: bool,
    /// 组织形式
    pub form: Option<String>,
    /// The entity kinds the form fits.
    pub form_kinds: Vec<&'static str>,
}

/// One finding: a rule the name breaks, or a registered name it conflicts with.
#[derive(Serialize)]
pub struct NameFinding {
    /// The rule's stable code (`identical`, `forbidden_word`, …).
    pub rule: &'static str,
    /// `warn` or `refuse`.
    pub severity: &'static str,
    pub basis: &'static str,
    pub conflict_uscc: Option<String>,
    pub conflict_name: Option<String>,
    /// What was found, for people.
    pub detail: String,
}

/// `POST /api/v1/entities/{uscc}/changes` when the name changes: the events, and the new
/// name's check (its warnings reach the registrar).
#[derive(Serialize)]
pub struct NameChanged {
    pub events: Vec<EventRef>,
    pub name_check: NameCheck,
}

/// `GET /api/v1/events/{id}`, and each of the feed: a public event with its record (what the
/// log commits to, with the salt), so that anyone can recompute the entry and check it against
/// a receipt.
#[derive(Serialize)]
pub struct PublicEvent {
    pub index: u64,
    pub id: String,
    pub kind: String,
    pub subject: Option<String>,
    pub occurred_at: String,
    pub recorded_at: String,
    /// The canonical JSON record, exactly as committed.
    pub record: String,
    /// The salt, hex.
    pub salt: String,
    /// The log entry (`0x01 ‖ commitment`), hex.
    pub entry: String,
}

impl From<shijian_store::StoredEvent> for PublicEvent {
    fn from(e: shijian_store::StoredEvent) -> PublicEvent {
        PublicEvent {
            index: e.index,
            salt: hex(&e.salt),
            entry: hex(&e.entry),
            id: e.id,
            kind: e.kind,
            subject: e.subject,
            occurred_at: e.occurred_at,
            recorded_at: e.recorded_at,
            record: e.record,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `GET /api/v1/feed`: public events in log order.
#[derive(Serialize)]
pub struct FeedPage {
    pub events: Vec<PublicEvent>,
    /// Pass as `after` for the next page: the last log index read (past restricted events
    /// too); absent when nothing was read.
    pub next: Option<u64>,
}

/// An entity on a public list with its current entries (`GET /api/v1/lists/{list}`).
#[derive(Serialize)]
pub struct Listed {
    pub uscc: String,
    pub name: String,
    /// The registering office's division code.
    pub authority: String,
    /// Its entries on the list asked for, oldest first.
    pub entries: ListEntries,
}

impl From<shijian_app::lists::Listed> for Listed {
    fn from(l: shijian_app::lists::Listed) -> Listed {
        let entries = match l.entries {
            shijian_app::lists::Entries::Abnormal(v) => ListEntries::Abnormal(
                v.into_iter()
                    .map(|e| AbnormalEntry {
                        ground: e.ground.as_str(),
                        listed_on: e.listed_on,
                        marked: e.marked,
                        reminded_on: e.reminded_on,
                        report_year: e.report_year,
                    })
                    .collect(),
            ),
            shijian_app::lists::Entries::Serious(v) => ListEntries::Serious(
                v.into_iter()
                    .map(|e| SeriousEntry {
                        decision: e.decision,
                        ends_on: e.ends_on,
                        ground: e.ground.as_str(),
                        listed_on: e.listed_on,
                        penalty: e.penalty.map(|p| p.as_str()),
                    })
                    .collect(),
            ),
        };
        Listed { uscc: l.uscc, name: l.name, authority: l.authority, entries }
    }
}

/// The entries of one list: a plain array of the list's entries.
#[derive(Serialize)]
#[serde(untagged)]
pub enum ListEntries {
    Abnormal(Vec<AbnormalEntry>),
    Serious(Vec<SeriousEntry>),
}

/// An entry of the abnormal operations list (企业经营异常名录管理暂行办法), or an individual
/// business's abnormal marking. Its fields have always come in alphabetical order.
#[derive(Serialize)]
pub struct AbnormalEntry {
    /// The ground's code (`annual_report_missing`, `unreachable`, …; 名录办法 第四条).
    pub ground: &'static str,
    pub listed_on: NaiveDate,
    /// An individual business's marking rather than a listing.
    pub marked: bool,
    /// When the reminder before the 3-year mark was issued.
    pub reminded_on: Option<NaiveDate>,
    /// The report year, for `annual_report_missing`.
    pub report_year: Option<i32>,
}

/// An entry of the serious violations list (市场监督管理严重违法失信名单管理办法). Its fields have
/// always come in alphabetical order.
#[derive(Serialize)]
pub struct SeriousEntry {
    /// The number of the penalty or listing decision (决定书文号).
    pub decision: Option<String>,
    /// The last day of the 3-year term.
    pub ends_on: NaiveDate,
    /// The ground's code (`food_safety`, …).
    pub ground: &'static str,
    pub listed_on: NaiveDate,
    /// The heavier penalty's code (名单办法 第二条).
    pub penalty: Option<&'static str>,
}

/// One line of the credit office's worklist (`GET /api/v1/credit/worklist`): a repair request
/// or objection waiting for the office.
#[derive(Serialize)]
pub struct CreditWork {
    pub uscc: String,
    pub name: String,
    /// The registering office's division code.
    pub authority: String,
    /// `repair` or `objection`.
    pub matter: &'static str,
    /// The applicant's reference.
    pub reference: String,
    /// The step the office owes next: `accept`, `decide` or `verify`.
    pub step: &'static str,
    /// The last day for it; `null` when it cannot be counted (see `uncounted`).
    pub due: Option<NaiveDate>,
    /// Whether `due` counts a day of a provisional year (暂定).
    pub provisional: bool,
    /// Why `due` could not be counted.
    pub uncounted: Option<Uncounted>,
    /// The due day has passed.
    pub overdue: bool,
}

impl From<shijian_app::credit::WorkItem> for CreditWork {
    fn from(w: shijian_app::credit::WorkItem) -> CreditWork {
        let m = w.matter;
        CreditWork {
            uscc: w.uscc,
            name: w.name,
            authority: w.authority,
            matter: m.matter.as_str(),
            reference: m.reference,
            step: step(m.step),
            due: m.due,
            provisional: m.provisional,
            uncounted: m.uncounted.map(|u| Uncounted { code: u.code, year: u.year }),
            overdue: w.overdue,
        }
    }
}

/// A step's code.
fn step(s: shijian_core::credit::file::Step) -> &'static str {
    use shijian_core::credit::file::Step;
    match s {
        Step::Accept => "accept",
        Step::Decide => "decide",
        Step::Verify => "verify",
    }
}

/// Why a due day could not be counted: the error's code and, for a year without a holiday
/// schedule, the year.
#[derive(Serialize)]
pub struct Uncounted {
    pub code: &'static str,
    pub year: Option<i32>,
}

#[cfg(test)]
mod tests {
    use shijian_core::credit::file::Step;
    use shijian_core::name::Severity;
    use shijian_core::registry::{EntityKind, Status};

    fn same<T: serde::Serialize>(v: T, code: &str) {
        assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(code));
    }

    /// The codes the wire types take from `as_str` and the matches above are the ones the
    /// internal types serialise to, variant by variant.
    #[test]
    fn codes_are_the_serialised_names() {
        for k in EntityKind::ALL {
            same(k, k.as_str());
        }
        for s in Status::ALL {
            same(s, s.as_str());
        }
        for s in [Severity::Warn, Severity::Refuse] {
            same(s, super::severity(s));
        }
        for s in [Step::Accept, Step::Decide, Step::Verify] {
            same(s, super::step(s));
        }
        for v in [
            shijian_app::names::Verdict::Accept,
            shijian_app::names::Verdict::Warn,
            shijian_app::names::Verdict::Refuse,
        ] {
            same(v, v.as_str());
        }
        for m in shijian_core::credit::file::Matter::ALL {
            same(m, m.as_str());
        }
        use shijian_core::credit::lists::{AbnormalGround, HeavierPenalty, SeriousGround};
        for p in HeavierPenalty::ALL {
            same(p, p.as_str());
        }
        for g in [
            SeriousGround::FoodSafety,
            SeriousGround::DrugsDevicesCosmetics,
            SeriousGround::QualitySafety,
            SeriousGround::ConsumerRights,
            SeriousGround::FairCompetition,
            SeriousGround::Other,
            SeriousGround::AbnormalThreeYears,
        ] {
            same(g, g.as_str());
        }
        for g in [
            AbnormalGround::AnnualReportMissing,
            AbnormalGround::InstantNotDisclosed,
            AbnormalGround::Concealment,
            AbnormalGround::Unreachable,
        ] {
            same(g, g.as_str());
        }
    }
}
