using System.Globalization;
using LtiTool.Lti.Launch;
using Mediator;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// <c>keys list</c>, <c>keys rotate [--publish-next]</c>, <c>keys retire KID</c>, <c>keys revoke KID</c>: the admin page's
/// actions for scripts. Typing the kid on the command line is the revocation's confirmation.
/// </summary>
public sealed class KeysCommand : IAdminCommand
{
    public string Name => "keys";

    public string Usage => "keys list | keys rotate [--publish-next] | keys retire <kid> | keys revoke <kid>    the tool's signing keys";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        switch (args)
        {
            case ["list"]:
                Print(output, await mediator.Send(new ListToolKeys.Query(), cancellationToken));
                return 0;
            case ["rotate", "--publish-next"]:
                var published = await mediator.Send(new PublishNextToolKey.Command(), cancellationToken);
                if (published.Error is { } publishError) return Fail(output, publishError);
                output.WriteLine(published.Created
                    ? $"Published {published.Key!.Kid} as the next key. It signs after the next rotation (scheduled, or keys rotate)."
                    : $"{published.Key!.Kid} is already published as the next key.");
                return 0;
            case ["rotate"]:
                var rotated = await mediator.Send(new RotateToolKey.Command(), cancellationToken);
                if (rotated.Error is { } rotateError) return Fail(output, rotateError);
                if (rotated.Warning is { } warning) output.WriteLine("warning: " + warning);
                output.WriteLine($"{rotated.Current!.Kid} signs now. {rotated.Retired!.Kid} is retired and published until {Time(rotated.Retired.RemoveAfter)}.");
                output.WriteLine("Running instances pick the change up within Lti:Keys:Rotation:CheckInterval.");
                return 0;
            case ["retire", var kid]:
                var retired = await mediator.Send(new RetireToolKey.Command(kid), cancellationToken);
                if (retired.Error is { } retireError) return Fail(output, retireError);
                output.WriteLine($"{kid} is retired and published until {Time(retired.Key!.RemoveAfter)}.");
                return 0;
            case ["revoke", var kid]:
                return Revoked(output, await mediator.Send(new RevokeToolKey.Command(kid, kid), cancellationToken));
            default:
                output.WriteLine("usage: " + Usage);
                return 2;
        }
    }

    private static int Revoked(TextWriter output, RevokeToolKey.Result result)
    {
        if (result.Error is { } error) return Fail(output, error);
        output.WriteLine($"{result.Key!.Kid} is revoked: it is no longer in the JWKS, it never signs again and its private key is erased.");
        var current = result.Current!.Kid;
        output.WriteLine(!result.SigningChanged ? $"{current} still signs."
            : result.Generated ? $"{current} was generated and signs now (there was no next key)."
            : $"{current}, the published next key, signs now.");
        output.WriteLine("warning: " + result.Warning);
        return 0;
    }

    private static void Print(TextWriter output, ListToolKeys.Result result)
    {
        output.WriteLine(result.FileManaged ? "Keys are file-managed (Lti:Keys:Path)." : "Keys are managed by the tool (database).");
        if (result.Keys.Count == 0)
        {
            output.WriteLine("No keys yet: the tool makes one when it first starts (or run keys rotate).");
            return;
        }
        output.WriteLine($"{"kid",-45} {"state",-9} {"created",-20} {"activated",-20} {"retired",-20} {"remove after",-20}");
        foreach (var k in result.Keys)
            output.WriteLine($"{k.Kid,-45} {k.State,-9} {Time(k.CreatedAt),-20} {Time(k.ActivatedAt),-20} {Time(k.RetiredAt),-20} {Time(k.RemoveAfter),-20}"
                + (k.RevokedAt is { } at ? $" revoked {Time(at)} by {k.RevokedBy ?? "?"}" : ""));
    }

    private static int Fail(TextWriter output, LtiError error)
    {
        output.WriteLine($"error: {error.Code}: {error.Description}");
        return 1;
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "-";
}
