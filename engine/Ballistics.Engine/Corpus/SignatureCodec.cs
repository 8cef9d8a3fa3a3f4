using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Ballistics.Engine.Corpus;

/// <summary>A stage-1 code: the projected signature in signed bytes and the cosine units one code step is worth.</summary>
public readonly record struct StageOneCode(sbyte[] Code, float Scale)
{
    /// <summary>The code as stored: the scale's four bytes, then the code.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[sizeof(float) + Code.Length];
        BitConverter.TryWriteBytes(bytes, Scale);
        MemoryMarshal.AsBytes(Code.AsSpan()).CopyTo(bytes.AsSpan(sizeof(float)));
        return bytes;
    }

    public static StageOneCode FromBytes(ReadOnlySpan<byte> bytes)
    {
        var code = new sbyte[bytes.Length - sizeof(float)];
        bytes[sizeof(float)..].CopyTo(MemoryMarshal.AsBytes(code.AsSpan()));
        return new StageOneCode(code, BitConverter.ToSingle(bytes));
    }
}

/// <summary>
/// From a scan's float signature to the bytes the stage-1 index scans: projected on the principal axes
/// (<see cref="SignatureProjection"/>), then each component rounded to a signed byte against the vector's own largest
/// magnitude. One float per item turns the integer dot back into a cosine; a single scale for every item instead
/// (clipping at 3–6 standard deviations) ranked mates worse (2,016 raw numbers: 0.9935–0.999 against 0.999).
/// </summary>
public sealed class SignatureCodec
{
    public SignatureCodec(SignatureOptions options, SignatureProjection projection)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Projection = projection ?? throw new ArgumentNullException(nameof(projection));
        if (projection.InputLength != options.Length || projection.OptionsText != options.ToString())
        {
            throw new ArgumentException($"projection {projection.Id} was trained for {projection.OptionsText}, not {options}", nameof(projection));
        }
    }

    private static readonly Lazy<SignatureCodec> Loaded = new(() => new SignatureCodec(SignatureOptions.Default, SignatureProjection.LoadDefault()));

    public static SignatureCodec Default => Loaded.Value;

    public SignatureOptions Options { get; }

    public SignatureProjection Projection { get; }

    public int CodeBytes => Projection.Dimensions;

    /// <summary>Names the signature, projection and coding: a stored code of another version must be recomputed.</summary>
    public string Version => $"{ScanSignature.AlgorithmVersion}+{Projection.Id}+int8";

    public StageOneCode Encode(ReadOnlySpan<float> signature)
    {
        var projected = new float[Projection.Dimensions];
        Projection.Project(signature, projected);
        // MaxMagnitude returns the element itself, sign included.
        var largest = MathF.Abs(TensorPrimitives.MaxMagnitude(projected));
        var code = new sbyte[projected.Length];
        if (!(largest > 0))
        {
            return new StageOneCode(code, 0);
        }

        var toCode = 127 / largest;
        for (var i = 0; i < projected.Length; i++)
        {
            code[i] = (sbyte)Math.Clamp(MathF.Round(projected[i] * toCode), -127, 127);
        }

        return new StageOneCode(code, largest / 127);
    }

    /// <summary>The cosine two codes stand for (tests and diagnostics; the index works on the integer dot).</summary>
    public static float Similarity(StageOneCode a, StageOneCode b) => Int8Dot.Dot(a.Code, b.Code) * a.Scale * b.Scale;
}
