using LtiTool.Lti.Keys;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>The tool's keys with their state and dates, oldest first; never key material.</summary>
public static class ListToolKeys
{
    public sealed record Query : IQuery<Result>;

    /// <summary>A key as shown; file-managed keys are Current (the one that signs) or Published.</summary>
    public sealed record KeyView(string Kid, string State, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? RetiredAt,
        DateTimeOffset? RemoveAfter)
    {
        public static KeyView From(ToolKeyEntity row)
        {
            var s = ToolKeyStore.Status(row);
            return new KeyView(row.Kid, row.State, s.CreatedAt, s.ActivatedAt, s.RetiredAt, s.RemoveAfter);
        }
    }

    public sealed record Result(bool FileManaged, IReadOnlyList<KeyView> Keys);

    public const string Published = "Published";

    public sealed class Handler(ToolKeyStore store, ToolKeyRing ring, IOptions<ToolKeyOptions> options) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (options.Value.FileManaged)
            {
                var set = ring.Keys;
                return new Result(true, set.Published.Select(k => k == set.SigningKey
                    ? new KeyView(k.Kid, ToolKeyStates.Current, k.CreatedAt, k.CreatedAt, null, null)
                    : new KeyView(k.Kid, Published, k.CreatedAt, null, null, null)).ToList());
            }
            return new Result(false, (await store.ListAsync(cancellationToken)).Select(KeyView.From).ToList());
        }
    }
}
