// The checks that tests/sigmoid.cpp, sigmoid_grad.cpp and bipolar_sigmoid.cpp
// each run on their own function: the ULP bound over named sweeps, and
// monotonicity over a vector of consecutive or sorted inputs. Each reports
// the first offending input with its bits, so a failure can be replayed.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "catch.hpp"
#include "reference.hpp"

namespace squash_test {

// A named set of inputs a sweep visits.
template <class T>
struct region {
    char const* name;
    std::vector<T> z;
};

// Every region's maximum error is within `bound` (below it, if `strict`);
// one "max-ulp" line per region and one for all of them goes to the log.
template <class T, class F>
void check_ulp_sweeps(char const* function, F const& f, long double (*ref)(long double),
                      std::vector<region<T>> const& regions, long double bound, bool strict = false)
{
    ulp_record overall;
    for (auto const& r : regions) {
        auto record = measure<T>(f, ref, r.z);
        record.print(function, type_name<T>(), r.name);
        INFO(function << "<" << type_name<T>() << "> over " << r.name << ": " << static_cast<double>(record.max_ulp)
                      << " ulp at z = " << show(static_cast<T>(record.worst_z)) << "; bound "
                      << (strict ? "< " : "<= ") << static_cast<double>(bound));
        if (strict)
            CHECK(record.max_ulp < bound);
        else
            CHECK(record.max_ulp <= bound);
        overall.merge(record);
    }
    overall.print(function, type_name<T>(), "ALL SWEEPS");
}

enum class direction { non_decreasing, non_increasing };

// f over z (ascending) moves only in `dir`, or steps back by at most
// slack_ulps ulps; `where` names z in the message.
template <class T, class F>
void check_monotonic(char const* function, F const& f, std::vector<T> const& z, direction dir,
                     std::string const& where, unsigned slack_ulps = 0)
{
    std::vector<T> y(z.size());
    f(z, y);
    auto i = dir == direction::non_decreasing ? first_decrease(y) : first_increase(y);
    if (slack_ulps) {
        i = y.size();
        for (std::size_t j = 0; j + 1 < y.size(); ++j) {
            bool const ordered = dir == direction::non_decreasing ? y[j] <= y[j + 1] : y[j] >= y[j + 1];
            T const a = std::max(std::fabs(y[j]), std::fabs(y[j + 1]));  // spacing at the larger
            T const spacing = std::nextafter(a, std::numeric_limits<T>::infinity()) - a;
            if (!ordered && !(std::fabs(y[j + 1] - y[j]) <= static_cast<T>(slack_ulps) * spacing)) {
                i = j;
                break;
            }
        }
    }
    INFO(function << " over " << where);
    if (i < y.size())
        UNSCOPED_INFO(function << "(" << show(z[i]) << ") = " << show(y[i])
                               << (dir == direction::non_decreasing ? " > " : " < ") << function << "("
                               << show(z[i + 1]) << ") = " << show(y[i + 1]));
    CHECK(i == y.size());
}

// n uniformly random bit patterns: every binade, both signs, subnormals,
// infinities and NaNs with payloads.
template <class T>
std::vector<T> random_bit_patterns(std::size_t n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<T> z(n);
    for (auto& v : z)
        v = reinterpret_bits<T>(static_cast<ordinal_t<T>>(rng()));
    return z;
}

}  // namespace squash_test
