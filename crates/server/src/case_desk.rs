//! The enforcement desk on the workbench (`/workbench/cases`): an office's open clues and cases
//! with their clocks, the overdue first; the reviewers' queue and the leadership's collective
//! decisions; a form to receive a clue; and a case's page with its record, its limits, its
//! documents and a form for each step the procedure allows now (the review opinion for
//! reviewers only). What may be done, by whom and where is decided in `app::case`, as for the
//! API: each form is turned into the API's step (`StepInput`) and refused with the same errors,
//! shown beside their fields with everything typed kept.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{Map, Value};
use shijian_app::access::{Action, permits};
use shijian_app::case::{CaseView, PenaltyInput, Queue, StepInput};
use shijian_core::case::benchmark::{Benchmarks, Circumstance};
use shijian_core::case::procedure::*;
use shijian_core::{Code, DivisionCode, Error};

use crate::AppState;
use crate::api::today;
use crate::auth::PageCaller;
use crate::case::cases;
use crate::extract::{SignedForm, SignedUpload};
use crate::form::FieldErrors;
use crate::html::{due_text, en_in, switch};
use crate::workbench::render;

/// Rows of the desk a page shows.
const DESK_PAGE: usize = 50;

// ----- the fields of the forms -----

/// How a field is entered, and how its text becomes the API's value.
#[derive(Clone, Copy)]
enum Input {
    Text,
    Area,
    Date,
    /// A whole number (yuan, a count, a measure's number).
    Int,
    Check,
    /// Yes or no, chosen (no default).
    YesNo,
    Choice(fn(bool) -> Vec<(String, String)>),
    /// Several of a list, as checkboxes.
    Multi(fn(bool) -> Vec<(String, String)>),
    /// A list typed with commas between its items.
    List,
}

/// One field of a form: its name (dots nest it: `penalty.row`), the catalogue key of its label,
/// how it is entered and whether it must be filled.
#[derive(Clone, Copy)]
struct Spec {
    name: &'static str,
    label: &'static str,
    input: Input,
    required: bool,
}

const fn f(name: &'static str, label: &'static str, input: Input, required: bool) -> Spec {
    Spec { name, label, input, required }
}

fn labels<E: Copy>(
    all: &[E],
    code: fn(E) -> &'static str,
    zh: fn(E) -> &'static str,
    en: fn(E) -> &'static str,
    lang_en: bool,
) -> Vec<(String, String)> {
    all.iter().map(|x| (code(*x).to_string(), if lang_en { en(*x) } else { zh(*x) }.to_string())).collect()
}

macro_rules! choices {
    ($name:ident, $ty:ty) => {
        fn $name(en: bool) -> Vec<(String, String)> {
            labels(<$ty>::ALL, <$ty>::as_str, <$ty>::zh, <$ty>::en, en)
        }
    };
}

choices!(pause_reasons, PauseReason);
choices!(not_filed_grounds, NotFiledGround);
choices!(evidence_kinds, EvidenceKind);
choices!(measure_kinds, MeasureKind);
choices!(review_kinds, ReviewKind);
choices!(service_methods, ServiceMethod);
choices!(change_bys, ChangeBy);
choices!(publicity_ends, PublicityEnd);
choices!(source_kinds, SourceKind);
choices!(party_kinds, PartyKind);
choices!(circumstances, Circumstance);

/// The benchmark rows in force today, by field and name.
fn rows(en: bool) -> Vec<(String, String)> {
    let Ok(b) = Benchmarks::shipped().applicable(today()) else { return Vec::new() };
    b.rows()
        .iter()
        .map(|r| {
            let (field, name) = if en { (r.field.en(), r.en.as_str()) } else { (r.field.zh(), r.zh.as_str()) };
            (r.code.clone(), format!("{field} · {name}"))
        })
        .collect()
}

/// The fields of a penalty (the benchmark row and the facts it is computed from, and a
/// departure from its proposal); `required`: whether the row must be chosen.
fn penalty_fields(required: bool) -> Vec<Spec> {
    vec![
        f("penalty.row", "case.f.row", Input::Choice(rows), required),
        f("penalty.goods_value_yuan", "case.f.goods_value_yuan", Input::Int, false),
        f("penalty.illegal_gains_yuan", "case.f.illegal_gains_yuan", Input::Int, false),
        f("penalty.circumstances", "case.f.circumstances", Input::Multi(circumstances), false),
        f("penalty.fine_yuan", "case.f.fine_yuan", Input::Int, false),
        f("penalty.departure_reason", "case.f.departure_reason", Input::Area, false),
        f("penalty.departure_approved_by", "case.f.departure_approved_by", Input::Text, false),
        f("penalty.facts", "case.f.penalty_facts", Input::Area, false),
    ]
}

