using System.Globalization;
using System.Runtime.InteropServices;
using Ballistics.Engine.Surfaces;
using OpenCvSharp;

namespace Ballistics.Ingest.X3p;

/// <summary>The FiX3P / x3ptools region mask: a colour PNG beside the point data, one pixel per point.</summary>
internal static class X3pMaskCodec
{
    public static uint[]? DecodePng(byte[] png, int expectedWidth, int expectedHeight, out int width, out int height)
    {
        // A PNG states its size in its first chunk: one of another size is refused before decoding, so a small file
        // declaring 20,000² pixels costs nothing.
        if (Images.PngHeader.Read(png) is { } declared && (declared.Width, declared.Height) != (expectedWidth, expectedHeight))
        {
            (width, height) = (declared.Width, declared.Height);
            return [];
        }

        using var mat = Cv2.ImDecode(png, ImreadModes.Unchanged);
        width = mat.Cols;
        height = mat.Rows;
        if (mat.Empty())
        {
            return null;
        }

        if (width != expectedWidth || height != expectedHeight)
        {
            return [];
        }

        using var bgr = new Mat();
        using var eight = new Mat();
        var source = mat;
        if (mat.Depth() != MatType.CV_8U)
        {
            // 16-bit masks: keep the top byte; colours in a mask are labels, not measurements.
            mat.ConvertTo(eight, MatType.CV_8U, mat.Depth() == MatType.CV_16U ? 1.0 / 257 : 1.0);
            source = eight;
        }

        switch (source.Channels())
        {
            case 1:
                Cv2.CvtColor(source, bgr, ColorConversionCodes.GRAY2BGR);
                break;
            case 4:
                Cv2.CvtColor(source, bgr, ColorConversionCodes.BGRA2BGR);
                break;
            default:
                source.CopyTo(bgr);
                break;
        }

        var bytes = new byte[width * height * 3];
        using (var continuous = bgr.IsContinuous() ? null : bgr.Clone())
        {
            Marshal.Copy((continuous ?? bgr).Data, bytes, 0, bytes.Length);
        }

        var colours = new uint[width * height];
        for (var i = 0; i < colours.Length; i++)
        {
            var b = bytes[i * 3];
            var g = bytes[(i * 3) + 1];
            var r = bytes[(i * 3) + 2];
            colours[i] = ((uint)r << 16) | ((uint)g << 8) | b;
        }

        return colours;
    }

    public static byte[] EncodePng(RegionMask mask)
    {
        var bytes = new byte[mask.Width * mask.Height * 3];
        var colours = mask.Colours;
        for (var i = 0; i < colours.Length; i++)
        {
            var c = colours[i];
            bytes[i * 3] = (byte)c;
            bytes[(i * 3) + 1] = (byte)(c >> 8);
            bytes[(i * 3) + 2] = (byte)(c >> 16);
        }

        using var mat = new Mat(mask.Height, mask.Width, MatType.CV_8UC3);
        Marshal.Copy(bytes, 0, mat.Data, bytes.Length);
        Cv2.ImEncode(".png", mat, out var png);
        return png;
    }

    public static uint? ParseColour(string text)
    {
        text = text.Trim();
        return text.Length == 7 && text[0] == '#'
            && uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb)
            ? rgb
            : null;
    }

    public static string FormatColour(uint rgb) => $"#{rgb & 0xFFFFFF:x6}";

    /// <summary>Without a declared background, the colour most of the four corners share is taken (the region lies inside the scan).</summary>
    public static uint CornerBackground(uint[] colours, int width, int height)
    {
        uint[] corners = [colours[0], colours[width - 1], colours[(height - 1) * width], colours[(height * width) - 1]];
        return corners.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
    }
}
