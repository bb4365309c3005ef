//! The registrar's page for one entity: a change (变更登记, 市场主体登记管理条例 第二十四条) and
//! the lifecycle (歇业, 恢复营业, 注销, 吊销, 撤销 and their notices), inside the registrar's
//! jurisdiction; decided in `app` and the core's register rules, as for the API.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use shijian_app::Registry;
use shijian_core::entity::{Changes, EntityState};
use shijian_core::registry::{Command, Encumbrances, LifecycleAction};
use shijian_core::{Code, Error};

use crate::AppState;
use crate::auth::PageCaller;
use crate::extract::SignedForm;
use crate::form::FieldErrors;
use crate::html::{en_in, switch};
use crate::workbench::render;

#[derive(Template)]
#[template(path = "register_entity.html")]
struct EntityPage {
    en: bool,
    switch: String,
    csrf: String,
    uscc: String,
    name: String,
    status: String,
    representative: String,
    address: String,
    /// The lifecycle steps the entity's status allows, as (name, label).
    commands: Vec<(&'static str, &'static str)>,
    /// Whether the entity is still in the register, so that a change can be registered.
    exists: bool,
    notice: Option<String>,
    error: Option<String>,
    /// Each field's error, after a refusal (`change.on`, `lifecycle.until`, …).
    errors: FieldErrors,
    /// What was typed, kept after a refusal.
    change: ChangeForm,
    lifecycle: LifecycleForm,
}

impl EntityPage {
    /// The error beside `field`, if any.
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    /// Whether the lifecycle form had `action` chosen.
    fn chosen(&self, action: &str) -> bool {
        self.lifecycle.command == action
    }
}

fn build(page: &PageCaller, uri: &Uri, en: bool, state: &EntityState) -> EntityPage {
    let e = &state.entity;
    EntityPage {
        en,
        switch: switch(uri, en),
        csrf: page.csrf.clone().unwrap_or_default(),
        uscc: e.uscc.to_string(),
        name: e.name.clone(),
        status: if en { state.status.en().to_string() } else { state.status.zh().to_string() },
        representative: e.representative.clone(),
        address: e.address.clone(),
        commands: LifecycleAction::offered(&state.lifecycle(), crate::api::today())
            .into_iter()
            .map(|a| (a.as_str(), if en { a.en() } else { a.zh() }))
            .collect(),
        exists: state.status.exists(),
        notice: None,
        error: None,
        errors: FieldErrors::default(),
        change: ChangeForm { on: crate::api::today().to_string(), ..ChangeForm::default() },
        lifecycle: LifecycleForm { on: crate::api::today().to_string(), ..LifecycleForm::default() },
    }
}

/// `GET /workbench/entities/{uscc}`: the registrar's page for the entity.
pub async fn page(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Path(uscc): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, en);
    }
    let entity = match Registry::new(state.store()).for_registrar(&page.caller.actor, &uscc).await {
        Ok(s) => s,
        Err(e) => return crate::error::ApiError(e).into_response(),
    };
    let mut p = build(&page, &uri, en, &entity);
    let t = crate::text::T::new(en);
    if q.contains_key("done") {
        p.notice = Some(t.get("register_entity.done").to_string());
    }
    if q.contains_key("registered") {
        p.notice = Some(t.get("register_entity.registered").to_string());
    }
    if q.contains_key("similar") {
        // The new name passed with a warning: a similar or same-sounding name is registered
        // (企业名称登记管理规定 第十六条: the applicant bears the risk).
        let key = if q.contains_key("registered") {
            "register_entity.registered_similar"
        } else {
            "register_entity.done_similar"
        };
        p.notice = Some(t.get(key).to_string());
    }
    render(&p, StatusCode::OK)
}

/// The date typed into a field, or its error recorded beside `field`.
fn date(value: &str, field: &str, errors: &mut FieldErrors, en: bool) -> Option<NaiveDate> {
    errors.check(shijian_core::parse_date(value.trim()), field, "form.date", en)
}

/// The fields of the change form: the date and the new name, address, representative (blank:
/// unchanged). Kept as text so a bad date shows the page again naming the field.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    on: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    representative: String,
}

