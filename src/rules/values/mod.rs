//! Rules on values: present where required, readable, coded.
pub mod code_label_conflict;
pub mod error_cell;
pub mod invalid_value;
pub mod missing_required;
pub mod oversized_cell;
pub mod provincial_code;
pub mod uncoded_item_type;
pub mod vendor_code_table;

/// A token outside a vocabulary that is a code of another table, not a
/// misspelt label: short, ASCII letters and digits (`true`, `fasle`, `99`).
pub(crate) fn vendor_token(tok: &str) -> bool {
    (1..=12).contains(&tok.len()) && tok.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The code of another table a problem is about, if it is one: the
/// token of a list, or the whole cell of a single code.
pub(crate) fn vendor_code<'f>(
    f: &'f crate::catalogue::Field,
    p: &'f crate::catalogue::value::Problem,
) -> Option<&'f str> {
    let crate::catalogue::value::Problem::NotInVocabulary(tok) = p else {
        return None;
    };
    let tok = if tok.is_empty() {
        f.compact()
    } else {
        tok.as_str()
    };
    vendor_token(tok).then_some(tok)
}

use crate::rules::*;
use crate::standard::Lookup;

/// One code as a file writes it, with a meaning its label column gives.
pub(crate) struct CodeUse<'a> {
    pub source: &'a Arc<Source>,
    pub element: usize,
    pub code: &'a str,
    pub meaning: &'a str,
    pub rows: &'a [u32],
    /// The meaning most rows give the code.
    pub dominant: bool,
    /// The national code the written code is, if it is one.
    pub national: Option<String>,
}

/// Every recorded code use of the file, in a stable order.
pub(crate) fn code_uses<'a>(cx: &'a FinishCx<'a>) -> Vec<CodeUse<'a>> {
    let std = cx.file.std;
    let mut out = Vec::new();
    for ((source, element, code), meanings) in &cx.file.codes.map {
        let dominant = cx.file.codes.meaning(source, *element, code);
        let national =
            std.vocabulary_of(&std.elements[*element])
                .and_then(|v| match v.lookup(code) {
                    Lookup::Code(c) => Some(c),
                    _ => None,
                });
        for (meaning, rows) in meanings {
            out.push(CodeUse {
                source,
                element: *element,
                code,
                meaning,
                rows,
                dominant: dominant == Some(meaning.as_str()),
                national: national.clone(),
            });
        }
    }
    out
}

impl CodeUse<'_> {
    /// Report the use at its first row's code cell, standing for all rows.
    pub fn emit(&self, cx: &FinishCx<'_>, rule: RuleId, sink: &mut Sink<'_>) {
        let std = cx.file.std;
        let vocab = std.elements[self.element]
            .vocabulary
            .as_deref()
            .unwrap_or_default();
        let label = |c: &str| std.code_label(vocab, c);
        let p = params(&[
            ("code", self.code.to_string()),
            ("meaning", label(self.meaning)),
            ("meaning_code", self.meaning.to_string()),
            (
                "national",
                self.national.as_deref().map(label).unwrap_or_default(),
            ),
            ("count", self.rows.len().to_string()),
        ]);
        let col = cx.file.column(self.source, self.element);
        let at = At::cell(
            self.source,
            self.rows.first().copied(),
            col,
            Some(self.element),
        )
        .with_value(Some(self.code));
        sink.emit_rows(rule, at, p, self.rows.get(1..).unwrap_or_default().to_vec());
    }
}
