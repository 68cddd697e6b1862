//! In-process benchmarks of each stage of santong on generated lists
//! (benches/support/lists.rs): reading, value interpretation, checking
//! (one thread and every core), aligning regions, and rendering findings.
//!
//! `cargo bench --bench stages` measures (divan); `cargo test` runs every
//! benchmark once on small lists, so the benchmark code keeps compiling
//! and running (no timing is asserted anywhere). The whole-command
//! comparisons with other tools are `scripts/bench-peers.sh`.

#[path = "support/lists.rs"]
mod lists;

use santong::catalogue::{self, ReadOptions};
use santong::check::{check_file, CheckOptions};
use santong::diff::{compare, Baseline, CompareOptions, Region};
use santong::report::{self, CheckRun, FileOutcome, Format, RenderOptions};
use santong::standard::Standard;
use std::path::PathBuf;
use std::sync::OnceLock;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// Items per region: province-like under `cargo bench`, small as a test.
fn items() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        20_000
    } else {
        300
    }
}

struct Data {
    std: Standard,
    _dir: tempfile::TempDir,
    /// Two regions, one row per item (CSV).
    flat: Vec<PathBuf>,
    /// One region with materials on their own sheet (xlsx).
    xlsx: PathBuf,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let spec = lists::Spec {
            items: items(),
            regions: 2,
            defects_per_mille: 10,
            seed: 1,
            materials: false,
        };
        let flat = lists::write_all(&spec, &["csv"], &dir.path().join("flat")).expect("lists");
        let with = lists::Spec {
            materials: true,
            regions: 1,
            ..spec
        };
        let xlsx = lists::write_all(&with, &["xlsx"], &dir.path().join("xlsx")).expect("lists");
        Data {
            std: Standard::national().expect("the national standard"),
            _dir: dir,
            flat,
            xlsx: xlsx[0].clone(),
        }
    })
}

fn count_events(path: &std::path::Path, std: &Standard) -> usize {
    let mut n = 0;
    catalogue::read(path, std, &ReadOptions::default(), &mut |_| n += 1).expect("readable");
    n
}

#[divan::bench(sample_count = 5)]
fn read_csv() -> usize {
    let d = data();
    count_events(&d.flat[0], &d.std)
}

#[divan::bench(sample_count = 5)]
fn read_xlsx() -> usize {
    let d = data();
    count_events(&d.xlsx, &d.std)
}

/// Interpreting typical cells of each kind (names, codes, limits, labels).
#[divan::bench]
fn interpret(b: divan::Bencher) {
    let d = data();
    let cells: Vec<(usize, &str)> = [
        ("name", "建设工程消防验收（含特殊建设工程）"),
        ("basic_code", "000117006000"),
        ("statutory_limit", "20个工作日"),
        ("promised_limit", "十五"),
        ("item_type", "行政许可"),
        ("body_code", "11450100MB1234567X"),
        ("consult_phone", "0771-1234567"),
        ("channels", "窗口办理、网上办理"),
    ]
    .into_iter()
    .filter_map(|(id, text)| d.std.element_index(id).map(|i| (i, text)))
    .collect();
    b.bench(|| {
        cells
            .iter()
            .map(|(i, t)| catalogue::value::interpret(&d.std.elements[*i], &d.std, t, false))
            .filter(|(v, _)| !v.is_absent())
            .count()
    });
}

fn check(path: &std::path::Path, threads: usize) -> usize {
    let d = data();
    let opts = CheckOptions {
        threads,
        ..Default::default()
    };
    check_file(path, &d.std, &opts)
        .expect("checked")
        .findings
        .len()
}

#[divan::bench(sample_count = 5, args = [1, 2])]
fn check_csv(threads: usize) -> usize {
    check(&data().flat[0], threads)
}

#[divan::bench(sample_count = 5, args = [1, 2])]
fn check_xlsx(threads: usize) -> usize {
    check(&data().xlsx, threads)
}

/// Aligning and comparing two regions already read.
#[divan::bench(sample_count = 5)]
fn align(b: divan::Bencher) {
    let d = data();
    let regions: Vec<Region> = d
        .flat
        .iter()
        .map(|p| Region::load(p, &d.std, &Default::default(), None).expect("a region"))
        .collect();
    let opts = CompareOptions {
        baseline: Baseline::Region(regions[0].name.clone()),
        ..CompareOptions::default()
    };
    b.bench(|| compare(&d.std, &regions, None, &opts).items_compared());
}

/// Rendering one file's findings as JSON, SARIF and the terminal report.
#[divan::bench(sample_count = 5, args = ["json", "sarif", "human"])]
fn render(b: divan::Bencher, format: &str) {
    let d = data();
    let report = check_file(&d.flat[0], &d.std, &CheckOptions::default()).expect("checked");
    let run = CheckRun {
        files: vec![FileOutcome::Checked(report)],
    };
    let format = match format {
        "json" => Format::Json,
        "sarif" => Format::Sarif,
        _ => Format::Human,
    };
    b.bench(|| {
        report::render(
            format,
            &run,
            &d.std,
            santong::i18n::Lang::Zh,
            &RenderOptions::default(),
        )
        .expect("rendered")
        .len()
    });
}
