// The call forms of elementwise.hpp, for all three functions: every length
// and misalignment of the array forms (ranges, pointers, explicit
// architecture) writes exactly its output and nothing else, the scalar,
// batch and array forms give identical bits, every container kind is
// accepted (C++17 and C++20 ones), integer scalars are doubles, and misuse
// (size mismatch, partial overlap, null pointers, strided views) throws
// before anything is written.
#include <squash/squash.hpp>

#include <algorithm>
#include <cmath>
#include <array>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <valarray>
#include <vector>
#if __cplusplus >= 202002L
#include <ranges>
#include <span>
#endif

#include "catch.hpp"
#include "reference.hpp"

using namespace squash_test;

namespace {

// A view of n elements at p: std::span in C++20; in C++17 a minimal type
// with .data() and .size() (which the range forms must take, too).
#if __cplusplus >= 202002L
template <class T>
using view = std::span<T>;
#else
template <class T>
class view {
public:
    view() = default;
    view(T* p, std::size_t n) : p_(p), n_(n) {}
    template <class C, class = decltype(std::data(std::declval<C&>()))>
    view(C& c) : p_(std::data(c)), n_(std::size(c))
    {
    }
    T* data() const { return p_; }
    std::size_t size() const { return n_; }
    view subspan(std::size_t offset, std::size_t count) const { return view(p_ + offset, count); }

private:
    T* p_ = nullptr;
    std::size_t n_ = 0;
};
#endif

// Containers the range forms must take without std::span: one with only
// .data() and .size(), one whose begin() and end() are plain pointers.
template <class T>
struct data_size_only {
    T* p;
    std::size_t n;
    T* data() const { return p; }
    std::size_t size() const { return n; }
};

template <class T>
struct pointer_iterators_only {
    T* p;
    std::size_t n;
    T* begin() const { return p; }
    T* end() const { return p + n; }
};

#if __cplusplus >= 202002L
// Contiguous, sized, but no .data() member and iterators that are not
// pointers: only the C++20 range concepts recognise it.
template <class T>
struct contiguous_iterators_only {
    std::vector<T>& v;
    auto begin() const { return v.begin(); }
    auto end() const { return v.end(); }
};
static_assert(std::ranges::contiguous_range<contiguous_iterators_only<float>&>);
#endif

template <class Visitor>
void for_each_function(Visitor visit)
{
    visit(squash::sigmoid);
    visit(squash::sigmoid_grad);
    visit(squash::bipolar_sigmoid);
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
            z[i] = reinterpret_bits<T>(static_cast<ordinal_t<T>>(rng()));
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
// loop plus single batches plus a tail; 3 × width + 1 (three batches and
// one more element) is among the lengths.
template <class T>
constexpr std::size_t longest_length = 3 * 4 * xsimd::batch<T>::size + 1;

constexpr std::size_t max_offset = 3;

// The array forms, each called out of place and in place on pointers.
enum class array_form { range, pointer, arch_range, arch_pointer };
constexpr array_form all_array_forms[] = {array_form::range, array_form::pointer, array_form::arch_range,
                                          array_form::arch_pointer};

char const* form_name(array_form form)
{
    switch (form) {
    case array_form::range: return "f(in, out) / f(inout)";
    case array_form::pointer: return "f(in_ptr, out_ptr, n)";
    case array_form::arch_range: return "f(Arch{}, in, out) / f(Arch{}, inout)";
    case array_form::arch_pointer: return "f(Arch{}, in_ptr, out_ptr, n)";
    }
    return "?";
}

template <class F, class T>
void call_out_of_place(array_form form, F const& f, T const* in, T* out, std::size_t n)
{
    using arch = xsimd::default_arch;
    switch (form) {
    case array_form::range: f(view<T const>(in, n), view<T>(out, n)); break;
    case array_form::pointer: f(in, out, n); break;
    case array_form::arch_range: f(arch{}, view<T const>(in, n), view<T>(out, n)); break;
    case array_form::arch_pointer: f(arch{}, in, out, n); break;
    }
}

template <class F, class T>
void call_in_place(array_form form, F const& f, T* inout, std::size_t n)
{
    using arch = xsimd::default_arch;
    switch (form) {
    case array_form::range: f(view<T>(inout, n)); break;
    case array_form::pointer: f(inout, inout, n); break;
    case array_form::arch_range: f(arch{}, view<T>(inout, n)); break;
    case array_form::arch_pointer: f(arch{}, inout, inout, n); break;
    }
}

}  // namespace

TEMPLATE_TEST_CASE("array forms: every length and offset writes exactly the output", "[elementwise][range]", float,
                   double)
{
    using T = TestType;
    constexpr std::size_t pad = 2 * max_offset + 2;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        std::size_t failures = 0;
        for (array_form form : all_array_forms) {
            for (std::size_t n = 0; n <= longest_length<T>; ++n) {
                auto const z = mixed_inputs<T>(n, 1000 + n);
                auto const expected = scalar_results(f, z);
                for (std::size_t in_offset = 0; in_offset <= max_offset; ++in_offset) {
                    for (std::size_t out_offset = 0; out_offset <= max_offset; ++out_offset) {
                        std::vector<T> in(n + pad, canary<T>()), out(n + pad, canary<T>());
                        std::copy(z.begin(), z.end(), in.begin() + static_cast<std::ptrdiff_t>(in_offset));
                        auto const in_before = in;
                        call_out_of_place(form, f, in.data() + in_offset, out.data() + out_offset, n);
                        bool const fenced = all_canaries(out.data(), out_offset) &&
                                            all_canaries(out.data() + out_offset + n, pad - out_offset);
                        auto const wrong = first_mismatch(out.data() + out_offset, expected.data(), n);
                        bool const input_kept = unchanged(in.data(), in_before.data(), in.size());
                        if (!(fenced && wrong == n && input_kept) && failures++ == 0)
                            UNSCOPED_INFO(form_name(form)
                                          << ", out of place: length " << n << ", input offset " << in_offset
                                          << ", output offset " << out_offset
                                          << (fenced ? "" : ": wrote outside the output")
                                          << (input_kept ? "" : ": changed the input")
                                          << (wrong == n ? std::string()
                                                         : ": z = " + show(z[wrong]) + " gave " +
                                                               show(out[out_offset + wrong]) + ", scalar form " +
                                                               show(expected[wrong])));
                    }
                    // In place, at the same offsets into a canary-lined buffer.
                    std::vector<T> buffer(n + pad, canary<T>());
                    std::copy(z.begin(), z.end(), buffer.begin() + static_cast<std::ptrdiff_t>(in_offset));
                    call_in_place(form, f, buffer.data() + in_offset, n);
                    bool const fenced = all_canaries(buffer.data(), in_offset) &&
                                        all_canaries(buffer.data() + in_offset + n, pad - in_offset);
                    auto const wrong = first_mismatch(buffer.data() + in_offset, expected.data(), n);
                    if (!(fenced && wrong == n) && failures++ == 0)
                        UNSCOPED_INFO(form_name(form)
                                      << ", in place: length " << n << ", offset " << in_offset
                                      << (fenced ? "" : ": wrote outside the range")
                                      << (wrong == n ? std::string()
                                                     : ": z = " + show(z[wrong]) + " gave " +
                                                           show(buffer[in_offset + wrong]) + ", scalar form " +
                                                           show(expected[wrong])));
                }
            }
        }
        CHECK(failures == 0);
    });
}