/// The fields of the lifecycle form: the command (a [`LifecycleAction`]'s name, parsed by the
/// handler so an unknown one shows the page again naming the field), its dates, and the
/// registrar's ticks of what stands in the way.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct LifecycleForm {
    #[serde(default)]
    command: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    until: String,
    under_investigation: Option<String>,
    unpaid_fine: Option<String>,
    equity_encumbered: Option<String>,
    /// Present on the confirmation page's post: a terminal step is recorded only then.
    confirmed: Option<String>,
    /// Present when the registrar goes back from the confirmation page to change the form.
    back: Option<String>,
}

/// The command chosen on the form, with its dates; every field's error recorded.
fn command_of(f: &LifecycleForm, errors: &mut FieldErrors, en: bool) -> Option<Command> {
    let on = date(&f.on, "lifecycle.on", errors, en);
    let action =
        errors.check(LifecycleAction::parse(f.command.trim()).ok_or(()), "lifecycle.command", "form.choose", en);
    let until = match action {
        Some(LifecycleAction::Suspend | LifecycleAction::ExtendSuspension) => {
            Some(date(&f.until, "lifecycle.until", errors, en)?)
        }
        _ => None,
    };
    errors.check(action?.command(on?, until).ok_or(()), "lifecycle.until", "form.date", en)
}

/// What a form came to: done (with whether the new name passed with a warning), or refused
/// with its fields' errors and the error above the form.
enum Outcome {
    Done(bool),
    Refused(FieldErrors, Option<Error>),
}

/// After a form: back to the page with a notice, or the page again with the errors beside
/// their fields and everything typed.
async fn answer(
    state: &AppState,
    page: &PageCaller,
    uri: &Uri,
    en: bool,
    uscc: &str,
    done: Outcome,
    typed: impl FnOnce(&mut EntityPage),
) -> Response {
    let done = match done {
        Outcome::Done(similar) => Ok(similar),
        Outcome::Refused(errors, Some(e)) if errors.is_empty() => Err((errors, e)),
        Outcome::Refused(errors, e) => {
            // Errors of the fields, and perhaps one of the whole form: shown together.
            let shown = e.unwrap_or_else(|| Error::new(Code::RequestInvalid).with("reason", "fields"));
            Err((errors, shown))
        }
    };
    match done {
        Ok(similar) => Redirect::to(&format!(
            "/workbench/entities/{uscc}?done=1{}{}",
            if similar { "&similar=1" } else { "" },
            if en { "&lang=en" } else { "" }
        ))
        .into_response(),
        Err((_, e)) if e.code() == Code::AccessDenied => crate::error::ApiError(e).into_response(),
        Err((errors, e)) => match Registry::new(state.store()).for_registrar(&page.caller.actor, uscc).await {
            Ok(entity) => {
                let mut p = build(page, uri, en, &entity);
                typed(&mut p);
                p.error = Some(if errors.is_empty() {
                    crate::form::message(&e, en)
                } else {
                    crate::form::summary(&errors, en)
                });
                p.errors = errors;
                render(&p, crate::error::status_of(&e))
            }
            Err(e) => crate::error::ApiError(e).into_response(),
        },
    }
}

/// The fields of `app`'s register errors, by the change form's names.
const CHANGE_FIELDS: &[(&str, &str)] =
    &[("name", "change.name"), ("address", "change.address"), ("representative", "change.representative")];

/// `POST /workbench/entities/{uscc}/change`: 变更登记 of the name, address or representative
/// (blank fields unchanged).
pub async fn change(
    State(state): State<AppState>,
    uri: Uri,
    Path(uscc): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form: f }: SignedForm<ChangeForm>,
) -> Response {
    let en = en_in(&q);
    let some = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let changes = Changes {
        name: some(&f.name),
        address: some(&f.address),
        representative: some(&f.representative),
        ..Changes::default()
    };
    let mut errors = FieldErrors::default();
    let done = match date(&f.on, "change.on", &mut errors, en) {
        None => Outcome::Refused(errors, None),
        Some(on) => {
            match Registry::new(state.store()).change(&page.caller.actor, &uscc, on, changes, chrono::Utc::now()).await
            {
                Ok((check, _)) => Outcome::Done(check.is_some_and(|c| c.verdict == shijian_app::names::Verdict::Warn)),
                Err(e) => {
                    // A refused name is about the name field, whatever its code says.
                    let name_refused = matches!(e.code(), Code::RegistryNameRefused | Code::NameNoDivision)
                        || e.code().as_str().starts_with("name_");
                    if name_refused {
                        errors.add("change.name", crate::form::beside(&e, en));
                    } else {
                        errors.place(&e, CHANGE_FIELDS, en);
                    }
                    Outcome::Refused(errors, Some(e))
                }
            }
        }
    };
    answer(&state, &page, &uri, en, &uscc, done, |p| p.change = f).await
}

