// squash/squash.hpp: the whole header-only library in one include.
// SPDX-License-Identifier: MIT
//
//   squash::sigmoid          σ(z)  = 1 / (1 + e^-z)
//   squash::sigmoid_grad     σ'(z) = σ(z)(1 − σ(z)), taking z
//   squash::bipolar_sigmoid  σ₂(z) = 2σ(z) − 1 = tanh(z/2)
// and for training (backward passes and the rest of the sigmoid family):
//   squash::sigmoid_backward          dx = dy·y(1 − y), from the output y
//   squash::bipolar_sigmoid_backward  dx = dy·(1 − y²)/2, from the output y
//   squash::sigmoid_with_grad         σ(z) and σ'(z) from one exponential
//   squash::softplus                  log(1 + e^z)
//   squash::log_sigmoid               log σ(z) = −softplus(−z)
//   squash::silu                      z·σ(z)
//   squash::silu_grad                 silu'(z) = σ(z)(1 + z(1 − σ(z)))
// and their fast tier (fast.hpp, fast_training.hpp, fast_activations.hpp):
// squash::fast::sigmoid, sigmoid_grad, bipolar_sigmoid, sigmoid_backward,
// bipolar_sigmoid_backward, sigmoid_with_grad, softplus, log_sigmoid, silu,
// silu_grad.
//
// Where the math lives: include/squash/detail/exp_core.hpp (the shared
// e^-|z|), then sigmoid.hpp, sigmoid_grad.hpp, bipolar_sigmoid.hpp; the call
// forms are in elementwise.hpp. squash needs C++17 or later.
#ifndef SQUASH_SQUASH_HPP
#define SQUASH_SQUASH_HPP

// Checked before anything else is included, so that an older standard gets
// this one line and not the errors of the headers below.
#if __cplusplus < 201703L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 201703L)
#error "squash needs C++17 or later: compile with -std=c++17 (or /std:c++17) or newer"
#else

#include "version.hpp"
#include "sigmoid.hpp"
#include "sigmoid_grad.hpp"
#include "bipolar_sigmoid.hpp"
#include "sigmoid_backward.hpp"
#include "sigmoid_with_grad.hpp"
#include "softplus.hpp"
#include "silu.hpp"
#include "fast.hpp"
#include "fast_training.hpp"
#include "fast_activations.hpp"

#endif
#endif
