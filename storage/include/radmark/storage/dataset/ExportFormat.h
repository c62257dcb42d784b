#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/LesionTypeList.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/export/ExportIdentity.h"
#include "radmark/storage/project/InstanceRecord.h"
#include "radmark/storage/project/ProjectRecords.h"
#include "radmark/storage/project/ReportStore.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace radmark::storage {

// One series of an exported study: its index entry, its instances (original, identifying values)
// and its lesion marks.
struct ExportSeries {
    SeriesSummary series;
    std::vector<InstanceRecord> instances;
    std::vector<annotation::LesionMark> marks; // one per lesion (boxes derived from a RECIST are not here)
    // The box derived from a RECIST (by RECIST mark id): that lesion's box in place of the computed one.
    std::map<std::string, annotation::PixelBox> derivedBoxes;

    // The box of a RECIST lesion: the derived box when there is one, else the DeepLesion rule's box.
    annotation::PixelBox recistBox(const annotation::LesionMark& mark, const annotation::RecistMark& recist) const
    {
        const auto found = derivedBoxes.find(mark.id);
        return found != derivedBoxes.end() ? found->second : annotation::deepLesionBox(recist);
    }
};

// One exported study with its split ("train", "validation" or "test") and final labels.
struct ExportStudy {
    PatientSummary patient;
    StudySummary study;
    std::string split;
    std::vector<ExportSeries> series;
    StudyLabels labels;
    // Team projects: the study was read by two or more annotators; what they still dispute (empty: settled).
    bool doubleRead = false;
    std::vector<std::string> disputes;
};

// What an export tells the user and writes into the dataset card.
struct ExportLog {
    struct Problem {
        std::string path; // the file concerned (input or output)
        std::string reason; // e.g. "BurnedInAnnotation is YES", "file missing on disk"
    };
    std::vector<Problem> excluded; // inputs left out, with why
    std::vector<std::string> warnings; // e.g. "series X has no pixel spacing: exported in pixels"
    std::map<std::string, int> filesWritten; // by format name
    int disputedStudiesExcluded = 0; // team projects: double-read studies left out (--disputed exclude)
};

// Everything a format writer needs. `outputDir` is the export's temporary folder: the framework
// renames it to the requested folder only after every format succeeded.
struct ExportContext {
    std::string outputDir;
    ExportIdentity& identity;
    const std::vector<ExportStudy>& studies;
    const annotation::LesionTypeList& lesionTypes;
    std::string radmarkVersion;
    std::string commandLine; // how the export was started, for provenance
    ExportLog& log;
};

// One output format (deeplesion, coco, nifti, labels, dicom-sr, dicom). Throws ProjectError on a
// failure that makes the whole export invalid (e.g. a write error); files it cannot read go to log.excluded.
class ExportFormat {
public:
    virtual ~ExportFormat() = default;
    virtual std::string name() const = 0;
    virtual void write(ExportContext& context) = 0;
};

} // namespace radmark::storage
