#include "SliceTextureProp.h"

#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkMatrix3x3.h>
#include <vtkMatrix4x4.h>
#include <vtkObjectFactory.h>
#include <vtkOpenGLCamera.h>
#include <vtkOpenGLRenderUtilities.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkOpenGLRenderer.h>
#include <vtkOpenGLShaderCache.h>
#include <vtkOpenGLState.h>
#include <vtkOpenGLVertexArrayObject.h>
#include <vtkPointData.h>
#include <vtkShaderProgram.h>
#include <vtkTemplateAliasMacro.h>
#include <vtkTextureObject.h>

#include <algorithm>
#include <cstdint>

#ifndef GL_BLEND
#define GL_BLEND 0x0BE2
#endif
#ifndef GL_DEPTH_TEST
#define GL_DEPTH_TEST 0x0B71
#endif

namespace radmark::viewer {

namespace {

// Model coordinates (the image's x, y, z in mm) to clip space; the texture coordinate passes through.
const char* const kVertexShader = R"(//VTK::System::Dec
in vec4 vertexMC;
in vec2 tcoordMC;
uniform mat4 MCDCMatrix;
out vec2 tcoordVC;
void main()
{
  tcoordVC = tcoordMC;
  gl_Position = MCDCMatrix * vertexMC;
}
)";

// The grey level was mapped on the CPU (window/level); the texture unit filters it (nearest or linear).
const char* const kFragmentShader = R"(//VTK::System::Dec
//VTK::Output::Dec
in vec2 tcoordVC;
uniform sampler2D greyLevels;
void main()
{
  float grey = texture2D(greyLevels, tcoordVC).r;
  gl_FragData[0] = vec4(grey, grey, grey, 1.0);
}
)";

// VTK's image mappers (vtkImageMapper3D::MakeTextureData without a lookup table) turn a window/level into
// grey = (value - (level - window / 2)) * 255 / window, clamped to 0..255 and rounded by adding 0.5 and
// truncating, in double precision. The same arithmetic here gives the same grey levels, including at exact
// halves (0 HU in 400 / 0 is 127.49999999999999, grey 127).
struct GreyMapping {
    double shift = 0.0;
    double scale = 0.0;
};

GreyMapping greyMappingOf(double window, double level)
{
    const double low = level - 0.5 * window;
    const double high = level + 0.5 * window;
    GreyMapping mapping;
    mapping.shift = -low;
    mapping.scale = low < high ? 255.0 / (high - low) : 1e32;
    return mapping;
}

unsigned char greyLevel(double value, const GreyMapping& mapping)
{
    double grey = (value + mapping.shift) * mapping.scale;
    grey = grey > 0.0 ? grey : 0.0;
    grey = grey < 255.0 ? grey : 255.0;
    return static_cast<unsigned char>(grey + 0.5);
}

template <typename T>
void mapToGrey(const T* values, std::size_t count, const GreyMapping& mapping, unsigned char* grey)
{
    for (std::size_t index = 0; index < count; ++index) {
        grey[index] = greyLevel(static_cast<double>(values[index]), mapping);
    }
}

} // namespace

vtkStandardNewMacro(SliceTextureProp);

SliceTextureProp::SliceTextureProp()
    : m_texture(vtkSmartPointer<vtkTextureObject>::New())
    , m_vertexArray(vtkSmartPointer<vtkOpenGLVertexArrayObject>::New())
{
}

SliceTextureProp::~SliceTextureProp() = default;

void SliceTextureProp::SetImage(vtkImageData* image)
{
    if (m_image != image) {
        m_image = image;
        m_textureValid = false;
        Modified();
    }
}

void SliceTextureProp::SetSliceNumber(int sliceNumber)
{
    if (m_sliceNumber != sliceNumber) {
        m_sliceNumber = sliceNumber;
        Modified();
    }
}

void SliceTextureProp::SetWindowLevel(double window, double level)
{
    if (m_window != window || m_level != level) {
        m_window = window;
        m_level = level;
        Modified();
    }
}

void SliceTextureProp::SetNearestInterpolation(bool nearest)
{
    if (m_nearest != nearest) {
        m_nearest = nearest;
        Modified();
    }
}

bool SliceTextureProp::sliceInImage() const
{
    if (m_image == nullptr || m_image->GetPointData()->GetScalars() == nullptr
        || m_image->GetNumberOfScalarComponents() != 1) {
        return false;
    }
    const int* extent = m_image->GetExtent();
    return extent[0] <= extent[1] && extent[2] <= extent[3] && m_sliceNumber >= extent[4] && m_sliceNumber <= extent[5];
}

