namespace Ballistics.Samples;

/// <summary>Independent random streams of the generator; each step draws from its own so that changing one step leaves the others' draws alone.</summary>
internal enum RandomStream
{
    ManufacturingPlan = 1,
    GroupMakeModel = 2,
    ClassPattern = 3,
    SubclassPattern = 4,
    IndividualPattern = 5,
    FirearmTraits = 6,
    AmmunitionChoice = 7,
    FiringPose = 8,
    FiringAmmunition = 9,
    FiringGeometry = 10,
    PrimerRoughness = 11,
    InstrumentNoise = 12,
    Dropouts = 13,
    Instrument = 14,
    Date = 15,
    Records = 16,
    ElasticWarp = 17,
    Conditions = 18,
    FiringPinMarks = 19,
    FiringPinTransfer = 20,
    Photograph = 21,
    ConditionRanges = 22,
    PhotographRanges = 23,
}

/// <summary>
/// Seeds derived from (seed, stream, indexes) by SplitMix64 mixing. string.GetHashCode is randomised per
/// process, so it would break the promise that a seed reproduces a corpus byte for byte.
/// </summary>
internal static class StableHash
{
    public static ulong Hash(int seed, RandomStream stream, int a = 0, int b = 0, int c = 0)
    {
        var h = Mix(0x243F6A8885A308D3UL ^ (uint)seed);
        h = Mix(h ^ (ulong)(uint)stream);
        h = Mix(h ^ (uint)a);
        h = Mix(h ^ (uint)b);
        return Mix(h ^ (uint)c);
    }

    public static int Seed(int seed, RandomStream stream, int a = 0, int b = 0, int c = 0)
    {
        var h = Hash(seed, stream, a, b, c);
        return (int)(uint)(h ^ (h >> 32));
    }

    public static Random Random(int seed, RandomStream stream, int a = 0, int b = 0, int c = 0) =>
        new(Seed(seed, stream, a, b, c));

    /// <summary>FNV-1a over UTF-16 code units: stable across processes and runtimes.</summary>
    public static int Of(string text)
    {
        var h = 2166136261u;
        foreach (var ch in text)
        {
            h = (h ^ ch) * 16777619u;
        }

        return (int)h;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
