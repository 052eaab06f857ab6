// Peer: the textbook loops built with -O3 -march=<build> -ffast-math (see
// CMakeLists.txt). Under __FAST_MATH__ glibc's <math.h> declares exp, expf,
// log1p, ... as "omp declare simd", so GCC vectorizes these loops into calls
// to libmvec (_ZGVdN8v_expf for AVX2, _ZGVeN16v_expf for AVX-512, ...).
// bench/compare checks each binary with objdump and reports what it found.
// The functions after σ₂ are issue 13's, timed once squash has them.
#include <cmath>

#include "libmvec_loops.hpp"

namespace squash_bench::fast_math {

namespace {

template <class T>
void sigmoid_loop(T const* __restrict in, T* __restrict out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = T(1) / (T(1) + std::exp(-in[i]));
}

template <class T>
void sigmoid_grad_loop(T const* __restrict in, T* __restrict out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        T s = T(1) / (T(1) + std::exp(-in[i]));
        out[i] = s * (T(1) - s);
    }
}

template <class T>
void bipolar_sigmoid_loop(T const* __restrict in, T* __restrict out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = T(2) / (T(1) + std::exp(-in[i])) - T(1);
}

// min(z, 0) and max(z, 0) as conditionals: <algorithm> is not included here
// (see libmvec_loops.hpp).
template <class T>
void log_sigmoid_loop(T const* __restrict in, T* __restrict out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        T z = in[i];
        out[i] = (z < T(0) ? z : T(0)) - std::log1p(std::exp(-std::fabs(z)));
    }
}

template <class T>
void softplus_loop(T const* __restrict in, T* __restrict out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        T z = in[i];
        out[i] = (z > T(0) ? z : T(0)) + std::log1p(std::exp(-std::fabs(z)));
    }
}

template <class T>
void silu_loop(T const* __restrict in, T* __restrict out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = in[i] / (T(1) + std::exp(-in[i]));
}

template <class T>
void silu_grad_loop(T const* __restrict in, T* __restrict out, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        T s = T(1) / (T(1) + std::exp(-in[i]));
        out[i] = s * (T(1) + in[i] * (T(1) - s));
    }
}

}  // namespace

#define SQUASH_BENCH_FAST_MATH_DEFINE(name)                                                          \
    void name(float const* in, float* out, std::size_t n) { name##_loop(in, out, n); }            \
    void name(double const* in, double* out, std::size_t n) { name##_loop(in, out, n); }

SQUASH_BENCH_FAST_MATH_DEFINE(sigmoid)
SQUASH_BENCH_FAST_MATH_DEFINE(sigmoid_grad)
SQUASH_BENCH_FAST_MATH_DEFINE(bipolar_sigmoid)
SQUASH_BENCH_FAST_MATH_DEFINE(log_sigmoid)
SQUASH_BENCH_FAST_MATH_DEFINE(softplus)
SQUASH_BENCH_FAST_MATH_DEFINE(silu)
SQUASH_BENCH_FAST_MATH_DEFINE(silu_grad)

#undef SQUASH_BENCH_FAST_MATH_DEFINE

}  // namespace squash_bench::fast_math
