#pragma once

#include <cmath>

namespace radmark::annotation {

// A 3-vector of doubles. Whether it is a point or a direction, and in which frame, is said by
// the name of the variable holding it (e.g. `originLpsMm`, `rowDirectionLps`).
struct Vector3 {
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;

    constexpr Vector3 operator+(const Vector3& other) const { return { x + other.x, y + other.y, z + other.z }; }
    constexpr Vector3 operator-(const Vector3& other) const { return { x - other.x, y - other.y, z - other.z }; }
    constexpr Vector3 operator*(double factor) const { return { x * factor, y * factor, z * factor }; }
    constexpr Vector3 operator/(double divisor) const { return { x / divisor, y / divisor, z / divisor }; }
    constexpr bool operator==(const Vector3& other) const { return x == other.x && y == other.y && z == other.z; }
    constexpr bool operator!=(const Vector3& other) const { return !(*this == other); }
    constexpr double operator[](int axis) const { return axis == 0 ? x : (axis == 1 ? y : z); }
};

constexpr double dot(const Vector3& a, const Vector3& b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

constexpr Vector3 cross(const Vector3& a, const Vector3& b)
{
    return { a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x };
}

inline double length(const Vector3& v)
{
    return std::sqrt(dot(v, v));
}

// Unit vector along v; the zero vector stays zero.
inline Vector3 normalized(const Vector3& v)
{
    const double norm = length(v);
    return norm > 0.0 ? v / norm : Vector3 {};
}

// Angle between two directions in degrees, in [0, 180].
double angleBetweenDegrees(const Vector3& a, const Vector3& b);

} // namespace radmark::annotation