/// The fields of a step's form.
fn step_fields(step: Step) -> Vec<Spec> {
    use Input::*;
    match step {
        Step::ExtendCheck => {
            vec![f("approved_by", "case.f.approved_by", Text, true), f("reason", "case.f.reason", Area, true)]
        }
        Step::Pause => {
            vec![f("reason", "case.f.pause_reason", Choice(pause_reasons), true), f("note", "case.f.note", Area, false)]
        }
        Step::File => vec![
            f("approved_by", "case.f.approved_by", Text, true),
            f("officers", "case.f.officers", List, true),
            f("row", "case.f.row", Choice(rows), false),
        ],
        Step::NotFile => vec![
            f("ground", "case.f.ground", Choice(not_filed_grounds), true),
            f("reason", "case.f.reason", Area, true),
            f("approved_by", "case.f.approved_by", Text, true),
        ],
        Step::AddEvidence => {
            vec![f("kind", "case.f.evidence_kind", Choice(evidence_kinds), true), f("note", "case.f.note", Area, false)]
        }
        Step::TakeMeasure => vec![
            f("kind", "case.f.measure_kind", Choice(measure_kinds), true),
            f("approved_by", "case.f.approved_by", Text, true),
            f("items", "case.f.items", Area, true),
        ],
        Step::ExtendMeasure => {
            vec![f("measure", "case.f.measure", Int, true), f("approved_by", "case.f.approved_by", Text, true)]
        }
        Step::EndMeasure => vec![f("measure", "case.f.measure", Int, true), f("outcome", "case.f.outcome", Area, true)],
        Step::ExtendDecision => vec![
            f("approved_by", "case.f.approved_by", Text, true),
            f("reason", "case.f.reason", Area, true),
            f("until", "case.f.until", Date, false),
        ],
        Step::SubmitReview => vec![f("kind", "case.f.review_kind", Choice(review_kinds), true)],
        Step::Review => vec![f("agreed", "case.f.agreed", YesNo, true), f("opinion", "case.f.opinion", Area, true)],
        Step::Notice | Step::DecideSummary => penalty_fields(true),
        Step::Statement => {
            vec![f("summary", "case.f.statement", Area, false), f("waived", "case.f.waived", Check, false)]
        }
        Step::NotifyHearing => {
            vec![f("hearing_on", "case.f.hearing_on", Date, true), f("place", "case.f.place", Text, true)]
        }
        Step::HoldHearing => vec![f("summary", "case.f.hearing_record", Area, true)],
        Step::Collective => {
            vec![f("members", "case.f.members", Int, true), f("resolution", "case.f.resolution", Area, true)]
        }
        Step::Decide => {
            let mut v = vec![
                f("approved_by", "case.f.approved_by", Text, true),
                f("no_penalty", "case.f.no_penalty", Choice(not_filed_grounds), false),
                f("education", "case.f.education", Area, false),
            ];
            v.extend(penalty_fields(false));
            v
        }
        Step::Serve => vec![f("method", "case.f.method", Choice(service_methods), true)],
        Step::ApplyEnforcement => vec![f("court", "case.f.court", Text, true)],
        Step::Transfer => vec![
            f("police", "case.f.police", Text, true),
            f("approved_by", "case.f.approved_by", Text, true),
            f("reason", "case.f.reason", Area, true),
        ],
        Step::AnswerTransfer => {
            vec![f("accepted", "case.f.accepted", YesNo, true), f("note", "case.f.note", Area, false)]
        }
        Step::EndPublicity => vec![f("reason", "case.f.publicity_end", Choice(publicity_ends), true)],
        Step::ChangeDecision => {
            let mut v = vec![
                f("by", "case.f.change_by", Choice(change_bys), true),
                f("reference", "case.f.reference", Text, true),
            ];
            v.extend(penalty_fields(false));
            v
        }
        Step::Close => vec![f("approved_by", "case.f.approved_by", Text, true)],
        Step::Resume
        | Step::NotifyReporter
        | Step::RequestHearing
        | Step::Pay
        | Step::AcknowledgeTransfer
        | Step::Publish => Vec::new(),
    }
}

/// The offices a clue may be received for: the caller's and those inside it, by name.
fn offices(of: DivisionCode) -> Vec<(String, String)> {
    let mut out = vec![of];
    for child in of.children() {
        out.push(child);
        out.extend(child.children());
    }
    out.into_iter().map(|d| (d.to_string(), d.name().to_string())).collect()
}

/// The fields of a new clue (the office's choices are the caller's).
fn clue_fields() -> Vec<Spec> {
    use Input::*;
    vec![
        f("office", "case.f.office", Text, true),
        f("source.kind", "case.f.source", Choice(source_kinds), true),
        f("source.reference", "case.f.source_reference", Text, false),
        f("source.reporter_named", "case.f.reporter_named", Check, false),
        f("party.kind", "case.f.party_kind", Choice(party_kinds), true),
        f("party.name", "case.f.party_name", Text, true),
        f("party.entity", "case.f.party_entity", Text, false),
        f("party.id_number", "case.f.party_id_number", Text, false),
        f("party.address", "case.f.party_address", Text, false),
        f("facts", "case.f.facts", Area, true),
        f("violation_on", "case.f.violation_on", Date, false),
        f("harm", "case.f.harm", Check, false),
        f("row", "case.f.row", Choice(rows), false),
    ]
}

/// A form's fields as typed, by name (a checkbox list gives one value per box).
type Typed = Vec<(String, String)>;

fn typed<'a>(values: &'a Typed, name: &str) -> impl Iterator<Item = &'a str> {
    values.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.trim())
}

fn first(values: &Typed, name: &str) -> String {
    typed(values, name).next().unwrap_or_default().to_string()
}

/// Puts `value` at the dotted `path` of `object`.
fn put(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        Some((head, rest)) => {
            let inner = object.entry(head.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = inner {
                put(inner, rest, value);
            }
        }
        None => {
            object.insert(path.to_string(), value);
        }
    }
}

/// The API's body of a form: each field by its input, the errors a person can correct
/// before `app` is asked recorded beside their fields. A penalty whose row is left empty
/// (where it may be) is left out, as the API reads it: the noticed penalty, or a revocation.
fn body_of(specs: &[Spec], values: &Typed, errors: &mut FieldErrors, en: bool) -> Map<String, Value> {
    let t = crate::text::T::new(en);
    let mut body = Map::new();
    let skip_penalty =
        specs.iter().any(|s| s.name == "penalty.row" && !s.required) && first(values, "penalty.row").is_empty();
    for s in specs {
        if skip_penalty && s.name.starts_with("penalty.") {
            continue;
        }
        let text = first(values, s.name);
        let value = match s.input {
            Input::Check => Value::Bool(matches!(text.as_str(), "on" | "true" | "yes")),
            Input::Multi(_) => {
                Value::Array(typed(values, s.name).filter(|v| !v.is_empty()).map(|v| Value::String(v.into())).collect())
            }
            _ if text.is_empty() => {
                if s.required {
                    errors.add(s.name, t.get("form.required"));
                }
                continue;
            }
            Input::Date => match shijian_core::parse_date(&text) {
                Ok(d) => Value::String(d.to_string()),
                Err(_) => {
                    errors.add(s.name, t.get("form.date"));
                    continue;
                }
            },
            Input::Int => match text.replace([',', '，'], "").parse::<i64>() {
                Ok(n) if n >= 0 => Value::from(n),
                _ => {
                    errors.add(s.name, t.get("case.whole_number"));
                    continue;
                }
            },
            Input::YesNo => match text.as_str() {
                "yes" => Value::Bool(true),
                "no" => Value::Bool(false),
                _ => {
                    errors.add(s.name, t.get("form.required"));
                    continue;
                }
            },
            Input::List => Value::Array(
                text.split([',', '，', '、', ';', '；'])
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| Value::String(v.into()))
                    .collect(),
            ),
            Input::Text | Input::Area | Input::Choice(_) => Value::String(text),
        };
        put(&mut body, s.name, value);
    }
    body
}

