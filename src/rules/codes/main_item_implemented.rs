//! `main-item-implemented`: an item implemented under a main item's basic
//! code (`…00Y`, a 主项 that has sub-items), which the 实施规范 never
//! implements itself: its sub-items are.

use super::basic_code_of_form;
use crate::codes::SubForm;
use crate::rules::*;
use minijinja::Value as MjValue;

pub struct MainItemImplemented;

impl MainItemImplemented {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(MainItemImplemented)
    }
}

impl Rule for MainItemImplemented {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let Some((code, f, _)) = basic_code_of_form(cx, SubForm::MainWithSubs) else {
            return;
        };
        let mut p = Params::new();
        p.insert("basic".into(), MjValue::from(code));
        // the sub-items the basic catalogue lists under it
        if let Some(basic) = cx.file.basic {
            let stem = &code[..9];
            let mut subs: Vec<String> = basic
                .entries
                .values()
                .filter(|e| e.code.starts_with(stem) && e.code != code)
                .map(|e| format!("{} {}", e.code, e.name))
                .collect();
            subs.sort();
            subs.truncate(10);
            if !subs.is_empty() {
                p.insert("subs".into(), MjValue::from(subs.join("；")));
            }
        }
        sink.emit(RuleId::MainItemImplemented, At::field(cx.source(), f), p);
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The 行政许可事项实施规范 codes a main item (主项) that has sub-items with a trailing `Y` in its sub-item part (`00016421300Y`); its sub-items (`000164213001` …) are what bodies implement, never the main item itself. The code is judged the same wherever it stands: the 基本编码 column, or inside the 实施编码 or 业务办理项编码. With `--basic`, the finding names the sub-items the catalogue lists under the main item.",
    zh: "《行政许可事项实施规范》对有子项的主项，在子项位上以 `Y` 结尾编码（`00016421300Y`）；实施的是其子项（`000164213001`……），主项本身不实施。无论编码出现在基本编码列，还是实施编码、业务办理项编码之中，判断都相同。给出 `--basic` 时，列出基本目录中该主项下的子项。",
    good: &["000164213001"],
    bad: &["00016421300Y"],
    good_zh: &[],
    bad_zh: &[],
};
