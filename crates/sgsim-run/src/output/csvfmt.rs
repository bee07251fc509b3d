//! Fixed number formatting shared by every CSV file: floats with exactly six decimals and a
//! `.` separator (never `-0.000000`), integers in plain decimal, booleans as `true`/`false`.

use std::fmt::Write as _;

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
}
