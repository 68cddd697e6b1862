//! Vocabularies and the label-first lookup of cell values.
//!
//! A cell may hold a code (`1`), a label (`即办件`), an alias (`即办`) or both
//! (`1 即办件`, `1-承诺件`). Labels win over codes, because vendors disagree
//! on codes but not on labels: one vendor stores 办件类型 1 = 承诺件 while
//! the national table has 1 = 即办件, and a cell reading `1 承诺件` must come
//! out as the national code 2.

use super::model::{Entry, UncodedEntry};
use crate::text::compact;
use std::collections::HashMap;

/// What a single token resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Code(String),
    /// An accepted label without a national code (e.g. 行政备案).
    Uncoded(String),
    NotFound,
}

#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub id: String,
    pub label: String,
    pub pad: Option<usize>,
    pub entries: Vec<Entry>,
    pub uncoded: Vec<UncodedEntry>,
    by_label: HashMap<String, Lookup>,
    by_code: HashMap<String, String>,
    /// Labels and aliases, longest first, for splitting multi-values.
    labels_longest_first: Vec<String>,
    /// The national list is confirmed complete.
    pub closed: bool,
    /// Cells list the degrees reached cumulatively (see the model).
    pub cumulative: bool,
    /// A provincial code table: local code → national code, read before
    /// the national codes.
    pub local_codes: Vec<(String, String)>,
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '^' | ',' | '，' | '、' | ';' | '；' | '/' | '|' | '\n' | '\r' | ' ' | '\t' | '　'
    )
}

impl Vocabulary {
    pub fn new(
        id: String,
        label: String,
        pad: Option<usize>,
        entries: Vec<Entry>,
        uncoded: Vec<UncodedEntry>,
    ) -> Self {
        let mut by_label = HashMap::new();
        let mut by_code = HashMap::new();
        for e in &entries {
            by_code.insert(compact(&e.code).into_owned(), e.code.clone());
        }
        // Aliases first, then labels, so a label always beats an alias of
        // another entry that happens to spell the same.
        for e in &entries {
            for a in &e.aliases {
                by_label.insert(compact(a).into_owned(), Lookup::Code(e.code.clone()));
            }
        }
        for u in &uncoded {
            for a in &u.aliases {
                by_label.insert(compact(a).into_owned(), Lookup::Uncoded(u.label.clone()));
            }
            by_label.insert(
                compact(&u.label).into_owned(),
                Lookup::Uncoded(u.label.clone()),
            );
        }
        for e in &entries {
            by_label.insert(compact(&e.label).into_owned(), Lookup::Code(e.code.clone()));
        }
        let mut labels_longest_first: Vec<String> = by_label.keys().cloned().collect();
        labels_longest_first
            .sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        Vocabulary {
            id,
            label,
            pad,
            entries,
            uncoded,
            by_label,
            by_code,
            labels_longest_first,
            closed: false,
            cumulative: false,
            local_codes: Vec::new(),
        }
    }

    /// Mark the vocabulary as closed (an unknown code is an error).
    pub fn closed(mut self, closed: bool) -> Self {
        self.closed = closed;
        self
    }

    pub fn cumulative(mut self, cumulative: bool) -> Self {
        self.cumulative = cumulative;
        self
    }

