//! Typed names for what the Rust code refers to in a standard: the
//! built-in rules ([`RuleId`]) and the elements ([`ElementIds`]).
//!
//! A built-in rule is an enum variant, so a misspelt id does not compile;
//! its kebab-case string appears only at the edges (YAML, JSON, SARIF, the
//! command line). Elements are data, so a standard may lack one: the
//! index resolves each id once, when the standard loads, and code asks
//! `std.ids.impl_code` instead of looking a string literal up per cell.

use strum::{EnumCount, EnumIter, EnumString, IntoStaticStr, VariantArray};

/// The rules implemented in Rust (`src/rules/`). Every standard must define
/// each of them in its `rules.yaml` (messages and severity are data).
///
/// A built-in rule is named by its variant, so a misspelt id is a compile
/// error rather than a rule that silently reports nothing:
///
/// ```
/// use santong::standard::RuleId;
/// assert_eq!(RuleId::CatchAllClause.as_str(), "catch-all-clause");
/// ```
///
/// ```compile_fail
/// use santong::standard::RuleId;
/// let _ = RuleId::CatchAllClauses; // no such rule
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumString,
    IntoStaticStr,
    EnumIter,
    EnumCount,
    VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum RuleId {
    HiddenRow,
    FoldedRow,
    SupersededVersion,
    MissingColumn,
    UnknownColumn,
    DuplicateColumn,
    MissingRequired,
    InvalidValue,
    ErrorCell,
    OversizedCell,
    UncodedItemType,
    ProvincialCode,
    VendorCodeTable,
    CodeLabelConflict,
    PlaceholderCode,
    InvalidCreditCode,
    InvalidOrgCode,
    OrgCodeAsCreditCode,
    SharedCreditCode,
    BodyCodeVariants,
    DuplicateItem,
    InvalidBasicCode,
    MainItemImplemented,
    LocalSubItem,
    BasicCodeTypeMismatch,
    ImplCodeMismatch,
    HandlingCodeAsImplCode,
    InvalidHandlingCode,
    DuplicateImplCode,
    LocalImplCodeInconsistent,
    InvalidAreaCode,
    AreaCodeNonstandard,
    BodyLevelMismatch,
    InvalidPhone,
    NoPhoneNumber,
    PhoneDash,
    PhoneBrackets,
    UnknownBasicCode,
    DuplicateBasicCode,
    NameMismatch,
    TypeMismatch,
    LegalBasisMismatch,
    CatchAllClause,
    PlaceholderText,
    UnbalancedBrackets,
    ControlCharacter,
    GarbledText,
    DateInText,
    LabelInValue,
    TruncatedText,
    MaterialMissingName,
    MaterialOrphan,
    DuplicateMaterial,
    ExpressionFailed,
}

impl RuleId {
    /// The kebab-case id, as YAML and every report spell it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Every built-in rule, in declaration order.
    pub fn all() -> &'static [RuleId] {
        Self::VARIANTS
    }

    /// Parse a kebab-case id; none for an expression rule's id.
    pub fn parse(id: &str) -> Option<RuleId> {
        id.parse().ok()
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Number of built-in rules.
pub const BUILTIN_COUNT: usize = RuleId::COUNT;

macro_rules! element_ids {
    ($($field:ident),* $(,)?) => {
        /// Indexes of the elements the Rust code names, resolved once from the
        /// standard; none where the standard has no such element.
        #[derive(Debug, Clone, Default)]
        pub struct ElementIds {
            $(pub $field: Option<usize>,)*
        }

        impl ElementIds {
            pub(crate) fn resolve(index: &std::collections::HashMap<String, usize>) -> Self {
                ElementIds {
                    $($field: index.get(stringify!($field)).copied(),)*
                }
            }
        }
    };
}

element_ids!(
    name,
    basic_code,
    impl_code,
    handling_code,
    local_basic_code,
    local_impl_code,
    item_type,
    legal_basis,
    power_source,
    level,
    body_name,
    body_kind,
    body_code,
    area_code,
    region,
    statutory_days,
    statutory_unit,
    promised_days,
    promised_unit,
    case_kind,
    audience,
    channels,
    visits,
    visit_reason,
    online_depth,
    online_payment,
    online_url,
    scope,
    fee,
    fee_rate,
    fee_basis,
    conditions,
    process,
    address,
    hours,
    transport,
    consult_phone,
    complaint_phone,
    result_name,
    result_kind,
    result_sample,
    faq,
    penalty_conduct,
    penalty_kind,
    penalty_range,
    material_name,
    material_code,
    material_necessity,
    material_type,
    material_form,
    copies,
    paper_spec,
    material_source,
    source_note,
    material_basis,
    acceptance_standard,
    filling_notes,
    blank_form,
    sample_form,
    fee_name,
    fee_reducible,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_in_kebab_case() {
        for id in RuleId::all() {
            assert_eq!(RuleId::parse(id.as_str()), Some(*id));
            assert!(!id.as_str().contains('_'));
        }
        assert_eq!(RuleId::CatchAllClause.as_str(), "catch-all-clause");
        assert_eq!(RuleId::parse("promise-exceeds-statutory"), None);
    }
}
