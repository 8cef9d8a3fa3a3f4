using System.Buffers;

namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Removes a plane or quadratic form fitted by iteratively reweighted least squares (Tukey biweight on the
/// residuals): marks, dust and dropouts do not tilt the fit the way they tilt ordinary least squares.
/// </summary>
internal static class RobustLeveller
{
    /// <summary>Fits over the valid points of <paramref name="grid"/> and subtracts the form in place.</summary>
    public static void Apply(HeightGrid grid, LevellingOptions options) => Fit(grid, options).Subtract(grid);

    /// <summary>
    /// The form fitted over the valid points of <paramref name="grid"/>, to be evaluated on any grid of the same size
    /// (e.g. fitted on the primer's breech-face annulus only and subtracted from the whole scan).
    /// </summary>
    public static Form Fit(HeightGrid grid, LevellingOptions options)
    {
        var terms = options.Order == 1 ? 3 : 6;
        var form = new double[6];
        Span<double> normal = stackalloc double[36];
        Span<double> rhs = stackalloc double[6];
        var frame = new Frame((grid.Width - 1) / 2.0, (grid.Height - 1) / 2.0, 2.0 / Math.Max(grid.Width, grid.Height));
        // A form of six coefficients is fixed by far fewer points than a scan holds: beyond MaxFitPoints the fit takes
        // every k-th point in row order, which moves it by much less than the marks it is measured against.
        var stride = Math.Max(1, (int)Math.Ceiling((double)grid.CountValid() / MaxFitPoints));
        var scale = double.PositiveInfinity;
        var robustSigma = double.NaN;
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            Accumulate(grid, frame, stride, form, scale, terms == 6, normal, rhs);
            if (!Solve(normal, rhs, terms, form))
            {
                break;
            }

            robustSigma = 1.4826 * MedianAbsoluteResidual(grid, form, frame);
            scale = 4.685 * robustSigma;
            if (!(scale > 1e-9))
            {
                break;
            }
        }

        return new Form(form, frame, robustSigma);
    }

    /// <summary>A fitted plane or quadratic and the robust spread (1.4826 · MAD, µm) of the residuals it was fitted to.</summary>
    internal sealed class Form
    {
        private readonly double[] _coefficients;
        private readonly Frame _frame;

        internal Form(double[] coefficients, Frame frame, double robustSigmaUm)
        {
            _coefficients = coefficients;
            _frame = frame;
            RobustSigmaUm = robustSigmaUm;
        }

        public double RobustSigmaUm { get; }

        public double At(int x, int y) => Evaluate(_coefficients, _frame.U(x), _frame.V(y));

        /// <summary>Subtracts the form from every valid point of <paramref name="grid"/> (the grid it was fitted on, or one of its size).</summary>
        public void Subtract(HeightGrid grid)
        {
            for (var y = 0; y < grid.Height; y++)
            {
                var row = grid.Row(y);
                var v = _frame.V(y);
                for (var x = 0; x < row.Length; x++)
                {
                    if (float.IsFinite(row[x]))
                    {
                        row[x] -= (float)Evaluate(_coefficients, _frame.U(x), v);
                    }
                }
            }
        }
    }

    /// <summary>Points beyond which the fit subsamples (see <see cref="Apply"/>).</summary>
    private const int MaxFitPoints = 12_000;

    /// <summary>Grid coordinates scaled to about ±1 about the centre: keeps the normal equations well conditioned.</summary>
    internal readonly record struct Frame(double CentreX, double CentreY, double Norm)
    {
        public double U(int x) => (x - CentreX) * Norm;

        public double V(int y) => (y - CentreY) * Norm;
    }

    /// <summary>
    /// Weighted normal equations of the form (upper triangle, 6×6 row-major) from the moments Σw·uᵖvᵠ (p+q ≤ 4) and
    /// Σw·z·uᵖvᵠ (p+q ≤ 2), kept in locals: a basis array and a nested loop per point cost several times as much.
    /// The first pass (infinite scale) is ordinary least squares; later passes weight by Tukey's biweight.
    /// </summary>
    private static void Accumulate(HeightGrid grid, Frame frame, int stride, ReadOnlySpan<double> form, double scale, bool quadratic, Span<double> normal, Span<double> rhs)
    {
        double s00 = 0, s10 = 0, s01 = 0, s20 = 0, s11 = 0, s02 = 0, s30 = 0, s21 = 0, s12 = 0, s03 = 0, s40 = 0, s31 = 0, s22 = 0, s13 = 0, s04 = 0;
        double t00 = 0, t10 = 0, t01 = 0, t20 = 0, t11 = 0, t02 = 0;
        var robust = double.IsFinite(scale);
        var values = grid.Values;
        var width = grid.Width;
        var (c0, c1, c2, c3, c4, c5) = (form[0], form[1], form[2], form[3], form[4], form[5]);
        // Valid points are visited in row order and every stride-th one is taken, wherever the NaN lie.
        var skip = 0;
        for (var i = 0; i < values.Length; i++)
        {
            double z = values[i];
            if (!double.IsFinite(z) || skip-- > 0)
            {
                continue;
            }

            skip = stride - 1;
            var u = frame.U(i % width);
            var v = frame.V(i / width);
            var w = 1.0;
            if (robust)
            {
                // Tukey biweight: residuals beyond the scale get no say at all.
                var r = (z - (c0 + (c1 * u) + (c2 * v) + (((c3 * u) + (c4 * v)) * u) + (c5 * v * v))) / scale;
                if (Math.Abs(r) >= 1)
                {
                    continue;
                }

                w = (1 - (r * r)) * (1 - (r * r));
            }

            var u2 = u * u;
            var uv = u * v;
            var v2 = v * v;
            var wz = w * z;
            s00 += w;
            s10 += w * u;
            s01 += w * v;
            s20 += w * u2;
            s11 += w * uv;
            s02 += w * v2;
            t00 += wz;
            t10 += wz * u;
            t01 += wz * v;
            if (quadratic)
            {
                s30 += w * u2 * u;
                s21 += w * u2 * v;
                s12 += w * u * v2;
                s03 += w * v2 * v;
                s40 += w * u2 * u2;
                s31 += w * u2 * uv;
                s22 += w * u2 * v2;
                s13 += w * uv * v2;
                s04 += w * v2 * v2;
                t20 += wz * u2;
                t11 += wz * uv;
                t02 += wz * v2;
            }
        }

        // Basis 1, u, v, u², uv, v²: entry (i, j) is the moment of the product of basis i and basis j.
        ReadOnlySpan<double> upper =
        [
            s00, s10, s01, s20, s11, s02,
            0, s20, s11, s30, s21, s12,
            0, 0, s02, s21, s12, s03,
            0, 0, 0, s40, s31, s22,
            0, 0, 0, 0, s22, s13,
            0, 0, 0, 0, 0, s04,
        ];
        upper.CopyTo(normal);
        rhs[0] = t00;
        rhs[1] = t10;
        rhs[2] = t01;
        rhs[3] = t20;
        rhs[4] = t11;
        rhs[5] = t02;
    }

    /// <summary>The form at (u, v); coefficients beyond those fitted are zero.</summary>
    private static double Evaluate(ReadOnlySpan<double> c, double u, double v) =>
        c[0] + (c[1] * u) + (c[2] * v) + (((c[3] * u) + (c[4] * v)) * u) + (c[5] * v * v);

    private static double MedianAbsoluteResidual(HeightGrid grid, ReadOnlySpan<double> form, Frame frame)
    {
        // A strided sample is plenty for a scale estimate and keeps this step linear.
        var stride = Math.Max(1, grid.Values.Length / 20_000);
        var residuals = ArrayPool<float>.Shared.Rent((grid.Values.Length / stride) + 1);
        try
        {
            var n = 0;
            for (var i = 0; i < grid.Values.Length; i += stride)
            {
                var z = grid.Values[i];
                if (float.IsFinite(z))
                {
                    residuals[n++] = (float)Math.Abs(z - Evaluate(form, frame.U(i % grid.Width), frame.V(i / grid.Width)));
                }
            }

            return n == 0 ? 0 : Selection.Select(residuals.AsSpan(0, n), n / 2);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(residuals);
        }
    }

    /// <summary>Gaussian elimination with partial pivoting on the symmetric normal equations (upper triangle of a 6×6 row-major block given).</summary>
    private static bool Solve(ReadOnlySpan<double> upper, ReadOnlySpan<double> rhs, int n, Span<double> solution)
    {
        var a = new double[n, n + 1];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = j >= i ? upper[(i * 6) + j] : upper[(j * 6) + i];
            }

            a[i, n] = rhs[i];
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                return false;
            }

            for (var j = 0; j <= n; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                for (var j = col; j <= n; j++)
                {
                    a[r, j] -= f * a[col, j];
                }
            }
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var sum = a[i, n];
            for (var j = i + 1; j < n; j++)
            {
                sum -= a[i, j] * solution[j];
            }

            solution[i] = sum / a[i, i];
        }

        return true;
    }
}
