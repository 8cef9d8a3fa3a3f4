using Ballistics.Engine.Comparison;

namespace Ballistics.Engine.Tests.Comparison;

[TestFixture]
public sealed class SectorCorrelationTests
{
    [Test]
    public void Measure_ImageAgainstItself_EverySectorOneAndEveryPointCounted()
    {
        const int Size = 64;
        using var a = MaskedImage.FromHeights(TestSurfaces.Relief(Size, Size, seed: 3, holeFraction: 0.1), Size, Size);
        var sectors = new SectorCorrelation.Sector[SectorCorrelation.Sectors];

        var used = SectorCorrelation.Measure(a, a, 0, SectorCorrelation.Map(Size, Size, ((Size - 1) / 2.0, (Size - 1) / 2.0)), sectors);

        Assert.That(used, Is.EqualTo(SectorCorrelation.Sectors));
        Assert.That(sectors.Select(s => s.Ncc), Has.All.EqualTo(1).Within(1e-6));
        Assert.That(sectors.Sum(s => s.Points), Is.EqualTo(a.ValidCount));
    }

    [Test]
    public void Measure_LeftHalfNegatedOnALargerCanvas_LeftSectorsMinusOneRightSectorsOne()
    {
        const int Size = 64;
        const int Offset = 5;
        var heights = TestSurfaces.Relief(Size, Size, seed: 4, holeFraction: 0);
        using var a = MaskedImage.FromHeights(heights, Size, Size);
        var canvas = new float[(Size + (2 * Offset)) * (Size + (2 * Offset))];
        Array.Fill(canvas, float.NaN);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var value = heights[(y * Size) + x];
                canvas[((y + Offset) * (Size + (2 * Offset))) + x + Offset] = x < Size / 2 ? -value : value;
            }
        }

        using var b = MaskedImage.FromHeights(canvas, Size + (2 * Offset), Size + (2 * Offset));
        var sectors = new SectorCorrelation.Sector[SectorCorrelation.Sectors];

        // The axis on the boundary between the halves: six sectors lie wholly left, six wholly right.
        var used = SectorCorrelation.Measure(a, b, Offset, SectorCorrelation.Map(Size, Size, ((Size / 2) - 0.5, (Size - 1) / 2.0)), sectors);

        Assert.That(used, Is.EqualTo(SectorCorrelation.Sectors));
        Assert.That(sectors.Count(s => s.Ncc > 0.999), Is.EqualTo(6));
        Assert.That(sectors.Count(s => s.Ncc < -0.999), Is.EqualTo(6));
    }
}
