using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;
using ContrastiveRec.Experiments;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// The properties PowerShell shows of a <see cref="ComparisonRow"/>: the comparison table's columns
/// (<see cref="ComparisonTable.Columns"/>: Model, StudyRecallAt10, ..., FullRecallAt20StdDev, ..., TrainSeconds), so
/// <c>$rows | Export-Csv</c> writes the very columns and values of Invoke-StrategyComparison -Path's CSV, and
/// Sort-Object or Where-Object reach any measure by its name. Registered in ContrastiveRec.Types.ps1xml.
/// </summary>
/// <remarks>
/// Export-Csv writes every property it finds listed, so the row's lists (Measures, Results) would each be one packed
/// cell: they are found by name (<c>$row.Measures</c>, and a hashtable cast sets them) but not listed, as a hidden
/// member is. A types-file member could add the columns but not take the lists out of the listing. The row's methods
/// stay the .NET object's (<c>$row.Recall('Full', 20)</c>).
/// </remarks>
public sealed class ComparisonRowAdapter : PSPropertyAdapter
{
    private static readonly Dictionary<string, ComparisonColumn> Columns =
        ComparisonTable.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public override Collection<PSAdaptedProperty> GetProperties(object baseObject) =>
        new(ComparisonTable.Columns.Select(c => new PSAdaptedProperty(c.Name, c)).ToList());

    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName) =>
        Columns.TryGetValue(propertyName, out var column) ? new PSAdaptedProperty(column.Name, column)
        : DotNet(propertyName) is { } property ? new PSAdaptedProperty(property.Name, property)
        : null;

    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    // A column settable where the row has a property of its name (Model, Seeds, ...), so [ComparisonRow]@{...} builds one.
    public override bool IsSettable(PSAdaptedProperty adaptedProperty) => Setter(adaptedProperty) is not null;

    public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty) => adaptedProperty.Tag switch
    {
        ComparisonColumn column => column.Value((ComparisonRow)adaptedProperty.BaseObject),
        var property => ((PropertyInfo)property).GetValue(adaptedProperty.BaseObject),
    };

    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value)
    {
        var property = Setter(adaptedProperty) ?? throw new NotSupportedException($"A comparison row's {adaptedProperty.Name} is read-only.");
        property.SetValue(adaptedProperty.BaseObject, LanguagePrimitives.ConvertTo(value, property.PropertyType, null));
    }

    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty) => adaptedProperty.Tag switch
    {
        ComparisonColumn column => column.ValueType.FullName!,
        var property => ((PropertyInfo)property).PropertyType.FullName!,
    };

    private static PropertyInfo? DotNet(string name) =>
        typeof(ComparisonRow).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);

    private static PropertyInfo? Setter(PSAdaptedProperty adaptedProperty) =>
        (adaptedProperty.Tag as PropertyInfo ?? DotNet(adaptedProperty.Name)) is { CanWrite: true } property ? property : null;
}
