//! Aligning items across regions: which item of each region is "the same
//! item".
//!
//! In order of trust: the national basic code; a shared local basic code
//! (地方基本编码, the province's own catalogue); the item name, normalised
//! ([`names::name_key`]: width, brackets, level notes, filler); and last a
//! near name, above [`MIN_SIMILARITY`], always reported with its score.
//! Names align whether or not any region has codes: two code-less portal
//! exports align on their shared names.
//!
//! Names that differ in a lifecycle word (设立 / 撤销) never align as
//! near names ([`names::LIFECYCLE_WORDS`]).
//!
//! The same item under two codes — what 同一编码 exists to catch — is
//! aligned too: items with basic codes whose normalised names are exactly
//! equal, each name the only one of its kind in its region, in regions
//! that share neither code, are one item with a code conflict
//! ([`Group::codes`]), not two items each region lacks.
//!
//! Near names are found without comparing all pairs: every candidate name
//! is indexed by its character bigrams, and a name probes only its rarest
//! bigrams — as many as an alignment at the threshold can have lost
//! (prefix filtering; two names within `d` edits share all but `2d` of
//! their distinct bigrams). Lengths further apart than `d` are never
//! compared. 100,000 × 100,000 names align in seconds.
//!
//! Everything here runs over regions in name order and over candidates in
//! key order, so the result does not depend on the order of the files.

use super::{Alignment, Region, RegionItem};
use crate::catalogue::BasicCatalogue;
use crate::standard::Standard;
use crate::text::names::{
    grams, lifecycle_conflict, max_edits, name_key, similarity, split_handling,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Near names at least this similar (1 − edit distance / longer length)
/// align, by default (`--min-similarity` sets another, 0.5–1). 0.8 allows three edits in fifteen characters: 用 → 所需 and
/// 买 → 用 in 科研和教学用毒性药品购买审批 / 科研和教学所需毒性药品购用审批.
pub const MIN_SIMILARITY: f64 = 0.8;

/// How handling items (业务办理项) are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Handling {
    /// Handling items with handling items of the same case (注销 with 注销).
    #[default]
    Separate,
    /// Handling items rolled up to their item: a region's whole item
    /// stands for it, else its first handling item.
    RollUp,
}

impl Handling {
    pub fn as_str(self) -> &'static str {
        match self {
            Handling::Separate => "separate",
            Handling::RollUp => "roll-up",
        }
    }
}

/// What an aligned item is known by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// The national (or provincial) basic code.
    Basic(String),
    /// A local basic code shared by regions.
    Local(String),
    /// A normalised name.
    Name(String),
}

/// The identity of an aligned item: its basis and, for handling items
/// compared separately, the handling case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemKey {
    pub basis: Basis,
    pub handling: Option<String>,
}

impl ItemKey {
    /// A stable text id: `000111001000`, `local:511A0138000000`,
    /// `name:科研和教学用毒性药品购买审批`, each with `#注销` for a handling case.
    pub fn id(&self) -> String {
        let mut s = match &self.basis {
            Basis::Basic(c) => c.clone(),
            Basis::Local(c) => format!("local:{c}"),
            Basis::Name(n) => format!("name:{n}"),
        };
        if let Some(h) = &self.handling {
            s.push('#');
            s.push_str(h);
        }
        s
    }
    pub fn basic_code(&self) -> Option<&str> {
        match &self.basis {
            Basis::Basic(c) => Some(c),
            _ => None,
        }
    }
}

/// How one item found its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// A local basic code shared with another region's item.
    LocalCode,
    /// The same normalised name.
    Name,
    /// A near name, with its score.
    Similar,
    /// Nothing matched: the item is compared with no other region.
    None,
    /// The region lists the item again (another body implements it too):
    /// the first listing is compared, this one is not.
    Repeated,
}

/// One aligned item: its key and, per region (in name order), the index of
/// its item.
#[derive(Debug, Clone)]
pub struct Group {
    pub key: ItemKey,
    /// The basic catalogue's name, else the first region's.
    pub name: String,
    pub members: Vec<Option<usize>>,
    /// Per region, the basic code it lists the item under, when regions
    /// list it under different codes (a code conflict); else empty.
    pub codes: Vec<Option<String>>,
}

/// What alignment found.
#[derive(Debug, Clone, Default)]
pub struct Aligned {
    /// Sorted by key id.
    pub groups: Vec<Group>,
    /// Items aligned other than by basic code, and items not aligned.
    pub alignments: Vec<Alignment>,
    /// Handling items seen, per region (name order).
    pub handling_items: Vec<usize>,
    /// Handling items rolled up into their item.
    pub rolled_up: usize,
}

