//! 设立登记 in the browser (市场主体登记管理条例 第十九条): the registrar's form for a new entity,
//! its name checked on submit (and as it is typed, by `static/register.js`), its business scope
//! chosen from the catalogue, its unified social credit code issued by the register when it is
//! recorded ([`shijian_app::registry::next_code`], GB 32100-2015).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use shijian_app::Registry;
use shijian_app::access::Action;
use shijian_core::entity::Entity;
use shijian_core::registry::EntityKind;
use shijian_core::scope::{ScopeCatalogue, ScopeCategory};
use shijian_core::{Code, DivisionCode, Error};

use crate::AppState;
use crate::auth::PageCaller;
use crate::extract::SignedForm;
use crate::form::FieldErrors;
use crate::html::{en_in, switch};
use crate::workbench::render;

/// The kinds a registrar registers on this form. A branch (分支机构) is left out: it names the
/// enterprise it belongs to (企业名称登记管理规定 第十三条), which this form does not ask.
const KINDS: &[EntityKind] = &[
    EntityKind::LimitedCompany,
    EntityKind::JointStockCompany,
    EntityKind::GeneralPartnership,
    EntityKind::SpecialGeneralPartnership,
    EntityKind::LimitedPartnership,
    EntityKind::SoleProprietorship,
    EntityKind::ForeignInvested,
    EntityKind::IndividualBusiness,
    EntityKind::FarmerCooperative,
];

/// The sections of GB/T 4754-2017 the catalogue's items are grouped under (the first letter of
/// shijian's item codes), each with the catalogue key of its name.
const SECTIONS: &[(char, &str)] = &[
    ('A', "register_new.section_a"),
    ('C', "register_new.section_c"),
    ('D', "register_new.section_d"),
    ('E', "register_new.section_e"),
    ('F', "register_new.section_f"),
    ('G', "register_new.section_g"),
    ('H', "register_new.section_h"),
    ('I', "register_new.section_i"),
    ('K', "register_new.section_k"),
    ('L', "register_new.section_l"),
    ('M', "register_new.section_m"),
    ('N', "register_new.section_n"),
    ('O', "register_new.section_o"),
    ('P', "register_new.section_p"),
    ('Q', "register_new.section_q"),
    ('R', "register_new.section_r"),
];

/// The fields of the form, kept as typed so that a refusal shows them again.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct NewEntityForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    office: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    representative: String,
    /// 注册资本（出资额）in 万元.
    #[serde(default)]
    capital: String,
    #[serde(default)]
    established_on: String,
    /// The catalogue items ticked, by code.
    #[serde(default)]
    scope: Vec<String>,
}

/// One group of the catalogue's items on the form.
struct ScopeGroup {
    id: String,
    label: &'static str,
    /// Open when an item in it is ticked.
    open: bool,
    /// (code, wording, licensed, ticked).
    items: Vec<(String, String, bool, bool)>,
}

#[derive(Template)]
#[template(path = "register_new.html")]
struct NewEntityPage {
    en: bool,
    switch: String,
    csrf: String,
    form: NewEntityForm,
    /// (code, label) of each kind offered.
    kinds: Vec<(&'static str, &'static str)>,
    /// (code, name) of the offices of the registrar's jurisdiction.
    offices: Vec<(String, String)>,
    groups: Vec<ScopeGroup>,
    error: Option<String>,
    errors: FieldErrors,
}

impl NewEntityPage {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }
}

/// The offices a registrar of `office` registers for: its own and every one below it.
fn offices(office: DivisionCode) -> Vec<(String, String)> {
    DivisionCode::all().filter(|d| office.contains(d.code)).map(|d| (d.code.to_string(), d.code.full_name())).collect()
}

