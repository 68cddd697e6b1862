//! `local-impl-code-inconsistent`: a local implementation code of a
//! recognised pattern (Sichuan's `地方基本编码-12位区划-000-信用代码-1-00`)
//! whose embedded parts differ from the row's own columns.

use crate::catalogue::value::clean_code;
use crate::rules::*;

#[derive(serde::Deserialize)]
struct Patterns {
    /// Regular expressions with named groups `local_basic`, `area`,
    /// `credit`, matched on the cleaned code.
    #[serde(default)]
    patterns: Vec<String>,
}

pub struct LocalImplCodeInconsistent {
    patterns: Vec<regex::Regex>,
}

impl LocalImplCodeInconsistent {
    pub fn new(std: &Standard) -> Result<Self, ParamError> {
        let id = RuleId::LocalImplCodeInconsistent;
        let p: Patterns = rule_params(std, id)?;
        let patterns = crate::rules::wording::compile(id, &p.patterns)?;
        Ok(LocalImplCodeInconsistent { patterns })
    }
}

impl Rule for LocalImplCodeInconsistent {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let ids = &cx.std().ids;
        let Some((_, f)) = cx.value(ids.local_impl_code) else {
            return;
        };
        let code = clean_code(&f.text);
        let Some(caps) = self.patterns.iter().find_map(|re| re.captures(&code)) else {
            return;
        };
        let column = |e: Option<usize>| {
            cx.value(e)
                .map(|(_, f)| clean_code(&f.text).to_ascii_uppercase())
                .filter(|t| !t.is_empty())
        };
        let mut zh = Vec::new();
        let mut en = Vec::new();
        // a body code that is itself invalid is reported on its own cell
        let body = column(ids.body_code).filter(|c| crate::codes::validate_credit_code(c).is_ok());
        if let (Some(m), Some(body)) = (caps.name("credit"), body) {
            if m.as_str().to_ascii_uppercase() != body && !m.as_str().eq_ignore_ascii_case("null") {
                zh.push(format!(
                    "信用代码“{}”与实施主体编码“{body}”不同",
                    m.as_str()
                ));
                en.push(format!(
                    "credit code \"{}\" differs from the body code \"{body}\"",
                    m.as_str()
                ));
            }
        }
        if let (Some(m), Some(area)) = (caps.name("area"), column(ids.area_code)) {
            let six = |s: &str| {
                s.get(..6)
                    .map(str::to_string)
                    .unwrap_or_else(|| s.to_string())
            };
            if six(m.as_str()) != six(&area) {
                zh.push(format!("区划“{}”与行政区划代码“{area}”不同", m.as_str()));
                en.push(format!(
                    "division \"{}\" differs from the division code \"{area}\"",
                    m.as_str()
                ));
            }
        }
        if let (Some(m), Some(local)) = (caps.name("local_basic"), column(ids.local_basic_code)) {
            if m.as_str().to_ascii_uppercase() != local {
                zh.push(format!("地方基本编码“{}”与“{local}”不同", m.as_str()));
                en.push(format!(
                    "local basic code \"{}\" differs from \"{local}\"",
                    m.as_str()
                ));
            }
        }
        if zh.is_empty() {
            return;
        }
        let p = params(&[("reason_zh", zh.join("；")), ("reason_en", en.join("; "))]);
        sink.emit(
            RuleId::LocalImplCodeInconsistent,
            At::field(cx.source(), f),
            p,
        );
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "A local implementation code (地方实施编码) of a recognised local pattern — Sichuan's `地方基本编码-12位区划-000-实施主体信用代码-1-00`; the patterns are the rule's `params`, regular expressions with named groups `local_basic`, `area`, `credit` — embeds a credit code, division code or local basic code that differs from the row's own 实施主体编码 (when that is a valid code), 行政区划代码 or 地方基本编码. Local codes are never checked as national codes; only their agreement with the row is.",
    zh: "符合已知地方格式的地方实施编码（如四川的“地方基本编码-12位区划-000-实施主体信用代码-1-00”；格式为该规则 params 中带命名组 local_basic、area、credit 的正则表达式）中嵌入的信用代码、区划代码或地方基本编码与本行的实施主体编码（该代码有效时）、行政区划代码或地方基本编码不同。地方编码不按国家编码检查，只检查与本行是否一致。",
    good: &["511A0138000000-511602000000-000-115113010833722043-1-00 with 115113010833722043 / 511602"],
    bad: &["511A0138000000-511602000000-000-115113010833722043-1-00 with 11511301008778183N"],
    good_zh: &["511A0138000000-511602000000-000-115113010833722043-1-00 配 115113010833722043 / 511602"],
    bad_zh: &["511A0138000000-511602000000-000-115113010833722043-1-00 配 11511301008778183N"],
};