TEMPLATE_TEST_CASE("scalar, batch and array forms agree bitwise", "[elementwise][bits]", float, double)
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

        auto agrees = [&](std::vector<T> const& got, char const* form) {
            auto i = first_mismatch(got.data(), scalar.data(), z.size());
            if (i < z.size())
                UNSCOPED_INFO("z = " << show(z[i]) << ": scalar " << show(scalar[i]) << ", " << form << " "
                                     << show(got[i]));
            CHECK(i == z.size());
        };
        agrees(from_batches, "f(batch)");

        std::vector<T> out_of_place(z.size());
        f(z, out_of_place);
        agrees(out_of_place, "f(in, out) with std::vector");
        auto in_place = z;
        f(in_place);
        agrees(in_place, "f(inout) with std::vector");
        for (array_form form : all_array_forms) {
            std::vector<T> out(z.size());
            call_out_of_place(form, f, z.data(), out.data(), z.size());
            agrees(out, form_name(form));
            auto inout = z;
            call_in_place(form, f, inout.data(), inout.size());
            agrees(inout, form_name(form));
        }
    });
}

// The exact float functions run two registers at a time in the array loops
// (kernel_pair, detail/round_once.hpp), with one branch for the unusual lanes
// of both: rare inputs (|z| > 87, |z| < 2^-24 for σ₂, NaN) and inputs whose
// double result lies near a float midpoint (recomputed exactly). Each such
// input, at every lane of a four-register array of ordinary inputs, must
// give every element the bits the one-register form gives it.
template <class Fn>
void check_pairs_against_batches(Fn const& f, std::vector<float> const& unusual)
{
    using batch = xsimd::batch<float>;
    constexpr std::size_t width = batch::size;
    constexpr std::size_t n = 4 * width;  // one unrolled iteration: two pairs
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> ordinary(-9.0f, 9.0f);
    std::size_t failures = 0;
    for (float u : unusual) {
        for (std::size_t lane = 0; lane < n; ++lane) {
            std::vector<float> z(n);
            for (auto& v : z)
                v = ordinary(rng);
            z[lane] = u;
            std::vector<float> expected(n), got(n);
            for (std::size_t i = 0; i < n; i += width)
                f(batch::load_unaligned(z.data() + i)).store_unaligned(expected.data() + i);
            f(z, got);
            auto i = first_mismatch(got.data(), expected.data(), n);
            if (i < n && failures++ < 5)
                UNSCOPED_INFO("unusual input " << show(u) << " at lane " << lane << ": z = " << show(z[i])
                                               << " gave " << show(got[i]) << ", batch form " << show(expected[i]));
        }
    }
    CHECK(failures == 0);
}

