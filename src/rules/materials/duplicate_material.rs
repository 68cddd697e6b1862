//! `duplicate-material`: an item lists the same material twice (names
//! compared after normalisation), under the item or on a materials sheet
//! of its own keyed to it.

use crate::rules::*;
use crate::text::comparable;

#[derive(Default)]
pub struct DuplicateMaterial {
    /// The current item's material names so far (a set: an item with
    /// 100,000 materials stays linear).
    seen: HashSet<String>,
    /// (item key, name) of every detached material row so far, hashed:
    /// eight bytes a row, however long the file.
    detached: HashSet<u64>,
}

impl DuplicateMaterial {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }
}

impl Rule for DuplicateMaterial {
    fn across_items(&self) -> bool {
        true
    }

    fn item(&mut self, _cx: &ItemCx<'_>, _sink: &mut Sink<'_>) {
        self.seen.clear();
    }

    fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
        if cx.kind != Scope::Material {
            return;
        }
        let Some(f) = cx.file.std.ids.material_name.and_then(|i| cx.part.get(i)) else {
            return;
        };
        let name = comparable(&f.text);
        let repeated = match (cx.detached, cx.item_key) {
            (false, _) => !self.seen.insert(name),
            (true, Some(key)) => {
                use std::hash::{Hash, Hasher};
                // fixed keys: the same pair always hashes the same
                let mut h = std::hash::DefaultHasher::new();
                (key, &name).hash(&mut h);
                !self.detached.insert(h.finish())
            }
            // a row that names no item cannot repeat one of its materials
            (true, None) => false,
        };
        if repeated {
            sink.emit(
                RuleId::DuplicateMaterial,
                At::field(cx.source, f),
                Params::new(),
            );
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The same material twice for one item.",
    zh: "同一事项中同一材料出现两次。",
    good: &["two different materials"],
    bad: &["营业执照 twice"],
};
