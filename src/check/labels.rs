//! Code tables as lists really carry them: where a list has both a code
//! column and its label column (事项类型 and 事项类型名称), the label decides
//! what the item is. A code that means another label than the national
//! table says is recorded, so the file's convention is reported once (by
//! `provincial-code` / `code-label-conflict`) instead of every item being
//! misread.

use crate::catalogue::value::{clean_code, Problem, Value};
use crate::catalogue::{Field, Item};
use crate::rules::{CodeUsage, Values};
use crate::standard::{Lookup, Standard};

/// Let each label column decide its code element's value, recording codes
/// whose written meaning differs from the table's.
pub fn apply<'f>(
    std: &Standard,
    item: &'f Item,
    values: &mut Values<'f>,
    problems: &mut Vec<(&'f Field, Problem)>,
    usage: &mut CodeUsage,
) {
    for (li, el) in std.elements.iter().enumerate() {
        let Some(code_el) = el.label_of.as_deref().and_then(|c| std.element_index(c)) else {
            continue;
        };
        let Some((Value::Code(meaning), _)) = values.get(&li) else {
            continue;
        };
        let meaning = meaning.clone();
        let Some(vocab) = std.vocabulary_of(&std.elements[code_el]) else {
            continue;
        };
        let Some(field) = item.get(code_el).filter(|f| !f.text.trim().is_empty()) else {
            // no code written: the label says what the item is
            if let Some(label) = item.get(li) {
                values.insert(code_el, (Value::Code(meaning), label));
            }
            continue;
        };
        let written = clean_code(&field.text);
        let read = match vocab.lookup(&written) {
            Lookup::Code(c) => Some(c),
            _ => None,
        };
        if written.is_empty() || read.as_deref() == Some(meaning.as_str()) {
            continue;
        }
        // the label decides; the code's other meaning is the file's business
        values.insert(code_el, (Value::Code(meaning.clone()), field));
        problems.retain(|(f, _)| f.element != code_el);
        usage
            .map
            .entry((item.source.clone(), code_el, written))
            .or_default()
            .entry(meaning)
            .or_default()
            .push(field.row);
    }
}
