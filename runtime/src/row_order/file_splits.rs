// SPDX-License-Identifier: Apache-2.0
//! [`SparkFileSplits`]: file scans read their files in the pieces, and in
//! the order, Spark reads them.
//!
//! Spark cuts every splittable file into splits of at most `maxSplitBytes`,
//! sorts all splits by length, longest first (a stable sort over the listed
//! files), and numbers partitions in that order (`FilePartition` in Spark's
//! `FileSourceScanExec`). So a directory of files comes back largest file
//! first, and a file cut in pieces comes back in byte order. DataFusion
//! orders files by path and cuts them by its own rule; this rule re-cuts a
//! scan's files Spark's way and deals the splits, in Spark's order, into the
//! scan's partitions as contiguous runs of equal bytes, which keep their
//! files (no work stealing between partitions). The number of partitions stays what
//! DataFusion planned, so nothing above the scan changes.

use std::sync::Arc;

use datafusion::common::Result;
use datafusion::common::config::{ConfigExtension, ConfigOptions};
use datafusion::common::extensions_options;
use datafusion::datasource::listing::{FileRange, PartitionedFile};
use datafusion::datasource::physical_plan::{FileGroup, FileScanConfig};
use datafusion::datasource::source::DataSourceExec;
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::{ExecutionPlan, replace_children_if_necessary};

extensions_options! {
    /// Spark's file-split settings (`spark.sql.files.*`), in bytes.
    pub struct SparkFileOptions {
        /// `spark.sql.files.maxPartitionBytes`: the longest split.
        pub max_partition_bytes: u64, default = 128 * 1024 * 1024
        /// `spark.sql.files.openCostInBytes`: what opening a file is counted as.
        pub open_cost_in_bytes: u64, default = 4 * 1024 * 1024
    }
}

impl ConfigExtension for SparkFileOptions {
    const PREFIX: &'static str = "spark_files";
}

/// The physical optimizer rule; see the module documentation.
#[derive(Debug, Default)]
pub(crate) struct SparkFileSplits;

impl PhysicalOptimizerRule for SparkFileSplits {
    fn optimize(&self, plan: Arc<dyn ExecutionPlan>, config: &ConfigOptions) -> Result<Arc<dyn ExecutionPlan>> {
        let defaults = SparkFileOptions::default();
        let options = config.extensions.get::<SparkFileOptions>().unwrap_or(&defaults);
        resplit(plan, options, config.execution.target_partitions)
    }

