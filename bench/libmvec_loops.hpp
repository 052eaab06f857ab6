// The -ffast-math loops of the libmvec peer (libmvec_loops.cpp). Declared
// here so that the file built with -ffast-math includes nothing but <cmath>:
// an inline function compiled under -ffast-math could otherwise be the copy
// the linker keeps for the whole program.
#ifndef SQUASH_BENCH_LIBMVEC_LOOPS_HPP
#define SQUASH_BENCH_LIBMVEC_LOOPS_HPP

#include <cstddef>

namespace squash_bench::fast_math {

void sigmoid(float const* in, float* out, std::size_t n);
void sigmoid(double const* in, double* out, std::size_t n);
void sigmoid_grad(float const* in, float* out, std::size_t n);
void sigmoid_grad(double const* in, double* out, std::size_t n);
void bipolar_sigmoid(float const* in, float* out, std::size_t n);
void bipolar_sigmoid(double const* in, double* out, std::size_t n);

}  // namespace squash_bench::fast_math

#endif
