//! `phone-dash`: a number written with a dash that is not a hyphen (an
//! en or em dash, a minus sign, the numeral 一), which systems that dial or
//! match numbers do not read as one.

use crate::rules::codes::ElementsParam;
use crate::rules::*;

pub struct PhoneDash {
    elements: Vec<usize>,
}

impl PhoneDash {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let p: ElementsParam = rule_params(std, RuleId::PhoneDash)?;
        Ok(PhoneDash {
            elements: element_indexes(std, &p.elements),
        })
    }
}

impl Rule for PhoneDash {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for (n, f) in super::first_number(cx, &self.elements, |n| n.dash.is_some()) {
            let dash = n.dash.map(String::from).unwrap_or_default();
            // quoted as the cell writes it, not as it was read
            let number = super::as_written(&f.text, &n.raw);
            let p = params(&[("number", number), ("dash", dash)]);
            sink.emit(RuleId::PhoneDash, At::field(cx.source(), f), p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A phone number written with a dash that is not the ASCII hyphen-minus (the full-width －, – — ― − ‐, or the numeral 一 between digits). The number is still read; the dash is a warning because systems that dial or match numbers may not read it.",
    zh: "电话号码中使用了非半角连字符的横线（全角“－”、– — ― − ‐，或数字间的“一”）。号码仍可识别；因拨号或比对号码的系统可能无法识别，给出警告。",
    good: &["020-12333"],
    bad: &["020–12333"],
    good_zh: &[],
    bad_zh: &[],
};
