using System.Globalization;
using Ballistics.Engine.Surfaces;
using Ballistics.Ingest.Tables;

namespace Ballistics.Samples;

/// <summary>
/// Fires one cartridge in a synthetic firearm and scans the case head the way a 3D microscope would. The result
/// depends only on the firearm, the fire index, the ammunition and the seed.
/// </summary>
public static class CartridgeCaseSimulator
{
    public const string Creator = "Ballistics.Samples synthetic corpus generator";

    /// <param name="firearm">The gun; its breech face is what the primer records.</param>
    /// <param name="fireIndex">1-based index of the shot; each index is a different, reproducible shot.</param>
    /// <param name="ammo">A brand of <see cref="AmmunitionCatalogue"/>, e.g. "Federal".</param>
    /// <param name="seed">Seed of the shot's random draws (a corpus passes its own seed).</param>
    /// <param name="conditions">
    /// Overrides of how the scan varies (<see cref="ScanConditions"/>); null or <see cref="ScanConditions.None"/> gives
    /// exactly the difficulty's scan. The subclass strength is the firearm's and is given to <see cref="Firearm.Create"/>.
    /// </param>
    public static SimulatedFiring Fire(Firearm firearm, int fireIndex, string ammo, int seed, ScanConditions? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(firearm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fireIndex);
        conditions ??= ScanConditions.None;
        var brand = AmmunitionCatalogue.Find(ammo);
        var options = FiringOptions.For(firearm.Difficulty);
        if (conditions.NoiseScale is { } noise)
        {
            options = options with { Scan = options.Scan with { NoiseScale = noise } };
        }

        var draw = FiringDraw.Draw(firearm, fireIndex, brand, seed, options, conditions);
        var ammoKey = StableHash.Of(brand.Name);

        var impression = BreechFaceImpression.Render(firearm, draw, options.Contact);
        if (conditions.ElasticWarpUm is { } warp)
        {
            impression = BreechFaceImpression.ElasticWarp(impression, draw, warp, StableHash.Random(seed, RandomStream.ElasticWarp, firearm.Number, fireIndex, ammoKey));
        }

        var roughness = PrimerRoughness.Render(
            StableHash.Random(seed, RandomStream.PrimerRoughness, firearm.Number, fireIndex, ammoKey), draw.Width, draw.Height, draw.StepUm, draw.RoughnessUm);
        var inCrater = conditions.Crater is null or CraterRendering.Instrument ? null : new bool[draw.Width * draw.Height];
        var pinTransfer = PinMarkTransfer.Draw(StableHash.Random(seed, RandomStream.FiringPinTransfer, firearm.Number, fireIndex, ammoKey), firearm.PinMarks.Shears);
        var heights = PrimerTopography.Render(firearm.MakeModel, draw, options.Contact, options.Geometry, impression, roughness, firearm.PinMarks, pinTransfer, inCrater);
        ScanArtefacts.Apply(
            heights,
            draw,
            options.Scan,
            StableHash.Random(seed, RandomStream.InstrumentNoise, firearm.Number, fireIndex, ammoKey),
            StableHash.Random(seed, RandomStream.Dropouts, firearm.Number, fireIndex, ammoKey),
            conditions,
            inCrater);
        if (conditions.Layout == ScanLayout.Processed)
        {
            OtherLabProcessing.Apply(heights, draw, firearm.MakeModel, options.Scan.HeightQuantumUm, conditions.LabLongCutoffUm ?? OtherLabProcessing.DefaultLongCutoffUm);
        }

        var instrument = draw.Instrument.Describe(seed);
        var surface = new Surface(draw.Width, draw.Height, draw.StepUm, draw.StepUm, heights)
        {
            Metadata = new SurfaceMetadata
            {
                Instrument = instrument,
                Creator = Creator,
                Date = MeasurementDate(seed, firearm.Number, fireIndex),
                Comment = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Synthetic cartridge case, not a measurement. Seed {seed}, firearm {firearm.Id} ({firearm.MakeModel.Name}, {firearm.Caliber}, production group {firearm.GroupNumber}), fire {fireIndex}, ammunition {brand.Name}, difficulty {firearm.Difficulty}, instrument profile {instrument.Manufacturer} {instrument.Model}."),
            },
        };

        var (primerX, primerY) = draw.GunToScan(draw.PrimerOffsetXUm, draw.PrimerOffsetYUm);
        var (pinX, pinY) = draw.GunToScan(draw.PinOffsetXUm, draw.PinOffsetYUm);
        return new SimulatedFiring
        {
            Surface = surface,
            FirearmId = firearm.Id,
            MakeModel = firearm.MakeModel.Name,
            Caliber = firearm.Caliber,
            FireIndex = fireIndex,
            Ammo = brand.Name,
            Seed = seed,
            Difficulty = firearm.Difficulty,
            RotationDeg = RigidTransform.NormaliseDeg(draw.RotationRad * 180 / Math.PI),
            TranslationXUm = draw.TranslationXUm,
            TranslationYUm = draw.TranslationYUm,
            PrimerCentreXUm = primerX,
            PrimerCentreYUm = primerY,
            PrimerRadiusUm = draw.PrimerRadiusUm,
            FiringPinCentreXUm = pinX,
            FiringPinCentreYUm = pinY,
            ApertureRadiusUm = Math.Max(firearm.MakeModel.ApertureHalfWidthUm, firearm.MakeModel.ApertureHalfHeightUm),
            HasDragMark = draw.HasDrag,
            HasApertureShear = pinTransfer.Shear > 0,
            HasPartialContact = draw.PartialContact,
            WeakContact = draw.PartialContact ? new WeakContactSector(draw.SectorCentreRad * 180 / Math.PI, draw.SectorHalfWidthRad * 180 / Math.PI) : null,
            Conditions = conditions,
        };
    }

    /// <summary>A fixed date per shot, so the x3p writer never stamps the wall clock into a file.</summary>
    private static string MeasurementDate(int seed, int firearmNumber, int fireIndex)
    {
        var offset = StableHash.Hash(seed, RandomStream.Date, firearmNumber, fireIndex);
        var date = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc)
            .AddDays((double)(offset % 365))
            .AddSeconds((double)((offset >> 20) % (10 * 3600)));
        return date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
    }
}
