//! 12315: complaints and reports from intake to closure, online dispute resolution (ODR), the
//! handlers' worklist with its deadline timers, disclosure per business and the monthly export.
//! The rules are `shijian_core::complaint`; here complaints are routed, matched to the
//! register, authorised by role and jurisdiction, and every step is appended as an event.

pub mod analysis;
pub mod disclosure;
pub mod matching;
pub mod publish;
pub mod queue;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use shijian_core::complaint::procedure::{
    Accepted, Deadlines, Designated, EntityConfirmed, Escalated, FilingDecided, Mediated, Notified, OdrAnswered,
    OdrMembership, Rated, Received, RefusalGround, Refused, Terminated, TerminationGround, TestingEnded,
    TestingStarted, TransferDisputed, Transferred, VerificationExtended,
};
use shijian_core::complaint::{self as c, ComplaintState, Intake, Kind, Status};
use shijian_core::event::{Actor, Declared, EventData, NewEvent, Role};
use shijian_core::{Calendar, Code, DivisionCode, Error, Result, Tier, Uscc};
use shijian_store::{Appended, Store};

use crate::access::{Action, Subject, authorize};
pub use queue::IntakeQueue;

/// 12315 work, for one store (and, in the server, the intake queue that groups appends).
pub struct Complaints<'a> {
    pub store: &'a Store,
    pub queue: Option<&'a IntakeQueue>,
}

/// What the complainant gets back from filing: the number, the tracking code (shown once; only
/// its hash is kept), where it went and the first deadline.
#[derive(Clone, Debug, Serialize)]
pub struct Filed {
    pub id: String,
    pub tracking_code: String,
    pub office: DivisionCode,
    pub office_name: String,
    pub status: Status,
    /// The ODR enterprise it went to first.
    pub odr: Option<String>,
    pub due: Option<NaiveDate>,
    /// Whether `due` counts a day of a provisional year (暂定).
    pub due_provisional: bool,
    pub index: u64,
}

/// A complaint with its deadlines as a handler sees it.
#[derive(Clone, Debug, Serialize)]
pub struct WorkItem {
    pub complaint: ComplaintState,
    pub deadlines: Deadlines,
    pub overdue: bool,
    /// Workdays left to the current deadline (negative when overdue), when known.
    pub workdays_left: Option<i64>,
}

/// What the complainant sees when tracking: the procedure, no personal data beyond their own
/// complaint's numbers.
#[derive(Clone, Debug, Serialize)]
pub struct Tracked {
    pub id: String,
    pub kind: Kind,
    pub received_on: NaiveDate,
    pub status: Status,
    pub status_zh: &'static str,
    pub status_en: &'static str,
    pub office_name: String,
    /// The handling office's division.
    pub office: shijian_core::DivisionCode,
    pub due: Option<NaiveDate>,
    /// Whether `due` counts a day of a provisional year (暂定).
    pub due_provisional: bool,
    pub accepted_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub outcome: String,
    pub reason: Option<String>,
    pub odr_answer: Option<String>,
    pub rating: Option<u8>,
    /// Whether the complainant may rate now, and may send an ODR settlement on to the office.
    pub can_rate: bool,
    pub can_escalate: bool,
    /// Sent to the business's online dispute resolution first, and when it answered and when
    /// the complainant sent it on to the office.
    pub odr: bool,
    pub odr_answered_on: Option<NaiveDate>,
    pub escalated_on: Option<NaiveDate>,
    /// The legal deadlines of the steps, each while it applies (see
    /// [`shijian_core::complaint::procedure::Deadlines`]).
    pub accept_due: Option<NaiveDate>,
    pub mediation_due: Option<NaiveDate>,
    pub verify_due: Option<NaiveDate>,
    pub odr_due: Option<NaiveDate>,
}

fn tracking_hash(code: &str) -> String {
    let normalised: String =
        code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    shijian_core::inspection::hex(&Sha256::digest(normalised.as_bytes()))
}

/// 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L): about 59 bits.
fn new_tracking_code() -> Result<String> {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| Error::new(Code::Internal).with("reason", e))?;
    Ok(bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect())
}

fn new_number() -> Result<u64> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| Error::new(Code::Internal).with("reason", e))?;
    Ok(u64::from_le_bytes(bytes) % 10_000_000_000)
}

