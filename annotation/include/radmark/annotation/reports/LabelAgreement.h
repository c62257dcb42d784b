#pragma once

#include <cstddef>
#include <vector>

namespace radmark::annotation {

// Agreement between two raters of one label: a reference (the human gold, the reviewer) and a
// candidate (the labeller's proposals). Standard library only; every function is pure.
//
// Undefined values: a ratio whose denominator is 0 (precision without any positive proposal,
// recall without any positive reference, kappa of an empty table or of two raters that both use
// one single category) is returned as quiet NaN, never as 0 or 1. Callers print it as "n/a".

// Counts of one binary label; "positive" is the finding being present.
struct BinaryConfusion {
    std::size_t truePositive = 0; // reference positive, candidate positive
    std::size_t falsePositive = 0; // reference negative, candidate positive
    std::size_t falseNegative = 0; // reference positive, candidate negative
    std::size_t trueNegative = 0; // reference negative, candidate negative

    std::size_t total() const { return truePositive + falsePositive + falseNegative + trueNegative; }
    // Reference positives: the "support" of the label.
    std::size_t support() const { return truePositive + falseNegative; }
};

// TP / (TP + FP); NaN when nothing was proposed positive.
double precision(const BinaryConfusion& counts);
// TP / (TP + FN); NaN when the reference has no positive.
double recall(const BinaryConfusion& counts);
// 2TP / (2TP + FP + FN), the harmonic mean of precision and recall; NaN when TP + FP + FN = 0.
double f1Score(const BinaryConfusion& counts);
// Cohen's kappa (observed agreement corrected for chance agreement) of the 2x2 table.
// NaN for an empty table or when chance agreement is 1 (both raters constant and equal).
double cohensKappa(const BinaryConfusion& counts);

// Cohen's kappa of a k x k table: matrix[i][j] = items the reference put in category i and the
// candidate in category j. NaN for an empty table or chance agreement 1. Throws
// std::invalid_argument when the matrix is not square.
double cohensKappa(const std::vector<std::vector<std::size_t>>& matrix);

// Wilson score interval of a proportion successes / trials; z = 1.96 gives the 95% interval.
// With 0 trials nothing is known and the interval is [0, 1]. Bounds are clamped to [0, 1].
// Throws std::invalid_argument when successes > trials or z is not positive.
struct ProportionInterval {
    double low = 0.0;
    double high = 1.0;
};
ProportionInterval wilsonInterval(std::size_t successes, std::size_t trials, double z = 1.959963984540054);

} // namespace radmark::annotation
