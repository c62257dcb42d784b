#pragma once

namespace radmark::annotation {

// Lambdas joined into one visitor for std::visit. With one lambda per alternative (no generic `auto`
// lambda), a visit over a variant fails to compile until every alternative is handled: that is how a new
// mark shape is forced through every place that must know it.
//
//     std::visit(Overloaded { [](const RecistMark&) { ... }, [](const LineMark&) { ... }, ... }, mark.shape);
template <typename... Lambdas> struct Overloaded : Lambdas... {
    using Lambdas::operator()...;
};
template <typename... Lambdas> Overloaded(Lambdas...) -> Overloaded<Lambdas...>;

} // namespace radmark::annotation