fn build(page: &PageCaller, uri: &Uri, en: bool, office: DivisionCode, form: NewEntityForm) -> NewEntityPage {
    let catalogue = ScopeCatalogue::builtin();
    let mut groups: Vec<ScopeGroup> = SECTIONS
        .iter()
        .map(|(c, label)| ScopeGroup { id: c.to_ascii_lowercase().to_string(), label, open: false, items: Vec::new() })
        .collect();
    groups.push(ScopeGroup { id: "other".into(), label: "register_new.section_other", open: false, items: Vec::new() });
    for item in catalogue.items() {
        let code = item.code.as_str();
        let first = code.chars().next().unwrap_or('?');
        let at = SECTIONS.iter().position(|(c, _)| *c == first).unwrap_or(SECTIONS.len());
        let ticked = form.scope.iter().any(|s| s == code);
        let group = &mut groups[at];
        group.open |= ticked;
        group.items.push((code.to_string(), item.wording.clone(), item.category == ScopeCategory::Licensed, ticked));
    }
    groups.retain(|g| !g.items.is_empty());
    NewEntityPage {
        en,
        switch: switch(uri, en),
        csrf: page.csrf.clone().unwrap_or_default(),
        kinds: KINDS.iter().map(|k| (k.as_str(), if en { k.en() } else { k.zh() })).collect(),
        offices: offices(office),
        groups,
        form,
        error: None,
        errors: FieldErrors::default(),
    }
}

/// The registrar's office, or the page's answer to a caller who may not register.
fn office_of(page: &PageCaller) -> Result<DivisionCode, Error> {
    shijian_app::access::office(&page.caller.actor, Action::Register)
}

/// `GET /workbench/entities/new[?office=…]`: the form, empty, dated today, in the registrar's
/// own office (or the office asked for, inside the jurisdiction).
pub async fn form(
    State(_state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, en);
    }
    let office = match office_of(&page) {
        Ok(o) => o,
        Err(e) => return crate::error::ApiError(e).into_response(),
    };
    // An office asked for in the address (a link from an office's own page) is chosen, if it
    // is inside the registrar's jurisdiction.
    let chosen = match q.get("office").map(|o| DivisionCode::parse(o.trim())) {
        None | Some(Err(_)) => office,
        Some(Ok(o)) => match shijian_app::access::authorize(&page.caller.actor, Action::Register, Some(o)) {
            Ok(()) => o,
            Err(e) => return crate::error::ApiError(e).into_response(),
        },
    };
    let typed = NewEntityForm {
        office: chosen.to_string(),
        established_on: crate::api::today().to_string(),
        ..NewEntityForm::default()
    };
    render(&build(&page, &uri, en, office, typed), StatusCode::OK)
}

/// The fields of `app`'s register errors, by the form's names.
const FIELDS: &[(&str, &str)] = &[
    ("name", "name"),
    ("address", "address"),
    ("representative", "representative"),
    ("capital", "capital"),
    ("scope", "scope"),
    ("scope_text", "scope"),
];

/// The entity the form describes (its code left for the register to issue), with every
/// field's error recorded.
fn entity_of(f: &NewEntityForm, offices: &[(String, String)], errors: &mut FieldErrors, en: bool) -> Option<Entity> {
    let t = crate::text::T::new(en);
    let kind =
        errors.check(KINDS.iter().copied().find(|k| k.as_str() == f.kind.trim()).ok_or(()), "kind", "form.choose", en);
    let office = errors.check(
        offices
            .iter()
            .find(|(c, _)| *c == f.office.trim())
            .ok_or(())
            .and_then(|(c, _)| DivisionCode::parse(c).map_err(|_| ())),
        "office",
        "form.choose",
        en,
    );
    for (field, value) in [("name", &f.name), ("address", &f.address), ("representative", &f.representative)] {
        if value.trim().is_empty() {
            errors.add(field, t.get("form.required"));
        }
    }
    let on = errors.check(shijian_core::parse_date(f.established_on.trim()), "established_on", "form.date", en);
    let capital = Some(f.capital.trim().to_string()).filter(|c| !c.is_empty());
    if let Some(c) = &capital {
        errors.check(shijian_core::entity::check_amount("capital", c), "capital", "form.amount", en);
    } else if kind.is_some_and(|k| {
        matches!(k, EntityKind::LimitedCompany | EntityKind::JointStockCompany | EntityKind::ForeignInvested)
    }) {
        // 公司法 第四十七条、第九十六条: a company registers its capital.
        errors.add("capital", t.get("register_new.capital_required"));
    }
    if f.scope.is_empty() {
        errors.add("scope", t.get("register_new.choose_scope"));
    }
    let (kind, office, on) = (kind?, office?, on?);
    if !errors.is_empty() {
        return None;
    }
    // A placeholder the register replaces with the code it issues.
    let placeholder = shijian_app::registry::next_code(None, kind, office).ok()?;
    Some(Entity {
        uscc: placeholder,
        name: f.name.trim().to_string(),
        kind,
        representative: f.representative.trim().to_string(),
        capital,
        currency: "CNY".into(),
        established_on: on,
        authority: office,
        address: f.address.trim().to_string(),
        scope: f.scope.clone(),
        scope_text: String::new(),
        industry: main_industry(&f.scope),
        parent: None,
    })
}

