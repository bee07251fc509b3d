//! Threat perception from geography: 1 for a country that borders Russia, otherwise
//! `exp(−d / scale)` with `d` the great-circle distance from its capital to Moscow.

/// Moscow, degrees latitude and longitude.
pub const MOSCOW: (f64, f64) = (55.7558, 37.6173);

/// Mean Earth radius, km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle (haversine) distance in km. Uses `libm` so results are identical on every
/// platform.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = libm::pow(libm::sin((lat2 - lat1) / 2.0), 2.0)
        + libm::cos(lat1) * libm::cos(lat2) * libm::pow(libm::sin((lon2 - lon1) / 2.0), 2.0);
    2.0 * EARTH_RADIUS_KM * libm::asin(libm::sqrt(h.clamp(0.0, 1.0)))
}

/// Threat perception, [0, 1].
pub fn threat_perception(borders_russia: bool, capital: (f64, f64), scale_km: f64) -> f64 {
    if borders_russia {
        1.0
    } else {
        libm::exp(-distance_km(capital, MOSCOW) / scale_km)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_is_about_1600_km_from_moscow() {
        let berlin = (52.52, 13.405);
        let d = distance_km(berlin, MOSCOW);
        assert!((1590.0..1630.0).contains(&d), "{d}");
    }

    #[test]
    fn threat_falls_with_distance_and_is_full_on_the_border() {
        let berlin = (52.52, 13.405);
        let washington = (38.9072, -77.0369);
        assert_eq!(threat_perception(true, washington, 2000.0), 1.0);
        assert!(
            threat_perception(false, berlin, 2000.0) > threat_perception(false, washington, 2000.0)
        );
    }
}
