// Work items handed out by an atomic counter to a few threads, each with its
// own accumulator, merged at the end.
#ifndef SQUASH_SWEEP_PARALLEL_HPP
#define SQUASH_SWEEP_PARALLEL_HPP

#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace sweep {

// work(item, state&) for every item in [0, items); returns the states, one
// per thread, for the caller to merge.
template <class State, class Work>
std::vector<State> run_parallel(unsigned threads, std::size_t items, Work const& work)
{
    threads = threads == 0 ? 1 : threads;
    std::atomic<std::size_t> next{0};
    std::vector<State> states(threads);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (std::size_t item; (item = next.fetch_add(1, std::memory_order_relaxed)) < items;)
                work(item, states[t]);
        });
    for (auto& thread : pool)
        thread.join();
    return states;
}

}  // namespace sweep

#endif
