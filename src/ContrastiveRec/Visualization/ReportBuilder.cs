using System.Globalization;
using System.Net;
using System.Text;
using ContrastiveRec.Analysis;

namespace ContrastiveRec.Visualization;

/// <summary>
/// A self-contained HTML page of a strategy comparison, laid out as the study lays out its figures: per strategy its
/// t-SNE map of users, its clusters' top-movie tables and a caption; then the analysis, a recall chart and a results
/// table. Images are embedded as base64 data URIs, so the one file can be mailed or archived. Each image is shown at its
/// own pixel size (smaller only in a window narrower than the page), so its text reads at the size it was drawn.
/// </summary>
public sealed class ReportBuilder
{
    private sealed record Strategy(string Name, byte[] Map, IReadOnlyList<ClusterTopMovie> TopMovies, string? Caption, string? Description);

    private readonly List<Strategy> _strategies = [];
    private (IReadOnlyList<string> Columns, List<IReadOnlyList<object?>> Rows, string? Caption, bool[] Right, string? Note)? _table;
    private (byte[] Png, string? Caption)? _recallChart;
    private IReadOnlyList<(string Group, IReadOnlyList<(string Name, string Value)> Items)>? _settings;
    private readonly List<Panel> _panels = [];

    private sealed record Panel(string Id, string Heading, byte[]? Png, string? Caption, IReadOnlyList<string>? Columns,
        List<IReadOnlyList<object?>>? Rows, bool[]? Right, string? Note);

    public ReportBuilder(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    public string Title { get; }

    /// <summary>A paragraph under the title (plain text).</summary>
    public string? Introduction { get; set; }

    /// <summary>When the page says it was made; fixed in tests for reproducible pages.</summary>
    public DateTimeOffset GeneratedAt { get; set; } = DateTimeOffset.Now;

    /// <summary>The results table (e.g. recall@K per strategy and the filtered set sizes): any columns, rows of cells.</summary>
    /// <param name="alignRight">Per column, whether its heading and cells are right-aligned (figures); by default a column
    /// is when every cell is a number, so give it for figures formatted as text ("6.25 ± 1.00", "n/a").</param>
    /// <param name="note">A footnote under the table (plain text), e.g. what "n/a" means.</param>
    public ReportBuilder SetResultsTable(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null,
        IReadOnlyList<bool>? alignRight = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0) throw new ArgumentException("The results table needs at least one column.", nameof(columns));
        var list = rows.ToList();
        for (var i = 0; i < list.Count; i++)
            if (list[i] is null || list[i].Count != columns.Count)
                throw new ArgumentException($"Row {i} has {list[i]?.Count ?? 0} cells; the table has {columns.Count} columns.", nameof(rows));
        if (alignRight is not null && alignRight.Count != columns.Count)
            throw new ArgumentException($"{alignRight.Count} alignments for {columns.Count} columns.", nameof(alignRight));
        var right = alignRight?.ToArray()
            ?? Enumerable.Range(0, columns.Count).Select(c => list.Count > 0 && list.All(r => r[c] is null || IsNumber(r[c]))).ToArray();
        _table = (columns.ToArray(), list, caption, right, note);
        return this;
    }

    /// <summary>The run's settings, shown under the introduction: groups ("Data", "Split"...) of (setting, value) pairs, plain text.</summary>
    public ReportBuilder SetSettings(IEnumerable<(string Group, IReadOnlyList<(string Name, string Value)> Items)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.ToList();
        if (list.Any(g => string.IsNullOrWhiteSpace(g.Group) || g.Items is null))
            throw new ArgumentException("Every settings group needs a name and its items.", nameof(groups));
        _settings = list;
        return this;
    }

    /// <summary>The recall chart, a PNG such as <see cref="RecallChart.RenderPng"/> draws.</summary>
    public ReportBuilder SetRecallChart(byte[] png, string? caption = null)
    {
        _recallChart = (CheckPng(png, nameof(png)), caption);
        return this;
    }

