namespace Ballistics.Samples;

/// <summary>
/// How much of the firing pin's own marks (<see cref="FiringPinMarks"/>) one firing records: the tip's texture on the
/// crater floor, the drag's striae, and the hole's shear striae (0 when this firing's flowback was not sheared).
/// </summary>
internal readonly record struct PinMarkTransfer(double Tip, double Drag, double Shear, double ShearDirectionJitterRad)
{
    /// <summary>Share of firings that shear the flowback in a firearm whose hole shears at all.</summary>
    private const double ShearChance = 0.85;

    public static PinMarkTransfer Draw(Random rng, bool firearmShears) =>
        new(
            rng.Uniform(0.55, 1),
            rng.Uniform(0.5, 1),
            firearmShears && rng.Chance(ShearChance) ? rng.Uniform(0.5, 1) : 0,
            rng.Gaussian() * Math.PI / 180);
}
