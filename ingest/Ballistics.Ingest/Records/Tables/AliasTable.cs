namespace Ballistics.Ingest.Records.Tables;

/// <summary>
/// Folded alias → value. Lookups take spans and fold on the stack, so matching a record's value allocates
/// nothing. Two aliases that fold to one key must mean the same thing, or the table is refused.
/// </summary>
internal sealed class AliasTable<T>
    where T : notnull
{
    private readonly Dictionary<string, T> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string _name;

    public AliasTable(string name, AliasStyle style)
    {
        _name = name;
        Style = style;
        _lookup = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public AliasStyle Style { get; }

    public int Count => _byKey.Count;

    public IEnumerable<T> Values => _byKey.Values.Distinct();

    public void Add(string alias, T value, int line)
    {
        var key = AliasKey.Fold(alias, Style);
        if (key.Length == 0)
        {
            throw TsvResource.Bad(_name, line, $"alias '{alias}' folds to nothing");
        }

        if (_byKey.TryGetValue(key, out var existing))
        {
            if (!EqualityComparer<T>.Default.Equals(existing, value))
            {
                throw TsvResource.Bad(_name, line, $"alias '{alias}' (key {key}) already means {existing}, not {value}");
            }

            return;
        }

        _byKey.Add(key, value);
    }

    public bool TryFind(ReadOnlySpan<char> text, out T value)
    {
        Span<char> key = stackalloc char[AliasKey.MaxLength];
        var length = AliasKey.Fold(text, key, Style);
        if (length <= 0)
        {
            value = default!;
            return false;
        }

        return _lookup.TryGetValue(key[..length], out value!);
    }
}
