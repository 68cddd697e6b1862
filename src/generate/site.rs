//! Writing guides: a static HTML site (index plus one page per item), a
//! Markdown set, or one Word document per item, all below `--out`.

use super::guide::{Guides, Selected, Summary};
use super::verify::Verification;
use crate::output::OutDir;
use crate::report::templates::Templates;
use crate::standard::Standard;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

fn serde<T: Serialize>(v: &T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(v))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuideFormat {
    Html,
    Md,
    Docx,
}

/// What every page shows around the guide.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub footer: String,
    pub version: String,
}

impl SiteInfo {
    /// The title names the region (所属地区) most items share, or the one
    /// body all items share.
    pub fn new(std: &Standard, items: &[Summary], sources: &[String]) -> SiteInfo {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for it in items.iter().filter(|i| !i.region.is_empty()) {
            *counts.entry(it.region.as_str()).or_default() += 1;
        }
        let region = counts
            .into_iter()
            .filter(|(_, n)| *n * 2 > items.len())
            .max_by_key(|(_, n)| *n)
            .map(|(v, _)| v.to_string());
        let place = region.or_else(|| {
            let bodies: BTreeSet<&str> = items.iter().map(|i| i.body.as_str()).collect();
            (bodies.len() == 1)
                .then(|| items[0].body.clone())
                .filter(|b| !b.is_empty())
        });
        let title = match place {
            Some(p) => format!("{p}政务服务事项办事指南"),
            None => "政务服务事项办事指南".to_string(),
        };
        SiteInfo {
            title,
            footer: super::guide::footer(std, sources),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

fn sorted_unique<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    values
        .filter(|v| !v.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// At most one blank line in a row, and a final newline.
fn tidy(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        blank = if line.is_empty() { blank + 1 } else { 0 };
        if blank < 2 {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Write the guides of the selected items, one at a time (a province's
/// worth never sits in memory as view models); returns the files written.
#[allow(clippy::too_many_arguments)]
pub fn write_guides(
    std: &Standard,
    selected: &[Selected],
    format: GuideFormat,
    out: &OutDir,
    templates: &Templates,
    sources: &[String],
    verification: &Verification,
    done: &dyn Fn(),
) -> Result<Vec<PathBuf>, String> {
    let g = Guides::new(std);
    let summaries: Vec<Summary> = selected.iter().map(|s| g.summary(s)).collect();
    let site = SiteInfo::new(std, &summaries, sources);
    let mut written = Vec::new();
    match format {
        GuideFormat::Docx => {
            for sel in selected {
                let mut it = g.guide(sel);
                it.unverified = verification.of_item(sel.item);
                let bytes = super::docx::guide_docx(&it, &it.footer)?;
                written.push(out.write(&format!("{}.docx", it.summary.file), &bytes)?);
                done();
            }
        }
        GuideFormat::Html | GuideFormat::Md => {
            let ext = if format == GuideFormat::Html {
                "html"
            } else {
                "md"
            };
            let page_template = format!("guide-item.{ext}.j2");
            for sel in selected {
                let mut it = g.guide(sel);
                it.unverified = verification.of_item(sel.item);
                let ctx = minijinja::context! {
                    site => serde(&site),
                    root => "../",
                    item => serde(&it),
                };
                let page = tidy(templates.render(&page_template, ctx)?);
                written
                    .push(out.write(&format!("items/{}.{ext}", it.summary.file), page.as_bytes())?);
                done();
            }
            let ctx = minijinja::context! {
                site => serde(&site),
                root => "",
                items => serde(&summaries),
                bodies => sorted_unique(summaries.iter().map(|i| i.body.as_str())),
                types => sorted_unique(summaries.iter().map(|i| i.item_type.as_str())),
                audiences => sorted_unique(summaries.iter().flat_map(|i| i.audience.iter().map(String::as_str))),
            };
            let index = tidy(templates.render(&format!("guide-index.{ext}.j2"), ctx)?);
            written.push(out.write(&format!("index.{ext}"), index.as_bytes())?);
        }
    }
    Ok(written)
}
