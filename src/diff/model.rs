//! What a comparison is: the baseline and options it is made with, and
//! the differences, local commitments, alignments and notes it finds.

use super::*;

/// The element id under which the materials set is reported.
pub const MATERIALS: &str = "materials";
/// The "element" of a difference that is the item's code: regions list
/// one item (the same name, unique in each) under different basic codes.
pub const CODE_CONFLICT: &str = "code-conflict";
pub const MATERIALS_LABEL: &str = "申请材料";

/// What regions are compared against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// The basic catalogue where it defines the element, else the majority.
    Basic,
    /// The value more than half the regions use.
    Majority,
    /// A named region (majority where it lacks the item).
    Region(String),
}

impl Baseline {
    pub fn describe(&self) -> String {
        match self {
            Baseline::Basic => "basic".into(),
            Baseline::Majority => "majority".into(),
            Baseline::Region(r) => r.clone(),
        }
    }

    /// As a reader is told it: 基本目录（无定义时取多数） / 多数地区 / a region.
    pub fn words(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Baseline::Region(r) => r.clone(),
            other => source_words(&other.describe(), lang),
        }
    }
}

/// Where a difference's baseline came from, in words: `basic` → 基本目录,
/// `majority` → 多数地区, a region's name as it is.
pub fn source_words(source: &str, lang: crate::i18n::Lang) -> String {
    match source {
        "basic" => lang.pick("基本目录", "basic catalogue").to_string(),
        "majority" => lang.pick("多数地区", "majority of regions").to_string(),
        other => other.to_string(),
    }
}

/// How a comparison is made.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    pub baseline: Baseline,
    pub handling: Handling,
    /// Compare items across lists of different exercise levels too.
    pub all_levels: bool,
    /// Near names at least this similar align ([`MIN_SIMILARITY`] by default).
    pub min_similarity: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            baseline: Baseline::Majority,
            handling: Handling::Separate,
            all_levels: false,
            min_similarity: MIN_SIMILARITY,
        }
    }
}

/// The baseline's source when no value has a majority: every region's
/// value is shown and no region is blamed.
pub const NO_MAJORITY: &str = "none";

/// A material whose attributes differ from the baseline's.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MaterialChange {
    pub material: String,
    pub attribute: String,
    pub label: String,
    /// none when the regions listing the material split evenly
    pub baseline: Option<String>,
    pub value: String,
}

/// One region's value where it departs from the baseline (or, without a
/// majority, every region's value).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Deviation {
    pub region: String,
    /// The region's value (display form); none when blank.
    pub value: Option<String>,
    /// Character runs from baseline to value, for free text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<(DiffOp, String)>,
    /// For time limits: the region's (statutory − promised) / statutory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Vec<MaterialChange>>,
}

/// Which aligned item a difference or variation is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct ItemRef {
    /// The alignment key ([`ItemKey::id`]): the basic code, `local:…` or
    /// `name:…`, with `#case` for a handling item.
    pub key: String,
    pub basic_code: Option<String>,
    /// The handling case, for handling items compared separately.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handling: Option<String>,
    pub name: String,
}

/// One differing (item, uniform element).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Difference {
    #[serde(flatten)]
    pub item: ItemRef,
    pub element: String,
    pub label: String,
    pub baseline: Option<String>,
    /// `basic`, `majority`, a region name, or `none` ([`NO_MAJORITY`]):
    /// no value has a majority, and `regions` holds every region's value.
    pub baseline_source: String,
    /// The exercise level compared, when the lists are of several levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Regions whose lists carry the element for this item (the others
    /// implement the item without the element, or not at all).
    pub compared: Vec<String>,
    pub regions: Vec<Deviation>,
}

impl Difference {
    /// No region has a majority: nobody is blamed.
    pub fn split(&self) -> bool {
        self.baseline_source == NO_MAJORITY
    }
    /// The regions the difference counts against: those departing from a
    /// baseline, or — without a majority — every region compared.
    pub fn against(&self) -> impl Iterator<Item = &str> {
        self.regions.iter().map(|d| d.region.as_str())
    }
}

/// A region's value of a local commitment.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Commitment {
    pub region: String,
    pub value: Option<String>,
    /// For the promised limit: (statutory − promised) / statutory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<f64>,
}

