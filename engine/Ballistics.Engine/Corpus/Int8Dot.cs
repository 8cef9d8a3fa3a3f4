using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Ballistics.Engine.Corpus;

/// <summary>
/// Dot products of signed 8-bit codes, the stage-1 scan's only arithmetic. Hand-written because TensorPrimitives has
/// no widening integer dot (its generic Dot on sbyte sums in sbyte and overflows) and converting a million codes to
/// float would cost four times the memory traffic the scan is bounded by (<c>SignatureScanBenchmarks</c> compares
/// them). AVX2's multiply-add of unsigned by signed bytes takes |q| once per query and sign(c, q) per code, so each
/// 32 bytes of code cost one load, one sign, two multiply-adds and one add. Codes lie in [−127, 127]: the pairwise
/// int16 sums stay below 2·127² and cannot saturate.
/// </summary>
internal static class Int8Dot
{
    /// <summary>Bytes per vector step; code lengths are padded to a multiple of it.</summary>
    public const int Block = 32;

    /// <summary>Σ q·c over the whole spans (equal lengths, a multiple of <see cref="Block"/> on the vector path).</summary>
    public static int Dot(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> code, bool useVectors = true)
    {
        // The vector path reads the code unchecked as far as the query reaches.
        if (code.Length != query.Length)
        {
            throw new ArgumentException($"code of {code.Length} bytes for a query of {query.Length}", nameof(code));
        }

        if (useVectors && Avx2.IsSupported && query.Length % Block == 0)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var c = ref MemoryMarshal.GetReference(code);
            var ones = Vector256.Create((short)1);
            var sum = Vector256<int>.Zero;
            for (var i = 0; i < query.Length; i += Block)
            {
                var qv = Vector256.LoadUnsafe(ref q, (nuint)i);
                var cv = Vector256.LoadUnsafe(ref c, (nuint)i);
                var pairs = Avx2.MultiplyAddAdjacent(Avx2.Abs(qv), Avx2.Sign(cv, qv));
                sum = Avx2.Add(sum, Avx2.MultiplyAddAdjacent(pairs, ones));
            }

            return Vector256.Sum(sum);
        }

        var total = 0;
        for (var i = 0; i < query.Length; i++)
        {
            total += query[i] * code[i];
        }

        return total;
    }
}
