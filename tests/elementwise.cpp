// The call forms of elementwise.hpp, for all three functions: every length
// and misalignment of the range forms writes exactly its output and nothing
// else, the scalar, batch and range forms give identical bits, every
// container kind is accepted, and misuse (size mismatch, partial overlap)
// throws before anything is written.
#include <squash/squash.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "catch.hpp"
#include "reference.hpp"

using namespace squash_test;

namespace {

template <class Visitor>
void for_each_function(Visitor visit)
{
    visit(squash::sigmoid);
    visit(squash::sigmoid_grad);
    visit(squash::bipolar_sigmoid);
}

// A NaN with a payload no kernel produces from these inputs: a slot that
// still holds it after a call was not written.
template <class T>
T canary()
{
    if constexpr (std::is_same_v<T, float>)
        return std::bit_cast<T>(std::int32_t{0x7fc0dead});
    else
        return std::bit_cast<T>(std::int64_t{0x7ff8deadbeefcafe});
}

// Ordinary values, every special class, and arbitrary bit patterns (which
// include NaNs with payloads and subnormals).
template <class T>
std::vector<T> mixed_inputs(std::size_t n, std::uint64_t seed)
{
    using lim = std::numeric_limits<T>;
    T const specials[] = {T(0),           T(-0.0),         lim::infinity(),  -lim::infinity(), lim::quiet_NaN(),
                          -lim::quiet_NaN(), lim::signaling_NaN(), lim::max(),   lim::lowest(),    lim::min(),
                          -lim::min(),    lim::denorm_min(), -lim::denorm_min(), T(20),          T(-90),
                          T(1e-5),        T(-750)};
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<T> ordinary(-100, 100);
    std::vector<T> z(n);
    for (std::size_t i = 0; i < n; ++i) {
        switch (rng() % 4) {
        case 0:
            z[i] = specials[rng() % std::size(specials)];
            break;
        case 1:
            z[i] = std::bit_cast<T>(static_cast<ordinal_t<T>>(rng()));
            break;
        default:
            z[i] = ordinary(rng);
        }
    }
    return z;
}

template <class T, class F>
std::vector<T> scalar_results(F const& f, std::vector<T> const& z)
{
    std::vector<T> out;
    for (T v : z)
        out.push_back(f(v));
    return out;
}

// Where result `got` differs from `expected`: bitwise, but any NaN matches
// any NaN (see same_result; NaN bits have their own test below). `count`
// if nowhere.
template <class T>
std::size_t first_mismatch(T const* got, T const* expected, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i)
        if (!same_result(got[i], expected[i]))
            return i;
    return count;
}

// Memory that must not have been written at all: bitwise, NaNs included.
template <class T>
bool unchanged(T const* p, T const* before, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i)
        if (!same_bits(p[i], before[i]))
            return false;
    return true;
}

template <class T>
bool all_canaries(T const* p, std::size_t count)
{
    return unchanged(p, std::vector<T>(count, canary<T>()).data(), count);
}

// The longest length tried covers three full passes of the 4-batch unrolled
// loop plus single batches plus a tail; the brief's 3 × width + 1 is inside.
template <class T>
constexpr std::size_t longest_length = 3 * 4 * xsimd::batch<T>::size + 1;

constexpr std::size_t max_offset = 3;

}  // namespace

