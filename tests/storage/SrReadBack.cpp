#include "SrReadBack.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/dsrdoc.h>

namespace radmark::testing {

namespace {

ReadCode codeOf(const DSRCodedEntryValue& code)
{
    return { code.getCodeValue().c_str(), code.getCodingSchemeDesignator().c_str(), code.getCodeMeaning().c_str() };
}

template <typename Visit> void children(DSRDocumentTree& tree, Visit visit)
{
    if (tree.goDown() == 0) {
        return;
    }
    do {
        visit(tree.getCurrentContentItem());
    } while (tree.gotoNext() != 0);
    tree.goUp();
}

ReadScoord scoordAt(DSRDocumentTree& tree)
{
    const DSRContentItem& item = tree.getCurrentContentItem();
    ReadScoord scoord;
    scoord.concept = item.getConceptName().getCodeValue().c_str();
    DSRSpatialCoordinatesValue value = item.getSpatialCoordinates();
    scoord.graphicType = DSRTypes::graphicTypeToEnumeratedValue(value.getGraphicType());
    for (size_t index = 1; index <= value.getGraphicDataList().getNumberOfItems(); ++index) {
        const DSRGraphicDataItem& point = value.getGraphicDataList().getItem(index);
        scoord.points.emplace_back(point.Column, point.Row);
    }
    children(tree, [&](const DSRContentItem& child) {
        if (child.getValueType() == DSRTypes::VT_Image && child.getRelationshipType() == DSRTypes::RT_selectedFrom) {
            DSRImageReferenceValue reference = child.getImageReference();
            scoord.sopClassUid = reference.getSOPClassUID().c_str();
            scoord.sopInstanceUid = reference.getSOPInstanceUID().c_str();
            for (size_t index = 1; index <= reference.getFrameList().getNumberOfItems(); ++index) {
                scoord.frames.push_back(reference.getFrameList().getItem(index));
            }
        }
    });
    return scoord;
}

ReadGroup groupAt(DSRDocumentTree& tree)
{
    ReadGroup group;
    OFString templateId;
    OFString mapping;
    tree.getCurrentContentItem().getTemplateIdentification(templateId, mapping);
    group.templateId = templateId.c_str();
    children(tree, [&](const DSRContentItem& item) {
        const std::string concept = item.getConceptName().getCodeValue().c_str();
        if (concept == "112039") {
            group.trackingIdentifier = item.getStringValue().c_str();
        } else if (concept == "112040") {
            group.trackingUid = item.getStringValue().c_str();
        } else if (concept == "121071") {
            group.finding = codeOf(item.getCodeValue());
        } else if (concept == "363698007") {
            group.findingSite = codeOf(item.getCodeValue());
        } else if (item.getValueType() == DSRTypes::VT_Num) {
            ReadNumber number;
            number.concept = codeOf(item.getConceptName());
            number.text = item.getNumericValue().getNumericValue().c_str();
            Float64 floatingPoint = 0.0;
            item.getNumericValue().getFloatingPointRepresentation(floatingPoint);
            number.floatingPoint = floatingPoint;
            number.unit = codeOf(item.getNumericValue().getMeasurementUnit());
            children(tree, [&](const DSRContentItem& child) {
                if (child.getValueType() == DSRTypes::VT_SCoord
                    && child.getRelationshipType() == DSRTypes::RT_inferredFrom) {
                    number.inferredFrom.push_back(scoordAt(tree));
                }
            });
            group.numbers.push_back(number);
        } else if (item.getValueType() == DSRTypes::VT_SCoord) {
            group.regions.push_back(scoordAt(tree));
        }
    });
    return group;
}

void walk(DSRDocumentTree& tree, ReadReport& report)
{
    children(tree, [&](const DSRContentItem& item) {
        const std::string concept = item.getConceptName().getCodeValue().c_str();
        if (item.getValueType() == DSRTypes::VT_Container && concept == "125007") {
            report.groups.push_back(groupAt(tree));
        } else if (item.getValueType() == DSRTypes::VT_Container && concept == "C0034375") {
            children(tree, [&](const DSRContentItem& evaluation) {
                report.qualitativeEvaluations[evaluation.getConceptName().getCodeValue().c_str()]
                    = codeOf(evaluation.getCodeValue());
            });
        } else if (item.getValueType() == DSRTypes::VT_Container) {
            walk(tree, report);
        }
    });
}

} // namespace

ReadReport readReportWithDcmtk(const std::string& path)
{
    ReadReport report;
    DcmFileFormat file;
    if (file.loadFile(path.c_str()).bad()) {
        return report;
    }
    DSRDocument document;
    if (document.read(*file.getDataset()).bad()) {
        return report;
    }
    report.read = true;
    report.documentType = DSRTypes::documentTypeToReadableName(document.getDocumentType());
    OFString value;
    DcmDataset& dataset = *file.getDataset();
    const auto text = [&](const DcmTagKey& tag) {
        OFString found;
        dataset.findAndGetOFStringArray(tag, found);
        return std::string(found.c_str());
    };
    report.patientName = text(DCM_PatientName);
    report.patientId = text(DCM_PatientID);
    report.patientSex = text(DCM_PatientSex);
    report.studyUid = text(DCM_StudyInstanceUID);
    report.studyDate = text(DCM_StudyDate);
    DSRSOPInstanceReferenceList& evidence = document.getCurrentRequestedProcedureEvidence();
    if (evidence.gotoFirstItem().good()) {
        do {
            report.evidenceInstanceUids.push_back(evidence.getSOPInstanceUID(value).c_str());
        } while (evidence.gotoNextItem().good());
    }
    DSRDocumentTree& tree = document.getTree();
    tree.gotoRoot();
    report.rootConcept = codeOf(tree.getCurrentContentItem().getConceptName());
    OFString templateId;
    OFString mapping;
    tree.getCurrentContentItem().getTemplateIdentification(templateId, mapping);
    report.rootTemplate = templateId.c_str();
    walk(tree, report);
    return report;
}

} // namespace radmark::testing
