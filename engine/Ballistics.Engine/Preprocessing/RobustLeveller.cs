namespace Ballistics.Engine.Preprocessing;

/// <summary>
/// Removes a plane or quadratic form fitted by iteratively reweighted least squares (Tukey biweight on the
/// residuals): marks, dust and dropouts do not tilt the fit the way they tilt ordinary least squares.
/// </summary>
internal static class RobustLeveller
{
    /// <summary>Fits over the valid points of <paramref name="grid"/> and subtracts the form in place.</summary>
    public static void Apply(HeightGrid grid, LevellingOptions options)
    {
        var terms = options.Order == 1 ? 3 : 6;
        Span<double> coefficients = stackalloc double[6];
        Span<double> basis = stackalloc double[6];
        var normal = new double[terms, terms];
        var rhs = new double[terms];
        var scale = double.PositiveInfinity;
        var cx = (grid.Width - 1) / 2.0;
        var cy = (grid.Height - 1) / 2.0;
        // Coordinates scaled to about ±1 keep the normal equations well conditioned.
        var norm = 2.0 / Math.Max(grid.Width, grid.Height);
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            Array.Clear(normal);
            Array.Clear(rhs);
            for (var y = 0; y < grid.Height; y++)
            {
                var row = grid.Row(y);
                var v = (y - cy) * norm;
                for (var x = 0; x < grid.Width; x++)
                {
                    var z = row[x];
                    if (!float.IsFinite(z))
                    {
                        continue;
                    }

                    var u = (x - cx) * norm;
                    Basis(u, v, basis);
                    var weight = 1.0;
                    if (iteration > 0)
                    {
                        var r = (z - Evaluate(coefficients, basis, terms)) / scale;
                        weight = Math.Abs(r) >= 1 ? 0 : (1 - (r * r)) * (1 - (r * r));
                        if (weight == 0)
                        {
                            continue;
                        }
                    }

                    for (var i = 0; i < terms; i++)
                    {
                        rhs[i] += weight * basis[i] * z;
                        for (var j = i; j < terms; j++)
                        {
                            normal[i, j] += weight * basis[i] * basis[j];
                        }
                    }
                }
            }

            if (!Solve(normal, rhs, terms, coefficients))
            {
                break;
            }

            scale = 4.685 * 1.4826 * MedianAbsoluteResidual(grid, coefficients, terms, cx, cy, norm);
            if (!(scale > 1e-9))
            {
                break;
            }
        }

        for (var y = 0; y < grid.Height; y++)
        {
            var row = grid.Row(y);
            var v = (y - cy) * norm;
            for (var x = 0; x < grid.Width; x++)
            {
                if (float.IsFinite(row[x]))
                {
                    Basis((x - cx) * norm, v, basis);
                    row[x] -= (float)Evaluate(coefficients, basis, terms);
                }
            }
        }
    }

    private static void Basis(double u, double v, Span<double> basis)
    {
        basis[0] = 1;
        basis[1] = u;
        basis[2] = v;
        basis[3] = u * u;
        basis[4] = u * v;
        basis[5] = v * v;
    }

    private static double Evaluate(ReadOnlySpan<double> c, ReadOnlySpan<double> basis, int terms)
    {
        var sum = 0.0;
        for (var i = 0; i < terms; i++)
        {
            sum += c[i] * basis[i];
        }

        return sum;
    }

    private static double MedianAbsoluteResidual(HeightGrid grid, ReadOnlySpan<double> c, int terms, double cx, double cy, double norm)
    {
        // A strided sample is plenty for a scale estimate and keeps this step linear.
        var stride = Math.Max(1, grid.Values.Length / 20_000);
        var residuals = new List<double>();
        Span<double> basis = stackalloc double[6];
        for (var i = 0; i < grid.Values.Length; i += stride)
        {
            var z = grid.Values[i];
            if (float.IsFinite(z))
            {
                Basis(((i % grid.Width) - cx) * norm, ((i / grid.Width) - cy) * norm, basis);
                residuals.Add(Math.Abs(z - Evaluate(c, basis, terms)));
            }
        }

        if (residuals.Count == 0)
        {
            return 0;
        }

        residuals.Sort();
        return residuals[residuals.Count / 2];
    }

    /// <summary>Cholesky-free Gaussian elimination with partial pivoting on the symmetric normal equations (upper triangle given).</summary>
    private static bool Solve(double[,] upper, double[] rhs, int n, Span<double> solution)
    {
        var a = new double[n, n + 1];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = j >= i ? upper[i, j] : upper[j, i];
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
