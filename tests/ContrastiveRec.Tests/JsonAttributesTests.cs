using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests;

/// <summary>
/// PowerShell's ConvertTo-Json (Newtonsoft.Json underneath) writes an enum as a number unless the enum type names a
/// string converter; the cmdlets show names, so JSON must too. A new public enum without the attribute fails here.
/// </summary>
public class JsonAttributesTests
{
    [Fact]
    public void Every_public_enum_of_the_core_is_written_by_name()
    {
        var enums = typeof(RatingSet).Assembly.GetExportedTypes().Where(t => t.IsEnum).ToList();
        Assert.NotEmpty(enums);
        var unnamed = enums.Where(t => !t.GetCustomAttributes(typeof(Newtonsoft.Json.JsonConverterAttribute), false)
            .Cast<Newtonsoft.Json.JsonConverterAttribute>().Any(a => a.ConverterType == typeof(Newtonsoft.Json.Converters.StringEnumConverter)));
        Assert.Empty(unnamed.Select(t => t.FullName));
    }

    [Fact]
    public void Newtonsoft_writes_them_by_name_and_leaves_a_sets_ids_out_when_nested()
    {
        Assert.Equal("\"UserMovie\"", Newtonsoft.Json.JsonConvert.SerializeObject(ContrastiveRec.Training.TrainingObjective.UserMovie));
        using var files = new TestRatings();
        var set = files.Write(new (int, int, double)[] { (1, 10, 4.0), (2, 20, 3.0) });
        var json = Newtonsoft.Json.JsonConvert.SerializeObject(new { Set = set });
        Assert.DoesNotContain("UserIds", json);
        Assert.DoesNotContain("MovieIds", json);
        Assert.Contains("\"UserCount\":2", json);
    }
}
