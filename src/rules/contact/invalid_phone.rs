//! `invalid-phone`: a consultation or complaint cell with no phone number,
//! a number without its area code, or one that is no phone number.

use crate::codes::check_phone_cell;
use crate::i18n::Reason;
use crate::rules::codes::ElementsParam;
use crate::rules::*;

pub struct InvalidPhone {
    elements: Vec<usize>,
}

impl InvalidPhone {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let p: ElementsParam = rule_params(std, RuleId::InvalidPhone)?;
        Ok(InvalidPhone {
            elements: element_indexes(std, &p.elements),
        })
    }
}

impl Rule for InvalidPhone {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for &e in &self.elements {
            let Some((text, f)) = cx.text(Some(e)) else {
                continue;
            };
            let Err(issue) = check_phone_cell(text) else {
                continue;
            };
            sink.emit(
                RuleId::InvalidPhone,
                At::field(cx.source(), f),
                reasons(&[Reason::Phone(&issue)]),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "Consultation and complaint cells must contain at least one dialable number: a fixed line with its area code (dashes of any kind, brackets, spaces and extensions accepted), a mobile number, a 400/800 number, or a government hotline or service number dialled without an area code (12345, 12315, 95xxx).",
    zh: "咨询和监督投诉电话至少要有一个可拨打的号码：带区号的固定电话（可用各种连字符、括号、空格和分机号）、手机号、400/800号码，或不加区号拨打的政务热线和服务号码（12345、12315、95xxx）。",
    good: &["0775－1234567"],
    bad: &["1234567 / 0775-123 / 窗口咨询"],
};
