using LtiTool.Lti.Keys;
using LtiTool.Testing;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Admin;
using LtiTool.Web.Features.Admin.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiTool.Web.Tests.Features.Admin.Keys;

/// <summary><c>dotnet run -- keys …</c>, run the way AdminCommandLine runs it: in a scope whose audit actor is "cli".</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly LtiToolApp _app = new(LtiToolApp.ManagedKeys());

    public void Dispose() => _app.Dispose();

    private static async Task<(int Code, string Output)> RunAsync(LtiToolApp app, params string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Actor = "cli";
        var command = app.Services.GetServices<IAdminCommand>().Single(c => c.Name == "keys");
        var output = new StringWriter();
        var code = await command.RunAsync(scope.ServiceProvider, args, output, default);
        return (code, output.ToString());
    }

    private async Task<List<ToolKeyEntity>> RowsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().ToolKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync();
    }

    [Fact]
    public async Task List_ShowsKidStateAndDates_NeverTheKey()
    {
        var kid = _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

        var (code, output) = await RunAsync(_app, "list");

        Assert.Equal(0, code);
        Assert.Contains("managed by the tool", output, StringComparison.Ordinal);
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith(kid, StringComparison.Ordinal));
        Assert.Contains("Current", line, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 12:00Z", line, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", output, StringComparison.Ordinal);
        Assert.DoesNotContain((await RowsAsync())[0].ProtectedPrivateKey[..20], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_WithoutANextKey_PromotesAFreshKeyAndWarns()
    {
        var old = _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

        var (code, output) = await RunAsync(_app, "rotate");

        Assert.Equal(0, code);
        Assert.StartsWith("warning: ", output, StringComparison.Ordinal);
        var rows = await RowsAsync();
        var current = rows.Single(r => r.State == ToolKeyStates.Current);
        Assert.Equal(ToolKeyStates.Retired, rows.Single(r => r.Kid == old).State);
        Assert.Equal(current.Kid, _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid);
        Assert.Contains($"{current.Kid} signs now", output, StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().AuditLog.Where(a => a.ActorName == "cli")
            .OrderBy(a => a.At).Select(a => new { a.Action, a.Target }).ToListAsync();
        Assert.Equal([new { Action = "key.publish", Target = (string?)current.Kid }, new { Action = "key.rotate", Target = (string?)current.Kid }], audit);
    }

    [Fact]
    public async Task RotatePublishNext_ThenRotateOnceTheJwksCacheHasExpired_SwitchesWithoutWarning()
    {
        var (published, output) = await RunAsync(_app, "rotate", "--publish-next");
        Assert.Equal(0, published);
        var next = (await RowsAsync()).Single(r => r.State == ToolKeyStates.Next).Kid;
        Assert.Contains($"Published {next}", output, StringComparison.Ordinal);
        Assert.Contains(next, (await RunAsync(_app, "rotate", "--publish-next")).Output, StringComparison.Ordinal);
        Assert.Single(await RowsAsync(), r => r.State == ToolKeyStates.Next);

        _app.Time.Advance(TimeSpan.FromMinutes(6));
        var (rotated, rotateOutput) = await RunAsync(_app, "rotate");

        Assert.Equal(0, rotated);
        Assert.DoesNotContain("warning", rotateOutput, StringComparison.Ordinal);
        Assert.Equal(next, _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid);
    }

    [Fact]
    public async Task Retire_ANextKey_RetiresIt_TheCurrentKey_IsRefused()
    {
        await RunAsync(_app, "rotate", "--publish-next");
        var rows = await RowsAsync();
        var current = rows.Single(r => r.State == ToolKeyStates.Current).Kid;
        var next = rows.Single(r => r.State == ToolKeyStates.Next).Kid;

        var (code, output) = await RunAsync(_app, "retire", next);
        Assert.Equal(0, code);
        Assert.Contains("2026-11-30 12:00Z", output, StringComparison.Ordinal); // published for the 7-day grace

        Assert.Equal(ToolKeyStates.Retired, (await RowsAsync()).Single(r => r.Kid == next).State);
        var (refused, why) = await RunAsync(_app, "retire", current);
        Assert.Equal(1, refused);
        Assert.Contains("tool_key_is_current", why, StringComparison.Ordinal);
        Assert.Contains("tool_key_already_retired", (await RunAsync(_app, "retire", next)).Output, StringComparison.Ordinal);
        Assert.Contains("tool_key_not_found", (await RunAsync(_app, "retire", "no-such-kid")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_TheCurrentKey_ReportsTheKeyThatSignsNow_AndWarnsAboutCachedJwks()
    {
        var compromised = _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;

        var (code, output) = await RunAsync(_app, "revoke", compromised);

        Assert.Equal(0, code);
        var rows = await RowsAsync();
        var current = rows.Single(r => r.State == ToolKeyStates.Current).Kid;
        var revoked = rows.Single(r => r.Kid == compromised);
        Assert.Equal((ToolKeyStates.Revoked, ""), (revoked.State, revoked.ProtectedPrivateKey));
        Assert.Equal(current, _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid);
        Assert.Contains($"{compromised} is revoked", output, StringComparison.Ordinal);
        Assert.Contains($"{current} was generated and signs now", output, StringComparison.Ordinal);
        Assert.Contains("warning: Platforms that cached the tool's JWKS before now may reject tokens", output, StringComparison.Ordinal);
        Assert.Contains("CheckInterval", output, StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().AuditLog.Where(a => a.ActorName == "cli")
            .OrderBy(a => a.Action).Select(a => new { a.Action, a.Target }).ToListAsync();
        Assert.Equal([new { Action = "key.create", Target = (string?)current }, new { Action = "key.revoke", Target = (string?)compromised }], audit);
        // The list keeps the record: state, when, who.
        var line = Assert.Single((await RunAsync(_app, "list")).Output.Split('\n'), l => l.StartsWith(compromised, StringComparison.Ordinal));
        Assert.Contains("Revoked", line, StringComparison.Ordinal);
        Assert.Contains("revoked 2026-11-23 12:00Z by cli", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ANextKey_TheCurrentKeyStillSigns()
    {
        await RunAsync(_app, "rotate", "--publish-next");
        var rows = await RowsAsync();
        var current = rows.Single(r => r.State == ToolKeyStates.Current).Kid;
        var next = rows.Single(r => r.State == ToolKeyStates.Next).Kid;

        var (code, output) = await RunAsync(_app, "revoke", next);

        Assert.Equal(0, code);
        Assert.Contains($"{current} still signs", output, StringComparison.Ordinal);
        Assert.Contains($"still trust {next}", output, StringComparison.Ordinal);
        Assert.Equal(ToolKeyStates.Revoked, (await RowsAsync()).Single(r => r.Kid == next).State);
    }

    [Fact]
    public async Task Revoke_UnknownOrAlreadyRevokedKid_Exits1WithTheCode_AndChangesNothing()
    {
        var compromised = _app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid;
        await RunAsync(_app, "revoke", compromised);
        var before = string.Join(' ', (await RowsAsync()).Select(r => r.Kid + r.State));

        var unknown = await RunAsync(_app, "revoke", "no-such-kid");
        var again = await RunAsync(_app, "revoke", compromised);

        Assert.Equal((1, 1), (unknown.Code, again.Code));
        Assert.StartsWith("error: tool_key_not_found", unknown.Output, StringComparison.Ordinal);
        Assert.StartsWith("error: tool_key_already_revoked", again.Output, StringComparison.Ordinal);
        Assert.Equal(before, string.Join(' ', (await RowsAsync()).Select(r => r.Kid + r.State)));
    }

    [Theory]
    [InlineData]
    [InlineData("spin")]
    [InlineData("retire")]
    [InlineData("revoke")]
    [InlineData("revoke", "a", "b")]
    [InlineData("rotate", "--now")]
    public async Task Usage_WrongArguments_Exit2(params string[] args)
    {
        var (code, output) = await RunAsync(_app, args);
        Assert.Equal(2, code);
        Assert.StartsWith("usage: keys list", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileManagedKeys_AreListed_AndRotationIsRefusedSayingSo()
    {
        using var app = new LtiToolApp();
        var kid = ToolKey.FromPem(TestKeys.ToolPem, default).Kid;

        var (listed, list) = await RunAsync(app, "list");
        Assert.Equal(0, listed);
        Assert.Contains("file-managed", list, StringComparison.Ordinal);
        Assert.Contains(kid, list, StringComparison.Ordinal);

        foreach (var args in new[] { new[] { "rotate" }, ["rotate", "--publish-next"], ["retire", kid], ["revoke", kid] })
        {
            var (code, output) = await RunAsync(app, args);
            Assert.Equal(1, code);
            Assert.Contains("tool_keys_file_managed", output, StringComparison.Ordinal);
            Assert.Contains("Lti:Keys:Path", output, StringComparison.Ordinal);
        }
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<LtiToolDbContext>().ToolKeys.ToListAsync());
        Assert.Equal(kid, app.Services.GetRequiredService<ToolKeyRing>().SigningKey.Kid);
    }
}
