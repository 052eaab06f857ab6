// squash/detail/config.hpp: what every squash header needs first: the C++
// standard check, the name of the instruction-set namespace that keeps code
// compiled with different -march flags apart, SQUASH_INLINE, and the
// warnings squash's own code must not add to a user's build.
// SPDX-License-Identifier: MIT
#ifndef SQUASH_DETAIL_CONFIG_HPP
#define SQUASH_DETAIL_CONFIG_HPP

// One line for an older standard, not the errors of the headers that follow
// (each public header includes this first and stops when SQUASH_CXX17 is 0).
#if __cplusplus < 201703L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 201703L)
#error "squash needs C++17 or later: compile with -std=c++17 (or /std:c++17) or newer"
#define SQUASH_CXX17 0
#else
#define SQUASH_CXX17 1
#endif

// The kernels are a few dozen vector instructions each: inlined, the four
// batches of an unrolled loop interleave and hide each other's latency;
// left to the inliner's size heuristics, GCC emits calls and serializes them.
#if defined(__GNUC__) || defined(__clang__)
#define SQUASH_INLINE [[gnu::always_inline]] inline
#elif defined(_MSC_VER)
#define SQUASH_INLINE __forceinline
#else
#define SQUASH_INLINE inline
#endif

// Mixing -march flags in one program. All of squash lives in an inline
// namespace named after the instruction-set extensions this translation unit
// is compiled with (SQUASH_ISA_NAMESPACE below): a file built with -mavx512f
// and one built for the x86-64 baseline get differently named copies of every
// function, and the linker cannot hand the baseline file the AVX-512 one.
// ---------------------------------------------------------------------------
// SQUASH_ISA_NAMESPACE: an identifier naming the instruction-set extensions
// the compiler may use in this translation unit, from its predefined macros:
// isa_sse2 for -march=x86-64, isa_avx2_fma_bmi2 for -march=haswell or
// x86-64-v3, isa_avx512f_fma_bmi2_cd_dq_bw_vl for skylake-avx512 or
// x86-64-v4. A level (each implies the ones before it, with GCC, Clang and
// MSVC) followed by the extensions that do not follow from the level and
// change the code of vector loops. Extensions left out (MOVBE, LZCNT, F16C,
// POPCNT, AES, ...) come with every CPU that has the ones named (the x86-64
// micro-architecture levels bundle them), so two files whose names agree
// can share code safely.
#if defined(__AVX512F__)
#define SQUASH_ISA_LEVEL_ isa_avx512f
#elif defined(__AVX2__)
#define SQUASH_ISA_LEVEL_ isa_avx2
#elif defined(__AVX__)
#define SQUASH_ISA_LEVEL_ isa_avx
#elif defined(__SSE4_2__)
#define SQUASH_ISA_LEVEL_ isa_sse42
#elif defined(__SSE4_1__)
#define SQUASH_ISA_LEVEL_ isa_sse41
#elif defined(__SSSE3__)
#define SQUASH_ISA_LEVEL_ isa_ssse3
#elif defined(__SSE3__)
#define SQUASH_ISA_LEVEL_ isa_sse3
#elif defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#define SQUASH_ISA_LEVEL_ isa_sse2
#elif defined(__ARM_FEATURE_SVE)
#define SQUASH_ISA_LEVEL_ isa_sve
#elif defined(__ARM_NEON) || defined(_M_ARM64)
#define SQUASH_ISA_LEVEL_ isa_neon
#else
#define SQUASH_ISA_LEVEL_ isa_generic
#endif
// The extensions a level does not imply, one token each (empty if absent).
#if defined(__FMA__) || defined(__ARM_FEATURE_FMA)
#define SQUASH_ISA_FMA_ _fma
#else
#define SQUASH_ISA_FMA_
#endif
#if defined(__BMI2__)
#define SQUASH_ISA_BMI2_ _bmi2
#else
#define SQUASH_ISA_BMI2_
#endif
// The AVX-512 subsets, one token each (x86-64-v4 is _cd_dq_bw_vl).
#if defined(__AVX512CD__)
#define SQUASH_ISA_CD_ _cd
#else
#define SQUASH_ISA_CD_
#endif
#if defined(__AVX512DQ__)
#define SQUASH_ISA_DQ_ _dq
#else
#define SQUASH_ISA_DQ_
#endif
#if defined(__AVX512BW__)
#define SQUASH_ISA_BW_ _bw
#else
#define SQUASH_ISA_BW_
#endif
#if defined(__AVX512VL__)
#define SQUASH_ISA_VL_ _vl
#else
#define SQUASH_ISA_VL_
#endif
#if defined(__AVX512VBMI__)
#define SQUASH_ISA_VBMI_ _vbmi
#else
#define SQUASH_ISA_VBMI_
#endif
#if defined(__AVX512VBMI2__)
#define SQUASH_ISA_VBMI2_ _vbmi2
#else
#define SQUASH_ISA_VBMI2_
#endif
#if defined(__AVX512IFMA__)
#define SQUASH_ISA_IFMA_ _ifma
#else
#define SQUASH_ISA_IFMA_
#endif
#if defined(__AVX512VNNI__)
#define SQUASH_ISA_VNNI_ _vnni
#else
#define SQUASH_ISA_VNNI_
#endif
#if defined(__AVX512BITALG__)
#define SQUASH_ISA_BITALG_ _bitalg
#else
#define SQUASH_ISA_BITALG_
#endif
#if defined(__AVX512VPOPCNTDQ__)
#define SQUASH_ISA_VPOPCNTDQ_ _vpopcntdq
#else
#define SQUASH_ISA_VPOPCNTDQ_
#endif
#if defined(__AVX512BF16__)
#define SQUASH_ISA_BF16_ _bf16
#else
#define SQUASH_ISA_BF16_
#endif
#if defined(__AVX512FP16__)
#define SQUASH_ISA_FP16_ _fp16
#else
#define SQUASH_ISA_FP16_
#endif
// SQUASH_ISA_NAMESPACE_TAG (empty unless defined): appended to the name, for
// a compiled library that embeds squash and must keep its own copy of the
// code apart from its users' (who may build with other flags, -ffast-math
// say, or another squash version). squash::dispatch defines it.
#ifndef SQUASH_ISA_NAMESPACE_TAG
#define SQUASH_ISA_NAMESPACE_TAG
#endif
#define SQUASH_ISA_PASTE_(a, b) a##b
#define SQUASH_ISA_PASTE(a, b) SQUASH_ISA_PASTE_(a, b)
#define SQUASH_ISA_JOIN4(a, b, c, d) SQUASH_ISA_PASTE(SQUASH_ISA_PASTE(SQUASH_ISA_PASTE(a, b), c), d)
#define SQUASH_ISA_NAMESPACE                                                                                  \
    SQUASH_ISA_JOIN4(SQUASH_ISA_JOIN4(SQUASH_ISA_LEVEL_, SQUASH_ISA_FMA_, SQUASH_ISA_BMI2_, SQUASH_ISA_CD_),   \
                     SQUASH_ISA_JOIN4(SQUASH_ISA_DQ_, SQUASH_ISA_BW_, SQUASH_ISA_VL_, SQUASH_ISA_VBMI_),      \
                     SQUASH_ISA_JOIN4(SQUASH_ISA_VBMI2_, SQUASH_ISA_IFMA_, SQUASH_ISA_VNNI_, SQUASH_ISA_BITALG_), \
                     SQUASH_ISA_JOIN4(SQUASH_ISA_VPOPCNTDQ_, SQUASH_ISA_BF16_, SQUASH_ISA_FP16_, SQUASH_ISA_NAMESPACE_TAG))


// GCC 12 warns inside its own AVX-512 intrinsics (-Wuninitialized and
// -Wmaybe-uninitialized on the _mm512_undefined_* they pass through; GCC PR
// 105593, fixed in GCC 13) at the call sites in squash's headers, that is in
// the user's build. The warnings are about GCC's code, not squash's or the
// user's: they are switched off for squash's code only.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#define SQUASH_DIAGNOSTICS_PUSH_                                                                                   \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wuninitialized\"")                         \
        _Pragma("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
#define SQUASH_DIAGNOSTICS_POP_ _Pragma("GCC diagnostic pop")
#else
#define SQUASH_DIAGNOSTICS_PUSH_
#define SQUASH_DIAGNOSTICS_POP_
#endif

// Every squash header opens and closes its namespace with these.
#define SQUASH_NAMESPACE_BEGIN                                                                                     \
    SQUASH_DIAGNOSTICS_PUSH_ namespace squash {                                                                    \
    inline namespace SQUASH_ISA_NAMESPACE {
#define SQUASH_NAMESPACE_END                                                                                       \
    }                                                                                                              \
    }                                                                                                              \
    SQUASH_DIAGNOSTICS_POP_

#endif
