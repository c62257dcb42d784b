#include "radmark/storage/pacs/ReceivedInstanceUids.h"

#include "dicom/DicomStreamPrescan.h"
#include "radmark/storage/project/ProjectError.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

namespace radmark::storage {

namespace {

constexpr Uint32 largeValuesLeftOnDisk = 4096;

std::string uidOf(DcmDataset& dataset, const DcmTagKey& tag, const char* name, const std::string& filePath)
{
    OFString value;
    if (dataset.findAndGetOFString(tag, value).bad() || value.empty()) {
        throw ProjectError(filePath + ": the received DICOM file has no " + name);
    }
    return value.c_str();
}

} // namespace

ReceivedInstanceUids readReceivedInstanceUids(const std::string& filePath)
{
    requireSafeDicomFile(filePath);
    DcmFileFormat file;
    const OFCondition status = file.loadFile(filePath.c_str(), EXS_Unknown, EGL_noChange, largeValuesLeftOnDisk);
    if (status.bad()) {
        throw ProjectError("cannot read " + filePath + ": " + status.text());
    }
    DcmDataset& dataset = *file.getDataset();
    ReceivedInstanceUids uids;
    uids.studyInstanceUid = uidOf(dataset, DCM_StudyInstanceUID, "Study Instance UID", filePath);
    uids.seriesInstanceUid = uidOf(dataset, DCM_SeriesInstanceUID, "Series Instance UID", filePath);
    uids.sopInstanceUid = uidOf(dataset, DCM_SOPInstanceUID, "SOP Instance UID", filePath);
    return uids;
}

} // namespace radmark::storage
