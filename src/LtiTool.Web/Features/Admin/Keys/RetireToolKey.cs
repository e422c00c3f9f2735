using LtiTool.Lti.Launch;
using LtiTool.Web.Data.Entities;
using Mediator;
using LtiTool.Lti.Keys;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// Retires a Next key now (e.g. one published by mistake): it stays published for the grace period and is then
/// removed. The Current key is only retired by a rotation, so the tool always has a key to sign with.
/// </summary>
public static class RetireToolKey
{
    public sealed record Command(string Kid) : ICommand<Result>;

    public sealed record Result(LtiError? Error, ListToolKeys.KeyView? Key = null);

    public sealed class Handler(ToolKeyStore store, ToolKeyRingLoader loader, IOptions<ToolKeyOptions> options) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (options.Value.FileManaged) return new Result(ToolKeyErrors.FileManaged);
            var row = (await store.ListAsync(cancellationToken)).FirstOrDefault(r => r.Kid == command.Kid);
            if (row is null) return new Result(ToolKeyErrors.NotFound);
            if (row.State == ToolKeyStates.Current) return new Result(ToolKeyErrors.IsCurrent);
            if (row.State != ToolKeyStates.Next) return new Result(ToolKeyErrors.AlreadyRetired);
            var retired = await store.RetireAsync(row.Kid, row.State, cancellationToken);
            await loader.LoadAsync(store, cancellationToken);
            if (!retired) return new Result(ToolKeyErrors.Changed);
            var after = (await store.ListAsync(cancellationToken)).Single(r => r.Kid == row.Kid);
            return new Result(null, ListToolKeys.KeyView.From(after));
        }
    }
}
