#pragma once

// A team project for the team labelling tests: N synthetic studies ACC1..ACCn (32 x 32 x 2, patients P1..Pn)
// under <folder>/images/, each with a report, labelled by `radmark label-reports` with the three-label schema of
// LabelledStudiesProject.h (Effusion, Pneumothorax, Follow-up) into <folder>/team.radmark.
#include "radmark/storage/SyntheticSeriesWriter.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace radmark::testing {

struct TeamProjectFixture {
    std::filesystem::path folder;
    std::filesystem::path images; // <folder>/images, one dicomN folder per study
    std::filesystem::path project; // <folder>/team.radmark
    std::vector<storage::WrittenSeries> series; // ACC1..ACCn
    std::map<std::string, std::string> seriesOfAccession;
    std::map<std::string, std::string> accessionOfStudyUid;
};

TeamProjectFixture makeTeamProjectFixture(const std::string& folderPrefix, int studies);

// Rows of `sql` run on the project file, columns joined by ',' and rows by '|'.
std::string queryProject(const std::filesystem::path& project, const std::string& sql);

// The accession numbers of an annotator's work list, in order, as `radmark team worklist FILE --format csv` prints.
std::vector<std::string> workListAccessions(const std::filesystem::path& project, const std::string& annotator = {});

} // namespace radmark::testing
