//! A service guide as a Word document a service hall can edit and print:
//! A4 with the margins of Chinese official documents, 黑体 headings and
//! 仿宋 body text for east-Asian runs, the same sections and blocks as the
//! HTML and Markdown guides.
//!
//! The document is written as it is walked: each paragraph and table row
//! goes straight into the deflating zip stream, so an item with 100,000
//! materials costs its compressed bytes, not a tree of every run.

use super::guide::{Block, GuideItem, Row};
use std::io::Write;

const HEITI: &str = "黑体";
const FANGSONG: &str = "仿宋";
const LATIN: &str = "Times New Roman";
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// Margins of GB/T 9704 (37 mm top, 35 bottom, 28 left, 26 right).
const MARGINS: (i32, i32, i32, i32) = (2098, 1984, 1587, 1474);
const TEXT_WIDTH: usize = (A4.0 as i32 - MARGINS.2 - MARGINS.3) as usize;
const MISSING_COLOR: &str = "B42318";
const FOOTER_COLOR: &str = "6E7781";
/// Body text 小四 (12 pt), headings 三号 (16 pt), title 二号 (22 pt), footer 小五 (9 pt), in half-points.
const BODY: usize = 24;
const HEADING: usize = 32;
const TITLE: usize = 44;
const FOOTER: usize = 18;
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// How a run of text looks; the default is body text (仿宋, 小四).
#[derive(Debug, Clone, Copy)]
struct Look {
    font: &'static str,
    size: usize,
    bold: bool,
    italic: bool,
    color: Option<&'static str>,
}

const TEXT: Look = Look {
    font: FANGSONG,
    size: BODY,
    bold: false,
    italic: false,
    color: None,
};
const HEAD: Look = Look {
    font: HEITI,
    ..TEXT
};
const MISSING: Look = Look {
    italic: true,
    color: Some(MISSING_COLOR),
    ..TEXT
};
const STRONG: Look = Look { bold: true, ..TEXT };

/// How a paragraph is laid out.
#[derive(Debug, Clone, Copy, Default)]
struct Layout {
    style: Option<&'static str>,
    center: bool,
    keep_next: bool,
    /// First-line indent of two characters (body text).
    indent: bool,
}

const BODY_TEXT: Layout = Layout {
    style: None,
    center: false,
    keep_next: false,
    indent: true,
};

/// Text escaped for XML, without the characters XML 1.0 forbids (a NUL
/// from a cell); line breaks and tabs become Word's own.
fn escaped(out: &mut String, text: &str) {
    for c in crate::text::xml_safe(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("</w:t><w:br/><w:t xml:space=\"preserve\">"),
            '\t' => out.push_str("</w:t><w:tab/><w:t xml:space=\"preserve\">"),
            '\r' => {}
            c => out.push(c),
        }
    }
}

/// document.xml as it is written: paragraphs and tables are formatted
/// into a small buffer and flushed into the zip stream.
struct Body<'w, O: Write> {
    out: &'w mut O,
    buf: String,
}

impl<O: Write> Body<'_, O> {
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }

    fn run(&mut self, text: &str, look: Look) {
        let b = &mut self.buf;
        b.push_str("<w:r><w:rPr>");
        b.push_str(&format!(
            "<w:rFonts w:ascii=\"{LATIN}\" w:eastAsia=\"{}\" w:hAnsi=\"{LATIN}\" w:cs=\"{LATIN}\"/>",
            look.font
        ));
        if look.bold {
            b.push_str("<w:b/>");
        }
        if look.italic {
            b.push_str("<w:i/>");
        }
        if let Some(c) = look.color {
            b.push_str(&format!("<w:color w:val=\"{c}\"/>"));
        }
        b.push_str(&format!(
            "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/></w:rPr><w:t xml:space=\"preserve\">",
            look.size
        ));
        escaped(b, text);
        b.push_str("</w:t></w:r>");
    }

    /// A paragraph of runs.
    fn para(&mut self, layout: Layout, runs: &[(&str, Look)]) -> std::io::Result<()> {
        let b = &mut self.buf;
        b.push_str("<w:p><w:pPr>");
        if let Some(s) = layout.style {
            b.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
        }
        if layout.keep_next {
            b.push_str("<w:keepNext/>");
        }
        if layout.indent {
            b.push_str("<w:ind w:firstLineChars=\"200\"/>");
        }
        if layout.center {
            b.push_str("<w:jc w:val=\"center\"/>");
        }
        b.push_str("</w:pPr>");
        for (text, look) in runs {
            self.run(text, *look);
        }
        self.buf.push_str("</w:p>");
        self.flush()
    }

    fn text(&mut self, text: &str, look: Look) -> std::io::Result<()> {
        self.para(Layout::default(), &[(text, look)])
    }

    /// A table's opening and its column grid.
    fn table(&mut self, widths: &[usize]) {
        let b = &mut self.buf;
        b.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblBorders>"
        ));
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            b.push_str(&format!(
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
            ));
        }
        b.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
        for w in widths {
            b.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        b.push_str("</w:tblGrid>");
    }

    fn row_start(&mut self, cant_split: bool) {
        self.buf.push_str(if cant_split {
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        } else {
            "<w:tr>"
        });
    }

    /// A cell: width, columns spanned, shaded or not, and its paragraphs
    /// (a cell holds at least an empty one).
    fn cell(&mut self, width: usize, span: usize, shaded: bool, paras: &[Vec<(&str, Look)>]) {
        let b = &mut self.buf;
        b.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
        ));
        if span > 1 {
            b.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
        }
        if shaded {
            b.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>");
        }
        b.push_str("</w:tcPr>");
        if paras.is_empty() {
            b.push_str("<w:p/>");
        }
        for runs in paras {
            self.buf.push_str("<w:p>");
            for (text, look) in runs {
                self.run(text, *look);
            }
            self.buf.push_str("</w:p>");
        }
        self.buf.push_str("</w:tc>");
    }

    fn row_end(&mut self) -> std::io::Result<()> {
        self.buf.push_str("</w:tr>");
        self.flush()
    }

    fn table_end(&mut self) -> std::io::Result<()> {
        self.buf.push_str("</w:tbl>");
        self.flush()
    }
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

