// squash/elementwise.hpp: the call forms of every squash function.
// SPDX-License-Identifier: MIT
//
// Each function object (sigmoid, sigmoid_grad, bipolar_sigmoid) writes its
// math once, as a static `kernel` on an xsimd::batch; elementwise_function
// turns that one kernel into
//   f(z)                   scalar (float, double; an integer is taken as a
//                          double, as <cmath> does): z broadcast into a
//                          batch, lane 0 returned;
//   f(batch)               the kernel itself, for your own xsimd code;
//   f(in, out)             contiguous ranges, out of place;
//   f(inout)               a contiguous range, in place;
//   f(in_ptr, out_ptr, n)  pointers and a count;
//   f(Arch{}, ...)         the three array forms for an explicit xsimd
//                          architecture (inside xsimd::dispatch, say).
// Every element goes through the same arithmetic wherever it sits, so it
// gets the same bits: the tail of an array is copied into a batch-sized
// buffer and run through the same kernel, never a scalar libm; a function
// may also give a `kernel_pair`, the kernel on two registers at once with
// each register's bits unchanged, which the array loop then uses (the exact
// float functions, detail/round_once.hpp).
// Two more families, at the end of this file, give the functions of three
// arrays the same forms: backward_function, f(dy, y) -> dx (the backward
// pass from the forward output), and two_output_function, f(z) -> {value,
// grad} (a function and its derivative from one evaluation).
//
// Mixing -march flags in one program. Every function here whose machine
// code depends on the instruction set lives in an inline namespace named
// after the instruction-set extensions this translation unit is compiled
// with (SQUASH_ISA_NAMESPACE below), and the array loop is also templated on
// the xsimd architecture it runs. So a file built with -mavx512f and one
// built for the x86-64 baseline get differently named copies, and the linker
// cannot hand the baseline file the AVX-512 one.
#ifndef SQUASH_ELEMENTWISE_HPP
#define SQUASH_ELEMENTWISE_HPP

#include "detail/config.hpp"
#if SQUASH_CXX17

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <type_traits>
#include <utility>
#if __cplusplus >= 202002L
#include <ranges>
#endif
#if !(defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND))
#include <cstdio>
#include <cstdlib>
#endif

#include "detail/platform.hpp"

#if defined(_MSC_VER) && !defined(__clang__) && (defined(_M_X64) || defined(_M_IX86))
#include <xmmintrin.h>  // _mm_prefetch
#endif

SQUASH_NAMESPACE_BEGIN

