#include "radmark/annotation/AnnotationDocument.h"

#include "radmark/annotation/MarkEditing.h"
#include "radmark/annotation/Overloaded.h"
#include "radmark/annotation/RecistMeasurement.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace radmark::annotation {

namespace {

EditResult failure(std::string error)
{
    EditResult result;
    result.error = std::move(error);
    return result;
}

std::string unknownMark(const MarkId& id)
{
    return "no mark with id " + id;
}

} // namespace

// One document edit on the undo stack: the whole mark values before and after, applied by the document.
class AnnotationDocument::MarkCommand : public UndoCommand {
public:
    MarkCommand(AnnotationDocument& document, Command command)
        : m_document(document)
        , m_command(std::move(command))
    {
    }

    const AnnotationDocument& document() const { return m_document; }

    std::string text() const override { return m_command.description; }
    MergeId mergeId() const override { return m_command.mergeId; }

    bool execute(bool mergesIntoPrevious) override
    {
        m_document.perform(m_command, ChangeOrigin::Execute, mergesIntoPrevious);
        return true;
    }
    bool undo() override
    {
        m_document.perform(m_command, ChangeOrigin::Undo, false);
        return true;
    }
    bool redo() override
    {
        m_document.perform(m_command, ChangeOrigin::Redo, false);
        return true;
    }

    // A drag step continues this command when it is the same edit of the same marks.
    bool canMergeWith(const UndoCommand& next) const override
    {
        const auto* other = dynamic_cast<const MarkCommand*>(&next);
        if (other == nullptr || &other->m_document != &m_document || other->m_command.kind != m_command.kind
            || other->m_command.changes.size() != m_command.changes.size()) {
            return false;
        }
        for (std::size_t index = 0; index < m_command.changes.size(); ++index) {
            const MarkChange& older = m_command.changes[index];
            const MarkChange& newer = other->m_command.changes[index];
            if (!older.after || !newer.before || !newer.after || older.after->id != newer.before->id) {
                return false;
            }
        }
        return true;
    }
    void mergeWith(UndoCommand& next) override
    {
        const auto& other = static_cast<const MarkCommand&>(next);
        for (std::size_t index = 0; index < m_command.changes.size(); ++index) {
            m_command.changes[index].after = other.m_command.changes[index].after;
        }
    }

private:
    AnnotationDocument& m_document;
    Command m_command;
};

AnnotationDocument::AnnotationDocument(Author currentAuthor, Clock clock, MarkIdGenerator idGenerator)
    : m_author(std::move(currentAuthor))
    , m_clock(std::move(clock))
    , m_ids(std::move(idGenerator))
    , m_ownUndo(std::make_unique<UndoStack>())
    , m_undo(m_ownUndo.get())
{
}

void AnnotationDocument::useUndoStack(UndoStack& stack)
{
    m_undo->removeIf([this](const UndoCommand& command) {
        const auto* markCommand = dynamic_cast<const MarkCommand*>(&command);
        return markCommand != nullptr && &markCommand->document() == this;
    });
    m_undo = &stack;
    m_ownUndo.reset();
}

const LesionMark* AnnotationDocument::find(const MarkId& id) const
{
    const std::size_t index = indexOf(id);
    return index < m_marks.size() ? &m_marks[index] : nullptr;
}

std::size_t AnnotationDocument::indexOf(const MarkId& id) const
{
    const auto position
        = std::find_if(m_marks.begin(), m_marks.end(), [&id](const LesionMark& mark) { return mark.id == id; });
    return static_cast<std::size_t>(position - m_marks.begin());
}

std::vector<LesionMark> AnnotationDocument::marksOnSlice(const std::string& seriesUid, int sliceIndex) const
{
    std::vector<LesionMark> onSlice;
    for (const LesionMark& mark : m_marks) {
        if (isOnSlice(mark, seriesUid, sliceIndex)) {
            onSlice.push_back(mark);
        }
    }
    return onSlice;
}

