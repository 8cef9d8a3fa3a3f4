namespace Ballistics.Samples;

/// <summary>How the fired case sits under the microscope: rotation is uniform over the full circle.</summary>
internal sealed record PoseOptions
{
    /// <summary>Distance of the firing-pin axis from the scan centre.</summary>
    public double MinTranslationUm { get; init; } = 10;

    public double MaxTranslationUm { get; init; } = 110;

    /// <summary>How far the primer centre sits from the firing-pin axis (headspace play, off-centre strikes).</summary>
    public required double MaxPrimerOffsetUm { get; init; }

    /// <summary>Per-shot wander of the firing pin in its hole (standard deviation per axis).</summary>
    public double FiringPinPlayUm { get; init; } = 5;

    /// <summary>Tilt of the case head against the instrument's axis.</summary>
    public required double MaxTiltDeg { get; init; }
}

/// <summary>How the breech face transfers to the primer on one shot.</summary>
internal sealed record ContactOptions
{
    /// <summary>Multiplies every brand's transfer.</summary>
    public required double TransferScale { get; init; }

    /// <summary>Relative round-to-round spread of a brand's primer properties (lots differ, primers differ).</summary>
    public required double AmmunitionJitter { get; init; }

    /// <summary>Chance that a sector of the primer barely touches the breech face (the case sat tilted).</summary>
    public required double PartialContactProbability { get; init; }

    public required double MinSectorHalfWidthDeg { get; init; }

    public required double MaxSectorHalfWidthDeg { get; init; }

    /// <summary>Transfer left inside the weak sector, as a fraction of full contact.</summary>
    public required double MinSectorResidual { get; init; }

    public required double MaxSectorResidual { get; init; }

    /// <summary>Slow variation of contact around the primer (pressure is never perfectly even).</summary>
    public required double ContactVariation { get; init; }

    /// <summary>Softness of the contact floor: how gradually the primer stops filling deeper valleys.</summary>
    public double ContactSoftnessUm { get; init; } = 0.35;
}

/// <summary>Shape of a 9 mm Luger small pistol primer in its pocket, and of the case head around it.</summary>
internal sealed record PrimerGeometryOptions
{
    public double PrimerRadiusUm { get; init; } = 2_225;

    public double PrimerRadiusSpreadUm { get; init; } = 10;

    /// <summary>Radius of the rounded rim of the primer cup.</summary>
    public double EdgeRoundingUm { get; init; } = 60;

    public double MinPocketGapUm { get; init; } = 25;

    public double MaxPocketGapUm { get; init; } = 50;

    /// <summary>How deep the clearance between primer and pocket looks to the instrument.</summary>
    public double PocketDepthUm { get; init; } = 60;

    /// <summary>Case head below the fired primer (the primer backs out and is flattened on the breech face).</summary>
    public double MinCaseHeadDropUm { get; init; } = 20;

    public double MaxCaseHeadDropUm { get; init; } = 80;

    /// <summary>Amplitude of the lathe marks on the brass case head.</summary>
    public double CaseHeadTurningUm { get; init; } = 0.25;

    /// <summary>Dome (or cup) of the primer face over its radius; the sign is drawn per shot.</summary>
    public required double MinDomeSagUm { get; init; }

    public required double MaxDomeSagUm { get; init; }

    /// <summary>Length of a drag mark beyond the crater rim.</summary>
    public double MinDragLengthUm { get; init; } = 200;

    public double MaxDragLengthUm { get; init; } = 600;
}

/// <summary>What the instrument adds and loses.</summary>
internal sealed record ScanOptions
{
    /// <summary>Physical width the operator frames; the point count follows from the instrument's step.</summary>
    public double MinFieldOfViewUm { get; init; } = 4_900;

    public double MaxFieldOfViewUm { get; init; } = 5_500;

    public int MinPoints { get; init; } = 650;

    public int MaxPoints { get; init; } = 820;

    /// <summary>The instrument measures a disc this fraction of the frame's half-width; outside is missing.</summary>
    public double ScannedDiscFraction { get; init; } = 0.985;

    /// <summary>Multiplies the instrument's noise.</summary>
    public required double NoiseScale { get; init; }

    /// <summary>Fraction of points that come back as spikes (specular glints).</summary>
    public required double SpikeFraction { get; init; }

    public double MaxSpikeUm { get; init; } = 20;

    public required double MinIsolatedDropoutFraction { get; init; }

    public required double MaxIsolatedDropoutFraction { get; init; }

    public required int MinDropoutClusters { get; init; }

    public required int MaxDropoutClusters { get; init; }

    public double MinClusterRadiusPx { get; init; } = 2;

    public required double MaxClusterRadiusPx { get; init; }

    /// <summary>Heights are stored in steps of 1/128 µm (about 8 nm), finer than any instrument resolves; an exact binary step keeps files compressible.</summary>
    public float HeightQuantumUm { get; init; } = 1f / 128;
}

/// <summary>Every step's options for one difficulty.</summary>
internal sealed record FiringOptions(PoseOptions Pose, ContactOptions Contact, PrimerGeometryOptions Geometry, ScanOptions Scan)
{
    public static FiringOptions Easy { get; } = new(
        new PoseOptions { MaxPrimerOffsetUm = 40, MaxTiltDeg = 0.4 },
        new ContactOptions
        {
            TransferScale = 1.0,
            AmmunitionJitter = 0.05,
            PartialContactProbability = 0.5,
            MinSectorHalfWidthDeg = 20,
            MaxSectorHalfWidthDeg = 55,
            MinSectorResidual = 0.25,
            MaxSectorResidual = 0.45,
            ContactVariation = 0.12,
        },
        new PrimerGeometryOptions { MinDomeSagUm = 1, MaxDomeSagUm = 5 },
        new ScanOptions
        {
            NoiseScale = 1.0,
            SpikeFraction = 2e-5,
            MinIsolatedDropoutFraction = 0.0005,
            MaxIsolatedDropoutFraction = 0.002,
            MinDropoutClusters = 3,
            MaxDropoutClusters = 12,
            MaxClusterRadiusPx = 8,
        });

    public static FiringOptions Hard { get; } = new(
        new PoseOptions { MaxPrimerOffsetUm = 70, MaxTiltDeg = 1.0 },
        new ContactOptions
        {
            TransferScale = 0.75,
            AmmunitionJitter = 0.15,
            PartialContactProbability = 0.9,
            MinSectorHalfWidthDeg = 35,
            MaxSectorHalfWidthDeg = 90,
            MinSectorResidual = 0.08,
            MaxSectorResidual = 0.3,
            ContactVariation = 0.25,
        },
        new PrimerGeometryOptions { MinDomeSagUm = 2, MaxDomeSagUm = 10 },
        new ScanOptions
        {
            NoiseScale = 2.5,
            SpikeFraction = 1e-4,
            MinIsolatedDropoutFraction = 0.003,
            MaxIsolatedDropoutFraction = 0.01,
            MinDropoutClusters = 15,
            MaxDropoutClusters = 50,
            MaxClusterRadiusPx = 14,
        });

    public static FiringOptions For(Difficulty difficulty) => difficulty == Difficulty.Hard ? Hard : Easy;
}