// Whether F's double result for z lies near a float midpoint (the boundary
// test), and whether that double, rounded to float, is not the correctly
// rounded result f(z). F::wide takes x = -z, or -|z| for an odd function.
template <class F>
double wide_result(float z, bool odd)
{
    return F::wide(xsimd::batch<double>(odd ? -std::fabs(double(z)) : -double(z))).get(0);
}
template <class F, class Fn>
bool only_slow_path_is_right(Fn const& f, float z, bool odd = false)
{
    double y = wide_result<F>(z, odd);
    return squash::detail::near_float_midpoint(y) && float(y) != std::fabs(f(z));
}

// The first `count` inputs from 1.5 upward that F's boundary test flags.
template <class F>
std::vector<float> flagged_inputs(std::size_t count, bool odd = false)
{
    std::vector<float> found;
    for (float z = 1.5f; found.size() < count && z < 80.0f; z = std::nextafter(z, 100.0f))
        if (squash::detail::near_float_midpoint(wide_result<F>(z, odd)))
            found.push_back(z);
    return found;
}

TEST_CASE("exact float: register pairs give every lane the bits of one register, unusual lanes among them",
          "[elementwise][bits][pairs]")
{
    using squash::detail::bipolar_sigmoid_round_once;
    using squash::detail::sigmoid_grad_round_once;
    using squash::detail::sigmoid_round_once;
    float const nan = std::numeric_limits<float>::quiet_NaN();
    float const inf = std::numeric_limits<float>::infinity();
    std::vector<float> const rare{-90.0f, 95.5f, -103.9f, 120.0f, -inf, inf, nan, -nan, 1e-30f, -3e-39f, 0.0f, -0.0f};
    auto with_rare = [&](std::vector<float> inputs) {
        inputs.insert(inputs.end(), rare.begin(), rare.end());
        return inputs;
    };
    // Inputs that only the slow path rounds right, from a search of every
    // float with |z| in [1e-3, 80] in the AVX-512, AVX2 and SSE2 builds
    // (which compute the double results differently, detail/wide_exp.hpp):
    // all it found for σ (the second in all three, the first on AVX-512
    // only), for σ' on AVX-512 (none elsewhere), and none for σ₂. The
    // first inputs the boundary test flags from 1.5 up take the slow path
    // too (in every build), though their double results round right.
    std::vector<float> sigmoid_inputs{0x1.437902p-5f, -0x1.250c02p-10f};
    std::vector<float> grad_inputs{0x1.2a9e3cp+1f, -0x1.7052cap+1f};
    // Without an input that needs the slow path, the test could not tell a
    // pair that skips it: σ's second input needs it in every build.
    auto needs_slow_path = [](float z) { return only_slow_path_is_right<sigmoid_round_once>(squash::sigmoid, z); };
    CHECK(std::any_of(sigmoid_inputs.begin(), sigmoid_inputs.end(), needs_slow_path));
    auto append = [](std::vector<float>& to, std::vector<float> const& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(sigmoid_inputs, flagged_inputs<sigmoid_round_once>(3));
    append(grad_inputs, flagged_inputs<sigmoid_grad_round_once>(3));
    auto const bipolar_inputs = flagged_inputs<bipolar_sigmoid_round_once>(3, true);
    REQUIRE(bipolar_inputs.size() == 3);

    check_pairs_against_batches(squash::sigmoid, with_rare(sigmoid_inputs));
    check_pairs_against_batches(squash::sigmoid_grad, with_rare(grad_inputs));
    check_pairs_against_batches(squash::bipolar_sigmoid, with_rare(bipolar_inputs));
}

// Arrays of at least detail::prefetch_min_bytes take the loops' prefetching
// branch (elementwise.hpp); everything else in this file uses shorter ones.
// The results must be those of the same elements in short arrays (pieces
// of 1000, below the threshold), and nothing outside the outputs may be
// written, for every loop: one output, two outputs, two inputs.
TEMPLATE_TEST_CASE("arrays long enough to be prefetched: the bits of short arrays, nothing written outside",
                   "[elementwise][prefetch]", float, double)
{
    using T = TestType;
    constexpr std::size_t width = xsimd::batch<T>::size;
    constexpr std::size_t piece = 1000;
    static_assert(piece * sizeof(T) < squash::detail::prefetch_min_bytes);
    // Past the threshold by a few unrolled iterations, single batches and a tail.
    std::size_t const n = squash::detail::prefetch_min_bytes / sizeof(T) + 3 * 4 * width + 2 * width + 3;
    REQUIRE(squash::detail::worth_prefetching<T>(n));
    auto const z = mixed_inputs<T>(n, 2026);
    auto in_pieces = [&](auto const& apply) {
        for (std::size_t i = 0; i < n; i += piece)
            apply(i, std::min(piece, n - i));
    };
    auto check_output = [&](std::vector<T> const& padded, std::vector<T> const& expected, char const* what) {
        INFO(what);
        CHECK(all_canaries(padded.data(), 2));
        CHECK(all_canaries(padded.data() + 2 + n, 2));
        auto const wrong = first_mismatch(padded.data() + 2, expected.data(), n);
        if (wrong < n)
            UNSCOPED_INFO("z = " << show(z[wrong]) << " gave " << show(padded[2 + wrong]) << ", in a short array "
                                 << show(expected[wrong]));
        CHECK(wrong == n);
    };
    auto unary = [&](auto const& f) {
        INFO("function " << f.name);
        std::vector<T> expected(n);
        in_pieces([&](std::size_t i, std::size_t m) { f(z.data() + i, expected.data() + i, m); });
        std::vector<T> out(n + 4, canary<T>());
        f(z.data(), out.data() + 2, n);
        check_output(out, expected, "out of place");
        std::vector<T> inout(n + 4, canary<T>());
        std::copy(z.begin(), z.end(), inout.begin() + 2);
        f(inout.data() + 2, inout.data() + 2, n);
        check_output(inout, expected, "in place");
    };
    for_each_function(unary);
    unary(squash::fast::sigmoid);
    unary(squash::fast::sigmoid_grad);
    unary(squash::fast::bipolar_sigmoid);

    {
        std::vector<T> value(n), grad(n);
        in_pieces([&](std::size_t i, std::size_t m) {
            squash::sigmoid_with_grad(z.data() + i, value.data() + i, grad.data() + i, m);
        });
        std::vector<T> value_out(n + 4, canary<T>()), grad_out(n + 4, canary<T>());
        squash::sigmoid_with_grad(z.data(), value_out.data() + 2, grad_out.data() + 2, n);
        check_output(value_out, value, "sigmoid_with_grad: value");
        check_output(grad_out, grad, "sigmoid_with_grad: grad");
    }
    {
        auto const y = mixed_inputs<T>(n, 2027);
        std::vector<T> expected(n);
        in_pieces([&](std::size_t i, std::size_t m) {
            squash::sigmoid_backward(z.data() + i, y.data() + i, expected.data() + i, m);
        });
        std::vector<T> dx(n + 4, canary<T>());
        squash::sigmoid_backward(z.data(), y.data(), dx.data() + 2, n);
        check_output(dx, expected, "sigmoid_backward");
    }
}

// f(Arch{}, ...) with an architecture narrower than the build's (SSE2 in an
// AVX2 build, say): the array forms must agree with that architecture's own
// batch kernel, lane by lane, at every length around the unrolled loop.
template <class Arch, class T, class F>
void check_explicit_arch(F const& f, char const* arch_name)
{
    using batch = xsimd::batch<T, Arch>;
    constexpr std::size_t width = batch::size;
    INFO("function " << f.name << ", architecture " << arch_name);
    std::size_t failures = 0;
    for (std::size_t n = 0; n <= 3 * 4 * width + 1; ++n) {
        auto const z = mixed_inputs<T>(n, 77 + n);
        std::vector<T> expected(n);
        for (std::size_t i = 0; i < n; ++i)
            expected[i] = f(batch(z[i])).get(0);
        std::vector<T> out(n), in_place = z, by_pointer(n);
        f(Arch{}, z, out);
        f(Arch{}, in_place);
        f(Arch{}, z.data(), by_pointer.data(), n);
        for (auto const* got : {&out, &in_place, &by_pointer}) {
            auto const i = first_mismatch(got->data(), expected.data(), n);
            if (i < n && failures++ == 0)
                UNSCOPED_INFO("length " << n << ": z = " << show(z[i]) << " gave " << show((*got)[i])
                                        << ", the batch kernel " << show(expected[i]));
        }
    }
    CHECK(failures == 0);
}

TEMPLATE_TEST_CASE("explicit architecture: every architecture the build enables, in every array form",
                   "[elementwise][arch]", float, double)
{
    using T = TestType;
    for_each_function([](auto const& f) {
#if XSIMD_WITH_SSE2
        check_explicit_arch<xsimd::sse2, T>(f, "sse2");
#endif
#if XSIMD_WITH_FMA3_AVX2
        check_explicit_arch<xsimd::fma3<xsimd::avx2>, T>(f, "fma3<avx2>");
#endif
#if XSIMD_WITH_AVX512BW
        check_explicit_arch<xsimd::avx512bw, T>(f, "avx512bw");
#endif
        check_explicit_arch<xsimd::default_arch, T>(f, "default_arch");
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
        f(view<T>(vector_in), view<T>(span_out));
        CHECK(matches(span_out.data()));

        T c_in[n], c_out[n];
        std::copy(z.begin(), z.end(), c_in);
        f(c_in, c_out);
        CHECK(matches(c_out));

        std::vector<T> from_const(n);
        f(view<T const>(z), from_const);
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
        f(view<T>(span_backing));
        CHECK(matches(span_backing.data()));
        T c_inout[n];
        std::copy(z.begin(), z.end(), c_inout);
        f(c_inout);
        CHECK(matches(c_inout));

        // The same memory as input and output is in place.
        auto same = z;
        f(same, same);
        CHECK(matches(same.data()));

        // std::valarray: no .data(), but begin and end are pointers.
        std::valarray<T> valarray_in(z.data(), n), valarray_out(n);
        f(valarray_in, valarray_out);
        CHECK(matches(&valarray_out[0]));
        f(valarray_in);
        CHECK(matches(&valarray_in[0]));

        // A type with only .data() and .size(), and one with only pointer
        // begin() and end(): what C++17 code has instead of std::span.
        std::vector<T> data_size_backing = z, data_size_out(n);
        f(data_size_only<T const>{data_size_backing.data(), n}, data_size_only<T>{data_size_out.data(), n});
        CHECK(matches(data_size_out.data()));
        f(data_size_only<T>{data_size_backing.data(), n});
        CHECK(matches(data_size_backing.data()));
        std::vector<T> iterators_backing = z, iterators_out(n);
        f(pointer_iterators_only<T>{iterators_backing.data(), n}, pointer_iterators_only<T>{iterators_out.data(), n});
        CHECK(matches(iterators_out.data()));
        f(pointer_iterators_only<T>{iterators_backing.data(), n});
        CHECK(matches(iterators_backing.data()));

        // Different kinds for input and output, with an explicit architecture.
        std::array<T, n> mixed_out{};
        f(xsimd::default_arch{}, vector_in, mixed_out);
        CHECK(matches(mixed_out.data()));
        T c_mixed[n];
        f(xsimd::default_arch{}, valarray_out, c_mixed);
        CHECK(first_mismatch(c_mixed, scalar_results(f, std::vector<T>(std::begin(valarray_out), std::end(valarray_out))).data(), n) == n);

#if __cplusplus >= 202002L
        // C++20: a contiguous range with neither .data() nor pointer
        // iterators (std::ranges::data finds the memory through
        // contiguous_iterator). (Not a views:: adaptor: Clang 14 cannot
        // compile libstdc++ 12's <ranges> views.)
        std::vector<T> iterator_backing = z, iterator_out(n);
        f(contiguous_iterators_only<T>{iterator_backing}, contiguous_iterators_only<T>{iterator_out});
        CHECK(matches(iterator_out.data()));
        f(contiguous_iterators_only<T>{iterator_backing});
        CHECK(matches(iterator_backing.data()));
#endif
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
            for (bool explicit_arch : {false, true}) {
                std::string message;
                try {
                    if (explicit_arch)
                        f(xsimd::default_arch{}, in, out);
                    else
                        f(in, out);
                } catch (std::invalid_argument const& e) {
                    message = e.what();
                }
                CAPTURE(explicit_arch, message);
                CHECK(message.find(std::to_string(n_in)) != std::string::npos);
                CHECK(message.find(std::to_string(n_out)) != std::string::npos);
                CHECK(message.find(f.name) != std::string::npos);
                CHECK(all_canaries(out.data(), out.size()));
            }
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
            for (array_form form : all_array_forms) {
                CAPTURE(form_name(form));
                auto buffer = z;
                T* base = buffer.data() + n / 2;
                std::string message;
                try {
                    call_out_of_place(form, f, base, base + shift, n);
                } catch (std::invalid_argument const& e) {
                    message = e.what();
                }
                CAPTURE(message);
                CHECK(message.find("overlap") != std::string::npos);
                CHECK(message.find(std::to_string(shift)) != std::string::npos);
                CHECK(unchanged(buffer.data(), z.data(), z.size()));
            }
        }
        // Adjacent but disjoint ranges are legal.
        auto buffer = z;
        f(view<T>(buffer.data(), n), view<T>(buffer.data() + n, n));
        auto const expected = scalar_results(f, std::vector<T>(z.begin(), z.begin() + n));
        CHECK(first_mismatch(buffer.data() + n, expected.data(), n) == n);
        CHECK(unchanged(buffer.data(), z.data(), n));
    });
}