TEMPLATE_TEST_CASE("range forms: every length and offset writes exactly the output", "[elementwise][range]", float,
                   double)
{
    using T = TestType;
    constexpr std::size_t pad = 2 * max_offset + 2;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        std::size_t failures = 0;
        for (std::size_t n = 0; n <= longest_length<T>; ++n) {
            auto const z = mixed_inputs<T>(n, 1000 + n);
            auto const expected = scalar_results(f, z);
            for (std::size_t in_offset = 0; in_offset <= max_offset; ++in_offset) {
                for (std::size_t out_offset = 0; out_offset <= max_offset; ++out_offset) {
                    std::vector<T> in(n + pad, canary<T>()), out(n + pad, canary<T>());
                    std::copy(z.begin(), z.end(), in.begin() + static_cast<std::ptrdiff_t>(in_offset));
                    auto const in_before = in;
                    f(std::span<T const>(in.data() + in_offset, n), std::span<T>(out.data() + out_offset, n));
                    bool const fenced = all_canaries(out.data(), out_offset) &&
                                        all_canaries(out.data() + out_offset + n, pad - out_offset);
                    auto const wrong = first_mismatch(out.data() + out_offset, expected.data(), n);
                    bool const input_kept = unchanged(in.data(), in_before.data(), in.size());
                    if (!(fenced && wrong == n && input_kept) && failures++ == 0)
                        UNSCOPED_INFO("out-of-place: length " << n << ", input offset " << in_offset
                                                              << ", output offset " << out_offset
                                                              << (fenced ? "" : ": wrote outside the output")
                                                              << (input_kept ? "" : ": changed the input")
                                                              << (wrong == n ? std::string()
                                                                             : ": z = " + show(z[wrong]) + " gave " +
                                                                                   show(out[out_offset + wrong]) +
                                                                                   ", scalar form " +
                                                                                   show(expected[wrong])));
                }
                // In place, at the same offsets into a canary-lined buffer.
                std::vector<T> buffer(n + pad, canary<T>());
                std::copy(z.begin(), z.end(), buffer.begin() + static_cast<std::ptrdiff_t>(in_offset));
                f(std::span<T>(buffer.data() + in_offset, n));
                bool const fenced = all_canaries(buffer.data(), in_offset) &&
                                    all_canaries(buffer.data() + in_offset + n, pad - in_offset);
                auto const wrong = first_mismatch(buffer.data() + in_offset, expected.data(), n);
                if (!(fenced && wrong == n) && failures++ == 0)
                    UNSCOPED_INFO("in place: length " << n << ", offset " << in_offset
                                                      << (fenced ? "" : ": wrote outside the range")
                                                      << (wrong == n ? std::string()
                                                                     : ": z = " + show(z[wrong]) + " gave " +
                                                                           show(buffer[in_offset + wrong]) +
                                                                           ", scalar form " + show(expected[wrong])));
            }
        }
        CHECK(failures == 0);
    });
}

TEMPLATE_TEST_CASE("scalar, batch and range forms agree bitwise", "[elementwise][bits]", float, double)
{
    using T = TestType;
    using batch = xsimd::batch<T>;
    constexpr std::size_t width = batch::size;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        auto const z = mixed_inputs<T>(width * 4096, 42);
        auto const scalar = scalar_results(f, z);

        // Each batch holds width different values, specials among them.
        std::vector<T> from_batches(z.size());
        for (std::size_t i = 0; i < z.size(); i += width)
            f(batch::load_unaligned(z.data() + i)).store_unaligned(from_batches.data() + i);

        std::vector<T> out_of_place(z.size());
        f(z, out_of_place);
        auto in_place = z;
        f(in_place);

        for (auto const* form : {&from_batches, &out_of_place, &in_place}) {
            auto i = first_mismatch(form->data(), scalar.data(), z.size());
            if (i < z.size())
                UNSCOPED_INFO("z = " << show(z[i]) << ": scalar " << show(scalar[i]) << ", other form "
                                     << show((*form)[i]));
            CHECK(i == z.size());
        }
    });
}

