using LtiTool.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LtiTool.Web.Features.Admin.Audit;

/// <summary>A registration a tool-wide administrator can narrow the audit pages to.</summary>
public sealed record PlatformChoice(string Id, string Name, string Issuer, string ClientId)
{
    public static async Task<IReadOnlyList<PlatformChoice>> ListAsync(LtiToolDbContext db, CancellationToken cancellationToken) =>
        await db.Platforms.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new PlatformChoice(p.Id, p.Name, p.Issuer, p.ClientId)).ToListAsync(cancellationToken);
}
