// squash benchmarks: the input sets and the shared arrays (see inputs.hpp).
#include "inputs.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <new>
#include <string>

namespace squash_bench {

std::uint64_t random_stream::next_bits()
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

namespace {

constexpr std::size_t Ki = std::size_t(1) << 10;
constexpr std::size_t Mi = std::size_t(1) << 20;

// The blog's six anchor points: 6 of every 64 elements of the main set, so
// every array size sees the same mix.
constexpr double anchors[] = {-5.0, -2.0, 0.0, 0.5, 2.0, 5.0};
constexpr std::size_t anchor_period = 64;

double uniform10_with_anchors(std::size_t i, random_stream& random)
{
    if (i % anchor_period < std::size(anchors))
        return anchors[i % anchor_period];
    return -10.0 + 20.0 * random.next_unit();
}

double uniform100(std::size_t, random_stream& random) { return -100.0 + 200.0 * random.next_unit(); }

// Masked logits (attention masks, excluded classes): every other element is
// masked, as -inf or as the finite stand-in -1e4 (a random choice of the
// two), the others uniform on [-10, 10]. Interleaved, so every SIMD register
// holds both kinds: a kernel cannot skip the large ones as a block.
constexpr double mask_stand_in = -1e4;
double masked(std::size_t i, random_stream& random)
{
    if (i % 2 == 1)
        return -10.0 + 20.0 * random.next_unit();
    return (random.next_bits() & 1) != 0 ? -std::numeric_limits<double>::infinity() : mask_stand_in;
}

std::size_t cap = std::numeric_limits<std::size_t>::max();

std::size_t capped(std::size_t n) { return n < cap ? n : cap; }

template <class T>
T* allocate(std::size_t elements)
{
    // 64 bytes: a cache line and an AVX-512 register, so no implementation
    // is favoured or hurt by where the arrays happen to start. aligned_alloc
    // wants a multiple of the alignment.
    std::size_t const bytes = (elements * sizeof(T) + 63) / 64 * 64;
    void* p = std::aligned_alloc(64, bytes);
    if (p == nullptr)
        throw std::bad_alloc();
    std::memset(p, 0, bytes);
    return static_cast<T*>(p);
}

constexpr std::uint64_t z_seed = 20240601;
constexpr std::uint64_t dy_seed = 20241107;

}  // namespace

std::vector<input_set> const& input_sets()
{
    static std::vector<input_set> const sets = {
        {"u10",
         "z uniform on [-10, 10], except that elements i with i mod 64 < 6 hold the blog's six anchor points "
         "-5, -2, 0, 0.5, 2, 5 (9.4% of the elements)",
         {1 * Ki, 4 * Ki, 16 * Ki, 64 * Ki, 256 * Ki, 1 * Mi, 4 * Mi, 16 * Mi},
         {1 * Ki, 16 * Ki, 1 * Mi, 16 * Mi},
         uniform10_with_anchors},
        {"u100", "z uniform on [-100, 100]", {16 * Ki}, {16 * Ki}, uniform100},
        {"masked",
         "masked logits: odd elements uniform on [-10, 10]; even elements -inf or -1e4 (a random choice of the "
         "two, about a quarter of the array each)",
         {16 * Ki},
         {16 * Ki},
         masked},
    };
    return sets;
}

std::size_t largest_size(input_set const& set)
{
    std::size_t n = 0;
    for (std::size_t s : set.sizes)
        n = s > n ? s : n;
    return capped(n);
}

std::size_t largest_size()
{
    std::size_t n = 0;
    for (auto const& set : input_sets()) {
        std::size_t m = largest_size(set);
        n = m > n ? m : n;
    }
    return n;
}

void set_array_elements(std::size_t n) { cap = n; }

// The arrays are never freed: they live as long as the benchmark process.
template <class T>
T const* z_array(input_set const& set)
{
    static std::map<std::string, T*> arrays;
    T*& z = arrays[set.name];
    if (z == nullptr) {
        std::size_t const n = largest_size(set);
        z = allocate<T>(n);
        random_stream random{z_seed};
        for (std::size_t i = 0; i < n; ++i)
            z[i] = static_cast<T>(set.value(i, random));
    }
    return z;
}

template <class T>
T const* dy_array()
{
    static T const* const dy = [] {
        std::size_t const n = largest_size();
        T* a = allocate<T>(n);
        random_stream random{dy_seed};
        for (std::size_t i = 0; i < n; ++i)
            a[i] = static_cast<T>(-1.0 + 2.0 * random.next_unit());
        return a;
    }();
    return dy;
}

template <class T>
T const* y_array(input_set const& set, function_info const& f, std::size_t n)
{
    // The long double reference is slow (seconds for 16 Mi elements), so only
    // the prefix asked for so far is computed: a process that runs a few
    // rows (bench/compare's focused reruns) starts in about 2 s, not 6.
    struct computed {
        T* y = nullptr;
        std::size_t done = 0;
    };
    static std::map<std::string, computed> arrays;
    computed& a = arrays[std::string(set.name) + "/" + f.name];
    if (a.y == nullptr)
        a.y = allocate<T>(largest_size(set));
    n = std::min(n, largest_size(set));
    T const* z = z_array<T>(set);
    for (; a.done < n; ++a.done)
        a.y[a.done] = static_cast<T>(f.companion(z[a.done]));
    return a.y;
}

template <class T>
T* output_array()
{
    static T* const out = allocate<T>(largest_size());
    return out;
}

template <class T>
T* output2_array()
{
    static T* const out = allocate<T>(largest_size());
    return out;
}

template float const* z_array<float>(input_set const&);
template double const* z_array<double>(input_set const&);
template float const* dy_array<float>();
template double const* dy_array<double>();
template float const* y_array<float>(input_set const&, function_info const&, std::size_t);
template double const* y_array<double>(input_set const&, function_info const&, std::size_t);
template float* output_array<float>();
template double* output_array<double>();
template float* output2_array<float>();
template double* output2_array<double>();

}  // namespace squash_bench
