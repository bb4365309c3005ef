//! The register's use cases: registration with its name check, changes, filings, the lifecycle
//! (歇业, 注销, 吊销, 撤销, 强制注销), name reservations, and the register's queries.

use chrono::{DateTime, NaiveDate, Utc};
use shijian_core::entity::{Changes, Entity, EntityState, NameReservation, RegistryEvent, reservation_expiry};
use shijian_core::event::{Actor, NewEvent};
use shijian_core::registry::{Command, Decision, Encumbrances, EntityKind, decide};
use shijian_core::{Code, DivisionCode, Error, Result};
use shijian_store::{Appended, Expect, Store, StoredEvent};

use crate::access::{Action, authorize};
use crate::names::{self, Against, Exclude, NameCheck, Verdict};

/// The register, for one caller.
pub struct Registry<'a> {
    pub store: &'a Store,
}

/// The event to append for a registry event (public but a name reservation, which is the
/// applicant's business until the name is registered: 企业信息公示暂行条例 第六条).
pub fn new_event(actor: &Actor, event: &RegistryEvent, subject: Option<&str>, at: DateTime<Utc>) -> NewEvent {
    event.to_event(subject, actor, at)
}

/// Registrations choose their business scope from the catalogue (经营范围规范表述目录;
/// 市场主体登记管理条例实施细则 第十四条 [M: article not re-checked]): the codes must be in it
/// (normalised to the catalogue's spelling), and without a wording of its own the registered
/// text is the catalogue's rendering.
pub fn choose_scope(codes: &mut Vec<String>, text: &mut String) -> Result<()> {
    if codes.is_empty() {
        return Ok(());
    }
    let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    let selection = shijian_core::scope::ScopeCatalogue::builtin()
        .validate(&refs)
        .map_err(|e| Error::new(Code::RegistryField).with("field", "scope").with("reason", e))?;
    *codes = selection.codes().iter().map(|c| c.to_string()).collect();
    if text.trim().is_empty() {
        *text = selection.render_zh();
    }
    Ok(())
}

fn refused_name(check: &NameCheck, name: &str) -> Error {
    let reason = check.first_refusal().map_or_else(String::new, |f| match (&f.conflict_name, &f.conflict_uscc) {
        (Some(n), Some(u)) => format!("{}（{n}，{u}）", f.detail),
        (Some(n), None) => format!("{}（{n}）", f.detail),
        _ => f.detail.clone(),
    });
    Error::new(Code::RegistryNameRefused).with("name", name).with("reason", reason)
}

/// How many times a registration that issues its code is decided before its conflict is
/// returned (each retry follows another registration recorded in the same office meanwhile).
pub const ISSUE_ATTEMPTS: u32 = 4;

/// The subject identifiers (positions 9–17) this system issues begin `MA`, as those issued
/// since the reform of 2015 do; the six characters after it count up in the code's alphabet.
const ISSUED_PREFIX: &str = "MA";
/// The first prefix after [`ISSUED_PREFIX`] (`MA` → `MB`), the end of the range searched.
const ISSUED_PREFIX_END: &str = "MB";

/// The code issued after the office's highest subject identifier `highest` (its 8-character
/// body, positions 9–16; `None` when the office has issued none): GB 32100-2015, position 1
/// `9` (登记管理部门码: 市场监督管理), position 2 the kind's category (机构类别码: 1 企业,
/// 2 个体工商户, 3 农民专业合作社), positions 3–8 the office's division (GB/T 2260),
/// positions 9–17 the subject identifier (主体标识码, its 9th character the GB 11714 check),
/// position 18 the overall check character (§5).
///
/// [M] What is assumed about the national issuing system: that an office hands out subject
/// identifiers in one sequence of its own, `MA` followed by six characters counted in the
/// code's 31-character alphabet, shared by the three categories of market entity. In practice
/// the identifiers are allocated in blocks by the national organisation-code centre
/// (全国组织机构统一社会信用代码数据服务中心) to each registration authority; how blocks are
/// sized and whether categories share one was not confirmed. A code issued here is always a
/// valid code of the office and never one already registered (the caller's checked append).
pub fn next_code(highest: Option<&str>, kind: EntityKind, office: DivisionCode) -> Result<shijian_core::Uscc> {
    use shijian_core::uscc::ALPHABET;
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u64);
    let start = match highest.and_then(|h| h.strip_prefix(ISSUED_PREFIX)) {
        Some(tail) if tail.len() == 6 => tail
            .bytes()
            .try_fold(0u64, |n, c| value(c).map(|v| n * 31 + v))
            .ok_or_else(|| Error::new(Code::Internal).with("reason", format!("highest code body {tail}")))?,
        _ => 0,
    };
    let n = start + 1;
    if n >= 31u64.pow(6) {
        return Err(Error::new(Code::Internal).with("reason", format!("the codes of office {office} are used up")));
    }
    let mut digits = [b'0'; 6];
    let mut rest = n;
    for d in digits.iter_mut().rev() {
        *d = ALPHABET[(rest % 31) as usize];
        rest /= 31;
    }
    let body = format!("{ISSUED_PREFIX}{}", std::str::from_utf8(&digits).unwrap_or("000000"));
    shijian_core::Uscc::compose('9', kind.uscc_category(), &office.to_string(), &body)
}

