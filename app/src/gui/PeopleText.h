#pragma once

#include <QString>

#include <string>

namespace radmark::app {

// Texts shown to people, built from the project's internal ones.

// "1 mark", "2 marks": a count with its noun in the right number (the application has no translation
// files, so Qt's "%n mark(s)" would show the "(s)").
QString countText(long long count, const QString& singular, const QString& plural);

// The labeller's explanation of a label ("negated mention: \"no ascites\", cue \"no\", findings sentence
// at 120-161") without the byte offsets, which mean nothing to a reader: "negated mention: \"no ascites\",
// cue \"no\", in the findings".
QString readableExplanation(const QString& explanation);
QString readableExplanation(const std::string& explanation);

} // namespace radmark::app
