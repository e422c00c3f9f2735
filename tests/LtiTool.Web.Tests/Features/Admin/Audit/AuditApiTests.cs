using System.Net;
using System.Text.Json;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using static LtiTool.Web.Tests.Features.Admin.Audit.AuditSeed;

namespace LtiTool.Web.Tests.Features.Admin.Audit;

/// <summary>The audit log's JSON API: newest first, 50 a page, each filter, the entry's shape, and refusals.</summary>
public sealed class AuditApiTests : IDisposable
{
    private static readonly Guid Ada = Guid.Parse("00000000-0000-4000-8000-0000000000a1");
    private static readonly Guid Root = Guid.Parse("00000000-0000-4000-8000-0000000000a2");
    private static readonly Guid Bob = Guid.Parse("00000000-0000-4000-8000-0000000000a3");
    private static readonly Guid Biology = Guid.Parse("00000000-0000-4000-8000-0000000000c1");
    private static readonly Guid Chemistry = Guid.Parse("00000000-0000-4000-8000-0000000000c2");

    private readonly LtiToolApp _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private Task SeedVarietyAsync() => AddAsync(_app,
        Entry(Day(10, 10), "grade.change", "Ada Instructor", Ada, "col1/stu1", Biology, roles: "Teacher"),
        Entry(Day(12, 9), "grade.push", "Ada Instructor", Ada, "col1", Biology, roles: "Teacher"),
        Entry(Day(15, 8), "platform.add", "Root Admin", Root, "platform-x", adminRights: true),
        Entry(Day(20, 23, 59, 59), "submission.grade", "Bob Grader", Bob, "act/stu2/1", Chemistry, roles: "Grader"),
        Entry(Day(21), "key.rotate", "cli", null, "kid-1", adminRights: true, platformId: null, roles: null));

