#include "dicom/DicomStreamPrescan.h"
#include "importing/ReportFileReader.h"

#include "dicom/DicomTextToUtf8.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/dsrdoc.h>

namespace radmark::storage {

namespace {

std::string trimmedText(const std::string& text)
{
    const std::size_t begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// TEXT items of a measurement report that label rather than report: tracking identifiers and observer names
// (TID 1501, TID 1004). A RadMark or highdicom TID 1500 SR has no report text.
bool isMeasurementContextText(const DSRContentItem& item)
{
    const DSRCodedEntryValue& concept = item.getConceptName();
    if (item.getRelationshipType() != DSRTypes::RT_hasObsContext || concept.getCodingSchemeDesignator() != "DCM") {
        return false;
    }
    const OFString& code = concept.getCodeValue();
    return code == "112039" || code == "121008" || code == "121013" || code == "121014" || code == "121015"
        || code == "121016" || code == "121017";
}

} // namespace

SrReportText readSrReportText(const std::string& filePath)
{
    SrReportText result;
    if (!prescanDicomFile(filePath).accepted()) {
        return result;
    }
    DcmFileFormat fileFormat;
    if (fileFormat.loadFile(filePath.c_str()).bad()) {
        return result;
    }
    DcmDataset& dataset = *fileFormat.getDataset();
    OFString value;
    if (dataset.findAndGetOFString(DCM_AccessionNumber, value).good()) {
        result.accessionNumber = trimmedText(value.c_str());
    }
    if (dataset.findAndGetOFString(DCM_StudyInstanceUID, value).good()) {
        result.studyUid = trimmedText(value.c_str());
    }
    // Texts in other character sets become UTF-8 where DCMTK can convert them (best effort).
    convertTextToUtf8(dataset);
    DSRDocument document;
    // Real-world SR often break a rule somewhere (e.g. an image reference without a SOP class); the text is
    // still worth reading.
    const size_t readFlags = DSRTypes::RF_acceptInvalidContentItemValue | DSRTypes::RF_ignoreRelationshipConstraints
        | DSRTypes::RF_ignoreContentItemErrors;
    if (document.read(dataset, readFlags).bad()) {
        return result;
    }
    DSRDocumentTree& tree = document.getTree();
    if (tree.gotoRoot() == 0) {
        return result;
    }
    std::string text;
    do {
        const DSRContentItem& item = tree.getCurrentContentItem();
        if (item.getValueType() != DSRTypes::VT_Text || isMeasurementContextText(item)) {
            continue;
        }
        const std::string itemText = trimmedText(item.getStringValue().c_str());
        if (itemText.empty()) {
            continue;
        }
        const std::string heading = trimmedText(item.getConceptName().getCodeMeaning().c_str());
        text += (text.empty() ? "" : "\n\n") + (heading.empty() ? std::string() : heading + ":\n") + itemText;
    } while (tree.iterate() != 0);
    result.text = text;
    return result;
}

} // namespace radmark::storage
