#pragma once

#include "sr/LesionTypeCodes.h"
#include "sr/SrCodes.h"

#include <dcmtk/dcmsr/dsrdoctr.h>

#include <string>

namespace radmark::storage {

DSRCodedEntryValue codedEntry(const srcodes::Code& code);
DSRCodedEntryValue codedEntry(const SrCode& code);

// A DS value (at most 16 characters) as close to `value` as that allows.
std::string decimalString(double value);

// Builds an SR content tree by parent node id, so callers never juggle DCMTK's cursor. Every add
// returns the new node's id; a refused item (a relationship the IOD does not allow) throws ProjectError.
class SrTreeBuilder {
public:
    explicit SrTreeBuilder(DSRDocumentTree& tree)
        : m_tree(tree)
    {
    }

    size_t root(const srcodes::Code& concept, const char* templateId);
    size_t add(size_t parent, DSRTypes::E_RelationshipType relation, DSRTypes::E_ValueType type,
        const DSRCodedEntryValue& concept);
    size_t container(size_t parent, const srcodes::Code& concept, const char* templateId = nullptr);
    size_t code(size_t parent, DSRTypes::E_RelationshipType relation, const DSRCodedEntryValue& concept,
        const DSRCodedEntryValue& value);
    size_t text(
        size_t parent, DSRTypes::E_RelationshipType relation, const srcodes::Code& concept, const std::string& value);
    size_t uidRef(
        size_t parent, DSRTypes::E_RelationshipType relation, const srcodes::Code& concept, const std::string& uid);
    size_t number(size_t parent, const DSRCodedEntryValue& concept, double value, const srcodes::Code& unit);
    // A SCOORD with its SELECTED FROM image (frameNumber 0: the image is single-frame).
    size_t polyline(size_t parent, DSRTypes::E_RelationshipType relation, const DSRCodedEntryValue& concept,
        const std::vector<std::pair<double, double>>& columnRowPoints, const std::string& sopClassUid,
        const std::string& sopInstanceUid, int frameNumber);
    size_t image(size_t parent, DSRTypes::E_RelationshipType relation, const std::string& sopClassUid,
        const std::string& sopInstanceUid, int frameNumber);

private:
    DSRContentItem& current() { return m_tree.getCurrentContentItem(); }
    DSRDocumentTree& m_tree;
};

} // namespace radmark::storage
