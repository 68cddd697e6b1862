//! The built-in rules, one file each under `src/rules/<family>/`, and the
//! runner of the standard's expression rules.
//!
//! A rule sees a narrow, read-only context (the table, the item with its
//! values already interpreted, a material or fee row, or the whole file at
//! the end) and writes findings to a [`Sink`]. It never reads files, never
//! prints and never looks at another rule's findings: what several rules
//! share (is the body code valid? the basic code?) is computed once into
//! [`Facts`]. Severity, messages and parameters are data in the
//! standard's `rules.yaml`; the registry below maps each [`RuleId`] to its
//! file, and the match is exhaustive, so a rule without a file (or a file
//! without an id) does not compile.

mod basic;
mod bodies;
mod codes;
mod contact;
mod doc;
pub mod expressions;
pub mod keylog;
mod materials;
mod sink;
mod structure;
mod values;
mod wording;

pub use crate::standard::RuleId;
pub use basic::duplicate_basic_code::check_catalogue as check_basic_catalogue;
pub use basic::needing_the_catalogue;
pub use doc::{doc_of, markdown, DocView, RuleDoc};
pub use sink::{params, reasons, At, Finding, Params, Sink};

use crate::catalogue::value::{Problem, Value};
use crate::catalogue::{BasicCatalogue, Field, Item, Part, RowAccount, Source, TableInfo};
use crate::codes::AreaList;
use crate::standard::{Scope, Standard};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// An item's fields interpreted once: element index → (value, field).
pub type Values<'f> = HashMap<usize, (Value, &'f Field), ByIndex>;

/// Hashing for maps keyed by an element index: the index, spread by one
/// multiplication (SipHash, the default, cost more than the lookups).
pub type ByIndex = std::hash::BuildHasherDefault<IndexHasher>;

#[derive(Default)]
pub struct IndexHasher(u64);

impl std::hash::Hasher for IndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Codes a file writes with another meaning than the national table's,
/// learnt from its label columns (事项类型名称 beside 事项类型): per table,
/// code element and code as written, each meaning with its rows.
#[derive(Debug, Default)]
pub struct CodeUsage {
    pub map: BTreeMap<CodeKey, BTreeMap<String, Vec<u32>>>,
}

/// A table, a code element and a code as written.
pub type CodeKey = (Arc<Source>, usize, String);

impl CodeUsage {
    /// The meaning most rows give the code in this table so far.
    pub fn meaning(&self, source: &Arc<Source>, element: usize, code: &str) -> Option<&str> {
        // most files carry no label column: no key to build per item
        if self.map.is_empty() {
            return None;
        }
        let m = self.map.get(&(source.clone(), element, code.to_string()))?;
        m.iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.as_str())
    }
}

/// The tables of a file by their source. A file has a handful, and every
/// item asks for its own many times: looked up by pointer first (an item
/// shares its table's `Arc`), not by hashing the source's path each time.
#[derive(Debug, Default)]
pub struct Tables(Vec<(Arc<Source>, TableInfo)>);

impl Tables {
    pub fn get(&self, source: &Arc<Source>) -> Option<&TableInfo> {
        self.0
            .iter()
            .find(|(s, _)| Arc::ptr_eq(s, source))
            .or_else(|| self.0.iter().find(|(s, _)| **s == **source))
            .map(|(_, t)| t)
    }

    /// Add a table, replacing one of the same source.
    pub fn insert(&mut self, source: Arc<Source>, table: TableInfo) {
        match self.0.iter_mut().find(|(s, _)| **s == *source) {
            Some(slot) => slot.1 = table,
            None => self.0.push((source, table)),
        }
    }
}

/// What every rule may know about the file being checked.
pub struct FileCx<'a> {
    pub std: &'a Standard,
    pub codes: &'a CodeUsage,
    pub basic: Option<&'a BasicCatalogue>,
    pub areas: Option<&'a AreaList>,
    pub tables: &'a Tables,
    pub hidden: &'a HashMap<Arc<Source>, HashSet<u32>>,
}

