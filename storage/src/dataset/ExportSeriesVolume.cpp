#include "dataset/ExportSeriesVolume.h"

#include "radmark/storage/project/ProjectError.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <set>
#include <tuple>

namespace radmark::storage {

std::optional<int> ExportSeriesVolume::sliceOf(const annotation::LesionMark& mark) const
{
    const auto found = sliceBySopAndFrame.find({ mark.slice.sopInstanceUid, mark.slice.frameIndex });
    if (found != sliceBySopAndFrame.end()) {
        return found->second;
    }
    const bool volumeFile = !loaded.sliceSources.empty() && loaded.sliceSources.front().sopInstanceUid.empty();
    if (volumeFile && mark.slice.sliceIndex >= 0 && mark.slice.sliceIndex < volume().geometry().slices) {
        return mark.slice.sliceIndex;
    }
    return std::nullopt;
}

ExportSeriesVolume loadExportSeriesVolume(const ExportSeries& series, unsigned threads)
{
    std::vector<std::string> files;
    std::set<std::string> seen;
    for (const InstanceRecord& instance : series.instances) {
        if (seen.insert(instance.filePath).second) {
            files.push_back(instance.filePath);
        }
    }
    if (files.empty()) {
        throw ProjectError("series " + series.series.seriesUid + ": no image left to export");
    }
    ExportSeriesVolume result;
    SeriesLoadOptions options;
    options.threads = threads;
    result.loaded = loadSeriesFiles(files, options);
    for (std::size_t k = 0; k < result.loaded.sliceSources.size(); ++k) {
        const LoadedSliceSource& source = result.loaded.sliceSources[k];
        if (!source.sopInstanceUid.empty()) {
            result.sliceBySopAndFrame[{ source.sopInstanceUid, source.frameIndex }] = static_cast<int>(k);
        }
    }
    return result;
}

std::optional<ExportSeriesVolume> loadExportSeriesVolumeOrExclude(
    const ExportSeries& series, const std::string& formatName, ExportLog& log, unsigned threads)
{
    try {
        ExportSeriesVolume volume = loadExportSeriesVolume(series, threads);
        // Files the loader left out (e.g. pixel data it cannot decode) are excluded with the loader's reason;
        // the rest of the series is exported.
        std::set<std::string> loadedFiles;
        for (const LoadedSliceSource& source : volume.loaded.sliceSources) {
            loadedFiles.insert(source.filePath);
        }
        std::set<std::string> reported;
        for (const InstanceRecord& instance : series.instances) {
            if (loadedFiles.count(instance.filePath) != 0 || !reported.insert(instance.filePath).second) {
                continue;
            }
            std::string reason = "could not be decoded";
            for (const std::string& warning : volume.loaded.warnings) {
                if (warning.find(instance.filePath) != std::string::npos) {
                    reason = warning;
                    break;
                }
            }
            log.excluded.push_back({ instance.filePath, formatName + ": image left out: " + reason });
        }
        return volume;
    } catch (const std::exception& error) {
        // ProjectError for the reasons the loader names; anything else a toolkit throws (or an allocation that
        // fails) on one series' files also leaves only that series out, never the whole export.
        log.excluded.push_back({ series.instances.empty() ? series.series.seriesUid : series.instances.front().filePath,
            formatName + ": series not readable: " + error.what() });
        return std::nullopt;
    }
}

std::vector<std::uint16_t> offsetHuSlice(const annotation::ImageVolume& volume, int k)
{
    const annotation::ImageGeometry& geometry = volume.geometry();
    const std::size_t count = static_cast<std::size_t>(geometry.columns) * geometry.rows;
    std::vector<std::uint16_t> pixels(count);
    if (volume.voxelType() == annotation::VoxelType::Int16) {
        const auto* values = static_cast<const std::int16_t*>(volume.sliceData(k));
        for (std::size_t index = 0; index < count; ++index) {
            pixels[index] = static_cast<std::uint16_t>(static_cast<int>(values[index]) + 32768);
        }
        return pixels;
    }
    std::size_t index = 0;
    for (int j = 0; j < geometry.rows; ++j) {
        for (int i = 0; i < geometry.columns; ++i, ++index) {
            const double value = std::round(volume.valueAt(i, j, k)) + 32768.0;
            pixels[index] = static_cast<std::uint16_t>(std::clamp(value, 0.0, 65535.0));
        }
    }
    return pixels;
}

bool hasPixelSpacing(const ExportSeries& series)
{
    return !series.instances.empty()
        && std::all_of(series.instances.begin(), series.instances.end(), [](const InstanceRecord& instance) {
               return instance.sourceKind == SourceKind::VolumeFile
                   || (instance.pixelSpacingRowMm && instance.pixelSpacingColumnMm);
           });
}

namespace {

const InstanceRecord* firstInstance(const ExportStudy& study)
{
    for (const ExportSeries& series : study.series) {
        if (!series.instances.empty()) {
            return &series.instances.front();
        }
    }
    return nullptr;
}

bool parseDate(const std::string& text, int& year, int& month, int& day)
{
    if (text.size() != 8 || text.find_first_not_of("0123456789") != std::string::npos) {
        return false;
    }
    year = std::stoi(text.substr(0, 4));
    month = std::stoi(text.substr(4, 2));
    day = std::stoi(text.substr(6, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

} // namespace

std::string patientAgeYears(const ExportStudy& study)
{
    const InstanceRecord* instance = firstInstance(study);
    const std::string age = instance != nullptr ? instance->patientAge : std::string();
    if (age.size() == 4 && age.find_first_not_of("0123456789", 0) == 3) {
        const int number = std::stoi(age.substr(0, 3));
        switch (age[3]) {
        case 'Y':
            return std::to_string(number);
        case 'M':
            return std::to_string(number / 12);
        case 'W':
            return std::to_string(number / 52);
        case 'D':
            return std::to_string(number / 365);
        default:
            break;
        }
    }
    int birthYear = 0, birthMonth = 0, birthDay = 0, year = 0, month = 0, day = 0;
    const std::string studyDate = !study.study.studyDate.empty() ? study.study.studyDate
        : instance != nullptr                                    ? instance->studyDate
                                                                 : std::string();
    if (parseDate(study.patient.patientBirthDate, birthYear, birthMonth, birthDay)
        && parseDate(studyDate, year, month, day)) {
        const int years = year - birthYear - (std::tie(month, day) < std::tie(birthMonth, birthDay) ? 1 : 0);
        if (years >= 0) {
            return std::to_string(years);
        }
    }
    return {};
}

std::string patientSexCode(const ExportStudy& study)
{
    std::string sex = study.patient.patientSex;
    if (sex.empty()) {
        if (const InstanceRecord* instance = firstInstance(study)) {
            sex = instance->patientSex;
        }
    }
    return sex == "M" || sex == "F" || sex == "O" ? sex : std::string();
}

std::string studySite(const ExportStudy& study)
{
    const InstanceRecord* instance = firstInstance(study);
    if (instance == nullptr) {
        return {};
    }
    return !instance->institutionName.empty() ? instance->institutionName : instance->stationName;
}

std::map<std::string, SeriesNumbering> numberAnnotatedSeries(
    const std::vector<ExportStudy>& studies, ExportIdentity& identity)
{
    // patient pseudonym -> (study date, study pseudonym, study position)
    std::map<std::string, std::vector<std::tuple<std::string, std::string, std::size_t>>> byPatient;
    for (std::size_t index = 0; index < studies.size(); ++index) {
        const ExportStudy& study = studies[index];
        const bool annotated = std::any_of(
            study.series.begin(), study.series.end(), [](const ExportSeries& series) { return !series.marks.empty(); });
        if (annotated) {
            byPatient[identity.patientId(study.patient.patientId)].emplace_back(
                study.study.studyDate, identity.uid(study.study.studyUid), index);
        }
    }
    std::map<std::string, SeriesNumbering> numbering;
    int patientIndex = 0;
    for (auto& [patient, patientStudies] : byPatient) {
        ++patientIndex;
        std::sort(patientStudies.begin(), patientStudies.end());
        int studyIndex = 0;
        for (const auto& entry : patientStudies) {
            ++studyIndex;
            const ExportStudy& study = studies[std::get<2>(entry)];
            std::vector<std::tuple<int, std::string, const ExportSeries*>> annotated;
            for (const ExportSeries& series : study.series) {
                if (!series.marks.empty()) {
                    annotated.emplace_back(series.series.seriesNumber, identity.uid(series.series.seriesUid), &series);
                }
            }
            std::sort(annotated.begin(), annotated.end());
            int seriesIndex = 0;
            for (const auto& item : annotated) {
                ++seriesIndex;
                char stem[48];
                std::snprintf(stem, sizeof stem, "%06d_%02d_%02d", patientIndex, studyIndex, seriesIndex);
                numbering[std::get<2>(item)->series.seriesUid] = { patientIndex, studyIndex, seriesIndex, stem };
            }
        }
    }
    return numbering;
}

std::vector<AnnotatedExportSeries> annotatedSeriesInOrder(
    const std::vector<ExportStudy>& studies, const std::map<std::string, SeriesNumbering>& numbering)
{
    std::vector<AnnotatedExportSeries> annotated;
    for (const ExportStudy& study : studies) {
        for (const ExportSeries& series : study.series) {
            const auto number = numbering.find(series.series.seriesUid);
            if (number != numbering.end()) {
                annotated.push_back({ &study, &series, &number->second });
            }
        }
    }
    return annotated;
}

int splitNumber(const std::string& split)
{
    return split == "train" ? 1 : split == "validation" ? 2 : split == "test" ? 3 : 0;
}

} // namespace radmark::storage
