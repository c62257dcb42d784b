// De-identification canaries: every attribute of PS3.15 Table E.1-1 carries a unique marker (in one half of the
// images with its real VR, in the other half encoded as VR UN as implicit-to-explicit conversions leave it), the
// study is exported in every format with shifted dates, and every output byte (gzip unpacked) is searched for
// every marker: none may be found. The canaries are written with DCMTK here, after the import, so the project
// indexes the study as usual.
#include "ExportTestProject.h"
#include "ExportedFileBytes.h"
#include "TestPaths.h"

#include "radmark/storage/dataset/DatasetExport.h"
#include "radmark/storage/dataset/ExportFormatRegistry.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcvrobow.h>

#include <catch2/catch.hpp>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

namespace {

// PS3.15 (2024) Table E.1-1, every attribute with a Basic Profile action (the UIDs of the study, series,
// instance and frame of reference and the patient's name and ID are tested with their original values).
const DcmTagKey kTableE11[] = {
    { 0x0008, 0x0012 }, // InstanceCreationDate
    { 0x0008, 0x0013 }, // InstanceCreationTime
    { 0x0008, 0x0014 }, // InstanceCreatorUID
    { 0x0008, 0x0015 }, // InstanceCoercionDateTime
    { 0x0008, 0x0017 }, // AcquisitionUID
    { 0x0008, 0x0019 }, // PyramidUID
    { 0x0008, 0x0021 }, // SeriesDate
    { 0x0008, 0x0022 }, // AcquisitionDate
    { 0x0008, 0x0023 }, // ContentDate
    { 0x0008, 0x0024 }, // OverlayDate
    { 0x0008, 0x0025 }, // CurveDate
    { 0x0008, 0x002A }, // AcquisitionDateTime
    { 0x0008, 0x0030 }, // StudyTime
    { 0x0008, 0x0031 }, // SeriesTime
    { 0x0008, 0x0032 }, // AcquisitionTime
    { 0x0008, 0x0033 }, // ContentTime
    { 0x0008, 0x0034 }, // OverlayTime
    { 0x0008, 0x0035 }, // CurveTime
    { 0x0008, 0x0050 }, // AccessionNumber
    { 0x0008, 0x0051 }, // IssuerOfAccessionNumberSequence
    { 0x0008, 0x0054 }, // RetrieveAETitle
    { 0x0008, 0x0055 }, // StationAETitle
    { 0x0008, 0x0058 }, // FailedSOPInstanceUIDList
    { 0x0008, 0x0080 }, // InstitutionName
    { 0x0008, 0x0081 }, // InstitutionAddress
    { 0x0008, 0x0082 }, // InstitutionCodeSequence
    { 0x0008, 0x0090 }, // ReferringPhysicianName
    { 0x0008, 0x0092 }, // ReferringPhysicianAddress
    { 0x0008, 0x0094 }, // ReferringPhysicianTelephoneNumbers
    { 0x0008, 0x0096 }, // ReferringPhysicianIdentificationSequence
    { 0x0008, 0x009C }, // ConsultingPhysicianName
    { 0x0008, 0x009D }, // ConsultingPhysicianIdentificationSequence
    { 0x0008, 0x0201 }, // TimezoneOffsetFromUTC
    { 0x0008, 0x0300 }, // PrivateDataElementCharacteristicsSequence
    { 0x0008, 0x1010 }, // StationName
    { 0x0008, 0x1030 }, // StudyDescription
    { 0x0008, 0x103E }, // SeriesDescription
    { 0x0008, 0x1040 }, // InstitutionalDepartmentName
    { 0x0008, 0x1041 }, // InstitutionalDepartmentTypeCodeSequence
    { 0x0008, 0x1048 }, // PhysiciansOfRecord
    { 0x0008, 0x1049 }, // PhysiciansOfRecordIdentificationSequence
    { 0x0008, 0x1050 }, // PerformingPhysicianName
    { 0x0008, 0x1052 }, // PerformingPhysicianIdentificationSequence
    { 0x0008, 0x1060 }, // NameOfPhysiciansReadingStudy
    { 0x0008, 0x1062 }, // PhysiciansReadingStudyIdentificationSequence
    { 0x0008, 0x1070 }, // OperatorsName
    { 0x0008, 0x1072 }, // OperatorIdentificationSequence
    { 0x0008, 0x1080 }, // AdmittingDiagnosesDescription
    { 0x0008, 0x1084 }, // AdmittingDiagnosesCodeSequence
    { 0x0008, 0x1088 }, // PyramidDescription
    { 0x0008, 0x1110 }, // ReferencedStudySequence
    { 0x0008, 0x1111 }, // ReferencedPerformedProcedureStepSequence
    { 0x0008, 0x1120 }, // ReferencedPatientSequence
    { 0x0008, 0x1155 }, // ReferencedSOPInstanceUID
    { 0x0008, 0x1195 }, // TransactionUID
    { 0x0008, 0x1301 }, // PrincipalDiagnosisCodeSequence
    { 0x0008, 0x1302 }, // PrimaryDiagnosisCodeSequence
    { 0x0008, 0x1303 }, // SecondaryDiagnosesCodeSequence
    { 0x0008, 0x1304 }, // HistologicalDiagnosesCodeSequence
    { 0x0008, 0x2111 }, // DerivationDescription
    { 0x0008, 0x3010 }, // IrradiationEventUID
    { 0x0008, 0x4000 }, // IdentifyingComments
    { 0x0008, 0x9123 }, // CreatorVersionUID
    { 0x0010, 0x0021 }, // IssuerOfPatientID
    { 0x0010, 0x0022 }, // TypeOfPatientID
    { 0x0010, 0x0024 }, // IssuerOfPatientIDQualifiersSequence
    { 0x0010, 0x0026 }, // SourcePatientGroupIdentificationSequence
    { 0x0010, 0x0027 }, // GroupOfPatientsIdentificationSequence
    { 0x0010, 0x0030 }, // PatientBirthDate
    { 0x0010, 0x0032 }, // PatientBirthTime
    { 0x0010, 0x0033 }, // PatientBirthDateInAlternativeCalendar
    { 0x0010, 0x0034 }, // PatientDeathDateInAlternativeCalendar
    { 0x0010, 0x0035 }, // PatientAlternativeCalendar
    { 0x0010, 0x0050 }, // PatientInsurancePlanCodeSequence
    { 0x0010, 0x0101 }, // PatientPrimaryLanguageCodeSequence
    { 0x0010, 0x0102 }, // PatientPrimaryLanguageModifierCodeSequence
    { 0x0010, 0x0200 }, // QualityControlSubject
    { 0x0010, 0x0201 }, // QualityControlSubjectTypeCodeSequence
    { 0x0010, 0x0212 }, // StrainDescription
    { 0x0010, 0x0213 }, // StrainNomenclature
    { 0x0010, 0x0214 }, // StrainStockNumber
    { 0x0010, 0x0215 }, // StrainSourceRegistryCodeSequence
    { 0x0010, 0x0216 }, // StrainStockSequence
    { 0x0010, 0x0217 }, // StrainSource
    { 0x0010, 0x0218 }, // StrainAdditionalInformation
    { 0x0010, 0x0219 }, // StrainCodeSequence
    { 0x0010, 0x0221 }, // GeneticModificationsSequence
    { 0x0010, 0x0222 }, // GeneticModificationsDescription
    { 0x0010, 0x0223 }, // GeneticModificationsNomenclature
    { 0x0010, 0x0229 }, // GeneticModificationsCodeSequence
    { 0x0010, 0x1000 }, // OtherPatientIDs
    { 0x0010, 0x1001 }, // OtherPatientNames
    { 0x0010, 0x1002 }, // OtherPatientIDsSequence
    { 0x0010, 0x1005 }, // PatientBirthName
    { 0x0010, 0x1040 }, // PatientAddress
    { 0x0010, 0x1050 }, // InsurancePlanIdentification
    { 0x0010, 0x1060 }, // PatientMotherBirthName
    { 0x0010, 0x1080 }, // MilitaryRank
    { 0x0010, 0x1081 }, // BranchOfService
    { 0x0010, 0x1090 }, // MedicalRecordLocator
    { 0x0010, 0x1100 }, // ReferencedPatientPhotoSequence
    { 0x0010, 0x2000 }, // MedicalAlerts
    { 0x0010, 0x2110 }, // Allergies
    { 0x0010, 0x2150 }, // CountryOfResidence
    { 0x0010, 0x2152 }, // RegionOfResidence
    { 0x0010, 0x2154 }, // PatientTelephoneNumbers
    { 0x0010, 0x2155 }, // PatientTelecomInformation
    { 0x0010, 0x2160 }, // EthnicGroup
    { 0x0010, 0x2161 }, // EthnicGroupCodeSequence
    { 0x0010, 0x2180 }, // Occupation
    { 0x0010, 0x21A0 }, // SmokingStatus
    { 0x0010, 0x21B0 }, // AdditionalPatientHistory
    { 0x0010, 0x21C0 }, // PregnancyStatus
    { 0x0010, 0x21D0 }, // LastMenstrualDate
    { 0x0010, 0x21F0 }, // PatientReligiousPreference
    { 0x0010, 0x2297 }, // ResponsiblePerson
    { 0x0010, 0x2298 }, // ResponsiblePersonRole
    { 0x0010, 0x2299 }, // ResponsibleOrganization
    { 0x0010, 0x4000 }, // PatientComments
    { 0x0012, 0x0010 }, // ClinicalTrialSponsorName
    { 0x0012, 0x0020 }, // ClinicalTrialProtocolID
    { 0x0012, 0x0021 }, // ClinicalTrialProtocolName
    { 0x0012, 0x0030 }, // ClinicalTrialSiteID
    { 0x0012, 0x0031 }, // ClinicalTrialSiteName
    { 0x0012, 0x0040 }, // ClinicalTrialSubjectID
    { 0x0012, 0x0042 }, // ClinicalTrialSubjectReadingID
    { 0x0012, 0x0050 }, // ClinicalTrialTimePointID
    { 0x0012, 0x0051 }, // ClinicalTrialTimePointDescription
    { 0x0012, 0x0060 }, // ClinicalTrialCoordinatingCenterName
    { 0x0012, 0x0071 }, // ClinicalTrialSeriesID
    { 0x0012, 0x0072 }, // ClinicalTrialSeriesDescription
    { 0x0012, 0x0081 }, // ClinicalTrialProtocolEthicsCommitteeName
    { 0x0012, 0x0082 }, // ClinicalTrialProtocolEthicsCommitteeApprovalNumber
    { 0x0016, 0x002B }, // MakerNote
    { 0x0016, 0x004B }, // DeviceSettingDescription
    { 0x0016, 0x004D }, // CameraOwnerName
    { 0x0016, 0x004E }, // LensSpecification
    { 0x0016, 0x004F }, // LensMake
    { 0x0016, 0x0050 }, // LensModel
    { 0x0016, 0x0051 }, // LensSerialNumber
    { 0x0016, 0x0070 }, // GPSVersionID
    { 0x0016, 0x0071 }, // GPSLatitudeRef
    { 0x0016, 0x0072 }, // GPSLatitude
    { 0x0016, 0x0073 }, // GPSLongitudeRef
    { 0x0016, 0x0074 }, // GPSLongitude
    { 0x0016, 0x0075 }, // GPSAltitudeRef
    { 0x0016, 0x0076 }, // GPSAltitude
    { 0x0016, 0x0077 }, // GPSTimeStamp
    { 0x0016, 0x0078 }, // GPSSatellites
    { 0x0016, 0x008D }, // GPSDateStamp
    { 0x0018, 0x0010 }, // ContrastBolusAgent
    { 0x0018, 0x1000 }, // DeviceSerialNumber
    { 0x0018, 0x1002 }, // DeviceUID
    { 0x0018, 0x1004 }, // PlateID
    { 0x0018, 0x1005 }, // GeneratorID
    { 0x0018, 0x1007 }, // CassetteID
    { 0x0018, 0x1008 }, // GantryID
    { 0x0018, 0x1009 }, // UniqueDeviceIdentifier
    { 0x0018, 0x100A }, // UDISequence
    { 0x0018, 0x100B }, // ManufacturerDeviceClassUID
    { 0x0018, 0x1030 }, // ProtocolName
    { 0x0018, 0x1400 }, // AcquisitionDeviceProcessingDescription
    { 0x0018, 0x2042 }, // TargetUID
    { 0x0018, 0x4000 }, // AcquisitionComments
    { 0x0018, 0x700A }, // DetectorID
    { 0x0018, 0x9185 }, // RespiratoryMotionCompensationTechniqueDescription
    { 0x0018, 0x9367 }, // XRaySourceID
    { 0x0018, 0x9371 }, // XRayDetectorID
    { 0x0018, 0x9373 }, // XRayDetectorLabel
    { 0x0018, 0x937B }, // MultienergyAcquisitionDescription
    { 0x0018, 0x937F }, // DecompositionDescription
    { 0x0018, 0x9424 }, // AcquisitionProtocolDescription
    { 0x0018, 0xA001 }, // ContributingEquipmentSequence
    { 0x0018, 0xA003 }, // ContributionDescription
    { 0x0020, 0x0010 }, // StudyID
    { 0x0020, 0x0027 }, // PyramidLabel
    { 0x0020, 0x0200 }, // SynchronizationFrameOfReferenceUID
    { 0x0020, 0x3401 }, // ModifyingDeviceID
    { 0x0020, 0x3403 }, // ModifiedImageDate
    { 0x0020, 0x3404 }, // ModifyingDeviceManufacturer
    { 0x0020, 0x3405 }, // ModifiedImageTime
    { 0x0020, 0x3406 }, // ModifiedImageDescription
    { 0x0020, 0x4000 }, // ImageComments
    { 0x0020, 0x9158 }, // FrameComments
    { 0x0020, 0x9161 }, // ConcatenationUID
    { 0x0020, 0x9164 }, // DimensionOrganizationUID
    { 0x0028, 0x1199 }, // PaletteColorLookupTableUID
    { 0x0028, 0x1214 }, // LargePaletteColorLookupTableUID
    { 0x0028, 0x4000 }, // ImagePresentationComments
    { 0x0032, 0x000A }, // StudyStatusID
    { 0x0032, 0x000C }, // StudyPriorityID
    { 0x0032, 0x0012 }, // StudyIDIssuer
    { 0x0032, 0x0032 }, // StudyVerifiedDate
    { 0x0032, 0x0033 }, // StudyVerifiedTime
    { 0x0032, 0x0034 }, // StudyReadDate
    { 0x0032, 0x0035 }, // StudyReadTime
    { 0x0032, 0x1000 }, // ScheduledStudyStartDate
    { 0x0032, 0x1001 }, // ScheduledStudyStartTime
    { 0x0032, 0x1010 }, // ScheduledStudyStopDate
    { 0x0032, 0x1011 }, // ScheduledStudyStopTime
    { 0x0032, 0x1020 }, // ScheduledStudyLocation
    { 0x0032, 0x1021 }, // ScheduledStudyLocationAETitle
    { 0x0032, 0x1030 }, // ReasonForStudy
    { 0x0032, 0x1032 }, // RequestingPhysician
    { 0x0032, 0x1033 }, // RequestingService
    { 0x0032, 0x1040 }, // StudyArrivalDate
    { 0x0032, 0x1041 }, // StudyArrivalTime
    { 0x0032, 0x1050 }, // StudyCompletionDate
    { 0x0032, 0x1051 }, // StudyCompletionTime
    { 0x0032, 0x1055 }, // StudyComponentStatusID
    { 0x0032, 0x1060 }, // RequestedProcedureDescription
    { 0x0032, 0x1066 }, // ReasonForVisit
    { 0x0032, 0x1067 }, // ReasonForVisitCodeSequence
    { 0x0032, 0x1070 }, // RequestedContrastAgent
    { 0x0032, 0x4000 }, // StudyComments
    { 0x0038, 0x0004 }, // ReferencedPatientAliasSequence
    { 0x0038, 0x0010 }, // AdmissionID
    { 0x0038, 0x0011 }, // IssuerOfAdmissionID
    { 0x0038, 0x0014 }, // IssuerOfAdmissionIDSequence
    { 0x0038, 0x001A }, // ScheduledAdmissionDate
    { 0x0038, 0x001B }, // ScheduledAdmissionTime
    { 0x0038, 0x001C }, // ScheduledDischargeDate
    { 0x0038, 0x001D }, // ScheduledDischargeTime
    { 0x0038, 0x001E }, // ScheduledPatientInstitutionResidence
    { 0x0038, 0x0020 }, // AdmittingDate
    { 0x0038, 0x0021 }, // AdmittingTime
    { 0x0038, 0x0030 }, // DischargeDate
    { 0x0038, 0x0032 }, // DischargeTime
    { 0x0038, 0x0040 }, // DischargeDiagnosisDescription
    { 0x0038, 0x0050 }, // SpecialNeeds
    { 0x0038, 0x0060 }, // ServiceEpisodeID
    { 0x0038, 0x0061 }, // IssuerOfServiceEpisodeID
    { 0x0038, 0x0062 }, // ServiceEpisodeDescription
    { 0x0038, 0x0064 }, // IssuerOfServiceEpisodeIDSequence
    { 0x0038, 0x0300 }, // CurrentPatientLocation
    { 0x0038, 0x0400 }, // PatientInstitutionResidence
    { 0x0038, 0x0500 }, // PatientState
    { 0x0038, 0x0502 }, // PatientClinicalTrialParticipationSequence
    { 0x0038, 0x1234 }, // ReferencedPatientAliasSequence
    { 0x0038, 0x4000 }, // VisitComments
    { 0x0040, 0x0001 }, // ScheduledStationAETitle
    { 0x0040, 0x0002 }, // ScheduledProcedureStepStartDate
    { 0x0040, 0x0003 }, // ScheduledProcedureStepStartTime
    { 0x0040, 0x0004 }, // ScheduledProcedureStepEndDate
    { 0x0040, 0x0005 }, // ScheduledProcedureStepEndTime
    { 0x0040, 0x0006 }, // ScheduledPerformingPhysicianName
    { 0x0040, 0x0007 }, // ScheduledProcedureStepDescription
    { 0x0040, 0x000B }, // ScheduledPerformingPhysicianIdentificationSequence
    { 0x0040, 0x0010 }, // ScheduledStationName
    { 0x0040, 0x0011 }, // ScheduledProcedureStepLocation
    { 0x0040, 0x0012 }, // PreMedication
    { 0x0040, 0x0241 }, // PerformedStationAETitle
    { 0x0040, 0x0242 }, // PerformedStationName
    { 0x0040, 0x0243 }, // PerformedLocation
    { 0x0040, 0x0244 }, // PerformedProcedureStepStartDate
    { 0x0040, 0x0245 }, // PerformedProcedureStepStartTime
    { 0x0040, 0x0250 }, // PerformedProcedureStepEndDate
    { 0x0040, 0x0251 }, // PerformedProcedureStepEndTime
    { 0x0040, 0x0253 }, // PerformedProcedureStepID
    { 0x0040, 0x0254 }, // PerformedProcedureStepDescription
    { 0x0040, 0x0275 }, // RequestAttributesSequence
    { 0x0040, 0x0280 }, // CommentsOnThePerformedProcedureStep
    { 0x0040, 0x050A }, // SpecimenAccessionNumber
    { 0x0040, 0x0512 }, // ContainerIdentifier
    { 0x0040, 0x0513 }, // IssuerOfTheContainerIdentifierSequence
    { 0x0040, 0x051A }, // ContainerDescription
    { 0x0040, 0x0551 }, // SpecimenIdentifier
    { 0x0040, 0x0554 }, // SpecimenUID
    { 0x0040, 0x0555 }, // AcquisitionContextSequence
    { 0x0040, 0x0562 }, // IssuerOfTheSpecimenIdentifierSequence
    { 0x0040, 0x0600 }, // SpecimenShortDescription
    { 0x0040, 0x0602 }, // SpecimenDetailedDescription
    { 0x0040, 0x06FA }, // SlideIdentifier
    { 0x0040, 0x1001 }, // RequestedProcedureID
    { 0x0040, 0x1002 }, // ReasonForTheRequestedProcedure
    { 0x0040, 0x1004 }, // PatientTransportArrangements
    { 0x0040, 0x1005 }, // RequestedProcedureLocation
    { 0x0040, 0x1010 }, // NamesOfIntendedRecipientsOfResults
    { 0x0040, 0x1011 }, // IntendedRecipientsOfResultsIdentificationSequence
    { 0x0040, 0x1101 }, // PersonIdentificationCodeSequence
    { 0x0040, 0x1102 }, // PersonAddress
    { 0x0040, 0x1103 }, // PersonTelephoneNumbers
    { 0x0040, 0x1104 }, // PersonTelecomInformation
    { 0x0040, 0x1400 }, // RequestedProcedureComments
    { 0x0040, 0x2001 }, // ReasonForTheImagingServiceRequest
    { 0x0040, 0x2004 }, // IssueDateOfImagingServiceRequest
    { 0x0040, 0x2005 }, // IssueTimeOfImagingServiceRequest
    { 0x0040, 0x2008 }, // OrderEnteredBy
    { 0x0040, 0x2009 }, // OrderEntererLocation
    { 0x0040, 0x2010 }, // OrderCallbackPhoneNumber
    { 0x0040, 0x2011 }, // OrderCallbackTelecomInformation
    { 0x0040, 0x2016 }, // PlacerOrderNumberImagingServiceRequest
    { 0x0040, 0x2017 }, // FillerOrderNumberImagingServiceRequest
    { 0x0040, 0x2400 }, // ImagingServiceRequestComments
    { 0x0040, 0x3001 }, // ConfidentialityConstraintOnPatientDataDescription
    { 0x0040, 0x4005 }, // ScheduledProcedureStepStartDateTime
    { 0x0040, 0x4010 }, // ScheduledProcedureStepModificationDateTime
    { 0x0040, 0x4011 }, // ExpectedCompletionDateTime
    { 0x0040, 0x4023 }, // ReferencedGeneralPurposeScheduledProcedureStepTransactionUID
    { 0x0040, 0x4025 }, // ScheduledStationNameCodeSequence
    { 0x0040, 0x4027 }, // ScheduledStationGeographicLocationCodeSequence
    { 0x0040, 0x4028 }, // PerformedStationNameCodeSequence
    { 0x0040, 0x4030 }, // PerformedStationGeographicLocationCodeSequence
    { 0x0040, 0x4034 }, // ScheduledHumanPerformersSequence
    { 0x0040, 0x4035 }, // ActualHumanPerformersSequence
    { 0x0040, 0x4036 }, // HumanPerformerOrganization
    { 0x0040, 0x4037 }, // HumanPerformerName
    { 0x0040, 0x4050 }, // PerformedProcedureStepStartDateTime
    { 0x0040, 0x4051 }, // PerformedProcedureStepEndDateTime
    { 0x0040, 0x4052 }, // ProcedureStepCancellationDateTime
    { 0x0040, 0xA027 }, // VerifyingOrganization
    { 0x0040, 0xA030 }, // VerificationDateTime
    { 0x0040, 0xA032 }, // ObservationDateTime
    { 0x0040, 0xA073 }, // VerifyingObserverSequence
    { 0x0040, 0xA075 }, // VerifyingObserverName
    { 0x0040, 0xA078 }, // AuthorObserverSequence
    { 0x0040, 0xA07A }, // ParticipantSequence
    { 0x0040, 0xA07C }, // CustodialOrganizationSequence
    { 0x0040, 0xA088 }, // VerifyingObserverIdentificationCodeSequence
    { 0x0040, 0xA123 }, // PersonName
    { 0x0040, 0xA124 }, // UID
    { 0x0040, 0xA171 }, // ObservationUID
    { 0x0040, 0xA172 }, // ReferencedObservationUIDTrial
    { 0x0040, 0xA192 }, // ObservationDateTrial
    { 0x0040, 0xA193 }, // ObservationTimeTrial
    { 0x0040, 0xA307 }, // CurrentObserverTrial
    { 0x0040, 0xA352 }, // VerbalSourceTrial
    { 0x0040, 0xA353 }, // AddressTrial
    { 0x0040, 0xA354 }, // TelephoneNumberTrial
    { 0x0040, 0xA358 }, // VerbalSourceIdentifierCodeSequenceTrial
    { 0x0040, 0xA402 }, // ObservationSubjectUIDTrial
    { 0x0040, 0xA730 }, // ContentSequence
    { 0x0040, 0xDB0C }, // TemplateExtensionOrganizationUID
    { 0x0040, 0xDB0D }, // TemplateExtensionCreatorUID
    { 0x0050, 0x001B }, // ContainerComponentID
    { 0x0050, 0x0020 }, // DeviceDescription
    { 0x0050, 0x0021 }, // LongDeviceDescription
    { 0x0062, 0x0020 }, // TrackingID
    { 0x0062, 0x0021 }, // TrackingUID
    { 0x0070, 0x0001 }, // GraphicAnnotationSequence
    { 0x0070, 0x0081 }, // ContentDescription
    { 0x0070, 0x0084 }, // ContentCreatorName
    { 0x0070, 0x0086 }, // ContentCreatorIdentificationCodeSequence
    { 0x0070, 0x031A }, // FiducialUID
    { 0x0070, 0x1101 }, // PresentationDisplayCollectionUID
    { 0x0070, 0x1102 }, // PresentationSequenceCollectionUID
    { 0x0088, 0x0140 }, // StorageMediaFileSetUID
    { 0x0088, 0x0200 }, // IconImageSequence
    { 0x0088, 0x0904 }, // TopicTitle
    { 0x0088, 0x0906 }, // TopicSubject
    { 0x0088, 0x0910 }, // TopicAuthor
    { 0x0088, 0x0912 }, // TopicKeywords
    { 0x0400, 0x0100 }, // DigitalSignatureUID
    { 0x0400, 0x0402 }, // ReferencedDigitalSignatureSequence
    { 0x0400, 0x0403 }, // ReferencedSOPInstanceMACSequence
    { 0x0400, 0x0404 }, // MAC
    { 0x0400, 0x0500 }, // EncryptedAttributesSequence
    { 0x0400, 0x0550 }, // ModifiedAttributesSequence
    { 0x0400, 0x0561 }, // OriginalAttributesSequence
    { 0x2030, 0x0020 }, // TextString
    { 0x3006, 0x0002 }, // StructureSetLabel
    { 0x3006, 0x0004 }, // StructureSetName
    { 0x3006, 0x0006 }, // StructureSetDescription
    { 0x3006, 0x0024 }, // ReferencedFrameOfReferenceUID
    { 0x3006, 0x0026 }, // ROIName
    { 0x3006, 0x0028 }, // ROIDescription
    { 0x3006, 0x0085 }, // ROIObservationLabel
    { 0x3006, 0x0088 }, // ROIObservationDescription
    { 0x3006, 0x00A6 }, // ROIInterpreter
    { 0x3006, 0x00C2 }, // RelatedFrameOfReferenceUID
    { 0x300A, 0x0002 }, // RTPlanLabel
    { 0x300A, 0x0003 }, // RTPlanName
    { 0x300A, 0x0004 }, // RTPlanDescription
    { 0x300A, 0x0013 }, // DoseReferenceUID
    { 0x300A, 0x0016 }, // DoseReferenceDescription
    { 0x300A, 0x0072 }, // FractionGroupDescription
    { 0x300A, 0x00B2 }, // TreatmentMachineName
    { 0x300A, 0x0650 }, // PatientSetupUID
    { 0x300E, 0x0008 }, // ReviewerName
    { 0x3010, 0x0006 }, // ConceptualVolumeUID
    { 0x3010, 0x000B }, // ReferencedConceptualVolumeUID
    { 0x3010, 0x0013 }, // ConstituentConceptualVolumeUID
    { 0x3010, 0x0015 }, // SourceConceptualVolumeUID
    { 0x3010, 0x003B }, // RTTreatmentPhaseUID
    { 0x3010, 0x006E }, // DosimetricObjectiveUID
    { 0x3010, 0x006F }, // ReferencedDosimetricObjectiveUID
    { 0x4000, 0x0010 }, // Arbitrary
    { 0x4000, 0x4000 }, // TextComments
};

std::string numbered(const char* format, int number)
{
    char text[64];
    std::snprintf(text, sizeof text, format, number);
    return text;
}

// A marker no other attribute, no pseudonym and no shifted date can produce, valid for the VR. Dates: every
// marker has a year of its own, two years from the next, so a shift of up to 365 days cannot turn one date
// marker into another (DA even years from 1000, DT odd years from 3001).
std::string markerFor(DcmEVR vr, int index)
{
    static int dates = 0;
    static int dateTimes = 0;
    switch (vr) {
    case EVR_UI:
        return numbered("1.2.826.0.1.3680043.9.7777.1%04d", index);
    case EVR_DA: {
        const int k = dates++;
        return numbered("%04d", 1000 + 2 * k) + numbered("%02d", 1 + k % 12) + numbered("%02d", 1 + k % 28);
    }
    case EVR_DT: {
        const int k = dateTimes++;
        return numbered("%04d", 3001 + 2 * k) + numbered("%02d", 1 + k % 12) + numbered("%02d", 1 + k % 28)
            + numbered("123456.8%05d", index);
    }
    case EVR_TM:
        return numbered("123456.9%05d", index);
    case EVR_CS:
        return numbered("CANARYCS%04d", index);
    case EVR_AE:
        return numbered("CANARYAE%04d", index);
    case EVR_SH:
        return numbered("CANARYSH%04d", index);
    default:
        return numbered("CANARYTEXT%04d", index);
    }
}

bool isMarkedVr(DcmEVR vr)
{
    switch (vr) {
    case EVR_AE:
    case EVR_CS:
    case EVR_LO:
    case EVR_LT:
    case EVR_SH:
    case EVR_ST:
    case EVR_UC:
    case EVR_UT:
    case EVR_PN:
    case EVR_UI:
    case EVR_DA:
    case EVR_DT:
    case EVR_TM:
    case EVR_UR:
    case EVR_SQ:
    case EVR_UN:
        return true;
    default:
        return false;
    }
}

// An element holding `value` encoded with VR UN (as a converter that lost the VR writes it).
DcmElement* unknownVrElement(const DcmTagKey& key, std::string value)
{
    if (value.size() % 2 != 0) {
        value += ' ';
    }
    auto* element = new DcmOtherByteOtherWord(DcmTag(key, EVR_UN));
    REQUIRE(
        element->putUint8Array(reinterpret_cast<const Uint8*>(value.data()), static_cast<unsigned long>(value.size()))
            .good());
    return element;
}

// Writes a marker into every attribute of the table; returns the markers.
std::vector<std::string> addCanaries(const std::string& path, bool asUnknownVr, int fileIndex)
{
    DcmFileFormat file;
    REQUIRE(file.loadFile(path.c_str()).good());
    DcmDataset& dataset = *file.getDataset();
    REQUIRE(dataset.loadAllDataIntoMemory().good());
    std::vector<std::string> markers;
    int index = fileIndex * 1000;
    for (const DcmTagKey& key : kTableE11) {
        ++index;
        const DcmTag tag(key);
        const DcmEVR vr = tag.getEVR();
        if (!isMarkedVr(vr)) {
            continue; // numbers (age, size, weight follow their own option)
        }
        const std::string marker = markerFor(vr == EVR_SQ || vr == EVR_UN ? EVR_LO : vr, index);
        if (vr == EVR_SQ) {
            // A sequence: one item whose code and person name carry the marker.
            DcmItem* item = nullptr;
            REQUIRE(dataset.findOrCreateSequenceItem(key, item, -2).good());
            item->putAndInsertString(DCM_CodeValue, (marker + "C").c_str());
            item->putAndInsertString(DCM_CodeMeaning, marker.c_str());
            item->putAndInsertString(DcmTag(0x0040, 0xA123, EVR_PN), (marker + "^Nested").c_str());
            markers.push_back(marker);
            continue;
        }
        if (asUnknownVr || vr == EVR_UN) {
            dataset.findAndDeleteElement(key);
            REQUIRE(dataset.insert(unknownVrElement(key, marker), OFTrue).good());
        } else {
            DcmElement* element = DcmItem::newDicomElement(tag);
            REQUIRE(element != nullptr);
            REQUIRE(element->putString(marker.c_str()).good());
            REQUIRE(dataset.insert(element, OFTrue).good());
        }
        markers.push_back(marker);
    }
    REQUIRE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
    return markers;
}

struct Found {
    std::string file;
    std::string marker;
};

// Every (file, marker) pair where an output byte sequence holds the marker.
std::vector<Found> markersFound(const std::string& folder, const std::vector<std::string>& markers)
{
    std::vector<Found> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const std::string path = entry.path().string();
        const std::string bytes = bytesWithGzipUnpacked(path);
        for (const std::string& marker : markers) {
            if (bytes.find(marker) != std::string::npos) {
                found.push_back({ path, marker });
            }
        }
    }
    return found;
}

