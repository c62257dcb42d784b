#pragma once

#include "radmark/storage/dataset/ExportFormat.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace radmark::storage {

struct ExportFormatEntry {
    std::string name;
    std::string description; // one line for the usage text and the export dialog
    std::function<std::unique_ptr<ExportFormat>()> make;
};

// Every format `radmark export --format` and File > Export… offer, in display order.
const std::vector<ExportFormatEntry>& exportFormats();
// The entry of that name, or nullptr.
const ExportFormatEntry* findExportFormat(const std::string& name);

// Formats may report progress through this interface (the framework asks with dynamic_cast):
// `report(done, total)` returns false when the user cancelled, and the format then throws.
class ExportProgressSink {
public:
    virtual ~ExportProgressSink() = default;
    virtual bool report(int done, int total) = 0;
};

class ProgressReportingFormat : public ExportFormat {
public:
    void setProgressSink(ExportProgressSink* sink) { m_sink = sink; }

protected:
    // Throws ProjectError("export cancelled") when the sink says so.
    void reportProgress(int done, int total);

private:
    ExportProgressSink* m_sink = nullptr;
};

} // namespace radmark::storage
