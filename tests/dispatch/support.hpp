// tests/dispatch/support.hpp: what the dispatch, mixed -march and
// xsimd::dispatch tests share: test inputs, bitwise comparison (from
// tests/reference.hpp), and this test's own reading of the CPU, independent
// of the library's (src/cpu.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "reference.hpp"

namespace dispatch_test {

using squash_test::canary;
using squash_test::reinterpret_bits;
using squash_test::same_bits;
using squash_test::same_result;
using squash_test::show;

// The instruction-set levels, as squash_dispatch_isa() names them.
enum class level { sse2 = 0, avx2 = 1, avx512 = 2 };
inline char const* const level_names[] = {"sse2", "avx2", "avx512"};

inline char const* name_of(level l) { return level_names[static_cast<int>(l)]; }

// What this CPU runs, from the compiler's feature test (not src/cpu.cpp):
// avx2 = AVX2 + FMA + BMI1/2 (x86-64-v3), avx512 = that + AVX-512 F, CD,
// DQ, BW, VL (x86-64-v4). Under valgrind, which decodes no AVX-512 and
// hides it from CPUID, this says avx2 at most.
inline level cpu_level()
{
    __builtin_cpu_init();
    bool const v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                    __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
    bool const v4 = v3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
                    __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw") &&
                    __builtin_cpu_supports("avx512vl");
    return v4 ? level::avx512 : v3 ? level::avx2 : level::sse2;
}

// Ordinary values, every special class, the saturation and underflow
// regions, and arbitrary bit patterns (NaNs with payloads, subnormals).
template <class T>
std::vector<T> mixed_inputs(std::size_t n, std::uint64_t seed)
{
    using lim = std::numeric_limits<T>;
    using bits = squash_test::ordinal_t<T>;
    T const specials[] = {T(0),           T(-0.0),           lim::infinity(),  -lim::infinity(), lim::quiet_NaN(),
                          -lim::quiet_NaN(), lim::signaling_NaN(), lim::max(),  lim::lowest(),    lim::min(),
                          -lim::min(),    lim::denorm_min(), -lim::denorm_min(), T(20),          T(-90),
                          T(1e-5),        T(-750),           T(0.25),          T(-0.25),         T(88.7)};
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<T> ordinary(-30, 30), wide(-800, 800);
    std::vector<T> z(n);
    for (auto& v : z) {
        switch (rng() % 6) {
        case 0: v = specials[rng() % (sizeof specials / sizeof specials[0])]; break;
        case 1: v = reinterpret_bits<T>(static_cast<bits>(rng())); break;
        case 2: v = wide(rng); break;
        default: v = ordinary(rng);
        }
    }
    return z;
}

// The first index where got and want differ (any NaN matches any NaN: a
// NaN's payload is not part of the contract across builds), or n.
template <class T>
std::size_t first_difference(T const* got, T const* want, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        if (!same_result(got[i], want[i]))
            return i;
    return n;
}

}  // namespace dispatch_test
