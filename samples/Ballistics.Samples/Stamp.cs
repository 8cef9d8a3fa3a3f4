namespace Ballistics.Samples;

/// <summary>
/// Cuts small features into a height map on a <see cref="GunGrid"/>. Cuts remove material, so where features
/// overlap the surface keeps the deeper one.
/// </summary>
internal static class Stamp
{
    /// <summary>A parabolic dish (pit, grit impact) of the given radius and depth centred at (cx, cy) µm.</summary>
    public static void Dish(float[] heights, GunGrid grid, double cxUm, double cyUm, double radiusUm, double depthUm)
    {
        var c = grid.CentreIndex;
        var i0 = Math.Max(0, (int)Math.Floor(((cxUm - radiusUm) / grid.StepUm) + c));
        var i1 = Math.Min(grid.Size - 1, (int)Math.Ceiling(((cxUm + radiusUm) / grid.StepUm) + c));
        var j0 = Math.Max(0, (int)Math.Floor(((cyUm - radiusUm) / grid.StepUm) + c));
        var j1 = Math.Min(grid.Size - 1, (int)Math.Ceiling(((cyUm + radiusUm) / grid.StepUm) + c));
        var inverseSquare = 1.0 / (radiusUm * radiusUm);
        for (var j = j0; j <= j1; j++)
        {
            var dy = grid.ToUm(j) - cyUm;
            var row = j * grid.Size;
            for (var i = i0; i <= i1; i++)
            {
                var dx = grid.ToUm(i) - cxUm;
                var q = ((dx * dx) + (dy * dy)) * inverseSquare;
                if (q < 1)
                {
                    var cut = (float)(-depthUm * (1 - q));
                    if (cut < heights[row + i])
                    {
                        heights[row + i] = cut;
                    }
                }
            }
        }
    }

    /// <summary>A straight scratch of parabolic cross-section from (x0, y0) to (x1, y1) µm.</summary>
    public static void Scratch(float[] heights, GunGrid grid, double x0Um, double y0Um, double x1Um, double y1Um, double halfWidthUm, double depthUm)
    {
        var c = grid.CentreIndex;
        var i0 = Math.Max(0, (int)Math.Floor(((Math.Min(x0Um, x1Um) - halfWidthUm) / grid.StepUm) + c));
        var i1 = Math.Min(grid.Size - 1, (int)Math.Ceiling(((Math.Max(x0Um, x1Um) + halfWidthUm) / grid.StepUm) + c));
        var j0 = Math.Max(0, (int)Math.Floor(((Math.Min(y0Um, y1Um) - halfWidthUm) / grid.StepUm) + c));
        var j1 = Math.Min(grid.Size - 1, (int)Math.Ceiling(((Math.Max(y0Um, y1Um) + halfWidthUm) / grid.StepUm) + c));
        var ex = x1Um - x0Um;
        var ey = y1Um - y0Um;
        var lengthSquare = Math.Max((ex * ex) + (ey * ey), 1e-9);
        var inverseSquare = 1.0 / (halfWidthUm * halfWidthUm);
        for (var j = j0; j <= j1; j++)
        {
            var py = grid.ToUm(j) - y0Um;
            var row = j * grid.Size;
            for (var i = i0; i <= i1; i++)
            {
                var px = grid.ToUm(i) - x0Um;
                var along = Math.Clamp(((px * ex) + (py * ey)) / lengthSquare, 0, 1);
                var dx = px - (along * ex);
                var dy = py - (along * ey);
                var q = ((dx * dx) + (dy * dy)) * inverseSquare;
                if (q < 1)
                {
                    var cut = (float)(-depthUm * (1 - q));
                    if (cut < heights[row + i])
                    {
                        heights[row + i] = cut;
                    }
                }
            }
        }
    }
}
