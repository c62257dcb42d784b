#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace radmark::annotation {

// Commands with the same non-zero merge id that follow each other merge into one undo step (a drag:
// every mouse move is a command, the gesture is one step). Ask the stack for a fresh id per gesture.
using MergeId = std::uint64_t;
constexpr MergeId kNoMerge = 0;

// One edit a person can undo: a lesion-mark change, a label decision, a saliency verdict. The command
// holds what it needs to do and undo the edit (before/after values, the ids of the rows it wrote) and
// performs it on its owner (the annotation document, a review session). The model is QUndoStack / Tiled:
// one command per edit, merge ids for continuous gestures, texts for Edit > Undo.
class UndoCommand {
public:
    virtual ~UndoCommand() = default;

    // For people, e.g. "Move handle of RECIST on slice 12": shown as "Undo ..." / "Redo ...".
    virtual std::string text() const = 0;
    virtual MergeId mergeId() const { return kNoMerge; }

    // Does the edit the first time. `mergesIntoPrevious`: the stack will fold this command into the one
    // on top (mergeWith), so its effect continues that step. False: nothing changed (e.g. the project
    // refused the write); the stack then keeps this command out and stays as it was.
    virtual bool execute(bool mergesIntoPrevious)
    {
        (void)mergesIntoPrevious;
        return redo();
    }
    // Undo / redo the edit; false when it could not be done (the stack then stays as it was).
    virtual bool undo() = 0;
    virtual bool redo() = 0;

    // Asked only when `next` has this command's non-zero merge id and follows it directly: whether `next`
    // continues this edit (e.g. the same marks).
    virtual bool canMergeWith(const UndoCommand& next) const
    {
        (void)next;
        return true;
    }
    // After `next` executed: take over its result, so that undoing this command undoes both.
    virtual void mergeWith(UndoCommand& next) { (void)next; }
};

// The one undo history of an editing session. Commands are executed when pushed; undo and redo walk an
// index over them; a new command drops the redo branch. The clean state marks an index (e.g. "as saved");
// it becomes unreachable when the redo branch it lay in is dropped. Observers hear every change of index,
// texts or clean state. Not thread-safe: one thread. Commands must not push, undo or redo while running.
class UndoStack {
public:
    using Observer = std::function<void()>;
    using ObserverId = int;

    UndoStack() = default;
    UndoStack(const UndoStack&) = delete;
    UndoStack& operator=(const UndoStack&) = delete;

    // Executes the command and records it, or merges it into the command on top when both have the same
    // non-zero merge id, no undo or redo came in between, the top is not the clean state and the top
    // accepts it. False (nothing recorded, redo branch kept) when the command failed to execute.
    bool push(std::unique_ptr<UndoCommand> command);

    bool canUndo() const { return m_index > 0; }
    bool canRedo() const { return m_index < m_commands.size(); }
    std::string undoText() const;
    std::string redoText() const;
    bool undo();
    bool redo();

    std::size_t count() const { return m_commands.size(); }
    // Commands [0, index) are done, [index, count) can be redone.
    std::size_t index() const { return m_index; }
    const UndoCommand& command(std::size_t position) const { return *m_commands.at(position); }

    MergeId newMergeId() { return ++m_lastMergeId; }
    // The next command starts a new step even when its merge id matches the top's.
    void closeMerge() { m_mergeOpen = false; }

    // The current index is the clean state (e.g. the saved one).
    void setClean();
    bool isClean() const { return m_cleanIndex == static_cast<std::ptrdiff_t>(m_index); }
    // -1 when the clean state was dropped with a redo branch.
    std::ptrdiff_t cleanIndex() const { return m_cleanIndex; }

    // Forgets every command; the empty stack is clean.
    void clear();
    // Forgets the commands `which` selects (e.g. of a document whose content was replaced) on both sides
    // of the index; the others keep their order. The clean state moves with the commands before it.
    void removeIf(const std::function<bool(const UndoCommand&)>& which);

    ObserverId addObserver(Observer observer);
    void removeObserver(ObserverId id);

private:
    void notify();

    std::vector<std::unique_ptr<UndoCommand>> m_commands;
    std::size_t m_index = 0;
    std::ptrdiff_t m_cleanIndex = 0;
    bool m_mergeOpen = false; // the top may still absorb commands with its merge id
    MergeId m_lastMergeId = kNoMerge;
    std::vector<std::pair<ObserverId, Observer>> m_observers;
    ObserverId m_lastObserverId = 0;
};

} // namespace radmark::annotation
