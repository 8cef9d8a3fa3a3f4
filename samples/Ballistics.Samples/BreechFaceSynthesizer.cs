namespace Ballistics.Samples;

/// <summary>
/// Builds a firearm's breech face from three independently drawn components: the make's coarse class look,
/// the subclass marks of its production group (same tool, same striae) and its own individual marks.
/// Heights are in micrometres, positive towards the cartridge, on <see cref="GunGrid.Standard"/>.
/// </summary>
internal static class BreechFaceSynthesizer
{
    public static float[] Synthesize(int seed, int firearmNumber, ProductionSlot slot, BreechFaceOptions options)
    {
        var grid = GunGrid.Standard;
        var model = slot.MakeModel;
        var makeIndex = MakeModelCatalogue.IndexOf(model);

        var classLook = ClassTextures.Render(model, StableHash.Random(seed, RandomStream.ClassPattern, makeIndex), grid);
        FloatImage.GaussianBlur(classLook, grid.Size, grid.Size, options.ClassSmoothingUm / grid.StepUm);
        FloatImage.Standardise(classLook);

        var subclass = ClassTextures.Render(model, StableHash.Random(seed, RandomStream.SubclassPattern, slot.GroupNumber), grid);

        var individualRng = StableHash.Random(seed, RandomStream.IndividualPattern, firearmNumber);
        var individual = ClassTextures.Render(model, individualRng, grid);
        FloatImage.Standardise(individual);
        FloatImage.Scale(individual, (float)options.IndividualFinishWeight);

        FloatImage.AddScaled(individual, IndividualMarks.FineTexture(individualRng, grid), (float)options.IndividualFineWeight);
        FloatImage.AddScaled(individual, IndividualMarks.Defects(individualRng, grid), (float)options.IndividualDefectWeight);
        FloatImage.Standardise(individual);

        var heights = individual;
        FloatImage.Scale(heights, (float)options.IndividualWeight);

        FloatImage.AddScaled(heights, subclass, (float)options.SubclassWeight);
        FloatImage.AddScaled(heights, classLook, (float)options.ClassWeight);
        FloatImage.Standardise(heights);

        var traits = StableHash.Random(seed, RandomStream.FirearmTraits, firearmNumber);
        var rmsUm = (float)(model.BreechFaceRmsUm * (1 + (options.RmsSpread * Math.Clamp(traits.Gaussian(), -2, 2))));
        FloatImage.Scale(heights, rmsUm);

        return heights;
    }
}
