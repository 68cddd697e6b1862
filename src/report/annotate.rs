//! `check --annotate OUT.xlsx`: the city's own workbook sent back with the
//! wrong cells marked. A copy of every sheet and value (column widths and
//! merged ranges too) in which each cell with a finding is filled by its
//! worst severity (error red, warning amber, info blue) and carries a note
//! with the rule, message and fix; a first sheet 检查结果 lists every
//! finding with a link to its cell and sums them up by rule.

use super::emit::{totals_by_rule, FindingView};
use super::words::{severity, severity_count, severity_heading};
use crate::catalogue::column_letter;
use crate::catalogue::grid::{CellValue, Grid};
use crate::check::FileReport;
use crate::i18n::ui;
use crate::i18n::Lang;
use crate::standard::{Severity, Standard};
use rust_xlsxwriter::{Color, Format, FormatBorder, Note, Url, Worksheet, XlsxError};
use std::collections::HashMap;

const SUMMARY: &str = "检查结果";
/// Excel's limit on the text of a cell.
const MAX_TEXT: usize = 32_767;

fn fill(s: Severity) -> Color {
    match s {
        Severity::Error => Color::RGB(0xFFC7CE),
        Severity::Warning => Color::RGB(0xFFE699),
        _ => Color::RGB(0xBDD7EE),
    }
}

fn clip(s: &str) -> &str {
    if s.len() <= MAX_TEXT {
        return s;
    }
    let mut end = MAX_TEXT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// What a cell with findings shows: its worst severity and the notes.
#[derive(Default)]
struct Marks {
    worst: Option<Severity>,
    lines: Vec<String>,
}

/// The annotated copy of a checked workbook (or CSV), as xlsx bytes.
pub fn annotated_workbook(
    grids: &[Grid],
    report: &FileReport,
    std: &Standard,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    build(grids, report, std, lang).map_err(|e| {
        crate::tr!(
            "无法写出批注工作簿：{}",
            "cannot write the annotated workbook: {}",
            e
        )
    })
}

fn build(
    grids: &[Grid],
    report: &FileReport,
    std: &Standard,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let single = grids.first().map(|g| g.name.clone()).unwrap_or_default();
    let sheet_of = |s: &Option<String>| s.clone().unwrap_or_else(|| single.clone());
    // cell → marks; a finding with a row but no column marks the row's first cell
    let mut marks: HashMap<(String, u32, u16), Marks> = HashMap::new();
    for f in &report.findings {
        if f.row.is_none() {
            continue;
        }
        let x = FindingView::new(f, std, lang);
        let mut line = format!("[{}] {}", f.rule, x.message);
        if let Some(fix) = &x.fix {
            line.push_str(&format!("\n{}{fix}", ui::FIX.get(lang)));
        }
        // a finding of one cause on many rows marks every one of them
        for row in f.rows() {
            let key = (
                sheet_of(&f.source.sheet),
                row.saturating_sub(1),
                f.col.unwrap_or(0) as u16,
            );
            let m = marks.entry(key).or_default();
            m.worst = Some(m.worst.map_or(f.severity, |w| w.min(f.severity)));
            m.lines.push(line.clone());
        }
    }

    let mut wb = crate::output::workbook();
    let summary_name = if grids.iter().any(|g| g.name == SUMMARY) {
        format!("{SUMMARY} (santong)")
    } else {
        SUMMARY.to_string()
    };
    let ws = wb.add_worksheet();
    ws.set_name(&summary_name)?;
    write_summary(ws, grids, report, std, lang, &single)?;

    for g in grids {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(&g.name)?;
        copy_sheet(ws, g, &marks)?;
        crate::output::print_setup(ws, true, None, ui::PAGE_FOOTER.get(lang))?;
        if g.hidden {
            ws.set_hidden(true);
        }
    }
    wb.save_to_buffer()
}

fn write_summary(
    ws: &mut Worksheet,
    grids: &[Grid],
    report: &FileReport,
    std: &Standard,
    lang: Lang,
    single: &str,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9D9D9))
        .set_border(FormatBorder::Thin);
    let count = |s| report.count(s);
    ws.write_string_with_format(0, 0, ui::CHECK_RESULTS.get(lang), &title)?;
    ws.write_string(1, 0, clip(&report.path))?;
    ws.write_string(
        2,
        0,
        format!(
            "{} {} {}　{} {}，{} {}，{} {}",
            std.name,
            std.version,
            ui::TEXT.get(lang),
            severity_count(Severity::Error, lang),
            count(Severity::Error),
            severity_count(Severity::Warning, lang),
            count(Severity::Warning),
            severity_count(Severity::Info, lang),
            count(Severity::Info)
        ),
    )?;

    let r = write_rule_totals(ws, report, std, lang, &bold, &head)?;
    let head_row = write_findings(ws, r, grids, report, std, lang, single, (&bold, &head))?;
    ws.set_freeze_panes(head_row + 1, 0)?;
    crate::output::print_setup(
        ws,
        true,
        Some((head_row, head_row)),
        ui::PAGE_FOOTER.get(lang),
    )?;
    ws.set_active(true);
    Ok(())
}

