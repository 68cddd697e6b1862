//! A log of keyed records for what looks across a whole file (duplicate
//! codes and items, materials whose item never comes): held in memory up
//! to a bound, then written in sorted runs to an anonymous temporary file,
//! and read back at the end merged in key order. A check so holds a window
//! of the file, not every key of a province: the decisions that need the
//! whole file are made once it is read, from records sorted by key, as an
//! external sort-merge join would.
//!
//! Records are ordered by (key hash, sequence number); the sequence is
//! the order of arrival, so the first record of a key is its first
//! occurrence in the file, whatever the thread count.

use super::{At, Params, RuleId, Sink};
use crate::catalogue::{Field, Source};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::sync::Arc;

/// One record: a key's hash, its arrival, a cell, a number and texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub hash: u64,
    pub seq: u64,
    /// The record's table, an index into [`KeyLog::sources`].
    pub src: u32,
    pub row: u32,
    pub col: Option<u32>,
    /// Whatever the log's owner needs besides (a hash of codes, a kind).
    pub extra: u64,
    pub texts: Vec<Box<str>>,
}

impl Record {
    fn weight(&self) -> usize {
        std::mem::size_of::<Record>() + self.texts.iter().map(|t| t.len() + 16).sum::<usize>()
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.hash.to_le_bytes());
        out.extend_from_slice(&self.seq.to_le_bytes());
        out.extend_from_slice(&self.src.to_le_bytes());
        out.extend_from_slice(&self.row.to_le_bytes());
        out.extend_from_slice(&self.col.map_or(0, |c| c + 1).to_le_bytes());
        out.extend_from_slice(&self.extra.to_le_bytes());
        out.extend_from_slice(&(self.texts.len() as u32).to_le_bytes());
        for t in &self.texts {
            out.extend_from_slice(&(t.len() as u32).to_le_bytes());
            out.extend_from_slice(t.as_bytes());
        }
    }

    fn decode(b: &[u8]) -> Option<Record> {
        let mut at = 0usize;
        let mut take = |n: usize| {
            let s = b.get(at..at + n)?;
            at += n;
            Some(s)
        };
        let u64_ = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap_or_default());
        let u32_ = |s: &[u8]| u32::from_le_bytes(s.try_into().unwrap_or_default());
        let hash = u64_(take(8)?);
        let seq = u64_(take(8)?);
        let src = u32_(take(4)?);
        let row = u32_(take(4)?);
        let col = u32_(take(4)?).checked_sub(1);
        let extra = u64_(take(8)?);
        let n = u32_(take(4)?) as usize;
        let mut texts = Vec::with_capacity(n.min(16));
        for _ in 0..n {
            let len = u32_(take(4)?) as usize;
            texts.push(String::from_utf8_lossy(take(len)?).into());
        }
        Some(Record {
            hash,
            seq,
            src,
            row,
            col,
            extra,
            texts,
        })
    }
}

/// Log an item's cell, as the rules across items do: the field's value
/// first, then the item's code (empty when none), then `more`.
pub fn log_field(
    log: &mut KeyLog,
    sink: &Sink<'_>,
    source: &Arc<Source>,
    f: &Field,
    (hash, seq): (u64, u64),
    extra: u64,
    more: &[&str],
) {
    let mut texts: Vec<Box<str>> = Vec::with_capacity(2 + more.len());
    texts.push(f.text.as_str().into());
    texts.push(sink.item().map_or_else(|| "".into(), |c| c.as_ref().into()));
    texts.extend(more.iter().map(|m| Box::<str>::from(*m)));
    let r = Record {
        hash,
        seq,
        src: log.source(source),
        row: f.row,
        col: f.col,
        extra,
        texts,
    };
    log.push(r);
}

/// Report a finding at a logged cell (see [`log_field`]), counted
/// against the item numbered `ordinal`, if any.
pub fn emit_at(
    sink: &mut Sink<'_>,
    (rule, ordinal): (RuleId, Option<usize>),
    sources: &[Arc<Source>],
    r: &Record,
    element: Option<usize>,
    params: Params,
) {
    let Some(source) = sources.get(r.src as usize) else {
        return;
    };
    let item = r
        .texts
        .get(1)
        .filter(|c| !c.is_empty())
        .map(|c| Arc::from(&**c));
    sink.set_item_at(item, ordinal);
    let at =
        At::cell(source, Some(r.row), r.col, element).with_value(r.texts.first().map(|v| &**v));
    sink.emit(rule, at, params);
    sink.set_item_at(None, None);
}

/// The most bytes of records a log holds in memory before it writes a
/// run: `SANTONG_SPILL_WINDOW` (bytes; the tests make it tiny), else 8 MiB.
fn window() -> usize {
    std::env::var("SANTONG_SPILL_WINDOW")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(8 << 20)
}

