#include "LabelledStudiesProject.h"

#include "RadmarkProcess.h"
#include "TestPaths.h"
#include "gui/AnnotationSession.h"
#include "gui/MainWindow.h"

#include <catch2/catch.hpp>

#include <QTest>

#include <fstream>

namespace fs = std::filesystem;

namespace radmark::testing {

namespace {

void writeFile(const fs::path& path, const std::string& text)
{
    std::ofstream file(path, std::ios::binary);
    file << text;
}

} // namespace

std::string threeLabelSchemaJson(const std::string& name, const std::string& title)
{
    return R"({"format": "radmark-label-schema", "version": 1, "name": ")" + name + R"(", "title": ")" + title + R"(",
  "labels": [
    {"name": "Effusion", "kind": "finding", "synonyms": ["pleural effusion"], "shortcut": "s"},
    {"name": "Pneumothorax", "kind": "finding", "synonyms": ["pneumothorax"], "shortcut": "r"},
    {"name": "Follow-up", "kind": "yesno", "synonyms": ["follow-up"], "default": "no", "shortcut": "u"}]})";
}

LabelledStudiesProject makeLabelledStudiesProject(const std::string& folderPrefix, const std::string& projectFileName,
    const std::string& acc2Report, const std::string& schemaJson)
{
    LabelledStudiesProject fixture;
    fixture.folder = makeTemporaryFolder(folderPrefix);
    fixture.project = fixture.folder / projectFileName;
    std::vector<std::string> importArguments { "import", fixture.project.string() };
    for (int study = 1; study <= 3; ++study) {
        storage::SyntheticSeriesSpec spec;
        spec.columns = 64;
        spec.rows = 64;
        spec.slices = 4;
        spec.accessionNumber = "ACC" + std::to_string(study);
        spec.patientId = "P" + std::to_string(study);
        const fs::path dicom = fixture.folder / ("dicom" + std::to_string(study));
        fixture.series.push_back(storage::writeSyntheticSeries(spec, dicom.string()));
        importArguments.push_back(dicom.string());
    }
    writeFile(fixture.folder / "ACC1.txt",
        "FINDINGS: Small pleural effusion. No pneumothorax.\n\nIMPRESSION: Small effusion, follow-up advised.\n");
    writeFile(fixture.folder / "ACC2.txt", acc2Report);
    writeFile(fixture.folder / "schema.json", schemaJson);
    importArguments.push_back((fixture.folder / "ACC1.txt").string());
    importArguments.push_back((fixture.folder / "ACC2.txt").string());
    importArguments.push_back("--quiet");
    REQUIRE(runRadmark(importArguments).exitCode == 0);
    const auto labelled = runRadmark(
        { "label-reports", fixture.project.string(), "--schema", (fixture.folder / "schema.json").string() });
    INFO(labelled.standardError);
    REQUIRE(labelled.exitCode == 0);
    return fixture;
}

void showWithProject(app::MainWindow& window, const fs::path& project, const std::string& reviewer)
{
    window.setInteractiveDialogs(false);
    window.resize(1500, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.openProject(QString::fromStdString(project.string())));
    window.annotations()->document().setCurrentAuthor({ reviewer, annotation::AuthorRole::Reviewer });
}

} // namespace radmark::testing
