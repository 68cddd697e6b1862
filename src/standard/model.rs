//! The standard's data model: what the YAML files in `standards/` say.
//!
//! File structs (`*Def`) have optional fields so that one shape serves both
//! a full national definition and a provincial overlay that changes only a
//! few fields; `layer` merges them and `finish` turns them into the final,
//! fully populated types the rest of the crate uses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where an element lives: on the item, on each material, or on each fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Item,
    Material,
    Fee,
}

/// The value type of an element; code types get their checks from `codes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum ElementType {
    #[default]
    Text,
    Integer,
    Duration,
    Code,
    CreditCode,
    BasicCode,
    ImplCode,
    HandlingCode,
    MaterialCode,
    AreaCode,
    Phone,
    LocalCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Shown as "note" in every output, and accepted under that name too.
    #[serde(alias = "note")]
    Info,
    /// Disabled by a (provincial) standard.
    Off,
}

/// The names a file may give a severity, `note` among them.
impl JsonSchema for Severity {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Severity".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "error, warning, note (also written info), or off to disable the rule",
            "type": "string",
            "enum": ["error", "warning", "note", "info", "off"]
        })
    }
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Off => "off",
        }
    }
}

pub use crate::i18n::Msg;

/// Where a constraint comes from, which decides how hard a departure
/// from it is: the national standard's own text (an error), the size of
/// an exchange-format field (a warning naming the field), or practice
/// observed in real lists (a warning).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    JsonSchema,
    Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    #[default]
    National,
    Exchange,
    Practice,
}

impl Provenance {
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::National => "national",
            Provenance::Exchange => "exchange",
            Provenance::Practice => "practice",
        }
    }
}