impl FileCx<'_> {
    /// The element's column in the table the source names, if it has one.
    pub fn column(&self, source: &Arc<Source>, element: usize) -> Option<u32> {
        self.tables.get(source).and_then(|t| t.column_of(element))
    }

    /// Whether the table can hold the element. A YAML item is its own
    /// table: an absent key is a missing value, not a missing column. An
    /// exchange record can hold the elements the exchange format has a
    /// field for (an `exchange_field`); the others it cannot carry at all.
    pub fn has_column(&self, source: &Arc<Source>, element: usize) -> bool {
        if source.locations.is_some() {
            return self.std.elements[element].exchange_field.is_some()
                || self.tables.get(source).is_some_and(|t| t.has(element));
        }
        self.tables
            .get(source)
            .is_some_and(|t| t.by_line || t.has(element))
    }

    /// Whether the file's format has no place for the element at all (an
    /// exchange record and an element with no exchange field): neither a
    /// missing column nor a missing value.
    pub fn cannot_carry(&self, source: &Arc<Source>, element: usize) -> bool {
        source.locations.is_some() && !self.has_column(source, element)
    }

    /// The (last) header row of the table.
    pub fn header_row(&self, source: &Arc<Source>) -> Option<u32> {
        self.tables
            .get(source)
            .and_then(|t| t.header_rows.last().copied())
    }

    pub fn is_hidden(&self, source: &Arc<Source>, row: u32) -> bool {
        self.hidden.get(source).is_some_and(|h| h.contains(&row))
    }

    /// The item types a basic code's digits 3–4 may stand for in this
    /// table: the file's own convention (from its label column), the
    /// provincial table and the national one. Empty when none.
    pub fn type_meanings(&self, source: &Arc<Source>, digits: &str) -> Vec<String> {
        let Some(v) = self.std.vocabulary("item_type") else {
            return vec![digits.to_string()];
        };
        let mut out = v.meanings(digits);
        if let Some(t) = self.std.ids.item_type {
            if let Some(m) = self.codes.meaning(source, t, digits) {
                if !out.iter().any(|x| x == m) {
                    out.insert(0, m.to_string());
                }
            }
        }
        out
    }
}

/// A cell as a reader names it in a message: `实施清单!K7`, `K7`, or the
/// row alone.
pub fn cell_ref(source: &Source, row: u32, col: Option<u32>) -> String {
    format!(
        "{}{}{}",
        source
            .sheet
            .as_deref()
            .map(|x| format!("{x}!"))
            .unwrap_or_default(),
        col.map(crate::catalogue::column_letter).unwrap_or_default(),
        row
    )
}

/// The 64-bit hash a rule remembers a key of every item by, instead of the
/// key's text: a province's million items then cost eight bytes each. (Two
/// different keys share a hash with odds of about one in 10¹³ at that
/// size.)
pub fn key_hash(parts: &[&str]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// A body or item name as compared within a file: NFKC, no whitespace,
/// punctuation folded.
pub fn name_key(s: &str) -> String {
    crate::text::comparable(s)
}

/// What several rules need to know about an item, computed once.
#[derive(Debug, Default)]
pub struct Facts {
    /// The body's credit code, when it is valid.
    pub body_code: Option<String>,
    /// The basic code, when it is well formed with a known type.
    pub basic_code: Option<String>,
    /// The exercise-level codes.
    pub levels: Vec<String>,
    /// The numbers in each phone element's text, found once for every
    /// rule that reads them.
    pub phones: Vec<(usize, Vec<crate::codes::PhoneNumber>)>,
}

impl Facts {
    /// The numbers found once in a phone element's text, if it is one.
    pub fn found_phones(&self, element: usize) -> Option<&[crate::codes::PhoneNumber]> {
        self.phones
            .iter()
            .find(|(e, _)| *e == element)
            .map(|(_, n)| n.as_slice())
    }

    /// The numbers in an element's text `text`: found once for a phone
    /// element, found now for another.
    pub fn phones_of<'f>(
        &'f self,
        element: usize,
        text: &str,
    ) -> std::borrow::Cow<'f, [crate::codes::PhoneNumber]> {
        match self.found_phones(element) {
            Some(n) => std::borrow::Cow::Borrowed(n),
            None => std::borrow::Cow::Owned(crate::codes::find_phone_numbers(text)),
        }
    }
}

/// One item, its values interpreted.
pub struct ItemCx<'a> {
    pub file: &'a FileCx<'a>,
    pub item: &'a Item,
    pub values: &'a Values<'a>,
    /// What could not be read, per field, in field order.
    pub problems: &'a [(&'a Field, Problem)],
    /// Elements whose value could not be read (already reported).
    pub invalid: &'a HashSet<usize>,
    /// Whether each element is required for this item, by index.
    pub required: &'a [bool],
    /// The variables expression rules see.
    pub vars: &'a expressions::Vars,
    pub facts: &'a Facts,
}