/// Records, in memory and in sorted runs on disk.
pub struct KeyLog {
    window: usize,
    held: Vec<Record>,
    weight: usize,
    /// The spill file and where each run starts and ends in it.
    spill: Option<BufWriter<File>>,
    runs: Vec<(u64, u64)>,
    written: u64,
    /// Writing failed (a full or read-only temporary directory): keep
    /// everything in memory rather than lose records.
    in_memory: bool,
    sources: Vec<Arc<Source>>,
}

impl Default for KeyLog {
    fn default() -> Self {
        KeyLog::with_window(window())
    }
}

impl KeyLog {
    /// A log that writes a run whenever `window` bytes are held.
    pub fn with_window(window: usize) -> Self {
        KeyLog {
            window,
            held: Vec::new(),
            weight: 0,
            spill: None,
            runs: Vec::new(),
            written: 0,
            in_memory: false,
            sources: Vec::new(),
        }
    }

    /// The index of a table, for [`Record::src`] (a file has a few).
    pub fn source(&mut self, s: &Arc<Source>) -> u32 {
        let same = |k: &Arc<Source>| Arc::ptr_eq(k, s) || (k.path == s.path && k.sheet == s.sheet);
        match self.sources.iter().rposition(same) {
            Some(i) => i as u32,
            None => {
                self.sources.push(s.clone());
                (self.sources.len() - 1) as u32
            }
        }
    }

    /// The tables records name.
    pub fn sources(&self) -> &[Arc<Source>] {
        &self.sources
    }

    pub fn push(&mut self, r: Record) {
        self.weight += r.weight();
        self.held.push(r);
        if self.weight >= self.window && !self.in_memory && self.write_run().is_err() {
            self.in_memory = true;
        }
    }

    fn write_run(&mut self) -> std::io::Result<()> {
        self.held.sort_unstable_by_key(|r| (r.hash, r.seq));
        if self.spill.is_none() {
            self.spill = Some(BufWriter::with_capacity(1 << 16, tempfile::tempfile()?));
        }
        let Some(w) = self.spill.as_mut() else {
            return Ok(());
        };
        let start = self.written;
        let mut buf = Vec::with_capacity(256);
        for r in &self.held {
            buf.clear();
            r.encode(&mut buf);
            w.write_all(&(buf.len() as u32).to_le_bytes())?;
            w.write_all(&buf)?;
            self.written += 4 + buf.len() as u64;
        }
        self.runs.push((start, self.written));
        self.held.clear();
        self.held.shrink_to(self.window / 256);
        self.weight = 0;
        Ok(())
    }

    /// Every record, ordered by (hash, seq).
    pub fn into_sorted(mut self) -> Sorted {
        self.held.sort_unstable_by_key(|r| (r.hash, r.seq));
        let held = std::mem::take(&mut self.held).into_iter();
        let file = self.spill.take().and_then(|w| w.into_inner().ok());
        // 4 MiB for all runs' blocks, 4 KiB each at least
        let block = ((4 << 20) / self.runs.len().max(1)).clamp(4 << 10, 1 << 16);
        let mut runs: Vec<Run> = match &file {
            Some(f) => self
                .runs
                .iter()
                .map(|&(start, end)| Run::new(f, start, end, block))
                .collect(),
            None => Vec::new(),
        };
        let mut heads = BinaryHeap::new();
        for (i, run) in runs.iter_mut().enumerate() {
            if let Some(r) = run.next() {
                heads.push(Reverse(Head(r, i)));
            }
        }
        Sorted {
            held: held.peekable(),
            file,
            runs,
            heads,
        }
    }
}

/// A run's next record, ordered for the merge.
struct Head(Record, usize);

impl PartialEq for Head {
    fn eq(&self, o: &Self) -> bool {
        (self.0.hash, self.0.seq) == (o.0.hash, o.0.seq)
    }
}
impl Eq for Head {}
impl PartialOrd for Head {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Head {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.0.hash, self.0.seq).cmp(&(o.0.hash, o.0.seq))
    }
}

/// A sorted run, read in blocks at its own offsets of the shared file.
struct Run {
    /// Bytes read at a time: the runs of a log share a fixed budget, so
    /// merging a longer file does not take more memory.
    block: usize,
    pos: u64,
    end: u64,
    buf: Vec<u8>,
    at: usize,
    file: Option<File>,
}

impl Run {
    fn new(f: &File, start: u64, end: u64, block: usize) -> Run {
        Run {
            block,
            pos: start,
            end,
            buf: Vec::new(),
            at: 0,
            file: f.try_clone().ok(),
        }
    }