/// A local commitment (`varies: true`) that regions set differently: not
/// a fault, shown so regions can learn from each other.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Variation {
    #[serde(flatten)]
    pub item: ItemRef,
    pub element: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub regions: Vec<Commitment>,
}

/// An item aligned other than by its basic code: by a shared local code,
/// by name or by a near name (with its score), or not at all.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Alignment {
    pub region: String,
    pub sheet: Option<String>,
    pub row: u32,
    pub name: String,
    /// The code cell as written, if any.
    pub written_code: Option<String>,
    /// The key of the item aligned to; none if it matched nothing.
    pub key: Option<String>,
    pub basic_code: Option<String>,
    pub matched_name: Option<String>,
    pub method: Method,
    pub score: f64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RegionSummary {
    pub name: String,
    pub path: String,
    pub items: usize,
    /// The level most of its items are exercised at (a `level` code).
    pub level: Option<String>,
    /// Differences that count against the region.
    pub deviations: usize,
    /// Of those, differences without a majority.
    pub split: usize,
    /// Handling items (业务办理项) in the list.
    pub handling_items: usize,
}

/// Something a reader of the comparison must know to read it fairly.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ComparisonNote {
    /// Differences without a majority (always so with two regions) show
    /// every region's value and blame none.
    NoMajority { differences: usize, regions: usize },
    /// The lists are of different exercise levels.
    Levels {
        levels: Vec<(String, String)>,
        /// Items compared only between lists of one level.
        separated: bool,
    },
    /// Handling items compared with handling items, or rolled up.
    Handling {
        mode: &'static str,
        items: usize,
        rolled_up: usize,
    },
    /// Items listed under different basic codes by different regions,
    /// aligned by their name (同一事项，编码不同).
    CodeConflicts { items: usize },
    /// Regions none of whose items any other region lists: nothing of
    /// theirs was compared (another catalogue, level or naming).
    AlignsWithNothing { regions: Vec<String> },
    /// Items aligned by name, by a near name, or not at all.
    ByName {
        name: usize,
        similar: usize,
        local_code: usize,
        unaligned: usize,
        /// Items a region lists twice: only the first is compared.
        repeated: usize,
    },
}

/// An aligned item and the regions implementing it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Covered {
    #[serde(flatten)]
    pub item: ItemRef,
    /// per region, in the comparison's (name) order
    #[serde(skip)]
    pub regions: Vec<bool>,
}

impl Covered {
    /// Whether at least two regions list the item, so it was compared.
    pub fn aligned(&self) -> bool {
        self.regions.iter().filter(|r| **r).count() > 1
    }
}

/// The result of comparing regions.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// In name order, which every per-region vector follows.
    pub regions: Vec<RegionSummary>,
    pub baseline: Baseline,
    pub handling: Handling,
    /// Every aligned item, in key order.
    pub coverage: Vec<Covered>,
    pub differences: Vec<Difference>,
    pub variations: Vec<Variation>,
    pub alignments: Vec<Alignment>,
    pub notes: Vec<ComparisonNote>,
    /// Compared uniform elements, in the standard's order (ids), the
    /// code ([`CODE_CONFLICT`]) first, materials last.
    pub elements: Vec<(String, String)>,
    /// Compared local commitments, in the standard's order.
    pub commitments: Vec<(String, String)>,
}

impl Comparison {
    /// Items at least two regions list: those compared.
    pub fn items_compared(&self) -> usize {
        self.coverage.iter().filter(|c| c.aligned()).count()
    }
    /// Items only one region lists: compared with nothing, so neither
    /// identical nor different.
    pub fn unaligned(&self) -> usize {
        self.coverage.len() - self.items_compared()
    }
    /// Compared items with no difference at all.
    pub fn identical(&self) -> usize {
        let differing: BTreeSet<&str> = self
            .differences
            .iter()
            .map(|d| d.item.key.as_str())
            .collect();
        self.coverage
            .iter()
            .filter(|c| c.aligned() && !differing.contains(c.item.key.as_str()))
            .count()
    }
    /// Differences per element id.
    pub fn by_element(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for d in &self.differences {
            *m.entry(d.element.as_str()).or_default() += 1;
        }
        m
    }
    /// The position of a region in the comparison's order.
    pub fn region_index(&self, name: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.name == name)
    }
}
