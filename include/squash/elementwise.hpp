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
// Every element goes through the same instructions wherever it sits, so it
// gets the same bits: the tail of an array is copied into a batch-sized
// buffer and run through the same kernel, never a scalar libm.
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
    std::size_t i = 0;
    for (; i + unroll * width <= n; i += unroll * width) {
        auto z0 = batch::load_unaligned(in + i);
        auto z1 = batch::load_unaligned(in + i + width);
        auto z2 = batch::load_unaligned(in + i + 2 * width);
        auto z3 = batch::load_unaligned(in + i + 3 * width);
        Kernel::kernel(z0).store_unaligned(out + i);
        Kernel::kernel(z1).store_unaligned(out + i + width);
        Kernel::kernel(z2).store_unaligned(out + i + 2 * width);
        Kernel::kernel(z3).store_unaligned(out + i + 3 * width);
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


SQUASH_NAMESPACE_END

#undef SQUASH_MESSAGE_NOT_A_RANGE
#undef SQUASH_MESSAGE_ELEMENT_TYPE
#undef SQUASH_MESSAGE_SAME_TYPE
#undef SQUASH_MESSAGE_WRITABLE

#endif  // SQUASH_CXX17
#endif
