//! Interpreting cell text as the standard's typed values.
//!
//! Real lists write numbers as text with units (`20个工作日`, `二十天`,
//! full-width `２０`), `即办` for zero, `无` for nothing, labels instead of
//! codes, and several values in one cell joined by `^ , ， 、`. This module
//! turns a cell into a [`Value`] and says precisely what it could not
//! understand; it does not decide whether that matters (rules do).

use crate::standard::{Element, ElementType, Lookup, Standard};
use crate::text::{compact, nfkc, parse_count};

/// A cell's value as the standard understands it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Empty, or a word meaning "none".
    Absent,
    Text(String),
    Int(i64),
    /// An amount and its unit: a `time_unit` code, or `h`, `m`, `y` for
    /// hours, months and years (units the national table lacks); none when
    /// the cell gave no unit.
    Duration {
        amount: i64,
        unit: Option<String>,
    },
    Code(String),
    Codes(Vec<String>),
    /// An accepted label without a national code.
    Uncoded(String),
}

impl Value {
    pub fn is_absent(&self) -> bool {
        matches!(self, Value::Absent) || matches!(self, Value::Codes(v) if v.is_empty())
    }
    pub fn as_code(&self) -> Option<&str> {
        match self {
            Value::Code(c) => Some(c),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Duration { amount, .. } => Some(*amount),
            _ => None,
        }
    }
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Why a value was not understood: data; its sentences are in the
/// message catalogue (`crate::i18n`).
pub use crate::i18n::ValueProblem as Problem;

/// Clean a code cell: NFKC, no whitespace, no Excel text markers (`'0001…`,
/// `="0001…"`).
pub fn clean_code(s: &str) -> String {
    let c = compact(s);
    let c = c.strip_prefix('\'').unwrap_or(&c);
    let c = c
        .strip_prefix("=\"")
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(c);
    c.trim_matches('"').to_string()
}

const IMMEDIATE: [&str; 12] = [
    "即办",
    "即时",
    "当场",
    "立即",
    "即时办结",
    "当场办结",
    "立即办结",
    "即来即办",
    "当即办结",
    "即时办理",
    "当场办理",
    "立即办理",
];

/// Parse a time limit: `20`, `20个工作日`, `二十天`, `3个月`, `即办`.
pub fn parse_duration(text: &str) -> Option<(i64, Option<String>)> {
    let t = compact(text);
    if IMMEDIATE.iter().any(|w| t.starts_with(w)) {
        return Some((0, None));
    }
    let t = t
        .trim_start_matches("自受理之日起")
        .trim_start_matches("受理后")
        .trim_start_matches("法定")
        .trim_start_matches("承诺");
    let split = t
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(*c) || *c == '.')
        })
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let (num, rest) = t.split_at(split);
    let amount = parse_count(num)?;
    let rest = rest.strip_prefix('个').unwrap_or(rest);
    // 20(工作日)
    let rest = match rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => inner.strip_prefix('个').unwrap_or(inner),
        None => rest,
    };
    const UNITS: [(&str, &str); 7] = [
        ("工作日", "1"),
        ("自然日", "2"),
        ("日历日", "2"),
        ("天", "2"),
        ("日", "2"),
        ("小时", "h"),
        ("月", "m"),
    ];
    if rest.is_empty() {
        return Some((amount, None));
    }
    for (u, code) in UNITS {
        if let Some(after) = rest.strip_prefix(u) {
            // allow a trailing remark: 20个工作日（不含公示时间）, 20个工作日内
            if after.is_empty() || after.starts_with(['(', '（', '内', ',', '，', ';', '；', '。'])
            {
                return Some((amount, Some(code.to_string())));
            }
        }
    }
    if rest == "年" {
        return Some((amount, Some("y".into())));
    }
    None
}

fn parse_integer(text: &str) -> Option<i64> {
    let t = compact(text);
    let t = t
        .trim_start_matches("最多")
        .trim_start_matches("不超过")
        .trim_start_matches("至多");
    let t = t
        .trim_end_matches("以内")
        .trim_end_matches(['次', '份', '个', '张', '页', '套', '本', '趟']);
    parse_count(t)
}

/// Interpret a cell for an element.
pub fn interpret(
    el: &Element,
    standard: &Standard,
    text: &str,
    numeric: bool,
) -> (Value, Vec<Problem>) {
    interpret_compact(el, standard, text, &compact(text), numeric)
}

/// Interpret a field, by the compact form it keeps.
pub fn interpret_field(
    el: &Element,
    standard: &Standard,
    f: &crate::catalogue::Field,
) -> (Value, Vec<Problem>) {
    interpret_compact(el, standard, &f.text, f.compact(), f.numeric)
}

