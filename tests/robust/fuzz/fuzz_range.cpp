// libFuzzer target: arbitrary bytes become one range call, whose every
// element must equal the scalar form bit for bit (NaN: both NaN) and obey
// the range invariants. Buffers are exactly sized, so ASan sees any access
// outside them. Input layout (the seed corpus in ../fuzz_corpus follows it):
//   byte 0        function: an entry of tests/function_table.hpp (mod its
//                 length: 0 sigmoid, 1 sigmoid_grad, 2 bipolar_sigmoid, then
//                 the other tiers)
//   byte 1        element type: even float, odd double
//   byte 2        form (mod 3): 0 out-of-place into a separate buffer,
//                 1 in place, 2 input and output inside one buffer at the two
//                 offsets (same start: in place; overlapping: must throw)
//   bytes 3-4     length, little-endian, mod 301
//   byte 5, 6     input and output offsets in elements, mod 32
//   rest          raw bit patterns of the input elements (little-endian),
//                 repeated as needed; all-zero if absent
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "function_table.hpp"

namespace {

constexpr std::size_t max_length = 300;
constexpr std::size_t max_offset = 31;
using squash_test::function_entry;
using squash_test::shape;
char const* const form_names[] = {"out-of-place", "in place", "one buffer"};

struct request {
    unsigned function, form;
    bool is_double;
    std::size_t n, in_offset, out_offset;
    std::uint8_t const* payload;
    std::size_t payload_size;
};

request decode(std::uint8_t const* data, std::size_t size)
{
    auto byte = [&](std::size_t i) -> unsigned { return i < size ? data[i] : 0u; };
    request r{};
    r.function = byte(0) % static_cast<unsigned>(squash_test::function_count);
    r.is_double = (byte(1) & 1) != 0;
    r.form = byte(2) % 3;
    r.n = (byte(3) | (byte(4) << 8)) % (max_length + 1);
    r.in_offset = byte(5) % (max_offset + 1);
    r.out_offset = byte(6) % (max_offset + 1);
    r.payload = size > 7 ? data + 7 : nullptr;
    r.payload_size = size > 7 ? size - 7 : 0;
    return r;
}

template <class T>
auto bits(T x)
{
    std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t> b;
    std::memcpy(&b, &x, sizeof b);
    return b;
}

template <class T>
T element(request const& r, std::size_t i)
{
    std::uint8_t raw[sizeof(T)] = {};
    for (std::size_t j = 0; j < sizeof(T) && r.payload_size != 0; ++j)
        raw[j] = r.payload[(i * sizeof(T) + j) % r.payload_size];
    T x;
    std::memcpy(&x, raw, sizeof x);  // x86 is little-endian, as the layout says
    return x;
}

[[noreturn]] void fail(request const& r, char const* what, std::size_t i, double z, double got, double want)
{
    std::fprintf(stderr,
                 "\nsquash fuzz FAILURE: %s\n  squash::%s<%s>, %s form, n = %zu, in offset %zu, out offset %zu\n"
                 "  element %zu: z = %a (%.17g)\n  got  %a (%.17g)\n  want %a (%.17g)\n",
                 what, squash_test::functions[r.function].name, r.is_double ? "double" : "float", form_names[r.form], r.n,
                 r.in_offset, r.out_offset, i, z, z, got, got, want, want);
    std::abort();
}

template <class T>
void check_elements(request const& r, squash_test::call_forms<T> const& f, shape kind, T const* z, T const* out,
                    double lo, double hi)
{
    for (std::size_t i = 0; i < r.n; ++i) {
        T const want = f.scalar(z[i]);
        T const got = out[i];
        bool const same = bits(got) == bits(want) || (std::isnan(got) && std::isnan(want));
        if (!same)
            fail(r, "range form differs from the scalar form", i, z[i], got, want);
        if (std::isnan(z[i]) != std::isnan(got))
            fail(r, "NaN in must give NaN out, and only NaN in", i, z[i], got, want);
        if (!std::isnan(got) && !(got >= lo && got <= hi))
            fail(r, "result outside the function's range", i, z[i], got, want);
        // Exact symmetries the kernels are built to have: σ' even, σ₂ odd.
        if ((kind == shape::even_peak || kind == shape::odd_increasing) && !std::isnan(z[i])) {
            T const mirrored = f.scalar(-z[i]);
            T const expected_mirror = kind == shape::even_peak ? want : -want;
            if (bits(mirrored) != bits(expected_mirror))
                fail(r, kind == shape::even_peak ? "f(-z) != f(z) for an even function"
                                                 : "f(-z) != -f(z) for an odd function",
                     i, z[i], mirrored, expected_mirror);
        }
    }
}

template <class T>
void run(request const& r, function_entry const& entry)
{
    auto const& f = squash_test::forms<T>(entry);
    auto const& math = squash_test::info(entry.math);
    shape const kind = math.kind;
    double const lo = math.lowest, hi = math.highest;
    std::size_t const n = r.n;
    // Exactly sized: ASan flags a single element read or written past the end.
    std::unique_ptr<T[]> input(new T[r.in_offset + n]);
    for (std::size_t i = 0; i < r.in_offset + n; ++i)
        input[i] = element<T>(r, i);
    std::unique_ptr<T[]> original(new T[r.in_offset + n]);
    std::memcpy(original.get(), input.get(), (r.in_offset + n) * sizeof(T));
    T const* z = original.get() + r.in_offset;

    if (r.form == 0) {
        T const sentinel = T(-7.25);
        std::unique_ptr<T[]> out(new T[r.out_offset + n]);
        for (std::size_t i = 0; i < r.out_offset + n; ++i)
            out[i] = sentinel;
        f.span_range(input.get() + r.in_offset, n, out.get() + r.out_offset, n);
        if (std::memcmp(input.get(), original.get(), (r.in_offset + n) * sizeof(T)) != 0)
            fail(r, "out-of-place call modified its input", 0, 0, 0, 0);
        for (std::size_t i = 0; i < r.out_offset; ++i)
            if (bits(out[i]) != bits(sentinel))
                fail(r, "write before the output range", i, 0, out[i], sentinel);
        check_elements(r, f, kind, z, out.get() + r.out_offset, lo, hi);
    } else if (r.form == 1) {
        f.in_place(input.get() + r.in_offset, n);
        check_elements(r, f, kind, z, input.get() + r.in_offset, lo, hi);
    } else {
        // One buffer holding both ranges.
        std::size_t const size = std::max(r.in_offset, r.out_offset) + n;
        std::unique_ptr<T[]> buffer(new T[size]);
        for (std::size_t i = 0; i < size; ++i)
            buffer[i] = element<T>(r, i);
        std::unique_ptr<T[]> before(new T[size]);
        std::memcpy(before.get(), buffer.get(), size * sizeof(T));
        std::size_t const distance = r.in_offset > r.out_offset ? r.in_offset - r.out_offset
                                                                : r.out_offset - r.in_offset;
        bool const partial_overlap = n != 0 && distance != 0 && distance < n;
        bool threw = false;
        try {
            // The pointer form: the same checks as the span form.
            f.range(buffer.get() + r.in_offset, buffer.get() + r.out_offset, n);
        } catch (std::invalid_argument const&) {
            threw = true;
        }
        if (threw != partial_overlap)
            fail(r, partial_overlap ? "partial overlap not rejected" : "valid ranges rejected", 0, 0, 0, 0);
        if (threw) {
            if (std::memcmp(buffer.get(), before.get(), size * sizeof(T)) != 0)
                fail(r, "rejected call wrote to the buffer", 0, 0, 0, 0);
            return;
        }
        check_elements(r, f, kind, before.get() + r.in_offset, buffer.get() + r.out_offset, lo, hi);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    request const r = decode(data, size);
    function_entry const& entry = squash_test::functions[r.function];
    if (r.is_double)
        run<double>(r, entry);
    else
        run<float>(r, entry);
    return 0;
}
