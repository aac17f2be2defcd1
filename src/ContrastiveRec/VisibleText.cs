using System.Globalization;
using System.Text;

namespace ContrastiveRec;

/// <summary>Text shown in a message with what a terminal would not show escaped as \uXXXX: control characters (a NUL, a
/// stray carriage return), format characters (a byte-order mark, a zero-width space) and spaces other than the plain
/// one (a no-break space). Printed as they are, the field looks fine and the message reads as nonsense.</summary>
public static class VisibleText
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(Invisible)) return text;
        var shown = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            if (Invisible(c)) shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else shown.Append(c);
        return shown.ToString();
    }

    private static bool Invisible(char c) => c != ' ' && CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
