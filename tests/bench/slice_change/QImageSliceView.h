#pragma once

#include "radmark/annotation/ImageVolume.h"

#include <QImage>
#include <QWidget>

#include <array>
#include <cstdint>
#include <memory>

namespace radmark::bench {

// The 2D-only baseline for slice changes: converts the volume's slice to an 8-bit QImage through a
// window/level lookup table and draws it with QPainter scaled to the widget (nearest neighbour).
// Int16 volumes only.
class QImageSliceView : public QWidget {
public:
    QImageSliceView(std::shared_ptr<const annotation::ImageVolume> volume, const annotation::WindowLevel& window);

    void setSliceIndex(int k); // converts the slice; call repaint() to draw it

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::shared_ptr<const annotation::ImageVolume> m_volume;
    std::array<std::uint8_t, 65536> m_lookup {}; // Int16 value + 32768 -> grey
    QImage m_image;
};

} // namespace radmark::bench
