// SPDX-License-Identifier: Apache-2.0
//! Spark's `DefaultPartitionCoalescer` (`coalesce(n)` without a shuffle) on
//! one host: which input partitions each output partition reads, in order.
//!
//! Without preferred locations (ranges, local data) output `j` reads the run
//! `[j * p / n, (j + 1) * p / n)`. A shuffle's non-empty partitions prefer
//! the host holding their blocks (one host here); then the coalescer makes
//! one group from the first such partition, the others from partitions
//! drawn by `new Random(7919)`, fills groups left empty with the next
//! unplaced partitions (those with a location first), and throws every other
//! partition into the least loaded group, unless the better of two random
//! groups is lighter by the slack (10% of the partitions): Spark's
//! `setupGroups`, `throwBalls` and `pickBin`.

/// `java.util.Random` (as `scala.util.Random`).
struct JavaLcg {
    seed: u64,
}

impl JavaLcg {
    const MULTIPLIER: u64 = 0x5_DEEC_E66D;
    const MASK: u64 = (1 << 48) - 1;

    fn new(seed: u64) -> Self {
        JavaLcg { seed: (seed ^ Self::MULTIPLIER) & Self::MASK }
    }

    fn next(&mut self, bits: u32) -> i32 {
        self.seed = (self.seed.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB)) & Self::MASK;
        #[expect(clippy::cast_possible_truncation, reason = "Java's (int) of the top bits")]
        let value = (self.seed >> (48 - bits)) as u32 as i32;
        value
    }

    /// Java's `nextInt(bound)` (`bound` positive).
    fn next_below(&mut self, bound: usize) -> usize {
        let bound = i32::try_from(bound).unwrap_or(i32::MAX);
        let mut value = self.next(31);
        let mask = bound - 1;
        if bound & mask == 0 {
            #[expect(clippy::cast_possible_truncation, reason = "below bound, as Java's int")]
            let scaled = ((i64::from(bound) * i64::from(value)) >> 31) as i32;
            value = scaled;
        } else {
            let mut draw = value;
            loop {
                value = draw % bound;
                if draw.wrapping_sub(value).wrapping_add(mask) >= 0 {
                    break;
                }
                draw = self.next(31);
            }
        }
        usize::try_from(value).unwrap_or(0)
    }
}

/// The input partitions of each output partition (empty groups dropped, as
/// Spark drops them) when `located.len()` partitions are coalesced into
/// `target`; `located[k]`: whether partition `k` prefers the host.
pub(crate) fn coalesce_groups(located: &[bool], target: usize) -> Vec<Vec<usize>> {
    let partitions = located.len();
    let groups_wanted = target.min(partitions);
    let with_locations: Vec<usize> = (0..partitions).filter(|index| located[*index]).collect();
    if with_locations.is_empty() {
        return (0..groups_wanted)
            .map(|group| (group * partitions / groups_wanted..(group + 1) * partitions / groups_wanted).collect())
            .filter(|group: &Vec<usize>| !group.is_empty())
            .collect();
    }
    let mut random = JavaLcg::new(7919);
    let mut placed = vec![false; partitions];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let place = |group: &mut Vec<usize>, index: usize, placed: &mut Vec<bool>| {
        if !placed[index] {
            group.push(index);
            placed[index] = true;
        }
    };
    // setupGroups: one host, so one group from the first located partition, the rest from random ones.
    let mut first = Vec::new();
    place(&mut first, with_locations[0], &mut placed);
    groups.push(first);
    while groups.len() < groups_wanted {
        let mut group = Vec::new();
        place(&mut group, with_locations[random.next_below(with_locations.len())], &mut placed);
        groups.push(group);
    }
    // throwBalls: empty groups take the next unplaced located partitions, then the others.
    let without_locations: Vec<usize> = (0..partitions).filter(|index| !located[*index]).collect();
    for candidates in [&with_locations, &without_locations] {
        let mut next = candidates.iter();
        for group in groups.iter_mut().filter(|group| group.is_empty()) {
            for index in next.by_ref() {
                if !placed[*index] {
                    group.push(*index);
                    placed[*index] = true;
                    break;
                }
            }
        }
    }
    // pickBin for the rest, in partition order.
    #[expect(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "Spark's (0.1 * p).toInt")]
    let slack = (0.1 * partitions as f64) as usize;
    for index in 0..partitions {
        if placed[index] {
            continue;
        }
        let least = groups
            .iter()
            .enumerate()
            .fold(0, |best, (position, group)| if group.len() < groups[best].len() { position } else { best });
        let first_draw = random.next_below(groups.len());
        let second_draw = random.next_below(groups.len());
        let lighter = if groups[first_draw].len() < groups[second_draw].len() { first_draw } else { second_draw };
        let chosen = if !located[index] || groups[lighter].len() + slack <= groups[least].len() { lighter } else { least };
        groups[chosen].push(index);
        placed[index] = true;
    }
    groups.retain(|group| !group.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::coalesce_groups;

    #[test]
    fn unlocated_partitions_coalesce_in_runs() {
        assert_eq!(coalesce_groups(&[false; 9], 4), vec![vec![0, 1], vec![2, 3], vec![4, 5], vec![6, 7, 8]]);
        assert_eq!(coalesce_groups(&[false; 2], 5), vec![vec![0], vec![1]]);
    }

    #[test]
    fn shuffle_partitions_coalesce_as_spark_places_them() {
        // spark.range(0, 64, 1, 9).repartition(6).coalesce(4), repartition(10).coalesce(3),
        // repartition(3, "id").coalesce(2): the groups PySpark 4.3 reads.
        assert_eq!(coalesce_groups(&[true; 6], 4), vec![vec![0], vec![5, 3], vec![2, 1], vec![4]]);
        assert_eq!(coalesce_groups(&[true; 10], 3), vec![vec![0, 3, 6, 9], vec![1, 4, 7], vec![2, 5, 8]]);
        assert_eq!(coalesce_groups(&[true; 3], 2), vec![vec![0, 1], vec![2]]);
    }
}
