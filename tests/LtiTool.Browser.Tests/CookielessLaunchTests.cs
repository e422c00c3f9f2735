using LtiTool.Lti.Platforms;
using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LtiTool.Browser.Tests;

/// <summary>
/// The launch when the browser keeps none of the tool's cookies inside the LMS frame, not even partitioned ones
/// (Safari's world): platform storage carries the binding where the LMS offers it; otherwise the login offers the
/// tool in a new window, where it is first-party.
/// </summary>
public sealed class CookielessLaunchTests
{
    /// <summary>Waits for the launched page in the frame; on a timeout, fails saying where the frame is and what the pages logged.</summary>
    private static async Task<IFrame> LaunchedAsync(IPage page, List<string> log)
    {
        var frame = page.Frame("tool")!;
        try
        {
            await frame.WaitForSelectorAsync(".user-name", new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No launched page: the frame is at {frame.Url}: {await frame.InnerTextAsync("body")} | {string.Join(" | ", log)}");
        }
        return frame;
    }

    private static List<string> Record(IPage page)
    {
        var log = new List<string>();
        page.Console += (_, m) => log.Add(m.Type + ": " + m.Text);
        page.PageError += (_, e) => log.Add("error: " + e);
        page.Response += (_, r) => { if (r.Status >= 400) log.Add($"{r.Status} {r.Url}"); };
        return log;
    }

    private static Task<List<string>> TransportsAsync(BrowserWorld world) =>
        world.QueryAsync(db => db.LaunchRecords.OrderBy(l => l.CreatedAt).Select(l => l.Transport).ToListAsync());

    [ChromiumFact]
    public async Task AllToolCookiesBlocked_PlatformStorageCarriesTheBinding()
    {
        await using var world = await BrowserWorld.StartAsync(platformStorage: true);
        using var playwright = await Playwright.CreateAsync();
        await using var context = await world.LaunchBlockingToolCookiesAsync(playwright, insideTheLmsOnly: false);
        var page = await BrowserWorld.FirstPageAsync(context);
        var log = Record(page);

        await page.GotoAsync(new Uri(world.LmsBase, "course/instructor").AbsoluteUri);
        var frame = await LaunchedAsync(page, log);

        Assert.Equal("Ada Instructor", await frame.InnerTextAsync(".user-name"));
        Assert.Contains("Teacher", await frame.InnerTextAsync(".roles"), StringComparison.Ordinal);
        Assert.Equal(["platform_storage"], await TransportsAsync(world));
        // The secret was kept in the LMS page's storage under the tool's origin, and deleted once used.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('lti|platform_storage|')).length"));
        await page.ScreenshotAsync(new() { Path = BrowserWorld.ArtifactPath("launch-platform-storage.png"), FullPage = true });

        // No session cookie either: the tool's links carry the session, so its other pages open in the frame too.
        await frame.WaitForFunctionAsync("() => document.readyState === 'complete'");
        await frame.ClickAsync("#people-link");
        await frame.WaitForURLAsync("**/people?lti_session=*");
        await frame.WaitForSelectorAsync("table.people", new() { Timeout = 15_000 });
        Assert.Contains("Ada Instructor", await frame.InnerTextAsync("table.people"), StringComparison.Ordinal);
        // The role filter submits itself (a script file: CSP allows no inline handler) and keeps the session too.
        await frame.WaitForFunctionAsync("() => document.readyState === 'complete'");
        await frame.SelectOptionAsync("form.filter select[name=role]", "Teacher");
        await frame.WaitForURLAsync("**/people?role=Teacher&lti_session=*", new() { Timeout = 10_000 });
        Assert.Contains("Ada Instructor", await frame.InnerTextAsync("table.people"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task AllToolCookiesBlocked_LoginWithoutStorageTarget_RegistrationProbes_CapabilitiesFindTheFrame()
    {
        await using var world = await BrowserWorld.StartAsync(platformStorage: true, storageTarget: false);
        await world.QueryAsync(db => db.Platforms.ExecuteUpdateAsync(p => p.SetProperty(x => x.PlatformStorage, nameof(PlatformStorageMode.Probe))));
        world.ToolServices.GetRequiredService<EfPlatformStore>().Invalidate();
        using var playwright = await Playwright.CreateAsync();
        await using var context = await world.LaunchBlockingToolCookiesAsync(playwright, insideTheLmsOnly: false);
        var page = await BrowserWorld.FirstPageAsync(context);
        var log = Record(page);

        await page.GotoAsync(new Uri(world.LmsBase, "course/student").AbsoluteUri);
        var frame = await LaunchedAsync(page, log);

        Assert.Equal("Sam Student", await frame.InnerTextAsync(".user-name"));
        Assert.Contains("Student", await frame.InnerTextAsync(".roles"), StringComparison.Ordinal);
        Assert.Equal(["platform_storage"], await TransportsAsync(world));
        Assert.True(await page.EvaluateAsync<bool>("() => window.received.some(m => m.subject === 'lti.capabilities')"));
    }

    [ChromiumFact]
    public async Task CookiesBlockedInTheFrame_NoPlatformStorage_TheNewWindowFallbackAppearsAndWorks()
    {
        await using var world = await BrowserWorld.StartAsync(platformStorage: false);
        using var playwright = await Playwright.CreateAsync();
        await using var context = await world.LaunchBlockingToolCookiesAsync(playwright, insideTheLmsOnly: true);
        var page = await BrowserWorld.FirstPageAsync(context);

        await page.GotoAsync(new Uri(world.LmsBase, "course/student").AbsoluteUri);
        var frame = page.Frame("tool")!;
        var open = frame.Locator("#binding-fallback .open-new-window");
        await open.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = BrowserWorld.ArtifactPath("launch-new-window-fallback.png"), FullPage = true });
        // Nothing was sent to the platform yet: no launch was made, and none was refused.
        Assert.Empty(await TransportsAsync(world));

        var popup = await page.RunAndWaitForPopupAsync(() => open.ClickAsync());
        await popup.WaitForSelectorAsync(".user-name", new() { Timeout = 20_000 });

        Assert.Equal("Sam Student", await popup.InnerTextAsync(".user-name"));
        Assert.Contains("Student", await popup.InnerTextAsync(".roles"), StringComparison.Ordinal);
        Assert.Equal(["cookie"], await TransportsAsync(world));
    }

    [ChromiumFact]
    public async Task CookiesBlockedInTheFrame_StorageAccessButton_AsksTheBrowser_AndPointsToTheNewWindowWhenRefused()
    {
        await using var world = await BrowserWorld.StartAsync(platformStorage: false);
        using var playwright = await Playwright.CreateAsync();
        await using var context = await world.LaunchBlockingToolCookiesAsync(playwright, insideTheLmsOnly: true);
        var page = await BrowserWorld.FirstPageAsync(context);

        await page.GotoAsync(new Uri(world.LmsBase, "course/student").AbsoluteUri);
        var frame = page.Frame("tool")!;
        var allow = frame.Locator("#binding-fallback .storage-access");
        await allow.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 20_000 });
        await allow.ClickAsync();

        // The tool was never used first-party in this profile, so the browser refuses; the page says what to do.
        await frame.Locator("#binding-fallback .storage-access-status").Filter(new() { HasTextString = "new window" })
            .WaitForAsync(new() { Timeout = 10_000 });
        Assert.False(await allow.IsVisibleAsync());
        Assert.True(await frame.Locator("#binding-fallback .open-new-window").IsVisibleAsync());
    }

    [ChromiumFact]
    public async Task NoForwardingFrame_TheParentAnsweringStarIsNotTrusted_TheNewWindowIsOffered()
    {
        // The LMS page answers put/get sent straight to it with "*" (Canvas's non-compliant fallback). Any page allowed
        // to frame the tool could answer that way with a secret of its own, so the tool does not use it.
        await using var world = await BrowserWorld.StartAsync(platformStorage: true, forwardingFrame: false);
        using var playwright = await Playwright.CreateAsync();
        await using var context = await world.LaunchBlockingToolCookiesAsync(playwright, insideTheLmsOnly: true);
        var page = await BrowserWorld.FirstPageAsync(context);

        await page.GotoAsync(new Uri(world.LmsBase, "course/student").AbsoluteUri);
        var open = page.Frame("tool")!.Locator("#binding-fallback .open-new-window");
        await open.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 20_000 });

        Assert.Empty(await TransportsAsync(world));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('lti|platform_storage|')).length"));
    }
}
