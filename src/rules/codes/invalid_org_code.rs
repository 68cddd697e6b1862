//! `invalid-org-code`: a credit code that is valid as a whole but whose
//! embedded organisation code (positions 9–17, GB 11714) fails its own check.

use super::ElementsParam;
use crate::codes::{org_code_check_char, org_code_matches, validate_credit_code};
use crate::rules::*;

pub struct InvalidOrgCode {
    elements: Vec<usize>,
}

impl InvalidOrgCode {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let p: ElementsParam = rule_params(std, RuleId::InvalidOrgCode)?;
        Ok(InvalidOrgCode {
            elements: element_indexes(std, &p.elements),
        })
    }
}

impl Rule for InvalidOrgCode {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for &e in &self.elements {
            let Some((code, f)) = cx.text(Some(e)) else {
                continue;
            };
            if validate_credit_code(code).is_err() || org_code_matches(code) {
                continue;
            }
            let body: String = code.chars().skip(8).take(8).collect();
            let expected = org_code_check_char(&body)
                .map(String::from)
                .unwrap_or_default();
            sink.emit(
                RuleId::InvalidOrgCode,
                At::field(cx.source(), f),
                params(&[("expected", expected)]),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "Positions 9–17 of a valid credit code fail the GB 11714 organisation-code check.",
    zh: "有效信用代码的第9—17位不符合 GB 11714 组织机构代码的校验规则。",
    good: &["11450721348531435D"],
    bad: &["a code whose 17th character is wrong but whose 18th was recomputed"],
    good_zh: &[],
    bad_zh: &["第17位有误、第18位却按有误的第17位重算的代码"],
};
