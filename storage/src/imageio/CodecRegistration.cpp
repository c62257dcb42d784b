#include "imageio/DicomPixelHeader.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmimage/diregist.h> // registers colour support for DicomImage
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <mutex>

namespace radmark::storage::loading {

void ensureDicomCodecsRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Every partially read or odd file would otherwise print a warning; reasons reach the user
        // through ProjectError and the load warnings instead.
        silenceDicomToolkitLogging();
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

} // namespace radmark::storage::loading
