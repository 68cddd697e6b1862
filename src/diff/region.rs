//! A region's implementation list reduced to what is compared across
//! regions: per item its basic code, name, and for every uniform element a
//! 64-bit hash of its normalised value plus the span of its display text in
//! one shared buffer. Built from the reader's event stream, so a
//! 100,000-item list never exists in memory as cells, and compact enough
//! that two such lists fit in a small fraction of what a generic table diff
//! needs (docs/performance.md).

use crate::catalogue::value::{interpret, Value};
use crate::catalogue::{self, Event, Field, KeyIndex, Part, ReadError, ReadOptions};
use crate::standard::{ElementType, Scope, Standard};
use crate::text::{compact, comparable, nfkc};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Material attributes compared besides the name.
pub const MATERIAL_ATTRS: [&str; 5] = [
    "material_necessity",
    "material_type",
    "material_form",
    "copies",
    "material_source",
];

/// FNV-1a: a fast, deterministic hash of normalised values. Collisions among
/// a province's values are vanishingly unlikely (2⁻⁶⁴ per pair).
pub fn key_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Where a display text sits in a region's text buffer. Display texts are
/// cut at 64 KiB (a cell longer than that is not read by people anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    off: u32,
    len: u16,
}

/// All display texts of a region in one buffer (one allocation instead of
/// one per value). Short texts — labels such as 行政许可 or 承诺件, which
/// repeat on every item — are stored once.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    buf: String,
    short: HashMap<u64, Span>,
}

/// Texts up to this many bytes are interned.
const INTERN_MAX: usize = 48;

impl Texts {
    pub fn push(&mut self, s: &str) -> Span {
        let mut end = s.len().min(u16::MAX as usize);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let s = &s[..end];
        if s.len() <= INTERN_MAX {
            let h = key_hash(s);
            if let Some(sp) = self.short.get(&h) {
                if self.get(*sp) == s {
                    return *sp;
                }
            }
            let sp = self.append(s);
            self.short.insert(h, sp);
            return sp;
        }
        self.append(s)
    }

    fn append(&mut self, s: &str) -> Span {
        let off = self.buf.len() as u32;
        self.buf.push_str(s);
        Span {
            off,
            len: s.len() as u16,
        }
    }
    pub fn get(&self, sp: Span) -> &str {
        let start = sp.off as usize;
        self.buf.get(start..start + sp.len as usize).unwrap_or("")
    }
}

/// A compared value: `key` decides equality, `display` is what people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Val {
    pub key: u64,
    pub display: Span,
}

/// A value of an element: the element's index packed beside the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub key: u64,
    off: u32,
    len: u16,
    pub element: u16,
}

impl Entry {
    pub fn val(&self) -> Val {
        Val {
            key: self.key,
            display: Span {
                off: self.off,
                len: self.len,
            },
        }
    }
}

/// A material, identified by the hash of its normalised name.
#[derive(Debug, Clone)]
pub struct Material {
    pub key: u64,
    pub name: Span,
    /// in the order of [`MATERIAL_ATTRS`]
    pub attrs: [Option<Val>; 5],
}

#[derive(Debug, Clone)]
pub struct RegionItem {
    /// A structurally valid basic code (12 digits, kept as a number), if
    /// the item had one; see [`RegionItem::basic_code`].
    pub code: Option<u64>,
    /// The basic code cell as written, when it was not valid.
    pub raw_code: Option<Box<str>>,
    /// The local basic code (地方基本编码), compacted.
    pub local_code: Option<Box<str>>,
    /// The business-handling item code (业务办理项编码), from its own column
    /// or a 33-character 实施编码: the item is a handling item.
    pub handling: Option<Box<str>>,
    /// The level the region exercises the item at (a `level` code: 2
    /// province … 5 town): a single-valued 行使层级, else the tier of the
    /// row's division code.
    pub level: Option<u8>,
    pub name: Span,
    pub row: u32,
    /// index into `Region::sheets`
    pub sheet: Option<u16>,
    /// Values of the uniform elements the item has, in element order
    /// (16 bytes each: a province's two lists stay small).
    pub values: Vec<Entry>,
    pub materials: Vec<Material>,
    /// (key, index into `materials`), sorted by key: a lookup is a binary
    /// search, so an item with 100,000 materials compares in linear time.
    mat_index: Vec<(u64, u32)>,
    /// statutory and promised limits (same unit), for compression
    pub limits: Option<(i32, i32)>,
    pub visits: Option<i32>,
    /// online depth and channel codes, comma-joined in the text buffer
    pub depth: Span,
    pub channels: Span,
}

