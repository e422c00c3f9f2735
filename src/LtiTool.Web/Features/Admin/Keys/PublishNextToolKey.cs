using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// Publishes a Next key without letting it sign: platforms that cache the JWKS learn it, and a later rotation
/// switches to it without any platform meeting an unknown kid. Asking again returns the Next key already there.
/// </summary>
public static class PublishNextToolKey
{
    public sealed record Command : ICommand<Result>;

    public sealed record Result(LtiError? Error, ListToolKeys.KeyView? Key = null, bool Created = false);

    public sealed class Handler(ToolKeyStore store, ToolKeyRingLoader loader, IOptions<ToolKeyOptions> options) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (options.Value.FileManaged) return new Result(ToolKeyErrors.FileManaged);
            await store.EnsureCurrentAsync(cancellationToken);
            var rows = await store.ListAsync(cancellationToken);
            if (rows.FirstOrDefault(r => r.State == ToolKeyStates.Next) is { } existing) return new Result(null, ListToolKeys.KeyView.From(existing));
            var current = ToolKeySchedule.Signing(rows.Select(ToolKeyStore.Status))!;
            var created = await store.PublishNextAsync(current.Kid, cancellationToken);
            await loader.LoadAsync(store, cancellationToken);
            if (created is not null) return new Result(null, ListToolKeys.KeyView.From(created), Created: true);
            // Someone else published one (or rotated) in between: show theirs, or say the keys moved.
            var theirs = (await store.ListAsync(cancellationToken)).FirstOrDefault(r => r.State == ToolKeyStates.Next);
            return theirs is null ? new Result(ToolKeyErrors.Changed) : new Result(null, ListToolKeys.KeyView.From(theirs));
        }
    }
}
