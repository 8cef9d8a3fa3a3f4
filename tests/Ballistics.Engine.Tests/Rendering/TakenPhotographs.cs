using Ballistics.Engine.Surfaces;
using Ballistics.Samples;

namespace Ballistics.Engine.Tests.Rendering;

/// <summary>Generated cases and their photographs as a lab submits them: rendered, written as PNG with the pixel size, read back.</summary>
internal static class TakenPhotographs
{
    /// <summary>Two firearms of two firings each, raw layout (primer, gap and case head in view).</summary>
    private static readonly CorpusOptions Raw = new() { Firearms = 2, FiresPerFirearm = 2, Seed = 21, Conditions = new ScanConditions { Layout = ScanLayout.Raw } };

    public static Surface Scan(int firearm, int fire) => CorpusGenerator.Fire(Raw, CorpusGenerator.FirearmOf(Raw, firearm), fire).Surface;

    public static Surface Taken(Surface scan, Samples.PhotographOptions options, int noiseSeed)
    {
        using var image = PhotographRenderer.Render(scan, options, noiseSeed);
        return Ingest.Images.ImageReader.Read(Ingest.Images.ImageWriter.Png(image, options.PixelSizeUm), "taken.png", pixelSizeUm: null, lighting: options.Lighting).Value;
    }
}