impl RegionItem {
    pub fn basic_code(&self) -> Option<String> {
        self.code.map(|c| format!("{c:012}"))
    }
    pub fn get(&self, element: usize) -> Option<Val> {
        self.values
            .iter()
            .find(|e| e.element as usize == element)
            .map(Entry::val)
    }
    pub fn has(&self, element: usize) -> bool {
        self.get(element).is_some()
    }
    /// The item's inline materials, the first of each name kept, indexed
    /// in one sort (not one insertion per material).
    fn set_materials(&mut self, mats: &mut Vec<Material>) {
        let mut index: Vec<(u64, u32)> = Vec::with_capacity(mats.len());
        let mut seen = std::collections::HashSet::with_capacity(mats.len());
        for m in mats.drain(..) {
            if seen.insert(m.key) {
                index.push((m.key, self.materials.len() as u32));
                self.materials.push(m);
            }
        }
        index.sort_unstable();
        self.mat_index = index;
    }

    /// Add a material unless the item has one of that name already.
    fn add_material(&mut self, m: Material) {
        match self.mat_index.binary_search_by_key(&m.key, |(k, _)| *k) {
            Ok(_) => {}
            Err(at) => {
                self.mat_index
                    .insert(at, (m.key, self.materials.len() as u32));
                self.materials.push(m);
            }
        }
    }

    pub fn material(&self, key: u64) -> Option<&Material> {
        let i = self
            .mat_index
            .binary_search_by_key(&key, |(k, _)| *k)
            .ok()?;
        self.materials.get(self.mat_index[i].1 as usize)
    }
}

/// A list's region: the name its 所属地区 cells give most often (`counts`,
/// by normalised name; the first in order on a tie), else the file's name
/// without its extension.
pub fn region_name(counts: BTreeMap<String, usize>, path: &Path) -> String {
    counts
        .into_iter()
        .max_by_key(|(n, c)| (*c, std::cmp::Reverse(n.clone())))
        .map(|(n, _)| n)
        .unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| path.display().to_string())
        })
}

#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    pub path: String,
    pub items: Vec<RegionItem>,
    /// Uniform elements (indices) this region's tables carry.
    pub columns: Vec<usize>,
    pub has_materials: bool,
    pub texts: Texts,
    pub sheets: Vec<String>,
}

impl Region {
    pub fn text(&self, sp: Span) -> &str {
        self.texts.get(sp)
    }
    pub fn item_name(&self, item: &RegionItem) -> &str {
        self.texts.get(item.name)
    }
    /// The item's codes of a multi-valued element stored as a span.
    pub fn codes(&self, sp: Span) -> impl Iterator<Item = &str> {
        self.texts.get(sp).split(',').filter(|c| !c.is_empty())
    }
    pub fn sheet(&self, item: &RegionItem) -> Option<&str> {
        item.sheet
            .and_then(|s| self.sheets.get(s as usize))
            .map(String::as_str)
    }
}

/// A normalised value: its comparison key and display text, plus the codes
/// of a multi-valued element.
struct Normal {
    key: String,
    display: String,
    codes: Vec<String>,
}

/// Normalise a cell for comparison.
fn normalise(std: &Standard, element: usize, text: &str, numeric: bool) -> Option<Normal> {
    let el = &std.elements[element];
    let (v, problems) = interpret(el, std, text, numeric);
    let vocab = std.vocabulary_of(el);
    let label = |c: &str| vocab.and_then(|v| v.label_of(c)).unwrap_or(c).to_string();
    let plain = |key: String, display: String| {
        Some(Normal {
            key,
            display,
            codes: Vec::new(),
        })
    };
    match v {
        Value::Absent if problems.is_empty() => None,
        // not understood: compare as text
        Value::Absent => plain(format!("?{}", comparable(text)), nfkc(text).into_owned()),
        Value::Text(t) => match el.kind {
            ElementType::Text | ElementType::Phone | ElementType::LocalCode => {
                plain(comparable(&t), t)
            }
            _ => plain(t.clone(), t),
        },
        Value::Int(n) => plain(n.to_string(), n.to_string()),
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
            let display = match amount {
                0 => "即办".into(),
                _ if unit_label.ends_with('日') => format!("{amount}个{unit_label}"),
                _ => format!("{amount}{unit_label}"),
            };
            plain(format!("{amount}/{unit}"), display)
        }
        Value::Code(c) => plain(c.clone(), label(&c)),
        Value::Codes(mut cs) => {
            cs.sort();
            Some(Normal {
                key: cs.join(","),
                display: cs.iter().map(|c| label(c)).collect::<Vec<_>>().join("、"),
                codes: cs,
            })
        }
        Value::Uncoded(l) => plain(format!("~{l}"), l),
    }
}

/// The comparison key (hashed) and display text of a value given as text,
/// such as the basic catalogue's.
pub fn normalise_key(std: &Standard, element: usize, text: &str) -> Option<(u64, String)> {
    normalise(std, element, text, false).map(|n| (key_hash(&n.key), n.display))
}

