using Ballistics.Store.Database;
using Ballistics.Testing;

namespace Ballistics.Store.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class ApiKeysTests(StoreEngine engine)
{
    [Test]
    public void Add_NewKey_StoredOnlyAsItsHashAndAuthenticates()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);

        var made = store.Keys.Add("examiner", "FGJ Sonora", "MX", "bench 2");

        Assert.That(made.Key, Does.StartWith("bk_").And.Length.GreaterThan(40));
        Assert.That(TestStores.Count(store, $"SELECT count(*) FROM api_key WHERE key_hash = '{made.Key}' OR prefix = '{made.Key}'"), Is.Zero, "the key itself is not stored");
        var found = store.Keys.Authenticate(made.Key);
        Assert.That(found, Is.Not.Null);
        Assert.That((found!.Id, found.Role, found.Agency, found.Country, found.Label), Is.EqualTo((made.Info.Id, "examiner", "FGJ Sonora", "MX", "bench 2")));
        Assert.That(store.Keys.Authenticate(made.Key[..^1] + (made.Key[^1] == 'A' ? 'B' : 'A')), Is.Null, "one character changed");
        Assert.That(store.Keys.Authenticate("not a key"), Is.Null);
    }

    [Test]
    public void Revoke_Key_NoLongerAuthenticatesButStaysListed()
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);
        var made = store.Keys.Add("lab", "ATF NIBIN Lab", "US");

        Assert.That(store.Keys.Revoke(made.Info.Id), Is.True);
        Assert.That(store.Keys.Revoke(made.Info.Id + 100), Is.False, "no such key");

        Assert.That(store.Keys.Authenticate(made.Key), Is.Null);
        Assert.That(store.Keys.List().Single().Revoked, Is.True);
    }

    [TestCase("sheriff", "A", "US", "role")]
    [TestCase("lab", " ", "US", "agency")]
    [TestCase("lab", "A", "CA", "country")]
    public void Add_NotAllowed_RefusedNamingTheField(string role, string agency, string country, string field)
    {
        using var dir = new TempDirectory();
        using var store = TestStores.Create(dir, engine);

        Assert.That(() => store.Keys.Add(role, agency, country), Throws.ArgumentException.With.Message.StartsWith(field + ":"));
        Assert.That(store.Keys.List(), Is.Empty);
    }
}
