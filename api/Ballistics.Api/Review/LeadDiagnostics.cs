using Ballistics.Api.Evidence;
using Ballistics.Engine.Diagnostics;
using Ballistics.Engine.Matching;
using Ballistics.Store.Scans;
using Microsoft.Extensions.Caching.Memory;

namespace Ballistics.Api.Review;

/// <summary>A lead's comparison made again, with its pictures; or why it could not be.</summary>
public sealed record DiagnosedLead(ComparisonResult? Result, ComparisonDiagnostics? Diagnostics, string? Reason);

/// <summary>
/// Pictures of scored pairs (leads, batch results) for review. A pair keeps its figures, not its cells, so its comparison is
/// made again (a fraction of a second) and kept for the next request: a reviewer's page asks for the figures and then six
/// pictures at once, and each pair is drawn once however many ask. The cache holds the most recent pairs only.
/// </summary>
public sealed class LeadDiagnostics : IDisposable
{
    /// <summary>About 2 MB of pictures a pair: 64 pairs stay in memory.</summary>
    public const int CachedLeads = 64;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CachedLeads });
    private readonly ApiCorpus _corpus;

    public LeadDiagnostics(ApiCorpus corpus) => _corpus = corpus;

    /// <summary>The pictures of the scored pair: <paramref name="evidence"/> (searched) against <paramref name="candidate"/>.</summary>
    public Task<DiagnosedLead> For(ScanItem evidence, ScanItem candidate)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(candidate);
        var pair = (evidence.Id, candidate.Id);
        var drawn = _cache.GetOrCreate(pair, entry =>
        {
            entry.Size = 1;
            return new Lazy<Task<DiagnosedLead>>(() => Task.Run(() => Draw(evidence, candidate)));
        })!;
        var task = drawn.Value;
        if (task.IsFaulted)
        {
            // Not kept: this request reports the failure, the next one tries again.
            _cache.Remove(pair);
        }

        return task;
    }

    private DiagnosedLead Draw(ScanItem evidence, ScanItem candidate)
    {
        if (_corpus.Compare(evidence, candidate, out var reason) is not { } compared)
        {
            return new DiagnosedLead(null, null, reason);
        }

        // The originals too, when they can be read: the region compared is drawn over each as submitted.
        return new DiagnosedLead(compared.Result, ComparisonDiagnostics.Of(compared.A, compared.B, compared.Result, sources: _corpus.Originals(evidence, candidate)), null);
    }

    public void Dispose() => _cache.Dispose();
}
