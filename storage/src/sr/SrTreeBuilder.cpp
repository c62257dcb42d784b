#include "sr/SrTreeBuilder.h"

#include "radmark/storage/project/ProjectError.h"

#include <cmath>
#include <cstdio>

namespace radmark::storage {

namespace {

void require(const OFCondition& status, const std::string& what)
{
    if (status.bad()) {
        throw ProjectError("cannot build the DICOM SR: " + what + ": " + status.text());
    }
}

} // namespace

DSRCodedEntryValue codedEntry(const srcodes::Code& code)
{
    return DSRCodedEntryValue(code.value, code.scheme, code.meaning);
}

DSRCodedEntryValue codedEntry(const SrCode& code)
{
    return DSRCodedEntryValue(code.value.c_str(), code.scheme.c_str(), code.meaning.c_str());
}

std::string decimalString(double value)
{
    char text[64];
    for (int precision = 15; precision > 1; --precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::string(text).size() <= 16) {
            return text;
        }
    }
    return "0";
}

size_t SrTreeBuilder::root(const srcodes::Code& concept, const char* templateId)
{
    const size_t id = m_tree.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container);
    if (id == 0) {
        throw ProjectError("cannot build the DICOM SR: no root container");
    }
    require(current().setConceptName(codedEntry(concept)), "root concept");
    require(current().setContinuityOfContent(DSRTypes::COC_Separate), "root continuity");
    require(current().setTemplateIdentification(templateId, "DCMR"), "root template");
    return id;
}

size_t SrTreeBuilder::add(
    size_t parent, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type, const DSRCodedEntryValue& concept)
{
    if (m_tree.gotoNode(parent) == 0) {
        throw ProjectError("cannot build the DICOM SR: lost node " + std::to_string(parent));
    }
    size_t id = 0;
    if (m_tree.goDown() != 0) {
        m_tree.gotoLast();
        id = m_tree.addContentItem(relation, type, DSRTypes::AM_afterCurrent);
    } else {
        id = m_tree.addContentItem(relation, type, DSRTypes::AM_belowCurrent);
    }
    if (id == 0) {
        throw ProjectError(std::string("cannot build the DICOM SR: ") + DSRTypes::valueTypeToDefinedTerm(type)
            + " not allowed under node " + std::to_string(parent));
    }
    if (!concept.isEmpty()) {
        require(current().setConceptName(concept), "concept name " + std::string(concept.getCodeMeaning().c_str()));
    }
    return id;
}

size_t SrTreeBuilder::container(size_t parent, const srcodes::Code& concept, const char* templateId)
{
    const size_t id = add(parent, DSRTypes::RT_contains, DSRTypes::VT_Container, codedEntry(concept));
    require(current().setContinuityOfContent(DSRTypes::COC_Separate), "container continuity");
    if (templateId != nullptr) {
        require(current().setTemplateIdentification(templateId, "DCMR"), "container template");
    }
    return id;
}

size_t SrTreeBuilder::code(size_t parent, DSRTypes::E_RelationshipType relation, const DSRCodedEntryValue& concept,
    const DSRCodedEntryValue& value)
{
    const size_t id = add(parent, relation, DSRTypes::VT_Code, concept);
    require(current().setCodeValue(value), "code " + std::string(value.getCodeMeaning().c_str()));
    return id;
}

size_t SrTreeBuilder::text(
    size_t parent, DSRTypes::E_RelationshipType relation, const srcodes::Code& concept, const std::string& value)
{
    const size_t id = add(parent, relation, DSRTypes::VT_Text, codedEntry(concept));
    require(current().setStringValue(value.c_str()), "text of " + std::string(concept.meaning));
    return id;
}

size_t SrTreeBuilder::uidRef(
    size_t parent, DSRTypes::E_RelationshipType relation, const srcodes::Code& concept, const std::string& uid)
{
    const size_t id = add(parent, relation, DSRTypes::VT_UIDRef, codedEntry(concept));
    require(current().setStringValue(uid.c_str()), "UID of " + std::string(concept.meaning));
    return id;
}

size_t SrTreeBuilder::number(size_t parent, const DSRCodedEntryValue& concept, double value, const srcodes::Code& unit)
{
    const size_t id = add(parent, DSRTypes::RT_contains, DSRTypes::VT_Num, concept);
    DSRNumericMeasurementValue measurement(decimalString(value).c_str(), codedEntry(unit));
    // The exact double travels in Floating Point Value next to the 16-character decimal string.
    require(measurement.setFloatingPointRepresentation(value), "floating point value");
    require(current().setNumericValue(measurement), "numeric value");
    return id;
}

size_t SrTreeBuilder::polyline(size_t parent, DSRTypes::E_RelationshipType relation, const DSRCodedEntryValue& concept,
    const std::vector<std::pair<double, double>>& columnRowPoints, const std::string& sopClassUid,
    const std::string& sopInstanceUid, int frameNumber)
{
    const size_t id = add(parent, relation, DSRTypes::VT_SCoord, concept);
    DSRSpatialCoordinatesValue coordinates(DSRTypes::GT_Polyline);
    for (const auto& [column, row] : columnRowPoints) {
        coordinates.getGraphicDataList().addItem(static_cast<Float32>(column), static_cast<Float32>(row));
    }
    require(current().setSpatialCoordinates(coordinates), "spatial coordinates");
    image(id, DSRTypes::RT_selectedFrom, sopClassUid, sopInstanceUid, frameNumber);
    return id;
}

size_t SrTreeBuilder::image(size_t parent, DSRTypes::E_RelationshipType relation, const std::string& sopClassUid,
    const std::string& sopInstanceUid, int frameNumber)
{
    const size_t id = add(parent, relation, DSRTypes::VT_Image, DSRCodedEntryValue());
    DSRImageReferenceValue reference(sopClassUid.c_str(), sopInstanceUid.c_str());
    if (frameNumber > 0) {
        reference.getFrameList().addItem(static_cast<Sint32>(frameNumber));
    }
    require(current().setImageReference(reference), "image reference " + sopInstanceUid);
    return id;
}

} // namespace radmark::storage
