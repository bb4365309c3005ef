//! Authorisation: who may do what, where. Decided here, once, for every caller: each
//! [`Action`] has one row in [`ACTIONS`], naming the roles that may perform it and, per role,
//! the [`Scope`] the [`Subject`] acted on must fall in. The server's routes, its authorisation
//! matrix test and the OpenAPI document read the same table ([`roles`]); no other code raises
//! `access_denied`.
//!
//! Staff act only inside their jurisdiction: the division of their office contains the
//! division of the thing acted on (a province office everything in the province, a city office
//! its districts and counties, a county office itself). An enterprise acts on its own entity
//! only (its actor's pseudonym is its credit code). An inspector acts on a task only on its
//! team, and on a plan whose office contains theirs or lies inside it. The system itself
//! (scheduled jobs, self-tests) may do everything.

use shijian_core::event::{Actor, Role};
use shijian_core::{Code, DivisionCode, Error, Result, Tier};

/// What an actor asks to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// 设立、变更、备案、歇业、注销登记 and the other register actions.
    Register,
    /// Name self-declaration check (anyone) and reservation.
    CheckName,
    ReserveName,
    /// Filing an annual report or instant information, requesting a credit repair, objecting
    /// (the enterprise itself, or staff entering what it filed).
    FileReport,
    /// Listing, removal, repair decisions: the credit officer's work.
    CreditRecord,
    /// The classification job.
    Classify,
    /// Creating and disabling accounts.
    ManageAccounts,
    /// Reading the register's listing by division (staff at work; the public looks entities up
    /// one at a time).
    ReadRegister,
    /// The inspector pool and the object pools (双随机: 一单、两库).
    ManageInspection,
    /// The inspection item list: one list for the province (一单), kept by the province's
    /// administrators.
    DefineItem,
    /// Inspection plans: draft, publish, draw, publish results.
    Plan,
    /// A plan's targets per credit class: its planners and auditors (国市监信发〔2022〕6号:
    /// classification results are internal).
    ReadStrata,
    /// A seed party's commitment and reveal for a draw: people outside the operator's control.
    /// Whether the caller is one of the plan's parties is the plan's own check
    /// (`inspection_not_party`).
    SeedParty,
    /// Inspectors' own work: declaring a conflict of interest about a target in their
    /// jurisdiction.
    Inspect,
    /// Recording a task's result and its evidence: the task's team (谁检查、谁录入).
    RecordResult,
    /// Publishing a task's result and reading its evidence: the team, or the planning office
    /// (谁检查、谁公开).
    PublishResult,
    /// Taking in complaints and reports entered by staff or sent by another platform (the
    /// public uses the web form, which needs no account).
    EnterComplaint,
    /// A complaint's or report's procedure at the office: match, route, accept, mediate, decide;
    /// its narrative; consumer warnings.
    HandleComplaint,
    /// Reading a complaint: handlers of its office, or the ODR enterprise it went to (消费者权益
    /// 保护法 第二十九条: the complainant's personal information goes no further).
    ReadComplaint,
    /// The ODR scheme's membership (the office; an enterprise joins or leaves for itself).
    ManageOdr,
    /// The ODR enterprise's answer to a complaint it received (whether the complaint went to it
    /// is the complaint's own check, `complaint_not_odr`).
    AnswerOdr,
    /// Reading the analysis of complaints.
    AnalyseComplaints,
    /// Reading the case clues drawn from complaints (诉转案).
    CheckClue,
    /// Deciding a case clue: whether a case is opened is the case officers' call.
    DecideClue,
    /// Enforcement: receiving clues and taking a case's steps (filing, investigation, notice,
    /// hearing, decision as approved, service, payment, publicity, closure): the case officers
    /// of the office whose case it is.
    HandleCase,
    /// The review before a decision (法制审核、案件审核, 程序规定 第五十条、第五十二条): by someone
    /// other than the case's officers. No role of its own yet: supervisors and administrators.
    ReviewCase,
    /// Reading cases, their desks and the export.
    ReadCase,
}