fn material_of(std: &Standard, texts: &mut Texts, part: &Part) -> Option<Material> {
    let name_i = std.ids.material_name?;
    let name = part.get(name_i)?;
    let mut attrs = [None; 5];
    for (slot, a) in attrs.iter_mut().zip(MATERIAL_ATTRS) {
        let Some(i) = std.element_index(a) else {
            continue;
        };
        let Some(f) = part.get(i) else { continue };
        if let Some(n) = normalise(std, i, &f.text, f.numeric) {
            *slot = Some(Val {
                key: key_hash(&n.key),
                display: texts.push(&n.display),
            });
        }
    }
    Some(Material {
        key: key_hash(&comparable(&name.text)),
        name: texts.push(&nfkc(&name.text)),
        attrs,
    })
}

fn item_of(
    std: &Standard,
    texts: &mut Texts,
    fields: &[Field],
    row: u32,
    sheet: Option<u16>,
) -> RegionItem {
    let get = |id: &str| {
        std.element_index(id)
            .and_then(|i| fields.iter().find(|f| f.element == i))
    };
    let (basic_code, raw_code) = match get("basic_code") {
        Some(f) => match interpret(&std.elements[f.element], std, &f.text, f.numeric).0 {
            Value::Text(c) if crate::codes::validate_basic_code(&c).is_ok() => {
                (c.parse::<u64>().ok(), None)
            }
            _ => (None, Some(nfkc(&f.text).into())),
        },
        None => (None, None),
    };
    let mut normals: Vec<(usize, Normal)> = Vec::new();
    for f in fields {
        let el = &std.elements[f.element];
        if !el.compared() {
            continue;
        }
        if let Some(n) = normalise(std, f.element, &f.text, f.numeric) {
            normals.push((f.element, n));
        }
    }
    // Unit columns fold into their durations.
    for (dur, unit) in [
        ("statutory_days", "statutory_unit"),
        ("promised_days", "promised_unit"),
    ] {
        let (Some(d), Some(u), Some(ui)) =
            (std.element_index(dur), get(unit), std.element_index(unit))
        else {
            continue;
        };
        let code = interpret(&std.elements[ui], std, &u.text, u.numeric)
            .0
            .as_code()
            .map(str::to_string);
        if let (Some(code), Some((_, n))) = (code, normals.iter_mut().find(|(e, _)| *e == d)) {
            if let Some((amount, _)) = n.key.split_once('/') {
                n.key = format!("{amount}/{code}");
            }
        }
    }
    let find = |id: &str| {
        std.element_index(id)
            .and_then(|i| normals.iter().find(|(e, _)| *e == i))
            .map(|(_, n)| n)
    };
    let days = |id: &str| {
        find(id).and_then(|n| {
            n.key
                .split_once('/')
                .map(|(a, u)| (a.parse::<i32>().ok(), u.to_string()))
        })
    };
    let limits = match (days("statutory_days"), days("promised_days")) {
        (Some((Some(s), su)), Some((Some(p), pu))) if su == pu || p == 0 => Some((s, p)),
        _ => None,
    };
    let codes = |id: &str| find(id).map(|n| n.codes.join(",")).unwrap_or_default();
    let visits = find("visits").and_then(|n| n.key.parse().ok());
    let depth = texts.push(&codes("online_depth"));
    let channels = texts.push(&codes("channels"));
    normals.sort_by_key(|(e, _)| *e);
    let values = normals
        .iter()
        .map(|(e, n)| {
            let display = texts.push(&n.display);
            Entry {
                key: key_hash(&n.key),
                off: display.off,
                len: display.len,
                element: *e as u16,
            }
        })
        .collect();
    let name = get("name")
        .map(|f| nfkc(&f.text).into_owned())
        .unwrap_or_default();
    let local_code = get("local_basic_code")
        .map(|f| compact(&f.text).into_owned())
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("null"))
        .map(String::into_boxed_str);
    let handling = get("handling_code")
        .map(|f| compact(&f.text).into_owned())
        .filter(|c| c.len() == 33 && c.is_ascii())
        .or_else(|| {
            get("impl_code")
                .map(|f| compact(&f.text).into_owned())
                .filter(|c| crate::codes::validate_handling_code(c, None).is_ok())
        })
        .map(String::into_boxed_str);
    RegionItem {
        code: basic_code,
        raw_code,
        local_code,
        handling,
        level: level_of(std, fields),
        name: texts.push(&name),
        row,
        sheet,
        values,
        materials: Vec::new(),
        mat_index: Vec::new(),
        limits,
        visits,
        depth,
        channels,
    }
}

