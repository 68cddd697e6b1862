//! `invalid-phone`: a number in a consultation or complaint cell that
//! cannot exist in China's numbering plan: a local part of the wrong
//! length, letters among the digits, a local number without its area
//! code. (A cell with no number at all is `no-phone-number`.)

use crate::codes::{check_phone_numbers, PhoneIssue};
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
            let Err(issue) = check_phone_numbers(&cx.facts.phones_of(e, text)) else {
                continue;
            };
            if issue == PhoneIssue::NoNumber {
                continue;
            }
            sink.emit(
                RuleId::InvalidPhone,
                At::field(cx.source(), f),
                reasons(&[Reason::Phone(&issue)]),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A number in a consultation or complaint cell that cannot exist in China's numbering plan. Accepted: a fixed line with its area code (010 and 02x take three digits and 8-digit local numbers, the others four digits and 7 or 8) and a local number not starting with 0 or 1, written with any dash, spaces, brackets, +86/0086/(86xx) prefixes and an extension (转, -, ext); a mobile (1[3-9] and 9 digits); a national service number — 12xxx hotlines, 95xxx/96xxx, 400/800 — with or without an area code (020-12123). Several numbers in one cell are each checked; a local number after a fixed line shares its area code. Digit runs of prose — e-mail addresses, links, postcodes, street numbers — are not numbers. Errors: local parts of the wrong length, letters among the digits, a local number without an area code.",
    zh: "咨询或监督投诉单元格中按我国电话号码编号计划不可能存在的号码。可接受：带区号的固定电话（010、02x 为3位区号，本地号码8位；其余为4位区号，本地号码7或8位；本地号码不以0或1开头），可用各种连字符、空格、括号、+86/0086/(86xx) 前缀和分机（转、-、ext）；手机号（1[3-9]开头11位）；全国服务号码（12xxx 热线、95xxx/96xxx、400/800），可带或不带区号（020-12123）。一个单元格有多个号码时逐一检查；固定电话后的本地号码沿用其区号。文字中的数字（邮箱、网址、邮编、门牌号）不视为号码。错误：本地号码位数不对、数字中夹字母、本地号码缺少区号。",
    good: &["020-8923 2806 / (8620) 81218888 / 020-12123 / 020-83827812-12345"],
    bad: &["83815010 / 0775-23456 / 0775-12A4567"],
    good_zh: &[],
    bad_zh: &[],
};
