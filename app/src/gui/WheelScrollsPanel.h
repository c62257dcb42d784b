#pragma once

class QScrollArea;

namespace radmark::app {

// A wheel turned over a spin box, combo box or slider of a scrolling panel scrolls the panel unless that field
// has the keyboard focus (clicked or tabbed into first), as in Qt Creator's and Slicer's option panels: scrolling
// down the saliency display options or the export options no longer changes a threshold, a colour map or a seed on
// the way. Applies to the fields inside `area` when called; the filter lives as long as the area.
void letWheelScrollPanel(QScrollArea* area);

} // namespace radmark::app