ExportRequest everyFormat(const std::string& out)
{
    ExportRequest request;
    for (const ExportFormatEntry& entry : exportFormats()) {
        request.formats.push_back(entry.name);
    }
    request.outputDir = out;
    request.split.seed = 7;
    request.identity.salt = "canary-salt";
    request.identity.shiftDates = true;
    request.commandLine = "radmark export canary";
    return request;
}

} // namespace

TEST_CASE("Canaries in every attribute of PS3.15 Table E.1-1, with their VR and as UN, survive in no exported byte",
    "[export][deid][canary]")
{
    ExportTestProject test = makeExportTestProject(1);
    const ExportTestPatient& patient = test.patients[0];
    std::vector<std::string> markers;
    for (std::size_t index = 0; index < patient.files.size(); ++index) {
        const std::vector<std::string> added = addCanaries(patient.files[index], index % 2 == 1, int(index));
        markers.insert(markers.end(), added.begin(), added.end());
    }
    REQUIRE(markers.size() > 3000); // ~350 attributes x 10 images
    // Identifiers reused where the table does not look: the accession number as a model name, the patient ID
    // inside a free-text comment of an attribute the table keeps.
    {
        DcmFileFormat file;
        REQUIRE(file.loadFile(patient.files[0].c_str()).good());
        REQUIRE(file.getDataset()->loadAllDataIntoMemory().good());
        file.getDataset()->putAndInsertString(DCM_ManufacturerModelName, patient.accession.c_str());
        file.getDataset()->putAndInsertString(DCM_BodyPartExamined, ("SEE " + patient.patientId).c_str());
        REQUIRE(file.saveFile(patient.files[0].c_str(), EXS_LittleEndianExplicit).good());
    }
    std::vector<std::string> searched = markers;
    const std::vector<std::string> identifying = test.identifyingValues();
    searched.insert(searched.end(), identifying.begin(), identifying.end());
    searched.push_back("SECRET-77");

    const std::string out = makeTemporaryFolder("radmark-canary") + "/dataset";
    const ExportOutcome outcome = runDatasetExport(*test.project, everyFormat(out));
    CHECK(outcome.log.filesWritten.at("dicom") == int(patient.files.size()));
    CHECK(outcome.log.filesWritten.at("dicom-sr") == 1);
    CHECK(fs::exists(out + "/dataset_card.md"));
    const std::vector<Found> found = markersFound(out, searched);
    for (const Found& hit : found) {
        UNSCOPED_INFO(hit.file << " holds " << hit.marker);
    }
    CHECK(found.empty());
}