struct Building {
    key: ItemKey,
    name: String,
    members: Vec<Option<usize>>,
    /// The item-type value key, to keep a 行政许可 from aligning with a 行政确认.
    type_key: Option<u64>,
    /// Made from a name only: may still merge into a near name.
    by_name: bool,
    /// Name keys the group is known by.
    names: Vec<String>,
    alive: bool,
    /// Per region, its code, when regions use different codes.
    codes: Vec<Option<String>>,
}

impl Building {
    fn size(&self) -> usize {
        self.members.iter().flatten().count()
    }
}

/// The key an item is aligned under, before its basis: (name key of its
/// item, handling case when compared separately).
fn item_keys(region: &Region, it: &RegionItem, mode: Handling) -> (String, Option<String>) {
    let name = region.item_name(it);
    if it.handling.is_none() {
        return (name_key(name), None);
    }
    let split = split_handling(name);
    let case = split.as_ref().map(|(_, c)| c.clone()).unwrap_or_else(|| {
        let h = it.handling.as_deref().unwrap_or_default();
        format!("#{}", &h[h.len().saturating_sub(2)..])
    });
    let parent = split.map(|(p, _)| p).unwrap_or_else(|| name_key(name));
    match mode {
        Handling::Separate => (parent, Some(case)),
        Handling::RollUp => (parent, None),
    }
}

/// A code-less item's place: (region, item, group, how).
type Placed = (usize, usize, usize, Method);

/// The state of an alignment, built step by step.
struct Aligner<'a> {
    std: &'a Standard,
    regions: &'a [&'a Region],
    basic: Option<&'a BasicCatalogue>,
    mode: Handling,
    min_similarity: f64,
    groups: Vec<Building>,
    by_key: HashMap<ItemKey, usize>,
    /// (name key, handling) -> group
    by_name: HashMap<(String, Option<String>), usize>,
    /// (local code, handling) -> group
    by_local: HashMap<(String, Option<String>), usize>,
    /// basic catalogue entries no region carries: name key -> (code, name)
    pending: BTreeMap<String, (String, String)>,
    rolled: usize,
    handling_items: Vec<usize>,
}

impl<'a> Aligner<'a> {
    fn group(&mut self, key: ItemKey, name: String, by_name: bool) -> usize {
        if let Some(&g) = self.by_key.get(&key) {
            return g;
        }
        self.groups.push(Building {
            key: key.clone(),
            name,
            members: vec![None; self.regions.len()],
            type_key: None,
            by_name,
            names: Vec::new(),
            alive: true,
            codes: Vec::new(),
        });
        self.by_key.insert(key, self.groups.len() - 1);
        self.groups.len() - 1
    }

    /// A region's item joins a group: a whole item beats a rolled-up
    /// handling item; otherwise the first one stays.
    fn join(&mut self, g: usize, r: usize, i: usize) {
        let items = &self.regions[r].items;
        let type_i = self.std.ids.item_type;
        let grp = &mut self.groups[g];
        match grp.members[r] {
            None => {
                grp.members[r] = Some(i);
                if grp.type_key.is_none() {
                    grp.type_key = type_i.and_then(|t| items[i].get(t)).map(|v| v.key);
                }
            }
            Some(old) if self.mode == Handling::RollUp => {
                self.rolled += 1;
                if items[old].handling.is_some() && items[i].handling.is_none() {
                    grp.members[r] = Some(i);
                }
            }
            Some(_) => {}
        }
    }

    fn known_as(&mut self, g: usize, name_key: String, handling: Option<String>) {
        if name_key.is_empty() {
            return;
        }
        self.by_name
            .entry((name_key.clone(), handling))
            .or_insert(g);
        if !self.groups[g].names.contains(&name_key) {
            self.groups[g].names.push(name_key);
        }
    }

