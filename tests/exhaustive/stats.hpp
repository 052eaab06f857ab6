// What a sweep accumulates per function: the error distribution (with the
// worst inputs) and the property checks. Each thread fills its own copy;
// merge() combines them, in any order, to the same result.
#ifndef SQUASH_SWEEP_STATS_HPP
#define SQUASH_SWEEP_STATS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "functions.hpp"
#include "mpfr_oracle.hpp"
#include "ulp.hpp"

namespace sweep {

struct worst_case {
    double error = -1;  // ulps
    double z = 0;
    double got = 0;
    long double exact = 0;
};

// Largest error first; ties go to the smaller |z|, then the smaller z, so the
// reported input does not depend on how the threads shared the work.
inline bool worse(worst_case const& a, worst_case const& b)
{
    if (a.error != b.error)
        return a.error > b.error;
    if (std::fabs(a.z) != std::fabs(b.z))
        return std::fabs(a.z) < std::fabs(b.z);
    return a.z < b.z;
}

struct error_stats {
    static constexpr std::size_t kept = 5;
    std::uint64_t evaluated = 0;
    std::array<std::uint64_t, thresholds.size()> over{};  // error > thresholds[i]
    std::uint64_t oracle_calls = 0;
    std::uint64_t undecided = 0;  // MPFR at 1024 bits could not tell (counted as over)
    std::uint64_t reference_checks = 0;
    double reference_check_max = 0;  // ulps between the fast reference and MPFR
    std::array<worst_case, kept> worst{};

    void consider(worst_case const& c)
    {
        if (!worse(c, worst[kept - 1]))
            return;
        std::size_t i = kept - 1;
        for (; i > 0 && worse(c, worst[i - 1]); --i)
            worst[i] = worst[i - 1];
        worst[i] = c;
    }

    void merge(error_stats const& o)
    {
        evaluated += o.evaluated;
        for (std::size_t i = 0; i < over.size(); ++i)
            over[i] += o.over[i];
        oracle_calls += o.oracle_calls;
        undecided += o.undecided;
        reference_checks += o.reference_checks;
        reference_check_max = std::max(reference_check_max, o.reference_check_max);
        for (auto const& c : o.worst)
            if (c.error >= 0)
                consider(c);
    }

    // One result: its error from the fast reference, and MPFR's verdict where
    // the fast one is within its own error of a threshold, or where the exact
    // value may lie in the neighbouring binade (spacing twice or half).
    template <class T, class W>
    void record(fn f, T z, T got, W exact)
    {
        ++evaluated;
        W error = ulp_error<T>(got, exact);
        constexpr double window = decision_window<T, W>;
        // Below 0.25 even a spacing off by 2 cannot lift the error to 0.5.
        bool edge = error >= 0.25 - window && near_binade_edge<T>(exact);
        if (error < 0.5 - window && !edge) {
            if (error > worst[kept - 1].error)
                consider({double(error), double(z), double(got), exact});
            return;
        }
        bool ask = edge;
        for (double t : thresholds)
            ask = ask || std::fabs(double(error) - t) <= window;
        double estimate = double(error);
        if (ask) {
            ++oracle_calls;
            auto verdict = decide_error(f, z, got);
            if (verdict.decided) {
                estimate = verdict.estimate;
                for (std::size_t i = 0; i < thresholds.size(); ++i)
                    over[i] += verdict.exceeds[i];
            } else {
                ++undecided;
                for (std::size_t i = 0; i < thresholds.size(); ++i)
                    over[i] += double(error) + window > thresholds[i];
            }
        } else {
            for (std::size_t i = 0; i < thresholds.size(); ++i)
                over[i] += double(error) > thresholds[i];
        }
        consider({estimate, double(z), double(got), exact});
    }
};

struct property_stats {
    // sigmoid, bipolar_sigmoid: non-decreasing over all non-NaN inputs in
    // order. sigmoid_grad: non-increasing in |z|, over the positive inputs
    // here and the negative ones in monotonicity_negative.
    std::uint64_t monotonicity = 0;
    std::uint64_t monotonicity_negative = 0;
    // Steps back within the function's order_slack_ulps (not violations).
    std::uint64_t steps_back_within_slack = 0;
    std::uint64_t symmetry = 0;  // sigma'(-z) != sigma'(z), sigma2(-z) != -sigma2(z), bitwise
    std::uint64_t range = 0;     // outside [0,1], [0,0.25], [-1,1], or NaN for a non-NaN input
    std::uint64_t nan_inputs = 0;
    std::uint64_t nan_outputs = 0;  // of those, how many gave NaN
    std::uint64_t flushed = 0;      // +0 for an exact value below the normal range (flushing functions)
    double first_violation = std::nan("");  // an input where some property failed

    void note_violation(double z)
    {
        if (std::isnan(first_violation) || std::fabs(z) < std::fabs(first_violation))
            first_violation = z;
    }

    void merge(property_stats const& o)
    {
        monotonicity += o.monotonicity;
        monotonicity_negative += o.monotonicity_negative;
        steps_back_within_slack += o.steps_back_within_slack;
        symmetry += o.symmetry;
        range += o.range;
        nan_inputs += o.nan_inputs;
        nan_outputs += o.nan_outputs;
        flushed += o.flushed;
        if (!std::isnan(o.first_violation))
            note_violation(o.first_violation);
    }
};

struct function_stats {
    error_stats errors;
    property_stats properties;
    void merge(function_stats const& o)
    {
        errors.merge(o.errors);
        properties.merge(o.properties);
    }
};

using sweep_stats = std::array<function_stats, function_count>;

inline void merge(sweep_stats& into, sweep_stats const& from)
{
    for (std::size_t i = 0; i < into.size(); ++i)
        into[i].merge(from[i]);
}

// The value range each function must stay in (tests/function_table.hpp).
template <class T>
bool in_range(fn f, T v)
{
    auto const& m = squash_test::info(f);
    return v >= T(m.lowest) && v <= T(m.highest);
}

}  // namespace sweep

#endif
