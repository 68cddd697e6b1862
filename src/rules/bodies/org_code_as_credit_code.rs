//! `org-code-as-credit-code`: a 9-character organisation code (GB 11714,
//! `083372204` or `00877868-5`) in the credit-code column. The fix names
//! the list's credit code whose characters 9–17 are that code, if any.

use super::Seen;
use crate::catalogue::value::clean_code;
use crate::rules::*;

#[derive(Default)]
pub struct OrgCodeAsCreditCode {
    /// Organisation codes in the column, with their cell.
    found: Vec<(Seen, String)>,
    /// Valid credit codes of the file by their organisation code.
    credit: BTreeMap<String, String>,
}

impl OrgCodeAsCreditCode {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }
}

/// A GB 11714 organisation code: 8 characters, an optional hyphen and a
/// check character.
pub fn org_code(s: &str) -> Option<String> {
    let c: String = s
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    (c.len() == 9 && c.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(c)
}

impl Rule for OrgCodeAsCreditCode {
    fn across_items(&self) -> bool {
        true
    }

    fn item(&mut self, cx: &ItemCx<'_>, _sink: &mut Sink<'_>) {
        let Some((_, f)) = cx.value(cx.std().ids.body_code) else {
            return;
        };
        let code = clean_code(&f.text).to_ascii_uppercase();
        if crate::codes::validate_credit_code(&code).is_ok() {
            self.credit.entry(code[8..17].to_string()).or_insert(code);
        } else if let Some(org) = org_code(&code) {
            self.found.push((Seen::of(cx.source(), f, &f.text), org));
        }
    }

    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        let el = cx.file.std.ids.body_code;
        for (seen, org) in &self.found {
            let mut p = params(&[("org", org.clone())]);
            if let Some(c) = self.credit.get(org) {
                p.insert("credit".into(), c.clone().into());
            }
            let at =
                At::cell(&seen.source, Some(seen.row), seen.col, el).with_value(Some(&seen.text));
            sink.emit(RuleId::OrgCodeAsCreditCode, at, p);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The credit-code column holds a 9-character organisation code (GB 11714, with or without its hyphen), the code that preceded the 18-character credit code. When a credit code elsewhere in the list embeds it (characters 9–17), the fix names that code. It replaces `invalid-credit-code` on the cell.",
    zh: "实施主体编码列填的是9位组织机构代码（GB 11714，带或不带连字符），即统一社会信用代码之前的代码。若清单中其他行的信用代码第9—17位与之相同，修改建议给出该信用代码。该单元格不再报告 `invalid-credit-code`。",
    good: &["11511301008778183N"],
    bad: &["00877818-3"],
    good_zh: &[],
    bad_zh: &[],
};
