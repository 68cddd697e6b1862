//! The common expressions of a standard evaluated natively: comparisons,
//! containment, `and`/`or`/`not` and the tests `none`, `blank`,
//! `startingwith` and `endingwith` over an item's variables and constants.
//!
//! An expression is parsed by minijinja's own parser, so its shape is
//! exactly minijinja's; it is evaluated here with minijinja's value
//! semantics (`==` and `<` are minijinja's comparisons of its values).
//! Whatever this form cannot express — arithmetic, filters, calls,
//! attribute access, chained comparisons — is left to minijinja, and so is
//! any evaluation this form cannot be sure of (an undefined variable, a
//! containment check minijinja would refuse, a test on a value that is not
//! text): `eval` then says `None` and the caller runs minijinja.

use minijinja::machinery::ast;
use minijinja::Value;
use std::borrow::Cow;
use std::cmp::Ordering;

/// A compiled expression.
#[derive(Debug)]
pub enum Native {
    Const(Value),
    /// A variable by slot.
    Var(usize),
    Not(Box<Native>),
    And(Box<Native>, Box<Native>),
    Or(Box<Native>, Box<Native>),
    Compare(Op, Box<Native>, Box<Native>),
    /// `value in container`
    In(Box<Native>, Box<Native>),
    Test(Test, Box<Native>),
}

#[derive(Debug, Clone, Copy)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

#[derive(Debug)]
pub enum Test {
    None,
    Blank,
    StartsWith(Box<Native>),
    EndsWith(Box<Native>),
}

impl Native {
    /// The native form of `expr`, or none when it has a part this form
    /// does not evaluate.
    /// `slot` gives a variable's slot (none for a name that is not a
    /// variable: minijinja's to treat as undefined).
    pub fn compile(expr: &str, slot: &dyn Fn(&str) -> Option<usize>) -> Option<Native> {
        let parsed = minijinja::machinery::parse_expr(expr).ok()?;
        from_ast(&parsed, slot)
    }

    /// Evaluate on the variables by slot; none when minijinja must decide.
    pub fn eval<'v>(&'v self, vars: &'v [Option<Value>]) -> Option<Cow<'v, Value>> {
        Some(match self {
            Native::Const(v) => Cow::Borrowed(v),
            Native::Var(slot) => Cow::Borrowed(vars.get(*slot)?.as_ref()?),
            Native::Not(e) => Cow::Owned(Value::from(!e.eval(vars)?.is_true())),
            // `and` and `or` give one of their operands, as in minijinja
            Native::And(a, b) => {
                let a = a.eval(vars)?;
                if a.is_true() {
                    b.eval(vars)?
                } else {
                    a
                }
            }
            Native::Or(a, b) => {
                let a = a.eval(vars)?;
                if a.is_true() {
                    a
                } else {
                    b.eval(vars)?
                }
            }
            Native::Compare(op, a, b) => {
                let (a, b) = (a.eval(vars)?, b.eval(vars)?);
                Cow::Owned(Value::from(compare(*op, &a, &b)))
            }
            Native::In(v, c) => {
                let (v, c) = (v.eval(vars)?, c.eval(vars)?);
                Cow::Owned(Value::from(contains(&c, &v)?))
            }
            Native::Test(t, e) => {
                let v = e.eval(vars)?;
                Cow::Owned(Value::from(test(t, &v, vars)?))
            }
        })
    }
}

fn compare(op: Op, a: &Value, b: &Value) -> bool {
    match op {
        Op::Eq => a == b,
        Op::Ne => a != b,
        Op::Lt => a.cmp(b) == Ordering::Less,
        Op::Lte => a.cmp(b) != Ordering::Greater,
        Op::Gt => a.cmp(b) == Ordering::Greater,
        Op::Gte => a.cmp(b) != Ordering::Less,
    }
}

/// `value in container` for text in text and a value in a list of text;
/// none for the containers minijinja treats otherwise (or refuses).
fn contains(container: &Value, value: &Value) -> Option<bool> {
    if let Some(s) = container.as_str() {
        return Some(s.contains(value.as_str()?));
    }
    if container.kind() != minijinja::value::ValueKind::Seq {
        return None;
    }
    let mut found = false;
    for item in container.try_iter().ok()? {
        item.as_str()?;
        found |= item == *value;
    }
    Some(found)
}

