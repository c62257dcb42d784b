#include "export/dicom/DicomDeidentifier.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <set>

namespace radmark::storage {

namespace {

// PS3.15 Table E.1-1 attributes RadMark removes (action X, or X/Z/D where removal is allowed). Person names,
// UIDs and dates are handled by value representation (see cleanItem) and are not repeated here.
const std::set<DcmTagKey>& removedAttributes()
{
    static const std::set<DcmTagKey> tags{
        {0x0008, 0x0080}, {0x0008, 0x0081}, {0x0008, 0x0082}, {0x0008, 0x0092}, {0x0008, 0x0094},
        {0x0008, 0x0096}, {0x0008, 0x0201}, {0x0008, 0x1010}, {0x0008, 0x1030}, {0x0008, 0x103E},
        {0x0008, 0x1040}, {0x0008, 0x1041}, {0x0008, 0x1049}, {0x0008, 0x1052}, {0x0008, 0x1062},
        {0x0008, 0x1072}, {0x0008, 0x1080}, {0x0008, 0x1084}, {0x0008, 0x1110}, {0x0008, 0x1120},
        {0x0008, 0x1032}, {0x0008, 0x2111}, {0x0008, 0x4000},
        {0x0010, 0x0021}, {0x0010, 0x0022}, {0x0010, 0x0024}, {0x0010, 0x0032}, {0x0010, 0x0033},
        {0x0010, 0x0034}, {0x0010, 0x0035}, {0x0010, 0x0050}, {0x0010, 0x0101}, {0x0010, 0x0102},
        {0x0010, 0x1000}, {0x0010, 0x1001}, {0x0010, 0x1002}, {0x0010, 0x1005}, {0x0010, 0x1040},
        {0x0010, 0x1050}, {0x0010, 0x1060}, {0x0010, 0x1080}, {0x0010, 0x1081}, {0x0010, 0x1090},
        {0x0010, 0x1100}, {0x0010, 0x2000}, {0x0010, 0x2110}, {0x0010, 0x2150}, {0x0010, 0x2152},
        {0x0010, 0x2154}, {0x0010, 0x2160}, {0x0010, 0x2180}, {0x0010, 0x21A0}, {0x0010, 0x21B0},
        {0x0010, 0x21C0}, {0x0010, 0x21D0}, {0x0010, 0x21F0}, {0x0010, 0x4000},
        {0x0018, 0x1000}, {0x0018, 0x1004}, {0x0018, 0x1005}, {0x0018, 0x1007}, {0x0018, 0x1008},
        {0x0018, 0x1030}, {0x0018, 0x1400}, {0x0018, 0x4000}, {0x0018, 0x700A}, {0x0018, 0x9424},
        {0x0018, 0xA001}, {0x0018, 0xA003},
        {0x0020, 0x4000}, {0x0020, 0x9158},
        {0x0032, 0x0012}, {0x0032, 0x1020}, {0x0032, 0x1021}, {0x0032, 0x1030}, {0x0032, 0x1033},
        {0x0032, 0x1060}, {0x0032, 0x1070}, {0x0032, 0x4000},
        {0x0038, 0x0004}, {0x0038, 0x0010}, {0x0038, 0x0011}, {0x0038, 0x0014}, {0x0038, 0x0060},
        {0x0038, 0x0061}, {0x0038, 0x0062}, {0x0038, 0x0300}, {0x0038, 0x0400}, {0x0038, 0x0500},
        {0x0038, 0x1234}, {0x0038, 0x4000},
        {0x0040, 0x0001}, {0x0040, 0x0007}, {0x0040, 0x0009}, {0x0040, 0x000B}, {0x0040, 0x0010},
        {0x0040, 0x0011}, {0x0040, 0x0241}, {0x0040, 0x0242}, {0x0040, 0x0243}, {0x0040, 0x0253},
        {0x0040, 0x0254}, {0x0040, 0x0275}, {0x0040, 0x0280}, {0x0040, 0x0555}, {0x0040, 0x1001},
        {0x0040, 0x1002}, {0x0040, 0x1004}, {0x0040, 0x1005}, {0x0040, 0x1010}, {0x0040, 0x1011},
        {0x0040, 0x1101}, {0x0040, 0x1102}, {0x0040, 0x1103}, {0x0040, 0x1400}, {0x0040, 0x2001},
        {0x0040, 0x2008}, {0x0040, 0x2009}, {0x0040, 0x2010}, {0x0040, 0x2016}, {0x0040, 0x2017},
        {0x0040, 0x2400}, {0x0040, 0x3001}, {0x0040, 0xA078}, {0x0040, 0xA07A}, {0x0040, 0xA07C},
        {0x0040, 0xA088}, {0x0040, 0xA730},
        {0x0400, 0x0402}, {0x0400, 0x0403}, {0x0400, 0x0404}, {0x0400, 0x0500}, {0x0400, 0x0561},
        {0x4000, 0x0010}, {0x4000, 0x4000},
    };
    return tags;
}

// Attributes emptied (action Z: type 2, must stay present).
const std::set<DcmTagKey>& emptiedAttributes()
{
    static const std::set<DcmTagKey> tags{DCM_AccessionNumber, DCM_StudyID, DCM_PatientBirthDate,
                                          DCM_ReferringPhysicianName};
    return tags;
}

// Patient characteristics the Retain Patient Characteristics Option keeps.
bool isAgeOrBodySize(const DcmTagKey& tag)
{
    return tag == DCM_PatientAge || tag == DCM_PatientSize || tag == DCM_PatientWeight;
}

// UIDs that name a kind of thing (SOP class, transfer syntax, coding scheme...), not an instance.
bool isDefinitionUid(const DcmTagKey& tag, const std::string& value)
{
    return tag == DCM_SOPClassUID || tag == DCM_ReferencedSOPClassUID || tag == DCM_MediaStorageSOPClassUID ||
           tag == DCM_TransferSyntaxUID || tag == DCM_CodingSchemeUID || tag == DCM_ContextGroupExtensionCreatorUID ||
           tag == DCM_RelatedGeneralSOPClassUID || tag == DCM_OriginalSpecializedSOPClassUID ||
           tag == DCM_ReferencedTransferSyntaxUIDInFile || tag == DCM_ReferencedSOPClassUIDInFile ||
           tag == DCM_SOPClassesInStudy || tag == DCM_ReferencedRelatedGeneralSOPClassUIDInFile ||
           tag == DCM_PrivateInformationCreatorUID || value.rfind("1.2.840.10008.", 0) == 0;
}

std::string stringOf(DcmElement& element, unsigned long index)
{
    OFString value;
    element.getOFString(value, index, OFTrue);
    return value.c_str();
}

bool isRemovedGroup(Uint16 group)
{
    return (group & 0xFF00) == 0x5000 || (group & 0xFF00) == 0x6000 || group == 0x4008;
}

}  // namespace

DicomDeidentifier::DicomDeidentifier(ExportIdentity& identity, std::string originalPatientId)
    : m_identity(identity), m_patientId(std::move(originalPatientId))
{
    // The identity shifts dates per patient or keeps them; a fixed probe date tells which.
    m_datesShifted = m_identity.date("20000101", m_patientId) != "20000101";
}

void DicomDeidentifier::apply(DcmItem& dataset)
{
    cleanItem(dataset, true);
    dataset.putAndInsertString(DCM_PatientName, m_identity.patientName(m_patientId).c_str());
    dataset.putAndInsertString(DCM_PatientID, m_identity.patientId(m_patientId).c_str());
    addDeidentificationRecord(dataset);
}

void DicomDeidentifier::cleanItem(DcmItem& item, bool topLevel)
{
    for (unsigned long index = item.card(); index-- > 0;) {
        DcmElement* element = item.getElement(index);
        const DcmTagKey tag = element->getTag();
        if (tag.isPrivate() || isRemovedGroup(tag.getGroup()) || removedAttributes().count(tag) != 0 ||
            (isAgeOrBodySize(tag) && !m_identity.keepsPatientAge()) ||
            (tag == DcmTagKey(0x0010, 0x2203) && !m_identity.keepsPatientSex())) {
            delete item.remove(element);
            continue;
        }
        if (emptiedAttributes().count(tag) != 0 || (tag == DCM_PatientSex && !m_identity.keepsPatientSex())) {
            element->clear();
            continue;
        }
        if (tag == DCM_PatientName || tag == DCM_PatientID) {
            continue;  // replaced by apply() at the top level; emptied inside sequences
        }
        switch (element->ident()) {
        case EVR_SQ: {
            auto* sequence = static_cast<DcmSequenceOfItems*>(element);
            for (unsigned long itemIndex = 0; itemIndex < sequence->card(); ++itemIndex) {
                cleanItem(*sequence->getItem(itemIndex), false);
            }
            break;
        }
        case EVR_PN: element->clear(); break;
        case EVR_UI: {
            const std::string value = stringOf(*element, 0);
            if (!value.empty() && !isDefinitionUid(tag, value)) {
                element->putString(m_identity.uid(value).c_str());
            }
            break;
        }
        case EVR_DA: {
            std::string dates;
            for (unsigned long valueIndex = 0; valueIndex < element->getVM(); ++valueIndex) {
                dates += (valueIndex == 0 ? "" : "\\") + m_identity.date(stringOf(*element, valueIndex), m_patientId);
            }
            element->putString(dates.c_str());
            break;
        }
        case EVR_DT: {
            const std::string value = stringOf(*element, 0);
            const std::string date = value.size() >= 8 ? m_identity.date(value.substr(0, 8), m_patientId) : "";
            element->putString(date.empty() ? "" : (date + value.substr(8)).c_str());
            break;
        }
        default: break;
        }
    }
    if (!topLevel) {
        // Patient identity inside nested items (e.g. a referenced patient) has no pseudonym: emptied.
        for (const DcmTagKey& tag : {DCM_PatientName, DCM_PatientID}) {
            if (DcmElement* element = nullptr; item.findAndGetElement(tag, element, OFFalse).good()) {
                element->clear();
            }
        }
    }
}

void DicomDeidentifier::addDeidentificationRecord(DcmItem& dataset)
{
    struct MethodCode {
        const char* value;
        const char* meaning;
    };
    std::vector<MethodCode> codes{{"113100", "Basic Application Confidentiality Profile"}};
    // De-identification Method is LO (64 characters per value), multi-valued.
    std::string method = "RadMark PS3.15 Basic Application Confidentiality Profile";
    if (m_datesShifted) {
        codes.push_back({"113107", "Retain Longitudinal Temporal Information Modified Dates Option"});
        method += "\\dates shifted per patient";
    } else {
        codes.push_back({"113106", "Retain Longitudinal Temporal Information Full Dates Option"});
        method += "\\dates kept";
    }
    if (m_identity.keepsPatientAge() || m_identity.keepsPatientSex()) {
        codes.push_back({"113108", "Retain Patient Characteristics Option"});
        method += m_identity.keepsPatientAge() && m_identity.keepsPatientSex() ? "\\age and sex kept"
                  : m_identity.keepsPatientAge()                               ? "\\age kept"
                                                                               : "\\sex kept";
    }
    dataset.putAndInsertString(DCM_PatientIdentityRemoved, "YES");
    dataset.putAndInsertString(DCM_DeidentificationMethod, method.c_str());
    dataset.findAndDeleteElement(DCM_DeidentificationMethodCodeSequence);
    for (std::size_t index = 0; index < codes.size(); ++index) {
        DcmItem* codeItem = nullptr;
        if (dataset.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, codeItem, -2).good()) {
            codeItem->putAndInsertString(DCM_CodeValue, codes[index].value);
            codeItem->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
            codeItem->putAndInsertString(DCM_CodeMeaning, codes[index].meaning);
        }
    }
    dataset.putAndInsertString(DCM_LongitudinalTemporalInformationModified, m_datesShifted ? "MODIFIED" : "UNMODIFIED");
}

}  // namespace radmark::storage