TEMPLATE_TEST_CASE("usable with std::transform, std::ranges::transform (C++20) and std::function", "[elementwise][std]",
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

#if __cplusplus >= 202002L
        std::vector<T> ranges_out(z.size());
        std::ranges::transform(z, ranges_out.begin(), f);
        CHECK(first_mismatch(ranges_out.data(), expected.data(), z.size()) == z.size());
#endif

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
        CHECK_NOTHROW(f(view<T const>(), view<T>()));
        CHECK_NOTHROW(f(view<T>()));
        // Empty views into a live buffer, even at the same address.
        std::vector<T> buffer(4, canary<T>());
        CHECK_NOTHROW(f(view<T>(buffer.data() + 1, 0), view<T>(buffer.data() + 1, 0)));
        CHECK_NOTHROW(f(view<T>(buffer.data() + 2, 0)));
        // The pointer forms with n = 0, null pointers included.
        CHECK_NOTHROW(f(buffer.data(), buffer.data() + 1, 0));
        CHECK_NOTHROW(f(static_cast<T const*>(nullptr), static_cast<T*>(nullptr), 0));
        CHECK_NOTHROW(f(xsimd::default_arch{}, static_cast<T const*>(nullptr), static_cast<T*>(nullptr), 0));
        CHECK(all_canaries(buffer.data(), buffer.size()));
    });
}

