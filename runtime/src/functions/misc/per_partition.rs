// SPDX-License-Identifier: Apache-2.0
//! Spark's functions whose values depend on the partition a row is in and on
//! its place there: `rand(seed)`, `randn(seed)`, `randstr(length, seed)`,
//! `uuid(seed)`, `spark_partition_id()` and `monotonically_increasing_id()`.
//!
//! Spark evaluates them with a state per partition: a random generator made
//! from `seed + partitionIndex` (Spark's `XORShiftRandom` under
//! `java.util.Random`'s `nextDouble`, `nextGaussian` and `nextInt`; for
//! `uuid`, commons-math's `MersenneTwister`), or a row counter. A DataFusion function knows neither its partition nor the rows
//! before it, so these functions only run once *bound* to a partition: the
//! physical rule [`crate::row_order::BindPartitions`] binds them in a
//! projection whose input keeps Spark's partitions (a `range` read through
//! filters, projections and unions) and, in that projection, gives each
//! partition's stream its own bound copy. Unbound (anywhere else, where
//! pyrust's partitions are not Spark's), a seeded or partition-dependent call
//! fails with NOT_IMPLEMENTED rather than return other values than Spark's.
//! Without a seed, `rand`, `randn`, `randstr` and `uuid` need no binding: any seed
//! is as good as Spark's random one.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use datafusion::arrow::array::{ArrayRef, Float64Array, Int32Array, Int64Array, StringBuilder};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, TypeSignature, Volatility};
use rand_mt::Mt;

use crate::error::Error;

/// Which of the functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Rand,
    Randn,
    RandStr,
    Uuid,
    PartitionId,
    MonotonicallyIncreasingId,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Rand => "rand",
            Kind::Randn => "randn",
            Kind::RandStr => "randstr",
            Kind::Uuid => "uuid",
            Kind::PartitionId => "spark_partition_id",
            Kind::MonotonicallyIncreasingId => "monotonically_increasing_id",
        }
    }
}

/// What a bound function keeps between the batches of its partition.
#[derive(Debug, Default)]
struct State {
    /// Rows evaluated so far in this partition.
    rows: i64,
    /// The partition's generator, made at the first row.
    random: Option<JavaRandom>,
    /// `uuid`'s generator, made at the first row.
    twister: Option<Mt>,
}

/// The partition a function is bound to, and its state there.
#[derive(Debug)]
struct Binding {
    partition: usize,
    state: Mutex<State>,
}

/// One of the per-partition functions, unbound or bound to a partition.
#[derive(Debug)]
pub(crate) struct PerPartition {
    kind: Kind,
    signature: Signature,
    binding: Option<Binding>,
}

impl PartialEq for PerPartition {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.binding.as_ref().map(|binding| binding.partition)
                == other.binding.as_ref().map(|binding| binding.partition)
    }
}

impl Eq for PerPartition {}

impl Hash for PerPartition {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        self.binding.as_ref().map(|binding| binding.partition).hash(state);
    }
}

impl PerPartition {
    fn new(kind: Kind) -> Self {
        // Argument types are checked by the frontend; the engine takes what it is given.
        let signature = Signature::one_of(vec![TypeSignature::Nullary, TypeSignature::VariadicAny], Volatility::Volatile);
        let signature = if matches!(kind, Kind::PartitionId | Kind::MonotonicallyIncreasingId) {
            Signature::nullary(Volatility::Volatile)
        } else {
            signature
        };
        PerPartition { kind, signature, binding: None }
    }

    /// This function bound to `partition`, with a fresh state.
    pub(crate) fn bound(&self, partition: usize) -> ScalarUDF {
        let binding = Binding { partition, state: Mutex::new(State::default()) };
        ScalarUDF::new_from_impl(PerPartition { kind: self.kind, signature: self.signature.clone(), binding: Some(binding) })
    }