/// The event recording `data` about complaint (or business) `id`. Complaints carry personal
/// data: their kinds are declared restricted (the public sees aggregates), but for ODR
/// membership, published narratives and warnings.
fn event(actor: &Actor, id: &str, data: &impl EventData, at: DateTime<Utc>) -> Result<NewEvent> {
    NewEvent::of(data, Some(id), actor, at)
}

fn day(at: DateTime<Utc>) -> NaiveDate {
    // Days are counted in China Standard Time (UTC+8), where the offices work.
    shijian_core::calendar::legal_date(at)
}

/// The office a complaint goes to (办法 第九条): the county-level office of the place where the
/// business operates, as the consumer gives it; where the consumer gives only a prefecture, the
/// registering office of the business when its code is known and lies in that prefecture,
/// otherwise the prefecture's office, which passes it down.
pub fn route(place: DivisionCode, entity_authority: Option<DivisionCode>) -> DivisionCode {
    if place.tier() == Tier::County {
        return place;
    }
    match entity_authority {
        Some(a) if place.contains(a) => a,
        _ => place,
    }
}

impl<'a> Complaints<'a> {
    pub fn new(store: &'a Store) -> Complaints<'a> {
        Complaints { store, queue: None }
    }

    pub fn with_queue(store: &'a Store, queue: &'a IntakeQueue) -> Complaints<'a> {
        Complaints { store, queue: Some(queue) }
    }

    /// Checks who may file through which channel: anyone on the web form; staff and partner
    /// platforms (accounts of the handlers' role) through the other channels.
    fn authorize_intake(actor: &Actor, intake: &Intake) -> Result<()> {
        match intake.channel {
            c::Channel::Web => Ok(()),
            _ => authorize(actor, Action::EnterComplaint, Some(intake.place)),
        }
    }