TEMPLATE_TEST_CASE("pointer forms: a null pointer with n > 0 throws before writing", "[elementwise][errors]", float,
                   double)
{
    using T = TestType;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        std::vector<T> in(5, T(1)), out(5, canary<T>());
        T const* no_input = nullptr;
        T* no_output = nullptr;
        CHECK_THROWS_AS(f(no_input, out.data(), out.size()), std::invalid_argument);
        CHECK_THROWS_AS(f(in.data(), no_output, in.size()), std::invalid_argument);
        CHECK_THROWS_AS(f(xsimd::default_arch{}, no_input, out.data(), out.size()), std::invalid_argument);
        CHECK(all_canaries(out.data(), out.size()));
    });
}

TEMPLATE_TEST_CASE("integer scalars are computed as double, like std::exp(0)", "[elementwise][scalar]", char, bool,
                   int, unsigned, long long, unsigned long long)
{
    using I = TestType;
    for_each_function([](auto const& f) {
        INFO("function " << f.name);
        static_assert(std::is_same_v<decltype(f(I(0))), double>, "an integer argument gives a double");
        for (I v : {I(0), I(1), I(2), std::numeric_limits<I>::max(), std::numeric_limits<I>::min()}) {
            CAPTURE(static_cast<long double>(v));
            CHECK(same_bits(f(v), f(static_cast<double>(v))));
        }
    });
    CHECK(squash::sigmoid(I(0)) == 0.5);
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
                      reinterpret_bits<T>(static_cast<ordinal_t<T>>(std::is_same_v<T, float> ? 0x7fc12345 : 0x7ff8123456789abc)),
                      reinterpret_bits<T>(static_cast<ordinal_t<T>>(std::is_same_v<T, float> ? 0xffc54321u : 0xfff8cba987654321u))};
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
            T const want = reinterpret_bits<T>(static_cast<ordinal_t<T>>(reinterpret_bits<ordinal_t<T>>(z[i]) | quiet_bit));
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
