//! The severity words, in one place: a finding's severity, a count of
//! them, and a column heading, in both languages.

use crate::i18n::Lang;
use crate::standard::Severity;

/// A finding's severity: 错误 / error.
pub fn severity(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("错误", "error"),
        Severity::Warning => lang.pick("警告", "warning"),
        Severity::Info => lang.pick("提示", "info"),
        Severity::Off => lang.pick("关闭", "off"),
    }
}

/// After a count: 3 错误 / 3 errors.
pub fn severity_count(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("错误", "errors"),
        Severity::Warning => lang.pick("警告", "warnings"),
        _ => lang.pick("提示", "notes"),
    }
}

/// A column heading: 错误 / Errors.
pub fn severity_heading(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("错误", "Errors"),
        Severity::Warning => lang.pick("警告", "Warnings"),
        _ => lang.pick("提示", "Notes"),
    }
}
