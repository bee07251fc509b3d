//! An exact, allocation-free formatter for floats with six decimals: [`push_fixed6`] appends
//! exactly the bytes `format!("{x:.6}")` gives, for every `f64`.
//!
//! Rust prints `{:.6}` from the exact binary value of the float, rounded to the nearest
//! multiple of 10⁻⁶ with ties to even, and with a `-` for every negative value (so `-0.0` and
//! `-1e-9` both print `-0.000000`). For a finite `x` with `|x| < 2^64` the fast path computes
//! the same rounding in exact integer arithmetic: `x = m · 2^e` with a 53-bit `m`, so
//! `|x| · 10⁶ = m · 10⁶ · 2^e`, where `m · 10⁶ < 2^73` fits a `u128` and the division by
//! `2^-e` is a shift whose remainder decides the rounding exactly. Anything else (infinite,
//! NaN, `|x| ≥ 2^64`) goes through `std::fmt`, so no value is ever printed differently.

use std::io::Write as _;

/// `10⁶`, the scale of six decimals.
const SCALE: u128 = 1_000_000;

/// Appends `format!("{x:.6}")` to `buf`.
pub fn push_fixed6(buf: &mut Vec<u8>, x: f64) {
    match scaled_magnitude(x) {
        Some(scaled) => {
            if x.is_sign_negative() {
                buf.push(b'-');
            }
            push_scaled(buf, scaled);
        }
        None => fallback(buf, x),
    }
}

/// Appends `{x:.6}` through `std::fmt`, for the values the fast path does not cover.
pub(super) fn fallback(buf: &mut Vec<u8>, x: f64) {
    // Writing into a `Vec` cannot fail.
    let _ = write!(buf, "{x:.6}");
}

/// `|x| · 10⁶` rounded to the nearest integer, ties to even, computed exactly; `None` when
/// `x` is not finite or `|x| ≥ 2^64` (left to `std::fmt`).
pub(super) fn scaled_magnitude(x: f64) -> Option<u128> {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = match biased {
        0 => (fraction, -1074),
        0x7ff => return None,
        _ => (fraction | (1 << 52), biased - 1075),
    };
    if exponent >= 0 {
        // An integer; below 2^64 while the 53-bit mantissa is shifted by at most 11.
        if exponent > 11 {
            return None;
        }
        return Some(u128::from(mantissa << exponent) * SCALE);
    }
    let shift = exponent.unsigned_abs();
    let numerator = u128::from(mantissa) * SCALE;
    if shift >= 74 {
        // numerator < 2^73 ≤ half of 2^shift: rounds to zero (never a tie).
        return Some(0);
    }
    let quotient = numerator >> shift;
    let remainder = numerator & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    let round_up = remainder > half || (remainder == half && quotient & 1 == 1);
    Some(quotient + u128::from(round_up))
}

/// Appends a magnitude scaled by 10⁶ as `integer.ffffff`.
pub(super) fn push_scaled(buf: &mut Vec<u8>, scaled: u128) {
    // Nearly every value fits a u64 once scaled (|x| < 1.8 · 10¹³), where division is much
    // cheaper than on a u128; the integer part is below 2^64 + 1 either way.
    let (integer, fraction) = match u64::try_from(scaled) {
        Ok(small) => (small / 1_000_000, (small % 1_000_000) as u32),
        Err(_) => ((scaled / SCALE) as u64, (scaled % SCALE) as u32),
    };
    let mut digits = itoa::Buffer::new();
    buf.extend_from_slice(digits.format(integer).as_bytes());
    let mut decimals = [b'0'; 7];
    decimals[0] = b'.';
    let mut rest = fraction;
    for slot in decimals[1..].iter_mut().rev() {
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    buf.extend_from_slice(&decimals);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::ChaCha8Rng;
    use rand_chacha::rand_core::{Rng, SeedableRng};

    fn fixed6(x: f64) -> String {
        let mut buf = Vec::new();
        push_fixed6(&mut buf, x);
        String::from_utf8(buf).expect("ASCII")
    }

    fn check(x: f64) {
        assert_eq!(
            fixed6(x),
            format!("{x:.6}"),
            "x = {x:e} (bits {:#x})",
            x.to_bits()
        );
    }

    #[test]
    fn known_values_print_as_std_does() {
        assert_eq!(fixed6(0.0), "0.000000");
        assert_eq!(fixed6(-0.0), "-0.000000");
        assert_eq!(fixed6(-1e-9), "-0.000000");
        assert_eq!(fixed6(1.0 / 3.0), "0.333333");
        assert_eq!(fixed6(-2.5), "-2.500000");
        // Exact ties (2^-7 = 0.0078125 and 3 · 2^-7) go to the even neighbour.
        assert_eq!(fixed6(0.0078125), "0.007812");
        assert_eq!(fixed6(0.0234375), "0.023438");
        assert_eq!(fixed6(123456.0000005), "123456.000001");
    }

    #[test]
    fn edge_cases_match_std() {
        let mut values = vec![
            0.0,
            1e-7,
            5e-7,
            4.9999995e-7,
            0.0000005,
            0.1234565,
            2.5e-6,
            1e15,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::MIN_POSITIVE / 2.0,
            f64::from_bits(1),
            f64::from_bits(0x000f_ffff_ffff_ffff),
            123456.0000005,
            0.0078125,
            0.0234375,
            1.0,
            0.5,
            9_007_199_254.740_992,
            18_446_744_073_709_549_568.0, // 2^64 - 2^11, the largest on the fast path
            18_446_744_073_709_551_616.0, // 2^64, through std::fmt
            f64::INFINITY,
            f64::NAN,
        ];
        // Just either side of the ties k/2 · 10⁻⁶ and of exact binary ties.
        for tie in [
            0.5e-6_f64, 1.5e-6, 2.5e-6, 0.0078125, 0.0234375, 0.1234565, 1e-6, 0.5,
        ] {
            values.extend([tie.next_down(), tie, tie.next_up()]);
        }
        for x in values.clone() {
            check(x);
            check(-x);
        }
    }

    #[test]
    fn a_million_random_values_match_std() {
        let mut rng = ChaCha8Rng::seed_from_u64(0x5EED_F1C5);
        for _ in 0..1_000_000 {
            // A uniform mantissa in [1, 10) times 10^k, k uniform in -12..=12, random sign.
            let unit = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            let exponent = (rng.next_u64() % 25) as i32 - 12;
            let sign = if rng.next_u64() & 1 == 1 { -1.0 } else { 1.0 };
            check(sign * (1.0 + 9.0 * unit) * 10f64.powi(exponent));
        }
    }

    #[test]
    fn random_bit_patterns_match_std() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..200_000 {
            check(f64::from_bits(rng.next_u64()));
        }
    }
}
