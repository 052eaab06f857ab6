// Peer: the textbook loops built with -O3 -march=native -ffast-math (see
// CMakeLists.txt). Under __FAST_MATH__ glibc's <math.h> declares exp and expf
// as "omp declare simd", so GCC vectorizes these loops into calls to
// libmvec's _ZGVdN4v_exp / _ZGVdN8v_expf (AVX2) or _ZGVeN8v_exp (AVX-512).
// bench/compare checks the binary with objdump and reports what it found.
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

}  // namespace

void sigmoid(float const* in, float* out, std::size_t n) { sigmoid_loop(in, out, n); }
void sigmoid(double const* in, double* out, std::size_t n) { sigmoid_loop(in, out, n); }
void sigmoid_grad(float const* in, float* out, std::size_t n) { sigmoid_grad_loop(in, out, n); }
void sigmoid_grad(double const* in, double* out, std::size_t n) { sigmoid_grad_loop(in, out, n); }
void bipolar_sigmoid(float const* in, float* out, std::size_t n) { bipolar_sigmoid_loop(in, out, n); }
void bipolar_sigmoid(double const* in, double* out, std::size_t n) { bipolar_sigmoid_loop(in, out, n); }

}  // namespace squash_bench::fast_math
