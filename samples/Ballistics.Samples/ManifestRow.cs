namespace Ballistics.Samples;

/// <summary>One scan of a corpus as the manifest lists it.</summary>
/// <param name="File">Path relative to the corpus folder, with forward slashes (scans/F0003_fire02.x3p).</param>
/// <param name="FirearmId">F0001, F0002, …</param>
/// <param name="MakeModel">Make and model class, e.g. Glock 17-like.</param>
/// <param name="Caliber">Cartridge, e.g. 9mm Luger.</param>
/// <param name="Ammo">Ammunition brand fired.</param>
/// <param name="FireIndex">1-based index of the shot among the firearm's firings.</param>
public sealed record ManifestRow(string File, string FirearmId, string MakeModel, string Caliber, string Ammo, int FireIndex);
