namespace Ballistics.Engine.Surfaces;

/// <summary>
/// How a cartridge-case photograph was lit. A ring light lights the case evenly from all round; a side (oblique) light
/// from one direction, so that the same marks look different at every turn of the case.
/// </summary>
public enum ImageLighting
{
    Unknown = 0,
    Ring = 1,
    Side = 2,
}
