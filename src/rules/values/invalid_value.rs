//! `invalid-value`: a value the element's type or vocabulary cannot read
//! (not in the code table, not a number, too long, out of range, not
//! matching the pattern). Elements marked `strict: false` get a warning.

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct InvalidValue;

impl InvalidValue {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(InvalidValue)
    }
}

fn report(std: &Standard, sink: &mut Sink<'_>, source: &Arc<Source>, f: &Field, p: &Problem) {
    let el = &std.elements[f.element];
    let mut params = reasons(&[crate::i18n::Reason::Value(p)]);
    if let Some(v) = std.vocabulary_of(el) {
        params.insert("allowed".into(), MjValue::from(v.describe()));
    }
    let at = At::field(source, f);
    if el.strict {
        sink.emit(RuleId::InvalidValue, at, params);
    } else {
        sink.emit_downgraded(RuleId::InvalidValue, at, params);
    }
}

impl Rule for InvalidValue {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for (f, p) in cx.problems {
            report(cx.std(), sink, cx.source(), f, p);
        }
    }

    fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
        for (f, p) in cx.problems {
            report(cx.file.std, sink, cx.source, f, p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A value outside its vocabulary (labels, aliases, codes and code+label are all accepted; labels win), not a whole number, not a time limit, out of range, too long, or not matching the element's pattern. For elements with `strict: false` (通办范围, 审批结果类型, whose national codes are unconfirmed) it is a warning.",
    zh: "取值不在代码表中（名称、别名、代码以及“代码＋名称”均可接受，以名称为准），或不是整数、不是时限、超出范围、超长、不符合格式。对 `strict: false` 的要素（通办范围、审批结果类型，其国家代码尚未确认）只给警告。",
    good: &["办件类型: 承诺件 / 2 / 2 承诺件"],
    bad: &["办件类型: 上报件"],
};
