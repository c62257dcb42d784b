#include "gui/WheelScrollsPanel.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QScrollArea>
#include <QScrollBar>

namespace radmark::app {

namespace {

class WheelToPanel : public QObject {
public:
    explicit WheelToPanel(QScrollArea* area)
        : QObject(area)
        , m_area(area)
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        auto* field = qobject_cast<QWidget*>(watched);
        if (event->type() != QEvent::Wheel || field == nullptr || field->hasFocus()) {
            return false;
        }
        QCoreApplication::sendEvent(m_area->verticalScrollBar(), event);
        return true; // the field's value stays
    }

private:
    QScrollArea* m_area;
};

} // namespace

void letWheelScrollPanel(QScrollArea* area)
{
    QWidget* panel = area->widget();
    if (panel == nullptr) {
        return;
    }
    auto* filter = new WheelToPanel(area);
    QList<QWidget*> fields;
    for (auto* spin : panel->findChildren<QAbstractSpinBox*>()) {
        fields.append(spin);
    }
    for (auto* combo : panel->findChildren<QComboBox*>()) {
        fields.append(combo);
    }
    for (auto* slider : panel->findChildren<QAbstractSlider*>()) {
        if (qobject_cast<QScrollBar*>(slider) == nullptr) { // a list's own scroll bar keeps scrolling the list
            fields.append(slider);
        }
    }
    for (QWidget* field : fields) {
        field->setFocusPolicy(Qt::StrongFocus); // a wheel does not take the keyboard either
        field->installEventFilter(filter);
    }
}

} // namespace radmark::app
