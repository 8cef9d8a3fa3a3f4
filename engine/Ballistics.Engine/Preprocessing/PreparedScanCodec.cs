using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Ballistics.Engine.FiringPin;
using Ballistics.Engine.Surfaces;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// A prepared scan as bytes, for a corpus's cache of preprocessed surfaces: re-ranking a search's candidates must not
/// preprocess each one again. Heights stay float32 (a cached scan must compare exactly as a freshly prepared one) and
/// are deflated, which mostly removes the NaN outside the breech face. The preprocessing version is written first; a
/// cache entry of another version or default options reads as absent, and the caller prepares afresh.
/// </summary>
public static class PreparedScanCodec
{
    /// <summary>
    /// "BPS3": a photograph's kind, light, sign and relit variants follow the firing-pin region (a search's photograph query
    /// crosses to the silos this way), a rendering's even ring among them. The firing-pin region follows the breech face since preprocess/1.6, its
    /// aperture-shear band since 1.7 and the tip's rings since 1.9, whose version checks keep older entries out.
    /// </summary>
    private const uint Magic = 0x33535042;

    /// <summary>"BPS1", before photographs, and "BPS2", before a rendering's even ring: read as absent, so the caller prepares afresh.</summary>
    private static readonly uint[] FormerMagics = [0x31535042, 0x32535042];

    public static void Write(PreparedScan scan, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(destination);
        using var deflate = new ZLibStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        using var writer = new BinaryWriter(deflate, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        WriteScan(writer, scan);
    }

    private static void WriteScan(BinaryWriter writer, PreparedScan scan)
    {
        writer.Write(scan.AlgorithmVersion);
        writer.Write(OptionsKey(scan.Options));
        var surface = scan.Surface;
        writer.Write(surface.Width);
        writer.Write(surface.Height);
        writer.Write(surface.LateralStepXUm);
        writer.Write(surface.LateralStepYUm);
        var g = scan.Geometry;
        foreach (var value in (ReadOnlySpan<double>)[g.PrimerCentreXUm, g.PrimerCentreYUm, g.PrimerRadiusUm, g.FiringPinCentreXUm, g.FiringPinCentreYUm, g.FiringPinRadiusUm])
        {
            writer.Write(value);
        }

        writer.Write((int)g.Source);
        writer.Write(scan.Notes.Count);
        foreach (var note in scan.Notes)
        {
            writer.Write(note);
        }

        writer.Write(scan.RegionPoints);
        writer.Write(scan.SourceOffset.X);
        writer.Write(scan.SourceOffset.Y);
        writer.Write(MemoryMarshal.AsBytes(surface.Values));
        WriteFiringPin(writer, scan.FiringPin);
        writer.Write((int)surface.Kind);
        writer.Write(surface.Metadata.Lighting is { } lighting ? (int)lighting : -1);
        writer.Write(scan.ShadingAsIs);
        WriteOptional(writer, scan.RenderedLightAzimuthDeg);
        writer.Write(scan.RenderedEvenRing);
        WriteOptional(writer, scan.SteeredDeg);
        writer.Write(scan.Relit.Count);
        foreach (var relit in scan.Relit)
        {
            WriteScan(writer, relit);
        }
    }

    private static void WriteOptional(BinaryWriter writer, double? value)
    {
        writer.Write(value.HasValue);
        writer.Write(value ?? 0);
    }

    private static double? ReadOptional(BinaryReader reader)
    {
        var has = reader.ReadBoolean();
        var value = reader.ReadDouble();
        return has ? value : null;
    }

    /// <summary>The firing-pin region after the breech face: status, reason, the crater's outline, the impression's heights, then the aperture-shear band's.</summary>
    private static void WriteFiringPin(BinaryWriter writer, FiringPinRegion region)
    {
        writer.Write((int)region.Status);
        writer.Write(region.Reason ?? string.Empty);
        writer.Write(region.Outline is not null);
        if (region.Outline is { } outline)
        {
            writer.Write((int)outline.Shape);
            writer.Write(outline.Aspect);
            writer.Write(outline.RectangleFill);
            writer.Write(outline.EquivalentRadiusUm);
        }

        if (region.Impression is { } impression)
        {
            WriteAboutAxis(writer, impression.Surface, impression.AxisUm, impression.Points);
            WriteRings(writer, impression.Rings);
        }

        WriteShear(writer, region.Shear);
    }

    private static void WriteShear(BinaryWriter writer, ApertureShearRegion region)
    {
        writer.Write((int)region.Status);
        writer.Write(region.Reason ?? string.Empty);
        if (region.Band is { } band)
        {
            WriteAboutAxis(writer, band.Surface, band.AxisUm, band.Points);
        }
    }

    /// <summary>A region's square-grid heights with the pin's axis and its valid points (the firing pin's impression, the shear's band).</summary>
    private static void WriteAboutAxis(BinaryWriter writer, Surface surface, (double X, double Y) axisUm, int points)
    {
        writer.Write(surface.Width);
        writer.Write(surface.Height);
        writer.Write(surface.LateralStepXUm);
        writer.Write(axisUm.X);
        writer.Write(axisUm.Y);
        writer.Write(points);
        writer.Write(MemoryMarshal.AsBytes(surface.Values));
    }

    /// <summary>The tip's turning marks (since preprocess/1.9): a flag, then the profile, its centre's shift and its strength.</summary>
    private static void WriteRings(BinaryWriter writer, TipRings? rings)
    {
        writer.Write(rings is not null);
        if (rings is not null)
        {
            writer.Write(rings.Profile.Length);
            writer.Write(MemoryMarshal.AsBytes(rings.Profile.AsSpan()));
            writer.Write(rings.CentreShiftUm);
            writer.Write(rings.Strength);
        }
    }

    private static TipRings? ReadRings(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var profile = new float[reader.ReadInt32()];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(profile.AsSpan()));
        return TipRings.FromProfile(profile, reader.ReadDouble(), reader.ReadDouble());
    }

