//! The minijinja environment in which cross-field rules and messages run.
//!
//! Rules are data (`rules.yaml`); their `when`/`assert` expressions and
//! their message templates are compiled here once per standard. The
//! environment adds one test, `blank`, true for none, empty strings and
//! empty lists, so rules can say `fee_basis is not blank` whatever the
//! element's type.

use minijinja::value::Value;
use minijinja::{Environment, UndefinedBehavior};

pub fn is_blank(v: &Value) -> bool {
    if v.is_none() || v.is_undefined() {
        return true;
    }
    if let Some(s) = v.as_str() {
        return s.trim().is_empty();
    }
    matches!(v.len(), Some(0))
}

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Lenient);
    // Messages are plain text rendered into terminals, JSON and HTML by
    // renderers that escape for their own format.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.add_test("blank", |v: Value| is_blank(&v));
    env
}

/// Template name under which a rule's message or fix is registered.
pub fn template_name(rule: &str, part: &str, lang: &str) -> String {
    format!("{rule}.{part}.{lang}")
}
