// The -ffast-math loops of the libmvec peer (libmvec_loops.cpp). Declared
// here so that the file built with -ffast-math includes nothing but <cmath>:
// an inline function compiled under -ffast-math could otherwise be the copy
// the linker keeps for the whole program.
#ifndef SQUASH_BENCH_LIBMVEC_LOOPS_HPP
#define SQUASH_BENCH_LIBMVEC_LOOPS_HPP

#include <cstddef>

namespace squash_bench::fast_math {

#define SQUASH_BENCH_FAST_MATH_LOOP(name)                           \
    void name(float const* in, float* out, std::size_t n);      \
    void name(double const* in, double* out, std::size_t n);

SQUASH_BENCH_FAST_MATH_LOOP(sigmoid)
SQUASH_BENCH_FAST_MATH_LOOP(sigmoid_grad)
SQUASH_BENCH_FAST_MATH_LOOP(bipolar_sigmoid)
SQUASH_BENCH_FAST_MATH_LOOP(log_sigmoid)
SQUASH_BENCH_FAST_MATH_LOOP(softplus)
SQUASH_BENCH_FAST_MATH_LOOP(silu)
SQUASH_BENCH_FAST_MATH_LOOP(silu_grad)

#undef SQUASH_BENCH_FAST_MATH_LOOP

}  // namespace squash_bench::fast_math

#endif