    private static (Surface Surface, (double X, double Y) AxisUm, int Points) ReadAboutAxis(BinaryReader reader)
    {
        var width = reader.ReadInt32();
        var height = reader.ReadInt32();
        var step = reader.ReadDouble();
        var axis = (reader.ReadDouble(), reader.ReadDouble());
        var points = reader.ReadInt32();
        var values = new float[checked(width * height)];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return (new Surface(width, height, step, step, values), axis, points);
    }

    private static ApertureShearRegion ReadShear(BinaryReader reader)
    {
        var status = (FiringPinStatus)reader.ReadInt32();
        var reason = reader.ReadString();
        switch (status)
        {
            case FiringPinStatus.Found:
                var (surface, axis, points) = ReadAboutAxis(reader);
                return ApertureShearRegion.Found(new ShearBand(surface, axis, points));
            case FiringPinStatus.Failed:
                return ApertureShearRegion.Failed(reason);
            case FiringPinStatus.Absent:
                return ApertureShearRegion.Absent(reason);
            default:
                throw new InvalidDataException($"unknown aperture-shear status {(int)status}");
        }
    }

    private static FiringPinRegion ReadFiringPin(BinaryReader reader)
    {
        var status = (FiringPinStatus)reader.ReadInt32();
        var reason = reader.ReadString();
        CraterOutline? outline = reader.ReadBoolean()
            ? new CraterOutline((FiringPinShape)reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble())
            : null;
        FiringPinRegion region;
        switch (status)
        {
            case FiringPinStatus.Found:
                var (surface, axis, points) = ReadAboutAxis(reader);
                region = FiringPinRegion.Found(new FiringPinImpression(surface, axis, outline, points) { Rings = ReadRings(reader) });
                break;
            case FiringPinStatus.Failed:
                region = FiringPinRegion.Failed(reason, outline);
                break;
            case FiringPinStatus.Absent:
                region = FiringPinRegion.Absent(reason);
                break;
            default:
                throw new InvalidDataException($"unknown firing-pin status {(int)status}");
        }

        return region.WithShear(ReadShear(reader));
    }

    /// <summary>The scan, or null when the bytes were written by another preprocessing version or options.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a prepared scan (corrupt cache entry).</exception>
    public static PreparedScan? Read(Stream source, PreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var inflate = new ZLibStream(source, CompressionMode.Decompress, leaveOpen: true);
            using var reader = new BinaryReader(inflate, Encoding.UTF8, leaveOpen: true);
            var magic = reader.ReadUInt32();
            if (FormerMagics.Contains(magic))
            {
                return null;
            }

            if (magic != Magic)
            {
                throw new InvalidDataException("not a prepared scan");
            }

            return ReadScan(reader, options);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"not a whole prepared scan: {ex.Message}", ex);
        }
    }

    /// <summary>One scan and its relit variants; null when it was written by another preprocessing version or options.</summary>
    private static PreparedScan? ReadScan(BinaryReader reader, PreprocessOptions options)
    {
        var version = reader.ReadString();
        if ((version != Preprocessor.AlgorithmVersion && version != PhotographPreprocessor.AlgorithmVersion) || reader.ReadString() != OptionsKey(options))
        {
            return null;
        }

        var width = reader.ReadInt32();
        var height = reader.ReadInt32();
        var stepX = reader.ReadDouble();
        var stepY = reader.ReadDouble();
        Span<double> g = stackalloc double[6];
        for (var i = 0; i < g.Length; i++)
        {
            g[i] = reader.ReadDouble();
        }

        var geometry = new BreechFaceGeometry(g[0], g[1], g[2], g[3], g[4], g[5], (RegionSource)reader.ReadInt32());
        var notes = new string[reader.ReadInt32()];
        for (var i = 0; i < notes.Length; i++)
        {
            notes[i] = reader.ReadString();
        }

        var regionPoints = reader.ReadInt32();
        var sourceOffset = (reader.ReadInt32(), reader.ReadInt32());
        var values = new float[checked(width * height)];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        var firingPin = ReadFiringPin(reader);
        var kind = (SurfaceKind)reader.ReadInt32();
        var lighting = reader.ReadInt32();
        var shadingAsIs = reader.ReadBoolean();
        var renderedLightAzimuthDeg = ReadOptional(reader);
        var renderedEvenRing = reader.ReadBoolean();
        var steeredDeg = ReadOptional(reader);
        var relit = new PreparedScan[reader.ReadInt32()];
        for (var i = 0; i < relit.Length; i++)
        {
            relit[i] = ReadScan(reader, options) ?? throw new InvalidDataException("a relit variant of another preprocessing version");
        }

        var surface = new Surface(width, height, stepX, stepY, values)
        {
            Kind = kind,
            Metadata = lighting >= 0 ? SurfaceMetadata.Empty with { Lighting = (ImageLighting)lighting } : SurfaceMetadata.Empty,
        };
        return new PreparedScan(surface, geometry, options, notes, regionPoints, sourceOffset)
        {
            FiringPin = firingPin,
            ShadingAsIs = shadingAsIs,
            RenderedLightAzimuthDeg = renderedLightAzimuthDeg,
            RenderedEvenRing = renderedEvenRing,
            SteeredDeg = steeredDeg,
            Relit = relit,
        };
    }

    // Options are a record: its printed form names every value, so two caches of different options never mix.
    private static string OptionsKey(PreprocessOptions options) => options.ToString();
}
