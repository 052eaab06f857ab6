// squash benchmarks: input values and output arrays.
#include "buffers.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace squash_bench {

char const* const input_description =
    "z uniform on [-10, 10] (splitmix64, fixed seed), except that elements i with i mod 64 < 6 hold the "
    "blog's six anchor points -5, -2, 0, 0.5, 2, 5 (9.4% of the elements)";

namespace {

constexpr double anchors[] = {-5.0, -2.0, 0.0, 0.5, 2.0, 5.0};

std::size_t elements = max_elements;

// splitmix64: a fixed, portable sequence, unlike std::uniform_real_distribution
// whose output differs between standard libraries.
std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

template <class T>
T* allocate()
{
    // aligned_alloc wants a multiple of the alignment
    std::size_t const bytes = (elements * sizeof(T) + 63) / 64 * 64;
    // 64 bytes: a cache line and an AVX-512 register, so no implementation
    // is favoured or hurt by where the arrays happen to start.
    void* p = std::aligned_alloc(64, bytes);
    if (p == nullptr)
        throw std::bad_alloc();
    std::memset(p, 0, bytes);
    return static_cast<T*>(p);
}

template <class T>
T* make_input()
{
    T* z = allocate<T>();
    std::uint64_t state = 20240601;
    for (std::size_t i = 0; i < elements; ++i) {
        if (i % 64 < 6) {
            z[i] = static_cast<T>(anchors[i % 64]);
        } else {
            double u = static_cast<double>(splitmix64(state) >> 11) * 0x1p-53;  // [0, 1)
            z[i] = static_cast<T>(-10.0 + 20.0 * u);
        }
    }
    return z;
}

}  // namespace

void set_array_elements(std::size_t n) { elements = n; }

// Never freed: they live as long as the benchmark process.
template <class T>
T const* input_array()
{
    static T const* const z = make_input<T>();
    return z;
}

template <class T>
T* output_array()
{
    static T* const out = allocate<T>();
    return out;
}

template float const* input_array<float>();
template double const* input_array<double>();
template float* output_array<float>();
template double* output_array<double>();

}  // namespace squash_bench
