using Ballistics.Intelligence.Linkage;
using Ballistics.Reports.Texts;

namespace Ballistics.Reports.Linkage;

/// <summary>
/// A linkage graph's words in a reader's language: each lead to follow says why in that language, from its reason code
/// and facts (the catalogue's <c>linkage.why.CODE</c>). Ids, kinds and codes stay as they are.
/// </summary>
public static class LinkageTexts
{
    public static LinkageGraph InLanguage(LinkageGraph graph, Language language)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var words = new ReportWords(language);
        return graph with { Leads = [.. graph.Leads.Select(lead => lead.Reason is { } reason ? lead with { Why = words.Format($"linkage.why.{reason}", [.. lead.Facts]) } : lead)] };
    }
}