    /// Bytes `n` ahead of the cursor, reading on when the block runs out.
    fn fill(&mut self, n: usize) -> Option<()> {
        if self.buf.len() - self.at >= n {
            return Some(());
        }
        self.buf.drain(..self.at);
        self.at = 0;
        let want = (n - self.buf.len()).max(self.block);
        let left = (self.end - self.pos) as usize;
        let len = want.min(left);
        if len == 0 {
            return None;
        }
        let old = self.buf.len();
        self.buf.resize(old + len, 0);
        read_at(self.file.as_ref()?, &mut self.buf[old..], self.pos).ok()?;
        self.pos += len as u64;
        (self.buf.len() >= n).then_some(())
    }

    fn next(&mut self) -> Option<Record> {
        self.fill(4)?;
        let len = u32::from_le_bytes(self.buf[self.at..self.at + 4].try_into().ok()?) as usize;
        self.at += 4;
        self.fill(len)?;
        let r = Record::decode(&self.buf[self.at..self.at + len]);
        self.at += len;
        r
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], pos: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, pos)
}

#[cfg(windows)]
fn read_at(f: &File, mut buf: &mut [u8], mut pos: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(f, buf, pos)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        pos += n as u64;
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_at(f: &File, buf: &mut [u8], pos: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = f.try_clone()?;
    f.seek(SeekFrom::Start(pos))?;
    f.read_exact(buf)
}

/// A log's records in key order: the held ones merged with the runs.
pub struct Sorted {
    held: std::iter::Peekable<std::vec::IntoIter<Record>>,
    #[allow(dead_code)]
    file: Option<File>,
    runs: Vec<Run>,
    heads: BinaryHeap<Reverse<Head>>,
}

impl Iterator for Sorted {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let from_runs = match (self.heads.peek(), self.held.peek()) {
            (None, None) => return None,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(Reverse(Head(h, _))), Some(m)) => (h.hash, h.seq) < (m.hash, m.seq),
        };
        if !from_runs {
            return self.held.next();
        }
        let Reverse(Head(r, i)) = self.heads.pop()?;
        if let Some(n) = self.runs[i].next() {
            self.heads.push(Reverse(Head(n, i)));
        }
        Some(r)
    }
}

/// Records grouped by key hash, in hash order, each group in arrival order.
pub fn groups(sorted: Sorted) -> impl Iterator<Item = Vec<Record>> {
    let mut sorted = sorted.peekable();
    std::iter::from_fn(move || {
        let first = sorted.next()?;
        let mut group = vec![first];
        while let Some(r) = sorted.next_if(|r| r.hash == group[0].hash) {
            group.push(r);
        }
        Some(group)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(hash: u64, seq: u64, text: &str) -> Record {
        Record {
            hash,
            seq,
            src: 0,
            row: seq as u32 + 2,
            col: (!seq.is_multiple_of(3)).then_some(seq as u32 % 7),
            extra: hash ^ seq,
            texts: vec![text.into(), "实施编码".into()],
        }
    }

    /// The records of a log whose window forces `runs` runs, in order.
    fn through(window: usize, records: &[Record]) -> (Vec<Record>, usize) {
        let mut log = KeyLog::with_window(window);
        for r in records {
            log.push(r.clone());
        }
        let runs = log.runs.len();
        (log.into_sorted().collect(), runs)
    }

    #[test]
    fn records_come_back_in_key_order_whether_held_or_spilled() {
        let records: Vec<Record> = (0..5000u64)
            .map(|i| rec((i * 7919) % 613, i, &format!("值{i}")))
            .collect();
        let mut want = records.clone();
        want.sort_by_key(|r| (r.hash, r.seq));
        let (held, runs) = through(usize::MAX, &records);
        assert_eq!(runs, 0);
        assert_eq!(held, want);
        // a tiny window: dozens of runs, merged
        let (spilled, runs) = through(4096, &records);
        assert!(runs > 20, "{runs} runs");
        assert_eq!(spilled, want);
    }

    #[test]
    fn groups_hold_one_key_each_first_arrival_first() {
        let records = [
            rec(5, 0, "a"),
            rec(3, 1, "b"),
            rec(5, 2, "c"),
            rec(5, 3, "d"),
        ];
        let mut log = KeyLog::with_window(1);
        for r in &records {
            log.push(r.clone());
        }
        let g: Vec<Vec<u64>> = groups(log.into_sorted())
            .map(|g| g.iter().map(|r| r.seq).collect())
            .collect();
        assert_eq!(g, vec![vec![1], vec![0, 2, 3]]);
    }

    #[test]
    fn a_table_is_numbered_once() {
        let mut log = KeyLog::default();
        let a = Arc::new(Source::new("a.xlsx", Some("事项".into())));
        let b = Arc::new(Source::new("a.xlsx", Some("材料".into())));
        assert_eq!((log.source(&a), log.source(&b), log.source(&a)), (0, 1, 0));
        assert_eq!(log.sources().len(), 2);
    }
}
