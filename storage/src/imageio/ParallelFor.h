#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace radmark::storage::loading {

// 0 means one thread per core; never more threads than items.
inline unsigned workerCount(unsigned requested, std::size_t items)
{
    unsigned threads = requested == 0 ? std::thread::hardware_concurrency() : requested;
    threads = std::max(1u, threads);
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, items)));
}

// Calls body(index, worker) for every index in [0, count), items handed out one at a time so that
// slow files do not hold up a whole block. body must not throw.
template <typename Body> void parallelFor(std::size_t count, unsigned workers, const Body& body)
{
    std::atomic<std::size_t> next { 0 };
    const auto run = [&](unsigned worker) {
        for (std::size_t index = next++; index < count; index = next++) {
            body(index, worker);
        }
    };
    std::vector<std::thread> threads;
    for (unsigned worker = 1; worker < workers; ++worker) {
        threads.emplace_back(run, worker);
    }
    run(0);
    for (auto& thread : threads) {
        thread.join();
    }
}

} // namespace radmark::storage::loading
