//! Row sources: turn xlsx, xls and CSV files into rows of (column, text).
//!
//! xlsx is read with calamine's streaming cell reader, so memory stays flat
//! however many rows a sheet has; xls (at most 65,536 rows) is read whole.
//! CSV is decoded while streaming: UTF-8 with or without BOM, UTF-16 with
//! BOM, and GBK/GB18030 detected from a sample with chardetng.

use super::limits::Limits;
use super::{table, Event, ReadError, Source};
use crate::standard::Standard;
use calamine::{DataType, Reader, SheetVisible};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;

/// One spreadsheet row: 1-based number and its non-empty cells.
#[derive(Debug, Clone, Default)]
pub struct RawRow {
    pub number: u32,
    /// (0-based column, text, was numeric)
    pub cells: Vec<(u32, String, bool)>,
    /// (0-based column, length in bytes) of cells cut to the cell limit.
    pub cut: Vec<(u32, u64)>,
}

impl RawRow {
    /// A row of the cells read so far.
    fn new(number: u32) -> RawRow {
        RawRow {
            number,
            ..RawRow::default()
        }
    }

    /// Add a cell, its text cut to the cell limit.
    fn push(&mut self, col: u32, text: Cell, numeric: bool) {
        if let Some(len) = text.1 {
            self.cut.push((col, len));
        }
        self.cells.push((col, text.0, numeric));
    }
}

/// A cell's text and, when it was cut to the cell limit, its length.
type Cell = (String, Option<u64>);

pub trait RowSource {
    fn next_row(&mut self) -> Result<Option<RawRow>, String>;
}

/// Format a number as a spreadsheet shows it, without `.0`.
pub fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// A cell's text as the spreadsheet shows it, and whether it was a number.
/// Works for both calamine cell types (owned `Data`, borrowed `DataRef`).
/// An Excel serial date-time as people write it: `2024-03-01`, or
/// `2024-03-01 13:45:00` with a time; a duration as `36:30:00`.
pub fn excel_date_text(serial: f64, duration: bool) -> String {
    if !serial.is_finite() || serial.abs() > 3_000_000.0 {
        return number_text(serial);
    }
    let secs = (serial * 86_400.0).round() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    if duration {
        return format!("{:02}:{m:02}:{s:02}", days * 24 + h);
    }
    // serial 60 is Excel's fictitious 1900-02-29; before it, one day more
    let days = if days < 60 { days + 1 } else { days };
    // days since 1899-12-30, which is 25,569 days before 1970-01-01
    let (y, mo, d) = crate::output::civil_date(days - 25_569);
    if rem == 0 {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02}:{s:02}")
    }
}

fn cell_text(d: &impl DataType, limits: &Limits) -> Option<(Cell, bool)> {
    let (s, numeric) = if d.is_empty() {
        return None;
    } else if let Some(s) = d.get_string() {
        if s.trim().is_empty() {
            return None;
        }
        return Some((limits.cut_copy(s), false));
    } else if let Some(i) = d.get_int() {
        (i.to_string(), true)
    } else if let Some(f) = d.get_float() {
        (number_text(f), true)
    } else if let Some(b) = d.get_bool() {
        (if b { "是" } else { "否" }.to_string(), false)
    } else if let Some(dt) = d.get_datetime() {
        // a date in a sheet is a date, not its serial number
        (excel_date_text(dt.as_f64(), dt.is_duration()), false)
    } else if let Some(s) = d.get_datetime_iso().or(d.get_duration_iso()) {
        (s.to_string(), false)
    } else if let Some(e) = d.get_error() {
        // Excel's own text: #DIV/0!, #N/A, #VALUE! …
        (e.to_string(), false)
    } else {
        return None;
    };
    (!s.trim().is_empty()).then_some(((s, None), numeric))
}

struct XlsxRows<'a, RS: Read + std::io::Seek> {
    reader: calamine::XlsxCellReader<'a, RS>,
    pending: Option<(u32, u32, Cell, bool)>,
    done: bool,
    /// cells read so far
    cells: u64,
    limits: Limits,
}

