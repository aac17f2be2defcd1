using System.Text;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// Text helpers for the views in ContrastiveRec.Format.ps1xml. PowerShell wraps a table cell or a list value at
/// the column's edge, mid-word ("contrastive term (we" / "ight 0.1)"); a value broken here at spaces wraps cleanly.
/// </summary>
public static class ViewText
{
    /// <summary>The text with line breaks at spaces so that no line is longer than <paramref name="width"/>
    /// (a single longer word keeps its own line and is left to the host).</summary>
    public static string Wrap(string? text, int width)
    {
        if (string.IsNullOrEmpty(text) || width < 1 || text.Length <= width) return text ?? "";
        var result = new StringBuilder(text.Length + 8);
        var line = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line > 0 && line + 1 + word.Length > width) { result.Append('\n'); line = 0; }
            else if (line > 0) { result.Append(' '); line++; }
            result.Append(word);
            line += word.Length;
        }
        return result.ToString();
    }

    /// <summary>The text cut to <paramref name="width"/> with "…" at the end when longer: for a cell in a row that wraps,
    /// where one long word (a folder name) would otherwise be broken across lines.</summary>
    public static string Cut(string? text, int width) =>
        string.IsNullOrEmpty(text) || text.Length <= width || width < 1 ? text ?? "" : text[..(width - 1)] + "…";
}
