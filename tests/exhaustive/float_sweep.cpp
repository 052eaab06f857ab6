#include "float_sweep.hpp"

#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <vector>

#include "chunk_checks.hpp"
#include "parallel.hpp"
#include "reference.hpp"

namespace sweep {

namespace {

constexpr std::size_t chunk_size = std::size_t(1) << 16;
constexpr std::uint32_t sign_bit = 0x80000000u;

// Magnitudes with bits first, first + stride, ...: in increasing order of
// value (NaN patterns, if any, last), so each segment is one ordered chain
// for the monotonicity checks.
struct segment {
    std::uint32_t first;
    std::uint32_t count;
    std::uint32_t stride;
};

// --quick: every 16th pattern, plus all patterns in windows of 2^20 around
// where the kernels change regime: the subnormal inputs, the least normal,
// z ~ 2^-24 (sigma leaves 0.5), z ~ 1, z ~ 17 (sigma and sigma2 saturate),
// z ~ 87 (sigma(-z), sigma' become subnormal), z ~ 103.5 (they reach 0),
// and the turning points of silu (1.2785) and silu' (2.3994).
std::vector<segment> segments_for(bool quick)
{
    if (!quick)
        return {{0, sign_bit, 1}};
    std::vector<segment> list{{0, sign_bit / 16, 16}};
    constexpr std::uint32_t window = 1u << 20;
    for (float center : {0.0f, std::numeric_limits<float>::min(), 0x1p-24f, 1.0f, 1.2785f, 2.3994f, 17.0f, 87.3f,
                         103.5f}) {
        auto bits = std::bit_cast<std::uint32_t>(center);
        list.push_back({bits < window / 2 ? 0 : bits - window / 2, window, 1});
    }
    return list;
}

struct work_item {
    std::size_t segment;
    std::size_t chunk;
};

struct thread_state {
    sweep_stats stats;
    chunk_buffers<float> chunk;
};

void process_chunk(segment const& seg, std::size_t chunk_index, implementation impl, thread_state& state,
                   chunk_ends<float>& ends)
{
    std::size_t begin = chunk_index * chunk_size;
    std::size_t n = std::min<std::size_t>(chunk_size, seg.count - begin);
    auto& chunk = state.chunk;
    chunk.fill(n, [&](std::size_t i) { return std::bit_cast<float>(seg.first + std::uint32_t(begin + i) * seg.stride); });
    chunk.evaluate_all(impl);

    // One element per chunk is also checked against MPFR.
    std::size_t const checked = (chunk_index * 7919) % n;
    check_chunk<double>(chunk, state.stats, ends, [&](std::size_t i) { return i == checked; });
}

}  // namespace

sweep_result run_float_sweep(implementation impl, bool quick, unsigned threads)
{
    auto start = std::chrono::steady_clock::now();
    auto cpu_start = std::clock();
    auto segments = segments_for(quick);
    std::vector<work_item> items;
    std::vector<std::size_t> first_item_of_segment;
    sweep_result result;
    for (std::size_t s = 0; s < segments.size(); ++s) {
        first_item_of_segment.push_back(items.size());
        std::size_t chunks = (segments[s].count + chunk_size - 1) / chunk_size;
        for (std::size_t c = 0; c < chunks; ++c)
            items.push_back({s, c});
        result.inputs += 2 * std::uint64_t(segments[s].count);
    }
    std::vector<chunk_ends<float>> ends(items.size());
    auto states = run_parallel<thread_state>(threads, items.size(), [&](std::size_t item, thread_state& state) {
        process_chunk(segments[items[item].segment], items[item].chunk, impl, state, ends[item]);
    });
    for (auto const& state : states)
        merge(result.stats, state.stats);

    // The chains continue across chunk boundaries within a segment.
    for (std::size_t item = 1; item < items.size(); ++item) {
        if (items[item].segment != items[item - 1].segment)
            continue;
        for (std::size_t k = 0; k < function_count; ++k)
            for (int side = 0; side < 2 && selected(k); ++side) {
                auto const& left = ends[item - 1][k][side];
                auto const& right = ends[item][k][side];
                auto before = left.last, after = right.first;
                if (!std::isnan(before) && !std::isnan(after) &&
                    comparable<float>(math_of(k), side, double(left.last_input), double(right.first_input)) &&
                    out_of_order(falls(math_of(k), side, double(right.first_input)), before, after) &&
                    !count_step_back(result.stats[k].properties, k, side, before, after)) {
                    auto const& seg = segments[items[item].segment];
                    auto bits = seg.first + std::uint32_t(items[item].chunk * chunk_size) * seg.stride;
                    result.stats[k].properties.note_violation(
                        double(std::bit_cast<float>(side ? bits | sign_bit : bits)));
                }
            }
    }
    result.coverage = quick ? "every 16th bit pattern of each sign (2^28 inputs) plus every pattern in 9 windows "
                              "of 2^20 magnitudes (both signs) around 0, the least normal, 2^-24, 1, 1.2785, 2.3994, 17, 87.3, "
                              "103.5"
                            : "all 2^32 bit patterns";
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.cpu_seconds = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    return result;
}

}  // namespace sweep
