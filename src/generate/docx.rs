//! A service guide as a Word document a service hall can edit and print:
//! A4 with the margins of Chinese official documents, 黑体 headings and
//! 仿宋 body text for east-Asian runs, the same sections and blocks as the
//! HTML and Markdown guides.

use super::guide::{Block, GuideItem, Row};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Shading, Style,
    StyleType, Table, TableCell, TableRow, WidthType,
};

const HEITI: &str = "黑体";
const FANGSONG: &str = "仿宋";
const LATIN: &str = "Times New Roman";
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// Margins of GB/T 9704 (37 mm top, 35 bottom, 28 left, 26 right).
const MARGINS: (i32, i32, i32, i32) = (2098, 1984, 1587, 1474);
const TEXT_WIDTH: usize = (A4.0 as i32 - MARGINS.2 - MARGINS.3) as usize;
const MISSING_COLOR: &str = "B42318";
/// Body text 小四 (12 pt), headings 三号 (16 pt), title 二号 (22 pt), in half-points.
const BODY: usize = 24;
const HEADING: usize = 32;
const TITLE: usize = 44;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

/// Text as Word can open it: characters XML 1.0 forbids (a NUL from a
/// cell) are replaced.
fn safe(s: impl AsRef<str>) -> String {
    crate::text::xml_safe(s.as_ref()).into_owned()
}

fn text_run(text: &str) -> Run {
    Run::new()
        .add_text(safe(text))
        .fonts(fonts(FANGSONG))
        .size(BODY)
}

fn missing_run(text: &str) -> Run {
    text_run(text).color(MISSING_COLOR).italic()
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(text))
}

