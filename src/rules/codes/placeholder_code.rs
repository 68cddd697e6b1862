//! `placeholder-code`: a code cell that holds a placeholder, not a code:
//! one digit repeated (`2222222222222`), `TE` + area + digits in the
//! credit-code column, `null` inside a code. It replaces the format
//! findings of the cell (one cause, one finding).

use crate::catalogue::value::clean_code;
use crate::rules::*;
use crate::standard::ElementType;

pub struct PlaceholderCode;

impl PlaceholderCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(PlaceholderCode)
    }
}

/// Why a code is a placeholder: `repeated`, `te`, `null`, or none.
pub fn placeholder(code: &str, kind: ElementType) -> Option<&'static str> {
    let c = clean_code(code);
    let mut chars = c.chars();
    let first = chars.next()?;
    if c.chars().count() >= 6 && chars.all(|x| x == first) {
        return Some("repeated");
    }
    if kind == ElementType::CreditCode && c.to_ascii_uppercase().starts_with("TE") {
        return Some("te");
    }
    let lower = c.to_ascii_lowercase();
    let null = lower.contains("null")
        || ["undefined", "nan", "none"].iter().any(|w| {
            lower
                .split(|ch: char| !ch.is_ascii_alphanumeric())
                .any(|t| t == *w)
        });
    null.then_some("null")
}

const CODE_TYPES: [ElementType; 7] = [
    ElementType::CreditCode,
    ElementType::BasicCode,
    ElementType::ImplCode,
    ElementType::HandlingCode,
    ElementType::MaterialCode,
    ElementType::AreaCode,
    ElementType::LocalCode,
];

impl Rule for PlaceholderCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let std = cx.std();
        for f in &cx.item.fields {
            let kind = std.elements[f.element].kind;
            if !CODE_TYPES.contains(&kind) {
                continue;
            }
            if let Some(why) = placeholder(&f.text, kind) {
                let p = params(&[("kind", why.to_string())]);
                sink.emit(RuleId::PlaceholderCode, At::field(cx.source(), f), p);
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A code cell holds a placeholder: one character repeated six or more times (`2222222222222`, `1111111111111111`), `TE` + area + digits in the credit-code column (a temporary code that fails the check character), or `null` inside a code (`511A0138000000-null-000-…`). The cell's format findings (invalid credit, basic, implementation or division code) are not reported besides: the placeholder is the cause.",
    zh: "编码单元格填的是占位符：同一字符重复6次以上（2222222222222、1111111111111111），实施主体编码为 `TE`＋区划＋数字（临时代码，校验位不通过），或编码中含 `null`（511A0138000000-null-000-…）。该单元格不再另报格式错误（信用代码、基本编码、实施编码或区划代码错误）：原因是占位符。",
    good: &["11450721MB15580811"],
    bad: &["2222222222222 / TE5116020105116050"],
    good_zh: &[],
    bad_zh: &[],
};
