//! The floor for checking a CSV: a bare csv-crate read of every record
//! (UTF-8, no decoding, no interpretation), counting non-empty fields.
//! `scripts/bench-peers.sh` times `santong check` against it.

fn main() {
    let mut cells = 0u64;
    let mut records = 0u64;
    for path in std::env::args().skip(1) {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut rec = csv::ByteRecord::new();
        while r.read_byte_record(&mut rec).unwrap() {
            records += 1;
            cells += rec.iter().filter(|f| !f.is_empty()).count() as u64;
        }
    }
    println!("{records} records, {cells} cells");
}
