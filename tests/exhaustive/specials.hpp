// Inputs whose results are fixed by the math: zeros, infinities, the largest
// and least subnormal magnitudes (correctly rounded results), NaN payloads.
#ifndef SQUASH_SWEEP_SPECIALS_HPP
#define SQUASH_SWEEP_SPECIALS_HPP

#include <string>
#include <vector>

#include "functions.hpp"

namespace sweep {

struct special_row {
    std::size_t function;  // index in tests/function_table.hpp
    std::string input;  // e.g. "-inf"
    double z;
    double expected;    // NaN: any NaN
    double got_range;   // the range form
    double got_scalar;  // the scalar form
    bool ok;
};

template <class T>
std::vector<special_row> run_specials(implementation impl);

}  // namespace sweep

#endif
