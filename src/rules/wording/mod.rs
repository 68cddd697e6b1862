//! Rules on how values are worded: catch-all clauses, placeholders,
//! brackets, labels inside values, texts cut off, control characters.
pub mod catch_all_clause;
pub mod control_character;
pub mod date_in_text;
pub mod garbled_text;
pub mod label_in_value;
pub mod placeholder_text;
pub mod truncated_text;
pub mod unbalanced_brackets;

use crate::rules::*;

/// The `Rule` of a rule that checks cells one by one, on items and on
/// material and fee rows alike, through its
/// `check(&self, std, source, fields, sink)`.
macro_rules! cells_rule {
    ($ty:ty) => {
        impl Rule for $ty {
            fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
                self.check(cx.std(), cx.source(), cx.item.fields.iter(), sink);
            }

            fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
                self.check(cx.file.std, cx.source, cx.part.fields.iter(), sink);
            }
        }
    };
}
pub(crate) use cells_rule;

/// A rule without parameters that judges each cell on its own: its unit
/// struct, constructor and `Rule` from one function of (standard, source,
/// field, sink).
macro_rules! each_cell_rule {
    ($ty:ident, $judge:expr) => {
        pub struct $ty;

        impl $ty {
            pub fn new(_: &Standard) -> Result<Self, ParamError> {
                Ok($ty)
            }

            fn check<'f>(
                &self,
                std: &Standard,
                src: &Arc<Source>,
                fields: impl Iterator<Item = &'f Field>,
                sink: &mut Sink<'_>,
            ) {
                let judge: fn(&Standard, &Arc<Source>, &Field, &mut Sink<'_>) = $judge;
                for f in fields {
                    judge(std, src, f, sink);
                }
            }
        }

        $crate::rules::wording::cells_rule!($ty);
    };
}
pub(crate) use each_cell_rule;

/// Compile a rule's regular expressions, or say which rule has a bad one.
pub(crate) fn compile(id: RuleId, patterns: &[String]) -> Result<Vec<regex::Regex>, ParamError> {
    patterns
        .iter()
        .map(|s| regex::Regex::new(s))
        .collect::<Result<_, _>>()
        .map_err(|e| ParamError {
            rule: id,
            message: crate::locale::regex_error(&e),
        })
}

/// The `params` of a pattern rule: which elements, and the patterns
/// (regular expressions matched after NFKC and whitespace removal).
#[derive(serde::Deserialize)]
struct PatternParams {
    #[serde(default)]
    elements: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
}

/// A pattern rule's elements and compiled patterns.
pub(crate) fn pattern_params(
    std: &Standard,
    id: RuleId,
) -> Result<(Vec<usize>, Vec<regex::Regex>), ParamError> {
    let p: PatternParams = rule_params(std, id)?;
    let patterns = compile(id, &p.patterns)?;
    Ok((element_indexes(std, &p.elements), patterns))
}
