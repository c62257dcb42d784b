#include "ItkSeriesRead.h"

#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageSeriesReader.h>

#include <stdexcept>

namespace radmark::bench {

std::size_t readSeriesWithItk(const std::string& folder)
{
    using ImageType = itk::Image<short, 3>;
    auto names = itk::GDCMSeriesFileNames::New();
    names->SetUseSeriesDetails(true);
    names->SetDirectory(folder);
    const auto& seriesUids = names->GetSeriesUIDs();
    if (seriesUids.empty()) {
        throw std::runtime_error("ITK found no DICOM series in " + folder);
    }
    auto reader = itk::ImageSeriesReader<ImageType>::New();
    reader->SetImageIO(itk::GDCMImageIO::New());
    reader->SetFileNames(names->GetFileNames(seriesUids.front()));
    reader->Update();
    return reader->GetOutput()->GetLargestPossibleRegion().GetNumberOfPixels();
}

} // namespace radmark::bench
