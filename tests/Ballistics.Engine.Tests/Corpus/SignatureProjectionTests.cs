using Ballistics.Engine.Corpus;

namespace Ballistics.Engine.Tests.Corpus;

[TestFixture]
public sealed class SignatureProjectionTests
{
    // Small options: 2 bands, 16 frequencies, one neighbour → 3 band pairs × 16 × 2 = 96 numbers.
    private static readonly SignatureOptions Small = SignatureOptions.Default with { Bands = 2, NeighbourBands = 1 };

    /// <summary>Points spread mostly along the first <paramref name="strong"/> coordinates, a little along the rest.</summary>
    private static List<float[]> Cloud(int count, int strong, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, Small.Length).Select(j => (float)((j < strong ? 1.0 : 0.05) * ((random.NextDouble() * 2) - 1))).ToArray())];
    }

    [Test]
    public void Train_CloudAlongKnownAxes_ProjectionKeepsThem()
    {
        var cloud = Cloud(400, 32, seed: 1);
        using var buffer = new MemoryStream();
        SignatureProjection.Train(cloud, Small, 32, buffer);
        buffer.Position = 0;
        var projection = SignatureProjection.Load(buffer);

        // A point inside the strong subspace keeps its length there: projected, then compared in the full space, the
        // cosine between two such points survives.
        var a = new float[Small.Length];
        var b = new float[Small.Length];
        a[0] = 1;
        a[5] = 0.5f;
        b[0] = 0.5f;
        b[5] = 1;
        var pa = new float[32];
        var pb = new float[32];
        projection.Project(a, pa);
        projection.Project(b, pb);
        var original = ((1 * 0.5) + (0.5 * 1)) / (Math.Sqrt(1.25) * Math.Sqrt(1.25));

        Assert.That(projection.Dimensions, Is.EqualTo(32));
        Assert.That(projection.InputLength, Is.EqualTo(Small.Length));
        Assert.That(System.Numerics.Tensors.TensorPrimitives.Dot(pa, pb), Is.EqualTo(original).Within(0.05));
    }

    [Test]
    public void Train_SameSignatures_SameBytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        SignatureProjection.Train(Cloud(200, 10, seed: 2), Small, 32, first);
        SignatureProjection.Train(Cloud(200, 10, seed: 2), Small, 32, second);

        Assert.That(second.ToArray(), Is.EqualTo(first.ToArray()));
    }

    [Test]
    public void Load_NotAProjection_InvalidData()
    {
        Assert.That(() => SignatureProjection.Load(new MemoryStream([1, 2, 3, 4, 5])), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void LoadDefault_MatchesDefaultOptions()
    {
        var projection = SignatureProjection.LoadDefault();

        Assert.That(projection.InputLength, Is.EqualTo(SignatureOptions.Default.Length));
        Assert.That(projection.OptionsText, Is.EqualTo(SignatureOptions.Default.ToString()));
        Assert.That(projection.Id, Does.Match("^pca-[0-9a-f]{12}$"));
    }
}
