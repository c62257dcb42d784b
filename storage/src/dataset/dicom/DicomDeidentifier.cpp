#include "dataset/dicom/DicomDeidentifier.h"

#include "dataset/dicom/BasicProfileTable.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace radmark::storage {

namespace {

// Patient characteristics the Retain Patient Characteristics Option keeps.
bool isAgeOrBodySize(const DcmTagKey& tag)
{
    return tag == DCM_PatientAge || tag == DCM_PatientSize || tag == DCM_PatientWeight;
}

// UIDs that name a kind of thing (SOP class, transfer syntax, coding scheme...), not an instance.
bool isDefinitionUid(const DcmTagKey& tag, const std::string& value)
{
    return tag == DCM_SOPClassUID || tag == DCM_ReferencedSOPClassUID || tag == DCM_MediaStorageSOPClassUID
        || tag == DCM_TransferSyntaxUID || tag == DCM_CodingSchemeUID || tag == DCM_ContextGroupExtensionCreatorUID
        || tag == DCM_RelatedGeneralSOPClassUID || tag == DCM_OriginalSpecializedSOPClassUID
        || tag == DCM_ReferencedTransferSyntaxUIDInFile || tag == DCM_ReferencedSOPClassUIDInFile
        || tag == DCM_SOPClassesInStudy || tag == DCM_ReferencedRelatedGeneralSOPClassUIDInFile
        || tag == DCM_PrivateInformationCreatorUID || value.rfind("1.2.840.10008.", 0) == 0;
}

std::string stringOf(DcmElement& element, unsigned long index)
{
    OFString value;
    element.getOFString(value, index, OFTrue);
    return value.c_str();
}

bool isTextVr(DcmEVR vr)
{
    switch (vr) {
    case EVR_AE:
    case EVR_AS:
    case EVR_CS:
    case EVR_DS:
    case EVR_IS:
    case EVR_LO:
    case EVR_LT:
    case EVR_SH:
    case EVR_ST:
    case EVR_UC:
    case EVR_UR:
    case EVR_UT:
    case EVR_PN:
    case EVR_UI:
    case EVR_DA:
    case EVR_DT:
    case EVR_TM:
        return true;
    default:
        return false;
    }
}

bool isTemporalVr(DcmEVR vr)
{
    return vr == EVR_DA || vr == EVR_DT || vr == EVR_TM;
}

// The raw value bytes of an element read with VR UN, without trailing padding.
std::string rawBytes(DcmElement& element)
{
    Uint8* bytes = nullptr;
    if (element.getUint8Array(bytes).bad() || bytes == nullptr) {
        return {};
    }
    std::string value(reinterpret_cast<const char*>(bytes), element.getLength());
    while (!value.empty() && (value.back() == ' ' || value.back() == '\0')) {
        value.pop_back();
    }
    return value;
}

// A non-identifying value for a type 1 attribute (action D).
std::string dummyValue(DcmEVR vr)
{
    switch (vr) {
    case EVR_DA:
        return "19000101";
    case EVR_TM:
        return "000000";
    case EVR_DT:
        return "19000101000000";
    case EVR_PN:
        return "ANONYMOUS";
    case EVR_CS:
        return "ANONYMIZED";
    default:
        return isTextVr(vr) ? "ANONYMIZED" : "";
    }
}

// `length` raw bytes put into `element` as values of T (host byte order) with `put`; EC_IllegalCall when they are
// not a whole number of values.
template <typename T>
OFCondition putValues(DcmElement& element, const Uint8* bytes, Uint32 length,
    OFCondition (DcmElement::*put)(const T*, const unsigned long))
{
    if (length % sizeof(T) != 0) {
        return EC_IllegalCall;
    }
    std::vector<T> values(length / sizeof(T));
    std::memcpy(values.data(), bytes, length);
    return (element.*put)(values.data(), static_cast<unsigned long>(values.size()));
}

// A binary element read as UN, re-made with the dictionary's VR, or nullptr when it cannot be.
DcmElement* resolvedBinary(DcmElement& element, const DcmTag& dictionaryTag)
{
    Uint8* bytes = nullptr;
    if (element.getUint8Array(bytes).bad()) {
        return nullptr;
    }
    const Uint32 length = element.getLength();
    DcmElement* resolved = nullptr;
    DcmEVR vr = dictionaryTag.getEVR();
    if ((vr == EVR_ox || vr == EVR_px) && length % 2 == 0) {
        vr = EVR_OW; // pixel data (OB or OW): 16-bit words keep every byte in order on a little-endian host
    }
    switch (vr) {
    case EVR_US:
    case EVR_SS:
    case EVR_UL:
    case EVR_SL:
    case EVR_FL:
    case EVR_FD:
    case EVR_OB:
    case EVR_OW:
        if (DcmItem::newDicomElementWithVR(resolved, DcmTag(dictionaryTag.getXTag(), DcmVR(vr))).bad()) {
            return nullptr;
        }
        break;
    default:
        return nullptr;
    }
    if (resolved == nullptr) {
        return nullptr;
    }
    OFCondition put = EC_IllegalCall;
    if (length == 0) {
        put = EC_Normal;
    } else if (vr == EVR_OB) {
        put = resolved->putUint8Array(bytes, length);
    } else if (vr == EVR_US || vr == EVR_OW) {
        put = putValues<Uint16>(*resolved, bytes, length, &DcmElement::putUint16Array);
    } else if (vr == EVR_SS) {
        put = putValues<Sint16>(*resolved, bytes, length, &DcmElement::putSint16Array);
    } else if (vr == EVR_UL) {
        put = putValues<Uint32>(*resolved, bytes, length, &DcmElement::putUint32Array);
    } else if (vr == EVR_SL) {
        put = putValues<Sint32>(*resolved, bytes, length, &DcmElement::putSint32Array);
    } else if (vr == EVR_FL) {
        put = putValues<Float32>(*resolved, bytes, length, &DcmElement::putFloat32Array);
    } else if (vr == EVR_FD) {
        put = putValues<Float64>(*resolved, bytes, length, &DcmElement::putFloat64Array);
    }
    if (put.bad()) {
        delete resolved;
        return nullptr;
    }
    return resolved;
}

} // namespace

