namespace Ballistics.Samples;

/// <summary>
/// Every random choice of one firing, drawn in one place from streams keyed by (seed, firearm, fire, ammunition),
/// so the rendering steps are plain functions of it. Angles in radians, lengths in micrometres; "gun frame"
/// is the breech face's frame (X, Y about the firing-pin axis, looking into the breech).
/// </summary>
internal sealed record FiringDraw
{
    public required InstrumentProfile Instrument { get; init; }

    public required double StepUm { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required double ScannedRadiusUm { get; init; }

    /// <summary>Rotation of the impression in the scan (see <see cref="SimulatedFiring.RotationDeg"/>).</summary>
    public required double RotationRad { get; init; }

    public required double TranslationXUm { get; init; }

    public required double TranslationYUm { get; init; }

    /// <summary>Primer centre in the gun frame.</summary>
    public required double PrimerOffsetXUm { get; init; }

    public required double PrimerOffsetYUm { get; init; }

    /// <summary>Firing-pin tip centre in the gun frame on this shot.</summary>
    public required double PinOffsetXUm { get; init; }

    public required double PinOffsetYUm { get; init; }

    public required double TiltXPerUm { get; init; }

    public required double TiltYPerUm { get; init; }

    // Ammunition as this round came out of its box.
    public required double Transfer { get; init; }

    public required double SmoothingUm { get; init; }

    public required double RoughnessUm { get; init; }

    public required double ContactFloorUm { get; init; }

    public required double CraterDepthUm { get; init; }

    public required double FlowbackUm { get; init; }

    // Contact around the primer, in the primer's own frame.
    public required bool PartialContact { get; init; }

    public required double SectorCentreRad { get; init; }

    public required double SectorHalfWidthRad { get; init; }

    public required double SectorResidual { get; init; }

    public required double ContactPhase1Rad { get; init; }

    public required double ContactPhase2Rad { get; init; }

    // Primer and case head.
    public required double PrimerRadiusUm { get; init; }

    public required double PocketGapUm { get; init; }

    public required double CaseHeadDropUm { get; init; }

    public required double CaseHeadTurnPitchUm { get; init; }

    public required double CaseHeadTurnPhaseRad { get; init; }

    public required double DomeSagUm { get; init; }

    // Drag of the firing pin across the primer as the barrel unlocks, in the gun frame.
    public required bool HasDrag { get; init; }

    public required double DragDirectionRad { get; init; }

    public required double DragLengthUm { get; init; }

    public required double DragDepthUm { get; init; }

    /// <summary>Column of the scan centre, the origin of scan micrometres.</summary>
    public double CentreColumn => (Width - 1) / 2.0;

    public double CentreRow => (Height - 1) / 2.0;

    /// <summary>
    /// The gun-frame point a scan position (µm from the scan centre) shows: undo the placement, then mirror X,
    /// because the primer faces the breech face, so its impression is the breech face seen from behind.
    /// </summary>
    public (double U, double V) ScanToGun(double xUm, double yUm)
    {
        var (sin, cos) = Math.SinCos(RotationRad);
        var dx = xUm - TranslationXUm;
        var dy = yUm - TranslationYUm;
        return (-((cos * dx) + (sin * dy)), (-sin * dx) + (cos * dy));
    }

    /// <summary>Inverse of <see cref="ScanToGun"/>.</summary>
    public (double X, double Y) GunToScan(double uUm, double vUm)
    {
        var (sin, cos) = Math.SinCos(RotationRad);
        var qx = -uUm;
        return ((cos * qx) - (sin * vUm) + TranslationXUm, (sin * qx) + (cos * vUm) + TranslationYUm);
    }

    public static FiringDraw Draw(Firearm firearm, int fireIndex, AmmunitionBrand brand, int seed, FiringOptions options, ScanConditions? conditions = null)
    {
        conditions ??= ScanConditions.None;
        var ammoKey = StableHash.Of(brand.Name);
        var model = firearm.MakeModel;

        var pose = StableHash.Random(seed, RandomStream.FiringPose, firearm.Number, fireIndex, ammoKey);
        var instrument = pose.Pick(InstrumentProfile.All);
        var scan = options.Scan;
        var step = pose.Uniform(instrument.MinStepUm, instrument.MaxStepUm);
        var fieldOfViewUm = pose.Uniform(scan.MinFieldOfViewUm, scan.MaxFieldOfViewUm);
        var width = Math.Clamp((int)Math.Round(fieldOfViewUm / step), scan.MinPoints, scan.MaxPoints);
        var trim = pose.Next(0, 17);
        var height = Math.Max(scan.MinPoints, width - trim);
        if (conditions.LateralStepUm is { } forcedStep)
        {
            // A forced step keeps a case head's field of view: the point count follows from it.
            step = forcedStep;
            width = (int)Math.Round(fieldOfViewUm / step);
            height = width - (int)Math.Round(trim * 7.0 / step);
        }

        var rotation = pose.Uniform(0, 2 * Math.PI);
        var (tSin, tCos) = Math.SinCos(pose.Uniform(0, 2 * Math.PI));
        var translation = pose.Uniform(options.Pose.MinTranslationUm, options.Pose.MaxTranslationUm);
        var (oSin, oCos) = Math.SinCos(pose.Uniform(0, 2 * Math.PI));
        var primerOffset = options.Pose.MaxPrimerOffsetUm * Math.Sqrt(pose.NextDouble());
        var (tiltSin, tiltCos) = Math.SinCos(pose.Uniform(0, 2 * Math.PI));
        var tilt = Math.Tan(pose.Uniform(0, options.Pose.MaxTiltDeg) * Math.PI / 180);

        var ammo = StableHash.Random(seed, RandomStream.FiringAmmunition, firearm.Number, fireIndex, ammoKey);
        var jitter = options.Contact.AmmunitionJitter;
        double Vary(double value) => value * Math.Max(0.3, 1 + (jitter * Math.Clamp(ammo.Gaussian(), -2.5, 2.5)));

        var geometryRng = StableHash.Random(seed, RandomStream.FiringGeometry, firearm.Number, fireIndex, ammoKey);
        var contact = options.Contact;
        var geometry = options.Geometry;
        var partial = geometryRng.Chance(contact.PartialContactProbability);
        var hasDrag = geometryRng.Chance(Math.Min(1, model.DragProbability * brand.DragFactor));
        var craterDepth = Vary(ammo.Uniform(brand.CraterDepthMinUm, brand.CraterDepthMaxUm)) * model.StrikeFactor;

        var draw = new FiringDraw
        {
            Instrument = instrument,
            StepUm = step,
            Width = width,
            Height = height,
            ScannedRadiusUm = scan.ScannedDiscFraction * 0.5 * Math.Min(width, height) * step,
            RotationRad = rotation,
            TranslationXUm = translation * tCos,
            TranslationYUm = translation * tSin,
            PrimerOffsetXUm = primerOffset * oCos,
            PrimerOffsetYUm = primerOffset * oSin,
            PinOffsetXUm = options.Pose.FiringPinPlayUm * pose.Gaussian(),
            PinOffsetYUm = options.Pose.FiringPinPlayUm * pose.Gaussian(),
            TiltXPerUm = tilt * tiltCos,
            TiltYPerUm = tilt * tiltSin,
            Transfer = Math.Min(1.0, Vary(brand.Transfer) * contact.TransferScale),
            SmoothingUm = Vary(brand.SmoothingUm),
            RoughnessUm = Vary(brand.RoughnessUm),
            ContactFloorUm = Vary(brand.ContactFloorUm),
            CraterDepthUm = craterDepth,
            FlowbackUm = Vary(brand.FlowbackUm) * (conditions.PrimerFlowScale ?? 1),
            PartialContact = partial,
            SectorCentreRad = geometryRng.Uniform(0, 2 * Math.PI),
            SectorHalfWidthRad = geometryRng.Uniform(contact.MinSectorHalfWidthDeg, contact.MaxSectorHalfWidthDeg) * Math.PI / 180,
            SectorResidual = geometryRng.Uniform(contact.MinSectorResidual, contact.MaxSectorResidual),
            ContactPhase1Rad = geometryRng.Uniform(0, 2 * Math.PI),
            ContactPhase2Rad = geometryRng.Uniform(0, 2 * Math.PI),
            PrimerRadiusUm = geometry.PrimerRadiusUm + (geometry.PrimerRadiusSpreadUm * Math.Clamp(geometryRng.Gaussian(), -2, 2)),
            PocketGapUm = geometryRng.Uniform(geometry.MinPocketGapUm, geometry.MaxPocketGapUm),
            CaseHeadDropUm = geometryRng.Uniform(geometry.MinCaseHeadDropUm, geometry.MaxCaseHeadDropUm),
            CaseHeadTurnPitchUm = geometryRng.Uniform(15, 30),
            CaseHeadTurnPhaseRad = geometryRng.Uniform(0, 2 * Math.PI),
            DomeSagUm = geometryRng.Uniform(geometry.MinDomeSagUm, geometry.MaxDomeSagUm) * (geometryRng.Chance(0.7) ? 1 : -1),
            HasDrag = hasDrag,
            DragDirectionRad = (model.DragDirectionDeg + (8 * geometryRng.Gaussian())) * Math.PI / 180,
            DragLengthUm = geometryRng.Uniform(geometry.MinDragLengthUm, geometry.MaxDragLengthUm),
            DragDepthUm = craterDepth * geometryRng.Uniform(0.15, 0.35),
        };

        // Conditions override after every draw is made, so that a corpus without them draws exactly as before.
        return conditions.ContactFraction is { } fraction
            ? draw with { PartialContact = fraction < 1, SectorHalfWidthRad = (1 - fraction) * Math.PI, SectorResidual = 0.05 }
            : draw;
    }
}
