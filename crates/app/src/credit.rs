//! The credit file's use cases: annual reports, the lists and their scheduled jobs, the risk
//! classification of every entity, and the public credit file.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use shijian_core::credit::annual::{self, AnnualReport};
use shijian_core::credit::classify::{self, Model, RiskClass};
use shijian_core::credit::file::CreditFile;
use shijian_core::credit::lists::{self, AbnormalCause, ListState};
use shijian_core::credit::{Decision, Record};
use shijian_core::entity::EntityState;
use shijian_core::event::{Actor, NewEvent, Publicity, Role};
use shijian_core::registry::Encumbrances;
use shijian_core::{Code, Error, Result};
use shijian_store::{Appended, Store};

use crate::access::{Action, authorize};

/// The credit file, for one caller.
pub struct Credit<'a> {
    pub store: &'a Store,
}

/// An event of the credit file.
pub fn credit_event(
    actor: &Actor,
    kind: &str,
    basis: &str,
    data: serde_json::Value,
    subject: &str,
    at: DateTime<Utc>,
    publicity: Publicity,
) -> NewEvent {
    NewEvent {
        kind: kind.to_string(),
        subject: Some(subject.to_string()),
        occurred_at: at,
        actor: actor.clone(),
        basis: basis.to_string(),
        data,
        publicity,
    }
}

fn public() -> Publicity {
    Publicity::Public { until: None }
}

/// The events recording a list decision.
pub fn list_event(
    actor: &Actor,
    d: &Decision<ListState, lists::ListEvent>,
    subject: &str,
    at: DateTime<Utc>,
) -> Result<NewEvent> {
    Ok(credit_event(actor, d.kind, d.basis, d.data_json()?, subject, at, public()))
}

/// What stands in the way of simple deregistration, from the credit file (实施细则 第四十八条
/// 第一项: either list). Investigations, unpaid fines and encumbered equity come from the
/// enforcement module, not yet part of shijian: they are not known here.
pub fn encumbrances(file: Option<&CreditFile>) -> Encumbrances {
    let Some(f) = file else { return Encumbrances::default() };
    Encumbrances {
        abnormal_list: f.lists.on_abnormal_list(),
        serious_list: f.lists.on_serious_list(),
        ..Encumbrances::default()
    }
}

/// Counts of a classification run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ClassifyReport {
    pub entities: u64,
    pub changed: u64,
    /// Entities per class A, B, C, D.
    pub classes: [u64; 4],
    pub model_version: String,
}

impl<'a> Credit<'a> {
    pub fn new(store: &'a Store) -> Credit<'a> {
        Credit { store }
    }

    async fn entity(&self, uscc: &str) -> Result<EntityState> {
        match self.store.entity(uscc).await? {
            Some(row) => Ok(row.state),
            None => Err(Error::new(Code::RegistryUnknownEntity).with("uscc", uscc)),
        }
    }

    /// The entity's credit file (empty if nothing is on it yet).
    pub async fn file(&self, uscc: &str) -> Result<CreditFile> {
        let state = self.entity(uscc).await?;
        Ok(self.store.credit_file(uscc).await?.unwrap_or_else(|| CreditFile::new(state.entity.kind)))
    }

    /// Files an annual report (企业信息公示暂行条例 第八条、第九条): the published part as a public
    /// event, the part the entity chose not to publish as a restricted one. An enterprise files
    /// its own report only.
    pub async fn file_annual_report(
        &self,
        actor: &Actor,
        uscc: &str,
        report: &AnnualReport,
        on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<Vec<Appended>> {
        let state = self.entity(uscc).await?;
        authorize_subject(actor, Action::FileReport, &state, uscc)?;
        let file = self.file(uscc).await?;
        let filing = annual::file_report(
            report,
            state.entity.kind,
            state.entity.established_on,
            file.reports.contains_key(&report.year),
            on,
        )?;
        let mut events = vec![record_event(actor, &filing.public, uscc, at, public())?];
        if let Some(r) = &filing.restricted {
            events.push(record_event(actor, r, uscc, at, Publicity::Restricted)?);
        }
        self.store.append(&events).await
    }

    /// Lists an entity as abnormal (or marks an individual business) for `cause`
    /// (企业经营异常名录管理暂行办法 第四条).
    pub async fn list_abnormal(
        &self,
        actor: &Actor,
        uscc: &str,
        cause: AbnormalCause,
        on: NaiveDate,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let state = self.entity(uscc).await?;
        authorize(actor, Action::CreditRecord, Some(state.entity.authority))?;
        let file = self.file(uscc).await?;
        let d = lists::decide(&file.lists, &lists::Command::ListAbnormal { cause, on })?;
        let appended = self.store.append(&[list_event(actor, &d, uscc, at)?]).await?;
        appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal))
    }