DicomDeidentifier::DicomDeidentifier(
    ExportIdentity& identity, std::string originalPatientId, const std::vector<std::string>& knownIdentifiers)
    : m_identity(identity)
    , m_patientId(std::move(originalPatientId))
{
    for (const std::string& value : knownIdentifiers) {
        addIdentifyingValue(value);
    }
    addIdentifyingValue(m_patientId);
    // The identity shifts dates per patient or keeps them; a fixed probe date tells which.
    m_datesShifted = m_identity.date("20000101", m_patientId) != "20000101";
}

void DicomDeidentifier::apply(DcmItem& dataset)
{
    resolveUnknownVr(dataset);
    collectIdentifyingValues(dataset);
    cleanItem(dataset, true);
    dataset.putAndInsertString(DCM_PatientName, m_identity.patientName(m_patientId).c_str());
    dataset.putAndInsertString(DCM_PatientID, m_identity.patientId(m_patientId).c_str());
    addDeidentificationRecord(dataset);
}

void DicomDeidentifier::resolveUnknownVr(DcmItem& item)
{
    for (unsigned long index = item.card(); index-- > 0;) {
        DcmElement* element = item.getElement(index);
        if (element->ident() == EVR_SQ) {
            auto* sequence = static_cast<DcmSequenceOfItems*>(element);
            for (unsigned long itemIndex = 0; itemIndex < sequence->card(); ++itemIndex) {
                resolveUnknownVr(*sequence->getItem(itemIndex));
            }
            continue;
        }
        if (element->ident() != EVR_UN) {
            continue;
        }
        const DcmTagKey key = element->getTag();
        const DcmTag dictionaryTag(key); // the data dictionary's VR, UN when the tag is unknown
        const DcmEVR vr = dictionaryTag.getEVR();
        if (key.isPrivate() || isRemovedGroup(key.getGroup())) {
            continue; // removed by cleanItem anyway
        }
        if (!isTextVr(vr)) {
            // Numbers are copied into an element of the dictionary's VR (little-endian bytes, as read); a
            // sequence (its items cannot be trusted to parse), an ambiguous VR or a tag unknown to the
            // dictionary is removed: nothing of it may survive unchecked.
            DcmElement* resolved = resolvedBinary(*element, dictionaryTag);
            delete item.remove(element);
            if (resolved != nullptr && item.insert(resolved, OFTrue).bad()) {
                delete resolved;
            }
            continue;
        }
        const std::string value = rawBytes(*element);
        DcmElement* resolved = DcmItem::newDicomElement(dictionaryTag);
        if (resolved == nullptr || resolved->putString(value.c_str()).bad()) {
            delete resolved;
            delete item.remove(element);
            continue;
        }
        delete item.remove(element);
        if (item.insert(resolved, OFTrue).bad()) {
            delete resolved;
        }
    }
}

