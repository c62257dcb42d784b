#include "radmark/storage/imageio/ToolkitLogging.h"

#include "imageio/DicomPixelHeader.h"

#include <dcmtk/oflog/oflog.h>
#include <gdcmTrace.h>
#include <itkObject.h>

#include <mutex>

namespace radmark::storage {

void loading::silenceDicomToolkitLogging()
{
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    gdcm::Trace::WarningOff();
    gdcm::Trace::DebugOff();
    gdcm::Trace::ErrorOff();
}

void silenceToolkitLogging()
{
    static std::once_flag once;
    std::call_once(once, [] {
        loading::silenceDicomToolkitLogging();
        itk::Object::GlobalWarningDisplayOff();
    });
}

} // namespace radmark::storage
