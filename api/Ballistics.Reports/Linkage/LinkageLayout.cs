using Ballistics.Intelligence.Linkage;

namespace Ballistics.Reports.Linkage;

/// <summary>Where a node of the linkage graph is drawn: its column (negative: the sale side) and its row within it.</summary>
internal readonly record struct NodePlace(int Column, int Row);

/// <summary>
/// A layered layout of a linkage graph, read left to right: the sale and trace chain to the left of the root (dealer,
/// purchaser, the purchaser's other firearms), the ballistic chain to its right (test fires, the evidence their leads and
/// hits reach, the scenes of that evidence). A node's column is its distance from the root; within a column nodes
/// follow the mean row of their neighbours nearer the root (one barycentre pass, which keeps most edges from crossing),
/// then kind and label, so the same graph always draws the same.
/// </summary>
internal static class LinkageLayout
{
    /// <summary>Edges that lead from a firearm to how it was sold: their far ends go to the left.</summary>
    private static readonly HashSet<string> SaleEdges = new(StringComparer.Ordinal) { "sold_by", "bought_by", "also_bought" };

    public static IReadOnlyDictionary<string, NodePlace> Place(LinkageGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var neighbours = graph.Nodes.ToDictionary(n => n.Id, _ => new List<(string Id, string Kind)>(), StringComparer.Ordinal);
        foreach (var edge in graph.Edges.Where(e => neighbours.ContainsKey(e.From) && neighbours.ContainsKey(e.To)))
        {
            neighbours[edge.From].Add((edge.To, edge.Kind));
            neighbours[edge.To].Add((edge.From, edge.Kind));
        }

        // Breadth first from the root; the side is the first edge's (sale edges to the left), kept by every node beyond.
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        if (neighbours.ContainsKey(graph.Root))
        {
            column[graph.Root] = 0;
            queue.Enqueue(graph.Root);
        }

        while (queue.TryDequeue(out var id))
        {
            foreach (var (next, kind) in neighbours[id])
            {
                if (column.ContainsKey(next))
                {
                    continue;
                }

                var side = column[id] == 0 ? (SaleEdges.Contains(kind) ? -1 : 1) : Math.Sign(column[id]);
                column[next] = column[id] + side;
                queue.Enqueue(next);
            }
        }

        // Anything the root does not reach (it should not happen) stands in a column of its own at the far right.
        var unreached = column.Count == 0 ? 0 : column.Values.Max() + 1;
        foreach (var node in graph.Nodes.Where(n => !column.ContainsKey(n.Id)))
        {
            column[node.Id] = unreached;
        }

        var kinds = graph.Nodes.ToDictionary(n => n.Id, n => (n.Kind, n.Label), StringComparer.Ordinal);
        var row = new Dictionary<string, int>(StringComparer.Ordinal);
        // Columns nearest the root first, so that every node's nearer neighbours already have rows.
        foreach (var group in column.GroupBy(c => c.Value).OrderBy(g => Math.Abs(g.Key)).ThenBy(g => g.Key))
        {
            var ordered = group.Select(c => c.Key)
                .OrderBy(id => Barycentre(id, group.Key, neighbours, column, row))
                .ThenBy(id => kinds[id].Kind, StringComparer.Ordinal)
                .ThenBy(id => kinds[id].Label, StringComparer.Ordinal)
                .ThenBy(id => id, StringComparer.Ordinal)
                .ToArray();
            for (var i = 0; i < ordered.Length; i++)
            {
                row[ordered[i]] = i;
            }
        }

        return column.ToDictionary(c => c.Key, c => new NodePlace(c.Value, row[c.Key]), StringComparer.Ordinal);
    }

    private static double Barycentre(string id, int ownColumn, Dictionary<string, List<(string Id, string Kind)>> neighbours, Dictionary<string, int> column, Dictionary<string, int> row)
    {
        var nearer = neighbours[id].Where(n => Math.Abs(column[n.Id]) < Math.Abs(ownColumn) && row.ContainsKey(n.Id)).Select(n => (double)row[n.Id]).ToArray();
        return nearer.Length == 0 ? 0 : nearer.Average();
    }
}