/// Where the subject acted on must be for a role's grant to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere: no condition on the subject.
    Anywhere,
    /// Inside the actor's jurisdiction: their office contains the subject's division (a
    /// subject without a division: any office).
    Jurisdiction,
    /// Inside the jurisdiction of a province-tier office.
    Province,
    /// The actor's own entity: the subject's entity is the enterprise's credit code.
    OwnEntity,
    /// A plan's team: the actor's office and the subject's division contain one another (an
    /// inspector in a superior office's pool, or a plan of a superior office), and when the
    /// subject names a team, the actor is on it.
    Team,
}

use Scope::{Anywhere, Jurisdiction, OwnEntity, Province, Team};

/// Every staff role: who may read the register by division.
const STAFF: &[(Role, Scope)] = &[
    (Role::Registrar, Jurisdiction),
    (Role::CreditOfficer, Jurisdiction),
    (Role::Inspector, Jurisdiction),
    (Role::ComplaintHandler, Jurisdiction),
    (Role::CaseOfficer, Jurisdiction),
    (Role::Supervisor, Jurisdiction),
    (Role::Auditor, Jurisdiction),
    (Role::Administrator, Jurisdiction),
];

/// Complaint handlers inside their jurisdiction.
const HANDLERS: &[(Role, Scope)] = &[(Role::ComplaintHandler, Jurisdiction), (Role::Administrator, Jurisdiction)];

/// Credit officers inside their jurisdiction (SAMR's credit departments also run 双随机).
const CREDIT: &[(Role, Scope)] = &[(Role::CreditOfficer, Jurisdiction), (Role::Administrator, Jurisdiction)];

/// The table: each action, the roles that may perform it, and where. The system may do
/// everything and is not listed.
pub const ACTIONS: &[(Action, &[(Role, Scope)])] = &[
    (Action::Register, &[(Role::Registrar, Jurisdiction), (Role::Administrator, Jurisdiction)]),
    (
        Action::CheckName,
        &[
            (Role::Public, Anywhere),
            (Role::Enterprise, Anywhere),
            (Role::Registrar, Anywhere),
            (Role::CreditOfficer, Anywhere),
            (Role::Inspector, Anywhere),
            (Role::ComplaintHandler, Anywhere),
            (Role::CaseOfficer, Anywhere),
            (Role::Supervisor, Anywhere),
            (Role::Auditor, Anywhere),
            (Role::Administrator, Anywhere),
        ],
    ),
    (
        Action::ReserveName,
        &[
            (Role::Public, Anywhere),
            (Role::Enterprise, Anywhere),
            (Role::Registrar, Jurisdiction),
            (Role::Administrator, Jurisdiction),
        ],
    ),
    (
        Action::FileReport,
        &[
            (Role::Enterprise, OwnEntity),
            (Role::Registrar, Jurisdiction),
            (Role::CreditOfficer, Jurisdiction),
            (Role::Administrator, Jurisdiction),
        ],
    ),
    (Action::CreditRecord, CREDIT),
    (Action::Classify, CREDIT),
    (Action::ManageAccounts, &[(Role::Administrator, Jurisdiction)]),
    (Action::ReadRegister, STAFF),
    (Action::ManageInspection, &[(Role::Administrator, Jurisdiction)]),
    (Action::DefineItem, &[(Role::Administrator, Province)]),
    (Action::Plan, CREDIT),
    (
        Action::ReadStrata,
        &[(Role::CreditOfficer, Jurisdiction), (Role::Administrator, Jurisdiction), (Role::Auditor, Jurisdiction)],
    ),
    (Action::SeedParty, &[(Role::Supervisor, Anywhere), (Role::Auditor, Anywhere)]),
    (Action::Inspect, &[(Role::Inspector, Jurisdiction)]),
    (Action::RecordResult, &[(Role::Inspector, Team)]),
    (
        Action::PublishResult,
        &[(Role::CreditOfficer, Jurisdiction), (Role::Administrator, Jurisdiction), (Role::Inspector, Team)],
    ),
    (Action::EnterComplaint, HANDLERS),
    (Action::HandleComplaint, HANDLERS),
    (
        Action::ReadComplaint,
        &[(Role::Enterprise, OwnEntity), (Role::ComplaintHandler, Jurisdiction), (Role::Administrator, Jurisdiction)],
    ),
    (
        Action::ManageOdr,
        &[(Role::Enterprise, OwnEntity), (Role::ComplaintHandler, Jurisdiction), (Role::Administrator, Jurisdiction)],
    ),
    (Action::AnswerOdr, &[(Role::Enterprise, Anywhere)]),
    (
        Action::AnalyseComplaints,
        &[
            (Role::ComplaintHandler, Jurisdiction),
            (Role::Supervisor, Jurisdiction),
            (Role::Administrator, Jurisdiction),
        ],
    ),
    (
        Action::CheckClue,
        &[
            (Role::CaseOfficer, Jurisdiction),
            (Role::ComplaintHandler, Jurisdiction),
            (Role::Administrator, Jurisdiction),
        ],
    ),
    (Action::DecideClue, &[(Role::CaseOfficer, Jurisdiction), (Role::Administrator, Jurisdiction)]),
    (Action::HandleCase, &[(Role::CaseOfficer, Jurisdiction), (Role::Administrator, Jurisdiction)]),
    (Action::ReviewCase, &[(Role::Supervisor, Jurisdiction), (Role::Administrator, Jurisdiction)]),
    (
        Action::ReadCase,
        &[
            (Role::CaseOfficer, Jurisdiction),
            (Role::Supervisor, Jurisdiction),
            (Role::Auditor, Jurisdiction),
            (Role::Administrator, Jurisdiction),
        ],
    ),
];