void AnnotationDocument::reset(std::vector<LesionMark> marks)
{
    m_marks = std::move(marks);
    m_undo->removeIf([this](const UndoCommand& command) {
        const auto* markCommand = dynamic_cast<const MarkCommand*>(&command);
        return markCommand != nullptr && &markCommand->document() == this;
    });
    m_undo->closeMerge();
    DocumentChange change;
    change.origin = ChangeOrigin::Reset;
    for (const LesionMark& mark : m_marks) {
        change.added.push_back(mark.id);
    }
    notify(change);
}

AnnotationDocument::MarkChange AnnotationDocument::modification(const LesionMark& before, LesionMark after) const
{
    after.modifiedMs = m_clock();
    return { before, std::move(after), indexOf(before.id) };
}

std::string AnnotationDocument::describe(CommandKind kind, const LesionMark& mark)
{
    // For people (Edit ▸ Undo, the history): "Add RECIST on slice 12", slices counted from 1 as shown.
    static const char* const verbs[]
        = { "Add", "Delete", "Move handle of", "Move", "Set type of", "Set note of", "Copy", "Derive box from" };
    const std::string onSlice = " on slice " + std::to_string(mark.slice.sliceIndex + 1);
    const auto [shape, where] = std::visit(
        Overloaded {
            [&](const RecistMark&) { return std::make_pair(std::string("RECIST"), onSlice); },
            [&](const LineMark&) { return std::make_pair(std::string("line"), onSlice); },
            [&](const Box2dMark&) {
                return std::make_pair(std::string(mark.isDerivedFromRecist() ? "DeepLesion box" : "box"), onSlice);
            },
            [&](const Box3dMark& box) {
                return std::make_pair(std::string("3D box"),
                    " on slices " + std::to_string(box.firstSliceIndex + 1) + "-"
                        + std::to_string(box.lastSliceIndex + 1));
            },
        },
        mark.shape);
    const char* after = kind == CommandKind::CopyToAdjacentSlice ? " to the adjacent slice" : "";
    return std::string(verbs[static_cast<int>(kind)]) + " " + shape + where + after;
}

EditResult AnnotationDocument::addMark(LesionMark mark)
{
    if (mark.id.empty()) {
        mark.id = newMarkId();
    }
    if (find(mark.id) != nullptr) {
        return failure("a mark with id " + mark.id + " exists already");
    }
    if (mark.author.name.empty()) {
        mark.author = m_author;
    }
    const TimestampMs now = m_clock();
    if (mark.createdMs == 0) {
        mark.createdMs = now;
    }
    if (mark.modifiedMs == 0) {
        mark.modifiedMs = mark.createdMs;
    }
    refreshPatientCoordinates(mark);
    const MarkId id = mark.id;
    Command command { CommandKind::AddMark, describe(CommandKind::AddMark, mark), kNoMerge, {} };
    command.changes.push_back({ std::nullopt, std::move(mark), m_marks.size() });
    return execute(std::move(command), id);
}

EditResult AnnotationDocument::deleteMark(const MarkId& id)
{
    const LesionMark* mark = find(id);
    if (mark == nullptr) {
        return failure(unknownMark(id));
    }
    Command command { CommandKind::DeleteMark, describe(CommandKind::DeleteMark, *mark), kNoMerge, {} };
    command.changes.push_back({ *mark, std::nullopt, indexOf(id) });
    return execute(std::move(command), id);
}

EditResult AnnotationDocument::moveHandle(
    const MarkId& id, int handleIndex, const PixelPoint& targetPx, MergeId mergeId)
{
    const LesionMark* mark = find(id);
    if (mark == nullptr) {
        return failure(unknownMark(id));
    }
    int newHandleIndex = handleIndex;
    std::optional<LesionMark> moved = withHandleMoved(*mark, handleIndex, targetPx, &newHandleIndex);
    if (!moved) {
        return failure("the handle cannot go there (invalid handle or degenerate shape)");
    }
    Command command { CommandKind::MoveHandle, describe(CommandKind::MoveHandle, *mark), mergeId, {} };
    command.changes.push_back(modification(*mark, *moved));
    if (const auto* recist = std::get_if<RecistMark>(&moved->shape)) {
        for (const LesionMark& other : m_marks) {
            if (other.derivedFromRecistId == id && std::holds_alternative<Box2dMark>(other.shape)) {
                LesionMark box = other;
                box.shape = Box2dMark { deepLesionBox(*recist) };
                command.changes.push_back(modification(other, std::move(box)));
            }
        }
    }
    return execute(std::move(command), id, newHandleIndex);
}