namespace detail {

// --- What an argument is -----------------------------------------------------

template <class T>
using remove_cvref_t = std::remove_cv_t<std::remove_reference_t<T>>;

// An xsimd architecture tag (xsimd::sse2, xsimd::avx2, xsimd::avx512bw, ...):
// an empty type with the static members every xsimd version gives them.
template <class A, class = void>
struct is_xsimd_arch : std::false_type {};
template <class A>
struct is_xsimd_arch<A, std::void_t<decltype(A::name()), decltype(A::alignment()), decltype(A::available())>>
    : std::is_empty<A> {};

template <class T>
struct is_batch : std::false_type {};
template <class T, class A>
struct is_batch<xsimd::batch<T, A>> : std::true_type {};

// The contiguous ranges the array forms take, found three ways:
//  - C++20: std::ranges::contiguous_range and sized_range (std::span,
//    subranges and views of contiguous memory, ...);
//  - std::data and std::size give a pointer and a count (std::vector,
//    std::array, C arrays, std::string, Eigen::ArrayXf / VectorXf, any type
//    with .data() and .size());
//  - begin and end are both plain pointers (std::valarray).
enum class access { none, ranges, data_size, pointer_iterators };

namespace adl {
using std::begin;
using std::end;
template <class R>
auto begin_of(R& r) -> decltype(begin(r))
{
    return begin(r);
}
template <class R>
auto end_of(R& r) -> decltype(end(r))
{
    return end(r);
}
}  // namespace adl

template <class R, class = void>
struct has_data_size : std::false_type {};
template <class R>
struct has_data_size<R, std::void_t<decltype(std::data(std::declval<R&>())), decltype(std::size(std::declval<R&>()))>>
    : std::is_pointer<decltype(std::data(std::declval<R&>()))> {};

template <class R, class = void>
struct has_pointer_iterators : std::false_type {};
template <class R>
struct has_pointer_iterators<R, std::void_t<decltype(adl::begin_of(std::declval<R&>())),
                                            decltype(adl::end_of(std::declval<R&>()))>>
    : std::bool_constant<std::is_pointer_v<decltype(adl::begin_of(std::declval<R&>()))> &&
                         std::is_same_v<decltype(adl::begin_of(std::declval<R&>())),
                                        decltype(adl::end_of(std::declval<R&>()))>> {};

template <class R>
constexpr access access_of()
{
#if __cplusplus >= 202002L
    if constexpr (std::ranges::contiguous_range<R&> && std::ranges::sized_range<R&>)
        return access::ranges;
    else
#endif
        if constexpr (has_data_size<R>::value)
        return access::data_size;
    else if constexpr (has_pointer_iterators<R>::value)
        return access::pointer_iterators;
    else
        return access::none;
}

// R is a reference or object type as deduced by a forwarding reference.
template <class R>
inline constexpr bool is_contiguous_range = access_of<std::remove_reference_t<R>>() != access::none;

// The pointer type range_data gives (T* or T const*), or void* for a type
// that is not a contiguous range, so the checks below can say so instead of
// failing somewhere deeper.
template <class R, access = access_of<R>()>
struct range_pointer {
    using type = void*;
};
#if __cplusplus >= 202002L
template <class R>
struct range_pointer<R, access::ranges> {
    using type = decltype(std::ranges::data(std::declval<R&>()));
};
#endif
template <class R>
struct range_pointer<R, access::data_size> {
    using type = decltype(std::data(std::declval<R&>()));
};
template <class R>
struct range_pointer<R, access::pointer_iterators> {
    using type = decltype(adl::begin_of(std::declval<R&>()));
};
template <class R>
using range_pointer_t = typename range_pointer<std::remove_reference_t<R>>::type;

template <class R>
using range_element_t = std::remove_cv_t<std::remove_pointer_t<range_pointer_t<R>>>;

template <class R>
inline constexpr bool is_writable_range = !std::is_const_v<std::remove_pointer_t<range_pointer_t<R>>>;

// Types that report strides (Eigen's blocks and maps) can have data() and
// size() without being contiguous: a row of a column-major matrix, a 2x2
// block of a 3x3 one, a Map with an inner stride. Their memory is contiguous
// only with unit inner stride and outer stride equal to the inner size.
template <class R, class = void>
struct reports_strides : std::false_type {};
template <class R>
struct reports_strides<R, std::void_t<decltype(std::declval<R const&>().innerStride()),
                                      decltype(std::declval<R const&>().outerStride()),
                                      decltype(std::declval<R const&>().innerSize()),
                                      decltype(std::declval<R const&>().outerSize())>> : std::true_type {};

// An integer scalar is computed as a double, like std::exp(0).
template <class T>
using scalar_value_t = std::conditional_t<std::is_integral_v<T>, double, T>;

// The compile-time checks of the array forms, as one flag each, so that a
// call with a bad argument stops at the library's one message: each
// static_assert below fires only if the ones before it passed, and the work
// is skipped (if constexpr) when any fails, so no cascade follows.
template <class In, class Out>
struct pair_checks {
    static constexpr bool ranges = is_contiguous_range<In> && is_contiguous_range<Out>;
    static constexpr bool element = !ranges || is_supported_value<range_element_t<In>>;
    static constexpr bool same = !ranges || !element || std::is_same_v<range_element_t<In>, range_element_t<Out>>;
    static constexpr bool writable = !ranges || is_writable_range<Out>;
    static constexpr bool ok = ranges && element && same && writable;
};

#define SQUASH_MESSAGE_NOT_A_RANGE                                                                                 \
    "squash: the argument must be a float or double, an xsimd::batch of them, or a contiguous range of them "      \
    "(std::vector, std::array, std::span, a C array, Eigen::ArrayXf, ...)"
#define SQUASH_MESSAGE_ELEMENT_TYPE "squash: the element type must be float or double (convert other types first)"
#define SQUASH_MESSAGE_SAME_TYPE "squash: input and output ranges must have the same element type"
#define SQUASH_MESSAGE_WRITABLE "squash: the output range must be writable (not const)"

// --- The code that depends on the instruction set --------------------------


// Every function below is compiled into the caller's code, hence in this
// namespace: even the ones whose source does not depend on the instruction
// set are compiled with this file's flags.

template <class R>
auto range_data(R& r)
{
    constexpr access how = access_of<R>();
#if __cplusplus >= 202002L
    if constexpr (how == access::ranges)
        return std::ranges::data(r);
    else
#endif
        if constexpr (how == access::data_size)
        return std::data(r);
    else
        return adl::begin_of(r);
}

template <class R>
std::size_t range_size(R& r)
{
    constexpr access how = access_of<R>();
#if __cplusplus >= 202002L
    if constexpr (how == access::ranges)
        return static_cast<std::size_t>(std::ranges::size(r));
    else
#endif
        if constexpr (how == access::data_size)
        return static_cast<std::size_t>(std::size(r));
    else
        return static_cast<std::size_t>(adl::end_of(r) - adl::begin_of(r));
}

template <class R>
bool is_dense(R const& r, std::size_t n)
{
    if constexpr (reports_strides<R>::value)
        return n <= 1 || (r.innerStride() == 1 && (r.outerSize() <= 1 || r.outerStride() == r.innerSize()));
    else
        return true;
}

// The text of a std::invalid_argument, built in a fixed buffer: no
// std::string code is instantiated here, so nothing of the error path is
// shared between translation units built with different flags.
class error_text {
public:
    error_text& operator<<(char const* s) noexcept
    {
        while (*s != '\0' && length_ + 1 < sizeof text_)
            text_[length_++] = *s++;
        text_[length_] = '\0';
        return *this;
    }
    error_text& operator<<(std::size_t v) noexcept
    {
        char digits[24];
        std::size_t count = 0;
        do {
            digits[count++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (count > 0 && length_ + 1 < sizeof text_)
            text_[length_++] = digits[--count];
        text_[length_] = '\0';
        return *this;
    }
    error_text& operator<<(std::ptrdiff_t v) noexcept
    {
        if (v < 0)
            *this << "-";
        // The magnitude as unsigned: -v overflows for the most negative value.
        return *this << (v < 0 ? std::size_t(0) - static_cast<std::size_t>(v) : static_cast<std::size_t>(v));
    }
    char const* c_str() const noexcept { return text_; }

private:
    char text_[320] = {};
    std::size_t length_ = 0;
};

// Throws std::invalid_argument; built without exceptions (-fno-exceptions),
// prints the message to stderr and aborts instead.
[[noreturn]] inline void fail(error_text const& text)
{
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
    throw std::invalid_argument(text.c_str());
#else
    std::fputs(text.c_str(), stderr);
    std::fputs("\n", stderr);
    std::abort();
#endif
}

[[noreturn]] inline void throw_size_mismatch(char const* function, std::size_t in, std::size_t out)
{
    error_text text;
    text << "squash::" << function << ": input has " << in << " elements but output has " << out
         << "; the sizes must be equal (nothing was written)";
    fail(text);
}

[[noreturn]] inline void throw_partial_overlap(char const* function, std::ptrdiff_t offset)
{
    error_text text;
    text << "squash::" << function << ": input and output overlap partially (output starts " << offset
         << " elements from the input); pass the same range for in place, or disjoint ranges (nothing was written)";
    fail(text);
}

[[noreturn]] inline void throw_null_pointer(char const* function, std::size_t n)
{
    error_text text;
    text << "squash::" << function << ": a null pointer with " << n << " elements (nothing was written)";
    fail(text);
}

[[noreturn]] inline void throw_not_contiguous(char const* function, char const* which)
{
    error_text text;
    text << "squash::" << function << ": the " << which
         << " range is not contiguous in memory (a strided view: copy it into an array first; nothing was written)";
    fail(text);
}

// Software prefetch of the inputs of large arrays, in the three loops below.
// A Zen 5's hardware prefetcher follows these loops or not depending on
// where the linker placed their code: with the same headers and data,
// fast::sigmoid on 16 Mi floats (AVX-512) took 0.20-0.27 ns per float at
// four of eight code offsets 8 bytes apart and 0.50-0.53 at the other four
// (AVX2: 0.62 at one of eight; sigmoid: 0.60 at one), and with every input
// line prefetched 4 KiB ahead 0.20-0.26 at all eight (sigmoid 0.41-0.45).
// Arrays that fit in the caches do not need it and would pay for the
// instructions (up to 5% at 64 KiB, fast tier), so only arrays of at least
// 1 MiB are prefetched (at 1 and 4 MiB it was neither slower nor faster).
inline constexpr std::size_t prefetch_distance_bytes = 4096;
inline constexpr std::size_t prefetch_min_bytes = std::size_t(1) << 20;
// One prefetch per cache line: 64 bytes on every x86-64 and most ARM cores
// (a smaller step would repeat prefetches, a larger one would skip lines).
inline constexpr std::size_t prefetch_line_bytes = 64;

template <class T>
SQUASH_INLINE bool worth_prefetching(std::size_t n) noexcept
{
    return n * sizeof(T) >= prefetch_min_bytes;
}

// A hint to fetch the cache lines of the `count` elements at p, plus
// prefetch_distance_bytes. The address may lie past the end of the array
// (a prefetch never faults), so it is formed as an integer: pointer
// arithmetic past the end would be undefined.
template <class T>
SQUASH_INLINE void prefetch_ahead(T const* p, std::size_t count) noexcept
{
    auto const ahead = reinterpret_cast<std::uintptr_t>(p) + prefetch_distance_bytes;
    for (std::size_t b = 0; b < count * sizeof(T); b += prefetch_line_bytes) {
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(reinterpret_cast<char const*>(ahead + b));
#elif defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
        _mm_prefetch(reinterpret_cast<char const*>(ahead + b), _MM_HINT_T0);
#endif
    }
}

// Whether Kernel has kernel_pair(z0, z1) for batches B: the kernels of two
// registers at once, each with the bits kernel gives it (the exact float
// kernels, detail/round_once.hpp).
template <class Kernel, class B, class = void>
struct has_kernel_pair : std::false_type {};
template <class Kernel, class B>
struct has_kernel_pair<Kernel, B, std::void_t<decltype(Kernel::kernel_pair(std::declval<B>(), std::declval<B>()))>>
    : std::true_type {};

// Runs Kernel over in[0, n) into out[0, n) with batches of architecture
// Arch. out == in is in place; the caller has excluded any other overlap.
// This is the one loop behind every array form (and behind the compiled
// squash::dispatch library), so they all give the same bits.
template <class Kernel, class T, class Arch>
void apply_range(T const* in, T* out, std::size_t n) noexcept
{
    using batch = xsimd::batch<T, Arch>;
    constexpr std::size_t width = batch::size;
    // Four independent batches per iteration: enough to hide the latency of
    // the kernel's dependency chain (division, polynomial).
    constexpr std::size_t unroll = 4;
    bool const prefetch = worth_prefetching<T>(n);
    std::size_t i = 0;
    for (; i + unroll * width <= n; i += unroll * width) {
        if (prefetch)
            prefetch_ahead(in + i, unroll * width);
        auto z0 = batch::load_unaligned(in + i);
        auto z1 = batch::load_unaligned(in + i + width);
        auto z2 = batch::load_unaligned(in + i + 2 * width);
        auto z3 = batch::load_unaligned(in + i + 3 * width);
        if constexpr (has_kernel_pair<Kernel, batch>::value) {
            auto r01 = Kernel::kernel_pair(z0, z1);
            auto r23 = Kernel::kernel_pair(z2, z3);
            r01[0].store_unaligned(out + i);
            r01[1].store_unaligned(out + i + width);
            r23[0].store_unaligned(out + i + 2 * width);
            r23[1].store_unaligned(out + i + 3 * width);
        } else {
            Kernel::kernel(z0).store_unaligned(out + i);
            Kernel::kernel(z1).store_unaligned(out + i + width);
            Kernel::kernel(z2).store_unaligned(out + i + 2 * width);
            Kernel::kernel(z3).store_unaligned(out + i + 3 * width);
        }
    }
    for (; i + width <= n; i += width)
        Kernel::kernel(batch::load_unaligned(in + i)).store_unaligned(out + i);
    if (i < n) {
        // No masked loads in xsimd 8: stage the tail in a zero-padded buffer,
        // so nothing outside [in, in + n) or [out, out + n) is touched.
        alignas(Arch::alignment()) T buffer[width] = {};
        std::copy(in + i, in + n, buffer);
        Kernel::kernel(batch::load_aligned(buffer)).store_aligned(buffer);
        std::copy(buffer, buffer + (n - i), out + i);
    }
}

// The scalar form: the batch kernel on a broadcast value, so a scalar result
// has the bits of the same value inside an array.
template <class Kernel, class T, class Arch>
T apply_scalar(T z) noexcept
{
    using batch = xsimd::batch<T, Arch>;
    alignas(Arch::alignment()) T lanes[batch::size];
    Kernel::kernel(batch(z)).store_aligned(lanes);
    return lanes[0];
}

// The checks every array form makes before writing anything: equal sizes,
// non-null pointers, and no overlap other than the very same memory.
template <class T>
void check_arrays(char const* function, T const* in, std::size_t n_in, T const* out, std::size_t n_out)
{
    if (n_in != n_out)
        throw_size_mismatch(function, n_in, n_out);
    if (n_in == 0)
        return;
    if (in == nullptr || out == nullptr)
        throw_null_pointer(function, n_in);
    if (in != out) {
        // std::less gives a total order even on pointers into unrelated
        // objects, where the built-in < would be unspecified.
        std::less<T const*> before;
        if (before(out, in + n_in) && before(in, out + n_in))
            throw_partial_overlap(function, out - in);
    }
}


}  // namespace detail


template <class Derived>
struct elementwise_function {
    // f(z) for a float or double z; an integer z is computed as a double.
    template <class T, class Arch = xsimd::default_arch, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
    detail::scalar_value_t<T> operator()(T z) const
    {
        using V = detail::scalar_value_t<T>;
        static_assert(detail::is_supported_value<V>, SQUASH_MESSAGE_ELEMENT_TYPE);
        if constexpr (detail::is_supported_value<V>)
            return detail::apply_scalar<Derived, V, Arch>(static_cast<V>(z));
        else
            return V{};
    }

