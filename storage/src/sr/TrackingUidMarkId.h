#pragma once

#include "radmark/annotation/MarkId.h"

#include <optional>
#include <string>

namespace radmark::storage {

// The mark id a Tracking Unique Identifier "2.25.<decimal>" stands for (the inverse of
// annotation::toDicomUid); nothing for other UIDs.
std::optional<annotation::MarkId> markIdOfTrackingUid(const std::string& uid);

// A mark id derived from text (e.g. SR instance + tracking UID + position): the same text gives the same id,
// so importing an SR again finds the marks it made the first time.
annotation::MarkId derivedMarkId(const std::string& text);

} // namespace radmark::storage
