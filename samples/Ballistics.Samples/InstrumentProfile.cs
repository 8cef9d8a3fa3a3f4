using Ballistics.Engine.Surfaces;

namespace Ballistics.Samples;

/// <summary>
/// A kind of 3D microscope as far as the scan shows it: its lateral step, its noise, and the steepest slope
/// it still measures (steeper walls come back as missing points).
/// </summary>
internal sealed record InstrumentProfile(string Manufacturer, string Model, double MinStepUm, double MaxStepUm, double NoiseUm, double MaxSlopeDeg)
{
    public static IReadOnlyList<InstrumentProfile> All { get; } =
    [
        new("Cadre Forensics", "TopMatch-3D HC", 6.0, 6.6, 0.04, 40),
        new("Sensofar", "S neox 090", 6.0, 6.8, 0.03, 45),
        new("Alicona", "InfiniteFocus G5", 6.8, 7.5, 0.08, 60),
        new("Leica", "DCM8", 6.4, 7.2, 0.05, 42),
        new("Keyence", "VK-X1100", 6.0, 7.0, 0.06, 38),
    ];

    /// <summary>One serial per instrument and seed: a corpus looks like the work of one lab's machines.</summary>
    public InstrumentInfo Describe(int seed)
    {
        var serial = StableHash.Hash(seed, RandomStream.Instrument, StableHash.Of(Manufacturer), StableHash.Of(Model)) % 1_000_000;
        return new InstrumentInfo(Manufacturer, Model, $"SYN-{serial:D6}", "synthetic");
    }
}