    /// <summary>A panel of the analysis, after the results table: a heading, a chart (PNG) and its caption, and a table
    /// of figures (columns right-aligned where every cell is a number, as <see cref="SetResultsTable"/>'s); any may be left
    /// out but the heading. <paramref name="id"/> names the panel's section (an HTML id: letters, digits and '-').</summary>
    public ReportBuilder AddPanel(string id, string heading, byte[]? png = null, string? caption = null,
        IReadOnlyList<string>? columns = null, IEnumerable<IReadOnlyList<object?>>? rows = null, string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(heading);
        if (string.IsNullOrEmpty(id) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new ArgumentException($"A panel's id is letters, digits and '-' ('{id}').", nameof(id));
        if (png is not null) CheckPng(png, nameof(png));
        var list = rows?.ToList();
        if ((columns is null) != (list is null)) throw new ArgumentException("A panel's table needs both its columns and its rows.", nameof(rows));
        bool[]? right = null;
        if (columns is not null)
        {
            for (var i = 0; i < list!.Count; i++)
                if (list[i] is null || list[i].Count != columns.Count)
                    throw new ArgumentException($"Row {i} has {list[i]?.Count ?? 0} cells; the table has {columns.Count} columns.", nameof(rows));
            right = Enumerable.Range(0, columns.Count).Select(c => list.Count > 0 && list.All(r => r[c] is null || IsNumber(r[c]) || r[c] is string t && IsFigure(t))).ToArray();
        }
        _panels.Add(new Panel(id, heading, png, caption, columns?.ToArray(), list, right, note));
        return this;
    }

    /// <summary>A strategy's figure: its t-SNE map (PNG) and its clusters' top movies (from <see cref="ClusterTopMovies.Compute"/>).</summary>
    public ReportBuilder AddStrategy(string name, byte[] mapPng, IEnumerable<ClusterTopMovie> topMovies, string? caption = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(topMovies);
        _strategies.Add(new Strategy(name, CheckPng(mapPng, nameof(mapPng)), topMovies.ToList(), caption, description));
        return this;
    }

    public string ToHtml()
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<title>").Append(E(Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        h.Append("<h1>").Append(E(Title)).Append("</h1>\n");
        if (!string.IsNullOrWhiteSpace(Introduction)) h.Append("<p class=\"intro\">").Append(E(Introduction)).Append("</p>\n");
        if (_settings is { Count: > 0 } settings)
        {
            h.Append("<section class=\"settings\">\n<h2>Settings</h2>\n<div class=\"grid\">\n");
            foreach (var (group, items) in settings)
            {
                h.Append("<table class=\"settings\">\n<caption>").Append(E(group)).Append("</caption>\n<tbody>\n");
                foreach (var (name, value) in items)
                    h.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
                h.Append("</tbody>\n</table>\n");
            }
            h.Append("</div>\n</section>\n");
        }

        foreach (var s in _strategies)
        {
            h.Append("<section class=\"strategy\">\n<h2>").Append(E(s.Name)).Append("</h2>\n");
            if (!string.IsNullOrWhiteSpace(s.Description)) h.Append("<p>").Append(E(s.Description)).Append("</p>\n");
            // The map on a row of its own at its own size, the clusters' tables under it: beside the tables it was
            // scaled to half the page, and its text to 6-8 px.
            h.Append("<figure class=\"map\">");
            Image(h, s.Map, $"t-SNE map of users, {s.Name}");
            h.Append("</figure>\n<div class=\"movies\">\n");
            TopMovies(h, s.TopMovies);
            h.Append("</div>\n<p class=\"caption\">")
                .Append(E(s.Caption ?? $"Learned user embedding clusters and top movies using {s.Name}.")).Append("</p>\n</section>\n");
        }

        if (_recallChart is not null || _table is not null || _panels.Count > 0)
        {
            h.Append("<section class=\"analysis\">\n<h2>Analysis</h2>\n");
            if (_recallChart is { } chart)
            {
                h.Append("<figure class=\"chart\">");
                Image(h, chart.Png, "recall@K per strategy");
                h.Append("</figure>\n");
                if (chart.Caption is not null) h.Append("<p class=\"caption\">").Append(E(chart.Caption)).Append("</p>\n");
            }
            if (_table is { } t) Table(h, t.Columns, t.Rows, t.Caption, t.Right, t.Note);
            foreach (var p in _panels)
            {
                h.Append("<section class=\"panel\" id=\"").Append(p.Id).Append("\">\n<h3>").Append(E(p.Heading)).Append("</h3>\n");
                if (p.Png is not null)
                {
                    h.Append("<figure class=\"chart\">");
                    Image(h, p.Png, p.Heading);
                    h.Append("</figure>\n");
                }
                if (p.Caption is not null) h.Append("<p class=\"caption\">").Append(E(p.Caption)).Append("</p>\n");
                if (p.Columns is not null) Table(h, p.Columns, p.Rows!, null, p.Right!, p.Note, "figures");
                h.Append("</section>\n");
            }
            h.Append("</section>\n");
        }
        h.Append("<footer>Made by ContrastiveRec on ")
            .Append(E(GeneratedAt.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture))).Append(".</footer>\n");
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>Writes the page (UTF-8) through a temporary file renamed over the target.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToHtml());

    private static void TopMovies(StringBuilder h, IReadOnlyList<ClusterTopMovie> rows)
    {
        if (rows.Count == 0)
        {
            h.Append("<p class=\"none\">No cluster has a movie enough of its users liked.</p>\n");
            return;
        }
        foreach (var cluster in rows.GroupBy(r => r.Cluster).OrderBy(g => g.Key))
        {
            var first = cluster.First();
            var popular = cluster.Count(r => r.IsPopular);
            h.Append("<table class=\"top\">\n<caption><span class=\"swatch\" style=\"background:")
                .Append(Charts.HexOf(cluster.Key)).Append("\"></span>")
                .Append(CultureInfo.InvariantCulture, $"Cluster {cluster.Key} · {first.ClusterSize:N0} users · {popular} of {cluster.Count()} among the most-rated")
                .Append("</caption>\n<thead><tr><th>#</th><th>Movie</th><th>Genres</th><th class=\"n\" title=\"share of the cluster who liked it over the share of everyone who did\">Lift</th><th class=\"n\" title=\"members who liked it\">Likes</th><th class=\"n\" title=\"mean of the members' ratings\">Mean</th></tr></thead>\n<tbody>\n");
            foreach (var r in cluster.OrderBy(r => r.Rank))
            {
                h.Append(r.IsPopular ? "<tr class=\"popular\">" : "<tr>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{r.Rank}</td><td>")
                    .Append(E(r.Title)).Append(r.IsPopular ? " <span class=\"tag\" title=\"among the set's most-rated movies\">popular</span>" : "")
                    .Append("</td><td class=\"genres\">").Append(E(string.Join(", ", r.Genres)))
                    .Append(CultureInfo.InvariantCulture, $"</td><td class=\"n\">{r.Lift:0.0}</td><td class=\"n\">{r.Likes:N0}</td><td class=\"n\">{r.MeanRating:0.00}</td></tr>\n");
            }
            h.Append("</tbody>\n</table>\n");
        }
    }

    private static void Table(StringBuilder h, IReadOnlyList<string> columns, List<IReadOnlyList<object?>> rows, string? caption, bool[] right, string? note,
        string cssClass = "results")
    {
        // In a box of its own that scrolls across in a window too narrow for it, rather than widening the page.
        h.Append("<div class=\"wide\">\n<table class=\"").Append(cssClass).Append("\">\n");
        if (caption is not null) h.Append("<caption>").Append(E(caption)).Append("</caption>\n");
        h.Append("<thead><tr>");
        for (var c = 0; c < columns.Count; c++) h.Append(right[c] ? "<th class=\"n\">" : "<th>").Append(E(columns[c])).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            for (var c = 0; c < row.Count; c++)
                h.Append(right[c] ? "<td class=\"n\">" : "<td>").Append(E(Format(row[c]))).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n</div>\n");
        if (!string.IsNullOrWhiteSpace(note)) h.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
    }

    // Width and height as the image's own pixels, so the page shows it at that size (CSS only shrinks it to a narrow window).
    private static void Image(StringBuilder h, byte[] png, string alt)
    {
        var (width, height) = PngSize(png);
        h.Append(CultureInfo.InvariantCulture, $"<img width=\"{width}\" height=\"{height}\" alt=\"").Append(E(alt))
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">");
    }

    /// <summary>A PNG's size from its header (the IHDR chunk: width and height, big-endian, at bytes 16 and 20).</summary>
    internal static (int Width, int Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

    // A figure written as text: "6.25", "6.25 ± 1.00", "n/a", "+1.2 *".
    private static bool IsFigure(string text) => System.Text.RegularExpressions.Regex.IsMatch(text, @"^(n/a|[-+−]?[\d.,]+%?( ± [\d.,]+%?)?( \*)?)$");

    private static bool IsNumber(object? cell) => cell is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static string Format(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString("#,0.####", CultureInfo.InvariantCulture),
        float f => f.ToString("#,0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(IsNumber(cell) ? "#,0.####" : null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static byte[] CheckPng(byte[] png, string name)
    {
        ArgumentNullException.ThrowIfNull(png, name);
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, signature.Length).SequenceEqual(signature))
            throw new ArgumentException("The image is not a PNG.", name);
        return png;
    }

    private const string Css = """
        body { margin: 0; background: #fff; color: #222; font: 15px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1160px; margin: 0 auto; padding: 24px 20px 40px; }
        h1 { font-size: 28px; margin: 0 0 8px; }
        h2 { font-size: 21px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        .intro { color: #444; }
        figure { margin: 8px 0; }
        .movies { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 4px 24px; margin-top: 8px; }
        img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
        .caption { text-align: center; color: #555; font-size: 14px; margin: 6px 0 0; }
        table { border-collapse: collapse; width: 100%; margin: 0 0 12px; font-size: 14px; }
        caption { text-align: left; font-weight: bold; padding: 2px 0 4px; }
        th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f5f5f5; }
        td.n, th.n { text-align: right; white-space: nowrap; }
        td.genres { color: #666; font-size: 14px; }
        .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px; vertical-align: -1px; }
        .tag { font-size: 10px; background: #fde8c8; color: #8a4b00; border-radius: 3px; padding: 0 4px; white-space: nowrap; }
        table.results { width: auto; min-width: 60%; margin: 16px auto 4px; font-size: 14px; }
        table.results th { vertical-align: bottom; white-space: normal; }
        table.results td:not(.n) { min-width: 11em; }
        .wide { overflow-x: auto; }
        table.results td.n { font-variant-numeric: tabular-nums; }
        .note { color: #555; font-size: 14px; margin: 0 auto 12px; max-width: 900px; }
        .settings .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 4px 24px; }
        table.settings { font-size: 14px; }
        table.settings th { background: none; font-weight: normal; color: #555; width: 50%; }
        h3 { font-size: 18px; margin: 28px 0 6px; }
        table.figures { width: auto; min-width: 50%; margin: 12px auto 4px; font-size: 14px; }
        table.figures td.n { font-variant-numeric: tabular-nums; }
        footer { margin-top: 32px; color: #888; font-size: 12px; }
        """;
}
