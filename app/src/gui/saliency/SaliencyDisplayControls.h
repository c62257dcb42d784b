#pragma once

#include "radmark/viewer/SaliencyDisplayOptions.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSlider;

namespace radmark::app {

// How the saliency overlay is drawn: colour map, opacity, lower threshold (percentile of the map's
// non-zero magnitudes or a value), contour levels (values separated by commas or spaces) and the
// colour bar. Every change emits optionsChanged at once (the overlay re-renders in a few ms).
class SaliencyDisplayControls : public QWidget {
    Q_OBJECT
public:
    explicit SaliencyDisplayControls(QWidget* parent = nullptr);

    viewer::SaliencyDisplayOptions options() const;
    void setOptions(const viewer::SaliencyDisplayOptions& options); // emits nothing

    QSlider* opacitySlider() const { return m_opacity; }
    QDoubleSpinBox* thresholdBox() const { return m_threshold; }
    QComboBox* colormapBox() const { return m_colormap; }

signals:
    void optionsChanged(const viewer::SaliencyDisplayOptions& options);

private:
    void emitChange();

    QComboBox* m_colormap = nullptr;
    QSlider* m_opacity = nullptr;
    QComboBox* m_thresholdKind = nullptr;
    QDoubleSpinBox* m_threshold = nullptr;
    QLineEdit* m_contours = nullptr;
    QCheckBox* m_colourBar = nullptr;
    bool m_setting = false;
};

} // namespace radmark::app