    /// Step 1: items with a basic code.
    fn by_basic_code(&mut self) {
        for (r, region) in self.regions.iter().enumerate() {
            for (i, it) in region.items.iter().enumerate() {
                if it.handling.is_some() {
                    self.handling_items[r] += 1;
                }
                let Some(code) = it.basic_code() else {
                    continue;
                };
                let (nk, handling) = item_keys(region, it, self.mode);
                let name = self
                    .basic
                    .and_then(|b| b.get(&code))
                    .map(|e| e.name.clone())
                    .unwrap_or_else(|| region.item_name(it).to_string());
                let key = ItemKey {
                    basis: Basis::Basic(code),
                    handling: handling.clone(),
                };
                let g = self.group(key, name, false);
                self.join(g, r, i);
                self.known_as(g, nk, handling);
            }
        }
        // The basic catalogue's names, for items without a code: entries
        // no region carries become groups only when a name finds them.
        let Some(b) = self.basic else { return };
        let mut entries: Vec<_> = b.entries.values().collect();
        entries.sort_by(|a, b| a.code.cmp(&b.code));
        for e in entries {
            let k = name_key(&e.name);
            let key = ItemKey {
                basis: Basis::Basic(e.code.clone()),
                handling: None,
            };
            match self.by_key.get(&key) {
                Some(&g) => self.known_as(g, k, None),
                None => {
                    self.pending
                        .entry(k)
                        .or_insert_with(|| (e.code.clone(), e.name.clone()));
                }
            }
        }
    }

    /// The group a code-less item belongs to: by local code, by name, by a
    /// basic catalogue entry's name.
    fn find(
        &mut self,
        nk: &str,
        local: Option<&str>,
        handling: &Option<String>,
    ) -> Option<(usize, Method)> {
        if let Some(&g) = local.and_then(|l| self.by_local.get(&(l.to_string(), handling.clone())))
        {
            return Some((g, Method::LocalCode));
        }
        if let Some(&g) = self.by_name.get(&(nk.to_string(), handling.clone())) {
            return Some((g, Method::Name));
        }
        let (code, name) = self.pending.get(nk)?.clone();
        let key = ItemKey {
            basis: Basis::Basic(code),
            handling: handling.clone(),
        };
        Some((self.group(key, name, false), Method::Name))
    }

    /// Step 2: items without a basic code: local code, then the name.
    /// Returns where each was placed, and the items left out.
    fn by_local_code_or_name(&mut self) -> (Vec<Placed>, Vec<(usize, usize)>) {
        let mut placed = Vec::new();
        let mut unplaced = Vec::new();
        let regions = self.regions;
        for (r, region) in regions.iter().enumerate() {
            for (i, it) in region.items.iter().enumerate() {
                if it.code.is_some() {
                    continue;
                }
                let (nk, handling) = item_keys(region, it, self.mode);
                let local = it.local_code.as_deref();
                let (g, method) = match self.find(&nk, local, &handling) {
                    Some((g, m))
                        if self.groups[g].members[r].is_none() || self.mode == Handling::RollUp =>
                    {
                        (g, m)
                    }
                    // the region already has this item: a second
                    // implementation (another body) is not compared twice
                    Some((g, _)) => {
                        placed.push((r, i, g, Method::Repeated));
                        continue;
                    }
                    None if nk.is_empty() && local.is_none() => {
                        unplaced.push((r, i));
                        continue;
                    }
                    None => {
                        let basis = match local {
                            Some(l) => Basis::Local(l.to_string()),
                            None => Basis::Name(nk.clone()),
                        };
                        let key = ItemKey {
                            basis,
                            handling: handling.clone(),
                        };
                        (
                            self.group(key, region.item_name(it).to_string(), true),
                            Method::None,
                        )
                    }
                };
                self.join(g, r, i);
                if let Some(l) = local {
                    self.by_local
                        .entry((l.to_string(), handling.clone()))
                        .or_insert(g);
                }
                self.known_as(g, nk, handling);
                placed.push((r, i, g, method));
            }
        }
        (placed, unplaced)
    }

    /// The record of one code-less item.
    fn record(&self, r: usize, i: usize, target: Option<(usize, Method, f64)>) -> Alignment {
        let region = self.regions[r];
        let it = &region.items[i];
        let (key, basic_code, matched_name, method, score) = match target {
            Some((g, m, s)) if m != Method::None => {
                let tg = &self.groups[g];
                (
                    Some(tg.key.id()),
                    tg.key.basic_code().map(str::to_string),
                    Some(tg.name.clone()),
                    m,
                    s,
                )
            }
            _ => (None, None, None, Method::None, 0.0),
        };
        Alignment {
            region: region.name.clone(),
            sheet: region.sheet(it).map(str::to_string),
            row: it.row,
            name: region.item_name(it).to_string(),
            written_code: it.raw_code.as_deref().map(str::to_string),
            key,
            basic_code,
            matched_name,
            method,
            score: (score * 1000.0).round() / 1000.0,
        }
    }
}

