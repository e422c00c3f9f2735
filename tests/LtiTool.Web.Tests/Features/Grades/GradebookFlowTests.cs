using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiTool.DemoPlatform;
using LtiTool.Lti.Services.Ags;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Grades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Grades;

/// <summary>
/// The instructor's gradebook through HTTP against the demo LMS: roster, columns, grades, the durable outbox
/// and what the platform received — including an outage, a restart, refusals and columns deleted in the LMS.
/// </summary>
public sealed class GradebookFlowTests : IDisposable
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Lti:Services:RetryBaseDelay"] = "00:00:00.001",
        ["Lti:Services:MaxRetries"] = "1",
        ["GradeDelivery:RetryBaseDelay"] = "00:00:10",
        ["GradeDelivery:MaxAttempts"] = "4",
    };

    private readonly LtiToolApp _app = new(FastRetries);

    public void Dispose() => _app.Dispose();

    private DemoGradebook Gradebook => _app.Services.GetRequiredService<DemoGradebook>();

    private ScoreDeliveryService Delivery => _app.Services.GetRequiredService<ScoreDeliveryService>();

    internal sealed record Course(HttpClient Teacher, string ContextId)
    {
        public string Api => $"/api/contexts/{ContextId}";
    }

    /// <summary>The demo course's teacher (or the one <paramref name="launched"/>) with the roster synced.</summary>
    internal static async Task<Course> TeacherWithRosterAsync(LtiToolApp app, Testing.LaunchOutcome? launched = null)
    {
        var outcome = launched ?? await app.LaunchAsync(LaunchKind.InstructorCourseNavigation);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", outcome.SessionToken);
        var session = JsonDocument.Parse(await client.GetStringAsync("/api/session")).RootElement;
        var course = new Course(client, session.GetProperty("context").GetProperty("id").GetString()!);
        var sync = await client.PostAsync($"{course.Api}/roster/sync", null);
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        return course;
    }

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<T> QueryAsync<T>(Func<LtiToolDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LtiToolDbContext>());
    }

    internal static async Task<(Guid Id, string Name)[]> StudentsAsync(Course course)
    {
        var book = await JsonAsync(await course.Teacher.GetAsync($"{course.Api}/gradebook"));
        return book.GetProperty("students").EnumerateArray()
            .Where(s => !s.GetProperty("testUser").GetBoolean())
            .Select(s => (s.GetProperty("id").GetGuid(), s.GetProperty("name").GetString()!)).ToArray();
    }

    internal static async Task<Guid> AddColumnAsync(Course course, string label, decimal maximum, string? scheme = null)
    {
        var response = await course.Teacher.PostAsJsonAsync($"{course.Api}/line-items", new { label, scoreMaximum = maximum, scheme });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> SaveAsync(Course course, Guid column, params object[] grades) =>
        await course.Teacher.PutAsJsonAsync($"{course.Api}/line-items/{column}/grades", new { grades });

    private async Task<Dictionary<string, int>> StatesAsync() =>
        await QueryAsync(db => db.ScoreOutbox.GroupBy(s => s.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    private IReadOnlyList<JsonObject> ReceivedFor(int lineItem) => Gradebook.Received.Where(r => r.LineItem == lineItem).Select(r => r.Score).ToList();

    private static int DemoId(string url) => int.Parse(url[(url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> DemoIdOfAsync(Guid column) => DemoId(await QueryAsync(db => db.LineItems.Where(l => l.Id == column).Select(l => l.Url).SingleAsync()));

    // The permission check only compares the URL's course with the session's: a column or outbox row of course A
    // reached through course B's URL must be 404 at every route, and A's data untouched.
    [Fact]
    public async Task ColumnAndOutboxRowOfAnotherCourse_ThroughThisCoursesUrls_AreNotFound_AndUnchanged()
    {
        var a = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(a);
        var column = await AddColumnAsync(a, "A's quiz", 10);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(a, column, new { userId = students[0].Id, value = "7" })).StatusCode);
        Gradebook.FailNextScores(1, 400);
        await a.Teacher.PostAsync($"{a.Api}/line-items/{column}/push", null);
        await _app.DeliverScoresAsync();
        var row = await QueryAsync(db => db.ScoreOutbox.SingleAsync());
        var b = await TeacherWithRosterAsync(_app, await _app.LaunchAsync(LaunchKind.InstructorCourseNavigation, x => x.Set(Lti.Claims.LtiClaimTypes.Context,
            new JsonObject { ["id"] = "another-course-0000000000000000000000000", ["title"] = "Another course" })));
        Assert.NotEqual(a.ContextId, b.ContextId);

        var answers = new (string What, HttpResponseMessage Response)[]
        {
            ("save grades", await SaveAsync(b, column, new { userId = students[0].Id, value = "1" })),
            ("push", await b.Teacher.PostAsync($"{b.Api}/line-items/{column}/push", null)),
            ("update column", await b.Teacher.PutAsJsonAsync($"{b.Api}/line-items/{column}", new { label = "Taken over", scoreMaximum = 10 })),
            ("delete column", await b.Teacher.DeleteAsync($"{b.Api}/line-items/{column}")),
            ("retry row", await b.Teacher.PostAsync($"{b.Api}/outbox/{row.Id}/retry", null)),
            ("compare with the LMS", await b.Teacher.GetAsync($"{b.Api}/line-items/{column}/results")),
        };

        foreach (var (what, response) in answers) Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {(int)response.StatusCode}");
        var (label, score, state, attempts) = await QueryAsync(async db => (
            (await db.LineItems.SingleAsync(l => l.Id == column)).Label,
            (await db.Grades.SingleAsync(g => g.LineItemId == column)).ScoreGiven,
            (await db.ScoreOutbox.SingleAsync(s => s.Id == row.Id)).State,
            (await db.ScoreOutbox.SingleAsync(s => s.Id == row.Id)).Attempts));
        Assert.Equal("A's quiz", label);
        Assert.Equal(7m, score);
        Assert.Equal((row.State, row.Attempts), (state, attempts));
        Assert.Equal(1, await QueryAsync(db => db.ScoreOutbox.CountAsync()));
    }

    [Fact]
    public async Task InstructorFlow_RosterColumnGradesPush_PlatformReceivesExactlyThoseScores()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        Assert.Equal(201, students.Length); // 5 pages of 50 read: 200 generated students and the demo student
        var column = await AddColumnAsync(course, "Quiz 1", 20);

        var saved = await SaveAsync(course, column,
            new { userId = students[0].Id, value = "18", comment = "Well argued" },
            new { userId = students[1].Id, value = "12.5", comment = (string?)null },
            new { userId = students[2].Id, value = "20", comment = "Perfect" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var push = await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        Assert.Equal(3, (await JsonAsync(push)).GetProperty("queued").GetInt32());
        await _app.DeliverScoresAsync();

        var received = ReceivedFor(await DemoIdOfAsync(column));
        Assert.Equal(3, received.Count);
        var subjects = await QueryAsync(db => db.Users.Where(u => students.Take(3).Select(s => s.Id).Contains(u.Id)).ToDictionaryAsync(u => u.Subject, u => u.Id));
        var byUser = received.ToDictionary(r => subjects[r["userId"]!.GetValue<string>()]);
        Assert.Equal(18m, byUser[students[0].Id]["scoreGiven"]!.GetValue<decimal>());
        Assert.Equal("Well argued", byUser[students[0].Id]["comment"]!.GetValue<string>());
        Assert.Equal(12.5m, byUser[students[1].Id]["scoreGiven"]!.GetValue<decimal>());
        Assert.All(received, r =>
        {
            Assert.Equal(20m, r["scoreMaximum"]!.GetValue<decimal>());
            Assert.Equal(ScoreProgress.FullyGraded, r["gradingProgress"]!.GetValue<string>());
            Assert.Equal(ScoreProgress.Completed, r["activityProgress"]!.GetValue<string>());
        });
        Assert.Equal(new Dictionary<string, int> { [ScoreStates.Delivered] = 3 }, await StatesAsync());

        // Pushing again sends nothing: every grade is already on its way or there.
        var again = await JsonAsync(await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null));
        Assert.Equal(0, again.GetProperty("queued").GetInt32());
        var book = await JsonAsync(await course.Teacher.GetAsync($"{course.Api}/gradebook"));
        var cell = book.GetProperty("grades").EnumerateArray().Single(g => g.GetProperty("userId").GetGuid() == students[0].Id);
        Assert.Equal(ScoreStates.Delivered, cell.GetProperty("delivery").GetProperty("state").GetString());
        Assert.False(cell.GetProperty("changedSincePush").GetBoolean());
    }

    [Fact]
    public async Task AddColumn_SameLabelTwice_CreatesOneGradebookColumn()
    {
        var course = await TeacherWithRosterAsync(_app);
        var before = Gradebook.Count;

        var first = await AddColumnAsync(course, "Midterm", 50);
        var second = await course.Teacher.PostAsJsonAsync($"{course.Api}/line-items", new { label = "Midterm", scoreMaximum = 50 });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(first, (await JsonAsync(second)).GetProperty("id").GetGuid());
        Assert.Equal(before + 1, Gradebook.Count);
    }

    [Fact]
    public async Task UpdateAndDeleteColumn_ChangeThePlatformFirstThenTheRegistry()
    {
        var course = await TeacherWithRosterAsync(_app);
        var column = await AddColumnAsync(course, "Homework", 10);
        var demoId = await DemoIdOfAsync(column);
        var count = Gradebook.Count;

        var updated = await course.Teacher.PutAsJsonAsync($"{course.Api}/line-items/{column}", new { label = "Homework 1", scoreMaximum = 15, scheme = "percentage" });

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var platformColumn = Gradebook.Columns().Single(c => c.LineItem == demoId);
        Assert.Equal("Homework 1", platformColumn.Label);
        Assert.Equal(15m, platformColumn.ScoreMaximum);
        Assert.Equal("percentage", (await JsonAsync(updated)).GetProperty("scheme").GetString());

        var deleted = await course.Teacher.DeleteAsync($"{course.Api}/line-items/{column}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(count - 1, Gradebook.Count);
        Assert.Equal(0, await QueryAsync(db => db.LineItems.CountAsync(l => l.Id == column)));
        var again = await course.Teacher.DeleteAsync($"{course.Api}/line-items/{column}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var audited = await QueryAsync(db => db.AuditLog.Where(a => a.Action.StartsWith("gradebook.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["gradebook.column_add", "gradebook.column_change", "gradebook.column_delete"], audited.Order(StringComparer.Ordinal));
        Assert.Equal("line_item_not_found", (await JsonAsync(again)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AddColumn_Invalid_IsA400ProblemAndNothingIsCreated()
    {
        var course = await TeacherWithRosterAsync(_app);
        var before = Gradebook.Count;

        var response = await course.Teacher.PostAsJsonAsync($"{course.Api}/line-items", new { label = "", scoreMaximum = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("line_item_invalid", problem.GetProperty("code").GetString());
        Assert.True(problem.TryGetProperty("correlationId", out _));
        Assert.Equal(before, Gradebook.Count);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"grades\": \"B\"}")]
    [InlineData("{\"grades\": []}")]
    [InlineData("{\"grades\": [{\"userId\": \"nope\", \"value\": \"1\"}]}")]
    public async Task SaveGrades_MalformedBody_IsA400ProblemNotAServerError(string body)
    {
        var course = await TeacherWithRosterAsync(_app);
        var column = await AddColumnAsync(course, "Quiz 9", 10);

        var response = await course.Teacher.PutAsync($"{course.Api}/line-items/{column}/grades", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await JsonAsync(response)).TryGetProperty("correlationId", out _));
        Assert.Equal(0, await QueryAsync(db => db.Grades.CountAsync()));
    }

    [Fact]
    public async Task SyncColumns_ReadsThePlatformsColumnsIntoTheRegistryOnce()
    {
        var course = await TeacherWithRosterAsync(_app);

        var first = await JsonAsync(await course.Teacher.PostAsync($"{course.Api}/line-items/sync", null));
        var second = await JsonAsync(await course.Teacher.PostAsync($"{course.Api}/line-items/sync", null));

        Assert.Equal(Gradebook.Count, first.GetProperty("columns").GetInt32());
        Assert.Equal(first.GetProperty("columns").GetInt32(), second.GetProperty("columns").GetInt32());
        var book = await JsonAsync(await course.Teacher.GetAsync($"{course.Api}/gradebook"));
        Assert.Contains(book.GetProperty("columns").EnumerateArray(), c => c.GetProperty("label").GetString() == DemoData.Course.AssignmentTitle);
    }

    [Fact]
    public async Task PlatformDown_ScoresWaitThenArriveOnceWhenItIsBack()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Essay draft", 10);
        await SaveAsync(course, column, students.Take(5).Select(s => (object)new { userId = s.Id, value = "7" }).ToArray());
        _app.Platform.AgsAvailable = false;

        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        await _app.DeliverScoresAsync();

        Assert.Equal(new Dictionary<string, int> { [ScoreStates.Pending] = 5 }, await StatesAsync());
        var waiting = await QueryAsync(db => db.ScoreOutbox.FirstAsync());
        Assert.Equal(1, waiting.Attempts);
        Assert.NotNull(waiting.LastError);
        Assert.Empty(ReceivedFor(await DemoIdOfAsync(column)));

        _app.Platform.AgsAvailable = true;
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        await _app.DeliverScoresAsync();

        Assert.Equal(new Dictionary<string, int> { [ScoreStates.Delivered] = 5 }, await StatesAsync());
        var received = ReceivedFor(await DemoIdOfAsync(column));
        Assert.Equal(5, received.Count);
        Assert.Equal(5, received.Select(r => r["userId"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task PlatformDownBeyondTheAttemptLimit_ScoresAreDeadAndRetryDeliversThem()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Lab", 10);
        await SaveAsync(course, column, new { userId = students[0].Id, value = "9" });
        _app.Platform.AgsAvailable = false;
        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);

        for (var i = 0; i < 4; i++)
        {
            await _app.DeliverScoresAsync();
            _app.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var row = await QueryAsync(db => db.ScoreOutbox.SingleAsync());
        Assert.Equal(ScoreStates.Dead, row.State);
        Assert.Equal(4, row.Attempts);
        _app.Platform.AgsAvailable = true;
        var retry = await course.Teacher.PostAsync($"{course.Api}/outbox/{row.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(row.Id.ToString(), await QueryAsync(db => db.AuditLog.Where(a => a.Action == "grade.retry").Select(a => a.Target).SingleAsync()));
        await _app.DeliverScoresAsync();
        Assert.Equal(ScoreStates.Delivered, (await QueryAsync(db => db.ScoreOutbox.SingleAsync())).State);
        Assert.Single(ReceivedFor(await DemoIdOfAsync(column)));
    }

    [Fact]
    public async Task TestStudent_422IsReportedNotRetried()
    {
        var course = await TeacherWithRosterAsync(_app);
        var book = await JsonAsync(await course.Teacher.GetAsync($"{course.Api}/gradebook"));
        var testStudent = book.GetProperty("students").EnumerateArray().Single(s => s.GetProperty("testUser").GetBoolean()).GetProperty("id").GetGuid();
        var column = await AddColumnAsync(course, "Quiz 2", 10);
        await SaveAsync(course, column, new { userId = testStudent, value = "5" });

        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        await _app.DeliverScoresAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(30)); // well past any retry (the session lasts an hour)
        await _app.DeliverScoresAsync();

        var row = await QueryAsync(db => db.ScoreOutbox.SingleAsync());
        Assert.Equal(ScoreStates.Failed, row.State);
        Assert.Equal(422, row.LastStatus);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("not a student", row.LastError, StringComparison.OrdinalIgnoreCase);
        var outboxResponse = await course.Teacher.GetAsync($"{course.Api}/outbox?state=Failed");
        Assert.True(outboxResponse.IsSuccessStatusCode, await outboxResponse.Content.ReadAsStringAsync());
        var outbox = await JsonAsync(outboxResponse);
        Assert.Equal(1, outbox.GetProperty("counts").GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task NewerGradeQueuedBeforeTheOlderWentOut_SupersedesIt()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Reflection", 10);
        _app.Platform.AgsAvailable = false;
        await SaveAsync(course, column, new { userId = students[0].Id, value = "4" });
        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        await _app.DeliverScoresAsync(); // tried once, waiting for its next attempt
        await SaveAsync(course, column, new { userId = students[0].Id, value = "6" });
        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        _app.Platform.AgsAvailable = true;

        await _app.DeliverScoresAsync();

        Assert.Equal(new Dictionary<string, int> { [ScoreStates.Superseded] = 1, [ScoreStates.Delivered] = 1 }, await StatesAsync());
        var received = Assert.Single(ReceivedFor(await DemoIdOfAsync(column)));
        Assert.Equal(6m, received["scoreGiven"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ColumnRecreatedInTheLms_ScoreFollowsItsKeyToTheNewUrl()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Project", 100);
        var entity = await QueryAsync(db => db.LineItems.SingleAsync(l => l.Id == column));
        await SaveAsync(course, column, new { userId = students[0].Id, value = "88" });
        // Someone deletes the column in the LMS and a sync tool recreates it with the same tag.
        var (ags, registration) = await PlatformAsync();
        await ags.DeleteAsync(registration, new Uri(entity.Url), CancellationToken.None);
        var recreated = await ags.CreateAsync(registration, new Uri(entity.Url[..entity.Url.LastIndexOf('/')]),
            new LineItem(null, 100, "Project", Tag: entity.Tag), CancellationToken.None);

        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        await _app.DeliverScoresAsync();

        Assert.Equal(ScoreStates.Delivered, (await QueryAsync(db => db.ScoreOutbox.SingleAsync())).State);
        Assert.Single(ReceivedFor(DemoId(recreated.Id!)));
        Assert.Equal(recreated.Id, await QueryAsync(db => db.LineItems.Where(l => l.Id == column).Select(l => l.Url).SingleAsync()));
    }

    [Fact]
    public async Task ColumnDeletedInTheLms_ScoreFailsWithTheReasonAndTheColumnIsMarkedGone()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Poster", 10);
        var url = await QueryAsync(db => db.LineItems.Where(l => l.Id == column).Select(l => l.Url).SingleAsync());
        await SaveAsync(course, column, new { userId = students[0].Id, value = "8" });
        var (ags, registration) = await PlatformAsync();
        await ags.DeleteAsync(registration, new Uri(url), CancellationToken.None);

        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        await _app.DeliverScoresAsync();

        var row = await QueryAsync(db => db.ScoreOutbox.SingleAsync());
        Assert.Equal(ScoreStates.Failed, row.State);
        Assert.Contains("deleted in the LMS", row.LastError, StringComparison.Ordinal);
        var book = await JsonAsync(await course.Teacher.GetAsync($"{course.Api}/gradebook"));
        Assert.True(book.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == column).GetProperty("gone").GetBoolean());
        // The tool keeps the grade it held.
        Assert.Contains(book.GetProperty("grades").EnumerateArray(), g => g.GetProperty("lineItemId").GetGuid() == column);
    }

    [Fact]
    public async Task Results_GradeEditedInTheLmsGradebook_IsShownAsADifference()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Quiz 3", 10);
        await SaveAsync(course, column, new { userId = students[0].Id, value = "6" }, new { userId = students[1].Id, value = "9" });
        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        await _app.DeliverScoresAsync();
        var subject = await QueryAsync(db => db.Users.Where(u => u.Id == students[1].Id).Select(u => u.Subject).SingleAsync());

        Gradebook.SetGradeInLms(await DemoIdOfAsync(column), subject, 4, 10, "Regraded in the LMS");
        var comparison = await JsonAsync(await course.Teacher.GetAsync($"{course.Api}/line-items/{column}/results"));

        Assert.Equal(1, comparison.GetProperty("differences").GetInt32());
        var differing = comparison.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("differs").GetBoolean());
        Assert.Equal(students[1].Id, differing.GetProperty("userId").GetGuid());
        Assert.Equal(9m, differing.GetProperty("toolScore").GetDecimal());
        Assert.Equal(4m, differing.GetProperty("platformScore").GetDecimal());
    }

    [Fact]
    public async Task SaveGrades_ValueTheSchemeCannotRead_RefusesTheWholeEntry()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Letter graded", 100, "letter");

        var response = await SaveAsync(course, column, new { userId = students[0].Id, value = "B" }, new { userId = students[1].Id, value = "Q" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("grades_invalid", problem.GetProperty("code").GetString());
        Assert.Equal(students[1].Id, problem.GetProperty("invalid")[0].GetProperty("userId").GetGuid());
        Assert.Equal(0, await QueryAsync(db => db.Grades.CountAsync()));
    }

    [Fact]
    public async Task SaveGrades_TheWholeGridWithEmptyCells_KeepsOnlyTheFilledOnes()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Sparse", 10);

        var response = await SaveAsync(course, column, students.Select((s, i) => (object)new { userId = s.Id, value = i == 3 ? "9" : "", comment = "" }).ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var grade = await QueryAsync(db => db.Grades.SingleAsync());
        Assert.Equal(students[3].Id, grade.UserId);
    }

    [Fact]
    public async Task LetterScheme_EnteredAndShownAsLettersAndPushedAsPoints()
    {
        var course = await TeacherWithRosterAsync(_app);
        var students = await StudentsAsync(course);
        var column = await AddColumnAsync(course, "Final", 50, "letter");

        await SaveAsync(course, column, new { userId = students[0].Id, value = "B" });
        await course.Teacher.PostAsync($"{course.Api}/line-items/{column}/push", null);
        await _app.DeliverScoresAsync();

        var book = await JsonAsync(await course.Teacher.GetAsync($"{course.Api}/gradebook"));
        var cell = book.GetProperty("grades").EnumerateArray().Single();
        Assert.Equal("B", cell.GetProperty("display").GetString());
        var received = Assert.Single(ReceivedFor(await DemoIdOfAsync(column)));
        Assert.Equal(40m, received["scoreGiven"]!.GetValue<decimal>());
        Assert.Equal(50m, received["scoreMaximum"]!.GetValue<decimal>());
    }

    private async Task<(AgsClient Ags, Lti.Platforms.PlatformRegistration Registration)> PlatformAsync()
    {
        var scope = _app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<Lti.Platforms.IPlatformStore>();
        var registration = (await store.FindByIssuerAsync(_app.Platform.Options.Issuer, CancellationToken.None)).Single();
        return (scope.ServiceProvider.GetRequiredService<AgsClient>(), registration);
    }
}
