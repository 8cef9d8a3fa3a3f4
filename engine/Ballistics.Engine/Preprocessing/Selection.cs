using System.Buffers;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Order statistics without a full sort: quickselect in O(n) on a pooled copy. Medians and quantiles are taken
/// several times per scan (outlier scale, height range, levelling scale); sorting each time cost more than the
/// filters themselves.
/// </summary>
internal static class Selection
{
    /// <summary>
    /// The q-quantile (0…1) of the finite values of <paramref name="values"/>: the element of rank round(q·(n−1)),
    /// exactly what a sort would give; NaN when none is finite.
    /// </summary>
    public static float Quantile(ReadOnlySpan<float> values, double q)
    {
        var buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, values.Length));
        try
        {
            var n = 0;
            foreach (var v in values)
            {
                if (float.IsFinite(v))
                {
                    buffer[n++] = v;
                }
            }

            return n == 0 ? float.NaN : Select(buffer.AsSpan(0, n), Rank(q, n));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>Rank of the q-quantile among <paramref name="count"/> sorted values.</summary>
    public static int Rank(double q, int count) => (int)Math.Clamp(Math.Round(q * (count - 1)), 0, count - 1);

    /// <summary>The k-th smallest (0-based) of <paramref name="values"/>, which it reorders. Values must be finite.</summary>
    public static float Select(Span<float> values, int k)
    {
        var lo = 0;
        var hi = values.Length - 1;
        while (hi > lo)
        {
            // Median of three as pivot: sorted or constant runs, common in height maps, stay linear.
            var mid = lo + ((hi - lo) / 2);
            if (values[mid] < values[lo])
            {
                (values[mid], values[lo]) = (values[lo], values[mid]);
            }

            if (values[hi] < values[lo])
            {
                (values[hi], values[lo]) = (values[lo], values[hi]);
            }

            if (values[hi] < values[mid])
            {
                (values[hi], values[mid]) = (values[mid], values[hi]);
            }

            var pivot = values[mid];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }
}