fn value_paragraphs(r: &Row) -> Vec<Vec<(&str, Look)>> {
    match &r.value {
        None => vec![vec![("本清单未提供", MISSING)]],
        Some(_) => r.lines.iter().map(|l| vec![(l.as_str(), TEXT)]).collect(),
    }
}

fn block<O: Write>(d: &mut Body<'_, O>, b: &Block) -> std::io::Result<()> {
    match b.kind {
        "fields" => {
            let w = [2300, TEXT_WIDTH - 2300];
            d.table(&w);
            for r in &b.rows {
                d.row_start(true);
                d.cell(w[0], 1, true, &[vec![(r.label.as_str(), HEAD)]]);
                d.cell(w[1], 1, false, &value_paragraphs(r));
                d.row_end()?;
            }
            d.table_end()?;
        }
        _ if b.missing => d.text(&format!("本清单未提供“{}”", b.label), MISSING)?,
        "text" => {
            for p in &b.paragraphs {
                d.para(BODY_TEXT, &[(p, TEXT)])?;
            }
        }
        "steps" => {
            for (i, s) in b.steps.iter().enumerate() {
                d.para(BODY_TEXT, &[(&format!("{}. {s}", i + 1), TEXT)])?;
            }
        }
        "qa" => {
            for p in &b.pairs {
                d.para(BODY_TEXT, &[(&format!("问：{}", p.q), STRONG)])?;
                let a = if p.a.is_empty() { "—" } else { &p.a };
                d.para(BODY_TEXT, &[(&format!("答：{a}"), TEXT)])?;
            }
            for p in &b.paragraphs {
                d.para(BODY_TEXT, &[(p, TEXT)])?;
            }
        }
        "table" => table_block(d, b)?,
        _ => {}
    }
    Ok(())
}

