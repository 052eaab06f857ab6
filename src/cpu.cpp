// src/cpu.cpp: the CPU-feature test behind squash::dispatch's choice, read
// from CPUID and XGETBV directly (the compilers' __builtin_cpu_supports do
// not all know every feature below). Built for the x86-64 baseline.
#include "cpu.hpp"

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#else
#include <cpuid.h>
#endif

namespace squash::dispatch_impl {
namespace {

struct cpuid_registers {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
};

// CPUID leaf `leaf`, sub-leaf `subleaf`; all zero if the leaf does not exist.
cpuid_registers cpuid(unsigned leaf, unsigned subleaf) noexcept
{
    cpuid_registers r;
#if defined(_MSC_VER) && !defined(__clang__)
    int out[4];
    __cpuid(out, static_cast<int>(leaf & 0x80000000u));
    if (static_cast<unsigned>(out[0]) < leaf)
        return r;
    __cpuidex(out, static_cast<int>(leaf), static_cast<int>(subleaf));
    r.eax = static_cast<unsigned>(out[0]);
    r.ebx = static_cast<unsigned>(out[1]);
    r.ecx = static_cast<unsigned>(out[2]);
    r.edx = static_cast<unsigned>(out[3]);
#else
    // GCC's __get_cpuid_max returns unsigned, Clang's int.
    if (static_cast<unsigned>(__get_cpuid_max(leaf & 0x80000000u, nullptr)) < leaf)
        return r;
    __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
#endif
    return r;
}

// XCR0: which register states the OS saves on a context switch. Only valid
// when CPUID says OSXSAVE.
unsigned long long xcr0() noexcept
{
#if defined(_MSC_VER) && !defined(__clang__)
    return _xgetbv(0);
#else
    unsigned lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (static_cast<unsigned long long>(hi) << 32) | lo;
#endif
}

constexpr bool bit(unsigned reg, int n) noexcept { return ((reg >> n) & 1u) != 0; }

// XCR0 bits (Intel SDM vol. 1, 13.1): 1 SSE (xmm), 2 AVX (upper ymm),
// 5 opmask k0-k7, 6 upper zmm0-15, 7 zmm16-31.
constexpr unsigned long long xcr0_ymm = 0x6;
constexpr unsigned long long xcr0_zmm = 0xe6;

}  // namespace

isa_level cpu_isa_level() noexcept
{
    cpuid_registers const leaf1 = cpuid(1, 0);
    cpuid_registers const leaf7 = cpuid(7, 0);
    cpuid_registers const ext1 = cpuid(0x80000001u, 0);
    unsigned long long const os_state = bit(leaf1.ecx, 27) ? xcr0() : 0;  // OSXSAVE

    // x86-64-v3 (leaf 1 ECX: 12 FMA, 22 MOVBE, 28 AVX, 29 F16C; leaf 7 EBX:
    // 3 BMI1, 5 AVX2, 8 BMI2; 0x80000001 ECX: 5 LZCNT) with ymm state on.
    bool const v3 = bit(leaf1.ecx, 12) && bit(leaf1.ecx, 22) && bit(leaf1.ecx, 28) && bit(leaf1.ecx, 29) &&
                    bit(leaf7.ebx, 3) && bit(leaf7.ebx, 5) && bit(leaf7.ebx, 8) && bit(ext1.ecx, 5) &&
                    (os_state & xcr0_ymm) == xcr0_ymm;
    // x86-64-v4 (leaf 7 EBX: 16 AVX512F, 17 DQ, 28 CD, 30 BW, 31 VL) with
    // zmm and opmask state on.
    bool const v4 = v3 && bit(leaf7.ebx, 16) && bit(leaf7.ebx, 17) && bit(leaf7.ebx, 28) && bit(leaf7.ebx, 30) &&
                    bit(leaf7.ebx, 31) && (os_state & xcr0_zmm) == xcr0_zmm;
    return v4 ? isa_level::avx512 : v3 ? isa_level::avx2 : isa_level::sse2;
}

}  // namespace squash::dispatch_impl
