using System.IO.Compression;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace Ballistics.Engine.Corpus;

/// <summary>
/// The principal axes of signatures from a training corpus: a signature minus the training mean, projected on the
/// <see cref="Dimensions"/> axes of most variance and made unit length again. It shrinks the 2,976 numbers of the
/// default signature six-fold at almost no cost in ranking (mate within the top 200 of 2,000 easy generated scans:
/// 1.000 → 0.999; docs/benchmarks.md), which a million resident codes need; truncating frequencies or bands instead
/// lost more, and random ±1 projections much more. Axes are computed with MathNet's symmetric eigen-decomposition
/// of the covariance; the file keeps them as float16 (3 MB), far finer than the int8 codes made from them.
/// </summary>
public sealed class SignatureProjection
{
    public const string DefaultResourceName = "Ballistics.Engine.Corpus.signature-projection.bin";

    private const uint Magic = 0x31505342; // "BSP1"

    private readonly float[] _mean;
    private readonly float[] _axes; // Dimensions rows of InputLength, axis of most variance first

    private SignatureProjection(string options, float[] mean, float[] axes, int dimensions, string id)
    {
        OptionsText = options;
        _mean = mean;
        _axes = axes;
        Dimensions = dimensions;
        Id = id;
    }

    /// <summary>The signature options it was trained for (their printed form).</summary>
    public string OptionsText { get; }

    public int InputLength => _mean.Length;

    public int Dimensions { get; }

    /// <summary>"pca-" and the first 12 hex digits of the file's SHA-256.</summary>
    public string Id { get; }

    public static SignatureProjection LoadDefault()
    {
        using var stream = typeof(SignatureProjection).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The engine was built without its signature projection ({DefaultResourceName}); run `ballistics model signature`.");
        return Load(stream);
    }

    /// <exception cref="InvalidDataException">The stream is not a projection file.</exception>
    public static SignatureProjection Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        try
        {
            using var inflate = new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new BinaryReader(inflate, Encoding.UTF8);
            if (reader.ReadUInt32() != Magic)
            {
                throw new InvalidDataException("not a signature projection");
            }

            var options = reader.ReadString();
            var length = reader.ReadInt32();
            var dimensions = reader.ReadInt32();
            if (length <= 0 || dimensions <= 0 || dimensions > length)
            {
                throw new InvalidDataException($"a projection from {length} to {dimensions} numbers");
            }

            var mean = new float[length];
            for (var i = 0; i < length; i++)
            {
                mean[i] = reader.ReadSingle();
            }

            var axes = new float[checked(length * dimensions)];
            for (var i = 0; i < axes.Length; i++)
            {
                axes[i] = (float)BitConverter.UInt16BitsToHalf(reader.ReadUInt16());
            }

            return new SignatureProjection(options, mean, axes, dimensions, "pca-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"Not a signature projection: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Principal axes of <paramref name="signatures"/> (all of <paramref name="options"/>), written to
    /// <paramref name="output"/>; the same signatures give the same bytes.
    /// </summary>
    public static void Train(IReadOnlyList<float[]> signatures, SignatureOptions options, int dimensions, Stream output)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var length = options.Length;
        if (signatures.Count <= dimensions)
        {
            throw new ArgumentException($"{dimensions} axes need more than {dimensions} signatures; got {signatures.Count}", nameof(signatures));
        }

        if (dimensions % Int8Dot.Block != 0 || dimensions > length)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"a multiple of {Int8Dot.Block} up to {length}");
        }

        var data = Matrix<double>.Build.Dense(signatures.Count, length, (i, j) => signatures[i][j]);
        var mean = data.ColumnSums() / signatures.Count;
        for (var i = 0; i < signatures.Count; i++)
        {
            data.SetRow(i, data.Row(i) - mean);
        }

        var covariance = data.TransposeThisAndMultiply(data) / signatures.Count;
        var eigen = covariance.Evd(Symmetricity.Symmetric);

        // Eigenvalues come in ascending order: the last columns are the axes of most variance. An axis's sign is
        // arbitrary; fixing its largest component positive makes the file independent of the solver's choice.
        using var deflate = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(deflate, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(options.ToString());
        writer.Write(length);
        writer.Write(dimensions);
        foreach (var value in mean)
        {
            writer.Write((float)value);
        }

        for (var d = 0; d < dimensions; d++)
        {
            var axis = eigen.EigenVectors.Column(length - 1 - d);
            var sign = axis[axis.AbsoluteMaximumIndex()] < 0 ? -1 : 1;
            foreach (var value in axis)
            {
                writer.Write(BitConverter.HalfToUInt16Bits((Half)(sign * value)));
            }
        }
    }

    /// <summary>The projected signature, unit length (all zero when the signature lies on the mean).</summary>
    public void Project(ReadOnlySpan<float> signature, Span<float> projected)
    {
        if (signature.Length != InputLength || projected.Length != Dimensions)
        {
            throw new ArgumentException($"this projection takes {InputLength} numbers to {Dimensions}");
        }

        var centred = signature.Length <= 4096 ? stackalloc float[signature.Length] : new float[signature.Length];
        TensorPrimitives.Subtract(signature, _mean, centred);
        for (var d = 0; d < Dimensions; d++)
        {
            projected[d] = TensorPrimitives.Dot(centred, _axes.AsSpan(d * InputLength, InputLength));
        }

        var norm = TensorPrimitives.Norm(projected);
        if (norm > 0)
        {
            TensorPrimitives.Divide(projected, norm, projected);
        }
    }
}
