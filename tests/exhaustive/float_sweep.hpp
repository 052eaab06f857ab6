// Every float (or, with --quick, a strided sample plus dense windows), each
// magnitude evaluated at +z and -z, all three functions.
#ifndef SQUASH_SWEEP_FLOAT_SWEEP_HPP
#define SQUASH_SWEEP_FLOAT_SWEEP_HPP

#include <cstdint>
#include <ctime>
#include <string>

#include "stats.hpp"

namespace sweep {

struct sweep_result {
    sweep_stats stats;
    std::uint64_t inputs = 0;  // per function
    double seconds = 0;      // wall clock
    double cpu_seconds = 0;  // all threads
    std::string coverage;
};

sweep_result run_float_sweep(implementation impl, bool quick, unsigned threads);

}  // namespace sweep

#endif
