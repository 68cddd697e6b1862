//! The application form (申请表) of an item, as a workbook an applicant or a
//! service window fills in: an applicant block that fits the item's
//! audience, the item's own fields, a materials checklist with a 是/否
//! dropdown per material, the declaration, signature and date. The layout
//! is locked; only the input cells can be edited. A4, fitted to width.

use super::guide::GuideItem;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Worksheet, XlsxError,
};

/// Columns A–F: label, input, input, label, input, input.
const WIDTHS: [f64; 6] = [16.0, 14.0, 14.0, 16.0, 14.0, 14.0];
const LAST_COL: u16 = 5;

const ID_TYPES: [&str; 6] = [
    "居民身份证",
    "港澳居民来往内地通行证",
    "台湾居民来往大陆通行证",
    "护照",
    "外国人永久居留身份证",
    "其他",
];
const APPLICATION_KINDS: [&str; 5] = ["新办", "变更", "延续", "补办", "注销"];
const DECLARATION: &str = "本人（单位）承诺：所填写的内容和提交的材料真实、合法、有效，如有虚假，愿意承担相应的法律责任。";

struct Formats {
    title: Format,
    subtitle: Format,
    section: Format,
    label: Format,
    fixed: Format,
    input: Format,
    input_tall: Format,
    center: Format,
    note: Format,
    /// The 待核实 mark: red, bold, boxed.
    mark: Format,
}

impl Formats {
    fn new() -> Formats {
        let cjk = |f: Format| f.set_font_name("宋体").set_font_size(11);
        let boxed = |f: Format| {
            cjk(f)
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
        };
        Formats {
            title: cjk(Format::new())
                .set_font_name("黑体")
                .set_font_size(18)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: cjk(Format::new())
                .set_font_size(9)
                .set_align(FormatAlign::Center)
                .set_font_color(Color::RGB(0x555555)),
            section: boxed(Format::new())
                .set_font_name("黑体")
                .set_bold()
                .set_background_color(Color::RGB(0xE7E6E6)),
            label: boxed(Format::new())
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xF2F2F2)),
            fixed: boxed(Format::new()),
            input: boxed(Format::new())
                .set_unlocked()
                .set_num_format("@")
                .set_background_color(Color::RGB(0xFFFDF2)),
            input_tall: boxed(Format::new())
                .set_unlocked()
                .set_num_format("@")
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xFFFDF2)),
            center: boxed(Format::new()).set_align(FormatAlign::Center),
            mark: boxed(Format::new())
                .set_bold()
                .set_font_color(Color::RGB(0xC00000))
                .set_background_color(Color::RGB(0xFDE9E7)),
            note: cjk(Format::new())
                .set_font_size(9)
                .set_text_wrap()
                .set_font_color(Color::RGB(0x555555)),
        }
    }
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: Formats,
    row: u32,
}

impl Sheet<'_> {
    fn merge(&mut self, c1: u16, c2: u16, text: &str, fmt: &Format) -> Result<(), XlsxError> {
        if c1 == c2 {
            self.ws.write_string_with_format(self.row, c1, text, fmt)?;
        } else {
            self.ws.merge_range(self.row, c1, self.row, c2, text, fmt)?;
        }
        Ok(())
    }

    fn section(&mut self, title: &str) -> Result<(), XlsxError> {
        let f = self.f.section.clone();
        self.merge(0, LAST_COL, title, &f)?;
        self.ws.set_row_height(self.row, 22)?;
        self.row += 1;
        Ok(())
    }

    /// `label | input input | label | input input`, with optional validations.
    fn pair(
        &mut self,
        left: (&str, Option<DataValidation>),
        right: (&str, Option<DataValidation>),
    ) -> Result<(), XlsxError> {
        let (label, input) = (self.f.label.clone(), self.f.input.clone());
        let height = fits(left.0, (0, 0), 24.0).max(fits(right.0, (3, 3), 24.0));
        for (c, (text, dv)) in [(0u16, left), (3u16, right)] {
            self.ws
                .write_string_with_format(self.row, c, text, &label)?;
            self.merge(c + 1, c + 2, "", &input)?;
            if let Some(dv) = dv {
                self.ws
                    .add_data_validation(self.row, c + 1, self.row, c + 2, &dv)?;
            }
        }
        self.ws.set_row_height(self.row, height)?;
        self.row += 1;
        Ok(())
    }

    /// `label | input across the row` (or a fixed value when given).
    fn wide(&mut self, text: &str, value: Option<&str>, height: f64) -> Result<(), XlsxError> {
        let label = self.f.label.clone();
        let fmt = match value {
            Some(_) => self.f.fixed.clone(),
            None if height > 30.0 => self.f.input_tall.clone(),
            None => self.f.input.clone(),
        };
        self.ws
            .write_string_with_format(self.row, 0, text, &label)?;
        self.merge(1, LAST_COL, value.unwrap_or(""), &fmt)?;
        let height =
            fits(value.unwrap_or(""), (1, LAST_COL), height).max(fits(text, (0, 0), height));
        self.ws.set_row_height(self.row, height)?;
        self.row += 1;
        Ok(())
    }
}

