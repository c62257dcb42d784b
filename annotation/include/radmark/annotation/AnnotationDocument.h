#pragma once

#include "radmark/annotation/DocumentChange.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/MarkId.h"
#include "radmark/annotation/PixelGeometry.h"
#include "radmark/annotation/SliceReference.h"
#include "radmark/annotation/Timestamp.h"
#include "radmark/annotation/UndoStack.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace radmark::annotation {

using ChangeObserver = std::function<void(const DocumentChange&)>;
using ObserverId = int;

struct EditResult {
    bool applied = false;
    std::string error; // why nothing changed
    MarkId markId; // the mark added / changed
    int handleIndex = -1; // moveHandle: the dragged handle's index afterwards

    explicit operator bool() const { return applied; }
};

// The lesion marks of a project (or study). It changes only through the command methods below,
// each of which pushes one UndoCommand (undo/redo swap whole before/after mark values; drag steps with
// the same merge id on the same marks merge into one) onto its UndoStack and notifies every observer
// once. The stack is the document's own unless it shares one (useUndoStack: the window's one history
// of marks, labels and saliency verdicts). No UI state lives here. Not thread-safe: use it from one
// thread; observers must not change the document while being notified.
class AnnotationDocument {
public:
    explicit AnnotationDocument(
        Author currentAuthor, Clock clock = systemTimeMs, MarkIdGenerator idGenerator = MarkIdGenerator());

    // Who is editing: stamped on new marks and on history lines.
    const Author& currentAuthor() const { return m_author; }
    void setCurrentAuthor(const Author& author) { m_author = author; }

    const std::vector<LesionMark>& marks() const { return m_marks; } // in insertion order
    const LesionMark* find(const MarkId& id) const;
    std::vector<LesionMark> marksOnSlice(const std::string& seriesUid, int sliceIndex) const;

    // Replaces the content (e.g. loaded from the store) without a command; removes the document's
    // commands from the undo stack (those of other owners of a shared stack stay).
    void reset(std::vector<LesionMark> marks);

    // Records the document's commands on `stack` from now on (it must outlive the document); the
    // commands recorded so far are dropped.
    void useUndoStack(UndoStack& stack);
    UndoStack& undoStack() { return *m_undo; }

    MarkId newMarkId() { return m_ids.next(); }
    MergeId newMergeId() { return m_undo->newMergeId(); }

    // Adds a mark. An empty id gets a new one; an empty author name and zero times are stamped
    // with the current author and now (values already set, e.g. by an importer, are kept).
    EditResult addMark(LesionMark mark);
    EditResult deleteMark(const MarkId& id);
    // Moves a handle (numbered as in MarkEditing.h); boxes derived from a moved RECIST follow in
    // the same command.
    EditResult moveHandle(const MarkId& id, int handleIndex, const PixelPoint& targetPx, MergeId mergeId = kNoMerge);
    EditResult moveMark(const MarkId& id, const PixelOffset& offsetPx, MergeId mergeId = kNoMerge);
    // The code is not checked here: the caller offers codes of the project's LesionTypeList.
    EditResult setLesionType(const MarkId& id, int lesionType);
    EditResult setNote(const MarkId& id, const std::string& note, MergeId mergeId = kNoMerge);
    // A new mark with the same pixel shape, type and note on the slice just before or after in the
    // same series (Box3d marks already span slices and are refused).
    EditResult copyToAdjacentSlice(const MarkId& id, const SliceContext& target);
    // A new Box2d mark with the DeepLesion box of a RECIST mark (one per RECIST mark).
    EditResult deriveBoxFromRecist(const MarkId& id);

    // The undo stack's state and steps (on a shared stack: whatever edit came last, of any owner).
    bool canUndo() const { return m_undo->canUndo(); }
    bool canRedo() const { return m_undo->canRedo(); }
    std::size_t undoCount() const { return m_undo->index(); }
    std::size_t redoCount() const { return m_undo->count() - m_undo->index(); }
    std::string undoDescription() const { return m_undo->undoText(); }
    std::string redoDescription() const { return m_undo->redoText(); }
    bool undo() { return m_undo->undo(); }
    bool redo() { return m_undo->redo(); }

    const std::vector<HistoryEntry>& history() const { return m_history; }

    ObserverId addObserver(ChangeObserver observer);
    void removeObserver(ObserverId id);

private:
    struct MarkChange {
        std::optional<LesionMark> before; // empty: the command adds the mark
        std::optional<LesionMark> after; // empty: the command removes it
        std::size_t position = 0; // index in m_marks to reinsert at
    };

    struct Command {
        CommandKind kind = CommandKind::AddMark;
        std::string description;
        MergeId mergeId = kNoMerge;
        std::vector<MarkChange> changes;
    };

    class MarkCommand;

    EditResult execute(Command command, const MarkId& resultId, int handleIndex = -1);
    // What MarkCommand does: the first execution (merged into the previous step or not), undo, redo.
    void perform(Command& command, ChangeOrigin origin, bool mergesIntoPrevious);
    void apply(std::vector<MarkChange>& changes, bool forward, DocumentChange& change);
    HistoryEntry makeHistoryEntry(const Command& command, ChangeOrigin origin);
    void notify(const DocumentChange& change);
    std::size_t indexOf(const MarkId& id) const;
    MarkChange modification(const LesionMark& before, LesionMark after) const;
    static std::string describe(CommandKind kind, const LesionMark& mark);

    Author m_author;
    Clock m_clock;
    MarkIdGenerator m_ids;
    std::vector<LesionMark> m_marks;
    std::unique_ptr<UndoStack> m_ownUndo; // used until useUndoStack
    UndoStack* m_undo = nullptr;
    std::vector<HistoryEntry> m_history;
    std::vector<std::pair<ObserverId, ChangeObserver>> m_observers;
    ObserverId m_lastObserverId = 0;
};

} // namespace radmark::annotation
