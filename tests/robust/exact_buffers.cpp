// Range forms on heap buffers of exactly n elements (new T[n], no slack), for
// every n from 0 through the unrolled loop, the single-batch loop and the
// tail. Built with AddressSanitizer, any load or store past either end of a
// buffer aborts; without it, the element-by-element comparison with the
// scalar form still catches a tail that is computed wrongly.
#include <memory>
#include <span>

#include "catch.hpp"
#include "robust_support.hpp"

namespace {

// Lengths up to 6 batches + 1 pass through the 4-batch unrolled loop, the
// 1-batch loop after it and the tail, in every combination.
template <class T>
constexpr std::size_t max_length = 6 * xsimd::batch<T>::size + 1;

template <class T>
std::unique_ptr<T[]> exact_copy(std::vector<T> const& values, std::size_t n)
{
    std::unique_ptr<T[]> p(new T[n]);
    for (std::size_t i = 0; i < n; ++i)
        p[i] = values[i % values.size()];
    return p;
}

}  // namespace

TEMPLATE_TEST_CASE("range forms touch exactly [data, data + n)", "[exact]", float, double)
{
    using T = TestType;
    // Ordinary values interleaved with every special class, so the tail
    // buffer sees NaN and inf too.
    std::vector<T> values = robust::finite_inputs<T>();
    values.resize(64);
    for (T special : {std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::quiet_NaN(), T(-3.5), T(0.25)})
        values.insert(values.begin() + 3, special);

    robust::for_each_function([&](auto const& f, char const* name) {
        for (std::size_t n = 0; n <= max_length<T>; ++n) {
            CAPTURE(name, n);
            auto const in = exact_copy(values, n);
            auto out = exact_copy(std::vector<T>{T(-1234)}, n);
            f(std::span<T const>(in.get(), n), std::span<T>(out.get(), n));

            auto inout = exact_copy(values, n);
            f(std::span<T>(inout.get(), n));

            for (std::size_t i = 0; i < n; ++i) {
                CAPTURE(i, in[i]);
                T const expected = f(in[i]);
                REQUIRE(robust::same_result(out[i], expected));
                REQUIRE(robust::same_result(inout[i], expected));
                REQUIRE(robust::bits(in[i]) == robust::bits(values[i % values.size()]));  // input untouched
            }
        }
    });
}
