//! What a column that matches no element probably is: by its header (a
//! label or alias it contains, or one close to it) or by its values (credit
//! codes, service codes, phones, web addresses, a vocabulary's codes or
//! labels). Used to word `unknown-column` and by `santong profile`.

use crate::standard::{ElementType, Lookup, Standard};
use crate::text::compact;

/// Whether a value is a code of some kind.
type CodeTest<'a> = dyn Fn(&str) -> bool + 'a;

/// What tells that a column probably means an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Its header resembles the element's label or an alias.
    Header,
    /// Its values are of the element's kind.
    Values,
    /// Both.
    Both,
}

/// A column's probable element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub element: usize,
    pub evidence: Evidence,
}

/// The element a column with this header and these values (a sample of
/// its distinct values) probably holds, among the elements not `taken` by
/// another column of the table.
pub fn suggest(
    std: &Standard,
    header: &str,
    values: &[String],
    taken: &[usize],
) -> Option<Suggestion> {
    let by_header = by_header(std, header, taken);
    let by_values = by_values(std, values, taken);
    let fits = |e: usize| by_values.iter().any(|&(v, _)| v == e);
    match by_header {
        Some((e, _)) if fits(e) => Some(Suggestion {
            element: e,
            evidence: Evidence::Both,
        }),
        Some((e, _)) if values.is_empty() || !decisive(&by_values) => Some(Suggestion {
            element: e,
            evidence: Evidence::Header,
        }),
        _ => {
            // values alone decide only when one element fits them
            let best: Vec<usize> = by_values
                .iter()
                .filter(|(_, strong)| *strong)
                .map(|(e, _)| *e)
                .collect();
            let pick = match best.as_slice() {
                [e] => Some(*e),
                [] if by_values.len() == 1 => Some(by_values[0].0),
                _ => None,
            };
            pick.map(|element| Suggestion {
                element,
                evidence: Evidence::Values,
            })
        }
    }
}

/// Values that fit a kind no header guess should override (codes).
fn decisive(by_values: &[(usize, bool)]) -> bool {
    by_values.iter().any(|(_, strong)| *strong)
}