impl<'a> ItemCx<'a> {
    pub fn std(&self) -> &'a Standard {
        self.file.std
    }

    pub fn source(&self) -> &'a Arc<Source> {
        &self.item.source
    }

    /// The text value of an element and its field.
    pub fn text(&self, element: Option<usize>) -> Option<(&'a str, &'a Field)> {
        let (v, f) = self.values.get(&element?)?;
        v.as_text().map(|t| (t, *f))
    }

    pub fn value(&self, element: Option<usize>) -> Option<&'a (Value, &'a Field)> {
        self.values.get(&element?)
    }
}

/// A material or fee row, inline under its item or detached on its own sheet.
pub struct PartCx<'a> {
    pub file: &'a FileCx<'a>,
    pub source: &'a Arc<Source>,
    pub part: &'a Part,
    pub kind: Scope,
    /// The row's fields interpreted once.
    pub values: &'a Values<'a>,
    pub problems: &'a [(&'a Field, Problem)],
    /// On a sheet of its own, keyed to its item (not under the item).
    pub detached: bool,
    /// A detached row's key to its item (`i:11450721…`), when it has one.
    pub item_key: Option<&'a str>,
}

/// A detached row whose item is not in the file.
pub struct Orphan {
    pub source: Arc<Source>,
    pub row: u32,
    pub col: Option<u32>,
    /// The key's element (实施编码, 基本编码 or 事项名称).
    pub element: Option<usize>,
    pub text: String,
}

/// The whole file, once every row is read.
pub struct FinishCx<'a> {
    pub file: &'a FileCx<'a>,
    pub orphans: &'a [Orphan],
    pub items: usize,
    pub saw_materials: bool,
    pub item_tables: &'a [Arc<Source>],
}

/// A built-in rule. Each hook is called at its point of the file; a rule
/// implements the ones it needs and may keep state for the file.
///
/// Most rules look at one item (or row) at a time: the checker gives every
/// worker thread its own copy and runs them on items in parallel. A rule
/// whose `item` or `part` remembers earlier rows (duplicates, variants
/// across items) says so with [`Rule::across_items`]: it has one copy,
/// which sees every item in file order after the others. `table` and
/// `finish` are only ever called on that one copy.
pub trait Rule: Send {
    /// Whether `item`/`part` keep state from one item to the next.
    fn across_items(&self) -> bool {
        false
    }
    fn table(&mut self, _cx: &FileCx<'_>, _t: &TableInfo, _sink: &mut Sink<'_>) {}
    /// A table's rows are all read: how each was taken.
    fn rows(&mut self, _cx: &FileCx<'_>, _rows: &RowAccount, _sink: &mut Sink<'_>) {}
    fn item(&mut self, _cx: &ItemCx<'_>, _sink: &mut Sink<'_>) {}
    fn part(&mut self, _cx: &PartCx<'_>, _sink: &mut Sink<'_>) {}
    fn finish(&mut self, _cx: &FinishCx<'_>, _sink: &mut Sink<'_>) {}
}

/// A rule's `params` that do not fit its parameter struct.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::tr!("规则 `{}` 的 params：{}", "rule `{}`: params: {}", rule, message))]
pub struct ParamError {
    pub rule: RuleId,
    pub message: String,
}

/// A rule's `params` from the standard as its typed parameter struct.
pub(crate) fn rule_params<T: serde::de::DeserializeOwned>(
    std: &Standard,
    id: RuleId,
) -> Result<T, ParamError> {
    let map: serde_json::Map<String, serde_json::Value> = std
        .builtin_rule(id)
        .params
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| ParamError {
        rule: id,
        message: crate::locale::json_error(&e),
    })
}

/// Element ids from a rule's params as indexes (ids the standard lacks are
/// skipped, as a provincial standard may drop an element).
pub(crate) fn element_indexes(std: &Standard, ids: &[String]) -> Vec<usize> {
    ids.iter().filter_map(|e| std.element_index(e)).collect()
}

