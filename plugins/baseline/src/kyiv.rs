//! The default Kyiv: mobilises to replace losses, softens its negotiating stance as its
//! public tires, the front worsens and allied support fades, and accepts a ceasefire on the
//! current line once its stance passes a threshold. It renounces NATO membership as a
//! ceasefire term (M19) only if a guarantee is offered in its place, or once its stance is
//! desperate; it sends recruits to allied training as far as places allow (M06).
//!
//! While the war is hot it attacks where the ratio favours it (docs/MODEL.md 7.3d): in the
//! sector with the best `attack_ratio_*` among those with at least `attack_min_km2` to
//! retake, it commits `offensive_share` of its reserves when the ratio at that commitment,
//! `offensive_share · attack_ratio`, reaches `attack_at_ratio` and its public's resolve is
//! at least `attack_min_resolve`. `offensive_share = 0` never attacks.

use serde::Deserialize;
use sgsim_sdk::Policy;
use sgsim_sdk::abi::{
    Kyiv, KyivAction, KyivObservation, OFFER_GUARANTEE, SECTOR_DONBAS, SECTOR_NORTH,
    SECTOR_OCCUPIED_2014, SECTOR_SOUTH,
};

/// Parameters of [`KyivDefault`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Mobilisation effort with no losses to replace.
    pub base_mobilisation: f64,
    /// Weekly call-up the policy assumes at full effort; by default the capacity it
    /// observes (`callup_capacity_per_week`, MODEL.md 7.3b).
    pub callup_capacity_per_week: Option<f64>,
    /// Stance gained per percentage point of territory lost in 4 weeks.
    pub stance_per_point_lost: f64,
    /// Weight of allied support in holding the stance firm.
    pub allied_support_weight: f64,
    /// Stance at or above which Kyiv accepts a ceasefire.
    pub accept_at_stance: f64,
    /// Stance at or above which it renounces membership even without a guarantee.
    pub renounce_at_stance: f64,
    /// Share of recruits it sends to allied training, [0, 1] (capped by the places).
    pub training_share: f64,
    /// Share of its reserves it commits to an offensive, [0, 1]; 0 never attacks.
    pub offensive_share: f64,
    /// Force ratio at that commitment from which it attacks (above 1 an attack gains ground).
    pub attack_at_ratio: f64,
    /// Least ground to retake in a sector for an offensive there, km².
    pub attack_min_km2: f64,
    /// Least public resolve with which it attacks, [0, 1].
    pub attack_min_resolve: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base_mobilisation: 0.3,
            callup_capacity_per_week: None,
            stance_per_point_lost: 0.3,
            allied_support_weight: 0.4,
            accept_at_stance: 0.6,
            renounce_at_stance: 0.85,
            training_share: 1.0,
            offensive_share: 0.6,
            attack_at_ratio: 1.2,
            attack_min_km2: 500.0,
            attack_min_resolve: 0.4,
        }
    }
}

/// The default Kyiv policy.
#[derive(Debug)]
pub struct KyivDefault {
    params: Params,
}

impl Policy for KyivDefault {
    type Role = Kyiv;
    type Params = Params;
    const NAME: &'static str = "default";
    const DESCRIPTION: &'static str =
        "replaces losses; accepts a ceasefire when its public and allies tire";

    fn create(params: &Params, _seed: u64) -> Result<Self, String> {
        if let Some(c) = params.callup_capacity_per_week
            && (c.is_nan() || c <= 0.0)
        {
            return Err("callup_capacity_per_week must be > 0".to_owned());
        }
        sgsim_sdk::check::unit_interval(&[
            ("renounce_at_stance", params.renounce_at_stance),
            ("training_share", params.training_share),
            ("offensive_share", params.offensive_share),
            ("attack_min_resolve", params.attack_min_resolve),
        ])?;
        sgsim_sdk::check::non_negative(&[
            ("attack_at_ratio", params.attack_at_ratio),
            ("attack_min_km2", params.attack_min_km2),
        ])?;
        Ok(KyivDefault {
            params: params.clone(),
        })
    }

    fn decide(&mut self, obs: &KyivObservation, act: &mut KyivAction) {
        let p = &self.params;
        let capacity = p
            .callup_capacity_per_week
            .unwrap_or(obs.callup_capacity_per_week)
            .max(1.0);
        let replace = obs.losses_last_4w / 4.0 / capacity;
        act.mobilisation = (p.base_mobilisation + replace).clamp(0.0, 1.0);
        let points_lost = (-obs.territory_change_4w * 100.0).max(0.0);
        let stance = (1.0 - obs.public_resolve) + p.stance_per_point_lost * points_lost
            - p.allied_support_weight * (obs.allied_support_mean - 0.5);
        act.negotiating_stance = stance.clamp(0.0, 1.0);
        act.accept_ceasefire =
            u32::from(obs.ceasefire_in_force == 0 && act.negotiating_stance >= p.accept_at_stance);
        act.renounce_membership = u32::from(
            obs.offers & OFFER_GUARANTEE != 0 || act.negotiating_stance >= p.renounce_at_stance,
        );
        act.training_share = p.training_share;
        if obs.ceasefire_in_force == 0
            && let Some(sector) = p.offensive(obs)
        {
            act.offensive_sector = sector;
            act.offensive_intensity = p.offensive_share;
        }
    }
}

