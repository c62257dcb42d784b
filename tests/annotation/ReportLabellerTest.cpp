// The report labeller on real report language: negation and uncertainty scopes, sections,
// variants, explanations, and the CT abdomen example from ../shared/data.
#include "radmark/annotation/reports/ReportLabeller.h"
#include "radmark/annotation/reports/LabelSchema.h"

#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

using namespace radmark::annotation;

namespace {

const ReportLabeller& labeller(const std::string& preset)
{
    static std::map<std::string, ReportLabeller> labellers;
    auto found = labellers.find(preset);
    if (found == labellers.end()) {
        const std::string path = std::string(RADMARK_SOURCE_DIR) + "/resources/label-schemas/" + preset + ".json";
        found = labellers.emplace(preset, ReportLabeller(loadLabelSchemaFile(path))).first;
    }
    return found->second;
}

// The cell ("1", "0", "-1", "" or a choice) of one label of one report.
std::string cell(const std::string& preset, const std::string& report, const std::string& labelName)
{
    const ReportLabeller& chosen = labeller(preset);
    const LabelledReport labelled = chosen.label(report);
    for (std::size_t i = 0; i < chosen.schema().labels.size(); ++i) {
        if (chosen.schema().labels[i].name == labelName) {
            return labelCellText(chosen.schema().labels[i], labelled.labels[i]);
        }
    }
    FAIL("no label " << labelName);
    return {};
}

std::string chest(const std::string& report, const std::string& labelName)
{
    return cell("chest-radiograph", report, labelName);
}

std::string ct(const std::string& report, const std::string& labelName)
{
    return cell("ct-abdomen", report, labelName);
}

} // namespace

TEST_CASE("pre-mention negation cues scope to the end of the clause", "[reports][labeller]")
{
    CHECK(chest("No edema or pneumonia.", "Edema") == "0");
    CHECK(chest("No edema or pneumonia.", "Pneumonia") == "0");
    CHECK(chest("No focal consolidation, pleural effusion, pneumothorax, or pulmonary edema.", "Edema") == "0");
    CHECK(chest("Cardiomegaly without overt edema.", "Cardiomegaly") == "1");
    CHECK(chest("Cardiomegaly without overt edema.", "Edema") == "0");
    CHECK(chest("Negative for pneumothorax.", "Pneumothorax") == "0");
    CHECK(chest("There is no evidence of pneumothorax; small left pleural effusion.", "Pleural Effusion") == "1");
    CHECK(chest("No pneumothorax, but there is a small left effusion.", "Pleural Effusion") == "1");
    CHECK(chest("Interval resolution of the right pleural effusion.", "Pleural Effusion") == "0");
    CHECK(ct("There is no evidence for appendicitis.", "Appendicitis") == "0");
    CHECK(ct("No renal or ureteral calculi are identified.", "Renal or ureteral calculi") == "0");
    CHECK(ct("There is no hydroureter or hydronephrosis.", "Hydronephrosis") == "0");
    CHECK(ct("No evidence for small or large bowel obstruction.", "Bowel obstruction") == "0");
}

TEST_CASE("post-mention cues act on the mention just before them", "[reports][labeller]")
{
    CHECK(chest("Heart size normal and lungs are clear.", "Cardiomegaly") == "0");
    CHECK(chest("The heart size is within normal limits.", "Cardiomegaly") == "0");
    CHECK(chest("The previously seen pneumothorax has resolved.", "Pneumothorax") == "0");
    CHECK(chest("Pneumothorax is not seen.", "Pneumothorax") == "0");
    CHECK(chest("Early pneumonia cannot be excluded.", "Pneumonia") == "-1");
    CHECK(chest("Cardiomegaly with normal pulmonary vascularity.", "Cardiomegaly") == "1");
}

TEST_CASE("uncertainty cues and questions give -1", "[reports][labeller]")
{
    const std::string report = "Minimal patchy airspace disease within the lingula, may reflect atelectasis or "
                               "consolidation.";
    CHECK(chest(report, "Lung Opacity") == "1");
    CHECK(chest(report, "Atelectasis") == "-1");
    CHECK(chest(report, "Consolidation") == "-1");
    // The high end of the likelihood scale states the finding, as human readers label real reports.
    CHECK(chest("Findings suggestive of pneumonia.", "Pneumonia") == "1");
    CHECK(chest("Possible small right pleural effusion.", "Pleural Effusion") == "-1");
    CHECK(chest("Right basilar opacity, likely atelectasis.", "Atelectasis") == "1");
    CHECK(chest("Right basilar opacity, possibly atelectasis.", "Atelectasis") == "-1");
    CHECK(chest("Cannot exclude pneumonia in the right lower lobe.", "Pneumonia") == "-1");
    CHECK(chest("Pneumonia?", "Pneumonia") == "-1");
    CHECK(chest("No evidence to suggest pneumonia.", "Pneumonia") == "0");
    CHECK(chest("No significant change in the bilateral pleural effusions.", "Pleural Effusion") == "1");
}

