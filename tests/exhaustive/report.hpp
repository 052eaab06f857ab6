// The bounds squash promises, the checks of a run against them, and the
// report (plain text or Markdown) of everything measured.
#ifndef SQUASH_SWEEP_REPORT_HPP
#define SQUASH_SWEEP_REPORT_HPP

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "float_sweep.hpp"
#include "specials.hpp"

namespace sweep {

struct run_description {
    std::string isa, flags, compiler, implementation, mode, command;
    unsigned threads = 1;
};

struct run_results {
    std::optional<sweep_result> floats, doubles;
    std::vector<special_row> float_specials, double_specials;
};

struct check {
    std::string what;
    bool passed;
};

std::vector<check> evaluate_checks(run_results const& results);

void print_report(std::FILE* out, run_description const& run, run_results const& results,
                  std::vector<check> const& checks, bool markdown);

}  // namespace sweep

#endif
