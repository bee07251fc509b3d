//! Fixed number formatting shared by every CSV file: floats with exactly six decimals and a
//! `.` separator (never `-0.000000`), integers in plain decimal, booleans as `true`/`false`.
//! The `push_*` forms append the same bytes to a byte buffer without allocating.

use std::fmt::Write as _;

use super::fixed6;

/// Formats a float with six decimals into `buf` (cleared first).
pub fn float(buf: &mut String, value: f64) -> &str {
    buf.clear();
    let _ = write!(buf, "{value:.6}");
    if buf == "-0.000000" {
        buf.clear();
        buf.push_str("0.000000");
    }
    buf
}

/// Appends the bytes of [`float`] to `buf`: `{value:.6}`, except that a value that rounds to
/// zero is `0.000000` whatever its sign.
pub fn push_float(buf: &mut Vec<u8>, value: f64) {
    match fixed6::scaled_magnitude(value) {
        Some(scaled) => {
            if scaled != 0 && value.is_sign_negative() {
                buf.push(b'-');
            }
            fixed6::push_scaled(buf, scaled);
        }
        // Infinite, NaN or at least 2^64 in magnitude: never `-0.000000`.
        None => fixed6::fallback(buf, value),
    }
}

/// Appends the bytes of [`uint`] to `buf`.
pub fn push_uint(buf: &mut Vec<u8>, value: u64) {
    buf.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Appends a signed integer in plain decimal (`-` for negatives), as `{value}` prints it.
pub fn push_int(buf: &mut Vec<u8>, value: i64) {
    buf.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Formats an unsigned integer into `buf` (cleared first).
pub fn uint(buf: &mut String, value: u64) -> &str {
    buf.clear();
    let _ = write!(buf, "{value}");
    buf
}

/// `true` or `false`.
pub const fn boolean(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_have_six_decimals_and_no_negative_zero() {
        let mut buf = String::new();
        assert_eq!(float(&mut buf, 1.0 / 3.0), "0.333333");
        assert_eq!(float(&mut buf, -1e-9), "0.000000");
        assert_eq!(float(&mut buf, 1234567.5), "1234567.500000");
        assert_eq!(float(&mut buf, -2.5), "-2.500000");
    }

    #[test]
    fn the_push_forms_give_the_same_bytes() {
        let mut text = String::new();
        let mut bytes = Vec::new();
        let floats = [
            0.0,
            -0.0,
            -1e-9,
            -4.9999995e-7,
            -5e-7,
            -5.000001e-7,
            0.0078125,
            -2.5,
            1.0 / 3.0,
            1e300,
            -1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for x in floats {
            bytes.clear();
            push_float(&mut bytes, x);
            assert_eq!(bytes, float(&mut text, x).as_bytes(), "x = {x:e}");
        }
        for n in [0, 7, 10, 208, 1_000_000, u64::MAX] {
            bytes.clear();
            push_uint(&mut bytes, n);
            assert_eq!(bytes, uint(&mut text, n).as_bytes());
        }
        for n in [0, -1, 42, i64::MIN, i64::MAX] {
            bytes.clear();
            push_int(&mut bytes, n);
            assert_eq!(bytes, n.to_string().as_bytes());
        }
    }
}
