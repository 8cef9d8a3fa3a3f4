namespace Ballistics.Samples;

/// <summary>
/// How a brand's primer takes marks. A soft primer flows further into the breech face: it copies more of it
/// (transfer), keeps finer detail (less smoothing), fills deeper valleys and takes a deeper firing-pin strike.
/// </summary>
public sealed record AmmunitionBrand
{
    public required string Name { get; init; }

    /// <summary>Fraction of the breech-face relief copied where there is full contact.</summary>
    public required double Transfer { get; init; }

    /// <summary>Gaussian sigma of the detail lost because primer metal cannot follow fine features.</summary>
    public required double SmoothingUm { get; init; }

    /// <summary>Root mean square of the primer's own surface, not from the gun.</summary>
    public required double RoughnessUm { get; init; }

    /// <summary>How far below the breech face's mean plane the primer still flows into valleys.</summary>
    public required double ContactFloorUm { get; init; }

    public required double CraterDepthMinUm { get; init; }

    public required double CraterDepthMaxUm { get; init; }

    /// <summary>Height of primer metal pushed back into the firing-pin hole.</summary>
    public required double FlowbackUm { get; init; }

    /// <summary>Multiplies the firearm's chance of a drag mark: hotter loads unlock earlier.</summary>
    public required double DragFactor { get; init; }
}