/// [`interpret`] given the text's compact form `c` too.
fn interpret_compact(
    el: &Element,
    standard: &Standard,
    text: &str,
    c: &str,
    numeric: bool,
) -> (Value, Vec<Problem>) {
    if c.is_empty() {
        return (Value::Absent, Vec::new());
    }
    let none_word = standard.is_none_word(c);
    let mut problems = Vec::new();
    let value = match el.kind {
        ElementType::Code => {
            let Some(vocab) = standard.vocabulary_of(el) else {
                return (Value::Text(nfkc(text).into_owned()), problems);
            };
            if el.multi {
                let mut codes: Vec<String> = Vec::new();
                let tokens = vocab.split_multi(text);
                let mut uncoded = None;
                for tok in &tokens {
                    match vocab.lookup(tok) {
                        Lookup::Code(code) => {
                            if !codes.contains(&code) {
                                codes.push(code);
                            }
                        }
                        Lookup::Uncoded(l) => uncoded = Some(l),
                        Lookup::NotFound => {
                            if !(tokens.len() == 1 && none_word) {
                                problems.push(Problem::NotInVocabulary(tok.clone()));
                            }
                        }
                    }
                }
                if codes.is_empty() {
                    if let Some(l) = uncoded {
                        return (Value::Uncoded(l), problems);
                    }
                }
                Value::Codes(codes)
            } else {
                match vocab.lookup(c) {
                    Lookup::Code(code) => Value::Code(code),
                    Lookup::Uncoded(l) => Value::Uncoded(l),
                    Lookup::NotFound if none_word => Value::Absent,
                    Lookup::NotFound => {
                        problems.push(Problem::NotInVocabulary(String::new()));
                        Value::Absent
                    }
                }
            }
        }
        _ if none_word => match el.none_value {
            Some(v) => Value::Int(v),
            None => Value::Absent,
        },
        ElementType::Integer => match parse_integer(c) {
            Some(n) => Value::Int(n),
            None => {
                problems.push(Problem::NotInteger);
                Value::Absent
            }
        },
        ElementType::Duration => match parse_duration(c) {
            Some((amount, unit)) => Value::Duration { amount, unit },
            None => {
                problems.push(Problem::NotDuration);
                Value::Absent
            }
        },
        ElementType::BasicCode => {
            let mut code = clean_code(c);
            // A basic code stored as a number loses its leading zeros
            // (Excel shows them only through a number format).
            if numeric && code.len() < 12 && code.bytes().all(|b| b.is_ascii_digit()) {
                code = format!("{code:0>12}");
            }
            Value::Text(code)
        }
        ElementType::CreditCode
        | ElementType::ImplCode
        | ElementType::HandlingCode
        | ElementType::MaterialCode
        | ElementType::AreaCode => Value::Text(clean_code(c)),
        ElementType::LocalCode | ElementType::Text | ElementType::Phone => {
            Value::Text(nfkc(text).into_owned())
        }
    };
    if let Some(n) = value.as_int() {
        if el.min.is_some_and(|m| n < m) || el.max.is_some_and(|m| n > m) {
            problems.push(Problem::OutOfRange {
                min: el.min,
                max: el.max,
            });
        }
    }
    if let Value::Text(t) = &value {
        let len = t.chars().count();
        if let Some(max) = el.max_length {
            if len > max {
                problems.push(Problem::TooLong { max, len });
            }
        }
        if let Some(re) = &el.pattern_re {
            if !re.is_match(t) {
                problems.push(Problem::Pattern(re.as_str().to_string()));
            }
        }
    }
    (value, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("20"), Some((20, None)));
        assert_eq!(parse_duration("20个工作日"), Some((20, Some("1".into()))));
        assert_eq!(parse_duration("２０个工作日"), Some((20, Some("1".into()))));
        assert_eq!(parse_duration("二十个工作日"), Some((20, Some("1".into()))));
        assert_eq!(parse_duration("15天"), Some((15, Some("2".into()))));
        assert_eq!(parse_duration("即办"), Some((0, None)));
        assert_eq!(parse_duration("即时办结"), Some((0, None)));
        assert_eq!(
            parse_duration("20个工作日（不含公示期）"),
            Some((20, Some("1".into())))
        );
        assert_eq!(
            parse_duration("自受理之日起20个工作日内"),
            Some((20, Some("1".into())))
        );
        assert_eq!(parse_duration("3个月"), Some((3, Some("m".into()))));
        assert_eq!(parse_duration("20（工作日）"), Some((20, Some("1".into()))));
        assert_eq!(parse_duration("当场"), Some((0, None)));
        assert_eq!(parse_duration("依法定程序"), None);
        assert_eq!(parse_duration("20个"), Some((20, None)));
    }

    #[test]
    fn integers() {
        assert_eq!(parse_integer("0"), Some(0));
        assert_eq!(parse_integer("1次"), Some(1));
        assert_eq!(parse_integer("最多1次"), Some(1));
        assert_eq!(parse_integer("零次"), Some(0));
        assert_eq!(parse_integer("两次"), Some(2));
        assert_eq!(parse_integer("若干"), None);
    }

    #[test]
    fn codes_are_cleaned() {
        assert_eq!(clean_code(" '000104002000 "), "000104002000");
        assert_eq!(clean_code("=\"000104002000\""), "000104002000");
        assert_eq!(
            clean_code("１１４５０７２１ＭＢ１５５８０８１１"),
            "11450721MB15580811"
        );
    }
}
