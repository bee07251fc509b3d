//! The cost of a policy decision through the plugin ABI against the same policy compiled
//! in: the baseline plugin's capital policy (`default`) on the 32 real capital
//! observations of the baseline run at tick 100. Every iteration makes 32 decisions, so
//! criterion's time per iteration divided by 32 is the time per decision.
//!
//! - `plugin_batch_32`: one `PolicyInstance::decide` call on all 32 (what the host does:
//!   one call per contiguous run of actors sharing a policy);
//! - `plugin_batch_1`: 32 calls of one actor each (the worst batching);
//! - `compiled_harness`: `sgsim_sdk::harness::Harness<CapitalDefault>`, one decision per
//!   call, the SDK's per-actor bookkeeping without the C boundary;
//! - `compiled_direct`: `Policy::decide` on 32 `CapitalDefault` values, the bare rule.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use policy_baseline::CapitalDefault;
use sgsim_abi::{Capital, CapitalAction, ROLE_CAPITAL, RoleRecords};
use sgsim_benches::{baseline_plugin, capital_observations_at};
use sgsim_host::{PolicyInstance, load_plugin};
use sgsim_sdk::Policy;
use sgsim_sdk::harness::Harness;

/// Seed of the instance (any value: the capital policy draws no random numbers).
const SEED: u64 = 7;

fn zeroed_actions(n: usize) -> Vec<CapitalAction> {
    let mut actions = vec![CapitalAction::default(); n];
    actions.iter_mut().for_each(Capital::init_action);
    actions
}

fn policy_call(c: &mut Criterion) {
    let observations = capital_observations_at(100);
    let n = observations.len();
    assert_eq!(n, 32, "the baseline has 32 capitals");

    let plugin = Arc::new(load_plugin(&baseline_plugin()).expect("load the baseline plugin"));
    let entry = plugin
        .policy(ROLE_CAPITAL, "default")
        .expect("the baseline has a capital policy")
        .clone();
    let mut instance =
        PolicyInstance::create(plugin.clone(), &entry, "", SEED).expect("create the instance");
    let mut harness = Harness::<CapitalDefault>::new("", SEED).expect("create the harness");
    let params = <CapitalDefault as Policy>::Params::default();
    let mut direct: Vec<CapitalDefault> = (0..n)
        .map(|_| CapitalDefault::create(&params, SEED).expect("create the policy"))
        .collect();

    // The plugin and the compiled-in policy must agree before their speed is compared.
    let mut through_plugin = zeroed_actions(n);
    instance
        .decide::<Capital>(&observations, &mut through_plugin)
        .expect("plugin decides");
    for (obs, via_plugin) in observations.iter().zip(&through_plugin) {
        let compiled = harness.decide(obs).expect("harness decides");
        assert_eq!(
            compiled.pledge_military_eur_bn.to_bits(),
            via_plugin.pledge_military_eur_bn.to_bits()
        );
    }

    let mut group = c.benchmark_group("policy_call_capital");
    group.throughput(Throughput::Elements(n as u64));
    let mut actions = zeroed_actions(n);

    group.bench_function("plugin_batch_32", |b| {
        b.iter(|| {
            instance
                .decide::<Capital>(black_box(&observations), black_box(&mut actions))
                .expect("plugin decides");
        });
    });
    group.bench_function("plugin_batch_1", |b| {
        b.iter(|| {
            for i in 0..n {
                instance
                    .decide::<Capital>(
                        black_box(&observations[i..=i]),
                        black_box(&mut actions[i..=i]),
                    )
                    .expect("plugin decides");
            }
        });
    });
    group.bench_function("compiled_harness", |b| {
        b.iter(|| {
            for (obs, action) in observations.iter().zip(actions.iter_mut()) {
                *action = harness.decide(black_box(obs)).expect("harness decides");
            }
            black_box(&actions);
        });
    });
    group.bench_function("compiled_direct", |b| {
        b.iter(|| {
            for ((policy, obs), action) in direct
                .iter_mut()
                .zip(black_box(&observations))
                .zip(actions.iter_mut())
            {
                policy.decide(obs, action);
            }
            black_box(&actions);
        });
    });
    group.finish();
}

criterion_group!(benches, policy_call);
criterion_main!(benches);
