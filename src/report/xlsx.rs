//! Regional reports as workbooks: a summary sheet and one sheet per element
//! family for a comparison (deviating cells coloured and annotated with a
//! note), and a ranked sheet for the scorecard. Written with rust_xlsxwriter
//! into memory; the binary writes the bytes atomically.

use super::score::COLUMNS;
use crate::diff::{Comparison, Deviation, Difference, CODE_CONFLICT, MATERIALS};
use crate::i18n::ui;
use crate::i18n::Lang;
use crate::score::RegionScore;
use crate::text::{short_diff, DiffOp};
use rust_xlsxwriter::{Color, Format, Note, Worksheet, XlsxError};

/// Element families, one sheet each; elements of no family go to 其他.
const FAMILIES: [(&str, &str, &[&str]); 5] = [
    (
        "基本信息",
        "Identity",
        &[CODE_CONFLICT, "name", "item_type", "legal_basis"],
    ),
    (
        "办理时限",
        "Time limits",
        &["statutory_days", "promised_days", "case_kind"],
    ),
    ("收费", "Fees", &["fee", "fee_rate", "fee_basis"]),
    (
        "条件与流程",
        "Conditions",
        &[
            "conditions",
            "process",
            "penalty_conduct",
            "penalty_kind",
            "penalty_range",
        ],
    ),
    ("申请材料", "Materials", &[MATERIALS]),
];

fn header() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE9ECEF))
        .set_text_wrap()
}

fn deviation_note(d: &Difference, dev: &Deviation, lang: Lang) -> String {
    let colon = lang.pick("：", ": ");
    if let (Some(m), Some(e)) = (&dev.missing, &dev.extra) {
        let mut parts = Vec::new();
        if !m.is_empty() {
            parts.push(format!("{}{colon}{}", ui::MISSING.get(lang), m.join("、")));
        }
        if !e.is_empty() {
            parts.push(format!("{}{colon}{}", ui::EXTRA.get(lang), e.join("、")));
        }
        for c in dev.changed.iter().flatten() {
            match &c.baseline {
                Some(b) => parts.push(format!(
                    "{} · {}{colon}{b} → {}",
                    c.material, c.label, c.value
                )),
                None => parts.push(format!("{} · {}{colon}{}", c.material, c.label, c.value)),
            }
        }
        return parts.join("\n");
    }
    let base = d.baseline.as_deref().unwrap_or("");
    if dev.diff.iter().any(|(op, _)| *op != DiffOp::Equal) {
        return format!(
            "{}{colon}{}",
            ui::CHANGE_FROM_BASELINE.get(lang),
            short_diff(base, dev.value.as_deref().unwrap_or(""))
        );
    }
    format!("{}{colon}{}", ui::BASELINE_2.get(lang), base)
}

fn x(e: XlsxError) -> String {
    e.to_string()
}

/// A table's header on row 0 (text, column width), tall enough for its
/// wrapped words, repeated on every printed page, and the sheet's print
/// setup: A4, one page wide, landscape when `landscape`.
fn table_header(
    ws: &mut Worksheet,
    cols: &[(&str, f64)],
    landscape: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    let h = header();
    for (i, (t, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *t, &h)?;
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_row_height(0, crate::output::wrapped_row_height(cols).max(18.0))?;
    crate::output::print_setup(ws, landscape, Some((0, 0)), ui::PAGE_FOOTER.get(lang))
}

fn summary_sheet(ws: &mut Worksheet, c: &Comparison, lang: Lang) -> Result<(), XlsxError> {
    let h = header();
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 14)?;
    crate::output::print_setup(ws, false, None, ui::PAGE_FOOTER.get(lang))?;
    let rows: [(&str, String); 5] = [
        (ui::BASELINE.get(lang), c.baseline.words(lang)),
        (ui::ITEMS_COMPARED.get(lang), c.items_compared().to_string()),
        (
            ui::IDENTICAL_EVERYWHERE.get(lang),
            c.identical().to_string(),
        ),
        (ui::ONE_REGION_ONLY.get(lang), c.unaligned().to_string()),
        (ui::DIFFERENCES.get(lang), c.differences.len().to_string()),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string_with_format(i as u32, 0, *k, &h)?;
        crate::output::fit_row(ws, i as u32, &[(k, 28.0)])?;
        match v.parse::<f64>() {
            Ok(n) => ws.write_number(i as u32, 1, n)?,
            Err(_) => ws.write_string(i as u32, 1, v)?,
        };
    }
    let mut r = 6u32;
    ws.write_string_with_format(r, 0, ui::ELEMENT.get(lang), &h)?;
    ws.write_string_with_format(r, 1, ui::DIFFERENCES_3.get(lang), &h)?;
    crate::output::fit_row(ws, r, &[(ui::DIFFERENCES_3.get(lang), 14.0)])?;
    let by = c.by_element();
    for (id, label) in &c.elements {
        if let Some(n) = by.get(id.as_str()) {
            r += 1;
            ws.write_string(r, 0, label)?;
            ws.write_number(r, 1, *n as f64)?;
        }
    }
    r += 2;
    ws.write_string_with_format(r, 0, ui::REGION.get(lang), &h)?;
    ws.write_string_with_format(r, 1, ui::ITEMS.get(lang), &h)?;
    ws.write_string_with_format(r, 2, ui::DEVIATIONS.get(lang), &h)?;
    crate::output::fit_row(
        ws,
        r,
        &[
            (ui::ITEMS.get(lang), 14.0),
            (ui::DEVIATIONS.get(lang), 14.0),
        ],
    )?;
    for reg in &c.regions {
        r += 1;
        ws.write_string(r, 0, &reg.name)?;
        ws.write_number(r, 1, reg.items as f64)?;
        ws.write_number(r, 2, reg.deviations as f64)?;
    }
    Ok(())
}

