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
