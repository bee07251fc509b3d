/*
 * c-example: a Kyiv policy written in C, to show (and test) that the sgsim plugin ABI is
 * plain C. Build it with any C compiler:
 *
 *     cc -std=c11 -O2 -shared -fPIC -I ../../crates/sgsim-abi/include \
 *        policy.c -o libpolicy_c_example.so
 *
 * and choose it in a scenario with
 *
 *     [policies.kyiv]
 *     plugin = "c_example"          # found as libpolicy_c_example.so in plugin_dirs
 *     policy = "steady"
 *     params = { mobilisation = 0.6, accept_at_stance = 0.8 }
 *
 * The policy "steady" mobilises at a fixed effort, states a stance equal to the public's
 * weariness (1 - public resolve) and accepts a ceasefire once that stance reaches
 * accept_at_stance. It keeps no state and draws no random numbers, so it is deterministic.
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r: create may run on several threads at once */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sgsim_abi.h"

typedef struct Steady {
    double mobilisation;
    double accept_at_stance;
} Steady;

static void set_error(SgsimErrBuf *err, const char *message) {
    if (err == NULL || err->ptr == NULL) {
        return;
    }
    size_t len = strlen(message);
    if (len > err->cap) {
        len = err->cap;
    }
    memcpy(err->ptr, message, len);
    err->len = len;
}

/* Reads "key = number" lines (the TOML the host hands over for flat numeric params). */
static int32_t parse_params(SgsimStrRef params, Steady *out, SgsimErrBuf *err) {
    char text[1024];
    if (params.len >= sizeof text) {
        set_error(err, "params are too long for the c-example policy");
        return SGSIM_STATUS_ERROR;
    }
    memcpy(text, params.ptr, params.len);
    text[params.len] = '\0';
    char *rest = NULL;
    for (char *line = strtok_r(text, "\n", &rest); line != NULL; line = strtok_r(NULL, "\n", &rest)) {
        char key[64];
        double value;
        if (sscanf(line, " %63[a-z_] = %lf", key, &value) != 2) {
            char message[160];
            snprintf(message, sizeof message, "cannot read the parameter line `%.100s`", line);
            set_error(err, message);
            return SGSIM_STATUS_ERROR;
        }
        if (strcmp(key, "mobilisation") == 0 && value >= 0.0 && value <= 1.0) {
            out->mobilisation = value;
        } else if (strcmp(key, "accept_at_stance") == 0 && value >= 0.0) {
            out->accept_at_stance = value;
        } else {
            char message[160];
            snprintf(message, sizeof message,
                     "unknown or out-of-range parameter `%s` (expected mobilisation in [0, 1], "
                     "accept_at_stance >= 0)",
                     key);
            set_error(err, message);
            return SGSIM_STATUS_ERROR;
        }
    }
    return SGSIM_STATUS_OK;
}

static int32_t create(uint32_t policy_index, SgsimStrRef params, uint64_t seed, void **out,
                      SgsimErrBuf *err) {
    (void)seed;
    if (policy_index != 0) {
        set_error(err, "the c-example plugin has one policy");
        return SGSIM_STATUS_ERROR;
    }
    Steady defaults = {0.5, 0.8};
    if (parse_params(params, &defaults, err) != SGSIM_STATUS_OK) {
        return SGSIM_STATUS_ERROR;
    }
    Steady *steady = malloc(sizeof *steady);
    if (steady == NULL) {
        set_error(err, "out of memory");
        return SGSIM_STATUS_ERROR;
    }
    *steady = defaults;
    *out = steady;
    return SGSIM_STATUS_OK;
}

static int32_t decide(void *instance, const void *observations, void *actions, size_t n,
                      SgsimErrBuf *err) {
    const Steady *steady = instance;
    const SgsimKyivObservation *obs = observations;
    SgsimKyivAction *act = actions;
    for (size_t i = 0; i < n; i++) {
        if (obs[i].header.size != sizeof(SgsimKyivObservation)) {
            set_error(err, "observation size differs from this plugin's header: rebuild it");
            err->actor_id = obs[i].header.actor_id;
            return SGSIM_STATUS_ERROR;
        }
        double stance = 1.0 - obs[i].public_resolve;
        act[i].mobilisation = steady->mobilisation;
        act[i].negotiating_stance = stance < 0.0 ? 0.0 : (stance > 1.0 ? 1.0 : stance);
        act[i].accept_ceasefire = obs[i].ceasefire_in_force == 0 && stance >= steady->accept_at_stance;
        /* Trade a membership bid for a guarantee when one is offered (M19), and send
         * recruits to allied training as far as there are places (M06). */
        act[i].renounce_membership = (obs[i].offers & SGSIM_OFFER_GUARANTEE) != 0;
        act[i].training_share = 1.0;
    }
    return SGSIM_STATUS_OK;
}

static void destroy(void *instance) { free(instance); }

/* A string view of a literal, usable in static initialisers. */
#define LITERAL(text) {(const uint8_t *)(text), sizeof(text) - 1}

static const SgsimPolicyInfo policies[1] = {
    {LITERAL("steady"), SGSIM_ROLE_KYIV, LITERAL("fixed mobilisation; accepts a ceasefire when the public tires")},
};

static const SgsimPluginVTable vtable = {
    sizeof(SgsimPluginVTable),
    SGSIM_ABI_VERSION,
    SGSIM_CAP_PANIC_UNWIND,
    LITERAL("c_example"),
    LITERAL("0.1.0"),
    1,
    policies,
    create,
    decide,
    destroy,
};

uint32_t sgsim_abi_version(void) { return SGSIM_ABI_VERSION; }

const SgsimPluginVTable *sgsim_plugin_vtable(void) { return &vtable; }
