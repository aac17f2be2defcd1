using System.Globalization;
using System.Text;

namespace ContrastiveRec;

/// <summary>
/// A record's text without its type name: "{ Epochs = 20, BatchSize = 512, ... }", numbers in invariant culture.
/// </summary>
/// <remarks>
/// A record prints as "TrainingOptions { ... }", and PowerShell's Export-Csv writes a property as its ToString(), so
/// the type name landed in the cell. The members are the compiler's PrintMembers, so a new property is written
/// without more code.
/// </remarks>
internal static class RecordText
{
    public static string Of(Func<StringBuilder, bool> printMembers)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // PrintMembers appends numbers in the current culture
        try
        {
            var text = new StringBuilder("{ ");
            if (printMembers(text)) text.Append(' ');
            return text.Append('}').ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
