//! `duplicate-basic-code`, and the check of the basic catalogue itself:
//! `--basic FILE` is checked as it loads, and its own defects (a malformed
//! code, a type that cannot be read, code digits that disagree with the
//! type, a code listed twice, an entry without a name) are findings against
//! its path. Defective entries are left out or keep no type, so they never
//! become a source of false mismatches.

use crate::catalogue::{BasicCatalogue, BasicDefect};
use crate::i18n::Reason;
use crate::rules::*;

/// The rule itself has nothing to do per implementation list: the same
/// basic code is implemented by many bodies. It fires on the catalogue.
pub struct DuplicateBasicCode;

impl DuplicateBasicCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(DuplicateBasicCode)
    }
}

impl Rule for DuplicateBasicCode {}

/// The basic catalogue's own defects as findings.
pub fn check_catalogue(std: &Standard, basic: &BasicCatalogue) -> Vec<Finding> {
    let mut sink = Sink::new(std);
    for (src, d) in &basic.defects {
        match d {
            BasicDefect::Code(f, issue) => sink.emit(
                RuleId::InvalidBasicCode,
                At::field(src, f),
                reasons(&[Reason::Basic(issue, f.numeric)]),
            ),
            BasicDefect::CodeType(f, digits) => sink.emit(
                RuleId::InvalidBasicCode,
                At::field(src, f),
                reasons(&[Reason::BasicType(digits)]),
            ),
            BasicDefect::Type(f, p) => {
                crate::rules::values::invalid_value::report(std, &mut sink, src, f, p);
            }
            BasicDefect::TypeDigits {
                field,
                digits,
                item_type,
            } => {
                let p = crate::rules::codes::basic_code_type_mismatch::type_params(
                    std, digits, item_type,
                );
                sink.emit(RuleId::BasicCodeTypeMismatch, At::field(src, field), p);
            }
            BasicDefect::Duplicate(f, first) => {
                let p = params(&[("first", cell_ref(src, *first, f.col))]);
                sink.emit(RuleId::DuplicateBasicCode, At::field(src, f), p);
            }
            BasicDefect::NoName(f) => {
                let at = At::cell(src, Some(f.row), None, std.ids.name);
                sink.emit(RuleId::MissingRequired, at, Params::new());
            }
        }
    }
    let mut findings = sink.into_findings();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The basic catalogue given with `--basic` lists one basic code twice. The catalogue is checked as it loads: its malformed codes, unreadable types, code digits that disagree with the type and entries without a name are reported against its path under the usual rules (invalid-basic-code, invalid-value, basic-code-type-mismatch, missing-required), and the run goes on with the entries that are sound.",
    zh: "`--basic` 指定的基本目录中同一基本编码出现两次。基本目录在加载时即被检查：编码格式错误、事项类型无法识别、编码第3—4位与事项类型不一致、缺少名称的条目，按相应规则（invalid-basic-code、invalid-value、basic-code-type-mismatch、missing-required）针对该文件报告，检查照常进行，只使用无误的条目。",
    good: &["000104002000 once"],
    bad: &["000104002000 twice"],
    good_zh: &["000104002000 只出现一次"],
    bad_zh: &["000104002000 出现两次"],
};
