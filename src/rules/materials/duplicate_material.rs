//! `duplicate-material`: an item lists the same material twice (names
//! compared after normalisation).

use crate::rules::*;
use crate::text::comparable;

#[derive(Default)]
pub struct DuplicateMaterial {
    /// The current item's material names so far (a set: an item with
    /// 100,000 materials stays linear).
    seen: HashSet<String>,
}

impl DuplicateMaterial {
    pub fn new(_: &Standard) -> Result<Self, ParamError> {
        Ok(Self::default())
    }
}

impl Rule for DuplicateMaterial {
    fn item(&mut self, _cx: &ItemCx<'_>, _sink: &mut Sink<'_>) {
        self.seen.clear();
    }

    fn part(&mut self, cx: &PartCx<'_>, sink: &mut Sink<'_>) {
        // a detached row is judged alone: its item's other rows are elsewhere
        if cx.kind != Scope::Material || cx.detached {
            return;
        }
        let Some(f) = cx.file.std.ids.material_name.and_then(|i| cx.part.get(i)) else {
            return;
        };
        if !self.seen.insert(comparable(&f.text)) {
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
