//! Same item, same code: an item against its basic-catalogue entry. These
//! rules run only with `--basic`, on items whose basic code is well formed.

pub mod duplicate_basic_code;
pub mod legal_basis_mismatch;
pub mod name_mismatch;
pub mod type_mismatch;
pub mod unknown_basic_code;

use crate::catalogue::BasicEntry;
use crate::rules::ItemCx;
use crate::standard::{RuleId, Severity, Standard};

/// The rules that judge an item against its catalogue entry: without
/// `--basic` they cannot run (duplicate-basic-code judges the catalogue
/// itself). Those the standard has switched on, by id.
pub fn needing_the_catalogue(std: &Standard) -> Vec<&'static str> {
    [
        RuleId::UnknownBasicCode,
        RuleId::NameMismatch,
        RuleId::TypeMismatch,
        RuleId::LegalBasisMismatch,
    ]
    .into_iter()
    .filter(|id| std.builtin_rule(*id).severity != Severity::Off)
    .map(RuleId::as_str)
    .collect()
}

/// The item's entry in the basic catalogue, when the check has one and the
/// item's basic code is valid and listed.
pub(crate) fn entry<'a>(cx: &ItemCx<'a>) -> Option<&'a BasicEntry> {
    cx.file.basic?.get(cx.facts.basic_code.as_deref()?)
}