impl Action {
    /// Every action, in the table's order.
    pub fn all() -> impl Iterator<Item = Action> {
        ACTIONS.iter().map(|(a, _)| *a)
    }

    /// The action's name in refusals and documents.
    pub fn as_str(self) -> String {
        format!("{self:?}")
    }
}

/// The grants of `action`: roles and where they hold.
fn grants(action: Action) -> &'static [(Role, Scope)] {
    ACTIONS.iter().find(|(a, _)| *a == action).map_or(&[], |(_, g)| g)
}

/// The roles that may perform `action` somewhere (the system aside), in the table's order.
pub fn roles(action: Action) -> Vec<Role> {
    grants(action).iter().map(|(r, _)| *r).collect()
}

/// Where `role` may perform `action`, if anywhere.
pub fn scope(role: Role, action: Action) -> Option<Scope> {
    grants(action).iter().find(|(r, _)| *r == role).map(|(_, s)| *s)
}

/// Whether `role` may perform `action` somewhere.
pub fn permits(role: Role, action: Action) -> bool {
    role == Role::System || grants(action).iter().any(|(r, _)| *r == role)
}

/// What an action is performed on: the division it lies in, the entity it concerns, the team
/// it belongs to (the pseudonyms of a task's inspectors).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub division: Option<DivisionCode>,
    pub entity: Option<String>,
    pub team: Option<Vec<String>>,
}

impl Subject {
    /// Something in `division`.
    pub fn division(division: DivisionCode) -> Subject {
        Subject { division: Some(division), ..Subject::default() }
    }

    /// The entity `uscc`, registered (or handled) in `division` when known.
    pub fn entity(division: Option<DivisionCode>, uscc: &str) -> Subject {
        Subject { division, entity: Some(uscc.to_string()), team: None }
    }

    /// A task of a plan of `division`'s office, done by `team`.
    pub fn team(division: DivisionCode, team: &[String]) -> Subject {
        Subject { division: Some(division), entity: None, team: Some(team.to_vec()) }
    }
}

impl From<Option<DivisionCode>> for Subject {
    fn from(division: Option<DivisionCode>) -> Subject {
        Subject { division, ..Subject::default() }
    }
}

impl From<&Subject> for Subject {
    fn from(s: &Subject) -> Subject {
        s.clone()
    }
}

