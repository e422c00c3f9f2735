using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using LtiTool.Web.Features.Admin.Audit;
using static LtiTool.Web.Tests.Features.Admin.Audit.AuditSeed;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>
/// The access review: the period's admin-rights entries grouped by person and platform (a renamed user stays
/// one row; the command line is one row by name), with counts, first and last use and the distinct actions.
/// </summary>
public sealed class AccessReviewTests : IDisposable
{
    private static readonly Guid Root = Guid.Parse("00000000-0000-4000-8000-0000000000a2");
    private static readonly Guid Dana = Guid.Parse("00000000-0000-4000-8000-0000000000a4");
    private static readonly Guid Ada = Guid.Parse("00000000-0000-4000-8000-0000000000a1");

    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task SeedAsync() => AddAsync(_app,
        Entry(Day(2, 9), "platform.add", "Root Admin", Root, "p9", adminRights: true),
        Entry(Day(5, 10), "key.rotate", "Root Admin", Root, "kid-2", adminRights: true),
        Entry(Day(7, 11), "platform.add", "Root Administrator", Root, "p10", adminRights: true),
        Entry(Day(8, 12), "platform.disable", "Root Other", Root, "p3", adminRights: true, platformId: "p2"),
        Entry(Day(3, 8), "deployment.approve", "Deputy Dana", Dana, "d1", adminRights: true),
        Entry(Day(4, 7), "key.rotate", "cli", null, "kid-1", adminRights: true, platformId: null, roles: null),
        Entry(Day(6, 6), "key.import", "cli", null, "kid-3", adminRights: true, platformId: null, roles: null),
        Entry(Day(4, 12), "grade.change", "Ada Instructor", Ada, "c/s", roles: "Teacher"),
        Entry(new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc), "platform.add", "Old Admin", Guid.NewGuid(), "p0", adminRights: true),
        Entry(Day(1).AddTicks(-1), "platform.add", "Late October", Guid.NewGuid(), "p0", adminRights: true));

    [Fact]
    public async Task AccessReviewPage_Period_OneRowPerPersonAndPlatform()
    {
        await SeedAsync();
        var admin = await ToolWideAdminAsync(_app);

        var response = await admin.GetAsync("/admin/audit/access-review?from=2026-11-01&to=2026-11-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var rows = page.QuerySelectorAll("table.access-review tbody tr").Select(r => new
        {
            Name = r.QuerySelector(".actor-name")!.TextContent,
            Id = r.QuerySelector(".actor-id")?.TextContent,
            Platform = r.QuerySelector(".actor-platform")!.TextContent,
            Actions = r.QuerySelector(".actions")!.TextContent,
            First = r.QuerySelector(".first")!.TextContent,
            Last = r.QuerySelector(".last")!.TextContent,
            What = string.Join(' ', r.QuerySelectorAll(".distinct-actions .action").Select(a => a.TextContent)),
            Link = r.QuerySelector(".actor-name")!.GetAttribute("href"),
        }).ToList();

        Assert.Equal(["cli", "Deputy Dana", "Root Administrator", "Root Other"], rows.Select(r => r.Name));
        var cli = rows[0];
        Assert.Null(cli.Id);
        Assert.Equal("no platform", cli.Platform);
        Assert.Equal(("2", "2026-11-04 07:00", "2026-11-06 06:00", "key.import key.rotate"), (cli.Actions, cli.First, cli.Last, cli.What));
        var root = rows[2];
        Assert.Equal(Root.ToString(), root.Id);
        Assert.Equal("p1", root.Platform);
        Assert.Equal(("3", "2026-11-02 09:00", "2026-11-07 11:00", "key.rotate platform.add"), (root.Actions, root.First, root.Last, root.What));
        Assert.Equal(("p2", "1"), (rows[3].Platform, rows[3].Actions));
        Assert.Equal($"/admin/audit?actor={Root}&from=2026-11-01&to=2026-11-30&adminOnly=true", root.Link);
        Assert.Equal("/api/admin/audit/access-review.csv?from=2026-11-01&to=2026-11-30",
            page.QuerySelector("#export")!.GetAttribute("href"));

        // The row's link lists exactly that person's admin actions in the period.
        var entries = new HtmlParser().ParseDocument(await admin.GetStringAsync(root.Link));
        Assert.Equal(["p3", "p10", "kid-2", "p9"], entries.QuerySelectorAll("table.audit .target").Select(t => t.TextContent));
    }

    [Fact]
    public async Task AccessReviewCsv_Period_SameRowsAsThePage()
    {
        await SeedAsync();
        var admin = await ToolWideAdminAsync(_app);

        var response = await admin.GetAsync("/api/admin/audit/access-review.csv?from=2026-11-01&to=2026-11-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"ltitool-access-review-20261123.csv\"", Assert.Single(response.Content.Headers.GetValues("Content-Disposition")));
        var records = ParseCsv(Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]));
        Assert.Equal(AuditApi.ReviewHeader, records[0]);
        Assert.Equal(5, records.Count);
        Assert.Equal(["", "cli", "", "", "2", "2026-11-04T07:00:00.000Z", "2026-11-06T06:00:00.000Z", "key.import key.rotate"], records[1]);
        Assert.Equal([Dana.ToString(), "Deputy Dana", "p1", "", "1", "2026-11-03T08:00:00.000Z", "2026-11-03T08:00:00.000Z", "deployment.approve"], records[2]);
        Assert.Equal([Root.ToString(), "Root Administrator", "p1", "", "3", "2026-11-02T09:00:00.000Z", "2026-11-07T11:00:00.000Z", "key.rotate platform.add"],
            records[3]);
    }

    [Fact]
    public async Task AccessReview_NoPeriod_CoversEveryAdminEntry()
    {
        await SeedAsync();
        var admin = await ToolWideAdminAsync(_app);

        var records = ParseCsv(Encoding.UTF8.GetString((await admin.GetByteArrayAsync("/api/admin/audit/access-review.csv"))[3..]));

        Assert.Equal(["cli", "Deputy Dana", "Late October", "Old Admin", "Root Administrator", "Root Other"], records.Skip(1).Select(r => r[1]));
        Assert.DoesNotContain(records, r => r[1] == "Ada Instructor");
    }
}
