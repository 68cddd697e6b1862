//! `duplicate-material`: an item lists the same material twice (names
//! compared after normalisation), under the item or on a materials sheet
//! of its own keyed to it.

use crate::rules::keylog::{self, KeyLog};
use crate::rules::*;
use crate::text::comparable;

#[derive(Default)]
pub struct DuplicateMaterial {
    /// The current item's material names so far (a set: an item with
    /// 100,000 materials stays linear).
    seen: HashSet<String>,
    /// Every detached material row by the hash of (item key, name), until
    /// the file is read, and how many were logged.
    detached: KeyLog,
    rows: u64,
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
        match (cx.detached, cx.item_key) {
            (false, _) => {
                if !self.seen.insert(name) {
                    let at = At::field(cx.source, f);
                    sink.emit(RuleId::DuplicateMaterial, at, Params::new());
                }
            }
            // whether a detached row repeats is known at the end
            (true, Some(key)) => {
                self.rows += 1;
                let hash = (key_hash(&[key, &name]), self.rows);
                keylog::log_field(&mut self.detached, sink, cx.source, f, hash, 0, &[]);
            }
            // a row that names no item cannot repeat one of its materials
            (true, None) => {}
        }
    }

    fn finish(&mut self, cx: &FinishCx<'_>, sink: &mut Sink<'_>) {
        let log = std::mem::take(&mut self.detached);
        let sources = log.sources().to_vec();
        let element = cx.file.std.ids.material_name;
        for group in keylog::groups(log.into_sorted()) {
            for r in &group[1..] {
                let rule = (RuleId::DuplicateMaterial, None);
                keylog::emit_at(sink, rule, &sources, r, element, Params::new());
            }
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "The same material twice for one item.",
    zh: "同一事项中同一材料出现两次。",
    good: &["two different materials"],
    bad: &["营业执照 twice"],
    good_zh: &["两种不同的材料"],
    bad_zh: &["营业执照 出现两次"],
};