    // The kernel on one register, for use inside your own xsimd code.
    template <class T, class A>
    xsimd::batch<T, A> operator()(xsimd::batch<T, A> z) const noexcept
    {
        static_assert(detail::is_supported_value<T>, SQUASH_MESSAGE_ELEMENT_TYPE);
        if constexpr (detail::is_supported_value<T>)
            return Derived::kernel(z);
        else
            return z;
    }

    // out[i] = f(in[i]) over contiguous ranges. Throws std::invalid_argument,
    // before writing anything, if the sizes differ or the ranges overlap
    // without being the same memory (the same memory is in place).
    template <class In, class Out, class Arch = xsimd::default_arch,
              std::enable_if_t<!detail::is_xsimd_arch<detail::remove_cvref_t<In>>::value, int> = 0>
    void operator()(In&& in, Out&& out) const
    {
        run_ranges<Arch>(in, out);
    }

    // In place over a contiguous range.
    template <class R, class Arch = xsimd::default_arch,
              std::enable_if_t<!std::is_arithmetic_v<detail::remove_cvref_t<R>> &&
                                   !detail::is_batch<detail::remove_cvref_t<R>>::value,
                               int> = 0>
    void operator()(R&& inout) const
    {
        run_ranges<Arch>(inout, inout);
    }

