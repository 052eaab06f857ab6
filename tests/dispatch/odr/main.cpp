// tests/dispatch/odr/main.cpp: the mixed -march program. Built for the
// x86-64 baseline and linked with the three sides of forms.cpp (x86-64,
// haswell, skylake-avx512; in both link orders, two executables). Runs each
// side this CPU can run (under valgrind, which hides AVX-512, the AVX-512
// side is skipped and says so) and checks that every call form of every
// function gives, bit for bit, the results of squash::dispatch's kernels for
// that side's instruction set: a side whose calls were routed to another
// side's copy would give the other set's bits wherever the two differ
// (counted and printed, so the check is seen to have teeth), and under
// valgrind would crash on the first AVX-512 instruction.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "functions.hpp"
#include "sides.hpp"
#include "support.hpp"
#include "table.hpp"

namespace {

using namespace dispatch_test;
using squash::dispatch_impl::kernel_table;

struct side {
    char const* name;
    level needs;
    char const* (*forms_f32)(int, float const*, std::size_t, float*);
    char const* (*forms_f64)(int, double const*, std::size_t, double*);
    kernel_table const* library;
};

side const sides[] = {
    {"sse2 (-march=x86-64)", level::sse2, odr_forms_sse2_f32, odr_forms_sse2_f64, &squash::dispatch_impl::sse2_kernels},
    {"avx2 (-march=haswell)", level::avx2, odr_forms_avx2_f32, odr_forms_avx2_f64, &squash::dispatch_impl::avx2_kernels},
    {"avx512 (-march=skylake-avx512)", level::avx512, odr_forms_avx512_f32, odr_forms_avx512_f64,
     &squash::dispatch_impl::avx512_kernels},
};

struct library_function {
    char const* name;
    squash::dispatch_impl::array_kernel<float> kernel_table::*f32;
    squash::dispatch_impl::array_kernel<double> kernel_table::*f64;
};

library_function const functions[] = {
#define ODR_FUNCTION(c_name, object) {#c_name, &kernel_table::c_name##_f32, &kernel_table::c_name##_f64},
    SQUASH_DISPATCH_FUNCTIONS(ODR_FUNCTION)
#undef ODR_FUNCTION
};

int failures = 0;
constexpr std::size_t n = 16411;  // not a multiple of any batch width; enough inputs that the
                                  // instruction sets differ on some

template <class T>
std::vector<T> library_results(kernel_table const& table, library_function const& f, std::vector<T> const& z)
{
    std::vector<T> out(z.size());
    if constexpr (std::is_same_v<T, float>)
        (table.*(f.f32))(z.data(), out.data(), z.size());
    else
        (table.*(f.f64))(z.data(), out.data(), z.size());
    return out;
}

template <class T>
void check_side(side const& s, int index, library_function const& f)
{
    auto const z = mixed_inputs<T>(n, 2024 + static_cast<unsigned>(index));
    std::vector<T> results(odr_form_count * n);
    char const* arch = nullptr;
    if constexpr (std::is_same_v<T, float>)
        arch = s.forms_f32(index, z.data(), n, results.data());
    else
        arch = s.forms_f64(index, z.data(), n, results.data());
    auto const want = library_results(*s.library, f, z);
    for (std::size_t form = 0; form < odr_form_count; ++form) {
        std::size_t const i = first_difference(results.data() + form * n, want.data(), n);
        if (i < n && ++failures <= 20)
            std::printf("FAILED: %s side (default arch %s), %s<%s> %s: z = %s gave %s, the library's %s kernel %s\n",
                        s.name, arch, f.name, std::is_same_v<T, float> ? "float" : "double", odr_form_names[form],
                        show(z[i]).c_str(), show(results[form * n + i]).c_str(), s.library->isa, show(want[i]).c_str());
    }
}

// How many inputs get different bits from two instruction sets' kernels:
// where a misrouted call would be caught by the comparison above.
template <class T>
std::size_t differing_inputs(kernel_table const& a, kernel_table const& b)
{
    std::size_t count = 0;
    for (int index = 0; index < static_cast<int>(sizeof functions / sizeof functions[0]); ++index) {
        auto const z = mixed_inputs<T>(n, 2024 + static_cast<unsigned>(index));
        auto const x = library_results(a, functions[index], z), y = library_results(b, functions[index], z);
        for (std::size_t i = 0; i < n; ++i)
            count += same_result(x[i], y[i]) ? 0 : 1;
    }
    return count;
}

}  // namespace

int main()
{
    level const cpu = cpu_level();
    std::string ran, skipped;
    kernel_table const* widest = nullptr;
    for (auto const& s : sides) {
        if (static_cast<int>(s.needs) > static_cast<int>(cpu)) {
            skipped += std::string(" ") + s.name;
            continue;
        }
        for (int index = 0; index < static_cast<int>(sizeof functions / sizeof functions[0]); ++index) {
            check_side<float>(s, index, functions[index]);
            check_side<double>(s, index, functions[index]);
        }
        ran += std::string(" ") + s.name;
        widest = s.library;
    }
    std::printf("ran:%s\n", ran.c_str());
    if (!skipped.empty())
        std::printf("skipped (this CPU, as the program sees it, lacks them):%s\n", skipped.c_str());
    if (widest != &squash::dispatch_impl::sse2_kernels)
        std::printf("inputs where the sse2 and %s kernels differ: %zu float, %zu double (of %zu each)\n", widest->isa,
                    differing_inputs<float>(squash::dispatch_impl::sse2_kernels, *widest),
                    differing_inputs<double>(squash::dispatch_impl::sse2_kernels, *widest),
                    n * (sizeof functions / sizeof functions[0]));
    if (failures != 0) {
        std::printf("odr: %d failure(s)\n", failures);
        return 1;
    }
    std::printf("odr: every call form of every function gave its own side's bits\n");
    return 0;
}