impl<RS: Read + std::io::Seek> RowSource for XlsxRows<'_, RS> {
    fn next_row(&mut self) -> Result<Option<RawRow>, String> {
        let mut row: Option<RawRow> = None;
        loop {
            let cell = match self.pending.take() {
                Some(c) => Some(c),
                None if self.done => None,
                None => loop {
                    match self.reader.next_cell().map_err(|e| e.to_string())? {
                        None => {
                            self.done = true;
                            break None;
                        }
                        Some(c) => {
                            self.cells += 1;
                            if self.cells > self.limits.max_cells {
                                return Err(crate::tr!(
                                    "工作表超过 {} 个单元格（--max-cells）",
                                    "the sheet has more than {} cells (--max-cells)",
                                    self.limits.max_cells
                                ));
                            }
                            let (r, col) = c.get_position();
                            if let Some((t, n)) = cell_text(c.get_value(), &self.limits) {
                                break Some((r, col, t, n));
                            }
                        }
                    }
                },
            };
            let Some((r, col, text, numeric)) = cell else {
                return Ok(row);
            };
            match &mut row {
                None => {
                    let mut new = RawRow::new(r + 1);
                    new.push(col, text, numeric);
                    row = Some(new);
                }
                Some(cur) if cur.number == r + 1 => cur.push(col, text, numeric),
                Some(_) => {
                    self.pending = Some((r, col, text, numeric));
                    return Ok(row);
                }
            }
        }
    }
}

struct RangeRows {
    rows: std::vec::IntoIter<RawRow>,
}

impl RangeRows {
    fn new(range: &calamine::Range<calamine::Data>, limits: &Limits) -> Self {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let rows: Vec<RawRow> = range
            .rows()
            .enumerate()
            .filter_map(|(i, row)| {
                let mut raw = RawRow::new(r0 + i as u32 + 1);
                for (j, d) in row.iter().enumerate() {
                    if let Some((t, n)) = cell_text(d, limits) {
                        raw.push(c0 + j as u32, t, n);
                    }
                }
                (!raw.cells.is_empty()).then_some(raw)
            })
            .collect();
        RangeRows {
            rows: rows.into_iter(),
        }
    }
}

impl RowSource for RangeRows {
    fn next_row(&mut self) -> Result<Option<RawRow>, String> {
        Ok(self.rows.next())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Zip,
    Cfb,
    Html,
    Text,
    Unknown,
}

/// Whether a file name is an Excel/WPS lock file (`~$清单.xlsx`), which
/// an open workbook leaves beside itself.
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"))
}

/// Whether a compound file is an encrypted Office document (a
/// password-protected xlsx is a CFB with an `EncryptedPackage` stream).
fn is_encrypted_package(path: &Path) -> bool {
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let mut buf = vec![0u8; 1 << 20];
    let n = read_up_to(&mut f, &mut buf).unwrap_or(0);
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    buf[..n]
        .windows(needle.len())
        .any(|w| w == needle.as_slice())
}

pub(crate) fn sniff(path: &Path) -> Result<Kind, ReadError> {
    if is_lock_file(path) {
        return Err(ReadError::new(
            path,
            crate::tr!(
                "这是 Excel 或 WPS 在工作簿打开时留下的锁定文件，不是清单；请检查工作簿本身（去掉文件名开头的 ~$）",
                "this is the lock file Excel or WPS keeps while a workbook is open, not a list; check the workbook itself (its name without ~$)"
            ),
        ));
    }
    let mut f = File::open(path).map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
    let mut buf = vec![0u8; 4096];
    let n = read_up_to(&mut f, &mut buf)
        .map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
    buf.truncate(n);
    if n == 0 {
        return Err(ReadError::new(
            path,
            crate::tr!("文件是空的", "the file is empty"),
        ));
    }
    if buf.starts_with(b"PK\x03\x04") {
        return Ok(Kind::Zip);
    }
    if buf.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        if is_encrypted_package(path) {
            return Err(ReadError::new(
                path,
                crate::tr!(
                    "工作簿设有密码（已加密）；请打开它，取消密码（文件 → 信息 → 保护工作簿）后重新保存",
                    "the workbook is password-protected (encrypted); open it, remove the password (文件 → 信息 → 保护工作簿) and save it again"
                ),
            ));
        }
        return Ok(Kind::Cfb);
    }
    let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
    if head.contains("<html") || head.contains("<table") || head.contains("<!doctype") {
        return Ok(Kind::Html);
    }
    let binary =
        buf.iter().filter(|&&b| b == 0).count() > n / 10 && !buf.starts_with(&[0xFF, 0xFE]);
    if binary {
        Ok(Kind::Unknown)
    } else {
        Ok(Kind::Text)
    }
}

