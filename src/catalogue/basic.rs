//! The basic catalogue (基本目录): the reference for "same item, same code".

use super::value::{interpret, Value};
use super::{Catalogue, ReadError, ReadOptions};
use crate::standard::Standard;
use crate::text::comparable;
use std::collections::{HashMap, HashSet};
use std::path::Path;

#[derive(Debug, Clone)]
pub struct BasicEntry {
    pub code: String,
    pub name: String,
    pub item_type: Option<String>,
    pub legal_basis: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct BasicCatalogue {
    pub entries: HashMap<String, BasicEntry>,
    by_name: HashMap<String, String>,
    prefixes: HashSet<String>,
}

impl BasicCatalogue {
    pub fn load(path: &Path, standard: &Standard, opts: &ReadOptions) -> Result<Self, ReadError> {
        let cat = Catalogue::load(path, standard, opts)?;
        let out = Self::from_catalogue(&cat, standard);
        if out.entries.is_empty() {
            return Err(ReadError::new(
                path,
                "no items with a 基本编码 (basic code) found in the basic catalogue",
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
        for item in &cat.items {
            let Some(cf) = item.get(code_i) else { continue };
            let (code, _) = interpret(&standard.elements[code_i], standard, &cf.text, cf.numeric);
            let Value::Text(code) = code else { continue };
            let name = item
                .get(name_i)
                .map(|f| crate::text::nfkc(&f.text))
                .unwrap_or_default();
            let item_type = type_i.and_then(|t| {
                let f = item.get(t)?;
                match interpret(&standard.elements[t], standard, &f.text, f.numeric).0 {
                    Value::Code(c) | Value::Uncoded(c) => Some(c),
                    _ => None,
                }
            });
            let legal_basis = basis_i
                .and_then(|b| item.get(b))
                .map(|f| crate::text::nfkc(&f.text));
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

    pub fn code_for_name(&self, name: &str) -> Option<&str> {
        self.by_name.get(&comparable(name)).map(String::as_str)
    }

    /// Whether the catalogue holds any item with this compiler prefix
    /// (a national catalogue holds no province-added items).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        self.prefixes.contains(prefix)
    }
}