/// Where `app` names a field in its own terms (`penalty.fine`, `party.entity`), the form's
/// field it is shown beside.
fn field_of<'a>(specs: &'a [Spec], detail: &str) -> Option<&'a str> {
    let direct = specs.iter().find(|s| s.name == detail || s.name.rsplit('.').next() == Some(detail));
    let prefixed = || specs.iter().find(|s| s.name.starts_with(detail) || detail.starts_with(s.name));
    direct.or_else(prefixed).map(|s| s.name).or(match detail {
        "penalty.fine" | "fine" => Some("penalty.fine_yuan"),
        "Uscc" | "uscc" => specs.iter().find(|s| s.name == "party.entity").map(|s| s.name),
        "ResidentId" => specs.iter().find(|s| s.name == "party.id_number").map(|s| s.name),
        _ => None,
    })
}

// ----- what the templates show -----

struct Opt {
    value: String,
    label: String,
    selected: bool,
    /// A label that is a name in Chinese (a division's), whatever the page's language.
    zh: bool,
}

/// One field as the page shows it.
struct Control {
    /// The element id (`file-approved_by`), unique on the page.
    id: String,
    name: &'static str,
    label: &'static str,
    /// `text`, `textarea`, `date`, `number`, `checkbox`, `yesno`, `select`, `multi`.
    kind: &'static str,
    value: String,
    checked: bool,
    required: bool,
    options: Vec<Opt>,
    error: Option<String>,
}

/// The controls of `specs` for the form `form` (its id prefix), showing `values` (what was
/// typed, or the defaults) and `errors`.
fn controls(form: &str, specs: &[Spec], values: &Typed, errors: &FieldErrors, en: bool) -> Vec<Control> {
    specs
        .iter()
        .map(|s| {
            let value = first(values, s.name);
            let chosen: Vec<&str> = typed(values, s.name).collect();
            let options = |all: Vec<(String, String)>| {
                all.into_iter()
                    .map(|(v, label)| Opt { selected: chosen.contains(&v.as_str()), value: v, label, zh: false })
                    .collect::<Vec<_>>()
            };
            let (kind, options) = match s.input {
                Input::Text | Input::List => ("text", Vec::new()),
                Input::Area => ("textarea", Vec::new()),
                Input::Date => ("date", Vec::new()),
                Input::Int => ("number", Vec::new()),
                Input::Check => ("checkbox", Vec::new()),
                Input::YesNo => ("yesno", Vec::new()),
                Input::Choice(all) => ("select", options(all(en))),
                Input::Multi(all) => ("multi", options(all(en))),
            };
            Control {
                id: format!("{form}-{}", s.name.replace('.', "-")),
                name: s.name,
                label: s.label,
                kind,
                checked: matches!(value.as_str(), "on" | "true" | "yes"),
                value,
                required: s.required,
                options,
                error: errors.get(s.name).map(str::to_string),
            }
        })
        .collect()
}

/// A step's form on the case page.
struct StepForm {
    /// The step's code, posted as `step`.
    step: &'static str,
    title: &'static str,
    action: String,
    controls: Vec<Control>,
    /// Whether it takes a file (evidence).
    upload: bool,
    /// Whether it computes the benchmark's proposal first (`preview`).
    preview: bool,
    error: Option<String>,
    /// The proposal computed for what was typed.
    proposal: Option<String>,
    /// The error beside the file input (evidence).
    file_error: Option<String>,
}

/// A limit as the case page shows it.
struct ClockRow {
    name: String,
    due: String,
    overdue: bool,
}

/// One line of the record.
struct Fact {
    label: String,
    value: String,
    /// Text a person typed (shown in its own language).
    typed: bool,
}

struct DocRow {
    title: &'static str,
    number: String,
    on: String,
    sha256: String,
    href: String,
}

struct IssueRow {
    kind: &'static str,
    title: &'static str,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    en: bool,
    switch: String,
    csrf: String,
    id: String,
    status: &'static str,
    party: String,
    office: String,
    notice: Option<String>,
    clocks: Vec<ClockRow>,
    paused: bool,
    excluded_days: u64,
    facts: Vec<Fact>,
    documents: Vec<DocRow>,
    issuable: Vec<IssueRow>,
    forms: Vec<StepForm>,
    public_href: Option<String>,
    handler: bool,
}

/// What the case page shows again after a refused form.
#[derive(Default)]
struct Refused {
    step: String,
    values: Typed,
    errors: FieldErrors,
    message: Option<String>,
    proposal: Option<String>,
}

fn clock_label(name: &str, en: bool) -> String {
    let t = crate::text::T::new(en);
    match name {
        "filing_due" | "reporter_due" | "decision_due" | "statement_due" | "review_due" | "payment_due"
        | "court_due" | "publish_due" | "withdraw_due" | "close_due" | "measure_due" => {
            t.get(&format!("case.clock.{name}")).to_string()
        }
        _ => t.get("case.clock.other").to_string(),
    }
}

fn yuan(fen: i64) -> String {
    shijian_core::case::benchmark::format_yuan(fen)
}

/// A penalty in words ([`crate::penalties::penalty_words`]).
fn penalty_words(p: &Penalty, en: bool) -> String {
    crate::penalties::penalty_words(&p.types, p.fine_fen, p.confiscated_fen, en)
}

fn date(d: chrono::NaiveDate) -> String {
    d.to_string()
}

