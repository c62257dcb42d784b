#pragma once

#include <cstdint>
#include <string>

namespace radmark::bench {

// The shape of bench_scale's project: 100,000 abdominal CT studies of 70,000 patients, 3 series each, the
// instances spread evenly over the series, one report per study, labels of the chest-radiograph preset (14 per
// study), 20,000 RECIST marks.
struct ScaleProjectShape {
    int studies = 100000;
    int patients = 70000;
    int seriesPerStudy = 3;
    std::int64_t instances = 10000000;
    int marks = 20000;
};

// How the project was built (written next to it, read back when it is reused).
struct ScaleBuildFigures {
    double instanceSeconds = 0.0; // ProjectStore::writeImportBatch of every instance
    double reportSeconds = 0.0;
    double labelSeconds = 0.0; // labelling every study (proposals, counts)
    double markSeconds = 0.0;
    std::int64_t fileBytes = 0; // the closed project file
    std::string objectSizes; // "name bytes\n" per table and index (dbstat), largest first
};

// Accession number, patient name and study description of study `index` (the filters of the benchmark use them).
std::string scaleAccession(int study);
std::string scalePatientName(int patient);
std::string scaleStudyDescription(int study);
int scalePatientOfStudy(int study, const ScaleProjectShape& shape);

// Builds the project at `path` through the store API (a new file) and returns the figures.
ScaleBuildFigures buildScaleProject(
    const std::string& path, const ScaleProjectShape& shape, const std::string& labelSchemaPath);

std::string serialize(const ScaleBuildFigures& figures);
ScaleBuildFigures parseScaleBuildFigures(const std::string& text);

} // namespace radmark::bench
