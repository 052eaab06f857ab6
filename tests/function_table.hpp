// The one table of squash's functions that the tests read: for each
// mathematical function its reference, shape and range; for each function
// object (a function in a tier) its bounds per type and its call forms. The
// unit tests, the exhaustive sweep (tests/exhaustive), the bit-identity
// hashes, the fuzzer and the benchmark take their lists from here, so a new
// tier of a function is one line of `functions` (tests/function_table.cpp;
// and function_count below), and a new function one line of
// `math_functions` (plus its references) and one per tier.
#pragma once

#include <cmath>
#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <string>
#include <limits>
#include <string_view>

#include <squash/squash.hpp>

#include "reference.hpp"
#include "training_reference.hpp"

namespace squash_test {

// The mathematical functions.
// (The order is that of math_functions below.)
enum class math_function { sigmoid, sigmoid_grad, bipolar_sigmoid, softplus, log_sigmoid, silu, silu_grad };

// How a function moves with z, which is what the monotonicity and symmetry
// checks test.
enum class shape {
    increasing,      // non-decreasing over all z (sigmoid)
    even_peak,       // even, bit for bit; non-increasing in |z| (sigmoid_grad)
    odd_increasing,  // odd, bit for bit; non-decreasing (bipolar_sigmoid)
    piecewise,       // monotonic between its turning points, no symmetry (silu, silu_grad)
};

// A piecewise function's pieces: it falls (or rises) up to turns[0], then
// alternates. Within `flat` of a turning point it is too flat for a
// faithful result to keep the order between neighbouring inputs (their
// exact values are far closer than an ulp), so the order checks leave that
// stretch out; the shape tests in tests/training.cpp check it separately.
struct turning_points {
    int count = 0;
    double at[2] = {0, 0};      // in increasing order
    bool falls_first = false;   // non-increasing below at[0]
    double flat_float = 0, flat_double = 0;
};

struct math_info {
    math_function id;
    char const* name;
    shape kind;
    double lowest, highest;                  // every value lies in [lowest, highest]
    long double (*reference)(long double);  // long double, tests/reference.hpp
    turning_points turns = {};               // shape::piecewise only
};

// silu's minimum z0 = −1 − W(1/e) and silu'(z)'s extrema ±2.3994 (where
// silu''(z) = 0, i.e. 2 = z tanh(z/2)): tools/fit_training.py.
inline constexpr double silu_min_z = -1.2784645427610738;
inline constexpr double silu_min_value = -0.27846454276107379511;
inline constexpr double silu_grad_extremum_z = 2.399357280515467;
inline constexpr double silu_grad_min_value = -0.09983932020;  // silu'(−2.3994); the maximum is 1 minus it
inline constexpr double infinity = std::numeric_limits<double>::infinity();

// The ranges below are the functions' exact ranges widened by a few float
// ulps, so that a faithful result next to an extremum is in range in both
// types (a float cast of the exact extremum may round inward).
inline constexpr double range_slack = 1e-7;

inline constexpr math_info math_functions[] = {
    {math_function::sigmoid, "sigmoid", shape::increasing, 0.0, 1.0, sigmoid_ref},
    {math_function::sigmoid_grad, "sigmoid_grad", shape::even_peak, 0.0, 0.25, sigmoid_grad_ref},
    {math_function::bipolar_sigmoid, "bipolar_sigmoid", shape::odd_increasing, -1.0, 1.0, bipolar_sigmoid_ref},
    {math_function::softplus, "softplus", shape::increasing, 0.0, infinity, softplus_ref},
    {math_function::log_sigmoid, "log_sigmoid", shape::increasing, -infinity, 0.0, log_sigmoid_ref},
    {math_function::silu, "silu", shape::piecewise, silu_min_value - range_slack, infinity, silu_ref,
     {1, {silu_min_z, 0}, true, 1.0 / 256, 1.0 / 65536}},
    {math_function::silu_grad, "silu_grad", shape::piecewise, silu_grad_min_value - range_slack,
     1 - silu_grad_min_value + 2 * range_slack, silu_grad_ref,
     {2, {-silu_grad_extremum_z, silu_grad_extremum_z}, true, 1.0 / 64, 1.0 / 64}},
};

// Piecewise shapes: whether f falls at z (between turning points), and
// whether z lies in the flat stretch around one, where no order is checked.
inline bool falls_at(math_info const& m, double z)
{
    bool falling = m.kind == shape::even_peak ? z > 0 : false;
    if (m.kind == shape::piecewise) {
        falling = m.turns.falls_first;
        for (int i = 0; i < m.turns.count; ++i)
            falling = z > m.turns.at[i] ? !falling : falling;
    }
    return falling;
}

// Which monotonic piece z is on (0 for a monotonic function).
inline int piece_of(math_info const& m, double z)
{
    int piece = 0;
    if (m.kind == shape::piecewise)
        for (int i = 0; i < m.turns.count; ++i)
            piece += z > m.turns.at[i];
    return piece;
}

template <class T>
inline bool near_turn(math_info const& m, double z)
{
    if (m.kind != shape::piecewise)
        return false;
    double const flat = sizeof(T) == 4 ? m.turns.flat_float : m.turns.flat_double;
    for (int i = 0; i < m.turns.count; ++i)
        if (std::fabs(z - m.turns.at[i]) <= flat)
            return true;
    return false;
}

inline constexpr math_info const& info(math_function f) { return math_functions[static_cast<int>(f)]; }

enum class tier { exact, fast };

// An error bound in ulps of the exact value: error < ulps (strict) or
// error <= ulps. Correct rounding is "< 0.5 ulp" for these functions, whose
// values are irrational wherever they are not exactly representable.
struct ulp_bound {
    double ulps;
    bool strict;
    char const* claim;  // in words, as the README states it
};

inline constexpr ulp_bound correctly_rounded{0.5, false, "correctly rounded"};
inline constexpr ulp_bound faithful{1.0, true, "faithful (< 1 ulp)"};
inline constexpr ulp_bound within_1_ulp{1.0, false, "<= 1 ulp"};
inline constexpr ulp_bound within_4_ulp{4.0, false, "<= 4 ulp"};

// Correct rounding makes a result a function of its input alone: the same
// bits in every build, which tests/bit_identity checks.
constexpr bool is_correctly_rounded(ulp_bound const& b) { return b.ulps == 0.5 && !b.strict; }

// What a function object does with results whose exact value lies below
// the normal range of the type.
enum class subnormals {
    gradual,  // rounded into the subnormals, within the bound like any result
    flushed,  // a zero of the exact value's sign (+0 for sigma, sigma', softplus; −0 for
              // log_sigmoid, silu, silu'), which the bound does not cover (the fast tier)
};

// A contiguous view of n elements: what the range forms take (std::span is
// C++20, and the tests build as C++17 too).
template <class T>
struct span {
    T* ptr;
    std::size_t n;
    T* data() const { return ptr; }
    std::size_t size() const { return n; }
    T* begin() const { return ptr; }
    T* end() const { return ptr + n; }
};

// The call forms of one function object, type-erased.
template <class T>
struct call_forms {
    void (*range)(T const* in, T* out, std::size_t n);  // f(in, out, n)
    void (*span_range)(T const* in, std::size_t n_in, T* out, std::size_t n_out);  // f(span in, span out)
    void (*in_place)(T* inout, std::size_t n);          // f(span inout)
    T (*scalar)(T z);                                   // f(z)
    void (*scalar_loop)(T const* in, T* out, std::size_t n);  // out[i] = f(in[i]), the scalar form inlined
};

struct function_entry {
    char const* name;  // as written after squash::, e.g. "sigmoid", "fast::sigmoid"
    math_function math;
    tier level;
    ulp_bound float_bound, double_bound;
    subnormals below_normal;
    // How many ulps (at the larger of the two) a result may step back
    // against the function's shape from its neighbour's, per type: 0 (monotone pieces) but for the fast
    // softplus, log_sigmoid, silu, silu', whose kernels cannot order
    // results less than an ulp apart everywhere
    // (include/squash/fast_activations.hpp says where and why).
    unsigned order_slack_float, order_slack_double;
    call_forms<float> f32;
    call_forms<double> f64;
};

template <auto const& F, class T>
constexpr call_forms<T> forms_of()
{
    return {[](T const* in, T* out, std::size_t n) { F(in, out, n); },
            [](T const* in, std::size_t n_in, T* out, std::size_t n_out) {
                F(squash_test::span<T const>{in, n_in}, squash_test::span<T>{out, n_out});
            },
            [](T* inout, std::size_t n) { F(squash_test::span<T>{inout, n}); }, [](T z) -> T { return F(z); },
            [](T const* in, T* out, std::size_t n) {
                for (std::size_t i = 0; i < n; ++i)
                    out[i] = F(in[i]);
            }};
}

template <auto const& F>
constexpr function_entry entry(char const* name, math_function math, tier level, ulp_bound float_bound,
                               ulp_bound double_bound, subnormals below_normal = subnormals::gradual,
                               unsigned order_slack_float = 0, unsigned order_slack_double = 0)
{
    return {name,         math,          level, float_bound, double_bound, below_normal, order_slack_float,
            order_slack_double,   forms_of<F, float>(), forms_of<F, double>()};
}

// The table itself is defined once, in tests/function_table.cpp: every
// line instantiates its function's kernels in five call forms and two types,
// which took ~7 s of compile time in each translation unit that included
// it as an inline variable. A new line there is one more here.
inline constexpr std::size_t function_count = 14;
extern function_entry const functions[function_count];

template <class T>
inline ulp_bound const& bound_of(function_entry const& f)
{
    if constexpr (sizeof(T) == 4)
        return f.float_bound;
    else
        return f.double_bound;
}

inline function_entry const& find_function(char const* name)
{
    for (auto const& f : functions)
        if (std::string_view(f.name) == name)
            return f;
    throw std::invalid_argument(std::string("no function ") + name + " in tests/function_table.hpp");
}

// The bound a test against the long-double reference enforces: the table's,
// plus the reference's own uncertainty (tests/reference.hpp).
template <class T>
inline long double test_bound(char const* name)
{
    return static_cast<long double>(bound_of<T>(find_function(name)).ulps) + reference_margin_ulp<T>;
}

template <class T>
inline bool test_bound_strict(char const* name)
{
    return bound_of<T>(find_function(name)).strict;
}

template <class T>
inline call_forms<T> const& forms(function_entry const& f)
{
    if constexpr (sizeof(T) == 4)
        return f.f32;
    else
        return f.f64;
}

}  // namespace squash_test
