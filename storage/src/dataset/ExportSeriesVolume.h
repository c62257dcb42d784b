#pragma once

#include "radmark/storage/dataset/ExportFormat.h"
#include "radmark/storage/imageio/SeriesLoader.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

// The pixels of one exported series (only its kept instances) and where each mark lies in them.
struct ExportSeriesVolume {
    LoadedSeries loaded;
    std::map<std::pair<std::string, int>, int> sliceBySopAndFrame;

    const annotation::ImageVolume& volume() const { return *loaded.volume; }
    // The 0-based slice of the mark in this volume: looked up by SOP Instance UID and frame (so images
    // left out do not shift it), by the stored index for volume files; empty when its image is not here.
    std::optional<int> sliceOf(const annotation::LesionMark& mark) const;
};

// Throws ProjectError when the series cannot be read as one volume. `threads` 0: one per core.
ExportSeriesVolume loadExportSeriesVolume(const ExportSeries& series, unsigned threads = 0);
// The same, but a series that cannot be read goes to log.excluded ("<formatName>: series not readable: ...",
// under its first file) and the result is empty.
std::optional<ExportSeriesVolume> loadExportSeriesVolumeOrExclude(
    const ExportSeries& series, const std::string& formatName, ExportLog& log, unsigned threads = 0);

// DeepLesion's 16-bit encoding of slice k: stored value (HU for CT) + 32768, rounded, clamped to 0..65535.
std::vector<std::uint16_t> offsetHuSlice(const annotation::ImageVolume& volume, int k);

// Whether every kept instance of the series states its pixel spacing.
bool hasPixelSpacing(const ExportSeries& series);

// Patient age in whole years at the study ("54"), from Patient's Age (nnnY/M/W/D) or from the birth and
// study dates; empty when unknown.
std::string patientAgeYears(const ExportStudy& study);
// "M", "F", "O" or empty.
std::string patientSexCode(const ExportStudy& study);

// The institution (else station) name of a study's first instance; empty when none.
std::string studySite(const ExportStudy& study);

// DeepLesion-style numbers of the exported series that carry marks: patients 1.. in the order of their
// pseudonyms, studies 1.. per patient by date, series 1.. per study; stem "000001_01_01".
struct SeriesNumbering {
    int patientIndex = 0;
    int studyIndex = 0;
    int seriesIndex = 0;
    std::string stem;
};
std::map<std::string, SeriesNumbering> numberAnnotatedSeries(
    const std::vector<ExportStudy>& studies, ExportIdentity& identity);

// The exported series numbered in `numbering` (those that carry marks), in the order of `studies` and their series,
// each with its study and numbering (pointers into `studies` and `numbering`, which must outlive the list).
struct AnnotatedExportSeries {
    const ExportStudy* study = nullptr;
    const ExportSeries* series = nullptr;
    const SeriesNumbering* number = nullptr;
};
std::vector<AnnotatedExportSeries> annotatedSeriesInOrder(
    const std::vector<ExportStudy>& studies, const std::map<std::string, SeriesNumbering>& numbering);

// "train" -> 1, "validation" -> 2, "test" -> 3 (DeepLesion's Train_Val_Test), 0 otherwise.
int splitNumber(const std::string& split);

} // namespace radmark::storage
