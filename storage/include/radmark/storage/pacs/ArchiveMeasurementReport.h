#pragma once

#include <string>

namespace radmark::storage {

class ProjectStore;

struct ArchiveMeasurementReport {
    std::string filePath;
    std::string sopInstanceUid;
    std::string studyInstanceUid;
    int marks = 0;
};

// The TID 1500 measurement report (the `dicom-sr` export's writer) of one series' marks, for sending back to the
// archive the images came from: original patient, study and image UIDs (no pseudonymisation), the SR in the images'
// study, a new SR series and SOP Instance UID per call. Throws ProjectError when the series is unknown, comes from a
// volume file, or has no marks.
ArchiveMeasurementReport writeArchiveMeasurementReport(
    ProjectStore& project, const std::string& seriesInstanceUid, const std::string& outputPath);

} // namespace radmark::storage