TEST_CASE("Study, series, SOP and frame of reference UIDs and dates encoded as UN are de-identified", "[export][deid]")
{
    ExportTestProject test = makeExportTestProject(1);
    const ExportTestPatient& patient = test.patients[0];
    std::string frameOfReference;
    for (const std::string& path : patient.files) {
        DcmFileFormat file;
        REQUIRE(file.loadFile(path.c_str()).good());
        DcmDataset& dataset = *file.getDataset();
        REQUIRE(dataset.loadAllDataIntoMemory().good());
        // The pixel data and the image size as UN too: resolved, not dropped.
        for (const DcmTagKey& key : { DCM_PixelData, DCM_Rows, DCM_Columns }) {
            DcmElement* element = nullptr;
            REQUIRE(dataset.findAndGetElement(key, element).good());
            Uint16* words = nullptr;
            REQUIRE(element->getUint16Array(words).good());
            const std::string raw(reinterpret_cast<const char*>(words), element->getLength()); // little endian
            dataset.findAndDeleteElement(key);
            auto* unknown = new DcmOtherByteOtherWord(DcmTag(key, EVR_UN));
            REQUIRE(unknown->putUint8Array(reinterpret_cast<const Uint8*>(raw.data()), raw.size()).good());
            REQUIRE(dataset.insert(unknown, OFTrue).good());
        }
        for (const DcmTagKey& key :
            { DCM_StudyInstanceUID, DCM_SeriesInstanceUID, DCM_SOPInstanceUID, DCM_FrameOfReferenceUID, DCM_StudyDate,
                DCM_SeriesDate, DCM_ContentDate, DCM_PatientName, DCM_PatientID, DCM_InstitutionName }) {
            OFString value;
            if (dataset.findAndGetOFStringArray(key, value).bad()) {
                continue;
            }
            if (key == DCM_FrameOfReferenceUID) {
                frameOfReference = value.c_str();
            }
            dataset.findAndDeleteElement(key);
            REQUIRE(dataset.insert(unknownVrElement(key, value.c_str()), OFTrue).good());
        }
        REQUIRE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
    }
    REQUIRE_FALSE(frameOfReference.empty());
    std::vector<std::string> searched = test.identifyingValues();
    searched.push_back(frameOfReference);

    const std::string out = makeTemporaryFolder("radmark-un") + "/dataset";
    ExportRequest request = everyFormat(out);
    request.formats = { "dicom" };
    runDatasetExport(*test.project, request);
    const std::vector<Found> found = markersFound(out, searched);
    for (const Found& hit : found) {
        UNSCOPED_INFO(hit.file << " holds " << hit.marker);
    }
    CHECK(found.empty());
    // The UIDs were resolved and remapped, not dropped: every copy names its study, series, image and frame of
    // reference with 2.25 pseudonyms, and the study date is shifted, not removed.
    int checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(out)) {
        if (entry.path().extension() != ".dcm") {
            continue;
        }
        DcmFileFormat copy;
        REQUIRE(copy.loadFile(entry.path().c_str()).good());
        for (const DcmTagKey& key :
            { DCM_StudyInstanceUID, DCM_SeriesInstanceUID, DCM_SOPInstanceUID, DCM_FrameOfReferenceUID }) {
            OFString value;
            REQUIRE(copy.getDataset()->findAndGetOFString(key, value).good());
            CHECK(std::string(value.c_str()).rfind("2.25.", 0) == 0);
        }
        OFString date;
        REQUIRE(copy.getDataset()->findAndGetOFString(DCM_StudyDate, date).good());
        CHECK(date.size() == 8);
        DcmElement* element = nullptr;
        REQUIRE(copy.getDataset()->findAndGetElement(DCM_StudyInstanceUID, element).good());
        CHECK(element->ident() == EVR_UI);
        Uint16 rows = 0;
        Uint16 columns = 0;
        CHECK(copy.getDataset()->findAndGetUint16(DCM_Rows, rows).good());
        CHECK(copy.getDataset()->findAndGetUint16(DCM_Columns, columns).good());
        CHECK(rows == kExportRows);
        CHECK(columns == kExportColumns);
        const Uint16* pixels = nullptr;
        unsigned long count = 0;
        REQUIRE(copy.getDataset()->findAndGetUint16Array(DCM_PixelData, pixels, &count).good());
        CHECK(count == static_cast<unsigned long>(kExportRows * kExportColumns));
        ++checked;
    }
    CHECK(checked == int(patient.files.size()));
}
