// tests/dispatch/odr/forms.cpp: every call form of every function, as a
// user's file would call them, compiled three times with different -march
// flags (ODR_SIDE = sse2, avx2, avx512) into one program (main.cpp). The
// header-only library must give each copy its own code: if the linker could
// merge the AVX-512 copy of a function into the baseline file's calls, they
// would crash on a CPU without AVX-512 (and under valgrind).
#include <squash/squash.hpp>

#include <algorithm>
#include <vector>

#include "functions.hpp"
#include "sides.hpp"

#ifndef ODR_SIDE
#error "define ODR_SIDE (sse2, avx2 or avx512)"
#endif

namespace {

template <class T, class F>
void all_forms(F const& f, T const* z, std::size_t n, T* results)
{
    using batch = xsimd::batch<T>;
    using arch = xsimd::default_arch;
    constexpr std::size_t width = batch::size;
    T* r = results;
    for (std::size_t i = 0; i < n; ++i)  // f(z)
        r[i] = f(z[i]);
    r += n;
    for (std::size_t i = 0; i < n; i += width) {  // f(batch), the last one zero-padded
        alignas(arch::alignment()) T lanes[width] = {};
        std::size_t const count = std::min(width, n - i);
        std::copy(z + i, z + i + count, lanes);
        f(batch::load_aligned(lanes)).store_aligned(lanes);
        std::copy(lanes, lanes + count, r + i);
    }
    r += n;
    std::vector<T> const in(z, z + n);
    std::vector<T> out(n);
    f(in, out);  // f(in, out)
    r = std::copy(out.begin(), out.end(), r);
    out = in;
    f(out);  // f(inout)
    r = std::copy(out.begin(), out.end(), r);
    f(z, r, n);  // f(in_ptr, out_ptr, n)
    r += n;
    f(arch{}, in, out);  // f(Arch{}, in, out)
    r = std::copy(out.begin(), out.end(), r);
    out = in;
    f(arch{}, out);  // f(Arch{}, inout)
    r = std::copy(out.begin(), out.end(), r);
    f(arch{}, z, r, n);  // f(Arch{}, in_ptr, out_ptr, n)
}

template <class T>
char const* run(int function, T const* z, std::size_t n, T* results)
{
    int index = 0;
#define ODR_CALL_FORMS(c_name, object) \
    if (function == index++)           \
        all_forms(object, z, n, results);
    SQUASH_DISPATCH_FUNCTIONS(ODR_CALL_FORMS)
#undef ODR_CALL_FORMS
    return xsimd::default_arch::name();
}

}  // namespace

#define ODR_PASTE_(a, b, c) a##b##c
#define ODR_PASTE(a, b, c) ODR_PASTE_(a, b, c)

char const* ODR_PASTE(odr_forms_, ODR_SIDE, _f32)(int function, float const* z, std::size_t n, float* results)
{
    return run(function, z, n, results);
}

char const* ODR_PASTE(odr_forms_, ODR_SIDE, _f64)(int function, double const* z, std::size_t n, double* results)
{
    return run(function, z, n, results);
}
