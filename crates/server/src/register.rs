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
use shijian_core::{Code, Error, Lang};

use crate::AppState;
use crate::auth::PageCaller;
use crate::enterprise::field_error;
use crate::extract::SignedForm;
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
    today: String,
    commands: Vec<(&'static str, &'static str)>,
    notice: Option<String>,
    error: Option<String>,
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
        today: crate::api::today().to_string(),
        commands: LifecycleAction::ALL.iter().map(|a| (a.as_str(), if en { a.en() } else { a.zh() })).collect(),
        notice: None,
        error: None,
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
        return Redirect::to(if en { "/signin?lang=en" } else { "/signin" }).into_response();
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

/// The date typed into the field `name` (`value`).
fn date(value: &str, name: &str) -> Result<NaiveDate, Error> {
    shijian_core::parse_date(value.trim()).map_err(|_| field_error(name))
}

/// The fields of the change form: the date and the new name, address, representative (blank:
/// unchanged). Kept as text so a bad date shows the page again naming the field.
#[derive(Deserialize)]
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
#[derive(Deserialize)]
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

/// The command chosen on the form, with its dates.
fn command_of(f: &LifecycleForm) -> Result<Command, Error> {
    let on = date(&f.on, "on")?;
    let action = LifecycleAction::parse(f.command.trim()).ok_or_else(|| field_error("command"))?;
    let until = match action {
        LifecycleAction::Suspend | LifecycleAction::ExtendSuspension => Some(date(&f.until, "until")?),
        _ => None,
    };
    action.command(on, until).ok_or_else(|| field_error("until"))
}

/// After a form: back to the page with a notice, or the page again with the refusal.
async fn answer(
    state: &AppState,
    page: &PageCaller,
    uri: &Uri,
    en: bool,
    uscc: &str,
    done: Result<bool, Error>,
) -> Response {
    match done {
        Ok(similar) => Redirect::to(&format!(
            "/workbench/entities/{uscc}?done=1{}{}",
            if similar { "&similar=1" } else { "" },
            if en { "&lang=en" } else { "" }
        ))
        .into_response(),
        Err(e) if e.code() == Code::AccessDenied => crate::error::ApiError(e).into_response(),
        Err(e) => match Registry::new(state.store()).for_registrar(&page.caller.actor, uscc).await {
            Ok(entity) => {
                let mut p = build(page, uri, en, &entity);
                p.error = Some(e.message(if en { Lang::En } else { Lang::Zh }));
                render(&p, crate::error::status_of(&e))
            }
            Err(e) => crate::error::ApiError(e).into_response(),
        },
    }
}

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
    let done = async {
        let on = date(&f.on, "on")?;
        let (check, _) =
            Registry::new(state.store()).change(&page.caller.actor, &uscc, on, changes, chrono::Utc::now()).await?;
        Ok(check.is_some_and(|c| c.verdict == shijian_app::names::Verdict::Warn))
    }
    .await;
    answer(&state, &page, &uri, en, &uscc, done).await
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
    let done = async {
        let command = command_of(&f)?;
        let registry = Registry::new(state.store());
        registry.lifecycle(&page.caller.actor, &uscc, &command, &encumbrances, chrono::Utc::now()).await?;
        Ok(false)
    }
    .await;
    answer(&state, &page, &uri, en, &uscc, done).await
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
        assert!(command_of(&f).is_ok());
        let f: LifecycleForm = serde_html_form::from_str("csrf=x&command=suspend&on=2026-01-05").unwrap();
        assert_eq!(command_of(&f).unwrap_err().detail("field"), Some("until"));
        let f: ChangeForm = serde_html_form::from_str("csrf=x&on=2026-01-05&name=%20").unwrap();
        assert_eq!((f.name.trim(), f.address.as_str()), ("", ""));
    }
}
