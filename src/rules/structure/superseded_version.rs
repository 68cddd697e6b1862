//! `superseded-version`: an exchange record left out because a later
//! `task_version` of the same task (and business code) is in the file.

use crate::rules::*;
use minijinja::Value as MjValue;

pub struct SupersededVersion;

impl SupersededVersion {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(SupersededVersion)
    }
}

impl Rule for SupersededVersion {
    fn table(&mut self, _cx: &FileCx<'_>, t: &TableInfo, sink: &mut Sink<'_>) {
        for s in &t.superseded {
            let mut p = Params::new();
            p.insert("code".into(), MjValue::from(s.code.clone()));
            p.insert("version".into(), MjValue::from(s.version.clone()));
            p.insert("kept_version".into(), MjValue::from(s.kept_version.clone()));
            let kept = t.source.location(s.kept_row).unwrap_or_default();
            p.insert("kept".into(), MjValue::from(kept));
            sink.emit_cause(
                RuleId::SupersededVersion,
                At::cell(&t.source, Some(s.row), None, None).with_value(Some(&s.version)),
                p,
                format!("{}>{}", s.version, s.kept_version),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "An exchange-JSON record left out because the same task_code (with the same business code) comes again with a higher task_version: the latest version is the one checked and compared. Versions compare as numbers when both are numbers.",
    zh: "交换 JSON 中同一 task_code（及同一业务办理项编码）出现多个 task_version 时，只读取版本最高的一条，其余记录不检查、不比较。两个版本号都是数字时按数值比较。",
    good: &["每个 task_code 只交换最新版本"],
    bad: &["同一 task_code 的 task_version 1 与 2 同时出现在一个文件中"],
    good_zh: &[],
    bad_zh: &[],
};
