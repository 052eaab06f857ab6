// squash benchmarks: the input sets and the arrays every implementation
// shares.
//
// An input set is a way of filling the input array z (benchmark names carry
// its name: function/type/implementation/<set>/elements) and the array sizes
// it is timed at. [-10, 10] is timed at every size; the other two sets only
// where issue 11's "no cliff" targets compare them (16 Ki), which keeps
// bench/compare's run time reasonable. Add a size or a set in inputs.cpp.
#ifndef SQUASH_BENCH_INPUTS_HPP
#define SQUASH_BENCH_INPUTS_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "functions.hpp"

namespace squash_bench {

// splitmix64: a fixed, portable sequence, unlike std::uniform_real_distribution
// whose output differs between standard libraries.
struct random_stream {
    std::uint64_t state;
    std::uint64_t next_bits();
    double next_unit() { return static_cast<double>(next_bits() >> 11) * 0x1p-53; }  // uniform on [0, 1)
};

struct input_set {
    char const* name;         // u10, u100, masked
    char const* description;  // for the report
    std::vector<std::size_t> sizes;
    // the sizes for functions not timed at every size (functions.hpp)
    std::vector<std::size_t> reduced_sizes;
    // element i of the set, drawing from `random` as it needs
    double (*value)(std::size_t i, random_stream& random);
};

// The sets, the first one the main one (every size; the only one memcpy
// and the charts use).
std::vector<input_set> const& input_sets();

// The largest array of one set, and of all sets (both after the cap below).
std::size_t largest_size(input_set const& set);
std::size_t largest_size();

// Caps every array at n elements (instruction counting under valgrind
// needs only a few thousand). Call before the first array is used.
void set_array_elements(std::size_t n);

// The arrays, 64-byte aligned, every page touched when first asked for (so
// no page fault lands in a timed loop), allocated on first use and kept for
// the life of the process. Each holds the set's largest size; a benchmark of
// n elements uses the first n, so every implementation reads the same values.
template <class T>
T const* z_array(input_set const& set);
// dy of the backward functions: uniform on [-1, 1], the same for every set.
template <class T>
T const* dy_array();
// The forward output y = f.companion(z) that f's backward form takes,
// computed in long double and rounded to T; its first n elements (at least)
// are computed when it returns.
template <class T>
T const* y_array(input_set const& set, function_info const& f, std::size_t n);
// The output array, and the second output of two-output functions.
template <class T>
T* output_array();
template <class T>
T* output2_array();

}  // namespace squash_bench

#endif
