#include "QImageSliceView.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace radmark::bench {

QImageSliceView::QImageSliceView(
    std::shared_ptr<const annotation::ImageVolume> volume, const annotation::WindowLevel& window)
    : m_volume(std::move(volume))
    , m_image(m_volume->geometry().columns, m_volume->geometry().rows, QImage::Format_Grayscale8)
{
    const double lowest = window.level - window.width / 2.0;
    for (int value = -32768; value <= 32767; ++value) {
        const double grey = (value - lowest) / window.width * 255.0;
        m_lookup[static_cast<std::size_t>(value + 32768)]
            = static_cast<std::uint8_t>(std::lround(std::clamp(grey, 0.0, 255.0)));
    }
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void QImageSliceView::setSliceIndex(int k)
{
    const int columns = m_volume->geometry().columns;
    const auto* voxels = static_cast<const std::int16_t*>(m_volume->sliceData(k));
    for (int row = 0; row < m_image.height(); ++row) {
        std::uint8_t* line = m_image.scanLine(row);
        const std::int16_t* source = voxels + static_cast<std::ptrdiff_t>(row) * columns;
        for (int column = 0; column < columns; ++column) {
            line[column] = m_lookup[static_cast<std::size_t>(source[column] + 32768)];
        }
    }
}

void QImageSliceView::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.drawImage(rect(), m_image);
}

} // namespace radmark::bench
