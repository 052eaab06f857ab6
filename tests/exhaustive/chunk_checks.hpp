// What the float sweep and the double sample do with each chunk of inputs:
// a chunk is n ascending magnitudes a (bit order is value order for them,
// NaN patterns last), evaluated at +a (side 0) and -a (side 1) by every
// function through its range form. Each input is then checked for its error,
// its range, its order along the chain of inputs, and symmetry.
#ifndef SQUASH_SWEEP_CHUNK_CHECKS_HPP
#define SQUASH_SWEEP_CHUNK_CHECKS_HPP

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "functions.hpp"
#include "reference.hpp"
#include "stats.hpp"

namespace sweep {

template <class T>
struct chunk_buffers {
    std::array<std::vector<T>, 2> in;                                // +a, -a
    std::array<std::array<std::vector<T>, 2>, function_count> out;  // [function][side]

    // Sizes the buffers for n magnitudes; magnitude(i) gives the i-th one.
    template <class Magnitude>
    void fill(std::size_t n, Magnitude magnitude)
    {
        for (auto& v : in)
            v.resize(n);
        for (auto& per_sign : out)
            for (auto& v : per_sign)
                v.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            in[0][i] = magnitude(i);
            in[1][i] = -in[0][i];
        }
    }

    void evaluate_all(implementation impl)
    {
        for (std::size_t k = 0; k < function_count; ++k)
            if (selected(k))
                for (int side = 0; side < 2; ++side)
                    evaluate(impl, k, in[side], out[k][side]);
    }
};

// Rising functions (sigma, sigma2) rise on the positive side over increasing
// magnitudes and fall on the negative one; an even peak (sigma') falls on
// both. A piecewise function (silu, silu') turns: the chain of magnitudes a
// falls where f falls at z = a (side 0), or rises at z = -a (side 1).
inline bool falls(fn f, int side, double a)
{
    auto const& m = squash_test::info(f);
    if (m.kind != shape::piecewise)
        return shape_of(f) == shape::even_peak || side == 1;
    bool const f_falls = squash_test::falls_at(m, side ? -a : a);
    return side ? !f_falls : f_falls;
}

// Whether two inputs of a chain (magnitudes before < after) may be compared:
// on one monotonic piece, neither in the flat stretch around a turning point.
template <class T>
bool comparable(fn f, int side, double before, double after)
{
    auto const& m = squash_test::info(f);
    if (m.kind != shape::piecewise)
        return true;
    double const sign = side ? -1 : 1;
    return squash_test::piece_of(m, sign * before) == squash_test::piece_of(m, sign * after) &&
           !squash_test::near_turn<T>(m, sign * before) && !squash_test::near_turn<T>(m, sign * after);
}

// How many ulps function k's result may step back (tests/function_table.hpp).
template <class T>
unsigned order_slack(std::size_t k)
{
    return sizeof(T) == 4 ? entry(k).order_slack_float : entry(k).order_slack_double;
}

// The spacing of T at y: the distance to the next value away from zero. A
// step back is measured in the spacing at the larger of the two results.
template <class T>
T ulp_of(T y)
{
    T const a = std::fabs(y);
    return std::nextafter(a, std::numeric_limits<T>::infinity()) - a;
}

template <class T>
bool out_of_order(bool falling, T before, T after)
{
    return falling ? after > before : after < before;
}

inline void count_order_violation(property_stats& p, fn f, int side)
{
    if (shape_of(f) == shape::even_peak && side == 1)
        ++p.monotonicity_negative;
    else
        ++p.monotonicity;
}

// A result out of order after its neighbour's: a step back within function
// k's slack (true), or a violation (false), counted either way.
template <class T>
bool count_step_back(property_stats& p, std::size_t k, int side, T before, T after)
{
    T const larger = std::max(std::fabs(before), std::fabs(after));
    if (std::fabs(double(after) - double(before)) <= double(order_slack<T>(k)) * double(ulp_of(larger))) {
        ++p.steps_back_within_slack;
        return true;
    }
    count_order_violation(p, math_of(k), side);
    return false;
}

// The first and last output of a chain, per side: a chunk's, so that chains
// can be checked across chunk boundaries afterwards.
template <class T>
struct chain_ends {
    T first = std::numeric_limits<T>::quiet_NaN();
    T last = std::numeric_limits<T>::quiet_NaN();
    T first_input = 0, last_input = 0;  // their magnitudes
};

template <class T>
using chunk_ends = std::array<std::array<chain_ends<T>, 2>, function_count>;