void DicomDeidentifier::collectIdentifyingValues(DcmItem& dataset)
{
    // Values that identify the patient or the visit wherever they are reused (e.g. the accession number as
    // Container Identifier, the patient ID in a comment): any text still holding one is emptied.
    for (const DcmTagKey& tag : { DCM_PatientID, DCM_AccessionNumber, DCM_StudyID, DcmTagKey(0x0010, 0x1000),
             DCM_PatientBirthName, DCM_PatientMotherBirthName, DCM_AdmissionID, DCM_RequestedProcedureID,
             DCM_PerformedProcedureStepID, DcmTagKey(0x0012, 0x0040), DcmTagKey(0x0012, 0x0042),
             DcmTagKey(0x0040, 0x2016), DcmTagKey(0x0040, 0x2017) }) {
        OFString value;
        if (dataset.findAndGetOFStringArray(tag, value).good()) {
            addIdentifyingValue(value.c_str());
        }
    }
    OFString name;
    if (dataset.findAndGetOFStringArray(DCM_PatientName, name).good()) {
        // Each name component on its own ("Doe", "John"), not only the whole.
        std::string part;
        for (const char character : std::string(name.c_str()) + "^") {
            if (character == '^' || character == '=' || character == '\\') {
                addIdentifyingValue(part);
                part.clear();
            } else {
                part += character;
            }
        }
    }
}

void DicomDeidentifier::addIdentifyingValue(std::string value)
{
    while (!value.empty() && value.back() == ' ') {
        value.pop_back();
    }
    while (!value.empty() && value.front() == ' ') {
        value.erase(0, 1);
    }
    // Short values ("1", "CT") would match innocent text.
    if (value.size() >= 4) {
        m_identifyingValues.push_back(value);
    }
}

bool DicomDeidentifier::holdsIdentifyingValue(const std::string& text) const
{
    for (const std::string& value : m_identifyingValues) {
        if (text.find(value) != std::string::npos) {
            return true;
        }
    }
    return false;
}

void DicomDeidentifier::cleanTemporal(DcmItem& item, DcmElement& element)
{
    const DcmEVR vr = element.ident();
    if (vr == EVR_TM) {
        // With shifted dates the time of day would still tie the image to the visit: emptied. With kept
        // dates (Full Dates Option) times are kept like the dates.
        if (m_datesShifted) {
            element.clear();
        }
        return;
    }
    if (vr == EVR_DA) {
        std::string dates;
        for (unsigned long valueIndex = 0; valueIndex < element.getVM(); ++valueIndex) {
            dates += (valueIndex == 0 ? "" : "\\") + m_identity.date(stringOf(element, valueIndex), m_patientId);
        }
        element.putString(dates.c_str());
        return;
    }
    (void)item;
    const std::string value = stringOf(element, 0);
    const std::string date = value.size() >= 8 ? m_identity.date(value.substr(0, 8), m_patientId) : "";
    // DT: the date part shifted; the time of day dropped with shifted dates (as for TM).
    const std::string rest = m_datesShifted ? "" : value.substr(std::min<std::size_t>(8, value.size()));
    element.putString(date.empty() ? "" : (date + rest).c_str());
}