/// The level an item is exercised at: its 行使层级 when it names one level,
/// else the tier of its division code (province 2, city 3, county 4).
fn level_of(std: &Standard, fields: &[Field]) -> Option<u8> {
    let get = |i: Option<usize>| i.and_then(|i| fields.iter().find(|f| f.element == i));
    if let Some(f) = get(std.ids.level) {
        if let Value::Codes(cs) = interpret(&std.elements[f.element], std, &f.text, f.numeric).0 {
            if let [one] = cs.as_slice() {
                if let Ok(n) = one.parse::<u8>() {
                    return Some(n);
                }
            }
        }
    }
    let f = get(std.ids.area_code)?;
    let area = crate::codes::parse_area(&compact(&f.text)).ok()?;
    Some(area.tier() + 1)
}

impl Region {
    /// Read a region's list; `name` overrides the region column and file name.
    pub fn load(
        path: &Path,
        std: &Standard,
        opts: &ReadOptions,
        name: Option<&str>,
    ) -> Result<Region, ReadError> {
        let mut b = RegionBuilder::new(std);
        catalogue::read(path, std, opts, &mut |ev| b.on_event(&ev))?;
        Ok(b.finish(path, name))
    }
}

/// A region built from a list's events as they are read, so that one read
/// can feed a check and a comparison both.
pub struct RegionBuilder<'s> {
    std: &'s Standard,
    items: Vec<RegionItem>,
    texts: Texts,
    sheets: Vec<String>,
    keys: HashMap<String, usize>,
    detached: Vec<(Vec<String>, Material)>,
    columns: Vec<usize>,
    has_materials: bool,
    region_names: BTreeMap<String, usize>,
    keyer: KeyIndex,
}

impl<'s> RegionBuilder<'s> {
    pub fn new(std: &'s Standard) -> Self {
        RegionBuilder {
            std,
            items: Vec::new(),
            texts: Texts::default(),
            sheets: Vec::new(),
            keys: HashMap::new(),
            detached: Vec::new(),
            columns: Vec::new(),
            has_materials: false,
            region_names: BTreeMap::new(),
            keyer: KeyIndex::new(std),
        }
    }

    /// Take in one event of the list's read.
    pub fn on_event(&mut self, ev: &Event) {
        let std = self.std;
        match ev {
            Event::Table(t) => {
                for (_, e, _) in &t.columns {
                    if std.elements[*e].compared() && !self.columns.contains(e) {
                        self.columns.push(*e);
                    }
                    self.has_materials |= Some(*e) == std.ids.material_name;
                }
            }
            Event::Item(item) => self.item(item),
            Event::Detached(d) if d.kind == Scope::Material => {
                self.has_materials = true;
                if let Some(mat) = material_of(std, &mut self.texts, &d.part) {
                    self.detached.push((self.keyer.detached_keys(d), mat));
                }
            }
            _ => {}
        }
    }

    fn item(&mut self, item: &catalogue::Item) {
        let std = self.std;
        if let Some(r) = std.ids.region.and_then(|i| item.get(i)) {
            *self
                .region_names
                .entry(nfkc(&r.text).into_owned())
                .or_default() += 1;
        }
        let sheets = &mut self.sheets;
        let sheet = item
            .source
            .sheet
            .as_ref()
            .map(|s| match sheets.iter().position(|x| x == s) {
                Some(i) => i as u16,
                None => {
                    sheets.push(s.clone());
                    (sheets.len() - 1) as u16
                }
            });
        let mut ri = item_of(std, &mut self.texts, &item.fields, item.row, sheet);
        let mut mats: Vec<Material> = item
            .materials
            .iter()
            .filter_map(|m| material_of(std, &mut self.texts, m))
            .collect();
        ri.set_materials(&mut mats);
        // keys attach materials from another sheet, which only a
        // workbook can have
        if item.source.sheet.is_some() {
            for k in self.keyer.item_keys(item) {
                self.keys.entry(k).or_insert(self.items.len());
            }
        }
        self.items.push(ri);
    }

    /// The region, named `name` or by its list.
    pub fn finish(mut self, path: &Path, name: Option<&str>) -> Region {
        for (ks, mat) in std::mem::take(&mut self.detached) {
            if let Some(&i) = ks.iter().find_map(|k| self.keys.get(k)) {
                self.items[i].add_material(mat);
            }
        }
        let name = name
            .map(str::to_string)
            .unwrap_or_else(|| region_name(self.region_names, path));
        self.texts.buf.shrink_to_fit();
        self.texts.short = HashMap::new();
        Region {
            name,
            path: path.display().to_string(),
            items: self.items,
            columns: self.columns,
            has_materials: self.has_materials,
            texts: self.texts,
            sheets: self.sheets,
        }
    }
}
