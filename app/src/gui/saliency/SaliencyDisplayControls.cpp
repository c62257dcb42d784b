#include "gui/saliency/SaliencyDisplayControls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSlider>

namespace radmark::app {

namespace {

QString colormapTitle(viewer::SaliencyColormap colormap)
{
    switch (colormap) {
    case viewer::SaliencyColormap::Jet:
        return QObject::tr("Jet");
    case viewer::SaliencyColormap::Hot:
        return QObject::tr("Hot");
    case viewer::SaliencyColormap::Viridis:
        return QObject::tr("Viridis");
    case viewer::SaliencyColormap::SingleColour:
        return QObject::tr("Single colour");
    case viewer::SaliencyColormap::Diverging:
        return QObject::tr("Diverging (signed)");
    }
    return {};
}

} // namespace

SaliencyDisplayControls::SaliencyDisplayControls(QWidget* parent)
    : QWidget(parent)
{
    m_colormap = new QComboBox(this);
    m_colormap->setObjectName("saliencyColormap");
    for (viewer::SaliencyColormap colormap : viewer::allSaliencyColormaps()) {
        m_colormap->addItem(colormapTitle(colormap), static_cast<int>(colormap));
    }
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setObjectName("saliencyOpacity");
    m_opacity->setRange(0, 100);
    m_opacity->setToolTip(tr("Opacity of the overlay"));
    m_thresholdKind = new QComboBox(this);
    m_thresholdKind->addItem(
        tr("% of maximum"), static_cast<int>(viewer::SaliencyDisplayOptions::ThresholdKind::PercentOfMaximum));
    m_thresholdKind->addItem(
        tr("percentile"), static_cast<int>(viewer::SaliencyDisplayOptions::ThresholdKind::Percentile));
    m_thresholdKind->addItem(tr("value"), static_cast<int>(viewer::SaliencyDisplayOptions::ThresholdKind::Value));
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName("saliencyThreshold");
    m_threshold->setDecimals(3);
    m_threshold->setRange(0.0, 1e9);
    m_threshold->setToolTip(tr("Voxels below this are not drawn"));
    m_contours = new QLineEdit(this);
    m_contours->setObjectName("saliencyContours");
    m_contours->setPlaceholderText(tr("e.g. 0.5 0.8"));
    m_contours->setToolTip(tr("Map values with a contour line, separated by spaces or commas"));
    m_colourBar = new QCheckBox(tr("Colour bar"), this);

    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->setContentsMargins(0, 0, 0, 0);
    thresholdRow->addWidget(m_threshold, 1);
    thresholdRow->addWidget(m_thresholdKind);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Colours"), m_colormap);
    form->addRow(tr("Opacity"), m_opacity);
    form->addRow(tr("Threshold"), thresholdRow);
    form->addRow(tr("Contours"), m_contours);
    form->addRow(QString(), m_colourBar);

    setOptions(viewer::SaliencyDisplayOptions {});
    connect(m_colormap, &QComboBox::currentIndexChanged, this, &SaliencyDisplayControls::emitChange);
    connect(m_opacity, &QSlider::valueChanged, this, &SaliencyDisplayControls::emitChange);
    connect(m_thresholdKind, &QComboBox::currentIndexChanged, this, [this] {
        const bool percent = m_thresholdKind->currentData().toInt()
            != static_cast<int>(viewer::SaliencyDisplayOptions::ThresholdKind::Value);
        m_threshold->setSuffix(percent ? QStringLiteral(" %") : QString());
        m_threshold->setMaximum(percent ? 100.0 : 1e9);
        emitChange();
    });
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &SaliencyDisplayControls::emitChange);
    connect(m_contours, &QLineEdit::editingFinished, this, &SaliencyDisplayControls::emitChange);
    connect(m_colourBar, &QCheckBox::toggled, this, &SaliencyDisplayControls::emitChange);
}

viewer::SaliencyDisplayOptions SaliencyDisplayControls::options() const
{
    viewer::SaliencyDisplayOptions options;
    options.colormap = static_cast<viewer::SaliencyColormap>(m_colormap->currentData().toInt());
    options.opacity = m_opacity->value() / 100.0;
    options.thresholdKind
        = static_cast<viewer::SaliencyDisplayOptions::ThresholdKind>(m_thresholdKind->currentData().toInt());
    options.threshold = m_threshold->value();
    for (const QString& part : m_contours->text().split(QRegularExpression("[,;\\s]+"), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double level = part.toDouble(&ok);
        if (ok) {
            options.contourLevels.push_back(level);
        }
    }
    options.showColourBar = m_colourBar->isChecked();
    return options;
}

void SaliencyDisplayControls::setOptions(const viewer::SaliencyDisplayOptions& options)
{
    m_setting = true;
    m_colormap->setCurrentIndex(m_colormap->findData(static_cast<int>(options.colormap)));
    m_opacity->setValue(static_cast<int>(options.opacity * 100.0 + 0.5));
    m_thresholdKind->setCurrentIndex(m_thresholdKind->findData(static_cast<int>(options.thresholdKind)));
    const bool percent = options.thresholdKind != viewer::SaliencyDisplayOptions::ThresholdKind::Value;
    m_threshold->setSuffix(percent ? QStringLiteral(" %") : QString());
    m_threshold->setMaximum(percent ? 100.0 : 1e9);
    m_threshold->setValue(options.threshold);
    QStringList levels;
    for (double level : options.contourLevels) {
        levels.append(QString::number(level));
    }
    m_contours->setText(levels.join(' '));
    m_colourBar->setChecked(options.showColourBar);
    m_setting = false;
}

void SaliencyDisplayControls::emitChange()
{
    if (!m_setting) {
        emit optionsChanged(options());
    }
}

} // namespace radmark::app
