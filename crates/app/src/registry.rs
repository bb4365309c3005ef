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
        authorize(actor, Action::Register, Some(entity.authority))?;
        let mut entity = entity;
        choose_scope(&mut entity.scope, &mut entity.scope_text)?;
        entity.validate()?;
        let seen = self.store.decision_point().await?;
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
        let listed = crate::credit::encumbrances(self.store.credit_file(uscc).await?.as_ref());
        let encumbrances = Encumbrances {
            abnormal_list: encumbrances.abnormal_list || listed.abnormal_list,
            serious_list: encumbrances.serious_list || listed.serious_list,
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
