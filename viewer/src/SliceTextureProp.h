#pragma once

#include <vtkNew.h>
#include <vtkProp3D.h>
#include <vtkSmartPointer.h>

#include <vector>

class vtkImageData;
class vtkOpenGLRenderWindow;
class vtkOpenGLVertexArrayObject;
class vtkShaderProgram;
class vtkTextureObject;

namespace radmark::viewer {

// One z slice of a single-component image, drawn as ONE quad that covers whole edge pixels with an 8-bit
// grey texture and a two-line fragment shader (the fast path of the 2D views).
//
// It shows the same picture as vtkImageSlice + vtkImageSliceMapper (SliceFacesCamera and SliceAtFocalPoint
// off, Border on): the slice is mapped to grey levels on the CPU with VTK's window/level arithmetic
// (through a table of all 65,536 values for 16-bit voxels), the texture is sampled with nearest or linear
// filtering, the quad lies at the slice's z with depth test and write. What it saves is fragment work:
// with software OpenGL (Mesa llvmpipe) VTK's general polygon shader cost ~18 ms of CPU per 1024x1024
// frame for the slice alone. The texture is uploaded again only when the slice, the window or the image
// changes.
class SliceTextureProp : public vtkProp3D {
public:
    static SliceTextureProp* New();
    vtkTypeMacro(SliceTextureProp, vtkProp3D)

        // The image (point data scalars with one component); nullptr shows nothing.
        void SetImage(vtkImageData* image);
    void SetSliceNumber(int sliceNumber);
    void SetWindowLevel(double window, double level);
    void SetNearestInterpolation(bool nearest);

    double* GetBounds() override;
    int RenderOpaqueGeometry(vtkViewport* viewport) override;
    vtkTypeBool HasTranslucentPolygonalGeometry() override { return 0; }
    void ReleaseGraphicsResources(vtkWindow* window) override;

    // How many times the texture was uploaded (for tests: a window/level or slice change uploads once,
    // a pure re-render none).
    int TextureUploadCount() const { return m_uploadCount; }

protected:
    SliceTextureProp();
    ~SliceTextureProp() override;

private:
    SliceTextureProp(const SliceTextureProp&) = delete;
    void operator=(const SliceTextureProp&) = delete;

    bool sliceInImage() const;
    void uploadTexture(vtkOpenGLRenderWindow* window);

    vtkSmartPointer<vtkImageData> m_image;
    int m_sliceNumber = 0;
    double m_window = 1.0;
    double m_level = 0.5;
    bool m_nearest = false;

    vtkOpenGLRenderWindow* m_renderWindow = nullptr; // the window whose context holds the texture and program
    vtkMTimeType m_contextTime = 0;
    vtkSmartPointer<vtkTextureObject> m_texture;
    vtkSmartPointer<vtkOpenGLVertexArrayObject> m_vertexArray;
    vtkShaderProgram* m_program = nullptr; // owned by the window's shader cache
    std::vector<unsigned char> m_grey; // the slice's grey levels, row by row
    std::vector<unsigned char> m_greyTable; // grey level of every 16-bit value for the current window
    double m_tableWindow = 0.0;
    double m_tableLevel = 0.0;
    bool m_tableSigned = false;
    bool m_textureValid = false;
    vtkMTimeType m_uploadedImageTime = 0;
    int m_uploadedSlice = -1;
    double m_uploadedWindow = 0.0;
    double m_uploadedLevel = 0.0;
    int m_uploadCount = 0;
};

} // namespace radmark::viewer
