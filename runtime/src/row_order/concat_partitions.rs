// SPDX-License-Identifier: Apache-2.0
//! [`ConcatPartitionsExec`]: its input's partitions one after another, in
//! partition order, as one partition.
//!
//! DataFusion's `CoalescePartitionsExec` merges partitions in the order their
//! batches arrive, so which rows come first changes from run to run. Spark
//! concatenates partitions in partition order. This operator runs every input
//! partition at once, as the coalescing one does, buffers each partition's
//! batches apart, and hands them on partition by partition: the parallelism
//! stays, and the order is Spark's.
//!
//! The buffers are unbounded: every consumer it is placed under either keeps
//! what it reads (collecting a result, a hash join's build side) or reads at
//! most `fetch` rows, and with a fetch each partition stops after that many
//! rows, so nothing is read past what a limit needs.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;

use datafusion::arrow::record_batch::RecordBatch;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::common::{Result, internal_err};
use datafusion::error::DataFusionError;
use datafusion::execution::TaskContext;
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, ExecutionPlanProperties, Partitioning, PlanProperties,
    SendableRecordBatchStream,
};
use futures::StreamExt;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinSet;

/// One output partition: the input's partitions concatenated in order, at
/// most `fetch` rows.
#[derive(Debug, Clone)]
pub(crate) struct ConcatPartitionsExec {
    input: Arc<dyn ExecutionPlan>,
    fetch: Option<usize>,
    properties: Arc<PlanProperties>,
}

impl ConcatPartitionsExec {
    pub(crate) fn new(input: Arc<dyn ExecutionPlan>, fetch: Option<usize>) -> Self {
        let mut equivalences = input.equivalence_properties().clone();
        if input.output_partitioning().partition_count() > 1 {
            // Sorted partitions one after another are not sorted as a whole.
            equivalences.clear_orderings();
            equivalences.clear_per_partition_constants();
        }
        let properties = PlanProperties::new(
            equivalences,
            Partitioning::UnknownPartitioning(1),
            input.pipeline_behavior(),
            input.boundedness(),
        );
        ConcatPartitionsExec { input, fetch, properties: Arc::new(properties) }
    }
}

impl DisplayAs for ConcatPartitionsExec {
    fn fmt_as(&self, _format: DisplayFormatType, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self.fetch {
            Some(fetch) => write!(formatter, "ConcatPartitionsExec: fetch={fetch}"),
            None => write!(formatter, "ConcatPartitionsExec"),
        }
    }
}

impl ExecutionPlan for ConcatPartitionsExec {
    fn name(&self) -> &str {
        "ConcatPartitionsExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn maintains_input_order(&self) -> Vec<bool> {
        vec![self.input.output_partitioning().partition_count() <= 1]
    }

    fn benefits_from_input_partitioning(&self) -> Vec<bool> {
        vec![false]
    }

    fn apply_expressions(
        &self,
        _visit: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(self: Arc<Self>, children: Vec<Arc<dyn ExecutionPlan>>) -> Result<Arc<dyn ExecutionPlan>> {
        let [input] = <[_; 1]>::try_from(children)
            .map_err(|children| DataFusionError::Internal(format!("ConcatPartitionsExec takes one input, got {}", children.len())))?;
        Ok(Arc::new(ConcatPartitionsExec::new(input, self.fetch)))
    }

    /// False: DataFusion's limit pushdown moves limits (and their offsets)
    /// through the operators that support it, and would move an offset
    /// below this one into every partition. Saying no, the operator gets the
    /// fetch through `with_fetch` and the limit stays above it.
    fn supports_limit_pushdown(&self) -> bool {
        false
    }

    fn fetch(&self) -> Option<usize> {
        self.fetch
    }

    fn with_fetch(&self, fetch: Option<usize>) -> Option<Arc<dyn ExecutionPlan>> {
        Some(Arc::new(ConcatPartitionsExec::new(Arc::clone(&self.input), fetch)))
    }

    fn execute(&self, partition: usize, context: Arc<TaskContext>) -> Result<SendableRecordBatchStream> {
        if partition != 0 {
            return internal_err!("ConcatPartitionsExec has one partition, asked for partition {partition}");
        }
        let mut tasks = JoinSet::new();
        let mut receivers = VecDeque::new();
        for index in 0..self.input.output_partitioning().partition_count() {
            let stream = self.input.execute(index, Arc::clone(&context))?;
            let (sender, receiver) = unbounded_channel();
            tasks.spawn(forward(stream, sender, self.fetch));
            receivers.push_back((index, receiver));
        }
        // The tasks live as long as the output stream: dropping it (a
        // finished limit, a cancelled query) aborts every partition.
        let state = Concatenation { receivers, remaining: self.fetch, _tasks: tasks };
        let output = futures::stream::unfold(state, |mut state| async move {
            let item = state.next().await?;
            Some((item, state))
        });
        Ok(Box::pin(RecordBatchStreamAdapter::new(self.schema(), output)))
    }
}

/// What a partition's task sends: its batches, then how it ended.
enum Piece {
    Batch(RecordBatch),
    Failed(DataFusionError),
    End,
}

/// Read one input partition into its buffer; with a fetch, stop after that
/// many rows (the concatenation never needs more from any one partition).
async fn forward(mut stream: SendableRecordBatchStream, sender: UnboundedSender<Piece>, fetch: Option<usize>) {
    let mut sent = 0;
    while fetch.is_none_or(|limit| sent < limit) {
        let piece = match stream.next().await {
            None => break,
            Some(Err(error)) => Piece::Failed(error),
            Some(Ok(batch)) => {
                let batch = match fetch {
                    Some(limit) if batch.num_rows() > limit - sent => batch.slice(0, limit - sent),
                    _ => batch,
                };
                sent += batch.num_rows();
                Piece::Batch(batch)
            }
        };
        let failed = matches!(piece, Piece::Failed(_));
        if sender.send(piece).is_err() || failed {
            // Nobody reads any more, or the partition failed: stop reading it.
            return;
        }
    }
    // The receiver may be gone already; then nobody needs to know.
    let _ = sender.send(Piece::End);
}

/// The partitions' buffers, read front to back.
struct Concatenation {
    receivers: VecDeque<(usize, UnboundedReceiver<Piece>)>,
    remaining: Option<usize>,
    _tasks: JoinSet<()>,
}

impl Concatenation {
    async fn next(&mut self) -> Option<Result<RecordBatch>> {
        loop {
            if self.remaining == Some(0) {
                return None;
            }
            let (index, receiver) = self.receivers.front_mut()?;
            match receiver.recv().await {
                Some(Piece::Batch(batch)) => {
                    let batch = match &mut self.remaining {
                        Some(remaining) => {
                            let batch = batch.slice(0, batch.num_rows().min(*remaining));
                            *remaining -= batch.num_rows();
                            batch
                        }
                        None => batch,
                    };
                    return Some(Ok(batch));
                }
                Some(Piece::End) => {
                    self.receivers.pop_front();
                }
                Some(Piece::Failed(error)) => {
                    self.receivers.clear();
                    return Some(Err(error));
                }
                None => {
                    // The task ended without saying how: it panicked.
                    let index = *index;
                    self.receivers.clear();
                    return Some(internal_err!("partition {index} stopped before its end (its task panicked)"));
                }
            }
        }
    }
}