    // out[i] = f(in[i]) for i < n, for code that has pointers. The same
    // checks as the range form: out == in is in place, any other overlap
    // throws, and so does a null pointer with n > 0.
    template <class In, class Out, class Arch = xsimd::default_arch>
    void operator()(In* in, Out* out, std::size_t n) const
    {
        run_pointers<Arch>(in, out, n);
    }

    // The array forms for an explicit xsimd architecture, compiled in a
    // translation unit whose flags enable it: f(xsimd::avx2{}, in, out),
    // f(Arch{}, inout), f(Arch{}, in_ptr, out_ptr, n). Inside
    // xsimd::dispatch, the functor passes its Arch on.
    template <class Arch, class In, class Out, std::enable_if_t<detail::is_xsimd_arch<Arch>::value, int> = 0>
    void operator()(Arch, In&& in, Out&& out) const
    {
        run_ranges<Arch>(in, out);
    }

    template <class Arch, class R, std::enable_if_t<detail::is_xsimd_arch<Arch>::value, int> = 0>
    void operator()(Arch, R&& inout) const
    {
        run_ranges<Arch>(inout, inout);
    }

    template <class Arch, class In, class Out, std::enable_if_t<detail::is_xsimd_arch<Arch>::value, int> = 0>
    void operator()(Arch, In* in, Out* out, std::size_t n) const
    {
        run_pointers<Arch>(in, out, n);
    }

private:
    template <class Arch, class In, class Out>
    static void run_ranges(In& in, Out& out)
    {
        using checks = detail::pair_checks<In&, Out&>;
        static_assert(checks::ranges, SQUASH_MESSAGE_NOT_A_RANGE);
        static_assert(checks::element, SQUASH_MESSAGE_ELEMENT_TYPE);
        static_assert(checks::same, SQUASH_MESSAGE_SAME_TYPE);
        static_assert(checks::writable, SQUASH_MESSAGE_WRITABLE);
        if constexpr (checks::ok) {
            std::size_t const n_in = detail::range_size(in);
            std::size_t const n_out = detail::range_size(out);
            auto const* src = detail::range_data(in);
            auto* dst = detail::range_data(out);
            if (!detail::is_dense(in, n_in))
                detail::throw_not_contiguous(Derived::name, "input");
            if (!detail::is_dense(out, n_out))
                detail::throw_not_contiguous(Derived::name, "output");
            detail::check_arrays(Derived::name, src, n_in, dst, n_out);
            if (n_in != 0)
                detail::apply_range<Derived, detail::range_element_t<In&>, Arch>(src, dst, n_in);
        }
    }

