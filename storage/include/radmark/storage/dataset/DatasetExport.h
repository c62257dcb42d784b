#pragma once

#include "radmark/annotation/dataset/DatasetSplits.h"
#include "radmark/storage/dataset/ExportFormat.h"
#include "radmark/storage/export/Pseudonymizer.h"

#include <functional>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// What happens to a double-read study of a team project whose readers still disagree (no reviewer answer yet).
enum class DisputedStudies {
    Flag, // exported: disputed labels without value, one reader's mark per disputed lesion, listed as disputed
    Exclude, // left out of the dataset (counted in the card)
};

// What `radmark export` and File > Export… ask for.
struct ExportRequest {
    std::vector<std::string> formats; // names of the format registry, e.g. {"deeplesion", "labels"}
    std::string outputDir;
    bool overwrite = false; // replace a non-empty output folder (only once the new dataset is complete)
    // Only these studies (Study Instance UID or accession number) / series (Series Instance UID); empty: all.
    std::vector<std::string> studies;
    std::vector<std::string> series;
    annotation::SplitOptions split;
    // Label whose value (1 / 0 / -1 / none) stratifies the split; empty: whether a study has lesion marks.
    std::string stratifyLabel;
    PseudonymizerOptions identity;
    bool includeBurnedIn = false; // keep BurnedInAnnotation YES, secondary and screen captures
    std::string mappingPath; // original -> pseudonym CSV, outside the dataset; empty: not written
    std::string commandLine; // provenance for the dataset card (a --salt value is hidden)
    DisputedStudies disputed = DisputedStudies::Flag; // team projects: studies the readers still dispute
    // Called with a stage text and the fraction done (0..1); returns false to cancel the export.
    std::function<bool(const std::string& stage, double fraction)> progress;
};

struct ExportOutcome {
    std::string outputDir; // the finished dataset
    int studies = 0;
    int patients = 0;
    int marks = 0;
    std::array<int, 3> studiesPerSplit { 0, 0, 0 };
    ExportLog log;
};

// Runs an export: selects and assembles the studies, removes excluded images (reported), assigns
// splits, writes every format and the dataset card (dataset_card.md/.json) into a hidden temporary
// folder beside the output, and renames it into place only when all succeeded, so a failed or cancelled
// export never leaves a complete-looking dataset. Throws ProjectError with the file and the reason.
ExportOutcome runDatasetExport(const ProjectStore& project, const ExportRequest& request);

// The command line as the card records it, with the value of --salt replaced by "(hidden)".
std::string redactedCommandLine(const std::vector<std::string>& arguments);

} // namespace radmark::storage
