//! The standard's expression rules (`assert` / `when` in `rules.yaml`) and
//! the variables they see. An expression that cannot be evaluated on an
//! item is reported as `expression-failed`, never silently skipped.

pub mod expression_failed;
pub mod native;

use crate::catalogue::value::Value;
use crate::standard::{ElementType, Standard};
use minijinja::Value as MjValue;
use std::collections::{BTreeMap, HashSet};

/// The variables of an item, by slot ([`crate::standard::VarNames`]), and
/// as one minijinja value (made when an expression first needs minijinja).
pub struct Vars {
    slots: Vec<Option<MjValue>>,
    value: std::sync::OnceLock<MjValue>,
    /// Variables whose cell could not be interpreted (already reported),
    /// by slot: an expression reading one is not evaluated for the item,
    /// rather than fire on a wrong reading.
    unknown: Vec<bool>,
}

/// Phone cells compare by the numbers they contain, not by their
/// spelling; the national hotlines (official for consultation and
/// complaints alike) are left out, so a cell of only 12345 is blank.
/// `found`: the numbers [`crate::rules::Facts`] found in the text already.
fn phone_key(std: &Standard, text: &str, found: Option<&[crate::codes::PhoneNumber]>) -> String {
    let found = match found {
        Some(f) => std::borrow::Cow::Borrowed(f),
        None => std::borrow::Cow::Owned(crate::codes::find_phone_numbers(
            &crate::text::phone_text(text),
        )),
    };
    if found.is_empty() {
        return crate::text::compact(text).into_owned();
    }
    let nums: Vec<&str> = found
        .iter()
        .map(|n| n.digits.as_str())
        .filter(|d| !std.hotlines.iter().any(|h| h == d))
        .collect();
    nums.join(",")
}

/// An element's value as expressions see it; `phones`: for a phone
/// element, the numbers already found in it.
fn to_value(
    std: &Standard,
    v: Option<&Value>,
    multi: bool,
    phone: Option<Option<&[crate::codes::PhoneNumber]>>,
) -> MjValue {
    match v {
        None | Some(Value::Absent) if multi => MjValue::from(Vec::<MjValue>::new()),
        None | Some(Value::Absent) => MjValue::from(()),
        Some(Value::Text(t)) if phone.is_some() => {
            MjValue::from(phone_key(std, t, phone.flatten()))
        }
        Some(Value::Text(t)) => MjValue::from(t.as_str()),
        Some(Value::Int(n)) => MjValue::from(*n),
        Some(Value::Duration { amount, .. }) => MjValue::from(*amount),
        Some(Value::Code(c)) => MjValue::from(c.clone()),
        Some(Value::Codes(c)) => MjValue::from(c.clone()),
        Some(Value::Uncoded(l)) => MjValue::from(l.clone()),
    }
}

/// Build the variables rules see: every item element, absent ones as none
/// (multi-valued ones as an empty list), durations with `<id>_unit`.
/// `invalid` are the elements whose value could not be read.
pub fn vars(
    std: &Standard,
    values: &crate::rules::Values<'_>,
    invalid: &HashSet<usize>,
    facts: Option<&crate::rules::Facts>,
) -> Vars {
    vars_of(std, values, invalid, None, facts)
}

/// Every variable the standard's expressions read (`when`, `assert`,
/// `required_when`), by slot: an item's variables are built for these
/// only. An expression that does not compile reads nothing (it is
/// reported as it is evaluated).
pub fn read_by_expressions(std: &Standard) -> Vec<bool> {
    let exprs = std
        .rules
        .iter()
        .filter(|r| r.builtin.is_none())
        .flat_map(|r| [r.when.as_deref(), r.assert.as_deref()])
        .chain(std.elements.iter().map(|e| e.required_when.as_deref()))
        .flatten();
    let mut read = vec![false; std.vars.names.len()];
    let names = exprs
        .filter_map(|e| std.env().compile_expression(e).ok())
        .flat_map(|e| e.undeclared_variables(false));
    for slot in names.filter_map(|v| std.vars.slot(&v)) {
        read[slot] = true;
    }
    read
}