    template <class Arch, class In, class Out>
    static void run_pointers(In* in, Out* out, std::size_t n)
    {
        using T = std::remove_cv_t<In>;
        static_assert(detail::is_supported_value<T>, SQUASH_MESSAGE_ELEMENT_TYPE);
        static_assert(!detail::is_supported_value<T> || std::is_same_v<T, std::remove_cv_t<Out>>,
                      SQUASH_MESSAGE_SAME_TYPE);
        static_assert(!detail::is_supported_value<T> || !std::is_same_v<T, std::remove_cv_t<Out>> ||
                          !std::is_const_v<Out>,
                      SQUASH_MESSAGE_WRITABLE);
        if constexpr (detail::is_supported_value<T> && std::is_same_v<T, Out>) {
            detail::check_arrays<T>(Derived::name, in, n, out, n);
            if (n != 0)
                detail::apply_range<Derived, T, Arch>(in, out, n);
        }
    }
};

// --- Three-array functions (backward, forward with gradient) ------------------
// Two more families built the same way, each from one static kernel:
//   backward_function      kernel(dy, y) -> dx: the backward pass from the
//                          forward output (sigmoid_backward, ...);
//   two_output_function    kernel(z) -> {value, grad}: a function and its
//                          derivative from one evaluation (sigmoid_with_grad).
// Their array forms take three arrays of one size; the checks, the loop and
// the tail handling are those of the unary forms.

// What a two-output function returns for one value or one batch.
template <class V>
struct value_and_grad {
    V value;
    V grad;
};

namespace detail {

// The element type of a scalar call with two arguments: an integer takes
// the type of the other argument (double if both are integers), as
// std::pow(2, 0.5f) would not, but as a reader of f(1, y) expects.
template <class A, class B>
struct scalar_pair {
    using first = std::conditional_t<std::is_integral_v<A>, std::conditional_t<std::is_integral_v<B>, double, B>, A>;
    using second = std::conditional_t<std::is_integral_v<B>, first, B>;
};

// The compile-time checks of a three-array form, as flags (see pair_checks).
// SecondIsOutput: the second array is written too (two outputs), not read.
template <class R1, class R2, class R3, bool SecondIsOutput>
struct triple_checks {
    static constexpr bool ranges = is_contiguous_range<R1> && is_contiguous_range<R2> && is_contiguous_range<R3>;
    static constexpr bool element = !ranges || is_supported_value<range_element_t<R1>>;
    static constexpr bool same = !ranges || !element ||
                                 (std::is_same_v<range_element_t<R1>, range_element_t<R2>> &&
                                  std::is_same_v<range_element_t<R1>, range_element_t<R3>>);
    static constexpr bool writable = !ranges || (is_writable_range<R3> && (!SecondIsOutput || is_writable_range<R2>));
    static constexpr bool ok = ranges && element && same && writable;
};

// One array of a three-array call, for the checks and their messages.
template <class T>
struct named_array {
    char const* name;
    T const* data;
    std::size_t size;
};

[[noreturn]] inline void throw_sizes_differ(char const* function, char const* const (&names)[3],
                                            std::size_t const (&sizes)[3])
{
    error_text text;
    text << "squash::" << function << ": " << names[0] << " has " << sizes[0] << " elements, " << names[1]
         << " has " << sizes[1] << " and " << names[2] << " has " << sizes[2]
         << "; the sizes must be equal (nothing was written)";
    fail(text);
}

[[noreturn]] inline void throw_arrays_overlap(char const* function, char const* output, char const* other,
                                              std::ptrdiff_t offset, bool may_be_same)
{
    error_text text;
    text << "squash::" << function << ": " << output << " and " << other << " overlap (" << output << " starts "
         << offset << " elements from " << other << "); "
         << (may_be_same ? "pass the same array for in place, or disjoint arrays"
                         : "they must be disjoint")
         << " (nothing was written)";
    fail(text);
}

// output against another array of the same call: disjoint, or (where
// may_be_same) the very same memory.
template <class T>
void check_no_overlap(char const* function, named_array<T> output, named_array<T> other, bool may_be_same)
{
    if (output.data == other.data && may_be_same)
        return;
    std::less<T const*> before;
    std::size_t const n = output.size;
    if (before(output.data, other.data + n) && before(other.data, output.data + n))
        throw_arrays_overlap(function, output.name, other.name, output.data - other.data, may_be_same);
}

// The checks of a three-array call, before anything is written: equal
// sizes, no null pointer when n > 0, then the overlap rules of the family.
template <class T>
void check_three_sizes(char const* function, named_array<T> const (&arrays)[3])
{
    if (arrays[0].size != arrays[1].size || arrays[0].size != arrays[2].size)
        throw_sizes_differ(function, {arrays[0].name, arrays[1].name, arrays[2].name},
                           {arrays[0].size, arrays[1].size, arrays[2].size});
    if (arrays[0].size != 0)
        for (auto const& a : arrays)
            if (a.data == nullptr)
                throw_null_pointer(function, a.size);
}

// Backward: dx may be dy or y (in place), nothing else; dy and y are only
// read, so they may overlap each other in any way.
template <class T>
void check_backward_arrays(char const* function, named_array<T> dy, named_array<T> y, named_array<T> dx)
{
    check_three_sizes(function, {dy, y, dx});
    if (dx.size == 0)
        return;
    check_no_overlap(function, dx, dy, true);
    check_no_overlap(function, dx, y, true);
}

// Two outputs: each may be the input (in place), and they must be disjoint.
template <class T>
void check_two_output_arrays(char const* function, named_array<T> z, named_array<T> y, named_array<T> g)
{
    check_three_sizes(function, {z, y, g});
    if (z.size == 0)
        return;
    check_no_overlap(function, y, z, true);
    check_no_overlap(function, g, z, true);
    check_no_overlap(function, g, y, false);
}

// dx[i] = Kernel::kernel(dy[i], y[i]) over the arrays, with batches of Arch:
// the one loop behind every array form of a backward function. dx may be
// dy or y: each batch is loaded before its own result is stored.
template <class Kernel, class T, class Arch>
void apply_backward(T const* dy, T const* y, T* dx, std::size_t n) noexcept
{
    using batch = xsimd::batch<T, Arch>;
    constexpr std::size_t width = batch::size;
    constexpr std::size_t unroll = 4;
    bool const prefetch = worth_prefetching<T>(n);
    std::size_t i = 0;
    for (; i + unroll * width <= n; i += unroll * width) {
        if (prefetch) {
            prefetch_ahead(dy + i, unroll * width);
            prefetch_ahead(y + i, unroll * width);
        }
        auto g0 = batch::load_unaligned(dy + i);
        auto g1 = batch::load_unaligned(dy + i + width);
        auto g2 = batch::load_unaligned(dy + i + 2 * width);
        auto g3 = batch::load_unaligned(dy + i + 3 * width);
        auto y0 = batch::load_unaligned(y + i);
        auto y1 = batch::load_unaligned(y + i + width);
        auto y2 = batch::load_unaligned(y + i + 2 * width);
        auto y3 = batch::load_unaligned(y + i + 3 * width);
        Kernel::kernel(g0, y0).store_unaligned(dx + i);
        Kernel::kernel(g1, y1).store_unaligned(dx + i + width);
        Kernel::kernel(g2, y2).store_unaligned(dx + i + 2 * width);
        Kernel::kernel(g3, y3).store_unaligned(dx + i + 3 * width);
    }
    for (; i + width <= n; i += width)
        Kernel::kernel(batch::load_unaligned(dy + i), batch::load_unaligned(y + i)).store_unaligned(dx + i);
    if (i < n) {
        alignas(Arch::alignment()) T dy_tail[width] = {};
        alignas(Arch::alignment()) T y_tail[width] = {};
        std::copy(dy + i, dy + n, dy_tail);
        std::copy(y + i, y + n, y_tail);
        Kernel::kernel(batch::load_aligned(dy_tail), batch::load_aligned(y_tail)).store_aligned(dy_tail);
        std::copy(dy_tail, dy_tail + (n - i), dx + i);
    }
}

// value[i], grad[i] = Kernel::kernel(z[i]): the loop behind every array form
// of a two-output function. Either output may be z (in place).
template <class Kernel, class T, class Arch>
void apply_two_outputs(T const* z, T* value, T* grad, std::size_t n) noexcept
{
    using batch = xsimd::batch<T, Arch>;
    constexpr std::size_t width = batch::size;
    constexpr std::size_t unroll = 4;
    bool const prefetch = worth_prefetching<T>(n);
    std::size_t i = 0;
    for (; i + unroll * width <= n; i += unroll * width) {
        if (prefetch)
            prefetch_ahead(z + i, unroll * width);
        auto z0 = batch::load_unaligned(z + i);
        auto z1 = batch::load_unaligned(z + i + width);
        auto z2 = batch::load_unaligned(z + i + 2 * width);
        auto z3 = batch::load_unaligned(z + i + 3 * width);
        auto r0 = Kernel::kernel(z0);
        auto r1 = Kernel::kernel(z1);
        auto r2 = Kernel::kernel(z2);
        auto r3 = Kernel::kernel(z3);
        r0.value.store_unaligned(value + i);
        r0.grad.store_unaligned(grad + i);
        r1.value.store_unaligned(value + i + width);
        r1.grad.store_unaligned(grad + i + width);
        r2.value.store_unaligned(value + i + 2 * width);
        r2.grad.store_unaligned(grad + i + 2 * width);
        r3.value.store_unaligned(value + i + 3 * width);
        r3.grad.store_unaligned(grad + i + 3 * width);
    }
    for (; i + width <= n; i += width) {
        auto r = Kernel::kernel(batch::load_unaligned(z + i));
        r.value.store_unaligned(value + i);
        r.grad.store_unaligned(grad + i);
    }
    if (i < n) {
        alignas(Arch::alignment()) T z_tail[width] = {};
        alignas(Arch::alignment()) T grad_tail[width];
        std::copy(z + i, z + n, z_tail);
        auto r = Kernel::kernel(batch::load_aligned(z_tail));
        r.value.store_aligned(z_tail);
        r.grad.store_aligned(grad_tail);
        std::copy(z_tail, z_tail + (n - i), value + i);
        std::copy(grad_tail, grad_tail + (n - i), grad + i);
    }
}

// The data pointer and size of a range argument, checked to be dense.
template <class R>
auto dense_array(char const* function, char const* name, R& r)
{
    using T = range_element_t<R&>;
    std::size_t const n = range_size(r);
    if (!is_dense(r, n))
        throw_not_contiguous(function, name);
    return named_array<T>{name, range_data(r), n};
}

}  // namespace detail

// f(dy, y) -> dx for a function's backward pass from its forward output y.
template <class Derived>
struct backward_function {
    // One pair of values; an integer takes the other argument's type.
    template <class DY, class Y, class Arch = xsimd::default_arch,
              std::enable_if_t<std::is_arithmetic_v<DY> && std::is_arithmetic_v<Y>, int> = 0>
    typename detail::scalar_pair<DY, Y>::first operator()(DY dy, Y y) const
    {
        using V = typename detail::scalar_pair<DY, Y>::first;
        static_assert(std::is_same_v<V, typename detail::scalar_pair<DY, Y>::second>,
                      "squash: dy and y must have the same type");
        static_assert(detail::is_supported_value<V>, SQUASH_MESSAGE_ELEMENT_TYPE);
        if constexpr (detail::is_supported_value<V> &&
                      std::is_same_v<V, typename detail::scalar_pair<DY, Y>::second>) {
            using batch = xsimd::batch<V, Arch>;
            alignas(Arch::alignment()) V lanes[batch::size];
            Derived::kernel(batch(static_cast<V>(dy)), batch(static_cast<V>(y))).store_aligned(lanes);
            return lanes[0];
        } else {
            return V{};
        }
    }

