#include "sr/SrMeasurementReader.h"
#include "dicom/DicomStreamPrescan.h"

#include "sr/SrCodes.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/dsrdoc.h>

namespace radmark::storage {

namespace {

SrCode codeOf(const DSRCodedEntryValue& code)
{
    return SrCode { code.getCodeValue().c_str(), code.getCodingSchemeDesignator().c_str(),
        code.getCodeMeaning().c_str() };
}

bool is(const DSRCodedEntryValue& code, const srcodes::Code& expected)
{
    return code.getCodeValue() == expected.value && code.getCodingSchemeDesignator() == expected.scheme;
}

std::string describe(const DSRContentItem& item)
{
    const std::string meaning = item.getConceptName().getCodeMeaning().c_str();
    return std::string(DSRTypes::valueTypeToDefinedTerm(item.getValueType()))
        + (meaning.empty() ? "" : " '" + meaning + "'");
}

// Walks the tree with DCMTK's cursor; every function leaves the cursor where it found it.
class GroupReader {
public:
    explicit GroupReader(DSRDocumentTree& tree)
        : m_tree(tree)
    {
    }

    void findGroups(std::vector<SrMeasurementGroup>& groups)
    {
        const DSRContentItem& item = m_tree.getCurrentContentItem();
        if (item.getValueType() == DSRTypes::VT_Container && is(item.getConceptName(), srcodes::measurementGroup)) {
            groups.push_back(readGroup());
            return;
        }
        forEachChild([&] { findGroups(groups); });
    }

    std::string findPersonObserver()
    {
        std::string name;
        forEachChild([&] {
            const DSRContentItem& item = m_tree.getCurrentContentItem();
            if (item.getValueType() == DSRTypes::VT_PName && item.getConceptName().getCodeValue() == "121008") {
                name = item.getStringValue().c_str();
            }
        });
        return name;
    }

private:
    template <typename Visit> void forEachChild(Visit visit)
    {
        if (m_tree.goDown() == 0) {
            return;
        }
        do {
            visit();
        } while (m_tree.gotoNext() != 0);
        m_tree.goUp();
    }

    SrMeasurementGroup readGroup()
    {
        SrMeasurementGroup group;
        forEachChild([&] {
            const DSRContentItem& item = m_tree.getCurrentContentItem();
            const DSRCodedEntryValue& concept = item.getConceptName();
            switch (item.getValueType()) {
            case DSRTypes::VT_Text:
                if (is(concept, srcodes::trackingIdentifier)) {
                    group.trackingIdentifier = item.getStringValue().c_str();
                }
                break;
            case DSRTypes::VT_UIDRef:
                if (is(concept, srcodes::trackingUniqueIdentifier)) {
                    group.trackingUid = item.getStringValue().c_str();
                }
                break;
            case DSRTypes::VT_Code:
                if (is(concept, srcodes::findingSite)) {
                    group.findingSite = codeOf(item.getCodeValue());
                }
                break;
            case DSRTypes::VT_Num: {
                const SrCode numberConcept = codeOf(concept);
                forEachChild([&] {
                    if (m_tree.getCurrentContentItem().getValueType() == DSRTypes::VT_SCoord) {
                        readCoordinates(numberConcept, true, group);
                    } else if (m_tree.getCurrentContentItem().getValueType() == DSRTypes::VT_SCoord3D) {
                        group.unreadable.push_back("3D coordinates of " + describe(item));
                    }
                });
                break;
            }
            case DSRTypes::VT_SCoord:
                readCoordinates(codeOf(concept), false, group);
                break;
            case DSRTypes::VT_SCoord3D:
                group.unreadable.push_back(describe(item) + " (3D coordinates)");
                break;
            default:
                break;
            }
        });
        return group;
    }

    void readCoordinates(const SrCode& concept, bool fromMeasurement, SrMeasurementGroup& group)
    {
        const DSRContentItem& item = m_tree.getCurrentContentItem();
        DSRSpatialCoordinatesValue value = item.getSpatialCoordinates(); // DCMTK reads the points via non-const
        SrGraphic graphic;
        graphic.concept = concept;
        graphic.fromMeasurement = fromMeasurement;
        graphic.graphicType = DSRTypes::graphicTypeToEnumeratedValue(value.getGraphicType());
        const DSRGraphicDataList& data = value.getGraphicDataList();
        for (size_t index = 1; index <= data.getNumberOfItems(); ++index) {
            const DSRGraphicDataItem& point = data.getItem(index);
            graphic.points.emplace_back(point.Column, point.Row);
        }
        forEachChild([&] {
            const DSRContentItem& child = m_tree.getCurrentContentItem();
            if (child.getValueType() == DSRTypes::VT_Image && graphic.sopInstanceUid.empty()) {
                const DSRImageReferenceValue& reference = child.getImageReference();
                graphic.sopInstanceUid = reference.getSOPInstanceUID().c_str();
                if (!reference.getFrameList().isEmpty()) {
                    graphic.frameNumber = reference.getFrameList().getItem(1);
                }
            }
        });
        if (graphic.sopInstanceUid.empty()) {
            group.unreadable.push_back(describe(item) + " without an image it is selected from");
            return;
        }
        group.graphics.push_back(std::move(graphic));
    }

    DSRDocumentTree& m_tree;
};

void addEvidenceSeries(DSRSOPInstanceReferenceList& list, std::vector<std::string>& seriesUids)
{
    if (list.gotoFirstItem().bad()) {
        return;
    }
    do {
        OFString seriesUid;
        list.getSeriesInstanceUID(seriesUid);
        if (!seriesUid.empty()) {
            seriesUids.push_back(seriesUid.c_str());
        }
    } while (list.gotoNextItem().good());
}

} // namespace

std::optional<SrMeasurementDocument> readSrMeasurements(const std::string& filePath, std::string& error)
{
    const DicomPrescan scan = prescanDicomFile(filePath);
    if (!scan.accepted()) {
        error = "unreadable DICOM: " + scan.reason;
        return std::nullopt;
    }
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(filePath.c_str());
    if (loaded.bad()) {
        error = std::string("unreadable DICOM: ") + loaded.text();
        return std::nullopt;
    }
    DSRDocument document;
    // Other writers' documents often break a rule somewhere; the measurements are still worth reading.
    const size_t readFlags = DSRTypes::RF_acceptInvalidContentItemValue | DSRTypes::RF_ignoreRelationshipConstraints
        | DSRTypes::RF_ignoreContentItemErrors | DSRTypes::RF_acceptUnknownRelationshipType;
    const OFCondition read = document.read(*file.getDataset(), readFlags);
    if (read.bad()) {
        error = std::string("not a readable SR document: ") + read.text();
        return std::nullopt;
    }
    SrMeasurementDocument result;
    OFString sopInstanceUid;
    document.getSOPInstanceUID(sopInstanceUid);
    result.sopInstanceUid = sopInstanceUid.c_str();
    addEvidenceSeries(document.getCurrentRequestedProcedureEvidence(), result.evidenceSeriesUids);
    addEvidenceSeries(document.getPertinentOtherEvidence(), result.evidenceSeriesUids);
    DSRDocumentTree& tree = document.getTree();
    if (tree.gotoRoot() == 0) {
        return result;
    }
    GroupReader reader(tree);
    result.personObserverName = reader.findPersonObserver();
    reader.findGroups(result.groups);
    return result;
}

bool hasSrMeasurementGroups(const std::string& filePath)
{
    std::string error;
    const std::optional<SrMeasurementDocument> document = readSrMeasurements(filePath, error);
    return document && !document->groups.empty();
}

} // namespace radmark::storage
