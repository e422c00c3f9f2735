using LtiTool.Web.Features.Launch;
using LtiTool.Lti.Launch;
using LtiTool.Lti.Platforms;
using LtiTool.Lti.Roles;
using LtiTool.Lti.Services;
using LtiTool.Lti.Services.Nrps;
using LtiTool.Web.Data;
using LtiTool.Web.Data.Entities;
using LtiTool.Web.Features.Roles;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiTool.Web.Features.Roster;

/// <summary>
/// Reads a course's roster from the platform (NRPS) into users and enrolments. Pages are upserted as they
/// arrive, one batch per page, so memory stays flat for any course size. Members missing from a complete
/// read are marked Left, never deleted; a read that fails part-way marks nobody and keeps the last good time.
/// </summary>
public static class SyncRoster
{
    public sealed record Command(Guid ContextId) : ICommand<Result>;

    public sealed record Result(LtiError? Error, int Members = 0, int Added = 0, int Left = 0, DateTime? SyncedAt = null)
    {
        public bool Succeeded => Error is null;
    }

    public static readonly LtiError NrpsNotOffered = new("nrps_not_offered", 409, "No roster service for this course",
        "No launch from this course carried the Names and Role Provisioning claim. Check that the developer key has the NRPS scope, then launch the tool from the course once.");

    public sealed class Handler(LtiToolDbContext db, IPlatformStore platforms, NrpsClient nrps, TimeProvider time, IOptions<RoleOptions> roleOptions,
        LaunchIdentityCache identities)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var context = await db.Contexts.FirstOrDefaultAsync(c => c.Id == command.ContextId, cancellationToken);
            // The endpoint comes from the newest launch of the course that carried it, so a sync works days later.
            var url = await db.LaunchRecords.Where(l => l.ContextId == command.ContextId && l.NrpsMembershipsUrl != null)
                .OrderByDescending(l => l.CreatedAt).Select(l => l.NrpsMembershipsUrl).FirstOrDefaultAsync(cancellationToken);
            if (context is null || url is null) return new Result(NrpsNotOffered);
            var registration = await platforms.FindByIdAsync(context.PlatformId, cancellationToken);
            if (registration is null) return new Result(LtiErrors.UnknownPlatform);

            var seen = new HashSet<Guid>();
            var added = 0;
            try
            {
                await foreach (var page in nrps.ReadAsync(registration, new Uri(url), new MembershipQuery(), cancellationToken))
                {
                    added += await UpsertPageAsync(context, page.Members, seen, cancellationToken);
                }
            }
            catch (LtiServiceException e)
            {
                identities.ForgetContext(command.ContextId);  // pages before the failure were upserted
                await RecordFailureAsync(command.ContextId, e.Error, cancellationToken);
                return new Result(e.Error);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var left = await db.Enrolments
                .Where(e => e.ContextId == command.ContextId && e.Status == EnrolmentStatus.Active && !seen.Contains(e.UserId))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EnrolmentStatus.Left).SetProperty(e => e.UpdatedAt, now), cancellationToken);
            await db.Contexts.Where(c => c.Id == command.ContextId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RosterSyncedAt, now).SetProperty(c => c.RosterSyncError, (string?)null), cancellationToken);
            identities.ForgetContext(command.ContextId);
            return new Result(null, seen.Count, added, left, now);
        }

        private async Task<int> UpsertPageAsync(ContextEntity context, IReadOnlyList<Membership> members, HashSet<Guid> seen, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var subjects = members.Select(m => m.UserId).ToList();
            var users = await db.Users.Where(u => u.PlatformId == context.PlatformId && subjects.Contains(u.Subject))
                .ToDictionaryAsync(u => u.Subject, StringComparer.Ordinal, cancellationToken);
            var userIds = users.Values.Select(u => u.Id).ToList();
            var enrolments = await db.Enrolments.Where(e => e.ContextId == context.Id && userIds.Contains(e.UserId))
                .ToDictionaryAsync(e => e.UserId, cancellationToken);
            var added = 0;
            foreach (var member in members)
            {
                if (!users.TryGetValue(member.UserId, out var user))
                {
                    user = new UserEntity { Id = Guid.CreateVersion7(time.GetUtcNow()), PlatformId = context.PlatformId, Subject = member.UserId, CreatedAt = now, UpdatedAt = now };
                    db.Users.Add(user);
                    users[member.UserId] = user;
                }
                // NRPS sends what the privacy level allows; keep what a launch told us when a field is absent.
                user.Name = member.Name ?? user.Name;
                user.GivenName = member.GivenName ?? user.GivenName;
                user.FamilyName = member.FamilyName ?? user.FamilyName;
                user.Email = member.Email ?? user.Email;
                user.Picture = member.Picture ?? user.Picture;
                if (db.Entry(user).State == EntityState.Modified) user.UpdatedAt = now;

                var roles = string.Join(' ', member.Roles);
                var internalRoles = string.Join(' ', RoleMap.Map(LisRole.ParseAll(member.Roles), [], roleOptions.Value).Roles);
                if (!enrolments.TryGetValue(user.Id, out var enrolment))
                {
                    db.Enrolments.Add(new EnrolmentEntity { Id = Guid.CreateVersion7(time.GetUtcNow()), ContextId = context.Id, UserId = user.Id, Roles = roles, InternalRoles = internalRoles, CreatedAt = now, UpdatedAt = now });
                    added++;
                }
                else
                {
                    enrolment.Roles = roles;
                    // A launch may have refined the role with a Canvas role name NRPS does not send: keep it.
                    if (enrolment.InternalRoles.Length == 0) enrolment.InternalRoles = internalRoles;
                    enrolment.Status = EnrolmentStatus.Active;
                    if (db.Entry(enrolment).State == EntityState.Modified) enrolment.UpdatedAt = now;
                }
                seen.Add(user.Id);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return added;
        }

        private async Task RecordFailureAsync(Guid contextId, LtiError error, CancellationToken cancellationToken)
        {
            db.ChangeTracker.Clear();
            var reason = (error.Code + ": " + error.Description) is var r && r.Length > 2000 ? r[..2000] : r;
            await db.Contexts.Where(c => c.Id == contextId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RosterSyncError, reason), cancellationToken);
        }
    }
}