fn list(values: &[&str], title: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(values)?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(title)?
        .set_error_message(format!("请从下拉列表中选择：{}", values.join("、")))
}

fn length(max: u32, title: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_text_length(rust_xlsxwriter::DataValidationRule::LessThanOrEqualTo(max))
        .set_error_title(title)?
        .set_error_message(format!("不超过{max}个字符"))
}

/// The application form of one item, as xlsx bytes.
pub fn application_form(item: &GuideItem) -> Result<Vec<u8>, String> {
    build(item).map_err(|e| {
        crate::tr!(
            "无法生成申请表：{}",
            "cannot build the application form: {}",
            e
        )
    })
}

fn value<'a>(item: &'a GuideItem, id: &str) -> Option<&'a str> {
    item.values.get(id).and_then(|v| v.as_deref())
}

fn build(item: &GuideItem) -> Result<Vec<u8>, XlsxError> {
    let mut wb = crate::output::workbook();
    let ws = wb.add_worksheet();
    ws.set_name("申请表")?;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_screen_gridlines(false);
    let mut s = Sheet {
        ws,
        f: Formats::new(),
        row: 0,
    };
    let name = title_block(&mut s, item)?;
    applicant(&mut s, item)?;
    item_fields(&mut s, item, &name)?;
    materials_checklist(&mut s, item)?;
    closing(&mut s)?;
    let last = s.row;
    page_setup(s.ws, last)?;
    wb.save_to_buffer()
}

/// The title and the receiving office; returns the item's name.
fn title_block(s: &mut Sheet<'_>, item: &GuideItem) -> Result<String, XlsxError> {
    let name = if item.summary.name.is_empty() {
        "政务服务事项"
    } else {
        &item.summary.name
    };
    let title = s.f.title.clone();
    s.merge(0, LAST_COL, &format!("{name}申请表"), &title)?;
    s.ws.set_row_height(0, 36)?;
    s.row += 1;
    let sub = s.f.subtitle.clone();
    let body = if item.summary.body.is_empty() {
        "—"
    } else {
        &item.summary.body
    };
    let code = if item.summary.impl_code.is_empty() {
        "—"
    } else {
        &item.summary.impl_code
    };
    s.merge(
        0,
        LAST_COL,
        &format!("受理机关：{body}　　实施编码：{code}"),
        &sub,
    )?;
    s.row += 1;
    if !item.unverified.is_empty() {
        // the list has errors on this item: the form says so where it is seen first
        let note = super::docx::unverified_note(item);
        let mark = s.f.mark.clone();
        s.merge(0, LAST_COL, &note, &mark)?;
        s.ws.set_row_height(s.row, fits(&note, (0, LAST_COL), 16.0))?;
        s.row += 1;
    }
    s.row += 1;

    Ok(name.to_string())
}

