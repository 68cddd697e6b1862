//! The basic catalogue (基本目录): the reference for "same item, same code".

use super::value::{interpret, Problem, Value};
use super::{Catalogue, Field, ReadError, ReadOptions, Source};
use crate::codes::{validate_basic_code, BasicIssue};
use crate::standard::Standard;
use crate::text::comparable;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct BasicEntry {
    pub code: String,
    pub name: String,
    pub item_type: Option<String>,
    pub legal_basis: Option<String>,
}

/// A defect of the basic catalogue's own entries, found as it loads. An
/// entry with a malformed code is left out; one whose type cannot be read
/// keeps no type, so it is never a source of false mismatches.
#[derive(Debug, Clone)]
pub enum BasicDefect {
    Code(Field, BasicIssue),
    /// Digits 3–4 name no item type.
    CodeType(Field, String),
    Type(Field, Problem),
    /// Digits 3–4 of the code disagree with the type column.
    TypeDigits {
        field: Field,
        digits: String,
        item_type: String,
    },
    /// The same basic code twice; the row of the first.
    Duplicate(Field, u32),
    NoName(Field),
}

#[derive(Debug, Clone, Default)]
pub struct BasicCatalogue {
    pub entries: HashMap<String, BasicEntry>,
    /// The catalogue's own defects, each with the table it was found in.
    pub defects: Vec<(Arc<Source>, BasicDefect)>,
    by_name: HashMap<String, String>,
    prefixes: HashSet<String>,
    /// Items with an implementation code or an implementing body: a basic
    /// catalogue has neither, so many of them mean an implementation list
    /// was given where the catalogue was meant.
    pub implemented: usize,
}

impl BasicCatalogue {
    pub fn load(path: &Path, standard: &Standard, opts: &ReadOptions) -> Result<Self, ReadError> {
        let cat = Catalogue::load(path, standard, opts)?;
        let mut out = Self::from_catalogue(&cat, standard);
        let listed: Vec<usize> = ["impl_code", "body_name"]
            .iter()
            .filter_map(|id| standard.element_index(id))
            .collect();
        out.implemented = cat
            .items
            .iter()
            .filter(|it| {
                listed
                    .iter()
                    .any(|i| it.get(*i).is_some_and(|f| !f.text.trim().is_empty()))
            })
            .count();
        if out.entries.is_empty() {
            return Err(ReadError::new(
                path,
                crate::tr!(
                    "基本目录中没有带基本编码的事项",
                    "no items with a 基本编码 (basic code) found in the basic catalogue"
                ),
            ));
        }
        Ok(out)
    }

    /// The sample catalogue embedded in the binary.
    pub fn sample(standard: &Standard) -> Result<Self, ReadError> {
        let name = Path::new("<embedded>/national/basic-catalogue.sample.yaml");
        let cat =
            Catalogue::from_yaml_str(crate::standard::SAMPLE_BASIC_CATALOGUE, name, standard)?;
        Ok(Self::from_catalogue(&cat, standard))
    }

    pub fn from_catalogue(cat: &Catalogue, standard: &Standard) -> Self {
        let idx = |id: &str| standard.element_index(id);
        let (Some(code_i), Some(name_i)) = (idx("basic_code"), idx("name")) else {
            return Self::default();
        };
        let type_i = idx("item_type");
        let basis_i = idx("legal_basis");
        let mut out = BasicCatalogue::default();
        let vocab = standard.vocabulary("item_type");
        let mut first_row: HashMap<String, u32> = HashMap::new();
        for item in &cat.items {
            let Some(cf) = item.get(code_i) else { continue };
            let (code, _) = interpret(&standard.elements[code_i], standard, &cf.text, cf.numeric);
            let Value::Text(code) = code else { continue };
            let mut defect = |d: BasicDefect| out.defects.push((item.source.clone(), d));
            let parts = match validate_basic_code(&code) {
                Ok(b) => b,
                Err(issue) => {
                    defect(BasicDefect::Code(cf.clone(), issue));
                    continue;
                }
            };
            let digits = parts.item_type.to_string();
            let digit_types = vocab.map(|v| v.meanings(&digits)).unwrap_or_default();
            if vocab.is_some() && digit_types.is_empty() {
                defect(BasicDefect::CodeType(cf.clone(), digits.clone()));
                continue;
            }
            if let Some(&row) = first_row.get(&code) {
                defect(BasicDefect::Duplicate(cf.clone(), row));
                continue;
            }
            first_row.insert(code.clone(), cf.row);
            let name = item
                .get(name_i)
                .map(|f| crate::text::nfkc(&f.text).into_owned())
                .unwrap_or_default();
            if name.trim().is_empty() {
                defect(BasicDefect::NoName(cf.clone()));
            }
            let item_type = type_i.and_then(|t| {
                let f = item.get(t)?;
                let (v, problems) = interpret(&standard.elements[t], standard, &f.text, f.numeric);
                if let Some(p) = problems.into_iter().next() {
                    defect(BasicDefect::Type(f.clone(), p));
                    return None;
                }
                match v {
                    Value::Code(c) => {
                        if !digit_types.contains(&c) {
                            defect(BasicDefect::TypeDigits {
                                field: f.clone(),
                                digits: digits.clone(),
                                item_type: c.clone(),
                            });
                        }
                        Some(c)
                    }
                    Value::Uncoded(c) => Some(c),
                    _ => None,
                }
            });
            let legal_basis = basis_i
                .and_then(|b| item.get(b))
                .map(|f| crate::text::nfkc(&f.text).into_owned());
            out.prefixes.insert(code.chars().take(2).collect());
            out.by_name
                .entry(comparable(&name))
                .or_insert_with(|| code.clone());
            out.entries.insert(
                code.clone(),
                BasicEntry {
                    code,
                    name,
                    item_type,
                    legal_basis,
                },
            );
        }
        out
    }

    pub fn get(&self, code: &str) -> Option<&BasicEntry> {
        self.entries.get(code)
    }

    /// Whether the catalogue reads like an implementation list: most of
    /// its items have an implementation code or an implementing body.
    pub fn looks_like_a_list(&self) -> bool {
        self.implemented > 0 && self.implemented * 2 >= self.entries.len().max(1)
    }

    pub fn code_for_name(&self, name: &str) -> Option<&str> {
        self.by_name.get(&comparable(name)).map(String::as_str)
    }

    /// Whether the catalogue holds any item with this compiler prefix
    /// (a national catalogue holds no province-added items).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.prefixes.contains(prefix)
    }
}
