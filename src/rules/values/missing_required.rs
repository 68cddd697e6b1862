//! `missing-required`: a required element (or one required by its
//! `required_when` condition) is blank, on an item or a material row.

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct MissingRequired;

impl MissingRequired {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(MissingRequired)
    }
}

impl Rule for MissingRequired {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let src = cx.source();
        for (i, el) in cx.std().elements.iter().enumerate() {
            // a missing column is missing-column's finding
            if el.scope != Scope::Item || !cx.required[i] || !cx.file.has_column(src, i) {
                continue;
            }
            // an unreadable value was already reported as invalid
            let present =
                cx.invalid.contains(&i) || cx.values.get(&i).is_some_and(|(v, _)| !v.is_absent());
            if present {
                continue;
            }
            let mut p = Params::new();
            if !el.required {
                p.insert(
                    "condition".into(),
                    MjValue::from(condition_words(cx.std(), el, crate::i18n::Lang::Zh)),
                );
                p.insert(
                    "condition_en".into(),
                    MjValue::from(condition_words(cx.std(), el, crate::i18n::Lang::En)),
                );
            }
            let value = cx.values.get(&i).map(|(_, f)| f.text.as_str());
            let at = At::cell(src, Some(cx.item.row), cx.file.column(src, i), Some(i));
            sink.emit(RuleId::MissingRequired, at.with_value(value), p);
        }
    }

    fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
        let std = cx.file.std;
        let Some(name_i) = std.ids.material_name else {
            return;
        };
        if cx.kind != Scope::Material {
            return;
        }
        for (i, el) in std.elements.iter().enumerate() {
            if el.scope != Scope::Material
                || !el.required
                || i == name_i
                || !cx.file.has_column(cx.source, i)
            {
                continue;
            }
            // blank, and not an unreadable value (already reported as invalid)
            let absent = cx.values.get(&i).is_none_or(|(v, _)| {
                v.is_absent() && !cx.problems.iter().any(|(f, _)| f.element == i)
            });
            if absent {
                let at = At::cell(
                    cx.source,
                    Some(cx.part.row),
                    cx.file.column(cx.source, i),
                    Some(i),
                );
                let value = cx.part.get(i).map(|f| f.text.as_str());
                sink.emit(RuleId::MissingRequired, at.with_value(value), Params::new());
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A required element (R in the exchange schema) is empty or holds a none-word such as 无. `required_when` makes an element required only for some items (e.g. 法定办结时限 when 事项类型 is not 公共服务). Also applies to required material elements (材料必要性).",
    zh: "必填要素（国家交换规范中的必填项）为空，或只写了“无”等表示没有的词。`required_when` 使要素仅对部分事项必填（如事项类型不是公共服务时的法定办结时限）。也适用于必填的材料要素（材料必要性）。",
    good: &["受理条件: 申请人具有…"],
    bad: &["受理条件: 无"],
    good_zh: &[],
    bad_zh: &[],
};

/// When a conditionally required element is required, in words: its
/// `required_when` of the form `element == "code"` or `!=`, joined by
/// `and`/`or`, read with the element's label and the code's meaning
/// (事项类型为“行政处罚”); anything else as "where the standard requires it".
pub(crate) fn condition_words(
    std: &crate::standard::Standard,
    el: &crate::standard::Element,
    lang: crate::i18n::Lang,
) -> String {
    let Some(expr) = el.required_when.as_deref() else {
        return String::new();
    };
    let words = |part: &str| -> Option<String> {
        let (lhs, op, rhs) = if let Some((l, r)) = part.split_once("!=") {
            (l, "!=", r)
        } else {
            let (l, r) = part.split_once("==")?;
            (l, "==", r)
        };
        let id = lhs.trim();
        let code = rhs.trim().trim_matches(|c| c == '"' || c == '\'');
        let target = std.element(id)?;
        let meaning = std
            .vocabulary_of(target)
            .and_then(|v| v.label_of(code))
            .unwrap_or(code);
        Some(match (lang, op) {
            (crate::i18n::Lang::Zh, "==") => format!("{}为“{meaning}”", target.label),
            (crate::i18n::Lang::Zh, _) => format!("{}不是“{meaning}”", target.label),
            (crate::i18n::Lang::En, "==") => format!("{} is {meaning}", target.label),
            (crate::i18n::Lang::En, _) => format!("{} is not {meaning}", target.label),
        })
    };
    let (joiner, parts): (&str, Vec<&str>) = if expr.contains(" or ") {
        (lang.pick("或", " or "), expr.split(" or ").collect())
    } else {
        (lang.pick("且", " and "), expr.split(" and ").collect())
    };
    let said: Option<Vec<String>> = parts.iter().map(|p| words(p)).collect();
    match said {
        Some(w) => lang
            .pick("{}时必填", "required when {}")
            .replace("{}", &w.join(joiner)),
        None => lang
            .pick(
                "按标准在适用时必填",
                "required where the standard says it applies",
            )
            .to_string(),
    }
}
