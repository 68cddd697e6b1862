//! `no-phone-number`: a consultation or complaint cell that gives no
//! number at all — prose where a number belongs (现场咨询, an address).

use crate::rules::codes::ElementsParam;
use crate::rules::*;

pub struct NoPhoneNumber {
    elements: Vec<usize>,
}

impl NoPhoneNumber {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let p: ElementsParam = rule_params(std, RuleId::NoPhoneNumber)?;
        Ok(NoPhoneNumber {
            elements: element_indexes(std, &p.elements),
        })
    }
}

impl Rule for NoPhoneNumber {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for &e in &self.elements {
            let Some((text, f)) = cx.text(Some(e)) else {
                continue;
            };
            if cx.facts.phones_of(e, text).is_empty() {
                sink.emit(
                    RuleId::NoPhoneNumber,
                    At::field(cx.source(), f),
                    Params::new(),
                );
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A consultation or complaint cell with no phone number in it: prose (窗口咨询, an address, a web page) where the standard asks for a number with its area code. A warning: the channel is described, but applicants cannot call it.",
    zh: "咨询或监督投诉单元格中没有任何电话号码：标准要求带区号的电话，却只写了文字（窗口咨询、地址、网址）。为警告：写明了渠道，但申请人无法拨打。",
    good: &["窗口咨询：0777-8212345"],
    bad: &["到窗口咨询"],
    good_zh: &[],
    bad_zh: &[],
};
