//! Rules on codes: credit and organisation codes, basic, implementation and
//! handling codes, division codes, and what they say about the body's level.
pub mod area_code_nonstandard;
pub mod basic_code_type_mismatch;
pub mod body_level_mismatch;
pub mod duplicate_impl_code;
pub mod handling_code_as_impl_code;
pub mod impl_code_mismatch;
pub mod invalid_area_code;
pub mod invalid_basic_code;
pub mod invalid_credit_code;
pub mod invalid_handling_code;
pub mod invalid_org_code;
pub mod local_impl_code_inconsistent;
pub mod placeholder_code;

/// The `elements` parameter several code rules take.
#[derive(serde::Deserialize, Default)]
pub(crate) struct ElementsParam {
    #[serde(default)]
    pub elements: Vec<String>,
}
pub mod local_sub_item;
pub mod main_item_implemented;

use crate::catalogue::Field;
use crate::codes::{validate_basic_code, BasicCode, SubForm};
use crate::rules::ItemCx;

/// The item's basic code ([`basic_code_cell`]) when it is well formed and
/// its sub-item part has this form, with its cell and parts.
pub fn basic_code_of_form<'a>(
    cx: &ItemCx<'a>,
    form: SubForm,
) -> Option<(&'a str, &'a Field, BasicCode<'a>)> {
    let (code, f, _) = basic_code_cell(cx)?;
    let b = validate_basic_code(code).ok()?;
    (b.form == form).then_some((code, f, b))
}

/// The item's basic code and the cell it stands in: its 基本编码 cell, else
/// the basic code inside its 实施编码 (31 or 33 characters), else inside its
/// 业务办理项编码 (33 or 14), so that one code gets one verdict wherever it
/// stands. The flag says it was read from inside another code.
pub fn basic_code_cell<'a>(cx: &ItemCx<'a>) -> Option<(&'a str, &'a Field, bool)> {
    let ids = &cx.std().ids;
    if let Some((code, f)) = cx.text(ids.basic_code) {
        return Some((code, f, false));
    }
    [ids.impl_code, ids.handling_code]
        .into_iter()
        .find_map(|e| {
            let (code, f) = cx.text(e)?;
            let inner = crate::codes::embedded_basic(code).filter(|b| b.len() < code.len())?;
            Some((inner, f, true))
        })
}
