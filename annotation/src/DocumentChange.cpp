#include "radmark/annotation/DocumentChange.h"

namespace radmark::annotation {

const char* commandKindName(CommandKind kind)
{
    switch (kind) {
    case CommandKind::AddMark:
        return "add-mark";
    case CommandKind::DeleteMark:
        return "delete-mark";
    case CommandKind::MoveHandle:
        return "move-handle";
    case CommandKind::MoveMark:
        return "move-mark";
    case CommandKind::SetLesionType:
        return "set-lesion-type";
    case CommandKind::SetNote:
        return "set-note";
    case CommandKind::CopyToAdjacentSlice:
        return "copy-to-adjacent-slice";
    case CommandKind::DeriveBoxFromRecist:
        return "derive-box-from-recist";
    }
    return "unknown";
}

const char* changeOriginName(ChangeOrigin origin)
{
    switch (origin) {
    case ChangeOrigin::Execute:
        return "execute";
    case ChangeOrigin::Undo:
        return "undo";
    case ChangeOrigin::Redo:
        return "redo";
    case ChangeOrigin::Reset:
        return "reset";
    }
    return "unknown";
}

} // namespace radmark::annotation