fn family_sheet(
    ws: &mut Worksheet,
    c: &Comparison,
    ids: &[&str],
    lang: Lang,
) -> Result<(), XlsxError> {
    let dev_fmt = Format::new()
        .set_background_color(Color::RGB(0xFFE3E3))
        .set_text_wrap();
    let same_fmt = Format::new().set_font_color(Color::RGB(0x868E96));
    let wrap = Format::new().set_text_wrap();
    let regions: Vec<&str> = c.regions.iter().map(|r| r.name.as_str()).collect();
    let mut cols = vec![
        (ui::ITEM_KEY.get(lang), 15.0),
        (ui::ITEM.get(lang), 28.0),
        (ui::ELEMENT.get(lang), 14.0),
        (ui::BASELINE.get(lang), 30.0),
    ];
    cols.extend(regions.iter().map(|r| (*r, 30.0)));
    table_header(ws, &cols, true, lang)?;
    let by_key: std::collections::HashMap<&str, &Vec<bool>> = c
        .coverage
        .iter()
        .map(|cv| (cv.item.key.as_str(), &cv.regions))
        .collect();
    ws.set_freeze_panes(1, 4)?;
    let mut r = 0u32;
    for d in c
        .differences
        .iter()
        .filter(|d| ids.contains(&d.element.as_str()))
    {
        r += 1;
        let cov = by_key
            .get(d.item.key.as_str())
            .map(|v| (*v).clone())
            .unwrap_or_default();
        ws.write_string(r, 0, &d.item.key)?;
        ws.write_string_with_format(r, 1, &d.item.name, &wrap)?;
        ws.write_string_with_format(r, 2, &d.label, &wrap)?;
        let mut shown: Vec<(&str, f64)> = vec![(&d.item.name, 28.0), (&d.label, 14.0)];
        if let (false, Some(b)) = (d.split(), d.baseline.as_deref()) {
            shown.push((b, 30.0));
        }
        shown.extend(
            d.regions
                .iter()
                .filter_map(|x| x.value.as_deref())
                .map(|v| (v, 30.0)),
        );
        crate::output::fit_row(ws, r, &shown)?;
        if d.split() {
            ws.write_string_with_format(r, 3, ui::NO_MAJORITY.get(lang), &same_fmt)?;
        } else {
            ws.write_string_with_format(r, 3, d.baseline.as_deref().unwrap_or(""), &wrap)?;
        }
        for (j, reg) in regions.iter().enumerate() {
            let col = 4 + j as u16;
            match d.regions.iter().find(|x| x.region == *reg) {
                Some(dev) => {
                    ws.write_string_with_format(
                        r,
                        col,
                        dev.value.as_deref().unwrap_or(""),
                        &dev_fmt,
                    )?;
                    let note = Note::new(deviation_note(d, dev, lang))
                        .set_author("santong")
                        .set_width(320);
                    ws.insert_note(r, col, &note)?;
                }
                None if cov.get(j).copied().unwrap_or(false)
                    && d.compared.iter().any(|c| c == reg) =>
                {
                    ws.write_string_with_format(r, col, "＝", &same_fmt)?;
                }
                None if cov.get(j).copied().unwrap_or(false) => {
                    ws.write_string_with_format(r, col, ui::NOT_APPLICABLE.get(lang), &same_fmt)?;
                }
                None => {
                    ws.write_string_with_format(r, col, "—", &same_fmt)?;
                }
            }
        }
    }
    if r > 0 {
        ws.autofilter(0, 0, r, (cols.len() - 1) as u16)?;
    }
    Ok(())
}

