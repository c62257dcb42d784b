#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace radmark::annotation {

// Milliseconds since 1970-01-01T00:00:00Z. Marks carry int64 times rather than strings: they sort
// and compare exactly, fit an SQLite INTEGER, and are formatted as ISO-8601 only at the edges.
using TimestampMs = std::int64_t;

// Where "now" comes from; injectable so documents and tests are deterministic.
using Clock = std::function<TimestampMs()>;

TimestampMs systemTimeMs();

// "2024-05-01T12:34:56.789Z" (always UTC, always milliseconds).
std::string formatIso8601Utc(TimestampMs time);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)"; a time without a zone is taken as UTC.
std::optional<TimestampMs> parseIso8601Utc(const std::string& text);

} // namespace radmark::annotation
