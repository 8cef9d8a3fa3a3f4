namespace Ballistics.Intelligence.Trafficking;

/// <summary>
/// Incidents and seized firearms joined by confirmed hits, as connected components. A scan stands for its firearm when it
/// is a test fire of one, else for its incident; a scan with neither stands for itself (evidence not yet tied to an
/// incident still joins what it hits). A hit between two scans of one incident joins nothing and is left out; a network
/// is a component of two or more.
/// </summary>
internal static class LinkageNetworks
{
    public static NetworkSummary Of(IReadOnlyList<ConfirmedHit> hits)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var kinds = new List<string>();
        var countries = new List<string?>();
        int Node(HitEnd end)
        {
            var (key, kind) = end switch
            {
                { TestFire: true, FirearmId: { } firearm } => ($"firearm:{firearm}", "firearm"),
                { IncidentId: { } incident } => ($"incident:{incident}", "incident"),
                { FirearmId: { } firearm } => ($"firearm:{firearm}", "firearm"),
                _ => ($"scan:{end.ItemId}", "incident"),
            };
            if (!index.TryGetValue(key, out var node))
            {
                node = index[key] = kinds.Count;
                kinds.Add(kind);
                countries.Add(end.Country);
            }
            else
            {
                countries[node] ??= end.Country;
            }

            return node;
        }

        var pairs = new Dictionary<(int, int), int>();
        foreach (var hit in hits)
        {
            var a = Node(hit.Evidence);
            var b = Node(hit.Candidate);
            if (a != b)
            {
                var pair = (Math.Min(a, b), Math.Max(a, b));
                pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
            }
        }

        var parent = Enumerable.Range(0, kinds.Count).ToArray();
        int Root(int n)
        {
            while (parent[n] != n)
            {
                n = parent[n] = parent[parent[n]];
            }

            return n;
        }

        foreach (var (a, b) in pairs.Keys)
        {
            parent[Root(a)] = Root(b);
        }

        // Largest networks first; among equals, the one met first (the store's order), so the report is stable run to run.
        var components = pairs.Keys.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct().GroupBy(Root)
            .Select(g => g.Order().ToArray())
            .OrderByDescending(members => members.Length).ThenBy(members => members[0])
            .ToArray();
        var networkOf = new Dictionary<int, int>();
        var renumbered = new Dictionary<int, int>();
        var nodes = new List<NetworkNode>();
        for (var c = 0; c < components.Length; c++)
        {
            foreach (var member in components[c])
            {
                networkOf[member] = c;
                renumbered[member] = nodes.Count;
                nodes.Add(new NetworkNode(c, kinds[member], countries[member]));
            }
        }

        var hitsIn = new int[components.Length];
        foreach (var (pair, count) in pairs)
        {
            hitsIn[networkOf[pair.Item1]] += count;
        }

        var links = pairs.Select(p => new NetworkLink(renumbered[p.Key.Item1], renumbered[p.Key.Item2], p.Value)).OrderBy(l => l.From).ThenBy(l => l.To).ToArray();
        var networks = components.Select((members, c) => new LinkageNetwork(
            members.Count(m => kinds[m] == "incident"),
            members.Count(m => kinds[m] == "firearm"),
            hitsIn[c],
            [.. members.Select(m => countries[m]).OfType<string>().Distinct().Order(StringComparer.Ordinal)])).ToArray();
        return new NetworkSummary(hits.Count, networks, nodes, links);
    }
}