macro_rules! registry {
    ($($id:ident => $family:ident :: $file:ident :: $ty:ident),* $(,)?) => {
        fn build_one<'a>(id: RuleId, std: &'a Standard) -> Result<Box<dyn Rule + 'a>, ParamError> {
            Ok(match id {
                $(RuleId::$id => Box::new($family::$file::$ty::new(std)?),)*
            })
        }

        /// The documentation of a built-in rule, from its file.
        pub fn doc(id: RuleId) -> &'static RuleDoc {
            match id {
                $(RuleId::$id => &$family::$file::DOC,)*
            }
        }

        /// The file each built-in rule lives in, for the docs.
        pub fn file_of(id: RuleId) -> &'static str {
            match id {
                $(RuleId::$id => concat!("src/rules/", stringify!($family), "/", stringify!($file), ".rs"),)*
            }
        }
    };
}

// One line per built-in rule: id => family::file::Type.
registry! {
    HiddenRow => structure::hidden_row::HiddenRow,
    FoldedRow => structure::folded_row::FoldedRow,
    SupersededVersion => structure::superseded_version::SupersededVersion,
    MissingColumn => structure::missing_column::MissingColumn,
    UnknownColumn => structure::unknown_column::UnknownColumn,
    DuplicateColumn => structure::duplicate_column::DuplicateColumn,
    MissingRequired => values::missing_required::MissingRequired,
    InvalidValue => values::invalid_value::InvalidValue,
    ErrorCell => values::error_cell::ErrorCell,
    OversizedCell => values::oversized_cell::OversizedCell,
    UncodedItemType => values::uncoded_item_type::UncodedItemType,
    ProvincialCode => values::provincial_code::ProvincialCode,
    VendorCodeTable => values::vendor_code_table::VendorCodeTable,
    CodeLabelConflict => values::code_label_conflict::CodeLabelConflict,
    PlaceholderCode => codes::placeholder_code::PlaceholderCode,
    InvalidCreditCode => codes::invalid_credit_code::InvalidCreditCode,
    InvalidOrgCode => codes::invalid_org_code::InvalidOrgCode,
    OrgCodeAsCreditCode => bodies::org_code_as_credit_code::OrgCodeAsCreditCode,
    SharedCreditCode => bodies::shared_credit_code::SharedCreditCode,
    BodyCodeVariants => bodies::body_code_variants::BodyCodeVariants,
    DuplicateItem => bodies::duplicate_item::DuplicateItem,
    InvalidBasicCode => codes::invalid_basic_code::InvalidBasicCode,
    MainItemImplemented => codes::main_item_implemented::MainItemImplemented,
    LocalSubItem => codes::local_sub_item::LocalSubItem,
    BasicCodeTypeMismatch => codes::basic_code_type_mismatch::BasicCodeTypeMismatch,
    ImplCodeMismatch => codes::impl_code_mismatch::ImplCodeMismatch,
    HandlingCodeAsImplCode => codes::handling_code_as_impl_code::HandlingCodeAsImplCode,
    InvalidHandlingCode => codes::invalid_handling_code::InvalidHandlingCode,
    DuplicateImplCode => codes::duplicate_impl_code::DuplicateImplCode,
    LocalImplCodeInconsistent => codes::local_impl_code_inconsistent::LocalImplCodeInconsistent,
    InvalidAreaCode => codes::invalid_area_code::InvalidAreaCode,
    AreaCodeNonstandard => codes::area_code_nonstandard::AreaCodeNonstandard,
    BodyLevelMismatch => codes::body_level_mismatch::BodyLevelMismatch,
    InvalidPhone => contact::invalid_phone::InvalidPhone,
    NoPhoneNumber => contact::no_phone_number::NoPhoneNumber,
    PhoneDash => contact::phone_dash::PhoneDash,
    PhoneBrackets => contact::phone_brackets::PhoneBrackets,
    UnknownBasicCode => basic::unknown_basic_code::UnknownBasicCode,
    DuplicateBasicCode => basic::duplicate_basic_code::DuplicateBasicCode,
    NameMismatch => basic::name_mismatch::NameMismatch,
    TypeMismatch => basic::type_mismatch::TypeMismatch,
    LegalBasisMismatch => basic::legal_basis_mismatch::LegalBasisMismatch,
    CatchAllClause => wording::catch_all_clause::CatchAllClause,
    PlaceholderText => wording::placeholder_text::PlaceholderText,
    UnbalancedBrackets => wording::unbalanced_brackets::UnbalancedBrackets,
    ControlCharacter => wording::control_character::ControlCharacter,
    GarbledText => wording::garbled_text::GarbledText,
    DateInText => wording::date_in_text::DateInText,
    LabelInValue => wording::label_in_value::LabelInValue,
    TruncatedText => wording::truncated_text::TruncatedText,
    MaterialMissingName => materials::material_missing_name::MaterialMissingName,
    MaterialOrphan => materials::material_orphan::MaterialOrphan,
    DuplicateMaterial => materials::duplicate_material::DuplicateMaterial,
    ExpressionFailed => expressions::expression_failed::ExpressionRules,
}

