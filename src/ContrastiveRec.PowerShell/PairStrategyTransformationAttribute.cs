using System.Management.Automation;
using ContrastiveRec.Pairs;

namespace ContrastiveRec.PowerShell;

/// <summary>Lets -Strategy take a preset number (1-4) as well as a PairStrategy from New-PairStrategy.</summary>
public sealed class PairStrategyTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        switch (value)
        {
            case PairStrategy strategy:
                return strategy;
            case string name when name.Trim().Equals("Sampled", StringComparison.OrdinalIgnoreCase):
                return PairStrategy.SampledNegatives; // the strategy for implicit data
            case int or long or short or byte or double or float or decimal or string:
                var notStrategy = $"'{value}' is not a strategy: use a preset number 1, 2, 3 or 4, Sampled (for implicit data), or New-PairStrategy.";
                if (!int.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out var preset))
                    throw new ArgumentTransformationMetadataException(notStrategy);
                try
                {
                    return PairStrategy.FromPreset(preset);
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new ArgumentTransformationMetadataException(notStrategy, e);
                }
            default:
                throw new ArgumentTransformationMetadataException($"A {value?.GetType().Name ?? "null"} is not a strategy: use a preset number 1-4, Sampled or New-PairStrategy.");
        }
    }
}