impl Params {
    /// The sector of this week's offensive, if the ratio, the ground to retake and the
    /// public's resolve allow one (the best ratio; the lower code on a tie).
    pub fn offensive(&self, obs: &KyivObservation) -> Option<u32> {
        if self.offensive_share <= 0.0 || obs.public_resolve < self.attack_min_resolve {
            return None;
        }
        [
            (
                SECTOR_NORTH,
                obs.attack_ratio_north,
                obs.retakable_north_km2,
            ),
            (
                SECTOR_DONBAS,
                obs.attack_ratio_donbas,
                obs.retakable_donbas_km2,
            ),
            (
                SECTOR_SOUTH,
                obs.attack_ratio_south,
                obs.retakable_south_km2,
            ),
            (
                SECTOR_OCCUPIED_2014,
                obs.attack_ratio_occupied_2014,
                obs.retakable_occupied_2014_km2,
            ),
        ]
        .into_iter()
        .filter(|&(_, ratio, room)| {
            room >= self.attack_min_km2 && self.offensive_share * ratio >= self.attack_at_ratio
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(sector, _, _)| sector)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sgsim_sdk::harness::Harness;

    #[test]
    fn a_tired_public_and_lost_ground_lead_to_accepting_a_ceasefire() {
        let mut harness = Harness::<KyivDefault>::new("", 1).unwrap();
        let mut firm = KyivObservation::default();
        firm.header.actor_id = 34;
        firm.public_resolve = 0.9;
        firm.allied_support_mean = 0.7;
        let action = harness.decide(&firm).unwrap();
        assert_eq!(action.accept_ceasefire, 0);
        let tired = KyivObservation {
            public_resolve: 0.3,
            territory_change_4w: -0.01,
            ..firm
        };
        let action = harness.decide(&tired).unwrap();
        assert_eq!(action.accept_ceasefire, 1);
        assert!(action.negotiating_stance >= 0.6);
    }

    #[test]
    fn it_attacks_where_the_ratio_is_best_and_never_with_no_offensive_share() {
        let mut harness = Harness::<KyivDefault>::new("", 1).unwrap();
        let mut obs = KyivObservation::default();
        obs.header.actor_id = 34;
        obs.public_resolve = 0.8;
        obs.attack_ratio_donbas = 1.5;
        obs.retakable_donbas_km2 = 20_000.0;
        obs.attack_ratio_south = 2.5;
        obs.retakable_south_km2 = 30_000.0;
        obs.attack_ratio_north = 9.0;
        obs.retakable_north_km2 = 100.0;
        let act = harness.decide(&obs).unwrap();
        assert_eq!(
            act.offensive_sector, SECTOR_SOUTH,
            "the best ratio with ground enough to retake"
        );
        assert_eq!(act.offensive_intensity, 0.6);
        obs.attack_ratio_south = 1.9;
        let act = harness.decide(&obs).unwrap();
        assert_eq!(act.offensive_sector, 0, "0.6 x 1.9 is short of 1.2");
        assert_eq!(act.offensive_intensity, 0.0);
        obs.attack_ratio_south = 2.5;
        obs.ceasefire_in_force = 1;
        assert_eq!(
            harness.decide(&obs).unwrap().offensive_sector,
            0,
            "never in a ceasefire"
        );
        obs.ceasefire_in_force = 0;
        obs.public_resolve = 0.3;
        assert_eq!(harness.decide(&obs).unwrap().offensive_sector, 0);
        obs.public_resolve = 0.8;
        let mut defensive = Harness::<KyivDefault>::new("offensive_share = 0", 1).unwrap();
        assert_eq!(defensive.decide(&obs).unwrap().offensive_sector, 0);
    }

    #[test]
    fn mobilisation_rises_with_losses() {
        let mut harness = Harness::<KyivDefault>::new("", 1).unwrap();
        let mut obs = KyivObservation::default();
        obs.header.actor_id = 34;
        let quiet = harness.decide(&obs).unwrap().mobilisation;
        obs.losses_last_4w = 20_000.0;
        assert!(harness.decide(&obs).unwrap().mobilisation > quiet);
    }
}