/// Chinese ordinals for section headings: 一、二、…
fn ordinal(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

fn head_cell(text: &str, width: usize) -> TableCell {
    cell(
        vec![Paragraph::new().add_run(
            Run::new()
                .add_text(safe(text))
                .fonts(fonts(HEITI))
                .size(BODY),
        )],
        width,
    )
    .shading(Shading::new().fill("F2F2F2"))
}

fn value_paragraphs(r: &Row) -> Vec<Paragraph> {
    match &r.value {
        None => vec![Paragraph::new().add_run(missing_run("本清单未提供"))],
        Some(_) => r.lines.iter().map(|l| para(l)).collect(),
    }
}

fn missing_para(label: &str) -> Paragraph {
    Paragraph::new().add_run(missing_run(&format!("本清单未提供“{label}”")))
}

fn body_para(text: &str) -> Paragraph {
    para(text).first_line_chars(200)
}

fn block(mut doc: Docx, b: &Block) -> Docx {
    match b.kind {
        "fields" => {
            let w = [2300, TEXT_WIDTH - 2300];
            let rows = b
                .rows
                .iter()
                .map(|r| {
                    TableRow::new(vec![
                        head_cell(&r.label, w[0]),
                        cell(value_paragraphs(r), w[1]),
                    ])
                    .cant_split()
                })
                .collect();
            doc = doc.add_table(
                Table::new(rows)
                    .set_grid(w.to_vec())
                    .width(TEXT_WIDTH, WidthType::Dxa),
            );
        }
        _ if b.missing => doc = doc.add_paragraph(missing_para(&b.label)),
        "text" => {
            for p in &b.paragraphs {
                doc = doc.add_paragraph(body_para(p));
            }
        }
        "steps" => {
            for (i, s) in b.steps.iter().enumerate() {
                doc = doc.add_paragraph(body_para(&format!("{}. {s}", i + 1)));
            }
        }
        "qa" => {
            for p in &b.pairs {
                doc = doc.add_paragraph(
                    Paragraph::new()
                        .add_run(text_run(&format!("问：{}", p.q)).bold())
                        .first_line_chars(200),
                );
                let a = if p.a.is_empty() { "—" } else { &p.a };
                doc = doc.add_paragraph(body_para(&format!("答：{a}")));
            }
            for p in &b.paragraphs {
                doc = doc.add_paragraph(body_para(p));
            }
        }
        "table" => {
            let n = b.head.len().max(1);
            let widths = column_widths(&b.head);
            let mut rows = vec![TableRow::new(
                b.head
                    .iter()
                    .zip(&widths)
                    .map(|(h, w)| head_cell(h, *w))
                    .collect(),
            )];
            for (k, r) in b.cells.iter().enumerate() {
                rows.push(
                    TableRow::new(
                        r.iter()
                            .zip(&widths)
                            .map(|(c, w)| cell(vec![para(c.as_deref().unwrap_or("未注明"))], *w))
                            .collect(),
                    )
                    .cant_split(),
                );
                let details = b.details.get(k).map(Vec::as_slice).unwrap_or(&[]);
                if !details.is_empty() && n > 1 {
                    let ps = details
                        .iter()
                        .map(|d| {
                            Paragraph::new()
                                .add_run(text_run(&format!("{}：", d.label)).bold())
                                .add_run(text_run(&d.lines.join(" ")))
                        })
                        .collect();
                    rows.push(TableRow::new(vec![
                        cell(vec![Paragraph::new()], widths[0]),
                        cell(ps, TEXT_WIDTH - widths[0]).grid_span(n - 1),
                    ]));
                }
            }
            doc = doc.add_table(
                Table::new(rows)
                    .set_grid(widths)
                    .width(TEXT_WIDTH, WidthType::Dxa),
            );
            if !b.absent.is_empty() {
                doc = doc.add_paragraph(Paragraph::new().add_run(missing_run(&format!(
                    "本清单未提供：{}",
                    b.absent.join("、")
                ))));
            }
        }
        _ => {}
    }
    doc
}

/// Column widths: 序号 narrow, names and quoted text wide, the rest even.
fn column_widths(head: &[String]) -> Vec<usize> {
    let weight = |h: &str| match h {
        "序号" => 0,
        "条款内容" => 4,
        _ if h.ends_with("名称") => 3,
        _ => 2,
    };
    let fixed = if head.first().map(String::as_str) == Some("序号") {
        700
    } else {
        0
    };
    let total: usize = head.iter().map(|h| weight(h)).sum::<usize>().max(1);
    head.iter()
        .map(|h| match weight(h) {
            0 => fixed,
            w => (TEXT_WIDTH - fixed) * w / total,
        })
        .collect()
}

/// The Word document of one item's guide.
/// `办事指南　实施编码：…`, or the local code where the national one is absent.
pub fn code_line(item: &GuideItem, gap: &str, colon: &str) -> String {
    let s = &item.summary;
    match (s.impl_code.is_empty(), s.local_code.is_empty()) {
        (false, _) => format!("办事指南{gap}实施编码{colon}{}", s.impl_code),
        (true, false) => format!("办事指南{gap}地方实施编码{colon}{}", s.local_code),
        (true, true) => format!("办事指南{gap}实施编码{colon}未提供"),
    }
}

/// The 待核实 note of an item with error-level findings.
pub fn unverified_note(item: &GuideItem) -> String {
    format!(
        "待核实：本事项在清单中有 {} 处错误（{}），内容以实施主体核实为准。",
        item.unverified.len(),
        item.unverified.join("；")
    )
}

pub fn guide_docx(item: &GuideItem, footer: &str) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(MARGINS.0)
                .bottom(MARGINS.1)
                .left(MARGINS.2)
                .right(MARGINS.3)
                .header(851)
                .footer(992),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(BODY)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .fonts(fonts(HEITI))
                .size(TITLE)
                .align(AlignmentType::Center),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .fonts(fonts(HEITI))
                .size(HEADING)
                .outline_lvl(0)
                .line_spacing(LineSpacing::new().before(240).after(120)),
        );
    let title = if item.summary.name.is_empty() {
        "（未提供事项名称）"
    } else {
        &item.summary.name
    };
    doc = doc
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .align(AlignmentType::Center)
                .add_run(
                    Run::new()
                        .add_text(safe(title))
                        .fonts(fonts(HEITI))
                        .size(TITLE),
                ),
        )
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(text_run(&code_line(item, "　", "："))),
        );
    if !item.unverified.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(safe(unverified_note(item)))
                    .fonts(fonts(HEITI))
                    .bold()
                    .color("B42318"),
            ),
        );
    }
    for (i, s) in item.sections.iter().enumerate() {
        doc = doc.add_paragraph(
            Paragraph::new().style("Heading1").keep_next(true).add_run(
                Run::new()
                    .add_text(safe(format!("{}、{}", ordinal(i + 1), s.title)))
                    .fonts(fonts(HEITI))
                    .size(HEADING),
            ),
        );
        for b in &s.blocks {
            doc = block(doc, b);
        }
    }
    doc = doc.add_paragraph(Paragraph::new()).add_paragraph(
        Paragraph::new().add_run(
            Run::new()
                .add_text(safe(footer))
                .fonts(fonts(FANGSONG))
                .size(18)
                .color("6E7781"),
        ),
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| format!("cannot build the Word document: {e}"))?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinals() {
        assert_eq!(super::ordinal(1), "一");
        assert_eq!(super::ordinal(10), "十");
        assert_eq!(super::ordinal(19), "十九");
        assert_eq!(super::ordinal(20), "二十");
        assert_eq!(super::ordinal(21), "二十一");
    }
}