pub fn align(
    std: &Standard,
    regions: &[&Region],
    basic: Option<&BasicCatalogue>,
    mode: Handling,
    min_similarity: f64,
) -> Aligned {
    let mut a = Aligner {
        std,
        regions,
        basic,
        mode,
        // below one half, every pair of short names would be "near"
        min_similarity: min_similarity.clamp(0.5, 1.0),
        groups: Vec::new(),
        by_key: HashMap::new(),
        by_name: HashMap::new(),
        by_local: HashMap::new(),
        pending: BTreeMap::new(),
        rolled: 0,
        handling_items: vec![0; regions.len()],
    };
    a.by_basic_code();
    a.code_conflicts();
    let (placed, unplaced) = a.by_local_code_or_name();
    let merged = near_names(&mut a);
    // merged group -> (target, score); target -> best score it received
    let mut received: HashMap<usize, f64> = HashMap::new();
    for (_, (t, s)) in &merged {
        let e = received.entry(*t).or_insert(0.0);
        *e = e.max(*s);
    }
    let similar: HashMap<usize, (usize, f64)> = merged.into_iter().collect();
    let mut alignments = Vec::new();
    for (r, i, g, method) in placed {
        let joined = a.groups[g].size() > 1;
        let target = match (similar.get(&g), received.get(&g)) {
            _ if method == Method::Repeated => (g, method, 1.0),
            (Some(&(to, s)), _) => (to, Method::Similar, s),
            (None, Some(&s)) if method == Method::None => (g, Method::Similar, s),
            _ if method == Method::None && joined => match a.groups[g].key.basis {
                Basis::Local(_) => (g, Method::LocalCode, 1.0),
                _ => (g, Method::Name, 1.0),
            },
            _ => (g, method, 1.0),
        };
        alignments.push(a.record(r, i, Some(target)));
    }
    for (r, i) in unplaced {
        alignments.push(a.record(r, i, None));
    }
    let mut groups: Vec<Group> = a
        .groups
        .into_iter()
        .filter(|g| g.alive && g.size() > 0)
        .map(|g| Group {
            key: g.key,
            name: g.name,
            members: g.members,
            codes: g.codes,
        })
        .collect();
    groups.sort_by_cached_key(|g| g.key.id());
    Aligned {
        groups,
        alignments,
        handling_items: a.handling_items,
        rolled_up: a.rolled,
    }
}

/// A name to match near names against.
struct Candidate {
    key: String,
    len: usize,
    grams: Vec<(char, char)>,
    /// a group, or a basic catalogue entry not yet a group
    target: Target,
}

#[derive(Clone, Copy)]
enum Target {
    Group(usize),
    Pending(usize),
}

/// Every name near names are matched against, indexed by bigram.
struct NameIndex {
    cands: Vec<Candidate>,
    postings: HashMap<(char, char), Vec<u32>>,
}

impl NameIndex {
    fn new(a: &Aligner) -> NameIndex {
        let mut cands: Vec<Candidate> = Vec::new();
        for (g, b) in a.groups.iter().enumerate() {
            for k in &b.names {
                cands.push(candidate(k, Target::Group(g)));
            }
        }
        for (p, k) in a.pending.keys().enumerate() {
            cands.push(candidate(k, Target::Pending(p)));
        }
        let mut postings: HashMap<(char, char), Vec<u32>> = HashMap::new();
        for (c, cand) in cands.iter().enumerate() {
            for g in &cand.grams {
                postings.entry(*g).or_default().push(c as u32);
            }
        }
        NameIndex { cands, postings }
    }

    /// Candidates that can be within the threshold of `q`, in index
    /// order: those sharing one of its rarest grams (prefix filtering),
    /// then filtered by length and shared-gram count.
    fn near(&self, q: &Candidate, min: f64) -> Vec<u32> {
        let longest = (q.len as f64 / min).ceil() as usize;
        let d_max = max_edits(q.len, longest, min);
        let need = q.grams.len().saturating_sub(2 * d_max).max(1);
        let mut probe: Vec<&(char, char)> = q.grams.iter().collect();
        probe.sort_by_key(|g| (self.postings.get(*g).map_or(0, Vec::len), **g));
        probe.truncate(q.grams.len() + 1 - need);
        let mut ids: Vec<u32> = probe
            .into_iter()
            .flat_map(|g| self.postings.get(g).into_iter().flatten().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.retain(|&c| {
            let cand = &self.cands[c as usize];
            let d = max_edits(q.len, cand.len, min);
            q.len.abs_diff(cand.len) <= d
                && cand.key != q.key
                && shared(&q.grams, &cand.grams) + 2 * d >= q.grams.len()
        });
        ids
    }
}

impl Aligner<'_> {
    /// The item type of a basic catalogue entry not yet a group.
    fn pending_type(&self, code: &str) -> Option<u64> {
        let t = self.std.ids.item_type?;
        let text = self.basic?.get(code)?.item_type.clone()?;
        super::region::normalise_key(self.std, t, &text).map(|(k, _)| k)
    }

