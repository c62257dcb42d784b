// The labeller's rules for real report phrasing, one constructed sentence per rule (no corpus text):
// coordinated normality, attributes with predicates, hedges on a likelihood scale, the limit of normal,
// history, other findings for the derived normal label, sections and the same machinery in every schema.
#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/annotation/reports/ReportLabeller.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace radmark::annotation;

namespace {

const ReportLabeller& preset(const std::string& name)
{
    static std::map<std::string, ReportLabeller> labellers;
    auto found = labellers.find(name);
    if (found == labellers.end()) {
        const std::string path = std::string(RADMARK_SOURCE_DIR) + "/resources/label-schemas/" + name + ".json";
        found = labellers.emplace(name, ReportLabeller(loadLabelSchemaFile(path))).first;
    }
    return found->second;
}

LabelResult result(const std::string& schema, const std::string& report, const std::string& labelName)
{
    const ReportLabeller& chosen = preset(schema);
    const LabelledReport labelled = chosen.label(report);
    for (std::size_t i = 0; i < chosen.schema().labels.size(); ++i) {
        if (chosen.schema().labels[i].name == labelName) {
            return labelled.labels[i];
        }
    }
    FAIL("no label " << labelName);
    return {};
}

std::string chest(const std::string& report, const std::string& labelName)
{
    const ReportLabeller& chosen = preset("chest-radiograph");
    return labelCellText(*chosen.schema().find(labelName), result("chest-radiograph", report, labelName));
}

std::string ct(const std::string& report, const std::string& labelName)
{
    const ReportLabeller& chosen = preset("ct-abdomen");
    return labelCellText(*chosen.schema().find(labelName), result("ct-abdomen", report, labelName));
}

} // namespace

TEST_CASE("normality over coordinated subjects", "[reports][phrasing]")
{
    CHECK(chest("Heart size and pulmonary vascularity appear within normal limits.", "Cardiomegaly") == "0");
    CHECK(chest("The heart and mediastinum are normal.", "Cardiomegaly") == "0");
    CHECK(
        chest("Cardiac size, mediastinal contour, and lung volumes are within normal limits.", "Cardiomegaly") == "0");
    CHECK(chest("Heart size and vascularity normal.", "Cardiomegaly") == "0");
    CHECK(chest("The lungs are clear of consolidation, effusion or pneumothorax.", "Pleural Effusion") == "0");
    CHECK(chest("No consolidation, effusion or pneumothorax.", "Pneumothorax") == "0");
    CHECK(chest("Lungs free of focal edema.", "Edema") == "0");
    // Not over a preposition, and not when "normal" describes the next noun.
    CHECK(chest("Stable cardiomegaly and normal lung vascularity.", "Cardiomegaly") == "1");
    CHECK(chest("Mild cardiomegaly, normal pulmonary vascularity.", "Cardiomegaly") == "1");
    CHECK(chest("Cardiomegaly with lungs otherwise normal.", "Cardiomegaly") == "1");
    // "normal" before a noun acts on that noun, not on the rest of the clause.
    CHECK(chest("Normal heart size, small left effusion.", "Pleural Effusion") == "1");
}

TEST_CASE("organ attributes need a predicate to be a finding", "[reports][phrasing]")
{
    CHECK(chest("The cardiac silhouette projects over the spine.", "Cardiomegaly").empty());
    CHECK(chest("Heart is large.", "Cardiomegaly") == "1");
    CHECK(chest("The heart size is mildly enlarged.", "Cardiomegaly") == "1");
    CHECK(chest("Enlarged cardiac silhouette.", "Cardiomegaly") == "1");
    CHECK(chest("The heart is normal in size.", "Cardiomegaly") == "0");
    CHECK(chest("The heart is not enlarged.", "Cardiomegaly") == "0");
    CHECK(chest("No change in heart size.", "Cardiomegaly").empty());
    CHECK(chest("Heart size is borderline.", "Cardiomegaly") == "-1");
    // A comma after the attribute: what follows describes something else.
    CHECK(chest("Stable heart size, moderately enlarged aorta.", "Cardiomegaly").empty());
    CHECK(chest("Stable heart size, moderately enlarged aorta.", "No Finding").empty());
    const LabelResult large = result("chest-radiograph", "The heart is large.", "Cardiomegaly");
    CHECK(large.explanation.rule == "positive (attribute with its predicate)");
    CHECK(large.explanation.matchedText == "heart");
    CHECK(large.explanation.cue == "large");
}