/// The record of a matter, line by line, in the page's language (typed text marked as typed).
fn facts_of(s: &CaseState, en: bool) -> Vec<Fact> {
    let t = crate::text::T::new(en);
    let pick = |zh: &'static str, english: &'static str| if en { english } else { zh }.to_string();
    let mut out = Vec::new();
    let mut line = |key: &str, value: String, typed: bool| {
        if !value.is_empty() {
            out.push(Fact { label: t.get(key).to_string(), value, typed });
        }
    };
    line("case.source", pick(s.source.kind.zh(), s.source.kind.en()), false);
    if let Some(r) = &s.source.reference {
        line("case.f.source_reference", r.clone(), false);
    }
    line("case.received_on", date(s.received_on), false);
    line("case.f.party_kind", pick(s.party.kind.zh(), s.party.kind.en()), false);
    if let Some(e) = &s.party.entity {
        line("case.f.party_entity", e.clone(), false);
    }
    line("case.f.facts", s.facts.clone(), true);
    if let Some(d) = s.violation_on {
        line("case.f.violation_on", date(d), false);
    }
    if let Some(row) = s.row.as_deref().or(s.notice.as_ref().map(|n| n.penalty.row.as_str())) {
        let found = Benchmarks::shipped().versions().iter().find_map(|b| b.row(row).ok());
        if let Some(r) = found {
            line("case.f.row", if en { r.en.clone() } else { r.zh.clone() }, false);
        }
    }
    if let Some(d) = s.filed_on {
        line("case.filed_on", date(d), false);
    }
    if let Some((d, g)) = s.not_filed {
        line("case.not_filed", format!("{} · {}", date(d), pick(g.zh(), g.en())), false);
    }
    if let Some(d) = s.reporter_notified_on {
        line("case.reporter_notified_on", date(d), false);
    }
    for e in &s.evidence {
        let hash: String = e.sha256.chars().take(12).collect();
        line("case.evidence", format!("{} · {} · {hash}", date(e.on), pick(e.kind.zh(), e.kind.en())), false);
    }
    for (i, m) in s.measures.iter().enumerate() {
        let ended = m.ended_on.map(|d| format!(" – {}", date(d))).unwrap_or_default();
        line(
            "case.measure",
            format!("{} · {} · {}{ended}", i + 1, pick(m.kind.zh(), m.kind.en()), date(m.since)),
            false,
        );
    }
    for p in &s.pauses {
        let until = p.until.map(|d| format!(" – {}", date(d))).unwrap_or_default();
        line("case.pause", format!("{}{until} · {}", date(p.since), pick(p.reason.zh(), p.reason.en())), false);
    }
    if let Some(r) = &s.review {
        let verdict = match r.agreed {
            Some(true) => t.get("case.agreed"),
            Some(false) => t.get("case.not_agreed"),
            None => t.get("case.awaiting"),
        };
        line(
            "case.review",
            format!("{} · {} · {verdict}", pick(r.kind.zh(), r.kind.en()), date(r.submitted_on)),
            false,
        );
    }
    if let Some(n) = &s.notice {
        line("case.noticed", format!("{} · {}", date(n.served_on), penalty_words(&n.penalty, en)), false);
        line("case.explanation", n.penalty.explanation.clone(), true);
        if n.hearing_offered {
            line("case.hearing_offered", t.get("case.yes").to_string(), false);
        }
    }
    if let Some(d) = s.statement_on {
        line("case.statement_on", date(d), false);
    }
    if s.waived {
        line("case.waived", t.get("case.yes").to_string(), false);
    }
    if let Some(d) = s.hearing.requested_on {
        line("case.hearing_requested_on", date(d), false);
    }
    if let Some(d) = s.hearing.hearing_on {
        line("case.hearing_on", date(d), false);
    }
    if let Some(d) = s.hearing.held_on {
        line("case.hearing_held_on", date(d), false);
    }
    if let Some(d) = s.collective_on {
        line("case.collective_on", date(d), false);
    }
    if let Some(d) = &s.decision {
        let what = match (&d.penalty, d.ground) {
            (Some(p), _) => penalty_words(p, en),
            (None, Some(g)) => format!("{} · {}", t.get("case.no_penalty"), pick(g.zh(), g.en())),
            (None, None) => t.get("case.no_penalty").to_string(),
        };
        line("case.decided", format!("{} · {} · {what}", date(d.on), pick(d.procedure.zh(), d.procedure.en())), false);
        line("case.number", d.number.clone(), true);
    }
    if let Some((d, m)) = s.served {
        line("case.served", format!("{} · {}", date(d), pick(m.zh(), m.en())), false);
    }
    if let Some(p) = &s.paid {
        line("case.paid", format!("{} · {}", date(p.on), yuan(p.fine_fen + p.late_fee_fen)), false);
    }
    if let Some(d) = s.enforcement_on {
        line("case.enforcement_on", date(d), false);
    }
    if let Some(x) = &s.transfer {
        line("case.transferred", format!("{} · {}", date(x.on), x.police), true);
        if let Some(d) = x.acknowledged_on {
            line("case.acknowledged_on", date(d), false);
        }
        if let Some((d, accepted)) = x.answered {
            let a = if accepted { t.get("case.police_filed") } else { t.get("case.police_declined") };
            line("case.answered", format!("{} · {a}", date(d)), false);
        }
    }
    for c in &s.changes {
        let what = c.penalty.as_ref().map_or_else(|| t.get("case.revoked").to_string(), |p| penalty_words(p, en));
        line("case.changed", format!("{} · {} · {what}", date(c.on), pick(c.by.zh(), c.by.en())), false);
    }
    if let Some(p) = &s.publicity {
        line("case.published", format!("{} – {}", date(p.on), date(p.until)), false);
        if let Some((d, why)) = p.ended {
            line("case.publicity_ended", format!("{} · {}", date(d), pick(why.zh(), why.en())), false);
        }
    }
    if let Some(d) = s.closed_on {
        line("case.closed_on", date(d), false);
    }
    out
}

/// The steps that take a penalty (and so may compute the proposal first).
fn takes_penalty(step: Step) -> bool {
    matches!(step, Step::Notice | Step::Decide | Step::DecideSummary | Step::ChangeDecision)
}

fn lang_suffix(en: bool, first: bool) -> &'static str {
    match (en, first) {
        (false, _) => "",
        (true, true) => "?lang=en",
        (true, false) => "&lang=en",
    }
}