    /// Whether a call with `arguments` gives Spark's values only when bound.
    fn needs_binding(&self, arguments: &[ColumnarValue]) -> bool {
        match self.kind {
            Kind::PartitionId | Kind::MonotonicallyIncreasingId => true,
            Kind::Rand | Kind::Randn | Kind::Uuid => !arguments.is_empty(),
            Kind::RandStr => arguments.len() > 1,
        }
    }
}

/// The integer value of a constant argument (a null seed is Spark's 0).
fn constant(argument: Option<&ColumnarValue>, what: &str) -> Result<i64> {
    match argument {
        Some(ColumnarValue::Scalar(value)) => match value.cast_to(&DataType::Int64)? {
            ScalarValue::Int64(value) => Ok(value.unwrap_or(0)),
            other => Err(DataFusionError::Internal(format!("{what} must be an integer, got {other:?}"))),
        },
        _ => Err(DataFusionError::Internal(format!("{what} must be a constant"))),
    }
}

fn unbound(kind: Kind) -> DataFusionError {
    let feature = format!(
        "{} where pyrust's partitions may not be Spark's (only over spark.range, through filters, projections and unions)",
        kind.name()
    );
    DataFusionError::External(Box::new(Error::unsupported(feature)))
}

impl ScalarUDFImpl for PerPartition {
    fn name(&self) -> &str {
        self.kind.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _argument_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::Rand | Kind::Randn => DataType::Float64,
            Kind::RandStr | Kind::Uuid => DataType::Utf8,
            Kind::PartitionId => DataType::Int32,
            Kind::MonotonicallyIncreasingId => DataType::Int64,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let seed_index = usize::from(self.kind == Kind::RandStr);
        let length = if self.kind == Kind::RandStr { constant(args.args.first(), "the length")? } else { 0 };
        let (partition, mut state) = match &self.binding {
            Some(binding) => {
                let state = binding.state.lock().map_err(|_| DataFusionError::Internal("poisoned state".into()))?;
                (binding.partition, Some(state))
            }
            None if self.needs_binding(&args.args) => return Err(unbound(self.kind)),
            None => (0, None),
        };
        let seed = if args.args.len() > seed_index {
            constant(args.args.get(seed_index), "the seed")?
        } else {
            // No seed: a random one, as Spark picks.
            rand::random::<i64>()
        };
        let mut unbound_state = State::default();
        let state: &mut State = match state.as_deref_mut() {
            Some(state) => state,
            None => &mut unbound_state,
        };
        let partition_number = i64::try_from(partition).map_err(|_| DataFusionError::Internal("partition".into()))?;
        let first_row = state.rows;
        state.rows += i64::try_from(rows).map_err(|_| DataFusionError::Internal("rows".into()))?;
        let partition_seed = seed.wrapping_add(partition_number);
        if self.kind == Kind::Uuid {
            let twister = state.twister.get_or_insert_with(|| mersenne_twister(partition_seed));
            let mut builder = StringBuilder::with_capacity(rows, rows * 36);
            for _ in 0..rows {
                builder.append_value(next_uuid(twister));
            }
            return Ok(ColumnarValue::Array(Arc::new(builder.finish())));
        }
        let random = state.random.get_or_insert_with(|| JavaRandom::xorshift(partition_seed));
        let array: ArrayRef = match self.kind {
            Kind::Rand => Arc::new((0..rows).map(|_| random.next_double()).collect::<Float64Array>()),
            Kind::Randn => Arc::new((0..rows).map(|_| random.next_gaussian()).collect::<Float64Array>()),
            Kind::RandStr => {
                let length = usize::try_from(length).unwrap_or(0);
                let mut builder = StringBuilder::with_capacity(rows, rows * length);
                let mut text = String::with_capacity(length);
                for _ in 0..rows {
                    text.clear();
                    text.extend((0..length).map(|_| random_character(random.next_int())));
                    builder.append_value(&text);
                }
                Arc::new(builder.finish())
            }
            Kind::Uuid => return Err(DataFusionError::Internal("uuid is generated above".into())),
            Kind::PartitionId => {
                let partition = i32::try_from(partition).map_err(|_| DataFusionError::Internal("partition".into()))?;
                Arc::new(Int32Array::from(vec![partition; rows]))
            }
            Kind::MonotonicallyIncreasingId => {
                let base = partition_number << 33;
                Arc::new((0..rows as i64).map(|row| base + first_row + row).collect::<Int64Array>())
            }
        };
        Ok(ColumnarValue::Array(array))
    }
}

