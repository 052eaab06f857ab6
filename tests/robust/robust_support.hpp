// Shared by the robustness tests: the three functions as a list, bit-level
// comparison, and the input classes where IEEE corner cases live.
#pragma once

#include <squash/squash.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace robust {

// Calls visit(function_object, name) for sigmoid, sigmoid_grad, bipolar_sigmoid.
template <class Visit>
void for_each_function(Visit&& visit)
{
    visit(squash::sigmoid, "sigmoid");
    visit(squash::sigmoid_grad, "sigmoid_grad");
    visit(squash::bipolar_sigmoid, "bipolar_sigmoid");
}

template <class T>
using bits_of = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;

template <class T>
bits_of<T> bits(T x)
{
    bits_of<T> b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

// "The same result": identical bits, or both NaN (payloads may differ
// between a NaN that went through arithmetic and one that did not).
template <class T>
bool same_result(T a, T b)
{
    return bits(a) == bits(b) || (std::isnan(a) && std::isnan(b));
}

// Where e^-|z| leaves the normal range, underflows to 0, or where the
// library clamps its argument (float: −104, double: −746).
template <class T>
struct clamp_points;
template <>
struct clamp_points<float> {
    static constexpr float values[] = {87.33654f, 88.72283f, 88.7f, 89.0f, 103.27893f, 103.97f, 104.0f, 110.0f};
};
template <>
struct clamp_points<double> {
    static constexpr double values[] = {708.3964, 709.0, 709.782712893384, 710.0, 744.4400719, 745.1332,
                                        746.0, 750.0};
};

// Every finite input class: ±0, ±max and other huge values, ±min normal,
// subnormals, the clamp points and their neighbours, and a grid through
// the interesting range.
template <class T>
std::vector<T> finite_inputs()
{
    using lim = std::numeric_limits<T>;
    std::vector<T> magnitudes = {T(0),          lim::max(), lim::min(),
                                 lim::denorm_min(), lim::min() - lim::denorm_min(),  // largest subnormal
                                 lim::min() / 2, lim::min() * 2, T(1), T(0.5), lim::epsilon(),
                                 // huge: 2z, z², e^z would overflow
                                 lim::max() / 2, std::nextafter(lim::max() / 2, lim::infinity()),
                                 std::sqrt(lim::max()), T(1e30)};
    for (T c : clamp_points<T>::values) {
        magnitudes.push_back(c);
        magnitudes.push_back(std::nextafter(c, T(0)));
        magnitudes.push_back(std::nextafter(c, lim::infinity()));
    }
    // Powers of two from the least subnormal up past the clamp.
    for (T p = lim::denorm_min(); p < T(2048); p *= 2)
        magnitudes.push_back(p);
    // A dense grid: 1/64 steps well past the clamp.
    T const grid_end = clamp_points<T>::values[std::size(clamp_points<T>::values) - 1] + 10;
    for (int i = 0; T(i) / 64 <= grid_end; ++i)
        magnitudes.push_back(T(i) / 64);
    std::vector<T> z;
    for (T m : magnitudes) {
        z.push_back(m);
        z.push_back(-m);
    }
    return z;
}

// Every input but NaN: the finite classes and ±inf.
template <class T>
std::vector<T> non_nan_inputs()
{
    auto z = finite_inputs<T>();
    z.push_back(std::numeric_limits<T>::infinity());
    z.push_back(-std::numeric_limits<T>::infinity());
    return z;
}

}  // namespace robust
