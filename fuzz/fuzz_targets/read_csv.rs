//! Any bytes as a delimited text list, with the encoding detected and with
//! each encoding a user may force: findings or one read error (an
//! undecodable byte names its offset), never a panic or a silent change.
#![no_main]
use libfuzzer_sys::fuzz_target;

static STD: std::sync::OnceLock<santong::standard::Standard> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let std = STD.get_or_init(|| santong::standard::Standard::national().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("input.csv");
    std::fs::write(&p, data).unwrap();
    // the first byte picks the encoding forced, if any
    let forced = match data.first().map(|b| b % 5) {
        Some(1) => Some("utf-8"),
        Some(2) => Some("gbk"),
        Some(3) => Some("gb18030"),
        Some(4) => Some("utf-16le"),
        _ => None,
    };
    let mut opts = santong::check::CheckOptions::default();
    opts.read.encoding = forced.map(str::to_string);
    let _ = santong::check::check_file(&p, std, &opts);
    let _ = santong::catalogue::grid::read_grids(&p, &opts.read);
});