TEST_CASE("the limit of normal is uncertain but no abnormality", "[reports][phrasing]")
{
    const std::string report = "FINDINGS: Heart size is at the upper limits of normal. Lungs are clear.";
    const LabelResult heart = result("chest-radiograph", report, "Cardiomegaly");
    CHECK(heart.value == LabelValue::Uncertain);
    CHECK(heart.atLimitOfNormal);
    CHECK(chest(report, "No Finding") == "1");
    // A borderline finding is uncertain and does make the study abnormal.
    CHECK(chest("FINDINGS: Borderline cardiomegaly. Lungs are clear.", "Cardiomegaly") == "-1");
    CHECK(chest("FINDINGS: Borderline cardiomegaly. Lungs are clear.", "No Finding").empty());
}

TEST_CASE("hedges on the likelihood scale", "[reports][phrasing]")
{
    CHECK(chest("Probable left lower lobe pneumonia.", "Pneumonia") == "1");
    CHECK(chest("Opacity, most likely atelectasis.", "Atelectasis") == "1");
    CHECK(chest("Small effusion is suspected.", "Pleural Effusion") == "1");
    CHECK(chest("Possible small effusion.", "Pleural Effusion") == "-1");
    CHECK(chest("Basilar opacity may represent atelectasis.", "Atelectasis") == "-1");
    CHECK(chest("Edema could be present.", "Edema") == "-1");
    CHECK(chest("Pneumonia cannot be excluded.", "Pneumonia") == "-1");
    CHECK(chest("Question of a small pneumothorax.", "Pneumothorax") == "-1");
    CHECK(chest("Basilar opacity, atelectasis versus scarring.", "Atelectasis") == "-1");
    CHECK(chest("Pneumonia is unlikely.", "Pneumonia") == "0");
    CHECK(chest("Basilar opacity favored to represent atelectasis.", "Atelectasis") == "1");
    CHECK(chest("Suggestion of a small effusion.", "Pleural Effusion") == "-1");
    // A likelihood word never undoes a negation before it.
    CHECK(chest("No focal opacity to suggest pneumonia.", "Pneumonia") == "0");
    // A hedge closing the sentence acts on its whole clause.
    CHECK(chest("A pneumonia superimposed on scarring would be a consideration.", "Pneumonia") == "-1");
    // "versus" acts on the words next to it, not on a finding coordinated before them.
    CHECK(chest("Small pleural effusions and basilar infiltrate versus crowding.", "Pleural Effusion") == "1");
    // Conditional hedges.
    CHECK(chest("In the appropriate clinical setting, this could represent pneumonia.", "Pneumonia") == "-1");
}

TEST_CASE("severity and course words keep the polarity", "[reports][phrasing]")
{
    CHECK(chest("Mild cardiomegaly.", "Cardiomegaly") == "1");
    CHECK(chest("Small stable left effusion.", "Pleural Effusion") == "1");
    CHECK(chest("Slightly enlarged cardiac silhouette.", "Cardiomegaly") == "1");
    CHECK(chest("Decreased right pleural effusion.", "Pleural Effusion") == "1");
    CHECK(chest("Partial resolution of the right pleural effusion.", "Pleural Effusion") == "1");
    CHECK(chest("Subsegmental atelectasis without interval change.", "Atelectasis") == "1");
    CHECK(chest("Resolved right pleural effusion.", "Pleural Effusion") == "0");
    CHECK(chest("Almost completely resolved apical pleural air collection.", "Pneumothorax") == "1");
    CHECK(chest("Right chest tube removed. No pneumothorax.", "Pneumothorax") == "0");
}

