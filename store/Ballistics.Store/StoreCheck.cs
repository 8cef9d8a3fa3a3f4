namespace Ballistics.Store;

/// <summary>
/// A store's health: <see cref="Integrity"/> is SQLite's integrity_check answer ("ok" when the file is
/// sound), then the rows whose parent is missing, the records that own fewer or more rows than
/// they were written with, and the scan items whose original file is not under its hash. A store
/// after a crash must show "ok", 0, 0, 0.
/// </summary>
public readonly record struct StoreCheck(string Integrity, long OrphanRows, long IncompleteRecords, long MissingOriginals = 0)
{
    public bool IsWhole => Integrity == "ok" && OrphanRows == 0 && IncompleteRecords == 0 && MissingOriginals == 0;
}
