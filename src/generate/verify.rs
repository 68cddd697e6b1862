//! What a generator must know of its lists' defects: the error-level
//! findings of every list, per item, so that a guide made from an item
//! with errors says 待核实 on its page, and `guide`/`form` can warn or
//! (with `--strict`) refuse.

use crate::catalogue::{Catalogue, Item, ReadOptions};
use crate::check::{check_file, CheckOptions};
use crate::i18n::Lang;
use crate::report::FindingView;
use crate::standard::{Severity, Standard};
use std::collections::HashMap;

/// A list's error count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListErrors {
    pub path: String,
    pub errors: usize,
    pub items_with_errors: usize,
}

/// The error-level findings of the lists, by where they are.
#[derive(Debug, Default)]
pub struct Verification {
    /// (path, sheet, row) → sentences
    by_row: HashMap<(String, Option<String>, u32), Vec<String>>,
    /// Lists with errors, in the order given.
    pub lists: Vec<ListErrors>,
}

impl Verification {
    /// Check every list (one finding per row, so each item gets its own).
    pub fn of(std: &Standard, catalogues: &[Catalogue], read: &ReadOptions) -> Verification {
        let opts = CheckOptions {
            ignore: None,
            basic: None,
            areas: None,
            read: read.clone(),
            every_row: true,
            threads: crate::check::threads(),
            on_table: None,
            on_progress: None,
        };
        let mut v = Verification::default();
        for cat in catalogues {
            let Ok(report) = check_file(&cat.path, std, &opts) else {
                continue;
            };
            let mut errors = 0;
            for f in report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
            {
                errors += 1;
                let Some(row) = f.row else { continue };
                let view = FindingView::new(f, std, Lang::Zh);
                let text = match view.label {
                    Some(l) => format!("{l}：{}", view.message),
                    None => view.message.clone(),
                };
                v.by_row
                    .entry((f.source.path.clone(), f.source.sheet.clone(), row))
                    .or_default()
                    .push(text);
            }
            if errors > 0 {
                v.lists.push(ListErrors {
                    path: cat.path.display().to_string(),
                    errors,
                    items_with_errors: report.items_with_errors,
                });
            }
        }
        v
    }

    /// The error sentences on an item's rows: its own and its materials'
    /// and fees', and (in files located by line or path) each value's.
    pub fn of_item(&self, item: &Item) -> Vec<String> {
        let mut rows = vec![item.row];
        rows.extend(item.fields.iter().map(|f| f.row));
        for p in item.materials.iter().chain(&item.fees) {
            rows.push(p.row);
            rows.extend(p.fields.iter().map(|f| f.row));
        }
        rows.sort_unstable();
        rows.dedup();
        let mut out: Vec<String> = Vec::new();
        for r in rows {
            let key = (item.source.path.clone(), item.source.sheet.clone(), r);
            for t in self.by_row.get(&key).into_iter().flatten() {
                if !out.contains(t) {
                    out.push(t.clone());
                }
            }
        }
        out
    }

    pub fn errors(&self) -> usize {
        self.lists.iter().map(|l| l.errors).sum()
    }
}
