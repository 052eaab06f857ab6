// MPFR enclosures of the training functions (mpfr_training.cpp):
// lo <= f(z) <= hi with every operation rounded outward, lo and hi
// initialized by the caller with `precision` bits. For the sweep's oracle.
#ifndef SQUASH_SWEEP_MPFR_TRAINING_HPP
#define SQUASH_SWEEP_MPFR_TRAINING_HPP

#include <mpfr.h>

namespace sweep {

void enclose_log_sigmoid(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision);
void enclose_softplus(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision);
void enclose_silu(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision);
void enclose_silu_grad(double z, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision);

// The backward functions take two arguments, dy and y (finite).
void enclose_sigmoid_backward(double dy, double y, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision);
void enclose_bipolar_sigmoid_backward(double dy, double y, mpfr_ptr lo, mpfr_ptr hi, mpfr_prec_t precision);

}  // namespace sweep

#endif
