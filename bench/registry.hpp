// squash benchmarks: the list of implementations under test.
//
// Every implementation is a plain function over arrays, registered by name
// at static-initialization time from the file that defines it, so a row is
// in the binary exactly when CMake compiled its file. The benchmark driver
// (main.cpp) and the instruction-count mode read this one list.
//
// Three shapes of function are known (see functions.hpp for which function
// has which shape):
//   unary        out[i] = f(z[i])                       sigmoid, log_sigmoid, copy, ...
//   backward     dx[i]  = f(dy[i], second[i])           sigmoid_backward: second is y = σ(z)
//                                                       for the framework form, or z for a
//                                                       peer that recomputes from z
//   two_outputs  (y[i], g[i]) = f(z[i])                 sigmoid_with_grad
#ifndef SQUASH_BENCH_REGISTRY_HPP
#define SQUASH_BENCH_REGISTRY_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace squash_bench {

template <class T>
using unary_fn = void (*)(T const* z, T* out, std::size_t n);
template <class T>
using backward_fn = void (*)(T const* dy, T const* second, T* dx, std::size_t n);
template <class T>
using two_outputs_fn = void (*)(T const* z, T* out, T* out2, std::size_t n);

// What a row reports as the instruction set it ran (bench/compare prints
// it per row). Null: the build's xsimd architecture, which is what squash
// and the xsimd loop use. Called from main, never during static
// initialization (a library asked here may not be initialized yet).
using isa_fn = char const* (*)();

// The second operand of a backward implementation.
enum class second_operand { y, z };

template <class T>
struct implementation {
    std::string function;  // sigmoid, sigmoid_backward, copy, ... (functions.hpp)
    std::string name;      // textbook, squash_range, xnnpack, ...
    unary_fn<T> unary = nullptr;  // exactly one of these three is set
    backward_fn<T> backward = nullptr;
    two_outputs_fn<T> two_outputs = nullptr;
    second_operand second = second_operand::y;  // backward only
    // Work that a real caller does once per shape (XNNPACK's operator
    // setup), kept out of the timed loop. Unary only; may be null.
    unary_fn<T> prepare = nullptr;
    isa_fn isa = nullptr;
};

template <class T>
std::vector<implementation<T>>& implementations()
{
    static std::vector<implementation<T>> list;
    return list;
}

template <class T>
struct registrar {
    registrar(char const* function, char const* name, unary_fn<T> run, unary_fn<T> prepare = nullptr,
              isa_fn isa = nullptr)
    {
        implementation<T> impl{function, name};
        impl.unary = run;
        impl.prepare = prepare;
        impl.isa = isa;
        implementations<T>().push_back(impl);
    }
    registrar(char const* function, char const* name, backward_fn<T> run, second_operand second,
              isa_fn isa = nullptr)
    {
        implementation<T> impl{function, name};
        impl.backward = run;
        impl.second = second;
        impl.isa = isa;
        implementations<T>().push_back(impl);
    }
    registrar(char const* function, char const* name, two_outputs_fn<T> run, isa_fn isa = nullptr)
    {
        implementation<T> impl{function, name};
        impl.two_outputs = run;
        impl.isa = isa;
        implementations<T>().push_back(impl);
    }
};

// squash's own rows (the exact tier "squash_*", the fast tier "fast_*", the
// dispatch library "dispatch_*"), as opposed to peers. A function is timed
// only when squash has a row for it, so peers written for a function squash
// does not have yet cost no run time; and a wrong result of squash's own
// rows stops the run, where a wrong peer is only left out and reported.
inline bool is_own(std::string_view name)
{
    for (std::string_view prefix : {"squash_", "fast_", "dispatch_"})
        if (name.substr(0, prefix.size()) == prefix)
            return true;
    return false;
}

}  // namespace squash_bench

#endif