/// The applicant: natural persons, and legal persons or other organisations.
fn applicant(s: &mut Sheet<'_>, item: &GuideItem) -> Result<(), XlsxError> {
    // Applicant: natural persons, and legal persons or other organisations.
    let natural =
        item.summary.audience.is_empty() || item.summary.audience.iter().any(|a| a == "自然人");
    let organisation =
        item.summary.audience.is_empty() || item.summary.audience.iter().any(|a| a != "自然人");
    if natural {
        s.section(if organisation {
            "申请人信息（自然人填写）"
        } else {
            "申请人信息"
        })?;
        s.pair(
            ("姓名", Some(length(50, "姓名")?)),
            ("证件类型", Some(list(&ID_TYPES, "证件类型")?)),
        )?;
        s.pair(
            ("证件号码", Some(length(30, "证件号码")?)),
            ("联系电话", Some(length(30, "联系电话")?)),
        )?;
        s.wide("联系地址", None, 24.0)?;
    }
    if organisation {
        s.section(if natural {
            "申请人信息（法人或其他组织填写）"
        } else {
            "申请人信息"
        })?;
        s.wide("单位名称", None, 24.0)?;
        let credit = DataValidation::new()
            .allow_text_length(rust_xlsxwriter::DataValidationRule::EqualTo(18))
            .set_error_title("统一社会信用代码")?
            .set_error_message("统一社会信用代码为18位")?;
        s.pair(
            ("统一社会信用代码", Some(credit)),
            ("法定代表人", Some(length(50, "法定代表人")?)),
        )?;
        s.pair(
            ("代理人", Some(length(50, "代理人")?)),
            ("代理人证件号码", Some(length(30, "代理人证件号码")?)),
        )?;
        s.pair(
            ("联系电话", Some(length(30, "联系电话")?)),
            ("邮政编码", Some(length(6, "邮政编码")?)),
        )?;
        s.wide("联系地址", None, 24.0)?;
    }

    Ok(())
}

/// The item's own fields: kind, pick-up, result, limit, fee.
fn item_fields(s: &mut Sheet<'_>, item: &GuideItem, name: &str) -> Result<(), XlsxError> {
    // The item's own fields.
    s.section("申请事项")?;
    s.wide("申请事项", Some(name), 24.0)?;
    let mut pickup: Vec<&str> = vec!["窗口领取", "邮寄送达"];
    if value(item, "channels").is_some_and(|c| c.contains("网上"))
        || value(item, "online_depth").is_some()
    {
        pickup.push("网上获取（电子证照）");
    }
    s.pair(
        ("申请类型", Some(list(&APPLICATION_KINDS, "申请类型")?)),
        ("结果领取方式", Some(list(&pickup, "结果领取方式")?)),
    )?;
    if let Some(result) = value(item, "result_name") {
        s.wide("申请取得", Some(result), 24.0)?;
    }
    // what the applicant is promised, phrased as in the guide
    if let Some(limit) = guide_row(item, "time_limits", "promised_days") {
        s.wide("办理时限", Some(&limit), 24.0)?;
    }
    if let Some(fee) = guide_row(item, "fees", "fee") {
        let charged = fee != "不收费";
        let text = match (charged, value(item, "fee_rate")) {
            (true, Some(rate)) => format!("收费：{rate}"),
            _ => fee,
        };
        s.wide("收费", Some(&text), 24.0)?;
        if charged {
            let mut ways = vec!["窗口缴费"];
            if value(item, "online_payment") != Some("否") {
                ways.push("网上缴费");
            }
            s.pair(
                ("缴费方式", Some(list(&ways, "缴费方式")?)),
                ("发票抬头", Some(length(100, "发票抬头")?)),
            )?;
        }
    }
    s.wide("申请内容及事由", None, 72.0)?;

    Ok(())
}

/// The materials checklist, a 是/否 choice per material.
fn materials_checklist(s: &mut Sheet<'_>, item: &GuideItem) -> Result<(), XlsxError> {
    // Materials checklist.
    s.section("申请材料清单（请在“是否提交”栏选择）")?;
    let (label, center, fixed, input) = (
        s.f.label.clone(),
        s.f.center.clone(),
        s.f.fixed.clone(),
        s.f.input.clone(),
    );
    s.ws.write_string_with_format(s.row, 0, "序号", &label)?;
    s.merge(1, 2, "材料名称", &label)?;
    s.ws.write_string_with_format(s.row, 3, "材料必要性", &label)?;
    s.ws.write_string_with_format(s.row, 4, "类型及份数", &label)?;
    s.ws.write_string_with_format(s.row, 5, "是否提交", &label)?;
    s.row += 1;
    let all = materials_of(item);
    let unnamed = all.iter().filter(|m| m.name.is_empty()).count();
    // a material with no name is no material an applicant can hand in:
    // it is counted below the checklist, never listed as a placeholder
    let materials: Vec<&Material> = all.iter().filter(|m| !m.name.is_empty()).collect();
    if materials.is_empty() {
        s.merge(
            0,
            LAST_COL,
            "本清单未提供申请材料，请向受理机关咨询。",
            &fixed,
        )?;
        s.row += 1;
    }
    let yes_no = list(&["是", "否"], "是否提交")?;
    let first = s.row;
    for (n, m) in materials.iter().enumerate() {
        s.ws.write_string_with_format(s.row, 0, (n + 1).to_string(), &center)?;
        s.merge(1, 2, &m.name, &fixed)?;
        s.ws.write_string_with_format(s.row, 3, &m.necessity, &center)?;
        s.ws.write_string_with_format(s.row, 4, &m.kind, &center)?;
        s.ws.write_string_with_format(s.row, 5, "", &input.clone().set_align(FormatAlign::Center))?;
        s.ws.set_row_height(s.row, fits(&m.name, (1, 2), 21.0))?;
        s.row += 1;
    }
    if !materials.is_empty() {
        s.ws.add_data_validation(first, 5, s.row - 1, 5, &yes_no)?;
    }
    if unnamed > 0 {
        let text = format!("另有 {unnamed} 项材料在清单中未填写名称，请向受理机关咨询。");
        s.merge(0, LAST_COL, &text, &fixed)?;
        s.row += 1;
    }

    Ok(())
}

