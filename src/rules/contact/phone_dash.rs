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
        for &e in &self.elements {
            let Some((text, f)) = cx.text(Some(e)) else {
                continue;
            };
            if let Some(n) = cx
                .facts
                .phones_of(e, text)
                .iter()
                .find(|n| n.dash.is_some())
            {
                let dash = n.dash.map(String::from).unwrap_or_default();
                let p = params(&[("number", n.raw.clone()), ("dash", dash)]);
                sink.emit(RuleId::PhoneDash, At::field(cx.source(), f), p);
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A phone number written with a dash that is not a hyphen-minus (– — ― − ‐ or the numeral 一 between digits). The number is still read; the dash is a warning because other systems may not. Full-width － is folded to - and is fine.",
    zh: "电话号码中使用了非连字符的横线（– — ― − ‐，或数字间的“一”）。号码仍可识别；因其他系统可能无法识别，给出警告。全角“－”会规范为“-”，不报告。",
    good: &["020-12333"],
    bad: &["020–12333"],
};
