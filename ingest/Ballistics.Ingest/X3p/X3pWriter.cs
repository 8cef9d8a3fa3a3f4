using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Ingest.X3p;

/// <summary>Binary type of the heights written.</summary>
public enum X3pHeightType
{
    /// <summary>float64 metres (increment 1): the usual choice of x3p writers.</summary>
    Float64,

    /// <summary>float32 micrometres with a Z increment of 1e-6: half the size, still metres by the standard.</summary>
    Float32,
}

/// <summary>Options of the x3p writer.</summary>
public sealed record X3pWriteOptions
{
    public static X3pWriteOptions Default { get; } = new();

    public X3pHeightType HeightType { get; init; } = X3pHeightType.Float64;

    /// <summary>
    /// Deflate level of main.xml and the point data. Fastest by default: height data deflates
    /// poorly at any level, and Optimal measured 2.2× slower (252 ms against 116 ms) for a 1000² float64 surface
    /// (docs/benchmarks.md).
    /// </summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Fastest;
}

/// <summary>
/// Writes standard x3p files: lateral increments in metres, heights in metres (directly or through
/// the Z increment), both MD5 checksums, and a FiX3P mask when the surface has one. A surface
/// written and read back is bit-exact.
/// </summary>
public static class X3pWriter
{
    private static readonly XNamespace Ns = "http://www.opengps.eu/2008/ISO5436_2";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static void Write(Surface surface, string path, X3pWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Write beside the target and move into place, so a crash never leaves half a file under the real name.
        var temporary = path + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Write(surface, stream, options);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(Surface surface, Stream destination, X3pWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= X3pWriteOptions.Default;

        var data = EncodeHeights(surface, options.HeightType);
        var dataMd5 = Convert.ToHexStringLower(MD5.HashData(data));
        var mask = surface.Mask is null ? null : X3pMaskCodec.EncodePng(surface.Mask);
        var xml = BuildMainXml(surface, options.HeightType, dataMd5);
        var xmlMd5 = Convert.ToHexStringLower(MD5.HashData(xml));

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        AddEntry(zip, "main.xml", xml, options.Compression);
        AddEntry(zip, "bindata/data.bin", data, options.Compression);
        if (mask is not null)
        {
            AddEntry(zip, "bindata/mask.png", mask, CompressionLevel.NoCompression);
        }

        AddEntry(zip, "md5checksum.hex", Encoding.ASCII.GetBytes($"{xmlMd5} *main.xml\n"), CompressionLevel.NoCompression);
    }

    private static byte[] EncodeHeights(Surface surface, X3pHeightType type)
    {
        var values = surface.Values;
        if (type == X3pHeightType.Float32)
        {
            var bytes = new byte[values.Length * sizeof(float)];
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
            return bytes;
        }

        var metres = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            metres[i] = float.IsNaN(v) ? double.NaN : v / 1e6;
        }

        return MemoryMarshal.AsBytes(metres.AsSpan()).ToArray();
    }

    private static byte[] BuildMainXml(Surface surface, X3pHeightType type, string dataMd5)
    {
        var meta = surface.Metadata;
        var instrument = meta.Instrument;
        XElement Axis(string name, string axisType, string dataType, string increment) =>
            new(name,
                new XElement("AxisType", axisType),
                new XElement("DataType", dataType),
                new XElement("Increment", increment),
                new XElement("Offset", "0"));

        var record3 = new XElement("Record3",
            new XElement("MatrixDimension",
                new XElement("SizeX", surface.Width.ToString(CultureInfo.InvariantCulture)),
                new XElement("SizeY", surface.Height.ToString(CultureInfo.InvariantCulture)),
                new XElement("SizeZ", "1")),
            new XElement("DataLink",
                new XElement("PointDataLink", "bindata/data.bin"),
                new XElement("MD5ChecksumPointData", dataMd5)));
        if (surface.Mask is { } mask)
        {
            record3.Add(new XElement("Mask",
                new XElement("Background", X3pMaskCodec.FormatColour(mask.BackgroundRgb)),
                new XElement("Annotations", mask.Annotations.Select(a =>
                    new XElement("Annotation", new XAttribute("color", X3pMaskCodec.FormatColour(a.ColourRgb)), a.Label))),
                new XElement("Version", "2")));
        }

        var root = new XElement(Ns + "ISO5436_2",
            new XAttribute(XNamespace.Xmlns + "p", Ns),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XAttribute(Xsi + "schemaLocation", "http://www.opengps.eu/2008/ISO5436_2 http://www.opengps.eu/2008/ISO5436_2/ISO5436_2.xsd"),
            new XElement("Record1",
                new XElement("Revision", "ISO5436 - 2000"),
                new XElement("FeatureType", "SUR"),
                new XElement("Axes",
                    Axis("CX", "I", "D", DecimalShift.Format(surface.LateralStepXUm, -6)),
                    Axis("CY", "I", "D", DecimalShift.Format(surface.LateralStepYUm, -6)),
                    Axis("CZ", "A", type == X3pHeightType.Float32 ? "F" : "D", type == X3pHeightType.Float32 ? "1e-6" : "1"))),
            new XElement("Record2",
                new XElement("Date", meta.Date ?? DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                new XElement("Creator", meta.Creator ?? "Ballistics"),
                new XElement("Instrument",
                    new XElement("Manufacturer", instrument?.Manufacturer ?? "unknown"),
                    new XElement("Model", instrument?.Model ?? "unknown"),
                    new XElement("Serial", instrument?.Serial ?? "unknown"),
                    new XElement("Version", instrument?.Version ?? "unknown")),
                new XElement("CalibrationDate", meta.Date ?? DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                new XElement("ProbingSystem",
                    new XElement("Type", surface.Kind == SurfaceKind.Intensity2D ? "NonContacting" : "Software"),
                    new XElement("Identification", surface.Kind == SurfaceKind.Intensity2D ? "2D intensity image" : "unknown")),
                new XElement("Comment", meta.Comment ?? string.Empty)),
            record3,
            new XElement("Record4", new XElement("ChecksumFile", "md5checksum.hex")));

        using var ms = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(ms, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Save(writer);
        }

        return ms.ToArray();
    }

    private static void AddEntry(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var s = entry.Open();
        s.Write(content);
    }
}
