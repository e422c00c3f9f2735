using LtiTool.Lti.Keys;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>The tool's keys with their state and dates, oldest first; never key material.</summary>
public static class ListToolKeys
{
    public sealed record Query : IQuery<Result>;

    /// <summary>
    /// A key as shown; file-managed keys are Current (the one that signs) or Published. A revoked key says when it
    /// was revoked and by whom (the actor of its audit entry, when the caller looked it up).
    /// </summary>
    public sealed record KeyView(string Kid, string State, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? RetiredAt,
        DateTimeOffset? RemoveAfter, DateTimeOffset? RevokedAt = null, string? RevokedBy = null)
    {
        public static KeyView From(ToolKeyEntity row, string? revokedBy = null)
        {
            var s = ToolKeyStore.Status(row);
            var revoked = s.State == ToolKeyState.Revoked;
            return new KeyView(row.Kid, row.State, s.CreatedAt, s.ActivatedAt, s.RetiredAt, revoked ? null : s.RemoveAfter,
                revoked ? s.RemoveAfter : null, revoked ? revokedBy : null);
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
            var rows = await store.ListAsync(cancellationToken);
            var revokers = rows.Any(r => r.State == ToolKeyStates.Revoked) ? await store.RevokersAsync(cancellationToken) : new Dictionary<string, string>();
            return new Result(false, rows.Select(r => KeyView.From(r, revokers.GetValueOrDefault(r.Kid))).ToList());
        }
    }
}
