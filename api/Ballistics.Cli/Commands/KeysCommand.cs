using System.CommandLine;
using System.Globalization;
using Ballistics.Store.Access;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics keys add --role R --agency A --country US|MX [--label L] [--store DIR]` prints a new API key once;
/// `keys list` shows every key without it (`id,prefix,role,agency,country,label,created_at,revoked_at`); `keys revoke ID`
/// ends one. The key is kept only as its hash: a lost key is revoked and replaced, never recovered.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var role = new Option<string>("--role") { Required = true, Description = $"one of {string.Join(", ", ApiKeys.Roles)}" };
        var agency = new Option<string>("--agency") { Required = true, Description = "the agency the key's holder works for; records of other agencies follow the sharing rules" };
        var country = new Option<string>("--country") { Required = true, Description = "US or MX" };
        var label = new Option<string?>("--label") { Description = "who or what holds the key, for the list" };
        var store = StoreVerbs.StoreOption();
        var add = new Command("add", "Make an API key and print it once.") { role, agency, country, label, store };
        add.SetAction(parse => Add(parse.GetValue(role)!, parse.GetValue(agency)!, parse.GetValue(country)!, parse.GetValue(label), parse.GetValue(store)!, output, error));

        var listStore = StoreVerbs.StoreOption();
        var list = new Command("list", "The keys on file, without the keys themselves.") { listStore };
        list.SetAction(parse => List(parse.GetValue(listStore)!, output, error));

        var id = new Argument<long>("id") { Description = "the key's id (keys list)" };
        var revokeStore = StoreVerbs.StoreOption();
        var revoke = new Command("revoke", "End a key: requests with it are refused from now on.") { id, revokeStore };
        revoke.SetAction(parse => Revoke(parse.GetValue(id), parse.GetValue(revokeStore)!, output, error));
        return new Command("keys", "API keys: who may use the HTTP API, in which role, for which agency and country.") { add, list, revoke };
    }

    internal static int Add(string role, string agency, string country, string? label, string storePath, TextWriter output, TextWriter error)
    {
        using var store = StoreVerbs.OpenStore(storePath, create: true, error);
        if (store is null)
        {
            return 1;
        }

        NewApiKey made;
        try
        {
            made = store.Keys.Add(role, agency, country, label);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"error: --{ex.Message}");
            return 2;
        }

        output.WriteLine(made.Key);
        error.WriteLine($"key {made.Info.Id} ({made.Info.Role}, {made.Info.Agency}, {made.Info.Country}) made; it is shown only now — clients send it as 'Authorization: Bearer KEY'");
        return 0;
    }

    internal static int List(string storePath, TextWriter output, TextWriter error)
    {
        using var store = StoreVerbs.OpenStore(storePath, create: false, error);
        if (store is null)
        {
            return 1;
        }

        output.WriteLine("id,prefix,role,agency,country,label,created_at,revoked_at");
        foreach (var key in store.Keys.List())
        {
            var text = new System.Text.StringBuilder();
            Ingest.Tables.CsvText.AppendLine(text, [
                key.Id.ToString(CultureInfo.InvariantCulture), key.Prefix, key.Role, key.Agency, key.Country, key.Label ?? string.Empty,
                key.CreatedAt.ToString("O", CultureInfo.InvariantCulture), key.RevokedAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty]);
            output.Write(text);
        }

        return 0;
    }

    internal static int Revoke(long id, string storePath, TextWriter output, TextWriter error)
    {
        using var store = StoreVerbs.OpenStore(storePath, create: false, error);
        if (store is null)
        {
            return 1;
        }

        if (!store.Keys.Revoke(id))
        {
            error.WriteLine($"error: no key {id} in {store.Folder} (keys list shows them)");
            return 1;
        }

        output.WriteLine($"key {id} revoked");
        return 0;
    }
}
