// squash — SIMD logistic activation functions.
// SPDX-License-Identifier: MIT
//
//   squash::sigmoid          σ(z)  = 1 / (1 + e^-z)
//   squash::sigmoid_grad     σ'(z) = σ(z)(1 − σ(z)), taking z
//   squash::bipolar_sigmoid  σ₂(z) = 2σ(z) − 1 = tanh(z/2)
//
// Where the math lives: include/squash/detail/exp_core.hpp (the shared
// e^-|z|), then sigmoid.hpp, sigmoid_grad.hpp, bipolar_sigmoid.hpp.
#ifndef SQUASH_SQUASH_HPP
#define SQUASH_SQUASH_HPP

#include "version.hpp"
#include "sigmoid.hpp"
#include "sigmoid_grad.hpp"
#include "bipolar_sigmoid.hpp"

#endif
