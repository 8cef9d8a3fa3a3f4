using Ballistics.Ingest.Records.Reading;
using Ballistics.Ingest.Records.Tables;

namespace Ballistics.Ingest.Records.Normalization;

/// <summary>The firearm fields every record kind shares: make, importer, model, caliber, type, serial.</summary>
internal sealed class FirearmNormalizer(NormalizationTables tables, AliasTable<RecordField> fields, RecordErrors errors)
{
    private static readonly char[] MakeSeparators = ['/', '(', ')', ',', ';', '|'];

    /// <param name="raw">The record as read.</param>
    /// <param name="makeRequired">A blank make is an error (UNK still means unknown).</param>
    /// <param name="makeMayBeUnknown">UNK is accepted as the make; a registry record must know its maker.</param>
    /// <param name="serialMustBePresent">A registry record needs an actual serial: UNK, none or obliterated are errors.</param>
    public FirearmDescription Normalize(RawRecord raw, bool makeRequired, bool makeMayBeUnknown, bool serialMustBePresent)
    {
        var (make, importer) = Make(raw, makeRequired, makeMayBeUnknown);
        var serial = Serial(raw, serialMustBePresent);
        var cartridge = Lookup(raw, RecordField.Caliber, tables.Calibers, "caliber");
        return new FirearmDescription
        {
            Make = make?.Name,
            MakeCode = make?.NcicCode,
            Importer = importer,
            Model = Unless(raw[RecordField.Model], WordMeaning.Unknown),
            Caliber = cartridge?.Name,
            CaliberCode = cartridge?.NcicCode,
            TypeCode = Lookup(raw, RecordField.Type, tables.GunTypes, "gun type")?.Code,
            Serial = serial,
            CountryOfOrigin = Unless(raw[RecordField.CountryOfOrigin], WordMeaning.Unknown),
            OtherMarkings = TextValue.Tidy(raw[RecordField.OtherMarkings]),
        };
    }

    private (Maker? Make, string? Importer) Make(RawRecord raw, bool required, bool mayBeUnknown)
    {
        var importerText = raw[RecordField.Importer];
        var importer = tables.Makers.TryFind(importerText, out var knownImporter) ? knownImporter.Name : TextValue.Tidy(importerText);
        var text = raw[RecordField.Make];
        if (text.IsEmpty || IsWord(text, WordMeaning.Unknown))
        {
            if ((required && text.IsEmpty) || (!mayBeUnknown && !text.IsEmpty))
            {
                errors.Add(RecordField.Make, text.IsEmpty ? "required: give the maker (UNK when it is not known)" : "the maker must be known for this kind of record");
            }

            return (null, importer);
        }

        if (tables.Makers.TryFind(text, out var maker) && !maker.IsImporter)
        {
            return (maker, importer);
        }

        // "Cugir/Century Arms", "Zastava (Century)": maker and importer written in one field.
        Maker? found = null;
        Maker? foundImporter = maker is { IsImporter: true } ? maker : null;
        if (text.IndexOfAny(MakeSeparators) >= 0)
        {
            foreach (var range in text.SplitAny(MakeSeparators))
            {
                if (tables.Makers.TryFind(text[range], out var part))
                {
                    if (part.IsImporter)
                    {
                        foundImporter ??= part;
                    }
                    else
                    {
                        found ??= part;
                    }
                }
            }
        }

        if (found is not null)
        {
            return (found, importer ?? foundImporter?.Name);
        }

        if (foundImporter is not null)
        {
            return Imported(foundImporter, text, raw, importer);
        }

        errors.Add(RecordField.Make, $"'{text}' is not a known maker");
        return (null, importer);
    }

    /// <summary>
    /// An importer's name where the make goes (Century Arms on a Romanian WASR-10): NCIC codes the original maker, which
    /// the model names for the importer's known imports; else the record is kept with the make unknown and the importer
    /// recorded. Either way a warning says what was done.
    /// </summary>
    private (Maker? Make, string? Importer) Imported(Maker importer, ReadOnlySpan<char> text, RawRecord raw, string? importerField)
    {
        var model = TextValue.Tidy(raw[RecordField.Model]);
        if (tables.OriginalMaker(importer, model) is { } maker)
        {
            errors.Warn(RecordField.Make, $"'{text}' is the importer ({importer.Name}); the {model} is made by {maker.Name}, recorded as the make, the importer kept");
            return (maker, importerField ?? importer.Name);
        }

        errors.Warn(RecordField.Make, $"'{text}' is the importer ({importer.Name}) and the model {(model is null ? "is not given" : $"'{model}' does not say who made it")}: kept with the make unknown and the importer recorded; give the original maker");
        return (null, importerField ?? importer.Name);
    }

    private SerialNumber Serial(RawRecord raw, bool mustBePresent)
    {
        var obliterated = false;
        var flag = raw[RecordField.Obliterated];
        if (!flag.IsEmpty)
        {
            if (!tables.Words.TryFind(flag, out var word) || (word & (WordMeaning.Yes | WordMeaning.No)) == 0)
            {
                errors.Add(RecordField.Obliterated, $"'{flag}' is neither yes nor no");
            }
            else
            {
                obliterated = (word & WordMeaning.Yes) != 0;
            }
        }

        if (!errors.Check(RecordField.Serial, SerialNormalizer.Normalize(raw[RecordField.Serial], obliterated, tables, fields, out var serial)))
        {
            return serial;
        }

        if (mustBePresent && serial.Status != SerialStatus.Present)
        {
            errors.Add(RecordField.Serial, $"a transaction record needs the serial number, not '{raw[RecordField.Serial]}'");
        }

        return serial;
    }

    /// <summary>The table entry the field names; null when blank or UNK.</summary>
    private T? Lookup<T>(RawRecord raw, RecordField field, AliasTable<T> table, string what)
        where T : class
    {
        var text = raw[field];
        if (text.IsEmpty || IsWord(text, WordMeaning.Unknown))
        {
            return null;
        }

        if (table.TryFind(text, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{text}' is not a known {what}");
        return null;
    }

    private string? Unless(ReadOnlySpan<char> text, WordMeaning meaning) => IsWord(text, meaning) ? null : TextValue.Tidy(text);

    private bool IsWord(ReadOnlySpan<char> text, WordMeaning meaning) => tables.Words.TryFind(text, out var word) && (word & meaning) != 0;
}
