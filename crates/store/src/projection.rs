//! The projections: tables kept by folding the journal, each declared once here.
//!
//! A [`Projection`] names the tables it owns (cleared by `rebuild-projections`, dumped by the
//! rebuild's conformance test), the event kinds it consumes (a kind may be consumed by
//! several: a published inspection result enters its task and the entity's credit file), and
//! how it applies a batch. [`REGISTRY`] lists them in the order they apply, the one list that
//! both backends' append and rebuild walk: a new module adds its projection here, and the
//! rebuild test covers its tables without a test of its own.
//!
//! Every projection but the register applies through the [dialect layer](crate::dialect),
//! written once for both backends. The register keeps a path per backend (`apply_register`
//! in `sqlite.rs`, `fold_register`/`write_register` in `postgres.rs`): its bulk load (deferred
//! name keys, FTS5 on SQLite, a tsvector on PostgreSQL, statements over arrays) is where a
//! synthetic province's build spends its time. PostgreSQL's append folds the register and the
//! credit file (through [`crate::credit::load_and_fold`]) before writing, and pipelines their
//! writes with the event rows.

use shijian_core::Result;

use crate::Backend;
use crate::dialect::Exec;
use crate::journal::{Effect, ProjectionDelta, parse_data};

/// The kinds of other modules the credit file consumes: a published inspection result
/// enters the entity's credit file (《企业信息公示暂行条例》第十四条: the results of random
/// inspections are disclosed through the enterprise credit information publicity system).
const CREDIT_FROM_OTHER_MODULES: &[&str] = &[shijian_core::inspection::KIND_RESULT_PUBLISHED];

/// One projection of the journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Projection {
    /// Events per kind and day.
    Counts,
    /// Publicity changes of earlier events.
    Publicity,
    /// Witnesses' cosignatures of checkpoints.
    Cosignature,
    /// The latest checkpoint each witnessed log has shown us.
    Witness,
    /// Official holiday schedules.
    Calendar,
    /// The register (entities, names, name keys, search).
    Register,
    /// The credit file (after the register: it reads the entity's kind).
    Credit,
    Accounts,
    Inspection,
    Complaint,
    /// Enforcement cases and their publicity records.
    Case,
}

/// How many commits through one store have changed each projection (indexed by
/// `Projection as usize`): what a cache of pages made from a projection compares to tell
/// whether it is still current ([`crate::Store::generation`]). Kept by the store, so shared by
/// its clones; another process writing to the same database is not seen, and caches bound
/// their entries' age for that.
#[derive(Debug, Default)]
pub(crate) struct Changes([std::sync::atomic::AtomicU64; REGISTRY.len()]);

impl Changes {
    /// A number that changes whenever one of `parts` has changed: equal before and after
    /// means none of them changed in between.
    pub(crate) fn generation(&self, parts: &[Projection]) -> u64 {
        parts.iter().map(|p| self.0[*p as usize].load(std::sync::atomic::Ordering::Acquire)).sum()
    }

    /// Records that a committed batch of events of `kinds` changed the projections consuming
    /// them (and the counts, which every event changes).
    pub(crate) fn committed<'a>(&self, kinds: impl Iterator<Item = &'a str> + Clone) {
        for p in REGISTRY {
            if *p == Projection::Counts || kinds.clone().any(|k| p.changed_by(k)) {
                self.0[*p as usize].fetch_add(1, std::sync::atomic::Ordering::Release);
            }
        }
    }

    /// Records that every projection may have changed (a rebuild, a bulk load).
    pub(crate) fn all_changed(&self) {
        for c in &self.0 {
            c.fetch_add(1, std::sync::atomic::Ordering::Release);
        }
    }
}

/// Every projection, in the order a batch applies to them.
pub(crate) const REGISTRY: &[Projection] = &[
    Projection::Counts,
    Projection::Publicity,
    Projection::Cosignature,
    Projection::Witness,
    Projection::Register,
    Projection::Credit,
    Projection::Accounts,
    Projection::Inspection,
    Projection::Complaint,
    Projection::Case,
    Projection::Calendar,
];