    /// Whether a cell of this vocabulary is one bare code of a cumulative
    /// table (`4` in 网上办理深度): a system's own grading as likely as the
    /// national code, so never given the national label.
    pub fn bare_degree(&self, text: &str) -> bool {
        let c = crate::text::compact(text);
        self.cumulative && !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())
    }

    /// A provincial code table (code → label or national code); every
    /// label must name an entry.
    pub fn with_local_codes(
        mut self,
        codes: std::collections::BTreeMap<String, String>,
    ) -> Result<Self, String> {
        for (code, label) in codes {
            let national = match self.by_label.get(&*compact(&label)) {
                Some(Lookup::Code(c)) => c.clone(),
                _ => match self.by_code.get(&*compact(&label)) {
                    Some(c) => c.clone(),
                    None => {
                        return Err(crate::tr!(
                            "`{}`：`{}` 不是代码表中的条目",
                            "`{}`: `{}` is not an entry",
                            code,
                            label
                        ))
                    }
                },
            };
            self.local_codes
                .push((compact(&code).into_owned(), national));
        }
        Ok(self)
    }

    /// The national code a provincial code stands for.
    pub fn local_code(&self, code: &str) -> Option<&str> {
        let t = compact(code);
        let padded = match self.pad {
            Some(w) if t.len() < w && t.bytes().all(|b| b.is_ascii_digit()) => format!("{t:0>w$}"),
            _ => t.to_string(),
        };
        self.local_codes
            .iter()
            .find(|(c, _)| *c == t || *c == padded)
            .map(|(_, n)| n.as_str())
    }

    /// The national code of a code as the table is read: through the
    /// provincial table first, then the national one.
    pub fn code_meaning(&self, code: &str) -> Option<String> {
        if let Some(n) = self.local_code(code) {
            return Some(n.to_string());
        }
        self.code_lookup(&compact(code))
    }

    pub fn label_of(&self, code: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.code == code)
            .map(|e| e.label.as_str())
    }

    /// `1 即办件, 2 承诺件` for messages.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .entries
            .iter()
            .map(|e| {
                if e.code == e.label {
                    e.label.clone()
                } else {
                    format!("{} {}", e.code, e.label)
                }
            })
            .collect();
        parts.extend(self.uncoded.iter().map(|u| u.label.clone()));
        parts.join("、")
    }

    fn code_lookup(&self, t: &str) -> Option<String> {
        if !self.local_codes.is_empty() {
            if let Some(n) = self.local_code(t) {
                return Some(n.to_string());
            }
        }
        self.national_code(t)
    }

    /// A code of the national table (padded, `1.0` from numeric cells),
    /// ignoring any provincial table.
    pub fn national_code(&self, t: &str) -> Option<String> {
        if let Some(c) = self.by_code.get(t) {
            return Some(c.clone());
        }
        let upper = t.to_ascii_uppercase();
        if let Some(c) = self.by_code.get(&upper) {
            return Some(c.clone());
        }
        if let Some(width) = self.pad {
            if !t.is_empty() && t.len() < width && t.bytes().all(|b| b.is_ascii_digit()) {
                let padded = format!("{t:0>width$}");
                return self.by_code.get(&padded).cloned();
            }
        }
        // "1.0" from numeric cells
        if let Some(int) = t.strip_suffix(".0") {
            return self.national_code(int);
        }
        None
    }

    /// Every national code a code may stand for: through the provincial
    /// table and through the national one.
    pub fn meanings(&self, code: &str) -> Vec<String> {
        let t = compact(code);
        let mut out: Vec<String> = self
            .local_code(&t)
            .map(str::to_string)
            .into_iter()
            .collect();
        out.extend(self.national_code(&t).filter(|n| !out.contains(n)));
        out
    }

    /// Resolve one token (already NFKC-compacted): label, alias, code, or
    /// code and label together.
    pub fn lookup(&self, token: &str) -> Lookup {
        let t = compact(token);
        if t.is_empty() {
            return Lookup::NotFound;
        }
        if let Some(l) = self.by_label.get(&*t) {
            return l.clone();
        }
        if let Some(c) = self.code_lookup(&t) {
            return Lookup::Code(c);
        }
        // "1即办件", "1-即办件", "1:即办件", "(1)即办件", "即办件(1)"
        let stripped = t.trim_start_matches(['(', '[']);
        let code_len = stripped
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_alphanumeric())
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        if code_len > 0 && code_len < stripped.len() {
            let rest =
                stripped[code_len..].trim_start_matches([')', ']', '-', ':', '.', '、', '：', '_']);
            if let Some(l) = self.by_label.get(rest) {
                return l.clone();
            }
        }
        if let Some(open) = t.rfind('(') {
            if t.ends_with(')') && open > 0 {
                if let Some(l) = self.by_label.get(&t[..open]) {
                    return l.clone();
                }
            }
        }
        Lookup::NotFound
    }

    /// Split a multi-valued cell into tokens without breaking labels that
    /// contain a separator themselves, such as 镇（乡、街道）级.
    pub fn split_multi(&self, raw: &str) -> Vec<String> {
        let s = crate::text::nfkc(raw);
        let chars: Vec<char> = s.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        'outer: while i < chars.len() {
            if is_separator(chars[i]) {
                i += 1;
                continue;
            }
            let rest: String = chars[i..].iter().collect();
            for label in &self.labels_longest_first {
                if rest.starts_with(label.as_str()) {
                    let n = label.chars().count();
                    if i + n == chars.len() || is_separator(chars[i + n]) {
                        tokens.push(label.clone());
                        i += n;
                        continue 'outer;
                    }
                }
            }
            let start = i;
            while i < chars.len() && !is_separator(chars[i]) {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        }
        tokens
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(code: &str, label: &str, aliases: &[&str]) -> Entry {
        Entry {
            code: code.into(),
            label: label.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn level() -> Vocabulary {
        Vocabulary::new(
            "level".into(),
            "行使层级".into(),
            None,
            vec![
                e("3", "市级", &[]),
                e("4", "县级", &["区级"]),
                e("5", "镇（乡、街道）级", &["乡镇级"]),
            ],
            vec![],
        )
    }

    #[test]
    fn label_first() {
        let v = Vocabulary::new(
            "case_kind".into(),
            "办件类型".into(),
            None,
            vec![e("1", "即办件", &["即办"]), e("2", "承诺件", &[])],
            vec![],
        );
        assert_eq!(v.lookup("承诺件"), Lookup::Code("2".into()));
        assert_eq!(v.lookup("1"), Lookup::Code("1".into()));
        assert_eq!(v.lookup("1 承诺件"), Lookup::Code("2".into()));
        assert_eq!(v.lookup("1-承诺件"), Lookup::Code("2".into()));
        assert_eq!(v.lookup("承诺件（2）"), Lookup::Code("2".into()));
        assert_eq!(v.lookup(" 即办 "), Lookup::Code("1".into()));
        assert_eq!(v.lookup("3"), Lookup::NotFound);
        assert_eq!(v.lookup("上报件"), Lookup::NotFound);
    }

    #[test]
    fn padding_and_uncoded() {
        let v = Vocabulary::new(
            "item_type".into(),
            "事项类型".into(),
            Some(2),
            vec![e("01", "行政许可", &[]), e("20", "公共服务", &[])],
            vec![UncodedEntry {
                label: "行政备案".into(),
                aliases: vec![],
            }],
        );
        assert_eq!(v.lookup("1"), Lookup::Code("01".into()));
        assert_eq!(v.lookup("01"), Lookup::Code("01".into()));
        assert_eq!(v.lookup("1.0"), Lookup::Code("01".into()));
        assert_eq!(v.lookup("行政备案"), Lookup::Uncoded("行政备案".into()));
    }

    #[test]
    fn multi_values_keep_labels_with_separators() {
        let v = level();
        assert_eq!(v.split_multi("市级、县级"), vec!["市级", "县级"]);
        assert_eq!(
            v.split_multi("县级、镇（乡、街道）级"),
            vec!["县级", "镇(乡、街道)级"]
        );
        assert_eq!(v.split_multi("3^4^5"), vec!["3", "4", "5"]);
        assert_eq!(v.split_multi("3,4，5"), vec!["3", "4", "5"]);
        let codes: Vec<Lookup> = v
            .split_multi("县级、镇（乡、街道）级")
            .iter()
            .map(|t| v.lookup(t))
            .collect();
        assert_eq!(
            codes,
            vec![Lookup::Code("4".into()), Lookup::Code("5".into())]
        );
    }
}
