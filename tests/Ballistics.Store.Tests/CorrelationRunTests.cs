using Ballistics.Store.Scans;

namespace Ballistics.Store.Tests;

[TestFixture]
public sealed class CorrelationRunTests
{
    private static readonly CorrelationJob Job = new(1, "all", null, 9, Candidates: 200, Leads: 2, "out", "test", DateTimeOffset.UnixEpoch, null, null);

    private static ItemSearch Found(long itemId, int count) =>
        ItemSearch.Found([.. Enumerable.Range(1, count).Select(rank => new CorrelationLead(itemId, rank, 100 + rank, 1.0 / rank, 0, 0, 0, 0, 0, 0))], count);

    [Test]
    public async Task Items_SomeRefusedSomeDoneAlready_KeepsTheJobsLeadsAndTalliesEach()
    {
        var completed = new List<(long Item, int Compared, long[] Candidates)>();
        var skipped = new List<(long, string)>();
        var storedCalls = 0;

        var tally = await CorrelationRun.Items(Job, [1, 2, 3, 4], new CorrelationSteps
        {
            Search = id => Task.FromResult(id == 2 ? ItemSearch.Refused("original missing") : Found(id, 5)),
            Complete = (id, compared, kept) =>
            {
                completed.Add((id, compared, [.. kept.Select(l => l.CandidateId)]));
                return id != 4; // item 4 was stored by another worker first
            },
            Skipped = (id, reason) => skipped.Add((id, reason)),
            Stored = () => storedCalls++,
        });

        Assert.That(tally, Is.EqualTo(new CorrelationTally(Stored: 2, Already: 1, Skipped: 1, Stopped: false)));
        Assert.That(completed.Select(c => c.Item), Is.EqualTo(new long[] { 1, 3, 4 }));
        Assert.That(completed.Select(c => c.Compared), Is.All.EqualTo(5), "every lead compared is counted");
        Assert.That(completed[0].Candidates, Is.EqualTo(new long[] { 101, 102 }), "the job's number of best leads kept, in rank order");
        Assert.That(skipped, Is.EqualTo(new[] { (2L, "original missing") }));
        Assert.That(storedCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Items_StopAskedForBeforeTheThird_StopsThereWithWhatIsDoneKept()
    {
        var searched = new List<long>();

        var tally = await CorrelationRun.Items(Job, [1, 2, 3, 4], new CorrelationSteps
        {
            Search = id =>
            {
                searched.Add(id);
                return Task.FromResult(Found(id, 3));
            },
            Complete = (_, _, _) => true,
            Stopped = () => searched.Count == 2,
        });

        Assert.That(tally, Is.EqualTo(new CorrelationTally(Stored: 2, Already: 0, Skipped: 0, Stopped: true)));
        Assert.That(searched, Is.EqualTo(new long[] { 1, 2 }));
    }
}