/// The case page of `id` for the caller, with `refused` shown in its form.
async fn build(
    state: &AppState,
    uri: &Uri,
    page: &PageCaller,
    id: &str,
    en: bool,
    refused: Refused,
    notice: Option<String>,
) -> Result<CasePage, Error> {
    let t = crate::text::T::new(en);
    let actor = &page.caller.actor;
    let me = cases(state);
    let v: CaseView = me.get(actor, id, today()).await?;
    let s = &v.case;
    let handler = permits(actor.role, Action::HandleCase);
    let reviewer = permits(actor.role, Action::ReviewCase);
    let lang = lang_suffix(en, true);
    let mut forms = Vec::new();
    for step in &v.next_steps {
        let review = *step == Step::Review;
        if (review && !reviewer) || (!review && !handler) {
            continue;
        }
        let specs = step_fields(*step);
        let here = refused.step == step.as_str();
        let empty = FieldErrors::default();
        let (values, errors) =
            if here { (refused.values.clone(), &refused.errors) } else { (defaults(*step, s), &empty) };
        let form = format!("step-{}", step.as_str());
        let action = match step {
            Step::Review => format!("/workbench/cases/{id}/review{lang}"),
            Step::AddEvidence => format!("/workbench/cases/{id}/evidence{lang}"),
            _ => format!("/workbench/cases/{id}{lang}"),
        };
        forms.push(StepForm {
            step: step.as_str(),
            title: if en { step.en() } else { step.zh() },
            action,
            controls: controls(&form, &specs, &values, errors, en),
            upload: *step == Step::AddEvidence,
            preview: takes_penalty(*step),
            error: if here { refused.message.clone() } else { None },
            proposal: if here { refused.proposal.clone() } else { None },
            file_error: if here { refused.errors.get("file").map(str::to_string) } else { None },
        });
    }
    let overdue = &v.overdue;
    let mut clocks: Vec<ClockRow> = v
        .clocks
        .running()
        .into_iter()
        .map(|(name, due)| ClockRow {
            name: clock_label(name, en),
            due: due_text(due, v.clocks.provisional, en),
            overdue: overdue.contains(&name),
        })
        .collect();
    clocks.sort_by(|a, b| a.due.cmp(&b.due));
    let documents = s
        .documents
        .iter()
        .map(|d| DocRow {
            title: if en { d.kind.en() } else { d.kind.zh() },
            number: d.number.clone().unwrap_or_default(),
            on: date(d.on),
            href: format!("/workbench/cases/{id}/documents/{}", d.sha256),
            sha256: d.sha256.clone(),
        })
        .collect();
    // The documents whose step is taken (a document is made from the record only then).
    let issuable = if handler {
        DocumentKind::ALL
            .iter()
            .filter(|k| shijian_app::case::document(s, **k, None).is_ok())
            .map(|k| IssueRow { kind: k.as_str(), title: if en { k.en() } else { k.zh() } })
            .collect()
    } else {
        Vec::new()
    };
    let public_href = s.public_on(today()).then(|| t.link(&format!("/penalties/{id}")));
    Ok(CasePage {
        en,
        switch: switch(uri, en),
        csrf: page.csrf.clone().unwrap_or_default(),
        id: s.id.clone(),
        status: if en { s.status.en() } else { s.status.zh() },
        party: s.party.name.clone(),
        office: s.office.authority_name(),
        notice,
        paused: v.clocks.paused,
        excluded_days: v.clocks.excluded_days,
        clocks,
        facts: facts_of(s, en),
        documents,
        issuable,
        forms,
        public_href,
        handler,
    })
}

/// What a step's form shows before anything is typed: the row suspected, for the penalty.
fn defaults(step: Step, s: &CaseState) -> Typed {
    let mut v = Typed::new();
    if matches!(step, Step::Notice | Step::DecideSummary)
        && let Some(row) = &s.row
    {
        v.push(("penalty.row".into(), row.clone()));
    }
    if step == Step::File
        && let Some(row) = &s.row
    {
        v.push(("row".into(), row.clone()));
    }
    v
}