    /// Whether group `g` may merge into the candidate: same handling
    /// case, no conflicting type, no region in common. Returns the
    /// target's key id for tie-breaking.
    fn mergeable(
        &self,
        g: usize,
        target: Target,
        pending: &[(String, String)],
        made: &HashMap<usize, usize>,
    ) -> Option<String> {
        let me = &self.groups[g];
        let target = match target {
            Target::Pending(p) => match made.get(&p).or_else(|| {
                self.by_key.get(&ItemKey {
                    basis: Basis::Basic(pending[p].0.clone()),
                    handling: None,
                })
            }) {
                Some(&t) => Target::Group(t),
                None => {
                    let (code, _) = &pending[p];
                    let ok = me.key.handling.is_none()
                        && !matches!((me.type_key, self.pending_type(code)), (Some(a), Some(b)) if a != b);
                    return ok.then(|| code.clone());
                }
            },
            t => t,
        };
        let Target::Group(t) = target else {
            return None;
        };
        let tg = &self.groups[t];
        let conflict = matches!((me.type_key, tg.type_key), (Some(a), Some(b)) if a != b);
        let overlap = tg
            .members
            .iter()
            .zip(&me.members)
            .any(|(a, b)| a.is_some() && b.is_some());
        (t != g && tg.alive && tg.key.handling == me.key.handling && !conflict && !overlap)
            .then(|| tg.key.id())
    }
}

impl Aligner<'_> {
    /// Step 1b: groups made by different basic codes whose items carry one
    /// normalised name, unique in each of their regions, in regions that
    /// share no code, become one group with a code conflict. Its key is the
    /// code the basic catalogue knows, else the one most regions use (ties:
    /// the smaller).
    fn code_conflicts(&mut self) {
        // (region, name key, handling) -> items of that name in the region
        let mut count: HashMap<(usize, String, Option<String>), usize> = HashMap::new();
        for (r, region) in self.regions.iter().enumerate() {
            for it in &region.items {
                let (nk, h) = item_keys(region, it, self.mode);
                *count.entry((r, nk, h)).or_default() += 1;
            }
        }
        // (name key, handling) -> basic-code groups all of whose members
        // carry that name, each the only one of its name in its region
        let mut by_name: BTreeMap<(String, Option<String>), Vec<usize>> = BTreeMap::new();
        for (g, b) in self.groups.iter().enumerate() {
            if !matches!(b.key.basis, Basis::Basic(_)) {
                continue;
            }
            let keys: BTreeSet<(usize, String, Option<String>)> = b
                .members
                .iter()
                .enumerate()
                .filter_map(|(r, m)| {
                    let region = self.regions[r];
                    let (n, h) = item_keys(region, &region.items[(*m)?], self.mode);
                    Some((r, n, h))
                })
                .collect();
            let names: BTreeSet<(&String, &Option<String>)> =
                keys.iter().map(|(_, n, h)| (n, h)).collect();
            let unique = keys.iter().all(|k| count.get(k) == Some(&1));
            if let (1, true) = (names.len(), unique) {
                let (n, h) = names.into_iter().next().unwrap_or_else(|| unreachable!());
                if !n.is_empty() {
                    by_name.entry((n.clone(), h.clone())).or_default().push(g);
                }
            }
        }
        for gs in by_name.into_values().filter(|gs| gs.len() > 1) {
            let mut seen = vec![false; self.regions.len()];
            let disjoint = gs.iter().all(|&g| {
                self.groups[g]
                    .members
                    .iter()
                    .enumerate()
                    .all(|(r, m)| m.is_none() || !std::mem::replace(&mut seen[r], true))
            });
            let types: BTreeSet<u64> = gs.iter().filter_map(|&g| self.groups[g].type_key).collect();
            if disjoint && types.len() <= 1 {
                self.merge_codes(&gs);
            }
        }
    }

    /// Merge the groups of one item listed under different codes into the
    /// one whose code wins, recording each region's code.
    fn merge_codes(&mut self, gs: &[usize]) {
        let code = |g: usize| {
            self.groups[g]
                .key
                .basic_code()
                .unwrap_or_default()
                .to_string()
        };
        let rank = |g: usize| {
            let known = self.basic.is_some_and(|b| b.get(&code(g)).is_some());
            (known, self.groups[g].size(), std::cmp::Reverse(code(g)))
        };
        let winner = gs.iter().copied().max_by_key(|&g| rank(g)).unwrap_or(gs[0]);
        let code_of: Vec<String> = gs.iter().map(|&g| code(g)).collect();
        let mut codes = vec![None; self.regions.len()];
        for (&g, c) in gs.iter().zip(code_of) {
            let members =
                std::mem::replace(&mut self.groups[g].members, vec![None; self.regions.len()]);
            for (r, m) in members.into_iter().enumerate() {
                if m.is_some() {
                    codes[r] = Some(c.clone());
                    self.groups[winner].members[r] = m;
                }
            }
            if g == winner {
                continue;
            }
            self.groups[g].alive = false;
            for n in std::mem::take(&mut self.groups[g].names) {
                if !self.groups[winner].names.contains(&n) {
                    self.groups[winner].names.push(n);
                }
            }
            for v in self.by_name.values_mut().chain(self.by_key.values_mut()) {
                if *v == g {
                    *v = winner;
                }
            }
        }
        self.groups[winner].codes = codes;
    }
}