/// The main industry (GB/T 4754-2017) recorded with the entity: that of the first item ticked,
/// in the catalogue's order (the form lists the items so). [M] The form does not ask for the
/// main industry on its own; the first item standing for it is this program's choice, so that a
/// new entity is in the industries random inspections draw by (抽查 plans scoped by industry).
fn main_industry(scope: &[String]) -> Option<shijian_core::IndustryCode> {
    let catalogue = ScopeCatalogue::builtin();
    catalogue.items().find(|i| scope.iter().any(|s| s == i.code.as_str())).map(|i| i.industry)
}

/// `POST /workbench/entities/new`: registers the entity, its code issued by the register; on
/// success the new entity's page, which shows the code; else the form again with each error
/// beside its field and everything typed.
pub async fn submit(
    State(state): State<AppState>,
    uri: Uri,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form: f }: SignedForm<NewEntityForm>,
) -> Response {
    let en = en_in(&q);
    let office = match office_of(&page) {
        Ok(o) => o,
        Err(e) => return crate::error::ApiError(e).into_response(),
    };
    // An office outside the jurisdiction (not one the form lists) is refused as such.
    if let Ok(chosen) = DivisionCode::parse(f.office.trim())
        && let Err(e) = shijian_app::access::authorize(&page.caller.actor, Action::Register, Some(chosen))
    {
        return crate::error::ApiError(e).into_response();
    }
    let offices = offices(office);
    let mut errors = FieldErrors::default();
    let refused = match entity_of(&f, &offices, &mut errors, en) {
        None => None,
        Some(entity) => {
            let today = crate::api::today();
            let registry = Registry::new(state.store());
            match registry.register_issuing(&page.caller.actor, entity, None, today, chrono::Utc::now()).await {
                Ok((check, _, uscc)) => {
                    let similar = check.verdict == shijian_app::Verdict::Warn;
                    return Redirect::to(&format!(
                        "/workbench/entities/{uscc}?registered=1{}{}",
                        if similar { "&similar=1" } else { "" },
                        if en { "&lang=en" } else { "" }
                    ))
                    .into_response();
                }
                Err(e) if e.code() == Code::AccessDenied => return crate::error::ApiError(e).into_response(),
                Err(e) => {
                    let name_refused = matches!(e.code(), Code::RegistryNameRefused | Code::NameNoDivision)
                        || e.code().as_str().starts_with("name_");
                    if name_refused {
                        errors.add("name", crate::form::beside(&e, en));
                    } else if !errors.place(&e, FIELDS, en) {
                        return page_again(
                            &page,
                            &uri,
                            en,
                            office,
                            f,
                            errors,
                            Some(crate::form::message(&e, en)),
                            crate::error::status_of(&e),
                        );
                    }
                    Some(e)
                }
            }
        }
    };
    let status = refused.as_ref().map_or(StatusCode::BAD_REQUEST, crate::error::status_of);
    let summary = crate::form::summary(&errors, en);
    page_again(&page, &uri, en, office, f, errors, Some(summary), status)
}

#[allow(clippy::too_many_arguments)]
fn page_again(
    page: &PageCaller,
    uri: &Uri,
    en: bool,
    office: DivisionCode,
    f: NewEntityForm,
    errors: FieldErrors,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let mut p = build(page, uri, en, office, f);
    p.errors = errors;
    p.error = error;
    render(&p, status)
}

/// This module's entry on the workbench's menu: 设立登记, for registrars.
pub(crate) fn workbench() -> Vec<crate::Entry> {
    vec![crate::Entry {
        path: "/workbench/entities/new",
        id: "register-new",
        label: "workbench.register_a_new_entity",
        actions: &[Action::Register],
    }]
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get, post};
    vec![
        route(
            "GET",
            "/workbench/entities/new",
            Access::Action(Action::Register),
            "设立登记页面 / the form to register a new entity",
            &[("lang", false), ("office", false)],
            || get(form),
        ),
        route(
            "POST",
            "/workbench/entities/new",
            Access::Action(Action::Register),
            "设立登记（表单）/ register a new entity (form)",
            &[("lang", false)],
            || post(submit),
        ),
    ]
}