    // The kernel on one register of each.
    template <class T, class A>
    xsimd::batch<T, A> operator()(xsimd::batch<T, A> dy, xsimd::batch<T, A> y) const noexcept
    {
        static_assert(detail::is_supported_value<T>, SQUASH_MESSAGE_ELEMENT_TYPE);
        if constexpr (detail::is_supported_value<T>)
            return Derived::kernel(dy, y);
        else
            return dy;
    }

    // dx[i] = f(dy[i], y[i]) over three contiguous ranges of one size. dx
    // may be the same memory as dy or as y (in place); any other overlap,
    // or a size mismatch, throws std::invalid_argument before writing.
    template <class DY, class Y, class DX>
    void operator()(DY&& dy, Y&& y, DX&& dx) const
    {
        run_ranges<xsimd::default_arch>(dy, y, dx);
    }

    template <class DY, class Y, class DX>
    void operator()(DY* dy, Y* y, DX* dx, std::size_t n) const
    {
        run_pointers<xsimd::default_arch>(dy, y, dx, n);
    }

    template <class Arch, class DY, class Y, class DX, std::enable_if_t<detail::is_xsimd_arch<Arch>::value, int> = 0>
    void operator()(Arch, DY&& dy, Y&& y, DX&& dx) const
    {
        run_ranges<Arch>(dy, y, dx);
    }