/// [`vars`], limited to the variables `only` marks by slot when given (the
/// others are left out, not set to none); phone numbers the item's
/// `facts` found are not looked for again.
pub fn vars_of(
    std: &Standard,
    values: &crate::rules::Values<'_>,
    invalid: &HashSet<usize>,
    only: Option<&[bool]>,
    facts: Option<&crate::rules::Facts>,
) -> Vars {
    let n = std.vars.names.len();
    let mut unknown = vec![false; n];
    for &i in invalid {
        // a multi-valued cell with some codes read still means those codes
        let partly_read = matches!(values.get(&i), Some((Value::Codes(c), _)) if !c.is_empty());
        if let (Some((slot, unit)), false) = (std.vars.of_element[i], partly_read) {
            unknown[slot] = true;
            if let Some(u) = unit {
                unknown[u] = true;
            }
        }
    }
    let wanted = |slot: usize| only.is_none_or(|o| o[slot]);
    let mut slots = vec![None; n];
    for (i, el) in std.elements.iter().enumerate() {
        let Some((slot, unit)) = std.vars.of_element[i] else {
            continue;
        };
        if !(wanted(slot) || unit.is_some_and(wanted)) {
            continue;
        }
        let v = values.get(&i).map(|(v, _)| v);
        slots[slot] = Some(to_value(
            std,
            v,
            el.multi,
            (el.kind == ElementType::Phone).then(|| facts.and_then(|f| f.found_phones(i))),
        ));
        if let Some(u) = unit {
            let unit = match v {
                Some(Value::Duration { unit: Some(u), .. }) => Some(MjValue::from(u.as_str())),
                _ => None,
            }
            .or_else(|| {
                let ue = el
                    .unit_element
                    .as_deref()
                    .and_then(|u| std.element_index(u))?;
                values
                    .get(&ue)
                    .and_then(|(v, _)| v.as_code().map(MjValue::from))
            })
            // A bare number (or 即办) is in working days, the national default.
            .unwrap_or_else(|| MjValue::from("1"));
            slots[u] = Some(unit);
        }
    }
    Vars {
        slots,
        value: std::sync::OnceLock::new(),
        unknown,
    }
}

impl Vars {
    /// The variables by slot, none where not made.
    pub fn slots(&self) -> &[Option<MjValue>] {
        &self.slots
    }

    /// A variable by name.
    pub fn get(&self, std: &Standard, name: &str) -> Option<&MjValue> {
        self.slots.get(std.vars.slot(name)?)?.as_ref()
    }

    /// The variables by name (message parameters).
    pub fn into_map(self, std: &Standard) -> BTreeMap<String, MjValue> {
        (std.vars.names.iter().cloned())
            .zip(self.slots)
            .filter_map(|(k, v)| Some((k, v?)))
            .collect()
    }

    /// The variables as the one value minijinja evaluates expressions on.
    fn value(&self, std: &Standard) -> MjValue {
        self.value
            .get_or_init(|| {
                let map: BTreeMap<String, MjValue> = (std.vars.names.iter())
                    .zip(&self.slots)
                    .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
                    .collect();
                MjValue::from(map)
            })
            .clone()
    }
}

/// A compiled expression, its native form when it has one, and the
/// variables it reads.
struct Compiled<'a> {
    expr: minijinja::Expression<'a, 'static>,
    native: Option<native::Native>,
    /// The slots of the variables it reads.
    reads: Vec<usize>,
}

/// Compiled expressions, so each is parsed once per run, not per item.
/// Found by where their text is (a standard's expressions stay put for
/// the run) and the text, compared rather than hashed per evaluation.
#[derive(Default)]
pub struct Expressions<'a> {
    compiled: Vec<Entry<'a>>,
}

/// Where an expression's text was, the text, and what compiling it gave.
type Entry<'a> = ((usize, usize), String, Result<Compiled<'a>, String>);

impl<'a> Expressions<'a> {
    /// Evaluate an expression to a boolean, or say why it cannot be;
    /// `Ok(None)` when it reads a value that could not be interpreted.
    pub fn holds(
        &mut self,
        std: &'a Standard,
        expr: &str,
        vars: &Vars,
    ) -> Result<Option<bool>, String> {
        let at = (expr.as_ptr() as usize, expr.len());
        let found = (self.compiled.iter())
            .position(|(a, t, _)| *a == at && t == expr)
            .or_else(|| self.compiled.iter().position(|(_, t, _)| t == expr));
        let i = match found {
            Some(i) => i,
            None => {
                self.compile(std, expr, at);
                self.compiled.len() - 1
            }
        };
        match &self.compiled[i].2 {
            Ok(c) if c.reads.iter().any(|&r| vars.unknown[r]) => Ok(None),
            Ok(c) => {
                if let Some(v) = c.native.as_ref().and_then(|n| n.eval(&vars.slots)) {
                    return Ok(Some(v.is_true()));
                }
                c.expr
                    .eval(vars.value(std))
                    .map(|v| Some(v.is_true()))
                    .map_err(|e| e.to_string())
            }
            Err(msg) => Err(msg.clone()),
        }
    }

    fn compile(&mut self, std: &'a Standard, expr: &str, at: (usize, usize)) {
        let compiled = std
            .env()
            .compile_expression_owned(expr.to_string())
            .map_err(|e| e.to_string())
            .map(|compiled| {
                let mut reads: Vec<usize> = (compiled.undeclared_variables(false).iter())
                    .filter_map(|v| std.vars.slot(v))
                    .collect();
                reads.sort_unstable();
                Compiled {
                    native: native::Native::compile(expr, &|v| std.vars.slot(v)),
                    expr: compiled,
                    reads,
                }
            });
        self.compiled.push((at, expr.to_string(), compiled));
    }
}
