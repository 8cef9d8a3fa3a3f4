namespace Ballistics.Intelligence.Linkage;

/// <summary>A thing in the graph: a firearm, a scan, an incident, a dealer, a purchaser or another firearm sold.</summary>
public sealed record LinkageNode(string Id, string Kind, string Label, IReadOnlyDictionary<string, string?> Facts);

/// <summary>How two things are linked; a lead carries its score and review status.</summary>
public sealed record LinkageEdge(string From, string To, string Kind, double? Score = null, string? Status = null);

/// <summary>Something an investigator should look at next, best first, and why (in English; <see cref="Reason"/> and <see cref="Facts"/> let a page say it in another language).</summary>
public sealed record LeadToFollow(int Rank, string Kind, string Subject, string Why)
{
    /// <summary>The code of <see cref="Why"/> (<see cref="LeadReason.English"/>); null for a lead made without one.</summary>
    public string? Reason { get; init; }

    /// <summary>What fills the reason's sentence, in order.</summary>
    public IReadOnlyList<string> Facts { get; init; } = [];
}

/// <summary>The post-seizure linkage of a firearm: nodes, edges, and the leads to follow.</summary>
public sealed record LinkageGraph(string Root, IReadOnlyList<LinkageNode> Nodes, IReadOnlyList<LinkageEdge> Edges, IReadOnlyList<LeadToFollow> Leads);