/// The constraints of an element whose provenance can be stated.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Constraint {
    /// `max_length`.
    MaxLength,
    /// `min` and `max`.
    Range,
    /// `pattern`.
    Pattern,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetaDef {
    /// Stable id of the standard, e.g. `national` or `guangxi`.
    pub id: Option<String>,
    /// Name in Chinese.
    pub name: Option<String>,
    /// Name in English.
    pub name_en: Option<String>,
    pub version: Option<String>,
    /// `national` for the embedded standard, or a path to a standard directory.
    pub extends: Option<String>,
    /// Words meaning "none" (无, 暂无 …).
    pub none_words: Option<Vec<String>>,
    /// Header labels never reported as unknown (序号, 备注 …).
    pub ignored_headers: Option<Vec<String>>,
    /// National hotlines that are the official line for both consultation
    /// and complaints (12345 …): never a "same phone" finding.
    pub hotlines: Option<Vec<String>>,
    /// Name fragments of vertically managed bodies (国家安全, 海关, 税务 …),
    /// whose credit codes carry a higher level's area.
    pub vertical_bodies: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementDef {
    /// Stable ASCII id used in rules, JSON and templates.
    pub id: String,
    /// The national Chinese header label.
    pub label: Option<String>,
    /// Other header labels seen in provincial and vendor sheets.
    pub aliases: Option<Vec<String>>,
    /// Overlay only: aliases appended to the inherited ones.
    pub add_aliases: Option<Vec<String>>,
    /// item (default), material or fee.
    pub scope: Option<Scope>,
    /// The value type; `code` needs a vocabulary.
    #[serde(rename = "type")]
    pub kind: Option<ElementType>,
    /// For type code: the vocabulary id.
    pub vocabulary: Option<String>,
    /// Several values allowed in one cell.
    pub multi: Option<bool>,
    /// Required by the national exchange schema.
    pub required: Option<bool>,
    /// Required only when this expression holds, e.g. `item_type != "20"`.
    pub required_when: Option<String>,
    /// Longest text allowed, in characters.
    pub max_length: Option<usize>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub pattern: Option<String>,
    /// Overrides the vocabulary's `closed`: true makes a value outside
    /// the vocabulary an error, false a warning.
    pub strict: Option<bool>,
    /// Where each constraint comes from (default: national).
    pub provenance: Option<BTreeMap<Constraint, Provenance>>,
    /// The exchange-format field the element travels in (default: its
    /// upper-case ASCII alias), named when an exchange constraint is exceeded.
    pub exchange_field: Option<String>,
    /// Must be the same in every region implementing the item: a
    /// departure is a difference (`santong diff`).
    pub uniform: Option<bool>,
    /// A local commitment (promised limit, visits, online depth …):
    /// compared across regions and shown as variation, never as a fault.
    pub varies: Option<bool>,
    /// The value a none-word (无) stands for, where it is not "missing".
    pub none_value: Option<i64>,
    /// For durations: the element holding the unit when a sheet has one.
    pub unit_element: Option<String>,
    /// This column carries the label of another code element (事项类型名称
    /// beside 事项类型): where both are present, the label decides.
    pub label_of: Option<String>,
    /// What the element means (Chinese); shown in template notes.
    pub description: Option<String>,
    /// What the element means (English).
    pub description_en: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementsFile {
    #[serde(default)]
    pub elements: Vec<ElementDef>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UncodedEntry {
    pub label: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabularyDef {
    pub id: String,
    pub label: Option<String>,
    pub pad: Option<usize>,
    pub entries: Option<Vec<Entry>>,
    /// Overlay only: entries appended to the inherited ones.
    pub add_entries: Option<Vec<Entry>>,
    pub uncoded: Option<Vec<UncodedEntry>>,
    /// The national list is confirmed complete: an unknown code is an
    /// error. Otherwise (vendor codes are known to occur) a warning.
    pub closed: Option<bool>,
    /// The codes are degrees a cell lists cumulatively (网上办理深度:
    /// 互联网咨询, 收件, 预审, 受理 …): a cell of one bare code is not how the
    /// national table is written, and is shown as written, not as a label.
    pub cumulative: Option<bool>,
    /// A provincial code table: code → label of an entry. Codes are read
    /// through it first, so a list is checked on meaning.
    pub codes: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabulariesFile {
    #[serde(default)]
    pub vocabularies: Vec<VocabularyDef>,
}

/// One element id or several.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    pub severity: Option<Severity>,
    pub element: Option<OneOrMany>,
    pub when: Option<String>,
    pub assert: Option<String>,
    pub title: Option<Msg>,
    pub message: Option<Msg>,
    pub fix: Option<Msg>,
    pub params: Option<BTreeMap<String, serde_json::Value>>,
    /// Documentation of an expression rule (built-in rules are documented
    /// in their Rust file): what it checks, and examples.
    pub doc: Option<RuleDocDef>,
}

/// A rule's documentation: a description in each language and examples.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDocDef {
    pub en: String,
    pub zh: String,
    #[serde(default)]
    pub good: Vec<String>,
    #[serde(default)]
    pub bad: Vec<String>,
    /// The examples in Chinese where they have words (empty: as `good`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub good_zh: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bad_zh: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

/// Any file of a standard directory, for editors and other tools:
/// `standard.yaml` (the metadata), `elements.yaml`, `vocabularies.yaml` or
/// `rules.yaml`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum StandardFile {
    Meta(MetaDef),
    Elements(ElementsFile),
    Vocabularies(VocabulariesFile),
    Rules(RulesFile),
}

/// A finished element.
#[derive(Debug, Clone, Serialize)]
pub struct Element {
    pub id: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub scope: Scope,
    #[serde(rename = "type")]
    pub kind: ElementType,
    pub vocabulary: Option<String>,
    pub multi: bool,
    pub required: bool,
    pub required_when: Option<String>,
    pub max_length: Option<usize>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub pattern: Option<String>,
    /// `pattern`, compiled once when the standard loads.
    #[serde(skip)]
    pub pattern_re: Option<regex::Regex>,
    /// Whether a value outside the vocabulary is an error (the element's
    /// `strict`, else the vocabulary's `closed`).
    pub strict: bool,
    /// Where each constraint comes from; absent means national.
    pub provenance: BTreeMap<Constraint, Provenance>,
    pub exchange_field: Option<String>,
    pub uniform: bool,
    /// A local commitment: compared as variation (see [`ElementDef::varies`]).
    pub varies: bool,
    pub none_value: Option<i64>,
    pub unit_element: Option<String>,
    pub label_of: Option<String>,
    pub description: Msg,
}

impl Element {
    /// Whether `santong diff` compares the element across regions, as a
    /// uniform element or as a local commitment.
    pub fn compared(&self) -> bool {
        (self.uniform || self.varies)
            && self.scope == Scope::Item
            && self.kind != ElementType::BasicCode
    }
    /// Where a constraint of the element comes from.
    pub fn provenance(&self, c: Constraint) -> Provenance {
        self.provenance.get(&c).copied().unwrap_or_default()
    }
}

/// A finished rule.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    /// The built-in rule this is, none for an expression rule.
    #[serde(skip)]
    pub builtin: Option<super::RuleId>,
    pub severity: Severity,
    pub elements: Vec<String>,
    pub when: Option<String>,
    pub assert: Option<String>,
    pub title: Msg,
    pub message: Msg,
    pub fix: Option<Msg>,
    pub params: BTreeMap<String, serde_json::Value>,
    pub doc: Option<RuleDocDef>,
}

impl Rule {
    pub fn is_builtin(&self) -> bool {
        self.assert.is_none()
    }

    /// A list of strings from `params`, empty if absent.
    pub fn param_list(&self, key: &str) -> Vec<String> {
        match self.params.get(key) {
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }
}
