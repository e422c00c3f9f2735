using System.Net;
using System.Text;
using LtiTool.Web.Features.Admin.Audit;
using static LtiTool.Web.Tests.Features.Admin.Audit.AuditSeed;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>The CSV exports: RFC 4180 quoting, formula neutralisation, UTF-8, the file name, and the filter.</summary>
public sealed class AuditCsvTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    public void Cell_Value_IsQuotedAndNeutralised(string? value, string expected) => Assert.Equal(expected, AuditCsv.Cell(value));

    [Fact]
    public async Task Export_HostileValues_AreQuotedNeutralisedAndRoundTrip()
    {
        await AddAsync(_app,
            Entry(Day(20, 8), "grade.change", "=cmd|' /C calc'!A0", Guid.Parse("00000000-0000-4000-8000-0000000000a1"), "a,b \"c\"\r\nd",
                roles: "+Teacher", before: """{"comment":"Zoë, \"ok\""}""", after: "-1", correlationId: "@x"),
            Entry(Day(21, 9, 30), "key.rotate", "\tcli", adminRights: true, platformId: null, roles: null));
        var admin = await ToolWideAdminAsync(_app);

        var response = await admin.GetAsync("/api/admin/audit.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment; filename=\"ltitool-audit-20261123.csv\"", Assert.Single(response.Content.Headers.GetValues("Content-Disposition")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var records = ParseCsv(text);

        Assert.Equal(string.Join(',', AuditApi.LogHeader), text[..text.IndexOf("\r\n", StringComparison.Ordinal)]);
        Assert.Equal(3, records.Count);
        var header = records[0].ToList();
        string Cell(string[] record, string column) => record[header.IndexOf(column)];
        var newest = records[1];
        Assert.Equal("2026-11-21T09:30:00.000Z", Cell(newest, "at"));
        Assert.Equal("'\tcli", Cell(newest, "actor_name"));
        Assert.Equal("true", Cell(newest, "admin_rights"));
        Assert.Equal("", Cell(newest, "actor_user_id"));
        var hostile = records[2];
        Assert.Equal("'=cmd|' /C calc'!A0", Cell(hostile, "actor_name"));
        Assert.Equal("a,b \"c\"\r\nd", Cell(hostile, "target"));
        Assert.Equal("'+Teacher", Cell(hostile, "actor_roles"));
        Assert.Equal("""{"comment":"Zoë, \"ok\""}""", Cell(hostile, "before"));
        Assert.Equal("'-1", Cell(hostile, "after"));
        Assert.Equal("'@x", Cell(hostile, "correlation_id"));
        Assert.Equal("00000000-0000-4000-8000-0000000000a1", Cell(hostile, "actor_user_id"));
        Assert.Equal("false", Cell(hostile, "admin_rights"));
        Assert.All(records, r => Assert.Equal(AuditApi.LogHeader.Count, r.Length));
    }

    [Fact]
    public async Task Export_Filter_WritesOnlyTheMatchingEntries_AllOfThemUnpaged()
    {
        await AddAsync(_app, Enumerable.Range(0, 130).Select(i => Entry(Day(5).AddMinutes(i), "grade.push", "Ada", target: $"t{i}")).ToArray());
        await AddAsync(_app, Entry(Day(6), "key.rotate", "Root", adminRights: true));
        var admin = await ToolWideAdminAsync(_app);

        var records = ParseCsv(Encoding.UTF8.GetString((await admin.GetByteArrayAsync("/api/admin/audit.csv?action=grade.&page=2"))[3..]));

        Assert.Equal(131, records.Count);
        Assert.All(records.Skip(1), r => Assert.Equal("grade.push", r[1]));
        Assert.Equal("t129", records[1][2]);
        Assert.Equal("t0", records[^1][2]);
    }
}
