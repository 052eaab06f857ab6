#include "double_sample.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "chunk_checks.hpp"
#include "parallel.hpp"
#include "reference.hpp"

namespace sweep {

namespace {

constexpr std::size_t chunk_magnitudes = std::size_t(1) << 15;
constexpr std::uint64_t sign_bit = std::uint64_t(1) << 63;
constexpr std::size_t reference_checks_per_chunk = 32;

struct splitmix64 {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15u);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        return z ^ (z >> 31);
    }
    double unit() { return double(next() >> 11) * 0x1p-53; }  // [0, 1)
};

// Below this, e^-z and so sigma(-z) and sigma'(z) are subnormal doubles:
// z = 1022 ln 2.
constexpr double subnormal_output_edge = 708.39641853226410622;

std::uint64_t exponent_field(std::uint64_t e) { return e << 52; }

// Intervals of magnitudes a where some function's exact value at +a or -a
// lies in the top sixteenth of a binade, [15/16 2^j, 2^j): there a result's
// ulp is smallest against its value, so a kernel's relative error counts
// most in ulps, and where roundings pile up the error peaks in narrow
// bands of z that uniform points miss (fast::silu_grad in double without
// FMA reached 4.54 ulps near z = -3.78, at -0.967 2^-4, while 10^7 random
// doubles found 3.89). Found on a grid of step 2^-12 over [2^-6, 40]
// (a band of value 1/16 is then at least 2^-10 wide, the relative slope
// |f'/f| being at most about max(1, 1/a), except within 1/64 of silu_grad's
// zero z0 = -1.278, where the bands narrow below the grid step and are
// missed or merged), each interval widened by one grid step on both sides.
struct interval {
    double lo, hi;
};

bool in_binade_top(long double v)
{
    if (!(std::fabs(v) > 0) || !std::isfinite(v))
        return false;
    int exponent;
    auto fraction = std::frexp(std::fabs(v), &exponent);  // in [1/2, 1)
    return fraction >= 0.9375L;  // v in [15/16 2^exponent, 2^exponent)
}

std::vector<interval> binade_tops()
{
    constexpr double step = 0x1p-12, first = 0x1p-6, last = 40;
    constexpr std::size_t values = sizeof(reference_pair<long double>) / sizeof(long double);
    std::vector<interval> found;
    std::array<double, values> open;  // start of the run each value is in, or NaN
    open.fill(std::numeric_limits<double>::quiet_NaN());
    for (double a = first; a <= last + step; a += step) {
        auto r = reference_values<long double>(a);
        long double v[values];
        std::memcpy(v, &r, sizeof r);
        for (std::size_t f = 0; f < values; ++f) {
            bool top = a <= last && in_binade_top(v[f]);
            if (top && std::isnan(open[f]))
                open[f] = a;
            if (!top && !std::isnan(open[f])) {
                found.push_back({std::max(0.0, open[f] - step), a});
                open[f] = std::numeric_limits<double>::quiet_NaN();
            }
        }
    }
    return found;
}

// A magnitude (sign bit clear) from one of the regions, in about these
// shares: 30% random bit patterns (every binade up to 1.8e308, NaN and inf
// among them), 10% random binades below 2^10 (subnormals included), 10%
// binades 2^-60..2^2 (near 0), 10% uniform in [0, 40), 10% [36, 40) where
// sigma and sigma2 round to 1, 10% [700, 746) where sigma(-z), sigma' are
// subnormal and vanish, 10% within 2^20 ulps of 1022 ln 2, 10% uniform in
// one of the binade tops (binade_tops, each equally likely).
std::uint64_t draw_magnitude(splitmix64& g, std::vector<interval> const& tops)
{
    auto mantissa = g.next() >> 12;
    switch (g.next() % 10) {
    case 0:
    case 1:
    case 2: return g.next() & ~sign_bit;
    case 3: {
        auto const& top = tops[g.next() % tops.size()];
        return std::bit_cast<std::uint64_t>(top.lo + (top.hi - top.lo) * g.unit());
    }
    case 4: return exponent_field(g.next() % (1023 + 10)) | mantissa;
    case 5: return exponent_field(1023 - 60 + g.next() % 63) | mantissa;
    case 6: return std::bit_cast<std::uint64_t>(40 * g.unit());
    case 7: return std::bit_cast<std::uint64_t>(36 + 4 * g.unit());
    case 8: return std::bit_cast<std::uint64_t>(700 + 46 * g.unit());
    default:
        return std::bit_cast<std::uint64_t>(subnormal_output_edge) + (g.next() % (std::uint64_t(1) << 21)) -
               (std::uint64_t(1) << 20);
    }
}

struct thread_state {
    sweep_stats stats;
    std::vector<std::uint64_t> bits;
    chunk_buffers<double> chunk;
};

void process_chunk(std::size_t chunk_index, std::size_t n, implementation impl, std::vector<interval> const& tops,
                   thread_state& state)
{
    splitmix64 g{0x5eed0000u + chunk_index};
    state.bits.resize(n);
    for (auto& b : state.bits)
        b = draw_magnitude(g, tops);
    // Sorted (bit order is value order for magnitudes; NaN last) so
    // neighbours can be checked for monotonicity.
    std::sort(state.bits.begin(), state.bits.end());
    auto& chunk = state.chunk;
    chunk.fill(n, [&](std::size_t i) { return std::bit_cast<double>(state.bits[i]); });
    chunk.evaluate_all(impl);

    // Neighbours within the chunk only: chunks are independent samples.
    chunk_ends<double> chain;
    std::size_t const stride = n / reference_checks_per_chunk + 1;
    check_chunk<long double>(chunk, state.stats, chain, [&](std::size_t i) { return i % stride == 0; });
}

}  // namespace

sweep_result run_double_sample(implementation impl, std::uint64_t inputs, unsigned threads)
{
    auto start = std::chrono::steady_clock::now();
    auto cpu_start = std::clock();
    std::uint64_t magnitudes = (inputs + 1) / 2;
    std::size_t chunks = std::size_t((magnitudes + chunk_magnitudes - 1) / chunk_magnitudes);
    auto const tops = binade_tops();
    auto states = run_parallel<thread_state>(threads, chunks, [&](std::size_t chunk, thread_state& state) {
        std::size_t n = std::size_t(std::min<std::uint64_t>(chunk_magnitudes, magnitudes - chunk * chunk_magnitudes));
        process_chunk(chunk, n, impl, tops, state);
    });
    sweep_result result;
    for (auto const& state : states)
        merge(result.stats, state.stats);
    result.inputs = 2 * magnitudes;
    result.coverage = "pseudo-random magnitudes at +z and -z: ~30% random bit patterns, ~10% each of random binades "
                      "below 2^10, binades 2^-60..2^2, [0,40), [36,40), [700,746), within 2^20 ulps of 1022 ln 2, "
                      "and the " + std::to_string(tops.size()) + " intervals of [2^-6, 40] where a function's value "
                      "lies in the top sixteenth of a binade; monotonicity checked between neighbours of each sorted "
                      "chunk of 32768";
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.cpu_seconds = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    return result;
}

}  // namespace sweep
