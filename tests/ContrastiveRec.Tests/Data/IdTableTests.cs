using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

public class IdTableTests
{
    [Fact]
    public void Text_ids_are_in_natural_order_whatever_the_input_order()
    {
        string[] given = ["u-10", "sku-10", "u-2", "sku-9", "u-1", "b", "a7", "a07", "a10"];
        var table = IdTable.FromTexts(given, out var indexOf);
        Assert.True(table.IsText);
        Assert.Equal(new object[] { "a07", "a7", "a10", "b", "sku-9", "sku-10", "u-1", "u-2", "u-10" }, table);
        for (var i = 0; i < given.Length; i++) Assert.Equal(given[i], table[indexOf[i]]);
        var shuffled = given.Reverse().ToArray();
        Assert.Equal(table, IdTable.FromTexts(shuffled, out _));
        // "u-<n>" ids fall in the order of their numbers.
        var users = Enumerable.Range(1, 120).Select(n => $"u-{n}").OrderBy(_ => Guid.NewGuid()).ToArray();
        Assert.Equal(Enumerable.Range(1, 120).Select(n => (object)$"u-{n}"), IdTable.FromTexts(users, out _));
    }

    [Theory]
    [InlineData(true, "1", "31", "-4", "2147483647")]
    [InlineData(false, "1", "007")]
    [InlineData(false, "1", "+3")]
    [InlineData(false, "1", " 5")]
    [InlineData(false, "1", "3.0")]
    [InlineData(false, "1", "2147483648")]
    [InlineData(false, "1", "-0")]
    [InlineData(false, "1", "c17")]
    public void Ids_are_numbers_only_when_every_text_is_an_int32_as_written(bool numeric, params string[] texts)
    {
        var table = IdTable.FromTexts(texts, out var indexOf);
        Assert.Equal(!numeric, table.IsText);
        for (var i = 0; i < texts.Length; i++)
            Assert.Equal(numeric ? int.Parse(texts[i]) : texts[i], table[indexOf[i]]); // text kept exactly as given ("007")
        if (numeric) Assert.Equal(table.Select(id => (int)id).Order(), table.Select(id => (int)id)); // ascending by value
    }

    [Fact]
    public void A_numeric_table_finds_ids_given_as_any_whole_number_or_as_text()
    {
        var table = IdTable.OfNumbers([1, 31, 400]);
        foreach (var id in new object[] { 31, 31L, (short)31, (byte)31, 31.0, 31m, "31", 31f })
        {
            Assert.True(table.TryGetIndex(id, out var i), $"{id} ({id.GetType().Name})");
            Assert.Equal(1, i);
        }
        foreach (var id in new object?[] { 31.5, "c31", 5_000_000_000L, null, new object(), 2 })
            Assert.False(table.TryGetIndex(id, out _), $"{id}");
        Assert.Equal("1|31|400", table.ToString());
        Assert.Equal(31, table[1]);
        Assert.Equal("31", table.TextAt(1));
    }

    [Fact]
    public void A_text_table_finds_text_as_given_and_numbers_by_their_text()
    {
        var table = IdTable.FromTexts(["007", "7", "x"], out _);
        Assert.True(table.TryGetIndex(7, out var seven));
        Assert.Equal("7", table[seven]);
        Assert.True(table.TryGetIndex(7L, out var again));
        Assert.Equal(seven, again);
        Assert.True(table.TryGetIndex("007", out var padded));
        Assert.Equal("007", table[padded]);
        Assert.False(table.TryGetIndex("X", out _)); // ids are case-sensitive, as given
        Assert.Equal("007|7|x", table.ToString());
    }

    [Fact]
    public void Tables_are_equal_only_with_the_same_ids_of_the_same_kind_in_the_same_order()
    {
        var numbers = IdTable.OfNumbers([1, 2]);
        Assert.True(numbers.SameIds(IdTable.FromTexts(["2", "1"], out _)));
        Assert.False(numbers.SameIds(IdTable.OfTexts(["1", "2"])));
        Assert.False(numbers.SameIds(IdTable.OfNumbers([1, 3])));
        Assert.True(IdTable.OfTexts(["a", "b"]).SameIds(IdTable.FromTexts(["b", "a"], out _)));
        Assert.False(IdTable.OfTexts(["a", "b"]).SameIds(IdTable.OfTexts(["a", "c"])));
    }
}
