using Ballistics.Engine.Comparison;
using OpenCvSharp;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class DirectNccTests
{
    /// <summary>The moving image at (x, y) holds the fixed image at (x − dx, y − dy): fixed(x) ↔ moving(x + (dx, dy)).</summary>
    private static float[] Shifted(float[] source, int width, int height, int dx, int dy, int seed, double holeFraction)
    {
        var rng = new Random(seed);
        var result = new float[source.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var sx = x - dx;
                var sy = y - dy;
                var inside = sx >= 0 && sx < width && sy >= 0 && sy < height;
                result[(y * width) + x] = inside && rng.NextDouble() >= holeFraction ? source[(sy * width) + sx] + (float)(0.05 * ((rng.NextDouble() * 2) - 1)) : float.NaN;
            }
        }

        return result;
    }

    private static NccPeak Direct(MaskedImage fixedImage, Rect window, MaskedImage moving, int originX, int originY, int shift, int minOverlap, bool vectors)
    {
        using var buffers = new NccMovingBuffers();
        var m = buffers.Load(moving);
        return DirectNcc.FindPeak(NccPlanes.Of(fixedImage), window, m, originX, originY, shift, shift, minOverlap, vectors);
    }

    /// <summary>Pearson correlation over the common valid points, in doubles, one shift at a time: the definition itself.</summary>
    private static (double Ncc, int Dx, int Dy) Reference(MaskedImage fixedImage, Rect window, MaskedImage moving, int originX, int originY, int shift, int minOverlap)
    {
        var fv = fixedImage.Values.AsSpan<float>().ToArray();
        var fm = fixedImage.Mask.AsSpan<float>().ToArray();
        var mv = moving.Values.AsSpan<float>().ToArray();
        var mm = moving.Mask.AsSpan<float>().ToArray();
        var best = (Ncc: -2.0, Dx: 0, Dy: 0);
        for (var dy = -shift; dy <= shift; dy++)
        {
            for (var dx = -shift; dx <= shift; dx++)
            {
                double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (var y = 0; y < window.Height; y++)
                {
                    for (var x = 0; x < window.Width; x++)
                    {
                        var fi = ((window.Y + y) * fixedImage.Width) + window.X + x;
                        var mx = x + originX + dx;
                        var my = y + originY + dy;
                        if (fm[fi] == 0 || mx < 0 || my < 0 || mx >= moving.Width || my >= moving.Height || mm[(my * moving.Width) + mx] == 0)
                        {
                            continue;
                        }

                        double a = fv[fi], b = mv[(my * moving.Width) + mx];
                        n++;
                        sa += a;
                        sb += b;
                        saa += a * a;
                        sbb += b * b;
                        sab += a * b;
                    }
                }

                if (n < minOverlap)
                {
                    continue;
                }

                var ncc = (sab - (sa * sb / n)) / Math.Sqrt((saa - (sa * sa / n)) * (sbb - (sb * sb / n)));
                if (ncc > best.Ncc)
                {
                    best = (ncc, dx, dy);
                }
            }
        }

        return best;
    }

    [TestCase(true, 10)]
    [TestCase(false, 10)]
    [TestCase(true, 6)]
    [TestCase(true, 4)]
    public void FindPeak_NoisyShiftedCopyWithHoles_MatchesDefinition(bool vectors, int shift)
    {
        // Odd sizes and shift windows of 21 (three vector chunks, five spare lanes), 13 (two) and 9 (two, seven spare),
        // template runs of any length (odd tails), and template columns whose lanes run off both sides of the moving
        // image (the scalar edge path).
        const int Width = 67;
        const int Height = 59;
        var a = TestSurfaces.Relief(Width, Height, seed: 11, holeFraction: 0.1);
        var b = Shifted(a, Width, Height, dx: 4, dy: -3, seed: 12, holeFraction: 0.1);
        using var fixedImage = MaskedImage.FromHeights(a, Width, Height);
        using var moving = MaskedImage.FromHeights(b, Width, Height);
        var window = new Rect(3, 5, 37, 29);

        var expected = Reference(fixedImage, window, moving, window.X, window.Y, shift, 200);
        var peak = Direct(fixedImage, window, moving, window.X, window.Y, shift, 200, vectors);

        Assert.That(peak.Found, Is.True);
        Assert.That(peak.ShiftX, Is.EqualTo(expected.Dx));
        Assert.That(peak.ShiftY, Is.EqualTo(expected.Dy));
        Assert.That(peak.ShiftX, Is.EqualTo(4));
        Assert.That(peak.ShiftY, Is.EqualTo(-3));
        Assert.That(peak.Ncc, Is.EqualTo(expected.Ncc).Within(1e-5));
    }

    [TestCase(0.0, 10)]
    [TestCase(0.02, 10)]
    [TestCase(0.02, 3)]
    [TestCase(0.06, 7)]
    public void FindPeak_FewGapsInsideTheMovingImage_MatchesDefinition(double holeFraction, int shift)
    {
        // The template sits well inside the moving image with few gaps: the gap-corrected path.
        const int Width = 90;
        const int Height = 84;
        var a = TestSurfaces.Relief(Width, Height, seed: 51, holeFraction: holeFraction);
        var b = Shifted(a, Width, Height, dx: -3, dy: 2, seed: 52, holeFraction: holeFraction);
        using var fixedImage = MaskedImage.FromHeights(a, Width, Height);
        using var moving = MaskedImage.FromHeights(b, Width, Height);
        var window = new Rect(25, 22, 41, 39);

        var expected = Reference(fixedImage, window, moving, window.X, window.Y, shift, 300);
        var vector = Direct(fixedImage, window, moving, window.X, window.Y, shift, 300, vectors: true);
        var scalar = Direct(fixedImage, window, moving, window.X, window.Y, shift, 300, vectors: false);

        Assert.That(vector.ShiftX, Is.EqualTo(expected.Dx).And.EqualTo(-3));
        Assert.That(vector.ShiftY, Is.EqualTo(expected.Dy).And.EqualTo(2));
        Assert.That(vector.Ncc, Is.EqualTo(expected.Ncc).Within(1e-5));
        Assert.That(vector.Ncc, Is.EqualTo(scalar.Ncc).Within(1e-6));
        Assert.That(vector.SubPixelX, Is.EqualTo(scalar.SubPixelX).Within(1e-4));
        Assert.That(vector.Overlap, Is.EqualTo(scalar.Overlap));
    }

    [Test]
    public void FindPeak_ScalarAndVectorPaths_Agree()
    {
        const int Width = 53;
        const int Height = 47;
        var a = TestSurfaces.Relief(Width, Height, seed: 21, holeFraction: 0.2);
        var b = TestSurfaces.Relief(Width, Height, seed: 22, holeFraction: 0.2);
        using var fixedImage = MaskedImage.FromHeights(a, Width, Height);
        using var moving = MaskedImage.FromHeights(b, Width, Height);
        // A window reaching the moving image's far edge, so lanes fall outside it for some shifts.
        var window = new Rect(9, 7, 41, 33);

        for (var shift = 1; shift <= 12; shift += 5)
        {
            var vector = Direct(fixedImage, window, moving, window.X + 2, window.Y + 1, shift, 50, vectors: true);
            var scalar = Direct(fixedImage, window, moving, window.X + 2, window.Y + 1, shift, 50, vectors: false);
            Assert.That(vector.ShiftX, Is.EqualTo(scalar.ShiftX), $"shift window ±{shift}");
            Assert.That(vector.ShiftY, Is.EqualTo(scalar.ShiftY), $"shift window ±{shift}");
            Assert.That(vector.Ncc, Is.EqualTo(scalar.Ncc).Within(1e-6), $"shift window ±{shift}");
            Assert.That(vector.SubPixelX, Is.EqualTo(scalar.SubPixelX).Within(1e-4), $"shift window ±{shift}");
            Assert.That(vector.Overlap, Is.EqualTo(scalar.Overlap), $"shift window ±{shift}");
        }
    }

    [Test]
    public void FindPeak_AgreesWithFftMaskedNcc()
    {
        const int Width = 48;
        const int Height = 40;
        var a = TestSurfaces.Relief(Width, Height, seed: 31, holeFraction: 0.15);
        var b = Shifted(a, Width, Height, dx: -2, dy: 5, seed: 32, holeFraction: 0.15);
        using var fixedImage = MaskedImage.FromHeights(a, Width, Height);
        using var moving = MaskedImage.FromHeights(b, Width, Height);
        var whole = new Rect(0, 0, Width, Height);

        var fftSize = MaskedNcc.SizeFor(whole.Size, 8, 8);
        using var ncc = new MaskedNcc(fftSize);
        using var fixedSpectra = new MaskedSpectra(fftSize);
        using var movingSpectra = new MaskedSpectra(fftSize);
        ncc.Transform(fixedImage, whole, fixedSpectra);
        ncc.Transform(moving, whole, movingSpectra);
        var fft = ncc.FindPeak(fixedSpectra, movingSpectra, default, 6, 6, 300);
        var direct = Direct(fixedImage, whole, moving, 0, 0, 6, 300, vectors: true);

        Assert.That(direct.ShiftX, Is.EqualTo(fft.ShiftX));
        Assert.That(direct.ShiftY, Is.EqualTo(fft.ShiftY));
        Assert.That(direct.Ncc, Is.EqualTo(fft.Ncc).Within(1e-3));
        Assert.That(direct.Overlap, Is.EqualTo(fft.Overlap));
    }

    [Test]
    public void FindPeak_NoShiftWithEnoughOverlap_ReturnsNone()
    {
        var a = TestSurfaces.Relief(20, 20, seed: 41, holeFraction: 0);
        using var fixedImage = MaskedImage.FromHeights(a, 20, 20);
        using var moving = MaskedImage.FromHeights(a, 20, 20);

        var peak = Direct(fixedImage, new Rect(0, 0, 20, 20), moving, 0, 0, 3, 401, vectors: true);

        Assert.That(peak.Found, Is.False);
    }
}