/// Step 3: a name-made group that still stands alone merges into the
/// most similar group it shares no region with (ties: the smaller key).
/// Returns (merged group, (target group, score)).
fn near_names(a: &mut Aligner) -> Vec<(usize, (usize, f64))> {
    let index = NameIndex::new(a);
    let pending: Vec<(String, String)> = a.pending.values().cloned().collect();
    let mut made: HashMap<usize, usize> = HashMap::new();
    let mut lone: Vec<usize> = (0..a.groups.len())
        .filter(|&g| a.groups[g].by_name && a.groups[g].size() == 1)
        .collect();
    lone.sort_by_cached_key(|&g| a.groups[g].key.id());
    let mut merged = Vec::new();
    for g in lone {
        // gone, or already found by a near name
        if !a.groups[g].alive || a.groups[g].size() > 1 {
            continue;
        }
        let Some(q) = a.groups[g]
            .names
            .first()
            .map(|k| candidate(k, Target::Group(g)))
        else {
            continue;
        };
        let mut best: Option<(f64, String, Target)> = None;
        for c in index.near(&q, a.min_similarity) {
            let cand = &index.cands[c as usize];
            let Some(tkey) = a.mergeable(g, cand.target, &pending, &made) else {
                continue;
            };
            if lifecycle_conflict(&q.key, &cand.key) {
                continue;
            }
            let s = similarity(&q.key, &cand.key);
            let better = best
                .as_ref()
                .is_none_or(|(bs, bk, _)| s > *bs || (s == *bs && tkey < *bk));
            if s >= a.min_similarity && better {
                best = Some((s, tkey, cand.target));
            }
        }
        let Some((score, _, target)) = best else {
            continue;
        };
        let t = match target {
            Target::Group(t) => t,
            Target::Pending(p) => *made.entry(p).or_insert_with(|| {
                let (code, name) = pending[p].clone();
                let ty = a.pending_type(&code);
                let key = ItemKey {
                    basis: Basis::Basic(code),
                    handling: None,
                };
                let t = a.group(key, name, false);
                a.groups[t].type_key = ty;
                t
            }),
        };
        let from = std::mem::replace(&mut a.groups[g].members, vec![None; a.regions.len()]);
        for (r, m) in from.into_iter().enumerate() {
            if m.is_some() {
                a.groups[t].members[r] = m;
            }
        }
        a.groups[g].alive = false;
        if a.groups[t].type_key.is_none() {
            a.groups[t].type_key = a.groups[g].type_key;
        }
        merged.push((g, (t, score)));
    }
    merged
}

fn candidate(key: &str, target: Target) -> Candidate {
    let mut g = grams(key);
    g.sort_unstable();
    g.dedup();
    Candidate {
        key: key.to_string(),
        len: key.chars().count(),
        grams: g,
        target,
    }
}

/// Distinct grams two sorted gram lists share.
fn shared(a: &[(char, char)], b: &[(char, char)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
