namespace LtiTool.Web.Data;

/// <summary>The database, bound from <c>Data</c>; the connection string is <c>ConnectionStrings:LtiTool</c>.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Sqlite (default, embedded) or Postgres (for several instances).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Apply pending migrations at start-up (default true).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
