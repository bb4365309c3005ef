//! Form errors a person can act on: each beside the field it is about, in words that name the
//! field as its label does, all of a form's errors at once.
//!
//! A handler checks every field it can check itself before it asks `app`, and records what is
//! wrong with each in [`FieldErrors`] (a problem in words from the catalogue: "请填写有效日期"),
//! so that one submission shows everything to correct. What `app` then refuses comes one error
//! at a time; it is shown beside the field it names (its `field` detail), or above the form when
//! it is about the whole. Templates write, for a field `on`,
//! `aria-describedby="err-on"` on the input and `<span class="field-error" id="err-on">` in its
//! label when there is an error (`self.err("on")`), and keep what was typed in every input.

use shijian_core::{Error, Lang};

/// The errors of one submitted form, by field.
#[derive(Clone, Debug, Default)]
pub(crate) struct FieldErrors {
    errors: Vec<(String, String)>,
}

impl FieldErrors {
    /// The error shown beside `field`, if any.
    pub(crate) fn get(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    /// Records `message` beside `field` (the first error of a field is kept: it is the one to
    /// correct first).
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.errors.push((field.to_string(), message.into()));
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many fields have an error.
    pub(crate) fn len(&self) -> usize {
        self.errors.len()
    }

    /// The value of `result`, or `None` with its error recorded beside `field` as the catalogue's
    /// phrase `problem` says it.
    pub(crate) fn check<T, E>(&mut self, result: Result<T, E>, field: &str, problem: &str, en: bool) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(_) => {
                self.add(field, crate::text::T::new(en).get(problem));
                None
            }
        }
    }

    /// Records an error of `app` beside the field it names, among `fields` (the form's own
    /// names for them); `false` when it names none of them, for the page to show it above the
    /// form.
    pub(crate) fn place(&mut self, e: &Error, fields: &[(&str, &str)], en: bool) -> bool {
        let named = e.detail("field").and_then(|f| fields.iter().find(|(detail, _)| *detail == f));
        match named {
            Some((_, field)) => {
                self.add(field, beside(e, en));
                true
            }
            None => false,
        }
    }
}

/// An error's words for the place beside its field. A field error of the vocabulary (a code
/// whose sentence names the `field` in the program's terms, `登记事项“address”有误`) says only
/// what is wrong, the label beside it naming the field; any other error says what it says.
pub(crate) fn beside(e: &Error, en: bool) -> String {
    let t = crate::text::T::new(en);
    if !e.code().template(Lang::Zh).contains("{field}") {
        return localised(e, en).text(if en { Lang::En } else { Lang::Zh });
    }
    match e.detail("reason").map(str::trim) {
        Some("required" | "empty") => t.get("form.required").to_string(),
        Some(reason) if reason.contains(" / ") => t.half(reason).to_string(),
        _ => t.get("form.invalid").to_string(),
    }
}

/// An error above a form, naming its field as the form's label does (`fields` maps the
/// vocabulary's field names to the catalogue keys of the labels): `电话：格式不正确`, not
/// `party.phone 无效`.
pub(crate) fn labelled(e: &Error, fields: &[(&str, &str)], en: bool) -> String {
    let t = crate::text::T::new(en);
    match e.detail("field").and_then(|f| fields.iter().find(|(detail, _)| *detail == f)) {
        Some((_, label)) if en => format!("{}: {}", t.get(label), beside(e, en)),
        Some((_, label)) => format!("{}：{}", t.get(label), beside(e, en)),
        None => message(e, en),
    }
}

/// `e` with each detail given in both languages (`中文 / English`, as the rules of `core` and
/// `text` write their reasons) in the page's language only.
pub(crate) fn localised(e: &Error, en: bool) -> Error {
    let t = crate::text::T::new(en);
    e.details().iter().fold(Error::new(e.code()), |out, (name, value)| out.with(name, t.half(value)))
}

/// The message of an error above a form, in the page's language only.
pub(crate) fn message(e: &Error, en: bool) -> String {
    localised(e, en).message(if en { Lang::En } else { Lang::Zh })
}

/// The message above a form whose fields have errors: how many to correct.
pub(crate) fn summary(errors: &FieldErrors, en: bool) -> String {
    crate::text::T::new(en).fill("form.n_errors", errors.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use shijian_core::Code;

    #[test]
    fn each_field_keeps_its_first_error_and_app_errors_find_their_field() {
        let mut errors = FieldErrors::default();
        assert!(errors.check(shijian_core::parse_date("2026-13-01"), "on", "form.date", false).is_none());
        assert_eq!(
            errors.check(shijian_core::parse_date("2026-12-01"), "until", "form.date", false).map(|d| d.to_string()),
            Some("2026-12-01".into())
        );
        errors.add("on", "another");
        assert_eq!(errors.get("on"), Some("请填写有效日期（年-月-日）"));
        let refused = Error::new(Code::RequestInvalid).with("field", "spec.title").with("reason", "x");
        assert!(errors.place(&refused, &[("spec.title", "title")], true));
        assert!(errors.get("title").is_some_and(|m| !m.contains("field=")));
        assert!(!errors.place(&Error::new(Code::AppendConflict), &[("spec.title", "title")], true));
        assert_eq!(errors.len(), 2);
        assert_eq!(summary(&errors, false), "有 2 处需要更正，见各栏下方的说明。");
        let phone = shijian_core::complaint::check_phone("12").unwrap_err();
        let fields = [("party.phone", "complaint_form.telephone")];
        assert_eq!(labelled(&phone, &fields, false), "联系电话：格式不正确");
        let missing = Error::new(Code::ComplaintField).with("field", "party.phone").with("reason", "required");
        assert_eq!(labelled(&missing, &fields, true), "Telephone: Required");
    }
}
