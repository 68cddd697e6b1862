//! Any bytes, as a catalogue of every format santong reads: check must
//! return findings or a read error, never panic, whatever the content.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let std = santong::standard::Standard::national().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for ext in ["xlsx", "xls", "ods", "csv", "yaml", "json"] {
        let p = dir.path().join(format!("input.{ext}"));
        std::fs::write(&p, data).unwrap();
        let opts = santong::check::CheckOptions::default();
        let _ = santong::check::check_file(&p, &std, &opts);
    }
});
