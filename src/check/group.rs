//! One finding per cause. The same rule on the same column with the same
//! cause on many rows is one finding with the count and the rows (a
//! portal's 12-digit division code on every row is one note, not 1,135);
//! and where two rules detect one root cause on one cell, the one that
//! names the cause stands ([`crate::rules::SUBSUMES`]).

use crate::rules::{Finding, SUBSUMES};
use std::collections::{HashMap, HashSet};

/// Drop findings subsumed by another rule's finding on the same cell.
pub fn subsume(findings: Vec<Finding>) -> Vec<Finding> {
    let cell = |f: &Finding| (f.source.clone(), f.row, f.col);
    let present: HashSet<_> = findings
        .iter()
        .filter(|f| f.row.is_some() && f.col.is_some())
        .map(|f| (cell(f), f.rule.clone()))
        .collect();
    findings
        .into_iter()
        .filter(|f| {
            f.row.is_none()
                || f.col.is_none()
                || !SUBSUMES.iter().any(|(winner, loser)| {
                    f.rule == loser.as_str()
                        && present.contains(&(cell(f), winner.as_str().to_string()))
                })
        })
        .collect()
}

/// The key that makes findings one cause: rule, severity, table, column
/// and element, and the cause (or, by default, the whole message's
/// variables).
fn key(f: &Finding) -> String {
    let cause = match &f.cause {
        Some(c) => c.clone(),
        None => format!("{:?}", f.params),
    };
    format!(
        "{}\u{0}{:?}\u{0}{}\u{0}{:?}\u{0}{:?}\u{0}{:?}\u{0}{cause}",
        f.rule, f.severity, f.source.path, f.source.sheet, f.col, f.element
    )
}

/// Merge findings of one cause into the first of them (findings come in
/// file order); file-level findings stay as they are.
pub fn group(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut first: HashMap<String, usize> = HashMap::new();
    for f in findings {
        let Some(row) = f.row else {
            out.push(f);
            continue;
        };
        let k = key(&f);
        match first.get(&k) {
            Some(&i) => {
                let g = &mut out[i];
                if g.item != f.item {
                    g.item = None;
                }
                g.more_rows.push(row);
            }
            None => {
                first.insert(k, out.len());
                out.push(f);
            }
        }
    }
    for f in &mut out {
        f.more_rows.sort_unstable();
        f.more_rows.dedup();
        if let Some(r) = f.row {
            f.more_rows.retain(|x| *x != r);
        }
    }
    out
}
