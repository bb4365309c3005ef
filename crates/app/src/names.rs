//! Name self-declaration (名称自主申报): a proposed name checked on its own
//! ([`shijian_core::name::check`]), then compared with the names registered under the division
//! it states, by that division's office and the offices below it ([`comparison_scope`];
//! [`shijian_text::names::compare`], 企业名称登记管理规定 第十七条 and 企业名称相同相近比对规则). The register's candidate index narrows the comparison to the
//! names sharing a key with the proposal; the comparison itself is the same as against every
//! name of the authority (a test and the benchmark check that they agree).

use chrono::NaiveDate;
use serde::Serialize;
use shijian_core::name::{ParsedName, Severity};
use shijian_core::registry::EntityKind;
use shijian_core::{Code, DivisionCode, Error, Result, Uscc};
use shijian_store::{NameRow, Store, name_key_hash};
use shijian_text::Text;
use shijian_text::names::{Registered, compare, query_keys};

/// The outcome of a name check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accept,
    /// Similar names exist: the applicant may declare the name at their own risk
    /// (企业名称登记管理规定 第十六条).
    Warn,
    Refuse,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Warn => "warn",
            Verdict::Refuse => "refuse",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Accept => "可以申报",
            Verdict::Warn => "近似，可自担风险申报",
            Verdict::Refuse => "不予申报",
        }
    }

    /// The verdict in English, as the English pages show it.
    pub fn en(self) -> &'static str {
        match self {
            Verdict::Accept => "may be filed",
            Verdict::Warn => "similar: may be filed at the applicant's own risk",
            Verdict::Refuse => "may not be filed",
        }
    }
}

/// One finding: a rule broken by the name itself, or a conflict with a registered name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameFinding {
    pub rule: &'static str,
    pub severity: Severity,
    pub basis: &'static str,
    pub conflict_uscc: Option<String>,
    pub conflict_name: Option<String>,
    pub detail: String,
}

/// A checked name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameCheck {
    pub verdict: Verdict,
    pub parsed: ParsedName,
    /// The division compared under ([`comparison_scope`]): the names registered by its offices
    /// and the offices below it. `None` when the name was refused on its own before any
    /// comparison (a national word and no division).
    pub authority: Option<DivisionCode>,
    pub kind: Option<EntityKind>,
    pub findings: Vec<NameFinding>,
}

impl NameCheck {
    /// The first refusing finding, for an error message.
    pub fn first_refusal(&self) -> Option<&NameFinding> {
        self.findings.iter().find(|f| f.severity == Severity::Refuse)
    }
}

/// What a check compares with: the register, or a given list of names (the brute-force
/// baseline).
pub enum Against<'a> {
    Index,
    All(&'a [NameRow]),
}

/// Names a check leaves out.
#[derive(Clone, Copy, Debug, Default)]
pub struct Exclude<'a> {
    /// The names of this entity.
    pub uscc: Option<&'a str>,
    /// This reservation (its log index).
    pub reservation: Option<u64>,
}

/// Whether a stored name takes part in comparisons on `today`: a reservation only until it
/// expires (or is used).
fn in_force(row: &NameRow, today: NaiveDate) -> bool {
    row.reserved_until.is_none_or(|until| today <= until)
}

fn registered(row: &NameRow) -> Registered {
    Registered {
        uscc: row.uscc.as_deref().and_then(|u| Uscc::parse(u).ok()),
        name: row.name.clone(),
        parsed: shijian_core::name::check(&row.name, Some(row.kind), Some(row.authority)).0,
        ended_on: row.ended_on,
    }
}

/// The division a name is compared under: the division the name states, else the registering
/// office. A name is compared with every name registered by an office of that division or of a
/// division below it, so that the verdict depends on the name alone and not on which office
/// (if any) the caller gives: the public check, the registrar's check and registration agree.
///
/// 企业名称登记管理规定 第十七条 refuses an identical trade name "在同一企业登记机关"; a name
/// stating 武汉 may be registered by the city's office or by any district office of the city,
/// and the province keeps one name database (规定 第二条第三款), so the names of one division
/// are compared across the offices inside it. The extent by the division named follows the
/// former 企业名称登记管理规定 (1991) 第六条 (no name the same as or similar to a registered name
/// of the same industry "在登记主管机关辖区内"); the article of 企业名称登记管理规定实施办法
/// (总局令第82号) that states it today is [unconfirmed].
pub fn comparison_scope(parsed: &ParsedName, office: Option<DivisionCode>) -> Option<DivisionCode> {
    parsed.division.or(office)
}

/// The registering offices whose names a name compared under `scope` meets: `scope` and every
/// unit below it.
pub fn offices_within(scope: DivisionCode) -> Vec<DivisionCode> {
    // Every unit's offices, in the table's order, listed once per process: a check reads them
    // on every request, and walking the whole table each time was most of a check's CPU.
    static WITHIN: std::sync::LazyLock<std::collections::HashMap<DivisionCode, Vec<DivisionCode>>> =
        std::sync::LazyLock::new(|| {
            let mut within: std::collections::HashMap<DivisionCode, Vec<DivisionCode>> =
                std::collections::HashMap::new();
            for d in DivisionCode::all() {
                for above in d.code.chain() {
                    within.entry(above).or_default().push(d.code);
                }
            }
            within
        });
    WITHIN.get(&scope).cloned().unwrap_or_else(|| vec![scope])
}