/// `GET /workbench/cases/{id}[?done=STEP]`: a matter's page.
pub async fn case_page(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, en);
    }
    let t = crate::text::T::new(en);
    let notice = q.get("done").and_then(|d| {
        if d == "document" {
            return Some(t.get("case.document_issued").to_string());
        }
        Step::parse(d).ok().map(|s| t.fill("case.done", if en { s.en() } else { s.zh() }))
    });
    match build(&state, &uri, &page, &id, en, Refused::default(), notice).await {
        Ok(p) => render(&p, StatusCode::OK),
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

/// Takes the step a form posted (`values`, with `step`), or computes its proposal when
/// `preview` was pressed; the page again with what went wrong, or on to the case page.
async fn act(
    state: &AppState,
    uri: &Uri,
    page: &PageCaller,
    id: &str,
    en: bool,
    values: Typed,
    review: bool,
) -> Response {
    let t = crate::text::T::new(en);
    let step_code = first(&values, "step");
    let step = match Step::parse(&step_code) {
        Ok(s) if (s == Step::Review) == review => s,
        _ => {
            let e = Error::new(Code::RequestInvalid)
                .with("field", "step")
                .with("reason", step_code.chars().take(40).collect::<String>());
            return crate::error::ApiError(e).into_response();
        }
    };
    let specs = step_fields(step);
    let mut refused = Refused { step: step.as_str().to_string(), values: values.clone(), ..Refused::default() };
    let mut body = body_of(&specs, &values, &mut refused.errors, en);
    let again = |refused: Refused, status: StatusCode, e: Option<Error>| async move {
        match build(state, uri, page, id, en, refused, None).await {
            Ok(p) => match e {
                Some(e) => crate::error::noting(render(&p, status), &e),
                None => render(&p, status),
            },
            Err(e) => crate::error::ApiError(e).into_response(),
        }
    };
    if !refused.errors.is_empty() {
        refused.message = Some(crate::form::summary(&refused.errors, en));
        return again(refused, StatusCode::BAD_REQUEST, None).await;
    }
    let me = cases(state);
    let now = chrono::Utc::now();
    if !first(&values, "preview").is_empty() && takes_penalty(step) {
        let input: Result<PenaltyInput, _> =
            serde_json::from_value(body.get("penalty").cloned().unwrap_or(Value::Null));
        let result = match input {
            Ok(input) => me.proposal(&page.caller.actor, id, &input, today()).await,
            Err(_) => Err(Error::new(Code::RequestInvalid).with("field", "penalty.row").with("reason", "required")),
        };
        return match result {
            Ok(p) => {
                let explanation = if en { p.explain_en } else { p.explain_zh };
                refused.proposal = Some(format!("{} {explanation}", t.fill("case.proposed_fine", yuan(p.fine_fen))));
                again(refused, StatusCode::OK, None).await
            }
            Err(e) => {
                place(&mut refused, &specs, &e, en);
                let status = crate::error::status_of(&e);
                again(refused, status, Some(e)).await
            }
        };
    }
    body.insert("step".into(), Value::String(step.as_str().into()));
    let input = match serde_json::from_value::<StepInput>(Value::Object(body)) {
        Ok(i) => i,
        Err(reason) => {
            let e = Error::new(Code::RequestInvalid).with("reason", reason.to_string());
            refused.message = Some(crate::form::message(&e, en));
            return again(refused, StatusCode::BAD_REQUEST, None).await;
        }
    };
    match me.step(&page.caller.actor, id, input, now).await {
        Ok(_) => Redirect::to(&format!("/workbench/cases/{id}?done={}{}", step.as_str(), lang_suffix(en, false)))
            .into_response(),
        Err(e) => {
            place(&mut refused, &specs, &e, en);
            let status = crate::error::status_of(&e);
            again(refused, status, Some(e)).await
        }
    }
}

/// An error of `app` beside the field it names, or above the form.
fn place(refused: &mut Refused, specs: &[Spec], e: &Error, en: bool) {
    let named = e.detail("field").and_then(|d| field_of(specs, d));
    match named {
        Some(field) => {
            refused.errors.add(field, crate::form::beside(e, en));
            refused.message = Some(crate::form::summary(&refused.errors, en));
        }
        None => refused.message = Some(crate::form::message(e, en)),
    }
}

/// `POST /workbench/cases/{id}`: a step (`step`, and its fields) on the matter.
pub async fn step(
    State(state): State<AppState>,
    uri: Uri,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form }: SignedForm<Typed>,
) -> Response {
    act(&state, &uri, &page, &id, en_in(&q), form, false).await
}

/// `POST /workbench/cases/{id}/review`: the review opinion (`agreed`, `opinion`).
pub async fn review(
    State(state): State<AppState>,
    uri: Uri,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form }: SignedForm<Typed>,
) -> Response {
    let mut form = form;
    form.retain(|(k, _)| k != "step");
    form.push(("step".into(), Step::Review.as_str().into()));
    act(&state, &uri, &page, &id, en_in(&q), form, true).await
}

/// `POST /workbench/cases/{id}/evidence` (multipart): an evidence file, kept by its SHA-256,
/// recorded with its kind and note.
pub async fn evidence(
    State(state): State<AppState>,
    uri: Uri,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedUpload { page, form, files }: SignedUpload<Typed>,
) -> Response {
    let en = en_in(&q);
    let mut values = form;
    values.retain(|(k, _)| k != "step" && k != "sha256");
    values.push(("step".into(), Step::AddEvidence.as_str().into()));
    let Some((_, bytes)) = files.into_iter().find(|(name, b)| name == "file" && !b.is_empty()) else {
        let mut refused = Refused { step: Step::AddEvidence.as_str().into(), values, ..Refused::default() };
        refused.errors.add("file", crate::text::T::new(en).get("case.choose_a_file"));
        refused.message = Some(crate::form::summary(&refused.errors, en));
        return match build(&state, &uri, &page, &id, en, refused, None).await {
            Ok(p) => render(&p, StatusCode::BAD_REQUEST),
            Err(e) => crate::error::ApiError(e).into_response(),
        };
    };
    // Whoever may not record evidence on the matter stores nothing.
    if let Err(e) = cases(&state)
        .get(&page.caller.actor, &id, today())
        .await
        .and_then(|v| shijian_app::access::authorize(&page.caller.actor, Action::HandleCase, Some(v.case.office)))
    {
        return crate::error::ApiError(e).into_response();
    }
    let hash = match state.store().put_artifact(bytes).await {
        Ok(h) => h,
        Err(e) => return crate::error::ApiError(e).into_response(),
    };
    values.push(("sha256".into(), shijian_core::inspection::hex(&hash)));
    act_evidence(&state, &uri, &page, &id, en, values).await
}

/// The evidence step, its hash given by the file kept.
async fn act_evidence(state: &AppState, uri: &Uri, page: &PageCaller, id: &str, en: bool, values: Typed) -> Response {
    let input = StepInput::AddEvidence {
        kind: match EvidenceKind::parse(&first(&values, "kind")) {
            Ok(k) => k,
            Err(_) => {
                let mut refused = Refused { step: Step::AddEvidence.as_str().into(), values, ..Refused::default() };
                refused.errors.add("kind", crate::text::T::new(en).get("form.required"));
                refused.message = Some(crate::form::summary(&refused.errors, en));
                return match build(state, uri, page, id, en, refused, None).await {
                    Ok(p) => render(&p, StatusCode::BAD_REQUEST),
                    Err(e) => crate::error::ApiError(e).into_response(),
                };
            }
        },
        sha256: first(&values, "sha256"),
        note: first(&values, "note"),
    };
    match cases(state).step(&page.caller.actor, id, input, chrono::Utc::now()).await {
        Ok(_) => Redirect::to(&format!(
            "/workbench/cases/{id}?done={}{}",
            Step::AddEvidence.as_str(),
            lang_suffix(en, false)
        ))
        .into_response(),
        Err(e) => {
            let mut refused = Refused { step: Step::AddEvidence.as_str().into(), values, ..Refused::default() };
            place(&mut refused, &step_fields(Step::AddEvidence), &e, en);
            let status = crate::error::status_of(&e);
            match build(state, uri, page, id, en, refused, None).await {
                Ok(p) => crate::error::noting(render(&p, status), &e),
                Err(e) => crate::error::ApiError(e).into_response(),
            }
        }
    }
}

