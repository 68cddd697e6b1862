//! A blank implementation-list workbook built from the standard: the exact
//! headers in order, a note on each header, a dropdown for every
//! vocabulary, number and length validation, highlighting of blank required
//! cells and duplicate implementation codes, frozen headers, autofilter and
//! column widths from CJK display width — so that a wrong value is hard to
//! enter in the first place. A provincial standard's extra elements and
//! vocabularies appear by themselves.

use crate::i18n::ui;
use crate::standard::{Element, ElementType, Scope, Standard};
use rust_xlsxwriter::{
    Color, ConditionalFormatDuplicate, ConditionalFormatFormula, DataValidation,
    DataValidationErrorStyle, DataValidationRule, Format, Formula, Note, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// Rows prepared with validation and formatting.
pub const TEMPLATE_ROWS: u32 = 5000;
/// Name of the hidden sheet holding long dropdown lists.
pub const LOOKUP_SHEET: &str = "代码表";
pub const ITEMS_SHEET: &str = "实施清单";
pub const MATERIALS_SHEET: &str = "申请材料";

fn x(e: XlsxError) -> String {
    e.to_string()
}

/// Fixed lengths of the national codes.
fn code_length(kind: ElementType) -> Option<u32> {
    match kind {
        ElementType::CreditCode => Some(18),
        ElementType::BasicCode => Some(12),
        ElementType::ImplCode => Some(31),
        ElementType::HandlingCode => Some(33),
        ElementType::MaterialCode => Some(34),
        _ => None,
    }
}

/// The dropdown entries of a vocabulary: its labels (readers accept labels
/// and codes; labels are what people read).
fn choices(std: &Standard, el: &Element) -> Vec<String> {
    std.vocabulary_of(el)
        .map(|v| {
            v.entries
                .iter()
                .map(|e| e.label.clone())
                .chain(v.uncoded.iter().map(|u| u.label.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn column_name(col: u16) -> String {
    crate::catalogue::column_letter(u32::from(col))
}

struct Lookup {
    next_col: u16,
}

/// The validation of a column that is not a code list: whole numbers in
/// their range, codes of their length, text up to its length.
fn plain_validation(
    el: &Element,
    width: &mut usize,
    lang: crate::i18n::Lang,
) -> Result<Option<DataValidation>, XlsxError> {
    Ok(match el.kind {
        ElementType::Integer | ElementType::Duration => {
            let (min, max) = (el.min.unwrap_or(0) as i32, el.max.unwrap_or(100_000) as i32);
            // a time limit is in working days; other whole numbers are counts
            let message = if el.kind == ElementType::Duration {
                ui::ENTER_A_WHOLE_NUMBER_WORKING.get(lang).to_string()
            } else {
                crate::tr_in!(
                    lang,
                    "{}应为 {} 到 {} 之间的整数",
                    "{}: a whole number from {} to {}",
                    el.label,
                    min,
                    max
                )
            };
            Some(
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::Between(min, max))
                    .set_error_title(ui::A_WHOLE_NUMBER.get(lang))?
                    .set_error_message(message)?,
            )
        }
        k if code_length(k).is_some() => {
            let n = code_length(k).unwrap_or(0);
            *width = (*width).max(n as usize + 2);
            Some(
                DataValidation::new()
                    .allow_text_length(DataValidationRule::EqualTo(n))
                    .set_error_title(ui::WRONG_CODE_LENGTH.get(lang))?
                    .set_error_message(crate::tr_in!(
                        lang,
                        "{}应为 {} 位",
                        "{}: {} characters",
                        el.label,
                        n
                    ))?,
            )
        }
        _ => el
            .max_length
            .map(|m| {
                DataValidation::new()
                    .allow_text_length(DataValidationRule::LessThanOrEqualTo(m as u32))
                    .set_error_title(ui::TOO_LONG.get(lang))
                    .and_then(|d| {
                        d.set_error_message(crate::tr_in!(
                            lang,
                            "{}不超过 {} 个字",
                            "{}: at most {} characters",
                            el.label,
                            m
                        ))
                    })
            })
            .transpose()?,
    })
}

/// Validation, note and width for one column.
fn prepare_column(
    std: &Standard,
    ws: &mut Worksheet,
    lookup: &mut Worksheet,
    lk: &mut Lookup,
    col: u16,
    el: &Element,
    lang: crate::i18n::Lang,
) -> Result<usize, XlsxError> {
    let required = if el.required {
        ui::REQUIRED.get(lang)
    } else if el.required_when.is_some() {
        ui::REQUIRED_WHEN_APPLICABLE.get(lang)
    } else {
        ui::OPTIONAL.get(lang)
    };
    let desc = lang.msg(&el.description);
    let note = Note::new(format!("{}（{required}）\n{desc}", el.label))
        .set_author("santong")
        .set_width(300);
    ws.insert_note(0, col, &note)?;
    let mut width = el.label.width() + 2;
    let rows = (1, TEMPLATE_ROWS);
    let dv = match el.kind {
        ElementType::Code => {
            let list = choices(std, el);
            width = width.max(list.iter().map(|s| s.width()).max().unwrap_or(0) + 2);
            let joined: usize = list.iter().map(|s| s.len() + 1).sum();
            let base = if joined <= 250 {
                DataValidation::new().allow_list_strings(&list)?
            } else {
                // long lists live on the hidden lookup sheet
                let c = lk.next_col;
                lk.next_col += 1;
                lookup.write_string(0, c, &el.label)?;
                for (i, s) in list.iter().enumerate() {
                    lookup.write_string(i as u32 + 1, c, s)?;
                }
                let letter = column_name(c);
                DataValidation::new().allow_list_formula(Formula::new(format!(
                    "={LOOKUP_SHEET}!${letter}$2:${letter}${}",
                    list.len() + 1
                )))
            };
            // several values may share a cell: the dropdown helps, a warning allows combinations
            let style = if el.multi {
                DataValidationErrorStyle::Warning
            } else {
                DataValidationErrorStyle::Stop
            };
            Some(
                base.set_error_style(style)
                    .set_error_title(ui::NOT_IN_THE_VOCABULARY.get(lang))?
                    .set_error_message(format!(
                        "{}{}{}",
                        el.label,
                        lang.pick("：", ": "),
                        list.join("、")
                    ))?,
            )
        }
        _ => plain_validation(el, &mut width, lang)?,
    };
    if let Some(dv) = dv {
        ws.add_data_validation(rows.0, col, rows.1, col, &dv)?;
    }
    // codes are text: keep leading zeros and all 18 digits
    if matches!(
        el.kind,
        ElementType::CreditCode
            | ElementType::BasicCode
            | ElementType::ImplCode
            | ElementType::HandlingCode
            | ElementType::MaterialCode
            | ElementType::AreaCode
            | ElementType::LocalCode
    ) {
        ws.set_column_format(col, &Format::new().set_num_format("@"))?;
    }
    let width = width.clamp(8, 50);
    ws.set_column_width(col, width as f64)?;
    Ok(width)
}

fn sheet(
    std: &Standard,
    ws: &mut Worksheet,
    lookup: &mut Worksheet,
    lk: &mut Lookup,
    elements: &[&Element],
    key: Option<&str>,
    lang: crate::i18n::Lang,
) -> Result<(), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xE7F5FF));
    let head_required = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xFFE8CC));
    let blank = Format::new().set_background_color(Color::RGB(0xFFC9C9));
    let mut heads = Vec::new();
    for (i, el) in elements.iter().enumerate() {
        let col = i as u16;
        let f = if el.required { &head_required } else { &head };
        ws.write_string_with_format(0, col, &el.label, f)?;
        let width = prepare_column(std, ws, lookup, lk, col, el, lang)?;
        heads.push((el.label.as_str(), width as f64));
    }
    let last = elements.len().saturating_sub(1) as u16;
    // a required cell left blank on a row that has been started
    for (i, el) in elements.iter().enumerate() {
        if !el.required {
            continue;
        }
        let col = column_name(i as u16);
        let rule = format!(
            "=AND(COUNTA($A2:${})>0,LEN(TRIM({col}2))=0)",
            column_name(last)
        );
        ws.add_conditional_format(
            1,
            i as u16,
            TEMPLATE_ROWS,
            i as u16,
            &ConditionalFormatFormula::new()
                .set_rule(rule.as_str())
                .set_format(&blank),
        )?;
    }
    if let Some(key) = key {
        if let Some(i) = elements.iter().position(|e| e.id == key) {
            let dup = Format::new().set_background_color(Color::RGB(0xFFD8A8));
            ws.add_conditional_format(
                1,
                i as u16,
                TEMPLATE_ROWS,
                i as u16,
                &ConditionalFormatDuplicate::new().set_format(dup),
            )?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_row_height(0, crate::output::wrapped_row_height(&heads).max(32.0))?;
    ws.autofilter(0, 0, 0, last)?;
    // printed: A4 landscape, one page wide, the header on every page
    crate::output::print_setup(ws, true, Some((0, 0)), ui::PAGE_FOOTER.get(lang))?;
    Ok(())
}

/// Build the blank workbook.
pub fn blank_template(std: &Standard, lang: crate::i18n::Lang) -> Result<Vec<u8>, String> {
    let mut wb = crate::output::workbook();
    let items: Vec<&Element> = std
        .elements
        .iter()
        // a label column (事项类型名称) is how other systems export a code;
        // the template's code column takes labels itself
        .filter(|e| e.scope == Scope::Item && e.label_of.is_none())
        .collect();
    let mut materials: Vec<&Element> = std.element("impl_code").into_iter().collect();
    materials.extend(std.elements.iter().filter(|e| e.scope == Scope::Material));
    let mut lookup = Worksheet::new();
    lookup.set_name(LOOKUP_SHEET).map_err(x)?;
    let mut lk = Lookup { next_col: 0 };
    let mut items_ws = Worksheet::new();
    items_ws.set_name(ITEMS_SHEET).map_err(x)?;
    sheet(
        std,
        &mut items_ws,
        &mut lookup,
        &mut lk,
        &items,
        Some("impl_code"),
        lang,
    )
    .map_err(x)?;
    let mut mats_ws = Worksheet::new();
    mats_ws.set_name(MATERIALS_SHEET).map_err(x)?;
    sheet(
        std,
        &mut mats_ws,
        &mut lookup,
        &mut lk,
        &materials,
        None,
        lang,
    )
    .map_err(x)?;
    lookup.set_hidden(true);
    wb.push_worksheet(items_ws);
    wb.push_worksheet(mats_ws);
    wb.push_worksheet(lookup);
    wb.save_to_buffer().map_err(x)
}
