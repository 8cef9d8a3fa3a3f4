namespace Ballistics.Samples;

/// <summary>The ammunition brands of the synthetic corpus, modelled on how hard their primers are.</summary>
public static class AmmunitionCatalogue
{
    public static AmmunitionBrand Federal { get; } = new()
    {
        Name = "Federal",
        Transfer = 1.0,
        SmoothingUm = 6,
        RoughnessUm = 0.30,
        ContactFloorUm = 2.5,
        CraterDepthMinUm = 150,
        CraterDepthMaxUm = 200,
        FlowbackUm = 15,
        DragFactor = 1.1,
    };

    public static AmmunitionBrand Remington { get; } = new()
    {
        Name = "Remington",
        Transfer = 0.85,
        SmoothingUm = 7.5,
        RoughnessUm = 0.45,
        ContactFloorUm = 2.0,
        CraterDepthMinUm = 130,
        CraterDepthMaxUm = 180,
        FlowbackUm = 10,
        DragFactor = 1.0,
    };

    public static AmmunitionBrand Winchester { get; } = new()
    {
        Name = "Winchester",
        Transfer = 0.75,
        SmoothingUm = 9,
        RoughnessUm = 0.40,
        ContactFloorUm = 1.6,
        CraterDepthMinUm = 120,
        CraterDepthMaxUm = 170,
        FlowbackUm = 8,
        DragFactor = 1.0,
    };

    public static AmmunitionBrand Cci { get; } = new()
    {
        Name = "CCI",
        Transfer = 0.6,
        SmoothingUm = 11,
        RoughnessUm = 0.60,
        ContactFloorUm = 1.5,
        CraterDepthMinUm = 100,
        CraterDepthMaxUm = 140,
        FlowbackUm = 5,
        DragFactor = 0.8,
    };

    public static AmmunitionBrand SellierBellot { get; } = new()
    {
        Name = "Sellier & Bellot",
        Transfer = 0.65,
        SmoothingUm = 10.5,
        RoughnessUm = 0.90,
        ContactFloorUm = 1.6,
        CraterDepthMinUm = 110,
        CraterDepthMaxUm = 150,
        FlowbackUm = 6,
        DragFactor = 0.9,
    };

    public static IReadOnlyList<AmmunitionBrand> All { get; } = [Federal, Remington, Winchester, Cci, SellierBellot];

    /// <summary>Brands a corpus of this difficulty fires: the three common ones, or all five when hard.</summary>
    public static IReadOnlyList<AmmunitionBrand> For(Difficulty difficulty) =>
        difficulty == Difficulty.Hard ? All : [Federal, Remington, Winchester];

    public static AmmunitionBrand Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var brand in All)
        {
            if (string.Equals(brand.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return brand;
            }
        }

        throw new ArgumentException($"Unknown ammunition '{name}'; known: {string.Join(", ", All.Select(b => b.Name))}.", nameof(name));
    }

    /// <summary>The brand a corpus loads for one firing: drawn from the seed, firearm and fire alone.</summary>
    public static AmmunitionBrand ChooseFor(int seed, int firearmNumber, int fireIndex, Difficulty difficulty)
    {
        var rng = StableHash.Random(seed, RandomStream.AmmunitionChoice, firearmNumber, fireIndex);
        return rng.Pick(For(difficulty));
    }
}
