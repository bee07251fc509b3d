//! The escalation ladder, scored on the scale of published wargame studies (Rivera et al.
//! 2024: posturing 4, non-violent 12, violent 28, nuclear 60), so escalation traces can be
//! compared with that literature.

/// Highest rung index.
pub const TOP_RUNG: u32 = 4;

/// Index of the violent rung (use of force against the Alliance's personnel or territory).
pub const VIOLENT_RUNG: u32 = 3;

/// Score of each rung: none, posturing, non-violent, violent, nuclear.
pub const RUNG_SCORES: [f64; 5] = [0.0, 4.0, 12.0, 28.0, 60.0];

/// Names of the rungs, as written in events.
pub const RUNG_NAMES: [&str; 5] = ["none", "posturing", "non_violent", "violent", "nuclear"];

/// Score of a rung (the top score for anything above the top rung).
pub fn score(rung: u32) -> f64 {
    RUNG_SCORES[rung.min(TOP_RUNG) as usize]
}

/// The rung after a step of -1, 0 or +1, kept on the ladder.
pub fn step(rung: u32, step: i32) -> u32 {
    match step {
        s if s > 0 => (rung + 1).min(TOP_RUNG),
        s if s < 0 => rung.saturating_sub(1),
        _ => rung,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_on_the_ladder() {
        assert_eq!(step(0, -1), 0);
        assert_eq!(step(TOP_RUNG, 1), TOP_RUNG);
        assert_eq!(step(2, 1), 3);
        assert_eq!(score(3), 28.0);
        assert_eq!(score(99), 60.0);
    }
}
