// SPDX-License-Identifier: Apache-2.0
//! `java.util.Random`: the 48-bit linear congruential generator Spark seeds
//! for count-min sketches (`nextInt`) and histogram tie-breaks (`nextDouble`).

const MULTIPLIER: u64 = 0x5_DEEC_E66D;
const ADDEND: u64 = 0xB;
const MASK: u64 = (1 << 48) - 1;

#[derive(Debug, Clone)]
pub(super) struct JavaRandom {
    seed: u64,
}

impl JavaRandom {
    /// `new Random(seed)`.
    pub(super) fn new(seed: i64) -> Self {
        JavaRandom { seed: (seed as u64 ^ MULTIPLIER) & MASK }
    }

    /// The next `bits` (at most 32) random bits.
    fn next(&mut self, bits: u32) -> u32 {
        self.seed = (self.seed.wrapping_mul(MULTIPLIER).wrapping_add(ADDEND)) & MASK;
        #[expect(clippy::cast_possible_truncation, reason = "Java keeps the low 32 bits of the shifted seed")]
        let value = (self.seed >> (48 - bits)) as u32;
        value
    }

    /// `nextInt(bound)` for a positive `bound`.
    pub(super) fn next_int(&mut self, bound: i32) -> i32 {
        #[expect(clippy::cast_possible_wrap, reason = "next(31) is below 2^31")]
        let mut random = self.next(31) as i32;
        let top = bound - 1;
        if bound & top == 0 {
            #[expect(clippy::cast_possible_truncation, reason = "the product shifted by 31 is below the bound")]
            return ((i64::from(bound) * i64::from(random)) >> 31) as i32;
        }
        let mut candidate = random;
        loop {
            random = candidate % bound;
            if candidate.wrapping_sub(random).wrapping_add(top) >= 0 {
                return random;
            }
            #[expect(clippy::cast_possible_wrap, reason = "next(31) is below 2^31")]
            let next = self.next(31) as i32;
            candidate = next;
        }
    }

    /// `nextDouble()`: 53 random bits in [0, 1).
    #[expect(clippy::cast_precision_loss, reason = "53 bits are exact in a double")]
    pub(super) fn next_double(&mut self) -> f64 {
        let high = u64::from(self.next(26));
        let low = u64::from(self.next(27));
        ((high << 27) + low) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_java() {
        // new Random(1).nextInt(Integer.MAX_VALUE) in Java 17.
        assert_eq!(JavaRandom::new(1).next_int(i32::MAX), 0x5D8D_6AB9);
        assert_eq!(JavaRandom::new(2).next_int(i32::MAX), 0x5D96_391C);
        assert_eq!(JavaRandom::new(-12345).next_int(i32::MAX), 0x51AA_90A7);
    }
}
