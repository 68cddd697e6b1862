//! Any text as a YAML catalogue (items, materials, fees, anchors and
//! aliases, deep nesting): findings or one read error, never a panic or an
//! alias bomb.
#![no_main]
use libfuzzer_sys::fuzz_target;

static STD: std::sync::OnceLock<santong::standard::Standard> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let std = STD.get_or_init(|| santong::standard::Standard::national().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("input.yaml");
    std::fs::write(&p, data).unwrap();
    let _ = santong::check::check_file(&p, std, &Default::default());
});