impl<'a> Registry<'a> {
    pub fn new(store: &'a Store) -> Registry<'a> {
        Registry { store }
    }

    /// The entity's current state.
    pub async fn entity(&self, uscc: &str) -> Result<EntityState> {
        match self.store.entity(uscc).await? {
            Some(row) => Ok(row.state),
            None => Err(Error::new(Code::RegistryUnknownEntity).with("uscc", uscc)),
        }
    }

    /// The entity's state for a registrar about to act on it: refused outside the registrar's
    /// jurisdiction, as the act itself would be.
    pub async fn for_registrar(&self, actor: &Actor, uscc: &str) -> Result<EntityState> {
        let state = self.entity(uscc).await?;
        authorize(actor, Action::Register, Some(state.entity.authority))?;
        Ok(state)
    }

    /// The entity's history: every event about it, in order.
    pub async fn history(&self, uscc: &str) -> Result<Vec<StoredEvent>> {
        self.store.events_of_subject(uscc).await
    }

    /// Checks a proposed name against the register.
    pub async fn check_name(
        &self,
        name: &str,
        kind: Option<EntityKind>,
        authority: Option<DivisionCode>,
        today: NaiveDate,
    ) -> Result<NameCheck> {
        names::check(self.store, name, kind, authority, Exclude::default(), today, Against::Index).await
    }

    /// Reserves an accepted (or merely similar) name for 2 months (企业名称登记管理规定 第十八条).
    pub async fn reserve_name(
        &self,
        actor: &Actor,
        name: &str,
        kind: EntityKind,
        authority: DivisionCode,
        today: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<(NameCheck, Appended)> {
        authorize(actor, Action::ReserveName, Some(authority))?;
        let seen = self.store.decision_point().await?;
        let check = self.check_name(name, Some(kind), Some(authority), today).await?;
        if check.verdict == Verdict::Refuse {
            return Err(refused_name(&check, name));
        }
        let event = RegistryEvent::NameReserved(NameReservation {
            name: check.parsed.name.clone(),
            kind,
            authority,
            reserved_on: today,
            expires_on: reservation_expiry(today, false)?,
        });
        let expect = names::expect_name(Expect::since(seen), &check)?;
        let appended = self.store.append_checked(&[new_event(actor, &event, None, at)], &expect).await?;
        Ok((check, appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal))?))
    }