/// `POST /workbench/entities/{uscc}/lifecycle`: a lifecycle command, with what the registrar
/// knows stands in the way (investigation, unpaid fine, encumbered equity); the lists are read
/// from the credit file.
pub async fn lifecycle(
    State(state): State<AppState>,
    uri: Uri,
    Path(uscc): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form: f }: SignedForm<LifecycleForm>,
) -> Response {
    let en = en_in(&q);
    let encumbrances = Encumbrances {
        under_investigation: f.under_investigation.is_some(),
        unpaid_fine: f.unpaid_fine.is_some(),
        equity_encumbered: f.equity_encumbered.is_some(),
        ..Default::default()
    };
    if f.back.is_some() {
        // Back from the confirmation: the form again, as it was filled in.
        return answer_typed(&state, &page, &uri, en, &uscc, |p| p.lifecycle = f).await;
    }
    let mut errors = FieldErrors::default();
    let done = match command_of(&f, &mut errors, en) {
        None => Outcome::Refused(errors, None),
        Some(command) => {
            let registry = Registry::new(state.store());
            let terminal = LifecycleAction::parse(&f.command).is_some_and(LifecycleAction::is_terminal);
            if terminal && f.confirmed.is_none() {
                // 注销, 吊销, 撤销, 强制注销: decided now but recorded only once confirmed.
                match registry.check_lifecycle(&page.caller.actor, &uscc, &command, &encumbrances).await {
                    Ok(decision) => return confirmation(&state, &page, &uri, en, &uscc, f, decision.basis).await,
                    Err(e) => Outcome::Refused(errors, Some(e)),
                }
            } else {
                match registry.lifecycle(&page.caller.actor, &uscc, &command, &encumbrances, chrono::Utc::now()).await {
                    Ok(_) => Outcome::Done(false),
                    Err(e) => Outcome::Refused(errors, Some(e)),
                }
            }
        }
    };
    answer(&state, &page, &uri, en, &uscc, done, |p| p.lifecycle = f).await
}

/// The entity's page again with what was typed, and no error.
async fn answer_typed(
    state: &AppState,
    page: &PageCaller,
    uri: &Uri,
    en: bool,
    uscc: &str,
    typed: impl FnOnce(&mut EntityPage),
) -> Response {
    match Registry::new(state.store()).for_registrar(&page.caller.actor, uscc).await {
        Ok(entity) => {
            let mut p = build(page, uri, en, &entity);
            typed(&mut p);
            render(&p, StatusCode::OK)
        }
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

/// The confirmation asked before a terminal step: the step, the entity, the consequences in
/// words with their legal basis, and the form's fields carried over to the confirming post.
#[derive(Template)]
#[template(path = "register_confirm.html")]
struct ConfirmPage {
    en: bool,
    switch: String,
    csrf: String,
    uscc: String,
    name: String,
    status: String,
    action: &'static str,
    /// The basis the register's rules give for the step (a law's title and article, in zh-CN).
    basis: &'static str,
    /// The catalogue's keys of the consequences, in order.
    consequences: &'static [&'static str],
    form: LifecycleForm,
}

/// What a terminal step brings about, as catalogue keys: the entity ends (or, revoked, may no
/// longer trade), its name's protection for a year after (企业名称登记管理规定 第十七条), the
/// publicity (企业信息公示暂行条例 第六条) and what can still undo it (市场主体登记管理条例 第四十条
/// for a registration obtained by fraud; review of the penalty for a revocation, 行政处罚法
/// 第七条).
fn consequences(action: LifecycleAction) -> &'static [&'static str] {
    match action {
        LifecycleAction::Revoke => &[
            "register_confirm.revoke_stops",
            "register_confirm.revoke_then",
            "register_confirm.public",
            "register_confirm.final_revoke",
        ],
        // 条例 第四十条 (the 3-year bar on those responsible is in the same article; the
        // paragraph was not re-read against the official text).
        LifecycleAction::Annul => &[
            "register_confirm.annul_ends",
            "register_confirm.name_protected_annulled",
            "register_confirm.annul_barred",
            "register_confirm.public",
            "register_confirm.final",
        ],
        _ => &[
            "register_confirm.ends",
            "register_confirm.name_protected",
            "register_confirm.public",
            "register_confirm.final",
        ],
    }
}