pub fn read_up_to(f: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        let k = f.read(&mut buf[n..])?;
        if k == 0 {
            break;
        }
        n += k;
    }
    Ok(n)
}

/// Read every visible sheet of a workbook. The file's content, not its
/// extension, decides the format: systems often export xlsx named .xls or
/// tab-separated text named .xls.
pub fn read_workbook(
    path: &Path,
    standard: &Standard,
    opts: &super::ReadOptions,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    let limits = &opts.limits;
    let err = |e: &dyn std::fmt::Display| unreadable(path, e);
    match sniff(path)? {
        Kind::Zip => {
            super::limits::check_zip(path, limits)?;
            let mut wb: calamine::Xlsx<_> = match calamine::open_workbook(path) {
                Ok(wb) => wb,
                Err(e) => {
                    // maybe an OpenDocument spreadsheet
                    if let Ok(mut ods) = calamine::open_workbook::<calamine::Ods<_>, _>(path) {
                        return read_ranges(path, &mut ods, standard, limits, sink);
                    }
                    return Err(err(&e));
                }
            };
            let mut hidden = super::grid::xlsx_hidden_rows(path);
            let sheets: Vec<_> = visible_sheets(path, wb.sheets_metadata(), sink)
                .into_iter()
                .map(|(name, source)| {
                    let rows = hidden.remove(&name);
                    (name, source, rows)
                })
                .collect();
            if sheets.len() > 1 {
                drop(wb);
                return read_sheets_side_by_side(path, sheets, standard, limits, sink);
            }
            for (name, source, rows) in sheets {
                read_sheet(path, &mut wb, &name, source, rows, standard, limits, sink)?;
            }
            Ok(())
        }
        Kind::Cfb => {
            super::limits::check_xls(path, limits)?;
            let mut wb: calamine::Xls<_> = calamine::open_workbook(path).map_err(|e| err(&e))?;
            read_ranges(path, &mut wb, standard, limits, sink)
        }
        Kind::Text => read_csv(path, opts, standard, sink),
        Kind::Html => Err(ReadError::new(
            path,
            crate::tr!(
                "这是以表格扩展名保存的 HTML 网页；请用表格软件打开它并另存为 .xlsx",
                "this is an HTML page saved with a spreadsheet extension; open it in a spreadsheet program and save it as .xlsx"
            ),
        )),
        Kind::Unknown => Err(ReadError::new(
            path,
            crate::tr!(
                "不是表格文件（无法识别的二进制内容）",
                "not a spreadsheet (unrecognised binary content)"
            ),
        )),
    }
}

/// Why calamine could not open a workbook or one of its sheets.
fn unreadable(path: &Path, e: &dyn std::fmt::Display) -> ReadError {
    let text = e.to_string();
    if text.to_lowercase().contains("password") {
        return ReadError::new(
            path,
            crate::tr!(
                "工作簿设有密码；请打开它，取消密码后重新保存",
                "the workbook is password-protected; open it, remove the password and save it again"
            ),
        );
    }
    if text.contains("xl/workbook.xml") || text.to_lowercase().contains("file not found") {
        return ReadError::new(
            path,
            crate::tr!(
                "不是工作簿：这是一个 zip 压缩包，但其中没有工作簿",
                "not a workbook: a zip archive without a workbook inside"
            ),
        );
    }
    // calamine's own words are English: under Chinese, what they mean
    ReadError::new(
        path,
        if crate::locale::is_zh() {
            "无法读取的表格文件（文件已损坏，或不是 Excel/WPS 能打开的格式）".to_string()
        } else {
            format!("not a readable spreadsheet: {text}")
        },
    )
}

