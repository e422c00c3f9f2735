using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// Revokes a key whose private half may have leaked: it leaves the JWKS at once (no grace period), never signs
/// again and its private key is erased; the row stays, Revoked, as the record. When it was the Current key the
/// published Next key signs from now on, or, with none, a new key made on the spot. The confirmation is the kid
/// typed again. Platforms that cached the JWKS keep the old set until they fetch it again: that is the cost of
/// stopping a compromised key now, and the answer says so.
/// </summary>
public static class RevokeToolKey
{
    public sealed record Command(string Kid, string? ConfirmKid) : ICommand<Result>;

    /// <param name="Key">The revoked key.</param>
    /// <param name="Current">The key that signs now.</param>
    /// <param name="SigningChanged">The revoked key was the one that signed, so <paramref name="Current"/> took over.</param>
    /// <param name="Generated">The key that signs now was made by this revocation (there was no Next key).</param>
    /// <param name="Warning">What platforms and other instances see until they catch up.</param>
    public sealed record Result(LtiError? Error, ListToolKeys.KeyView? Key = null, ListToolKeys.KeyView? Current = null,
        bool SigningChanged = false, bool Generated = false, string? Warning = null);

    public sealed class Handler(ToolKeyStore store, ToolKeyRingLoader loader, IOptions<ToolKeyOptions> options) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (options.Value.FileManaged) return new Result(ToolKeyErrors.FileManaged);
            var rows = await store.ListAsync(cancellationToken);
            var row = rows.FirstOrDefault(r => r.Kid == command.Kid);
            if (row is null) return new Result(ToolKeyErrors.NotFound);
            if (row.State == ToolKeyStates.Removed) return new Result(ToolKeyErrors.AlreadyRemoved);
            if (row.State == ToolKeyStates.Revoked) return new Result(ToolKeyErrors.AlreadyRevoked);
            if (!string.Equals(command.ConfirmKid?.Trim(), command.Kid, StringComparison.Ordinal)) return new Result(ToolKeyErrors.RevokeUnconfirmed);

            var revocation = ToolKeyRevocation.Plan(rows.Select(ToolKeyStore.Status).ToList(), row.Kid)!;
            var revoked = await store.RevokeAsync(revocation, cancellationToken);
            await loader.LoadAsync(store, cancellationToken);
            if (!revoked) return new Result(ToolKeyErrors.Changed);

            var after = await store.ListAsync(cancellationToken);
            var revokers = await store.RevokersAsync(cancellationToken);
            var signing = ToolKeySchedule.Signing(after.Select(ToolKeyStore.Status))!;
            return new Result(null, ListToolKeys.KeyView.From(after.Single(r => r.Kid == row.Kid), revokers.GetValueOrDefault(row.Kid)),
                ListToolKeys.KeyView.From(after.Single(r => r.Kid == signing.Kid)), revocation.ChangesSigningKey, revocation.GenerateCurrent,
                Warning(revocation, signing.Kid, options.Value.Rotation.CheckInterval));
        }

        private static string Warning(ToolKeyRevocation revocation, string signing, TimeSpan checkInterval)
        {
            var cache = $"{(int)LtiLaunchDefaults.JwksMaxAge.TotalMinutes} minutes";
            var platforms = revocation.ChangesSigningKey
                ? $"Platforms that cached the tool's JWKS before now may reject tokens signed by {signing} (service calls, deep linking) until " +
                  $"they fetch it again (the tool lets them cache it for {cache}), and until then they still trust {revocation.Kid}. "
                : $"Platforms that cached the tool's JWKS before now still trust {revocation.Kid} until they fetch it again (the tool lets them " +
                  $"cache it for {cache}). ";
            return platforms + "That is the accepted cost of a compromised key. Other running instances of the tool stop publishing it and " +
                $"signing with it at their next key check (Lti:Keys:Rotation:CheckInterval, {checkInterval:c}).";
        }
    }
}
