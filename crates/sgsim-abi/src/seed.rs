//! Seed derivation shared by the host and the SDK, so both sides agree on every stream.

/// SplitMix64 finaliser: a bijective mix of 64 bits.
pub const fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Derives a child seed from a parent seed and two labels (for example a stream tag and an
/// actor id). The result depends only on its arguments, never on call order.
pub const fn derive_seed(parent: u64, a: u64, b: u64) -> u64 {
    splitmix64(splitmix64(splitmix64(parent) ^ a) ^ b.rotate_left(32))
}