/// Refuses a name before any work when it is longer than a registered name may be
/// ([`shijian_core::entity::MAX_NAME_CHARS`], as written and once normalised) or holds an
/// invisible format character (`text_format_char`).
pub fn check_bounds(raw: &str) -> Result<()> {
    let max = shijian_core::entity::MAX_NAME_CHARS;
    let too_long = || {
        Error::new(Code::RegistryField)
            .with("field", "name")
            .with("reason", format!("超过{max}字 / longer than {max} characters"))
    };
    if raw.trim().chars().take(max + 1).count() > max {
        return Err(too_long());
    }
    shijian_core::fold::check_visible("name", raw)?;
    if shijian_core::name::normalize(raw).chars().count() > max {
        return Err(too_long());
    }
    Ok(())
}

/// Checks a proposed name. `authority` is the registering office, if known; the name is
/// compared under [`comparison_scope`]. `kind`, when omitted, is the first kind the name's
/// form fits. `exclude` leaves out the names of one entity (its own current and former names,
/// for a change of name) and the applicant's own reservation.
///
/// A name longer than a registered name may be, or with an invisible character, is refused
/// before anything else ([`check_bounds`]). A name that states no division, checked without an
/// office, is refused on its own findings when it has a refusing one (a national word,
/// 规定 第十二条), and otherwise is `name_no_division`.
pub async fn check(
    store: &Store,
    raw: &str,
    kind: Option<EntityKind>,
    authority: Option<DivisionCode>,
    exclude: Exclude<'_>,
    today: NaiveDate,
    against: Against<'_>,
) -> Result<NameCheck> {
    check_bounds(raw)?;
    let (first, first_own) = shijian_core::name::check(raw, kind, authority);
    let kind = kind.or_else(|| first.form_kinds.first().copied());
    let Some(scope) = comparison_scope(&first, authority) else {
        if first_own.iter().any(|f| f.severity == Severity::Refuse) {
            let (parsed, own) = shijian_core::name::check(raw, kind, None);
            let findings = own.into_iter().map(own_finding).collect();
            return Ok(NameCheck { verdict: Verdict::Refuse, parsed, authority: None, kind, findings });
        }
        return Err(Error::new(Code::NameNoDivision));
    };
    let (parsed, own) = shijian_core::name::check(raw, kind, Some(authority.unwrap_or(scope)));
    let scope = comparison_scope(&parsed, Some(scope)).unwrap_or(scope);
    let mut findings: Vec<NameFinding> = own.into_iter().map(own_finding).collect();
    let rows = match against {
        Against::Index => {
            let keys = query_keys(Text::shared()?, &parsed);
            let offices = offices_within(scope);
            let mut hashes = Vec::with_capacity(keys.len() * offices.len());
            for office in offices {
                hashes.extend(keys.iter().map(|k| name_key_hash(office, k)));
            }
            store.name_candidates(&hashes).await?
        }
        Against::All(rows) => rows.to_vec(),
    };
    let candidates: Vec<Registered> = rows
        .iter()
        .filter(|r| scope.contains(r.authority) && in_force(r, today))
        .filter(|r| exclude.uscc.is_none() || r.uscc.as_deref() != exclude.uscc)
        .filter(|r| exclude.reservation != Some(r.id))
        .map(registered)
        .collect();
    for c in compare(Text::shared()?, &parsed, &candidates, today) {
        findings.push(NameFinding {
            rule: c.rule,
            severity: c.severity,
            basis: c.basis,
            conflict_uscc: c.conflict_uscc,
            conflict_name: Some(c.conflict_name),
            detail: c.detail,
        });
    }
    let verdict = if findings.iter().any(|f| f.severity == Severity::Refuse) {
        Verdict::Refuse
    } else if findings.is_empty() {
        Verdict::Accept
    } else {
        Verdict::Warn
    };
    Ok(NameCheck { verdict, parsed, authority: Some(scope), kind, findings })
}

/// What a decision on a name expects of the register when its event is appended
/// ([`shijian_store::Expect`]): no name brought, since the decision started reading, under the
/// keys by which an identical name is recognised — the normalised trade name (`t:`, which every
/// refusing rule of [`compare`] shares: the same name, the same words reordered, the same trade
/// name in the same industry; 企业名称登记管理规定 第十七条, 133号) and the whole name in
/// simplified characters (`n:`) — under every office whose names the check compared with.
///
/// Chosen over re-running the comparison in the register's fold: the comparison's scope and
/// rules live here, not in the store, and the candidate index the check read is the matter
/// itself, so two concurrent decisions on one new name conflict although their subjects differ
/// (two registrations, a reservation and a registration, a change of name). A name that states
/// a division names its whole extent; similar names only warn and need no check.
pub fn expect_name(expect: shijian_store::Expect, check: &NameCheck) -> Result<shijian_store::Expect> {
    let Some(scope) = check.authority else { return Ok(expect) };
    let text = Text::shared()?;
    let trade = text.normalize(&check.parsed.trade_name);
    let mut keys = vec![format!("n:{}", text.to_simplified(&check.parsed.name))];
    if !trade.is_empty() {
        keys.push(format!("t:{trade}"));
    }
    let mut hashes = Vec::new();
    for office in offices_within(scope) {
        hashes.extend(keys.iter().map(|k| name_key_hash(office, k)));
    }
    Ok(expect.names(check.parsed.name.clone(), hashes))
}

fn own_finding(f: shijian_core::name::Finding) -> NameFinding {
    NameFinding {
        rule: f.rule,
        severity: f.severity,
        basis: f.basis,
        conflict_uscc: None,
        conflict_name: None,
        detail: f.detail,
    }
}
