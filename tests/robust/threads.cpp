// The functions are pure: several threads reading one input and writing
// disjoint outputs must get exactly the single-threaded results, and under
// ThreadSanitizer no data race may be reported (the library keeps no state,
// so a race here would be a hidden static or a write outside the range).
#include <span>
#include <thread>

#include "catch.hpp"
#include "robust_support.hpp"

namespace {

constexpr std::size_t thread_count = 4;

template <class T>
std::vector<T> shared_input()
{
    auto z = robust::finite_inputs<T>();
    z.resize(20011);  // not a multiple of any batch width: every thread's slice has a tail
    z.push_back(std::numeric_limits<T>::infinity());
    z.push_back(std::numeric_limits<T>::quiet_NaN());
    return z;
}

// Per thread: the whole input into its own output, its own slice of one
// shared output, its own copy in place, and a scalar pass over its slice.
template <class T, class F>
void run_threads(F const& f, std::vector<T> const& in, std::vector<std::vector<T>>& whole,
                 std::vector<T>& sliced, std::vector<std::vector<T>>& in_place, std::vector<T>& scalar)
{
    std::size_t const n = in.size();
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < thread_count; ++t) {
        threads.emplace_back([&, t] {
            std::size_t const begin = n * t / thread_count, end = n * (t + 1) / thread_count;
            std::span<T const> const input(in);
            f(input, std::span<T>(whole[t]));
            f(input.subspan(begin, end - begin), std::span<T>(sliced).subspan(begin, end - begin));
            f(std::span<T>(in_place[t]));
            for (std::size_t i = begin; i < end; ++i)
                scalar[i] = f(in[i]);
        });
    }
    for (auto& thread : threads)
        thread.join();
}

}  // namespace

TEMPLATE_TEST_CASE("four threads on a shared input give the single-threaded bits", "[threads]", float, double)
{
    using T = TestType;
    auto const in = shared_input<T>();
    robust::for_each_function([&](auto const& f, char const* name) {
        std::vector<T> expected(in.size());
        f(in, expected);

        std::vector<std::vector<T>> whole(thread_count, std::vector<T>(in.size()));
        std::vector<std::vector<T>> in_place(thread_count, in);
        std::vector<T> sliced(in.size()), scalar(in.size());
        run_threads(f, in, whole, sliced, in_place, scalar);

        CAPTURE(name);
        std::size_t mismatches = 0;
        for (std::size_t i = 0; i < in.size(); ++i) {
            bool same = robust::same_result(sliced[i], expected[i]) && robust::same_result(scalar[i], expected[i]);
            for (std::size_t t = 0; t < thread_count; ++t)
                same = same && robust::same_result(whole[t][i], expected[i]) &&
                       robust::same_result(in_place[t][i], expected[i]);
            if (!same && mismatches++ < 5)
                UNSCOPED_INFO("element " << i << " (z = " << in[i] << ") differs from the single-threaded result");
        }
        CHECK(mismatches == 0);
    });
}
