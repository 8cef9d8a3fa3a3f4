using System.IO.Compression;
using System.Runtime.InteropServices;
using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Corpus;

/// <summary>
/// A scan sampled on rings about its firing-pin axis (the centred polar image before its row transforms): all a corpus
/// needs per item to screen search candidates by their best turn (<see cref="Matching.BreechFaceMatcher.TurnScreen(Preprocessing.PreparedScan, TurnSamples)"/>)
/// and to sign them, without reading their surfaces. Kept as float32 so a screen from the cache equals one from the
/// surface; about 100 rings × 720 angles, deflated.
/// </summary>
public sealed class TurnSamples
{
    private const uint Magic = 0x31535442; // "BTS1"

    internal TurnSamples(float[] values, float[] valid, int rings, double coarseStepUm)
    {
        Values = values;
        Valid = valid;
        Rings = rings;
        CoarseStepUm = coarseStepUm;
    }

    public int Rings { get; }

    /// <summary>The grid step the rings were sampled on (one ring per step).</summary>
    public double CoarseStepUm { get; }

    internal float[] Values { get; }

    internal float[] Valid { get; }

    internal CentredPolarImage ToPolar() => CentredPolarImage.FromSamples(Values, Valid, Rings);

    public void Write(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var deflate = new ZLibStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        using var writer = new BinaryWriter(deflate);
        writer.Write(Magic);
        writer.Write(Rings);
        writer.Write(CoarseStepUm);
        writer.Write(MemoryMarshal.AsBytes(Values.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(Valid.AsSpan()));
    }

    /// <exception cref="InvalidDataException">Not whole turn samples (a corrupt cache entry).</exception>
    public static TurnSamples Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            using var inflate = new ZLibStream(source, CompressionMode.Decompress, leaveOpen: true);
            using var reader = new BinaryReader(inflate);
            if (reader.ReadUInt32() != Magic)
            {
                throw new InvalidDataException("not turn samples");
            }

            var rings = reader.ReadInt32();
            var step = reader.ReadDouble();
            if (rings < 4 || rings > 100_000 || !(step > 0))
            {
                throw new InvalidDataException($"{rings} rings at {step} µm");
            }

            var values = new float[rings * CentredPolarImage.Angles];
            var valid = new float[values.Length];
            inflate.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            inflate.ReadExactly(MemoryMarshal.AsBytes(valid.AsSpan()));
            return new TurnSamples(values, valid, rings, step);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"not whole turn samples: {ex.Message}", ex);
        }
    }
}