#[derive(serde::Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    kind: String,
}

/// `POST /workbench/cases/{id}/documents`: issues the document `kind` (PDF, kept, its hash
/// recorded); back to the case page, where it is listed for download.
pub async fn issue(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form }: SignedForm<IssueForm>,
) -> Response {
    let en = en_in(&q);
    let result = async {
        let kind = DocumentKind::parse(&form.kind)?;
        crate::case::may_issue(&state, &page.caller.actor, &id, kind).await?;
        let renderer = crate::case::renderer(&state).await?;
        let verify = crate::case::verify_address(&state, &headers, &id);
        cases(&state)
            .issue_document(&page.caller.actor, &id, kind, &renderer, verify.as_deref(), chrono::Utc::now())
            .await
    }
    .await;
    match result {
        Ok(_) => {
            Redirect::to(&format!("/workbench/cases/{id}?done=document{}", lang_suffix(en, false))).into_response()
        }
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

/// `GET /workbench/cases/{id}/documents/{sha256}`: a document's PDF.
pub async fn document(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Path((id, sha256)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, en_in(&q));
    }
    match cases(&state).document_file(&page.caller.actor, &id, &sha256).await {
        Ok((kind, bytes)) => crate::case::pdf(kind, &id, bytes),
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

// ----- the desk -----

struct DeskRow {
    id: String,
    party: String,
    status: &'static str,
    received_on: String,
    next: String,
    overdue: bool,
}

struct QueueTab {
    href: String,
    label: &'static str,
    current: bool,
    count: usize,
}

#[derive(Template)]
#[template(path = "case_desk.html")]
struct DeskPage {
    en: bool,
    switch: String,
    display_name: String,
    office: String,
    tabs: Vec<QueueTab>,
    rows: Vec<DeskRow>,
    handler: bool,
    new_href: String,
    prev: Option<String>,
    next: Option<String>,
    page: usize,
    total: usize,
    offices: Vec<Opt>,
    queue: &'static str,
}

/// The office a page is about: `office` asked for, or the caller's.
fn office_asked(q: &HashMap<String, String>, page: &PageCaller) -> Result<DivisionCode, Error> {
    match q.get("office").map(|o| o.trim()).filter(|o| !o.is_empty()) {
        Some(o) => DivisionCode::parse(o),
        None => page.caller.actor.office.map_or_else(|| DivisionCode::parse("420000"), Ok),
    }
}

/// `GET /workbench/cases[?queue=open|mine|review|collective][&office=][&page=N]`: the desk.
pub async fn desk(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, en);
    }
    let result = async {
        let t = crate::text::T::new(en);
        let office = office_asked(&q, &page)?;
        let queue = Queue::parse(q.get("queue").map(String::as_str).unwrap_or_default())?;
        let actor = &page.caller.actor;
        let requested = q.get("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(1).max(1);
        let offset = (requested - 1).saturating_mul(DESK_PAGE);
        let mut desk = cases(&state).desk(actor, office, queue, offset, DESK_PAGE, today()).await?;
        let total = desk.count(queue) as usize;
        let n_pages = total.div_ceil(DESK_PAGE).max(1);
        let current = requested.min(n_pages);
        if current != requested {
            // A page past the end (the queue shrank): its last page.
            desk = cases(&state).desk(actor, office, queue, (current - 1) * DESK_PAGE, DESK_PAGE, today()).await?;
        }
        let link = |queue: Queue, n: usize| {
            let mut href = format!("/workbench/cases?queue={}&office={office}", queue.as_str());
            if n > 1 {
                href.push_str(&format!("&page={n}"));
            }
            t.link(&href)
        };
        let tabs = Queue::ALL
            .iter()
            .map(|k| QueueTab {
                href: link(*k, 1),
                label: t.get(&format!("case.queue.{}", k.as_str())),
                current: *k == queue,
                count: desk.count(*k) as usize,
            })
            .collect();
        let rows = desk
            .rows
            .iter()
            .map(|v| {
                let next = v.clocks.running().into_iter().min_by_key(|(_, d)| *d);
                DeskRow {
                    id: v.case.id.clone(),
                    party: v.case.party.name.clone(),
                    status: if en { v.case.status.en() } else { v.case.status.zh() },
                    received_on: date(v.case.received_on),
                    next: next
                        .map(|(name, d)| format!("{} {}", clock_label(name, en), due_text(d, v.clocks.provisional, en)))
                        .unwrap_or_default(),
                    overdue: !v.overdue.is_empty(),
                }
            })
            .collect();
        let own = actor.office.unwrap_or(office);
        let offices = offices(own)
            .into_iter()
            .map(|(value, label)| Opt { selected: value == office.to_string(), value, label, zh: true })
            .collect();
        Ok::<_, Error>(DeskPage {
            en,
            switch: switch(&uri, en),
            display_name: page.caller.account.as_ref().map(|a| a.display_name.clone()).unwrap_or_default(),
            office: office.authority_name(),
            tabs,
            rows,
            handler: permits(actor.role, Action::HandleCase),
            new_href: t.link(&format!("/workbench/cases/new?office={office}")),
            prev: (current > 1).then(|| link(queue, current - 1)),
            next: (current < n_pages).then(|| link(queue, current + 1)),
            page: current,
            total,
            offices,
            queue: queue.as_str(),
        })
    }
    .await;
    match result {
        Ok(p) => render(&p, StatusCode::OK),
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

// ----- a new clue -----

#[derive(Template)]
#[template(path = "case_new.html")]
struct NewPage {
    en: bool,
    switch: String,
    csrf: String,
    action: String,
    controls: Vec<Control>,
    error: Option<String>,
}

async fn new_page(
    state: &AppState,
    uri: &Uri,
    page: &PageCaller,
    en: bool,
    values: Typed,
    errors: FieldErrors,
    error: Option<String>,
) -> Result<NewPage, Error> {
    let _ = state;
    let own = page.caller.actor.office.unwrap_or(DivisionCode::parse("420000")?);
    let specs = clue_fields();
    let mut controls = controls("clue", &specs, &values, &errors, en);
    // The office is chosen among the caller's by name.
    if let Some(c) = controls.iter_mut().find(|c| c.name == "office") {
        c.kind = "select";
        let chosen = first(&values, "office");
        c.options = offices(own)
            .into_iter()
            .map(|(value, label)| Opt { selected: value == chosen, value, label, zh: true })
            .collect();
    }
    Ok(NewPage {
        en,
        switch: switch(uri, en),
        csrf: page.csrf.clone().unwrap_or_default(),
        action: format!("/workbench/cases/new{}", lang_suffix(en, true)),
        controls,
        error,
    })
}

/// `GET /workbench/cases/new[?office=]`: the form to receive a clue.
pub async fn new_form(
    State(state): State<AppState>,
    uri: Uri,
    page: PageCaller,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let en = en_in(&q);
    if page.caller.account.is_none() {
        return crate::workbench::to_signin(&uri, en);
    }
    let result = async {
        let office = office_asked(&q, &page)?;
        shijian_app::access::authorize(&page.caller.actor, Action::HandleCase, Some(office))?;
        let values = vec![("office".to_string(), office.to_string())];
        new_page(&state, &uri, &page, en, values, FieldErrors::default(), None).await
    }
    .await;
    match result {
        Ok(p) => render(&p, StatusCode::OK),
        Err(e) => crate::error::ApiError(e).into_response(),
    }
}

/// `POST /workbench/cases/new`: receives the clue; on to its page.
pub async fn receive(
    State(state): State<AppState>,
    uri: Uri,
    Query(q): Query<HashMap<String, String>>,
    SignedForm { page, form }: SignedForm<Typed>,
) -> Response {
    let en = en_in(&q);
    let specs = clue_fields();
    let mut errors = FieldErrors::default();
    let body = body_of(&specs, &form, &mut errors, en);
    let again = |errors: FieldErrors, message: String, status: StatusCode, e: Option<Error>| {
        let (state, uri, page, form) = (&state, &uri, &page, form.clone());
        async move {
            match new_page(state, uri, page, en, form, errors, Some(message)).await {
                Ok(p) => match e {
                    Some(e) => crate::error::noting(render(&p, status), &e),
                    None => render(&p, status),
                },
                Err(e) => crate::error::ApiError(e).into_response(),
            }
        }
    };
    if !errors.is_empty() {
        let message = crate::form::summary(&errors, en);
        return again(errors, message, StatusCode::BAD_REQUEST, None).await;
    }
    let clue = match serde_json::from_value::<shijian_app::case::NewClue>(Value::Object(body)) {
        Ok(c) => c,
        Err(reason) => {
            let e = Error::new(Code::RequestInvalid).with("reason", reason.to_string());
            return again(errors, crate::form::message(&e, en), StatusCode::BAD_REQUEST, None).await;
        }
    };
    match cases(&state).receive(&page.caller.actor, clue, chrono::Utc::now()).await {
        Ok(s) => {
            Redirect::to(&format!("/workbench/cases/{}?done=received{}", s.id, lang_suffix(en, false))).into_response()
        }
        Err(e) => {
            let status = crate::error::status_of(&e);
            let message = match e.detail("field").and_then(|d| field_of(&specs, d)) {
                Some(field) => {
                    errors.add(field, crate::form::beside(&e, en));
                    crate::form::summary(&errors, en)
                }
                None => crate::form::message(&e, en),
            };
            again(errors, message, status, Some(e)).await
        }
    }
}

/// This module's entry on the workbench's menu: enforcement, for case officers, reviewers and
/// auditors.
pub(crate) fn workbench() -> Vec<crate::Entry> {
    vec![crate::Entry {
        path: "/workbench/cases",
        id: "cases",
        label: "workbench.cases",
        actions: &[Action::HandleCase, Action::ReviewCase, Action::ReadCase],
    }]
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::{get, post};
    vec![
        route(
            "GET",
            "/workbench/cases",
            Access::Action(Action::ReadCase),
            "案件办理台（线索、案件、审核、集体讨论）/ the enforcement desk (page)",
            &[("lang", false), ("queue", false), ("office", false), ("page", false)],
            || get(desk),
        ),
        route(
            "GET",
            "/workbench/cases/new",
            Access::Action(Action::HandleCase),
            "登记案件线索（页面）/ receive a clue (page)",
            &[("lang", false), ("office", false)],
            || get(new_form),
        ),
        route(
            "POST",
            "/workbench/cases/new",
            Access::Action(Action::HandleCase),
            "登记案件线索（表单）/ receive a clue (form)",
            &[("lang", false)],
            || post(receive),
        ),
        route(
            "GET",
            "/workbench/cases/{id}",
            Access::Action(Action::ReadCase),
            "案件（页面）/ a case (page)",
            &[("lang", false), ("done", false)],
            || get(case_page),
        ),
        route(
            "POST",
            "/workbench/cases/{id}",
            Access::Action(Action::HandleCase),
            "案件办理环节（表单）/ a step of the procedure (form)",
            &[("lang", false)],
            || post(step),
        ),
        route(
            "POST",
            "/workbench/cases/{id}/review",
            Access::Action(Action::ReviewCase),
            "审核意见（表单）/ the review opinion (form)",
            &[("lang", false)],
            || post(review),
        ),
        route(
            "POST",
            "/workbench/cases/{id}/evidence",
            Access::Action(Action::HandleCase),
            "登记证据（表单，附文件）/ record evidence (form, with the file)",
            &[("lang", false)],
            || {
                post(evidence)
                    .layer(axum::extract::DefaultBodyLimit::max(shijian_app::inspection::MAX_EVIDENCE_BYTES + 1024))
            },
        ),
        route(
            "POST",
            "/workbench/cases/{id}/documents",
            Access::Action(Action::HandleCase),
            "制作执法文书（表单）/ issue a document (form)",
            &[("lang", false)],
            || post(issue),
        ),
        route(
            "GET",
            "/workbench/cases/{id}/documents/{sha256}",
            Access::Action(Action::ReadCase),
            "下载执法文书 / a document's file",
            &[],
            || get(document),
        ),
    ]
}