EditResult AnnotationDocument::moveMark(const MarkId& id, const PixelOffset& offsetPx, MergeId mergeId)
{
    const LesionMark* mark = find(id);
    if (mark == nullptr) {
        return failure(unknownMark(id));
    }
    Command command { CommandKind::MoveMark, describe(CommandKind::MoveMark, *mark), mergeId, {} };
    command.changes.push_back(modification(*mark, withTranslation(*mark, offsetPx)));
    for (const LesionMark& other : m_marks) {
        if (std::holds_alternative<RecistMark>(mark->shape) && other.derivedFromRecistId == id) {
            command.changes.push_back(modification(other, withTranslation(other, offsetPx)));
        }
    }
    return execute(std::move(command), id);
}

EditResult AnnotationDocument::setLesionType(const MarkId& id, int lesionType)
{
    const LesionMark* mark = find(id);
    if (mark == nullptr) {
        return failure(unknownMark(id));
    }
    LesionMark changed = *mark;
    changed.lesionType = lesionType;
    Command command { CommandKind::SetLesionType, describe(CommandKind::SetLesionType, *mark), kNoMerge, {} };
    command.changes.push_back(modification(*mark, std::move(changed)));
    return execute(std::move(command), id);
}

EditResult AnnotationDocument::setNote(const MarkId& id, const std::string& note, MergeId mergeId)
{
    const LesionMark* mark = find(id);
    if (mark == nullptr) {
        return failure(unknownMark(id));
    }
    LesionMark changed = *mark;
    changed.note = note;
    Command command { CommandKind::SetNote, describe(CommandKind::SetNote, *mark), mergeId, {} };
    command.changes.push_back(modification(*mark, std::move(changed)));
    return execute(std::move(command), id);
}

EditResult AnnotationDocument::copyToAdjacentSlice(const MarkId& id, const SliceContext& target)
{
    const LesionMark* mark = find(id);
    if (mark == nullptr) {
        return failure(unknownMark(id));
    }
    if (std::holds_alternative<Box3dMark>(mark->shape)) {
        return failure("a 3D box already spans several slices");
    }
    if (target.reference.seriesUid != mark->slice.seriesUid
        || std::abs(target.reference.sliceIndex - mark->slice.sliceIndex) != 1) {
        return failure("the target is not the slice just before or after in the same series");
    }
    LesionMark copy = *mark;
    copy.id = newMarkId();
    copy.slice = target.reference;
    copy.plane = target.plane;
    copy.author = m_author;
    copy.createdMs = m_clock();
    copy.modifiedMs = copy.createdMs;
    copy.derivedFromRecistId.reset();
    refreshPatientCoordinates(copy);
    const MarkId copyId = copy.id;
    Command command { CommandKind::CopyToAdjacentSlice, describe(CommandKind::CopyToAdjacentSlice, *mark), kNoMerge,
        {} };
    command.changes.push_back({ std::nullopt, std::move(copy), m_marks.size() });
    return execute(std::move(command), copyId);
}

