//! One table as a Parquet file (the parquet crate's own writer: text as
//! UTF-8 byte arrays, rows as 64-bit integers, empty cells as nulls).

use super::{Cell, Kind, Table};
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::sync::Arc;

/// Rows written together (a row group).
const GROUP: usize = 64 * 1024;

fn schema(t: &Table) -> Result<Type, String> {
    use parquet::basic::{LogicalType, Repetition, Type as Physical};
    let fields = t
        .columns
        .iter()
        .map(|(name, kind)| {
            let b = match kind {
                Kind::Int => Type::primitive_type_builder(name, Physical::INT64),
                Kind::Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String)),
            };
            b.with_repetition(Repetition::OPTIONAL)
                .build()
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    Type::group_type_builder(t.name)
        .with_fields(fields)
        .build()
        .map_err(|e| e.to_string())
}

pub fn file(t: &Table) -> Result<Vec<u8>, String> {
    let e = |e: parquet::errors::ParquetError| e.to_string();
    let props = Arc::new(WriterProperties::builder().build());
    let mut out = Vec::new();
    let mut w = SerializedFileWriter::new(&mut out, Arc::new(schema(t)?), props).map_err(e)?;
    let groups: Vec<&[Vec<Cell>]> = if t.rows.is_empty() {
        vec![&t.rows[..]]
    } else {
        t.rows.chunks(GROUP).collect()
    };
    for rows in groups {
        let mut rg = w.next_row_group().map_err(e)?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column().map_err(e)? {
            let defs: Vec<i16> = rows
                .iter()
                .map(|r| i16::from(!matches!(r[i], Cell::Null)))
                .collect();
            match t.columns[i].1 {
                Kind::Int => {
                    let values: Vec<i64> = rows
                        .iter()
                        .filter_map(|r| match &r[i] {
                            Cell::Int(n) => Some(*n),
                            _ => None,
                        })
                        .collect();
                    col.typed::<Int64Type>()
                        .write_batch(&values, Some(&defs), None)
                        .map_err(e)?;
                }
                Kind::Text => {
                    let values: Vec<ByteArray> = rows
                        .iter()
                        .filter_map(|r| match &r[i] {
                            Cell::Text(s) => Some(ByteArray::from(s.as_bytes().to_vec())),
                            Cell::Int(n) => Some(ByteArray::from(n.to_string().into_bytes())),
                            Cell::Null => None,
                        })
                        .collect();
                    col.typed::<ByteArrayType>()
                        .write_batch(&values, Some(&defs), None)
                        .map_err(e)?;
                }
            }
            col.close().map_err(e)?;
            i += 1;
        }
        rg.close().map_err(e)?;
    }
    w.close().map_err(e)?;
    Ok(out)
}
