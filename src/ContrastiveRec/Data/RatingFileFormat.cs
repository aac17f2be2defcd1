namespace ContrastiveRec.Data;

/// <summary>
/// How a generic ratings or interaction file is read (<see cref="RatingFileReader"/>): the separator and which column
/// holds the user, the item, the rating and the time. Null members are found from the file: the separator from the
/// header line, the columns from the header's names (<see cref="InteractionFields"/>). A file read records the
/// format it was read with, every member found, so a model can re-read it the same way.
/// </summary>
public sealed record RatingFileFormat
{
    /// <summary>The field separator: ',', tab, ';' or '|'; null: the one the header line uses most.</summary>
    public char? Delimiter { get; init; }

    public string? UserColumn { get; init; }
    public string? ItemColumn { get; init; }

    /// <summary>The rating column; null: found from the header, and when there is none the file is implicit feedback.</summary>
    public string? RatingColumn { get; init; }

    /// <summary>The time column (Unix seconds, milliseconds or ISO 8601 dates); null: found from the header, or none.</summary>
    public string? TimestampColumn { get; init; }

    /// <summary>An item table (<see cref="ItemTable"/>) naming the items: their titles and categories.</summary>
    public string? ItemPath { get; init; }

    /// <summary>Read no rating even if a column looks like one: every row is an interaction.</summary>
    public bool NoRating { get; init; }

    /// <summary>Read no time even if a column looks like one.</summary>
    public bool NoTimestamp { get; init; }

    /// <summary>Whether the time column held milliseconds (found when read: any value beyond what a date can hold in
    /// seconds); times are kept in seconds.</summary>
    public bool? Milliseconds { get; init; }

    /// <summary>"{ Delimiter = ,, UserColumn = customer, ... }", without the type name (a CSV cell).</summary>
    public override string ToString() => RecordText.Of(PrintMembers);
}