// NaN in must give NaN out; the chain skips NaN inputs.
template <class T>
void count_nan_input(sweep_stats& stats, chunk_buffers<T> const& chunk, std::size_t i)
{
    for (std::size_t k = 0; k < function_count; ++k)
        for (int side = 0; side < 2 && selected(k); ++side) {
            ++stats[k].properties.nan_inputs;
            stats[k].properties.nan_outputs += std::isnan(chunk.out[k][side][i]);
        }
}

// Function k at input i of the chunk (magnitude a, not NaN), against the
// reference values exact[side]: error, range, order after the previous input
// of the chain (none if `first`), oddness or evenness, and sigma(-0) <=
// sigma(+0) where the two chains meet.
template <class T, class W>
void check_input(std::size_t k, chunk_buffers<T> const& chunk, std::size_t i, W const (&exact)[2],
                 function_stats& stats, std::array<chain_ends<T>, 2>& chain, bool first)
{
    using bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    fn const f = math_of(k);
    T const a = chunk.in[0][i];
    T const z[2] = {a, -a};
    T const got[2] = {chunk.out[k][0][i], chunk.out[k][1][i]};
    bool const may_flush = entry(k).below_normal == squash_test::subnormals::flushed;
    for (int side = 0; side < 2; ++side) {
        // A flushing function (the fast tier) owes a zero of the exact
        // value's sign below the normal range.
        if (may_flush && std::fabs(exact[side]) < W(std::numeric_limits<T>::min()) &&
            std::bit_cast<bits>(got[side]) == (std::signbit(exact[side]) ? std::bit_cast<bits>(T(-0.0)) : bits(0)))
            ++stats.properties.flushed;
        else
            stats.errors.record(f, z[side], got[side], exact[side]);
        if (!in_range(f, got[side])) {
            ++stats.properties.range;
            stats.properties.note_violation(double(z[side]));
        }
        auto& end = chain[side];
        if (first) {
            end.first = got[side];
            end.first_input = a;
        } else if (comparable<T>(f, side, double(end.last_input), double(a)) &&
                   out_of_order(falls(f, side, double(a)), end.last, got[side])) {
            if (!count_step_back<T>(stats.properties, k, side, end.last, got[side]))
                stats.properties.note_violation(double(z[side]));
        }
        end.last = got[side];
        end.last_input = a;
    }
    bool symmetric = true;
    if (shape_of(f) == shape::even_peak)
        symmetric = std::bit_cast<bits>(got[1]) == std::bit_cast<bits>(got[0]);
    else if (shape_of(f) == shape::odd_increasing)
        symmetric = std::bit_cast<bits>(got[1]) == std::bit_cast<bits>(T(-got[0]));
    if (!symmetric) {
        ++stats.properties.symmetry;
        stats.properties.note_violation(double(a));
    }
    if (a == 0 && shape_of(f) != shape::even_peak && got[1] > got[0]) {
        ++stats.properties.monotonicity;
        stats.properties.note_violation(double(a));
    }
}

// Every input of an evaluated chunk: NaN counting, or check_input against
// the fast reference in precision W (double for float inputs, long double
// for double). Where cross_check(i) holds, the fast reference itself is
// compared with MPFR, to measure its error instead of assuming it.
template <class W, class T, class CrossCheck>
void check_chunk(chunk_buffers<T> const& chunk, sweep_stats& stats, chunk_ends<T>& ends, CrossCheck cross_check)
{
    bool first = true;
    for (std::size_t i = 0; i < chunk.in[0].size(); ++i) {
        T const a = chunk.in[0][i];
        if (std::isnan(a)) {
            count_nan_input(stats, chunk, i);
            continue;
        }
        auto const ref = reference_values<W>(W(a));
        // In the order of squash_test::math_function.
        W const exact_by_math[][2] = {{ref.sigmoid_pos, ref.sigmoid_neg},     {ref.grad, ref.grad},
                                      {ref.bipolar_pos, -ref.bipolar_pos},    {ref.softplus_pos, ref.softplus_neg},
                                      {-ref.softplus_neg, -ref.softplus_pos}, {ref.silu_pos, ref.silu_neg},
                                      {ref.silu_grad_pos, ref.silu_grad_neg}};
        bool const cross = cross_check(i);
        for (std::size_t k = 0; k < function_count; ++k) {
            if (!selected(k))
                continue;
            auto const& exact = exact_by_math[static_cast<int>(math_of(k))];
            check_input(k, chunk, i, exact, stats[k], ends[k], first);
            if (cross) {
                auto& errors = stats[k].errors;
                ++errors.reference_checks;
                for (int side = 0; side < 2; ++side)
                    errors.reference_check_max = std::max(
                        errors.reference_check_max, reference_deviation(math_of(k), chunk.in[side][i], exact[side]));
            }
        }
        first = false;
    }
}

}  // namespace sweep

#endif
