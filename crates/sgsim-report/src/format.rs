//! How numbers are written: the CSV dialect of the run and sweep outputs (six decimals,
//! never `-0.000000`, an empty field for "none") and the shorter forms of the page.

/// A float with exactly six decimals, `-0.000000` written as `0.000000`; NaN as empty.
pub fn f6(x: f64) -> String {
    if x.is_nan() {
        return String::new();
    }
    let s = format!("{x:.6}");
    if s == "-0.000000" {
        "0.000000".to_string()
    } else {
        s
    }
}

/// An optional float as [`f6`], `None` as empty.
pub fn opt6(x: Option<f64>) -> String {
    x.map(f6).unwrap_or_default()
}

/// A number for the page: three decimals below 10, one below 1,000, none below 10,000,
/// then thousands (`k`) and millions (`M`).
pub fn short(x: f64) -> String {
    if x.is_nan() {
        return "–".to_string();
    }
    let a = x.abs();
    let s = if a >= 1e6 {
        format!("{:.2} M", x / 1e6)
    } else if a >= 1e4 {
        format!("{:.1} k", x / 1e3)
    } else if a >= 1000.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.3}")
    };
    if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s[1..].to_string()
    } else {
        s
    }
}

/// A p-value for the page.
pub fn pvalue(p: f64) -> String {
    if p < 0.001 {
        format!("{p:.1e}")
    } else {
        format!("{p:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_decimals_and_no_negative_zero() {
        assert_eq!(f6(0.25), "0.250000");
        assert_eq!(f6(-1e-9), "0.000000");
        assert_eq!(f6(f64::NAN), "");
        assert_eq!(short(-0.0001), "0.000");
        assert_eq!(short(1234.56), "1235");
        assert_eq!(short(1_316_098.0), "1.32 M");
        assert_eq!(short(-10_751.0), "-10.8 k");
        assert_eq!(pvalue(0.0004), "4.0e-4");
    }
}