/// `randstr`'s character for a random int: `0-9a-zA-Z` by `|value % 62|`.
fn random_character(value: i32) -> char {
    let index = u8::try_from((value % 62).unsigned_abs()).unwrap_or(0);
    char::from(match index {
        0..=9 => b'0' + index,
        10..=35 => b'a' + index - 10,
        _ => b'A' + index - 36,
    })
}

/// commons-math's `new MersenneTwister(seed)`: MT19937 keyed with the
/// seed's high and low 32 bits.
fn mersenne_twister(seed: i64) -> Mt {
    let bits = seed as u64;
    Mt::new_with_key([(bits >> 32) as u32, bits as u32])
}

/// Spark's `RandomUUIDGenerator.getNextUUID`: two longs (high word first)
/// made a version 4, variant 2 UUID, in its canonical text.
fn next_uuid(twister: &mut Mt) -> String {
    let most = (twister.next_u64() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
    let least = (twister.next_u64() | 0x8000_0000_0000_0000) & 0xBFFF_FFFF_FFFF_FFFF;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        most >> 32,
        (most >> 16) & 0xFFFF,
        most & 0xFFFF,
        least >> 48,
        least & 0xFFFF_FFFF_FFFF
    )
}

/// `java.util.Random`'s derived values (`nextInt`, `nextDouble`,
/// `nextGaussian`) over Spark's `XORShiftRandom` bit source.
#[derive(Debug)]
pub(crate) struct JavaRandom {
    seed: i64,
    next_gaussian: Option<f64>,
}

impl JavaRandom {
    /// Spark's `new XORShiftRandom(seed)`.
    pub(crate) fn xorshift(seed: i64) -> Self {
        JavaRandom { seed: hash_seed(seed), next_gaussian: None }
    }

    fn next(&mut self, bits: u32) -> i32 {
        let mut next = self.seed ^ (self.seed << 21);
        next ^= ((next as u64) >> 35) as i64;
        next ^= next << 4;
        self.seed = next;
        (next & ((1_i64 << bits) - 1)) as i32
    }

    pub(crate) fn next_int(&mut self) -> i32 {
        self.next(32)
    }

    /// Java's `nextInt(bound)` (`bound` positive): uniform in `[0, bound)`.
    pub(crate) fn next_int_below(&mut self, bound: i32) -> i32 {
        let mut value = self.next(31);
        let mask = bound - 1;
        if bound & mask == 0 {
            #[expect(clippy::cast_possible_truncation, reason = "below bound, as Java's int")]
            return ((i64::from(bound) * i64::from(value)) >> 31) as i32;
        }
        let mut draw = value;
        loop {
            value = draw % bound;
            if draw.wrapping_sub(value).wrapping_add(mask) >= 0 {
                return value;
            }
            draw = self.next(31);
        }
    }

    pub(crate) fn next_double(&mut self) -> f64 {
        let high = i64::from(self.next(26)) << 27;
        let low = i64::from(self.next(27));
        (high + low) as f64 * f64::from_bits(0x3CA0_0000_0000_0000) // 2^-53
    }

    /// Java's polar method, a pair at a time, the second kept for the next call.
    pub(crate) fn next_gaussian(&mut self) -> f64 {
        if let Some(value) = self.next_gaussian.take() {
            return value;
        }
        loop {
            let first = 2.0 * self.next_double() - 1.0;
            let second = 2.0 * self.next_double() - 1.0;
            let square = first * first + second * second;
            if square < 1.0 && square != 0.0 {
                // Java's StrictMath.log is fdlibm's, which libm's `log` is; the
                // platform's `ln` differs from it in the last bit now and then.
                let multiplier = (-2.0 * libm::log(square) / square).sqrt();
                self.next_gaussian = Some(second * multiplier);
                return first * multiplier;
            }
        }
    }
}