/// The findings per rule, most first, from row 4; returns the next row.
fn write_rule_totals(
    ws: &mut Worksheet,
    report: &FileReport,
    std: &Standard,
    lang: Lang,
    bold: &Format,
    head: &Format,
) -> Result<u32, XlsxError> {
    // summary by rule
    let mut r = 4u32;
    ws.write_string_with_format(r, 0, ui::BY_RULE.get(lang), bold)?;
    r += 1;
    // columns line up with the findings table below: rule, three counts, description
    let rule_head = [
        ui::RULE.get(lang),
        severity_heading(Severity::Error, lang),
        severity_heading(Severity::Warning, lang),
        severity_heading(Severity::Info, lang),
        ui::DESCRIPTION.get(lang),
    ];
    for (c, h) in rule_head.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, head)?;
    }
    r += 1;
    for t in totals_by_rule(std, lang, &report.findings) {
        ws.write_string(r, 0, t.id)?;
        for (k, v) in [t.errors, t.warnings, t.infos].iter().enumerate() {
            ws.write_number(r, 1 + k as u16, *v as f64)?;
        }
        ws.write_string(r, 4, t.title)?;
        r += 1;
    }

    Ok(r)
}

/// Every finding, linked to its cell, below row `r`; returns the table's
/// header row.
#[allow(clippy::too_many_arguments)]
fn write_findings(
    ws: &mut Worksheet,
    mut r: u32,
    grids: &[Grid],
    report: &FileReport,
    std: &Standard,
    lang: Lang,
    single: &str,
    (bold, head): (&Format, &Format),
) -> Result<u32, XlsxError> {
    let wrap = Format::new().set_text_wrap();
    let link = Format::new()
        .set_font_color(Color::RGB(0x0563C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);
    // every finding, linked to its cell
    r += 1;
    ws.write_string_with_format(r, 0, ui::FINDINGS.get(lang), bold)?;
    r += 1;
    let head_row = r;
    let cols = [
        (ui::RULE.get(lang), 28.0),
        (ui::SEVERITY.get(lang), 9.0),
        (ui::SHEET.get(lang), 14.0),
        (ui::CELL.get(lang), 9.0),
        (ui::ELEMENT.get(lang), 16.0),
        (ui::VALUE.get(lang), 30.0),
        (ui::MESSAGE.get(lang), 50.0),
        (ui::FIX_2.get(lang), 40.0),
    ];
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    r += 1;
    let sheet_exists = |s: &str| grids.iter().any(|g| g.name == s);
    for f in &report.findings {
        let x = FindingView::new(f, std, lang);
        let sheet = f.source.sheet.clone().unwrap_or_else(|| single.to_string());
        ws.write_string(r, 0, &f.rule)?;
        ws.write_string_with_format(
            r,
            1,
            severity(f.severity, lang),
            &Format::new().set_background_color(fill(f.severity)),
        )?;
        ws.write_string(r, 2, clip(&sheet))?;
        if let Some(row) = f.row {
            let cell = format!("{}{row}", column_letter(f.col.unwrap_or(0)));
            if sheet_exists(&sheet) {
                let target = format!("internal:'{}'!{cell}", sheet.replace('\'', "''"));
                ws.write_url_with_format(r, 3, Url::new(target).set_text(&cell), &link)?;
            } else {
                ws.write_string(r, 3, &cell)?;
            }
        }
        if let Some(l) = x.label {
            ws.write_string(r, 4, l)?;
        }
        if let Some(v) = &f.value {
            ws.write_string(r, 5, clip(v))?;
        }
        let message = clip(&x.message);
        ws.write_string_with_format(r, 6, message, &wrap)?;
        let fix = x.fix.as_deref().map(clip).unwrap_or_default();
        if !fix.is_empty() {
            ws.write_string_with_format(r, 7, fix, &wrap)?;
        }
        // rows grow to their wrapped text, or it prints over the rows below
        crate::output::fit_row(ws, r, &[(message, cols[6].1), (fix, cols[7].1)])?;
        r += 1;
    }
    if !report.findings.is_empty() {
        ws.autofilter(head_row, 0, r - 1, (cols.len() - 1) as u16)?;
    }
    Ok(head_row)
}

fn write_value(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: &CellValue,
    fmt: Option<&Format>,
) -> Result<(), XlsxError> {
    let plain = Format::new();
    let f = fmt.unwrap_or(&plain);
    match v {
        CellValue::Text(s) => ws.write_string_with_format(r, c, clip(s), f)?,
        CellValue::Number(n) => ws.write_number_with_format(r, c, *n, f)?,
        CellValue::Bool(b) => ws.write_boolean_with_format(r, c, *b, f)?,
        CellValue::DateTime(n, duration) => {
            let num = if *duration {
                "[h]:mm:ss"
            } else if n.fract() == 0.0 {
                "yyyy-mm-dd"
            } else {
                "yyyy-mm-dd hh:mm:ss"
            };
            ws.write_number_with_format(r, c, *n, &f.clone().set_num_format(num))?
        }
        CellValue::Error(e) => ws.write_string_with_format(r, c, e, f)?,
    };
    Ok(())
}

fn copy_sheet(
    ws: &mut Worksheet,
    g: &Grid,
    marks: &HashMap<(String, u32, u16), Marks>,
) -> Result<(), XlsxError> {
    for &r in &g.hidden_rows {
        ws.set_row_hidden(r)?;
    }
    let max_col = g.cells.iter().map(|c| c.1).max().unwrap_or(0);
    for &(first, last, px) in &g.widths {
        for c in first..=last.min(max_col.saturating_add(16)) {
            ws.set_column_width_pixels(c, u32::from(px))?;
        }
    }
    let formats: HashMap<Severity, Format> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| {
            (
                s,
                Format::new()
                    .set_background_color(fill(s))
                    .set_border(FormatBorder::Thin)
                    .set_border_color(Color::RGB(0xC00000)),
            )
        })
        .collect();
    let mark_of = |r: u32, c: u16| marks.get(&(g.name.clone(), r, c));
    let fmt_of = |r: u32, c: u16| {
        mark_of(r, c)
            .and_then(|m| m.worst)
            .and_then(|s| formats.get(&s))
    };
    // Written row by row (the sheet is in constant-memory mode): at each
    // row its merged ranges, then its values, then its marked empty cells.
    let mut cells: Vec<&(u32, u16, CellValue)> = g.cells.iter().collect();
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let values: HashMap<(u32, u16), &CellValue> =
        g.cells.iter().map(|(r, c, v)| ((*r, *c), v)).collect();
    let mut merges: Vec<(u32, u16, u32, u16)> = g
        .merges
        .iter()
        .copied()
        .filter(|&(r1, c1, r2, c2)| (r1, c1) != (r2, c2))
        .collect();
    merges.sort();
    let mut blanks: Vec<(u32, u16)> = marks
        .keys()
        .filter(|(sheet, r, c)| sheet == &g.name && !values.contains_key(&(*r, *c)))
        .map(|(_, r, c)| (*r, *c))
        .collect();
    blanks.sort();
    let mut rows: Vec<u32> = cells
        .iter()
        .map(|c| c.0)
        .chain(merges.iter().map(|m| m.0))
        .chain(blanks.iter().map(|b| b.0))
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let (mut ci, mut mi, mut bi) = (0, 0, 0);
    let mut merged_top_left = std::collections::HashSet::new();
    for r in rows {
        while mi < merges.len() && merges[mi].0 == r {
            let (r1, c1, r2, c2) = merges[mi];
            mi += 1;
            let fmt = fmt_of(r1, c1).cloned().unwrap_or_default();
            let text = match values.get(&(r1, c1)) {
                Some(CellValue::Text(s)) => clip(s).to_string(),
                _ => String::new(),
            };
            if ws.merge_range(r1, c1, r2, c2, &text, &fmt).is_ok() {
                merged_top_left.insert((r1, c1));
                if let Some(v) = values.get(&(r1, c1)) {
                    if !matches!(v, CellValue::Text(_)) {
                        write_value(ws, r1, c1, v, Some(&fmt))?;
                    }
                }
            }
        }
        while ci < cells.len() && cells[ci].0 == r {
            let (r, c, v) = cells[ci];
            ci += 1;
            if !merged_top_left.contains(&(*r, *c)) {
                write_value(ws, *r, *c, v, fmt_of(*r, *c))?;
            }
        }
        while bi < blanks.len() && blanks[bi].0 == r {
            let (r, c) = blanks[bi];
            bi += 1;
            if let Some(f) = fmt_of(r, c) {
                ws.write_blank(r, c, f)?;
            }
        }
    }
    // the notes
    for ((sheet, r, c), m) in marks {
        if sheet != &g.name {
            continue;
        }
        let text = m.lines.join("\n\n");
        let lines = text.lines().count() as u32 + text.chars().count() as u32 / 30;
        let note = Note::new(clip(&text))
            .set_author("santong")
            .add_author_prefix(false)
            .set_width(320)
            .set_height((lines * 16 + 24).clamp(80, 400));
        ws.insert_note(*r, *c, &note)?;
    }
    Ok(())
}