fn test(t: &Test, v: &Value, vars: &[Option<Value>]) -> Option<bool> {
    Some(match t {
        Test::None => v.is_none(),
        Test::Blank => crate::standard::is_blank(v),
        Test::StartsWith(arg) => v.as_str()?.starts_with(arg.eval(vars)?.as_str()?),
        Test::EndsWith(arg) => v.as_str()?.ends_with(arg.eval(vars)?.as_str()?),
    })
}

type Slots<'s> = &'s dyn Fn(&str) -> Option<usize>;

fn boxed(e: &ast::Expr<'_>, slot: Slots<'_>) -> Option<Box<Native>> {
    from_ast(e, slot).map(Box::new)
}

fn from_ast(e: &ast::Expr<'_>, slot: Slots<'_>) -> Option<Native> {
    use ast::{BinOpKind as B, Expr as E};
    Some(match e {
        E::Const(c) => {
            let v = &c.value;
            // text, whole numbers, booleans and none; other constants
            // (floats, lists) are left to minijinja
            let simple = v.as_str().is_some()
                || v.is_none()
                || v.kind() == minijinja::value::ValueKind::Bool
                || v.as_i64().is_some() && !v.to_string().contains('.');
            if !simple || v.is_undefined() {
                return None;
            }
            Native::Const(v.clone())
        }
        E::Var(v) => Native::Var(slot(v.id)?),
        E::UnaryOp(u) => match u.op {
            ast::UnaryOpKind::Not => Native::Not(boxed(&u.expr, slot)?),
            ast::UnaryOpKind::Neg => return None,
        },
        E::BinOp(b) => {
            let (l, r) = (boxed(&b.left, slot)?, boxed(&b.right, slot)?);
            let op = match b.op {
                B::ScAnd => return Some(Native::And(l, r)),
                B::ScOr => return Some(Native::Or(l, r)),
                B::In => return Some(Native::In(l, r)),
                B::Eq => Op::Eq,
                B::Ne => Op::Ne,
                B::Lt => Op::Lt,
                B::Lte => Op::Lte,
                B::Gt => Op::Gt,
                B::Gte => Op::Gte,
                _ => return None,
            };
            Native::Compare(op, l, r)
        }
        E::Test(t) => {
            let arg = || match t.args.as_slice() {
                [ast::CallArg::Pos(a)] => boxed(a, slot),
                _ => None,
            };
            let test = match (t.name, t.args.len()) {
                ("none", 0) => Test::None,
                ("blank", 0) => Test::Blank,
                ("startingwith", 1) => Test::StartsWith(arg()?),
                ("endingwith", 1) => Test::EndsWith(arg()?),
                _ => return None,
            };
            Native::Test(test, boxed(&t.expr, slot)?)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The test variables' slots: `a` and `b`.
    fn slot(name: &str) -> Option<usize> {
        ["a", "b"].iter().position(|v| *v == name)
    }

    /// The values variables take in the tests: every kind an item's
    /// variables can be, and the edges between them.
    fn samples() -> Vec<Value> {
        vec![
            Value::from(()),
            Value::from(0),
            Value::from(1),
            Value::from(20),
            Value::from(-3),
            Value::from(true),
            Value::from(false),
            Value::from(""),
            Value::from(" "),
            Value::from("1"),
            Value::from("20"),
            Value::from("2"),
            Value::from("营业执照"),
            Value::from("身份证"),
            Value::from("这是一个相当长的事项名称用于测试较长的文本是否也能正确比较的证书"),
            Value::from(Vec::<Value>::new()),
            Value::from(vec![Value::from("2"), Value::from("3")]),
            Value::from(vec![Value::from("5")]),
        ]
    }

    /// Expressions over two variables `a` and `b`, of every shape the
    /// native form takes and some it leaves to minijinja.
    const EXPRS: &[&str] = &[
        "a == b",
        "a != b",
        "a < b",
        "a <= b",
        "a > b",
        "a >= b",
        "a == 0",
        "a == \"1\"",
        "a != \"20\"",
        "a in b",
        "a not in b",
        "\"2\" in a or \"3\" in a",
        "\"5\" in a or \"IV\" in a",
        "a is none",
        "a is not none",
        "a is blank",
        "a is not blank",
        "a is endingwith(\"证\")",
        "a is startingwith(\"营\")",
        "a is endingwith(b)",
        "not a",
        "not a == b",
        "a and b",
        "a or b",
        "(a == 0) == (b == \"1\")",
        "a is not none and b is not none and a <= b",
        "a is not blank and (a is endingwith(\"证\") or a is endingwith(\"证书\"))",
        "a == true",
        "a == none",
        "a < 1 < b",
        "a + 1 > b",
        "a|length > 0",
        "c is none",
        "c == a",
        "-a < b",
        "a == 1.5",
    ];

    /// On every pair of sample values, the native form says what minijinja
    /// says, or leaves it to minijinja.
    #[test]
    fn native_evaluation_agrees_with_minijinja() {
        let std = crate::standard::Standard::national().unwrap();
        let env = std.env();
        let mut native_count = 0;
        for src in EXPRS {
            let compiled = env.compile_expression(src).unwrap();
            let native = Native::compile(src, &slot);
            for a in samples() {
                for b in samples() {
                    let mut vars = BTreeMap::new();
                    vars.insert("a".to_string(), a.clone());
                    vars.insert("b".to_string(), b.clone());
                    let want = compiled.eval(Value::from(vars)).map(|v| v.is_true());
                    let Some(n) = &native else { continue };
                    let slots = [Some(a.clone()), Some(b.clone())];
                    let Some(got) = n.eval(&slots) else { continue };
                    native_count += 1;
                    assert_eq!(
                        Ok(got.is_true()),
                        want.as_ref().map_err(|e| e.to_string()).cloned(),
                        "{src} with a = {a:?}, b = {b:?}"
                    );
                }
            }
        }
        // the native form decides most of these, not none of them
        assert!(native_count > EXPRS.len() * 200, "{native_count}");
    }

    #[test]
    fn what_the_native_form_leaves_to_minijinja() {
        for src in [
            "a + 1 > b",
            "a|length > 0",
            "a < 1 < b",
            "-a < b",
            "a == 1.5",
            "f(a)",
            "a.b == 1",
        ] {
            assert!(Native::compile(src, &slot).is_none(), "{src}");
        }
        for src in ["a == b", "a is not none and \"2\" in b", "not (a or b)"] {
            assert!(Native::compile(src, &slot).is_some(), "{src}");
        }
        // a name that is not a variable is minijinja's to treat as undefined
        assert!(Native::compile("c == 1", &slot).is_none());
        // so are a variable not made for the item, a containment check in
        // none and a test on a number
        let vars = [Some(Value::from(())), None];
        for src in ["b == 1", "\"1\" in a", "a is endingwith(\"x\")"] {
            let n = Native::compile(src, &slot).unwrap();
            assert!(n.eval(&vars).is_none(), "{src}");
        }
        let n = Native::compile("a is endingwith(\"x\")", &slot).unwrap();
        assert!(n.eval(&[Some(Value::from(1)), None]).is_none());
        assert_eq!(
            n.eval(&[Some(Value::from("ax")), None])
                .map(|v| v.is_true()),
            Some(true)
        );
    }

    /// Every expression of the national standard has a native form.
    #[test]
    fn the_national_expressions_are_native() {
        let std = crate::standard::Standard::national().unwrap();
        let exprs = std
            .rules
            .iter()
            .flat_map(|r| [r.when.as_deref(), r.assert.as_deref()])
            .chain(std.elements.iter().map(|e| e.required_when.as_deref()))
            .flatten();
        let mut n = 0;
        for e in exprs {
            assert!(Native::compile(e, &|v| std.vars.slot(v)).is_some(), "{e}");
            n += 1;
        }
        assert!(n >= 15, "{n}");
    }
}