/// The element whose label or an alias the header is closest to, with the
/// closeness (0–1); none below 0.5.
fn by_header(std: &Standard, header: &str, taken: &[usize]) -> Option<(usize, f64)> {
    let key = crate::text::header_keys(header).into_iter().last()?;
    let key: Vec<char> = key.chars().collect();
    // two characters (情况, 类别) say too little to guess from
    if key.len() < 3 {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for (i, el) in std.elements.iter().enumerate() {
        if taken.contains(&i) || el.label_of.is_some() {
            continue;
        }
        for name in std::iter::once(&el.label).chain(&el.aliases) {
            // exchange field names (TASK_NAME) say nothing about a CJK header
            if name.is_ascii() != key.iter().all(char::is_ascii) {
                continue;
            }
            let name: Vec<char> = compact(name).chars().collect();
            let s = closeness(&key, &name);
            if s >= 0.5 && best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
    }
    best
}

/// How close two headers are: one inside the other (by the share of the
/// longer it covers), else the Dice coefficient of their character pairs.
fn closeness(a: &[char], b: &[char]) -> f64 {
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.windows(short.len()).any(|w| w == short) {
        let bonus = if short.len() >= 3 { 0.3 } else { 0.0 };
        return (short.len() as f64 / long.len() as f64 + bonus).min(1.0);
    }
    let pairs = |s: &[char]| -> Vec<(char, char)> { s.windows(2).map(|w| (w[0], w[1])).collect() };
    let (pa, mut pb) = (pairs(a), pairs(b));
    let total = pa.len() + pb.len();
    let mut common = 0;
    for p in pa {
        if let Some(i) = pb.iter().position(|q| *q == p) {
            pb.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

/// Elements whose kind the values fit (nearly all of them), each marked
/// strong when the fit is specific (a code format, a vocabulary's labels)
/// rather than small numbers any code table could hold.
fn by_values(std: &Standard, values: &[String], taken: &[usize]) -> Vec<(usize, bool)> {
    let values: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty() && !std.is_none_word(&compact(v)))
        .collect();
    if values.is_empty() {
        return Vec::new();
    }
    let share = |f: &dyn Fn(&str) -> bool| {
        values.iter().filter(|v| f(v)).count() as f64 / values.len() as f64
    };
    let mut out = Vec::new();
    let free = |t: ElementType| {
        std.elements
            .iter()
            .enumerate()
            .filter(move |(i, e)| e.kind == t && !taken.contains(i) && e.label_of.is_none())
            .map(|(i, _)| i)
    };
    let code = |v: &str| compact(v).to_ascii_uppercase();
    // a 31-character implementation code led by a valid credit code
    let impl_ok = |c: &str| {
        crate::codes::split_impl_code(c)
            .is_some_and(|p| crate::codes::validate_credit_code(p.credit).is_ok())
    };
    let kinds: [(ElementType, &CodeTest); 5] = [
        (ElementType::CreditCode, &|v| {
            crate::codes::validate_credit_code(&code(v)).is_ok()
        }),
        (ElementType::ImplCode, &|v| impl_ok(&code(v))),
        (ElementType::HandlingCode, &|v| {
            let c = code(v);
            c.len() == 33 && c.is_ascii() && impl_ok(&c[..31])
        }),
        (ElementType::BasicCode, &|v| {
            crate::codes::validate_basic_code(&code(v)).is_ok()
        }),
        (ElementType::Phone, &|v| {
            // a number, possible or not (a local number without its
            // area code is still a phone)
            !crate::codes::find_phone_numbers(&crate::text::phone_text(v)).is_empty()
        }),
    ];
    for (kind, fits) in kinds {
        if share(fits) >= 0.8 {
            if let Some(e) = free(kind).next() {
                out.push((e, true));
            }
            return out;
        }
    }
    if share(&|v| {
        let v = v.to_ascii_lowercase();
        v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.")
    }) >= 0.8
    {
        if let Some(e) = std
            .element_index("online_url")
            .filter(|e| !taken.contains(e))
        {
            out.push((e, true));
        }
        return out;
    }
    // a vocabulary's codes or labels
    for (i, el) in std.elements.iter().enumerate() {
        if taken.contains(&i) || el.label_of.is_some() || el.kind != ElementType::Code {
            continue;
        }
        let Some(v) = std.vocabulary_of(el) else {
            continue;
        };
        let mut labels = 0usize;
        let all = values.iter().all(|x| {
            let tokens = if el.multi {
                v.split_multi(x)
            } else {
                vec![x.to_string()]
            };
            !tokens.is_empty()
                && tokens.iter().all(|t| match v.lookup(t) {
                    Lookup::NotFound => false,
                    _ => {
                        labels += usize::from(!t.chars().all(|c| c.is_ascii_alphanumeric()));
                        true
                    }
                })
        });
        if all {
            out.push((i, labels > 0));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std() -> Standard {
        crate::standard::Standard::national().unwrap()
    }

    fn label(std: &Standard, s: Option<Suggestion>) -> Option<String> {
        s.map(|s| std.elements[s.element].label.clone())
    }

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn headers_close_to_a_label() {
        let s = std();
        assert_eq!(
            label(&s, suggest(&s, "实施主体全称", &[], &[])).as_deref(),
            Some("实施主体")
        );
        assert_eq!(
            label(&s, suggest(&s, "投诉举报电话", &[], &[])).as_deref(),
            Some("监督投诉方式")
        );
        // near miss: nothing like any element
        assert_eq!(suggest(&s, "经办人签字", &[], &[]), None);
    }

    #[test]
    fn values_of_a_kind() {
        let s = std();
        let codes = v(&["11450721MB15580811", "11450721348531435D"]);
        assert_eq!(
            label(&s, suggest(&s, "机构代码X", &codes, &[])).as_deref(),
            Some("实施主体编码")
        );
        let phones = v(&["0771-5551234", "0771-5559876"]);
        assert_eq!(
            label(&s, suggest(&s, "联系", &phones, &[])).as_deref(),
            Some("咨询方式")
        );
        let kinds = v(&["即办件", "承诺件"]);
        assert_eq!(
            label(&s, suggest(&s, "类别", &kinds, &[])).as_deref(),
            Some("办件类型")
        );
        // near miss: small numbers fit many tables, and the header none
        assert_eq!(suggest(&s, "分组", &v(&["1", "2"]), &[]), None);
        // near miss: prose is no kind
        assert_eq!(
            suggest(&s, "情况", &v(&["按规定办理", "见附件"]), &[]),
            None
        );
    }

    #[test]
    fn an_element_already_read_is_not_suggested() {
        let s = std();
        let body = s.element_index("body_name").unwrap();
        assert_ne!(
            suggest(&s, "实施主体全称", &[], &[body]).map(|x| x.element),
            Some(body)
        );
    }
}
