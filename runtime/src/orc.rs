// SPDX-License-Identifier: Apache-2.0
//! Spark's ORC data source (<https://orc.apache.org/specification/ORCv1/>):
//! files read with orc-rust's Arrow reader (datafusion-contrib), whose
//! synchronous reader reads every stream of a stripe, empty ones included.
//! The files are read when the table is registered, as the text source's are;
//! writing is `write.rs`'s, through orc-rust's Arrow writer.

use std::fs::File;

use datafusion::arrow::array::{RecordBatch, RecordBatchReader};
use datafusion::arrow::datatypes::SchemaRef;

use crate::error::{Error, Result};

/// The rows of ORC files, and their schema (every file must have the same one).
pub(crate) fn read_files(paths: &[String]) -> Result<(SchemaRef, Vec<RecordBatch>)> {
    let mut schema: Option<SchemaRef> = None;
    let mut batches = Vec::new();
    for path in paths {
        if path.contains("://") || path.contains(['*', '?', '[']) {
            return Err(Error::unsupported("reading ORC files named by a URL or a glob pattern"));
        }
        let file = File::open(path).map_err(|error| Error::Internal(format!("{path}: {error}")))?;
        let reader = orc_rust::ArrowReaderBuilder::try_new(file)
            .map_err(|error| Error::Internal(format!("{path} is not an ORC file: {error}")))?
            .build();
        let file_schema = reader.schema();
        match &schema {
            Some(known) if known.fields() != file_schema.fields() => {
                return Err(Error::unsupported("reading ORC files of different schemas together"));
            }
            Some(_) => {}
            None => schema = Some(file_schema),
        }
        for batch in reader {
            batches.push(batch.map_err(|error| Error::Internal(format!("{path}: {error}")))?);
        }
    }
    let schema = schema.ok_or_else(|| Error::Internal("no ORC file to read".to_string()))?;
    Ok((schema, batches))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{ArrayRef, BinaryArray, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};

    use super::*;

    #[test]
    fn reads_what_the_writer_wrote_empty_values_included() -> Result<()> {
        let directory = std::env::temp_dir().join(format!("pyrust-orc-{}", std::process::id()));
        std::fs::create_dir_all(&directory).map_err(|error| Error::Internal(error.to_string()))?;
        let path = directory.join("part-00000.orc");
        let schema = Arc::new(Schema::new(vec![Field::new("s", DataType::Utf8, true), Field::new("b", DataType::Binary, true)]));
        let strings: ArrayRef = Arc::new(StringArray::from(vec![None::<&str>]));
        let binaries: ArrayRef = Arc::new(BinaryArray::from(vec![Some(&b""[..])]));
        let batch = RecordBatch::try_new(Arc::clone(&schema), vec![strings, binaries])?;
        let file = File::create(&path).map_err(|error| Error::Internal(error.to_string()))?;
        let mut writer = orc_rust::ArrowWriterBuilder::new(file, Arc::clone(&schema))
            .try_build()
            .map_err(|error| Error::Internal(error.to_string()))?;
        writer.write(&batch).map_err(|error| Error::Internal(error.to_string()))?;
        writer.close().map_err(|error| Error::Internal(error.to_string()))?;
        let (read_schema, batches) = read_files(&[path.display().to_string()])?;
        std::fs::remove_dir_all(&directory).map_err(|error| Error::Internal(error.to_string()))?;
        assert_eq!(read_schema.fields().len(), 2);
        assert_eq!(batches.iter().map(RecordBatch::num_rows).sum::<usize>(), 1);
        assert!(batches[0].column(0).is_null(0));
        assert_eq!(batches[0].column(1).as_any().downcast_ref::<BinaryArray>().map(|array| array.value(0).len()), Some(0));
        Ok(())
    }
}
