#include "loading/DicomHeader.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmimage/diregist.h>  // registers colour support for DicomImage
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <gdcmTrace.h>

#include <mutex>

namespace radmark::storage::loading {

void ensureDicomCodecsRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Every partially read or odd file would otherwise print a warning; reasons reach the user
        // through ProjectError and the load warnings instead.
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        gdcm::Trace::WarningOff();
        gdcm::Trace::DebugOff();
        gdcm::Trace::ErrorOff();
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

}  // namespace radmark::storage::loading
