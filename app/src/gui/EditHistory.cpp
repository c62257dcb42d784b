#include "gui/EditHistory.h"

#include <algorithm>

namespace radmark::app {

EditHistory::EditHistory(QObject* parent) : QObject(parent) {}

void EditHistory::setParticipant(Kind kind, Participant participantFunctions)
{
    participant(kind) = std::move(participantFunctions);
}

void EditHistory::recordEdit(Kind kind)
{
    m_undo.push_back(kind);
    m_redo.clear();
    emit changed();
}

void EditHistory::clear()
{
    m_undo.clear();
    m_redo.clear();
    emit changed();
}

void EditHistory::clearKind(Kind kind)
{
    m_undo.erase(std::remove(m_undo.begin(), m_undo.end(), kind), m_undo.end());
    m_redo.erase(std::remove(m_redo.begin(), m_redo.end(), kind), m_redo.end());
    emit changed();
}

QString EditHistory::undoDescription() const
{
    if (m_undo.empty()) {
        return {};
    }
    const Participant& top = participant(m_undo.back());
    return top.undoDescription ? top.undoDescription() : QString();
}

QString EditHistory::redoDescription() const
{
    if (m_redo.empty()) {
        return {};
    }
    const Participant& top = participant(m_redo.back());
    return top.redoDescription ? top.redoDescription() : QString();
}

bool EditHistory::undo()
{
    if (m_undo.empty()) {
        return false;
    }
    const Kind kind = m_undo.back();
    m_undo.pop_back();
    const Participant& top = participant(kind);
    const bool undone = top.undo && top.undo();
    if (undone) {
        m_redo.push_back(kind);
    }
    emit changed();
    return undone;
}

bool EditHistory::redo()
{
    if (m_redo.empty()) {
        return false;
    }
    const Kind kind = m_redo.back();
    m_redo.pop_back();
    const Participant& top = participant(kind);
    const bool redone = top.redo && top.redo();
    if (redone) {
        m_undo.push_back(kind);
    }
    emit changed();
    return redone;
}

}  // namespace radmark::app
