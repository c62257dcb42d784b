#pragma once

#include "radmark/storage/project/InstanceRecord.h"

#include <string>

namespace radmark::testing {

// A minimal indexed CT instance (16x16, axial) of study `studyUid` with an accession number, for tests
// that need studies in a project without writing DICOM files.
inline storage::InstanceRecord studyRecord(
    const std::string& path, const std::string& studyUid, const std::string& accession)
{
    storage::InstanceRecord record;
    record.filePath = path;
    record.fileSizeBytes = 1000;
    record.fileModifiedNs = 42;
    record.sopClassUid = "1.2.840.10008.5.1.4.1.1.2";
    record.sopInstanceUid = studyUid + ".1.1";
    record.seriesInstanceUid = studyUid + ".1";
    record.studyInstanceUid = studyUid;
    record.accessionNumber = accession;
    record.patientId = "P1";
    record.modality = "CT";
    record.rows = 16;
    record.columns = 16;
    record.numberOfFrames = 1;
    record.imagePositionPatient = { 0, 0, 0 };
    record.imageOrientationPatient = { 1, 0, 0, 0, 1, 0 };
    return record;
}

} // namespace radmark::testing
