#pragma once

#include "radmark/storage/InstanceRecord.h"

#include <string>

namespace radmark::storage {

// What reading one file's header gave.
struct FileReadResult {
    enum class Outcome {
        Indexed,  // `record` is filled
        Skipped,  // `reason` says why, for the user
        Ignored,  // belongs to another file (e.g. the .raw of a .mhd): neither indexed nor reported
    };
    Outcome outcome = Outcome::Skipped;
    InstanceRecord record;
    std::string reason;

    static FileReadResult skipped(std::string why)
    {
        FileReadResult result;
        result.reason = std::move(why);
        return result;
    }
};

}  // namespace radmark::storage