    /// Any list decision (removal, serious listing, ...), decided against the entity's lists.
    pub async fn decide_list(
        &self,
        actor: &Actor,
        uscc: &str,
        command: &lists::Command,
        at: DateTime<Utc>,
    ) -> Result<Appended> {
        let state = self.entity(uscc).await?;
        authorize(actor, Action::CreditRecord, Some(state.entity.authority))?;
        let file = self.file(uscc).await?;
        let d = lists::decide(&file.lists, command)?;
        let appended = self.store.append(&[list_event(actor, &d, uscc, at)?]).await?;
        appended.into_iter().next().ok_or_else(|| Error::new(Code::Internal))
    }

    /// The scheduled job after 30 June: every existing entity missing the report of `year`
    /// is listed (marked, for individual businesses) as of `on` (名录办法 第六条; 企业信息公示
    /// 暂行条例 第十七条). Returns how many were listed.
    pub async fn list_missing_reports(
        &self,
        actor: &Actor,
        year: i32,
        on: NaiveDate,
        at: DateTime<Utc>,
        progress: impl Fn(u64),
    ) -> Result<u64> {
        authorize(actor, Action::CreditRecord, None)?;
        let window = annual::report_window(year)?;
        if on <= window.closes {
            return Err(Error::new(Code::CreditReportNotDue).with("year", year).with(
                "reason",
                format!("年报公示期至{}结束 / the filing window ends on {}", window.closes, window.closes),
            ));
        }
        let mut listed = 0;
        self.for_each_page(
            |page, files| {
                let mut events = Vec::new();
                for state in page {
                    let code = state.entity.uscc.to_string();
                    if !state.status.exists() || annual::first_report_year(state.entity.established_on) > year {
                        continue;
                    }
                    let file = files.iter().find(|(c, _)| *c == code).map(|(_, f)| f.clone());
                    let file = file.unwrap_or_else(|| CreditFile::new(state.entity.kind));
                    if file.reports.contains_key(&year) {
                        continue;
                    }
                    let command =
                        lists::Command::ListAbnormal { cause: AbnormalCause::AnnualReportMissing { year }, on };
                    // Already listed for that year: nothing to do.
                    if let Ok(d) = lists::decide(&file.lists, &command) {
                        events.push(list_event(actor, &d, &code, at)?);
                    }
                }
                listed += events.len() as u64;
                Ok(events)
            },
            &progress,
        )
        .await?;
        Ok(listed)
    }

    /// Recomputes every existing entity's risk class on `as_of` (国市监信发〔2022〕6号: monthly)
    /// and records the classes that changed, as restricted events (`credit.risk_classified`).
    pub async fn classify_all(
        &self,
        actor: &Actor,
        model: &Model,
        as_of: NaiveDate,
        at: DateTime<Utc>,
        progress: impl Fn(u64),
    ) -> Result<ClassifyReport> {
        authorize(actor, Action::Classify, None)?;
        let mut report = ClassifyReport { model_version: model.version.clone(), ..ClassifyReport::default() };
        self.for_each_page(|page, files| {
            let mut events = Vec::new();
            for state in page {
                if !state.status.exists() {
                    continue;
                }
                let code = state.entity.uscc.to_string();
                let file = files.iter().find(|(c, _)| *c == code).map(|(_, f)| f);
                let empty;
                let file = match file {
                    Some(f) => f,
                    None => {
                        empty = CreditFile::new(state.entity.kind);
                        &empty
                    }
                };
                let c = classify::classify(&file.facts(state, as_of)?, model);
                report.entities += 1;
                report.classes[class_index(c.class)] += 1;
                let same = file.class.as_ref().is_some_and(|old| {
                    old.class == c.class && old.score == c.score && old.model_version == model.version.as_str()
                });
                if !same {
                    let data = shijian_core::credit::to_data(&c.to_event(as_of, model))?;
                    events.push(credit_event(
                        actor,
                        classify::KIND_RISK_CLASSIFIED,
                        "国家市场监督管理总局关于推进企业信用风险分类管理进一步提升监管效能的意见（国市监信发〔2022〕6号）",
                        data,
                        &code,
                        at,
                        Publicity::Restricted,
                    ));
                }
            }
            report.changed += events.len() as u64;
            Ok(events)
        }, &progress)
        .await?;
        Ok(report)
    }

    /// Walks the register a page at a time with the page's credit files; appends what `f`
    /// returns for each page.
    async fn for_each_page(
        &self,
        mut f: impl FnMut(&[EntityState], &[(String, CreditFile)]) -> Result<Vec<NewEvent>>,
        progress: &impl Fn(u64),
    ) -> Result<()> {
        const PAGE: usize = 20_000;
        let mut after: Option<String> = None;
        let mut done = 0u64;
        loop {
            let page = self.store.entities_page(None, after.as_deref(), PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.state.entity.uscc.to_string());
            let codes: Vec<String> = page.iter().map(|r| r.state.entity.uscc.to_string()).collect();
            let mut files = self.store.credit_files(&codes).await?;
            files.sort_by(|a, b| a.0.cmp(&b.0));
            let states: Vec<EntityState> = page.into_iter().map(|r| r.state).collect();
            let events = f(&states, &files)?;
            if !events.is_empty() {
                self.store.append(&events).await?;
            }
            done += states.len() as u64;
            progress(done);
        }
        Ok(())
    }
}

