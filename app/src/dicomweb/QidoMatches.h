#pragma once

#include <QString>

namespace radmark::app::dicomweb {

// Study-level QIDO-RS criteria (PS3.18 §10.6.1.2). Empty fields do not constrain. Names and
// descriptions may hold the wildcards * and ?; studyDate is "YYYYMMDD", "YYYYMMDD-YYYYMMDD",
// "-YYYYMMDD" or "YYYYMMDD-" (a DICOM date range).
struct StudyQuery {
    QString patientId;
    QString patientName;
    QString accessionNumber;
    QString studyInstanceUid;
    QString studyDate;
    QString modality; // matched against ModalitiesInStudy
    QString studyDescription;
};

struct StudyMatch {
    QString studyInstanceUid;
    QString patientId;
    QString patientName;
    QString patientBirthDate;
    QString accessionNumber;
    QString studyDate; // YYYYMMDD
    QString studyTime;
    QString studyDescription;
    QString modalitiesInStudy; // "CT\\SR"
    int numberOfSeries = -1; // NumberOfStudyRelatedSeries, -1 when the server did not say
    int numberOfInstances = -1; // NumberOfStudyRelatedInstances
};

struct SeriesMatch {
    QString studyInstanceUid;
    QString seriesInstanceUid;
    QString modality;
    QString seriesDescription;
    int seriesNumber = -1;
    int numberOfInstances = -1; // NumberOfSeriesRelatedInstances
};

struct InstanceMatch {
    QString studyInstanceUid;
    QString seriesInstanceUid;
    QString sopInstanceUid;
    QString sopClassUid;
    int instanceNumber = -1;
};

} // namespace radmark::app::dicomweb
