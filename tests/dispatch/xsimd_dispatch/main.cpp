// tests/dispatch/xsimd_dispatch/main.cpp: squash's arch-explicit forms
// inside xsimd::dispatch. Built for the x86-64 baseline; xsimd picks the
// best of avx512bw, fma3<avx2>, sse2 this CPU has, and the functor built for
// it runs squash's three array forms with that architecture (the lists
// avx2-and-below and sse2-only make the narrower functors run too). Each
// result must have the bits of squash::dispatch's kernels for the same instruction
// set (compiled separately, with -march=x86-64-v3/-v4), for every function,
// float and double, at lengths around the unrolled loop.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "functions.hpp"
#include "functor.hpp"
#include "support.hpp"
#include "table.hpp"

namespace {

using namespace dispatch_test;
using squash::dispatch_impl::kernel_table;

struct library_function {
    char const* name;
    squash::dispatch_impl::array_kernel<float> kernel_table::*f32;
    squash::dispatch_impl::array_kernel<double> kernel_table::*f64;
};

library_function const functions[] = {
#define XD_FUNCTION(c_name, object) {#c_name, &kernel_table::c_name##_f32, &kernel_table::c_name##_f64},
    SQUASH_DISPATCH_FUNCTIONS(XD_FUNCTION)
#undef XD_FUNCTION
};

kernel_table const* library_table(char const* xsimd_name)
{
    if (std::strcmp(xsimd_name, xsimd::sse2::name()) == 0)
        return &squash::dispatch_impl::sse2_kernels;
    if (std::strcmp(xsimd_name, xsimd::fma3<xsimd::avx2>::name()) == 0)
        return &squash::dispatch_impl::avx2_kernels;
    if (std::strcmp(xsimd_name, xsimd::avx512bw::name()) == 0)
        return &squash::dispatch_impl::avx512_kernels;
    return nullptr;
}

int failures = 0;
std::string archs_used;

// All three lists: the full one picks the best architecture this CPU has;
// the shorter ones make the narrower functors run too.
using avx2_and_below = xsimd::arch_list<xsimd::fma3<xsimd::avx2>, xsimd::sse2>;
using sse2_only = xsimd::arch_list<xsimd::sse2>;

template <class ArchList, class T>
void check(int index, library_function const& f)
{
    auto dispatched = xsimd::dispatch<ArchList>(squash_array_functor{});
    for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(7), std::size_t(64), std::size_t(65),
                          std::size_t(193), std::size_t(1031)}) {
        auto const z = mixed_inputs<T>(n, 99 + n);
        for (int form = 0; form < 3; ++form) {
            std::vector<T> got(n), want(n);
            char const* arch = dispatched(index, form, z.data(), got.data(), n);
            if (archs_used.find(arch) == std::string::npos)
                archs_used += std::string(" ") + arch;
            kernel_table const* table = library_table(arch);
            if (table == nullptr) {
                ++failures;
                std::printf("FAILED: xsimd::dispatch chose %s, not in the list\n", arch);
                return;
            }
            if constexpr (std::is_same_v<T, float>)
                (table->*(f.f32))(z.data(), want.data(), n);
            else
                (table->*(f.f64))(z.data(), want.data(), n);
            std::size_t const i = first_difference(got.data(), want.data(), n);
            if (i < n && ++failures <= 20)
                std::printf("FAILED: %s<%s> form %d under xsimd::dispatch (%s), n = %zu: z = %s gave %s, the "
                            "library's %s kernel %s\n",
                            f.name, std::is_same_v<T, float> ? "float" : "double", form, arch, n, show(z[i]).c_str(),
                            show(got[i]).c_str(), table->isa, show(want[i]).c_str());
        }
    }
}

}  // namespace

int main()
{
    for (int index = 0; index < static_cast<int>(sizeof functions / sizeof functions[0]); ++index) {
        check<squash_functor_archs, float>(index, functions[index]);
        check<squash_functor_archs, double>(index, functions[index]);
        check<avx2_and_below, float>(index, functions[index]);
        check<avx2_and_below, double>(index, functions[index]);
        check<sse2_only, float>(index, functions[index]);
        check<sse2_only, double>(index, functions[index]);
    }
    std::printf("xsimd::dispatch ran squash with:%s\n", archs_used.c_str());
    if (failures != 0) {
        std::printf("xsimd_dispatch: %d failure(s)\n", failures);
        return 1;
    }
    std::printf("xsimd_dispatch: every form gave the library's bits for the architecture xsimd chose\n");
    return 0;
}
