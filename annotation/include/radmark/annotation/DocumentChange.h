#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/MarkId.h"
#include "radmark/annotation/Timestamp.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radmark::annotation {

enum class CommandKind {
    AddMark,
    DeleteMark,
    MoveHandle,
    MoveMark,
    SetLesionType,
    SetNote,
    CopyToAdjacentSlice,
    DeriveBoxFromRecist,
};

// "add-mark", "delete-mark", "move-handle", ...: the spelling storage writes in its history.
const char* commandKindName(CommandKind kind);

// Execute: a new command (or a drag step merged into the last one); Undo / Redo of a command;
// Reset: the whole content was replaced (loaded from the store), the undo history cleared.
enum class ChangeOrigin { Execute, Undo, Redo, Reset };

const char* changeOriginName(ChangeOrigin origin);

// One line of the edit history (who did what, when). Undo and redo are history lines too, so an
// audit shows them; a merged drag is one line whose time is that of its last step.
struct HistoryEntry {
    std::int64_t sequence = 0; // 1, 2, ... within this document
    ChangeOrigin origin = ChangeOrigin::Execute;
    CommandKind kind = CommandKind::AddMark;
    std::string description; // for people, e.g. "Move handle of RECIST on slice 12"
    Author author;
    TimestampMs timeMs = 0;
    std::vector<MarkId> markIds; // the marks the command touched
};

// What observers receive after every change. Storage writes it in one transaction: upsert
// `added` and `modified` (read their values from the document), delete `removed`, then write
// `history` (update its line instead of inserting when mergedIntoPrevious). Views redraw.
struct DocumentChange {
    ChangeOrigin origin = ChangeOrigin::Execute;
    std::vector<MarkId> added;
    std::vector<MarkId> removed;
    std::vector<MarkId> modified;
    bool mergedIntoPrevious = false; // a drag step folded into the previous command
    std::optional<HistoryEntry> history; // empty for Reset
};

} // namespace radmark::annotation
