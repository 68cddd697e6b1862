//! The standard: elements, vocabularies and rules, loaded from YAML.
//!
//! The national standard is embedded in the binary (`standards/national`);
//! `--standard DIR` loads another directory, which may `extends: national`
//! and override or add entries by id. This module owns the model and its
//! lookups (header → element, value → code); it knows nothing about
//! spreadsheets or findings.

mod expr;
mod ids;
mod load;
pub mod model;
mod vocab;

pub use expr::{is_blank, template_name};
pub use ids::{ElementIds, RuleId, BUILTIN_COUNT};
pub use load::{StandardError, NATIONAL_FILES, SAMPLE_BASIC_CATALOGUE};
pub use model::{
    Constraint, Element, ElementType, Msg, Provenance, Rule, RuleDocDef, Scope, Severity,
};
pub use vocab::{Lookup, Vocabulary};

use minijinja::Environment;
use std::collections::HashMap;

/// A loaded, validated standard.
pub struct Standard {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub version: String,
    /// The chain of standards this one was built from, base first.
    pub lineage: Vec<String>,
    pub elements: Vec<Element>,
    pub vocabularies: HashMap<String, Vocabulary>,
    pub rules: Vec<Rule>,
    pub none_words: Vec<String>,
    /// National hotlines, official for consultation and complaints alike.
    pub hotlines: Vec<String>,
    /// Name fragments of vertically managed bodies.
    pub vertical_bodies: Vec<String>,
    /// The elements the Rust code names, resolved once.
    pub ids: ElementIds,
    /// `rules` index of each built-in rule, by [`RuleId`] order.
    builtin: Vec<usize>,
    ignored_headers: Vec<String>,
    element_index: HashMap<String, usize>,
    header_index: HashMap<String, Vec<usize>>,
    rule_index: HashMap<String, usize>,
    env: Environment<'static>,
    /// The variables expressions see, each with a slot of its own.
    pub vars: VarNames,
}

/// The variables of the standard's expressions, each given a slot, so an
/// item's values are found by index rather than by name: every item
/// element by id, and each duration's unit as `<id>_unit`.
#[derive(Debug, Default)]
pub struct VarNames {
    /// By slot.
    pub names: Vec<String>,
    /// By element index: the element's slot and, for a duration, its unit's.
    pub of_element: Vec<Option<(usize, Option<usize>)>>,
    index: HashMap<String, usize>,
}

impl VarNames {
    pub fn new(elements: &[Element]) -> Self {
        let mut v = VarNames::default();
        for el in elements {
            if el.scope != Scope::Item {
                v.of_element.push(None);
                continue;
            }
            let slot = v.add(el.id.clone());
            let unit = (el.kind == ElementType::Duration).then(|| v.add(format!("{}_unit", el.id)));
            v.of_element.push(Some((slot, unit)));
        }
        v
    }

    fn add(&mut self, name: String) -> usize {
        let slot = self.names.len();
        self.index.insert(name.clone(), slot);
        self.names.push(name);
        slot
    }

    /// The slot of a variable, none for a name that is not one.
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

impl std::fmt::Debug for Standard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Standard")
            .field("id", &self.id)
            .field("elements", &self.elements.len())
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl Standard {
    /// The embedded national standard.
    pub fn national() -> Result<Standard, StandardError> {
        load::load_national()
    }

    /// Load a standard directory (which may extend the national one).
    pub fn from_dir(dir: &std::path::Path) -> Result<Standard, StandardError> {
        load::load_dir(dir)
    }

    pub fn element(&self, id: &str) -> Option<&Element> {
        self.element_index.get(id).map(|&i| &self.elements[i])
    }

    pub fn element_index(&self, id: &str) -> Option<usize> {
        self.element_index.get(id).copied()
    }

    pub fn vocabulary(&self, id: &str) -> Option<&Vocabulary> {
        self.vocabularies.get(id)
    }

    /// The label of a code in a vocabulary, or the code itself when the
    /// vocabulary has no such entry.
    pub fn code_label(&self, vocabulary: &str, code: &str) -> String {
        self.vocabulary(vocabulary)
            .and_then(|v| v.label_of(code))
            .unwrap_or(code)
            .to_string()
    }

    /// Headers never read nor reported (序号, 备注 …).
    pub fn ignored_headers(&self) -> &[String] {
        &self.ignored_headers
    }

    /// The element that carries the label of element `code` (事项类型名称
    /// for 事项类型): where a list fills it, it decides what the code means.
    pub fn label_column_of(&self, code: usize) -> Option<usize> {
        let id = &self.elements.get(code)?.id;
        self.elements
            .iter()
            .position(|e| e.label_of.as_deref() == Some(id.as_str()))
    }

    pub fn vocabulary_of(&self, el: &Element) -> Option<&Vocabulary> {
        el.vocabulary
            .as_deref()
            .and_then(|v| self.vocabularies.get(v))
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rule_index.get(id).map(|&i| &self.rules[i])
    }

    /// A built-in rule's definition (every standard defines all of them).
    pub fn builtin_rule(&self, id: RuleId) -> &Rule {
        &self.rules[self.builtin[id.index()]]
    }

    /// Severity of a built-in rule.
    pub fn severity_of(&self, id: RuleId) -> Severity {
        self.builtin_rule(id).severity
    }

    /// Severity of a rule, `Off` if the standard does not define it.
    pub fn severity(&self, id: &str) -> Severity {
        self.rule(id).map(|r| r.severity).unwrap_or(Severity::Off)
    }

    /// Elements whose label or an alias matches a header cell, most
    /// specific normalisation first.
    pub fn match_header(&self, cell: &str) -> Vec<usize> {
        for key in crate::text::header_keys(cell) {
            if let Some(v) = self.header_index.get(&key) {
                return v.clone();
            }
            if let Some(v) = self.header_index.get(&key.to_ascii_uppercase()) {
                return v.clone();
            }
        }
        Vec::new()
    }

    /// Whether a header is known not to be an element (序号, 备注 …).
    pub fn is_ignored_header(&self, cell: &str) -> bool {
        crate::text::header_keys(cell)
            .iter()
            .any(|k| self.ignored_headers.contains(k))
    }

    /// Whether a value is a "none" word such as 无 or /.
    pub fn is_none_word(&self, compacted: &str) -> bool {
        self.none_words.iter().any(|w| w == compacted)
    }

    pub fn env(&self) -> &Environment<'static> {
        &self.env
    }

    /// Render a rule's message or fix (`part` = "message" | "fix").
    pub fn render(
        &self,
        rule: &str,
        part: &str,
        lang: crate::i18n::Lang,
        ctx: &minijinja::Value,
    ) -> Option<String> {
        let name = expr::template_name(rule, part, lang.code());
        let t = self.env.get_template(&name).ok()?;
        t.render(ctx).ok()
    }
}