TEMPLATE_TEST_CASE("range forms accept every contiguous container kind", "[elementwise][containers]", float, double)
{
    using T = TestType;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        constexpr std::size_t n = 37;  // not a multiple of any batch width
        auto const z = mixed_inputs<T>(n, 7);
        auto const expected = scalar_results(f, z);
        auto matches = [&](T const* got) { return first_mismatch(got, expected.data(), n) == n; };

        std::vector<T> vector_in = z, vector_out(n);
        f(vector_in, vector_out);
        CHECK(matches(vector_out.data()));

        std::array<T, n> array_in{}, array_out{};
        std::copy(z.begin(), z.end(), array_in.begin());
        f(array_in, array_out);
        CHECK(matches(array_out.data()));

        std::vector<T> span_out(n);
        f(std::span<T>(vector_in), std::span<T>(span_out));
        CHECK(matches(span_out.data()));

        T c_in[n], c_out[n];
        std::copy(z.begin(), z.end(), c_in);
        f(c_in, c_out);
        CHECK(matches(c_out));

        std::vector<T> from_const(n);
        f(std::span<T const>(z), from_const);
        CHECK(matches(from_const.data()));

        std::vector<T> const const_vector = z;
        std::vector<T> from_const_vector(n);
        f(const_vector, from_const_vector);
        CHECK(matches(from_const_vector.data()));

        // In place, each kind.
        auto vector_inout = z;
        f(vector_inout);
        CHECK(matches(vector_inout.data()));
        auto array_inout = array_in;
        f(array_inout);
        CHECK(matches(array_inout.data()));
        auto span_backing = z;
        f(std::span<T>(span_backing));
        CHECK(matches(span_backing.data()));
        T c_inout[n];
        std::copy(z.begin(), z.end(), c_inout);
        f(c_inout);
        CHECK(matches(c_inout));

        // The same memory as input and output is in place.
        auto same = z;
        f(same, same);
        CHECK(matches(same.data()));
    });
}

TEMPLATE_TEST_CASE("size mismatch throws, naming both sizes, before writing", "[elementwise][errors]", float, double)
{
    using T = TestType;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        for (auto [n_in, n_out] : {std::pair<std::size_t, std::size_t>{7, 5}, {5, 7}, {0, 3}, {3, 0}}) {
            CAPTURE(n_in, n_out);
            std::vector<T> in(n_in, T(1)), out(n_out, canary<T>());
            std::string message;
            try {
                f(in, out);
            } catch (std::invalid_argument const& e) {
                message = e.what();
            }
            CAPTURE(message);
            CHECK(message.find(std::to_string(n_in)) != std::string::npos);
            CHECK(message.find(std::to_string(n_out)) != std::string::npos);
            CHECK(message.find(f.name) != std::string::npos);
            CHECK(all_canaries(out.data(), out.size()));
        }
    });
}

TEMPLATE_TEST_CASE("partial overlap throws before writing; disjoint neighbours do not", "[elementwise][errors]", float,
                   double)
{
    using T = TestType;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        constexpr std::size_t n = 16;
        auto const z = mixed_inputs<T>(2 * n, 3);
        // Output shifted by 1 and by n − 1 elements either way: all overlap.
        for (std::ptrdiff_t shift : {std::ptrdiff_t(1), std::ptrdiff_t(-1), std::ptrdiff_t(n - 1), -std::ptrdiff_t(n - 1)}) {
            CAPTURE(shift);
            auto buffer = z;
            T* base = buffer.data() + n / 2;
            std::span<T> in(base, n), out(base + shift, n);
            CHECK_THROWS_AS(f(in, out), std::invalid_argument);
            CHECK(unchanged(buffer.data(), z.data(), z.size()));
        }
        // Adjacent but disjoint ranges are legal.
        auto buffer = z;
        f(std::span<T>(buffer.data(), n), std::span<T>(buffer.data() + n, n));
        auto const expected = scalar_results(f, std::vector<T>(z.begin(), z.begin() + n));
        CHECK(first_mismatch(buffer.data() + n, expected.data(), n) == n);
        CHECK(unchanged(buffer.data(), z.data(), n));
    });
}

TEMPLATE_TEST_CASE("usable with std::transform, std::ranges::transform and std::function", "[elementwise][std]",
                   float, double)
{
    using T = TestType;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        auto const z = mixed_inputs<T>(101, 5);
        auto const expected = scalar_results(f, z);

        std::vector<T> out(z.size());
        std::transform(z.begin(), z.end(), out.begin(), f);
        CHECK(first_mismatch(out.data(), expected.data(), z.size()) == z.size());

        std::vector<T> ranges_out(z.size());
        std::ranges::transform(z, ranges_out.begin(), f);
        CHECK(first_mismatch(ranges_out.data(), expected.data(), z.size()) == z.size());

        std::function<T(T)> const wrapped = f;
        std::vector<T> function_out;
        for (T v : z)
            function_out.push_back(wrapped(v));
        CHECK(first_mismatch(function_out.data(), expected.data(), z.size()) == z.size());
    });
}

