#include "files/ReadCancellation.h"

namespace radmark::storage {

namespace {

thread_local const std::atomic<bool>* currentStopFlag = nullptr;

} // namespace

ReadCancellation::Scope::Scope(const std::atomic<bool>& stop)
    : m_previous(currentStopFlag)
{
    currentStopFlag = &stop;
}

ReadCancellation::Scope::~Scope()
{
    currentStopFlag = m_previous;
}

bool ReadCancellation::requested()
{
    return currentStopFlag != nullptr && currentStopFlag->load(std::memory_order_relaxed);
}

} // namespace radmark::storage