    template <class Arch, class DY, class Y, class DX, std::enable_if_t<detail::is_xsimd_arch<Arch>::value, int> = 0>
    void operator()(Arch, DY* dy, Y* y, DX* dx, std::size_t n) const
    {
        run_pointers<Arch>(dy, y, dx, n);
    }

private:
    template <class Arch, class DY, class Y, class DX>
    static void run_ranges(DY& dy, Y& y, DX& dx)
    {
        using checks = detail::triple_checks<DY&, Y&, DX&, false>;
        static_assert(checks::ranges, SQUASH_MESSAGE_NOT_A_RANGE);
        static_assert(checks::element, SQUASH_MESSAGE_ELEMENT_TYPE);
        static_assert(checks::same, SQUASH_MESSAGE_SAME_TYPE);
        static_assert(checks::writable, SQUASH_MESSAGE_WRITABLE);
        if constexpr (checks::ok) {
            auto const a = detail::dense_array(Derived::name, "dy", dy);
            auto const b = detail::dense_array(Derived::name, "y", y);
            auto const c = detail::dense_array(Derived::name, "dx", dx);
            detail::check_backward_arrays(Derived::name, a, b, c);
            if (a.size != 0)
                detail::apply_backward<Derived, detail::range_element_t<DY&>, Arch>(a.data, b.data,
                                                                                    detail::range_data(dx), a.size);
        }
    }