/// Pairs (winner, loser) of rules that detect one root cause on one cell:
/// where both fire on a cell, only the winner, which names the cause, is
/// reported.
pub const SUBSUMES: &[(RuleId, RuleId)] = &[
    (RuleId::OrgCodeAsCreditCode, RuleId::InvalidCreditCode),
    (RuleId::PlaceholderCode, RuleId::InvalidCreditCode),
    (RuleId::PlaceholderCode, RuleId::InvalidOrgCode),
    (RuleId::PlaceholderCode, RuleId::OrgCodeAsCreditCode),
    (RuleId::PlaceholderCode, RuleId::InvalidBasicCode),
    (RuleId::PlaceholderCode, RuleId::ImplCodeMismatch),
    (RuleId::PlaceholderCode, RuleId::InvalidHandlingCode),
    (RuleId::PlaceholderCode, RuleId::InvalidAreaCode),
    (RuleId::PlaceholderCode, RuleId::InvalidValue),
    (RuleId::PlaceholderCode, RuleId::LocalImplCodeInconsistent),
    // a cell that holds #DIV/0! is that, not a badly written value
    (RuleId::ErrorCell, RuleId::InvalidValue),
    (RuleId::ErrorCell, RuleId::InvalidCreditCode),
    (RuleId::ErrorCell, RuleId::InvalidBasicCode),
    (RuleId::ErrorCell, RuleId::InvalidAreaCode),
    (RuleId::ErrorCell, RuleId::InvalidPhone),
    // a cell cut as it was read ends where it was cut, not where it ended
    (RuleId::OversizedCell, RuleId::TruncatedText),
    (RuleId::OversizedCell, RuleId::UnbalancedBrackets),
    (RuleId::OversizedCell, RuleId::InvalidValue),
    // undecodable bytes are the cause of whatever else is wrong with the text
    (RuleId::GarbledText, RuleId::InvalidValue),
    (RuleId::GarbledText, RuleId::UnbalancedBrackets),
];

/// Every rule for one file's check, built from the standard.
pub fn build(std: &Standard) -> Result<Vec<Box<dyn Rule + '_>>, ParamError> {
    RuleId::all().iter().map(|id| build_one(*id, std)).collect()
}

/// Derive the shared facts of an item from its values.
pub fn facts(file: &FileCx<'_>, source: &Arc<Source>, values: &Values<'_>) -> Facts {
    let std = file.std;
    let ids = &std.ids;
    let text = |e: Option<usize>| values.get(&e?).and_then(|(v, _)| v.as_text());
    let body_code = text(ids.body_code)
        .filter(|c| crate::codes::validate_credit_code(c).is_ok())
        .map(str::to_string);
    let basic_code = text(ids.basic_code)
        .filter(|c| {
            crate::codes::validate_basic_code(c)
                .is_ok_and(|b| !file.type_meanings(source, b.item_type).is_empty())
        })
        .map(str::to_string);
    let levels = ids
        .level
        .and_then(|i| values.get(&i))
        .map(|(v, _)| match v {
            Value::Codes(c) => c.clone(),
            Value::Code(c) => vec![c.clone()],
            _ => Vec::new(),
        })
        .unwrap_or_default();
    let mut phones: Vec<_> = values
        .iter()
        .filter(|(e, _)| std.elements[**e].kind == crate::standard::ElementType::Phone)
        .filter_map(|(e, (v, f))| {
            v.as_text()?;
            let text = crate::text::phone_text(&f.text);
            Some((*e, crate::codes::find_phone_numbers(&text)))
        })
        .collect();
    phones.sort_by_key(|(e, _)| *e);
    Facts {
        body_code,
        basic_code,
        levels,
        phones,
    }
}
