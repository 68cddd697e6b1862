//! `phone-brackets`: an area code in brackets of two widths (`（0511)`),
//! half full-width and half ASCII, which a system that reads numbers does
//! not take for a pair.

use crate::rules::codes::ElementsParam;
use crate::rules::*;

pub struct PhoneBrackets {
    elements: Vec<usize>,
}

impl PhoneBrackets {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let p: ElementsParam = rule_params(std, RuleId::PhoneBrackets)?;
        Ok(PhoneBrackets {
            elements: element_indexes(std, &p.elements),
        })
    }
}

impl Rule for PhoneBrackets {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for (n, f) in super::first_number(cx, &self.elements, |n| n.mixed_brackets) {
            let p = params(&[("number", n.raw)]);
            sink.emit(RuleId::PhoneBrackets, At::field(cx.source(), f), p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A phone number whose area code is bracketed with one full-width and one ASCII bracket, such as （0511)-86812395. The number is still read; write both brackets the same width (or drop them: 0511-86812395).",
    zh: "电话号码的区号括号一个全角一个半角，如“（0511)-86812395”。号码仍可识别；两个括号应同为全角或同为半角（或不用括号：0511-86812395）。",
    good: &["(0511)86812395"],
    bad: &["（0511)86812395"],
    good_zh: &[],
    bad_zh: &[],
};
