using LtiTool.Lti.Claims;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Roles;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Roles;
using Microsoft.Extensions.Options;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Launch;

/// <summary>
/// Keeps a validated launch: one launch record per launch (never a single "current context" per user), and
/// the user, context and enrolment it shows, upserted in the same transaction.
/// </summary>
public static class RecordLaunch
{
    public sealed record Command(LaunchValidationResult Launch, string Transport) : ICommand<Result>;

    public sealed record Result(
        Guid LaunchId,
        Guid? UserId,
        Guid? ContextId,
        string? UserName,
        string? ContextTitle,
        IReadOnlyList<string> Roles,
        IReadOnlyList<string> Permissions);

    public sealed class Handler(LtiToolDbContext db, TimeProvider time, IOptions<RoleOptions> roleOptions, PermissionMatrix matrix, LaunchIdentityCache identities) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = command.Launch.Message!;
            var registration = command.Launch.Registration!;
            var roles = RoleMap.Map(LisRole.ParseAll(message.Roles), RoleMap.CanvasRoleNames(message.Custom, roleOptions.Value), roleOptions.Value).Roles;
            var launch = new Incoming(command, message, registration, roles, string.Join(' ', roles), string.Join(' ', message.Roles));
            LaunchIdentityCache.Key? key = message is { Subject: { } subject, Context: { } context } ? new(registration.Id, subject, context.Id) : null;

