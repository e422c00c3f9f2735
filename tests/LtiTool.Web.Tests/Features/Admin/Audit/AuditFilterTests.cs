using LtiTool.Web.Features.Admin.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>How the filters read dates and how a filter is written back into links (it must read the same).</summary>
public sealed class AuditFilterTests
{
    private static AuditFilter Read(string query)
    {
        var (filter, errors) = AuditFilter.Read(new QueryCollection(QueryHelpers.ParseQuery(query)));
        Assert.Empty(errors);
        return filter!;
    }

    [Theory]
    [InlineData("from=2026-11-01", "2026-11-01T00:00:00", null)]
    [InlineData("to=2026-11-30", null, "2026-12-01T00:00:00")]
    [InlineData("from=2026-11-01T08:30&to=2026-11-01T17:00:00Z", "2026-11-01T08:30:00", "2026-11-01T17:00:00.0000001")]
    [InlineData("from=2026-11-01T08:30:00%2B02:00", "2026-11-01T06:30:00", null)]
    [InlineData("from=2026-11-01 08:30", "2026-11-01T08:30:00", null)]
    public void Read_Dates_AreUtcAndTheEndIsInclusive(string query, string? from, string? until)
    {
        var filter = Read(query);

        Assert.Equal(from is null ? null : DateTime.SpecifyKind(DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), filter.From);
        Assert.Equal(until is null ? null : DateTime.SpecifyKind(DateTime.Parse(until, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), filter.Until);
        Assert.All(new[] { filter.From, filter.Until }.OfType<DateTime>(), d => Assert.Equal(DateTimeKind.Utc, d.Kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData("action=grade.&actor=Ada Lovelace&target=col/stu&adminOnly=true&page=3")]
    [InlineData("actor=00000000-0000-4000-8000-0000000000a1&contextId=00000000-0000-4000-8000-0000000000c1")]
    [InlineData("from=2026-11-01&to=2026-11-30")]
    [InlineData("from=2026-11-01T08:30:15.25Z&to=2026-11-02T00:00:00Z")]
    public void ToQueryString_ReadsBackAsTheSameFilter(string query)
    {
        var filter = Read(query);

        Assert.Equal(filter, Read(filter.ToQueryString(filter.Page)));
    }
}
