#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace radmark::storage {

struct ProjectCounts {
    std::int64_t patients = 0;
    std::int64_t studies = 0;
    std::int64_t series = 0;
    std::int64_t instances = 0;
    std::int64_t skippedFiles = 0;
    int schemaVersion = 0;
};

struct PatientSummary {
    std::string patientId;
    std::string patientName;
    std::string patientSex;
    std::string patientBirthDate;
    int studyCount = 0;
};

struct StudySummary {
    std::string studyUid;
    std::string patientId;
    std::string accessionNumber;
    std::string studyDate;
    std::string studyDescription;
    int seriesCount = 0;
};

struct SeriesSummary {
    std::string seriesUid;
    std::string studyUid;
    std::string patientId;
    std::string modality;
    std::string description;
    std::string seriesDate; // acquisition or study date of its first instance
    int seriesNumber = 0;
    int instances = 0; // files
    int frames = 0; // images: the sum of the instances' frames
    int rows = 0; // of its first instance; distinctSizes says whether all agree
    int columns = 0;
    int distinctSizes = 1;
    bool fromVolumeFile = false;
    int flaggedInstances = 0;
};

struct SkippedFile {
    std::string filePath;
    std::string reason;
    std::int64_t fileSizeBytes = 0; // the file state the reason applies to
    std::int64_t fileModifiedNs = 0;
};

// One image the series loader reads: a file and, for multi-frame objects, how many frames.
struct SeriesInstanceFile {
    std::string filePath;
    std::string sopInstanceUid;
    int numberOfFrames = 1;
    bool fromVolumeFile = false;
};

} // namespace radmark::storage
