#include "radmark/annotation/UndoStack.h"

#include <algorithm>

namespace radmark::annotation {

bool UndoStack::push(std::unique_ptr<UndoCommand> command)
{
    if (!command) {
        return false;
    }
    UndoCommand* top = m_index > 0 ? m_commands[m_index - 1].get() : nullptr;
    const bool merges = m_mergeOpen && top != nullptr && command->mergeId() != kNoMerge
        && top->mergeId() == command->mergeId() && !isClean() && m_index == m_commands.size()
        && top->canMergeWith(*command);
    if (!command->execute(merges)) {
        return false;
    }
    if (m_cleanIndex > static_cast<std::ptrdiff_t>(m_index)) {
        m_cleanIndex = -1; // it lay in the redo branch dropped now
    }
    m_commands.erase(m_commands.begin() + static_cast<std::ptrdiff_t>(m_index), m_commands.end());
    if (merges) {
        top->mergeWith(*command);
    } else {
        m_commands.push_back(std::move(command));
        m_index = m_commands.size();
    }
    m_mergeOpen = true;
    notify();
    return true;
}

std::string UndoStack::undoText() const
{
    return canUndo() ? m_commands[m_index - 1]->text() : std::string {};
}

std::string UndoStack::redoText() const
{
    return canRedo() ? m_commands[m_index]->text() : std::string {};
}

bool UndoStack::undo()
{
    if (!canUndo() || !m_commands[m_index - 1]->undo()) {
        return false;
    }
    --m_index;
    m_mergeOpen = false;
    notify();
    return true;
}

bool UndoStack::redo()
{
    if (!canRedo() || !m_commands[m_index]->redo()) {
        return false;
    }
    ++m_index;
    m_mergeOpen = false;
    notify();
    return true;
}

void UndoStack::setClean()
{
    m_cleanIndex = static_cast<std::ptrdiff_t>(m_index);
    m_mergeOpen = false; // a merge would change the state just marked clean
    notify();
}

void UndoStack::clear()
{
    m_commands.clear();
    m_index = 0;
    m_cleanIndex = 0;
    m_mergeOpen = false;
    notify();
}

void UndoStack::removeIf(const std::function<bool(const UndoCommand&)>& which)
{
    if (std::none_of(m_commands.begin(), m_commands.end(), [&which](const auto& command) { return which(*command); })) {
        return;
    }
    std::vector<std::unique_ptr<UndoCommand>> kept;
    std::size_t index = 0;
    std::ptrdiff_t cleanIndex = m_cleanIndex < 0 ? -1 : 0;
    for (std::size_t position = 0; position < m_commands.size(); ++position) {
        const bool remove = which(*m_commands[position]);
        if (!remove) {
            kept.push_back(std::move(m_commands[position]));
        }
        if (position < m_index && !remove) {
            ++index;
        }
        if (m_cleanIndex >= 0 && static_cast<std::ptrdiff_t>(position) < m_cleanIndex && !remove) {
            ++cleanIndex;
        }
    }
    m_commands = std::move(kept);
    m_index = index;
    m_cleanIndex = cleanIndex;
    m_mergeOpen = false;
    notify();
}

UndoStack::ObserverId UndoStack::addObserver(Observer observer)
{
    m_observers.emplace_back(++m_lastObserverId, std::move(observer));
    return m_lastObserverId;
}

void UndoStack::removeObserver(ObserverId id)
{
    m_observers.erase(
        std::remove_if(m_observers.begin(), m_observers.end(), [id](const auto& entry) { return entry.first == id; }),
        m_observers.end());
}

void UndoStack::notify()
{
    // A copy, so an observer may remove itself while being notified.
    const auto observers = m_observers;
    for (const auto& entry : observers) {
        entry.second();
    }
}

} // namespace radmark::annotation