/// Local commitments regions set differently: one row per item and
/// element, each region's value (with its compression) in its column.
fn commitments_sheet(ws: &mut Worksheet, c: &Comparison, lang: Lang) -> Result<(), XlsxError> {
    let regions: Vec<&str> = c.regions.iter().map(|r| r.name.as_str()).collect();
    let mut cols = vec![
        (ui::ITEM_KEY.get(lang), 16.0),
        (ui::ITEM.get(lang), 28.0),
        (ui::ELEMENT.get(lang), 16.0),
    ];
    cols.extend(regions.iter().map(|r| (*r, 16.0)));
    table_header(ws, &cols, cols.len() > 5, lang)?;
    ws.set_freeze_panes(1, 3)?;
    for (i, v) in c.variations.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &v.item.key)?;
        ws.write_string(r, 1, &v.item.name)?;
        ws.write_string(r, 2, &v.label)?;
        for (j, reg) in regions.iter().enumerate() {
            if let Some(cm) = v.regions.iter().find(|cm| cm.region == *reg) {
                let mut text = cm.value.clone().unwrap_or_default();
                if let Some(x) = cm.compression {
                    text.push_str(&format!(
                        " ({} {:.0}%)",
                        ui::COMPRESSION.get(lang),
                        x * 100.0
                    ));
                }
                ws.write_string(r, 3 + j as u16, &text)?;
            }
        }
    }
    if !c.variations.is_empty() {
        ws.autofilter(0, 0, c.variations.len() as u32, (cols.len() - 1) as u16)?;
    }
    Ok(())
}

/// The comparison as a workbook.
pub fn diff_xlsx(c: &Comparison, lang: Lang) -> Result<Vec<u8>, String> {
    let mut wb = crate::output::workbook();
    summary_sheet(
        wb.add_worksheet()
            .set_name(ui::SUMMARY.get(lang))
            .map_err(x)?,
        c,
        lang,
    )
    .map_err(x)?;
    let known: Vec<&str> = FAMILIES.iter().flat_map(|f| f.2.iter().copied()).collect();
    let others: Vec<&str> = c
        .elements
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| !known.contains(id))
        .collect();
    for (zh, en, ids) in FAMILIES {
        family_sheet(
            wb.add_worksheet().set_name(lang.pick(zh, en)).map_err(x)?,
            c,
            ids,
            lang,
        )
        .map_err(x)?;
    }
    if !c.variations.is_empty() {
        commitments_sheet(
            wb.add_worksheet()
                .set_name(lang.pick("地方承诺", "Local commitments"))
                .map_err(x)?,
            c,
            lang,
        )
        .map_err(x)?;
    }
    if !others.is_empty() {
        family_sheet(
            wb.add_worksheet()
                .set_name(ui::OTHER.get(lang))
                .map_err(x)?,
            c,
            &others,
            lang,
        )
        .map_err(x)?;
    }
    wb.save_to_buffer().map_err(x)
}

/// The scorecard as a workbook: one ranked sheet and the definitions.
pub fn score_xlsx(scores: &[RegionScore], lang: Lang) -> Result<Vec<u8>, String> {
    let mut wb = crate::output::workbook();
    let pct = Format::new().set_num_format("0.0%");
    let ws = wb
        .add_worksheet()
        .set_name(ui::SCORES.get(lang))
        .map_err(x)?;
    let mut cols = vec![
        ui::RANK.get(lang),
        ui::REGION.get(lang),
        ui::ITEMS.get(lang),
    ];
    cols.extend(COLUMNS.iter().map(|(_, zh, en)| lang.pick(zh, en)));
    cols.push(ui::OVERALL.get(lang));
    let cols: Vec<(&str, f64)> = cols
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, if i == 1 { 24.0 } else { 14.0 }))
        .collect();
    table_header(ws, &cols, true, lang).map_err(x)?;
    for (r, s) in scores.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_number(r, 0, s.rank as f64).map_err(x)?;
        ws.write_string(r, 1, &s.region).map_err(x)?;
        ws.write_number(r, 2, s.items as f64).map_err(x)?;
        for (j, (_, index)) in s.indices().iter().enumerate() {
            let c = 3 + j as u16;
            match index.value {
                Some(v) => ws.write_number_with_format(r, c, v, &pct),
                None => ws.write_string(r, c, "—"),
            }
            .map_err(x)?;
        }
        let c = 3 + COLUMNS.len() as u16;
        match s.overall {
            Some(v) => ws.write_number_with_format(r, c, v, &pct),
            None => ws.write_string(r, c, "—"),
        }
        .map_err(x)?;
    }
    ws.set_freeze_panes(1, 2).map_err(x)?;
    score_counts(wb.add_worksheet(), scores, lang).map_err(x)?;
    wb.save_to_buffer().map_err(x)
}

/// Each index's numerator and denominator, one row per region and index:
/// what a reader checks a share against.
fn score_counts(ws: &mut Worksheet, scores: &[RegionScore], lang: Lang) -> Result<(), XlsxError> {
    ws.set_name(ui::SCORE_COUNTS.get(lang))?;
    let heads = [
        (ui::REGION.get(lang), 24.0),
        (ui::INDEX.get(lang), 24.0),
        (ui::NUMERATOR.get(lang), 12.0),
        (ui::DENOMINATOR.get(lang), 12.0),
    ];
    table_header(ws, &heads, false, lang)?;
    let mut r = 1;
    for s in scores {
        for ((_, index), (_, zh, en)) in s.indices().iter().zip(COLUMNS) {
            ws.write_string(r, 0, &s.region)?;
            ws.write_string(r, 1, lang.pick(zh, en))?;
            ws.write_number(r, 2, index.numerator as f64)?;
            ws.write_number(r, 3, index.denominator as f64)?;
            r += 1;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
