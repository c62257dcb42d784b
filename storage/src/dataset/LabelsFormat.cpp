// `labels`: one CSV row per exported study with every label (1 / 0 / -1 / empty), the source of the
// labels (auto: the report labeller; human: a person's decision), the deciding authors and, for a team project,
// what the readers of a double-read study still dispute.
#include "dataset/BuiltInFormats.h"
#include "dataset/ExportFiles.h"
#include "radmark/annotation/CsvRecord.h"

#include <algorithm>
#include <set>

namespace radmark::storage {

namespace {

class LabelsFormat : public ExportFormat {
public:
    std::string name() const override { return "labels"; }

    void write(ExportContext& context) override
    {
        std::set<std::string> names;
        for (const ExportStudy& study : context.studies) {
            for (const auto& entry : study.labels.labels) {
                names.insert(entry.first);
            }
        }
        std::vector<std::string> cells { "patient", "study", "split" };
        cells.insert(cells.end(), names.begin(), names.end());
        cells.push_back("source");
        cells.push_back("author");
        // Team projects: what the readers of a double-read study still dispute (its labels there have no value).
        const bool team = std::any_of(
            context.studies.begin(), context.studies.end(), [](const ExportStudy& study) { return study.doubleRead; });
        if (team) {
            cells.push_back("disputed");
        }
        std::string csv = annotation::joinCsvRecord(cells) + "\n";

        std::vector<std::vector<std::string>> rows;
        for (const ExportStudy& study : context.studies) {
            cells = { context.identity.patientId(study.patient.patientId), context.identity.uid(study.study.studyUid),
                study.split };
            bool anyHuman = false;
            bool anyAuto = false;
            std::vector<std::string> authors;
            for (const std::string& label : names) {
                const auto found = study.labels.labels.find(label);
                if (found == study.labels.labels.end()) {
                    cells.emplace_back();
                    continue;
                }
                const FinalLabel& value = found->second;
                cells.push_back(!value.choice.empty() ? value.choice
                        : value.value                 ? std::to_string(*value.value)
                                                      : std::string());
                anyHuman = anyHuman || value.human;
                anyAuto = anyAuto || !value.human;
                if (value.human && !value.authorName.empty()
                    && std::find(authors.begin(), authors.end(), value.authorName) == authors.end()) {
                    authors.push_back(value.authorName);
                }
            }
            std::string authorText;
            for (const std::string& author : authors) {
                authorText += (authorText.empty() ? "" : ";") + author;
            }
            cells.push_back(anyHuman && anyAuto ? "auto+human" : anyHuman ? "human" : anyAuto ? "auto" : "");
            cells.push_back(authorText);
            if (team) {
                std::string disputes;
                for (const std::string& dispute : study.disputes) {
                    disputes += (disputes.empty() ? "" : ";") + dispute;
                }
                cells.push_back(disputes);
            }
            rows.push_back(cells);
        }
        std::sort(rows.begin(), rows.end());
        for (const auto& row : rows) {
            csv += annotation::joinCsvRecord(row) + "\n";
        }
        createExportFolder(context.outputDir + "/labels");
        writeExportTextFile(context.outputDir + "/labels/labels.csv", csv);
        ++context.log.filesWritten[name()];
    }
};

} // namespace

std::unique_ptr<ExportFormat> makeLabelsFormat()
{
    return std::make_unique<LabelsFormat>();
}

} // namespace radmark::storage
