//! Any bytes as the national exchange JSON (AUDIT_* records, wrappers,
//! task versions): findings located by path, or one read error; then the
//! records compared with themselves, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

static STD: std::sync::OnceLock<santong::standard::Standard> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let std = STD.get_or_init(|| santong::standard::Standard::national().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("input.json");
    std::fs::write(&p, data).unwrap();
    let _ = santong::check::check_file(&p, std, &Default::default());
    if let Ok(cat) = santong::catalogue::Catalogue::load(&p, std, &Default::default()) {
        let sel = santong::generate::guide::select(std, std::slice::from_ref(&cat), &[]);
        if let Ok(sel) = sel {
            let g = santong::generate::guide::Guides::new(std);
            for s in &sel {
                let _ = g.guide(s);
            }
        }
    }
});
