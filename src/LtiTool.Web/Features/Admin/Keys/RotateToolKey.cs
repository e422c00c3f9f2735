using LtiTool.Lti.AspNetCore;
using LtiTool.Lti.Keys;
using LtiTool.Lti.Launch;
using LtiTool.Web.Data.Entities;
using Mediator;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Admin.Keys;

/// <summary>
/// Rotates now: the Next key (made on the spot when there is none) signs from now on, and the Current key is
/// retired, published for the grace period. A Next key published only just now may be unknown to platforms
/// that cached the JWKS shortly before, so the answer then carries a warning.
/// </summary>
public static class RotateToolKey
{
    public sealed record Command : ICommand<Result>;

    public sealed record Result(LtiError? Error, ListToolKeys.KeyView? Current = null, ListToolKeys.KeyView? Retired = null, string? Warning = null);

    public sealed class Handler(ToolKeyStore store, ToolKeyRingLoader loader, TimeProvider time, IOptions<ToolKeyOptions> options)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (options.Value.FileManaged) return new Result(ToolKeyErrors.FileManaged);
            await store.EnsureCurrentAsync(cancellationToken);
            var keys = (await store.ListAsync(cancellationToken)).Select(ToolKeyStore.Status).ToList();
            var current = ToolKeySchedule.Signing(keys)!;
            var next = keys.Where(k => k.State == ToolKeyState.Next).MinBy(k => k.CreatedAt)?.Kid
                ?? (await store.PublishNextAsync(current.Kid, cancellationToken))?.Kid;
            var promoted = next is not null && await store.PromoteAsync(new ToolKeyPromotion(current.Kid, next), cancellationToken);
            await loader.LoadAsync(store, cancellationToken);
            if (!promoted) return new Result(ToolKeyErrors.Changed);

            var rows = await store.ListAsync(cancellationToken);
            var newCurrent = rows.Single(r => r.Kid == next);
            var publishedFor = time.GetUtcNow() - ToolKeyStore.Status(newCurrent).CreatedAt;
            var safe = LtiLaunchDefaults.JwksMaxAge + options.Value.Rotation.CheckInterval;
            var warning = publishedFor >= safe ? null
                : $"Key {next} was published {Minutes(publishedFor)} before it started signing. Platforms that cached the JWKS in the last " +
                  $"{Minutes(LtiLaunchDefaults.JwksMaxAge)} may not know its kid until their cache expires. Next time publish a next key first " +
                  $"(keys rotate --publish-next, or \"Publish next key\"), wait at least {Minutes(safe)}, then rotate.";
            return new Result(null, ListToolKeys.KeyView.From(newCurrent), ListToolKeys.KeyView.From(rows.Single(r => r.Kid == current.Kid)), warning);
        }

        private static string Minutes(TimeSpan span) => span < TimeSpan.FromMinutes(1)
            ? $"{(int)span.TotalSeconds} seconds"
            : $"{(int)span.TotalMinutes} minutes";
    }
}