void DicomDeidentifier::cleanItem(DcmItem& item, bool topLevel)
{
    for (unsigned long index = item.card(); index-- > 0;) {
        DcmElement* element = item.getElement(index);
        const DcmTagKey tag = element->getTag();
        if (isRemovedGroup(tag.getGroup()) || element->ident() == EVR_UN
            || (isAgeOrBodySize(tag) && !m_identity.keepsPatientAge())
            || (tag == DcmTagKey(0x0010, 0x2203) && !m_identity.keepsPatientSex())) {
            delete item.remove(element);
            continue;
        }
        if (tag == DCM_PatientSex) {
            if (!m_identity.keepsPatientSex()) {
                element->clear();
            }
            continue;
        }
        const BasicProfileRule* rule = findBasicProfileRule(tag.getGroup(), tag.getElement());
        const DcmEVR vr = element->ident();
        if (rule != nullptr) {
            switch (rule->action) {
            case BasicProfileAction::Remove:
                delete item.remove(element);
                continue;
            case BasicProfileAction::Empty:
                element->clear();
                continue;
            case BasicProfileAction::Dummy:
                if (vr == EVR_SQ) {
                    delete item.remove(element);
                } else {
                    element->putString(dummyValue(vr).c_str());
                }
                continue;
            case BasicProfileAction::Identity:
                continue; // replaced by apply() at the top level; emptied inside sequences
            case BasicProfileAction::Uid:
            case BasicProfileAction::Temporal:
                break; // by value representation, below
            }
        }
        switch (vr) {
        case EVR_SQ: {
            auto* sequence = static_cast<DcmSequenceOfItems*>(element);
            for (unsigned long itemIndex = 0; itemIndex < sequence->card(); ++itemIndex) {
                cleanItem(*sequence->getItem(itemIndex), false);
            }
            break;
        }
        case EVR_PN:
            element->clear();
            break;
        case EVR_UI: {
            std::string uids;
            for (unsigned long valueIndex = 0; valueIndex < element->getVM(); ++valueIndex) {
                const std::string value = stringOf(*element, valueIndex);
                uids += (valueIndex == 0 ? "" : "\\")
                    + (value.empty() || isDefinitionUid(tag, value) ? value : m_identity.uid(value));
            }
            element->putString(uids.c_str());
            break;
        }
        case EVR_DA:
        case EVR_DT:
        case EVR_TM:
            cleanTemporal(item, *element);
            break;
        default:
            // Numbers (DS, IS, AS) are left alone: a numeric patient ID must not empty a position or a size.
            if (isTextVr(vr) && !isTemporalVr(vr) && vr != EVR_DS && vr != EVR_IS && vr != EVR_AS) {
                OFString text;
                if (element->getOFStringArray(text).good() && holdsIdentifyingValue(text.c_str())) {
                    element->clear();
                }
            }
            break;
        }
    }
    if (!topLevel) {
        // Patient identity inside nested items (e.g. a referenced patient) has no pseudonym: emptied.
        for (const DcmTagKey& tag : { DCM_PatientName, DCM_PatientID }) {
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
    std::vector<MethodCode> codes { { "113100", "Basic Application Confidentiality Profile" } };
    // De-identification Method is LO (64 characters per value), multi-valued.
    std::string method = "RadMark PS3.15 Basic Application Confidentiality Profile";
    if (m_datesShifted) {
        codes.push_back({ "113107", "Retain Longitudinal Temporal Information Modified Dates Option" });
        method += "\\dates shifted per patient";
    } else {
        codes.push_back({ "113106", "Retain Longitudinal Temporal Information Full Dates Option" });
        method += "\\dates kept";
    }
    if (m_identity.keepsPatientAge() || m_identity.keepsPatientSex()) {
        codes.push_back({ "113108", "Retain Patient Characteristics Option" });
        method += m_identity.keepsPatientAge() && m_identity.keepsPatientSex() ? "\\age and sex kept"
            : m_identity.keepsPatientAge()                                     ? "\\age kept"
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

} // namespace radmark::storage
