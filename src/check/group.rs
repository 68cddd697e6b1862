//! One finding per cause. The same rule on the same column with the same
//! cause on many rows is one finding with the count and the rows (a
//! portal's 12-digit division code on every row is one note, not 1,135);
//! and where two rules detect one root cause on one cell, the one that
//! names the cause stands ([`crate::rules::SUBSUMES`]).
//!
//! Findings are grouped as they arrive, unit by unit, so a check holds one
//! finding per cause and a row number per further row, not every finding
//! of a province. The result is what grouping all findings at the end
//! would give: the same groups, each led by its first finding in report
//! order, in report order.

use crate::rules::{Finding, SUBSUMES};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A cell a winner of [`SUBSUMES`] fired on, with the winner.
type Cell = (Arc<crate::catalogue::Source>, u32, i64, &'static str);

/// Findings grouped by cause as they arrive.
pub struct Grouper<'a> {
    /// Group findings of one cause (else keep each, `--every-row`).
    group: bool,
    /// Findings the user ignores (`santong.yaml` `ignore`).
    ignores: Option<&'a (dyn Fn(&Finding) -> bool + Sync)>,
    /// Losers whose winner may only be found once the file is read: held
    /// back until then.
    late: HashSet<&'static str>,
    winners: HashSet<Cell>,
    held: Vec<Finding>,
    /// The groups, each with the arrival number of its leader.
    out: Vec<(u64, Finding)>,
    index: HashMap<String, usize>,
    arrived: u64,
    ignored: usize,
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

/// The cell a finding is on: its row and column in a sheet, or, where a
/// format has no columns (the exchange JSON, whose every field has a row
/// of its own: its path), its row and element.
fn cell(f: &Finding) -> Option<(u32, i64)> {
    let at = match (f.col, f.element) {
        (Some(c), _) => i64::from(c),
        (None, Some(e)) => -1 - e as i64,
        (None, None) => return None,
    };
    Some((f.row?, at))
}

impl<'a> Grouper<'a> {
    /// `late_winners`: the rules that may report a cell only at the end
    /// of the file (the rules across items).
    pub fn new(
        group: bool,
        ignores: Option<&'a (dyn Fn(&Finding) -> bool + Sync)>,
        late_winners: &[&str],
    ) -> Self {
        let late = SUBSUMES
            .iter()
            .filter(|(w, _)| late_winners.contains(&w.as_str()))
            .map(|(_, l)| l.as_str())
            .collect();
        Grouper {
            group,
            ignores,
            late,
            winners: HashSet::new(),
            held: Vec::new(),
            out: Vec::new(),
            index: HashMap::new(),
            arrived: 0,
            ignored: 0,
        }
    }

    /// The findings of one unit (an item with its materials, a detached
    /// row, or the end of the file), in the order they were made: every
    /// finding on a cell of the unit is among them, except those of the
    /// late winners.
    pub fn push_unit(&mut self, findings: Vec<Finding>) {
        for f in &findings {
            if let Some((row, col)) = cell(f) {
                if let Some((w, _)) = SUBSUMES.iter().find(|(w, _)| f.rule == w.as_str()) {
                    self.winners
                        .insert((f.source.clone(), row, col, w.as_str()));
                }
            }
        }
        for f in findings {
            if self.subsumed(&f) {
                continue;
            }
            if self.late.contains(f.rule.as_str()) && cell(&f).is_some() {
                self.held.push(f);
            } else {
                self.accept(f);
            }
        }
    }

    fn subsumed(&self, f: &Finding) -> bool {
        let Some((row, col)) = cell(f) else {
            return false;
        };
        SUBSUMES.iter().any(|(w, l)| {
            f.rule == l.as_str()
                && self
                    .winners
                    .contains(&(f.source.clone(), row, col, w.as_str()))
        })
    }

    fn accept(&mut self, f: Finding) {
        if self.ignores.is_some_and(|ignores| ignores(&f)) {
            self.ignored += 1;
            return;
        }
        self.arrived += 1;
        let seq = self.arrived;
        let row = match f.row {
            Some(row) if self.group => row,
            _ => {
                self.out.push((seq, f));
                return;
            }
        };
        let k = key(&f);
        let Some(&i) = self.index.get(&k) else {
            self.index.insert(k, self.out.len());
            self.out.push((seq, f));
            return;
        };
        let (lead_seq, g) = &mut self.out[i];
        if g.item != f.item {
            g.item = None;
        }
        // the group is led by its first finding in report order
        if (f.sort_key(), seq) < (g.sort_key(), *lead_seq) {
            let (rows, item) = (std::mem::take(&mut g.more_rows), g.item.take());
            let old = std::mem::replace(g, f);
            g.more_rows = rows;
            g.item = item;
            g.more_rows.extend(old.row);
            *lead_seq = seq;
        } else {
            g.more_rows.push(row);
        }
    }

    /// The groups in report order, and how many findings were ignored.
    pub fn finish(mut self) -> (Vec<Finding>, usize) {
        for f in std::mem::take(&mut self.held) {
            if !self.subsumed(&f) {
                self.accept(f);
            }
        }
        let mut out = self.out;
        out.sort_by(|(a, x), (b, y)| (x.sort_key(), a).cmp(&(y.sort_key(), b)));
        let out = out
            .into_iter()
            .map(|(_, mut f)| {
                f.more_rows.sort_unstable();
                f.more_rows.dedup();
                if let Some(r) = f.row {
                    f.more_rows.retain(|x| *x != r);
                }
                f
            })
            .collect();
        (out, self.ignored)
    }
}

/// Merge findings of one cause into the first of them in report order.
pub fn group(findings: Vec<Finding>) -> Vec<Finding> {
    let mut g = Grouper::new(true, None, &[]);
    for f in findings {
        g.accept(f);
    }
    g.finish().0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Source;
    use crate::standard::Severity;

    fn at(source: &Arc<Source>, rule: &str, row: u32, col: u32) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Error,
            source: source.clone(),
            row: Some(row),
            col: Some(col),
            element: Some(1),
            value: None,
            params: Default::default(),
            item: None,
            cause: None,
            more_rows: Vec::new(),
        }
    }

    fn rows(fs: &[Finding], rule: &str) -> Vec<Vec<u32>> {
        fs.iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.rows().collect())
            .collect()
    }

    #[test]
    fn a_loser_waits_for_a_winner_found_only_at_the_end() {
        let s = Arc::new(Source::new("a.csv", None));
        let mut g = Grouper::new(true, None, &["org-code-as-credit-code"]);
        g.push_unit(vec![at(&s, "invalid-credit-code", 2, 3)]);
        g.push_unit(vec![at(&s, "invalid-credit-code", 3, 3)]);
        // the end of the file: row 2's code is an organisation code
        g.push_unit(vec![at(&s, "org-code-as-credit-code", 2, 3)]);
        let (out, ignored) = g.finish();
        assert_eq!(ignored, 0);
        assert_eq!(rows(&out, "invalid-credit-code"), vec![vec![3]]);
        assert_eq!(rows(&out, "org-code-as-credit-code"), vec![vec![2]]);
    }

    #[test]
    fn a_winner_on_another_cell_subsumes_nothing() {
        let s = Arc::new(Source::new("a.csv", None));
        let mut g = Grouper::new(true, None, &[]);
        g.push_unit(vec![
            at(&s, "invalid-value", 2, 4),
            at(&s, "placeholder-code", 2, 3),
        ]);
        let (out, _) = g.finish();
        assert_eq!(rows(&out, "invalid-value"), vec![vec![2]]);
        // on the same cell, the winner stands alone
        let mut g = Grouper::new(true, None, &[]);
        g.push_unit(vec![
            at(&s, "invalid-value", 2, 3),
            at(&s, "placeholder-code", 2, 3),
        ]);
        assert!(rows(&g.finish().0, "invalid-value").is_empty());
    }

    #[test]
    fn a_group_is_led_by_its_first_row_whatever_came_first() {
        let items = Arc::new(Source::new("a.xlsx", Some("事项".into())));
        let mut g = Grouper::new(true, None, &[]);
        for row in [9, 4, 7] {
            g.push_unit(vec![at(&items, "invalid-value", row, 2)]);
        }
        let (out, _) = g.finish();
        assert_eq!(rows(&out, "invalid-value"), vec![vec![4, 7, 9]]);
        // --every-row keeps each, in report order
        let mut g = Grouper::new(false, None, &[]);
        for row in [9, 4, 7] {
            g.push_unit(vec![at(&items, "invalid-value", row, 2)]);
        }
        let (out, _) = g.finish();
        assert_eq!(rows(&out, "invalid-value"), vec![vec![4], vec![7], vec![9]]);
    }
}