double* SliceTextureProp::GetBounds()
{
    if (!sliceInImage()) {
        return nullptr;
    }
    // The quad in model coordinates (whole edge pixels, at the slice's z), then through the prop's matrix.
    const int* extent = m_image->GetExtent();
    const double* origin = m_image->GetOrigin();
    const double* spacing = m_image->GetSpacing();
    const double x0 = origin[0] + (extent[0] - 0.5) * spacing[0];
    const double x1 = origin[0] + (extent[1] + 0.5) * spacing[0];
    const double y0 = origin[1] + (extent[2] - 0.5) * spacing[1];
    const double y1 = origin[1] + (extent[3] + 0.5) * spacing[1];
    const double z = origin[2] + m_sliceNumber * spacing[2];
    double corners[4][4] = { { x0, y0, z, 1.0 }, { x1, y0, z, 1.0 }, { x1, y1, z, 1.0 }, { x0, y1, z, 1.0 } };
    vtkMatrix4x4* matrix = GetMatrix();
    for (int axis = 0; axis < 3; ++axis) {
        Bounds[2 * axis] = VTK_DOUBLE_MAX;
        Bounds[2 * axis + 1] = -VTK_DOUBLE_MAX;
    }
    for (auto& corner : corners) {
        double world[4];
        matrix->MultiplyPoint(corner, world);
        for (int axis = 0; axis < 3; ++axis) {
            Bounds[2 * axis] = std::min(Bounds[2 * axis], world[axis]);
            Bounds[2 * axis + 1] = std::max(Bounds[2 * axis + 1], world[axis]);
        }
    }
    return Bounds;
}

void SliceTextureProp::uploadTexture(vtkOpenGLRenderWindow* window)
{
    const vtkMTimeType imageTime = m_image->GetMTime();
    if (m_textureValid && m_uploadedImageTime == imageTime && m_uploadedSlice == m_sliceNumber
        && m_uploadedWindow == m_window && m_uploadedLevel == m_level) {
        return;
    }
    const int* extent = m_image->GetExtent();
    const int columns = extent[1] - extent[0] + 1;
    const int rows = extent[3] - extent[2] + 1;
    const std::size_t count = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    m_grey.resize(count);
    const void* slice = m_image->GetScalarPointer(extent[0], extent[2], m_sliceNumber);
    const GreyMapping mapping = greyMappingOf(m_window, m_level);
    switch (m_image->GetScalarType()) {
    case VTK_SHORT:
    case VTK_UNSIGNED_SHORT: {
        // One table of 65,536 grey levels per window (the same formula), then a lookup per voxel.
        const bool isSigned = m_image->GetScalarType() == VTK_SHORT;
        if (m_greyTable.empty() || m_tableWindow != m_window || m_tableLevel != m_level || m_tableSigned != isSigned) {
            m_greyTable.resize(65536);
            for (int index = 0; index < 65536; ++index) {
                const int value = isSigned ? index - 32768 : index;
                m_greyTable[static_cast<std::size_t>(index)] = greyLevel(static_cast<double>(value), mapping);
            }
            m_tableWindow = m_window;
            m_tableLevel = m_level;
            m_tableSigned = isSigned;
        }
        if (isSigned) {
            const auto* values = static_cast<const std::int16_t*>(slice);
            for (std::size_t index = 0; index < count; ++index) {
                m_grey[index] = m_greyTable[static_cast<std::size_t>(values[index] + 32768)];
            }
        } else {
            const auto* values = static_cast<const std::uint16_t*>(slice);
            for (std::size_t index = 0; index < count; ++index) {
                m_grey[index] = m_greyTable[values[index]];
            }
        }
        break;
    }
    default:
        switch (m_image->GetScalarType()) {
            vtkTemplateMacro(mapToGrey(static_cast<const VTK_TT*>(slice), count, mapping, m_grey.data()));
        }
        break;
    }
    m_texture->SetContext(window);
    m_texture->Create2DFromRaw(
        static_cast<unsigned int>(columns), static_cast<unsigned int>(rows), 1, VTK_UNSIGNED_CHAR, m_grey.data());
    m_texture->SetWrapS(vtkTextureObject::ClampToEdge);
    m_texture->SetWrapT(vtkTextureObject::ClampToEdge);
    m_textureValid = true;
    m_uploadedImageTime = imageTime;
    m_uploadedSlice = m_sliceNumber;
    m_uploadedWindow = m_window;
    m_uploadedLevel = m_level;
    ++m_uploadCount;
}

