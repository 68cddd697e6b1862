//! Rules on how values are worded: catch-all clauses, placeholders,
//! brackets, labels inside values, texts cut off.
pub mod catch_all_clause;
pub mod label_in_value;
pub mod placeholder_text;
pub mod truncated_text;
pub mod unbalanced_brackets;

use crate::rules::*;

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
    let patterns = p
        .patterns
        .iter()
        .map(|s| regex::Regex::new(s))
        .collect::<Result<_, _>>()
        .map_err(|e| ParamError {
            rule: id,
            message: e.to_string(),
        })?;
    Ok((element_indexes(std, &p.elements), patterns))
}