/// Read one sheet of an open xlsx as a table: its hidden rows, then its
/// events.
#[allow(clippy::too_many_arguments)]
fn read_sheet(
    path: &Path,
    wb: &mut calamine::Xlsx<BufReader<File>>,
    name: &str,
    source: Arc<Source>,
    hidden: Option<Vec<u32>>,
    standard: &Standard,
    limits: &Limits,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    if let Some(rows) = hidden {
        sink(Event::HiddenRows {
            source: source.clone(),
            rows,
        });
    }
    let reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| unreadable(path, &e))?;
    let rows = XlsxRows {
        reader,
        pending: None,
        done: false,
        cells: 0,
        limits: *limits,
    };
    table::read_table(source, rows, standard, sink)
        .map(|_| ())
        .map_err(|m| ReadError::new(path, m))
}

/// Events a sheet's reader hands over at a time.
const SHEET_BATCH: usize = 64;

/// Read every sheet of an xlsx on a thread of its own (each opens the
/// workbook: calamine's cell reader borrows the workbook), and hand their
/// events on in a fixed rotation, a batch of [`SHEET_BATCH`] from each
/// sheet in turn. The rotation, not the threads' timing, decides the
/// order, so a check sees the same events at any thread count; the queues
/// are bounded, so a fast sheet waits for a slow one rather than filling
/// memory. An items sheet and a materials sheet so read side by side, and
/// the materials meet their items in the check's key join.
fn read_sheets_side_by_side(
    path: &Path,
    sheets: Vec<(String, Arc<Source>, Option<Vec<u32>>)>,
    standard: &Standard,
    limits: &Limits,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    use std::sync::mpsc::sync_channel;
    std::thread::scope(|s| {
        let mut queues = Vec::new();
        let mut readers = Vec::new();
        for (name, source, hidden) in sheets {
            let (tx, rx) = sync_channel::<Vec<Event>>(4);
            queues.push(Some(rx));
            readers.push(s.spawn(move || -> Result<(), ReadError> {
                let mut wb: calamine::Xlsx<_> =
                    calamine::open_workbook(path).map_err(|e| unreadable(path, &e))?;
                let mut batch = Vec::with_capacity(SHEET_BATCH);
                let mut send = |ev: Event| {
                    batch.push(ev);
                    if batch.len() == SHEET_BATCH {
                        // the rotation stops listening only after an error
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(SHEET_BATCH));
                        let _ = tx.send(full);
                    }
                };
                let read = read_sheet(
                    path, &mut wb, &name, source, hidden, standard, limits, &mut send,
                );
                let _ = tx.send(batch);
                read
            }));
        }
        // a batch from each sheet in turn, until every sheet is read
        while queues.iter().any(Option::is_some) {
            for q in queues.iter_mut() {
                match q.as_ref().map(|rx| rx.recv()) {
                    Some(Ok(batch)) => batch.into_iter().for_each(&mut *sink),
                    Some(Err(_)) => *q = None,
                    None => {}
                }
            }
        }
        // the first sheet's error, in workbook order
        readers
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect::<Result<Vec<()>, ReadError>>()
            .map(|_| ())
    })
}

/// The visible sheets, in workbook order; hidden ones (lookup lists for
/// dropdowns, as a rule) are reported as skipped.
fn visible_sheets(
    path: &Path,
    sheets: &[calamine::Sheet],
    sink: &mut dyn FnMut(Event),
) -> Vec<(String, Arc<Source>)> {
    let mut out = Vec::new();
    for s in sheets {
        let source = Arc::new(Source::new(
            path.display().to_string(),
            Some(s.name.clone()),
        ));
        if s.visible == SheetVisible::Visible {
            out.push((s.name.clone(), source));
        } else {
            sink(Event::Skipped {
                source,
                reason: "hidden sheet".into(),
            });
        }
    }
    out
}

