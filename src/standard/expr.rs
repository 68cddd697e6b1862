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

/// Instructions one rule expression or message may run: a loop in a
/// message ends instead of running for ever.
pub const RULE_FUEL: u64 = 100_000;

/// The most an expression may be: its length, its `and`/`or`/`not` and
/// operator count, and its bracket nesting. A 50,000-term chain would
/// overflow the parser's stack; real rules use a handful.
pub const MAX_EXPRESSION_BYTES: usize = 4096;
pub const MAX_EXPRESSION_TERMS: usize = 256;
pub const MAX_EXPRESSION_DEPTH: usize = 32;

/// Refuse an expression too large or too deep to evaluate safely.
pub fn check_size(expr: &str) -> Result<(), String> {
    if expr.len() > MAX_EXPRESSION_BYTES {
        return Err(crate::tr!(
            "表达式长 {} 字节，至多 {} 字节",
            "the expression is {} bytes long; at most {} are allowed",
            expr.len(),
            MAX_EXPRESSION_BYTES
        ));
    }
    let terms = expr
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| matches!(*w, "and" | "or" | "not" | "if" | "else" | "in" | "is"))
        .count()
        + expr
            .matches(['+', '-', '*', '/', '%', '~', '<', '>', '=', '|'])
            .count();
    if terms > MAX_EXPRESSION_TERMS {
        return Err(crate::tr!(
            "表达式有 {} 个运算符，至多 {} 个",
            "the expression has {} operators; at most {} are allowed",
            terms,
            MAX_EXPRESSION_TERMS
        ));
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in expr.chars() {
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_EXPRESSION_DEPTH {
        return Err(crate::tr!(
            "表达式的括号嵌套 {} 层，至多 {} 层",
            "the expression nests {} brackets deep; at most {} are allowed",
            deepest,
            MAX_EXPRESSION_DEPTH
        ));
    }
    Ok(())
}

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(RULE_FUEL));
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
