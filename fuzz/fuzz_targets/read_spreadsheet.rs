//! Any bytes as a workbook (.xlsx, .xls, .ods): check and the annotated
//! copy's cell reader must return findings or a read error, never panic,
//! and stay within the reader's limits whatever the container claims.
#![no_main]
use libfuzzer_sys::fuzz_target;

static STD: std::sync::OnceLock<santong::standard::Standard> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let std = STD.get_or_init(|| santong::standard::Standard::national().unwrap());
    let dir = tempfile::tempdir().unwrap();
    for ext in ["xlsx", "xls", "ods"] {
        let p = dir.path().join(format!("input.{ext}"));
        std::fs::write(&p, data).unwrap();
        let opts = santong::check::CheckOptions::default();
        let _ = santong::check::check_file(&p, std, &opts);
        let _ = santong::catalogue::grid::read_grids(&p, &Default::default());
    }
});