fn read_ranges<R: Reader<BufReader<File>>>(
    path: &Path,
    wb: &mut R,
    standard: &Standard,
    limits: &super::limits::Limits,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError>
where
    R::Error: std::fmt::Display,
{
    for (name, source) in visible_sheets(path, wb.sheets_metadata(), sink) {
        let range = wb.worksheet_range(&name).map_err(|e| {
            ReadError::new(
                path,
                crate::tr!(
                    "工作表 {}：{}",
                    "sheet {}: {}",
                    name,
                    unreadable(path, &e).message
                ),
            )
        })?;
        let (h, w) = range.get_size();
        if (h as u64).saturating_mul(w as u64) > limits.max_cells {
            return Err(super::limits::too_many_cells(path, &name, limits));
        }
        table::read_table(source, RangeRows::new(&range, limits), standard, sink)
            .map_err(|m| ReadError::new(path, m))?;
    }
    Ok(())
}

/// Read a CSV (or tab-separated) file as one table.
pub fn read_csv(
    path: &Path,
    opts: &super::ReadOptions,
    standard: &Standard,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    let rows = CsvRows::open(path, opts)?;
    let source = Arc::new(Source::new(path.display().to_string(), None));
    table::read_table(source, rows, standard, sink)
        .map(|_| ())
        .map_err(|m| ReadError::new(path, m))
}

/// CSV rows, decoded as they stream.
pub struct CsvRows {
    reader: csv::Reader<Box<dyn Read>>,
    record: csv::StringRecord,
    number: u32,
    limits: Limits,
}

fn detect_encoding(sample: &[u8]) -> &'static encoding_rs::Encoding {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(sample) {
        return enc;
    }
    // Valid UTF-8 (allowing a sequence cut at the sample's end) is UTF-8.
    match std::str::from_utf8(sample) {
        Ok(_) => return encoding_rs::UTF_8,
        Err(e) if e.error_len().is_none() && sample.len() >= 4096 => return encoding_rs::UTF_8,
        Err(_) => {}
    }
    // Mostly UTF-8 with a stray byte or two (a file patched by hand, a
    // cell pasted from elsewhere) is UTF-8: its bad bytes become U+FFFD
    // and `garbled-text` findings, rather than the whole file misread.
    let (mut good, mut bad, mut rest) = (0usize, 0usize, sample);
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(t) => {
                good += t.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                good += valid.chars().filter(|c| !c.is_ascii()).count();
                match e.error_len() {
                    Some(n) => {
                        bad += 1;
                        rest = &rest[e.valid_up_to() + n..];
                    }
                    None => break,
                }
            }
        }
    }
    if good >= 20 && bad * 50 <= good {
        return encoding_rs::UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, sample.len() < 65536);
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GB18030 is a superset of GBK and decodes everything GBK does.
    if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    }
}

fn sniff_delimiter(sample: &str) -> u8 {
    let lines: Vec<&str> = sample.lines().take(20).collect();
    let mut best = (b',', 0usize);
    for d in [b',', b'\t', b';', b'|'] {
        let count: usize = lines.iter().map(|l| l.matches(d as char).count()).sum();
        if count > best.1 {
            best = (d, count);
        }
    }
    best.0
}

/// What to suggest when a file is not valid in the encoding chosen.
fn try_encoding(enc: &'static encoding_rs::Encoding) -> String {
    if enc == encoding_rs::UTF_8 {
        crate::tr!(
            "文件可能是 GBK 编码，试试 --encoding gbk",
            "the file may be GBK: try --encoding gbk"
        )
    } else {
        crate::tr!(
            "文件可能是 UTF-8 编码，试试 --encoding utf-8（或不加 --encoding，自动识别）",
            "the file may be UTF-8: try --encoding utf-8 (or leave --encoding out to detect it)"
        )
    }
}

/// With `--encoding`, bytes the encoding cannot decode are an error naming
/// their offset (without it, they are decoded as U+FFFD and each cell is a
/// `garbled-text` finding).
fn check_encoding(path: &Path, enc: &'static encoding_rs::Encoding) -> Result<(), ReadError> {
    use encoding_rs::DecoderResult;
    let mut f = File::open(path).map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
    let mut decoder = enc.new_decoder_with_bom_removal();
    let mut input = vec![0u8; 64 * 1024];
    let mut out = String::with_capacity(256 * 1024);
    let mut offset: u64 = 0;
    loop {
        let n = read_up_to(&mut f, &mut input)
            .map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
        let last = n < input.len();
        let mut at = 0;
        while at < n || (last && at == n) {
            out.clear();
            let (result, read) =
                decoder.decode_to_string_without_replacement(&input[at..n], &mut out, last);
            at += read;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => out.reserve(out.capacity()),
                DecoderResult::Malformed(bad, _) => {
                    let pos = offset + at as u64 - u64::from(bad);
                    return Err(ReadError::new(
                        path,
                        crate::tr!(
                            "第 {} 字节不是有效的 {} 编码；{}",
                            "byte {} is not valid {}; {}",
                            // counted from 1, as a reader counts
                            pos + 1,
                            enc.name(),
                            try_encoding(enc)
                        ),
                    ));
                }
            }
        }
        offset += n as u64;
        if last {
            return Ok(());
        }
    }
}

