//! What 12315 work passes on and publishes: case clues from repeated complaints (诉转案,
//! [`shijian_core::complaint::clue`]), complainants' narratives with personal data removed, and
//! consumer warnings ([`shijian_core::complaint::publication`]).

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;
use shijian_core::complaint::clue::{self, Clue, ClueDecided, ClueFlagged};
use shijian_core::complaint::publication::{self, NarrativePublished, WarningPublished};
use shijian_core::complaint::{self as c, Kind};
use shijian_core::event::{Actor, EventData, NewEvent, Publicity};
use shijian_core::{Code, DivisionCode, Error, Result};
use shijian_store::complaint::{RECORD_CLUE, RECORD_NARRATIVE, RECORD_WARNING};

use super::{Complaints, day, event};
use crate::access::{Action, authorize};

/// Records read at most for one list.
const LIST_LIMIT: u32 = 100_000;

/// A clue as the enforcement side sees it: the record, its check's due day on the calendar in
/// force, and whether it is late.
#[derive(Clone, Debug, Serialize)]
pub struct ClueItem {
    pub clue: Clue,
    pub rule_zh: &'static str,
    pub rule_en: &'static str,
    pub law: Option<&'static str>,
    pub due: Option<NaiveDate>,
    /// Whether `due` counts a day of a provisional year (暂定): it may move when the official
    /// schedule of that year is imported.
    pub due_provisional: bool,
    pub overdue: bool,
}

/// A narrative draft for the officer: the text with personal data masked, and whether it may
/// be published at all.
#[derive(Clone, Debug, Serialize)]
pub struct NarrativeDraft {
    pub id: String,
    pub consent: bool,
    pub closed: bool,
    pub published_on: Option<NaiveDate>,
    pub text: String,
}

fn public(mut e: NewEvent) -> NewEvent {
    e.publicity = Publicity::Public { until: None };
    e
}