impl Scope {
    fn holds(self, actor: &Actor, s: &Subject) -> bool {
        let within = || match (actor.office, s.division) {
            (Some(office), Some(d)) => office.contains(d),
            (Some(_), None) => true,
            (None, _) => false,
        };
        match self {
            Anywhere => true,
            Jurisdiction => within(),
            Province => actor.office.is_some_and(|o| o.tier() == Tier::Province) && within(),
            OwnEntity => s.entity.is_some() && actor.pseudonym == s.entity,
            Team => {
                let area = match (actor.office, s.division) {
                    (Some(office), Some(d)) => office.contains(d) || d.contains(office),
                    (Some(_), None) => true,
                    (None, _) => false,
                };
                let member = s.team.as_ref().is_none_or(|t| actor.pseudonym.as_ref().is_some_and(|p| t.contains(p)));
                area && member
            }
        }
    }
}

/// The refusal: the one place `access_denied` is raised.
fn refused(actor: &Actor, action: Action, subject: &Subject) -> Error {
    let mut e = Error::new(Code::AccessDenied)
        .with("role", actor.role.as_str())
        .with("action", action.as_str())
        .with("division", subject.division.map_or_else(|| "-".to_string(), |d| d.to_string()));
    if let Some(entity) = &subject.entity {
        e = e.with("entity", entity.clone());
    }
    e
}

/// Whether `actor` may perform `action` on `subject` (a `Subject`, or just the division of
/// the thing acted on: `Some(division)`, or `None` for no particular one).
pub fn authorize(actor: &Actor, action: Action, subject: impl Into<Subject>) -> Result<()> {
    let subject = subject.into();
    if actor.role == Role::System {
        return Ok(());
    }
    let ok = grants(action).iter().any(|(role, scope)| *role == actor.role && scope.holds(actor, &subject));
    if ok { Ok(()) } else { Err(refused(actor, action, &subject)) }
}

/// Whether `actor`'s role may perform `action` at all (the route's check before the handler
/// knows the subject).
pub fn authorize_role(actor: &Actor, action: Action) -> Result<()> {
    if permits(actor.role, action) { Ok(()) } else { Err(refused(actor, action, &Subject::default())) }
}

/// The office `actor` acts for in `action`; refused for an actor without one.
pub fn office(actor: &Actor, action: Action) -> Result<DivisionCode> {
    authorize(actor, action, None)?;
    actor.office.ok_or_else(|| refused(actor, action, &Subject::default()))
}

