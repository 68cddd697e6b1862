//! A region's implementation list reduced to what is compared across
//! regions: per item its basic code, name, and the normalised value of every
//! uniform element, plus its materials. Built from the reader's event stream
//! so that a 100,000-item list never exists in memory as cells.

use crate::catalogue::value::{interpret, Value};
use crate::catalogue::{self, Event, Field, KeyIndex, Part, ReadError, ReadOptions};
use crate::standard::{ElementType, Scope, Standard};
use crate::text::{comparable, nfkc};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A compared value: `key` decides equality, `display` is what people read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Norm {
    pub key: String,
    pub display: String,
}

/// A material, keyed by its normalised name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub name: String,
    /// attribute element id -> normalised value
    pub attrs: BTreeMap<String, Norm>,
}

#[derive(Debug, Clone)]
pub struct RegionItem {
    /// A structurally valid basic code, if the item had one.
    pub basic_code: Option<String>,
    /// The basic code cell as written, when it was not valid.
    pub raw_code: Option<String>,
    pub name: String,
    pub row: u32,
    pub sheet: Option<String>,
    /// uniform element id -> value (absent elements are missing here)
    pub values: BTreeMap<String, Norm>,
    /// Elements the region's table has a column for.
    pub materials: BTreeMap<String, Material>,
    /// statutory and promised limits in days (same unit), for compression
    pub limits: Option<(i64, i64)>,
    pub visits: Option<i64>,
    /// online depth codes, channel codes
    pub depth: Vec<String>,
    pub channels: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    pub path: String,
    pub items: Vec<RegionItem>,
    /// Uniform elements this region's tables carry.
    pub columns: Vec<String>,
    pub has_materials: bool,
}

/// Material attributes compared besides the name.
pub const MATERIAL_ATTRS: [&str; 5] = [
    "material_necessity",
    "material_type",
    "material_form",
    "copies",
    "material_source",
];

/// Normalise a cell for comparison.
pub fn normalise(std: &Standard, element: usize, text: &str, numeric: bool) -> Option<Norm> {
    let el = &std.elements[element];
    let (v, problems) = interpret(el, std, text, numeric);
    let vocab = std.vocabulary_of(el);
    let label = |c: &str| vocab.and_then(|v| v.label_of(c)).unwrap_or(c).to_string();
    let norm = match v {
        Value::Absent if problems.is_empty() => return None,
        // not understood: compare as text
        Value::Absent => Norm {
            key: format!("?{}", comparable(text)),
            display: nfkc(text),
        },
        Value::Text(t) => match el.kind {
            ElementType::Text | ElementType::Phone | ElementType::LocalCode => Norm {
                key: comparable(&t),
                display: t,
            },
            _ => Norm {
                key: t.clone(),
                display: t,
            },
        },
        Value::Int(n) => Norm {
            key: n.to_string(),
            display: n.to_string(),
        },
        Value::Duration { amount, unit } => {
            let unit = unit.unwrap_or_else(|| "1".into());
            let unit_label = std
                .vocabulary("time_unit")
                .and_then(|v| v.label_of(&unit))
                .map(str::to_string)
                .unwrap_or(match unit.as_str() {
                    "h" => "小时".into(),
                    "m" => "个月".into(),
                    "y" => "年".into(),
                    u => u.to_string(),
                });
            Norm {
                key: format!("{amount}/{unit}"),
                display: match amount {
                    0 => "即办".into(),
                    _ if unit_label.ends_with('日') => format!("{amount}个{unit_label}"),
                    _ => format!("{amount}{unit_label}"),
                },
            }
        }
        Value::Code(c) => Norm {
            display: label(&c),
            key: c,
        },
        Value::Codes(mut cs) => {
            cs.sort();
            Norm {
                key: cs.join(","),
                display: cs.iter().map(|c| label(c)).collect::<Vec<_>>().join("、"),
            }
        }
        Value::Uncoded(l) => Norm {
            key: format!("~{l}"),
            display: l,
        },
    };
    Some(norm)
}

fn material_of(std: &Standard, part: &Part) -> Option<Material> {
    let name_i = std.element_index("material_name")?;
    let name = part.get(name_i)?;
    let mut attrs = BTreeMap::new();
    for a in MATERIAL_ATTRS {
        if let Some(i) = std.element_index(a) {
            if let Some(f) = part.get(i) {
                if let Some(n) = normalise(std, i, &f.text, f.numeric) {
                    attrs.insert(a.to_string(), n);
                }
            }
        }
    }
    Some(Material {
        name: nfkc(&name.text),
        attrs,
    })
}

