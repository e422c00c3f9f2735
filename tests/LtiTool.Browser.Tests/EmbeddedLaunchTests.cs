using LtiTool.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LtiTool.Browser.Tests;

/// <summary>
/// The real launch in Chromium inside a cross-site LMS iframe: with the browser's default settings (only
/// partitioned cookies kept) and with third-party cookies allowed; then the instructor and student flows
/// through the pages' own scripts.
/// </summary>
public sealed class EmbeddedLaunchTests
{
    // The pages attach their handlers on DOMContentLoaded (deferred scripts): click only once the document is complete.
    private static Task Ready(IFrame frame) => frame.WaitForFunctionAsync("() => document.readyState === 'complete'");

    private static async Task<IFrame> LaunchedFrameAsync(IPage page, BrowserWorld world, string kind)
    {
        await page.GotoAsync(new Uri(world.LmsBase, $"course/{kind}").AbsoluteUri);
        var frame = page.Frame("tool") ?? throw new InvalidOperationException("The LMS page has no tool frame.");
        await frame.WaitForSelectorAsync(".user-name", new() { Timeout = 15_000 });
        return frame;
    }

    [ChromiumFact]
    public async Task Scripts_AreServedToTheFrame()
    {
        await using var world = await BrowserWorld.StartAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd"); // what Chromium sends

        foreach (var script in new[] { "js/people.js", "js/grades.js", "js/deep-linking.js", "js/activity.js", "css/site.css" })
        {
            var response = await http.GetAsync(new Uri(world.ToolBase, script));
            Assert.True(response.IsSuccessStatusCode, $"{script}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, $"{script} came back empty");
        }
    }

    [ChromiumFact]
    public async Task DefaultProfile_PartitionedCookies_LaunchEndsOnThePageInTheFrameBrowserBound()
    {
        await using var world = await BrowserWorld.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserWorld.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        var frame = await LaunchedFrameAsync(page, world, "instructor");

        Assert.Equal("Ada Instructor", await frame.InnerTextAsync(".user-name"));
        Assert.Contains("Teacher", await frame.InnerTextAsync(".roles"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = BrowserWorld.ArtifactPath("launch-in-lms-frame.png"), FullPage = true });
        // The launched page asks the LMS to fit the frame to it and to scroll to its top (Canvas postMessages).
        await page.WaitForFunctionAsync("() => window.received.some(m => m.subject === 'lti.frameResize' && m.height > 100)");
        Assert.True(await page.EvaluateAsync<bool>("() => window.received.some(m => m.subject === 'lti.scrollToTop')"));
        var transport = await world.QueryAsync(db => db.LaunchRecords.Select(l => l.Transport).SingleAsync());
        Assert.Equal("cookie", transport);
    }

    [ChromiumFact]
    public async Task ThirdPartyCookiesAllowed_LaunchEndsOnThePageInTheFrame()
    {
        await using var world = await BrowserWorld.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var context = await BrowserWorld.LaunchAllowingThirdPartyCookiesAsync(playwright);
        var page = await BrowserWorld.FirstPageAsync(context);

        var frame = await LaunchedFrameAsync(page, world, "student");

        Assert.Equal("Sam Student", await frame.InnerTextAsync(".user-name"));
        Assert.Contains("Student", await frame.InnerTextAsync(".roles"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Instructor_RosterRendersAndAGradeIsEnteredAndPushedThroughThePagesScripts()
    {
        await using var world = await BrowserWorld.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserWorld.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var messages = new List<string>();
        page.Console += (_, m) => messages.Add(m.Type + ": " + m.Text);
        page.PageError += (_, e) => messages.Add("error: " + e);
        page.RequestFailed += (_, r) => messages.Add("failed: " + r.Url + " " + r.Failure);
        page.Response += (_, r) => { if (r.Status >= 400) messages.Add($"{r.Status} {r.Url}"); };
        var frame = await LaunchedFrameAsync(page, world, "instructor");

        // People: refresh the roster from the demo LMS (a POST the page makes with the bearer token).
        await frame.ClickAsync("#people-link");
        await frame.WaitForURLAsync("**/people");
        await Ready(frame);
        await frame.ClickAsync("#refresh-roster");
        try
        {
            await frame.WaitForSelectorAsync("table.people tbody tr:nth-child(200)", new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            var probe = await frame.EvaluateAsync<string>("async () => { const r = await fetch('/js/people.js'); return r.status + ' ' + r.headers.get('content-type') + ' ' + (await r.text()).length + ' ' + Array.from(document.scripts).map(s => s.src).join(','); }");
            Assert.Fail("The roster did not refresh: " + probe + " | " + await frame.InnerTextAsync("#refresh-result") + " | " + string.Join(" | ", messages)
                + " | enrolments " + await world.QueryAsync(db => db.Enrolments.CountAsync()) + " | rows " + await frame.Locator("table.people tbody tr").CountAsync()
                + " | synced " + await world.QueryAsync(db => db.Contexts.Select(c => c.RosterSyncError ?? (c.RosterSyncedAt == null ? "never" : "ok")).FirstAsync()));
        }

        // Grades: add a column, enter a grade, push.
        await frame.GotoAsync(frame.Url.Replace("/people", "/grades", StringComparison.Ordinal));
        await Ready(frame);
        await frame.FillAsync("#add-column input[name=label]", "Browser quiz");
        await frame.FillAsync("#add-column input[name=scoreMaximum]", "10");
        await frame.ClickAsync("#add-column button[type=submit]");
        var cell = frame.Locator("tbody tr").Nth(0).Locator("td.cell").Nth(0);
        await cell.Locator("input.grade").WaitForAsync(new() { Timeout = 15_000 });
        await Ready(frame);
        await cell.Locator("input.grade").FillAsync("8");
        await cell.Locator("input.comment").FillAsync("Good work");
        await frame.Locator("th.column button.push").First.ClickAsync();
        await frame.Locator("#status").Filter(new() { HasTextString = "queued" }).WaitForAsync(new() { Timeout = 15_000 });

        var grade = await world.QueryAsync(db => db.Grades.SingleAsync());
        Assert.Equal(8m, grade.ScoreGiven);
        Assert.Equal("Good work", grade.Comment);
        Assert.True(await world.QueryAsync(db => db.ScoreOutbox.AnyAsync()));
    }

    [ChromiumFact]
    public async Task Student_SubmitsAnActivityThroughThePagesScript()
    {
        await using var world = await BrowserWorld.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserWorld.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        // The instructor's launch creates the course; an activity is linked into the demo LMS by deep linking.
        await LaunchedFrameAsync(page, world, "instructor");
        var contextId = await world.QueryAsync(db => db.Contexts.Select(c => c.Id).SingleAsync());
        await world.QueryAsync(async db =>
        {
            db.Activities.Add(new ActivityEntity
            {
                Id = Guid.NewGuid(), ContextId = contextId, Title = "Browser essay", PointsPossible = 10, SubmissionKind = SubmissionKinds.Text,
                InstructionsHtml = "<p>Write a sentence.</p>", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        await page.GotoAsync(new Uri(world.LmsBase, "course/deep-linking").AbsoluteUri);
        var picker = page.Frame("tool")!;
        await picker.WaitForSelectorAsync("#pick", new() { Timeout = 15_000 });
        await Ready(picker);
        await picker.CheckAsync("#pick input[name=activity]");
        await picker.ClickAsync("#pick-add");
        // The tool signs the answer and the page posts it to the demo LMS's return URL, which lists what it created.
        try
        {
            await page.Frame("tool")!.WaitForURLAsync("**/deep_linking_response", new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("The picker did not post its answer; the frame is at " + page.Frame("tool")!.Url);
        }
        var demo = world.ToolServices.GetService(typeof(LtiTool.DemoPlatform.DemoLms)) as LtiTool.DemoPlatform.DemoLms;
        var assignment = Assert.Single(demo!.Assignments);

        await page.GotoAsync(new Uri(world.LmsBase, $"course/assignment/{assignment.Id}/student").AbsoluteUri);
        var student = page.Frame("tool")!;
        await student.WaitForSelectorAsync("#submit-work textarea", new() { Timeout = 15_000 });
        await Ready(student);
        await student.FillAsync("#submit-work textarea", "Tides follow the moon.");
        await student.ClickAsync("#submit-work button[type=submit]");
        await student.Locator("#submit-result").Filter(new() { HasTextString = "Submitted" }).WaitForAsync(new() { Timeout = 15_000 });

        var submission = await world.QueryAsync(db => db.Submissions.SingleAsync());
        Assert.Equal("Tides follow the moon.", submission.TextAnswer);
    }
}
