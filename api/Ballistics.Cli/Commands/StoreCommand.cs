using System.CommandLine;
using Ballistics.Store;

namespace Ballistics.Cli.Commands;

/// <summary>
/// `ballistics store init --store DIR --postgres CONNECTION`: makes DIR a shared store whose rows live in a PostgreSQL
/// database; every other verb and the API then use it through the same `--store DIR`. The folder keeps the
/// originals and caches, so servers sharing the store share the folder too.
/// </summary>
internal static class StoreCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var store = StoreVerbs.StoreOption();
        var postgres = new Option<string>("--postgres")
        {
            Required = true,
            Description = "Npgsql connection string of the database, e.g. \"Host=db;Database=ballistics;Username=ballistics\" (keep the password in PGPASSWORD or ~/.pgpass)",
        };
        var init = new Command("init", "Make the data folder a store whose rows live in a PostgreSQL database.") { store, postgres };
        init.SetAction(parse => Init(parse.GetValue(store)!, parse.GetValue(postgres)!, output, error));
        return new Command("store", "The data folder itself: where its rows live.") { init };
    }

    internal static int Init(string storePath, string connectionString, TextWriter output, TextWriter error)
    {
        var created = DataStore.CreatePostgres(storePath, connectionString);
        if (!created.Success)
        {
            error.WriteLine($"error: {created.Error}");
            return 1;
        }

        using var store = created.Value;
        output.WriteLine($"store {store.Folder}: rows in PostgreSQL (schema version {store.SchemaVersion}), originals and caches in the folder; use it with --store {storePath}");
        return 0;
    }
}