TEST_CASE("mentions match case, plural and hyphen variants", "[reports][labeller]")
{
    CHECK(chest("BILATERAL PLEURAL EFFUSIONS.", "Pleural Effusion") == "1");
    CHECK(chest("Bibasilar opacities.", "Lung Opacity") == "1");
    CHECK(chest("Air-space disease at the right base.", "Lung Opacity") == "1");
    CHECK(ct("Moderate sized fat-containing supraumbilical hernia is present.", "Hernia") == "1");
    CHECK(ct("Mild pericolonic fat-stranding.", "Fat stranding") == "1");
    CHECK(chest("The lungs are clear.", "Lung Opacity").empty());
    CHECK(chest("Opacity within the lingula.", "Lung Opacity") == "1"); // "within" is not "without"
}

TEST_CASE("the impression is preferred over the findings, with an explanation", "[reports][labeller]")
{
    const std::string report = "FINDINGS: There is a small left pleural effusion. Heart size is normal.\n"
                               "IMPRESSION: No pleural effusion. Possible pneumonia.";
    const ReportLabeller& chosen = labeller("chest-radiograph");
    const LabelledReport labelled = chosen.label(report);
    const LabelResult& effusion = labelled.labels.at(10);
    REQUIRE(chosen.schema().labels.at(10).name == "Pleural Effusion");
    CHECK(effusion.value == LabelValue::Negative);
    CHECK(effusion.explanation.matchedText == "pleural effusion");
    CHECK(effusion.explanation.cue == "No");
    CHECK(effusion.explanation.section == ReportSection::Impression);
    CHECK(labelled.text.substr(
              effusion.explanation.sentenceBegin, effusion.explanation.sentenceEnd - effusion.explanation.sentenceBegin)
        == "No pleural effusion.");
    CHECK(effusion.explanation.note == "impression preferred; the findings say positive (\"pleural effusion\")");
    CHECK(effusion.explanation.describe().find("cue \"No\"") != std::string::npos);
    CHECK(labelled.labels.at(7).value == LabelValue::Uncertain);
    CHECK(labelled.labels.at(7).explanation.cue == "Possible");

    CHECK(chest("INDICATION: Rule out pneumonia.\nFINDINGS: Lungs are clear.", "Pneumonia").empty());
}

TEST_CASE("derived and default labels", "[reports][labeller]")
{
    CHECK(chest("Heart size normal and lungs are clear. No edema or pneumonia. No effusion", "No Finding") == "1");
    CHECK(chest("1. Stable mild cardiomegaly. 2. Hyperexpanded but clear lungs.", "No Finding").empty());
    CHECK(chest("Right PICC line in the SVC. Lungs are clear.", "No Finding") == "1");
    CHECK(ct("Mild enteritis.", "Scan quality adequate") == "1");
    CHECK(ct("Evaluation is limited by motion artifact.", "Scan quality adequate") == "0");
    CHECK(ct("Mild enteritis.", "Follow-up recommended") == "0");
    CHECK(ct("Recommend follow-up CT in 6 months.", "Follow-up recommended") == "1");
    CHECK(ct("Preliminary report by the resident, reviewed.", "Report author") == "trainee");
    CHECK(ct("Mild enteritis.", "Report author").empty());
    CHECK(cell("head-mri", "No acute intracranial abnormality.", "Clinically relevant abnormality") == "0");
    CHECK(cell("head-mri", "No acute intracranial abnormality.", "Normal") == "1");
    CHECK(cell("head-mri", "Acute infarct in the left MCA territory.", "Clinically relevant abnormality") == "1");
    CHECK(cell("head-mri", "Acute infarct in the left MCA territory.", "Normal") == "0");
}

TEST_CASE("bad report text: empty, Latin-1, UTF-8 with BOM", "[reports][labeller]")
{
    const LabelledReport empty = labeller("chest-radiograph").label("");
    CHECK(empty.labels.at(2).value == LabelValue::NotMentioned);
    CHECK(chest("\xEF\xBB\xBFPleural effusion.", "Pleural Effusion") == "1");
    const LabelledReport latin1 = labeller("chest-radiograph").label("\xC9panchement: pleural effusion \xE0 droite.");
    CHECK(latin1.text.substr(0, 2) == "\xC3\x89");
    CHECK(latin1.labels.at(10).value == LabelValue::Positive);
}

TEST_CASE("the CT abdomen example report", "[reports][labeller]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    std::ifstream file(radmark::testing::sharedDataPath("reports/ct_abdomen_example/report.txt"), std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    const std::map<std::string, std::string> expected { { "Appendicitis", "0" }, { "Diverticulitis", "0" },
        { "Fatty liver", "1" }, { "Hernia", "1" }, { "Enteritis", "1" }, { "Bowel obstruction", "0" },
        { "Ascites", "0" }, { "Lymphadenopathy", "0" }, { "Renal or ureteral calculi", "0" }, { "Hydronephrosis", "0" },
        { "Cholecystectomy", "1" }, { "Fat stranding", "" }, { "Bowel wall thickening", "0" },
        { "Follow-up recommended", "0" }, { "Scan quality adequate", "1" }, { "Report author", "" } };
    for (const auto& [name, value] : expected) {
        INFO(name);
        CHECK(ct(text.str(), name) == value);
    }
}