/// Spark's `XORShiftRandom.hashSeed`: MurmurHash3 (x86, 32 bits) of the
/// seed's big-endian bytes, then of them again seeded with that hash.
fn hash_seed(seed: i64) -> i64 {
    let bytes = seed.to_be_bytes();
    let low = murmur3_32(&bytes, 0x3c07_4a61);
    let high = murmur3_32(&bytes, low);
    (i64::from(high) << 32) | i64::from(low)
}

/// MurmurHash3 x86 32-bit of `data` (a multiple of 4 bytes long) with `seed`,
/// as Scala's `MurmurHash3.bytesHash`.
pub(crate) fn murmur3_32(data: &[u8], seed: u32) -> u32 {
    let mut hash = seed;
    for chunk in data.chunks_exact(4) {
        let mut block = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        block = block.wrapping_mul(0xcc9e_2d51).rotate_left(15).wrapping_mul(0x1b87_3593);
        hash ^= block;
        hash = hash.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    hash ^= data.len() as u32;
    hash ^= hash >> 16;
    hash = hash.wrapping_mul(0x85eb_ca6b);
    hash ^= hash >> 13;
    hash = hash.wrapping_mul(0xc2b2_ae35);
    hash ^ (hash >> 16)
}

/// Whether `function` is one of these functions, and if so, it.
pub(crate) fn as_per_partition(function: &ScalarUDF) -> Option<&PerPartition> {
    function.inner().downcast_ref::<PerPartition>()
}

pub(crate) fn rand() -> ScalarUDF {
    ScalarUDF::new_from_impl(PerPartition::new(Kind::Rand))
}

pub(crate) fn randn() -> ScalarUDF {
    ScalarUDF::new_from_impl(PerPartition::new(Kind::Randn))
}

pub(crate) fn randstr() -> ScalarUDF {
    ScalarUDF::new_from_impl(PerPartition::new(Kind::RandStr))
}

pub(crate) fn uuid() -> ScalarUDF {
    ScalarUDF::new_from_impl(PerPartition::new(Kind::Uuid))
}

pub(crate) fn spark_partition_id() -> ScalarUDF {
    ScalarUDF::new_from_impl(PerPartition::new(Kind::PartitionId))
}

pub(crate) fn monotonically_increasing_id() -> ScalarUDF {
    ScalarUDF::new_from_impl(PerPartition::new(Kind::MonotonicallyIncreasingId))
}

#[cfg(test)]
mod tests {
    use super::{JavaRandom, mersenne_twister, next_uuid};

    #[test]
    fn spark_uuids_for_a_seed() {
        // spark.range(0, 3, 1, 1).select(uuid(123)), from Spark.
        let mut twister = mersenne_twister(123);
        assert_eq!(next_uuid(&mut twister), "4c99192d-23d6-4d88-b814-a634398120f0");
        assert_eq!(next_uuid(&mut twister), "af506873-3c53-41e3-8354-a24856b8de8a");
        assert_eq!(next_uuid(&mut twister), "7b4b370e-e867-47e2-93c0-f6990463a12d");
    }

    #[test]
    fn spark_values_for_seeds() {
        // spark.range(0, 2, 1, 1).select(rand(42)) and randn(42), from Spark.
        let mut random = JavaRandom::xorshift(42);
        assert!((random.next_double() - 0.619_189_370_225).abs() < 1e-12);
        assert!((random.next_double() - 0.509_601_884_244_6).abs() < 1e-12);
        let mut random = JavaRandom::xorshift(42);
        assert!((random.next_gaussian() - 2.384_479_054_241).abs() < 1e-12);
        assert!((random.next_gaussian() - 0.192_093_404_129_3).abs() < 1e-12);
    }
}
