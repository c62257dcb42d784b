#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/SliceStackAnalysis.h"

#include <memory>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// Where slice k of a loaded volume came from.
struct LoadedSliceSource {
    std::string filePath;
    std::string sopInstanceUid;
    int frameIndex = 0; // 0-based frame within a multi-frame object
};

struct LoadedSeries {
    std::shared_ptr<annotation::ImageVolume> volume;
    std::vector<LoadedSliceSource> sliceSources; // one per slice, in the volume's k order
    annotation::SliceStackReport stackReport;
    // Sentences for the user: uneven spacing, tilt, missing slices, files that failed to decode...
    std::vector<std::string> warnings;
    // Patient data for the viewer's overlay text.
    std::string patientAge;
    std::string patientSex;
    std::string modality;
};

struct SeriesLoadOptions {
    unsigned threads = 0; // 0: one per core
};

// Loads a series of the project into one volume on its true geometry: slices sorted along the
// normal, per-slice origins kept, rescale applied (CT in HU), multi-frame objects expanded,
// compressed syntaxes decoded (DCMTK; JPEG 2000 through ITK's GDCM). Throws ProjectError with
// a clear reason when the series cannot form a volume (e.g. slices of different sizes).
LoadedSeries loadSeries(
    const ProjectStore& project, const std::string& seriesUid, const SeriesLoadOptions& options = SeriesLoadOptions {});

// Loads DICOM files (or one volume file) directly, without a project.
LoadedSeries loadSeriesFiles(
    const std::vector<std::string>& filePaths, const SeriesLoadOptions& options = SeriesLoadOptions {});

} // namespace radmark::storage
