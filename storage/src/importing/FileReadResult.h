#pragma once

#include "radmark/storage/project/InstanceRecord.h"
#include "radmark/storage/project/ReportStore.h"

#include <string>
#include <vector>

namespace radmark::storage {

// What reading one file's header gave.
struct FileReadResult {
    enum class Outcome {
        Indexed, // `record` is filled
        Skipped, // `reason` says why, for the user
        Ignored, // belongs to another file (e.g. the .raw of a .mhd): neither indexed nor reported
        Reports, // a report file (.txt, report CSV) or an SR document whose text and/or measurements are used
    };
    Outcome outcome = Outcome::Skipped;
    InstanceRecord record;
    std::string reason;
    // Reports found in the file: filled for Reports, and for a Skipped SR document that holds text.
    std::vector<ReportRecord> reports;
    // A report CSV some of whose rows were not imported: those rows with their lines, for the skipped list.
    std::string rowsNotImported;
    // An SR document with measurement groups: its marks are imported once the batch's images are committed.
    bool hasSrMeasurements = false;

    static FileReadResult skipped(std::string why)
    {
        FileReadResult result;
        result.reason = std::move(why);
        return result;
    }
};

} // namespace radmark::storage
