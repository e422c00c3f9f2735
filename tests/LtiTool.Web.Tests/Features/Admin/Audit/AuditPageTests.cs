using System.Net;
using AngleSharp.Html.Parser;
using LtiTool.DemoPlatform;
using static LtiTool.Web.Tests.Features.Admin.Audit.AuditSeed;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>The audit log page: what a row shows, everything encoded, paging links that keep the filter, and bad filters.</summary>
public sealed class AuditPageTests : IDisposable
{
    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task LaunchedPage_Administrator_LinksTheAuditLogAndTheReview_TeacherNot()
    {
        var admin = await _app.LaunchAsync(LaunchKind.AdministratorAccountNavigation);
        var teacher = await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation);

        Assert.Equal("/admin/audit", admin.Page.QuerySelector("#audit-link")!.GetAttribute("href"));
        Assert.Equal("/admin/audit/access-review", admin.Page.QuerySelector("#access-review-link")!.GetAttribute("href"));
        Assert.Null(teacher.Page.QuerySelector("#audit-link"));
    }

    [Fact]
    public async Task AuditPage_Entry_ShowsWhoWhatWhenAndBeforeAfter_AllEncoded()
    {
        const string Hostile = "<script>alert('x')</script>";
        await AddAsync(_app,
            Entry(Day(22, 14, 5, 7), "grade.change", Hostile, Guid.Parse("00000000-0000-4000-8000-0000000000a1"), "<b>col</b>/stu", roles: "Teacher <i>TA</i>",
                before: """{"score":1,"comment":"<img src=x onerror=alert(1)>"}""", after: """{"score":2,"comment":null}""", correlationId: "0HN:<1>"),
            Entry(Day(21), "key.rotate", "cli", adminRights: true, platformId: null, roles: null));
        var admin = await ToolWideAdminAsync(_app);

        var response = await admin.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Empty(page.QuerySelectorAll("main script, main img, td b, td i"));
        var rows = page.QuerySelectorAll("table.audit tbody tr");
        Assert.Equal(2, rows.Length);
        var row = rows[0];
        Assert.Equal("2026-11-22 14:05:07", row.QuerySelector(".at")!.TextContent);
        Assert.Equal(Hostile, row.QuerySelector(".actor-name")!.TextContent);
        Assert.Equal("00000000-0000-4000-8000-0000000000a1", row.QuerySelector(".actor-id")!.TextContent);
        Assert.Equal("p1", row.QuerySelector(".actor-platform")!.TextContent);
        Assert.Equal("Teacher <i>TA</i>", row.QuerySelector(".actor-roles")!.TextContent);
        Assert.Equal("grade.change", row.QuerySelector(".action")!.TextContent.Trim());
        Assert.Equal("<b>col</b>/stu", row.QuerySelector(".target")!.TextContent);
        Assert.Equal("""{"score":1,"comment":"<img src=x onerror=alert(1)>"}""", row.QuerySelector(".before .json")!.TextContent);
        Assert.Equal("""{"score":2,"comment":null}""", row.QuerySelector(".after .json")!.TextContent);
        Assert.Equal("0HN:<1>", row.QuerySelector(".correlation-id")!.TextContent.Trim());
        Assert.Contains("admin-rights", rows[1].ClassList);
        Assert.Null(page.QuerySelector("#older"));
        Assert.Null(page.QuerySelector("#newer"));
    }

    [Fact]
    public async Task AuditPage_SecondPage_KeepsTheFilterInItsLinksAndTheExport()
    {
        await AddAsync(_app, Enumerable.Range(0, 60).Select(i => Entry(Day(2).AddMinutes(i), "grade.change", "Ada", target: $"t{i}")).ToArray());
        await AddAsync(_app, Entry(Day(3), "key.rotate", "Ada", target: "other"));
        var admin = await ToolWideAdminAsync(_app);

        var first = await PageAsync(await admin.GetAsync("/admin/audit?action=grade.&actor=ada"));
        Assert.Equal(50, first.QuerySelectorAll("table.audit tbody tr").Length);
        Assert.Equal("t59", first.QuerySelector("table.audit tbody tr .target")!.TextContent);
        var older = first.QuerySelector("#older")!.GetAttribute("href")!;
        Assert.Equal("/admin/audit?action=grade.&actor=ada&page=2", older);
        Assert.Equal("/api/admin/audit.csv?action=grade.&actor=ada", first.QuerySelector("#export")!.GetAttribute("href"));
        Assert.Equal("grade.", first.QuerySelector("input[name=action]")!.GetAttribute("value"));

        var second = await PageAsync(await admin.GetAsync(older));
        Assert.Equal(10, second.QuerySelectorAll("table.audit tbody tr").Length);
        Assert.Equal("t9", second.QuerySelector("table.audit tbody tr .target")!.TextContent);
        Assert.Equal("/admin/audit?action=grade.&actor=ada", second.QuerySelector("#newer")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector("#older"));
    }

    [Theory]
    [InlineData("/admin/audit?from=last-week&page=0", "from page")]
    [InlineData("/admin/audit?contextId=CS101", "contextId")]
    [InlineData("/admin/audit?from=2026-11-20&to=2026-11-01", "to")]
    [InlineData("/admin/audit/access-review?from=2026-11-31", "from")]
    [InlineData("/admin/audit/access-review?from=2026-11-20&to=2026-11-01", "to")]
    public async Task AuditPages_BadFilter_ShowTheMessagesAndNoResults(string path, string fields)
    {
        await AddAsync(_app, Entry(Day(10), "key.rotate", "Root", adminRights: true));
        var admin = await ToolWideAdminAsync(_app);

        var response = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await PageAsync(response);
        Assert.Equal(fields.Split(' '), page.QuerySelectorAll(".filter-error").Select(e => e.GetAttribute("data-field")));
        Assert.Null(page.QuerySelector("table"));
        Assert.Null(page.QuerySelector("#export"));
        Assert.NotNull(page.QuerySelector("form.audit-filter"));
    }
}