TEMPLATE_TEST_CASE("empty ranges are accepted and touch nothing", "[elementwise][empty]", float, double)
{
    using T = TestType;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        std::vector<T> empty_in, empty_out;
        CHECK_NOTHROW(f(empty_in, empty_out));
        CHECK_NOTHROW(f(empty_in));
        CHECK_NOTHROW(f(std::span<T const>(), std::span<T>()));
        CHECK_NOTHROW(f(std::span<T>()));
        // Empty views into a live buffer, even at the same address.
        std::vector<T> buffer(4, canary<T>());
        CHECK_NOTHROW(f(std::span<T>(buffer.data() + 1, 0), std::span<T>(buffer.data() + 1, 0)));
        CHECK_NOTHROW(f(std::span<T>(buffer.data() + 2, 0)));
        CHECK(all_canaries(buffer.data(), buffer.size()));
    });
}

TEMPLATE_TEST_CASE("NaN inputs give their own NaN, quieted, in every call form", "[elementwise][nan]", float, double)
{
    using T = TestType;
    using batch = xsimd::batch<T>;
    using lim = std::numeric_limits<T>;
    constexpr std::size_t width = batch::size;
    // elementwise.hpp promises identical bits for an element in every form;
    // for a NaN that means sign and payload too. Quiet and signalling NaNs of
    // both signs, some with payloads, each batch mixing them with numbers.
    T const nans[] = {lim::quiet_NaN(), -lim::quiet_NaN(), lim::signaling_NaN(), -lim::signaling_NaN(),
                      std::bit_cast<T>(static_cast<ordinal_t<T>>(std::is_same_v<T, float> ? 0x7fc12345 : 0x7ff8123456789abc)),
                      std::bit_cast<T>(static_cast<ordinal_t<T>>(std::is_same_v<T, float> ? 0xffc54321u : 0xfff8cba987654321u))};
    std::vector<T> z;
    for (std::size_t i = 0; i < 4 * width * std::size(nans) + 3; ++i)
        z.push_back(i % 3 == 1 ? T(0.5) * static_cast<T>(i) : nans[i % std::size(nans)]);
    for_each_function([&](auto const& f) {
        INFO("function " << f.name);
        auto const scalar = scalar_results(f, z);
        // The NaN out is the NaN in, quieted: its quiet bit set, sign and
        // payload kept.
        auto const quiet_bit = ordinal_t<T>(1) << (std::numeric_limits<T>::digits - 2);
        for (std::size_t i = 0; i < z.size(); ++i) {
            if (!std::isnan(z[i]))
                continue;
            T const want = std::bit_cast<T>(static_cast<ordinal_t<T>>(std::bit_cast<ordinal_t<T>>(z[i]) | quiet_bit));
            INFO("z = " << show(z[i]) << ": got " << show(scalar[i]) << ", want " << show(want));
            CHECK(same_bits(scalar[i], want));
        }
        std::vector<T> from_batches(z.size(), canary<T>());
        for (std::size_t i = 0; i + width <= z.size(); i += width)
            f(batch::load_unaligned(z.data() + i)).store_unaligned(from_batches.data() + i);
        for (std::size_t i = z.size() / width * width; i < z.size(); ++i)
            from_batches[i] = scalar[i];
        std::vector<T> out_of_place(z.size());
        f(z, out_of_place);
        auto in_place = z;
        f(in_place);
        char const* names[] = {"batch", "out-of-place range", "in-place range"};
        std::vector<T> const* forms[] = {&from_batches, &out_of_place, &in_place};
        for (std::size_t k = 0; k < 3; ++k) {
            std::size_t i = 0;
            while (i < z.size() && same_bits((*forms[k])[i], scalar[i]))
                ++i;
            if (i < z.size())
                UNSCOPED_INFO("z = " << show(z[i]) << ": scalar form " << show(scalar[i]) << ", " << names[k]
                                     << " form " << show((*forms[k])[i]));
            CHECK(i == z.size());
        }
    });
}
