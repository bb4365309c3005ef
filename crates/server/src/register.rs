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
    commands: Vec<(&'static str, &'static str)>,
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
        commands: LifecycleAction::ALL.iter().map(|a| (a.as_str(), if en { a.en() } else { a.zh() })).collect(),
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
    if q.contains_key("done") {
        p.notice = Some(if en { "Registered." } else { "已办理。" }.to_string());
    }
    if q.contains_key("similar") {
        // The new name passed with a warning: a similar or same-sounding name is registered.
        p.notice = Some(
            if en {
                "Registered. Warning: the new name is similar to a registered name (e.g. the same sound); the applicant bears the risk."
            } else {
                "已办理。提示：新名称与已登记的名称近似（如读音相同），由申请人自担风险（企业名称登记管理规定 第十六条）。"
            }
            .to_string(),
        );
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
    let mut errors = FieldErrors::default();
    let done = match command_of(&f, &mut errors, en) {
        None => Outcome::Refused(errors, None),
        Some(command) => {
            let registry = Registry::new(state.store());
            match registry.lifecycle(&page.caller.actor, &uscc, &command, &encumbrances, chrono::Utc::now()).await {
                Ok(_) => Outcome::Done(false),
                Err(e) => Outcome::Refused(errors, Some(e)),
            }
        }
    };
    answer(&state, &page, &uri, en, &uscc, done, |p| p.lifecycle = f).await
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
            &[("lang", false), ("done", false)],
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
