//! The run's outcome measures, one row of `summary.csv`.

use chrono::NaiveDate;

/// Outcome measures of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Scenario name.
    pub scenario: String,
    /// Run seed.
    pub seed: u64,
    /// Ticks run.
    pub ticks: u32,
    /// Date of the last tick run.
    pub end_date: NaiveDate,
    /// Date the first ceasefire began, if any.
    pub ceasefire_date: Option<NaiveDate>,
    /// Whether a ceasefire was ever broken.
    pub renewed_aggression: bool,
    /// Whether a ceasefire was in force at the end.
    pub ceasefire_at_end: bool,
    /// Ceasefire violations short of a break.
    pub ceasefire_violations: u32,
    /// Date the first ceasefire was broken, if it was.
    pub ceasefire_first_break_date: Option<NaiveDate>,
    /// Weeks the first ceasefire held: to its first break, or to the end of the run if it
    /// was never broken (right-censored); `None` without a ceasefire.
    pub ceasefire_weeks: Option<u32>,
    /// A durable ceasefire ([`durable`]): the first ceasefire was never broken and is in
    /// force at the end.
    pub durable_ceasefire: bool,
    /// Highest escalation level reached, published scale.
    pub peak_escalation: f64,
    /// Highest rung reached: 0 none, 1 posturing, 2 non-violent, 3 violent, 4 nuclear.
    pub peak_escalation_rung: u32,
    /// Whether the ladder reached nuclear signalling (the top rung).
    pub nuclear_signalling: bool,
    /// Highest Russian force in the theatre during the run, persons.
    pub russia_forces_peak: f64,
    /// Slices: tests of resolve during a ceasefire (M11).
    pub slices: u32,
    /// Slices left unanswered.
    pub unanswered_slices: u32,
    /// Share of Ukraine's territory Kyiv held at the end, [0, 1].
    pub territory_held_end: f64,
    /// Ukrainian personnel in the line at the end.
    pub ukraine_forces_end: f64,
    /// Russian personnel in the theatre at the end.
    pub russia_forces_end: f64,
    /// Cumulative Ukrainian losses.
    pub ukraine_losses: f64,
    /// Cumulative Russian losses.
    pub russia_losses: f64,
    /// Aid pledged by all donors, euro billions.
    pub aid_pledged: f64,
    /// Aid delivered by the United States, euro billions.
    pub aid_delivered_us: f64,
    /// Aid delivered by European donors (EU member states, other European donors and the
    /// EU's own instruments), euro billions.
    pub aid_delivered_europe: f64,
    /// Aid delivered by other donors, euro billions.
    pub aid_delivered_other: f64,
    /// Aid delivered by EU member states (their own aid), euro billions.
    pub aid_delivered_eu_members: f64,
    /// Aid delivered by European donors outside the EU (the United Kingdom, Norway,
    /// Türkiye, Switzerland, ...), euro billions.
    pub aid_delivered_other_europe: f64,
    /// Aid paid by the European Union's own instruments, euro billions.
    pub aid_delivered_eu_institutions: f64,
    /// Weeks in which a member's veto blocked an EU instrument (one per instrument and week).
    pub eu_vetoes: u32,
    /// Dated premises of the scenario after the run's last week, which never applied.
    pub premises_outside_horizon: u32,
    /// GDP-weighted mean of the Kremlin's beliefs about the capitals' resolve at the end.
    pub credibility_end: f64,
    /// Tests of resolve.
    pub tests_of_resolve: u32,
    /// Mean response to those tests, [0, 1]; `None` if none was answered.
    pub mean_test_response: Option<f64>,
    /// Strikes on allied personnel (M09).
    pub strikes_on_allies: u32,
    /// Answers to tests, strikes or invocations that failed and collapsed credibility.
    pub failed_responses: u32,
    /// Allied troops lost to strikes and combat, persons.
    pub allied_losses: f64,
    /// Mean of the guarantee's credibility `C` over the run (M13), [0, 1].
    pub guarantee_credibility_mean: f64,
    /// The guarantee's credibility at the end, [0, 1].
    pub guarantee_credibility_end: f64,
    /// Date the declared guarantee came into force, if it did.
    pub guarantee_in_force_date: Option<NaiveDate>,
    /// Times the guarantee or Article 5 was invoked for Ukraine.
    pub guarantee_invocations: u32,
    /// Times Article 5 was invoked (for Ukraine or for a struck unit on allied territory).
    pub article5_invocations: u32,
    /// Council items blocked by an objection that stood (M04).
    pub consensus_failures: u32,
    /// Side payments made to lift objections, euro billions.
    pub side_payments_eur_bn: f64,
    /// Date of the Council's invitation to Ukraine, if any (M12).
    pub invitation_date: Option<NaiveDate>,
    /// Date of Ukraine's accession, if any (M12).
    pub accession_date: Option<NaiveDate>,
    /// Whether Kyiv renounced membership as a term of a ceasefire (M19).
    pub membership_renounced: bool,
    /// Whether a NATO mission to defend Ukraine was authorised (S09).
    pub mission_authorised: bool,
    /// Reconstruction paid by the capitals, euro billions (M21).
    pub reconstruction_paid_eur_bn: f64,
    /// Ukraine's damage and losses assessed by the end, euro billions (M21).
    pub reconstruction_needs_end_eur_bn: f64,
    /// Artillery rounds Kyiv received (aid and its own output), rounds (M05).
    pub artillery_rounds_received: f64,
    /// Mean share of the artillery rounds needed that Kyiv could fire, over the weeks of
    /// war, [0, 1] (M05).
    pub artillery_sufficiency_mean: f64,
    /// Weeks of war in which Kyiv could fire less than half the rounds it needed (M05).
    pub shell_hunger_weeks: u32,
    /// Air defence delivered to Kyiv, euro billions (M05).
    pub air_defence_delivered_eur_bn: f64,
    /// Highest Ukrainian force during the run, persons.
    pub ukraine_forces_peak: f64,
    /// Weeks in which Kyiv attacked (docs/MODEL.md 7.3d).
    pub kyiv_offensive_weeks: u32,
    /// Ground Kyiv's offensives retook over the run, km².
    pub kyiv_retaken_km2: f64,
    /// Russia's liquid fiscal reserve at the end, share of a year's pre-war GDP (7.6c).
    pub russia_fiscal_reserve_end: f64,
    /// Russia's tanks in service at the end (7.6d).
    pub russia_tanks_end: f64,
    /// Russian tanks lost over the run.
    pub russia_tanks_lost_total: f64,
}

/// The one definition of a durable ceasefire: a first ceasefire began, it was never
/// broken, and a ceasefire is in force at the end of the run.
pub fn durable(first_ceasefire: Option<u32>, first_break: Option<u32>, at_end: bool) -> bool {
    first_ceasefire.is_some() && first_break.is_none() && at_end
}

/// Weeks the first ceasefire held: to its first break, or to `ticks` (right-censored).
pub fn ceasefire_weeks(
    first_ceasefire: Option<u32>,
    first_break: Option<u32>,
    ticks: u32,
) -> Option<u32> {
    first_ceasefire.map(|start| first_break.unwrap_or(ticks).saturating_sub(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ceasefire_is_durable_only_if_never_broken_and_in_force_at_the_end() {
        assert!(durable(Some(10), None, true));
        assert!(
            !durable(Some(10), Some(40), true),
            "broken, then a new ceasefire"
        );
        assert!(!durable(None, None, false));
        assert_eq!(ceasefire_weeks(Some(10), Some(40), 100), Some(30));
        assert_eq!(
            ceasefire_weeks(Some(10), None, 100),
            Some(90),
            "censored at the end"
        );
        assert_eq!(ceasefire_weeks(None, None, 100), None);
    }
}
