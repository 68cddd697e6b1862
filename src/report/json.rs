//! The JSON contract (version 1), documented in README.md. Keys are stable;
//! new keys may be added, none removed or renamed within a version.

use super::emit::{json_text, Emitter, FileView, FindingView, Summary};
use serde::Serialize;

#[derive(Default)]
pub struct Json<'a> {
    diagnostics: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
struct StandardRef<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Document<'a, 's> {
    version: u32,
    standard: StandardRef<'a>,
    files: &'s [FileView<'a>],
    diagnostics: &'s [FindingView<'a>],
}

impl<'a> Emitter<'a> for Json<'a> {
    fn finding(&mut self, f: FindingView<'a>) {
        self.diagnostics.push(f);
    }

    fn finish(self: Box<Self>, s: &Summary<'a>) -> Result<String, String> {
        json_text(&Document {
            version: 1,
            standard: StandardRef {
                id: &s.std.id,
                version: &s.std.version,
            },
            files: &s.files,
            diagnostics: &self.diagnostics,
        })
    }
}
