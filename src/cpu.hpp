// src/cpu.hpp: which of squash::dispatch's instruction-set levels the CPU
// and the operating system support.
#ifndef SQUASH_SRC_CPU_HPP
#define SQUASH_SRC_CPU_HPP

namespace squash::dispatch_impl {

// The levels, in order: each includes the ones before it.
enum class isa_level { sse2 = 0, avx2 = 1, avx512 = 2 };

// The widest level this CPU runs, with the registers enabled by the OS.
isa_level cpu_isa_level() noexcept;

}  // namespace squash::dispatch_impl

#endif