    /// 设立登记 (市场主体登记管理条例 第十九条): the record checked on its own, the code not yet
    /// registered, the name not refused against the register.
    pub async fn register(
        &self,
        actor: &Actor,
        entity: Entity,
        reservation: Option<u64>,
        today: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<(NameCheck, Appended)> {
        let seen = self.store.decision_point().await?;
        self.register_since(actor, entity, reservation, today, at, seen).await
    }

    /// 设立登记 with the code issued here: the next unified social credit code of the
    /// registering office (GB 32100-2015; see [`next_code`]), decided inside the registration's
    /// checked append. `entity.uscc` is replaced by the issued code, which is returned. The
    /// append expects nothing recorded about the new code since before the office's highest
    /// code was read, so two registrations at once in one office that build the same code
    /// cannot both be recorded: the second fails with `append_conflict` and is decided again
    /// (code and name), up to [`ISSUE_ATTEMPTS`] times.
    pub async fn register_issuing(
        &self,
        actor: &Actor,
        entity: Entity,
        reservation: Option<u64>,
        today: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<(NameCheck, Appended, shijian_core::Uscc)> {
        authorize(actor, Action::Register, Some(entity.authority))?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let seen = self.store.decision_point().await?;
            let mut entity = entity.clone();
            let code = self.next_code_of(entity.kind, entity.authority).await?;
            entity.uscc = code;
            match self.register_since(actor, entity, reservation, today, at, seen).await {
                Ok((check, appended)) => return Ok((check, appended, code)),
                Err(e)
                    if attempt < ISSUE_ATTEMPTS
                        && matches!(e.code(), Code::AppendConflict | Code::RegistryDuplicate) =>
                {
                    continue;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The next code of `office` for an entity of `kind`: after the highest code the office has
    /// issued to any market entity (categories 1, 2 and 3 share the office's sequence).
    async fn next_code_of(&self, kind: EntityKind, office: DivisionCode) -> Result<shijian_core::Uscc> {
        let mut highest: Option<String> = None;
        for category in ['1', '2', '3'] {
            let lo = format!("9{category}{office}{ISSUED_PREFIX}");
            let hi = format!("9{category}{office}{}", ISSUED_PREFIX_END);
            if let Some(code) = self.store.highest_code(&lo, &hi).await? {
                let body = code[8..16].to_string();
                if highest.as_ref().is_none_or(|h| body > *h) {
                    highest = Some(body);
                }
            }
        }
        next_code(highest.as_deref(), kind, office)
    }

    async fn register_since(
        &self,
        actor: &Actor,
        entity: Entity,
        reservation: Option<u64>,
        today: NaiveDate,
        at: DateTime<Utc>,
        seen: u64,
    ) -> Result<(NameCheck, Appended)> {
        authorize(actor, Action::Register, Some(entity.authority))?;
        let mut entity = entity;
        choose_scope(&mut entity.scope, &mut entity.scope_text)?;
        entity.validate()?;
        if self.store.entity(entity.uscc.as_str()).await?.is_some() {
            return Err(Error::new(Code::RegistryDuplicate).with("uscc", entity.uscc));
        }
        // The applicant's own reservation does not stand in its way.
        let exclude = Exclude { uscc: None, reservation };
        let check = names::check(
            self.store,
            &entity.name,
            Some(entity.kind),
            Some(entity.authority),
            exclude,
            today,
            Against::Index,
        )
        .await?;
        if check.first_refusal().is_some() {
            return Err(refused_name(&check, &entity.name));
        }
        let subject = entity.uscc.to_string();
        let expect = names::expect_name(Expect::since(seen).subject(&subject), &check)?;
        let event = RegistryEvent::Registered { entity, reservation };
        let appended = self.store.append_checked(&[new_event(actor, &event, Some(&subject), at)], &expect).await?;
        Ok((check, appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal))?))
    }

    /// 变更登记 (市场主体登记管理条例 第二十四条); a new name is checked like a new registration's,
    /// leaving out the entity's own names. A refused name fails the change; the check of a new
    /// name is returned, so that its warnings (a same-sounding or similar name, which the
    /// applicant may still take at its own risk, 企业名称登记管理规定 第十六条) reach the
    /// registrar.
    pub async fn change(
        &self,
        actor: &Actor,
        uscc: &str,
        on: NaiveDate,
        changes: Changes,
        at: DateTime<Utc>,
    ) -> Result<(Option<NameCheck>, Appended)> {
        let mut changes = changes;
        if let Some(scope) = changes.scope.as_mut() {
            let mut text = changes.scope_text.take().unwrap_or_default();
            choose_scope(scope, &mut text)?;
            changes.scope_text = Some(text);
        }
        changes.validate()?;
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize(actor, Action::Register, Some(state.entity.authority))?;
        if !state.status.exists() {
            return Err(Error::new(Code::RegistryTransition)
                .with("status", state.status.zh())
                .with("command", "change"));
        }
        let mut name_check = None;
        let mut expect = Expect::since(seen).subject(uscc);
        if let Some(name) = &changes.name {
            let check = names::check(
                self.store,
                name,
                Some(state.entity.kind),
                Some(state.entity.authority),
                Exclude { uscc: Some(uscc), reservation: None },
                on,
                Against::Index,
            )
            .await?;
            if check.first_refusal().is_some() {
                return Err(refused_name(&check, name));
            }
            expect = names::expect_name(expect, &check)?;
            name_check = Some(check);
        }
        let event = RegistryEvent::Changed { on, changes };
        Ok((name_check, self.append_one(actor, &event, uscc, &expect, at).await?))
    }

    /// 备案 (市场主体登记管理条例 第二十九条).
    pub async fn file(
        &self,
        actor: &Actor,
        uscc: &str,
        on: NaiveDate,
        matter: &str,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let seen = self.store.decision_point().await?;
        let state = self.entity(uscc).await?;
        authorize(actor, Action::Register, Some(state.entity.authority))?;
        if !state.status.exists() {
            return Err(Error::new(Code::RegistryTransition).with("status", state.status.zh()).with("command", "file"));
        }
        if matter.trim().is_empty() {
            return Err(Error::new(Code::RegistryField).with("field", "matter").with("reason", "不能为空 / empty"));
        }
        shijian_core::fold::check_visible("matter", matter)?;
        shijian_core::fold::check_visible("detail", detail)?;
        let event = RegistryEvent::Filed { on, matter: matter.to_string(), detail: detail.to_string() };
        self.append_one(actor, &event, uscc, &Expect::since(seen).subject(uscc), at).await
    }

    /// A lifecycle command, decided by [`shijian_core::registry::decide`] against the entity's
    /// state and what encumbers it: the lists from its credit file (实施细则 第四十八条第一项),
    /// and what the caller knows from elsewhere (investigations, unpaid fines, equity).
    pub async fn lifecycle(
        &self,
        actor: &Actor,
        uscc: &str,
        command: &Command,
        encumbrances: &Encumbrances,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let seen = self.store.decision_point().await?;
        self.decide_lifecycle(actor, uscc, command, encumbrances).await?;
        let event = RegistryEvent::of_command(command)?;
        self.append_one(actor, &event, uscc, &Expect::since(seen).subject(uscc), at).await
    }

    /// Whether the lifecycle command would be recorded now, deciding as [`Registry::lifecycle`]
    /// does and recording nothing: the registrar's form asks for a confirmation of a terminal
    /// step only when the step can be taken. The confirmed request decides again, inside its
    /// own append, so whatever changed in between is caught there.
    pub async fn check_lifecycle(
        &self,
        actor: &Actor,
        uscc: &str,
        command: &Command,
        encumbrances: &Encumbrances,
    ) -> Result<Decision> {
        self.decide_lifecycle(actor, uscc, command, encumbrances).await
    }

    async fn decide_lifecycle(
        &self,
        actor: &Actor,
        uscc: &str,
        command: &Command,
        encumbrances: &Encumbrances,
    ) -> Result<Decision> {
        let state = self.entity(uscc).await?;
        authorize(actor, Action::Register, Some(state.entity.authority))?;
        // The lists come from the credit file; what other modules know is passed in.
        let cases = self.store.cases_of_entity(uscc).await?;
        let listed = crate::credit::encumbrances(self.store.credit_file(uscc).await?.as_ref(), &cases);
        let encumbrances = Encumbrances {
            abnormal_list: encumbrances.abnormal_list || listed.abnormal_list,
            serious_list: encumbrances.serious_list || listed.serious_list,
            under_investigation: encumbrances.under_investigation || listed.under_investigation,
            unpaid_fine: encumbrances.unpaid_fine || listed.unpaid_fine,
            ..*encumbrances
        };
        decide(Some(&state.lifecycle()), command, &encumbrances)
    }

    async fn append_one(
        &self,
        actor: &Actor,
        event: &RegistryEvent,
        uscc: &str,
        expect: &Expect,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let appended = self.store.append_checked(&[new_event(actor, event, Some(uscc), at)], expect).await?;
        appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal).with("reason", "nothing appended"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes follow each other in the office's sequence, valid (GB 32100-2015), with the
    /// office and the kind's category in their places.
    #[test]
    fn codes_are_issued_in_sequence() {
        let office = DivisionCode::parse("420111").unwrap();
        let first = next_code(None, EntityKind::LimitedCompany, office).unwrap();
        assert_eq!(&first.as_str()[..16], "91420111MA000001");
        let next = next_code(Some("MA00000Y"), EntityKind::IndividualBusiness, office).unwrap();
        assert_eq!(&next.as_str()[..16], "92420111MA000010");
        assert!(shijian_core::Uscc::parse(next.as_str()).is_ok());
        // Old 8-digit bodies are below the `MA` range and do not count.
        assert_eq!(
            &next_code(Some("12345678"), EntityKind::FarmerCooperative, office).unwrap().as_str()[..16],
            "93420111MA000001"
        );
        assert!(next_code(Some("MAYYYYYY"), EntityKind::LimitedCompany, office).is_err());
    }
}
