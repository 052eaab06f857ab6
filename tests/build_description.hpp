// What configuration a test binary was built in: compiler, xsimd version,
// the xsimd architecture the call forms use, whether squash's fmadd is fused
// there, and what the compiler does with a*b + c written as two operations
// (contraction), observed at run time rather than inferred from flags. Test
// binaries print it first, so a failure in CI says where it happened.
#pragma once

#include <string>

#include <xsimd/xsimd.hpp>

#include <squash/detail/platform.hpp>

#ifndef SQUASH_TEST_FLAGS
#define SQUASH_TEST_FLAGS "(not recorded)"
#endif

namespace squash_test {

// a*b + c with a*b = 1 - 2^-60: two roundings give 0, one gives -2^-60.
// The operands come through volatile loads so nothing is folded at compile
// time; the noinline keeps each probe's code where its flags apply.
[[gnu::noinline]] inline double contraction_probe_one_expression()
{
    volatile double va = 1 + 0x1p-30, vb = 1 - 0x1p-30, vc = -1;
    double a = va, b = vb, c = vc;
    return a * b + c;
}

[[gnu::noinline]] inline double contraction_probe_two_statements()
{
    volatile double va = 1 + 0x1p-30, vb = 1 - 0x1p-30, vc = -1;
    double a = va, b = vb, c = vc;
    double product = a * b;
    return product + c;
}

inline std::string compiler_name()
{
#if defined(__clang__)
    return "Clang " + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__) + "." +
           std::to_string(__clang_patchlevel__);
#elif defined(__GNUC__)
    return "GCC " + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." +
           std::to_string(__GNUC_PATCHLEVEL__);
#else
    return "unknown compiler";
#endif
}

inline std::string xsimd_version()
{
    return std::to_string(XSIMD_VERSION_MAJOR) + "." + std::to_string(XSIMD_VERSION_MINOR) + "." +
           std::to_string(XSIMD_VERSION_PATCH);
}

// "none", "within expressions" (Clang's default, -ffp-contract=on) or
// "across statements" (GCC's default, -ffp-contract=fast).
inline std::string contraction_observed()
{
    if (contraction_probe_two_statements() != 0)
        return "across statements";
    if (contraction_probe_one_expression() != 0)
        return "within expressions";
    return "none";
}

inline std::string build_description()
{
    using arch = xsimd::default_arch;
    return compiler_name() + ", C++ " + std::to_string(__cplusplus) + ", xsimd " + xsimd_version() + ", arch " +
           arch::name() + " (fused fmadd: " + (squash::detail::has_fused_fma<arch> ? "yes" : "no") +
           "), a*b+c contraction: " + contraction_observed() + ", flags: " + SQUASH_TEST_FLAGS;
}

}  // namespace squash_test
