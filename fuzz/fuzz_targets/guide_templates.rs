//! Any text as a `--templates` guide page (and, after a `---` line, the
//! index page), rendered over the example list in HTML and Markdown:
//! loading fails with a message or the pages render, and a template's
//! loop ends on fuel, never a panic, a hang or a write outside the output.
#![no_main]
use libfuzzer_sys::fuzz_target;
use santong::generate::site::{write_guides, GuideFormat};

static STD: std::sync::OnceLock<santong::standard::Standard> = std::sync::OnceLock::new();
static CAT: std::sync::OnceLock<santong::catalogue::Catalogue> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let std = STD.get_or_init(|| santong::standard::Standard::national().unwrap());
    let cat = CAT.get_or_init(|| {
        let list = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/examples/浦北县-实施清单.csv");
        santong::catalogue::Catalogue::load(list.as_ref(), std, &Default::default()).unwrap()
    });
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    let cut = text.find("\n---\n").unwrap_or(text.len());
    let (item, index) = (&text[..cut], text.get(cut + 5..).unwrap_or(""));
    for ext in ["html", "md"] {
        std::fs::write(t.join(format!("guide-item.{ext}.j2")), item).unwrap();
        if !index.is_empty() {
            std::fs::write(t.join(format!("guide-index.{ext}.j2")), index).unwrap();
        }
    }
    let Ok(templates) = santong::report::templates::Templates::load(Some(&t)) else {
        return;
    };
    let Ok(selected) = santong::generate::guide::select(std, std::slice::from_ref(cat), &[])
    else {
        return;
    };
    for (format, name) in [(GuideFormat::Html, "html"), (GuideFormat::Md, "md")] {
        let Ok(out) = santong::output::OutDir::create(&dir.path().join(name)) else {
            continue;
        };
        let _ = write_guides(
            std,
            &selected,
            format,
            &out,
            &templates,
            &["浦北县-实施清单.csv".to_string()],
            &Default::default(),
        );
    }
});