    /// Builds the `complaint.received` event of an intake: checks it, checks that the
    /// attachments were uploaded, routes it, and sends a complaint about an ODR enterprise to
    /// the enterprise first (unless the complainant declined).
    pub async fn prepare(
        &self,
        actor: &Actor,
        intake: Intake,
        received_on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<(NewEvent, Filed)> {
        Self::authorize_intake(actor, &intake)?;
        intake.check()?;
        for a in &intake.attachments {
            let hash = parse_hash(a)?;
            if !self.store.artifact_exists(hash).await? {
                return Err(Error::new(Code::ComplaintAttachment).with("reason", format!("{a} was not uploaded")));
            }
        }
        let mut entity = None;
        let mut authority = None;
        if let Some(code) = &intake.business.code {
            let code = Uscc::parse(code)?;
            if let Some(row) = self.store.entity(code.as_str()).await? {
                entity = Some(code.to_string());
                authority = Some(row.state.entity.authority);
            }
        }
        let office = route(intake.place, authority);
        let odr = match (&entity, intake.kind, intake.odr) {
            (Some(e), Kind::Complaint, true) => {
                self.store.odr_member(e).await?.filter(|m| m.active()).map(|m| m.entity)
            }
            _ => None,
        };
        let tracking_code = new_tracking_code()?;
        let id = c::make_id(intake.kind, received_on, new_number()?);
        let r = Received {
            id: id.clone(),
            intake,
            received_on,
            office,
            odr: odr.clone(),
            entity,
            tracking: tracking_hash(&tracking_code),
        };
        let state = ComplaintState::received(&r)?;
        let dl = state.deadlines(&self.store.calendar().await?);
        let (due, due_provisional) = (dl.current, dl.provisional);
        let e = event(actor, &id, &r, at)?;
        let filed = Filed {
            id,
            tracking_code,
            office,
            office_name: office.full_name(),
            status: state.status,
            odr,
            due,
            due_provisional,
            index: 0,
        };
        Ok((e, filed))
    }

    /// Files one complaint or report, received now.
    pub async fn file(&self, actor: &Actor, intake: Intake, at: DateTime<Utc>) -> Result<Filed> {
        let mut tries = 0;
        loop {
            let (e, mut filed) = self.prepare(actor, intake.clone(), day(at), at).await?;
            let appended = match self.queue {
                Some(q) => q.append(e).await,
                None => self.store.append(&[e]).await.map(|mut v| v.remove(0)),
            };
            match appended {
                Ok(a) => {
                    filed.index = a.index;
                    return Ok(filed);
                }
                // A random number already used that day (about one in a million at 5,000 a
                // day): draw another.
                Err(err) if err.code() == Code::ComplaintWorkflow && tries < 3 => tries += 1,
                Err(err) => return Err(err),
            }
        }
    }

    /// Files many complaints at once (a bulk import of another channel's records), each with
    /// the day it was received there, in one transaction: all or nothing.
    pub async fn import(&self, actor: &Actor, rows: Vec<(Intake, NaiveDate)>, at: DateTime<Utc>) -> Result<Vec<Filed>> {
        let mut events = Vec::with_capacity(rows.len());
        let mut filed = Vec::with_capacity(rows.len());
        let mut seen = std::collections::HashSet::new();
        for (intake, received_on) in rows {
            authorize(actor, Action::EnterComplaint, Some(intake.place))?;
            let (mut e, mut f) = self.prepare(actor, intake.clone(), received_on, at).await?;
            while !seen.insert(f.id.clone()) {
                (e, f) = self.prepare(actor, intake.clone(), received_on, at).await?;
            }
            events.push(e);
            filed.push(f);
        }
        let appended = self.store.append(&events).await?;
        for (f, a) in filed.iter_mut().zip(appended) {
            f.index = a.index;
        }
        Ok(filed)
    }

    /// A complaint, for staff inside the jurisdiction of its office, or the ODR enterprise it
    /// went to.
    pub async fn get(&self, actor: &Actor, id: &str) -> Result<ComplaintState> {
        let s = self.load(id).await?;
        let entity = s.odr.as_ref().map(|o| o.entity.clone());
        authorize(actor, Action::ReadComplaint, Subject { division: Some(s.office), entity, team: None })?;
        Ok(s)
    }

    /// The registered businesses the complainant may mean (handlers of the office).
    pub async fn matches(&self, actor: &Actor, id: &str, limit: usize) -> Result<Vec<matching::Candidate>> {
        let s = self.load(id).await?;
        authorize(actor, Action::HandleComplaint, Some(s.office))?;
        matching::suggest(self.store, &s.intake.business, s.intake.place, limit).await
    }

    async fn load(&self, id: &str) -> Result<ComplaintState> {
        c::check_id(id)?;
        self.store.complaint(id).await?.ok_or_else(|| Error::new(Code::ComplaintUnknown).with("id", id.to_string()))
    }

    /// The complaint with its deadlines on the calendar in force.
    pub async fn item(&self, state: ComplaintState, today: NaiveDate) -> Result<WorkItem> {
        let cal = self.store.calendar().await?;
        Ok(work_item(&cal, state, today))
    }

    /// Runs a step of the procedure: authorises it at the complaint's office, tries it on the
    /// current state (so a step the procedure does not allow is refused with its own error
    /// before anything is written), and appends it.
    async fn step<T: EventData>(
        &self,
        actor: &Actor,
        id: &str,
        data: T,
        at: DateTime<Utc>,
        apply: impl FnOnce(&mut ComplaintState, &T) -> Result<()>,
    ) -> Result<(ComplaintState, Appended)> {
        let mut s = self.load(id).await?;
        authorize(actor, Action::HandleComplaint, Some(s.office))?;
        apply(&mut s, &data)?;
        let e = event(actor, id, &data, at)?;
        let a = self.store.append(&[e]).await?.remove(0);
        Ok((s, a))
    }

    /// The handler confirms which registered business the complaint is about.
    pub async fn confirm_entity(
        &self,
        actor: &Actor,
        id: &str,
        uscc: &str,
        score: Option<u32>,
        reasons: Vec<String>,
        at: DateTime<Utc>,
    ) -> Result<ComplaintState> {
        let code = Uscc::parse(uscc)?;
        if self.store.entity(code.as_str()).await?.is_none() {
            return Err(Error::new(Code::RegistryUnknownEntity).with("uscc", code.as_str()));
        }
        let data = EntityConfirmed { id: id.to_string(), entity: code.to_string(), score, reasons };
        Ok(self.step(actor, id, data, at, |s, d| s.confirm_entity(d)).await?.0)
    }

    /// Sends the complaint to the office with jurisdiction; its period starts again there.
    pub async fn transfer(
        &self,
        actor: &Actor,
        id: &str,
        to: DivisionCode,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<ComplaintState> {
        let s = self.load(id).await?;
        required("reason", reason)?;
        let data =
            Transferred { id: id.to_string(), from: s.office, to, on: day(at), reason: reason.trim().to_string() };
        Ok(self.step(actor, id, data, at, |s, d| s.transfer(d)).await?.0)
    }

    /// The receiving office disputes jurisdiction: 7 workdays of negotiation (办法 第三十条).
    pub async fn dispute(&self, actor: &Actor, id: &str, reason: &str, at: DateTime<Utc>) -> Result<ComplaintState> {
        let s = self.load(id).await?;
        required("reason", reason)?;
        let data = TransferDisputed { id: id.to_string(), office: s.office, on: day(at), reason: reason.trim().into() };
        Ok(self.step(actor, id, data, at, |s, d| s.dispute(d)).await?.0)
    }

    /// Settles a jurisdiction dispute: one of the two offices by agreement, or their common
    /// superior (an office whose jurisdiction contains both).
    pub async fn designate(
        &self,
        actor: &Actor,
        id: &str,
        office: DivisionCode,
        at: DateTime<Utc>,
    ) -> Result<ComplaintState> {
        let mut s = self.load(id).await?;
        let Some(dispute) = s.dispute.clone() else {
            return Err(Error::new(Code::ComplaintWorkflow)
                .with("id", id.to_string())
                .with("status", s.status.zh())
                .with("step", "designate"));
        };
        let by = crate::access::office(actor, Action::HandleComplaint)?;
        // One of the offices in dispute, or an office over all of them.
        if !dispute.offices.contains(&by) {
            for o in &dispute.offices {
                authorize(actor, Action::HandleComplaint, Some(*o))?;
            }
        }
        let data = Designated { id: id.to_string(), office, by, on: day(at) };
        s.designate(&data)?;
        let e = event(actor, id, &data, at)?;
        self.store.append(&[e]).await?;
        Ok(s)
    }

    /// Accepts a complaint (办法 第十四条); mediation starts.
    pub async fn accept(&self, actor: &Actor, id: &str, at: DateTime<Utc>) -> Result<ComplaintState> {
        let data = Accepted { id: id.to_string(), on: day(at) };
        Ok(self.step(actor, id, data, at, |s, d| s.accept(d)).await?.0)
    }

    /// Does not accept a complaint, on a ground of 第十五条.
    pub async fn refuse(
        &self,
        actor: &Actor,
        id: &str,
        ground: RefusalGround,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<ComplaintState> {
        required("reason", reason)?;
        let data = Refused { id: id.to_string(), on: day(at), ground, reason: reason.trim().into() };
        Ok(self.step(actor, id, data, at, |s, d| s.refuse(d)).await?.0)
    }

    /// Testing, inspection or appraisal starts or ends; its workdays do not count.
    pub async fn testing(&self, actor: &Actor, id: &str, start: bool, at: DateTime<Utc>) -> Result<ComplaintState> {
        let on = day(at);
        let r = if start {
            let data = TestingStarted { id: id.to_string(), on };
            self.step(actor, id, data, at, |s, d| s.start_testing(d)).await?
        } else {
            let data = TestingEnded { id: id.to_string(), on };
            self.step(actor, id, data, at, |s, d| s.end_testing(d)).await?
        };
        Ok(r.0)
    }

    /// Records the agreement reached in mediation.
    pub async fn mediate(
        &self,
        actor: &Actor,
        id: &str,
        agreement: &str,
        recovered: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<ComplaintState> {
        required("agreement", agreement)?;
        let recovered = match recovered.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(c::format_amount(c::parse_amount(r)?)),
            None => None,
        };
        let data = Mediated { id: id.to_string(), on: day(at), agreement: agreement.trim().into(), recovered };
        Ok(self.step(actor, id, data, at, |s, d| s.mediate(d)).await?.0)
    }

    /// Ends mediation without agreement on a ground of 第二十一条. Ending it for expiry
    /// (第五项) needs the 45 workdays, testing excluded, to have passed.
    pub async fn terminate(
        &self,
        actor: &Actor,
        id: &str,
        ground: TerminationGround,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<ComplaintState> {
        required("reason", reason)?;
        let on = day(at);
        if ground == TerminationGround::Expired {
            let s = self.load(id).await?;
            let dl = s.deadlines(&self.store.calendar().await?);
            if dl.paused || dl.mediation_due.is_none_or(|due| on <= due) {
                return Err(Error::new(Code::ComplaintGround).with("ground", ground.zh()).with(
                    "reason",
                    format!(
                        "调解期限至{}（检测期间不计） / mediation runs to {}, testing excluded",
                        dl.mediation_due.map_or("-".into(), |d| d.to_string()),
                        dl.mediation_due.map_or("-".into(), |d| d.to_string())
                    ),
                ));
            }
        }
        let data = Terminated { id: id.to_string(), on, ground, reason: reason.trim().into() };
        Ok(self.step(actor, id, data, at, |s, d| s.terminate(d)).await?.0)
    }

    /// Records that the parties (termination) or the named reporter (filing decision) were told.
    pub async fn notify(&self, actor: &Actor, id: &str, at: DateTime<Utc>) -> Result<ComplaintState> {
        let s = self.load(id).await?;
        let data = Notified { id: id.to_string(), on: day(at) };
        let kind = match s.kind() {
            Kind::Complaint => &c::PARTIES_NOTIFIED,
            Kind::Report => &c::REPORTER_NOTIFIED,
        };
        Ok(self.step(actor, id, Declared::new(kind, &data), at, |s, d| s.notify(d.data)).await?.0)
    }

    /// Extends a report's check by 15 workdays (once, with the head's approval).
    pub async fn extend(&self, actor: &Actor, id: &str, reason: &str, at: DateTime<Utc>) -> Result<ComplaintState> {
        required("reason", reason)?;
        let data = VerificationExtended { id: id.to_string(), on: day(at), reason: reason.trim().into() };
        Ok(self.step(actor, id, data, at, |s, d| s.extend_verification(d)).await?.0)
    }

    /// Records whether a report leads to a case (立案).
    pub async fn decide_filing(
        &self,
        actor: &Actor,
        id: &str,
        filed: bool,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<ComplaintState> {
        required("reason", reason)?;
        let data = FilingDecided { id: id.to_string(), on: day(at), filed, reason: reason.trim().into() };
        Ok(self.step(actor, id, data, at, |s, d| s.decide_filing(d)).await?.0)
    }

    // ----- ODR -----

    /// An enterprise joins the ODR scheme (itself, or the office for it).
    pub async fn odr_join(&self, actor: &Actor, uscc: &str, at: DateTime<Utc>) -> Result<()> {
        self.odr_membership(actor, uscc, true, at).await
    }

    /// An enterprise leaves the ODR scheme; complaints already with it stay with it.
    pub async fn odr_leave(&self, actor: &Actor, uscc: &str, at: DateTime<Utc>) -> Result<()> {
        self.odr_membership(actor, uscc, false, at).await
    }

    async fn odr_membership(&self, actor: &Actor, uscc: &str, join: bool, at: DateTime<Utc>) -> Result<()> {
        let code = Uscc::parse(uscc)?;
        let row = self
            .store
            .entity(code.as_str())
            .await?
            .ok_or_else(|| Error::new(Code::RegistryUnknownEntity).with("uscc", uscc))?;
        let office = row.state.entity.authority;
        authorize(actor, Action::ManageOdr, Subject::entity(Some(office), code.as_str()))?;
        if join && row.state.status != shijian_core::registry::Status::Active {
            return Err(Error::new(Code::ComplaintField)
                .with("field", "entity")
                .with("reason", row.state.status.as_str()));
        }
        let member = self.store.odr_member(code.as_str()).await?;
        let active = member.as_ref().is_some_and(|m| m.active());
        if join == active {
            return Err(Error::new(Code::ComplaintWorkflow)
                .with("id", code.to_string())
                .with("status", if active { "已加入ODR / in ODR" } else { "未加入ODR / not in ODR" })
                .with("step", if join { "join ODR" } else { "leave ODR" }));
        }
        let data = OdrMembership { entity: code.to_string(), on: day(at), office };
        let kind = if join { &c::ODR_JOINED } else { &c::ODR_LEFT };
        // Membership of the scheme is public, like the scorecard.
        let e = NewEvent::of(&Declared::new(kind, &data), Some(code.as_str()), actor, at)?;
        self.store.append(&[e]).await?;
        Ok(())
    }

    /// The ODR enterprise answers a complaint it received: settled, or on to the office.
    pub async fn odr_answer(
        &self,
        actor: &Actor,
        id: &str,
        settled: bool,
        method: &str,
        answer: &str,
        at: DateTime<Utc>,
    ) -> Result<ComplaintState> {
        let mut s = self.load(id).await?;
        let theirs = s
            .odr
            .as_ref()
            .is_some_and(|o| actor.role == Role::Enterprise && actor.pseudonym.as_deref() == Some(o.entity.as_str()));
        if !theirs {
            return Err(Error::new(Code::ComplaintNotOdr).with("entity", actor.pseudonym.clone().unwrap_or_default()));
        }
        required("answer", answer)?;
        let data = OdrAnswered {
            id: id.to_string(),
            on: day(at),
            settled,
            method: method.trim().to_string(),
            answer: answer.trim().to_string(),
        };
        s.odr_answer(&data)?;
        let e = event(actor, id, &data, at)?;
        self.store.append(&[e]).await?;
        Ok(s)
    }

    /// Sends on to the offices every ODR complaint whose 10 workdays have passed without an
    /// answer (the daily job; the system acts). Returns how many went on.
    pub async fn escalate_overdue(&self, actor: &Actor, today: NaiveDate, at: DateTime<Utc>) -> Result<usize> {
        authorize(actor, Action::HandleComplaint, None)?;
        let cal = self.store.calendar().await?;
        let mut events = Vec::new();
        let mut after = String::new();
        loop {
            let page = self.store.open_complaints(None, &after, 1000).await?;
            let Some(last) = page.last() else { break };
            after = last.id.clone();
            for s in page.iter().filter(|s| s.status == Status::Odr) {
                if s.deadlines(&cal).current.is_some_and(|d| today > d) {
                    let data = Escalated {
                        id: s.id.clone(),
                        on: today,
                        reason: "企业未在10个工作日内处理 / not answered within 10 workdays".into(),
                    };
                    events.push(event(actor, &s.id, &data, at)?);
                }
            }
        }
        let n = events.len();
        for chunk in events.chunks(1000) {
            self.store.append(chunk).await?;
        }
        Ok(n)
    }

    /// The complaints an ODR enterprise received, the newest first: all of them for the
    /// enterprise itself; for staff, each complaint only if they may handle it, i.e. inside the
    /// jurisdiction of the office handling that complaint (消费者权益保护法 第二十九条: the
    /// complainant's personal information goes no further than the office handling it), not of
    /// the office that registered the business. Staff who handle none of them are refused.
    pub async fn odr_inbox(&self, actor: &Actor, uscc: &str, today: NaiveDate) -> Result<Vec<WorkItem>> {
        // The enterprise itself, or complaint handlers.
        authorize(actor, Action::ReadComplaint, Subject::entity(None, uscc))?;
        if actor.role != Role::Enterprise && self.store.entity(uscc).await?.is_none() {
            return Err(Error::new(Code::RegistryUnknownEntity).with("uscc", uscc));
        }
        let cal = self.store.calendar().await?;
        let mut all = self.store.odr_complaints(uscc, 500).await?;
        // Each complaint is the staff's only if its handling office is inside their
        // jurisdiction (the enterprise's own are all its own).
        let first = all.first().map(|s| s.office);
        let subject = |office| Subject::entity(Some(office), uscc);
        all.retain(|s| authorize(actor, Action::ReadComplaint, subject(s.office)).is_ok());
        if all.is_empty()
            && let Some(office) = first
        {
            authorize(actor, Action::ReadComplaint, subject(office))?;
        }
        Ok(all.into_iter().map(|s| work_item(&cal, s, today)).collect())
    }

    // ----- the complainant -----

    async fn tracked_state(&self, id: &str, code: &str) -> Result<ComplaintState> {
        let s = match c::check_id(id.trim()) {
            Ok(_) => self.store.complaint(id.trim()).await?,
            Err(_) => None,
        };
        match s {
            Some(s) if s.tracking == tracking_hash(code) => Ok(s),
            _ => Err(Error::new(Code::ComplaintTracking)),
        }
    }

    /// What the complainant sees with the number and the tracking code.
    pub async fn track(&self, id: &str, code: &str) -> Result<Tracked> {
        let s = self.tracked_state(id, code).await?;
        let cal = self.store.calendar().await?;
        let dl = s.deadlines(&cal);
        Ok(Tracked {
            id: s.id.clone(),
            kind: s.kind(),
            received_on: s.received_on,
            status: s.status,
            status_zh: s.status.zh(),
            status_en: s.status.en(),
            office_name: s.office.full_name(),
            office: s.office,
            due: dl.current,
            due_provisional: dl.provisional,
            accepted_on: s.accepted_on,
            closed_on: s.closed_on,
            outcome: s.outcome(),
            reason: s.reason.clone(),
            odr_answer: s.odr.as_ref().and_then(|o| o.answer.clone()),
            rating: s.rating,
            can_rate: s.kind() == Kind::Complaint && s.status.closed() && s.rating.is_none(),
            can_escalate: s.status == Status::SettledOdr && s.odr.as_ref().is_some_and(|o| o.escalated_on.is_none()),
            odr: s.odr.is_some(),
            odr_answered_on: s.odr.as_ref().and_then(|o| o.answered_on),
            escalated_on: s.odr.as_ref().and_then(|o| o.escalated_on),
            accept_due: dl.accept_due,
            mediation_due: dl.mediation_due,
            verify_due: dl.verify_due,
            odr_due: dl.odr_due,
        })
    }

    /// The complainant rates how the complaint was handled (1–5).
    pub async fn rate(&self, id: &str, code: &str, score: u8, at: DateTime<Utc>) -> Result<()> {
        let mut s = self.tracked_state(id, code).await?;
        let data = Rated { id: s.id.clone(), on: day(at), score };
        s.rate(&data)?;
        let e = event(&complainant(), &s.id, &data, at)?;
        self.store.append(&[e]).await?;
        Ok(())
    }

    /// The complainant does not accept the ODR enterprise's settlement: on to the office.
    pub async fn escalate(&self, id: &str, code: &str, reason: &str, at: DateTime<Utc>) -> Result<()> {
        let mut s = self.tracked_state(id, code).await?;
        required("reason", reason)?;
        let data = Escalated { id: s.id.clone(), on: day(at), reason: reason.trim().into() };
        s.escalate(&data)?;
        let e = event(&complainant(), &s.id, &data, at)?;
        self.store.append(&[e]).await?;
        Ok(())
    }

    // ----- handlers' lists -----

    /// The open work of offices inside `division`, the most urgent first: overdue, then by
    /// deadline (paused and undated last).
    pub async fn worklist(&self, actor: &Actor, division: DivisionCode, today: NaiveDate) -> Result<Vec<WorkItem>> {
        authorize(actor, Action::HandleComplaint, Some(division))?;
        let cal = self.store.calendar().await?;
        let mut out = Vec::new();
        let mut after = String::new();
        loop {
            let page = self.store.open_complaints(Some(division), &after, 1000).await?;
            let Some(last) = page.last() else { break };
            after = last.id.clone();
            out.extend(page.into_iter().map(|s| work_item(&cal, s, today)));
        }
        out.sort_by_key(|w| (w.deadlines.current.is_none(), w.deadlines.current, w.complaint.id.clone()));
        Ok(out)
    }

    /// Every complaint of offices inside `division` as the monthly report's rows, by id.
    pub async fn export(&self, actor: &Actor, division: Option<DivisionCode>) -> Result<Vec<ExportRow>> {
        authorize(actor, Action::HandleComplaint, division)?;
        let cal = self.store.calendar().await?;
        let mut out = Vec::new();
        let mut after = String::new();
        loop {
            let page = self.store.complaints_of_office(division, &after, 5000).await?;
            let Some(last) = page.last() else { break };
            after = last.id.clone();
            out.extend(page.iter().map(|s| ExportRow::of(&cal, s)));
        }
        Ok(out)
    }
}

fn complainant() -> Actor {
    Actor { role: Role::Public, office: None, pseudonym: None }
}

fn required(name: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::new(Code::ComplaintField).with("field", name.to_string()).with("reason", "required"));
    }
    if value.chars().count() > c::MAX_FACTS_CHARS {
        return Err(Error::new(Code::ComplaintField).with("field", name.to_string()).with("reason", "too long"));
    }
    Ok(())
}

/// Parses a SHA-256 written in hex.
pub fn parse_hash(s: &str) -> Result<[u8; 32]> {
    c::check_hash("attachments", s)?;
    shijian_core::inspection::parse_hex32("attachments", s)
}

/// The file types accepted as attachments, by their first bytes: JPEG, PNG, PDF.
pub fn attachment_type(bytes: &[u8]) -> Option<&'static str> {
    crate::inspection::evidence_type(bytes)
}

fn work_item(cal: &Calendar, s: ComplaintState, today: NaiveDate) -> WorkItem {
    let deadlines = s.deadlines(cal);
    let overdue = s.open() && deadlines.current.is_some_and(|d| today > d);
    let workdays_left = deadlines.current.and_then(|d| {
        if d >= today {
            cal.workdays_between(today, d).ok().map(i64::from)
        } else {
            cal.workdays_between(d, today).ok().map(|n| -i64::from(n))
        }
    });
    WorkItem { complaint: s, deadlines, overdue, workdays_left }
}

/// One row of the monthly export (`shijian export complaints`): dates as YYYY-MM-DD, empty
/// where not reached.
#[derive(Clone, Debug, Serialize)]
pub struct ExportRow {
    pub id: String,
    pub kind: &'static str,
    pub channel: &'static str,
    pub received_on: NaiveDate,
    pub office: String,
    pub place: String,
    pub category: String,
    pub problem: String,
    pub entity: Option<String>,
    pub accept_due: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub mediation_due: Option<NaiveDate>,
    pub verify_due: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub status: &'static str,
    pub outcome: String,
    pub amount: Option<String>,
    pub recovered: Option<String>,
    pub rating: Option<u8>,
    /// Whether a due day above counts a day of a year whose holiday schedule is provisional
    /// (`core::calendar::Calendar::is_provisional`): it may move when the year is imported.
    pub provisional: bool,
}

impl ExportRow {
    /// The column names, in order.
    pub const COLUMNS: &'static [&'static str] = &[
        "id",
        "kind",
        "channel",
        "received_on",
        "office",
        "place",
        "category",
        "problem",
        "entity",
        "accept_due",
        "accepted_on",
        "mediation_due",
        "verify_due",
        "closed_on",
        "status",
        "outcome",
        "amount",
        "recovered",
        "rating",
        "provisional",
    ];

    pub fn of(cal: &Calendar, s: &ComplaintState) -> ExportRow {
        let dl = s.deadlines(cal);
        ExportRow {
            id: s.id.clone(),
            kind: s.kind().as_str(),
            channel: s.intake.channel.as_str(),
            received_on: s.received_on,
            office: s.office.to_string(),
            place: s.intake.place.to_string(),
            category: s.intake.category.clone(),
            problem: s.intake.problem.clone(),
            entity: s.entity.clone(),
            accept_due: dl.accept_due,
            accepted_on: s.accepted_on,
            mediation_due: dl.mediation_due,
            verify_due: dl.verify_due,
            closed_on: s.closed_on,
            status: s.status.as_str(),
            outcome: s.outcome(),
            amount: s.intake.amount.as_deref().and_then(|a| c::parse_amount(a).ok()).map(c::format_amount),
            recovered: s.recovered.clone(),
            rating: s.rating,
            provisional: dl.provisional,
        }
    }

    /// The row's cells as text, in [`ExportRow::COLUMNS`] order.
    pub fn cells(&self) -> Vec<String> {
        let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        vec![
            self.id.clone(),
            self.kind.to_string(),
            self.channel.to_string(),
            self.received_on.to_string(),
            self.office.clone(),
            self.place.clone(),
            self.category.clone(),
            self.problem.clone(),
            self.entity.clone().unwrap_or_default(),
            d(self.accept_due),
            d(self.accepted_on),
            d(self.mediation_due),
            d(self.verify_due),
            d(self.closed_on),
            self.status.to_string(),
            self.outcome.clone(),
            self.amount.clone().unwrap_or_default(),
            self.recovered.clone().unwrap_or_default(),
            self.rating.map(|r| r.to_string()).unwrap_or_default(),
            if self.provisional { "provisional" } else { "" }.to_string(),
        ]
    }
}