/// Declaration, signature and date, and the receiving office's box.
fn closing(s: &mut Sheet<'_>) -> Result<(), XlsxError> {
    let fixed = s.f.fixed.clone();
    // Declaration, signature and date.
    s.section("申请人声明")?;
    s.merge(0, LAST_COL, DECLARATION, &fixed)?;
    s.ws.set_row_height(s.row, 36)?;
    s.row += 1;
    s.pair(("申请人（签字或盖章）", None), ("日期", None))?;
    s.row += 1;
    s.section("以下由受理机关填写")?;
    s.pair(("受理人", None), ("受理日期", None))?;
    let note = s.f.note.clone();
    s.row += 1;
    s.merge(
        0,
        LAST_COL,
        "填表说明：请用黑色墨水笔或签字笔填写，字迹清楚；带底色的格子为填写区域。",
        &note,
    )?;
    Ok(())
}

/// A4, fitted to the width, protected but for the input cells.
fn page_setup(ws: &mut Worksheet, last: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(9) // A4
        .set_portrait()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3)
        .set_footer("&C第 &P 页，共 &N 页");
    ws.set_print_area(0, 0, last, LAST_COL)?;
    ws.protect_with_options(&ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The height a row needs for `text` wrapped across columns `c1..=c2`
/// (with a little room around the box), never below `min`.
fn fits(text: &str, (c1, c2): (u16, u16), min: f64) -> f64 {
    let width: f64 = WIDTHS[c1 as usize..=c2 as usize].iter().sum();
    let h = crate::output::wrapped_row_height(&[(text, width)]);
    if h > 15.0 {
        (h + 6.0).max(min)
    } else {
        min
    }
}

/// A value as the guide phrases it (e.g. 自受理之日起10个工作日内办结).
fn guide_row(item: &GuideItem, section: &str, id: &str) -> Option<String> {
    item.sections
        .iter()
        .find(|s| s.id == section)?
        .blocks
        .iter()
        .flat_map(|b| b.rows.iter())
        .find(|r| r.id == id)?
        .value
        .clone()
}

struct Material {
    name: String,
    necessity: String,
    kind: String,
}

/// The materials table of the guide, read back by its column heads.
fn materials_of(item: &GuideItem) -> Vec<Material> {
    let Some(block) = item
        .sections
        .iter()
        .find(|s| s.id == "materials")
        .and_then(|s| s.blocks.first())
    else {
        return Vec::new();
    };
    let col = |label: &str| block.head.iter().position(|h| h == label);
    let get = |row: &[Option<String>], label: &str| {
        col(label)
            .and_then(|i| row.get(i).cloned().flatten())
            .unwrap_or_default()
    };
    block
        .cells
        .iter()
        .map(|row| {
            let copies = get(row, "份数");
            let kind = get(row, "材料类型");
            Material {
                name: get(row, "材料名称"),
                necessity: get(row, "材料必要性"),
                kind: match (kind.is_empty(), copies.is_empty()) {
                    (false, false) => format!("{kind} {copies}份"),
                    (false, true) => kind,
                    (true, false) => format!("{copies}份"),
                    (true, true) => String::new(),
                },
            }
        })
        .collect()
}