/// The pseudonym `actor` acts under in `action` (an inspector's in the pool); refused for an
/// actor without one.
pub fn pseudonym(actor: &Actor, action: Action) -> Result<String> {
    actor.pseudonym.clone().ok_or_else(|| refused(actor, action, &Subject::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role, office: &str) -> Actor {
        Actor { role, office: Some(DivisionCode::parse(office).unwrap()), pseudonym: Some("s-1".into()) }
    }

    fn d(code: &str) -> DivisionCode {
        DivisionCode::parse(code).unwrap()
    }

    #[test]
    fn registrars_act_inside_their_jurisdiction_only() {
        let hongshan = Some(d("420111"));
        let yichang = Some(d("420500"));
        authorize(&staff(Role::Registrar, "420100"), Action::Register, hongshan).unwrap();
        authorize(&staff(Role::Registrar, "420000"), Action::Register, yichang).unwrap();
        let e = authorize(&staff(Role::Registrar, "420100"), Action::Register, yichang).unwrap_err();
        assert_eq!(e.code(), Code::AccessDenied);
        let e = authorize(&staff(Role::Inspector, "420000"), Action::Register, hongshan).unwrap_err();
        assert_eq!(e.code(), Code::AccessDenied);
        let public = Actor { role: Role::Public, office: None, pseudonym: None };
        authorize(&public, Action::CheckName, hongshan).unwrap();
        assert!(authorize(&public, Action::Register, hongshan).is_err());
    }

    use crate::tests::sources;

    /// `access_denied` is raised here and nowhere else in core, the store, `app` or the
    /// server: elsewhere the code may only be compared with.
    #[test]
    fn access_denied_is_raised_only_here() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        sources(&root.join("src"), &mut files);
        for other in ["core", "store", "server"] {
            sources(&root.join("..").join(other).join("src"), &mut files);
        }
        assert!(files.len() > 40, "{files:?}");
        let mut raised = Vec::new();
        for file in files.iter().filter(|f| !f.ends_with("app/src/access.rs")) {
            let text = std::fs::read_to_string(file).unwrap();
            for (n, line) in text.lines().enumerate() {
                // Compared with, or a pattern of a `match` arm: not raised.
                let compared = ["==", "!=", "matches!", "Code::AccessDenied =>", "| Code::AccessDenied"]
                    .iter()
                    .any(|c| line.contains(c));
                if line.contains("Code::AccessDenied") && !compared {
                    raised.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(raised.is_empty(), "access_denied raised outside app::access:\n{}", raised.join("\n"));
    }

    #[test]
    fn every_action_has_one_row() {
        let mut seen = std::collections::HashSet::new();
        for (a, grants) in ACTIONS {
            assert!(seen.insert(*a), "{a:?} twice");
            assert!(!grants.is_empty(), "{a:?} without roles");
            assert!(grants.iter().all(|(r, _)| *r != Role::System), "{a:?}: the system is not listed");
        }
    }

    #[test]
    fn an_enterprise_acts_on_its_own_entity_only() {
        let own = "91420111MA0000010X";
        let enterprise = Actor { role: Role::Enterprise, office: None, pseudonym: Some(own.into()) };
        authorize(&enterprise, Action::FileReport, Subject::entity(Some(d("420111")), own)).unwrap();
        let other = Subject::entity(Some(d("420111")), "91420111MA00000200");
        assert_eq!(authorize(&enterprise, Action::FileReport, &other).unwrap_err().code(), Code::AccessDenied);
        // No entity named: nothing of its own.
        assert!(authorize(&enterprise, Action::FileReport, None).is_err());
        // Staff by jurisdiction, whatever the entity.
        authorize(&staff(Role::Registrar, "420100"), Action::FileReport, &other).unwrap();
        assert!(authorize(&staff(Role::Registrar, "420500"), Action::FileReport, &other).is_err());
    }

    #[test]
    fn inspectors_act_on_their_teams_tasks_inside_the_plans_area() {
        let me = staff(Role::Inspector, "420111");
        let team = vec!["s-1".to_string(), "s-2".to_string()];
        // A plan of the city's office: the district's inspector is in its pool.
        authorize(&me, Action::RecordResult, Subject::team(d("420100"), &team)).unwrap();
        authorize(&me, Action::RecordResult, Some(d("420100"))).unwrap();
        let others = vec!["s-3".to_string()];
        assert!(authorize(&me, Action::RecordResult, Subject::team(d("420100"), &others)).is_err());
        assert!(authorize(&me, Action::RecordResult, Some(d("420500"))).is_err());
        // The planning office publishes without being on the team; inside its jurisdiction.
        authorize(&staff(Role::CreditOfficer, "420100"), Action::PublishResult, Subject::team(d("420100"), &others))
            .unwrap();
        assert!(authorize(&staff(Role::CreditOfficer, "420111"), Action::PublishResult, Some(d("420100"))).is_err());
    }

    #[test]
    fn the_item_list_is_the_provinces() {
        authorize(&staff(Role::Administrator, "420000"), Action::DefineItem, None).unwrap();
        assert!(authorize(&staff(Role::Administrator, "420100"), Action::DefineItem, None).is_err());
        assert!(authorize(&staff(Role::Registrar, "420000"), Action::DefineItem, None).is_err());
    }

    #[test]
    fn the_system_does_everything_and_roles_come_from_the_table() {
        for a in Action::all() {
            authorize(&Actor::system(), a, Some(d("420500"))).unwrap();
            assert!(!roles(a).is_empty());
        }
        assert_eq!(roles(Action::CreditRecord), vec![Role::CreditOfficer, Role::Administrator]);
        assert!(permits(Role::CaseOfficer, Action::CheckClue));
        assert!(!permits(Role::ComplaintHandler, Action::DecideClue));
        assert_eq!(
            authorize_role(&staff(Role::Inspector, "420000"), Action::Plan).unwrap_err().code(),
            Code::AccessDenied
        );
        assert!(
            office(&Actor { role: Role::ComplaintHandler, office: None, pseudonym: None }, Action::HandleComplaint)
                .is_err()
        );
    }
}