fn class_index(c: RiskClass) -> usize {
    match c {
        RiskClass::A => 0,
        RiskClass::B => 1,
        RiskClass::C => 2,
        RiskClass::D => 3,
    }
}

fn record_event<D: Serialize>(
    actor: &Actor,
    r: &Record<D>,
    subject: &str,
    at: DateTime<Utc>,
    publicity: Publicity,
) -> Result<NewEvent> {
    Ok(credit_event(actor, r.kind, r.basis, r.data_json()?, subject, at, publicity))
}

/// An enterprise acts on its own file only (its actor's pseudonym is its code); staff inside
/// their jurisdiction.
fn authorize_subject(actor: &Actor, action: Action, state: &EntityState, uscc: &str) -> Result<()> {
    if actor.role == Role::Enterprise {
        if actor.pseudonym.as_deref() == Some(uscc) {
            return Ok(());
        }
        return Err(Error::new(Code::AccessDenied)
            .with("role", actor.role.as_str())
            .with("action", format!("{action:?}"))
            .with("division", state.entity.authority));
    }
    authorize(actor, action, Some(state.entity.authority))
}

/// An entity's credit file as the public sees it (国家企业信用信息公示系统): the registration,
/// its history, annual reports' published parts, list entries. Restricted events and events
/// whose publicity period has ended are left out; they stay in the journal for auditors.
#[derive(Clone, Debug, Serialize)]
pub struct PublicFile {
    pub entity: EntityState,
    pub history: Vec<PublicEvent>,
    pub annual_reports: Vec<serde_json::Value>,
    pub abnormal: Vec<serde_json::Value>,
    pub serious: Vec<serde_json::Value>,
}

/// One public event: enough to fetch its receipt and check it against the log.
#[derive(Clone, Debug, Serialize)]
pub struct PublicEvent {
    pub index: u64,
    pub id: String,
    pub kind: String,
    pub day: String,
    pub basis: String,
}

/// The public credit file of `uscc` on `today`.
pub async fn public_file(store: &Store, uscc: &str, today: NaiveDate) -> Result<PublicFile> {
    let Some(row) = store.entity(uscc).await? else {
        return Err(Error::new(Code::RegistryUnknownEntity).with("uscc", uscc));
    };
    let mut out = PublicFile {
        entity: row.state,
        history: Vec::new(),
        annual_reports: Vec::new(),
        abnormal: Vec::new(),
        serious: Vec::new(),
    };
    for e in store.events_of_subject(uscc).await? {
        if !e.is_public_on(today) {
            continue;
        }
        let record: serde_json::Value =
            serde_json::from_str(&e.record).map_err(|err| Error::new(Code::DbIntegrity).with("reason", err))?;
        let data = record.get("data").cloned().unwrap_or(serde_json::Value::Null);
        match e.kind.as_str() {
            annual::KIND_ANNUAL_REPORT_FILED | annual::KIND_ANNUAL_REPORT_CORRECTED => out.annual_reports.push(data),
            lists::KIND_ABNORMAL_LISTED
            | lists::KIND_ABNORMAL_MARKED
            | lists::KIND_ABNORMAL_REMOVED
            | lists::KIND_ABNORMAL_MARK_REMOVED => out.abnormal.push(serde_json::json!({"kind": e.kind, "data": data})),
            lists::KIND_SERIOUS_LISTED | lists::KIND_SERIOUS_REMOVED => {
                out.serious.push(serde_json::json!({"kind": e.kind, "data": data, "index": e.index}))
            }
            _ => {}
        }
        out.history.push(PublicEvent {
            index: e.index,
            id: e.id.clone(),
            kind: e.kind.clone(),
            day: e.occurred_at.get(..10).unwrap_or(&e.occurred_at).to_string(),
            basis: record.get("basis").and_then(|b| b.as_str()).unwrap_or_default().to_string(),
        });
    }
    // A serious-list entry is published while it lasts; once removed (3 years, or early after
    // repair) it leaves the public view, its listing and removal alike (市场监督管理严重违法失信
    // 名单管理办法; the article on ending publication was not read [M]).
    let key = |v: &serde_json::Value| (v["data"]["ground"].clone(), v["data"]["listed_on"].clone());
    let removed: Vec<_> = out.serious.iter().filter(|v| v["kind"] == lists::KIND_SERIOUS_REMOVED).map(key).collect();
    let hidden: Vec<u64> =
        out.serious.iter().filter(|v| removed.contains(&key(v))).filter_map(|v| v["index"].as_u64()).collect();
    out.serious.retain(|v| !removed.contains(&key(v)));
    out.history.retain(|h| !hidden.contains(&h.index));
    for v in &mut out.serious {
        if let Some(o) = v.as_object_mut() {
            o.remove("index");
        }
    }
    Ok(out)
}
