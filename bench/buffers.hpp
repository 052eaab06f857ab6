// squash benchmarks: the input and output arrays every implementation shares.
#ifndef SQUASH_BENCH_BUFFERS_HPP
#define SQUASH_BENCH_BUFFERS_HPP

#include <cstddef>

namespace squash_bench {

// The largest array any benchmark uses. One input and one output array of
// this size per element type are allocated on first use; a benchmark of n
// elements uses their first n, so every implementation reads the same
// values. Every block of 64 inputs mixes the same way (6 anchor points, 58
// uniform values; see buffers.cpp), so every size sees the same mix.
inline constexpr std::size_t max_elements = std::size_t(1) << 24;

// Shrinks the arrays below max_elements (instruction counting under valgrind
// needs only a few thousand elements). Call before the first array is used.
void set_array_elements(std::size_t n);

// The input values (read-only) and the output array, 64-byte aligned, with
// every page already touched so no page fault lands in a timed loop.
template <class T>
T const* input_array();
template <class T>
T* output_array();

// What the inputs are, for the benchmark context and the report.
extern char const* const input_description;

}  // namespace squash_bench

#endif
