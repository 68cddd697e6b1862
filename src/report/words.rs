//! The severity words, in one place: a finding's severity, a count of
//! them, and a column heading, in both languages.

use crate::i18n::ui;
use crate::i18n::Lang;
use crate::standard::Severity;

/// A finding's severity: 错误 / error.
pub fn severity(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => ui::ERROR.get(lang),
        Severity::Warning => ui::WARNING.get(lang),
        Severity::Info => ui::INFO.get(lang),
        Severity::Off => ui::OFF.get(lang),
    }
}

/// After a count: 3 错误 / 3 errors (the plural; see [`counted`]).
pub fn severity_count(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => ui::ERRORS.get(lang),
        Severity::Warning => ui::WARNINGS.get(lang),
        _ => ui::NOTES.get(lang),
    }
}

/// A count of findings of a severity, with Chinese measure words:
/// `1 个错误`, `2 条提示`, `1 error`, `2 errors`.
pub fn severity_counted(s: Severity, n: usize, lang: Lang) -> String {
    let (one, zh) = match s {
        Severity::Error => ("error", "个错误"),
        Severity::Warning => ("warning", "个警告"),
        _ => ("note", "条提示"),
    };
    counted(n, lang.pick(zh, severity_count(s, lang)), one, lang)
}

/// `n` and a noun: Chinese has one form (`3 个事项`), English a singular
/// for one (`1 item`, `2 items`).
pub fn counted(n: usize, plural: &str, singular: &str, lang: Lang) -> String {
    match lang {
        Lang::En => crate::i18n::en_count(n, singular, plural),
        Lang::Zh => format!("{n} {plural}"),
    }
}

/// A column heading: 错误 / Errors.
pub fn severity_heading(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => ui::ERRORS_2.get(lang),
        Severity::Warning => ui::WARNINGS_2.get(lang),
        _ => ui::NOTES_2.get(lang),
    }
}
