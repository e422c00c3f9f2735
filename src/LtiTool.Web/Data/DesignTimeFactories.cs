using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LtiTool.Web.Data;

// Used by `dotnet ef migrations add` only: each provider keeps its own migrations folder.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLtiToolDbContext>
{
    public SqliteLtiToolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLtiToolDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLtiToolDbContext>
{
    public PostgresLtiToolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLtiToolDbContext>().UseNpgsql("Host=localhost;Database=ltitool_design").Options);
}