    fn name(&self) -> &str {
        "spark_file_splits"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

fn resplit(plan: Arc<dyn ExecutionPlan>, options: &SparkFileOptions, parallelism: usize) -> Result<Arc<dyn ExecutionPlan>> {
    if let Some(scan) = plan.downcast_ref::<DataSourceExec>()
        && let Some(config) = scan.data_source().downcast_ref::<FileScanConfig>()
    {
        return Ok(match spark_file_groups(config, options, parallelism) {
            Some(file_groups) => {
                let mut config = config.clone();
                config.file_groups = file_groups;
                // Otherwise an idle partition steals unopened files from its
                // siblings (DataFusion's file-stream work stealing), and a
                // file's rows come out in the wrong partition.
                config.preserve_order = true;
                DataSourceExec::from_data_source(config)
            }
            None => plan,
        });
    }
    let children = plan
        .children()
        .into_iter()
        .map(|child| resplit(Arc::clone(child), options, parallelism))
        .collect::<Result<Vec<_>>>()?;
    replace_children_if_necessary(plan, children)
}

/// The scan's files as Spark splits and orders them, in as many groups as the
/// scan has; `None` where the scan must stay as planned (its files carry a
/// sort order or a partitioning DataFusion relies on).
fn spark_file_groups(config: &FileScanConfig, options: &SparkFileOptions, parallelism: usize) -> Option<Vec<FileGroup>> {
    let group_count = config.file_groups.len();
    if group_count == 0 || !config.output_ordering.is_empty() || config.output_partitioning.is_some() {
        return None;
    }
    let files = whole_files(config);
    if files.iter().all(|file| file.object_meta.size == 0) {
        return None;
    }
    let splittable = !config.file_compression_type.is_compressed() && config.file_source.supports_repartitioning();
    let max_split = max_split_bytes(&files, options, parallelism);
    let mut splits: Vec<PartitionedFile> = files.iter().flat_map(|file| split(file, splittable, max_split)).collect();
    // Stable: splits of one length keep the files' listed order.
    splits.sort_by_key(|split| std::cmp::Reverse(split_length(split)));
    Some(balanced_groups(splits, group_count, splittable))
}

/// Every file of the scan once, whole, in the order the scan lists them.
fn whole_files(config: &FileScanConfig) -> Vec<PartitionedFile> {
    let mut files: Vec<PartitionedFile> = Vec::new();
    for file in config.file_groups.iter().flat_map(FileGroup::iter) {
        if !files.iter().any(|seen| seen.object_meta.location == file.object_meta.location) {
            let mut whole = file.clone();
            whole.range = None;
            files.push(whole);
        }
    }
    files
}

/// Spark's `maxSplitBytes`: the bytes per core, bounded by the open cost
/// below and `maxPartitionBytes` above.
fn max_split_bytes(files: &[PartitionedFile], options: &SparkFileOptions, parallelism: usize) -> u64 {
    let total: u64 = files.iter().map(|file| file.object_meta.size + options.open_cost_in_bytes).sum();
    let bytes_per_core = total / parallelism.max(1) as u64;
    options.max_partition_bytes.min(options.open_cost_in_bytes.max(bytes_per_core)).max(1)
}

fn split(file: &PartitionedFile, splittable: bool, max_split: u64) -> Vec<PartitionedFile> {
    let size = file.object_meta.size;
    if !splittable || size <= max_split {
        return vec![file.clone()];
    }
    (0..size.div_ceil(max_split))
        .map(|index| {
            let mut piece = file.clone();
            let start = index * max_split;
            let end = (start + max_split).min(size);
            piece.range = Some(FileRange { start: start as i64, end: end as i64 });
            piece
        })
        .collect()
}

fn split_length(split: &PartitionedFile) -> u64 {
    split.range.as_ref().map_or(split.object_meta.size, |range| (range.end - range.start) as u64)
}

/// `splits` dealt, in order, into `group_count` runs of equal bytes. A
/// splittable file's split may be cut where one run ends and the next
/// begins: its two pieces, read one after the other, give the split's rows
/// (a line belongs to the piece it starts in, a row group to the piece its
/// middle falls in), so the order stays Spark's while every partition gets
/// the same work.
fn balanced_groups(splits: Vec<PartitionedFile>, group_count: usize, splittable: bool) -> Vec<FileGroup> {
    let total: u64 = splits.iter().map(split_length).sum();
    let share = total.div_ceil(group_count as u64).max(1);
    let mut groups: Vec<Vec<PartitionedFile>> = vec![Vec::new(); group_count];
    let mut index = 0;
    let mut filled = 0_u64;
    for split in splits {
        let (mut start, end) = split.range.as_ref().map_or((0, split.object_meta.size), |range| (range.start as u64, range.end as u64));
        while start < end {
            let piece_end = if splittable && index + 1 < group_count { end.min(start + share - filled) } else { end };
            push_piece(&mut groups[index], &split, start, piece_end);
            filled += piece_end - start;
            start = piece_end;
            if filled >= share && index + 1 < group_count {
                index += 1;
                filled = 0;
            }
        }
    }
    // A group may stay empty (files that cannot be cut): the scan keeps its
    // partition count, which the operators above it were planned for.
    groups.into_iter().map(FileGroup::new).collect()
}

/// Add bytes `start..end` of `split`'s file to `group`: as a longer range of
/// the group's last piece when that piece ends where this one starts (one
/// file opened once), else as a piece of its own.
fn push_piece(group: &mut Vec<PartitionedFile>, split: &PartitionedFile, start: u64, end: u64) {
    let whole_file = |start: u64, end: u64| (start, end) == (0, split.object_meta.size);
    if let Some(last) = group.last_mut()
        && last.object_meta.location == split.object_meta.location
        && let Some(range) = last.range.as_ref()
        && range.end as u64 == start
    {
        let merged_start = range.start as u64;
        last.range = (!whole_file(merged_start, end)).then_some(FileRange { start: merged_start as i64, end: end as i64 });
        return;
    }
    let mut piece = split.clone();
    piece.range = (!whole_file(start, end)).then_some(FileRange { start: start as i64, end: end as i64 });
    group.push(piece);
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::datasource::listing::PartitionedFile;

    /// A file's name and byte range, as the assertions spell them.
    type Piece = (String, Option<(i64, i64)>);

    fn names_and_ranges(groups: &[FileGroup]) -> Vec<Vec<Piece>> {
        groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|file| (file.object_meta.location.to_string(), file.range.as_ref().map(|range| (range.start, range.end))))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn splits_are_ordered_longest_first_and_dealt_in_runs() {
        // As measured on PySpark 4.3 with maxPartitionBytes=16, openCostInBytes=0:
        // a (16 bytes), b (44) and c (24) come back as a, b0, b1, c0, b2, c1.
        let files = vec![PartitionedFile::new("a.csv", 16), PartitionedFile::new("b.csv", 44), PartitionedFile::new("c.csv", 24)];
        let options = SparkFileOptions { max_partition_bytes: 16, open_cost_in_bytes: 0 };
        let max_split = max_split_bytes(&files, &options, 2);
        assert_eq!(max_split, 16);
        let mut splits: Vec<PartitionedFile> = files.iter().flat_map(|file| split(file, true, max_split)).collect();
        splits.sort_by_key(|split| std::cmp::Reverse(split_length(split)));
        // 84 bytes in two runs of 42: the second run starts inside b's second
        // split; b's first split and the start of its second are one range.
        let groups = balanced_groups(splits.clone(), 2, true);
        assert_eq!(
            names_and_ranges(&groups),
            vec![
                vec![("a.csv".into(), None), ("b.csv".into(), Some((0, 26)))],
                vec![
                    ("b.csv".into(), Some((26, 32))),
                    ("c.csv".into(), Some((0, 16))),
                    ("b.csv".into(), Some((32, 44))),
                    ("c.csv".into(), Some((16, 24))),
                ],
            ]
        );
        // Files that cannot be cut (compressed) stay whole, still in order.
        let whole = balanced_groups(vec![PartitionedFile::new("z.gz", 10), PartitionedFile::new("y.gz", 4)], 2, false);
        assert_eq!(names_and_ranges(&whole), vec![vec![("z.gz".into(), None)], vec![("y.gz".into(), None)]]);
    }

    #[test]
    fn adjacent_pieces_of_one_file_are_read_as_one_range() {
        // Spark's splits of 60 and 40 bytes; the second partition starts inside
        // the first split and reads on into the second as one range.
        let splits = split(&PartitionedFile::new("f.csv", 100), true, 60);
        let groups = balanced_groups(splits, 2, true);
        assert_eq!(names_and_ranges(&groups), vec![vec![("f.csv".into(), Some((0, 50)))], vec![("f.csv".into(), Some((50, 100)))]]);
    }

    #[test]
    fn one_file_is_cut_in_equal_parts() {
        let groups = balanced_groups(vec![PartitionedFile::new("big.csv", 101)], 2, true);
        assert_eq!(names_and_ranges(&groups), vec![vec![("big.csv".into(), Some((0, 51)))], vec![("big.csv".into(), Some((51, 101)))]]);
    }
}
