//! Parameter checks for `Policy::create`, with messages that name the parameter.

/// Checks that each named value lies in [0, 1].
pub fn unit_interval(values: &[(&str, f64)]) -> Result<(), String> {
    match values.iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
        Some((name, value)) => Err(format!("{name} = {value} must be in [0, 1]")),
        None => Ok(()),
    }
}

/// Checks that each named value is finite and at least 0.
pub fn non_negative(values: &[(&str, f64)]) -> Result<(), String> {
    match values.iter().find(|(_, v)| !(v.is_finite() && *v >= 0.0)) {
        Some((name, value)) => Err(format!("{name} = {value} must be a finite number >= 0")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bad_value_is_named() {
        assert_eq!(
            unit_interval(&[("a", 0.5), ("b", 1.5)]),
            Err("b = 1.5 must be in [0, 1]".to_owned())
        );
        assert!(unit_interval(&[("a", f64::NAN)]).is_err());
        assert_eq!(
            non_negative(&[("c", -1.0)]),
            Err("c = -1 must be a finite number >= 0".to_owned())
        );
        assert!(non_negative(&[("d", f64::INFINITY)]).is_err());
        assert!(non_negative(&[("e", 0.0)]).is_ok());
    }
}