int SliceTextureProp::RenderOpaqueGeometry(vtkViewport* viewport)
{
    auto* renderer = vtkOpenGLRenderer::SafeDownCast(viewport);
    if (renderer == nullptr || !GetVisibility() || !sliceInImage()) {
        return 0;
    }
    auto* window = vtkOpenGLRenderWindow::SafeDownCast(renderer->GetRenderWindow());
    if (window == nullptr) {
        return 0;
    }
    if (window != m_renderWindow || window->GetContextCreationTime() > m_contextTime) {
        // Another window or a new context: the texture, vertex array and program of the old one do not exist
        // here (the old window released them with its context, or still owns them).
        m_renderWindow = window;
        m_contextTime = window->GetContextCreationTime();
        m_texture = vtkSmartPointer<vtkTextureObject>::New();
        m_vertexArray = vtkSmartPointer<vtkOpenGLVertexArrayObject>::New();
        m_program = nullptr;
        m_textureValid = false;
    }
    uploadTexture(window);
    const int filter = m_nearest ? vtkTextureObject::Nearest : vtkTextureObject::Linear;
    m_texture->SetMinificationFilter(filter);
    m_texture->SetMagnificationFilter(filter);

    vtkOpenGLShaderCache* shaders = window->GetShaderCache();
    if (m_program == nullptr) {
        m_program = shaders->ReadyShaderProgram(kVertexShader, kFragmentShader, "");
    } else {
        shaders->ReadyShaderProgram(m_program);
    }
    if (m_program == nullptr) {
        return 0;
    }

    // Model -> world (the prop's matrix, e.g. the display transpose / mirror) -> clip space, in VTK's
    // transposed convention for shader uniforms.
    vtkMatrix4x4* worldToView = nullptr;
    vtkMatrix3x3* normals = nullptr;
    vtkMatrix4x4* viewToClip = nullptr;
    vtkMatrix4x4* worldToClip = nullptr;
    static_cast<vtkOpenGLCamera*>(renderer->GetActiveCamera())
        ->GetKeyMatrices(renderer, worldToView, normals, viewToClip, worldToClip);
    vtkNew<vtkMatrix4x4> modelToWorld;
    vtkMatrix4x4::Transpose(GetMatrix(), modelToWorld);
    vtkNew<vtkMatrix4x4> modelToClip;
    vtkMatrix4x4::Multiply4x4(modelToWorld, worldToClip, modelToClip);
    m_program->SetUniformMatrix("MCDCMatrix", modelToClip);

    const int* extent = m_image->GetExtent();
    const double* origin = m_image->GetOrigin();
    const double* spacing = m_image->GetSpacing();
    const auto x0 = static_cast<float>(origin[0] + (extent[0] - 0.5) * spacing[0]);
    const auto x1 = static_cast<float>(origin[0] + (extent[1] + 0.5) * spacing[0]);
    const auto y0 = static_cast<float>(origin[1] + (extent[2] - 0.5) * spacing[1]);
    const auto y1 = static_cast<float>(origin[1] + (extent[3] + 0.5) * spacing[1]);
    const auto z = static_cast<float>(origin[2] + m_sliceNumber * spacing[2]);
    float vertices[12] = { x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z };
    float textureCoordinates[8] = { 0.0f, 0.0f, 1.0f, 0.0f, 1.0f, 1.0f, 0.0f, 1.0f };

    vtkOpenGLState* state = window->GetState();
    // Opaque grey: blending would give the same colour at alpha 1, at the cost of reading the framebuffer.
    vtkOpenGLState::ScopedglEnableDisable blend(state, GL_BLEND);
    vtkOpenGLState::ScopedglEnableDisable depthTest(state, GL_DEPTH_TEST);
    state->vtkglDisable(GL_BLEND);
    state->vtkglEnable(GL_DEPTH_TEST);
    state->vtkglDepthMask(1);
    m_texture->Activate();
    m_program->SetUniformi("greyLevels", m_texture->GetTextureUnit());
    vtkOpenGLRenderUtilities::RenderQuad(vertices, textureCoordinates, m_program, m_vertexArray);
    m_texture->Deactivate();
    return 1;
}

void SliceTextureProp::ReleaseGraphicsResources(vtkWindow* window)
{
    m_texture->ReleaseGraphicsResources(window);
    m_vertexArray->ReleaseGraphicsResources();
    m_program = nullptr; // the shader cache releases it with the window
    m_textureValid = false;
    m_renderWindow = nullptr;
}

} // namespace radmark::viewer