EditResult AnnotationDocument::deriveBoxFromRecist(const MarkId& id)
{
    const LesionMark* mark = find(id);
    if (mark == nullptr) {
        return failure(unknownMark(id));
    }
    const auto* recist = std::get_if<RecistMark>(&mark->shape);
    if (recist == nullptr) {
        return failure("only a RECIST mark gives a box");
    }
    for (const LesionMark& other : m_marks) {
        if (other.derivedFromRecistId == id) {
            return failure("a box was derived from this RECIST mark already: " + other.id);
        }
    }
    LesionMark box = *mark;
    box.id = newMarkId();
    box.shape = Box2dMark { deepLesionBox(*recist) };
    box.author = m_author;
    box.createdMs = m_clock();
    box.modifiedMs = box.createdMs;
    box.derivedFromRecistId = id;
    const MarkId boxId = box.id;
    Command command { CommandKind::DeriveBoxFromRecist, describe(CommandKind::DeriveBoxFromRecist, *mark), kNoMerge,
        {} };
    command.changes.push_back({ std::nullopt, std::move(box), m_marks.size() });
    return execute(std::move(command), boxId);
}

EditResult AnnotationDocument::execute(Command command, const MarkId& resultId, int handleIndex)
{
    m_undo->push(std::make_unique<MarkCommand>(*this, std::move(command)));
    EditResult result;
    result.applied = true;
    result.markId = resultId;
    result.handleIndex = handleIndex;
    return result;
}

void AnnotationDocument::perform(Command& command, ChangeOrigin origin, bool mergesIntoPrevious)
{
    DocumentChange change;
    change.origin = origin;
    apply(command.changes, origin != ChangeOrigin::Undo, change);
    if (mergesIntoPrevious) {
        // The stack folds this drag step into the previous command: one history line, its time the last step's.
        change.mergedIntoPrevious = true;
        HistoryEntry& last = m_history.back();
        last.timeMs = m_clock();
        change.history = last;
    } else {
        change.history = makeHistoryEntry(command, origin);
        m_history.push_back(*change.history);
    }
    notify(change);
}

void AnnotationDocument::apply(std::vector<MarkChange>& changes, bool forward, DocumentChange& change)
{
    const auto step = [this, forward, &change](MarkChange& markChange) {
        const std::optional<LesionMark>& from = forward ? markChange.before : markChange.after;
        const std::optional<LesionMark>& to = forward ? markChange.after : markChange.before;
        if (from && to) {
            m_marks[indexOf(from->id)] = *to;
            change.modified.push_back(to->id);
        } else if (to) {
            const std::size_t position = std::min(markChange.position, m_marks.size());
            m_marks.insert(m_marks.begin() + static_cast<std::ptrdiff_t>(position), *to);
            change.added.push_back(to->id);
        } else if (from) {
            const std::size_t index = indexOf(from->id);
            markChange.position = index;
            m_marks.erase(m_marks.begin() + static_cast<std::ptrdiff_t>(index));
            change.removed.push_back(from->id);
        }
    };
    if (forward) {
        std::for_each(changes.begin(), changes.end(), step);
    } else {
        std::for_each(changes.rbegin(), changes.rend(), step);
    }
}

HistoryEntry AnnotationDocument::makeHistoryEntry(const Command& command, ChangeOrigin origin)
{
    HistoryEntry entry;
    entry.sequence = static_cast<std::int64_t>(m_history.size()) + 1;
    entry.origin = origin;
    entry.kind = command.kind;
    entry.description = command.description;
    entry.author = m_author;
    entry.timeMs = m_clock();
    for (const MarkChange& change : command.changes) {
        entry.markIds.push_back(change.after ? change.after->id : change.before->id);
    }
    return entry;
}

ObserverId AnnotationDocument::addObserver(ChangeObserver observer)
{
    m_observers.emplace_back(++m_lastObserverId, std::move(observer));
    return m_lastObserverId;
}

void AnnotationDocument::removeObserver(ObserverId id)
{
    m_observers.erase(
        std::remove_if(m_observers.begin(), m_observers.end(), [id](const auto& entry) { return entry.first == id; }),
        m_observers.end());
}

void AnnotationDocument::notify(const DocumentChange& change)
{
    // A copy, so an observer may remove itself while being notified.
    const auto observers = m_observers;
    for (const auto& entry : observers) {
        entry.second(change);
    }
}

} // namespace radmark::annotation
