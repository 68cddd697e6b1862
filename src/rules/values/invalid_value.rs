//! `invalid-value`: a value the element's type or vocabulary cannot read
//! (not in the code table, not a number, too long, out of range, not
//! matching the pattern). Elements marked `strict: false` get a warning.

use crate::i18n::Reason;
use crate::rules::*;
use crate::standard::{Constraint, Element, Provenance};
use minijinja::Value as MjValue;

pub struct InvalidValue;

impl InvalidValue {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(InvalidValue)
    }
}

/// How far the departure is from the national standard: none when the
/// constraint is the standard's own, else the note saying whose it is.
fn provenance_note<'e>(el: &'e Element, p: &Problem) -> Option<Reason<'e>> {
    let constraint = match p {
        Problem::NotInVocabulary(_) => {
            return (!el.strict).then_some(Reason::OpenVocabulary);
        }
        Problem::TooLong { .. } => Constraint::MaxLength,
        Problem::OutOfRange { .. } => Constraint::Range,
        Problem::Pattern(_) => Constraint::Pattern,
        Problem::NotInteger | Problem::NotDuration => return None,
    };
    match el.provenance(constraint) {
        Provenance::National => None,
        Provenance::Exchange => Some(Reason::ExchangeField(
            el.exchange_field.as_deref().unwrap_or(el.id.as_str()),
        )),
        Provenance::Practice => Some(Reason::Practice),
    }
}

/// Report one value that could not be read, at its provenance's severity.
pub(crate) fn report(
    std: &Standard,
    sink: &mut Sink<'_>,
    source: &Arc<Source>,
    f: &Field,
    p: &Problem,
) {
    let el = &std.elements[f.element];
    let note = provenance_note(el, p);
    let mut list = vec![Reason::Value(p)];
    list.extend(note);
    let mut params = reasons(&list);
    if let Some(v) = std.vocabulary_of(el) {
        params.insert("allowed".into(), MjValue::from(v.describe()));
    }
    let at = At::field(source, f);
    // one cause whatever the rest of the cell: the same unknown code, a
    // limit of the exchange format or of practice
    let cause = match p {
        Problem::NotInVocabulary(tok) if !tok.is_empty() => Some(format!("code {tok}")),
        Problem::TooLong { max, .. } if note.is_some() => Some(format!("longer than {max}")),
        Problem::OutOfRange { .. } if note.is_some() => Some("range".to_string()),
        _ => None,
    };
    match cause {
        Some(c) => sink.emit_cause_as(RuleId::InvalidValue, at, params, c, note.is_some()),
        None if note.is_none() => sink.emit(RuleId::InvalidValue, at, params),
        None => sink.emit_downgraded(RuleId::InvalidValue, at, params),
    }
}

/// Whether `vendor-code-table` reports the problem instead (a code of
/// another table, reported once per column).
fn vendor(f: &Field, p: &Problem) -> bool {
    super::vendor_code(f, p).is_some()
}

impl Rule for InvalidValue {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        for (f, p) in cx.problems.iter().filter(|(f, p)| !vendor(f, p)) {
            report(cx.std(), sink, cx.source(), f, p);
        }
    }

    fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
        for (f, p) in cx.problems.iter().filter(|(f, p)| !vendor(f, p)) {
            report(cx.file.std, sink, cx.source, f, p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A value outside its vocabulary (labels, aliases, codes and code+label are all accepted; labels win), not a whole number, not a time limit, out of range, too long, or not matching the element's pattern. The severity follows where the constraint comes from: a departure from the national standard is an error; a length past an exchange-format field (e.g. 地方实施编码 over LOCAL_TASK_CODE's varchar(50)), a limit taken from practice, or a code outside a vocabulary not marked `closed: true` (网上办理深度 `9`, a vendor code) is a warning that names the source. The table of constraints and their sources is below.",
    zh: "取值不在代码表中（名称、别名、代码以及“代码＋名称”均可接受，以名称为准），或不是整数、不是时限、超出范围、超长、不符合格式。严重程度取决于约束的来源：违反国家标准为错误；超出交换字段长度（如地方实施编码超过 LOCAL_TASK_CODE 的 varchar(50)）、超出来自实际做法的限制，或代码不在未标记 `closed: true` 的代码表中（如网上办理深度 `9`，厂商代码），为警告并注明来源。约束及其来源见下表。",
    good: &["办件类型: 承诺件 / 2 / 2 承诺件"],
    bad: &["办件类型: 上报件"],
    good_zh: &[],
    bad_zh: &[],
};
