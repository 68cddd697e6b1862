//! `code-label-conflict`: a code whose label column gives it another
//! meaning than the national table (Guangdong's `20` labelled 其他行政权力,
//! nationally 公共服务), or a code the file labels two ways. The label
//! decides what the items are; each contradiction is one finding with its
//! rows.

use super::code_uses;
use crate::rules::*;

pub struct CodeLabelConflict;

impl CodeLabelConflict {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(CodeLabelConflict)
    }
}

impl Rule for CodeLabelConflict {
    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        for u in code_uses(cx) {
            if !u.dominant || u.national.is_some() {
                u.emit(cx, RuleId::CodeLabelConflict, sink);
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A code column contradicts its label column: the code means another label in the national table (事项类型 `20`, nationally 公共服务, labelled 其他行政权力), or the file labels one code two ways. The label decides the meaning, so no rule misreads the items; the contradiction is one finding with its rows. A provincial standard can declare its own table (`codes:` in vocabularies.yaml).",
    zh: "代码列与名称列矛盾：该代码在国家代码表中表示另一名称（事项类型 `20` 国家为公共服务，却标为其他行政权力），或同一代码在文件中对应两个名称。以名称确定含义，其他规则不会误读；每种矛盾报一条，附行号。省级标准可在 vocabularies.yaml 中用 `codes:` 声明本省代码表。",
    good: &["事项类型 10 / 事项类型名称 其他行政权力"],
    bad: &["事项类型 20 / 事项类型名称 其他行政权力"],
    good_zh: &[],
    bad_zh: &[],
};
