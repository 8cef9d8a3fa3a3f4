using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.Images;
using Ballistics.Ingest.X3p;

namespace Ballistics.Ingest;

/// <summary>Options for reading any supported surface file.</summary>
public sealed record SurfaceFileOptions
{
    public static SurfaceFileOptions Default { get; } = new();

    public X3pReadOptions X3p { get; init; } = X3pReadOptions.Default;

    public ImageReadOptions Image { get; init; } = new();

    /// <summary>Pixel size of 2D images (µm) as the caller states it; null to take the one the file's resolution fields state.</summary>
    public double? ImagePixelSizeUm { get; init; }

    /// <summary>How 2D images were lit, when the caller knows.</summary>
    public ImageLighting ImageLighting { get; init; }
}

/// <summary>Picks the reader by file extension: x3p topography, or a PNG/TIFF 2D image.</summary>
public static class SurfaceFiles
{
    public static bool IsImage(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".png" or ".tif" or ".tiff";

    public static IngestResult<Surface> Read(string path, SurfaceFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= SurfaceFileOptions.Default;
        if (!IsImage(path))
        {
            return X3pReader.Read(path, options.X3p);
        }

        return ImageReader.Read(path, options.ImagePixelSizeUm, options.Image, options.ImageLighting);
    }

    /// <summary>A file's bytes already read, as <see cref="Read(string, SurfaceFileOptions?)"/> reads the file.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="source">Where they came from, named in errors.</param>
    /// <param name="options">How to read them.</param>
    /// <param name="fileName">The name whose extension says what they hold, when <paramref name="source"/>'s does not (a store's blob); else the source's.</param>
    public static IngestResult<Surface> Read(byte[] bytes, string source, SurfaceFileOptions? options = null, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(source);
        options ??= SurfaceFileOptions.Default;
        return IsImage(fileName ?? source)
            ? ImageReader.Read(bytes, source, options.ImagePixelSizeUm, options.Image, options.ImageLighting)
            : X3pReader.Read(bytes, source, options.X3p);
    }
}
