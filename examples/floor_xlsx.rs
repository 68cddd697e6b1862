//! The floor for checking a workbook: a bare calamine read of every cell
//! of every sheet (streamed, as santong reads), counting the non-empty
//! ones. `scripts/bench-peers.sh` times `santong check` against it.

use calamine::{DataType, Reader};

fn main() {
    let mut cells = 0u64;
    for path in std::env::args().skip(1) {
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let names = wb.sheet_names().to_vec();
        for name in names {
            let mut r = wb.worksheet_cells_reader(&name).unwrap();
            while let Some(c) = r.next_cell().unwrap() {
                if !c.get_value().is_empty() {
                    cells += 1;
                }
            }
        }
    }
    println!("{cells} cells");
}