TEST_CASE("past disease is no current finding", "[reports][phrasing]")
{
    CHECK(chest("Calcified nodes from prior granulomatous pneumonia.", "Pneumonia") == "0");
    CHECK(chest("Scarring, sequelae of previous pneumonia.", "Pneumonia") == "0");
    // ... yet the study is not normal: the scar and calcification are findings.
    CHECK(chest("Scarring, sequelae of previous pneumonia.", "No Finding").empty());
}

TEST_CASE("derived No Finding follows the readers' normal study", "[reports][phrasing]")
{
    const std::string normal
        = "FINDINGS: The heart size and mediastinal contours are normal. The lungs are clear. "
          "No pleural effusion or pneumothorax.\nIMPRESSION: No acute cardiopulmonary abnormality.";
    CHECK(chest(normal, "No Finding") == "1");
    CHECK(result("chest-radiograph", normal, "No Finding").explanation.rule
        == "derived: no other label is positive or uncertain, nor any other finding of the schema");
    const std::string degenerative = "FINDINGS: Lungs are clear. Mild degenerative changes of the thoracic spine.\n"
                                     "IMPRESSION: No acute cardiopulmonary abnormality.";
    const LabelResult noFinding = result("chest-radiograph", degenerative, "No Finding");
    CHECK(noFinding.value == LabelValue::NotMentioned);
    CHECK(noFinding.explanation.rule == "derived: a finding outside the labels is positive");
    CHECK(noFinding.explanation.matchedText == "degenerative");
    CHECK(chest("FINDINGS: Lungs clear. No granuloma.", "No Finding") == "1");
    // Support devices do not make the study abnormal in the chest schema (CheXpert's convention).
    CHECK(chest("FINDINGS: Right PICC line in the SVC. Lungs are clear.", "No Finding") == "1");
}

TEST_CASE("sections: a heading line ends the sentence before it, history never gives a finding", "[reports][phrasing]")
{
    const std::string report = "INDICATION: Cough, pneumonia?\nFINDINGS: Lungs are clear\nIMPRESSION: No pneumonia.";
    CHECK(chest(report, "Pneumonia") == "0");
    CHECK(chest("INDICATION: Follow-up of effusion\nFINDINGS: Small left effusion", "Pleural Effusion") == "1");
    CHECK(chest("INDICATION: Pneumothorax\nFINDINGS: Lungs are clear", "Pneumothorax").empty());
    // The impression wins where the sections disagree, and the explanation says so.
    const LabelResult effusion = result(
        "chest-radiograph", "FINDINGS: Possible small effusion.\nIMPRESSION: No effusion.", "Pleural Effusion");
    CHECK(effusion.value == LabelValue::Negative);
    CHECK(effusion.explanation.note == "impression preferred; the findings say uncertain (\"effusion\")");
}

TEST_CASE("the same machinery in the CT abdomen schema", "[reports][phrasing]")
{
    CHECK(ct("The retroperitoneal lymph nodes are enlarged.", "Lymphadenopathy") == "1");
    CHECK(ct("Lymph nodes are normal in size.", "Lymphadenopathy") == "0");
    CHECK(ct("Scattered mesenteric lymph nodes.", "Lymphadenopathy").empty());
    CHECK(ct("The renal collecting systems are not dilated.", "Hydronephrosis") == "0");
    CHECK(ct("Mildly dilated left collecting system.", "Hydronephrosis") == "1");
    CHECK(ct("Liver, spleen and pancreas are unremarkable. No ascites or free fluid.", "Ascites") == "0");
    CHECK(ct("Probable early appendicitis.", "Appendicitis") == "1");
    CHECK(ct("Appendicitis cannot be excluded.", "Appendicitis") == "-1");
}
