// squash — SIMD logistic activation functions.
// SPDX-License-Identifier: MIT
//
// The call forms. Each function object (sigmoid, sigmoid_grad,
// bipolar_sigmoid) writes its math once, as a static `kernel` on an
// xsimd::batch; elementwise_function turns that one kernel into
//   f(z)          scalar: z broadcast into a batch, lane 0 returned;
//   f(batch)      the kernel itself, for use inside your own xsimd code;
//   f(in, out)    contiguous ranges, out-of-place;
//   f(inout)      contiguous range, in place.
// Every element therefore goes through the same instructions wherever it
// sits, so it gets the same bits: the tail of a range is copied into a
// batch-sized buffer and run through the same kernel, never a scalar libm.
#ifndef SQUASH_ELEMENTWISE_HPP
#define SQUASH_ELEMENTWISE_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ranges>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "detail/platform.hpp"

namespace squash {

namespace detail {

template <class R>
concept contiguous_sized_range = std::ranges::contiguous_range<R> && std::ranges::sized_range<R>;

template <class R>
using element_t = std::remove_cv_t<std::ranges::range_value_t<R>>;

template <class R>
inline constexpr bool is_writable_range =
    !std::is_const_v<std::remove_reference_t<std::ranges::range_reference_t<R>>>;

template <class T>
constexpr void require_supported_value()
{
    static_assert(is_supported_value<T>,
                  "squash: the element type must be float or double (convert other types first)");
}

[[noreturn]] inline void throw_size_mismatch(char const* function, std::size_t in, std::size_t out)
{
    throw std::invalid_argument(std::string("squash::") + function + ": input has " + std::to_string(in) +
                                " elements but output has " + std::to_string(out) +
                                "; the sizes must be equal (nothing was written)");
}

[[noreturn]] inline void throw_partial_overlap(char const* function, std::ptrdiff_t offset)
{
    throw std::invalid_argument(std::string("squash::") + function +
                                ": input and output overlap partially (output starts " +
                                std::to_string(offset) +
                                " elements from the input); pass the same range for in place, or disjoint "
                                "ranges (nothing was written)");
}

// Runs Kernel over in[0, n) into out[0, n). out == in is in place; the
// caller has excluded any other overlap.
template <class Kernel, class T>
inline void apply_range(T const* in, T* out, std::size_t n)
{
    using batch = xsimd::batch<T>;
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
        alignas(batch::arch_type::alignment()) T buffer[width] = {};
        std::copy(in + i, in + n, buffer);
        Kernel::kernel(batch::load_aligned(buffer)).store_aligned(buffer);
        std::copy(buffer, buffer + (n - i), out + i);
    }
}

}  // namespace detail

template <class Derived>
struct elementwise_function {
    // Scalar: the batch kernel on a broadcast value, so a scalar result has
    // the bits of the same value inside a range.
    template <class T>
        requires std::is_arithmetic_v<T>
    T operator()(T z) const
    {
        detail::require_supported_value<T>();
        using batch = xsimd::batch<T>;
        alignas(batch::arch_type::alignment()) T lanes[batch::size];
        Derived::kernel(batch(z)).store_aligned(lanes);
        return lanes[0];
    }

    template <class T, class A>
    xsimd::batch<T, A> operator()(xsimd::batch<T, A> z) const noexcept
    {
        detail::require_supported_value<T>();
        return Derived::kernel(z);
    }

    // Out-of-place over contiguous ranges. Throws std::invalid_argument,
    // before writing anything, if the sizes differ or the ranges overlap
    // without being the same memory.
    template <class In, class Out>
        requires detail::contiguous_sized_range<In> && detail::contiguous_sized_range<Out>
    void operator()(In&& in, Out&& out) const
    {
        using T = detail::element_t<In>;
        detail::require_supported_value<T>();
        static_assert(std::is_same_v<T, detail::element_t<Out>>,
                      "squash: input and output ranges must have the same element type");
        static_assert(detail::is_writable_range<Out>, "squash: the output range must be writable (not const)");
        auto const n_in = static_cast<std::size_t>(std::ranges::size(in));
        auto const n_out = static_cast<std::size_t>(std::ranges::size(out));
        if (n_in != n_out)
            detail::throw_size_mismatch(Derived::name, n_in, n_out);
        if (n_in == 0)
            return;
        T const* src = std::ranges::data(in);
        T* dst = std::ranges::data(out);
        if (src != dst) {
            // std::less gives a total order even on pointers into unrelated
            // objects, where the built-in < would be unspecified.
            std::less<T const*> before;
            if (before(dst, src + n_in) && before(src, dst + n_in))
                detail::throw_partial_overlap(Derived::name, dst - src);
        }
        detail::apply_range<Derived>(src, dst, n_in);
    }

    // In place over a contiguous range.
    template <class R>
        requires detail::contiguous_sized_range<R>
    void operator()(R&& inout) const
    {
        using T = detail::element_t<R>;
        detail::require_supported_value<T>();
        static_assert(detail::is_writable_range<R>, "squash: the in-place form needs a writable (non-const) range");
        T* data = std::ranges::data(inout);
        detail::apply_range<Derived>(data, data, static_cast<std::size_t>(std::ranges::size(inout)));
    }
};

}  // namespace squash

#endif
