//! Authorisation: who may do what, where. Decided here for every caller.
//!
//! Staff act only inside their jurisdiction: the division of their office contains the
//! division of the thing acted on (a province office everything in the province, a city office
//! its districts and counties, a county office itself).

use shijian_core::event::{Actor, Role};
use shijian_core::{Code, DivisionCode, Error, Result};

/// What an actor asks to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// 设立、变更、备案、歇业、注销登记 and the other register actions.
    Register,
    /// Name self-declaration check (anyone) and reservation.
    CheckName,
    ReserveName,
    /// Filing an annual report or instant information (the enterprise itself, or staff).
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
    /// The inspection item list and the inspector pool (双随机: 一单、两库).
    ManageInspection,
    /// Inspection plans: draft, publish, draw, publish results.
    Plan,
    /// Inspectors' own work: conflicts, results of their tasks.
    Inspect,
    /// Taking in complaints and reports entered by staff or sent by another platform (the
    /// public uses the web form, which needs no account).
    EnterComplaint,
    /// A complaint's or report's procedure at the office: match, route, accept, mediate, decide.
    HandleComplaint,
    /// The ODR scheme's membership (the office; an enterprise joins or leaves for itself).
    ManageOdr,
    /// Reading the analysis of complaints and publishing consumer warnings from it.
    AnalyseComplaints,
    /// Reading and deciding the case clues drawn from complaints (诉转案).
    CheckClue,
}

fn refused(actor: &Actor, action: Action, division: Option<DivisionCode>) -> Error {
    Error::new(Code::AccessDenied)
        .with("role", actor.role.as_str())
        .with("action", format!("{action:?}"))
        .with("division", division.map_or_else(|| "-".to_string(), |d| d.to_string()))
}

/// Whether `actor` may perform `action` on something in `division`.
pub fn authorize(actor: &Actor, action: Action, division: Option<DivisionCode>) -> Result<()> {
    let within = || match (actor.office, division) {
        (Some(office), Some(d)) => office.contains(d),
        (Some(_), None) => true,
        (None, _) => false,
    };
    let ok = match (action, actor.role) {
        (Action::CheckName, _) => true,
        (_, Role::System) => true,
        (Action::Register, Role::Registrar | Role::Administrator) => within(),
        (Action::ReserveName, Role::Public | Role::Enterprise) => true,
        (Action::ReserveName, Role::Registrar | Role::Administrator) => within(),
        (Action::FileReport, Role::Registrar | Role::CreditOfficer | Role::Administrator) => within(),
        (Action::CreditRecord, Role::CreditOfficer | Role::Administrator) => within(),
        (Action::Classify, Role::CreditOfficer | Role::Administrator) => within(),
        (Action::ManageAccounts, Role::Administrator) => within(),
        (Action::ManageInspection, Role::Administrator) => within(),
        (Action::Plan, Role::CreditOfficer | Role::Administrator) => within(),
        (Action::Inspect, Role::Inspector) => within(),
        (Action::EnterComplaint | Action::HandleComplaint, Role::ComplaintHandler | Role::Administrator) => within(),
        (Action::ManageOdr, Role::ComplaintHandler | Role::Administrator) => within(),
        (Action::AnalyseComplaints, Role::ComplaintHandler | Role::Supervisor | Role::Administrator) => within(),
        (Action::CheckClue, Role::CaseOfficer | Role::ComplaintHandler | Role::Administrator) => within(),
        (Action::ReadRegister, Role::Public | Role::Enterprise) => false,
        (Action::ReadRegister, _) => within(),
        _ => false,
    };
    if ok { Ok(()) } else { Err(refused(actor, action, division)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role, office: &str) -> Actor {
        Actor { role, office: Some(DivisionCode::parse(office).unwrap()), pseudonym: Some("s-1".into()) }
    }

    #[test]
    fn registrars_act_inside_their_jurisdiction_only() {
        let hongshan = Some(DivisionCode::parse("420111").unwrap());
        let yichang = Some(DivisionCode::parse("420500").unwrap());
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
}
