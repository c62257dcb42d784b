#include "radmark/storage/saliency/SaliencyManifest.h"
#include "saliency/SaliencyFileReader.h"

#include "radmark/annotation/AsciiText.h"
#include "radmark/annotation/Timestamp.h"
#include "radmark/annotation/reports/ReportCsv.h"
#include "radmark/storage/files/WholeFile.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "saliency/SaliencyMapPrecheck.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

namespace radmark::storage {

namespace {

namespace fs = std::filesystem;

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool parseNumber(const std::string& text, double& value)
{
    try {
        std::size_t used = 0;
        value = std::stod(text, &used);
        return used == text.size();
    } catch (const std::exception&) {
        return false;
    }
}

struct Columns {
    int series = -1, study = -1, accession = -1, path = -1, model = -1, target = -1, score = -1, method = -1,
        slice = -1;
};

} // namespace

SaliencyManifestSummary importSaliencyManifest(ProjectStore& project, const std::string& manifestPath)
{
    std::optional<std::string> bytes = readWholeFile(manifestPath);
    if (!bytes) {
        throw ProjectError(manifestPath + ": cannot open the manifest");
    }
    std::string text = std::move(*bytes);
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
        text.erase(0, 3);
    }
    std::vector<annotation::CsvRow> rows;
    try {
        rows = annotation::readCsvRows(text);
    } catch (const std::exception& error) {
        throw ProjectError(manifestPath + ": " + error.what());
    }
    if (rows.empty()) {
        throw ProjectError(
            manifestPath + ": empty manifest (expected the header series_uid,map_path,model,target,score,method)");
    }
    Columns columns;
    const std::vector<std::string>& header = rows.front().fields;
    for (int index = 0; index < static_cast<int>(header.size()); ++index) {
        const std::string name = annotation::lowerAscii(trimmed(header[static_cast<std::size_t>(index)]));
        int* slot = name == "series_uid"                        ? &columns.series
            : name == "study_uid"                               ? &columns.study
            : name == "accession" || name == "accession_number" ? &columns.accession
            : name == "map_path"                                ? &columns.path
            : name == "model"                                   ? &columns.model
            : name == "target"                                  ? &columns.target
            : name == "score"                                   ? &columns.score
            : name == "method"                                  ? &columns.method
            : name == "slice"                                   ? &columns.slice
                                                                : nullptr;
        if (slot != nullptr) {
            *slot = index;
        }
    }
    std::vector<std::string> missing;
    if (columns.series < 0 && columns.study < 0 && columns.accession < 0) {
        missing.push_back("series_uid (or study_uid or accession)");
    }
    for (const auto& [column, name] : { std::pair { columns.path, "map_path" }, { columns.model, "model" },
             { columns.target, "target" }, { columns.score, "score" }, { columns.method, "method" } }) {
        if (column < 0) {
            missing.push_back(name);
        }
    }
    if (!missing.empty()) {
        std::string list;
        for (const std::string& name : missing) {
            list += (list.empty() ? "" : ", ") + name;
        }
        throw ProjectError(manifestPath + ": missing column(s) " + list
            + " (expected the header series_uid,map_path,model,target,score,method)");
    }

    // Series of each study, to resolve study_uid / accession.
    std::map<std::string, std::vector<std::string>> seriesOfStudy;
    std::map<std::string, std::vector<std::string>> studiesOfAccession;
    std::map<std::string, SeriesSummary> knownSeries;
    for (const SeriesSummary& series : project.series()) {
        seriesOfStudy[series.studyUid].push_back(series.seriesUid);
        knownSeries[series.seriesUid] = series;
    }
    for (const StudySummary& study : project.studies()) {
        if (!study.accessionNumber.empty()) {
            studiesOfAccession[study.accessionNumber].push_back(study.studyUid);
        }
    }