impl Projection {
    /// The tables this projection owns, children before parents (the order they are
    /// cleared in).
    pub(crate) fn tables(self) -> &'static [&'static str] {
        match self {
            Projection::Counts => &["proj_event_count"],
            Projection::Publicity => &["proj_publicity"],
            Projection::Cosignature => &["proj_cosignature"],
            Projection::Witness => &["proj_witness"],
            Projection::Calendar => &["calendar_day", "calendar_year"],
            Projection::Register => {
                &["proj_entity", "proj_pool_entity", "proj_name", "proj_name_key", "proj_name_search"]
            }
            Projection::Credit => &["proj_credit"],
            Projection::Accounts => &["proj_account"],
            Projection::Inspection => &[
                "proj_inspection_item",
                "proj_inspection_object",
                "proj_inspector",
                "proj_inspection_plan",
                "proj_inspection_task",
                "proj_inspection_assignee",
            ],
            Projection::Complaint => {
                &["proj_complaint", "proj_complaint_fact", "proj_odr_member", "proj_complaint_record"]
            }
            Projection::Case => {
                &["proj_case_public_gram", "proj_case_public", "proj_case_number", "proj_case_fact", "proj_case"]
            }
        }
    }

    /// The tables this projection owns on one backend only: SQLite's bulk load defers name
    /// keys to `proj_name_key_pending`.
    pub(crate) fn backend_tables(self, backend: Backend) -> &'static [&'static str] {
        match (self, backend) {
            (Projection::Register, Backend::Sqlite) => &["proj_name_key_pending"],
            _ => &[],
        }
    }

    /// Whether events of `kind` fold into this projection beyond being counted: the one
    /// declaration that routes events, another module's kinds included (each consuming
    /// projection receives the event).
    pub(crate) fn consumes(self, kind: &str) -> bool {
        use shijian_core::event::{KIND_CHECKPOINT_COSIGNED, KIND_COSIGNATURE_ADDED, KIND_PUBLICITY_CHANGED};
        match self {
            Projection::Counts => false,
            Projection::Publicity => kind == KIND_PUBLICITY_CHANGED,
            Projection::Cosignature => kind == KIND_COSIGNATURE_ADDED,
            Projection::Witness => kind == KIND_CHECKPOINT_COSIGNED,
            Projection::Calendar => kind == shijian_core::calendar::KIND_YEAR_IMPORTED,
            Projection::Register => kind.starts_with(crate::journal::REGISTRY_PREFIX),
            Projection::Credit => shijian_core::credit::file::folds(kind) || CREDIT_FROM_OTHER_MODULES.contains(&kind),
            Projection::Accounts => crate::account::folds(kind),
            Projection::Inspection => crate::inspection::folds(kind),
            Projection::Complaint => crate::complaint::folds(kind),
            Projection::Case => crate::case::folds(kind),
        }
    }

    /// Whether a committed event of `kind` may change this projection: the kinds it consumes,
    /// and for the cases a serious-list entry, which marks the matter it names as listed
    /// ([`crate::case::mark_listed`], from the credit projection's events).
    pub(crate) fn changed_by(self, kind: &str) -> bool {
        self.consumes(kind) || (self == Projection::Case && kind == shijian_core::credit::lists::KIND_SERIOUS_LISTED)
    }

    /// What an event of `kind` (one this projection [consumes](Self::consumes), with id `id`)
    /// does to it, read from the event's data.
    pub(crate) fn effect(self, id: &str, kind: &str, data: &serde_json::Value) -> Result<Effect> {
        use shijian_core::{Code, Error};
        Ok(match self {
            Projection::Counts => {
                return Err(Error::new(Code::Internal).with("reason", "counting reads no event data"));
            }
            Projection::Publicity => Effect::Publicity(parse_data(data)?),
            Projection::Cosignature => Effect::Cosignature(parse_data(data)?),
            Projection::Witness => Effect::Witnessed(parse_data(data)?),
            Projection::Calendar => {
                let y: shijian_core::calendar::YearImported = parse_data(data)?;
                y.schedule()?;
                Effect::Calendar(Box::new(y))
            }
            Projection::Register => match shijian_core::entity::RegistryEvent::parse(kind, data)? {
                Some(event) => Effect::Registry(Box::new(crate::register::RegistryEffect::new(event)?)),
                None => return Err(Error::new(Code::EventInvalid).with("field", "kind").with("reason", kind)),
            },
            Projection::Credit => {
                Effect::Credit(Box::new(crate::credit::CreditEffect { kind: kind.to_string(), data: data.clone() }))
            }
            Projection::Accounts => Effect::Account(Box::new(crate::account::effect(id, kind, data)?)),
            Projection::Inspection => Effect::Inspection(Box::new(crate::inspection::effect(kind, data)?)),
            Projection::Complaint => Effect::Complaint(Box::new(crate::complaint::effect(kind, data)?)),
            Projection::Case => Effect::Case(Box::new(crate::case::effect(kind, data)?)),
        })
    }

    /// Whether the projection applies through the dialect layer (else by a path of each
    /// backend's own: see the module's documentation).
    pub(crate) fn is_shared(self) -> bool {
        self != Projection::Register
    }

    /// Applies a batch's delta through the dialect layer (a no-op for the projections with
    /// paths of their own, which the backends apply themselves).
    pub(crate) async fn apply<E: Exec>(self, e: &E, delta: &ProjectionDelta) -> Result<()> {
        match self {
            Projection::Counts => crate::log_projections::apply_counts(e, &delta.counts).await,
            Projection::Publicity => crate::log_projections::apply_publicity(e, &delta.publicity).await,
            Projection::Cosignature => crate::log_projections::apply_cosignatures(e, &delta.cosignatures).await,
            Projection::Witness => crate::log_projections::apply_witnessed(e, &delta.witnessed).await,
            Projection::Calendar => {
                crate::calendar::apply(e, &delta.calendar).await?;
                // The desk's order of open matters counts their limits on the calendar.
                if delta.calendar.is_empty() { Ok(()) } else { crate::case::refresh_desk(e).await }
            }
            Projection::Accounts => crate::account::apply(e, &delta.accounts).await,
            Projection::Credit => crate::credit::apply(e, &delta.credit).await,
            Projection::Register => Ok(()),
            Projection::Inspection => crate::inspection::apply(e, &delta.inspection).await,
            Projection::Complaint => crate::complaint::apply(e, &delta.complaint).await,
            Projection::Case => {
                crate::case::apply(e, &delta.case).await?;
                // After the matters' own rows: a listing may come in the batch that decided.
                crate::case::mark_listed(e, &delta.credit).await
            }
        }
    }
}

/// Every table of every projection on `backend`, in the order they are cleared.
pub(crate) fn tables(backend: Backend) -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().flat_map(move |p| p.tables().iter().chain(p.backend_tables(backend)).copied())
}

/// Whether the journal's events of `kind` feed any projection beyond counting (so a rebuild
/// must read their records).
pub(crate) fn consumed(kind: &str) -> bool {
    REGISTRY.iter().any(|p| p.consumes(kind))
}
