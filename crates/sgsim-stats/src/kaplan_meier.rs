//! The Kaplan–Meier (1958) product-limit estimator of a survival function from
//! right-censored times, with Greenwood's (1926) variance and pointwise confidence bands.
//!
//! At each distinct time `t` with `d` events among the `n` still at risk (those whose time
//! is ≥ t), `S(t) = S(t−)·(1 − d/n)`. A censored time at `t` counts as at risk at `t`
//! (events come before censorings at the same time, the usual convention). Greenwood's
//! formula gives `Var S(t) = S(t)² Σ d / (n (n − d))` over the event times up to t; the
//! bands are `S(t) ± z·se`, clipped to [0, 1] (the "plain" bands of R's
//! `survfit(conf.type = "plain")`).

use crate::interval::z_two_sided;

/// One step of the estimate: a distinct time at which something happened.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KmStep {
    /// The time.
    pub time: f64,
    /// Number at risk just before `time`.
    pub at_risk: usize,
    /// Events at `time`.
    pub events: usize,
    /// Censorings at `time`.
    pub censored: usize,
    /// Estimated survival just after `time`.
    pub survival: f64,
    /// Greenwood standard error of `survival`.
    pub std_error: f64,
    /// Lower end of the pointwise band.
    pub lower: f64,
    /// Upper end of the pointwise band.
    pub upper: f64,
}

/// The Kaplan–Meier estimate from `(time, event)` pairs (`event = false`: censored), one
/// step per distinct time in ascending order, with bands at `confidence`.
///
/// # Panics
/// If a time is not finite, or `confidence` is not in (0, 1).
pub fn kaplan_meier(observations: &[(f64, bool)], confidence: f64) -> Vec<KmStep> {
    let z = z_two_sided(confidence);
    let mut obs = observations.to_vec();
    assert!(
        obs.iter().all(|(t, _)| t.is_finite()),
        "survival times must be finite"
    );
    obs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut steps = Vec::new();
    let mut at_risk = obs.len();
    let mut survival = 1.0_f64;
    let mut greenwood = 0.0_f64;
    let mut i = 0;
    while i < obs.len() {
        let time = obs[i].0;
        let mut j = i;
        while j < obs.len() && obs[j].0 == time {
            j += 1;
        }
        let events = obs[i..j].iter().filter(|(_, e)| *e).count();
        let censored = (j - i) - events;
        if events > 0 {
            survival *= 1.0 - events as f64 / at_risk as f64;
            if at_risk > events {
                greenwood += events as f64 / (at_risk as f64 * (at_risk - events) as f64);
            }
        }
        let std_error = if survival > 0.0 {
            survival * greenwood.sqrt()
        } else {
            0.0
        };
        steps.push(KmStep {
            time,
            at_risk,
            events,
            censored,
            survival,
            std_error,
            lower: (survival - z * std_error).max(0.0),
            upper: (survival + z * std_error).min(1.0),
        });
        at_risk -= j - i;
        i = j;
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remission times in weeks of the 21 leukaemia patients on 6-mercaptopurine
    /// (Freireich et al. 1963; Gehan 1965), `+` marking censored times:
    /// 6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13, 16, 17+, 19+, 20+, 22, 23, 25+, 32+, 32+, 34+, 35+.
    fn six_mp() -> Vec<(f64, bool)> {
        let events = [6, 6, 6, 7, 10, 13, 16, 22, 23];
        let censored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
        events
            .iter()
            .map(|t| (f64::from(*t), true))
            .chain(censored.iter().map(|t| (f64::from(*t), false)))
            .collect()
    }

    #[test]
    fn the_6_mp_table_of_kleinbaum_and_klein() {
        // Klein and Moeschberger, Survival Analysis (2nd ed., 2003), Table 4.1A (the 6-MP
        // group); the same numbers as R's summary(survfit(Surv(time, status) ~ 1)).
        let km = kaplan_meier(&six_mp(), 0.95);
        let events: Vec<&KmStep> = km.iter().filter(|s| s.events > 0).collect();
        let want = [
            (6.0, 21, 3, 0.8571, 0.0764),
            (7.0, 17, 1, 0.8067, 0.0869),
            (10.0, 15, 1, 0.7529, 0.0963),
            (13.0, 12, 1, 0.6902, 0.1068),
            (16.0, 11, 1, 0.6275, 0.1141),
            (22.0, 7, 1, 0.5378, 0.1282),
            (23.0, 6, 1, 0.4482, 0.1346),
        ];
        assert_eq!(events.len(), want.len());
        for (s, (t, n, d, surv, se)) in events.iter().zip(want) {
            assert_eq!((s.time, s.at_risk, s.events), (t, n, d));
            assert!((s.survival - surv).abs() < 5e-5, "S({t}) = {}", s.survival);
            assert!((s.std_error - se).abs() < 5e-5, "se({t}) = {}", s.std_error);
        }
        // R, conf.type = "plain": at t = 23, lower 0.1844, upper 0.7120.
        let last = events.last().unwrap();
        assert!((last.lower - 0.1844).abs() < 5e-4, "{}", last.lower);
        assert!((last.upper - 0.7120).abs() < 5e-4, "{}", last.upper);
        // The censored time at 6 is counted at risk at 6 and leaves afterwards.
        assert_eq!((km[0].censored, km[1].at_risk), (1, 17));
        let end = km.last().unwrap();
        assert_eq!((end.time, end.censored, end.events), (35.0, 1, 0));
        assert!((end.survival - 0.4482).abs() < 5e-5);
    }

    #[test]
    fn no_events_keeps_survival_at_one() {
        let km = kaplan_meier(&[(3.0, false), (5.0, false)], 0.95);
        assert!(km.iter().all(|s| s.survival == 1.0 && s.std_error == 0.0));
        let all = kaplan_meier(&[(1.0, true), (2.0, true)], 0.95);
        assert_eq!(all[0].survival, 0.5);
        assert_eq!(all[1].survival, 0.0);
        assert_eq!((all[1].lower, all[1].upper), (0.0, 0.0));
    }
}