impl Complaints<'_> {
    // ----- 诉转案 -----

    /// Flags the case clues the rules find as of `today` over the complaints of the last
    /// [`clue::VIOLATION_DAYS`] days (a daily job), skipping a business, rule and problem with
    /// an open clue or one flagged within the rule's window. Returns the new clues.
    pub async fn flag_clues(&self, actor: &Actor, today: NaiveDate, at: DateTime<Utc>) -> Result<Vec<ClueFlagged>> {
        authorize(actor, Action::HandleComplaint, None)?;
        let since = today - Days::new(clue::VIOLATION_DAYS);
        let inputs = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = inputs.clone();
        self.store
            .complaint_facts(
                since,
                Box::new(move |f| {
                    let (Some(entity), Some(office), Ok(received_on)) = (
                        f.entity.as_ref(),
                        DivisionCode::lookup(&f.office),
                        NaiveDate::parse_from_str(&f.received_on, "%Y-%m-%d"),
                    ) else {
                        return;
                    };
                    sink.lock().expect("clue inputs").push(clue::Input {
                        id: f.id.clone(),
                        kind: if f.kind == "report" { Kind::Report } else { Kind::Complaint },
                        entity: entity.clone(),
                        office,
                        problem: f.problem.clone(),
                        received_on,
                        refused: f.status == "refused",
                    });
                }),
            )
            .await?;
        let inputs = std::mem::take(&mut *inputs.lock().expect("clue inputs"));
        let existing: Vec<Clue> = self
            .store
            .complaint_records(RECORD_CLUE, None, false, LIST_LIMIT)
            .await?
            .iter()
            .map(|r| r.parse())
            .collect::<Result<_>>()?;
        let mut number = existing.iter().filter(|x| x.flagged.on == today).count() as u32;
        let mut out = Vec::new();
        for cand in clue::find(&inputs, today) {
            let seen = existing.iter().any(|x| {
                let f = &x.flagged;
                (f.entity.as_str(), f.rule, f.problem.as_deref())
                    == (cand.entity.as_str(), cand.rule, cand.problem.as_deref())
                    && (x.decided.is_none() || f.on + Days::new(cand.rule.window()) > today)
            });
            if seen {
                continue;
            }
            number += 1;
            out.push(ClueFlagged {
                id: clue::clue_id(today, number),
                on: today,
                entity: cand.entity,
                office: cand.office,
                rule: cand.rule,
                problem: cand.problem,
                complaints: cand.complaints,
                from: cand.from,
                to: cand.to,
            });
        }
        let events: Vec<NewEvent> = out.iter().map(|f| event(actor, &f.entity, f, at)).collect::<Result<_>>()?;
        for chunk in events.chunks(1000) {
            self.store.append(chunk).await?;
        }
        Ok(out)
    }

    /// The clues of offices inside `division` (open ones only when `open_only`), the most
    /// urgent first.
    pub async fn clues(
        &self,
        actor: &Actor,
        division: DivisionCode,
        open_only: bool,
        today: NaiveDate,
    ) -> Result<Vec<ClueItem>> {
        authorize(actor, Action::CheckClue, Some(division))?;
        let cal = self.store.calendar().await?;
        let mut out = Vec::new();
        for r in self.store.complaint_records(RECORD_CLUE, None, open_only, LIST_LIMIT).await? {
            let clue: Clue = r.parse()?;
            if !division.contains(clue.flagged.office) {
                continue;
            }
            let deadline = clue.due(&cal);
            let due = deadline.map(|d| d.date);
            let rule = clue.flagged.rule;
            out.push(ClueItem {
                overdue: clue.decided.is_none() && due.is_some_and(|d| today > d),
                law: clue.flagged.problem.as_deref().and_then(clue::violation_law),
                rule_zh: rule.zh(),
                rule_en: rule.en(),
                due,
                due_provisional: deadline.is_some_and(|d| d.provisional),
                clue,
            });
        }
        out.sort_by_key(|x| (x.clue.decided.is_some(), x.due.is_none(), x.due, x.clue.flagged.id.clone()));
        Ok(out)
    }

    /// Records the check of a clue: a case opened or not (a case officer of the clue's office).
    pub async fn decide_clue(
        &self,
        actor: &Actor,
        id: &str,
        filed: bool,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Clue> {
        clue::check_clue_id(id)?;
        let unknown = || Error::new(Code::ComplaintClueUnknown).with("id", id.to_string());
        let record = self
            .store
            .complaint_records(RECORD_CLUE, None, false, LIST_LIMIT)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(unknown)?;
        let mut clue: Clue = record.parse()?;
        authorize(actor, Action::DecideClue, Some(clue.flagged.office))?;
        if !record.open {
            return Err(unknown());
        }
        super::required("reason", reason)?;
        let mut data =
            ClueDecided { id: id.to_string(), on: day(at), filed, reason: reason.trim().to_string(), case: None };
        if !filed {
            let e = event(actor, &clue.flagged.entity, &data, at)?;
            self.store.append(&[e]).await?;
            clue.decided = Some(data);
            return Ok(clue);
        }
        // Filed (诉转案): the enforcement matter is received in the same append as the decision,
        // so neither is recorded without the other.
        let entity = &clue.flagged.entity;
        let registered = self.store.entity(entity).await?;
        // An individual business (个体工商户) answers as a natural person (行政处罚法 第六十三条:
        // 公民 and 法人或者其他组织 have their own hearing amounts) [P].
        let party = shijian_core::case::procedure::Party {
            kind: match registered.as_ref().map(|r| r.state.entity.kind) {
                Some(shijian_core::registry::EntityKind::IndividualBusiness) => {
                    shijian_core::case::procedure::PartyKind::NaturalPerson
                }
                _ => shijian_core::case::procedure::PartyKind::Organisation,
            },
            name: registered.as_ref().map_or_else(|| entity.clone(), |r| r.state.entity.name.clone()),
            entity: registered.is_some().then(|| entity.clone()),
            id_number: None,
            address: None,
        };
        let rule = clue.flagged.rule;
        let new = crate::case::NewClue {
            office: clue.flagged.office,
            source: shijian_core::case::procedure::Source {
                kind: shijian_core::case::procedure::SourceKind::Complaint,
                reference: Some(id.to_string()),
                reporter_named: false,
            },
            party,
            // The first numbers of the complaints (a clue of a busy business lists hundreds; the
            // clue record keeps them all).
            facts: format!(
                "{}：{}件投诉举报（{}至{}，{}{}）。核查意见：{}",
                rule.zh(),
                clue.flagged.complaints.len(),
                clue.flagged.from,
                clue.flagged.to,
                clue.flagged.complaints.iter().take(10).cloned().collect::<Vec<_>>().join("、"),
                if clue.flagged.complaints.len() > 10 { "等" } else { "" },
                data.reason
            ),
            violation_on: None,
            harm: false,
            row: None,
        };
        let state = crate::case::Cases::new(self.store)
            .receive_with(actor, new, at, |case_id| {
                data.case = Some(case_id.to_string());
                Ok(vec![event(actor, entity, &data, at)?])
            })
            .await?;
        data.case = Some(state.id);
        clue.decided = Some(data);
        Ok(clue)
    }

    // ----- narratives -----

    /// The draft of a complaint's narrative (handlers of its office).
    pub async fn narrative_draft(&self, actor: &Actor, id: &str) -> Result<NarrativeDraft> {
        let s = self.get(actor, id).await?;
        authorize(actor, Action::HandleComplaint, Some(s.office))?;
        Ok(NarrativeDraft {
            id: s.id.clone(),
            consent: s.intake.consent_to_publish,
            closed: s.status.closed(),
            published_on: s.narrative_on,
            text: publication::draft_narrative(&s.intake),
        })
    }

    /// Publishes a complaint's narrative as the officer wrote it (public).
    pub async fn publish_narrative(
        &self,
        actor: &Actor,
        id: &str,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<NarrativePublished> {
        let s = self.load(id).await?;
        let data = NarrativePublished {
            id: s.id.clone(),
            on: day(at),
            entity: s.entity.clone(),
            category: s.intake.category.clone(),
            problem: s.intake.problem.clone(),
            received_on: s.received_on,
            outcome: s.outcome(),
            text: text.trim().to_string(),
        };
        let (_, _) = self.step_public(actor, id, &data, at, |s, d| s.publish_narrative(d)).await?;
        Ok(data)
    }

    async fn step_public<T: EventData>(
        &self,
        actor: &Actor,
        id: &str,
        data: &T,
        at: DateTime<Utc>,
        apply: impl FnOnce(&mut c::ComplaintState, &T) -> Result<()>,
    ) -> Result<(c::ComplaintState, shijian_store::Appended)> {
        let mut s = self.load(id).await?;
        authorize(actor, Action::HandleComplaint, Some(s.office))?;
        apply(&mut s, data)?;
        let e = public(event(actor, id, data, at)?);
        let a = self.store.append(&[e]).await?.remove(0);
        Ok((s, a))
    }

    /// The narratives published about a business (public), the newest first.
    pub async fn narratives(&self, uscc: &str, limit: u32) -> Result<Vec<NarrativePublished>> {
        self.store
            .complaint_records(RECORD_NARRATIVE, Some(uscc), false, limit)
            .await?
            .iter()
            .map(|r| r.parse())
            .collect()
    }

    // ----- consumer warnings -----

    /// Publishes a consumer warning (an officer of an office containing `region`), usually the
    /// analysis's draft as the officer edited it.
    #[allow(clippy::too_many_arguments)]
    pub async fn publish_warning(
        &self,
        actor: &Actor,
        region: DivisionCode,
        category: Option<String>,
        title: &str,
        body: &str,
        figures: Option<(u64, f64, (NaiveDate, NaiveDate))>,
        at: DateTime<Utc>,
    ) -> Result<WarningPublished> {
        authorize(actor, Action::HandleComplaint, Some(region))?;
        let office = actor.office.unwrap_or(region);
        let on = day(at);
        let today = self.store.complaint_records(RECORD_WARNING, None, false, LIST_LIMIT).await?;
        let number = today.iter().filter(|r| r.day == on.to_string()).count() as u32 + 1;
        let w = WarningPublished {
            id: publication::warning_id(on, number),
            on,
            office: if office.contains(region) { office } else { region },
            region,
            category: category.filter(|c| !c.trim().is_empty()),
            title: title.trim().to_string(),
            body: body.trim().to_string(),
            observed: figures.map(|f| f.0),
            expected: figures.map(|f| format!("{:.1}", f.1)),
            window: figures.map(|f| f.2),
        };
        w.check()?;
        let e = public(event(actor, &w.id, &w, at)?);
        self.store.append(&[e]).await?;
        Ok(w)
    }

    /// The published warnings, the newest first (public).
    pub async fn warnings(&self, limit: u32) -> Result<Vec<WarningPublished>> {
        self.store.complaint_records(RECORD_WARNING, None, false, limit).await?.iter().map(|r| r.parse()).collect()
    }
}
