// The error-free transformations of include/squash/detail/eft.hpp, each in a
// function of its own with a C name, for FmaDisassembly.cmake to find in the
// disassembly of an AVX-512 build and check that the products they rely on
// are fused multiply-adds. Compiled only (any CPU); never run.
#include <squash/detail/eft.hpp>

namespace {
using arch = xsimd::default_arch;
template <class T>
using batch = xsimd::batch<T, arch>;
}  // namespace

static_assert(std::is_base_of_v<xsimd::avx512f, arch>, "build this probe with AVX-512 enabled");

#define SQUASH_PROBE(name, T, ...)                                                \
    extern "C" [[gnu::noinline]] void squash_probe_##name(batch<T>* r, batch<T> const* x) \
    {                                                                             \
        using namespace squash::detail;                                          \
        __VA_ARGS__;                                                              \
    }

// fmadd / fnmadd themselves.
SQUASH_PROBE(fmadd_f32, float, r[0] = fmadd(x[0], x[1], x[2]))
SQUASH_PROBE(fmadd_f64, double, r[0] = fmadd(x[0], x[1], x[2]))
SQUASH_PROBE(fnmadd_f32, float, r[0] = fnmadd(x[0], x[1], x[2]))
SQUASH_PROBE(fnmadd_f64, double, r[0] = fnmadd(x[0], x[1], x[2]))
// c - a*b exactly enough for a corrected division: the product must be fused.
SQUASH_PROBE(residual_f32, float, r[0] = residual(x[0], x[1], x[2]))
SQUASH_PROBE(residual_f64, double, r[0] = residual(x[0], x[1], x[2]))
// (hi + lo)^2: the rounding error of hi*hi from a fused residual.
SQUASH_PROBE(square_f32, float, auto s = square(double_word<float, arch>{x[0], x[1]}); r[0] = s.hi; r[1] = s.lo)
SQUASH_PROBE(square_f64, double, auto s = square(double_word<double, arch>{x[0], x[1]}); r[0] = s.hi; r[1] = s.lo)
// The corrected division of double words: the residual n - q0*d and the
// correction q0 + r*y are fused.
SQUASH_PROBE(divide_f32, float, r[0] = divide(double_word<float, arch>{x[0], x[1]}, double_word<float, arch>{x[2], x[3]}))
SQUASH_PROBE(divide_f64, double, r[0] = divide(double_word<double, arch>{x[0], x[1]}, double_word<double, arch>{x[2], x[3]}))
