//! `body-level-mismatch`: the area in the body's credit code (positions
//! 3–8) is of another tier than the exercise level: a provincial level with
//! a city's code, a county level with a province's.

use crate::codes::parse_area;
use crate::i18n::{messages, Lang};
use crate::rules::*;

pub struct BodyLevelMismatch;

impl BodyLevelMismatch {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(BodyLevelMismatch)
    }
}

impl Rule for BodyLevelMismatch {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let (Some(body), [level]) = (&cx.facts.body_code, cx.facts.levels.as_slice()) else {
            return;
        };
        let area = &body[2..8];
        let Ok(a) = parse_area(area) else {
            return;
        };
        let tier = a.tier();
        let clash = match level.as_str() {
            "2" => tier != 1,
            "3" => tier == 1 || (tier == 3 && !area.ends_with("01")),
            "4" | "5" | "6" => tier == 1,
            _ => false,
        };
        let Some((_, lf)) = cx.value(cx.std().ids.level).filter(|_| clash) else {
            return;
        };
        let label = cx.std().code_label("level", level);
        // a vertically managed body's code carries the managing level's area
        let vertical = cx.text(cx.std().ids.body_name).and_then(|(name, _)| {
            cx.std()
                .vertical_bodies
                .iter()
                .find(|v| name.contains(v.as_str()))
        });
        let mut p = params(&[
            ("area", area.to_string()),
            ("tier_zh", messages::tier(tier, Lang::Zh).into()),
            ("tier_en", messages::tier(tier, Lang::En).into()),
            ("level_label", label),
        ]);
        let at = At::field(cx.source(), lf);
        match vertical {
            Some(v) => {
                p.insert("vertical".into(), v.clone().into());
                sink.emit_note(RuleId::BodyLevelMismatch, at, p);
            }
            None => sink.emit(RuleId::BodyLevelMismatch, at, p),
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The area in the body's credit code (positions 3–8) is of a tier that contradicts a single 行使层级: a provincial item registered under a county, a county item under a province. For a vertically managed body (its name contains one of `vertical_bodies` in standard.yaml: 国家安全, 海关, 税务, 气象, 邮政 …), whose city bureau carries the province's code, it is a note.",
    zh: "实施主体信用代码中的地区（第3—8位）层级与唯一的行使层级矛盾：如省级事项登记在县级主体下，或县级事项登记在省级主体下。垂直管理机构（名称含 standard.yaml 中 `vertical_bodies` 所列之一：国家安全、海关、税务、气象、邮政……）的市级机构使用省级代码，仅作提示。",
    good: &["11450721MB15580811 with 县级"],
    bad: &["11450721MB15580811 with 省级"],
    good_zh: &["11450721MB15580811 配 县级"],
    bad_zh: &["11450721MB15580811 配 省级"],
};
