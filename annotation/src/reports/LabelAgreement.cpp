#include "radmark/annotation/reports/LabelAgreement.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace radmark::annotation {

namespace {

constexpr double notDefined = std::numeric_limits<double>::quiet_NaN();

double ratio(double numerator, double denominator)
{
    return denominator == 0.0 ? notDefined : numerator / denominator;
}

} // namespace

double precision(const BinaryConfusion& counts)
{
    return ratio(double(counts.truePositive), double(counts.truePositive + counts.falsePositive));
}

double recall(const BinaryConfusion& counts)
{
    return ratio(double(counts.truePositive), double(counts.truePositive + counts.falseNegative));
}

double f1Score(const BinaryConfusion& counts)
{
    const double twiceTp = 2.0 * double(counts.truePositive);
    return ratio(twiceTp, twiceTp + double(counts.falsePositive) + double(counts.falseNegative));
}

double cohensKappa(const BinaryConfusion& counts)
{
    // Category 0 = positive, 1 = negative; rows = reference, columns = candidate.
    return cohensKappa(std::vector<std::vector<std::size_t>> {
        { counts.truePositive, counts.falseNegative }, { counts.falsePositive, counts.trueNegative } });
}

double cohensKappa(const std::vector<std::vector<std::size_t>>& matrix)
{
    const std::size_t k = matrix.size();
    for (const auto& row : matrix) {
        if (row.size() != k) {
            throw std::invalid_argument("Cohen's kappa needs a square agreement table");
        }
    }
    std::vector<double> rowSums(k, 0.0), columnSums(k, 0.0);
    double total = 0.0, agreeing = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
        for (std::size_t j = 0; j < k; ++j) {
            const double n = double(matrix[i][j]);
            rowSums[i] += n;
            columnSums[j] += n;
            total += n;
            if (i == j) {
                agreeing += n;
            }
        }
    }
    if (total == 0.0) {
        return notDefined;
    }
    double chanceProduct = 0.0; // sum of row * column marginals, i.e. chance agreement * total^2
    for (std::size_t i = 0; i < k; ++i) {
        chanceProduct += rowSums[i] * columnSums[i];
    }
    // kappa = (po - pe) / (1 - pe), multiplied through by total^2 to stay exact for counts.
    const double numerator = agreeing * total - chanceProduct;
    const double denominator = total * total - chanceProduct;
    return ratio(numerator, denominator);
}

ProportionInterval wilsonInterval(std::size_t successes, std::size_t trials, double z)
{
    if (successes > trials) {
        throw std::invalid_argument("Wilson interval: more successes than trials");
    }
    if (!(z > 0.0)) {
        throw std::invalid_argument("Wilson interval: z must be positive");
    }
    if (trials == 0) {
        return { 0.0, 1.0 };
    }
    const double n = double(trials);
    const double p = double(successes) / n;
    const double z2 = z * z;
    const double denominator = 1.0 + z2 / n;
    const double centre = (p + z2 / (2.0 * n)) / denominator;
    const double halfWidth = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator;
    ProportionInterval interval;
    interval.low = successes == 0 ? 0.0 : std::clamp(centre - halfWidth, 0.0, 1.0);
    interval.high = successes == trials ? 1.0 : std::clamp(centre + halfWidth, 0.0, 1.0);
    return interval;
}

} // namespace radmark::annotation