fn item_of(std: &Standard, fields: &[Field], row: u32, sheet: Option<String>) -> RegionItem {
    let get = |id: &str| {
        std.element_index(id)
            .and_then(|i| fields.iter().find(|f| f.element == i))
    };
    let (basic_code, raw_code) = match get("basic_code") {
        Some(f) => match interpret(&std.elements[f.element], std, &f.text, f.numeric).0 {
            Value::Text(c) if crate::codes::validate_basic_code(&c).is_ok() => (Some(c), None),
            _ => (None, Some(nfkc(&f.text))),
        },
        None => (None, None),
    };
    let mut values = BTreeMap::new();
    for f in fields {
        let el = &std.elements[f.element];
        if !el.uniform || el.id == "basic_code" || el.scope != Scope::Item {
            continue;
        }
        if let Some(n) = normalise(std, f.element, &f.text, f.numeric) {
            values.insert(el.id.clone(), n);
        }
    }
    // Unit columns fold into their durations.
    for (dur, unit) in [
        ("statutory_days", "statutory_unit"),
        ("promised_days", "promised_unit"),
    ] {
        if let (Some(u), Some(v)) = (get(unit), values.get_mut(dur)) {
            if let Some(code) = std.element_index(unit).and_then(|i| {
                interpret(&std.elements[i], std, &u.text, u.numeric)
                    .0
                    .as_code()
                    .map(str::to_string)
            }) {
                if let Some((amount, _)) = v.key.split_once('/') {
                    v.key = format!("{amount}/{code}");
                }
            }
        }
    }
    let days = |id: &str| {
        values.get(id).and_then(|n| {
            n.key
                .split_once('/')
                .map(|(a, u)| (a.parse::<i64>().ok(), u.to_string()))
        })
    };
    let limits = match (days("statutory_days"), days("promised_days")) {
        (Some((Some(s), su)), Some((Some(p), pu))) if su == pu || p == 0 => Some((s, p)),
        _ => None,
    };
    let codes = |id: &str| {
        values
            .get(id)
            .map(|n| {
                n.key
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    RegionItem {
        basic_code,
        raw_code,
        name: get("name").map(|f| nfkc(&f.text)).unwrap_or_default(),
        row,
        sheet,
        visits: values.get("visits").and_then(|n| n.key.parse().ok()),
        depth: codes("online_depth"),
        channels: codes("channels"),
        values,
        materials: BTreeMap::new(),
        limits,
    }
}

impl Region {
    /// Read a region's list; `name` overrides the region column and file name.
    pub fn load(
        path: &Path,
        std: &Standard,
        opts: &ReadOptions,
        name: Option<&str>,
    ) -> Result<Region, ReadError> {
        let mut items: Vec<RegionItem> = Vec::new();
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut detached = Vec::new();
        let mut columns: Vec<String> = Vec::new();
        let mut has_materials = false;
        let mut region_names: BTreeMap<String, usize> = BTreeMap::new();
        let keyer = KeyIndex::new(std);
        let region_i = std.element_index("region");
        catalogue::read(path, std, opts, &mut |ev| match ev {
            Event::Table(t) => {
                for (_, e, _) in &t.columns {
                    let el = &std.elements[*e];
                    if el.uniform && !columns.contains(&el.id) {
                        columns.push(el.id.clone());
                    }
                    has_materials |= el.id == "material_name";
                }
            }
            Event::Item(item) => {
                if let Some(r) = region_i.and_then(|i| item.get(i)) {
                    *region_names.entry(nfkc(&r.text)).or_default() += 1;
                }
                let mut ri = item_of(std, &item.fields, item.row, item.source.sheet.clone());
                for m in &item.materials {
                    if let Some(mat) = material_of(std, m) {
                        ri.materials.insert(comparable(&mat.name), mat);
                    }
                }
                for k in keyer.item_keys(&item) {
                    keys.entry(k).or_insert(items.len());
                }
                items.push(ri);
            }
            Event::Detached(d) if d.kind == Scope::Material => {
                has_materials = true;
                if let Some(mat) = material_of(std, &d.part) {
                    detached.push((keyer.detached_keys(&d), mat));
                }
            }
            _ => {}
        })?;
        for (ks, mat) in detached {
            if let Some(&i) = ks.iter().find_map(|k| keys.get(k)) {
                items[i].materials.insert(comparable(&mat.name), mat);
            }
        }
        let name = name
            .map(str::to_string)
            .or_else(|| {
                region_names
                    .into_iter()
                    .max_by_key(|(n, c)| (*c, std::cmp::Reverse(n.clone())))
                    .map(|(n, _)| n)
            })
            .unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_else(|| path.display().to_string())
            });
        Ok(Region {
            name,
            path: path.display().to_string(),
            items,
            columns,
            has_materials,
        })
    }
}