            if (key is { } cachedKey && identities.Find(cachedKey) is { } entry && Unchanged(entry, launch))
            {
                try
                {
                    return await SaveRecordOnlyAsync(launch, entry, cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // The cached rows are gone (or changed under us): forget them and take the long way.
                    identities.Forget(cachedKey);
                    db.ChangeTracker.Clear();
                }
            }

            try
            {
                return await SaveAsync(launch, key, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two first launches of the same user or course raced on a unique key: the other one won,
                // so the rows exist now and a second pass updates them.
                db.ChangeTracker.Clear();
                return await SaveAsync(launch, key, cancellationToken);
            }
        }

        private sealed record Incoming(Command Command, LaunchMessage Message, PlatformRegistration Registration, IReadOnlyList<string> Roles, string InternalRoles, string LisRoles);

        // A launch leaves a field out when the privacy level hides it; the upsert keeps what it knew, so a
        // missing value never differs from the cached one.
        private static bool Unchanged(LaunchIdentityCache.Entry entry, Incoming launch)
        {
            var m = launch.Message;
            var c = m.Context!;
            return Same(m.Name, entry.Name) && Same(m.GivenName, entry.GivenName) && Same(m.FamilyName, entry.FamilyName)
                && Same(m.Email, entry.Email) && Same(m.Picture, entry.Picture)
                && Same(c.Label, entry.Label) && Same(c.Title, entry.Title) && (c.Types.Count == 0 || string.Join(' ', c.Types) == entry.Types)
                && launch.LisRoles == entry.Roles && launch.InternalRoles == entry.InternalRoles;

            static bool Same(string? sent, string? known) => sent is null || sent == known;
        }

        private async Task<Result> SaveRecordOnlyAsync(Incoming launch, LaunchIdentityCache.Entry entry, CancellationToken cancellationToken)
        {
            var record = NewRecord(launch, entry.UserId, entry.ContextId);
            db.LaunchRecords.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(record.Id, entry.UserId, entry.ContextId, UserEntity.DisplayName(entry.Name, entry.GivenName, entry.FamilyName) ?? entry.Email,
                entry.Title ?? entry.Label, launch.Roles, matrix.For(launch.Registration, launch.Roles));
        }

        private async Task<Result> SaveAsync(Incoming launch, LaunchIdentityCache.Key? key, CancellationToken cancellationToken)
        {
            var message = launch.Message;
            var registration = launch.Registration;
            var now = time.GetUtcNow().UtcDateTime;

            var known = await FindKnownAsync(registration.Id, message.Subject, message.Context?.Id, cancellationToken);
            var user = message.Subject is { } subject ? UpsertUser(known.User, registration.Id, subject, message, now) : null;
            var context = message.Context is { } claim ? UpsertContext(known.Context, registration.Id, message.DeploymentId!, claim, now) : null;
            // Read before the save: a roster sync that lands between the read and the save makes this entry
            // stale at once, rather than letting it look current.
            var generation = context is null ? 0 : identities.GenerationOf(context.Id);
            if (user is not null && context is not null)
                UpsertEnrolment(known.Enrolment, context.Id, user.Id, launch.LisRoles, launch.InternalRoles, now);

            var record = NewRecord(launch, user?.Id, context?.Id);
            db.LaunchRecords.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            if (key is { } k && user is not null && context is not null)
            {
                identities.Remember(k, new LaunchIdentityCache.Entry(user.Id, context.Id, user.Name, user.GivenName, user.FamilyName, user.Email, user.Picture,
                    context.Label, context.Title, context.Types, launch.LisRoles, launch.InternalRoles, generation));
            }
            return new Result(record.Id, user?.Id, context?.Id, DisplayName(user), context?.Title ?? context?.Label, launch.Roles, matrix.For(registration, launch.Roles));
        }

        private LaunchRecordEntity NewRecord(Incoming launch, Guid? userId, Guid? contextId)
        {
            var message = launch.Message;
            var state = launch.Command.Launch.State;
            var ags = message.Ags;
            return new LaunchRecordEntity
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                PlatformId = launch.Registration.Id,
                DeploymentId = message.DeploymentId!,
                MessageType = message.MessageType!,
                UserId = userId,
                ContextId = contextId,
                ResourceLinkId = message.ResourceLink?.Id,
                ResourceLinkTitle = message.ResourceLink?.Title,
                Roles = launch.LisRoles,
                InternalRoles = launch.InternalRoles,
                CustomJson = message.RawJson(LtiClaimTypes.Custom),
                AgsLineItemsUrl = ags?.LineItems,
                AgsLineItemUrl = ags?.LineItem,
                AgsScopes = ags is null ? null : string.Join(' ', ags.Scopes),
                NrpsMembershipsUrl = message.Nrps?.ContextMembershipsUrl,
                PresentationJson = message.RawJson(LtiClaimTypes.LaunchPresentation),
                DeepLinkingSettingsJson = message.RawJson(LtiClaimTypes.DeepLinkingSettings),
                Placement = message.CanvasPlacement,
                TargetLinkUri = message.TargetLinkUri,
                StorageTarget = state?.StorageTarget,
                CanvasRegion = state?.CanvasRegion,
                CanvasEnvironment = state?.CanvasEnvironment,
                Transport = launch.Command.Transport,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
        }

        private sealed record Known(UserEntity? User, ContextEntity? Context, EnrolmentEntity? Enrolment);


        // A repeat launch finds its context, user and enrolment in one round trip; only a launch into a
        // course the tool has not seen yet needs a second query for the user.
        private async Task<Known> FindKnownAsync(string platformId, string? subject, string? contextKey, CancellationToken cancellationToken)
        {
            if (contextKey is not null)
            {
                var known = db switch
                {
                    SqliteLtiToolDbContext sqlite => await KnownQuery<SqliteLtiToolDbContext>.Find(sqlite, platformId, subject, contextKey, cancellationToken),
                    PostgresLtiToolDbContext postgres => await KnownQuery<PostgresLtiToolDbContext>.Find(postgres, platformId, subject, contextKey, cancellationToken),
                    _ => throw new NotSupportedException($"No compiled launch query for {db.GetType().Name}."),
                };
                if (known is not null) return known;
            }
            var user = subject is null ? null : await db.Users.FirstOrDefaultAsync(u => u.PlatformId == platformId && u.Subject == subject, cancellationToken);
            return new Known(user, null, null);
        }

        // Compiled: EF's per-call work on this three-way join (cache key, parameters) cost ~0.2 ms of CPU per
        // launch. A compiled query binds to the first model it meets, so there is one per concrete context
        // type: each provider's context has its own model, and one process may host both (the tests do).
        private static class KnownQuery<TContext> where TContext : LtiToolDbContext
        {
            public static readonly Func<TContext, string, string?, string, CancellationToken, Task<Known?>> Find =
                EF.CompileAsyncQuery((TContext db, string platformId, string? subject, string contextKey, CancellationToken _) =>
                    // Plain LEFT JOINs: SQLite has no APPLY, so no entity subqueries in the projection.
                    (from c in db.Contexts
                     where c.PlatformId == platformId && c.ContextKey == contextKey
                     from u in db.Users.Where(u => u.PlatformId == platformId && u.Subject == subject).DefaultIfEmpty()
                     from e in db.Enrolments.Where(e => e.ContextId == c.Id && e.UserId == u!.Id).DefaultIfEmpty()
                     select new Known(u, c, e)).FirstOrDefault());
        }

        private UserEntity UpsertUser(UserEntity? user, string platformId, string subject, LaunchMessage message, DateTime now)
        {
            if (user is null)
            {
                user = new UserEntity { Id = Guid.CreateVersion7(time.GetUtcNow()), PlatformId = platformId, Subject = subject, CreatedAt = now };
                db.Users.Add(user);
            }
            // Privacy levels change what a platform sends: keep what we knew when a launch leaves a field out.
            user.Name = message.Name ?? user.Name;
            user.GivenName = message.GivenName ?? user.GivenName;
            user.FamilyName = message.FamilyName ?? user.FamilyName;
            user.Email = message.Email ?? user.Email;
            user.Picture = message.Picture ?? user.Picture;
            Touch(user, now, (u, t) => u.UpdatedAt = t);
            return user;
        }

        private ContextEntity UpsertContext(ContextEntity? context, string platformId, string deploymentId, ContextClaim claim, DateTime now)
        {
            if (context is null)
            {
                context = new ContextEntity { Id = Guid.CreateVersion7(time.GetUtcNow()), PlatformId = platformId, DeploymentId = deploymentId, ContextKey = claim.Id, CreatedAt = now };
                db.Contexts.Add(context);
            }
            context.Label = claim.Label ?? context.Label;
            context.Title = claim.Title ?? context.Title;
            context.Types = claim.Types.Count > 0 ? string.Join(' ', claim.Types) : context.Types;
            Touch(context, now, (c, t) => c.UpdatedAt = t);
            return context;
        }

        private void UpsertEnrolment(EnrolmentEntity? enrolment, Guid contextId, Guid userId, string roles, string internalRoles, DateTime now)
        {
            if (enrolment is null)
            {
                enrolment = new EnrolmentEntity { Id = Guid.CreateVersion7(time.GetUtcNow()), ContextId = contextId, UserId = userId, Roles = roles, InternalRoles = internalRoles, CreatedAt = now, UpdatedAt = now };
                db.Enrolments.Add(enrolment);
            }
            enrolment.Roles = roles;
            enrolment.InternalRoles = internalRoles;
            Touch(enrolment, now, (e, t) => e.UpdatedAt = t);
        }

        // Rows are rewritten only when the launch changed them (the launch record already says when each
        // launch happened), so a repeat launch costs reads and one insert.
        private void Touch<T>(T entity, DateTime now, Action<T, DateTime> setUpdatedAt) where T : class
        {
            var entry = db.Entry(entity);
            if (entry.State == EntityState.Added || entry.Properties.Any(p => p.IsModified)) setUpdatedAt(entity, now);
        }

        private static string? DisplayName(UserEntity? user) => user is null
            ? null
            : UserEntity.DisplayName(user.Name, user.GivenName, user.FamilyName) ?? user.Email;
    }
}