    template <class Arch, class DY, class Y, class DX>
    static void run_pointers(DY* dy, Y* y, DX* dx, std::size_t n)
    {
        using T = std::remove_cv_t<DY>;
        constexpr bool same = std::is_same_v<T, std::remove_cv_t<Y>> && std::is_same_v<T, std::remove_cv_t<DX>>;
        static_assert(detail::is_supported_value<T>, SQUASH_MESSAGE_ELEMENT_TYPE);
        static_assert(!detail::is_supported_value<T> || same, SQUASH_MESSAGE_SAME_TYPE);
        static_assert(!detail::is_supported_value<T> || !same || !std::is_const_v<DX>, SQUASH_MESSAGE_WRITABLE);
        if constexpr (detail::is_supported_value<T> && same && !std::is_const_v<DX>) {
            detail::check_backward_arrays<T>(Derived::name, {"dy", dy, n}, {"y", y, n}, {"dx", dx, n});
            if (n != 0)
                detail::apply_backward<Derived, T, Arch>(dy, y, dx, n);
        }
    }
};

// f(z) -> {value, grad}: a function and its derivative from one evaluation.
template <class Derived>
struct two_output_function {
    // One value (an integer is computed as a double): auto [y, g] = f(z).
    template <class T, class Arch = xsimd::default_arch, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
    value_and_grad<detail::scalar_value_t<T>> operator()(T z) const
    {
        using V = detail::scalar_value_t<T>;
        static_assert(detail::is_supported_value<V>, SQUASH_MESSAGE_ELEMENT_TYPE);
        if constexpr (detail::is_supported_value<V>) {
            using batch = xsimd::batch<V, Arch>;
            alignas(Arch::alignment()) V value[batch::size];
            alignas(Arch::alignment()) V grad[batch::size];
            auto r = Derived::kernel(batch(static_cast<V>(z)));
            r.value.store_aligned(value);
            r.grad.store_aligned(grad);
            return {value[0], grad[0]};
        } else {
            return {};
        }
    }

    // The kernel on one register.
    template <class T, class A>
    value_and_grad<xsimd::batch<T, A>> operator()(xsimd::batch<T, A> z) const noexcept
    {
        static_assert(detail::is_supported_value<T>, SQUASH_MESSAGE_ELEMENT_TYPE);
        if constexpr (detail::is_supported_value<T>)
            return Derived::kernel(z);
        else
            return {z, z};
    }

    // value[i], grad[i] = f(z[i]) over three contiguous ranges of one size.
    // Either output may be the same memory as z (in place); the outputs
    // must be disjoint; anything else, or a size mismatch, throws
    // std::invalid_argument before writing.
    template <class Z, class Y, class G>
    void operator()(Z&& z, Y&& value, G&& grad) const
    {
        run_ranges<xsimd::default_arch>(z, value, grad);
    }

    template <class Z, class Y, class G>
    void operator()(Z* z, Y* value, G* grad, std::size_t n) const
    {
        run_pointers<xsimd::default_arch>(z, value, grad, n);
    }

    template <class Arch, class Z, class Y, class G, std::enable_if_t<detail::is_xsimd_arch<Arch>::value, int> = 0>
    void operator()(Arch, Z&& z, Y&& value, G&& grad) const
    {
        run_ranges<Arch>(z, value, grad);
    }

    template <class Arch, class Z, class Y, class G, std::enable_if_t<detail::is_xsimd_arch<Arch>::value, int> = 0>
    void operator()(Arch, Z* z, Y* value, G* grad, std::size_t n) const
    {
        run_pointers<Arch>(z, value, grad, n);
    }

private:
    template <class Arch, class Z, class Y, class G>
    static void run_ranges(Z& z, Y& value, G& grad)
    {
        using checks = detail::triple_checks<Z&, Y&, G&, true>;
        static_assert(checks::ranges, SQUASH_MESSAGE_NOT_A_RANGE);
        static_assert(checks::element, SQUASH_MESSAGE_ELEMENT_TYPE);
        static_assert(checks::same, SQUASH_MESSAGE_SAME_TYPE);
        static_assert(checks::writable, SQUASH_MESSAGE_WRITABLE);
        if constexpr (checks::ok) {
            auto const a = detail::dense_array(Derived::name, "z", z);
            auto const b = detail::dense_array(Derived::name, Derived::value_name, value);
            auto const c = detail::dense_array(Derived::name, Derived::grad_name, grad);
            detail::check_two_output_arrays(Derived::name, a, b, c);
            if (a.size != 0)
                detail::apply_two_outputs<Derived, detail::range_element_t<Z&>, Arch>(
                    a.data, detail::range_data(value), detail::range_data(grad), a.size);
        }
    }

    template <class Arch, class Z, class Y, class G>
    static void run_pointers(Z* z, Y* value, G* grad, std::size_t n)
    {
        using T = std::remove_cv_t<Z>;
        constexpr bool same = std::is_same_v<T, std::remove_cv_t<Y>> && std::is_same_v<T, std::remove_cv_t<G>>;
        static_assert(detail::is_supported_value<T>, SQUASH_MESSAGE_ELEMENT_TYPE);
        static_assert(!detail::is_supported_value<T> || same, SQUASH_MESSAGE_SAME_TYPE);
        static_assert(!detail::is_supported_value<T> || !same || !(std::is_const_v<Y> || std::is_const_v<G>),
                      SQUASH_MESSAGE_WRITABLE);
        if constexpr (detail::is_supported_value<T> && same && !std::is_const_v<Y> && !std::is_const_v<G>) {
            detail::check_two_output_arrays<T>(Derived::name, {"z", z, n}, {Derived::value_name, value, n},
                                               {Derived::grad_name, grad, n});
            if (n != 0)
                detail::apply_two_outputs<Derived, T, Arch>(z, value, grad, n);
        }
    }
};


SQUASH_NAMESPACE_END

#undef SQUASH_MESSAGE_NOT_A_RANGE
#undef SQUASH_MESSAGE_ELEMENT_TYPE
#undef SQUASH_MESSAGE_SAME_TYPE
#undef SQUASH_MESSAGE_WRITABLE

#endif  // SQUASH_CXX17
#endif