/// Whether text-file bytes are really a workbook's: `xlsx` for a zip,
/// `xls` for a compound file.
pub fn workbook_magic(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"PK\x03\x04") {
        Some("xlsx")
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("xls")
    } else {
        None
    }
}

impl CsvRows {
    pub fn open(path: &Path, opts: &super::ReadOptions) -> Result<CsvRows, ReadError> {
        let encoding = opts.encoding.as_deref();
        let mut f =
            File::open(path).map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
        let mut sample = vec![0u8; 256 * 1024];
        let n = read_up_to(&mut f, &mut sample)
            .map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
        sample.truncate(n);
        if let Some(kind) = workbook_magic(&sample) {
            return Err(ReadError::new(
                path,
                crate::tr!(
                    "这是一个 {} 工作簿，却以 .{} 扩展名保存；请把它改名为 .{} 再检查",
                    "this is an {} workbook saved with the extension .{}; rename it to .{} and check it again",
                    kind,
                    path.extension().map(|e| e.to_string_lossy()).unwrap_or_default(),
                    kind
                ),
            ));
        }
        let enc = match encoding {
            Some(label) => {
                encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                    ReadError::new(
                        path,
                        crate::tr!(
                            "未知的编码 `{}`（如 gbk、gb18030、utf-8）",
                            "unknown encoding `{}` (e.g. gbk, gb18030, utf-8)",
                            label
                        ),
                    )
                })?
            }
            None => detect_encoding(&sample),
        };
        if encoding.is_some() {
            check_encoding(path, enc)?;
        }
        let (decoded_sample, _, _) = enc.decode(&sample);
        let delimiter = sniff_delimiter(&decoded_sample);
        let file = File::open(path).map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
        let decoder = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(enc))
            .bom_override(encoding.is_none())
            .strip_bom(true)
            .build(BufReader::new(file));
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(Box::new(decoder) as Box<dyn Read>);
        Ok(CsvRows {
            reader,
            record: csv::StringRecord::new(),
            number: 0,
            limits: opts.limits,
        })
    }
}

impl RowSource for CsvRows {
    fn next_row(&mut self) -> Result<Option<RawRow>, String> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {
                    self.number += 1;
                    let mut row = RawRow::new(self.number);
                    for (i, s) in self.record.iter().enumerate() {
                        if !s.trim().is_empty() {
                            row.push(i as u32, self.limits.cut_copy(s), false);
                        }
                    }
                    if row.cells.is_empty() {
                        continue;
                    }
                    return Ok(Some(row));
                }
                Err(e) => {
                    return Err(match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => {
                            crate::tr!(
                            "文本不符合识别出的编码；请用 --encoding 指定（如 gbk）",
                            "the text is not valid in the detected encoding; pass --encoding (e.g. gbk)"
                        )
                        }
                        _ => crate::tr!(
                            "CSV 第 {} 条记录：{}",
                            "CSV record {}: {}",
                            self.number + 1,
                            e
                        ),
                    })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_read_as_dates() {
        assert_eq!(excel_date_text(45352.0, false), "2024-03-01");
        assert_eq!(excel_date_text(25569.0, false), "1970-01-01");
        assert_eq!(excel_date_text(1.0, false), "1900-01-01");
        assert_eq!(excel_date_text(61.0, false), "1900-03-01");
        assert_eq!(excel_date_text(45352.5, false), "2024-03-01 12:00:00");
        assert_eq!(excel_date_text(1.5, true), "36:00:00");
    }

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(number_text(20.0), "20");
        assert_eq!(number_text(20.5), "20.5");
        assert_eq!(number_text(104002000.0), "104002000");
    }

    #[test]
    fn encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("事项名称,基本编码\n食品经营许可,000111001000\n");
        assert_eq!(detect_encoding(&gbk), encoding_rs::GB18030);
        assert_eq!(detect_encoding("事项名称".as_bytes()), encoding_rs::UTF_8);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("事项名称".as_bytes());
        assert_eq!(detect_encoding(&bom), encoding_rs::UTF_8);
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3"), b'\t');
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3"), b',');
    }
}