/// A table of materials, fees or laws, each row's further details in a
/// row of its own beneath it.
fn table_block<O: Write>(d: &mut Body<'_, O>, b: &Block) -> std::io::Result<()> {
    let n = b.head.len().max(1);
    let widths = column_widths(&b.head);
    d.table(&widths);
    d.row_start(false);
    for (h, w) in b.head.iter().zip(&widths) {
        d.cell(*w, 1, true, &[vec![(h.as_str(), HEAD)]]);
    }
    d.row_end()?;
    for (k, r) in b.cells.iter().enumerate() {
        d.row_start(true);
        for (c, w) in r.iter().zip(&widths) {
            d.cell(
                *w,
                1,
                false,
                &[vec![(c.as_deref().unwrap_or("未注明"), TEXT)]],
            );
        }
        d.row_end()?;
        let details = b.details.get(k).map(Vec::as_slice).unwrap_or(&[]);
        if !details.is_empty() && n > 1 {
            let labels: Vec<(String, String)> = details
                .iter()
                .map(|x| (format!("{}：", x.label), x.lines.join(" ")))
                .collect();
            let paras: Vec<Vec<(&str, Look)>> = labels
                .iter()
                .map(|(l, v)| vec![(l.as_str(), STRONG), (v.as_str(), TEXT)])
                .collect();
            d.row_start(false);
            d.cell(widths[0], 1, false, &[]);
            d.cell(TEXT_WIDTH - widths[0], n - 1, false, &paras);
            d.row_end()?;
        }
    }
    d.table_end()?;
    if !b.absent.is_empty() {
        d.text(&format!("本清单未提供：{}", b.absent.join("、")), MISSING)?;
    }
    Ok(())
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

/// The body of one item's guide: title, code line, sections, footer.
fn guide_body<O: Write>(
    d: &mut Body<'_, O>,
    item: &GuideItem,
    footer: &str,
) -> std::io::Result<()> {
    let title = if item.summary.name.is_empty() {
        "（未提供事项名称）"
    } else {
        &item.summary.name
    };
    let center = Layout {
        center: true,
        ..Layout::default()
    };
    let title_look = Look {
        size: TITLE,
        ..HEAD
    };
    d.para(
        Layout {
            style: Some("Title"),
            ..center
        },
        &[(title, title_look)],
    )?;
    d.para(center, &[(&code_line(item, "　", "："), TEXT)])?;
    if !item.unverified.is_empty() {
        let look = Look {
            bold: true,
            color: Some(MISSING_COLOR),
            ..HEAD
        };
        d.text(&unverified_note(item), look)?;
    }
    let heading = Layout {
        style: Some("Heading1"),
        keep_next: true,
        ..Layout::default()
    };
    let heading_look = Look {
        size: HEADING,
        ..HEAD
    };
    for (i, s) in item.sections.iter().enumerate() {
        d.para(
            heading,
            &[(&format!("{}、{}", ordinal(i + 1), s.title), heading_look)],
        )?;
        for b in &s.blocks {
            block(d, b)?;
        }
    }
    d.para(Layout::default(), &[])?;
    let footer_look = Look {
        size: FOOTER,
        color: Some(FOOTER_COLOR),
        ..TEXT
    };
    d.text(footer, footer_look)?;
    let b = &mut d.buf;
    b.push_str(&format!(
        "<w:sectPr><w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>",
        A4.0, A4.1, MARGINS.0, MARGINS.3, MARGINS.1, MARGINS.2
    ));
    d.flush()
}

/// The package's fixed parts: content types, relationships, styles,
/// settings and properties (with the fixed document time).
fn parts() -> Vec<(&'static str, String)> {
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    let ct = "application/vnd.openxmlformats-officedocument";
    let fonts = |ea: &str| {
        format!("<w:rFonts w:ascii=\"{LATIN}\" w:eastAsia=\"{ea}\" w:hAnsi=\"{LATIN}\" w:cs=\"{LATIN}\"/>")
    };
    let time = iso_time(crate::output::document_time());
    vec![
        ("[Content_Types].xml", format!(
            "{decl}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"{ct}.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"{ct}.wordprocessingml.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"{ct}.wordprocessingml.settings+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"{ct}.extended-properties+xml\"/></Types>"
        )),
        ("_rels/.rels", format!(
            "{decl}<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"{PKG}/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"
        )),
        ("docProps/core.xml", format!(
            "{decl}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>办事指南</dc:title><dc:creator>santong</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">{time}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{time}</dcterms:modified></cp:coreProperties>"
        )),
        ("docProps/app.xml", format!(
            "{decl}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>santong</Application></Properties>"
        )),
        ("word/_rels/document.xml.rels", format!(
            "{decl}<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"{REL}/settings\" Target=\"settings.xml\"/></Relationships>"
        )),
        ("word/settings.xml", format!(
            "{decl}<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
        )),
        ("word/styles.xml", format!(
            "{decl}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val=\"{BODY}\"/><w:szCs w:val=\"{BODY}\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"360\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"240\" w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>{}<w:sz w:val=\"{TITLE}\"/><w:szCs w:val=\"{TITLE}\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"Heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>{}<w:sz w:val=\"{HEADING}\"/><w:szCs w:val=\"{HEADING}\"/></w:rPr></w:style></w:styles>",
            fonts(FANGSONG), fonts(HEITI), fonts(HEITI)
        )),
    ]
}

/// Seconds since 1970 as W3C date-time: `2000-01-01T00:00:00Z`.
fn iso_time(t: i64) -> String {
    let (days, rem) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = crate::output::civil_date(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The Word document of one item's guide, written part by part into a
/// deflated zip with fixed entry times (two runs give the same bytes).
pub fn guide_docx(item: &GuideItem, footer: &str) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| {
        crate::tr!(
            "无法生成 Word 文档：{}",
            "cannot build the Word document: {}",
            e
        )
    };
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts() {
        z.start_file(name, opts).map_err(|e| fail(&e))?;
        z.write_all(text.as_bytes()).map_err(|e| fail(&e))?;
    }
    z.start_file("word/document.xml", opts)
        .map_err(|e| fail(&e))?;
    let mut body = Body {
        out: &mut z,
        buf: format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\"><w:body>"
        ),
    };
    guide_body(&mut body, item, footer).map_err(|e| fail(&e))?;
    z.write_all(b"</w:body></w:document>")
        .map_err(|e| fail(&e))?;
    let out = z.finish().map_err(|e| fail(&e))?;
    Ok(out.into_inner())
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

    #[test]
    fn document_times_read_as_w3c_dates() {
        assert_eq!(super::iso_time(946_684_800), "2000-01-01T00:00:00Z");
        assert_eq!(
            super::iso_time(1_709_251_200 + 3661),
            "2024-03-01T01:01:01Z"
        );
        assert_eq!(super::iso_time(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn text_is_escaped_and_breaks_become_words() {
        let mut s = String::new();
        super::escaped(&mut s, "a<b>&\"c\"\u{0}\nd");
        assert_eq!(
            s,
            "a&lt;b&gt;&amp;&quot;c&quot;\u{FFFD}</w:t><w:br/><w:t xml:space=\"preserve\">d"
        );
    }
}
