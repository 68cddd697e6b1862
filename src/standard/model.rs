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

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    /// Disabled by a (provincial) standard.
    Off,
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

/// A text in both languages.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Msg {
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetaDef {
    pub id: Option<String>,
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub version: Option<String>,
    /// `national` for the embedded standard, or a path to a standard directory.
    pub extends: Option<String>,
    pub none_words: Option<Vec<String>>,
    pub ignored_headers: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementDef {
    pub id: String,
    pub label: Option<String>,
    pub aliases: Option<Vec<String>>,
    /// Overlay only: aliases appended to the inherited ones.
    pub add_aliases: Option<Vec<String>>,
    pub scope: Option<Scope>,
    #[serde(rename = "type")]
    pub kind: Option<ElementType>,
    pub vocabulary: Option<String>,
    pub multi: Option<bool>,
    pub required: Option<bool>,
    pub required_when: Option<String>,
    pub max_length: Option<usize>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub pattern: Option<String>,
    pub strict: Option<bool>,
    pub uniform: Option<bool>,
    pub none_value: Option<i64>,
    pub unit_element: Option<String>,
    pub description: Option<String>,
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
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    #[serde(default)]
    pub rules: Vec<RuleDef>,
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
    pub strict: bool,
    pub uniform: bool,
    pub none_value: Option<i64>,
    pub unit_element: Option<String>,
    pub description: Msg,
}

/// A finished rule.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub elements: Vec<String>,
    pub when: Option<String>,
    pub assert: Option<String>,
    pub title: Msg,
    pub message: Msg,
    pub fix: Option<Msg>,
    pub params: BTreeMap<String, serde_json::Value>,
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
