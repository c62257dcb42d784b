#include "radmark/storage/ToolkitLogging.h"

#include <dcmtk/oflog/oflog.h>
#include <gdcmTrace.h>
#include <itkObject.h>

#include <mutex>

namespace radmark::storage {

void silenceToolkitLogging()
{
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        gdcm::Trace::WarningOff();
        gdcm::Trace::DebugOff();
        gdcm::Trace::ErrorOff();
        itk::Object::GlobalWarningDisplayOff();
    });
}

}  // namespace radmark::storage