    SaliencyStore store(project);
    SaliencyManifestSummary summary;
    const fs::path folder = fs::absolute(fs::path(manifestPath)).parent_path();
    const annotation::TimestampMs now = annotation::systemTimeMs();
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const annotation::CsvRow& row = rows[r];
        ++summary.rows;
        const std::string where = manifestPath + " line " + std::to_string(row.line) + ": ";
        const auto field = [&row](int column) {
            return column >= 0 && column < static_cast<int>(row.fields.size())
                ? trimmed(row.fields[static_cast<std::size_t>(column)])
                : std::string();
        };
        std::string seriesUid = field(columns.series);
        if (seriesUid.empty()) {
            std::string studyUid = field(columns.study);
            const std::string accession = field(columns.accession);
            if (studyUid.empty() && !accession.empty()) {
                const auto found = studiesOfAccession.find(accession);
                if (found == studiesOfAccession.end()) {
                    summary.problems.push_back(where + "no study with accession number " + accession);
                    continue;
                }
                if (found->second.size() > 1) {
                    summary.problems.push_back(where + "accession number " + accession + " belongs to "
                        + std::to_string(found->second.size()) + " studies: give series_uid");
                    continue;
                }
                studyUid = found->second.front();
            }
            if (studyUid.empty()) {
                summary.problems.push_back(where + "no series_uid, study_uid or accession");
                continue;
            }
            const auto found = seriesOfStudy.find(studyUid);
            if (found == seriesOfStudy.end()) {
                summary.problems.push_back(where + "no study with UID " + studyUid);
                continue;
            }
            if (found->second.size() != 1) {
                summary.problems.push_back(where + "study " + studyUid + " has " + std::to_string(found->second.size())
                    + " series: give series_uid");
                continue;
            }
            seriesUid = found->second.front();
        } else if (!knownSeries.count(seriesUid)) {
            summary.problems.push_back(where + "no series with UID " + seriesUid + " in the project");
            continue;
        }
        SaliencyMapRecord map;
        const std::string pathText = field(columns.path);
        if (pathText.empty()) {
            summary.problems.push_back(where + "empty map_path");
            continue;
        }
        fs::path path(pathText);
        if (path.is_relative()) {
            path = folder / path;
        }
        map.mapPath = path.lexically_normal().string();
        std::error_code error;
        if (!fs::is_regular_file(map.mapPath, error)) {
            summary.problems.push_back(where + map.mapPath + ": file not found");
            continue;
        }
        map.model = field(columns.model);
        if (map.model.empty()) {
            summary.problems.push_back(where + "empty model");
            continue;
        }
        map.target = field(columns.target);
        map.method = field(columns.method);
        const std::string scoreText = field(columns.score);
        if (!scoreText.empty()) {
            double score = 0.0;
            if (!parseNumber(scoreText, score)) {
                summary.problems.push_back(where + "score '" + scoreText + "' is not a number");
                continue;
            }
            map.score = score;
        }
        const std::string sliceText = field(columns.slice);
        if (!sliceText.empty()) {
            double slice = 0.0;
            if (!parseNumber(sliceText, slice) || slice < 1.0 || slice != static_cast<int>(slice)) {
                summary.problems.push_back(where + "slice '" + sliceText + "' is not a slice number (1, 2, ...)");
                continue;
            }
            map.sliceIndex = static_cast<int>(slice) - 1;
        }
        // Only a map whose header fits its series is stored: a refused one leaves no row behind.
        if (const std::string refusal
            = saliency::saliencyMapRefusal(map.mapPath, knownSeries[seriesUid], map.sliceIndex);
            !refusal.empty()) {
            summary.problems.push_back(where + refusal);
            continue;
        }
        // A map is stored only once it loaded: a damaged file is reported, never left as a row that fails later.
        try {
            (void)saliency::readSaliencyFile(map.mapPath);
        } catch (const std::exception& unreadable) {
            summary.problems.push_back(where + unreadable.what());
            continue;
        }
        map.importedMs = now;
        bool added = false;
        store.putMap(seriesUid, map, &added);
        ++(added ? summary.mapsAdded : summary.mapsUpdated);
    }
    return summary;
}

} // namespace radmark::storage