    [Theory]
    [InlineData("action=grade.", "col1/stu1 col1")]
    [InlineData("action=GRADE.", "col1/stu1 col1")]
    [InlineData("action=grade_", "")]
    [InlineData("action=submission", "act/stu2/1")]
    [InlineData("actor=ada", "col1/stu1 col1")]
    [InlineData("actor=00000000-0000-4000-8000-0000000000a2", "platform-x")]
    [InlineData("actor=CLI", "kid-1")]
    [InlineData("target=STU", "col1/stu1 act/stu2/1")]
    [InlineData("contextId=00000000-0000-4000-8000-0000000000c1", "col1/stu1 col1")]
    [InlineData("from=2026-11-12&to=2026-11-20", "col1 platform-x act/stu2/1")]
    [InlineData("from=2026-11-12T09:00:01Z", "platform-x act/stu2/1 kid-1")]
    [InlineData("to=2026-11-12T09:00", "col1/stu1 col1")]
    [InlineData("to=2026-11-12T10:00:00%2B01:00", "col1/stu1 col1")]
    [InlineData("adminOnly=true", "platform-x kid-1")]
    [InlineData("action=grade.&actor=ada&from=2026-11-11", "col1")]
    [InlineData("action=&actor=&target=&contextId=&from=&to=", "col1/stu1 col1 platform-x act/stu2/1 kid-1")]
    public async Task Search_Filter_FindsExactlyTheMatchingEntriesOldestLast(string query, string expectedTargets)
    {
        await SeedVarietyAsync();
        var admin = await ToolWideAdminAsync(_app);

        var found = await JsonAsync(await admin.GetAsync("/api/admin/audit?" + query));

        var targets = found.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("target").GetString()!).Reverse();
        Assert.Equal(expectedTargets, string.Join(' ', targets));
    }

    [Fact]
    public async Task Search_ManyEntries_FiftyAPageNewestFirstUntilTheLast()
    {
        var entries = Enumerable.Range(0, 120).Select(i => Entry(Day(1).AddMinutes(i), "test.page", "Someone", target: $"t{i}")).ToArray();
        await AddAsync(_app, entries);
        var admin = await ToolWideAdminAsync(_app);

        var seen = new List<string>();
        var page = 1;
        int? next = 1;
        var sizes = new List<int>();
        while (next is not null)
        {
            var found = await JsonAsync(await admin.GetAsync($"/api/admin/audit?action=test.&page={next}"));
            Assert.Equal(page, found.GetProperty("page").GetInt32());
            Assert.Equal(50, found.GetProperty("pageSize").GetInt32());
            var rows = found.GetProperty("entries").EnumerateArray().ToList();
            sizes.Add(rows.Count);
            seen.AddRange(rows.Select(r => r.GetProperty("target").GetString()!));
            Assert.Equal(found.GetProperty("hasMore").GetBoolean(), found.GetProperty("nextPage").ValueKind == JsonValueKind.Number);
            next = found.GetProperty("nextPage").ValueKind == JsonValueKind.Number ? found.GetProperty("nextPage").GetInt32() : null;
            page++;
        }

        Assert.Equal([50, 50, 20], sizes);
        Assert.Equal(Enumerable.Range(0, 120).Reverse().Select(i => $"t{i}"), seen);
        var beyond = await JsonAsync(await admin.GetAsync("/api/admin/audit?action=test.&page=4"));
        Assert.Empty(beyond.GetProperty("entries").EnumerateArray());
        Assert.False(beyond.GetProperty("hasMore").GetBoolean());
    }

    [Fact]
    public async Task Search_Entry_CarriesWhenWhoWhatCourseBeforeAfterAndCorrelation()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LtiToolDbContext>();
            var platform = db.Platforms.First();
            db.Contexts.Add(new ContextEntity { Id = Biology, PlatformId = platform.Id, DeploymentId = "d1", ContextKey = "bio", Title = "Biology 101" });
            db.AuditLog.Add(Entry(Day(22, 14, 5, 7), "grade.change", "Ada Instructor", Ada, $"col1/stu1", Biology, platformId: platform.Id, roles: "Teacher Grader",
                before: """{"score":12.5,"comment":null}""", after: """{"score":14,"comment":"Regraded"}""", correlationId: "0HN:0001"));
            await db.SaveChangesAsync();
        }
        var admin = await ToolWideAdminAsync(_app);

        var response = await admin.GetAsync("/api/admin/audit");
        var entry = (await JsonAsync(response)).GetProperty("entries").EnumerateArray().Single();

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(new DateTime(2026, 11, 22, 14, 5, 7, DateTimeKind.Utc), entry.GetProperty("at").GetDateTime().ToUniversalTime());
        Assert.EndsWith("Z", entry.GetProperty("at").GetString(), StringComparison.Ordinal);
        Assert.Equal("grade.change", entry.GetProperty("action").GetString());
        Assert.Equal("col1/stu1", entry.GetProperty("target").GetString());
        Assert.Equal(Biology, entry.GetProperty("contextId").GetGuid());
        Assert.Equal("Biology 101", entry.GetProperty("course").GetString());
        var actor = entry.GetProperty("actor");
        Assert.Equal(Ada, actor.GetProperty("userId").GetGuid());
        Assert.Equal("Ada Instructor", actor.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(actor.GetProperty("platform").GetString()));
        Assert.Equal(["Teacher", "Grader"], actor.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(entry.GetProperty("adminRights").GetBoolean());
        Assert.Equal(12.5m, entry.GetProperty("before").GetProperty("score").GetDecimal());
        Assert.Equal("Regraded", entry.GetProperty("after").GetProperty("comment").GetString());
        Assert.Equal("0HN:0001", entry.GetProperty("correlationId").GetString());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-11-20&to=2026-11-10", "to")]
    [InlineData("from=1999-12-31", "from")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=two", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("page=1&page=2", "page")]
    [InlineData("contextId=BIO-101", "contextId")]
    [InlineData("adminOnly=maybe", "adminOnly")]
    [InlineData("from=tomorrow&page=0&contextId=x", "contextId from page")]
    public async Task Search_BadFilter_Is400WithEachFieldsMessage(string query, string fields)
    {
        var admin = await ToolWideAdminAsync(_app);

        foreach (var path in new[] { "/api/admin/audit", "/api/admin/audit.csv", "/api/admin/audit/access-review.csv" })
        {
            var response = await admin.GetAsync($"{path}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("audit_filter_invalid", problem.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            Assert.Equal(fields.Split(' '), errors.Select(e => e.GetProperty("field").GetString()));
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        }
    }

    [Theory]
    [InlineData("/admin/audit")]
    [InlineData("/admin/audit/access-review")]
    [InlineData("/api/admin/audit")]
    [InlineData("/api/admin/audit.csv")]
    [InlineData("/api/admin/audit/access-review.csv")]
    public async Task Audit_Teacher_Is403AndSeesNothing(string path)
    {
        await SeedVarietyAsync();
        var teacher = await TeacherAsync(_app);

        var response = await teacher.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("view_audit_log", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada Instructor", body, StringComparison.Ordinal);
        Assert.Equal(path.StartsWith("/api", StringComparison.Ordinal) ? "application/problem+json" : "text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/admin/audit")]
    [InlineData("/api/admin/audit.csv")]
    public async Task Audit_NoSession_Is401(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
