//! The tables as one SQLite database (rusqlite, SQLite bundled).

use super::{Cell, Kind, Table};

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The database's bytes: built in a temporary file, then read back so the
/// caller writes it atomically where it was asked.
pub fn database(tables: &[Table]) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().map_err(|e| crate::locale::io_error(&e))?;
    let path = dir.path().join("export.sqlite");
    let e = |e: rusqlite::Error| e.to_string();
    {
        let mut db = rusqlite::Connection::open(&path).map_err(e)?;
        db.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            .map_err(e)?;
        let tx = db.transaction().map_err(e)?;
        for t in tables {
            let cols: Vec<String> = t
                .columns
                .iter()
                .map(|(c, k)| {
                    let ty = match k {
                        Kind::Int => "INTEGER",
                        Kind::Text => "TEXT",
                    };
                    format!("{} {ty}", quoted(c))
                })
                .collect();
            tx.execute_batch(&format!(
                "CREATE TABLE {} ({});",
                quoted(t.name),
                cols.join(", ")
            ))
            .map_err(e)?;
            let marks = vec!["?"; t.columns.len()].join(", ");
            let mut insert = tx
                .prepare(&format!("INSERT INTO {} VALUES ({marks})", quoted(t.name)))
                .map_err(e)?;
            for row in &t.rows {
                let values = row.iter().map(|c| match c {
                    Cell::Null => rusqlite::types::Value::Null,
                    Cell::Int(n) => rusqlite::types::Value::Integer(*n),
                    Cell::Text(s) => rusqlite::types::Value::Text(s.clone()),
                });
                insert
                    .execute(rusqlite::params_from_iter(values))
                    .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        db.close().map_err(|(_, err)| err.to_string())?;
    }
    std::fs::read(&path).map_err(|e| crate::locale::io_error(&e))
}
