// Doubles cannot all be swept: a fixed pseudo-random sample (the same on
// every run and ISA) over the whole range and dense where the kernels change
// regime, each magnitude evaluated at +z and -z.
//
// The reference is long double (reference.hpp), not MPFR throughout: MPFR
// costs ~3 us a value, 15 CPU-minutes for 10^8 inputs and 3 functions,
// where expl costs ~30 ns. Nothing is lost by it: the long double value is
// within 2^-7 ulp (measured on every run against MPFR), and every result
// whose error lies within 2^-5 ulp of a counted threshold is decided by MPFR
// anyway, so the counts are exactly those an all-MPFR run would give; only
// the printed error values carry the 2^-7 ulp uncertainty.
#ifndef SQUASH_SWEEP_DOUBLE_SAMPLE_HPP
#define SQUASH_SWEEP_DOUBLE_SAMPLE_HPP

#include <cstdint>

#include "float_sweep.hpp"

namespace sweep {

sweep_result run_double_sample(implementation impl, std::uint64_t inputs, unsigned threads);

}  // namespace sweep

#endif