async fn confirmation(
    state: &AppState,
    page: &PageCaller,
    uri: &Uri,
    en: bool,
    uscc: &str,
    form: LifecycleForm,
    basis: &'static str,
) -> Response {
    let _ = uri;
    let Some(action) = LifecycleAction::parse(&form.command) else {
        return crate::error::ApiError(Error::new(Code::RequestInvalid).with("field", "command")).into_response();
    };
    match Registry::new(state.store()).for_registrar(&page.caller.actor, uscc).await {
        Ok(entity) => {
            let p = ConfirmPage {
                en,
                // The other language's link leads to the entity's page: this one answers a post.
                switch: format!("/workbench/entities/{uscc}{}", if en { "" } else { "?lang=en" }),
                csrf: page.csrf.clone().unwrap_or_default(),
                uscc: entity.entity.uscc.to_string(),
                name: entity.entity.name.clone(),
                status: if en { entity.status.en().to_string() } else { entity.status.zh().to_string() },
                action: if en { action.en() } else { action.zh() },
                basis,
                consequences: consequences(action),
                form,
            };
            render(&p, StatusCode::OK)
        }
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get, post};
    use shijian_app::access::Action;
    vec![
        route(
            "GET",
            "/workbench/entities/{uscc}",
            Access::Action(Action::Register),
            "登记员办理页面：变更、歇业、注销等 / the registrar's page for an entity",
            &[("lang", false), ("done", false), ("registered", false), ("similar", false)],
            || get(page),
        ),
        route(
            "POST",
            "/workbench/entities/{uscc}/change",
            Access::Action(Action::Register),
            "变更登记（表单）/ register a change (form)",
            &[("lang", false)],
            || post(change),
        ),
        route(
            "POST",
            "/workbench/entities/{uscc}/lifecycle",
            Access::Action(Action::Register),
            "歇业、注销等（表单）/ a lifecycle step (form)",
            &[("lang", false)],
            || post(lifecycle),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lifecycle form parses into its struct: ticked boxes are present, unticked ones
    /// absent, and the command with its dates is read from the typed fields.
    #[test]
    fn lifecycle_form_is_typed() {
        let f: LifecycleForm =
            serde_html_form::from_str("csrf=x&command=suspend&on=2026-01-05&until=2026-06-30&unpaid_fine=on").unwrap();
        assert!(f.unpaid_fine.is_some() && f.under_investigation.is_none() && f.equity_encumbered.is_none());
        let mut errors = FieldErrors::default();
        assert!(command_of(&f, &mut errors, false).is_some() && errors.is_empty());
        let f: LifecycleForm = serde_html_form::from_str("csrf=x&command=suspend&on=2026-01-05").unwrap();
        assert!(command_of(&f, &mut errors, false).is_none());
        assert_eq!(errors.get("lifecycle.until"), Some("请填写有效日期（年-月-日）"));
        // Every field's error at once: a bad date and no command.
        let f: LifecycleForm = serde_html_form::from_str("csrf=x&command=&on=2026-02-30").unwrap();
        let mut errors = FieldErrors::default();
        assert!(command_of(&f, &mut errors, true).is_none());
        assert_eq!(
            (errors.get("lifecycle.on"), errors.get("lifecycle.command")),
            (Some("Enter a valid date (year-month-day)"), Some("Choose from the list"))
        );
        let f: ChangeForm = serde_html_form::from_str("csrf=x&on=2026-01-05&name=%20").unwrap();
        assert_eq!((f.name.trim(), f.address.as_str()), ("", ""));
    }
}
