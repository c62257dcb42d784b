#pragma once

#include "radmark/storage/project/SaliencyStore.h"

#include <optional>

namespace radmark::app {

// What the saliency review knows of one map: the map, its cached checks and its latest verdict.
struct SaliencyReviewRow {
    storage::SaliencyMapRecord map;
    std::optional<storage::StoredSaliencyChecks> checks;
    std::optional<storage::SaliencyReview> review;
};

} // namespace radmark::app
